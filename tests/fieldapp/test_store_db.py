"""fieldapp.store.db: reads on the connection, everything else through sqlite-utils,
with sqlite-utils' transaction rules; the lazy repositories; the migration record read
without sqlite-utils."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from fieldapp.errors import ValidationError
from fieldapp.kinds import TABLES
from fieldapp.model import ENTITIES
from fieldapp.store import Store, migrations
from fieldapp.store.db import Db


def _other(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path)


def test_a_write_outside_a_transaction_is_committed(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    db = Db.connect(str(path))
    db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)")
    db.execute("INSERT INTO t (name) VALUES (?)", ["a"])
    assert not db.conn.in_transaction
    assert _other(path).execute("SELECT name FROM t").fetchall() == [("a",)]


def test_a_failed_write_leaves_no_transaction_open(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    db = Db.connect(str(path))
    db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO t (name) VALUES (NULL)")
    assert not db.conn.in_transaction
    db.execute("INSERT INTO t (name) VALUES ('b')")
    assert _other(path).execute("SELECT name FROM t").fetchall() == [("b",)]


def test_atomic_commits_together_or_not_at_all(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    db = Db.connect(str(path))
    db.execute("CREATE TABLE t (name TEXT)")
    with pytest.raises(RuntimeError), db.atomic():
        db.execute("INSERT INTO t VALUES ('lost')")
        raise RuntimeError
    with db.atomic():
        db.execute("INSERT INTO t VALUES ('kept')")
        with pytest.raises(RuntimeError), db.atomic():  # a savepoint
            db.execute("INSERT INTO t VALUES ('inner')")
            raise RuntimeError
    assert _other(path).execute("SELECT name FROM t").fetchall() == [("kept",)]


def test_reads_answer_as_sqlite_utils_does(tmp_path: Path) -> None:
    db = Db.connect(str(tmp_path / "x.db"))
    db.execute("CREATE TABLE a (id INTEGER, name TEXT)")
    db.execute("INSERT INTO a VALUES (1, 'x'), (2, 'y')")
    theirs = Database(db.conn)
    for sql, params in [
        ("SELECT a.id, b.id, a.name FROM a JOIN a b ON b.id = a.id ORDER BY 1", None),
        ("  with w AS (SELECT * FROM a WHERE id > ?) SELECT * FROM w", [1]),
        ("SELECT name FROM a WHERE id = :id", {"id": 2}),
    ]:
        assert list(db.query(sql, params)) == list(theirs.query(sql, params))
        assert db.execute(sql, params).fetchall() == theirs.execute(sql, params).fetchall()
    assert list(db.query("SELECT a.id, a.id FROM a LIMIT 1")) == [{"id": 1, "id_2": 1}]
    # A statement that returns rows through query() is the same: no row-less writes.
    with pytest.raises(ValueError):
        list(db.query("DELETE FROM a"))
    assert db.execute("SELECT count(*) FROM a").fetchone() == (2,)


def test_applied_migrations_read_as_sqlite_utils_reads_them(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    db = Database(path)
    migrations.migration_set().apply(db, stop_before="0004_visit_reviews")
    half = Db.connect(str(path))
    names = [m.name for m in migrations.migration_set().applied(db)]
    assert migrations.applied(half) == names == list(migrations.MIGRATION_NAMES[:3])
    assert migrations.pending(half) == list(migrations.MIGRATION_NAMES[3:])
    assert migrations.apply(half) == list(migrations.MIGRATION_NAMES[3:])
    assert migrations.applied(half) == [m.name for m in migrations.migration_set().applied(db)]
    assert migrations.pending(half) == []
    assert migrations.applied(Db.connect(str(tmp_path / "empty.db"))) == []


def test_tables_are_the_entities_tables() -> None:
    assert tuple(e.table for e in ENTITIES) == TABLES


def test_repositories_are_made_once_when_first_asked_for() -> None:
    with Store.open() as store:
        assert store._repos == {}
        shops = store.shops
        assert store.shops is shops is store.repo("shops")
        assert shops.model.table == "shops"
        assert {t: store.repo(t).model.table for t in TABLES} == {t: t for t in TABLES}
        with pytest.raises(ValidationError) as err:
            store.repo("sqlite_master")
        assert err.value.errors[0].code == "unknown_table"


def test_a_store_is_empty_until_it_has_a_shop_or_a_user() -> None:
    with Store.open() as store:
        assert store.is_empty()
        store.counties.create(name="金水区")
        assert store.is_empty()  # reference data alone: nobody has worked here
        user = store.users.create(name="王芳", role="rep")
        assert not store.is_empty()
        store.users.delete(user.id)
        assert not store.is_empty()  # a tombstone still counts


def test_sqlite_utils_is_loaded_without_pandas_and_numpy(tmp_path: Path) -> None:
    """sqlite-utils imports pandas and numpy when installed (OR-Tools brings pandas);
    the store hands it neither, and they were half the CPU of ``fieldapp sync`` from
    the command line. ``fieldapp.store.db`` refuses them to sqlite-utils' import only:
    a fresh process writes to a store, sqlite-utils loaded, and neither was imported;
    numpy is still there for whoever asks for it."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from fieldapp.store.db import Db\n"
        f"db = Db.connect({str(tmp_path / 'x.db')!r})\n"
        "db.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)')\n"
        "db.execute('INSERT INTO t (name) VALUES (?)', ['a'])\n"
        "with db.atomic():\n"
        "    with db.atomic():\n"  # a savepoint: sqlite-utils' atomic
        "        db.execute('INSERT INTO t (name) VALUES (?)', ['b'])\n"
        "import sqlite_utils.db\n"
        "loaded = [m in sys.modules for m in ('sqlite_utils', 'pandas', 'numpy')]\n"
        "import numpy\n"
        "print(loaded, sqlite_utils.db.pd, sqlite_utils.db.np, numpy.arange(3).sum())\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert out.stdout.split() == ["[True,", "False,", "False]", "None", "None", "3"]
