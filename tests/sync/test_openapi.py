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
