"""Connections cut mid-way (issue 12 §3): a request the client abandons is one log line at
head office, not a traceback; an answer cut inside its headers is retried by the client,
not reported as "the server's answer is not JSON"."""

from __future__ import annotations

import logging
import socket
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from client_harness import LiveServer
from sync_harness import PASSWORD

from fieldapp.store import Store
from sync import protocol as p
from sync.client import MemoryTokenStore, SyncClient

sys.path.insert(0, str(Path(__file__).parent / "faults"))
from proxy import FaultProxy


def test_a_request_the_client_abandons_is_one_log_line(
    live: LiveServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    with socket.create_connection(("127.0.0.1", live.port)) as sock:
        sock.sendall(
            b"POST /v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + f"{p.SCHEMA_HEADER}: {p.SCHEMA_VERSION}\r\n".encode()
            + b'Content-Length: 1000\r\n\r\n{"username": "re'
        )
        time.sleep(0.2)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if any("disconnected during POST /v1/login" in r.getMessage() for r in caplog.records):
            break
        time.sleep(0.05)
    gone = [r for r in caplog.records if "disconnected during" in r.getMessage()]
    assert len(gone) == 1, [r.getMessage() for r in caplog.records]
    assert gone[0].exc_info is None
    assert not [r for r in caplog.records if "Exception in ASGI application" in r.getMessage()]
    assert not [r for r in caplog.records if r.exc_info], [r.getMessage() for r in caplog.records]


@pytest.mark.parametrize("request_line", ["POST /v1/push", "GET /v1/pull", "GET /v1/verify"])
def test_an_answer_cut_inside_its_headers_is_retried(
    live: LiveServer, world: dict[str, Any], tmp_path: Path, request_line: str
) -> None:
    proxy = FaultProxy(live.port, seed=1, weights={"pass": 1})
    try:
        with Store.open(tmp_path / "lina.db") as store:
            client = SyncClient(
                store, proxy.url, token_store=MemoryTokenStore(), retries=2, backoff=0.01
            )
            client.login("repA", PASSWORD)
            client.sync()
            store.shops.create(
                id=str(uuid.uuid4()), name="鑫旺便利店", channel="convenience", tier="B",
                county_id=world["county"], rep_id=world["repA"],
            )  # fmt: skip
            proxy.force("cut_headers", request_line)
            report = client.sync()
            assert proxy.counts["cut_headers"] == 1
            assert report.verified and report.applied == 1, report
            assert store.outbox.count(state="pending") == 0
    finally:
        proxy.close()
