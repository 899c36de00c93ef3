"""``kinds.row_hash`` hashes the same text whichever JSON writer made it."""

from __future__ import annotations

import hashlib
import json
import random
from typing import Any

import pytest

from fieldapp import kinds


def _reference(row_id: Any, version: int, deleted: Any, values: list[tuple[str, Any]]) -> int:
    """The definition: the standard JSON text (ensure_ascii off, compact, sorted keys)."""
    present = {n: kinds._canonical(v) for n, v in values if v is not None}
    text = json.dumps(
        [row_id, int(version), bool(deleted), present],
        ensure_ascii=False,
        separators=(",", ":"),
        sort_keys=True,
    )
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


_TRICKY = [
    "",
    "烟酒店 12",
    'quote " backslash \\ slash /',
    "\x00\x01\x08\x09\x0a\x0c\x0d\x1f\x7f",
    "\u2028\u2029\ufeff",
    "\U0001f600 emoji",
    "é",
]


def _value(rng: random.Random) -> Any:
    kind = rng.randrange(9)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice(_TRICKY) + str(rng.randrange(100))
    if kind == 2:
        return rng.choice([0, -1, 7, 2**53 + 1, -(2**63), 2**70])
    if kind == 3:
        return rng.choice([True, False])
    if kind == 4:
        return rng.choice([1.0, -0.0, 31.2304, 1e-7, 1e22, 121.4737, 0.1 + 0.2])
    if kind == 5:
        return [1, "a", 2.5]
    if kind == 6:
        return {"b": 1, "a": "x"}
    return "plain"


def test_row_hash_fast_json_is_the_standard_text() -> None:
    rng = random.Random(21)
    names = ["tier", "address", "name", "zeta", "code", "b", "a", "phone"]
    for _ in range(3000):
        picked = rng.sample(names, rng.randrange(len(names) + 1))
        values = [(n, _value(rng)) for n in picked]
        row_id = rng.choice(["r1", "行", 'x"y'])
        version, deleted = rng.randrange(1, 10**6), rng.choice([0, 1, True, False])
        assert kinds.row_hash(row_id, version, deleted, values) == _reference(
            row_id, version, deleted, values
        ), values


def test_row_hash_of_a_lone_surrogate_still_fails_as_before() -> None:
    with pytest.raises(UnicodeEncodeError):
        kinds.row_hash("r", 1, False, [("name", "\ud800")])
