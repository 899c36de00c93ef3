"""The sync server's HTTP API (FastAPI): ``create_app(database_url)``.

Endpoints: ``/healthz``, ``POST /v1/login``, ``POST /v1/push``, ``GET /v1/pull``,
``GET /v1/verify``, ``HEAD``/``PATCH``/``GET /v1/photos/{sha256}`` (docs/sync-protocol.md;
photo files live under ``photos_dir``). Every error is ``{"error": {"code",
"message", "field"}}`` with a 4xx status for bad input; bodies are read with a size
limit (gzip accepted) and parsed by pydantic's JSON parser, which bounds nesting.
Threading: database work runs in FastAPI's thread pool, one connection per request;
the only shared mutable state is the login throttle, guarded by a lock.
"""

# No "from __future__ import annotations": FastAPI must see the closures in Depends().

import threading
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

from argon2 import PasswordHasher
from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel, ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync import protocol as p

from . import openapi, service
from .db import make_engine
from .migrate import upgrade_engine
from .prefetch import Key, Page, Prefetcher
from .service import Caller, PhotoFiles, ServiceError

M = TypeVar("M", bound=BaseModel)

DEFAULT_TOKEN_TTL = 30 * 24 * 3600.0


class LoginThrottle:
    """Exponential delay after failed logins, per username and per address, capped."""

    MAX_KEYS = 100_000

    def __init__(
        self,
        base: float = 0.5,
        cap: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base = base
        self.cap = cap
        self.sleep = sleep
        self._fails: dict[str, int] = {}
        self._lock = threading.Lock()

    def delay(self, keys: list[str]) -> float:
        with self._lock:
            n = max((self._fails.get(k, 0) for k in keys), default=0)
        if n == 0:
            return 0.0
        return float(min(self.base * 2 ** min(n - 1, 64), self.cap))

    def wait(self, keys: list[str]) -> None:
        d = self.delay(keys)
        if d > 0:
            self.sleep(d)

    def failed(self, keys: list[str]) -> None:
        with self._lock:
            if len(self._fails) > self.MAX_KEYS:
                self._fails.clear()
            for k in keys:
                self._fails[k] = self._fails.get(k, 0) + 1

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._fails.pop(key, None)


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


def _int_header(request: Request, name: str, lo: int, hi: int) -> int:
    raw = request.headers.get(name, "").strip()
    if not (raw.isdigit() and len(raw) <= 18 and lo <= int(raw) <= hi):
        raise ServiceError(
            422, "invalid_request", f"{name} must be an integer in [{lo}, {hi}]", name
        )
    return int(raw)


async def _parse(request: Request, model: type[M]) -> M:
    body = await _read_body(request)
    try:
        return model.model_validate_json(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        if first["type"] == "json_invalid":
            raise ServiceError(400, "invalid_json", "the body is not valid JSON") from None
        raise ServiceError(
            422, "invalid_request", first.get("msg", "invalid"), _loc(first.get("loc", ()))
        ) from None


def create_app(
    database_url: str,
    *,
    clock: Callable[[], float] = time.time,
    throttle: LoginThrottle | None = None,
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
    gate = throttle or LoginThrottle()
    app = FastAPI(title="fieldapp sync", docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    # Level 5: pull pages shrink almost as much as at 9, in a third of the time.
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=5)
    app.state.engine = engine
    ahead = Prefetcher()
    app.state.prefetch = ahead
    app.state.throttle = gate
    app.state.photos = files

    @app.exception_handler(ServiceError)
    async def _service_error(_request: Request, exc: ServiceError) -> JSONResponse:
        headers = {}
        if isinstance(exc.extra.get("offset"), int):
            headers[p.UPLOAD_OFFSET_HEADER] = str(exc.extra["offset"])
        return JSONResponse(status_code=exc.status, content=exc.body(), headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        first = errors[0] if errors else {}
        return _error(
            422, "invalid_request", str(first.get("msg", "invalid")), _loc(first.get("loc", ()))
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        codes = {404: "not_found", 405: "method_not_allowed"}
        return _error(exc.status_code, codes.get(exc.status_code, "http_error"), str(exc.detail))

    @app.exception_handler(Exception)
    async def _internal_error(_request: Request, _exc: Exception) -> JSONResponse:
        return _error(500, "internal", "internal server error")

    def schema(
        x_fieldapp_schema: Annotated[str | None, Header(alias=p.SCHEMA_HEADER)] = None,
    ) -> int:
        supported = list(p.SUPPORTED_SCHEMAS)
        value = (x_fieldapp_schema or "").strip()
        if not (value.isdigit() and len(value) < 10 and int(value) in supported):
            raise ServiceError(
                409,
                "schema_unsupported",
                f"{p.SCHEMA_HEADER} must be one of {supported}",
                p.SCHEMA_HEADER,
                supported=supported,
            )
        return int(value)

    def caller(
        _schema: Annotated[int, Depends(schema)],
        authorization: Annotated[str | None, Header()] = None,
    ) -> Caller:
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ServiceError(401, "unauthorized", "a Bearer token is required")
        return service.authenticate(engine, token.strip(), clock())

    @app.get("/healthz")
    def healthz() -> dict[str, Any]:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        return {"ok": True, "schema": p.SCHEMA_VERSION}

    @app.post("/v1/login")
    async def login(request: Request, _schema: Annotated[int, Depends(schema)]) -> dict[str, Any]:
        req = await _parse(request, p.LoginRequest)
        address = request.client.host if request.client else "?"
        keys = [f"user:{req.username.casefold()}", f"addr:{address}"]

        def work() -> p.LoginResponse | None:
            gate.wait(keys)
            result, ok = service.login(engine, req, clock(), pw, token_ttl)
            if ok:
                gate.succeeded(keys[0])
            else:
                gate.failed(keys)
            return result

        result = await run_in_threadpool(work)
        if result is None:
            raise ServiceError(401, "invalid_credentials", "wrong user name or password")
        return result.model_dump()

    @app.post("/v1/push")
    async def push(request: Request, who: Annotated[Caller, Depends(caller)]) -> dict[str, Any]:
        req = await _parse(request, p.PushRequest)
        result = await run_in_threadpool(service.push, engine, who, req, clock())
        return result.model_dump(exclude_none=True)

    @app.get("/v1/pull", response_model=p.PullResponse)
    def pull(
        who: Annotated[Caller, Depends(caller)],
        version: Annotated[int, Depends(schema)],
        cursor: Annotated[int, Query(ge=0, le=p.INT64_MAX)] = 0,
        limit: Annotated[int, Query(ge=1, le=p.MAX_PULL_LIMIT)] = p.DEFAULT_PULL_LIMIT,
    ) -> Response:
        # A page is up to 1,000 rows: serialised by pydantic-core in one call rather
        # than walked by FastAPI's jsonable_encoder (several times slower). The next
        # page is made while the device takes this one (sync/server/prefetch.py).
        def make(at: int) -> Page:
            page = service.pull(engine, who, at, limit, schema=version)
            return Page(page.to_json(), page.cursor, page.more)

        def key(at: int) -> Key:
            return (who.device_id, who.role, who.team_id, version, at, limit)

        page = ahead.take(key(cursor)) or make(cursor)
        if page.more and page.cursor != cursor:
            ahead.start(key(page.cursor), lambda: make(page.cursor))
        return Response(page.body, media_type="application/json")

    @app.get("/v1/verify")
    def verify(
        who: Annotated[Caller, Depends(caller)], version: Annotated[int, Depends(schema)]
    ) -> dict[str, Any]:
        return service.verify(engine, who, schema=version).model_dump()

    @app.head("/v1/photos/{sha256}")
    def photo_head(sha256: str, _who: Annotated[Caller, Depends(caller)]) -> Response:
        state = service.photo_offset(engine, files, service.check_sha256(sha256))
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
        length = _int_header(request, p.UPLOAD_LENGTH_HEADER, 1, p.MAX_PHOTO_BYTES)
        offset = _int_header(request, p.UPLOAD_OFFSET_HEADER, 0, p.MAX_PHOTO_BYTES)
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

    openapi.install(app)
    return app
