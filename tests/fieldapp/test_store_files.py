"""The store file is whole and private: a write waits for another process's write instead
of failing with "database is locked", and the files are readable by their owner only."""

from __future__ import annotations

import stat
import subprocess
import sys
import textwrap
from pathlib import Path

from fieldapp.exchange import import_shops as imp
from fieldapp.store import Store

HOLD = textwrap.dedent(
    """
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO meta (key, value) VALUES ('other', 'process')")
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
    conn.execute("COMMIT")
    """
)


def _hold_write_lock(path: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process that holds the store's write lock for ``seconds``, then commits."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "holding"
    return proc


def test_an_import_waits_for_another_process_writing(file_store: Store, tmp_path: Path) -> None:
    csv = tmp_path / "shops.csv"
    csv.write_text(
        "门店编码,门店名称,渠道,区县\nHN-001,鑫旺便利店,便利店,金水区\n", encoding="utf-8"
    )
    table = imp.read_table(csv)
    mapping, _ = imp.guess_mapping(table.headers)
    plan = imp.plan_import(file_store, table, mapping)
    # The import reads (the plan's checks) and then writes in one transaction, while the
    # other process commits in between: a deferred transaction could not upgrade.
    proc = _hold_write_lock(Path(file_store.path), 1.0)
    try:
        result = imp.apply_import(file_store, plan)
    finally:
        assert proc.wait(10) == 0
    assert result.created == 1
    assert file_store.get_meta("other") == "process"
    assert file_store.shops.count() == 1


def test_a_write_waits_for_a_writer_that_read_first(file_store: Store) -> None:
    proc = _hold_write_lock(Path(file_store.path), 1.0)
    try:
        with file_store.transaction():
            file_store.shops.count()  # read first: the snapshot goes stale when the other commits
            file_store.set_meta("mine", "1")
    finally:
        assert proc.wait(10) == 0
    assert file_store.get_meta("mine") == "1" and file_store.get_meta("other") == "process"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_store_and_its_folders_are_private(tmp_path: Path) -> None:
    path = tmp_path / "new" / "deeper" / "store.db"
    with Store.open(path) as store:
        store.set_meta("x", "1")
        assert _mode(path) == 0o600
        for extra in (path.with_name("store.db-wal"), path.with_name("store.db-shm")):
            if extra.exists():
                assert _mode(extra) == 0o600, extra
        assert _mode(path.parent) == 0o700
        assert _mode(path.parent.parent) == 0o700
        photo = tmp_path / "p.png"
        photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
        county = store.counties.create(name="金水区")
        shop = store.shops.create(name="鑫旺便利店", channel="convenience", county_id=county.id)
        added = store.photos.add_file(photo, shop_id=shop.id)
        kept = store.photos.path_of(added)
        assert _mode(store.photos_dir) == 0o700
        assert _mode(kept.parent) == 0o700
