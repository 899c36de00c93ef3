"""Crash safety of local writes: a writer process saving visits through the store API is
killed with SIGKILL at random moments, again and again, on the same store file.

After every kill the store opens, ``PRAGMA integrity_check`` is ok, ``Store.check()``
finds no dangling references, and every write the writer acknowledged (it prints a
line only after the commit returned, and flushes) is there with its outbox mutation;
a multi-row transaction (a visit with its order line and check-in) is all there or not
at all. Rounds: ``FIELDAPP_CRASH_ROUNDS`` (default 5); the kill times come from
``FIELDAPP_SEED`` (random when unset; printed in every failure message).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from fieldapp.store import Store

ROUNDS = int(os.environ.get("FIELDAPP_CRASH_ROUNDS", "5"))
ROOT = Path(__file__).resolve().parents[2]

WRITER = textwrap.dedent(
    """
    import json, sys
    from fieldapp.store import Store

    path, shop_id, product_id, rep_id, start = sys.argv[1:6]
    store = Store.open(path, user_id=rep_id)
    # The store loads pydantic's models and sqlite-utils on the first write; load them
    # before "ready" so the random kill window is spent writing, even on a loaded machine.
    import fieldapp.model, sqlite_utils  # noqa: E401, F401
    print("ready", flush=True)
    n = int(start)
    while True:
        n += 1
        # one visit alone
        v = store.visits.create(shop_id=shop_id, rep_id=rep_id, planned_date="2026-11-24")
        print(json.dumps({"kind": "visit", "id": v.id}), flush=True)
        # a visit, its order line and its check-in in one transaction
        with store.transaction():
            w = store.visits.create(
                shop_id=shop_id, rep_id=rep_id, planned_date="2026-11-25", next_actions=f"n{n}"
            )
            line = store.order_lines.create(visit_id=w.id, product_id=product_id, quantity=n)
            store.visits.check_in(w.id)
        print(json.dumps({"kind": "group", "id": w.id, "line": line.id}), flush=True)
        # an edit of the first visit
        store.visits.update(v.id, check_notes=f"note {n}")
        print(json.dumps({"kind": "edit", "id": v.id, "note": f"note {n}"}), flush=True)
    """
)


def _seed() -> int:
    raw = os.environ.get("FIELDAPP_SEED")
    return int(raw) if raw else random.SystemRandom().randrange(2**32)


def _setup(path: Path) -> tuple[str, str, str]:
    with Store.open(path) as store:
        county = store.counties.create(name="金水区", province="河南省")
        team = store.teams.create(name="郑州一组")
        rep = store.users.create(name="李娜", role="rep", team_id=team.id)
        store.set_user(rep.id)
        shop = store.shops.create(
            name="鑫旺便利店", channel="convenience", tier="B", county_id=county.id, rep_id=rep.id
        )
        product = store.products.create(code="P1", name="金典十年", unit="瓶", price=128)
        return shop.id, product.id, rep.id


def _check(path: Path, acked: list[dict[str, str]], where: str) -> None:
    with Store.open(path) as store:
        report = store.check()
        assert report.integrity == ["ok"], where
        assert report.ok, (where, report)
        for ack in acked:
            if ack["kind"] == "visit":
                assert store.visits.find(ack["id"]) is not None, (where, ack)
                assert store.outbox.list(table="visits", row_id=ack["id"]), (where, ack)
            elif ack["kind"] == "group":
                visit = store.visits.get(ack["id"])
                assert visit.checkin_at is not None, (where, ack)
                assert store.order_lines.find(ack["line"]) is not None, (where, ack)
                assert store.outbox.list(table="order_lines", row_id=ack["line"]), (where, ack)
            else:
                visit = store.visits.get(ack["id"])
                # this note or a later one (written, perhaps not acknowledged before the kill)
                assert visit.check_notes is not None and visit.check_notes.startswith("note")
                muts = store.outbox.list(table="visits", row_id=ack["id"])
                notes = [m.changes["check_notes"].new for m in muts if "check_notes" in m.changes]
                assert notes and notes[-1] == visit.check_notes, (where, ack, notes)
        # atomicity: every visit of a group has its order line and its check-in
        for visit in store.visits.list():
            if visit.next_actions:
                n = int(visit.next_actions[1:])
                lines = store.order_lines.list(where={"visit_id": visit.id})
                assert [ln.quantity for ln in lines] == [n], (where, visit.id)
                assert visit.checkin_at is not None, (where, visit.id)
        # every live row has its outbox insert, and nothing was sent
        for table in ("visits", "order_lines"):
            ids = {r.id for r in store.repo(table).list()}
            inserted = {m.row_id for m in store.outbox.list(table=table) if m.op == "insert"}
            assert ids == inserted, (where, table)
        assert set(report.outbox) <= {"pending"}, where


def test_writer_killed_at_random_keeps_every_acknowledged_write(tmp_path: Path) -> None:
    seed = _seed()
    rng = random.Random(seed)
    path = tmp_path / "crash.db"
    shop, product, rep = _setup(path)
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    acked: list[dict[str, str]] = []
    kills_mid_write = 0
    for round_no in range(ROUNDS):
        where = f"FIELDAPP_SEED={seed} round {round_no}"
        proc = subprocess.Popen(
            [sys.executable, str(script), str(path), shop, product, rep, str(1000 * round_no)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready", (
            where,
            proc.stderr and proc.stderr.read(),
        )
        time.sleep(rng.uniform(0.05, 0.6))
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL, (where, err)
        lines = [json.loads(line) for line in out.splitlines() if line.strip()]
        kills_mid_write += bool(lines)
        acked.extend(lines)
        _check(path, acked, where)
    assert acked, f"FIELDAPP_SEED={seed}: the writer never acknowledged a write"
    assert kills_mid_write, f"FIELDAPP_SEED={seed}: no kill landed while writing"
    # the leftovers of the kills (WAL, shm) do not stop normal work
    with Store.open(path, user_id=rep) as store:
        store.visits.create(shop_id=shop, rep_id=rep, planned_date="2026-11-26")
        assert store.check().ok
