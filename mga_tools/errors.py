"""Fatal conditions and the one place where they become exit codes.

Problems *in documents* are never raised: they are collected as diagnostics.
Exceptions are for conditions that stop the whole run: bad arguments, a
missing path, an unreadable policy file.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class MgaError(Exception):
    """A fatal condition; ``exit_code`` says how the command ends."""

    exit_code = EXIT_USAGE


class UsageError(MgaError):
    """The command was called wrongly (unknown path, bad option value)."""


class ConfigError(MgaError):
    """A configuration file (the policy) is unreadable or invalid."""


class RecordError(MgaError):
    """Sealing, signing or verifying cannot go ahead: the agreement's state, a key, or ssh-keygen refuses."""


class OutputError(MgaError):
    """An output cannot be written: a full disk, a read-only folder, no permission.

    The message names the path and the system's reason, e.g.
    ``cannot write site: No space left on device``; nothing partial is left.
    """


class RenderError(MgaError):
    """pandoc or the Typst compiler failed, or is missing, while rendering a document."""

    exit_code = EXIT_INTERNAL


class MissingExtra(MgaError):
    """A command needs an optional part of the package (an extra) that is not installed.

    The core package is what ``mga validate`` needs, so that the pre-commit
    hook installs little; publishing, documents and analytics are extras.
    """

    exit_code = EXIT_USAGE

    def __init__(self, message: str, *, extra: str, missing: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.extra = extra
        self.missing = missing
