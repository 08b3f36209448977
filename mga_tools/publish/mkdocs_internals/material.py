"""Material's search index and tags listings, as the page cache needs them.

A cached page's Markdown is replaced by nothing, so the search plugin would
index an empty page: :func:`route_search` makes the index take the page's
cached entries instead, and keeps the entries of every page built afresh
for the cache. :func:`is_tags_listing` tells which pages show every page's
tags, so that the cache keys them by every page's front matter.
"""

from __future__ import annotations

import re
from typing import Any

# Material's default listings directive (the tags plugin's ``listings_directive``).
_LISTING = re.compile(r"<!--\s*material/tags")


def is_tags_listing(markdown: str) -> bool:
    """Whether the page holds a tags listing, whose HTML shows the tags of every page."""
    return _LISTING.search(markdown) is not None


def _search_index(config: Any) -> Any:
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None:
            return getattr(plugin, "search_index", None)
    return None


def route_search(config: Any, hits: dict[str, dict[str, Any]], misses: dict[str, dict[str, Any]]) -> bool:
    """Route the search plugin's indexing through the page cache; false if its index is not the known one.

    ``hits`` maps a cached page's ``src_uri`` to its entry, whose ``search``
    entries are added instead of indexing the page; ``misses`` maps a page
    built afresh to a dict that receives its new entries under ``search``.
    Call it once every plugin's ``on_config`` has run (the index exists then).
    """
    index = _search_index(config)
    if index is None or not hasattr(index, "entries") or not hasattr(index, "add_entry_from_context"):
        return False
    original = index.add_entry_from_context

    def add_entry_from_context(page: Any) -> None:
        hit = hits.get(page.file.src_uri)
        if hit is not None:
            index.entries.extend(hit["search"])  # parsed from the cache entry for this build alone
            return
        before = len(index.entries)
        original(page)
        miss = misses.get(page.file.src_uri)
        if miss is not None:
            # Serialized in on_post_page, before anything else can touch the entries.
            miss["search"] = index.entries[before:]

    index.add_entry_from_context = add_entry_from_context
    return True
