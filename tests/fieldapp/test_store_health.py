"""A damaged store is called damaged (at open and on a failing query), a read-only one
opens for reading with writes refused in words, backups roll and restore, and a damaged
store that synced gets a fresh copy that keeps its unsent mutations."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from fieldapp.cli import EXIT_OK, EXIT_USAGE, main
from fieldapp.errors import StoreDamaged, StoreError, StoreReadOnly
from fieldapp.store import Store, backup, health, migrations, rescue

NOBODY = 65534
NOW = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)


def _filled(path: Path, shops: int = 300) -> Path:
    """A closed store file with a county and ``shops`` shops (a few hundred KB)."""
    with Store.open(path) as store:
        county = store.counties.create(name="金水区")
        store.bulk_insert(
            "shops",
            (
                {
                    "id": f"shop-{i:04}",
                    "name": f"门店{i}" + "某" * 40,
                    "channel": "convenience",
                    "tier": "C",
                    "cloud_store": "none",
                    "county_id": county.id,
                }
                for i in range(shops)
            ),
        )
    return path


def _corrupt_table(path: Path, table: str) -> None:
    """Overwrite the first leaf pages of ``table``'s b-tree with garbage (the schema stays
    readable: the file opens, and the damage shows only when those rows are read)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
    conn.close()
    with path.open("r+b") as fh:
        for page in range(root, root + 3):
            fh.seek((page - 1) * page_size)
            fh.write(b"\xa5" * page_size)


def test_a_store_with_a_damaged_table_is_damaged_at_open(tmp_path: Path) -> None:
    path = _filled(tmp_path / "store.db")
    _corrupt_table(path, "shops")
    with pytest.raises(StoreDamaged) as caught:
        Store.open(path, verify=True)
    assert caught.value.code == "damaged" and caught.value.path == str(path)
    assert caught.value.problems and caught.value.problems != ["ok"]


def test_a_failing_query_is_recognised_as_damage(tmp_path: Path) -> None:
    path = _filled(tmp_path / "store.db")
    _corrupt_table(path, "shops")
    with Store.open(path) as store, pytest.raises(sqlite3.DatabaseError) as caught:
        store.shops.list()  # the rows themselves (a count reads an index of the live names)
    assert health.is_damage(caught.value)
    assert not health.is_damage(sqlite3.OperationalError("database is locked"))


@pytest.mark.parametrize("keep", [0.5, 50])
def test_a_truncated_store_is_damaged_not_a_non_store(tmp_path: Path, keep: float) -> None:
    path = _filled(tmp_path / "store.db")
    size = path.stat().st_size
    with path.open("r+b") as fh:
        fh.truncate(int(size * keep) if keep < 1 else int(keep))
    with pytest.raises(StoreDamaged):
        Store.open(path)
    assert main(["--db", str(path), "check"]) == EXIT_USAGE
    assert main(["--db", str(path), "search", "门店"]) == EXIT_USAGE


def test_a_file_that_is_no_database_is_still_not_a_store(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("这不是数据库" * 100, encoding="utf-8")
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    assert caught.value.code == "not_a_store"


# --------------------------------------------------------------------------- read-only


@contextlib.contextmanager
def _as_other_user() -> Iterator[None]:
    """Run the block as a user the file modes apply to (root ignores them)."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder outside pytest's private tmp tree, reachable by the other user."""
    folder = Path(tempfile.mkdtemp(prefix="fieldapp-ro-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for p in sorted(folder.rglob("*"), reverse=True):
            p.chmod(0o700)
            p.unlink() if p.is_file() else p.rmdir()
        folder.rmdir()


def _owned_by_other(path: Path) -> None:
    if os.geteuid() == 0:
        os.chown(path, NOBODY, NOBODY)


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_store_opens_for_reading_and_refuses_writes(
    shared_dir: Path, what: str
) -> None:
    folder = shared_dir / "data"
    folder.mkdir()
    path = _filled(folder / "store.db", shops=20)
    if what == "file":
        _owned_by_other(folder)
        path.chmod(0o444)
    else:
        _owned_by_other(path)
        folder.chmod(0o555)
    with _as_other_user(), Store.open(path) as store:
        assert store.read_only == f"{what}_read_only"
        assert store.shops.count() == 20
        with pytest.raises(StoreReadOnly) as caught:
            store.counties.create(name="二七区")
        assert caught.value.reason == f"{what}_read_only"
        with pytest.raises(StoreReadOnly):
            store.set_meta("x", "1")
        assert store.counties.count() == 1
    assert not path.with_name("store.db-backups").exists()


def test_a_new_store_in_a_read_only_folder_says_so(shared_dir: Path) -> None:
    folder = shared_dir / "locked"
    folder.mkdir(mode=0o555)
    with _as_other_user(), pytest.raises(StoreReadOnly) as caught:
        Store.open(folder / "store.db")
    assert caught.value.reason == "folder_read_only" and caught.value.code == "read_only"


# --------------------------------------------------------------------------- backups


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_backups_roll_keep_seven_and_are_private(tmp_path: Path) -> None:
    path = _filled(tmp_path / "store.db", shops=5)
    made = [backup.make_backup(path, reason="daily", now=NOW + timedelta(days=d)) for d in range(9)]
    kept = backup.list_backups(path)
    assert [b.path for b in kept] == [b.path for b in reversed(made[2:])]
    assert kept[0].path.parent == tmp_path / "store-backups"
    assert _mode(kept[0].path.parent) == 0o700 and _mode(kept[0].path) == 0o600
    with Store.open(kept[0].path) as copy:
        assert copy.shops.count() == 5
    # Once a day: a second one the same day is skipped, the next day it is made.
    assert backup.daily_backup(path, now=NOW + timedelta(days=8, hours=3)) is None
    assert backup.daily_backup(path, now=NOW + timedelta(days=9, hours=1)) is not None


def test_a_damaged_store_is_never_backed_up(tmp_path: Path) -> None:
    path = _filled(tmp_path / "store.db")
    good = backup.make_backup(path, now=NOW)
    _corrupt_table(path, "shops")
    with pytest.raises(StoreDamaged):
        backup.make_backup(path, now=NOW + timedelta(days=1))
    assert [b.path for b in backup.list_backups(path)] == [good.path]
    assert not list((tmp_path / "store-backups").glob("*.part"))


def test_a_backup_is_taken_before_a_migration(tmp_path: Path) -> None:
    path = _filled(tmp_path / "store.db", shops=3)
    # A migration whose DDL is IF NOT EXISTS, so that running it again is harmless.
    last = "0017_kocs_mobile_index"
    assert last in migrations.MIGRATION_NAMES
    conn = sqlite3.connect(path)
    # As if the store was last opened by a version without it.
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?", [last])
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        assert store.schema_version == len(migrations.MIGRATION_NAMES)
    found = backup.list_backups(path)
    assert [b.reason for b in found] == ["migration"]
    with sqlite3.connect(found[0].path) as copy:
        names = [r[0] for r in copy.execute("SELECT name FROM _sqlite_migrations")]
    assert last not in names


def test_restore_puts_the_backup_back_and_keeps_the_replaced_file(tmp_path: Path) -> None:
    path = _filled(tmp_path / "store.db", shops=5)
    backup.make_backup(path, now=NOW)
    with Store.open(path) as store:
        store.counties.create(name="二七区")
    aside = backup.restore(path, now=NOW + timedelta(hours=1))
    assert aside.exists() and aside.parent == tmp_path and "replaced" in aside.name
    with Store.open(path) as store:
        assert store.counties.count() == 1
    with Store.open(aside) as old:
        assert old.counties.count() == 2
    assert _mode(path) == 0o600


def test_cli_backup_list_and_restore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _filled(tmp_path / "store.db", shops=2)
    assert main(["--db", str(path), "backup"]) == EXIT_OK
    assert "backup written" in capsys.readouterr().out
    assert main(["--db", str(path), "backup", "--list"]) == EXIT_OK
    assert "manual" in capsys.readouterr().out
    _corrupt_table(path, "shops")
    assert main(["--db", str(path), "check"]) == EXIT_USAGE
    assert "damaged" in capsys.readouterr().err
    assert main(["--db", str(path), "search", "门店"]) == EXIT_USAGE  # the first failing query
    assert "damaged" in capsys.readouterr().err
    assert main(["--db", str(path), "restore"]) == EXIT_OK
    with Store.open(path) as store:
        assert store.shops.count() == 2


# --------------------------------------------------------------------------- fresh copy


def test_a_fresh_copy_keeps_device_server_and_unsent_mutations(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    with Store.open(path) as store:
        county = store.counties.create(name="金水区")
        for i in range(200):
            store.shops.create(
                name=f"门店{i}" + "某" * 40, channel="convenience", county_id=county.id
            )
        store.replica.set_server_url("https://head.example")
        store.replica.set_state("cursor", "42")
        sent = store.replica.mark_sending(limit=150)
        store.replica.record_answers(
            {"seq": m.seq, "mutation_id": m.mutation_id, "status": "applied", "version": 1}
            for m in sent
        )
        device, user = store.device_id, store.user_id
        unsent = [m.mutation_id for m in store.outbox.pending()]
        last = store.outbox.last_seq()
        store.set_setting("photo.max_px", 1200)
    assert len(unsent) == 51  # 1 county + 200 shops - 150 answered
    _corrupt_table(path, "shops")
    with pytest.raises(StoreDamaged):
        Store.open(path, verify=True)
    assert rescue.salvage(path).has_synced
    done = rescue.fresh_copy(path, now=NOW)
    assert done.aside.exists() and "damaged" in done.aside.name
    assert done.repushed == 51 and done.lost == 0
    with Store.open(path) as fresh:
        assert fresh.device_id == device and fresh.user_id == user
        assert fresh.replica.server_url() == "https://head.example"
        assert fresh.replica.cursor() is None  # everything comes again from head office
        assert [m.mutation_id for m in fresh.outbox.pending()] == unsent
        assert fresh.get_setting("photo.max_px") == 1200
        fresh.counties.create(name="二七区")
        assert fresh.outbox.last_seq() == last + 1
        assert fresh.shops.count() == 0


def test_no_fresh_copy_for_a_store_that_never_synced(tmp_path: Path) -> None:
    path = _filled(tmp_path / "store.db")
    _corrupt_table(path, "shops")
    assert not rescue.salvage(path).has_synced
    with pytest.raises(StoreError) as caught:
        rescue.fresh_copy(path)
    assert caught.value.code == "never_synced" and path.exists()


def test_cli_names_a_read_only_folder(shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = shared_dir / "locked"
    folder.mkdir(mode=0o555)
    with _as_other_user():
        code = main(["--db", str(folder / "store.db"), "init"])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE
    assert "cannot be written" in err and "not a fieldapp store" not in err


def test_a_read_only_store_that_needs_an_update_says_so(shared_dir: Path) -> None:
    folder = shared_dir / "old"
    folder.mkdir()
    path = _filled(folder / "store.db", shops=2)
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?", [migrations.MIGRATION_NAMES[-1]])
    conn.commit()
    conn.close()
    _owned_by_other(folder)
    path.chmod(0o444)
    with _as_other_user(), pytest.raises(StoreReadOnly) as caught:
        Store.open(path)
    assert caught.value.needs_update and caught.value.reason == "file_read_only"
