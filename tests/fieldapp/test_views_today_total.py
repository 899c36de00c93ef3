"""Today's lists can count the whole list in the same query (``with_total``): the
rows are the same as without, and the total is what the count_* query says."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from fieldapp.demo import adopt_first_rep, generate
from fieldapp.store import Store, views_today as vt

TODAY = date(2026, 11, 24)


@pytest.fixture(scope="module")
def demo() -> Iterator[Store]:
    with Store.open() as store:
        generate(store, scale="rep", seed=5, today=TODAY)
        adopt_first_rep(store)
        # The demo's rep has fixed nearly every returned visit: return a few more, so
        # that list has pages too.
        supervisor = next(store.db.query("SELECT id FROM users WHERE role = 'supervisor'"))["id"]
        waiting = list(
            store.db.query(
                "SELECT id FROM visits WHERE review_status = 'submitted' AND rep_id = ?"
                " ORDER BY id LIMIT 8",
                [store.user_id],
            )
        )
        for row in waiting:
            store.visits.review(
                row["id"], decision="returned", comment="请补拍陈列", reviewer_id=supervisor
            )
        yield store


LISTS: list[tuple[Any, Any, dict[str, str]]] = [
    (vt.returned_visits, vt.count_returned_visits, vt.RETURNED_ORDERS),
    (vt.quiet_owners, vt.count_quiet_owners, vt.QUIET_ORDERS),
    (vt.kocs_to_follow_up, vt.count_kocs_to_follow_up, vt.FOLLOW_UP_ORDERS),
]


@pytest.mark.parametrize(("rows_of", "count_of", "orders"), LISTS)
@pytest.mark.parametrize("rep", ["mine", None])
def test_the_total_comes_with_the_same_rows(
    demo: Store, rows_of: Any, count_of: Any, orders: dict[str, str], rep: str | None
) -> None:
    rep_id = demo.user_id if rep == "mine" else None
    kw: dict[str, Any] = {"rep_id": rep_id}
    if rows_of is not vt.returned_visits:
        kw["today"] = TODAY
    expected_total = count_of(demo.db, **kw)
    assert expected_total > 5  # the demo has something to page through
    for order in [None, *orders]:
        for descending in (False, True):
            for limit, offset in ((5, 0), (40, 0), (None, 0), (5, 5), (5, expected_total + 3)):
                page = dict(kw, order=order, descending=descending, limit=limit, offset=offset)
                plain = rows_of(demo.db, **page)
                counted = rows_of(demo.db, **page, with_total=True)
                assert list(counted) == list(plain), (order, descending, limit, offset)
                assert plain.total is None
                if counted:
                    assert counted.total == expected_total
                elif offset:
                    assert counted.total is None  # an empty page past the end knows nothing
                else:
                    assert counted.total == 0
