"""``fieldapp-server serve --workers N``: N processes on one port serve one database;
devices logged in through one process push and pull through the others (the login
throttle, tokens and changes are in the database; docs/deploy.md)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from sync_harness import FAST_HASHER, PASSWORD

from sync import protocol as p
from sync.server import service
from sync.server.db import make_engine
from sync.server.migrate import upgrade_engine

ROOT = Path(__file__).resolve().parents[2]
HEADERS = {p.SCHEMA_HEADER: str(p.SCHEMA_VERSION)}


def _children(pid: int) -> list[int]:
    try:
        kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(k) for k in kids]


@pytest.fixture
def workers(db_url: str, tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "sync.server", "serve", "--database", db_url,
         "--photos-dir", str(tmp_path / "photos"), "--port", str(port), "--workers", "2"],
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            try:
                if requests.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except requests.RequestException:
                pass
            assert time.monotonic() < deadline, "no answer within 60 s"
            time.sleep(0.1)
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
        if proc.stderr:
            proc.stderr.close()


def test_two_worker_processes_serve_one_database(
    db_url: str, workers: tuple[str, subprocess.Popen[bytes]]
) -> None:
    url, proc = workers
    engine = make_engine(db_url)
    upgrade_engine(engine)
    now = time.time()
    team = service.create_team(engine, "A", now)
    service.create_user(engine, "rep", "rep", team, PASSWORD, now, FAST_HASHER)
    county = str(uuid.uuid4())
    admin = service.create_user(engine, "admin", "admin", None, PASSWORD, now, FAST_HASHER)
    engine.dispose()
    assert admin
    # uvicorn's supervisor runs the workers as its children
    pythons = [k for k in _children(proc.pid) if "python" in Path(f"/proc/{k}/cmdline").read_text()]
    assert len(pythons) >= 2, pythons

    # Each request on a fresh connection: the kernel spreads them over the processes.
    def login(name: str, device: str) -> str:
        r = requests.post(
            f"{url}/v1/login",
            json={"username": name, "password": PASSWORD, "device_id": device},
            headers=HEADERS,
            timeout=30,
        )
        assert r.status_code == 200, r.text
        return str(r.json()["token"])

    admin_token = login("admin", "admin-dev")
    auth = {**HEADERS, "Authorization": f"Bearer {admin_token}"}
    mut = {
        "mutation_id": str(uuid.uuid4()),
        "seq": 1,
        "table": "counties",
        "row_id": county,
        "op": "insert",
        "changes": {"name": {"new": "金水区"}, "koc_target": {"new": 50}},
    }
    r = requests.post(
        f"{url}/v1/push",
        json={"device_id": "admin-dev", "mutations": [mut]},
        headers=auth,
        timeout=30,
    )
    assert r.status_code == 200 and r.json()["results"][0]["status"] == "applied", r.text
    rep_auth = {**HEADERS, "Authorization": f"Bearer {login('rep', 'rep-dev')}"}
    for _ in range(6):  # whichever process answers, the same pull
        r = requests.get(f"{url}/v1/pull", params={"cursor": 0}, headers=rep_auth, timeout=30)
        assert r.status_code == 200, r.text
        assert county in {c["row_id"] for c in r.json()["changes"]}
