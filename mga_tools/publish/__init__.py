"""Publish: the agreements as a mkdocs-material site (``mga build``, ``mga serve``).

The library reports progress through a callback and returns results; it
never prints and never exits.
"""

from __future__ import annotations

from typing import Any

__all__ = ["BuildError", "BuildResult", "build_site", "generate_tree", "write_config"]


def __getattr__(name: str) -> Any:
    # Imported on first use: the mkdocs hooks import a sibling module of this
    # package inside every mkdocs run and must not pay for the whole build.
    if name in __all__:
        from mga_tools.publish import build

        return getattr(build, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
