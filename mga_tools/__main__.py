"""Allow ``python -m mga_tools``."""

from __future__ import annotations

from mga_tools.cli import run

run()
