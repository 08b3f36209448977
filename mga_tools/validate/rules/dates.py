"""Dates: a due date is a date, and the dates of an agreement's history come in order.

Dates of history may be known only roughly (``1987~``, ``2020-05``, see
:mod:`mga_tools.model.dates`): two of them are out of order only when every
day the later one may mean comes before every day the earlier one may mean.
A date recorded as a gap is no date, and is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mga_tools.load import Pointer
from mga_tools.load.limits import shown
from mga_tools.model.dates import Span, definitely_before, is_calendar_date, precision, span
from mga_tools.validate.index import items
from mga_tools.validate.registry import Context, Finding, rule

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from typing import Any

# A due text that starts like a date is meant as one (a rule such as "within 90 days" starts otherwise).
_LOOKS_LIKE_A_DATE = re.compile(r"[0-9]{4}")
_DUE_FORMS = "a due date is a full date (YYYY-MM-DD) or a rule such as 'within 90 days of the effective date'"


@rule("DATE-INVALID", group="terms")
def due_dates_are_dates(ctx: Context) -> Iterator[Finding]:
    """A term's due text that starts with a year is a full calendar date (YYYY-MM-DD)."""
    for pointer, term in items(ctx.data, ("terms",)):
        due = term.get("due")
        if not isinstance(due, str) or not _LOOKS_LIKE_A_DATE.match(due) or is_calendar_date(due):
            continue
        reduced = precision(due)
        if reduced in ("year", "month"):
            message = f"due {due} is a {reduced}, not a date; {_DUE_FORMS}"
        elif re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", due):
            message = f"due {due} is not a calendar date"
        else:
            message = f"due {shown(due)} starts like a date but is not one; {_DUE_FORMS}"
        yield Finding((*pointer, "due"), message)


@rule("DATE-ORDER", group="lifecycle")
def dates_in_order(ctx: Context) -> Iterator[Finding]:
    """The agreement expires after it takes effect; its status history and amendments run oldest first."""
    effective, expires = _when(ctx.data.get("effective")), _when(ctx.data.get("expires"))
    if definitely_before(expires, effective):
        yield Finding(("expires",), f"expires {expires} is before the effective date {effective}")
    history = [
        ((*pointer, "date"), entry.get("status"), _when(entry.get("date")))
        for pointer, entry in items(ctx.data, ("status_history",))
    ]
    for (pointer, status, date), (_, earlier_status, earlier) in _out_of_order(history):
        yield Finding(
            pointer,
            f"the change to '{status}' on {date} is dated before the change to '{earlier_status}' on {earlier} "
            "above it; status_history runs oldest first",
        )
    amendments = [
        ((*pointer, "adopted" if _when(a.get("adopted")) else "date"), a.get("id"), _adopted(a))
        for pointer, a in items(ctx.data, ("amendments",))
    ]
    for (pointer, ident, date), (_, earlier_id, earlier) in _out_of_order(amendments):
        yield Finding(
            pointer,
            f"amendment '{ident}' ({date}) is dated before amendment '{earlier_id}' ({earlier}) above it; "
            "amendments run oldest first",
        )
    for pointer, amendment in items(ctx.data, ("amendments",)):
        in_force, adopted = _when(amendment.get("entry_into_force")), _adopted(amendment)
        if definitely_before(in_force, adopted):
            yield Finding(
                (*pointer, "entry_into_force"),
                f"amendment '{amendment.get('id')}' enters into force on {in_force}, before its adoption on {adopted}",
            )


def _when(value: Any) -> str | None:
    """A recorded date's text; ``None`` for a gap, a missing date or anything else that is no date."""
    return value if isinstance(value, str) and span(value) is not None else None


def _adopted(amendment: dict[str, Any]) -> str | None:
    """When an amendment was adopted: ``adopted``, or its ``date`` when it has none."""
    return _when(amendment.get("adopted")) or _when(amendment.get("date"))


def _out_of_order(
    entries: list[tuple[Pointer, Any, str | None]],
) -> Iterator[tuple[tuple[Pointer, Any, str | None], tuple[Pointer, Any, str | None]]]:
    """Each ``(pointer, what, date)`` dated definitely before an entry above it, with the latest-starting one."""
    latest_start: tuple[Pointer, Any, str | None] | None = (
        None  # the entry above whose earliest possible day is the latest so far
    )
    latest_span: Span | None = None
    for entry in entries:
        when = span(entry[2]) if entry[2] is not None else None
        if when is None:
            continue
        if latest_start is not None and latest_span is not None and definitely_before(when, latest_span):
            yield entry, latest_start
        if when.earliest is not None and (
            latest_span is None or latest_span.earliest is None or when.earliest > latest_span.earliest
        ):
            latest_start, latest_span = entry, when
