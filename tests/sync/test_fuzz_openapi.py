"""The server's API fuzzed with schemathesis, in process (ASGI), on SQLite and PostgreSQL.

The app's own OpenAPI document (``app.openapi()``) lists the operations and their query
and path parameters, but not the JSON bodies (the routes read them themselves) nor the
error answers, and the app does not serve it (see ``test_openapi_document_is_served``).
So the document fuzzed here is the app's, completed from ``sync.protocol``: request and
response bodies from the wire models, every error as ``ErrorBody``, the photo upload's
headers. Authenticated operations get a valid token (and the device's id in pushes).

Checked for every generated request: no 5xx; a documented status; the declared content
type; the body matches its schema. ``FIELDAPP_FUZZ_EXAMPLES`` per operation (default
25); ``FIELDAPP_SEED`` fixes hypothesis' seed (random when unset, printed on failure).
"""

from __future__ import annotations

import os
import random
import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from pydantic import BaseModel
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from sync_harness import Server

from sync import protocol as p

EXAMPLES = int(os.environ.get("FIELDAPP_FUZZ_EXAMPLES", "25"))
SEED = int(os.environ.get("FIELDAPP_SEED") or random.SystemRandom().randrange(2**32))
ALL_FIELDS = sorted({f for spec in p.TABLES.values() for f in spec} | {"deleted", "id"})
ERRORS = {"$ref": "#/components/schemas/ErrorBody"}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def complete_document(doc: dict[str, Any]) -> dict[str, Any]:
    """``app.openapi()`` with bodies, errors and headers from ``sync.protocol``."""
    components = doc.setdefault("components", {}).setdefault("schemas", {})

    def ref(model: type[BaseModel]) -> dict[str, Any]:
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(schema.pop("$defs", {}))
        components[model.__name__] = schema
        return {"$ref": f"#/components/schemas/{model.__name__}"}

    ref(p.ErrorBody)

    errors = {
        str(code): {"description": "error", "content": _json(ERRORS)}
        for code in (400, 401, 403, 404, 405, 409, 413, 415, 422)
    }
    bodies = {
        ("/v1/login", "post"): (p.LoginRequest, p.LoginResponse),
        ("/v1/push", "post"): (p.PushRequest, p.PushResponse),
        ("/v1/pull", "get"): (None, p.PullResponse),
        ("/v1/verify", "get"): (None, p.VerifyResponse),
        ("/v1/photos/{sha256}", "patch"): (None, p.PhotoUploadResponse),
    }
    for path, methods in doc["paths"].items():
        for method, op in methods.items():
            # the token and schema version are the caller's, sent by the test
            op["parameters"] = [
                prm
                for prm in op.get("parameters", [])
                if prm["name"].lower() not in ("authorization", p.SCHEMA_HEADER.lower())
            ]
            request, response = bodies.get((path, method), (None, None))
            op["responses"] = dict(errors)
            if response is not None:
                op["responses"]["200"] = {"description": "ok", "content": _json(ref(response))}
            elif path == "/healthz":
                op["responses"]["200"] = {"description": "ok", "content": _json({"type": "object"})}
            elif method == "get":  # a photo's bytes
                op["responses"]["200"] = {
                    "description": "the file",
                    "content": {"application/octet-stream": {"schema": {}}},
                }
            else:  # HEAD
                op["responses"]["200"] = {"description": "upload state"}
            if request is not None:
                op["requestBody"] = {"required": True, "content": _json(ref(request))}
            if path.startswith("/v1/photos/"):
                for prm in op["parameters"]:
                    if prm["name"] == "sha256":
                        prm["schema"] = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
            if method == "patch":
                for name, hi in ((p.UPLOAD_OFFSET_HEADER, 20), (p.UPLOAD_LENGTH_HEADER, 20)):
                    op["parameters"].append(
                        {
                            "name": name,
                            "in": "header",
                            "required": True,
                            "schema": {"type": "integer", "minimum": 0, "maximum": hi},
                        }
                    )
                op["requestBody"] = {
                    "required": True,
                    "content": {
                        "application/octet-stream": {
                            "schema": {"type": "string", "format": "binary", "maxLength": 20}
                        }
                    },
                }
    # Steer mutations at real tables and fields, so that fuzzing reaches the merge.
    mutation = components["MutationIn"]["properties"]
    mutation["table"] = {"enum": [*sorted(p.TABLES), "nope"]}
    mutation["changes"]["propertyNames"] = {"enum": ALL_FIELDS}
    return doc


class Fuzzed:
    def __init__(self, url: str) -> None:
        self.server = Server(url)
        s = self.server
        s.team("A")
        s.team("B")
        s.user("repA", "rep", "A")
        s.user("repB", "rep", "B")
        s.user("admin", "admin")
        self.device = s.device("repA")
        self.seq = 0
        county = str(uuid.uuid4())
        admin = s.device("admin")
        admin.push(admin.mut("counties", county, "insert", name="金水区", koc_target=50))
        doc = complete_document(s.app.openapi())
        self.schema = schemathesis.openapi.from_dict(doc)
        self.schema.app = s.app


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def fuzzed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Fuzzed]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('fuzz')}/server.db"
    else:
        name = request.getfixturevalue("pg_database")
        with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{name}", autocommit=True) as c:
            c.execute("DROP SCHEMA public CASCADE")
            c.execute("CREATE SCHEMA public")
        url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    f = Fuzzed(url)
    try:
        yield f
    finally:
        f.server.close()


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
OPERATIONS = [
    ("/healthz", "GET"),
    ("/v1/login", "POST"),
    ("/v1/push", "POST"),
    ("/v1/pull", "GET"),
    ("/v1/verify", "GET"),
    ("/v1/photos/{sha256}", "HEAD"),
    ("/v1/photos/{sha256}", "PATCH"),
    ("/v1/photos/{sha256}", "GET"),
]


def test_every_operation_is_fuzzed(fuzzed: Fuzzed) -> None:
    found = {(r.ok().path, r.ok().method.upper()) for r in fuzzed.schema.get_all_operations()}
    assert found == set(OPERATIONS)


@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_api_never_5xx_and_answers_match_the_document(
    fuzzed: Fuzzed, path: str, method: str
) -> None:
    operation = fuzzed.schema[path][method]
    headers = {p.SCHEMA_HEADER: str(p.SCHEMA_VERSION)}
    if path not in ("/healthz", "/v1/login"):
        headers["Authorization"] = f"Bearer {fuzzed.device.token}"

    @hypothesis_seed(SEED)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def fuzz(case: Any) -> None:
        if path == "/v1/push" and isinstance(case.body, dict):
            case.body["device_id"] = fuzzed.device.device_id
            # fresh sequence numbers, or after the first huge one every mutation is stale
            for m in case.body.get("mutations") or []:
                if isinstance(m, dict) and isinstance(m.get("seq"), int | float):
                    fuzzed.seq += 1
                    m["seq"] = fuzzed.seq
        case.call_and_validate(headers=headers, checks=CHECKS)

    try:
        fuzz()
    except BaseException as exc:
        exc.add_note(f"reproduce with FIELDAPP_SEED={SEED}")
        raise


def test_openapi_document_is_served_and_complete(fuzzed: Fuzzed) -> None:
    r = fuzzed.server.client.get("/openapi.json")
    assert r.status_code == 200
    doc = r.json()
    assert "requestBody" in doc["paths"]["/v1/push"]["post"]
    assert "requestBody" in doc["paths"]["/v1/login"]["post"]
