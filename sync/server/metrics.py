"""Prometheus metrics of the sync server (``GET /metrics``) and one JSON log line per
request (logger ``fieldapp.server.access``).

One registry per process, shared by the apps it serves (tests build many). With
``serve --workers N`` each process counts its own requests and a scrape reaches one of
them: scrape each host's processes through ``PROMETHEUS_MULTIPROC_DIR`` (prometheus
client's multiprocess mode) or run one worker per port (docs/deploy.md).
Threading: prometheus-client's metrics are thread-safe.
"""

from __future__ import annotations

import collections
import json
import logging
import time
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest as _generate,
)
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REGISTRY = CollectorRegistry()
_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)

REQUESTS = Counter(
    "fieldapp_requests", "HTTP requests", ["method", "route", "status"], registry=REGISTRY
)
LATENCY = Histogram(
    "fieldapp_request_seconds", "HTTP request time", ["route"], buckets=_BUCKETS, registry=REGISTRY
)
PUSHES = Counter("fieldapp_pushes", "pushes answered", registry=REGISTRY)
MUTATIONS = Counter(
    "fieldapp_push_mutations", "pushed mutations by answer", ["status"], registry=REGISTRY
)
REJECTIONS = Counter(
    "fieldapp_push_rejections", "rejected mutations by code", ["code"], registry=REGISTRY
)
LOCK_WAIT = Histogram(
    "fieldapp_scope_lock_wait_seconds",
    "time a push or pull waited for its scope locks (PostgreSQL)",
    ["kind"],
    buckets=_BUCKETS,
    registry=REGISTRY,
)

access_log = logging.getLogger("fieldapp.server.access")


def count_push(results: list[Any]) -> None:
    # Counted first, then one ``labels`` per status: a labelled child is found under a
    # lock, and fifty of those per push showed in the server's profile.
    PUSHES.inc()
    statuses = collections.Counter(r.status for r in results)
    for status, n in statuses.items():
        MUTATIONS.labels(status).inc(n)
    if statuses["rejected"]:
        codes = collections.Counter(
            r.error.code for r in results if r.status == "rejected" and r.error is not None
        )
        for code, n in codes.items():
            REJECTIONS.labels(code).inc(n)


def lock_waited(kind: str, seconds: float) -> None:
    LOCK_WAIT.labels(kind).observe(seconds)


def exposition() -> Response:
    return Response(_generate(REGISTRY), media_type=CONTENT_TYPE_LATEST)


class Middleware:
    """Count and time every request by its route template (not its path: no ids in
    labels), and log it as one JSON line.

    Plain ASGI (not starlette's ``BaseHTTPMiddleware``, which runs the app in a task of
    its own and streams the response through a memory channel: a third of the event
    loop's time under load, docs/scale.md)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            elapsed = time.perf_counter() - started
            route = getattr(scope.get("route"), "path", "unmatched")
            method = scope["method"]
            REQUESTS.labels(method, route, str(status)).inc()
            LATENCY.labels(route).observe(elapsed)
            if access_log.isEnabledFor(logging.INFO):
                client = scope.get("client")
                access_log.info(
                    json.dumps(
                        {
                            "method": method,
                            "route": route,
                            "status": status,
                            "ms": round(elapsed * 1000, 1),
                            "client": client[0] if client else None,
                        }
                    )
                )
