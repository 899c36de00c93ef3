"""``fieldapp-server import-prices FILE`` (issue 16): head office's price lists and
promotions from a workbook, idempotent, with a row-level problem report; they reach a
rep's device by sync, where an order line is priced from them offline; a rep may not
write them, on the device or at head office."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from client_harness import MakeDevice
from sync_harness import Server

from fieldapp.store.views_visits import add_order_line
from sync.server import cli

T0 = datetime(2026, 12, 7, 1, 30, tzinfo=UTC)

PRICE_HEAD = ["价目表", "产品编码", "渠道", "等级", "区县", "价格", "开始日期", "结束日期"]
PROMO_HEAD = ["促销编码", "促销名称", "类型", "产品编码", "折扣%", "买", "送", "起订量",
              "渠道", "等级", "区县", "开始日期", "结束日期", "优先级"]  # fmt: skip


def _book(path: Path, prices: list[list[Any]], promos: list[list[Any]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "价格"
    ws.append(PRICE_HEAD)
    for row in prices:
        ws.append(row)
    promo = wb.create_sheet("促销")
    promo.append(PROMO_HEAD)
    for row in promos:
        promo.append(row)
    wb.save(path)
    return path


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        code = cli.main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out + err


GOOD_PRICES = [
    ["2026 冬", "BEER-500", "", "", "", 5.5, "2026-12-01", None],
    ["2026 冬", "beer-500", "便利店", "A", "金水区", 5.2, datetime(2026, 12, 1), "2026-12-31"],
]
GOOD_PROMOS = [
    ["WINTER-10", "冬季九折", "折扣", "BEER-500", 10, None, None, 6, "", "", "", "2026-12-01",
     "2026-12-31", 1],
    ["CASE-12", "满箱送一", "买赠", "BEER-500", None, 12, 1, None, "", "", "", "2026-12-01",
     None, 5],
]  # fmt: skip


def test_import_is_idempotent_reports_rows_and_prices_an_order_offline(
    server: Server,
    world: dict[str, Any],
    device: MakeDevice,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    admin = device("admin")
    beer = admin.store.products.create(code="BEER-500", name="啤酒 500ml", price=6.0)
    assert admin.sync().rejected == 0
    bad = _book(
        tmp_path / "bad.xlsx",
        [*GOOD_PRICES, ["2026 冬", "NOPE", "", "", "", 5, "2026-12-01", None],
         ["2026 冬", "BEER-500", "", "", "", -1, "2026-12-01", None],
         ["2026 冬", "BEER-500", "", "", "", 4, "2026-12-09", "2026-12-08"]],
        [*GOOD_PROMOS, ["P3", "无折扣", "折扣", "BEER-500", None, None, None, None, "", "",
                        "", "2026-12-01", None, 1]],
    )  # fmt: skip
    code, out = _run(["import-prices", "--database", db_url, str(bad)], capsys)
    assert code == 2, out
    assert "prices row 4: 产品编码: not_found" in out
    assert "prices row 5: 价格: out_of_range" in out
    assert "prices row 6: 结束日期: end_before_start" in out
    assert "promotions row 4: 折扣%: required" in out
    assert "nothing written" in out

    good = _book(tmp_path / "good.xlsx", GOOD_PRICES, GOOD_PROMOS)
    code, out = _run(["import-prices", "--database", db_url, str(good)], capsys)
    assert code == 0 and "created 4, updated 0, unchanged 0" in out, out
    code, out = _run(["import-prices", "--database", db_url, str(good)], capsys)
    assert code == 0 and "created 0, updated 0, unchanged 4" in out, out
    changed = [row[:] for row in GOOD_PRICES]
    changed[0][5] = 5.6
    _book(good, changed, GOOD_PROMOS)
    code, out = _run(["import-prices", "--database", db_url, str(good)], capsys)
    assert code == 0 and "created 0, updated 1, unchanged 3" in out, out

    rep = device("repA")
    assert rep.sync().rejected == 0
    assert rep.store.prices.count() == 2 and rep.store.promotions.count() == 2
    shop = rep.store.shops.create(name="鑫旺便利店", channel="convenience", tier="A",
                                  county_id=world["county"], rep_id=rep.user_id)  # fmt: skip
    visit = rep.store.visits.create(shop_id=shop.id, rep_id=rep.user_id, planned_date=T0.date())
    line = add_order_line(rep.store, visit_id=visit.id, product_id=beer.id, quantity=6)
    assert (line.list_price, line.net_price, line.unit_price) == (5.2, 4.68, 4.68)
    line = add_order_line(rep.store, visit_id=visit.id, product_id=beer.id, quantity=6)
    assert (line.unit_price, line.free_quantity) == (5.2, 1)  # 满箱送一: priority 5
    report = rep.sync()
    assert (report.rejected, report.conflicts) == (0, 0), report


def test_head_office_refuses_a_reps_price_or_promotion(
    server: Server, world: dict[str, Any]
) -> None:
    admin, rep = server.device("admin"), server.device("repA")
    product = str(uuid.uuid4())
    (ok,) = admin.push(admin.mut("products", product, "insert", name="啤酒", price=6.0))
    assert ok["status"] == "applied"
    price = {"list_name": "私价", "product_id": product, "price": 1.0, "valid_from": "2026-12-01"}
    (answer,) = rep.push(rep.mut("prices", str(uuid.uuid4()), "insert", **price))
    assert (answer["status"], answer["error"]["code"]) == ("rejected", "forbidden")
    promo = {"name": "私促", "kind": "percent_off", "percent": 50.0, "valid_from": "2026-12-01",
             "priority": 9}  # fmt: skip
    (answer,) = rep.push(rep.mut("promotions", str(uuid.uuid4()), "insert", **promo))
    assert (answer["status"], answer["error"]["code"]) == ("rejected", "forbidden")
    row = str(uuid.uuid4())
    (answer,) = admin.push(admin.mut("promotions", row, "insert", **promo))
    assert answer["status"] == "applied", answer
    (answer,) = rep.push(rep.mut("promotions", row, "update", base=answer["version"], priority=0))
    assert (answer["status"], answer["error"]["code"]) == ("rejected", "forbidden")


def test_a_reimport_replaces_the_lists_it_names_after_a_preview(
    server: Server,
    world: dict[str, Any],
    device: MakeDevice,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Rows the spreadsheet no longer has go from the lists it names (and the
    promotions), shown first by ``--dry-run``; other lists stay; a list with a problem
    row loses nothing; a row back in a later file comes back; devices follow."""
    admin = device("admin")
    admin.store.products.create(code="BEER-500", name="啤酒 500ml", price=6.0)
    assert admin.sync().rejected == 0
    spring = ["2027 春", "BEER-500", "", "", "", 5.8, "2027-03-01", None]
    first = _book(tmp_path / "a.xlsx", [*GOOD_PRICES, spring], GOOD_PROMOS)
    code, out = _run(["import-prices", "--database", db_url, str(first)], capsys)
    assert code == 0 and "created 5, updated 0, unchanged 0, removed 0" in out, out
    rep = device("repA")
    assert rep.sync().rejected == 0 and rep.store.prices.count() == 3
    # An order line that got 满箱送一 before the promotion goes keeps it (and its price).
    shop = rep.store.shops.create(name="鑫旺便利店", channel="convenience", tier="A",
                                  county_id=world["county"], rep_id=rep.user_id)  # fmt: skip
    visit = rep.store.visits.create(shop_id=shop.id, rep_id=rep.user_id, planned_date=T0.date())
    beer = rep.store.products.list(where={"code": "BEER-500"})[0].id
    line = add_order_line(rep.store, visit_id=visit.id, product_id=beer, quantity=12)
    promo = rep.store.promotions.list(where={"code": "CASE-12"})[0].id
    assert line.promotion_id == promo
    report = rep.sync()
    assert (report.rejected, report.conflicts) == (0, 0), report

    # The winter list without its county row, the promotions without 满箱送一; the
    # spring list is not in the file and stays.
    second = _book(tmp_path / "b.xlsx", GOOD_PRICES[:1], GOOD_PROMOS[:1])
    code, out = _run(["import-prices", "--dry-run", "--database", db_url, str(second)], capsys)
    assert code == 0, out
    assert "would remove prices: 2026 冬 · BEER-500 · convenience A 金水区 · 5.2 2026-12-01" in out
    assert "would remove promotions: CASE-12 · 满箱送一" in out
    assert "nothing written: would have created 0, updated 0, unchanged 2, removed 2" in out
    assert rep.sync().rejected == 0 and rep.store.prices.count() == 3  # the dry run wrote nothing

    # A problem row in the winter list: the list loses nothing (the promotions still go).
    broken = _book(tmp_path / "c.xlsx",
                   [*GOOD_PRICES[:1], ["2026 冬", "NOPE", "", "", "", 5, "2026-12-01", None]],
                   GOOD_PROMOS[:1])  # fmt: skip
    code, out = _run(["import-prices", "--dry-run", "--valid-only", "--database", db_url,
                      str(broken)], capsys)  # fmt: skip
    assert "prices row 3: 产品编码: not_found" in out and "would remove prices" not in out, out
    assert "would remove promotions: CASE-12" in out

    code, out = _run(["import-prices", "--database", db_url, str(second)], capsys)
    assert code == 0 and "created 0, updated 0, unchanged 2, removed 2" in out, out
    assert "removed prices: 2026 冬 · BEER-500" in out
    code, out = _run(["import-prices", "--database", db_url, str(second)], capsys)
    assert "unchanged 2, removed 0" in out, out  # idempotent
    report = rep.sync()
    assert (report.rejected, report.conflicts) == (0, 0), report
    assert sorted(p.price for p in rep.store.prices.list()) == [5.5, 5.8]
    assert [p.code for p in rep.store.promotions.list()] == ["WINTER-10"]
    kept = rep.store.order_lines.get(line.id)
    assert (kept.promotion_id, kept.unit_price, kept.free_quantity) == (
        promo, line.unit_price, line.free_quantity
    )  # fmt: skip

    # The county row back in a later file: it comes back (to the devices too).
    code, out = _run(["import-prices", "--database", db_url, str(first)], capsys)
    assert code == 0 and "created 2, updated 0, unchanged 3, removed 0" in out, out
    assert rep.sync().rejected == 0
    assert sorted(p.price for p in rep.store.prices.list()) == [5.2, 5.5, 5.8]
    assert rep.store.promotions.count() == 2
