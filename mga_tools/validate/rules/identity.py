"""Identity: the agreement's id names its file, and ids are unique."""

from __future__ import annotations

from collections.abc import Iterator

from mga_tools.validate.registry import Context, Finding, rule


@rule("ID-FILENAME", group="identity")
def id_matches_file(ctx: Context) -> Iterator[Finding]:
    """The agreement's id equals its file name without the extension."""
    ident = ctx.data.get("id")
    stem = ctx.doc.path.stem
    if isinstance(ident, str) and ident != stem:
        yield Finding(
            ("id",),
            f"id '{ident}' does not match the file name '{ctx.doc.path.name}'; rename one of them "
            "(mga rename sets both)",
        )


@rule("ID-DUPLICATE", group="identity")
def unique_ids(ctx: Context) -> Iterator[Finding]:
    """Every id is defined once in the agreement (one namespace for all kinds)."""
    for entry in ctx.index.entries:
        first = ctx.index.by_id[entry.id]
        if first is not entry:
            line = ctx.doc.position((*first.pointer, "id"))[0]
            yield Finding(
                (*entry.pointer, "id"),
                f"id '{entry.id}' is already used by the {first.kind} at line {line}; ids must be unique",
            )
