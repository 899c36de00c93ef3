"""``fieldapp-server import-orders FILE`` (issue 18) on SQLite and PostgreSQL: head
office imports a cloud-store order export for all teams with the device's reader,
mapping and rules (the same problems and codes as ``python -m fieldapp import-orders``
on the same file), all or nothing, idempotent by order id; each order reaches its shop's
team only, and a device that imported the same order offline ends with one order.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from client_harness import MakeDevice

from fieldapp.exchange import import_orders as imp
from sync.server import cli, orders
from sync.server.db import make_engine

HEADERS = ["订单号", "下单时间", "门店", "商品", "实付金额", "推荐码"]


def _csv(path: Path, rows: list[list[Any]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(HEADERS)
        w.writerows(rows)
    return path


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        code = cli.main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out + err


def test_head_office_imports_orders_for_all_teams_with_the_devices_rules(
    world: dict[str, Any],
    device: MakeDevice,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    rep_a, rep_b = device("repA"), device("repB")
    assert rep_a.sync().rejected == 0 and rep_b.sync().rejected == 0  # the county, the reps
    shop_a = rep_a.store.shops.create(
        name="鑫旺便利店", code="S-A1", channel="convenience", county_id=world["county"],
        rep_id=rep_a.user_id,
    )  # fmt: skip
    rep_b.store.shops.create(
        name="福来超市", code="S-B1", channel="supermarket", county_id=world["county"],
        rep_id=rep_b.user_id,
    )  # fmt: skip
    assert rep_a.sync().rejected == 0 and rep_b.sync().rejected == 0

    good = [
        ["YZ1", "2026-11-20 10:00", "s-a1", "金典 x2", "¥1,200", "LG88"],  # by code, any case
        ["YZ2", "2026-11-21 11:00", "福来超市", "窖藏", "300元", ""],  # by name, team B
    ]
    bad = _csv(
        tmp_path / "bad.csv",
        [*good, ["YZ3", "昨天", "S-A1", "", "10", ""], ["YZ4", "2026-11-22", "无此店", "", "5", ""],
         ["YZ1", "2026-11-23", "S-A1", "", "6", ""]],
    )  # fmt: skip

    # The same problems, with the same codes, as the device's import of the same file
    # (rep A's device does not know team B's shop: that row is head office's alone).
    table = imp.read(bad)
    mapping, _unknown = imp.ORDER_COLUMNS.guess(table.headers)
    on_device = {
        (p.row, p.field, p.code) for p in imp.plan_import(rep_a.store, table, mapping).problems
    }
    with orders.HeadOfficeOrders(make_engine(db_url), 0.0) as target:
        at_head_office = {(p.row, p.field, p.code) for p in target.plan(table, mapping).problems}
    assert at_head_office == on_device - {(3, "shop", "unknown_shop")}
    assert at_head_office == {
        (2, "order_no", "duplicate_order"), (4, "ordered_at", "invalid_datetime"),
        (5, "shop", "unknown_shop"), (6, "order_no", "duplicate_order"),
    }  # fmt: skip
    code, out = _run(["import-orders", "--database", db_url, "--lang", "en", str(bad)], capsys)
    assert code == 1, out
    for row in (2, 4, 5, 6):
        assert f"row {row}, column" in out
    assert "row 3, column" not in out
    assert "nothing was written" in out
    rep_a.sync()
    assert rep_a.store.cloud_orders.count() == 0  # all or nothing

    code, out = _run(
        ["import-orders", "--database", db_url, "--lang", "en", "--dry-run", str(bad)], capsys
    )
    assert code == 1 and "dry run: nothing was written" in out, out

    path = _csv(tmp_path / "good.csv", good)
    code, out = _run(["import-orders", "--database", db_url, str(path)], capsys)
    assert code == 0 and "imported: 2 created, 0 updated, 0 unchanged" in out, out
    code, out = _run(["import-orders", "--database", db_url, str(path)], capsys)
    assert code == 0 and "imported: 0 created, 0 updated, 2 unchanged" in out, out
    changed = [row[:] for row in good]
    changed[0][4] = "1250"
    _csv(path, changed)
    code, out = _run(["import-orders", "--database", db_url, str(path)], capsys)
    assert code == 0 and "imported: 0 created, 1 updated, 1 unchanged" in out, out

    # Each order reaches its shop's team only.
    assert rep_a.sync().rejected == 0 and rep_b.sync().rejected == 0
    (a1,) = rep_a.store.cloud_orders.list()
    assert (a1.order_no, a1.shop_id, a1.amount, a1.referrer_code) == (
        "YZ1", shop_a.id, 1250.0, "LG88",
    )  # fmt: skip
    assert [o.order_no for o in rep_b.store.cloud_orders.list()] == ["YZ2"]

    # A device of team A imports the same export offline: still one order per order id.
    other = device("repA", name="laptop2")
    assert other.sync().rejected == 0
    plan = imp.plan_import(other.store, imp.read(path), mapping)
    assert plan.count("unchanged") == 1 and plan.count("invalid") == 1  # 福来超市: not theirs
    report = other.sync()
    assert report.rejected == 0
    assert [o.order_no for o in other.store.cloud_orders.list()] == ["YZ1"]


def test_a_file_or_mapping_head_office_cannot_use_is_one_line_and_exit_2(
    world: dict[str, Any], db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    code, out = _run(["import-orders", "--database", db_url, "--lang", "en", str(empty)], capsys)
    assert code == 2 and out.count("\n") == 1 and "fieldapp-server: error:" in out, out
    partial = tmp_path / "partial.csv"
    partial.write_text("订单号,下单时间\nYZ1,2026-11-20\n", encoding="utf-8")
    code, out = _run(["import-orders", "--database", db_url, "--lang", "en", str(partial)], capsys)
    assert code == 2 and "fieldapp-server: error:" in out, out
