"""``fieldapp plan``: the day's ordered stops as text and JSON, the .ics calendar, bad input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from fieldapp.cli import EXIT_OK, EXIT_USAGE
from fieldapp.store import Store, plan
from tests.fieldapp.test_cli import assert_one_error_line, run

DAY = "2026-11-24"  # a Tuesday


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "store.db"
    with Store.open(path) as store:
        county = store.counties.create(name="金水区")
        team = store.teams.create(name="郑州一组")
        rep = store.users.create(name="李娜", role="rep", team_id=team.id)
        store.set_user(rep.id)
        plan.set_start(store, 34.75, 113.60)
        common = {"channel": "convenience", "tier": "A", "county_id": county.id,
                  "rep_id": rep.id, "route_days": "2"}  # fmt: skip
        store.shops.create(id="far", name="远店", latitude=34.75, longitude=113.64, **common)
        store.shops.create(id="near", name="近店", latitude=34.75, longitude=113.61,
                           address="金水路1号", **common)  # fmt: skip
        store.shops.create(id="lost", name="无坐标店", **common)
        store.shops.create(id="other-day", name="周三店", **(common | {"route_days": "3"}))
        store.events.create(kind="tasting", title="品鉴会", rep_id=rep.id,
                            starts_at="2026-11-24T07:00:00+00:00",
                            ends_at="2026-11-24T09:00:00+00:00")  # fmt: skip
    return path


def test_plan_prints_the_ordered_stops_as_json(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    result = run(capsys, "--db", db, "plan", "--rep", "李娜", "--date", DAY, "--json")
    assert result.code == EXIT_OK, result.err
    data = result.json()
    assert data["proposal"] is True
    stops = data["stops"]
    assert [s["shop_id"] for s in stops] == ["near", "far", "lost"]
    assert stops[0]["arrival"] == "08:33" and stops[0]["km"] == pytest.approx(1.19, abs=0.01)
    assert stops[1]["km"] == pytest.approx(3 * 1.19, abs=0.02)
    assert stops[2]["no_coordinates"] and stops[2]["arrival"] is None
    assert data["total_km"] == pytest.approx(4 * 1.19, abs=0.03)
    assert [e["title"] for e in data["events"]] == ["品鉴会"]


def test_plan_save_writes_planned_visits_in_route_order(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    result = run(capsys, "--db", db, "plan", "--rep", "李娜", "--date", DAY, "--save")
    assert result.code == EXIT_OK, result.err
    assert "[no coordinates: placed last]" in result.out
    lines = [line for line in result.out.splitlines() if "店" in line]
    assert [line.split()[1] for line in lines] == ["near", "far", "lost"]
    with Store.open(db) as store:
        rep = store.users.list(where={"name": "李娜"})[0]
        stops = plan.day_plan(store, rep.id, date(2026, 11, 24)).stops
        assert [(s.shop_id, s.seq) for s in stops] == [("near", 1), ("far", 2), ("lost", 3)]


def test_plan_writes_an_ics_calendar(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "day.ics"
    result = run(capsys, "--db", db, "plan", "--rep", "李娜", "--date", DAY, "--ics", out)
    assert result.code == EXIT_OK, result.err
    cal = Calendar.from_ical(out.read_bytes())
    events = [c for c in cal.walk("VEVENT")]
    summaries = [str(e["summary"]) for e in events]
    assert summaries[:2] == ["1. 拜访 Visit: 近店", "2. 拜访 Visit: 远店"]
    assert summaries[-1] == "品鉴会"
    first = events[0]
    assert first.decoded("dtstart").isoformat() == "2026-11-24T00:33:00+00:00"  # 08:33 Beijing
    assert str(first["location"]) == "金水路1号"
    assert len({str(e["uid"]) for e in events}) == len(events)


@pytest.mark.parametrize(
    ("lang", "words"),
    [("zh_CN", ["拜访路线单", "门店及地址", "无坐标：排在最后"]),
     ("en", ["Route sheet", "Shop and address", "No coordinates: placed last"])],
)  # fmt: skip
def test_plan_writes_the_route_sheet_as_pdf(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path, lang: str, words: list[str]
) -> None:
    """The PDF opens and reads back (pypdf) with the stops' names in route order, the
    address, the event and the sheet's own words in the chosen language."""
    from pypdf import PdfReader

    saved = run(capsys, "--db", db, "plan", "--rep", "李娜", "--date", DAY, "--save")
    assert saved.code == EXIT_OK, saved.err
    out = tmp_path / "route.pdf"
    argv = ["--rep", "李娜", "--date", DAY, "--pdf", out, "--lang", lang]
    result = run(capsys, "--db", db, "plan", *argv)
    assert result.code == EXIT_OK, result.err
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape
    text = reader.pages[0].extract_text()
    names = [n for n in ("近店", "远店", "无坐标店") if n in text]
    assert names == ["近店", "远店", "无坐标店"]
    assert text.index("近店") < text.index("远店") < text.index("无坐标店")
    assert "金水路1号" in text and "品鉴会" in text and "李娜" in text
    for word in words:
        assert word in text, word
    assert "周三店" not in text
    assert not list(tmp_path.glob(".route.pdf.*"))  # no temporary file left


@pytest.mark.parametrize(
    "argv",
    [
        ["--rep", "nobody", "--date", DAY],
        ["--rep", "李娜", "--date", "2026-13-01"],
        ["--rep", "李娜"],
        ["--rep", "李娜", "--date", DAY, "--ics", "/no/such/folder/day.ics"],
        ["--rep", "李娜", "--date", DAY, "--pdf", "/no/such/folder/day.pdf"],
    ],
)
def test_bad_input_exits_non_zero_with_one_line(
    capsys: pytest.CaptureFixture[str], db: Path, argv: list[str]
) -> None:
    result = run(capsys, "--db", db, "plan", *argv)
    assert result.code == EXIT_USAGE
    assert_one_error_line(result)
