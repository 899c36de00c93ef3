"""``GET /metrics`` (Prometheus text) counts requests by route, their time, pushes,
mutations by answer, rejections by code and scope-lock waits; every request is logged as
one JSON line (sync/server/metrics.py)."""

from __future__ import annotations

import json
import logging
import uuid
from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families
from sync_harness import Server, shop_fields


def _samples(server: Server) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    r = server.client.get("/metrics")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain")
    out = {}
    for family in text_string_to_metric_families(r.text):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def test_metrics_count_pushes_answers_rejections_and_lock_waits(
    server: Server, world: dict[str, Any], backend: str, caplog: pytest.LogCaptureFixture
) -> None:
    dev = server.device("repA")
    shop = str(uuid.uuid4())
    before = _samples(server)
    with caplog.at_level(logging.INFO, logger="fieldapp.server.access"):
        answers = dev.push(
            dev.mut("shops", shop, "insert", **shop_fields(world, "repA")),
            dev.mut("shops", str(uuid.uuid4()), "update", 0, notes="没有这家店"),
        )
    assert [a["status"] for a in answers] == ["applied", "rejected"]
    after = _samples(server)

    def delta(name: str, **labels: str) -> float:
        key = (name, tuple(sorted(labels.items())))
        return after.get(key, 0.0) - before.get(key, 0.0)

    assert delta("fieldapp_pushes_total") == 1
    assert delta("fieldapp_push_mutations_total", status="applied") == 1
    assert delta("fieldapp_push_mutations_total", status="rejected") == 1
    assert delta("fieldapp_push_rejections_total", code="not_found") == 1
    route = {"method": "POST", "route": "/v1/push", "status": "200"}
    assert delta("fieldapp_requests_total", **route) == 1
    assert delta("fieldapp_request_seconds_count", route="/v1/push") == 1
    if backend == "postgresql":
        assert delta("fieldapp_scope_lock_wait_seconds_count", kind="write") >= 1
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name.endswith("access")]
    seen = {(x["method"], x["route"], x["status"]) for x in lines}
    assert ("POST", "/v1/push", 200) in seen, lines
