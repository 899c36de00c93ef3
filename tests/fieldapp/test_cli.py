"""The command line: init, demo, check, search, stats, and how it treats bad input.

Commands run in-process through ``fieldapp.cli.main`` (argparse's ``SystemExit`` is
caught and turned into the exit code); one test runs ``python -m fieldapp`` for real.
One demo store (``--scale rep --seed 3 --today 2026-11-24``) is built once per module
and shared by the read-only tests; tests that damage a store work on a copy.
Bad input must exit 2 with exactly one line on stderr (``fieldapp: error…``), no
traceback, and leave the target file (and its folder) exactly as it was.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from fieldapp.cli import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, main
from fieldapp.store import Store

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-24"
DEMO_ARGS = ["demo", "--scale", "rep", "--seed", "3", "--today", TODAY]
STATS_KEYS = {
    "county_density",
    "stage_funnel",
    "overdue_shops",
    "relationship_levels",
    "interaction_frequency",
    "events",
}


# ---------------------------------------------------------------------------- helpers


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def _call(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as exc:  # argparse reports bad arguments this way
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> Run:
    capsys.readouterr()
    code = _call([str(a) for a in argv])
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def run_quiet(*argv: str | Path) -> Run:
    """Run without capsys (for module-scoped fixtures)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = _call([str(a) for a in argv])
    return Run(code, out.getvalue(), err.getvalue())


def digest(path: Path) -> str | None:
    """The SHA-256 of a file, a listing for a folder, None when nothing is there."""
    if path.is_dir():
        return "dir:" + ",".join(sorted(p.name for p in path.iterdir()))
    if not path.exists():
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_state(folder: Path) -> dict[str, str | None]:
    return {p.name: digest(p) for p in folder.iterdir()}


def assert_one_error_line(result: Run) -> None:
    assert "Traceback" not in result.err
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("fieldapp: error"), result.err
    assert result.err.endswith("\n")


def read_rows(path: Path, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    """Rows from a store file, opened read-only without touching it."""
    con = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    con.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in con.execute(sql, params)]
    finally:
        con.close()


def make_store_file(path: Path, *, with_shop: bool = False) -> Path:
    with Store.open(path) as store:
        if with_shop:
            county = store.counties.create(name="金水区")
            store.shops.create(name="鑫旺便利店", channel="convenience", county_id=county.id)
    return path


# ---------------------------------------------------------------------------- the demo store


@dataclass(frozen=True)
class Demo:
    path: Path
    result: Run
    digest: str | None


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    result = run_quiet("--db", path, *DEMO_ARGS)
    assert result.code == EXIT_OK, result.err
    return Demo(path, result, digest(path))


@pytest.fixture
def demo_copy(demo: Demo, tmp_path: Path) -> Path:
    target = tmp_path / "copy.db"
    shutil.copyfile(demo.path, target)
    return target


def test_demo_fills_an_empty_store(demo: Demo) -> None:
    assert demo.result.code == EXIT_OK
    assert "Traceback" not in demo.result.err
    assert "demo data (rep, seed 3)" in demo.result.out
    with Store.open(demo.path) as store:
        report = store.check()
        assert report.ok, report
        for table in ("counties", "users", "shops", "owners", "kocs", "visits", "events"):
            assert report.rows[table] > 0, table
        assert store.shops.count() == report.rows["shops"]
    for table in ("shops", "owners", "kocs"):
        assert f"{table} " in demo.result.out


def test_demo_is_repeatable_with_the_same_seed(demo: Demo, tmp_path: Path) -> None:
    again = run_quiet("--db", tmp_path / "again.db", "--json", *DEMO_ARGS)
    assert again.code == EXIT_OK, again.err
    data = again.json()
    assert (data["scale"], data["seed"]) == ("rep", 3)
    counts = {t: n for t, n in data["counts"].items() if isinstance(n, int)}
    assert counts["shops"] > 0
    for table, n in counts.items():
        if table in {"counties", "shops", "owners", "kocs", "visits", "events", "invitations"}:
            rows = read_rows(demo.path, f"SELECT count(*) AS n FROM {table} WHERE deleted = 0")
            assert rows[0]["n"] == n, table


def test_demo_into_a_non_empty_store_refuses_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = make_store_file(tmp_path / "mine.db", with_shop=True)
    before = folder_state(tmp_path)
    result = run(capsys, "--db", path, *DEMO_ARGS)
    assert result.code == EXIT_USAGE
    assert_one_error_line(result)
    assert result.out == ""
    assert folder_state(tmp_path) == before
    with Store.open(path) as store:
        assert store.shops.count() == 1
        assert store.kocs.count() == 0


def test_demo_twice_refuses_the_second_time(
    capsys: pytest.CaptureFixture[str], demo_copy: Path
) -> None:
    before = digest(demo_copy)
    result = run(capsys, "--db", demo_copy, "demo", "--seed", "4", "--today", TODAY)
    assert result.code == EXIT_USAGE
    assert_one_error_line(result)
    assert digest(demo_copy) == before


# ---------------------------------------------------------------------------- init


def test_init_creates_a_store_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "field.db"
    result = run(capsys, "--db", path, "init")
    assert result.code == EXIT_OK, result.err
    assert result.err == ""
    assert "store ready" in result.out
    assert path.is_file()
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"
    with Store.open(path) as store:
        assert store.check().ok
        assert store.schema_version >= 1


def test_init_is_idempotent(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "field.db"
    first = run(capsys, "init", "--db", path, "--json")
    assert first.code == EXIT_OK, first.err
    with Store.open(path) as store:
        county = store.counties.create(name="金水区")
    second = run(capsys, "--json", "--db", path, "init")
    assert second.code == EXIT_OK, second.err
    a, b = first.json(), second.json()
    assert a["device_id"] == b["device_id"]
    assert a["schema_version"] == b["schema_version"] >= 1
    assert a["applied"] == b["applied"]
    with Store.open(path) as store:
        assert store.counties.get(county.id).name == "金水区"
        assert store.check().ok


# ---------------------------------------------------------------------------- check


def test_check_on_a_good_store(capsys: pytest.CaptureFixture[str], demo: Demo) -> None:
    result = run(capsys, "--db", demo.path, "check")
    assert result.code == EXIT_OK, result.err
    assert result.out.strip().splitlines()[-1] == "OK"
    assert "integrity: ok" in result.out
    assert "references: ok" in result.out
    data = run(capsys, "--db", demo.path, "check", "--json").json()
    assert data["ok"] is True
    assert data["orphans"] == {}
    assert data["integrity"] == ["ok"]
    assert data["rows"]["shops"] > 0


def test_check_on_a_fresh_store(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = make_store_file(tmp_path / "fresh.db")
    result = run(capsys, "--db", path, "check")
    assert result.code == EXIT_OK
    assert result.out.strip().endswith("OK")


def _insert_dangling(path: Path, table: str, field: str) -> str:
    """Copy a row of ``table`` with raw SQL, pointing ``field`` at nothing."""
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    try:
        row = dict(con.execute(f"SELECT * FROM {table} WHERE deleted = 0 LIMIT 1").fetchone())
        row["id"] = "raw-sql-row"
        row[field] = "no-such-row"
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        con.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(row.values()))
        con.commit()
    finally:
        con.close()
    return f"{table}.{field}"


@pytest.mark.parametrize(
    ("table", "field"),
    [("event_products", "product_id"), ("owners", "shop_id"), ("kocs", "county_id")],
)
def test_check_finds_a_dangling_reference(
    capsys: pytest.CaptureFixture[str], demo_copy: Path, table: str, field: str
) -> None:
    key = _insert_dangling(demo_copy, table, field)
    result = run(capsys, "--db", demo_copy, "check")
    assert result.code == EXIT_PROBLEM
    assert "PROBLEMS FOUND" in result.out
    assert f"{key} dangling 1" in result.out
    data = run(capsys, "--db", demo_copy, "--json", "check").json()
    assert data["ok"] is False
    assert data["orphans"] == {key: 1}


def test_check_finds_a_reference_to_a_tombstone(
    capsys: pytest.CaptureFixture[str], demo_copy: Path
) -> None:
    con = sqlite3.connect(demo_copy)
    try:
        con.execute(
            "UPDATE counties SET deleted = 1 WHERE id = (SELECT county_id FROM shops LIMIT 1)"
        )
        con.commit()
    finally:
        con.close()
    result = run(capsys, "--db", demo_copy, "check")
    assert result.code == EXIT_PROBLEM
    assert "shops.county_id dangling" in result.out


# ---------------------------------------------------------------------------- search


@dataclass(frozen=True)
class Targets:
    landline_shop: dict[str, Any]
    mobile_shop: dict[str, Any]
    owner: dict[str, Any]
    koc: dict[str, Any]


@pytest.fixture(scope="module")
def targets(demo: Demo) -> Targets:
    cols = "id, name, code, phone, search_pinyin, search_initials"

    def first(sql: str) -> dict[str, Any]:
        rows = read_rows(demo.path, sql)
        assert rows, sql
        return rows[0]

    return Targets(
        landline_shop=first(
            f"SELECT {cols} FROM shops WHERE deleted = 0 AND phone LIKE '0%-%' ORDER BY code"
        ),
        mobile_shop=first(
            f"SELECT {cols} FROM shops WHERE deleted = 0 AND phone LIKE '1%' ORDER BY code"
        ),
        owner=first(
            "SELECT id, name, mobile FROM owners WHERE deleted = 0 AND mobile IS NOT NULL"
            " ORDER BY name LIMIT 1"
        ),
        koc=first("SELECT id, name FROM kocs WHERE deleted = 0 ORDER BY name LIMIT 1"),
    )


def _spaced(mobile: str) -> str:
    return f"{mobile[:3]} {mobile[3:7]} {mobile[7:]}"


SHOP_QUERIES: list[tuple[str, Callable[[Targets], tuple[str, dict[str, Any]]]]] = [
    ("chinese-name", lambda t: (t.landline_shop["name"], t.landline_shop)),
    ("chinese-part", lambda t: (t.landline_shop["name"][-3:], t.landline_shop)),
    ("initials", lambda t: (t.landline_shop["search_initials"].split()[0], t.landline_shop)),
    (
        "initials-upper",
        lambda t: (t.mobile_shop["search_initials"].split()[0].upper(), t.mobile_shop),
    ),
    ("pinyin", lambda t: (t.landline_shop["search_pinyin"].split()[0], t.landline_shop)),
    ("code", lambda t: (t.landline_shop["code"], t.landline_shop)),
    ("code-lowercase", lambda t: (t.mobile_shop["code"].lower(), t.mobile_shop)),
    ("mobile", lambda t: (t.mobile_shop["phone"], t.mobile_shop)),
    ("mobile-spaced", lambda t: (_spaced(t.mobile_shop["phone"]), t.mobile_shop)),
    ("landline-local-part", lambda t: (t.landline_shop["phone"].split("-")[1], t.landline_shop)),
    ("landline-as-shown", lambda t: (t.landline_shop["phone"], t.landline_shop)),
    ("landline-digits", lambda t: (t.landline_shop["phone"].replace("-", ""), t.landline_shop)),
]


@pytest.mark.parametrize("query", [q for _, q in SHOP_QUERIES], ids=[i for i, _ in SHOP_QUERIES])
def test_search_finds_a_shop(
    capsys: pytest.CaptureFixture[str],
    demo: Demo,
    targets: Targets,
    query: Callable[[Targets], tuple[str, dict[str, Any]]],
) -> None:
    text, shop = query(targets)
    result = run(
        capsys, "--db", demo.path, "--json", "search", text, "--kind", "shop", "--limit", "1000"
    )
    assert result.code == EXIT_OK, result.err
    hits = result.json()
    assert isinstance(hits, list)
    for hit in hits:
        assert {"kind", "id", "title"} <= set(hit)
        assert hit["kind"] == "shop"
    assert shop["id"] in [h["id"] for h in hits], f"{text!r} did not find {shop['name']}"
    [hit] = [h for h in hits if h["id"] == shop["id"]]
    assert hit["title"] == shop["name"]


def test_search_exact_code_ranks_first(
    capsys: pytest.CaptureFixture[str], demo: Demo, targets: Targets
) -> None:
    shop = targets.landline_shop
    hits = run(capsys, "--db", demo.path, "--json", "search", shop["code"]).json()
    assert hits[0]["id"] == shop["id"]


def test_search_owner_by_mobile_and_koc_by_name(
    capsys: pytest.CaptureFixture[str], demo: Demo, targets: Targets
) -> None:
    owner, koc = targets.owner, targets.koc
    hits = run(capsys, "--db", demo.path, "--json", "search", owner["mobile"]).json()
    assert {"kind": "owner", "id": owner["id"], "title": owner["name"]}.items() <= next(
        h for h in hits if h["id"] == owner["id"]
    ).items()
    hits = run(
        capsys,
        "--db",
        demo.path,
        "search",
        koc["name"],
        "--kind",
        "koc",
        "--limit",
        "1000",
        "--json",
    ).json()
    assert all(h["kind"] == "koc" for h in hits)
    assert koc["id"] in [h["id"] for h in hits]


def test_search_text_output(
    capsys: pytest.CaptureFixture[str], demo: Demo, targets: Targets
) -> None:
    shop = targets.landline_shop
    result = run(capsys, "--db", demo.path, "search", shop["code"])
    assert result.code == EXIT_OK
    first = result.out.splitlines()[0]
    assert first.startswith("shop")
    assert shop["name"] in first and f"[{shop['id']}]" in first
    nothing = run(capsys, "--db", demo.path, "search", "qqqqxxxxzzzz")
    assert (nothing.code, nothing.out.strip()) == (EXIT_OK, "no match")
    assert run(capsys, "--db", demo.path, "--json", "search", "qqqqxxxxzzzz").json() == []


def test_search_limit(capsys: pytest.CaptureFixture[str], demo: Demo) -> None:
    hits = run(capsys, "--db", demo.path, "--json", "search", "1", "--limit", "3").json()
    assert len(hits) == 3


# ---------------------------------------------------------------------------- stats


def test_stats_text(capsys: pytest.CaptureFixture[str], demo: Demo) -> None:
    result = run(capsys, "--db", demo.path, "stats", "--today", TODAY)
    assert result.code == EXIT_OK, result.err
    assert result.err == ""
    assert result.out.startswith(f"Metrics on {TODAY}")
    for heading in (
        "KOC density per county",
        "KOC stage funnel",
        "Shops overdue for a visit",
        "Relationship levels",
        "Interaction frequency",
        "Events:",
    ):
        assert heading in result.out


def test_stats_json(capsys: pytest.CaptureFixture[str], demo: Demo) -> None:
    result = run(capsys, "--db", demo.path, "--json", "stats", "--today", TODAY)
    assert result.code == EXIT_OK, result.err
    data = result.json()
    assert set(data) >= STATS_KEYS
    assert data["today"] == TODAY
    counties = read_rows(demo.path, "SELECT name FROM counties WHERE deleted = 0")
    assert sorted(d["name"] for d in data["county_density"]) == sorted(c["name"] for c in counties)
    owners = read_rows(demo.path, "SELECT count(*) AS n FROM owners WHERE deleted = 0")[0]["n"]
    assert sum(data["relationship_levels"].values()) == owners
    assert set(data["relationship_levels"]) <= {"1", "2", "3", "4", "5"}
    assert isinstance(data["events"], list) and data["events"]
    assert all("title" in e for e in data["events"])


def test_stats_on_an_empty_store(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = make_store_file(tmp_path / "empty-store.db")
    text = run(capsys, "--db", path, "stats", "--today", TODAY)
    assert text.code == EXIT_OK, text.err
    data = run(capsys, "--db", path, "stats", "--json", "--today", TODAY).json()
    assert set(data) >= STATS_KEYS
    assert data["county_density"] == [] and data["events"] == []


def test_read_commands_leave_the_store_file_unchanged(
    capsys: pytest.CaptureFixture[str], demo: Demo
) -> None:
    before = folder_state(demo.path.parent)
    for argv in (["check"], ["search", "义马"], ["--json", "stats", "--today", TODAY]):
        assert run(capsys, "--db", demo.path, *argv).code == EXIT_OK
    assert digest(demo.path) == demo.digest
    assert folder_state(demo.path.parent) == before


# ---------------------------------------------------------------------------- bad input


def _missing(folder: Path) -> Path:
    return folder / "nowhere.db"


def _empty(folder: Path) -> Path:
    path = folder / "empty.db"
    path.write_bytes(b"")
    return path


def _binary(folder: Path) -> Path:
    path = folder / "random.db"
    path.write_bytes(os.urandom(8192))
    return path


def _text(folder: Path) -> Path:
    path = folder / "notes.db"
    path.write_text("店名,电话\n鑫旺便利店,0371-66001234\n", encoding="utf-8")
    return path


def _truncated(folder: Path) -> Path:
    real = make_store_file(folder.parent / f"{folder.name}-real.db", with_shop=True)
    path = folder / "truncated.db"
    path.write_bytes(real.read_bytes()[:1000])
    return path


def _directory(folder: Path) -> Path:
    path = folder / "a-folder.db"
    path.mkdir()
    (path / "keep.txt").write_text("x")
    return path


def _good(folder: Path) -> Path:
    return make_store_file(folder / "good.db", with_shop=True)


TARGETS: dict[str, Callable[[Path], Path]] = {
    "missing": _missing,
    "empty": _empty,
    "binary": _binary,
    "text": _text,
    "truncated": _truncated,
    "directory": _directory,
    "good": _good,
}

BAD_INPUT: list[tuple[str, list[str]]] = [
    ("missing", ["check"]),
    ("missing", ["search", "xinwang"]),
    ("missing", ["stats"]),
    ("empty", ["check"]),
    ("empty", ["search", "xinwang"]),
    ("empty", ["stats"]),
    ("binary", ["check"]),
    ("binary", ["search", "xinwang"]),
    ("binary", ["stats"]),
    ("binary", ["init"]),
    ("binary", ["demo", "--today", TODAY]),
    ("text", ["check"]),
    ("text", ["init"]),
    ("truncated", ["check"]),
    ("truncated", ["search", "xinwang"]),
    ("truncated", ["stats"]),
    ("truncated", ["init"]),
    ("directory", ["check"]),
    ("directory", ["search", "xinwang"]),
    ("directory", ["stats"]),
    ("directory", ["init"]),
    ("good", ["stats", "--today", "2026-13-01"]),
    ("good", ["stats", "--today", "yesterday"]),
    ("good", ["demo", "--today", "24.11.2026"]),
    ("good", ["search", "xinwang", "--limit", "-1"]),
    ("good", ["search", "xinwang", "--limit", "0"]),
    ("good", ["search", "xinwang", "--limit", "ten"]),
    ("good", ["stats", "--days", "-7"]),
    ("good", ["search", "xinwang", "--kind", "shopkeeper"]),
    ("good", ["demo", "--scale", "country"]),
    ("good", ["frobnicate"]),
    ("good", []),
]


@pytest.mark.parametrize(
    ("target", "argv"), BAD_INPUT, ids=[f"{t}-{'-'.join(a) or 'nothing'}" for t, a in BAD_INPUT]
)
def test_bad_input_exits_2_with_one_line_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, target: str, argv: list[str]
) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    path = TARGETS[target](folder)
    before = folder_state(folder)
    result = run(capsys, "--db", path, *argv)
    assert result.code == EXIT_USAGE, (result.out, result.err)
    assert_one_error_line(result)
    assert result.out == ""
    assert digest(path) == before.get(path.name)


@pytest.mark.parametrize("target", ["missing", "empty", "binary", "truncated", "directory"])
@pytest.mark.parametrize("command", ["check", "init"])
def test_bad_store_file_leaves_nothing_behind(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, target: str, command: str
) -> None:
    """No new file beside a refused store (no -wal/-shm left open, no new store)."""
    folder = tmp_path / "work"
    folder.mkdir()
    path = TARGETS[target](folder)
    before = folder_state(folder)
    result = run(capsys, "--db", path, command)
    if command == "init" and target in ("missing", "empty"):
        assert result.code == EXIT_OK, result.err  # init is how a store is made
        with Store.open(path) as store:
            assert store.check().ok
        return
    assert result.code == EXIT_USAGE
    assert folder_state(folder) == before


def test_bad_input_message_names_the_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = run(capsys, "--db", tmp_path / "nowhere.db", "check")
    assert "nowhere.db" in missing.err and "init" in missing.err
    folder = run(capsys, "--db", tmp_path, "check")
    assert "folder" in folder.err
    limit = run(capsys, "--db", tmp_path / "x.db", "search", "a", "--limit", "-1")
    assert "--limit" in limit.err


def test_python_m_fieldapp_in_a_subprocess(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "FIELDAPP_DEBUG"}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")

    def python_m(*argv: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "fieldapp", *map(str, argv)],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
        )

    bad = _binary(tmp_path)
    before = digest(bad)
    proc = python_m("--db", bad, "check")
    assert proc.returncode == EXIT_USAGE
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.splitlines()) == 1, proc.stderr
    assert proc.stderr.startswith("fieldapp: error")
    assert proc.stdout == ""
    assert digest(bad) == before

    proc = python_m("--db", tmp_path / "store.db", "frobnicate")
    assert proc.returncode == EXIT_USAGE
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.splitlines()) == 1, proc.stderr

    proc = python_m("--db", tmp_path / "store.db", "--json", "init")
    assert proc.returncode == EXIT_OK, proc.stderr
    assert json.loads(proc.stdout)["schema_version"] >= 1
    proc = python_m("--db", tmp_path / "store.db", "search", "鑫旺")
    assert (proc.returncode, proc.stdout.strip(), proc.stderr) == (EXIT_OK, "no match", "")
