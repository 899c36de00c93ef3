"""The head-office export: workbook and CSV read back and checked against the store.

A small hand-made world (two counties, two teams, a rep in each, every sheet's kind of
row, Chinese text, a note that looks like a formula) is exported and read back with
openpyxl / csv; a rep-scale demo store checks the row counts of every sheet against the
store. The CLI part checks exit codes and that bad input leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from fieldapp.cli import EXIT_OK, EXIT_USAGE, main
from fieldapp.demo.generator import generate
from fieldapp.display import months_of
from fieldapp.exchange.export import (
    COLUMNS,
    SHEET_KEYS,
    ExportError,
    ExportFilters,
    csv_file_name,
    export_csv,
    export_xlsx,
    sheet_title,
)
from fieldapp.exchange.from_store import StoreSource
from fieldapp.exchange.labels import header, sheet_name
from fieldapp.store import Store

FORMULA = "=1+2 老板说的"


@pytest.fixture
def hand(store: Store, world: Any, make: Any) -> dict[str, Any]:
    """Every kind of row once or twice; returns the ids and values the tests look for."""
    s = store
    other_county = s.counties.create(name="二七区", province="河南省")
    other_team = s.teams.create(name="洛阳二组")
    other_rep = s.users.create(name="王强", role="rep", team_id=other_team.id)
    sup = s.users.create(name="赵主管", role="supervisor", team_id=world.team_id)
    product = make.product(code="YF-1", name="豫坊·珍品 500ml", price=128)
    shop = make.shop(code="HN-001", name="鑫旺便利店", phone="0371-66001234", notes=FORMULA)
    shop2 = make.shop(
        code="HN-002", name="二七烟酒", county_id=other_county.id, rep_id=other_rep.id
    )
    owner = make.owner(shop_id=shop.id, name="王芳", mobile="13800138000", level=2)
    s.interactions.create(owner_id=owner.id, date="2026-11-20", kind="wechat", note="聊了中秋备货")
    # A visit checked in at 23:30 UTC on the 19th: the 20th in Beijing.
    v1 = s.visits.create(shop_id=shop.id, rep_id=world.rep_id, planned_date="2026-11-19")
    s.visits.check_in(v1.id, at=datetime(2026, 11, 19, 23, 30, tzinfo=UTC))
    s.visits.update(v1.id, check_display="good", check_stock="low", check_notes=FORMULA)
    s.order_lines.create(visit_id=v1.id, product_id=product.id, quantity=6, unit_price=128.5)
    s.visits.check_out(v1.id, at=datetime(2026, 11, 20, 0, 10, tzinfo=UTC))
    s.visits.submit(v1.id)
    s.set_user(sup.id)
    s.visits.review(v1.id, decision="returned", comment="照片不清楚")
    s.set_user(world.rep_id)
    s.visits.submit(v1.id)
    s.set_user(sup.id)
    s.visits.review(v1.id, decision="approved")
    s.set_user(world.rep_id)
    # An old-style decision without history: only the visit's fields.
    v2 = s.visits.create(shop_id=shop2.id, rep_id=other_rep.id, planned_date="2026-10-02")
    s.visits.check_in(v2.id, at=datetime(2026, 10, 2, 2, 0, tzinfo=UTC))
    s.visits.check_out(v2.id, at=datetime(2026, 10, 2, 3, 0, tzinfo=UTC))
    # its line before the approval: an approved visit's parts are locked
    s.order_lines.create(visit_id=v2.id, product_id=product.id, quantity=2)
    s.visits.submit(v2.id)
    s.visits.update(
        v2.id,
        review_status="approved",
        reviewed_by=sup.id,
        reviewed_at=datetime(2026, 10, 3, 1, 0, tzinfo=UTC),
    )
    koc = make.koc(
        name="张丽",
        mobile="13912345678",
        consent=True,
        consent_at="2026-11-01T02:00:00+00:00",
        consent_method="wechat",
    )
    secret = make.koc(
        name="刘静", mobile="13700001111", county_id=other_county.id, rep_id=other_rep.id
    )
    s.koc_shops.create(
        koc_id=koc.id, shop_id=shop.id, introduced_by_owner_id=owner.id, introduced_at="2026-11-02"
    )
    s.community_groups.create(
        kind="parents", name="实验小学三年级家长群", size=48, admin_koc_id=koc.id
    )
    event = make.event(venue_shop_id=shop.id, capacity=10, budget=800)
    s.event_products.create(event_id=event.id, product_id=product.id)
    s.invitations.create(event_id=event.id, koc_id=koc.id, status="attended", feedback=5)
    s.invitations.create(event_id=event.id, owner_id=owner.id)
    return {
        "shop": shop,
        "shop2": shop2,
        "owner": owner,
        "v1": v1,
        "v2": v2,
        "koc": koc,
        "secret": secret,
        "event": event,
        "sup": sup,
        "other_rep": other_rep,
        "other_county": other_county,
        "other_team": other_team,
    }


def _read(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    wb = openpyxl.load_workbook(path)
    return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def _sheet(
    book: dict[str, list[tuple[Any, ...]]], key: str, lang: str = "zh_CN"
) -> list[dict[str, Any]]:
    rows = book[sheet_name(key, lang)]
    heads = [header(k, lang) for k, _ in COLUMNS[key]]
    assert list(rows[0]) == heads
    return [dict(zip([k for k, _ in COLUMNS[key]], r, strict=True)) for r in rows[1:]]


def test_workbook_values_types_and_words(
    store: Store, hand: dict[str, Any], tmp_path: Path
) -> None:
    out = tmp_path / "head office.xlsx"
    summary = export_xlsx(StoreSource(store), out, lang="zh_CN")
    book = _read(out)
    assert list(book) == [sheet_name(k, "zh_CN") for k in SHEET_KEYS]
    assert summary.rows["visits"] == 2 and summary.rows["reviews"] == 3

    visits = {r["visit_id"]: r for r in _sheet(book, "visits")}
    v1 = visits[hand["v1"].id]
    assert v1["date"] == datetime(2026, 11, 20)  # Beijing day of 23:30 UTC
    assert v1["checkin_at"] == datetime(2026, 11, 20, 7, 30)
    assert (v1["shop_code"], v1["shop"], v1["county"], v1["rep"]) == (
        "HN-001",
        "鑫旺便利店",
        "金水区",
        "李娜",
    )
    assert (v1["check_display"], v1["check_stock"], v1["review_status"]) == (
        "良好",
        "库存低",
        "已通过",
    )
    assert v1["check_notes"] == FORMULA and v1["reviewed_by"] == "赵主管"

    lines = _sheet(book, "order_lines")
    line = next(r for r in lines if r["visit_id"] == hand["v1"].id)
    assert (line["product"], line["quantity"], line["unit_price"], line["amount"]) == (
        "豫坊·珍品 500ml",
        6,
        128.5,
        771,
    )
    assert isinstance(line["quantity"], int)

    reviews = _sheet(book, "reviews")
    decisions = [(r["visit_id"], r["decision"], r["supervisor_comment"]) for r in reviews]
    assert decisions == [
        (hand["v1"].id, "已退回", "照片不清楚"),
        (hand["v1"].id, "已通过", None),
        (hand["v2"].id, "已通过", None),  # no history: from the visit's own fields
    ]
    assert reviews[2]["date"] == datetime(2026, 10, 3)

    shops = {r["shop_code"]: r for r in _sheet(book, "shops")}
    assert shops["HN-001"]["phone"] == "0371-66001234" and shops["HN-001"]["notes"] == FORMULA
    assert (shops["HN-002"]["county"], shops["HN-002"]["rep"], shops["HN-002"]["tier"]) == (
        "二七区",
        "王强",
        "B 类",
    )
    owners = _sheet(book, "owners")
    assert [(o["owner"], o["shop"], o["level"]) for o in owners] == [("王芳", "鑫旺便利店", 2)]
    inter = _sheet(book, "interactions")
    assert (inter[0]["date"], inter[0]["kind"], inter[0]["owner"]) == (
        datetime(2026, 11, 20),
        "微信",
        "王芳",
    )
    kocs = {k["koc"]: k for k in _sheet(book, "kocs")}
    assert (kocs["张丽"]["mobile"], kocs["张丽"]["consent"], kocs["张丽"]["consent_method"]) == (
        "13912345678",
        "是",
        "微信确认",
    )
    assert kocs["刘静"]["mobile"] is None and kocs["刘静"]["consent"] == "否"  # no consent
    links = _sheet(book, "koc_shops")
    assert (links[0]["koc"], links[0]["shop"], links[0]["introduced_by"]) == (
        "张丽",
        "鑫旺便利店",
        "王芳",
    )
    groups = _sheet(book, "community_groups")
    assert (groups[0]["kind"], groups[0]["size"], groups[0]["admin_koc"]) == ("家长群", 48, "张丽")
    events = _sheet(book, "events")
    assert (
        events[0]["venue"],
        events[0]["products"],
        events[0]["invited"],
        events[0]["attended"],
    ) == ("鑫旺便利店", "豫坊·珍品 500ml", 2, 1)
    assert events[0]["starts_at"] == datetime(2026, 11, 28, 18, 0)
    inv = {(i["invitee_kind"], i["invitee"]): i for i in _sheet(book, "invitations")}
    assert inv[("KOC", "张丽")]["status"] == "已到场" and inv[("KOC", "张丽")]["feedback"] == 5
    assert inv[("店主", "王芳")]["shop"] == "鑫旺便利店"


def test_workbook_cells_are_typed_text_stays_text_and_sheets_are_usable(
    store: Store, hand: dict[str, Any], tmp_path: Path
) -> None:
    out = tmp_path / "x.xlsx"
    export_xlsx(StoreSource(store), out, lang="en")
    wb = openpyxl.load_workbook(out)
    ws = wb["Visits"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:X3"
    assert ws.column_dimensions["A"].width >= 11
    date_cell, notes_cell = ws["A2"], ws["M2"]
    assert date_cell.is_date and date_cell.number_format == "yyyy-mm-dd"
    assert notes_cell.data_type == "s" and notes_cell.value == FORMULA  # not a formula
    assert ws["G2"].is_date and ws["G2"].number_format == "yyyy-mm-dd hh:mm"
    assert [c.value for c in ws[1]][:5] == ["Date", "Shop code", "Shop", "County", "Rep"]
    assert ws["I2"].value == "Good"
    money = wb["Order lines"]["K2"]
    assert money.data_type == "n" and money.number_format == "#,##0.00"


def test_filters_period_rep_team_county(store: Store, hand: dict[str, Any], tmp_path: Path) -> None:
    src = StoreSource(store)

    def rows(filters: ExportFilters) -> dict[str, int]:
        return export_xlsx(src, tmp_path / "f.xlsx", lang="en", filters=filters).rows

    november = rows(ExportFilters(date_from=date(2026, 11, 1), date_to=date(2026, 11, 30)))
    assert november["visits"] == 1 and november["order_lines"] == 1
    assert november["reviews"] == 2  # v1's two decisions; v2 was decided in October
    assert november["interactions"] == 1 and november["events"] == 1
    assert november["shops"] == 2  # master data is not cut by the period
    one_day = rows(ExportFilters(date_from=date(2026, 11, 20), date_to=date(2026, 11, 20)))
    assert one_day["visits"] == 1  # check-in 23:30 UTC on the 19th is the 20th in Beijing
    assert rows(ExportFilters(date_to=date(2026, 11, 19)))["visits"] == 1  # only v2

    by_rep = rows(ExportFilters(reps=("王强",)))
    assert (by_rep["visits"], by_rep["shops"], by_rep["kocs"], by_rep["events"]) == (1, 1, 1, 0)
    by_team = rows(ExportFilters(teams=(hand["other_team"].id,)))
    assert by_team == by_rep
    by_county = rows(ExportFilters(counties=("金水区",)))
    assert (by_county["visits"], by_county["shops"], by_county["owners"]) == (1, 1, 1)
    assert by_county["invitations"] == 2
    both = rows(ExportFilters(reps=("王强",), counties=("金水区",)))
    assert both["visits"] == 0 and both["shops"] == 0

    for filters, code in [
        (ExportFilters(reps=("nobody",)), "unknown_rep"),
        (ExportFilters(teams=("no team",)), "unknown_team"),
        (ExportFilters(counties=("火星",)), "unknown_county"),
        (ExportFilters(date_from=date(2026, 12, 1), date_to=date(2026, 11, 1)), "bad_period"),
    ]:
        target = tmp_path / f"{code}.xlsx"
        with pytest.raises(ExportError) as err:
            export_xlsx(src, target, filters=filters)
        assert err.value.code == code
        assert not target.exists()


def test_csv_files_have_bom_same_headers_and_safe_text(
    store: Store, hand: dict[str, Any], tmp_path: Path
) -> None:
    out = tmp_path / "csv"
    summary = export_csv(StoreSource(store), out, lang="zh_CN")
    assert sorted(p.name for p in out.iterdir()) == sorted(csv_file_name(k) for k in SHEET_KEYS)
    raw = (out / "visits.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == [header(k, "zh_CN") for k, _ in COLUMNS["visits"]]
    assert len(rows) - 1 == summary.rows["visits"] == 2
    v1 = next(r for r in rows if r[-1] == hand["v1"].id)
    assert v1[:5] == ["2026-11-20", "HN-001", "鑫旺便利店", "金水区", "李娜"]
    assert v1[6] == "2026-11-20 07:30"
    assert v1[12] == "'" + FORMULA  # Excel would run it otherwise
    lines = list(csv.reader(io.StringIO((out / "order_lines.csv").read_text("utf-8-sig"))))
    assert lines[1][8:] == ["6", "128.5", "771"] or lines[2][8:] == ["6", "128.5", "771"]


def test_cancel_and_failure_leave_nothing(
    store: Store, hand: dict[str, Any], tmp_path: Path
) -> None:
    class Stop(Exception):
        pass

    def cancel(done: int, total: int, sheet: str) -> None:
        if sheet == "shops":
            raise Stop

    target = tmp_path / "x.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(Stop):
        export_xlsx(StoreSource(store), target, progress=cancel)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.xlsx"]
    with pytest.raises(Stop):
        export_csv(StoreSource(store), tmp_path / "csv", progress=cancel)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.xlsx"]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with Store.open(path) as store:
        generate(store, scale="rep", seed=5, today=date(2026, 11, 24))
    return path


def test_demo_counts_match_the_store(demo_db: Path, tmp_path: Path) -> None:
    with Store.open(demo_db) as store:
        out = tmp_path / "demo.xlsx"
        summary = export_xlsx(StoreSource(store), out, lang="zh_CN")
        live = store.check().rows
        # Every decision of the review history (a visit returned, fixed and approved
        # has two).
        decided = next(
            store.db.query(
                "SELECT count(*) AS n FROM visit_reviews r JOIN visits v ON v.id = r.visit_id"
                " WHERE r.deleted = 0 AND v.deleted = 0"
            )
        )["n"]
        sample = store.shops.list(limit=1)[0]
        # The write-off sheet: one row per display agreement and month of its period.
        writeoff = sum(len(months_of(a.model_dump())) for a in store.display_agreements.list())
    expected = {
        "visits": live["visits"],
        "order_lines": live["order_lines"],
        "reviews": decided,
        "shops": live["shops"],
        "owners": live["owners"],
        "interactions": live["interactions"],
        "kocs": live["kocs"],
        "koc_shops": live["koc_shops"],
        "community_groups": live["community_groups"],
        "events": live["events"],
        "invitations": live["invitations"],
        "shelf_audits": live["shelf_audits"],
        "campaign_tasks": live["campaign_results"],  # every demo record is of a live visit
    }
    assert expected["campaign_tasks"] > 0
    # The 铺货率 sheet holds computed rows (one per SKU and total), not stored ones.
    expected["shelf_numbers"] = summary.rows.get("shelf_numbers", 0)
    assert expected["shelf_numbers"] > 0
    # The loop's sheets (issue 18): raw pushes and orders, and computed ROI rows (one per
    # live event not cancelled; one per KOC who attended, pushed or drove an order).
    with Store.open(demo_db) as store:
        from fieldapp.store import loop

        expected["pushes"] = live["community_pushes"]
        expected["cloud_orders"] = live["cloud_orders"]
        expected["event_roi"] = len(loop.event_payback(store.db))
        expected["koc_roi"] = sum(
            1 for k in loop.koc_payback(store.db) if k.events or k.pushes or k.orders
        )
    assert expected["event_roi"] > 0 and expected["cloud_orders"] > 0
    expected["display_writeoff"] = writeoff
    assert writeoff > 0
    assert summary.rows == expected
    wb = openpyxl.load_workbook(out, read_only=True)
    for key in SHEET_KEYS:
        ws = wb[sheet_name(key, "zh_CN")]
        assert sum(1 for _ in ws.iter_rows()) - 1 == expected[key], key
    shops = wb[sheet_name("shops", "zh_CN")]
    first = next(shops.iter_rows(min_row=2, max_row=2, values_only=True))
    assert (first[0], first[1], first[-1]) == (sample.code, sample.name, sample.id)
    wb.close()


# --------------------------------------------------------------------------- CLI


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_export(demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "o.xlsx"
    code, stdout, _ = _cli(
        ["--db", str(demo_db), "export", "--xlsx", str(out), "--lang", "en"], capsys
    )
    assert code == EXIT_OK and out.exists() and "Visits" in stdout
    assert openpyxl.load_workbook(out, read_only=True).sheetnames[0] == "Visits"
    code, _, _ = _cli(
        [
            "--db",
            str(demo_db),
            "--json",
            "export",
            "--csv",
            str(tmp_path / "c"),
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-24",
            "--lang",
            "zh_CN",
        ],
        capsys,
    )
    assert code == EXIT_OK and (tmp_path / "c" / "visits.csv").exists()


@pytest.mark.parametrize(
    "extra",
    [
        ["--rep", "nobody"],
        ["--county", "火星"],
        ["--team", "no team"],
        ["--from", "2026-12-01", "--to", "2026-11-01"],
        ["--from", "yesterday"],
        ["--lang", "fr"],
    ],
)
def test_cli_export_bad_input(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str]
) -> None:
    out = tmp_path / "o.xlsx"
    code, _, err = _cli(["--db", str(demo_db), "export", "--xlsx", str(out), *extra], capsys)
    assert code == EXIT_USAGE
    assert len(err.strip().splitlines()) == 1 and err.startswith("fieldapp: error")
    assert list(tmp_path.iterdir()) == []


def test_cli_export_bad_targets(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv in (
        ["export", "--xlsx", str(tmp_path / "missing" / "o.xlsx")],
        ["export", "--xlsx", str(tmp_path)],
        ["export"],
        ["export", "--xlsx", "a.xlsx", "--csv", "d"],
    ):
        code, _, err = _cli(["--db", str(demo_db), *argv], capsys)
        assert code == EXIT_USAGE, argv
        assert len(err.strip().splitlines()) == 1
    (tmp_path / "file").write_text("x")
    code, _, err = _cli(["--db", str(demo_db), "export", "--csv", str(tmp_path / "file")], capsys)
    assert code == EXIT_USAGE and "not a folder" in err
    with contextlib.suppress(FileNotFoundError):
        assert not (tmp_path / "missing").exists()


def test_a_sheet_longer_than_excel_allows_goes_on_in_a_second_sheet(
    store: Store, hand: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fieldapp.exchange.export as export_module

    monkeypatch.setattr(export_module, "MAX_SHEET_ROWS", 1)
    out = tmp_path / "split.xlsx"
    summary = export_xlsx(StoreSource(store), out, lang="en")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:4] == ["Visits", "Visits (2)", "Order lines", "Order lines (2)"]
    ids = [wb[name]["X2"].value for name in ("Visits", "Visits (2)")]
    assert sorted(ids) == sorted([hand["v1"].id, hand["v2"].id])
    assert wb["Visits (2)"]["A1"].value == "Date" and wb["Visits (2)"].freeze_panes == "A2"
    assert summary.rows["visits"] == 2


def test_deleted_rows_are_not_exported(store: Store, make: Any, tmp_path: Path) -> None:
    kept = make.shop(code="K-1", name="留下的店")
    gone = make.shop(code="G-1", name="关门的店")
    make.owner(shop_id=gone.id, name="走了的老板")
    store.shops.delete(gone.id)  # its owner goes with it
    summary = export_xlsx(StoreSource(store), tmp_path / "d.xlsx", lang="en")
    book = _read(tmp_path / "d.xlsx")
    assert [r["shop_code"] for r in _sheet(book, "shops", "en")] == [kept.code]
    assert summary.rows["owners"] == 0


# ------------------------------------------------------------ what Excel and WPS insist on

LONG_NOTE = "长" * 40_000  # more than the 32,767 characters a cell holds
#: Text cells a spreadsheet would take for a formula, and one with control characters.
AWKWARD = {"name": "+86 二七烟酒", "address": "@总店\t二楼\n后门", "notes": LONG_NOTE}


def _awkward(store: Store, hand: dict[str, Any]) -> None:
    """Give HN-002 text no form in the app allows (an import from elsewhere could)."""
    store.db.execute(
        "UPDATE shops SET name = ?, address = ?, notes = ? WHERE id = ?",
        [AWKWARD["name"], AWKWARD["address"], AWKWARD["notes"], hand["shop2"].id],
    )
    store.db.execute(
        "UPDATE visits SET check_notes = ? WHERE id = ?", ["-5 箱 =SUM(A1:A9)", hand["v2"].id]
    )


def test_sheet_titles_are_what_excel_accepts(monkeypatch: pytest.MonkeyPatch) -> None:
    import fieldapp.exchange.export as export_module

    for lang in ("zh_CN", "en"):
        names = [sheet_title(k, lang, part) for k in SHEET_KEYS for part in (1, 2, 99, 1000)]
        assert len({n.casefold() for n in names}) == len(names)  # unique, any case
        for name in names:
            assert 0 < len(name) <= 31 and not set(name) & set("[]:*?/\\"), name
            assert not name.startswith("'") and not name.endswith("'")
    assert sheet_title("visits", "en") == "Visits" and sheet_title("visits", "en", 2) == (
        "Visits (2)"
    )
    # A label that would break the rule (a translation, one day) is made to fit.
    long_bad = "Visits: [north/south] * 2026 ? of the whole region"
    monkeypatch.setattr(export_module.labels, "sheet_name", lambda key, lang: long_bad)
    assert sheet_title("visits", "en") == "Visits_ _north_south_ _ 2026 _"
    assert sheet_title("visits", "en", 12) == "Visits_ _north_south_ _ 20 (12)"


def test_excel_limits_long_text_nan_and_rows(
    store: Store, hand: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fieldapp.exchange.export as export_module

    # The sheets split exactly at Excel's (and WPS's) last row, 1,048,576 with the header.
    assert export_module.MAX_SHEET_ROWS + 1 == 2**20
    _awkward(store, hand)

    class WithNaN(StoreSource):
        def rows(self, table: str) -> Any:
            for row in super().rows(table):
                if table == "order_lines":
                    row["unit_price"] = float("nan")
                yield row

    out = tmp_path / "limits.xlsx"
    export_xlsx(WithNaN(store), out, lang="zh_CN")
    shops = {r["shop_code"]: r for r in _sheet(_read(out), "shops")}
    note = shops["HN-002"]["notes"]
    assert len(note) == 32_767 and note == LONG_NOTE[:32_767]  # Excel's cell limit
    assert shops["HN-002"]["name"] == AWKWARD["name"]  # text, not a formula
    assert shops["HN-002"]["address"] == AWKWARD["address"]
    lines = _sheet(_read(out), "order_lines")
    assert {line["unit_price"] for line in lines} == {"=#NUM!"}  # Excel shows #NUM!, no crash

    # CSV keeps the whole text; a file longer than Excel opens goes on in <key>-2.csv.
    monkeypatch.setattr(export_module, "MAX_SHEET_ROWS", 1)
    folder = tmp_path / "csv"
    summary = export_csv(StoreSource(store), folder, lang="zh_CN")
    assert summary.rows["visits"] == 2
    parts = [folder / csv_file_name("visits"), folder / csv_file_name("visits", 2)]
    assert [p.name for p in parts] == ["visits.csv", "visits-2.csv"]
    rows = [list(csv.reader(io.StringIO(p.read_text("utf-8-sig")))) for p in parts]
    assert [len(r) for r in rows] == [2, 2] and rows[0][0] == rows[1][0]  # each with a header
    assert {rows[0][1][-1], rows[1][1][-1]} == {hand["v1"].id, hand["v2"].id}
    shop_rows = list(csv.reader(io.StringIO((folder / "shops-2.csv").read_text("utf-8-sig"))))
    assert LONG_NOTE in shop_rows[1] or LONG_NOTE in next(
        csv.reader(io.StringIO((folder / "shops.csv").read_text("utf-8-sig").split("\n", 1)[1]))
    )
    # Exported again with room for every row: the old continuation files go.
    monkeypatch.setattr(export_module, "MAX_SHEET_ROWS", 1_048_575)
    export_csv(StoreSource(store), folder, lang="zh_CN")
    assert sorted(p.name for p in folder.iterdir()) == sorted(csv_file_name(k) for k in SHEET_KEYS)


def test_csv_formula_guard_and_the_shop_import_takes_it_off(
    store: Store, hand: dict[str, Any], tmp_path: Path
) -> None:
    from fieldapp.exchange import import_shops as imp

    _awkward(store, hand)
    store.db.execute("UPDATE shops SET notes = NULL WHERE id = ?", [hand["shop2"].id])
    folder = tmp_path / "csv"
    export_csv(StoreSource(store), folder, lang="zh_CN")
    shops = list(csv.reader(io.StringIO((folder / "shops.csv").read_text("utf-8-sig"))))
    by_code = {r[0]: r for r in shops[1:]}
    assert by_code["HN-002"][1] == "'" + AWKWARD["name"]  # + would start a formula
    assert by_code["HN-002"][5] == "'" + AWKWARD["address"]  # so would @
    assert by_code["HN-001"][11] == "'" + FORMULA
    visits = list(csv.reader(io.StringIO((folder / "visits.csv").read_text("utf-8-sig"))))
    assert {r[12] for r in visits[1:]} == {"'" + FORMULA, "'-5 箱 =SUM(A1:A9)"}
    # Numbers stay numbers (a minus sign on a number is no formula).
    assert all(not c.startswith("'") for r in visits[1:] for c in r[14:15])

    # Importing the export's own shop file changes nothing: the guard comes off again.
    table = imp.read_table(folder / "shops.csv")
    mapping, _unknown = imp.guess_mapping(table.headers)
    plan = imp.plan_import(store, table, mapping)
    assert {(r.code, r.action) for r in plan.rows} == {
        ("HN-001", "unchanged"),
        ("HN-002", "unchanged"),
    }, [(r.code, r.changes, r.problems) for r in plan.rows]


# --------------------------------------------------------------------------- LibreOffice

#: LibreOffice's CSV filter: comma, double quote, UTF-8, from line 1, no column types,
#: default language, not quoting all text, special numbers detected, values not "as shown",
#: no formulas, no space trimming, every sheet (-1) / evaluate formulas on import (13th).
_LO_CSV_OUT = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
_LO_CSV_IN = "CSV:44,34,76,1,,0,false,true,false,false,false,,true"


def _soffice() -> str:
    """soffice, or fail under ./dev test and CI (they install it), or skip elsewhere."""
    found = shutil.which("soffice")
    if found is None:
        if os.environ.get("FIELDAPP_REQUIRE_SOFFICE") or os.environ.get("CI"):
            pytest.fail(
                "LibreOffice (soffice) is missing: ./dev test installs libreoffice-calc-nogui",
                pytrace=False,
            )
        pytest.skip("LibreOffice (soffice) not installed; ./dev test installs it")
    return found


def _lo(tmp_path: Path, *args: str) -> str:
    done = subprocess.run(
        [
            _soffice(),
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--norestore",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text("utf-8-sig"), newline="")))


def _same_cell(kind: str, ours: str, theirs: str) -> bool:
    """Our CSV cell and LibreOffice's reading of the workbook cell say the same."""
    if ours.startswith("'") and ours[1:2] in ("=", "+", "-", "@", "\t", "\r"):
        ours = ours[1:]  # the CSV's formula guard; the workbook holds the text itself
    if kind == "datetime" and ours and theirs:
        # Ours to the minute; LibreOffice's to the second (rounded): within a minute.
        gap = datetime.fromisoformat(theirs) - datetime.fromisoformat(ours)
        return 0 <= gap.total_seconds() <= 60
    if kind == "pct" and ours and theirs:
        # Ours the ratio (0.25); LibreOffice's the workbook's "0.0%" reading (25.0%).
        return abs(float(ours) - float(theirs.rstrip("%")) / 100) <= 0.0005 + 1e-12
    if kind in ("money", "float", "int") and ours and theirs:
        return abs(float(ours) - float(theirs)) <= 1e-9 * max(1.0, abs(float(ours)))
    if len(ours) > 32_767:
        return theirs == ours[:32_767]  # Excel's cell limit, as in the workbook
    return ours == theirs


@pytest.mark.slow
def test_libreoffice_reads_the_workbook_and_the_csv_files(
    store: Store, hand: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """LibreOffice Calc opens the workbook (one sheet split in two as well) and the CSV
    files: every sheet, every row and every cell as the store has it (our own CSV export,
    which the other tests check against the store, stands for the store here), Chinese
    text, dates and numbers intact, formula-looking text never run."""
    import fieldapp.exchange.export as export_module

    _soffice()
    _awkward(store, hand)
    src = StoreSource(store)
    summary = export_xlsx(src, tmp_path / "book.xlsx", lang="zh_CN")
    export_csv(src, tmp_path / "csv", lang="zh_CN")
    monkeypatch.setattr(export_module, "MAX_SHEET_ROWS", 1)
    export_xlsx(src, tmp_path / "split.xlsx", lang="zh_CN")
    monkeypatch.undo()

    # The workbooks, each sheet to a CSV file named <book>-<sheet>.csv.
    out = tmp_path / "lo-sheets"
    _lo(tmp_path, "--convert-to", _LO_CSV_OUT, "--outdir", str(out),
        str(tmp_path / "book.xlsx"), str(tmp_path / "split.xlsx"))  # fmt: skip
    titles = [sheet_title(k, "zh_CN") for k in SHEET_KEYS]
    made = {p.name for p in out.iterdir()}
    assert {n for n in made if n.startswith("book-")} == {f"book-{t}.csv" for t in titles}
    for key, title in zip(SHEET_KEYS, titles, strict=True):
        ours = _csv_rows(tmp_path / "csv" / csv_file_name(key))
        theirs = _csv_rows(out / f"book-{title}.csv")
        assert len(theirs) - 1 == len(ours) - 1 == summary.rows[key], key
        assert theirs[0] == ours[0] == [header(k, "zh_CN") for k, _ in COLUMNS[key]]
        kinds = [kind for _k, kind in COLUMNS[key]]
        for mine, lo in zip(ours[1:], theirs[1:], strict=True):
            assert len(lo) == len(mine), key
            bad = [
                (head, m[:80], t[:80])
                for head, kind, m, t in zip(ours[0], kinds, mine, lo, strict=True)
                if not _same_cell(kind, m, t)
            ]
            assert not bad, (key, bad)
        # The split workbook (a row a sheet): the sheet, its "(2)", "(3)" … hold the rows.
        parts = max(1, summary.rows[key])
        split = [out / f"split-{sheet_title(key, 'zh_CN', n)}.csv" for n in range(1, parts + 1)]
        assert [len(_csv_rows(p)) for p in split] == [1 + min(1, summary.rows[key])] * parts
        assert not (out / f"split-{sheet_title(key, 'zh_CN', parts + 1)}.csv").exists()

    visits = _csv_rows(out / f"book-{sheet_title('visits', 'zh_CN')}.csv")
    v1 = next(r for r in visits if r[-1] == hand["v1"].id)
    assert v1[:5] == ["2026-11-20", "HN-001", "鑫旺便利店", "金水区", "李娜"]
    assert v1[6] == "2026-11-20 07:30:00" and v1[12] == FORMULA  # a date, text not run
    lines = _csv_rows(out / f"book-{sheet_title('order_lines', 'zh_CN')}.csv")
    assert ["6", "128.5", "771"] in [r[8:] for r in lines]

    # The CSV files, read by LibreOffice as UTF-8 with formulas evaluated, saved as xlsx.
    guard = tmp_path / "csv" / "unguarded.csv"  # shows that LibreOffice would run =1+2
    guard.write_text("a\n=1+2\n", encoding="utf-8-sig")
    books = tmp_path / "lo-books"
    files = sorted(str(p) for p in (tmp_path / "csv").iterdir())
    _lo(tmp_path, f"--infilter={_LO_CSV_IN}", "--convert-to", "xlsx", "--outdir", str(books),
        *files)  # fmt: skip
    assert openpyxl.load_workbook(books / "unguarded.xlsx").active["A2"].data_type == "f"
    for key in SHEET_KEYS:
        ours = _csv_rows(tmp_path / "csv" / csv_file_name(key))
        ws = openpyxl.load_workbook(books / f"{key}.xlsx").active
        cells = list(ws.iter_rows())
        assert not [c.coordinate for r in cells for c in r if c.data_type == "f"], key
        theirs = [[c.value for c in r] for r in cells]
        assert len(theirs) == len(ours), key
        assert [str(c) for c in theirs[0]] == ours[0]  # Chinese headers intact
        for mine, lo in zip(ours[1:], theirs[1:], strict=True):
            for m, t in zip(mine, lo, strict=False):
                if isinstance(t, datetime):
                    assert t.date().isoformat() == m[:10], key
                elif isinstance(t, (int, float)):
                    assert abs(float(m) - t) <= 1e-9 * max(1.0, abs(t)), key
                else:  # a text longer than a cell holds is cut there by LibreOffice too
                    want = m.replace("\r\n", "\n")[:32_767]
                    assert (t or "") == want, (key, m[:60], str(t)[:60])


def test_without_libreoffice_the_suite_fails_under_dev_test_and_skips_elsewhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("FIELDAPP_REQUIRE_SOFFICE", raising=False)
    with pytest.raises(pytest.skip.Exception):
        _soffice()
    for variable in ("FIELDAPP_REQUIRE_SOFFICE", "CI"):  # ./dev test sets the first
        with monkeypatch.context() as m:
            m.setenv(variable, "1")
            with pytest.raises(pytest.fail.Exception):
                _soffice()


def test_campaign_tasks_sheet(
    store: Store, hand: dict[str, Any], world: Any, tmp_path: Path
) -> None:
    from fieldapp.store.campaigns import record_result
    from tests.conftest import as_head_office

    with as_head_office(store):
        campaign = store.campaigns.create(name="冬季铺货", task_kind="question",
                                          task="备货够过节吗？", starts_on="2026-11-01",
                                          ends_on="2026-11-30")  # fmt: skip
    visit = store.visits.create(shop_id=hand["shop"].id, rep_id=world.rep_id,
                                planned_date="2026-11-21")  # fmt: skip
    store.visits.check_in(visit.id, at=datetime(2026, 11, 21, 2, 0, tzinfo=UTC))
    record_result(store, visit_id=visit.id, campaign_id=campaign.id, done=False,
                  answer="老板不在")  # fmt: skip
    src = StoreSource(store)
    for lang, kind, no in (("zh_CN", "提问", "否"), ("en", "A question to ask", "No")):
        out = tmp_path / f"book-{lang}.xlsx"
        summary = export_xlsx(src, out, lang=lang)
        assert summary.rows["campaign_tasks"] == 1
        (row,) = _sheet(_read(out), "campaign_tasks", lang)
        assert (row["campaign"], row["task_kind"], row["task"]) == (
            "冬季铺货",
            kind,
            "备货够过节吗？",
        )
        assert (row["shop_code"], row["task_done"], row["task_answer"]) == (
            "HN-001",
            no,
            "老板不在",
        )
        assert row["visit_id"] == visit.id
    # The visits' filters: another rep's export has none of it.
    other = export_xlsx(src, tmp_path / "other.xlsx", filters=ExportFilters(reps=("王强",)))
    assert other.rows["campaign_tasks"] == 0
