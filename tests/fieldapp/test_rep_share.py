"""A dashboard filtered to one rep compares that rep's KOCs with the rep's share of each
county's target (their part of the county's shops), not the whole team's target."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fieldapp.store import metrics
from tests.conftest import as_head_office

if TYPE_CHECKING:
    from conftest import Maker, World


def test_one_reps_density_is_against_their_share_of_the_target(world: World, make: Maker) -> None:
    store = world.store
    with as_head_office(store):
        store.counties.update(world.county_id, koc_target=40)
    other = store.users.create(name="周强", role="rep", team_id=world.team_id).id
    for _ in range(3):
        make.shop(rep_id=world.rep_id)
    make.shop(rep_id=other)
    for _ in range(6):
        make.koc(rep_id=world.rep_id)
    # A county with no shops: shared equally by the reps with KOCs there.
    empty = make.county(name="兰考县", koc_target=10)
    make.koc(county_id=empty.id, rep_id=world.rep_id)
    make.koc(county_id=empty.id, rep_id=other)
    # A county the rep does not work in: no share.
    make.county(name="中牟县", koc_target=50)

    team = {d.name: d for d in metrics.county_density(store.db)}
    assert team["金水区"].koc_target == 40
    mine = {d.name: d for d in metrics.county_density(store.db, rep_id=world.rep_id)}
    assert (mine["金水区"].kocs, mine["金水区"].koc_target) == (6, 30)
    assert mine["金水区"].density_ratio == 6 / 30
    assert mine["兰考县"].koc_target == 5
    assert mine["中牟县"].koc_target == 0 and mine["中牟县"].density_ratio is None
    theirs = {d.name: d for d in metrics.county_density(store.db, rep_id=other)}
    assert theirs["金水区"].koc_target == 10
