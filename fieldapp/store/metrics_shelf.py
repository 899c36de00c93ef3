"""Shelf numbers head office asks for (issue 16): 铺货率, out of stock, share of shelf, 乱价.

One SQL statement per call, grouped by SKU, category, county, rep, month or not at all.
The rules (a reference test, tests/fieldapp/test_metrics_shelf.py, holds the SQL to them):

* A *pair* is a live shop and a live SKU of its assortment (``fieldapp.store.shelf``:
  its rep's team's rules for its channel and tier, plus its own additions, minus its
  removals) that was audited in the period: a live ``shelf_audits`` line of a live visit
  checked in on a Beijing day from ``start`` to ``end`` (both included). The pair's state
  is its latest such line (by check-in, then visit id); grouped by month, the latest of
  each month. Lines for SKUs outside the shop's assortment do not count.
* Numeric distribution: pairs in distribution ÷ pairs. Weighted distribution: the same
  with each pair weighted by its shop's order volume (quantities on live order lines of
  its live visits checked in in the period).
* Out-of-stock rate: pairs in distribution and out of stock ÷ pairs in distribution.
* Share of shelf: our facings ÷ (our facings + competitor facings) over the pairs.
* Price disorder: pairs whose shelf price is under the list price by more than
  ``share`` (``fieldapp.shelf.is_price_disorder``). The list price is the one that
  applies to the shop on the audit's day (``fieldapp.pricing``: the most specific live
  price-list row valid that day for its channel, tier and county; equal: the later
  start, the lower price, the lower id), else the SKU's own price.
* A ratio with a zero denominator is None.
Threading: runs SQL on ``db``'s connection; call it on the thread that owns it.
"""

from __future__ import annotations

from datetime import date

from ..shelf import DEFAULT_PRICE_DISORDER_SHARE
from ..shelf_numbers import GROUPS, Group, ShelfNumbers
from .db import Sql

__all__ = ["GROUPS", "Group", "ShelfNumbers", "shelf_numbers"]


_KEY: dict[str, tuple[str, str]] = {
    "all": ("''", "''"),
    "product": ("q.product_id", "max(p.name)"),
    "category": ("coalesce(p.category, '')", "coalesce(p.category, '')"),
    "county": ("s.county_id", "max(c.name)"),
    "rep": ("coalesce(s.rep_id, '')", "max(u.name)"),
    "month": ("q.month", "q.month"),
}

_DAY = "date(v.checkin_at, '+28800 seconds')"

#: The list price of ``q``'s pair for shop ``s`` on its audit day (``fieldapp.pricing``'s
#: ``best_price``): the most specific live row, then the later start, lower price, lower id.
_LIST_PRICE = """(
    SELECT r.price FROM prices r
     WHERE r.product_id = q.product_id AND r.deleted = 0
       AND (r.channel IS NULL OR r.channel = s.channel)
       AND (r.tier IS NULL OR r.tier = s.tier)
       AND (r.county_id IS NULL OR r.county_id = s.county_id)
       AND substr(r.valid_from, 1, 10) <= q.day
       AND (r.valid_to IS NULL OR q.day <= substr(r.valid_to, 1, 10))
     ORDER BY (r.county_id IS NOT NULL) * 4 + (r.channel IS NOT NULL) * 2
              + (r.tier IS NOT NULL) DESC,
              substr(r.valid_from, 1, 10) DESC, r.price, r.id
     LIMIT 1)"""

_SQL = f"""
WITH assort(shop_id, product_id) AS (
    SELECT s.id, r.product_id FROM shops s
      JOIN users u ON u.id = s.rep_id
      JOIN assortment_rules r ON r.team_id = u.team_id AND r.channel = s.channel
           AND r.tier = s.tier AND r.deleted = 0
     WHERE s.deleted = 0
       AND NOT EXISTS (SELECT 1 FROM shop_skus k WHERE k.shop_id = s.id
                        AND k.product_id = r.product_id AND k.deleted = 0 AND k.listed = 0)
    UNION
    SELECT k.shop_id, k.product_id FROM shop_skus k JOIN shops s ON s.id = k.shop_id
     WHERE k.deleted = 0 AND k.listed = 1 AND s.deleted = 0
),
lines AS (
    SELECT v.shop_id, a.product_id, a.in_distribution, a.out_of_stock, a.facings,
           a.competitor_facings, a.shelf_price, substr({_DAY}, 1, 7) AS month, {_DAY} AS day,
           row_number() OVER (
               PARTITION BY v.shop_id, a.product_id, CASE WHEN :by_month THEN
                   substr({_DAY}, 1, 7) END
               ORDER BY v.checkin_at DESC, v.id DESC) AS rn
      FROM shelf_audits a JOIN visits v ON v.id = a.visit_id AND v.deleted = 0
     WHERE a.deleted = 0 AND v.checkin_at IS NOT NULL AND {_DAY} BETWEEN :start AND :end
),
volume AS (
    SELECT v.shop_id, sum(o.quantity) AS qty
      FROM order_lines o JOIN visits v ON v.id = o.visit_id AND v.deleted = 0
     WHERE o.deleted = 0 AND v.checkin_at IS NOT NULL AND {_DAY} BETWEEN :start AND :end
     GROUP BY v.shop_id
),
q AS (
    SELECT l.*, coalesce(w.qty, 0) AS weight FROM lines l
      JOIN assort x ON x.shop_id = l.shop_id AND x.product_id = l.product_id
      LEFT JOIN volume w ON w.shop_id = l.shop_id
     WHERE l.rn = 1
)
SELECT {{key}} AS key, {{label}} AS label,
       count(*), sum(q.in_distribution != 0),
       sum(q.weight), sum(CASE WHEN q.in_distribution != 0 THEN q.weight ELSE 0 END),
       sum(q.in_distribution != 0 AND q.out_of_stock != 0),
       sum(coalesce(q.facings, 0)), sum(coalesce(q.competitor_facings, 0)),
       sum(CASE WHEN q.shelf_price IS NOT NULL AND q.list_price > 0
                 AND q.shelf_price < q.list_price * (1 - :share) THEN 1 ELSE 0 END)
  FROM (SELECT q.*, coalesce({_LIST_PRICE}, p.price) AS list_price
          FROM q JOIN shops s ON s.id = q.shop_id
          JOIN products p ON p.id = q.product_id) q
  JOIN shops s ON s.id = q.shop_id
  JOIN products p ON p.id = q.product_id AND p.deleted = 0
  LEFT JOIN counties c ON c.id = s.county_id
  LEFT JOIN users u ON u.id = s.rep_id
 WHERE (:rep IS NULL OR s.rep_id = :rep) AND (:county IS NULL OR s.county_id = :county)
 GROUP BY 1 ORDER BY 1
"""


def _ratio(num: float, den: float) -> float | None:
    return None if not den else num / den


def shelf_numbers(
    db: Sql,
    *,
    start: date,
    end: date,
    by: Group = "all",
    share: float = DEFAULT_PRICE_DISORDER_SHARE,
    rep_id: str | None = None,
    county_id: str | None = None,
) -> list[ShelfNumbers]:
    """The shelf numbers of the Beijing days ``start``..``end``, one row per group
    (only the shops of ``rep_id`` / ``county_id`` when given)."""
    key, label = _KEY[by]
    sql = _SQL.replace("{key}", key).replace("{label}", label)
    params = {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "by_month": 1 if by == "month" else 0,
        "share": share,
        "rep": rep_id,
        "county": county_id,
    }
    out: list[ShelfNumbers] = []
    for row in db.execute(sql, params).fetchall():
        k, lab, pairs, carrying, weight, weight_in, oos, ours, theirs, disorder = tuple(row)
        out.append(
            ShelfNumbers(
                key=str(k),
                label=str(lab or k),
                pairs=int(pairs),
                carrying=int(carrying),
                numeric_distribution=_ratio(carrying, pairs),
                weighted_distribution=_ratio(weight_in, weight),
                out_of_stock=int(oos),
                out_of_stock_rate=_ratio(oos, carrying),
                facings=int(ours),
                competitor_facings=int(theirs),
                share_of_shelf=_ratio(ours, ours + theirs),
                price_disorder=int(disorder),
            )
        )
    return out
