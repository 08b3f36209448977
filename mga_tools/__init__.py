"""mga-tools: negotiated agreements as code, following the Mutual Gains Approach."""

from __future__ import annotations

__version__ = "0.1.0"
