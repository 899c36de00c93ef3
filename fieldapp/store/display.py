"""Display agreements in the store (issue 16): a shop's agreements with their SKUs,
saved, ended or deleted (an agreement with a payout is only ended:
``fieldapp.kinds.paid_agreement_error``), the active ones, their checks in a visit, each
month's payout (``fieldapp.display``'s rule) and the supervisor's decision on it.

An agreement's SKUs are its ``display_agreement_skus`` rows; an agreement made before
they existed names its one SKU in ``product_id``, read as its list, and moved into the
rows when the agreement is saved again. No SKU: the brand's range.

A check's month is its visit's Beijing day (check-in, else planned day). The deduction
shares are the team's (the shop's rep's team; ``teams.display_fail_first_pct`` and
``_second_pct``), else the defaults.
Threading: functions take the store (or its ``Sql``) of the calling thread.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ..display import CHECK_TERMS, MonthPayout, month_payout, months_of
from ..kinds import format_datetime
from ..model import DisplayAgreement, DisplayAgreementCheck, DisplayPayout
from ..pricing import fen
from .db import Sql

if TYPE_CHECKING:
    from . import Store

__all__ = [
    "PayoutMonth",
    "active_agreements",
    "agreement_skus",
    "approve_payout",
    "delete_agreement",
    "end_agreement",
    "paid_months",
    "payout_months",
    "payouts",
    "promotions_on",
    "record_check",
    "save_agreement",
    "sku_names",
]

#: A visit's Beijing day as SQL over ``v``.
_VISIT_DAY = "coalesce(date(v.checkin_at, '+8 hours'), v.planned_date)"


def agreement_skus(db: Sql, agreement_id: str) -> list[str]:
    """The product ids an agreement covers, in product order (empty: the brand's range)."""
    ids = [
        str(r[0])
        for r in db.execute(
            "SELECT k.product_id FROM display_agreement_skus k"
            " LEFT JOIN products p ON p.id = k.product_id"
            " WHERE k.agreement_id = :a AND k.deleted = 0 ORDER BY p.name, k.product_id",
            {"a": agreement_id},
        )
    ]
    if ids:
        return ids
    row = db.execute(
        "SELECT product_id FROM display_agreements WHERE id = :a", {"a": agreement_id}
    ).fetchone()
    return [str(row[0])] if row is not None and row[0] else []


def sku_names(db: Sql, agreement_id: str) -> list[str]:
    """The names of the products an agreement covers, in order (empty: the brand's range)."""
    ids = agreement_skus(db, agreement_id)
    names = {
        str(r[0]): str(r[1])
        for r in db.execute(
            "SELECT id, name FROM products WHERE id IN (SELECT value FROM json_each(:ids))",
            {"ids": json.dumps(ids)},
        )
    }
    return [names.get(pid, pid) for pid in ids]


def paid_months(db: Sql, agreement_id: str) -> list[str]:
    """The months (``YYYY-MM``) of the agreement with a payout decided, in order."""
    return [
        str(r[0])
        for r in db.execute(
            "SELECT month FROM display_payouts WHERE agreement_id = :a AND deleted = 0"
            " ORDER BY month",
            {"a": agreement_id},
        )
    ]


def save_agreement(
    store: Store,
    *,
    agreement_id: str | None = None,
    product_ids: list[str] | None = None,
    **fields: Any,
) -> DisplayAgreement:
    """Create an agreement (``agreement_id`` None) or change one, with its SKUs
    (``product_ids``; None: leave them), in one transaction: all or nothing. Raises
    ``ValidationError`` (the store's rules, head office's too)."""
    with store.transaction():
        if agreement_id is None:
            agreement = store.display_agreements.create(product_id=None, **fields)
        else:
            current = store.display_agreements.get(agreement_id)
            changes = {k: v for k, v in fields.items() if getattr(current, k) != v}
            agreement = (
                store.display_agreements.update(agreement_id, **changes) if changes else current
            )
        if product_ids is not None:
            _set_skus(store, agreement.id, product_ids)
            agreement = store.display_agreements.get(agreement.id)
    return agreement


def _set_skus(store: Store, agreement_id: str, product_ids: list[str]) -> None:
    wanted = list(dict.fromkeys(product_ids))
    legacy = store.display_agreements.get(agreement_id).product_id
    rows = {
        r.product_id: r
        for r in store.display_agreement_skus.list(where={"agreement_id": agreement_id})
    }
    have = set(rows) or ({legacy} if legacy else set())
    if set(wanted) == have:
        return  # the same SKUs (an old single one stays where it is)
    if legacy:  # the old single SKU: from now on the rows say it
        store.display_agreements.update(agreement_id, product_id=None)
    for pid, row in rows.items():
        if pid not in wanted:
            store.display_agreement_skus.delete(row.id)
    for pid in wanted:
        if pid not in rows:
            store.display_agreement_skus.create(agreement_id=agreement_id, product_id=pid)


def end_agreement(store: Store, agreement_id: str, *, on: date) -> DisplayAgreement:
    """End an agreement on ``on`` (its last day): what is left to do with one that has
    payouts; not before its last paid month (``before_paid_month``)."""
    return store.display_agreements.update(agreement_id, ends_on=on)


def delete_agreement(store: Store, agreement_id: str) -> None:
    """Delete an agreement with its SKUs and checks; refused (``has_payouts``) once a
    payout is decided: such an agreement is only ended."""
    store.display_agreements.delete(agreement_id)


def active_agreements(db: Sql, *, shop_id: str, day: date) -> list[dict[str, Any]]:
    """The shop's agreements whose period holds ``day``, each with ``product_name``: the
    names of its SKUs, joined (None: the brand's range)."""
    found = list(
        db.query(
            "SELECT a.* FROM display_agreements a"
            " WHERE a.shop_id = :shop AND a.deleted = 0"
            " AND a.starts_on <= :day AND a.ends_on >= :day ORDER BY a.starts_on, a.id",
            {"shop": shop_id, "day": day.isoformat()},
        )
    )
    for a in found:
        a["product_name"] = "、".join(sku_names(db, str(a["id"]))) or None
    return found


def record_check(
    store: Store,
    *,
    visit_id: str,
    agreement_id: str,
    passed: bool,
    photo_id: str | None = None,
    note: str | None = None,
    terms: Mapping[str, bool | None] | None = None,
) -> DisplayAgreementCheck:
    """The visit's check of an agreement, written or changed (one per visit and agreement);
    ``terms``: each of ``fieldapp.display.CHECK_TERMS`` held or not (None: leave them)."""
    fields: dict[str, Any] = {"passed": passed, "photo_id": photo_id, "note": note}
    if terms is not None:
        fields |= {t: terms.get(t) for t in CHECK_TERMS}
    with store.transaction():
        found = store.display_checks.list(
            where={"visit_id": visit_id, "agreement_id": agreement_id}
        )
        if found:
            return store.display_checks.update(found[0].id, **fields)
        return store.display_checks.create(visit_id=visit_id, agreement_id=agreement_id, **fields)


def _shares(db: Sql, agreement_id: str) -> tuple[int | None, int | None]:
    row = db.execute(
        "SELECT t.display_fail_first_pct, t.display_fail_second_pct FROM display_agreements a"
        " JOIN shops s ON s.id = a.shop_id JOIN users u ON u.id = s.rep_id"
        " JOIN teams t ON t.id = u.team_id WHERE a.id = :a",
        {"a": agreement_id},
    ).fetchone()
    return (None, None) if row is None else (row[0], row[1])


def payouts(db: Sql, *, agreement_id: str) -> list[MonthPayout]:
    """The agreement's payout for each month of its period, from its live checks."""
    found = list(
        db.query(
            "SELECT * FROM display_agreements WHERE id = :a AND deleted = 0", {"a": agreement_id}
        )
    )
    if not found:
        return []
    agreement = found[0]
    checks: dict[str, list[dict[str, Any]]] = {}
    for c in db.query(
        f"SELECT c.passed, substr({_VISIT_DAY}, 1, 7) AS month FROM display_checks c"
        " JOIN visits v ON v.id = c.visit_id AND v.deleted = 0"
        " WHERE c.agreement_id = :a AND c.deleted = 0",
        {"a": agreement_id},
    ):
        checks.setdefault(str(c["month"]), []).append({"passed": bool(c["passed"])})
    first, second = _shares(db, agreement_id)
    return [
        month_payout(agreement, m, checks.get(m, []), first_pct=first, second_pct=second)
        for m in months_of(agreement)
    ]


def approve_payout(
    store: Store, *, agreement_id: str, month: str, amount: float, comment: str | None = None
) -> DisplayPayout:
    """The supervisor approves a month's payout (``amount`` other than computed: adjusted,
    with a ``comment``); a second decision on the same month changes the first."""
    with store.transaction():
        agreement: DisplayAgreement = store.display_agreements.get(agreement_id)
        computed = next((p.payout for p in payouts(store.db, agreement_id=agreement.id)
                         if p.month == month), None)  # fmt: skip
        if computed is None:
            from ..errors import ValidationError

            raise ValidationError.single("month", "out_of_range", entity="display_payouts")
        fields: dict[str, Any] = {
            "computed": computed,
            "amount": amount,
            "comment": comment,
            "approved_by": store.user_id,
            "approved_at": format_datetime(store.now()),
        }
        found = store.display_payouts.list(where={"agreement_id": agreement_id, "month": month})
        if found:
            return store.display_payouts.update(found[0].id, **fields)
        return store.display_payouts.create(agreement_id=agreement_id, month=month, **fields)


@dataclass(frozen=True, slots=True)
class PayoutMonth:
    """A month's display payouts over the agreements in scope (the dashboard's card):
    ``computed`` (``fieldapp.display``'s amount), ``paid`` (the amounts the supervisor
    approved), ``due`` (computed for ended months nobody has decided yet, ``waiting`` of
    them) and ``running`` (the month not over yet, computed so far)."""

    month: str
    agreements: int
    computed: float
    paid: float
    due: float
    waiting: int
    running: float


def payout_months(
    db: Sql,
    *,
    since: date,
    until: date,
    today: date,
    rep_id: str | None = None,
    county_id: str | None = None,
) -> list[PayoutMonth]:
    """The months ``since``..``until`` of the live agreements of the shops in scope (the
    shop's rep, its county), each agreement's payout by its checks and its team's shares."""
    agreements = list(
        db.query(
            "SELECT a.*, t.display_fail_first_pct AS first_pct,"
            " t.display_fail_second_pct AS second_pct FROM display_agreements a"
            " JOIN shops s ON s.id = a.shop_id AND s.deleted = 0"
            " LEFT JOIN users u ON u.id = s.rep_id LEFT JOIN teams t ON t.id = u.team_id"
            " WHERE a.deleted = 0 AND (:rep IS NULL OR s.rep_id = :rep)"
            " AND (:county IS NULL OR s.county_id = :county)"
            " AND a.starts_on <= :until AND a.ends_on >= :since",
            {"rep": rep_id, "county": county_id, "since": since.isoformat()[:7] + "-01",
             "until": until.isoformat()},
        )
    )  # fmt: skip
    checks: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for c in db.query(
        f"SELECT c.agreement_id, c.passed, substr({_VISIT_DAY}, 1, 7) AS month"
        " FROM display_checks c JOIN visits v ON v.id = c.visit_id AND v.deleted = 0"
        " WHERE c.deleted = 0"
    ):
        checks.setdefault((str(c["agreement_id"]), str(c["month"])), []).append(
            {"passed": bool(c["passed"])}
        )
    decided = {
        (str(r["agreement_id"]), str(r["month"])): float(r["amount"])
        for r in db.query(
            "SELECT agreement_id, month, amount FROM display_payouts WHERE deleted = 0"
        )
    }
    first_month, last_month, this_month = (
        since.isoformat()[:7], until.isoformat()[:7], today.isoformat()[:7]
    )  # fmt: skip
    sums: dict[str, list[float]] = {}
    for a in agreements:
        aid = str(a["id"])
        for month in months_of(a):
            if not first_month <= month <= last_month:
                continue
            pay = month_payout(a, month, checks.get((aid, month), []),
                               first_pct=a["first_pct"], second_pct=a["second_pct"])  # fmt: skip
            s = sums.setdefault(month, [0, 0.0, 0.0, 0.0, 0, 0.0])
            s[0] += 1
            s[1] += pay.payout
            if (aid, month) in decided:
                s[2] += decided[(aid, month)]
            elif month < this_month:
                s[3] += pay.payout
                s[4] += 1
            else:
                s[5] += pay.payout
    return [
        PayoutMonth(m, int(s[0]), fen(s[1]), fen(s[2]), fen(s[3]), int(s[4]), fen(s[5]))
        for m, s in sorted(sums.items())
    ]


def promotions_on(db: Sql, day: date) -> list[tuple[str, str | None]]:
    """Head office's promotions valid on ``day`` (any segment), as (name, last day),
    highest priority first."""
    return [
        (str(r[0]), None if r[1] is None else str(r[1]))
        for r in db.execute(
            "SELECT name, valid_to FROM promotions WHERE deleted = 0 AND valid_from <= :d"
            " AND (valid_to IS NULL OR valid_to >= :d) ORDER BY priority DESC, name, id",
            {"d": day.isoformat()},
        )
    ]
