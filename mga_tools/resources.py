"""Where the schema, the policy and other shipped files live.

In a checkout they are the top-level ``schema/`` folder; an installed wheel
carries the same files inside the package as ``mga_tools/_schema``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from typing import Any

_PACKAGE = Path(__file__).resolve().parent


def schema_dir() -> Path:
    """The folder holding ``agreement.schema.json`` and ``policy.yaml``."""
    bundled = _PACKAGE / "_schema"
    if bundled.is_dir():
        return bundled
    return _PACKAGE.parent / "schema"


@cache
def agreement_schema() -> dict[str, Any]:
    """The agreement JSON Schema."""
    return json.loads((schema_dir() / "agreement.schema.json").read_text(encoding="utf-8"))


@cache
def policy_schema() -> dict[str, Any]:
    """The JSON Schema of the policy file."""
    return json.loads((schema_dir() / "policy.schema.json").read_text(encoding="utf-8"))


@cache
def scores_schema() -> dict[str, Any]:
    """The JSON Schema of a score file, self-contained.

    The file refers to the agreement schema's definitions (so that editors
    resolve it beside ``agreement.schema.json``); here those references
    point at a copy of the definitions, so the validator needs no registry.
    """
    text = (schema_dir() / "scores.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text.replace('"agreement.schema.json#/$defs/', '"#/$defs/'))
    loaded["$defs"] = agreement_schema()["$defs"]
    return loaded


def _companion_schema(name: str) -> dict[str, Any]:
    """A companion file's schema made self-contained, as :func:`scores_schema` does (its own ``$defs`` kept)."""
    text = (schema_dir() / name).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text.replace('"agreement.schema.json#/$defs/', '"#/$defs/'))
    loaded["$defs"] = {**agreement_schema()["$defs"], **loaded.get("$defs", {})}
    return loaded


@cache
def observations_schema() -> dict[str, Any]:
    """The JSON Schema of an observations file (``ID.observations.yaml``, and a CSV export read as one)."""
    return _companion_schema("observations.schema.json")


@cache
def disputes_schema() -> dict[str, Any]:
    """The JSON Schema of a disputes file (``ID.disputes.yaml``)."""
    return _companion_schema("disputes.schema.json")
