"""Harness for the sync client's end-to-end tests: the real server app served by uvicorn
on a loopback port in a background thread, and client devices (a real fieldapp Store
file in ``tmp_path`` with a real :class:`SyncClient`).
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests
import uvicorn
from requests.adapters import HTTPAdapter
from sync_harness import PASSWORD, Server

from fieldapp.store import Store
from sync.client import MemoryTokenStore, SyncClient, make_session
from sync.server.serving import uvicorn_config

SYNCED = ("teams", "users", "counties", "shops", "owners", "visits")


class LiveServer:
    """``server.app`` served on 127.0.0.1:<free port> (or ``port``) until :meth:`stop`."""

    def __init__(self, server: Server, port: int = 0) -> None:
        self.server = server
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", port))  # a port of its own, or one served before
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn_config(server.app, log_level="warning", lifespan="off", loop="asyncio")
        self.uv = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.uv.run, kwargs={"sockets": [self.sock]}, daemon=True
        )
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.uv.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        self.uv.should_exit = True
        self.thread.join(10)
        self.sock.close()


class Device:
    """One laptop: a store file and a sync client logged in as ``user``."""

    def __init__(
        self,
        live: LiveServer,
        path: Path,
        user: str,
        *,
        session: requests.Session | None = None,
        **client_kw: Any,
    ) -> None:
        self.live = live
        self.store = Store.open(path)
        self.tokens = MemoryTokenStore()
        kw: dict[str, Any] = {"retries": 2, "backoff": 0.01, "timeout": (5, 30)}
        kw |= client_kw
        self.client = SyncClient(
            self.store, live.url, session=session, token_store=self.tokens, **kw
        )
        self.user = self.client.login(user, PASSWORD)

    @property
    def user_id(self) -> str:
        return str(self.user["id"])

    def sync(self) -> Any:
        return self.client.sync()

    def outbox_states(self) -> list[str]:
        return [m.state for m in self.store.outbox.list()]

    def close(self) -> None:
        self.store.close()


def rows_of(store: Store, table: str) -> dict[str, dict[str, Any]]:
    """Every row of ``table`` (tombstones too) as id -> data + sync metadata that must
    agree between devices."""
    out = {}
    for e in store.repo(table).list(include_deleted=True):
        out[e.id] = {**e.data(), "deleted": bool(e.deleted), "version": e.version}
    return out


class ForwardThenFail(HTTPAdapter):
    """Forwards requests; for the first ``times`` matching ones, throws the answer away
    AFTER the server handled them and raises ConnectionError (a lost response)."""

    def __init__(self, match: Callable[[requests.PreparedRequest], bool], times: int = 1):
        super().__init__(max_retries=0)
        self.match = match
        self.left = times
        self.dropped = 0

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        resp = super().send(request, *args, **kwargs)
        if self.left > 0 and self.match(request):
            self.left -= 1
            self.dropped += 1
            resp.close()
            raise requests.ConnectionError("connection reset after the server answered")
        return resp


class MangleFirstPull(HTTPAdapter):
    """Forwards requests; rewrites the first pull page's JSON with ``mangle``."""

    def __init__(self, mangle: Callable[[dict[str, Any]], None]) -> None:
        super().__init__(max_retries=0)
        self.mangle = mangle
        self.done = False

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        resp = super().send(request, *args, **kwargs)
        if not self.done and request.method == "GET" and "/v1/pull" in (request.url or ""):
            self.done = True
            body = resp.json()
            self.mangle(body)
            resp._content = json.dumps(body).encode()
            resp.headers.pop("Content-Encoding", None)
        return resp


def session_with(adapter: HTTPAdapter) -> requests.Session:
    s = make_session(retries=0)
    s.mount("http://", adapter)
    return s


#: The ``device`` fixture (tests/sync/conftest.py): ``device(user, name=None, **kw)``.
MakeDevice = Callable[..., Device]
