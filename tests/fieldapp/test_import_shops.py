"""Importing a head-office shop list: reading files, mapping headers, every bad-row kind,
all-or-nothing vs valid rows only, idempotence (no outbox mutations the second time),
updates instead of duplicates, and the CLI's exit codes."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from fieldapp.cli import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, main
from fieldapp.exchange import import_shops as imp
from fieldapp.exchange.export import export_xlsx
from fieldapp.exchange.from_store import StoreSource
from fieldapp.store import Store

ZH_HEADERS = ["门店编码", "门店名称", "渠道", "等级", "区县", "地址", "联系电话", "业务员", "备注"]
GOOD_ROWS: list[list[Any]] = [
    [
        "HN-001",
        "鑫旺便利店",
        "便利店",
        "A",
        "金水区",
        "郑州市金水区花园路1号",
        "0371-66001234",
        "李娜",
        None,
    ],
    ["HN-002", "老王烟酒", "烟酒店", "B 类", "金水区", None, 13800138000, None, "老客户 (VIP)"],
    ["HN-003", "百家超市", "supermarket", "C", "金水区", None, None, None, None],
]


def _xlsx(path: Path, headers: list[str], rows: list[list[Any]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(headers)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def _csv(path: Path, text: str, encoding: str) -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _plan(
    store: Store, path: Path, overrides: dict[str, str | None] | None = None
) -> imp.ImportPlan:
    table = imp.read_table(path)
    mapping, _unknown = imp.guess_mapping(table.headers)
    if overrides:
        mapping = imp.apply_overrides(table.headers, mapping, overrides)
    return imp.plan_import(store, table, mapping)


def test_import_creates_then_changes_nothing_then_updates(store: Store, tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "shops.xlsx", ZH_HEADERS, GOOD_ROWS)
    plan = _plan(store, path)
    assert [r.action for r in plan.rows] == ["create"] * 3
    outbox_before = store.outbox.count()
    result = imp.apply_import(store, plan)
    assert (result.created, result.updated) == (3, 0)
    assert store.outbox.count() == outbox_before + 3
    shop = store.shops.list(where={"code": "HN-002"})[0]
    assert (shop.name, shop.channel, shop.tier, shop.phone, shop.notes) == (
        "老王烟酒",
        "tobacco_liquor",
        "B",
        "13800138000",
        "老客户 (VIP)",
    )
    assert store.shops.list(where={"code": "HN-001"})[0].rep_id == store.user_id

    # The same file again: nothing to write, no mutation.
    seq = store.outbox.last_seq()
    again = _plan(store, path)
    assert [r.action for r in again.rows] == ["unchanged"] * 3
    result = imp.apply_import(store, again)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert store.outbox.last_seq() == seq and store.shops.count() == 3

    # A changed file (code in another case, new tier and phone, a blank cell): updates.
    changed = [list(r) for r in GOOD_ROWS]
    changed[0][0] = "hn-001"
    changed[0][3] = "B"
    changed[0][5] = None  # blank: the stored address stays
    changed[2][6] = "0371 6600 5678"
    path2 = _xlsx(tmp_path / "shops2.xlsx", ZH_HEADERS, changed)
    plan = _plan(store, path2)
    assert [r.action for r in plan.rows] == ["update", "unchanged", "update"]
    assert plan.rows[0].changes == {"code": "hn-001", "tier": "B"}
    imp.apply_import(store, plan)
    assert store.shops.count() == 3
    one = store.shops.list(where={"code": "hn-001"})[0]
    assert (one.tier, one.address) == ("B", "郑州市金水区花园路1号")
    assert store.shops.list(where={"code": "HN-003"})[0].phone == "037166005678"
    assert store.outbox.last_seq() == seq + 2


def test_every_bad_row_kind_is_reported_with_row_and_column(store: Store, tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["A-1", "好店", "便利店", "A", "金水区", None, None, None, None],  # fine
        ["A-2", None, "便利店", "A", "金水区", None, None, None, None],  # missing name
        ["A-3", "店三", "便利店", "A", "火星区", None, None, None, None],  # unknown county
        ["A-4", "店四", "便利店", "A", "金水区", None, "12345", None, None],  # bad phone
        ["A-5", "店五", "便利店", "A", "金水区", None, None, None, None],  # duplicate …
        ["a-5", "店五乙", "便利店", "A", "金水区", None, None, None, None],  # … code
        ["A-7", "店七", "饭店?", "Z", "金水区", None, None, "张三", None],  # bad words, rep
        [None, "无编码", "便利店", "A", "金水区", None, None, None, None],  # no code
        ["A-9", "店九", None, "A", "金水区", None, None, None, None],  # new shop needs channel
    ]
    headers = [*ZH_HEADERS, "纬度"]
    rows = [[*r, None] for r in rows]
    rows.append(["A-10", "店十", "便利店", "A", "金水区", None, None, None, None, "北纬34"])
    rows.append(["A-11", "店十一", "便利店", "A", "金水区", None, None, None, None, 34.7])
    plan = _plan(store, _xlsx(tmp_path / "bad.xlsx", headers, rows))
    got = {(p.row, p.column, p.code) for p in plan.problems}
    assert got == {
        (3, "门店名称", "required"),
        (4, "区县", "unknown_county"),
        (5, "联系电话", "invalid_phone"),
        (6, "门店编码", "duplicate_in_file"),
        (7, "门店编码", "duplicate_in_file"),
        (8, "渠道", "invalid_choice"),
        (8, "等级", "invalid_choice"),
        (8, "业务员", "unknown_rep"),
        (9, "门店编码", "required"),
        (10, "渠道", "required"),
        (11, "纬度", "not_a_number"),
        (12, "", "gps_incomplete"),  # latitude without longitude: no column for it
    }
    assert [r.action for r in plan.rows].count("create") == 1
    problem = next(p for p in plan.problems if p.code == "unknown_county")
    assert problem.text("zh_CN") == "未知区县：火星区"
    assert problem.text("en") == "Unknown county: 火星区"
    gps = next(p for p in plan.problems if p.code == "gps_incomplete")
    assert (gps.field, gps.where("zh_CN"), gps.where("en")) == ("longitude", "经度", "Longitude")
    dup = next(p for p in plan.problems if p.row == 6)
    assert dup.text("en") == "The same shop code is also in row 7"

    before = (store.shops.count(), store.outbox.last_seq())
    with pytest.raises(imp.ImportRefused):
        imp.apply_import(store, plan)
    assert (store.shops.count(), store.outbox.last_seq()) == before
    result = imp.apply_import(store, plan, valid_only=True)
    assert (result.created, result.skipped) == (1, 10)
    assert [s.code for s in store.shops.list()] == ["A-1"]


def test_title_rows_above_the_header(store: Store, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["2026年第四季度门店清单"])
    ws.append(["制表：总部渠道部", None, "日期：2026-11-20"])
    ws.append([])
    ws.append(ZH_HEADERS)
    ws.append(GOOD_ROWS[0])
    ws.append(["HN-009", None, "便利店", "A", "金水区"])
    wb.save(tmp_path / "titled.xlsx")
    plan = _plan(store, tmp_path / "titled.xlsx")
    assert [(r.row, r.action) for r in plan.rows] == [(5, "create"), (6, "invalid")]
    assert plan.problems[0].row == 6 and plan.problems[0].column == "门店名称"


def test_wrong_types_from_a_workbook(store: Store, tmp_path: Path) -> None:
    from datetime import datetime

    rows: list[list[Any]] = [
        ["B-1", datetime(2026, 1, 1), "便利店", "A", "金水区", None, True, None, None]
    ]
    plan = _plan(store, _xlsx(tmp_path / "t.xlsx", ZH_HEADERS, rows))
    assert {(p.column, p.code) for p in plan.problems} == {
        ("门店名称", "invalid_type"),
        ("联系电话", "invalid_type"),
    }


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "utf-16"])
def test_csv_encodings_and_english_headers(store: Store, tmp_path: Path, encoding: str) -> None:
    text = (
        "Shop code,Name,Channel,Tier,County,Phone,Cloud store\r\n"
        "C-1,金水烟酒,Tobacco & liquor,Tier A,金水区,0371-66001234,Cloud store active\r\n"
        '"C-2","二号店, 东门",convenience,b,金水区,,none\r\n'
    )
    plan = _plan(store, _csv(tmp_path / "s.csv", text, encoding))
    assert not plan.problems
    imp.apply_import(store, plan)
    shops = {s.code: s for s in store.shops.list()}
    assert (shops["C-1"].name, shops["C-1"].channel, shops["C-1"].cloud_store) == (
        "金水烟酒",
        "tobacco_liquor",
        "active",
    )
    assert (shops["C-2"].name, shops["C-2"].tier) == ("二号店, 东门", "B")


def test_semicolon_and_tab_csv(store: Store, tmp_path: Path) -> None:
    for sep in (";", "\t"):
        text = (
            sep.join(["编码", "店名", "渠道", "区县"])
            + "\n"
            + sep.join([f"D{ord(sep)}", "分号店", "便利店", "金水区"])
            + "\n"
        )
        plan = _plan(store, _csv(tmp_path / "s.csv", text, "utf-8"))
        assert [r.action for r in plan.rows] == ["create"], sep


def test_mapping_unknown_headers(store: Store, tmp_path: Path) -> None:
    headers = ["网点号", "网点名称", "渠道", "区县", "经销商"]
    path = _xlsx(tmp_path / "m.xlsx", headers, [["M-1", "映射店", "便利店", "金水区", "某商贸"]])
    table = imp.read_table(path)
    mapping, unknown = imp.guess_mapping(table.headers)
    assert unknown == ["网点号", "网点名称", "经销商"]
    with pytest.raises(imp.MappingError) as err:
        imp.check_mapping(mapping)
    assert err.value.code == "missing_column" and err.value.detail == "code,name"
    mapping = imp.apply_overrides(
        table.headers, mapping, {"网点号": "code", "网点名称": "门店名称", "经销商": None}
    )
    plan = imp.plan_import(store, table, mapping)
    assert [(r.action, r.code, r.name) for r in plan.rows] == [("create", "M-1", "映射店")]
    for overrides, code in [
        ({"没有这列": "code"}, "unknown_header"),
        ({"网点号": "colour"}, "bad_mapping"),
        ({"网点号": "code", "网点名称": "code"}, "mapped_twice"),
    ]:
        with pytest.raises(imp.MappingError) as err:
            imp.apply_overrides(table.headers, imp.guess_mapping(table.headers)[0], overrides)
        assert err.value.code == code


def test_exported_shops_sheet_imports_as_unchanged(store: Store, make: Any, tmp_path: Path) -> None:
    make.shop(code="E-1", name="导出店", phone="13800138000", latitude=34.7, longitude=113.6)
    make.shop(code="E-2", name="第二家", tier="A", cloud_store="opened")
    out = tmp_path / "export.xlsx"
    export_xlsx(StoreSource(store), out, lang="en")
    wb = openpyxl.load_workbook(out)
    for name in wb.sheetnames:
        if name != "Shops":
            del wb[name]
    wb.save(out)
    seq = store.outbox.last_seq()
    plan = _plan(store, out)
    assert [r.action for r in plan.rows] == ["unchanged", "unchanged"], plan.problems
    imp.apply_import(store, plan)
    assert store.outbox.last_seq() == seq


def test_files_that_are_not_shop_lists(tmp_path: Path) -> None:
    def code_of(path: Path) -> str:
        with pytest.raises(imp.ImportFileError) as err:
            imp.read_table(path)
        return err.value.code

    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert code_of(empty) == "empty"
    blank = tmp_path / "blank.csv"
    blank.write_text("\n\n  \n")
    assert code_of(blank) == "empty"
    header_only = _csv(tmp_path / "h.csv", "门店编码,门店名称\n", "utf-8")
    assert code_of(header_only) == "empty"
    empty_book = tmp_path / "e.xlsx"
    openpyxl.Workbook().save(empty_book)
    assert code_of(empty_book) == "empty"
    png = tmp_path / "photo.csv"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert code_of(png) == "not_a_spreadsheet"
    docx = tmp_path / "doc.xlsx"
    with zipfile.ZipFile(docx, "w") as zf:
        zf.writestr("word/document.xml", "<w/>")
    assert code_of(docx) == "not_a_spreadsheet"
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert code_of(xls) == "old_excel"
    good = _xlsx(tmp_path / "good.xlsx", ZH_HEADERS, GOOD_ROWS * 50)
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert code_of(cut) == "truncated"
    cut_csv = tmp_path / "cut.csv"
    cut_csv.write_text('门店编码,门店名称,渠道\nX-1,"好店,')
    assert code_of(cut_csv) == "truncated"
    cut_line = tmp_path / "cut2.csv"
    cut_line.write_text("门店编码,门店名称,渠道,区县\nX-1,好店,便利店,金水区\nX-2,好")
    assert code_of(cut_line) == "truncated"
    no_newline = tmp_path / "ok.csv"  # ends without a line break, last cell empty: fine
    no_newline.write_text("门店编码,门店名称,渠道,备注\nX-1,好店,便利店,")
    assert len(imp.read_table(no_newline).rows) == 1
    assert code_of(tmp_path) == "not_a_spreadsheet"
    assert code_of(tmp_path / "missing.csv") == "unreadable"


# --------------------------------------------------------------------------- CLI


@pytest.fixture
def db(file_store: Store) -> Path:
    path = Path(file_store.path)
    file_store.close()
    return path


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _shop_count(db: Path) -> tuple[int, int]:
    with Store.open(db) as s:
        return s.shops.count(), s.outbox.last_seq()


def test_cli_import(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _xlsx(tmp_path / "s.xlsx", ZH_HEADERS, GOOD_ROWS)
    before = _shop_count(db)
    code, out, _ = _cli(["--db", str(db), "import-shops", str(path), "--dry-run"], capsys)
    assert code == EXIT_OK and "3 new" in out and _shop_count(db) == before
    code, out, _ = _cli(["--db", str(db), "import-shops", str(path)], capsys)
    assert code == EXIT_OK and "3 created" in out
    after = _shop_count(db)
    assert after[0] == 3
    code, out, _ = _cli(["--db", str(db), "import-shops", str(path)], capsys)
    assert code == EXIT_OK and "3 unchanged" in out and _shop_count(db) == after


def test_cli_import_bad_rows_and_choices(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [*GOOD_ROWS, ["HN-009", None, "便利店", "A", "火星区", None, None, None, None]]
    path = _xlsx(tmp_path / "s.xlsx", ZH_HEADERS, rows)
    code, out, _ = _cli(["--db", str(db), "import-shops", str(path), "--lang", "zh_CN"], capsys)
    assert code == EXIT_PROBLEM and _shop_count(db)[0] == 0
    assert "row 5, column 门店名称: 必填" in out and "row 5, column 区县: 未知区县：火星区" in out
    code, out, _ = _cli(["--db", str(db), "import-shops", str(path), "--valid-only"], capsys)
    assert code == EXIT_OK and _shop_count(db)[0] == 3 and "1 invalid rows skipped" in out


def test_cli_import_mapping_and_bad_files(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _xlsx(
        tmp_path / "m.xlsx",
        ["网点号", "网点名称", "渠道", "区县"],
        [["M-1", "映射店", "便利店", "金水区"]],
    )
    code, _, err = _cli(["--db", str(db), "import-shops", str(path), "--lang", "en"], capsys)
    assert code == EXIT_USAGE and len(err.strip().splitlines()) == 1
    assert "网点号" in err and "--map" in err
    code, _out, _ = _cli(
        [
            "--db",
            str(db),
            "import-shops",
            str(path),
            "--map",
            "网点号=code",
            "--map",
            "网点名称=name",
        ],
        capsys,
    )
    assert code == EXIT_OK and _shop_count(db)[0] == 1
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\x00\x01\x02binary")
    for argv in (
        ["import-shops", str(bad)],
        ["import-shops", str(tmp_path / "nope.xlsx")],
        ["import-shops", str(path), "--map", "no-equals-sign"],
    ):
        code, _, err = _cli(["--db", str(db), *argv], capsys)
        assert code == EXIT_USAGE, argv
        assert len(err.strip().splitlines()) == 1 and err.startswith("fieldapp: error")
