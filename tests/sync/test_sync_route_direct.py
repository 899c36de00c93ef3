"""Push and pull take a short way through the app (``app._serve_sync_directly``): the
same error middleware, app middleware and exception handlers as the whole stack, without
FastAPI's inert wrappers and the router's walk. Every answer must be the whole stack's:
the same status, headers and body, errors included, and the same metrics."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.types import Receive, Scope, Send
from sync_harness import Server, shop_fields

_VARYING = {"date", "content-length"}  # content-length: compared through the body


def _whole_stack(app: FastAPI) -> Any:
    """The app as it answers without the short way: its own full middleware stack."""
    stack = FastAPI.build_middleware_stack(app)

    async def whole(scope: Scope, receive: Receive, send: Send) -> None:
        scope["app"] = app  # what Starlette's __call__ sets before its stack
        await stack(scope, receive, send)

    return whole


def _answer(r: Any) -> tuple[int, dict[str, str], bytes]:
    headers = {k: v for k, v in r.headers.items() if k.lower() not in _VARYING}
    return r.status_code, headers, r.content


def _without_ids(answer: tuple[int, dict[str, str], bytes]) -> tuple[int, dict[str, str], bytes]:
    status, headers, body = answer
    got = json.loads(body)
    for result in got["results"]:
        result.pop("mutation_id", None), result.pop("seq", None)
    return status, headers, json.dumps(got).encode()


def test_push_and_pull_answer_as_the_whole_stack_does(
    server: Server, world: dict[str, Any]
) -> None:
    rep = server.device("repA")
    direct = TestClient(server.app, raise_server_exceptions=False)
    whole = TestClient(_whole_stack(server.app), raise_server_exceptions=False)
    auth = rep.headers
    bad = {**auth, "Authorization": "Bearer nope"}

    def rejected_push() -> dict[str, Any]:  # a fresh mutation each time: same answer shape
        m = rep.mut("shops", "no-such-shop", base=1, name="x")
        m["mutation_id"] = str(uuid.uuid4())
        return {"device_id": rep.device_id, "mutations": [m]}

    calls: list[tuple[str, Callable[[TestClient], Any]]] = [
        ("pull", lambda c: c.get("/v1/pull", params={"cursor": 0}, headers=auth)),
        ("pull gzip", lambda c: c.get("/v1/pull", headers={**auth, "Accept-Encoding": "gzip"})),
        ("pull, bad cursor", lambda c: c.get("/v1/pull", params={"cursor": "x"}, headers=auth)),
        ("pull, no token", lambda c: c.get("/v1/pull", headers=server.headers)),
        ("pull, bad token", lambda c: c.get("/v1/pull", headers=bad)),
        ("push, no token", lambda c: c.post("/v1/push", json=rejected_push())),
        ("push, bad json", lambda c: c.post("/v1/push", content=b"{", headers=auth)),
        ("push, bad body", lambda c: c.post("/v1/push", json={"x": 1}, headers=auth)),
        ("push, wrong method", lambda c: c.put("/v1/push", json={}, headers=auth)),
        ("push, rejected", lambda c: c.post("/v1/push", json=rejected_push(), headers=auth)),
    ]
    for label, call in calls:
        a, b = _answer(call(whole)), _answer(call(direct))
        if label == "push, rejected":  # each names its own mutation and seq
            a, b = _without_ids(a), _without_ids(b)
            assert a[0] == 200 and b"not_found" in a[2], a
        assert a == b, label
    # A push that applies, once each way: the same answer but for the ids it names.
    for client in (whole, direct):
        sid = str(uuid.uuid4())
        m = rep.mut("shops", sid, "insert", **shop_fields(world, "repA"))
        r = client.post("/v1/push", json={"device_id": rep.device_id, "mutations": [m]},
                        headers=auth)  # fmt: skip
        assert r.status_code == 200 and r.json()["results"][0]["status"] == "applied", r.text
