"""Where ``mga build`` may put the site: never where its own sources are.

A site written into the docs folder is copied into the next build's pages
(and so into itself, once more on every build); one written into the
agreements folder mixes generated files with the agreements. The output folder
is refused, before anything is written, when it lies inside either folder or
is one of them.
"""

from __future__ import annotations

from pathlib import Path

from mga_tools.errors import UsageError


def check_output_place(out: Path, project: Path, sources: dict[str, str], shown: Path) -> None:
    """Raise :class:`UsageError` when ``out`` is, or lies inside, one of the ``sources`` folders.

    ``sources`` maps a description (``"docs folder"``) to a folder relative to ``project``.
    """
    resolved = out.resolve()
    for name, folder in sources.items():
        source = (project / folder).resolve()
        if resolved == source or source in resolved.parents:
            raise UsageError(
                f"{shown}: the output folder cannot be inside the {name} ({folder}/), which the site "
                "is built from; choose another --out, e.g. site"
            )
