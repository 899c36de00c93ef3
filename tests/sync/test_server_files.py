"""The server's SQLite file and its photo folders are readable by their owner only (they
hold password hashes, mobile numbers and the team's photos)."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from sync_harness import Server
from test_photos import patch

from sync.server.db import make_engine


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_server_database_and_photo_folders_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "srv" / "data"
    server = Server(f"sqlite:///{folder / 'server.db'}")
    try:
        server.team("A")
        server.user("repA", "rep", "A")
        dev = server.device("repA")
        data = os.urandom(5000)
        digest = hashlib.sha256(data).hexdigest()
        assert patch(dev, digest, 0, len(data), data[:1000]).status_code == 200
        root = server.app.state.photos.root
        part = next(root.rglob("*.part"))
        assert _mode(part) == 0o600 and _mode(part.parent) == 0o700
        assert patch(dev, digest, 1000, len(data), data[1000:]).json()["complete"] is True
        kept = [f for f in root.rglob("*") if f.is_file()]
        assert len(kept) == 1
        assert _mode(kept[0]) == 0o600
        assert _mode(kept[0].parent) == 0o700 and _mode(root) == 0o700
        db = folder / "server.db"
        assert _mode(db) == 0o600
        for extra in (folder / "server.db-wal", folder / "server.db-shm"):
            if extra.exists():
                assert _mode(extra) == 0o600, extra
        assert _mode(folder) == 0o700 and _mode(folder.parent) == 0o700
    finally:
        server.close()


def test_an_existing_server_database_keeps_its_mode(tmp_path: Path) -> None:
    db = tmp_path / "server.db"
    db.touch(mode=0o640)
    db.chmod(0o640)
    engine = make_engine(f"sqlite:///{db}")
    with engine.connect() as c:
        c.exec_driver_sql("SELECT 1")
    engine.dispose()
    assert _mode(db) == 0o640
