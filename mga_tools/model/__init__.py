"""Model: a read-only view of a validated agreement, for rendering and records.

The validator works on raw data and tolerates anything; the model assumes an
agreement without errors and offers what renderers need: lookups by id,
names for ids, and the cross-references of the four phases.
"""

from __future__ import annotations

from mga_tools.model.agreement import Agreement
from mga_tools.model.canonical import canonical_bytes, fingerprint

__all__ = ["Agreement", "canonical_bytes", "fingerprint"]
