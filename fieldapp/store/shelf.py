"""A shop's assortment and a visit's shelf-audit grid (issue 16).

The assortment of a shop: the SKUs its team's rules give its channel and tier
(``assortment_rules``; the team is the shop's rep's), plus the shop's own additions,
minus its removals (``shop_skus``). The grid of a visit has one row per SKU of the
assortment (and any SKU already audited in this visit), filled from this visit's lines,
else from the shop's last visit with an audit, so a rep only changes what changed. A
row's list price is the shop's on the visit's day (``fieldapp.pricing``: its price list,
else the product's own price); 乱价 is held against it.
Threading: functions take the store (or its ``Sql``) of the calling thread.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from ..shelf import DEFAULT_PRICE_DISORDER_SHARE, PRICE_DISORDER_SETTING, is_price_disorder
from .db import Sql
from .pricing import list_prices, shop_segment, visit_day

if TYPE_CHECKING:
    from . import Store

__all__ = [
    "AUDIT_FIELDS",
    "AssortmentChoice",
    "AuditRow",
    "SkuHistoryLine",
    "assortment",
    "assortment_choices",
    "audit_grid",
    "disorder_share",
    "save_audit",
    "set_listed",
    "sku_history",
]

#: The fields of a grid row a rep enters (``shelf_audits`` columns).
AUDIT_FIELDS: tuple[str, ...] = (
    "in_distribution",
    "out_of_stock",
    "facings",
    "shelf_price",
    "competitor_facings",
    "competitor_price",
)

#: The shop's assortment as SQL, with ``:shop`` bound: one ``product_id`` per row.
ASSORTMENT_SQL = """
    SELECT r.product_id FROM shops s
      JOIN users u ON u.id = s.rep_id
      JOIN assortment_rules r ON r.team_id = u.team_id AND r.channel = s.channel
           AND r.tier = s.tier AND r.deleted = 0
     WHERE s.id = :shop
       AND r.product_id NOT IN (SELECT product_id FROM shop_skus
                                 WHERE shop_id = :shop AND deleted = 0 AND listed = 0)
    UNION
    SELECT product_id FROM shop_skus WHERE shop_id = :shop AND deleted = 0 AND listed = 1
"""


@dataclass(frozen=True, slots=True)
class AuditRow:
    """One SKU's row in a visit's audit grid."""

    product_id: str
    name: str
    category: str | None
    list_price: float | None
    in_distribution: bool = False
    out_of_stock: bool = False
    facings: int | None = None
    shelf_price: float | None = None
    competitor_facings: int | None = None
    competitor_price: float | None = None
    #: This visit's saved line for the SKU, if any.
    line_id: str | None = None

    def with_value(self, field: str, value: Any) -> AuditRow:
        return replace(self, **{field: value})

    def values(self) -> dict[str, Any]:
        return {f: getattr(self, f) for f in AUDIT_FIELDS}

    def price_disorder(self, share: float) -> bool:
        return is_price_disorder(self.shelf_price, self.list_price, share)


def disorder_share(store: Store) -> float:
    """The configured share under the list price that counts as price disorder."""
    value = store.get_setting(PRICE_DISORDER_SETTING, DEFAULT_PRICE_DISORDER_SHARE)
    return float(value) if isinstance(value, int | float) else DEFAULT_PRICE_DISORDER_SHARE


def assortment(db: Sql, *, shop_id: str) -> list[str]:
    """The product ids a shop should carry, in product order (category, name)."""
    return [
        r[0]
        for r in db.execute(
            f"SELECT p.id FROM products p WHERE p.deleted = 0 AND p.id IN ({ASSORTMENT_SQL})"
            " ORDER BY p.category, p.name, p.id",
            {"shop": shop_id},
        )
    ]


@dataclass(frozen=True, slots=True)
class AssortmentChoice:
    """A product in a shop's assortment editor: whether the team's rules give it to the
    shop (``by_rule``) and whether the shop carries it now (``listed``)."""

    product_id: str
    name: str
    category: str | None
    by_rule: bool
    listed: bool


def assortment_choices(db: Sql, *, shop_id: str) -> list[AssortmentChoice]:
    """Every live product with the shop's assortment marked, in product order."""
    ruled = {
        r[0]
        for r in db.execute(
            """SELECT r.product_id FROM shops s JOIN users u ON u.id = s.rep_id
                 JOIN assortment_rules r ON r.team_id = u.team_id AND r.channel = s.channel
                      AND r.tier = s.tier AND r.deleted = 0
                WHERE s.id = :shop""",
            {"shop": shop_id},
        )
    }
    listed = set(assortment(db, shop_id=shop_id))
    return [
        AssortmentChoice(
            str(r["id"]), str(r["name"]), r["category"], r["id"] in ruled, r["id"] in listed
        )
        for r in db.query(
            "SELECT id, name, category FROM products WHERE deleted = 0 ORDER BY category, name, id"
        )
    ]


def set_listed(store: Store, *, shop_id: str, product_id: str, listed: bool) -> None:
    """Put a SKU in the shop's assortment or take it out: the shop's own row says so
    (``shop_skus``) where it differs from the team's rules, and goes where it agrees."""
    with store.transaction():
        ruled = any(
            c.product_id == product_id and c.by_rule
            for c in assortment_choices(store.db, shop_id=shop_id)
        )
        own = store.shop_skus.list(where={"shop_id": shop_id, "product_id": product_id})
        if listed == ruled:
            for row in own:
                store.shop_skus.delete(row.id)
        elif own:
            store.shop_skus.update(own[0].id, listed=listed)
        else:
            store.shop_skus.create(shop_id=shop_id, product_id=product_id, listed=listed)


def _lines(db: Sql, visit_id: str) -> dict[str, dict[str, Any]]:
    cols = ", ".join(AUDIT_FIELDS)
    return {
        r["product_id"]: r
        for r in db.query(
            f"SELECT id, product_id, {cols} FROM shelf_audits WHERE visit_id = :v AND deleted = 0",
            {"v": visit_id},
        )
    }


def _last_visit(db: Sql, shop_id: str, visit_id: str) -> str | None:
    """The shop's latest other visit with a live audit line (by check-in, then plan)."""
    row = db.execute(
        """SELECT v.id FROM visits v
            WHERE v.shop_id = :shop AND v.id != :visit AND v.deleted = 0
              AND EXISTS (SELECT 1 FROM shelf_audits a WHERE a.visit_id = v.id AND a.deleted = 0)
            ORDER BY coalesce(v.checkin_at, v.planned_date) DESC, v.id DESC LIMIT 1""",
        {"shop": shop_id, "visit": visit_id},
    ).fetchone()
    return None if row is None else str(row[0])


def audit_grid(db: Sql, *, visit_id: str) -> list[AuditRow]:
    """The visit's grid: one row per SKU, prefilled (this visit's lines, else the last)."""
    shop = db.execute("SELECT shop_id FROM visits WHERE id = :v", {"v": visit_id}).fetchone()
    if shop is None:
        return []
    shop_id = str(shop[0])
    own = _lines(db, visit_id)
    last_id = _last_visit(db, shop_id, visit_id)
    last = _lines(db, last_id) if last_id is not None else {}
    ids = assortment(db, shop_id=shop_id)
    ids += [pid for pid in own if pid not in ids]
    if not ids:
        return []
    marks = ", ".join(f":p{i}" for i in range(len(ids)))
    products = {
        r["id"]: r
        for r in db.query(
            f"SELECT id, name, category, price FROM products WHERE id IN ({marks})",
            {f"p{i}": pid for i, pid in enumerate(ids)},
        )
    }
    listed = list_prices(db, ids)
    day, segment = visit_day(db, visit_id), shop_segment(db, shop_id)
    out: list[AuditRow] = []
    for pid in ids:
        p = products.get(pid)
        if p is None:
            continue
        src = own.get(pid) or last.get(pid) or {}
        out.append(
            AuditRow(
                product_id=pid,
                name=str(p["name"]),
                category=p["category"],
                list_price=listed.of(pid, day=day, shop=segment),
                in_distribution=bool(src.get("in_distribution", False)),
                out_of_stock=bool(src.get("out_of_stock", False)),
                facings=src.get("facings"),
                shelf_price=src.get("shelf_price"),
                competitor_facings=src.get("competitor_facings"),
                competitor_price=src.get("competitor_price"),
                line_id=own[pid]["id"] if pid in own else None,
            )
        )
    return out


def save_audit(store: Store, *, visit_id: str, rows: list[AuditRow]) -> list[AuditRow]:
    """Write the grid as the visit's audit lines in one transaction; return it with ids.

    Unchanged lines are not written again; every value is validated by the store (the
    same rules as head office) and a bad one raises ``ValidationError``, nothing saved.
    """
    saved: list[AuditRow] = []
    with store.transaction():
        store.visits.get(visit_id)
        own = _lines(store.db, visit_id)
        for row in rows:
            values = row.values()
            line = own.get(row.product_id)
            if line is None:
                created = store.shelf_audits.create(
                    visit_id=visit_id, product_id=row.product_id, **values
                )
                saved.append(replace(row, line_id=created.id))
                continue
            changed = {
                k: v
                for k, v in values.items()
                if (bool(line[k]) if isinstance(v, bool) else line[k]) != v
            }
            if changed:
                store.shelf_audits.update(line["id"], **changed)
            saved.append(replace(row, line_id=line["id"]))
    return saved


@dataclass(frozen=True, slots=True)
class SkuHistoryLine:
    """One audit line of a shop, for its SKU history."""

    day: str
    product: str
    in_distribution: bool
    out_of_stock: bool
    facings: int | None
    shelf_price: float | None
    list_price: float | None


def sku_history(db: Sql, *, shop_id: str, limit: int = 500) -> list[SkuHistoryLine]:
    """The shop's audit lines of live visits, latest visit first (Beijing day), each with
    the list price that applied to the shop that day (what 乱价 is held against)."""
    lines = list(
        db.query(
            """SELECT date(coalesce(v.checkin_at, v.planned_date), '+28800 seconds') AS day,
                      a.product_id, p.name, a.in_distribution, a.out_of_stock, a.facings,
                      a.shelf_price
                 FROM shelf_audits a
                 JOIN visits v ON v.id = a.visit_id AND v.deleted = 0
                 JOIN products p ON p.id = a.product_id
                WHERE v.shop_id = :shop AND a.deleted = 0
                ORDER BY coalesce(v.checkin_at, v.planned_date) DESC, p.category, p.name
                LIMIT :limit""",
            {"shop": shop_id, "limit": limit},
        )
    )
    listed = list_prices(db, sorted({str(r["product_id"]) for r in lines}))
    segment = shop_segment(db, shop_id)
    return [
        SkuHistoryLine(
            str(r["day"]),
            str(r["name"]),
            bool(r["in_distribution"]),
            bool(r["out_of_stock"]),
            r["facings"],
            r["shelf_price"],
            listed.of(str(r["product_id"]), day=date.fromisoformat(r["day"]), shop=segment)
            if r["day"]
            else listed.own(str(r["product_id"])),
        )
        for r in lines
    ]
