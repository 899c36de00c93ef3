"""The load benchmark's devices send what the protocol's own model would send."""

from __future__ import annotations

import random
import sys
from pathlib import Path

from sync import protocol as p

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import load_bench


def test_load_bench_wire_is_the_protocol_model() -> None:
    dev = load_bench.Dev("dev-1", "user-1", "team-1", "token", "county-1")
    dev.shops = {f"shop-{i}": i for i in range(10)}
    rng = random.Random(5)
    seen = set()
    for _ in range(20):
        for wire in load_bench.mutations(dev, 50, rng):
            model = p.MutationIn.model_validate(wire)
            assert model.model_dump(mode="json") == wire
            seen.add((wire["table"], wire["op"]))
    assert seen == {
        ("shops", "insert"),
        ("shops", "update"),
        ("visits", "insert"),
        ("visits", "delete"),
    }
