"""The server's OpenAPI document, served at ``/openapi.json``.

FastAPI derives the operations and their query, path and header parameters from the
routes (push and pull, served as plain routes, from the declarations ``app.py`` makes
for the document). The routes read their JSON bodies themselves (to bound the size, accept gzip and
answer errors in the protocol's own shape), so the bodies, the answers and the errors are
added here from the wire models of ``sync.protocol``, whose fields carry the bounds
(string lengths, integer ranges, list sizes). Every 4xx answer is an ``ErrorBody``; login
also answers 429 (throttled, busy or locked) with ``Retry-After``, and every path but
``/healthz`` 503 ``busy`` with ``Retry-After`` (SQLite's writers in line too long).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel
from starlette.routing import BaseRoute

from sync import protocol as p

#: (path, method) -> (request model or None, 200 answer model or None)
_BODIES: dict[tuple[str, str], tuple[type[BaseModel] | None, type[BaseModel] | None]] = {
    ("/v1/login", "post"): (p.LoginRequest, p.LoginResponse),
    ("/v1/push", "post"): (p.PushRequest, p.PushResponse),
    ("/v1/pull", "get"): (None, p.PullResponse),
    ("/v1/verify", "get"): (None, p.VerifyResponse),
    ("/v1/verify/rows", "get"): (None, p.RowHashes),
    ("/v1/photos/{sha256}", "patch"): (None, p.PhotoUploadResponse),
}
_ERROR_STATUSES = (400, 401, 403, 404, 405, 409, 413, 415, 422)
#: What the server accepts in the resumable-upload headers (``app.py`` checks with these):
#: an offset from 0, a length from 1 (an empty photo is no photo), both up to the limit.
UPLOAD_HEADER_BOUNDS: dict[str, tuple[int, int]] = {
    p.UPLOAD_OFFSET_HEADER: (0, p.MAX_PHOTO_BYTES),
    p.UPLOAD_LENGTH_HEADER: (1, p.MAX_PHOTO_BYTES),
}


def _upload_header_schema(name: str) -> dict[str, Any]:
    lo, hi = UPLOAD_HEADER_BOUNDS[name]
    return {"type": "integer", "minimum": lo, "maximum": hi}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def build_document(app: FastAPI, declared: Sequence[BaseRoute] = ()) -> dict[str, Any]:
    """The complete OpenAPI document of ``app`` (the sync API); ``declared``: FastAPI
    routes that describe what ``app`` serves with plain routes."""
    doc = get_openapi(
        title=app.title,
        version=f"schema {p.SCHEMA_VERSION}",
        description="fieldapp sync protocol: see docs/sync-protocol.md",
        routes=[*app.routes, *declared],
    )
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)

    def ref(model: type[BaseModel]) -> dict[str, Any]:
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(schema.pop("$defs", {}))
        schemas[model.__name__] = schema
        return {"$ref": f"#/components/schemas/{model.__name__}"}

    error = {"description": "error", "content": _json(ref(p.ErrorBody))}
    not_allowed = {
        **error,
        "headers": {
            "Allow": {"description": "the methods of this path", "schema": {"type": "string"}}
        },
    }
    throttled = {
        **error,
        "description": "login refused for now: wait the seconds of Retry-After",
        "headers": {
            "Retry-After": {"description": "seconds to wait", "schema": {"type": "integer"}}
        },
    }
    busy = {
        **error,
        "description": "busy (SQLite: writers in line longer than a client waits; nothing"
        " was done): send again after the seconds of Retry-After",
        "headers": {
            "Retry-After": {"description": "seconds to wait", "schema": {"type": "integer"}}
        },
    }
    for path, methods in doc["paths"].items():
        for method, op in methods.items():
            request, answer = _BODIES.get((path, method), (None, None))
            responses: dict[str, Any] = {}
            if answer is not None:
                responses["200"] = {"description": "ok", "content": _json(ref(answer))}
            elif path == "/healthz":
                responses["200"] = {"description": "ok", "content": _json({"type": "object"})}
            elif method == "get":
                responses["200"] = {
                    "description": "the photo file",
                    "content": {"application/octet-stream": {"schema": {}}},
                }
            else:
                responses["200"] = {
                    "description": "upload state in the offset and length headers",
                    "headers": {
                        name: {"schema": _upload_header_schema(name)}
                        for name in (p.UPLOAD_OFFSET_HEADER, p.UPLOAD_LENGTH_HEADER)
                    },
                }
            if path != "/healthz":
                responses |= {str(status): error for status in _ERROR_STATUSES}
                responses["405"] = not_allowed
                responses["503"] = busy
            if path == "/v1/login":
                responses["429"] = throttled
            op["responses"] = responses
            if request is not None:
                op["requestBody"] = {"required": True, "content": _json(ref(request))}
            if path.startswith("/v1/photos/"):
                for prm in op.get("parameters", []):
                    if prm["name"] == "sha256":
                        prm["schema"] = {"type": "string", "pattern": p.SHA256_PATTERN}
            if method == "patch":
                op.setdefault("parameters", []).extend(
                    {
                        "name": name,
                        "in": "header",
                        "required": True,
                        "schema": _upload_header_schema(name),
                    }
                    for name in (p.UPLOAD_OFFSET_HEADER, p.UPLOAD_LENGTH_HEADER)
                )
                op["requestBody"] = {
                    "required": True,
                    "content": {
                        "application/octet-stream": {
                            "schema": {
                                "type": "string",
                                "format": "binary",
                                "maxLength": p.MAX_PHOTO_CHUNK,
                            }
                        }
                    },
                }
    return doc


def install(app: FastAPI, declared: Sequence[BaseRoute] = ()) -> None:
    """Serve :func:`build_document` as ``app.openapi()`` (built once, on first use)."""
    cache: dict[str, Any] = {}

    def openapi() -> dict[str, Any]:
        if not cache:
            cache.update(build_document(app, declared))
        return cache

    app.openapi = openapi  # type: ignore[method-assign]
