"""The one canonical serialization of an agreement, and its fingerprint.

Canonical form: the agreement as loaded (YAML 1.2, so every value is text,
a number, true/false, null, a list or a mapping), written as JSON with keys
sorted, no insignificant white space, non-ASCII characters as themselves,
encoded as UTF-8. Comments, key order, quoting style and line layout of the
YAML file do not change it; any change of content does. The fingerprint is
the SHA-256 of the canonical form, in lower-case hexadecimal.

The fingerprint of an agreement is taken over its content without the
``seal`` field, which records that very fingerprint, and without the
``tags``, which only file the agreement on the site (like a library's
shelf mark, they may change after signature without touching what was
agreed; the signable document leaves them out too) (:func:`fingerprint`);
:func:`digest` hashes any data as it is.
"""

from __future__ import annotations

import hashlib
import json

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from typing import Any


def canonical_bytes(data: Any) -> bytes:
    """The canonical form of ``data`` (see the module docstring)."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


SEAL = "seal"  # the field that records the fingerprint; never part of it
# The top-level fields outside the signed content (see the module docstring).
UNSIGNED = frozenset({SEAL, "tags"})


def digest(data: Any) -> str:
    """SHA-256 of the canonical form of ``data``, as 64 lower-case hex digits."""
    return hashlib.sha256(canonical_bytes(data)).hexdigest()


def fingerprint(data: Any) -> str:
    """The fingerprint of an agreement: :func:`digest` of its content without the ``seal`` and ``tags`` fields."""
    if isinstance(data, dict) and not UNSIGNED.isdisjoint(data):
        data = {key: value for key, value in data.items() if key not in UNSIGNED}
    return digest(data)
