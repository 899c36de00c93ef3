"""The server serves a complete OpenAPI document with bounded request types."""

from __future__ import annotations

from typing import Any

from sync_harness import Server

from sync import protocol as p


def _walk(schema: Any, schemas: dict[str, Any], path: str, seen: set[str]) -> list[str]:
    """Unbounded strings, integers and arrays reachable from ``schema`` (their paths)."""
    if not isinstance(schema, dict):
        return []
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name in seen:
            return []
        return _walk(schemas[name], schemas, name, seen | {name})
    found: list[str] = []
    kind = schema.get("type")
    bounded_text = {"maxLength", "enum", "pattern"} & set(schema)
    if kind == "string" and not bounded_text and schema.get("format") != "date-time":
        found.append(path)
    if kind == "integer" and ("minimum" not in schema or "maximum" not in schema):
        found.append(path)
    if kind == "array" and "maxItems" not in schema:
        found.append(path)
    for key in ("anyOf", "oneOf", "allOf"):
        for i, sub in enumerate(schema.get(key, [])):
            found += _walk(sub, schemas, f"{path}.{key}[{i}]", seen)
    for name, sub in schema.get("properties", {}).items():
        found += _walk(sub, schemas, f"{path}.{name}", seen)
    for key in ("items", "additionalProperties"):
        found += _walk(schema.get(key), schemas, f"{path}.{key}", seen)
    return found


def test_openapi_json_is_served_with_bodies_errors_and_bounds(server: Server) -> None:
    r = server.client.get("/openapi.json")
    assert r.status_code == 200
    doc = r.json()
    schemas = doc["components"]["schemas"]
    ops = {(path, m): op for path, methods in doc["paths"].items() for m, op in methods.items()}
    assert set(ops) >= {
        ("/healthz", "get"),
        ("/v1/login", "post"),
        ("/v1/push", "post"),
        ("/v1/pull", "get"),
        ("/v1/verify", "get"),
        ("/v1/photos/{sha256}", "head"),
        ("/v1/photos/{sha256}", "patch"),
        ("/v1/photos/{sha256}", "get"),
    }
    for key in [("/v1/login", "post"), ("/v1/push", "post"), ("/v1/photos/{sha256}", "patch")]:
        assert ops[key]["requestBody"]["required"] is True, key
    for key, op in ops.items():
        assert "200" in op["responses"], key
        if key[0] != "/healthz":
            error = op["responses"]["422"]["content"]["application/json"]["schema"]
            assert error == {"$ref": "#/components/schemas/ErrorBody"}, key
    # Whatever a client may send is bounded: lengths, ranges, list sizes.
    unbounded: list[str] = []
    for name in ("LoginRequest", "PushRequest"):
        unbounded += _walk({"$ref": f"#/components/schemas/{name}"}, schemas, name, set())
    for op in ops.values():
        for prm in op.get("parameters", []):
            if prm["in"] in ("query", "path"):
                unbounded += _walk(prm["schema"], schemas, prm["name"], set())
    assert unbounded == []
    push = schemas["PushRequest"]["properties"]["mutations"]
    assert push["maxItems"] == p.MAX_MUTATIONS


def test_upload_header_bounds_in_the_document_are_the_servers(server: Server) -> None:
    """Each bound the document states for ``Upload-Offset``/``Upload-Length`` is where the
    server starts or stops accepting: a client built from the document is never refused
    for a value it allows, and the value just outside is refused naming the header."""
    import hashlib

    server.team("A")
    server.user("rep", "rep", "A")
    dev = server.device("rep")
    doc = server.client.get("/openapi.json").json()
    patch = doc["paths"]["/v1/photos/{sha256}"]["patch"]
    bounds = {
        prm["name"]: (prm["schema"]["minimum"], prm["schema"]["maximum"])
        for prm in patch["parameters"]
        if prm["in"] == "header" and prm["name"].startswith("Upload-")
    }
    assert set(bounds) == {p.UPLOAD_OFFSET_HEADER, p.UPLOAD_LENGTH_HEADER}
    chunk = b"x"
    url = f"/v1/photos/{hashlib.sha256(chunk).hexdigest()}"
    good = {p.UPLOAD_OFFSET_HEADER: 0, p.UPLOAD_LENGTH_HEADER: 1}

    def send(name: str, value: int) -> Any:
        headers = {**dev.headers, **{k: str(v) for k, v in good.items()}, name: str(value)}
        headers["Content-Type"] = "application/octet-stream"
        return server.client.patch(url, content=chunk, headers=headers)

    for name, (lo, hi) in bounds.items():
        r = send(name, lo)
        refused = r.status_code == 422 and r.json()["error"]["field"] == name
        assert not refused, (name, lo, r.text)  # the document's minimum is accepted
        for outside in (lo - 1, hi + 1):
            if outside < 0:
                continue  # not an integer the header can carry
            r = send(name, outside)
            assert r.status_code == 422, (name, outside, r.text)
            assert r.json()["error"]["field"] == name, (name, outside, r.text)
    head = doc["paths"]["/v1/photos/{sha256}"]["head"]
    answers = head["responses"]["200"]["headers"]
    assert answers[p.UPLOAD_LENGTH_HEADER]["schema"]["minimum"] == bounds[p.UPLOAD_LENGTH_HEADER][0]


def test_405_answers_carry_allow_with_every_method_of_the_path(server: Server) -> None:
    doc = server.client.get("/openapi.json").json()
    sha = "0" * 64
    cases = [
        ("DELETE", f"/v1/photos/{sha}", {"GET", "HEAD", "PATCH"}),
        ("POST", f"/v1/photos/{sha}", {"GET", "HEAD", "PATCH"}),
        ("GET", "/v1/push", {"POST"}),
        ("PUT", "/v1/pull", {"GET"}),
        ("POST", "/healthz", {"GET"}),
    ]
    for method, path, allowed in cases:
        r = server.client.request(method, path, headers=server.headers)
        assert r.status_code == 405, (method, path)
        assert r.json()["error"]["code"] == "method_not_allowed"
        assert {m.strip() for m in r.headers["Allow"].split(",")} == allowed, (method, path)
        documented = {m.upper() for m in doc["paths"][path.replace(sha, "{sha256}")]}
        assert documented == allowed
    for methods in doc["paths"].values():
        for op in methods.values():
            if "405" in op["responses"]:
                assert "Allow" in op["responses"]["405"]["headers"]
