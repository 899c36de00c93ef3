"""The server's API fuzzed with schemathesis, in process (ASGI), on SQLite and PostgreSQL.

The document fuzzed is the one the app serves at ``/openapi.json`` (bodies, answers and
errors from ``sync.protocol``), narrowed by :func:`fuzzable`. Authenticated operations
get a valid token, pushes the device's id and fresh sequence numbers (else, after the
first huge one, every mutation is merely stale).

Checked for every generated request: no 5xx; a documented status; the declared content
type; the body matches its schema. ``FIELDAPP_FUZZ_EXAMPLES`` per operation (default
25); ``FIELDAPP_SEED`` fixes hypothesis' seed (random when unset, printed on failure).
"""

from __future__ import annotations

import json
import os
import random
import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, seed as hypothesis_seed, settings
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


def fuzzable(doc: dict[str, Any]) -> dict[str, Any]:
    """The served document, narrowed where random data would only test the edges: the
    token and schema headers are the test's; pushes name real tables and fields (so
    that fuzzing reaches validation and the merge); uploads are tiny."""
    doc = json.loads(json.dumps(doc))
    for methods in doc["paths"].values():
        for method, op in methods.items():
            op["parameters"] = [
                prm
                for prm in op.get("parameters", [])
                if prm["name"].lower() not in ("authorization", p.SCHEMA_HEADER.lower())
            ]
            if method == "patch":
                for prm in op["parameters"]:
                    if prm["in"] == "header":
                        prm["schema"] = {"type": "integer", "minimum": 0, "maximum": 20}
                body = op["requestBody"]["content"]["application/octet-stream"]["schema"]
                body["maxLength"] = 20
    mutation = doc["components"]["schemas"]["MutationIn"]["properties"]
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
        served = s.client.get("/openapi.json")
        assert served.status_code == 200, served.text
        self.document = served.json()
        self.schema = schemathesis.openapi.from_dict(fuzzable(self.document))
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
    ("/v1/verify/rows", "GET"),
    ("/v1/photos/{sha256}", "HEAD"),
    ("/v1/photos/{sha256}", "PATCH"),
    ("/v1/photos/{sha256}", "GET"),
]


def test_every_operation_is_fuzzed(fuzzed: Fuzzed) -> None:
    operations = [r.ok() for r in fuzzed.schema.get_all_operations()]  # type: ignore[union-attr]
    found = {(op.path, op.method.upper()) for op in operations}
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
    """What the fuzzing starts from: every operation with its bodies and answers."""
    paths = fuzzed.document["paths"]
    assert "requestBody" in paths["/v1/push"]["post"]
    assert "requestBody" in paths["/v1/login"]["post"]
    for methods in paths.values():
        for op in methods.values():
            assert "200" in op["responses"], op


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/v1/verify/rows", {"table": "counties", "cursor": p.INT64_MAX}),
        ("/v1/verify", {}),
        ("/v1/pull", {"cursor": 0}),
    ],
)
def test_a_real_answer_with_rows_matches_the_document(
    fuzzed: Fuzzed, path: str, query: dict[str, Any]
) -> None:
    """Random queries seldom reach an answer that holds rows (a real table, a cursor past
    the team's changes), so the answer schemas of the row-carrying operations are checked
    here on purpose, with the checks the fuzzing uses: a schema that only some validators
    accept (a tuple written as ``prefixItems``) fails here on every run, not on one seed."""
    case = fuzzed.schema[path]["GET"].Case(query=query)
    headers = {
        p.SCHEMA_HEADER: str(p.SCHEMA_VERSION),
        "Authorization": f"Bearer {fuzzed.device.token}",
    }
    response = case.call_and_validate(headers=headers, checks=CHECKS)
    assert response.status_code == 200, response.text
    if path == "/v1/verify/rows":
        assert response.json()["rows"], "the county pushed by the fixture is in the answer"


def test_no_tuple_schemas_in_the_document(fuzzed: Fuzzed) -> None:
    """``prefixItems`` (pydantic's tuple) is rewritten by some OpenAPI tools into a form
    their own checker refuses; the document describes tuples as plain arrays instead."""
    assert "prefixItems" not in json.dumps(fuzzed.document)
