"""The push path in process, without HTTP: CPU and statements per mutation.

    python benchmarks/push_profile.py [--backend postgresql|sqlite] [--pushes 40]
        [--devices 40] [--teams 8] [--statements] [--profile FILE]

Sets up like ``load_bench.py`` (teams, reps with one device each, 10 shops per team;
PostgreSQL: a fresh database on 127.0.0.1:5432, dropped afterwards), pulls once per
device, then calls ``service.push`` ``--pushes`` times one after another with 50
mutations of load_bench's mix each. Prints the answers by status, CPU per mutation
(``time.process_time`` of this process: the push's Python, not PostgreSQL's), wall time
per mutation and statements per mutation (counted with an engine event; on PostgreSQL
a push's last writes go in one round trip, ``service.batch.Sender``: counted each, their
time not). With
``--statements``, the statements that took the most time; with ``--profile FILE``, a
cProfile listing (cumulative and own time) written to FILE. docs/scale.md quotes it.
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import pstats
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from load_bench import Dev, database, mutations, populate
from sqlalchemy import event

from sync import protocol as p
from sync.server import service
from sync.server.db import make_engine
from sync.server.service import batch


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--backend", default="postgresql", choices=["postgresql", "sqlite"])
    ap.add_argument("--pushes", type=int, default=40)
    ap.add_argument("--devices", type=int, default=40)
    ap.add_argument("--teams", type=int, default=8)
    ap.add_argument("--statements", action="store_true")
    ap.add_argument("--profile", type=Path)
    args = ap.parse_args(argv)
    with (
        tempfile.TemporaryDirectory(prefix="fieldapp-push-") as tmp,
        database(args.backend, Path(tmp)) as url,
    ):
        devs = populate(url, args.devices, args.teams, seed=1)
        engine = make_engine(url)
        counting = [False]
        spent: dict[str, list[float]] = collections.defaultdict(lambda: [0, 0.0])
        started: dict[int, float] = {}

        @event.listens_for(engine, "before_cursor_execute")
        def _before(_c: Any, _cur: Any, stmt: str, _p: Any, ctx: Any, _many: Any) -> None:
            if counting[0]:
                started[id(ctx)] = time.perf_counter()

        @event.listens_for(engine, "after_cursor_execute")
        def _after(_c: Any, _cur: Any, stmt: str, _p: Any, ctx: Any, _many: Any) -> None:
            if counting[0]:
                entry = spent[" ".join(stmt.split())[:150]]
                entry[0] += 1
                entry[1] += time.perf_counter() - started.pop(id(ctx), time.perf_counter())

        sender = getattr(batch, "Sender", None)  # none in older code (--before runs)
        if sender is not None:
            queue = sender.add

            def queued(self: Any, stmt: str, params: Any) -> None:
                if counting[0]:
                    spent["(sent at once) " + " ".join(stmt.split())[:135]][0] += 1
                queue(self, stmt, params)

            sender.add = queued

        def caller(d: Dev) -> service.Caller:
            return service.Caller(d.user_id, d.device_id, "rep", d.team_id, d.device_id)

        for d in devs:  # learn the team's shops and their versions
            while True:
                page = service.pull(engine, caller(d), d.cursor, 500)
                for ch in page.changes:
                    if ch["table"] == "shops" and ch["op"] == "upsert":
                        d.shops[ch["row_id"]] = ch["version"]
                d.cursor = page.cursor
                if not page.more:
                    break
        rng = random.Random(1)
        work = []
        for i in range(args.pushes):
            d = devs[i % len(devs)]
            muts = [p.MutationIn.model_validate(m) for m in mutations(d, 50, rng)]
            work.append((d, p.PushRequest(device_id=d.device_id, mutations=muts)))
        prof = cProfile.Profile() if args.profile else None
        answers: collections.Counter[str] = collections.Counter()
        counting[0] = True
        cpu, wall = time.process_time(), time.perf_counter()
        if prof is not None:
            prof.enable()
        for d, req in work:
            for r in service.push(engine, caller(d), req, time.time()).results:
                answers[r.status] += 1
        if prof is not None:
            prof.disable()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        counting[0] = False
        n = sum(answers.values())
        statements = sum(int(c) for c, _ in spent.values())
        print(
            f"{args.backend}: {n} mutations {dict(answers)}; CPU {cpu * 1000 / n:.3f} ms,"
            f" wall {wall * 1000 / n:.3f} ms, statements {statements / n:.2f} per mutation"
        )
        if args.statements:
            for text, (count, seconds) in sorted(spent.items(), key=lambda kv: -kv[1][1])[:15]:
                print(f"{seconds * 1000:9.1f} ms {int(count):5d}×  {text}")
        if prof is not None:
            with args.profile.open("w") as out:
                stats = pstats.Stats(prof, stream=out)
                stats.sort_stats("cumulative").print_stats(60)
                stats.sort_stats("tottime").print_stats(40)
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
