"""A shop's assortment, the visit's audit grid and its lines in the store (issue 16);
``stats`` prints 铺货率 and the export carries the raw lines and the numbers."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest

from fieldapp.cli import main
from fieldapp.errors import ValidationError
from fieldapp.exchange.export import export_xlsx
from fieldapp.exchange.from_store import StoreSource
from fieldapp.store import Store
from fieldapp.store.shelf import assortment, audit_grid, save_audit, sku_history
from tests.conftest import World, _build_world, as_head_office, as_supervisor

T1 = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
T2 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def _shop_with_rules(world: World) -> tuple[str, list[str]]:
    s = world.store
    ids = [
        s.products.create(name=name, category=cat, price=price).id
        for name, cat, price in (("啤酒 330", "啤酒", 4.0), ("啤酒 500", "啤酒", 6.0),
                                 ("冰红茶", "饮料", 3.0), ("矿泉水", "饮料", 2.0))
    ]  # fmt: skip
    with as_supervisor(world):  # a team's rules are its supervisor's (kinds.SUPERVISOR_ONLY)
        for pid in ids[:3]:
            s.assortment_rules.create(team_id=world.team_id, channel="convenience", tier="A",
                                      product_id=pid)  # fmt: skip
        s.assortment_rules.create(team_id=world.team_id, channel="supermarket", tier="A",
                                  product_id=ids[3])  # fmt: skip
    shop = s.shops.create(name="鑫旺便利店", channel="convenience", tier="A",
                          county_id=world.county_id, rep_id=world.rep_id)  # fmt: skip
    return shop.id, ids


def test_the_assortment_is_the_rules_plus_the_shops_own_changes(world: World) -> None:
    shop, ids = _shop_with_rules(world)
    assert set(assortment(world.store.db, shop_id=shop)) == set(ids[:3])
    world.store.shop_skus.create(shop_id=shop, product_id=ids[3], listed=True)
    world.store.shop_skus.create(shop_id=shop, product_id=ids[0], listed=False)
    assert set(assortment(world.store.db, shop_id=shop)) == {ids[1], ids[2], ids[3]}
    with pytest.raises(ValidationError):  # one change per shop and SKU
        world.store.shop_skus.create(shop_id=shop, product_id=ids[3], listed=False)


def test_the_grid_is_prefilled_from_the_last_visit_and_saved_whole_or_not(world: World) -> None:
    s = world.store
    shop, _ids = _shop_with_rules(world)
    first = s.visits.create(shop_id=shop, rep_id=world.rep_id, checkin_at=T1)
    grid = audit_grid(s.db, visit_id=first.id)
    assert len(grid) == 3 and all(not r.in_distribution and r.facings is None for r in grid)
    grid[0] = grid[0].with_value("in_distribution", True).with_value("facings", 4)
    grid[1] = grid[1].with_value("in_distribution", True).with_value("shelf_price", 4.5)
    save_audit(s, visit_id=first.id, rows=grid)
    assert s.shelf_audits.count() == 3

    second = s.visits.create(shop_id=shop, rep_id=world.rep_id, checkin_at=T2)
    again = audit_grid(s.db, visit_id=second.id)
    assert [(r.in_distribution, r.facings, r.shelf_price, r.line_id) for r in again] == [
        (True, 4, None, None),
        (True, None, 4.5, None),
        (False, None, None, None),
    ]
    assert again[1].price_disorder(0.15) and not again[0].price_disorder(0.15)
    bad = [again[0].with_value("facings", 1000), again[1].with_value("facings", 2)]
    with pytest.raises(ValidationError) as err:
        save_audit(s, visit_id=second.id, rows=bad)
    assert [(e.field, e.code) for e in err.value.errors] == [("facings", "out_of_range")]
    assert s.shelf_audits.count() == 3  # nothing of the second visit was kept
    saved = save_audit(s, visit_id=second.id, rows=again)
    assert all(r.line_id for r in saved) and s.shelf_audits.count() == 6
    outbox = s.db.execute("SELECT count(*) FROM outbox WHERE table_name = 'shelf_audits'")
    assert outbox.fetchone()[0] == 6
    save_audit(s, visit_id=second.id, rows=saved)  # unchanged: nothing written again
    outbox = s.db.execute("SELECT count(*) FROM outbox WHERE table_name = 'shelf_audits'")
    assert outbox.fetchone()[0] == 6


def test_stats_prints_distribution_and_the_export_has_the_shelf_sheets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:

    path = tmp_path / "s.db"
    store = Store.open(path)
    try:
        world = _build_world(store)
        shop, _ids = _shop_with_rules(world)
        v = store.visits.create(shop_id=shop, rep_id=world.rep_id, checkin_at=T2)
        grid = audit_grid(store.db, visit_id=v.id)
        grid[0] = grid[0].with_value("in_distribution", True).with_value("shelf_price", 3.0)
        save_audit(store, visit_id=v.id, rows=grid)
        export_xlsx(StoreSource(store), tmp_path / "x.xlsx", lang="zh_CN")
    finally:
        store.close()
    assert main(["--db", str(path), "stats", "--today", "2026-11-24"]) == 0
    out = capsys.readouterr().out
    assert "铺货率" in out and "All SKUs                 numeric   33% (1/3)" in out
    book = openpyxl.load_workbook(tmp_path / "x.xlsx", read_only=True)
    lines = list(book["货架检查明细"].iter_rows(values_only=True))
    assert len(lines) == 4 and lines[0][8] == "有铺货"
    assert [r[13] for r in lines[1:]].count("是") == 1  # 3.0 under 4.0 × 0.85: 乱价
    numbers = list(book["铺货率"].iter_rows(values_only=True))
    assert numbers[1][:4] == ("合计", None, 3, 1)
    book.close()


def test_the_grid_and_the_history_hold_the_shelf_price_against_the_shops_price_list(
    world: World,
) -> None:
    """乱价 compares with the list price that applies to the shop on the visit's day (its
    county's list beats the channel's; a list not yet valid does not count), not with
    the product's own price."""
    s = world.store
    shop, ids = _shop_with_rules(world)  # 啤酒 330 ¥4.0, 啤酒 500 ¥6.0, 冰红茶 ¥3.0
    with as_head_office(s):
        s.prices.create(list_name="县价", product_id=ids[0], county_id=world.county_id,
                        price=5.0, valid_from="2026-11-01")  # fmt: skip
        s.prices.create(list_name="便利店", product_id=ids[0], channel="convenience",
                        price=3.0, valid_from="2026-11-01")  # fmt: skip
        s.prices.create(list_name="明年", product_id=ids[1], price=9.0, valid_from="2027-01-01")
    v = s.visits.create(shop_id=shop, rep_id=world.rep_id, checkin_at=T1)
    grid = audit_grid(s.db, visit_id=v.id)
    assert [r.list_price for r in grid] == [5.0, 6.0, 3.0]
    grid[0] = grid[0].with_value("in_distribution", True).with_value("shelf_price", 4.2)
    grid[1] = grid[1].with_value("in_distribution", True).with_value("shelf_price", 5.2)
    # 4.2 < 5.0 × 0.85 = 4.25 (under the product's own ¥4.0 it would not be); 5.2 is not
    # under 6.0 × 0.85 = 5.10 (against next year's ¥9.0 it would be).
    assert [r.price_disorder(0.15) for r in grid] == [True, False, False]
    assert not grid[0].price_disorder(0.2)  # the share is the setting's: 4.2 ≥ 4.0
    save_audit(s, visit_id=v.id, rows=grid)
    history = sku_history(s.db, shop_id=shop)
    assert [(h.shelf_price, h.list_price) for h in history if h.shelf_price] == [
        (4.2, 5.0),
        (5.2, 6.0),
    ]
