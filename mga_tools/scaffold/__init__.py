"""Scaffold: start a new agreement, or the records beside one, from a commented template (``mga new``)."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path

from mga_tools.errors import UsageError
from mga_tools.outputs import write_atomic

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def render(slug: str, title: str | None = None) -> str:
    """The template text for ``slug``; ``title`` is written as a quoted YAML string."""
    if not _SLUG.match(slug) or len(slug) > 80:
        raise UsageError(f"'{slug}' is not a valid id: use lower-case letters, digits and single hyphens")
    heading = title or slug.replace("-", " ").capitalize()
    template = files("mga_tools.scaffold").joinpath("template.yaml").read_text(encoding="utf-8")
    # A JSON string is a valid YAML double-quoted scalar: any title stays text.
    return template.replace("__SLUG__", slug).replace("__TITLE__", json.dumps(heading, ensure_ascii=False))


def scaffold(slug: str, folder: Path, *, title: str | None = None) -> Path:
    """Write ``folder/SLUG.yaml``; never overwrites an existing file."""
    text = render(slug, title)
    path = folder / f"{slug}.yaml"
    try:
        # Through a temporary file: a full disk leaves no empty file that would block a retry.
        write_atomic(path, text.encode("utf-8"), replace=False)
    except FileExistsError:
        raise UsageError(f"{path.as_posix()} already exists; choose another id or edit that file") from None
    return path


# The records that can be started beside an agreement, by kind: the template's name and the file's suffix.
RECORDS = {"observations": ".observations.yaml", "disputes": ".disputes.yaml"}


def scaffold_records(slug: str, folder: Path, kind: str) -> Path:
    """Write ``folder/SLUG.observations.yaml`` or ``SLUG.disputes.yaml`` (``kind``) beside the agreement.

    The agreement ``folder/SLUG.yaml`` must exist; an existing file is never overwritten.
    """
    if not _SLUG.match(slug) or len(slug) > 80:
        raise UsageError(f"'{slug}' is not a valid id: use lower-case letters, digits and single hyphens")
    agreement = folder / f"{slug}.yaml"
    if not agreement.is_file():
        raise UsageError(f"{agreement.as_posix()} does not exist; {kind} are kept beside their agreement")
    template = files("mga_tools.scaffold").joinpath(f"{kind}.yaml").read_text(encoding="utf-8")
    path = folder / f"{slug}{RECORDS[kind]}"
    try:
        write_atomic(path, template.replace("__SLUG__", slug).encode("utf-8"), replace=False)
    except FileExistsError:
        raise UsageError(f"{path.as_posix()} already exists; edit that file") from None
    return path
