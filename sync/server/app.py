"""The sync server's HTTP API (FastAPI): ``create_app(database_url)``.

Endpoints: ``/healthz``, ``POST /v1/login``, ``POST /v1/push``, ``GET /v1/pull``,
``GET /v1/verify``, ``HEAD``/``PATCH``/``GET /v1/photos/{sha256}`` (docs/sync-protocol.md;
photo files live under ``photos_dir``). Every error is ``{"error": {"code",
"message", "field"}}`` with a 4xx status for bad input; bodies are read with a size
limit (gzip accepted) and parsed by pydantic's JSON parser, which bounds nesting.

Push and pull, nearly every request a device makes, are plain Starlette routes: their
headers and query are checked here, in the order and with the answers FastAPI's
dependencies gave, and the token check and the work run in one trip to the thread pool
(FastAPI ran each synchronous dependency in a thread of its own first). FastAPI still
documents them: :func:`_documented` declares their parameters for the OpenAPI document
only.
Threading: database work runs in the thread pool (anyio's), one connection per request;
logins run on executors of their own (``logins.LoginGate``), their throttle is kept in
the database.
"""

# No "from __future__ import annotations": FastAPI must see the closures in Depends().

import logging
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

from argon2 import PasswordHasher
from fastapi import APIRouter, BackgroundTasks, Depends, FastAPI, Header, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy.engine import Connection
from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.routing import Match, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync import protocol as p

from . import metrics, openapi, service
from .db import WriterBusy, make_engine
from .logins import LoginGate
from .migrate import upgrade_engine
from .prefetch import Key, Page, Prefetcher
from .service import Caller, LoginPolicy, PhotoFiles, ServiceError

M = TypeVar("M", bound=BaseModel)

log = logging.getLogger("fieldapp.server")

DEFAULT_TOKEN_TTL = 30 * 24 * 3600.0

#: Seconds a client waits before it sends again a request refused as ``busy`` (503).
BUSY_RETRY_AFTER = 5


def _error(status: int, code: str, message: str = "", field: str | None = None) -> JSONResponse:
    return JSONResponse(
        status_code=status, content={"error": {"code": code, "message": message, "field": field}}
    )


def _loc(loc: tuple[Any, ...] | list[Any]) -> str | None:
    parts = [str(x) for x in loc if x not in ("body", "query", "header")]
    return ".".join(parts) or None


async def _read_body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > p.MAX_BODY_BYTES):
        raise ServiceError(413, "too_large", f"bodies are at most {p.MAX_BODY_BYTES} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > p.MAX_BODY_BYTES:
            raise ServiceError(413, "too_large", f"bodies are at most {p.MAX_BODY_BYTES} bytes")
        chunks.append(chunk)
    body = b"".join(chunks)
    if request.headers.get("content-encoding", "").lower() == "gzip":
        try:
            d = zlib.decompressobj(16 + zlib.MAX_WBITS)
            body = d.decompress(body, p.MAX_BODY_BYTES + 1)
        except zlib.error:
            raise ServiceError(400, "invalid_gzip", "the body is not valid gzip") from None
        if len(body) > p.MAX_BODY_BYTES or d.unconsumed_tail:
            raise ServiceError(413, "too_large", "the unpacked body is too large")
    return body


async def _read_chunk(request: Request) -> bytes:
    """A photo chunk: raw bytes, at most ``p.MAX_PHOTO_CHUNK``, never gzip."""
    limit = p.MAX_PHOTO_CHUNK
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise ServiceError(413, "too_large", f"photo chunks are at most {limit} bytes")
    if request.headers.get("content-encoding", "identity").lower() != "identity":
        raise ServiceError(415, "unsupported_encoding", "photo chunks are sent as they are")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ServiceError(413, "too_large", f"photo chunks are at most {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _int_header(request: Request, name: str) -> int:
    """An upload header within the bounds the OpenAPI document states."""
    lo, hi = openapi.UPLOAD_HEADER_BOUNDS[name]
    raw = request.headers.get(name, "").strip()
    if not (raw.isdigit() and len(raw) <= 18 and lo <= int(raw) <= hi):
        raise ServiceError(
            422, "invalid_request", f"{name} must be an integer in [{lo}, {hi}]", name
        )
    return int(raw)


def _allowed(request: Request) -> str:
    """The ``Allow`` of a 405: every method of every route on the request's path (Starlette
    names only the first route's, and the photo path has three)."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches({**request.scope, "method": "GET"})
        if match != Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
    return ", ".join(sorted(methods))


class _EpochHeader:
    """Every answer under ``/v1/`` names head office's epoch (``p.EPOCH_HEADER``)."""

    def __init__(self, app: ASGIApp, epoch: str) -> None:
        self.app = app
        self.header = (p.EPOCH_HEADER.lower().encode(), epoch.encode())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/v1/"):
            await self.app(scope, receive, send)
            return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), self.header]}
            await send(message)

        await self.app(scope, receive, sending)


async def _parse(request: Request, model: type[M]) -> M:
    return _parse_bytes(await _read_body(request), model)


def _parse_bytes(body: bytes, model: type[M]) -> M:
    try:
        return model.model_validate_json(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        if first["type"] == "json_invalid":
            raise ServiceError(400, "invalid_json", "the body is not valid JSON") from None
        raise ServiceError(
            422, "invalid_request", first.get("msg", "invalid"), _loc(first.get("loc", ()))
        ) from None


def _invalid(exc: ValidationError) -> ServiceError:
    """A query or header that fails its bounds, answered as FastAPI's validation did."""
    first = exc.errors()[0]
    return ServiceError(
        422, "invalid_request", str(first.get("msg", "invalid")), _loc(first.get("loc", ()))
    )


def _schema_version(value: str | None) -> int:
    """The request's protocol schema (``p.SCHEMA_HEADER``), or 409 ``schema_unsupported``."""
    supported = list(p.SUPPORTED_SCHEMAS)
    value = (value or "").strip()
    if not (value.isdigit() and len(value) < 10 and int(value) in supported):
        raise ServiceError(
            409,
            "schema_unsupported",
            f"{p.SCHEMA_HEADER} must be one of {supported}",
            p.SCHEMA_HEADER,
            supported=supported,
        )
    return int(value)


_PULL_TABLES = r"^[a-z_]{1,64}(,[a-z_]{1,64})*$"
_PULL_IDS = r"^[^,\x00-\x1f]{1,64}(,[^,\x00-\x1f]{1,64})*$"


class _PullQuery(BaseModel):
    """``GET /v1/pull``'s query, with the bounds :func:`_documented` declares."""

    model_config = ConfigDict(extra="ignore")
    cursor: int = Field(0, ge=0, le=p.INT64_MAX)
    limit: int = Field(p.DEFAULT_PULL_LIMIT, ge=1, le=p.MAX_PULL_LIMIT)
    tables: str | None = Field(None, max_length=2000, pattern=_PULL_TABLES)
    ids: str | None = Field(None, max_length=p.MAX_PULL_IDS * 65, pattern=_PULL_IDS)


class _HeldEpoch(BaseModel):
    """``POST /v1/push``'s epoch header, with the bound :func:`_documented` declares."""

    epoch: str | None = Field(None, max_length=64, alias=p.EPOCH_HEADER)


class _Route(Route):
    """A plain Starlette route for exactly ``method`` (Starlette adds ``HEAD`` to a
    ``GET``; FastAPI did not, so ``HEAD /v1/pull`` stays a 405)."""

    def __init__(self, path: str, endpoint: Callable[..., Any], method: str) -> None:
        super().__init__(path, endpoint, methods=[method])
        self.methods = {method}

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope["route"] = self  # FastAPI's router names only its own routes (metrics.py)
        await super().handle(scope, receive, send)


def _documented(schema: Callable[..., int], caller: Callable[..., Caller]) -> APIRouter:
    """``/v1/push`` and ``/v1/pull`` as FastAPI would declare them: for the OpenAPI
    document only (never called; ``create_app`` serves them as plain routes)."""
    router = APIRouter()

    @router.post("/v1/push")
    async def push(
        who: Annotated[Caller, Depends(caller)],
        x_fieldapp_epoch: Annotated[str | None, Header(alias=p.EPOCH_HEADER, max_length=64)] = None,
    ) -> Response:
        raise NotImplementedError  # pragma: no cover

    @router.get("/v1/pull", response_model=p.PullResponse)
    def pull(
        who: Annotated[Caller, Depends(caller)],
        version: Annotated[int, Depends(schema)],
        cursor: Annotated[int, Query(ge=0, le=p.INT64_MAX)] = 0,
        limit: Annotated[int, Query(ge=1, le=p.MAX_PULL_LIMIT)] = p.DEFAULT_PULL_LIMIT,
        tables: Annotated[str | None, Query(max_length=2000, pattern=_PULL_TABLES)] = None,
        ids: Annotated[str | None, Query(max_length=p.MAX_PULL_IDS * 65, pattern=_PULL_IDS)] = None,
    ) -> Response:
        raise NotImplementedError  # pragma: no cover

    return router


def _serve_sync_directly(app: FastAPI, routes: dict[tuple[str, str], _Route]) -> None:
    """Push and pull, nearly every request, skip the layers that do nothing for them.

    The app's own stack, outermost first, is Starlette's ``ServerErrorMiddleware`` (the
    500 handler), FastAPI's telemetry and body-limit wrappers (inert here: no telemetry
    configured, no ``max_body_size``), the app's middleware (the console's headers, the
    metrics and access log, the epoch header, gzip), Starlette's ``ExceptionMiddleware``
    (the app's exception handlers), FastAPI's ``AsyncExitStackMiddleware`` (an exit
    stack per request, for dependencies these routes do not have) and the router, which
    tries every route (the console's first) until one matches. A request for exactly
    ``(method, path)`` of ``routes`` goes instead through the same error middleware and
    the same app middleware, in the same order, to the same exception middleware and
    straight to its route: the same answers, headers, metrics and logs. Everything else
    (other methods, a trailing slash, a ``root_path``) takes the whole stack as before.
    """
    from starlette.middleware.errors import ServerErrorMiddleware
    from starlette.middleware.exceptions import ExceptionMiddleware

    whole = app.build_middleware_stack

    def build() -> ASGIApp:
        everything = whole()
        error_handler = None
        handlers: dict[Any, Any] = {}
        for key, value in app.exception_handlers.items():
            if key in (500, Exception):
                error_handler = value
            else:
                handlers[key] = value
        direct: dict[tuple[str, str], ASGIApp] = {}
        endpoints = {path: route.endpoint for (_, path), route in routes.items()}
        for key, route in routes.items():
            inner: ASGIApp = ExceptionMiddleware(route.handle, handlers=handlers, debug=app.debug)
            for cls, args, kwargs in reversed(app.user_middleware):
                inner = cls(inner, *args, **kwargs)
            direct[key] = ServerErrorMiddleware(inner, handler=error_handler, debug=app.debug)

        async def serve(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] == "http" and not scope.get("root_path"):
                target = direct.get((scope["method"], scope["path"]))
                if target is not None:  # what the app and its router would have set
                    scope["app"], scope["router"] = app, app.router
                    scope["endpoint"], scope["path_params"] = endpoints[scope["path"]], {}
                    await target(scope, receive, send)
                    return
            await everything(scope, receive, send)

        return serve

    app.build_middleware_stack = build  # type: ignore[method-assign]


def create_app(
    database_url: str,
    *,
    clock: Callable[[], float] = time.time,
    throttle: LoginPolicy | None = None,
    token_ttl: float = DEFAULT_TOKEN_TTL,
    hasher: PasswordHasher | None = None,
    migrate: bool = True,
    photos_dir: str | Path | None = None,
) -> FastAPI:
    """The server app on ``database_url`` (migrated to the newest schema first).

    Photo files go to ``photos_dir``: by default a ``<name>-photos`` folder beside a
    SQLite file, a fresh temporary folder for PostgreSQL (set it in production).
    """
    engine = make_engine(database_url)
    files = PhotoFiles(photos_dir or service.default_photos_dir(database_url))
    if migrate:
        upgrade_engine(engine)
    pw = hasher or PasswordHasher()
    gate = LoginGate(engine, pw, throttle)
    app = FastAPI(title="fieldapp sync", docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    # Level 5: pull pages shrink almost as much as at 9, in a third of the time.
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=5)
    app.state.engine = engine
    # Read once: a restore (which renews it) is made with the server stopped.
    epoch = service.server_epoch(engine)
    app.add_middleware(_EpochHeader, epoch=epoch)
    ahead = Prefetcher()
    app.state.prefetch = ahead
    app.state.logins = gate
    app.state.photos = files

    def noted(request: Request, answer: JSONResponse, code: str, field: str | None) -> JSONResponse:
        """``answer`` to a device's request, keeping the failure as the device's last
        error once it is sent (``service.failures``; the device never waits for it)."""
        parts = request.url.path.split("/")
        if len(parts) < 3 or parts[1] != "v1" or code in service.failures.TRANSIENT:
            return answer
        scheme, _, token = (request.headers.get("authorization") or "").partition(" ")
        answer.background = BackgroundTask(
            service.note_failure, engine, clock(), code=code, where=parts[2],
            status=answer.status_code, field=field,
            device_id=getattr(request.state, "device_id", None),
            token=token.strip() if scheme.lower() == "bearer" else None,
            login=getattr(request.state, "login", None),
        )  # fmt: skip
        return answer

    @app.exception_handler(ServiceError)
    async def _service_error(request: Request, exc: ServiceError) -> JSONResponse:
        headers = {}
        if isinstance(exc.extra.get("offset"), int):
            headers[p.UPLOAD_OFFSET_HEADER] = str(exc.extra["offset"])
        if isinstance(exc.extra.get("retry_after"), int):
            headers["Retry-After"] = str(exc.extra["retry_after"])
        answer = JSONResponse(status_code=exc.status, content=exc.body(), headers=headers)
        return noted(request, answer, exc.code, exc.field)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        first = errors[0] if errors else {}
        field = _loc(first.get("loc", ()))
        answer = _error(422, "invalid_request", str(first.get("msg", "invalid")), field)
        return noted(request, answer, "invalid_request", field)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        codes = {404: "not_found", 405: "method_not_allowed"}
        code = codes.get(exc.status_code, "http_error")
        answer = _error(exc.status_code, code, str(exc.detail))
        if exc.status_code == 405:
            answer.headers["Allow"] = _allowed(request)
        return noted(request, answer, code, None)

    @app.exception_handler(ClientDisconnect)
    async def _client_gone(request: Request, _exc: ClientDisconnect) -> Response:
        # The client hung up mid-request (a laptop losing signal): nothing was done and
        # nobody is left to answer. One line, not "Exception in ASGI application".
        peer = request.client.host if request.client else "?"
        log.info("client %s disconnected during %s %s", peer, request.method, request.url.path)
        return Response(status_code=400)

    @app.exception_handler(WriterBusy)
    async def _writer_busy(_request: Request, exc: WriterBusy) -> JSONResponse:
        # SQLite: the writers in line took longer than a client waits. Nothing was done;
        # the client tries again after the pause (docs/deploy.md "Timeouts and retries").
        answer = _error(503, "busy", str(exc))
        answer.headers["Retry-After"] = str(BUSY_RETRY_AFTER)
        return answer

    @app.exception_handler(Exception)
    async def _internal_error(request: Request, _exc: Exception) -> JSONResponse:
        return noted(request, _error(500, "internal", "internal server error"), "internal", None)

    def schema(
        x_fieldapp_schema: Annotated[str | None, Header(alias=p.SCHEMA_HEADER)] = None,
    ) -> int:
        return _schema_version(x_fieldapp_schema)

    def who_is(
        request: Request,
        authorization: str | None,
        app_version: str | None,
        conn: Connection | None = None,
    ) -> Caller:
        """The caller of ``request`` by its Bearer token (in a worker thread; ``conn``:
        read in that connection's transaction, the request's own)."""
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ServiceError(401, "unauthorized", "a Bearer token is required")
        who = service.authenticate(engine, token.strip(), clock(), conn=conn)
        request.state.device_id = who.device_id  # a failure later is this device's
        version = p.app_version(app_version)
        if version is not None and version != who.app_version:
            service.note_app_version(engine, who.device_id, version)
        return who

    def caller(
        request: Request,
        _schema: Annotated[int, Depends(schema)],
        authorization: Annotated[str | None, Header()] = None,
        x_fieldapp_app_version: Annotated[str | None, Header(alias=p.APP_VERSION_HEADER)] = None,
    ) -> Caller:
        return who_is(request, authorization, x_fieldapp_app_version)

    def plain_caller(request: Request, conn: Connection) -> Caller:
        """:func:`caller` for the plain routes (the schema is checked before), the token
        read in the request's own transaction ``conn``."""
        headers = request.headers
        return who_is(
            request, headers.get("authorization"), headers.get(p.APP_VERSION_HEADER), conn
        )

    app.add_middleware(metrics.Middleware)

    @app.get("/metrics", include_in_schema=False)
    def prometheus_metrics() -> Response:
        return metrics.exposition()

    @app.get("/healthz")
    def healthz() -> dict[str, Any]:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        return {"ok": True, "schema": p.SCHEMA_VERSION}

    @app.post("/v1/login")
    async def login(request: Request, _schema: Annotated[int, Depends(schema)]) -> dict[str, Any]:
        req = await _parse(request, p.LoginRequest)
        request.state.login = (req.device_id, req.username)  # a refusal: service.failures
        address = request.client.host if request.client else "?"
        result = await gate.login(req, address, clock, token_ttl)
        version = p.app_version(request.headers.get(p.APP_VERSION_HEADER))
        if version is not None:
            await run_in_threadpool(service.note_app_version, engine, req.device_id, version)
        return result.model_dump()

    def push_work(request: Request, body: bytes | ServiceError) -> Response:
        """Authenticate, parse and apply a push (in a worker thread)."""
        opened: list[tuple[Caller, p.PushRequest]] = []

        def opening(conn: Connection) -> tuple[Caller, p.PushRequest]:
            """The token checked on the push's connection (``service.push``), then the
            request: the same checks in the same order as before."""
            who = plain_caller(request, conn)
            try:
                held_epoch = _HeldEpoch.model_validate(
                    {p.EPOCH_HEADER: request.headers.get(p.EPOCH_HEADER)}
                ).epoch
            except ValidationError as exc:
                raise _invalid(exc) from None
            if isinstance(body, ServiceError):  # too large or not gzip: after the token
                raise body
            req = _parse_bytes(body, p.PushRequest)
            if held_epoch is not None and held_epoch != epoch:
                # Head office was restored since this device last synced: nothing is
                # applied; the device sends again what came after ``last_seq``
                # (docs/sync-protocol.md).
                held = service.device_last_seq(engine, who.device_id)
                raise ServiceError(
                    409,
                    "server_restored",
                    "head office was restored from a backup: send again what it lacks",
                    p.EPOCH_HEADER,
                    epoch=epoch,
                    last_seq=held,
                )
            opened.append((who, req))
            return who, req

        result = service.push(engine, None, None, clock(), opening=opening)
        who, req = opened[0]
        metrics.count_push(result.results)
        after = None
        refused = [r for r in result.results if r.status == "rejected" and r.error is not None]
        if refused:  # the last change refused is the device's last error
            last = refused[-1]
            assert last.error is not None
            table = next((m.table for m in req.mutations if m.mutation_id == last.mutation_id), "")
            after = BackgroundTask(
                service.note_failure, engine, clock(), code=last.error.code, where="push",
                status=None, field=".".join(x for x in (table, last.error.field) if x) or None,
                device_id=who.device_id,
            )  # fmt: skip
        # Serialised by pydantic-core in one call; ``after`` runs once it is sent.
        body_out = result.model_dump_json(exclude_none=True)
        return Response(body_out, media_type="application/json", background=after)

    async def push(request: Request) -> Response:
        _schema_version(request.headers.get(p.SCHEMA_HEADER))
        # Read on the event loop; a size or gzip error is answered after the token
        # check, as before (a stranger learns nothing from a body's size).
        body: bytes | ServiceError
        try:
            body = await _read_body(request)
        except ServiceError as exc:
            body = exc
        answer: Response = await run_in_threadpool(push_work, request, body)
        return answer

    def pull_work(request: Request, version: int) -> bytes:
        """Authenticate and answer a pull (in a worker thread): the token is checked in
        the reading transaction that then reads the page (one pool checkout and
        transaction per pull instead of two), unless the page was made ahead. The
        page's JSON is written once that transaction (and its scope locks) ended."""
        with service.begin_plain_reader(engine) as conn:
            who = plain_caller(request, conn)
            try:
                q = _PullQuery.model_validate(dict(request.query_params))
            except ValidationError as exc:
                raise _invalid(exc) from None
            cursor, limit = q.cursor, q.limit
            # A page is up to 1,000 rows: serialised by pydantic-core in one call. The
            # next page is made while the device takes this one (sync/server/prefetch.py).
            # ``tables``: only those tables' changes (a repair of what verify found
            # different).
            only = None if q.tables is None else tuple(sorted(set(q.tables.split(","))))
            # ``ids``: only those rows (a repair of the rows verify found different).
            rows_only = None if q.ids is None else tuple(sorted(set(q.ids.split(","))))
            if rows_only is not None and len(rows_only) > p.MAX_PULL_IDS:
                raise service.ServiceError(
                    422, "invalid_request", f"at most {p.MAX_PULL_IDS} ids", "ids"
                )

            def key(at: int) -> Key:
                return (who.device_id, who.role, who.team_id, version, at, limit, only)

            pulled = None
            if rows_only is not None or not ahead.holds(key(cursor)):
                pulled = service.pull(
                    engine, who, cursor, limit, schema=version, tables=only, ids=rows_only,
                    conn=conn,
                )  # fmt: skip
        if rows_only is not None:
            assert pulled is not None
            return pulled.to_json()

        def make(at: int) -> Page:
            page = service.pull(engine, who, at, limit, schema=version, tables=only)
            return Page(page.to_json(), page.cursor, page.more)

        if pulled is not None:
            page = Page(pulled.to_json(), pulled.cursor, pulled.more)
        else:
            # Being made ahead (or made): waited for with no connection held, since
            # making it takes one (sync/server/prefetch.py).
            page = ahead.take(key(cursor)) or make(cursor)
        if page.more and page.cursor != cursor:
            after = page.cursor
            ahead.start(key(after), lambda: make(after))
        return page.body

    async def pull(request: Request) -> Response:
        version = _schema_version(request.headers.get(p.SCHEMA_HEADER))
        body: bytes = await run_in_threadpool(pull_work, request, version)
        return Response(body, media_type="application/json")

    push_route, pull_route = _Route("/v1/push", push, "POST"), _Route("/v1/pull", pull, "GET")
    app.router.routes += [push_route, pull_route]
    _serve_sync_directly(app, {("POST", "/v1/push"): push_route, ("GET", "/v1/pull"): pull_route})

    @app.get("/v1/verify")
    def verify(
        who: Annotated[Caller, Depends(caller)],
        version: Annotated[int, Depends(schema)],
        cursor: Annotated[int | None, Query(ge=0, le=p.INT64_MAX)] = None,
        skip: Annotated[
            str | None,
            Query(
                max_length=p.MAX_VERIFY_SKIP * 130,
                pattern=r"^[a-z_]{1,64}:[^,\x00-\x1f]{1,64}(,[a-z_]{1,64}:[^,\x00-\x1f]{1,64})*$",
            ),
        ] = None,
        outbox: Annotated[str | None, Header(alias=p.OUTBOX_HEADER, max_length=60)] = None,
        *,
        after: BackgroundTasks,
    ) -> dict[str, Any]:
        # ``cursor``: the device's pulled cursor (rows changed after it are left out and
        # listed); ``skip``: ``table:row_id`` of rows with the device's own changes
        # still waiting, left out too (docs/sync-protocol.md "Verify").
        pairs = [tuple(item.split(":", 1)) for item in skip.split(",")] if skip else []
        if len(pairs) > p.MAX_VERIFY_SKIP:
            raise service.ServiceError(
                422, "invalid_request", f"at most {p.MAX_VERIFY_SKIP} rows in skip", "skip"
            )
        answer = service.verify(
            engine,
            who,
            schema=version,
            cursor=cursor,
            skip=[(t, r) for t, r in pairs],
        )
        # The end of a sync: what head office's console shows of this device, written
        # after the answer is sent (on SQLite a write waits for the one writer: the
        # device never waits for it).
        after.add_task(service.record_sync, engine, who.device_id, clock(), outbox)
        if version < p.CONTENT_SUMS_FROM:  # an older client's model knows only the sums
            return answer.model_dump(include={"tables"})
        return answer.model_dump(exclude_none=True)

    @app.get("/v1/verify/rows")
    def verify_rows(
        who: Annotated[Caller, Depends(caller)],
        version: Annotated[int, Depends(schema)],
        table: Annotated[str, Query(max_length=64, pattern=r"^[a-z_]{1,64}$")],
        cursor: Annotated[int, Query(ge=0, le=p.INT64_MAX)],
        after: Annotated[str, Query(max_length=64, pattern=r"^[^\x00-\x1f]*$")] = "",
    ) -> dict[str, Any]:
        # One table's row hashes, for a device whose sums of it differ: it repairs
        # only the rows that differ (docs/sync-protocol.md "Verify").
        if table not in p.TABLES or version < p.CONTENT_SUMS_FROM:
            raise service.ServiceError(422, "unknown_table", "no such table", "table")
        return service.row_hashes(engine, who, table, cursor, after).model_dump()

    @app.head("/v1/photos/{sha256}")
    def photo_head(sha256: str, who: Annotated[Caller, Depends(caller)]) -> Response:
        state = service.photo_offset(engine, files, who, service.check_sha256(sha256))
        if state is None:
            raise ServiceError(404, "not_found", "no upload of this photo")
        received, size = state
        headers = {
            p.UPLOAD_OFFSET_HEADER: str(received),
            p.UPLOAD_LENGTH_HEADER: str(size),
            "Cache-Control": "no-store",
        }
        return Response(status_code=200, headers=headers)

    @app.patch("/v1/photos/{sha256}")
    async def photo_patch(
        sha256: str, request: Request, who: Annotated[Caller, Depends(caller)]
    ) -> JSONResponse:
        sha = service.check_sha256(sha256)
        length = _int_header(request, p.UPLOAD_LENGTH_HEADER)
        offset = _int_header(request, p.UPLOAD_OFFSET_HEADER)
        chunk = await _read_chunk(request)
        result = await run_in_threadpool(
            service.photo_append, engine, files, who, sha, offset, length, chunk, clock()
        )
        return JSONResponse(
            result.model_dump(), headers={p.UPLOAD_OFFSET_HEADER: str(result.offset)}
        )

    @app.get("/v1/photos/{sha256}")
    def photo_get(sha256: str, who: Annotated[Caller, Depends(caller)]) -> FileResponse:
        path = service.photo_file(engine, files, who, service.check_sha256(sha256))
        return FileResponse(path, media_type="application/octet-stream")

    from .console import install as install_console  # jinja2 is loaded with the console

    install_console(app, engine, gate, clock, database_url)
    openapi.install(app, _documented(schema, caller).routes)
    return app
