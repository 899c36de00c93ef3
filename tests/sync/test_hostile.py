"""Hostile and malformed input gets a 4xx with an error body, never a 500."""

from __future__ import annotations

import gzip
import json
import uuid
from typing import Any

import pytest
from sync_harness import Server, shop_fields

from sync import protocol as p


def _error(r: Any, status: int | None = None) -> dict[str, Any]:
    assert 400 <= r.status_code < 500, (r.status_code, r.text)
    if status is not None:
        assert r.status_code == status, r.text
    return dict(r.json()["error"])


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[" * 100_000 + b"]" * 100_000,
        b'{"device_id": "' + b"[" * 50 + b'"}',
        json.dumps({"device_id": 5, "mutations": []}).encode(),
        json.dumps({"device_id": "x", "mutations": "many"}).encode(),
        json.dumps({"device_id": "x", "mutations": [{"seq": 10**400}]}).encode(),
        json.dumps({"device_id": "x" * 10_000, "mutations": []}).encode(),
        b"null",
        b"",
    ],
)
def test_bad_push_bodies(server: Server, world: dict[str, Any], body: bytes) -> None:
    dev = server.device("repA")
    r = server.client.post("/v1/push", content=body, headers=dev.headers)
    assert _error(r)["code"] in ("invalid_json", "invalid_request")


def test_hostile_values_and_sizes(server: Server, world: dict[str, Any]) -> None:
    dev = server.device("repA")
    sid = str(uuid.uuid4())
    good = dev.mut("shops", sid, "insert", **shop_fields(world, "repA"))
    deep: Any = "x"
    for _ in range(300):
        deep = [deep]
    for bad_value in (deep, {"a": 1}, [1, 2]):
        m = dev.mut("shops", sid, base=1, name="x")
        m["changes"]["name"]["new"] = bad_value
        _error(dev.push_raw(m))  # 400 for too deep, 422 for a wrong type
    for huge_number in (10**30, -(10**30), 10**400):
        # A huge JSON number is parsed (as a float) and rejected by the field's rules.
        r = dev.push_raw(dev.mut("shops", sid, base=1, koc_target=huge_number))
        assert r.status_code in (200, 422), r.text
        if r.status_code == 200:
            assert r.json()["results"][0]["status"] == "rejected"
    m = dev.mut("shops", sid, base=1, name="x")
    body = json.dumps({"device_id": dev.device_id, "mutations": [m]}).replace(
        '"new": "x"', '"new": 1e999'
    )
    _error(server.client.post("/v1/push", content=body, headers=dev.headers))
    too_many = [dict(good, seq=i + 1) for i in range(p.MAX_MUTATIONS + 100)]
    assert _error(dev.push_raw(*too_many), 422)["field"] == "mutations"
    for field, value in (("seq", 0), ("seq", 2**70), ("base_version", -1), ("op", "drop")):
        _error(dev.push_raw(dict(good, **{field: value})), 422)
    huge = b"x" * (p.MAX_BODY_BYTES + 1)
    _error(server.client.post("/v1/push", content=huge, headers=dev.headers), 413)
    bomb = gzip.compress(b" " * (p.MAX_BODY_BYTES * 2))
    headers = dev.headers | {"Content-Encoding": "gzip"}
    _error(server.client.post("/v1/push", content=bomb, headers=headers), 413)
    _error(server.client.post("/v1/push", content=b"garbage", headers=headers), 400)
    fresh = dev.mut("shops", sid, "insert", **shop_fields(world, "repA"))
    zipped = gzip.compress(json.dumps({"device_id": dev.device_id, "mutations": [fresh]}).encode())
    ok = server.client.post("/v1/push", content=zipped, headers=headers)
    assert ok.status_code == 200 and ok.json()["results"][0]["status"] == "applied"
    # Numbers out of a field's range are rejected mutations, not errors.
    big = dev.mut("shops", sid, base=10_000, latitude=1e308, longitude=2**62)
    assert dev.push(big)[0]["error"]["code"] == "out_of_range"
    for params in ({"cursor": "9" * 40}, {"cursor": -1}, {"limit": 0}, {"limit": "abc"}):
        _error(server.client.get("/v1/pull", params=params, headers=dev.headers), 422)
    _error(server.client.get("/v1/nothing", headers=dev.headers), 404)
    _error(server.client.get("/v1/push", headers=dev.headers), 405)


@pytest.mark.parametrize(
    "body",
    [
        {"username": "repA"},
        {"username": "", "password": "x", "device_id": "d"},
        {"username": "repA", "password": "x" * 5000, "device_id": "d"},
        {"username": ["repA"], "password": "x", "device_id": "d"},
        {"username": "repA", "password": "x", "device_id": "d", "extra": 1},
    ],
)
def test_bad_login_bodies(server: Server, world: dict[str, Any], body: dict[str, Any]) -> None:
    r = server.client.post("/v1/login", json=body, headers=server.headers)
    assert _error(r, 422)["code"] == "invalid_request"
