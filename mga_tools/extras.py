"""The optional parts of the package (its extras) and the check a command makes before it needs one.

The core package is what ``mga validate`` needs, and no more: the pre-commit
hook installs it into every repository that uses it. What the other commands
need comes as extras (see ``[project.optional-dependencies]`` in
pyproject.toml). A command checks its extra first, so that a missing one ends
with the ``pip install`` line that fixes it instead of an import error deep
inside a build.

The check only looks modules up (:func:`importlib.util.find_spec` on top-level
names): it imports nothing, so it costs next to nothing even when the extra is
installed and its modules are heavy (numba, scipy).
"""

from __future__ import annotations

import importlib.util
import sys

from mga_tools.errors import MissingExtra

DISTRIBUTION = "mga-tools"

_DOCUMENTS = (
    "pypandoc",  # pypandoc-binary: pandoc writes Typst and DOCX
    "typst",  # compiles the PDF
    "pyhanko",  # adds the signature fields to the PDF, and signs it (mga sign --pdf)
    "pyhanko_certvalidator",  # checks a PDF signer's certificate chain (mga verify FILE.pdf)
)
_ANALYSIS = ("numpy", "numba", "scipy", "matplotlib")
# A build publishes each agreement's signable documents and its analysis, so the site extra installs both.
_SITE = (
    "mkdocs",
    "material",  # mkdocs-material
    "pymdownx",  # pymdown-extensions, installed with mkdocs-material; the build enables its superfences
    *_DOCUMENTS,
    *_ANALYSIS,
)

# Extra -> the top-level modules that installing it provides (and that its commands import).
EXTRAS: dict[str, tuple[str, ...]] = {
    "documents": _DOCUMENTS,
    "analysis": _ANALYSIS,
    "site": _SITE,
    "all": tuple(dict.fromkeys((*_SITE, *_DOCUMENTS, *_ANALYSIS))),
}


def install_command(extra: str) -> str:
    """The shell command that installs ``extra``, e.g. ``pip install 'mga-tools[site]'``."""
    _known(extra)
    return f"pip install '{DISTRIBUTION}[{extra}]'"


def missing(extra: str) -> tuple[str, ...]:
    """The modules of ``extra`` that are not installed, in the order of :data:`EXTRAS`."""
    return tuple(module for module in _known(extra) if not _installed(module))


def require(extra: str, *, command: str) -> None:
    """Return when ``extra`` is installed; otherwise raise :class:`MissingExtra` saying what to install.

    ``command`` is what the user ran, as they would write it (``"mga build"``):
    the message starts with it.
    """
    absent = missing(extra)
    if absent:
        raise MissingExtra(
            f"{command} needs the '{extra}' extra: {install_command(extra)}", extra=extra, missing=absent
        )


def _known(extra: str) -> tuple[str, ...]:
    try:
        return EXTRAS[extra]
    except KeyError:
        # A misspelt extra is a mistake in the calling command, not something the user can fix.
        raise ValueError(f"unknown extra {extra!r}; known: {', '.join(EXTRAS)}") from None


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ValueError:
        # Raised for a module already imported without a spec: it is there all the same.
        return module in sys.modules
    except ImportError:
        # A broken install (a finder that cannot load what it found) is as good as a missing one.
        return False
