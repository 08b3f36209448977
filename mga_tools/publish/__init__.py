"""Publish: the agreements as a mkdocs-material site (``mga build``, ``mga serve``).

The library reports progress through a callback and returns results; it
never prints and never exits.
"""

from __future__ import annotations

from mga_tools.publish.build import BuildError, BuildResult, build_site, generate_tree, write_config

__all__ = ["BuildError", "BuildResult", "build_site", "generate_tree", "write_config"]
