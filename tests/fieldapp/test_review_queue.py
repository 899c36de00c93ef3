"""The supervisor's review queue and review history (fieldapp.store.views_visits)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from fieldapp.model import ReviewDecision, Tier
from fieldapp.store import Store, views_visits as vv


@pytest.fixture
def store() -> Store:
    s = Store.open(":memory:")
    t1, t2 = s.teams.create(name="一组"), s.teams.create(name="二组")
    s.r1 = s.users.create(name="Alice", role="rep", team_id=t1.id)  # type: ignore[attr-defined]
    s.r2 = s.users.create(name="Bob", role="rep", team_id=t1.id)  # type: ignore[attr-defined]
    s.r3 = s.users.create(name="Carl", role="rep", team_id=t2.id)  # type: ignore[attr-defined]
    s.sup = s.users.create(name="Zed", role="supervisor", team_id=t1.id)  # type: ignore[attr-defined]
    s.t1 = t1.id  # type: ignore[attr-defined]
    s.c1 = s.counties.create(name="金水区").id  # type: ignore[attr-defined]
    s.c2 = s.counties.create(name="中原区").id  # type: ignore[attr-defined]
    return s


def _visit(
    store: Store, rep: str, county: str, tier: str, checkin: datetime, submit: bool = True
) -> str:
    shop = store.shops.create(
        name=f"{tier}店", channel="other", tier=tier, county_id=county, rep_id=rep
    )
    v = store.visits.create(
        shop_id=shop.id, rep_id=rep, checkin_at=checkin, checkout_at=checkin + timedelta(minutes=30)
    )
    if submit:
        store.visits.submit(v.id)
    return v.id


def test_queue_filters_by_team_rep_county_tier_and_local_day(store: Store) -> None:
    s = store
    d = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
    a = _visit(s, s.r1.id, s.c1, "A", d)  # type: ignore[attr-defined]
    # 16:30 UTC on the 20th is 00:30 on the 21st in Beijing.
    b = _visit(s, s.r2.id, s.c2, "B", datetime(2026, 11, 20, 16, 30, tzinfo=UTC))  # type: ignore[attr-defined]
    c = _visit(s, s.r3.id, s.c1, "A", d + timedelta(minutes=5))  # type: ignore[attr-defined]  # other team
    _visit(s, s.r1.id, s.c1, "A", d, submit=False)  # type: ignore[attr-defined]  # a draft
    approved = _visit(s, s.r1.id, s.c1, "C", d - timedelta(days=1))  # type: ignore[attr-defined]
    s.visits.review(approved, decision="approved")

    def ids(**kw: object) -> list[str]:
        rows = vv.review_queue(s.db, **kw)  # type: ignore[arg-type]
        filters = {k: v for k, v in kw.items() if k not in ("order", "descending")}
        assert vv.count_review_queue(s.db, **filters) == len(rows)  # type: ignore[arg-type]
        return [r.visit_id for r in rows]

    assert ids() == [a, c, b]  # oldest check-in first
    assert ids(team_id=s.t1) == [a, b]  # type: ignore[attr-defined]
    assert ids(team_id=s.t1, rep_id=s.r2.id) == [b]  # type: ignore[attr-defined]
    assert ids(county_id=s.c2) == [b]  # type: ignore[attr-defined]
    assert ids(tier=Tier.A) == [a, c]
    assert ids(since=date(2026, 11, 21)) == [b]
    assert ids(until=date(2026, 11, 20)) == [a, c]
    assert ids(order="rep", descending=True) == [c, b, a]
    with pytest.raises(ValueError):
        ids(order="v.id; DROP TABLE visits")
    row = vv.review_queue(s.db, rep_id=s.r2.id)[0]  # type: ignore[attr-defined]
    assert (row.rep_name, row.county_name, row.visit_date, row.times_returned) == (
        "Bob",
        "中原区",
        date(2026, 11, 21),
        0,
    )


def test_history_and_times_returned(store: Store) -> None:
    s = store
    v = _visit(s, s.r1.id, s.c1, "A", datetime(2026, 11, 20, 2, 0, tzinfo=UTC))  # type: ignore[attr-defined]
    s.set_user(s.sup.id)  # type: ignore[attr-defined]
    s.visits.review(v, decision="returned", comment="补拍照片")
    s.set_user(s.r1.id)  # type: ignore[attr-defined]
    s.visits.submit(v)
    (row,) = vv.review_queue(s.db)
    assert row.times_returned == 1
    s.set_user(s.sup.id)  # type: ignore[attr-defined]
    s.visits.review(v, decision="approved")
    history = vv.review_history(s.db, visit_id=v)
    assert [(h.decision, h.comment, h.reviewer_name) for h in history] == [
        (ReviewDecision.RETURNED, "补拍照片", "Zed"),
        (ReviewDecision.APPROVED, None, "Zed"),
    ]
    assert vv.review_queue(s.db) == []


def test_filter_choices(store: Store) -> None:
    s = store
    _visit(s, s.r1.id, s.c1, "A", datetime(2026, 11, 20, 2, 0, tzinfo=UTC))  # type: ignore[attr-defined]
    assert [c.name for c in vv.team_reps(s.db, team_id=s.t1)] == ["Alice", "Bob"]  # type: ignore[attr-defined]
    assert [c.name for c in vv.team_reps(s.db, team_id=None)] == ["Alice", "Bob", "Carl"]
    assert [c.name for c in vv.team_counties(s.db, team_id=s.t1)] == ["金水区"]  # type: ignore[attr-defined]
    assert [c.name for c in vv.team_counties(s.db, team_id=None)] == ["中原区", "金水区"]
