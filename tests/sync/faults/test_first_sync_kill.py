"""A first sync killed (SIGKILL-like ``os._exit``) in the middle of its pull, with the
indexes and the verify-sum and search-index triggers set aside (``Replica.pulling``):
the next open of the store builds them again, and the next sync either resumes from the
last committed page (pages committed one by one) or starts the first sync again (the
page group was not committed yet). Either way the device ends with every row, verify
agrees with head office, the search index finds the rows and the schema is exactly a
fresh store's. SQLite and PostgreSQL head office, the real client in its own process."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from client_harness import Device, LiveServer
from sync_harness import PASSWORD

from fieldapp.store import Store
from fieldapp.store.replica import DEFERRED_SCHEMA
from sync.client import TOKEN_FILE, FileTokenStore, SyncClient

SHOPS = 60

#: Logs in and starts the first sync with pages of 10 rows; exits hard (no cleanup, as
#: a kill) once about half of the rows are in. ``GROUP`` rows per committed group.
_KILLED = """
import os, sys
from pathlib import Path
from fieldapp.store import Store, replica
from sync.client import TOKEN_FILE, FileTokenStore, SyncClient
path, url, user, group = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
replica.GROUP_ROWS = group
replica.GROUP_SECONDS = 3600.0  # a group ends by its rows only, however slow the box

def progress(stage, done, _total):
    if stage == "pull" and done >= 30:
        os._exit(9)

store = Store.open(path)
client = SyncClient(store, url, token_store=FileTokenStore(Path(path).with_name(TOKEN_FILE)),
                    pull_limit=10, progress=progress, retries=1)
client.login(user, sys.stdin.readline().rstrip("\\n"))
client.sync()
os._exit(0)  # not reached: killed mid-pull
"""


def _schema(store: Store) -> set[tuple[str, str, str]]:
    return {
        (r[0], r[1], r[2])
        for r in store.db.execute(
            "SELECT type, name, sql FROM sqlite_master"
            " WHERE type IN ('index', 'trigger') AND sql IS NOT NULL"
        )
    }


@pytest.mark.parametrize("group", [1, 20_000], ids=["resumes", "starts-again"])
def test_a_first_sync_killed_mid_pull_resumes_or_starts_again_whole(
    world: dict[str, Any], live: LiveServer, tmp_path: Path, group: int
) -> None:
    maker = Device(live, tmp_path / "maker.db", "repA")
    maker.sync()  # the county
    for i in range(SHOPS):
        maker.store.shops.create(
            name=f"张伟{i}号店", channel="convenience", tier="B", county_id=world["county"],
            rep_id=maker.user_id,
        )  # fmt: skip
    assert maker.sync().verified
    maker.close()

    with Store.open(tmp_path / "fresh.db") as fresh:
        expected = _schema(fresh)
    path = tmp_path / "laptop.db"
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_KILLED), str(path), live.url, "repA", str(group)],
        input=PASSWORD + "\n",
        text=True,
        capture_output=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 9, done.stderr[-2000:]
    with Store.open(path, migrate=False) as killed:  # as the kill left it
        assert killed.replica.get_state(DEFERRED_SCHEMA)
        cursor = killed.replica.cursor()
        assert (isinstance(cursor, int) and cursor > 0) if group == 1 else cursor is None

    with Store.open(path) as store:  # the next open builds the schema again
        assert store.replica.get_state(DEFERRED_SCHEMA) is None
        assert _schema(store) == expected
        client = SyncClient(
            store, live.url, token_store=FileTokenStore(path.with_name(TOKEN_FILE)), retries=1
        )
        report = client.sync()
        assert report.verified, report.summary()
        assert store.shops.count() == SHOPS
        assert store.replica.checksums() == store.replica.checksums_by_rows()
        assert _schema(store) == expected
        assert store.replica.get_state(DEFERRED_SCHEMA) is None
        names = {h.title for h in store.search.shops("zw1", limit=50)}
        assert "张伟1号店" in names and "张伟59号店" not in names
        assert [h.title for h in store.search.shops("张伟42号店")] == ["张伟42号店"]
        assert store.check().ok
