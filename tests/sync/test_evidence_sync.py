"""Visit evidence travels like any other field: head office keeps a visit's flags and a
photo's perceptual hash, refuses text that breaks the rule, the supervisor receives
them, and a client of the previous schema never sees them."""

from __future__ import annotations

import hashlib
from typing import Any

from sync_harness import Server, shop_fields
from test_photos import patch, png_bytes

from sync import protocol as p

FLAGS = "photo_far@ph-1=667;visit_too_short=4"


def test_evidence_reaches_head_office_and_the_supervisor(
    server: Server, world: dict[str, Any]
) -> None:
    dev = server.device("repA")
    data = png_bytes()
    digest = hashlib.sha256(data).hexdigest()
    assert patch(dev, digest, 0, len(data), data).json()["complete"] is True
    visit = {
        "shop_id": "shop-ev",
        "review_status": "draft",
        "planned_date": "2026-11-24",
        "checkin_at": "2026-11-24T02:00:00+00:00",
        "checkout_at": "2026-11-24T02:04:00+00:00",
    }
    answers = dev.push(
        dev.mut("shops", "shop-ev", "insert", **shop_fields(world, "repA")),
        dev.mut("visits", "visit-ev", "insert", **visit),
        dev.mut(
            "photos",
            "ph-1",
            "insert",
            sha256=digest,
            size=len(data),
            mime="image/png",
            visit_id="visit-ev",
            phash="c3f03c3e1e1f0f0f",
        ),
        dev.mut(
            "visits",
            "visit-ev",
            base=1,
            evidence_flags=FLAGS,
            checkin_latitude=34.75,
            checkin_longitude=113.62,
        ),
    )
    assert [a["status"] for a in answers] == ["applied"] * 4, answers
    for bad in ("photo_far;", "made_up=1", "photo_far@x=-1"):
        (answer,) = dev.push(dev.mut("visits", "visit-ev", base=10**9, evidence_flags=bad))
        assert answer["status"] == "rejected", bad
        assert answer["error"]["code"] == "invalid_format", answer
    sup = server.device("supA")
    page = server.client.get("/v1/pull", headers=sup.headers).json()
    rows = {c["row_id"]: c["row"] for c in page["changes"]}
    assert rows["visit-ev"]["evidence_flags"] == FLAGS
    assert (rows["visit-ev"]["checkin_latitude"], rows["visit-ev"]["checkin_longitude"]) == (
        34.75,
        113.62,
    )
    assert rows["ph-1"]["phash"] == "c3f03c3e1e1f0f0f"
    old = dict(dev.headers) | {p.SCHEMA_HEADER: str(p.SCHEMA_VERSION - 1)}
    page = server.client.get("/v1/pull", headers=old).json()
    rows = {c["row_id"]: c["row"] for c in page["changes"]}
    assert "evidence_flags" not in rows["visit-ev"] and "phash" not in rows["ph-1"]
    assert "checkin_latitude" not in rows["visit-ev"]
