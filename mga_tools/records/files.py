"""Replacing files so that no reader ever sees half of one (see :mod:`mga_tools.outputs`)."""

from __future__ import annotations

from mga_tools.outputs import write_atomic

__all__ = ["write_atomic"]
