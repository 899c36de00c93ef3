"""Display agreements (陈列协议) and their payouts (费用核销), issue 16: one rule, pure Python.

**The month's payout.** An agreement pays its monthly fee for each calendar month it
covers, pro rata by the days of the month inside its period (and after the owner
accepted, when the acceptance date is later than the start). Checks happen in visits;
a month's failed checks deduct a share of that month's fee: the first failed check the
team's ``display_fail_first_pct`` (50 unless set), a second or later one
``display_fail_second_pct`` (100 unless set). The deduction is the larger share that
applies (never more than the fee). Money is rounded to the fen, half up, once.

**Checks per term.** A check may say which of the agreement's terms held
(:data:`CHECK_TERMS`: the position, the facings, all its SKUs on display); a check with
a term not held has not passed.

**Row rules** (the device's model and head office's ``sync.protocol.CROSS_FIELD`` call
these, same fields and codes): an agreement ends on or after it starts
(``end_before_start``); a check with a term not held is not passed (``term_failed``); a
failed check carries a note (``required``); a payout whose amount differs from the
computed one carries a comment (``required``).
Thread-agnostic: pure functions.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from .pricing import fen
from .values import day_of as _day, period_problem

__all__ = [
    "CHECK_TERMS",
    "DEFAULT_FIRST_FAIL_PCT",
    "DEFAULT_SECOND_FAIL_PCT",
    "MonthPayout",
    "agreement_problem",
    "check_problem",
    "month_payout",
    "months_of",
    "payout_problem",
]

#: The terms a check holds one by one: the position, the facings, all the SKUs.
CHECK_TERMS: tuple[str, ...] = ("position_ok", "facings_ok", "skus_ok")

DEFAULT_FIRST_FAIL_PCT = 50
DEFAULT_SECOND_FAIL_PCT = 100


def agreement_problem(row: Mapping[str, Any]) -> tuple[str, str] | None:
    return period_problem(row)


def check_problem(row: Mapping[str, Any]) -> tuple[str, str] | None:
    if row.get("passed") is True and any(row.get(t) is False for t in CHECK_TERMS):
        return "passed", "term_failed"
    note = row.get("note")
    if row.get("passed") is False and not (isinstance(note, str) and note.strip()):
        return "note", "required"
    return None


def payout_problem(row: Mapping[str, Any]) -> tuple[str, str] | None:
    comment = row.get("comment")
    computed, amount = row.get("computed"), row.get("amount")
    if (
        computed is not None
        and amount is not None
        and amount != computed
        and not (isinstance(comment, str) and comment.strip())
    ):
        return "comment", "required"
    return None


def months_of(agreement: Mapping[str, Any]) -> list[str]:
    """The months (``YYYY-MM``) an agreement's period touches, in order."""
    start, end = _day(agreement.get("starts_on")), _day(agreement.get("ends_on"))
    if start is None or end is None or end < start:
        return []
    out: list[str] = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


@dataclass(frozen=True, slots=True)
class MonthPayout:
    """What an agreement earns in a month: the fee for the days covered, the checks, the
    deduction (percent) and the payout."""

    month: str
    fee: float
    checks: int
    failed: int
    deduction_pct: int
    payout: float


def month_payout(
    agreement: Mapping[str, Any],
    month: str,
    checks: Iterable[Mapping[str, Any]],
    *,
    first_pct: int | None = None,
    second_pct: int | None = None,
) -> MonthPayout:
    """The payout of ``agreement`` for ``month`` from that month's ``checks`` (rows with
    ``passed``); the team's shares, None: the defaults."""
    first = DEFAULT_FIRST_FAIL_PCT if first_pct is None else first_pct
    second = DEFAULT_SECOND_FAIL_PCT if second_pct is None else second_pct
    year, mon = int(month[:4]), int(month[5:7])
    days = calendar.monthrange(year, mon)[1]
    first_day, last_day = date(year, mon, 1), date(year, mon, days)
    start, end = _day(agreement.get("starts_on")), _day(agreement.get("ends_on"))
    accepted = _day(agreement.get("accepted_on"))
    if start is not None and accepted is not None and accepted > start:
        start = accepted
    covered = 0
    if start is not None and end is not None:
        lo, hi = max(start, first_day), min(end, last_day)
        covered = max(0, (hi - lo).days + 1)
    fee = fen(float(agreement.get("monthly_fee") or 0) * covered / days)
    rows = list(checks)
    failed = sum(1 for c in rows if not c.get("passed"))
    pct = 0 if failed == 0 else min(100, max(first, second) if failed >= 2 else first)
    return MonthPayout(month, fee, len(rows), failed, pct, fen(fee * (100 - pct) / 100))
