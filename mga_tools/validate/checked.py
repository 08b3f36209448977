"""Find, check, then act: the one path by which a command reaches the agreement it acts on.

``mga render``, ``mga analyze`` and ``mga seal`` act on one agreement only
when it validates. :func:`check_agreement` finds the file by id, validates it
with its score file under the policy in force, and hands back the findings
together with the data that was validated, so that no command reads the
file a second time (and none can act on content other than what was checked).
"""

from __future__ import annotations

from pathlib import Path

from mga_tools.diagnostics import Diagnostic, Severity
from mga_tools.load import PRECISE, Document, load, load_text
from mga_tools.load.lookup import agreement_file
from mga_tools.validate import AUTO, check_document, companion_document, inspect_file
from mga_tools.validate.policy import Policy

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from mga_tools.model.improvement import Solver


class Checked:
    """An agreement file as validated: where it is, what was found, and the data that was checked.

    ``data`` is the agreement's data when the file parsed as a mapping
    (``None`` otherwise); ``scores`` is its score file's data, when there is a
    score file and it parsed as a mapping.
    """

    __slots__ = ("data", "diagnostics", "display", "path", "scores")

    def __init__(
        self,
        path: Path,
        display: str,
        diagnostics: list[Diagnostic],
        data: dict[str, Any] | None,
        scores: dict[str, Any] | None,
    ) -> None:
        self.path = path
        self.display = display
        self.diagnostics = diagnostics
        self.data = data
        self.scores = scores

    def blocked(self, explained: frozenset[str] = frozenset()) -> bool:
        """Whether an error stops a command; errors of the ``explained`` rules do not."""
        return self.data is None or any(
            d.severity is Severity.ERROR and d.rule not in explained for d in self.diagnostics
        )


def check_path(path: Path, display: str, policy: Policy, solver: Solver | None = None) -> Checked:
    """Validate the agreement at ``path`` (and its score file) and keep the data that was checked.

    ``solver``: see :func:`mga_tools.validate.check_document`.
    """
    diagnostics, doc, scores = inspect_file(path, display, policy, AUTO, solver=solver)
    return _checked(path, display, diagnostics, doc, scores)


def check_bytes(path: Path, raw: bytes, display: str, policy: Policy) -> tuple[Checked, Document]:
    """Validate the bytes ``raw`` read from ``path`` (with the score file beside it), precisely.

    For a command that edits the text it checked: the document keeps every
    position, and the text checked is the text it edits, read once.
    """
    if len(raw) > policy.max_file_bytes:
        doc = load(path, display, reader=PRECISE, max_bytes=policy.max_file_bytes)
    else:
        doc = load_text(raw, display, reader=PRECISE, max_bytes=policy.max_file_bytes)
        doc.path = path  # rules look for related agreements beside the file
    scores = companion_document(path, display, policy, PRECISE)
    diagnostics = check_document(doc, policy, scores=scores)
    return _checked(path, display, diagnostics, doc, scores), doc


def _checked(
    path: Path, display: str, diagnostics: list[Diagnostic], doc: Document | None, scores: Document | None
) -> Checked:
    data = doc.data if doc is not None and doc.parsed and isinstance(doc.data, dict) else None
    extra = scores.data if scores is not None and scores.parsed and isinstance(scores.data, dict) else None
    return Checked(path, display, diagnostics, data, extra)


def check_agreement(ident: str, folder: Path, policy: Policy, solver: Solver | None = None) -> Checked:
    """Find ``folder/ID.yaml`` and validate it; a :class:`~mga_tools.errors.UsageError` for an unknown id."""
    path = agreement_file(ident, folder)
    return check_path(path, path.as_posix(), policy, solver)
