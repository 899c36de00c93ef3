"""Importing a cloud-store order export (issue 18): the shop import's mapping and problem
report, idempotent by order id, all-or-nothing unless the valid rows are chosen, and a
hostile or malformed export reported row by row with nothing lost."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from fieldapp.cli import main as cli
from fieldapp.exchange import import_orders as imp
from fieldapp.exchange.import_shops import ImportFileError, ImportRefused, MappingError
from fieldapp.store import Store, loop

HEADERS_ZH = ["订单号", "下单时间", "门店", "商品", "实付金额", "买家手机", "推荐码", "群名称"]
HEADERS_EN = [
    "Order ID",
    "Order time",
    "Shop",
    "Items",
    "Amount",
    "Buyer",
    "Referrer code",
    "Group",
]


def _csv(path: Path, headers: list[str], rows: list[list[Any]], encoding: str = "utf-8") -> Path:
    text = "\n".join(",".join("" if c is None else str(c) for c in r) for r in [headers, *rows])
    path.write_bytes((text + "\n").encode(encoding))
    return path


def _xlsx(path: Path, headers: list[str], rows: list[list[Any]], title: str | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    if title:
        ws.append([title])
    ws.append(headers)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


@pytest.fixture
def shops(store: Store, world: Any) -> dict[str, Any]:
    s = store.shops.create(
        name="鑫旺便利店", channel="convenience", county_id=world.county_id, code="S001"
    )
    t = store.shops.create(name="福来超市", channel="supermarket", county_id=world.county_id)
    store.shops.create(name="同名店", channel="other", county_id=world.county_id, code="D1")
    store.shops.create(name="同名店", channel="other", county_id=world.county_id, code="D2")
    store.kocs.create(name="李哥", county_id=world.county_id, referrer_code="LG88")
    return {"s": s, "t": t}


GOOD = [
    ["YZ1001", "2026-11-26 11:03:00", "s001", "金典十年×2", "¥1,256.00", "138 0013 8000", "LG88",
     "幸福里邻居群"],
    ["YZ1002", "2026/11/27 09:00", "福来超市", "冰红茶×6", "18元", None, None, None],
]  # fmt: skip


def test_chinese_headers_plan_and_import_idempotently(
    store: Store, shops: dict[str, Any], tmp_path: Path
) -> None:
    table = imp.read(_xlsx(tmp_path / "o.xlsx", HEADERS_ZH, GOOD, title="云店订单导出 2026-11"))
    mapping, unknown = imp.ORDER_COLUMNS.guess(table.headers)
    assert unknown == [] and set(mapping.values()) == set(imp.FIELDS)
    plan = imp.plan_import(store, table, mapping)
    assert [r.action for r in plan.rows] == ["create", "create"]
    first = plan.rows[0].changes
    assert first["shop_id"] == shops["s"].id and first["amount"] == 1256.0
    assert first["ordered_at"] == "2026-11-26T03:03:00+00:00"  # Beijing time → UTC
    assert first["buyer_ref"] == "13800138000"
    assert plan.rows[1].changes["shop_id"] == shops["t"].id
    imp.apply_import(store, plan)
    outbox = store.outbox.count()
    again = imp.plan_import(store, imp.read(tmp_path / "o.xlsx"), mapping)
    assert [r.action for r in again.rows] == ["unchanged", "unchanged"]
    result = imp.apply_import(store, again)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert store.outbox.count() == outbox  # nothing written the second time
    assert len(store.cloud_orders.list()) == 2
    # The referrer code attributes the first order to Li.
    got = {a.order_no: a for a in loop.attributions(store.db)}
    assert got["YZ1001"].koc_how == "referrer"


def test_a_person_attribution_survives_a_reimport(
    store: Store, shops: dict[str, Any], tmp_path: Path
) -> None:
    path = _csv(tmp_path / "o.csv", HEADERS_EN, GOOD)
    table = imp.read(path)
    mapping = imp.ORDER_COLUMNS.guess(table.headers)[0]
    imp.apply_import(store, imp.plan_import(store, table, mapping))
    order = next(o for o in store.cloud_orders.list() if o.order_no == "YZ1002")
    koc = store.kocs.create(name="王姨", county_id=order.shop_id and shops["s"].county_id)
    store.cloud_orders.update(order.id, koc_id=koc.id)
    changed = [*GOOD[:1], [*GOOD[1][:4], "20", *GOOD[1][5:]]]
    _csv(path, HEADERS_EN, changed)
    plan = imp.plan_import(store, imp.read(path), mapping)
    assert [(r.action, r.changes) for r in plan.rows] == [
        ("unchanged", {}),
        ("update", {"amount": 20.0}),
    ]
    imp.apply_import(store, plan)
    assert store.cloud_orders.get(order.id).koc_id == koc.id


HOSTILE = [
    ["YZ2001", "2026-11-26 11:03:00", "S001", "ok", "10", None, None, None],
    ["YZ2002", "not a time", "S001", "x", "10", None, None, None],
    ["YZ2003", "2026-11-26 11:03", "无此店", "x", "10", None, None, None],
    ["YZ2004", "2026-11-26 11:03", "同名店", "x", "10", None, None, None],
    ["YZ2005", "2026-11-26 11:03", "S001", "x", "-5", None, None, None],
    ["YZ2006", "2026-11-26 11:03", "S001", "x", "lots", None, None, None],
    ["YZ2007", "2026-11-26 11:03", "S001", "bell_x0007_", "10", None, None, None],
    ["YZ2001", "2026-11-27 11:03", "S001", "again", "10", None, None, None],
    [None, "2026-11-26 11:03", "S001", "x", "10", None, None, None],
    ["YZ2008", "0001-01-01 00:00", "S001", "x", "10", None, None, None],
    ["YZ2009", "2026-11-26 11:03", "S001", "x", "10", None, "x" * 41, None],
    ["YZ2010", "2026-11-26 11:03", "S001", "x", "1e12", None, None, None],
]  # fmt: skip


def test_a_hostile_export_is_reported_row_by_row_and_nothing_is_lost(
    store: Store, shops: dict[str, Any], tmp_path: Path
) -> None:
    table = imp.read(_xlsx(tmp_path / "bad.xlsx", HEADERS_ZH, HOSTILE))
    mapping = imp.ORDER_COLUMNS.guess(table.headers)[0]
    plan = imp.plan_import(store, table, mapping)
    assert len(plan.rows) == len(HOSTILE)  # every row is accounted for
    codes = {r.row: [(p.field, p.code) for p in r.problems] for r in plan.rows}
    assert codes == {
        2: [("order_no", "duplicate_order")],
        3: [("ordered_at", "invalid_datetime")],
        4: [("shop", "unknown_shop")],
        5: [("shop", "ambiguous_shop")],
        6: [("amount", "out_of_range")],
        7: [("amount", "not_a_number")],
        8: [("items", "invalid_character")],
        9: [("order_no", "duplicate_order")],
        10: [("order_no", "required")],
        11: [("ordered_at", "out_of_range")],
        12: [("referrer_code", "too_long")],
        13: [("amount", "out_of_range")],
    }
    where = [(p.row, p.where("zh_CN"), p.text("zh_CN")) for p in plan.problems]
    assert (4, "门店", "没有此编码或名称的门店：无此店") in where
    pairs = zip(where, plan.problems, strict=True)
    assert all(text and text != p.code for (_r, _w, text), p in pairs)
    with pytest.raises(ImportRefused):
        imp.apply_import(store, plan)
    assert store.cloud_orders.list() == []  # all or nothing
    ok = imp.apply_import(store, plan, valid_only=True)
    assert (ok.created, ok.skipped) == (0, 12)  # YZ2001 twice: both rows refused


def test_unreadable_files_and_mappings_are_refused_with_codes(
    store: Store, shops: dict[str, Any], tmp_path: Path
) -> None:
    trunc = tmp_path / "cut.xlsx"
    _xlsx(trunc, HEADERS_ZH, GOOD)
    trunc.write_bytes(trunc.read_bytes()[:300])
    with pytest.raises(ImportFileError) as info:
        imp.read(trunc)
    assert info.value.code == "truncated"
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(ImportFileError):
        imp.read(tmp_path / "empty.csv")
    table = imp.read(_csv(tmp_path / "gbk.csv", HEADERS_ZH, GOOD, encoding="gb18030"))
    mapping = imp.ORDER_COLUMNS.guess(table.headers)[0]
    assert mapping[0] == "order_no"
    partial = imp.read(_csv(tmp_path / "p.csv", ["订单号", "下单时间", "门店"], [GOOD[0][:3]]))
    with pytest.raises(MappingError) as missing:
        imp.ORDER_COLUMNS.check(imp.ORDER_COLUMNS.guess(partial.headers)[0])
    assert missing.value.detail == "amount"


def test_cli_import_orders_dry_run_then_write(
    file_store: Store, file_world: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file_store.shops.create(
        name="鑫旺便利店", channel="convenience", county_id=file_world.county_id, code="S001"
    )
    file_store.shops.create(name="福来超市", channel="supermarket", county_id=file_world.county_id)
    path = str(file_store.path)
    file_store.close()
    src = _csv(tmp_path / "o.csv", [*HEADERS_EN[:7], "微信群"], GOOD)
    assert (
        cli(["--db", path, "import-orders", str(src), "--dry-run", "--map", "微信群=group_name"])
        == 0
    )
    capsys.readouterr()
    assert (
        cli(["--db", path, "--json", "import-orders", str(src), "--map", "微信群=group_name"]) == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["result"]["created"] == 2 and data["written"] is True
    assert (
        cli(["--db", path, "--json", "import-orders", str(src), "--map", "微信群=group_name"]) == 0
    )
    assert json.loads(capsys.readouterr().out)["result"]["unchanged"] == 2
    bad = _csv(
        tmp_path / "bad.csv", HEADERS_EN, [GOOD[0], ["YZ9", "nope", "S001", "", "1", "", "", ""]]
    )
    assert cli(["--db", path, "import-orders", str(bad)]) != 0
    out = capsys.readouterr().out
    assert "row 3, column Order time" in out and "nothing was written" in out


def test_cli_lists_unattributed_orders_and_a_person_attributes_one(
    file_store: Store, file_world: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file_store.shops.create(
        name="鑫旺便利店", channel="convenience", county_id=file_world.county_id, code="S001"
    )
    file_store.shops.create(name="福来超市", channel="supermarket", county_id=file_world.county_id)
    koc = file_store.kocs.create(name="王姨", county_id=file_world.county_id)
    path = str(file_store.path)
    file_store.close()
    src = _csv(tmp_path / "o.csv", HEADERS_EN, GOOD)
    assert cli(["--db", path, "import-orders", str(src)]) == 0
    capsys.readouterr()
    assert cli(["--db", path, "--json", "orders"]) == 0
    listed = json.loads(capsys.readouterr().out)["orders"]
    assert [o["order_no"] for o in listed] == ["YZ1002", "YZ1001"]  # no KOC "LG88" here
    assert cli(["--db", path, "--json", "orders", "--attribute", "YZ1002", "--koc", koc.id]) == 0
    left = json.loads(capsys.readouterr().out)["orders"]
    assert [o["order_no"] for o in left] == ["YZ1001"]
    assert cli(["--db", path, "orders", "--attribute", "YZ1001"]) != 0  # needs whom
    assert cli(["--db", path, "orders", "--attribute", "NOPE", "--koc", koc.id]) != 0
