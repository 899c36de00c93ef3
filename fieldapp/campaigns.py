"""Head office's campaigns (活动任务, issue 19): one rule, pure Python.

A campaign is a task head office sets (a question to ask, a checklist item, a photo to
take, a product to place) for the shops matching its filter (team, county, channel,
tier; each empty: any) during its period. The task appears in each visit to such a shop
whose day is in the period; the rep records it done or not done (with why) in that
visit, and head office follows the completion per shop and rep.

**Row rules** (the device's model and head office's ``sync.protocol.CROSS_FIELD`` call
these, same fields and codes): a campaign ends on or after it starts
(``end_before_start``); a task to place a product names the product (``required``); a
task recorded as not done says why (``reason_required``), a photo task done names its
photo (``required``).
Thread-agnostic: pure functions.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from .values import day_of as _day, period_problem

__all__ = [
    "TASK_KINDS",
    "campaign_problem",
    "is_open",
    "matches",
    "result_problem",
]

#: What a campaign asks for in a visit.
TASK_KINDS: tuple[str, ...] = ("question", "checklist", "photo", "placement")


def campaign_problem(row: Mapping[str, Any]) -> tuple[str, str] | None:
    period = period_problem(row)
    if period is not None:
        return period
    if row.get("task_kind") == "placement" and not row.get("product_id"):
        return "product_id", "required"
    return None


def result_problem(row: Mapping[str, Any], kind: str | None = None) -> tuple[str, str] | None:
    """A visit's record of a campaign task; ``kind``: the campaign's task kind when the
    caller knows it (the photo rule needs it)."""
    answer = row.get("answer")
    said = isinstance(answer, str) and bool(answer.strip())
    if row.get("done") is False and not said:
        return "answer", "reason_required"
    if kind == "photo" and row.get("done") and not row.get("photo_id"):
        return "photo_id", "required"
    return None


def is_open(campaign: Mapping[str, Any], day: date) -> bool:
    """Whether ``day`` is in the campaign's period."""
    start, end = _day(campaign.get("starts_on")), _day(campaign.get("ends_on"))
    return start is not None and end is not None and start <= day <= end


def matches(campaign: Mapping[str, Any], shop: Mapping[str, Any], team_id: str | None) -> bool:
    """Whether the campaign's filter takes ``shop`` (its ``county_id``, ``channel``,
    ``tier``) of team ``team_id`` (the team of its rep)."""
    for field, value in (
        ("team_id", team_id),
        ("county_id", shop.get("county_id")),
        ("channel", shop.get("channel")),
        ("tier", shop.get("tier")),
    ):
        wanted = campaign.get(field)
        if wanted and wanted != value:
            return False
    return True
