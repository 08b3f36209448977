"""Validate: the schema and the semantic rules, applied to loaded documents.

:func:`validate_paths` is the library entry point behind ``mga validate``. It
never raises for problems in documents; they come back as diagnostics.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath

from mga_tools.diagnostics import Diagnostic, Report, Severity
from mga_tools.errors import UsageError
from mga_tools.load import FAST, PRECISE, Document, fast_available, load
from mga_tools.load.companion import (
    agreement_of,
    is_companion_file,
    is_scores_file,
    records_files,
    scores_file,
)
from mga_tools.load.confined import outside
from mga_tools.load.records import records_documents
from mga_tools.load.table import TABLE_RULES
from mga_tools.model.facts import origin, tally
from mga_tools.resources import scores_schema
from mga_tools.terminal import quoted_path
from mga_tools.validate import clashes, schema
from mga_tools.validate import records as records_
from mga_tools.validate import rules as _rules  # noqa: F401  (registers the rules)
from mga_tools.validate.index import Index
from mga_tools.validate.policy import STATUSES, Policy, default_policy_path, load_policy
from mga_tools.validate.registry import RULES, SCHEMA_VALID, Context

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from mga_tools.memo import Memo
    from mga_tools.model.improvement import Solver

__all__ = [
    "AUTO",
    "FAST",
    "PRECISE",
    "check_document",
    "check_file",
    "collect",
    "default_policy",
    "rule_ids",
    "validate_paths",
]

AUTO = "auto"
# A score file whose agreement is missing (reported here: no agreement, so no rule context).
ORPHAN_RULE = "SCORES-AGREEMENT"
# An observations or disputes file whose agreement is missing.
RECORDS_ORPHAN_RULE = "RECORDS-AGREEMENT"
Baseline = dict  # agreement id -> its data at a base revision (a plain alias: typing stays out of start-up)
# Below this many files, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 24


def rule_ids() -> set[str]:
    """Every rule id a diagnostic can carry: loader, schema and semantic rules."""
    from mga_tools.load import LOADER_RULES

    return set(LOADER_RULES) | set(TABLE_RULES) | {schema.RULE, clashes.RULE} | set(RULES)


def default_policy(cwd: Path | None = None) -> Policy:
    """The policy in force for a repository rooted at ``cwd``."""
    return load_policy(default_policy_path(cwd or Path.cwd()), set(RULES))


def check_document(
    doc: Document,
    policy: Policy,
    base: Baseline | None = None,
    scores: Document | None = None,
    solver: Solver | None = None,
    records: Sequence[Document] = (),
) -> list[Diagnostic]:
    """All diagnostics for one loaded document (and its companion files, if any), sorted by position.

    ``base`` maps agreement ids to their data at a base revision, for the
    rules that compare an agreement with its earlier version. ``scores`` is
    the agreement's score file; its findings are located in that file.
    ``solver`` decides exactly whether the adopted package can be improved
    when the validator's own search runs out of budget (see
    :mod:`mga_tools.model.improvement`); without one, such a case is reported
    as undecided. ``records`` are the agreement's observations and disputes
    files (:mod:`mga_tools.load.records`), checked with it and located in them.
    """
    found = list(doc.diagnostics)
    if scores is not None:
        found.extend(scores.diagnostics)
    for record in records:
        found.extend(record.diagnostics)
    if doc.parsed:
        against_schema = schema.check(doc)
        found.extend(against_schema)
        if isinstance(doc.data, dict):
            if scores is not None and scores.parsed:
                found.extend(schema.check(scores, scores_schema()))
            for record in records:
                if record.parsed:
                    found.extend(schema.check(record, records_.records_schema(record)))
            found.extend(_semantic(doc, policy, base, scores, solver, valid=not against_schema, records=records))
    return sorted(set(found))


def _fast_findings(
    doc: Document,
    policy: Policy,
    base: Baseline | None,
    scores: Document | None,
    solver: Solver | None,
    records: Sequence[Document] = (),
) -> list[Diagnostic] | None:
    """The findings of a document read by libyaml, or ``None`` when its reading cannot be reported as is.

    A file that libyaml reads without a problem and that is valid against its schema has nothing left for
    the reference reader to word: the rules' findings are located by the same positions either reader
    records (the case folders check that both engines agree on every case). Anything else, the YAML or the
    schema, is worded by ruamel.yaml and jsonschema. Checked without importing jsonschema.
    """
    if doc.diagnostics or not doc.parsed or not isinstance(doc.data, dict):
        return None
    if not schema.is_valid(doc.data):
        return None
    if scores is not None and (
        scores.diagnostics or not scores.parsed or not schema.is_valid(scores.data, scores_schema())
    ):
        return None
    if any(record.diagnostics or not records_.usable(record) for record in records):
        return None
    return sorted(set(_semantic(doc, policy, base, scores, solver, valid=True, records=records)))


def _usable(scores: Document | None) -> dict | None:
    """The data of a score file that the rules can read: parsed, a mapping, and valid against its schema."""
    if scores is None or not scores.parsed or not isinstance(scores.data, dict):
        return None
    return scores.data if schema.is_valid(scores.data, scores_schema()) else None


def _semantic(
    doc: Document,
    policy: Policy,
    base: Baseline | None,
    scores: Document | None = None,
    solver: Solver | None = None,
    *,
    valid: bool | None = None,
    records: Sequence[Document] = (),
) -> Iterable[Diagnostic]:
    """The findings of the semantic rules (``valid``: whether the caller found the agreement valid by the schema)."""
    data = doc.data
    status = data.get("status")
    status = status if status in STATUSES else STATUSES[0]
    earlier = base.get(data.get("id")) if base else None
    index = Index(data)
    sheet = _usable(scores)
    ctx = Context(
        doc=doc, data=data, index=index, policy=policy, status=status, base=earlier, scores=sheet, solver=solver
    )
    if valid is not None:
        ctx.derived[SCHEMA_VALID] = valid  # known already: no rule checks the schema a second time
    side = None
    if scores is not None and sheet is not None:
        side = Context(doc=scores, data=sheet, index=index, policy=policy, status=status, agreement=data)
    on_records = records_.contexts(records, data, index, policy, status)
    made = origin(data)  # FACT-GAP's gate depends on how the agreement was recorded
    for rule in RULES.values():
        severity = policy.severity(rule.id, status, rule.severity, made)
        if severity is None:
            continue
        targets = {
            "agreement": (ctx,),
            "scores": (side,),
            "both": (ctx, side),
            **on_records,
        }[rule.on]
        for target in targets:
            if target is None:
                continue
            for finding in rule.check(target):
                yield target.doc.diagnostic(finding.pointer, rule.id, severity, finding.message, key=finding.key)


def check_file(
    path: Path,
    display: str,
    policy: Policy,
    engine: str = AUTO,
    base: Baseline | None = None,
    solver: Solver | None = None,
) -> list[Diagnostic]:
    """Validate one file (and the score file beside it, if any).

    With ``engine="auto"`` the file is first read by libyaml; only when that
    finds anything is it read again by ruamel.yaml, whose results (messages
    and positions) are the reference. A clean file is thus certified fast,
    and every reported finding comes from the precise reader. ``solver``: see
    :func:`check_document`.
    """
    return inspect_file(path, display, policy, engine, base, solver)[0]


def companion_document(path: Path, display: str, policy: Policy, reader: str) -> Document | None:
    """The score file beside the agreement at ``path``, read with ``reader`` under the policy's limits."""
    extra = scores_file(path)
    if extra is None:
        return None
    return load(
        extra, str(PurePosixPath(display).with_name(extra.name)), reader=reader, max_bytes=policy.max_file_bytes
    )


def inspect_file(
    path: Path, display: str, policy: Policy, engine: str, base: Baseline | None = None, solver: Solver | None = None
) -> tuple[list[Diagnostic], Document | None, Document | None]:
    """The diagnostics of :func:`check_file`, the agreement's document and its score file's (if any).

    The agreement's document is ``None`` for a score file without its agreement.
    """
    if is_companion_file(path.name):
        what, rule = ("score file", ORPHAN_RULE) if is_scores_file(path.name) else ("file", RECORDS_ORPHAN_RULE)
        message = f"{what} without its agreement: there is no {agreement_of(path).name} beside it"
        return [Diagnostic(display, 1, 1, rule, Severity.ERROR, message)], None, None
    if engine == AUTO:
        if fast_available():
            doc = load(path, display, reader=FAST, max_bytes=policy.max_file_bytes)
            scores = companion_document(path, display, policy, FAST)
            records = records_documents(path, display, reader=FAST, max_bytes=policy.max_file_bytes)
            found = _fast_findings(doc, policy, base, scores, solver, records)
            if found is not None:
                return found, doc, scores
            if not doc.refinable and (scores is None or not scores.refinable) and not any(r.refinable for r in records):
                # Too large for the precise reader: libyaml's reading is the one reported.
                return check_document(doc, policy, base, scores, solver, records), doc, scores
        engine = PRECISE
    doc = load(path, display, reader=engine, max_bytes=policy.max_file_bytes)
    scores = companion_document(path, display, policy, engine)
    records = records_documents(path, display, reader=engine, max_bytes=policy.max_file_bytes)
    return check_document(doc, policy, base, scores, solver, records), doc, scores


def collect(paths: Sequence[str]) -> list[tuple[Path, str]]:
    """The agreement files named by ``paths`` (folders are searched for ``*.yaml``/``*.yml``).

    A score file stands for its agreement, which is checked with it; a score
    file without an agreement beside it is kept, to be reported.
    """
    found: list[tuple[Path, str]] = []
    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            # Listed as text, as the commit hook lists a folder (see clashes.agreement_paths), plus the score
            # files whose agreement is missing: they are reported.
            top, prefix = str(path), path.as_posix().rstrip("/")
            for child in clashes.agreement_paths(top, recursive=True, scores=True):
                if is_companion_file(os.path.basename(child)) and agreement_of(Path(child)).is_file():
                    continue
                relative = child[len(top) :].lstrip(os.sep).replace(os.sep, "/")
                found.append((Path(child), relative if prefix == "." else f"{prefix}/{relative}"))
        elif path.is_file():
            if is_companion_file(path.name) and agreement_of(path).is_file():
                path = agreement_of(path)
            found.append((path, path.as_posix()))
        else:
            raise UsageError(f"{quoted_path(arg)}: no such file or directory")
    unique: dict[Path, tuple[Path, str]] = {}
    for path, display in found:
        unique.setdefault(path.resolve(), (path, display))
    return list(unique.values())


def _check_one(
    job: tuple[Path, str, Policy, str, bool, Baseline | None, Solver | None],
) -> tuple[list[Diagnostic], object, tuple[str, int, int] | None, dict[str, int]]:
    path, display, policy, engine, keep_data, base, solver = job
    found, doc, _ = inspect_file(path, display, policy, engine, base, solver)
    parsed = doc is not None and doc.parsed
    # The id and where it is written: files are compared with each other once all are checked (clashes).
    # The facts recorded as not known are counted for the report's summary.
    gaps = tally(doc.data) if doc is not None and parsed else {}
    return found, doc.data if keep_data and doc is not None and parsed else None, clashes.identity(doc), gaps


def validate_paths(
    paths: Sequence[str],
    policy: Policy,
    *,
    engine: str = AUTO,
    jobs: int | None = None,
    keep_data: bool = False,
    base: Baseline | None = None,
    memo: Memo | None = None,
    solver: Solver | None = None,
) -> Report:
    """Validate every agreement under ``paths``; results keep the order of the files.

    With ``keep_data`` the report also holds each parsable file's data, so that
    a caller such as the build does not read the files a second time.
    ``base`` (agreement id -> data at a base revision) switches on the rules
    that compare an agreement with its earlier version. With ``memo``, the
    result of a file whose bytes, displayed path, engine and policy were
    validated before by the same code is taken from there. ``solver``: see
    :func:`check_document` (a module-level function, so that worker
    processes receive it). Agreement files that share an id are reported
    once all are checked (:mod:`mga_tools.validate.clashes`).
    """
    files = collect(paths)
    jobs = jobs or os.cpu_count() or 1
    results: list[tuple[list[Diagnostic], object, tuple[str, int, int] | None, dict[str, int]] | None]
    results = [None] * len(files)
    keys: dict[int, str] = {}
    if memo is not None and base is None:
        neighbours: dict[Path, str] = {}
        for index, (path, display) in enumerate(files):
            if path.parent not in neighbours:
                # Rules look for the files of related agreements beside each agreement.
                neighbours[path.parent] = "\n".join(sorted(p.name for p in path.parent.glob("*.y*ml")))
            entry = _memo_key(path, display, policy, engine, keep_data, neighbours[path.parent], solver is not None)
            if entry is not None:
                results[index] = memo.get(entry)
                keys[index] = entry
    todo = [index for index, result in enumerate(results) if result is None]
    work = [(*files[index], policy, engine, keep_data, base, solver) for index in todo]
    if jobs > 1 and len(work) >= PARALLEL_THRESHOLD:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            fresh = list(pool.map(_check_one, work, chunksize=max(1, len(work) // (jobs * 8))))
    else:
        fresh = [_check_one(job) for job in work]
    for index, computed in zip(todo, fresh, strict=True):
        results[index] = computed
        if memo is not None and index in keys:
            memo.put(keys[index], computed)
    report = Report(files=[display for _, display in files])
    done = [result or ([], None, None, {}) for result in results]
    identities = [(name, *ident) for name, (_, _, ident, _) in zip(report.files, done, strict=True) if ident]
    others = clashes.unchecked(paths, [path for path, _ in files], policy.max_file_bytes)
    clashing: dict[str, list[Diagnostic]] = {}
    for diagnostic in clashes.clashes(identities, others):
        clashing.setdefault(diagnostic.path, []).append(diagnostic)
    for display, (found, data, _, gaps) in zip(report.files, done, strict=True):
        report.diagnostics.extend(sorted(found + clashing[display]) if display in clashing else found)
        if keep_data and data is not None:
            report.data[display] = data
        if gaps:
            report.gaps[display] = gaps
    return report


def _memo_key(
    path: Path, display: str, policy: Policy, engine: str, keep_data: bool, neighbours: str, solved: bool
) -> str | None:
    """The memo key of one file's validation; ``None`` when the file is not to be memoized."""
    extra = scores_file(path)
    records = records_files(path)
    if outside(path) or any(outside(one) for one in ([extra] if extra is not None else []) + records):
        return None  # the loader refuses it unread (FILE-OUTSIDE); so does the memo
    try:
        if path.stat().st_size > policy.max_file_bytes:
            return None  # the loader refuses it without reading it all; so does the memo
        raw = path.read_bytes()
        companion = extra.read_bytes() if extra is not None else b""
        # Each records file by name and bytes: adding, changing or removing one changes the key.
        kept = records_.fingerprint(records)
    except OSError:
        return None  # the loader reports it
    from mga_tools.memo import key

    # With a solver, a search that runs out of budget is decided; without, it is reported as undecided.
    solver = "solver" if solved else ""
    return key(
        "validate", display, engine, str(keep_data), policy.signature(), neighbours, solver, raw, companion, kept
    )


def exit_code(report: Report, *, strict: bool) -> int:
    """0 when clean, 1 for any error (or any warning with ``strict``)."""
    if report.errors or (strict and report.warnings):
        return 1
    return 0
