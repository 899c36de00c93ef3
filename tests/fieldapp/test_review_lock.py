"""An approved visit is the supervisor's record with its parts: on the device its order
lines and photos are neither added, changed, moved nor deleted, and neither is the
visit (``fieldapp.kinds.LOCKED_WHEN``, the rule head office applies too)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from fieldapp.errors import ValidationError
from fieldapp.store import Store

T0 = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)


@pytest.fixture
def store() -> Store:
    return Store.open(":memory:", clock=lambda: T0)


def _codes(exc: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str, str]]:
    return [(e.field, e.code) for e in exc.value.errors]


def test_an_approved_visit_and_its_parts_are_locked(store: Store) -> None:
    team = store.teams.create(name="郑州一组")
    rep = store.users.create(name="李娜", role="rep", team_id=team.id)
    sup = store.users.create(name="王强", role="supervisor", team_id=team.id)
    county = store.counties.create(name="金水区")
    shop = store.shops.create(name="鑫旺便利店", channel="convenience", county_id=county.id)
    product = store.products.create(name="青花瓷 52度")
    store.set_user(rep.id)
    visit = store.visits.create(shop_id=shop.id, rep_id=rep.id, planned_date=T0.date())
    other = store.visits.create(shop_id=shop.id, rep_id=rep.id, planned_date=T0.date())
    line = store.order_lines.create(visit_id=visit.id, product_id=product.id, quantity=6)
    store.visits.check_in(visit.id, at=T0)
    store.visits.check_out(visit.id, at=T0 + timedelta(minutes=20))
    store.visits.submit(visit.id)
    store.set_user(sup.id)
    store.visits.review(visit.id, decision="approved")
    store.set_user(rep.id)
    pending = store.outbox.count()

    with pytest.raises(ValidationError) as exc:
        store.order_lines.update(line.id, quantity=600)
    assert _codes(exc) == [("visit_id", "not_editable")]
    with pytest.raises(ValidationError) as exc:
        store.order_lines.create(visit_id=visit.id, product_id=product.id, quantity=1)
    assert _codes(exc) == [("visit_id", "not_editable")]
    with pytest.raises(ValidationError) as exc:
        store.order_lines.update(line.id, visit_id=other.id)  # moved out: still its part
    assert _codes(exc) == [("visit_id", "not_editable")]
    with pytest.raises(ValidationError):
        store.order_lines.delete(line.id)
    with pytest.raises(ValidationError) as exc:
        store.visits.delete(visit.id)
    assert _codes(exc) == [("review_status", "not_editable")]
    assert store.outbox.count() == pending
    assert store.order_lines.get(line.id).quantity == 6
    # Another visit's lines stay free.
    free = store.order_lines.create(visit_id=other.id, product_id=product.id, quantity=2)
    store.order_lines.update(free.id, quantity=3)
    store.order_lines.delete(free.id)


def test_the_lock_binds_the_rep_not_the_supervisor_whose_record_it_is(store: Store) -> None:
    """One rule with head office (``fieldapp.kinds.lock_binds``): the team's supervisor
    corrects an approved visit and its lines on the device, as head office lets them."""
    team = store.teams.create(name="郑州一组")
    rep = store.users.create(name="李娜", role="rep", team_id=team.id)
    sup = store.users.create(name="王强", role="supervisor", team_id=team.id)
    county = store.counties.create(name="金水区")
    shop = store.shops.create(name="鑫旺便利店", channel="convenience", county_id=county.id)
    product = store.products.create(name="青花瓷 52度")
    store.set_user(rep.id)
    visit = store.visits.create(shop_id=shop.id, rep_id=rep.id, planned_date=T0.date())
    line = store.order_lines.create(visit_id=visit.id, product_id=product.id, quantity=6)
    store.visits.check_in(visit.id, at=T0)
    store.visits.check_out(visit.id, at=T0 + timedelta(minutes=20))
    store.visits.submit(visit.id)
    store.set_user(sup.id)
    store.visits.review(visit.id, decision="approved")

    with pytest.raises(ValidationError) as exc:  # the rep stays bound
        store.set_user(rep.id)
        store.visits.update(visit.id, check_notes="改了")
    assert _codes(exc) == [("check_notes", "not_editable")]

    store.set_user(sup.id)
    store.order_lines.update(line.id, quantity=12)
    extra = store.order_lines.create(visit_id=visit.id, product_id=product.id, quantity=1)
    store.order_lines.delete(extra.id)
    store.visits.update(visit.id, check_notes="主管更正：数量 12")
    assert store.order_lines.get(line.id).quantity == 12
    assert store.visits.get(visit.id).check_notes == "主管更正：数量 12"
