"""A cached page skips mkdocs' Markdown converter (mkdocs ``Page`` internals).

mkdocs builds a Markdown converter with every extension for each page (a few
milliseconds each). For a page whose HTML comes from the page cache, the
hooks replace its Markdown by nothing; the result of converting nothing is
known, so :func:`skip_conversion` sets it without building a converter.
"""

from __future__ import annotations

import logging
from typing import Any

from mkdocs.structure.toc import get_toc

# What mkdocs 1.6's Page.render sets besides content and toc; all must exist for the shortcut.
_RENDERED = ("_title_from_render", "present_anchor_ids", "links_to_anchors")


def skip_conversion(page: Any) -> None:
    """Give ``page`` what converting empty Markdown would: no content, an empty table of contents, no title or anchors.

    Should mkdocs' page no longer have these fields, the page is converted as usual.
    """
    if not all(hasattr(page, name) for name in _RENDERED):
        return

    def render(config: Any, files: Any) -> None:
        page.content = ""
        page.toc = get_toc([])
        page._title_from_render = None
        page.present_anchor_ids = set()
        # As mkdocs' own render: at its DEBUG level the links stay unset.
        if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = {}

    page.render = render
