"""``fieldapp-server export``: the head-office workbook from the server's rows, all teams or
some, on SQLite and PostgreSQL; tombstones left out; bad input exits 2 with one line."""

from __future__ import annotations

import csv
import io
import uuid
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sync_harness import Server, shop_fields

from sync.server import cli
from sync.server.export import ServerSource, read_engine


def _seed(server: Server, world: dict[str, Any]) -> dict[str, str]:
    ids: dict[str, str] = {}
    for team in ("A", "B"):
        dev = server.device(f"rep{team}")
        shop = str(uuid.uuid4())
        gone = str(uuid.uuid4())
        visit = str(uuid.uuid4())
        owner = str(uuid.uuid4())
        res = dev.push(
            dev.mut(
                "shops",
                shop,
                "insert",
                **shop_fields(world, f"rep{team}", code=f"{team}-001", name=f"{team}队 鑫旺便利店"),
            ),
            dev.mut("shops", gone, "insert", **shop_fields(world, f"rep{team}", name="关门的店")),
            dev.mut(
                "visits",
                visit,
                "insert",
                shop_id=shop,
                rep_id=world[f"rep{team}"],
                planned_date="2026-11-20",
                checkin_at="2026-11-19T23:30:00+00:00",
                check_display="good",
                check_notes="=SUM(A1:A9) 不是公式",
                review_status="draft",
            ),
            dev.mut("owners", owner, "insert", shop_id=shop, name="王芳", level=3),
        )
        assert all(r["status"] == "applied" for r in res), res
        res = dev.push(dev.mut("shops", gone, "delete", base=res[1]["version"]))
        assert res[0]["status"] == "applied", res
        ids[f"shop{team}"], ids[f"visit{team}"] = shop, visit
    return ids


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = cli.main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_export_all_teams_and_one(
    server: Server,
    world: dict[str, Any],
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ids = _seed(server, world)
    out = tmp_path / "all.xlsx"
    code, stdout, err = _run(["export", "--database", db_url, "--xlsx", str(out)], capsys)
    assert code == 0, err
    assert "visits" in stdout
    wb = openpyxl.load_workbook(out)
    shops = [r for r in wb["门店"].iter_rows(min_row=2, values_only=True)]
    assert sorted((r[0], r[1], r[4], r[10]) for r in shops) == [
        ("A-001", "A队 鑫旺便利店", "金水区", "repA"),
        ("B-001", "B队 鑫旺便利店", "金水区", "repB"),
    ]  # the deleted shop is not there
    visits = wb["拜访"]
    assert visits.max_row == 3
    row = {c.column_letter: c for c in visits[2]}
    assert row["A"].is_date and row["A"].value.date().isoformat() == "2026-11-20"
    assert row["I"].value == "良好"
    assert row["M"].data_type == "s" and row["M"].value.startswith("=SUM")
    owners = list(wb["店主"].iter_rows(min_row=2, values_only=True))
    assert sorted(r[1] for r in owners) == ["A队 鑫旺便利店", "B队 鑫旺便利店"]

    only_a = tmp_path / "csv-a"
    code, _, err = _run(
        ["export", "--database", db_url, "--csv", str(only_a), "--team", "A", "--lang", "en"],
        capsys,
    )
    assert code == 0, err
    text = (only_a / "visits.csv").read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Date", "Shop code", "Shop"]
    assert [r[-1] for r in rows[1:]] == [ids["visitA"]]
    assert rows[1][12] == "'=SUM(A1:A9) 不是公式"
    shops_a = list(csv.reader(io.StringIO((only_a / "shops.csv").read_text("utf-8-sig"))))
    assert [r[0] for r in shops_a[1:]] == ["A-001"]


def test_source_counts_and_team_scope(server: Server, world: dict[str, Any], db_url: str) -> None:
    _seed(server, world)
    engine = read_engine(db_url)
    try:
        with engine.connect() as conn:
            everyone = ServerSource(conn)
            assert everyone.count("shops") == 2 and everyone.count("counties") == 1
            team_a = ServerSource(conn, [world["A"]])
            assert team_a.count("shops") == 1
            assert team_a.count("counties") == 1  # shared rows belong to every team
            shop = next(iter(team_a.rows("shops")))
            assert shop["code"] == "A-001" and shop["id"] and shop["created_at"]
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    "extra",
    [
        ["--team", "no such team"],
        ["--rep", "nobody"],
        ["--from", "2026-12-01", "--to", "2026-11-01"],
    ],
)
def test_export_bad_input(
    server: Server,
    world: dict[str, Any],
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
) -> None:
    out = tmp_path / "x.xlsx"
    code, _, err = _run(["export", "--database", db_url, "--xlsx", str(out), *extra], capsys)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and err.startswith("fieldapp-server: error")
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith((".xlsx", ".part"))]


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
def test_export_to_a_full_disk_fails_and_keeps_the_previous_workbook(
    server: Server,
    world: dict[str, Any],
    db_url: str,
    small_disk: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A real, tiny tmpfs: the first export fits, the second (more rows) does not; it exits
    2 with one line, the first workbook stays as it was, and no temporary file is left."""
    _seed(server, world)
    disk = small_disk(1024 * 1024)
    out = disk / "all.xlsx"
    code, _, err = _run(["export", "--database", db_url, "--xlsx", str(out)], capsys)
    assert code == 0, err
    good = out.read_bytes()
    dev = server.device("repA")
    notes = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(3000))
    res = dev.push(
        *(
            dev.mut("shops", str(uuid.uuid4()), "insert", **shop_fields(world, "repA", notes=notes))
            for _ in range(20)
        )
    )
    assert all(r["status"] == "applied" for r in res), res
    small_disk.fill(disk, leave=16 * 1024)
    code, stdout, err = _run(["export", "--database", db_url, "--xlsx", str(out)], capsys)
    assert code == 2, stdout
    assert "exported" not in stdout
    assert err.startswith("fieldapp-server: error: cannot write") and len(err.splitlines()) == 1
    assert out.read_bytes() == good
    assert sorted(p.name for p in disk.iterdir()) == ["all.xlsx", "filler"]


def test_the_server_export_has_the_shelf_numbers_and_the_display_write_off(
    world: dict[str, Any],
    device: Any,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """铺货率 from head office's rows (fieldapp.shelf_numbers, the device's rules) and the
    陈列费用核销 sheet, as the device's export has them."""
    from datetime import UTC, datetime

    from fieldapp.store.display import record_check
    from fieldapp.store.shelf import audit_grid, save_audit

    admin, sup, rep = device("admin"), device("supA"), device("repA")
    beer = admin.store.products.create(name="啤酒 500ml", category="啤酒", price=5.0)
    tea = admin.store.products.create(name="冰红茶", category="饮料", price=3.0)
    assert admin.sync().rejected == 0 and sup.sync().rejected == 0
    for p in (beer, tea):
        sup.store.assortment_rules.create(
            team_id=world["A"], channel="convenience", tier="A", product_id=p.id
        )
    assert sup.sync().rejected == 0 and rep.sync().rejected == 0
    shop = rep.store.shops.create(name="鑫旺便利店", channel="convenience", tier="A",
                                  county_id=world["county"], rep_id=rep.user_id)  # fmt: skip
    when = datetime(2026, 11, 24, 1, 30, tzinfo=UTC)
    visit = rep.store.visits.create(shop_id=shop.id, rep_id=rep.user_id, planned_date=when.date())
    rep.store.visits.check_in(visit.id, at=when)
    grid = audit_grid(rep.store.db, visit_id=visit.id)
    save_audit(rep.store, visit_id=visit.id, rows=[
        grid[0].with_value("in_distribution", True).with_value("facings", 3),
        grid[1].with_value("in_distribution", False),
    ])  # fmt: skip
    agreement = rep.store.display_agreements.create(
        shop_id=shop.id, position="end_cap", facings=4, starts_on="2026-11-01",
        ends_on="2026-11-30", monthly_fee=300,
    )  # fmt: skip
    record_check(rep.store, visit_id=visit.id, agreement_id=agreement.id, passed=False,
                 note="排面不足")  # fmt: skip
    assert rep.sync().rejected == 0

    out = tmp_path / "hq.xlsx"
    code, _out, err = _run(["export", "--database", db_url, "--xlsx", str(out)], capsys)
    assert code == 0, err
    wb = openpyxl.load_workbook(out)
    numbers = list(wb["铺货率"].iter_rows(min_row=2, values_only=True))
    total = next(r for r in numbers if r[2] == 2)  # the total: two shop-SKU pairs
    assert (total[3], total[4]) == (1, 0.5)  # one carried: numeric distribution 50 %
    (writeoff,) = list(wb["陈列费用核销"].iter_rows(min_row=2, values_only=True))
    assert (writeoff[0], writeoff[9], writeoff[10], writeoff[12], writeoff[13]) == (
        "2026-11", 1, 1, 50, 150.0
    )  # fmt: skip
