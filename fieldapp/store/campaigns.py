"""Head office's campaigns in the store (issue 19): the tasks a visit shows and their
records in it.

A visit shows the live campaigns open on its day (``store.pricing.visit_day``: check-in,
else planned day) whose filter takes its shop (``fieldapp.campaigns.matches``: the
shop's county, channel, tier and its rep's team). Campaigns come from head office
(read-only here: ``fieldapp.kinds.HEAD_OFFICE_ONLY``); a rep records each task once per
visit (done, or not done with why).
Threading: functions take the store (or its ``Sql``) of the calling thread.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ..campaigns import is_open, matches, result_problem
from ..errors import ValidationError
from ..model import CampaignResult
from .db import Sql

if TYPE_CHECKING:
    from . import Store

__all__ = ["names_open", "open_for_shop", "record_result", "shop_team"]


def shop_team(db: Sql, shop_id: str) -> str | None:
    """The team of the shop's rep (a campaign's team filter)."""
    row = db.execute(
        "SELECT u.team_id FROM shops s LEFT JOIN users u ON u.id = s.rep_id WHERE s.id = :s",
        {"s": shop_id},
    ).fetchone()
    return None if row is None or row[0] is None else str(row[0])


def open_for_shop(db: Sql, *, shop_id: str, day: date) -> list[dict[str, Any]]:
    """The live campaigns open on ``day`` whose filter takes the shop, by end day and
    name, each with its product's name (``product_name``)."""
    shop = db.execute(
        "SELECT county_id, channel, tier FROM shops WHERE id = :s", {"s": shop_id}
    ).fetchone()
    if shop is None:
        return []
    fields = {"county_id": shop[0], "channel": shop[1], "tier": shop[2]}
    team = shop_team(db, shop_id)
    found = db.query(
        "SELECT c.*, p.name AS product_name FROM campaigns c"
        " LEFT JOIN products p ON p.id = c.product_id"
        " WHERE c.deleted = 0 AND c.starts_on <= :day AND c.ends_on >= :day"
        " ORDER BY c.ends_on, c.name, c.id",
        {"day": day.isoformat()},
    )
    return [dict(c) for c in found if is_open(c, day) and matches(c, fields, team)]


def names_open(db: Sql, *, day: date) -> list[str]:
    """The names of the live campaigns open on ``day``, by name (a push names one)."""
    return [
        str(r["name"])
        for r in db.query(
            "SELECT DISTINCT name FROM campaigns WHERE deleted = 0 AND starts_on <= :day"
            " AND ends_on >= :day ORDER BY name",
            {"day": day.isoformat()},
        )
    ]


def record_result(
    store: Store,
    *,
    visit_id: str,
    campaign_id: str,
    done: bool,
    answer: str | None = None,
    photo_id: str | None = None,
) -> CampaignResult:
    """The visit's record of a campaign's task, written or changed (one per visit and
    campaign); ``ValidationError`` (nothing written) when it breaks
    ``fieldapp.campaigns.result_problem`` (a photo task done without its photo too)."""
    fields: dict[str, Any] = {"done": done, "answer": answer, "photo_id": photo_id}
    with store.transaction():
        kind = store.db.execute(
            "SELECT task_kind FROM campaigns WHERE id = :c", {"c": campaign_id}
        ).fetchone()
        problem = result_problem(fields, None if kind is None else str(kind[0]))
        if problem is not None:
            raise ValidationError.single(problem[0], problem[1], entity="campaign_results")
        found = store.campaign_results.list(
            where={"visit_id": visit_id, "campaign_id": campaign_id}
        )
        if found:
            return store.campaign_results.update(found[0].id, **fields)
        return store.campaign_results.create(visit_id=visit_id, campaign_id=campaign_id, **fields)
