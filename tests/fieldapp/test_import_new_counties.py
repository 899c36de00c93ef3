"""A shop list naming counties the store lacks: the plan lists them, and once the person
agrees they are created with the shops, from China's county list where the name is on
it (the id every device gives that county), all in one transaction."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from fieldapp import reference
from fieldapp.exchange import import_shops as imp
from fieldapp.store import Store

HEADERS = ["门店编码", "门店名称", "渠道", "区县"]
ROWS: list[list[Any]] = [
    ["N-1", "兰考小卖部", "便利店", "兰考县"],
    ["N-2", "兰考烟酒", "烟酒店", "兰考县"],
    ["N-3", "开发区超市", "supermarket", "郑东新区"],
    ["N-4", "金水便利", "便利店", "金水区"],
]


def _table(tmp_path: Path) -> imp.Table:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEADERS)
    for row in ROWS:
        ws.append(row)
    wb.save(tmp_path / "shops.xlsx")
    return imp.read_table(tmp_path / "shops.xlsx")


def test_unknown_counties_are_listed_then_created_when_agreed(store: Store, tmp_path: Path) -> None:
    table = _table(tmp_path)
    mapping, _ = imp.guess_mapping(table.headers)
    first = imp.plan_import(store, table, mapping)
    assert first.unknown_counties == ("兰考县", "郑东新区")
    assert first.count("invalid") == 3 and first.new_counties == ()
    counties = store.counties.count()

    agreed = imp.plan_import(store, table, mapping, new_counties=first.unknown_counties)
    assert agreed.count("invalid") == 0 and agreed.count("create") == 4
    assert set(agreed.unknown_counties) == {"兰考县", "郑东新区"}
    assert store.counties.count() == counties  # planning writes nothing

    result = imp.apply_import(store, agreed)
    assert result.created == 4
    lankao = next(c for c in store.counties.list() if c.name == "兰考县")
    assert lankao.id == reference.county_id(reference.find("兰考县")[0])
    assert (lankao.province, lankao.prefecture) == ("河南省", "开封市")
    zhengdong = next(c for c in store.counties.list() if c.name == "郑东新区")
    assert zhengdong.province is None  # not on the list: as typed
    shops = {s.code: s for s in store.shops.list()}
    assert shops["N-1"].county_id == shops["N-2"].county_id == lankao.id
    assert shops["N-3"].county_id == zhengdong.id
    # The same file again: nothing new, no second county.
    again = imp.plan_import(store, table, mapping)
    assert again.unknown_counties == () and again.writes == 0


def test_a_refused_import_creates_no_county(store: Store, tmp_path: Path) -> None:
    table = _table(tmp_path)
    mapping, _ = imp.guess_mapping(table.headers)
    plan = imp.plan_import(store, table, mapping, new_counties=["兰考县"])
    assert plan.count("invalid") == 1  # 郑东新区 not agreed
    counties = store.counties.count()
    with pytest.raises(imp.ImportRefused):
        imp.apply_import(store, plan)
    assert store.counties.count() == counties
    imp.apply_import(store, plan, valid_only=True)
    assert store.counties.count() == counties + 1


def test_cli_creates_unknown_counties_only_when_asked(
    file_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``import-shops --create-counties`` does what the import dialog's check box does."""
    from fieldapp.cli import EXIT_OK, EXIT_PROBLEM, main

    db = Path(file_store.path)
    file_store.close()
    path = tmp_path / "shops.xlsx"
    _table(tmp_path)  # writes shops.xlsx

    def run(*extra: str) -> tuple[int, str]:
        try:
            code = main(["--db", str(db), "import-shops", str(path), "--lang", "en", *extra])
        except SystemExit as exc:
            code = int(exc.code or 0)
        return code, capsys.readouterr().out

    def counts() -> tuple[int, int, set[str]]:
        with Store.open(db) as s:
            return s.shops.count(), s.counties.count(), {c.name for c in s.counties.list()}

    before = counts()
    code, out = run()
    assert code == EXIT_PROBLEM and counts() == before
    assert "兰考县, 郑东新区 (pass --create-counties" in out

    code, out = run("--create-counties", "--dry-run")
    assert code == EXIT_OK and counts() == before
    assert "new counties: 兰考县, 郑东新区" in out and "nothing was written" in out

    code, out = run("--create-counties")
    assert code == EXIT_OK and "4 created" in out and "2 counties created (兰考县, 郑东新区)" in out
    shops, n_counties, names = counts()
    assert shops == before[0] + 4 and n_counties == before[1] + 2
    assert {"兰考县", "郑东新区"} <= names
    with Store.open(db) as s:
        lankao = next(c for c in s.counties.list() if c.name == "兰考县")
        assert lankao.id == reference.county_id(reference.find("兰考县")[0])

    code, out = run("--create-counties")  # again: nothing new, no second county
    assert code == EXIT_OK and "4 unchanged" in out and counts()[:2] == (shops, n_counties)
