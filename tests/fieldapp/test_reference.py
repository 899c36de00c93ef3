"""China's county list (fieldapp.reference): complete per province, and counties made
from it get the same id on every device, so sync never doubles a county."""

from __future__ import annotations

from fieldapp import reference
from fieldapp.store import Store


def test_every_mainland_province_has_its_counties() -> None:
    provinces = reference.provinces()
    assert len(provinces) == 31 and provinces[0] == "北京市"
    assert all(reference.counties(p) for p in provinces)
    henan = reference.counties("河南省")
    assert len(henan) == 157
    names = {c.name: c for c in henan}
    assert names["金水区"].prefecture == "郑州市" and names["金水区"].code == "410105"
    assert names["济源市"].prefecture is None  # directly under the province
    assert len(reference.all_counties()) > 2800


def test_find_by_name_with_or_without_its_ending() -> None:
    assert [c.code for c in reference.find("金水区")] == ["410105"]
    assert [c.code for c in reference.find("金水")] == ["410105"]
    assert len(reference.find("新华区")) > 1  # several provinces have one
    assert [c.province for c in reference.find("新华区", "河南省")] == ["河南省"]
    assert reference.find("没有这个县") == []


def test_counties_from_the_list_are_the_same_row_on_every_device() -> None:
    picks = [c for c in reference.counties("河南省") if c.name in ("金水区", "中牟县")]
    ids = []
    for _device in range(2):
        with Store.open(":memory:") as store:
            made = reference.add_counties(store, picks)
            again = reference.add_counties(store, picks)  # nothing new the second time
            assert [c.id for c in again] == [c.id for c in made]
            assert store.counties.count() == 2
            assert store.outbox.count(state="pending") == 2
            assert {(c.name, c.province, c.prefecture) for c in made} == {
                ("金水区", "河南省", "郑州市"),
                ("中牟县", "河南省", "郑州市"),
            }
            ids.append(sorted(c.id for c in made))
    assert ids[0] == ids[1]


def test_a_county_typed_by_hand_is_not_doubled(store: Store) -> None:
    # The test world already has 河南省 金水区 (made by hand, a random id).
    jinshui = [c for c in reference.counties("河南省") if c.name == "金水区"]
    before = store.counties.count()
    made = reference.add_counties(store, jinshui)
    assert store.counties.count() == before
    assert made[0].name == "金水区"
