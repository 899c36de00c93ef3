"""The server's uvicorn setup: every accepted connection gets TCP_NODELAY (a kept-alive
connection otherwise answers each request ~40 ms late, see sync/server/serving.py), and
each request is logged once, as the server's own JSON line."""

from __future__ import annotations

import asyncio
import json
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import requests
from fastapi import FastAPI
from uvicorn.server import ServerState

from sync import protocol as p
from sync.server.serving import NoDelayH11Protocol, uvicorn_config


class _Transport:
    """Just enough of an asyncio transport around a real accepted socket."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return {
            "socket": self.sock,
            "sockname": self.sock.getsockname(),
            "peername": self.sock.getpeername(),
        }.get(name, default)

    def is_closing(self) -> bool:
        return False

    def close(self) -> None:
        self.sock.close()


def test_connections_are_served_with_tcp_nodelay() -> None:
    config = uvicorn_config(FastAPI(), lifespan="off", log_level="warning")
    config.load()
    assert config.http_protocol_class is NoDelayH11Protocol
    with socket.create_server(("127.0.0.1", 0)) as listener:
        client = socket.create_connection(listener.getsockname())
        accepted, _ = listener.accept()
        try:
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0
            # The protocol asks for the current event loop; an earlier test's asyncio.run()
            # leaves none set, so this test brings its own.
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            try:
                protocol = NoDelayH11Protocol(
                    config=config, server_state=ServerState(), app_state={}
                )
            finally:
                asyncio.set_event_loop(None)
                loop.close()
            protocol.connection_made(_Transport(accepted))  # type: ignore[arg-type]
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
        finally:
            client.close()
            accepted.close()


@pytest.mark.parametrize("workers", [1, 2])
def test_served_requests_are_logged_once_as_the_servers_json_line(
    tmp_path: Path, workers: int
) -> None:
    """``fieldapp-server serve`` (one process, or ``--workers``) writes one JSON line per
    request of its own (``fieldapp.server.access``) to stdout, and uvicorn's access log
    (its request line) is off: the same request is not logged twice."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    out, err = tmp_path / "out.txt", tmp_path / "err.txt"
    command = [
        sys.executable, "-m", "sync.server", "serve", "--database",
        f"sqlite:///{tmp_path / 'hq.db'}", "--photos-dir", str(tmp_path / "photos"),
        "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
    ]  # fmt: skip
    with out.open("wb") as o, err.open("wb") as e:
        proc = subprocess.Popen(command, stdout=o, stderr=e)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    assert requests.get(f"http://127.0.0.1:{port}/healthz", timeout=5).ok
                    break
                except requests.ConnectionError:
                    assert proc.poll() is None and time.monotonic() < deadline, err.read_text()
                    time.sleep(0.2)
            pulled = requests.get(
                f"http://127.0.0.1:{port}/v1/pull", headers={p.SCHEMA_HEADER: "1"}, timeout=5
            )
            assert pulled.status_code == 409  # an old schema: refused, logged all the same
            time.sleep(0.5)
        finally:
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=30)
    lines = [line for line in out.read_text().splitlines() if line.strip()]
    logged = [json.loads(line.split(None, 1)[1]) for line in lines if line.startswith("INFO:")]
    assert [(x["method"], x["route"], x["status"]) for x in logged[-1:]] == [
        ("GET", "/v1/pull", 409)
    ], lines
    assert all(set(x) == {"method", "route", "status", "ms", "client"} for x in logged)
    assert ("GET", "/healthz", 200) in {(x["method"], x["route"], x["status"]) for x in logged}
    everything = out.read_text() + err.read_text()
    assert "HTTP/1.1" not in everything, everything  # no uvicorn access line
    assert "Uvicorn running" in err.read_text() or "Started parent process" in err.read_text()
