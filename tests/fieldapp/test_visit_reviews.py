"""Visit review: ``store.visits.review``, the review history and the 0004 migration."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from fieldapp.errors import InUse, ValidationError
from fieldapp.model import ReviewDecision, ReviewStatus, Visit
from fieldapp.store import Store, migrations

T0 = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def tick(self, minutes: int = 1) -> None:
        self.now += timedelta(minutes=minutes)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(clock: Clock) -> Store:
    s = Store.open(":memory:", clock=clock)
    team = s.teams.create(name="郑州一组")
    s.rep = s.users.create(name="李娜", role="rep", team_id=team.id)  # type: ignore[attr-defined]
    s.sup = s.users.create(name="王强", role="supervisor", team_id=team.id)  # type: ignore[attr-defined]
    county = s.counties.create(name="金水区")
    s.shop = s.shops.create(name="鑫旺便利店", channel="convenience", county_id=county.id)  # type: ignore[attr-defined]
    return s


def _submitted(store: Store, clock: Clock) -> Visit:
    store.set_user(store.rep.id)  # type: ignore[attr-defined]
    visit = store.visits.create(shop_id=store.shop.id, rep_id=store.rep.id, planned_date=T0.date())  # type: ignore[attr-defined]
    store.visits.check_in(visit.id, at=T0)
    store.visits.check_out(visit.id, at=T0 + timedelta(minutes=20))
    return store.visits.submit(visit.id)


def test_return_writes_history_and_visit_fields_in_one_transaction(
    store: Store, clock: Clock
) -> None:
    visit = _submitted(store, clock)
    store.set_user(store.sup.id)  # type: ignore[attr-defined]
    clock.tick(60)
    seq = store.outbox.last_seq()
    review = store.visits.review(visit.id, decision="returned", comment="陈列照片看不清")
    assert review.decision == ReviewDecision.RETURNED
    assert review.reviewer_id == store.sup.id  # type: ignore[attr-defined]
    assert review.decided_at == clock.now
    after = store.visits.get(visit.id)
    assert after.review_status == ReviewStatus.RETURNED
    assert after.supervisor_comment == "陈列照片看不清"
    assert after.reviewed_by == store.sup.id and after.reviewed_at == clock.now  # type: ignore[attr-defined]
    new = [m for m in store.outbox.list() if m.seq > seq]
    assert [(m.table, m.op) for m in new] == [("visit_reviews", "insert"), ("visits", "update")]
    assert store.visits.reviews(visit.id) == [review]


def test_return_needs_a_comment_and_writes_nothing_without(store: Store, clock: Clock) -> None:
    visit = _submitted(store, clock)
    before = store.outbox.count()
    with pytest.raises(ValidationError) as err:
        store.visits.review(visit.id, decision="returned", comment="  ")
    assert err.value.field == "comment" and err.value.field_code == "required"
    with pytest.raises(ValidationError) as err:
        store.visits.review(visit.id, decision="maybe")
    assert err.value.field == "decision"
    assert store.outbox.count() == before
    assert store.visits.get(visit.id).review_status == ReviewStatus.SUBMITTED
    assert store.visits.reviews(visit.id) == []


def test_only_a_submitted_visit_can_be_decided(store: Store, clock: Clock) -> None:
    draft = store.visits.create(shop_id=store.shop.id, planned_date=T0.date())  # type: ignore[attr-defined]
    with pytest.raises(ValidationError) as err:
        store.visits.review(draft.id, decision="approved")
    assert err.value.field_code == "not_editable"
    visit = _submitted(store, clock)
    store.visits.review(visit.id, decision="approved")
    with pytest.raises(ValidationError):
        store.visits.review(visit.id, decision="returned", comment="再看看")


def test_returned_fixed_resubmitted_approved_keeps_both_decisions(
    store: Store, clock: Clock
) -> None:
    visit = _submitted(store, clock)
    store.set_user(store.sup.id)  # type: ignore[attr-defined]
    clock.tick()
    first = store.visits.review(visit.id, decision="returned", comment="补充竞品情况")
    # The rep fixes the returned visit (it is editable again) and sends it back.
    store.set_user(store.rep.id)  # type: ignore[attr-defined]
    clock.tick()
    store.visits.update(visit.id, check_competitor="promotion", check_notes="对面在做买二送一")
    assert store.visits.submit(visit.id).review_status == ReviewStatus.SUBMITTED
    with pytest.raises(ValidationError):  # locked again while under review
        store.visits.update(visit.id, check_notes="改")
    store.set_user(store.sup.id)  # type: ignore[attr-defined]
    clock.tick()
    second = store.visits.review(visit.id, decision="approved")
    assert store.visits.reviews(visit.id) == [first, second]
    final = store.visits.get(visit.id)
    assert final.review_status == ReviewStatus.APPROVED
    assert final.supervisor_comment is None
    assert final.check_competitor == "promotion"


def test_a_reviewed_visit_cannot_be_deleted_from_under_its_history(
    store: Store, clock: Clock
) -> None:
    visit = _submitted(store, clock)
    store.visits.review(visit.id, decision="returned", comment="重拍")
    with pytest.raises(InUse):
        store.visits.delete(visit.id)


def test_migration_0004_from_the_schema_before_keeps_data_and_reviews_work(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    db = Database(path)
    migrations.migration_set().apply(db, stop_before="0004_visit_reviews")
    assert "visit_reviews" not in db.table_names()
    t0, t1 = T0.isoformat(), (T0 + timedelta(hours=1)).isoformat()
    db.execute(
        "INSERT INTO counties (id, created_at, updated_at, name) VALUES ('c1', ?, ?, '老区')",
        [t0, t0],
    )
    db.execute(
        "INSERT INTO shops (id, created_at, updated_at, name, channel, county_id)"
        " VALUES ('s1', ?, ?, '老店', 'other', 'c1')",
        [t0, t0],
    )
    db.execute(
        "INSERT INTO visits (id, created_at, updated_at, shop_id, checkin_at, checkout_at,"
        " review_status) VALUES ('v1', ?, ?, 's1', ?, ?, 'submitted')",
        [t0, t0, t0, t1],
    )
    db.conn.commit()
    db.close()
    with Store.open(path) as store:
        assert migrations.applied(store.db) == list(migrations.MIGRATION_NAMES)
        assert store.visits.get("v1").review_status == ReviewStatus.SUBMITTED
        store.visits.review("v1", decision="returned", comment="重拍陈列")
        assert [r.comment for r in store.visits.reviews("v1")] == ["重拍陈列"]
        assert store.check().ok
