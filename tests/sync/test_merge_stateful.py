"""The merge rules as a hypothesis state machine: three devices of one team (two laptops
of one rep, one of a teammate) edit the same shops offline (same fields and different
fields), push and pull in any interleaving; then everything syncs to quiescence.

Checked at the end of every run (docs/sync-protocol.md, "Push" and "Pull"):
- convergence: every device holds the same rows as the server, and verify agrees;
- each field's final value is the value of the last write to it in server order;
- no field value is lost silently: when a write was replaced by a later one (in server
  order) that was made without seeing it, with another value, by another device, the
  replaced value is a conflict row that reached every device of the team; and no other
  conflict is recorded (a device replacing its own earlier value is not a conflict).

Real stores and the real ``SyncClient`` talk to the real app in process (a requests
transport adapter in front of FastAPI's TestClient: no sockets). Size:
``FIELDAPP_MERGE_EXAMPLES`` (default 15) runs of ``FIELDAPP_MERGE_STEPS`` (default 30)
steps; ``FIELDAPP_SEED`` fixes hypothesis' seed (random when unset, printed on failure).
"""

from __future__ import annotations

import itertools
import os
import random
import shutil
import tempfile
import uuid
from typing import Any
from urllib.parse import urlsplit

import requests
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, seed as hypothesis_seed, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, rule, run_state_machine_as_test
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict
from sync_harness import PASSWORD, Server

from fieldapp.store import Store
from fieldapp.store.outbox import Mutation
from sync.client import MemoryTokenStore, SyncClient, SyncReport

EXAMPLES = int(os.environ.get("FIELDAPP_MERGE_EXAMPLES", "15"))
STEPS = int(os.environ.get("FIELDAPP_MERGE_STEPS", "30"))
BASE = "http://testserver"
FIELDS = ("name", "address", "notes", "tier")
TEXT_VALUES = ("甲", "乙", "丙", "丁")


class InProcess(BaseAdapter):
    """A requests transport that hands each request to the app through TestClient."""

    def __init__(self, client: TestClient) -> None:
        super().__init__()
        self.client = client

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        url = urlsplit(request.url or "")
        path = url.path + (f"?{url.query}" if url.query else "")
        body = request.body.encode() if isinstance(request.body, str) else request.body
        headers = {k: v if isinstance(v, str) else v.decode() for k, v in request.headers.items()}
        r = self.client.request(request.method or "GET", path, content=body, headers=headers)  # type: ignore[arg-type]
        resp = requests.Response()
        resp.status_code = r.status_code
        headers = {k: v for k, v in r.headers.items() if k.lower() != "content-encoding"}
        resp.headers = CaseInsensitiveDict(headers)
        resp._content = r.content
        resp._content_consumed = True
        resp.url = request.url or ""
        resp.request = request
        resp.encoding = "utf-8"
        return resp

    def close(self) -> None:
        pass


class Laptop:
    def __init__(self, server: Server, user: str) -> None:
        self.store = Store.open(":memory:")
        session = requests.Session()
        session.mount(BASE, InProcess(server.client))
        self.client = SyncClient(
            self.store,
            BASE,
            session=session,
            token_store=MemoryTokenStore(),
            retries=0,
            sleep=lambda _s: None,
        )
        self.user = self.client.login(user, PASSWORD)

    def close(self) -> None:
        self.store.close()


def _seed() -> int:
    raw = os.environ.get("FIELDAPP_SEED")
    return int(raw) if raw else random.SystemRandom().randrange(2**32)


class MergeMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = tempfile.mkdtemp(prefix="fieldapp-merge-")
        self.server = Server(f"sqlite:///{self.tmp}/server.db")
        self.laptops: list[Laptop] = []
        try:
            self.server.team("A")
            for name in ("repA", "repA2"):
                self.server.user(name, "rep", "A")
            self.server.user("admin", "admin")
            admin = self.server.device("admin")
            county = str(uuid.uuid4())
            admin.push(admin.mut("counties", county, "insert", name="金水区", koc_target=5))
            self.laptops = [
                Laptop(self.server, "repA"),
                Laptop(self.server, "repA"),
                Laptop(self.server, "repA2"),
            ]
            first = self.laptops[0]
            first.client.sync()
            self.shops = [
                first.store.shops.create(
                    name=TEXT_VALUES[i],
                    address=TEXT_VALUES[2],
                    channel="convenience",
                    tier="B",
                    county_id=county,
                    rep_id=first.user["id"],
                ).id
                for i in range(2)
            ]
            for laptop in self.laptops:
                laptop.client.sync()
        except BaseException:
            self._close()
            raise

    def _close(self) -> None:
        for laptop in self.laptops:
            laptop.close()
        self.server.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    # ------------------------------------------------------------------ rules

    @rule(
        device=st.integers(0, 2),
        shop=st.integers(0, 1),
        field=st.sampled_from(FIELDS),
        text=st.sampled_from(TEXT_VALUES),
        tier=st.sampled_from(("A", "B", "C")),
    )
    def edit(self, device: int, shop: int, field: str, text: str, tier: str) -> None:
        value = tier if field == "tier" else text
        self.laptops[device].store.shops.update(self.shops[shop], **{field: value})

    # Edits are three of the six rules, so runs hold long offline stretches.
    @rule(
        device=st.integers(0, 2),
        field=st.sampled_from(FIELDS),
        first=st.sampled_from(TEXT_VALUES),
        second=st.sampled_from(TEXT_VALUES),
    )
    def edit_back_and_forth(self, device: int, field: str, first: str, second: str) -> None:
        """The same field of shop 0 twice with shop 1 edited between (no folding)."""
        value = {"甲": "A", "乙": "B", "丙": "C", "丁": "A"}
        shops = self.laptops[device].store.shops
        pick = (lambda t: value[t]) if field == "tier" else (lambda t: t)
        shops.update(self.shops[0], **{field: pick(first)})
        shops.update(self.shops[1], **{field: pick(second)})
        shops.update(self.shops[0], **{field: pick(second)})

    @rule(
        device=st.integers(0, 2),
        shop=st.integers(0, 1),
        field=st.sampled_from(FIELDS),
        text=st.sampled_from(TEXT_VALUES),
    )
    def edit_text(self, device: int, shop: int, field: str, text: str) -> None:
        if field == "tier":
            text = "C"
        self.laptops[device].store.shops.update(self.shops[shop], **{field: text})

    @rule(device=st.integers(0, 2))
    def undo_after_pull(self, device: int) -> None:
        """A pull while an edit waits (the app syncs while a person types), then the
        person takes the edit back: the field returns to the value it had before."""
        laptop = self.laptops[device]
        waiting = [
            m for m in laptop.store.outbox.pending() if m.table == "shops" and m.op == "update"
        ]
        laptop.client._pull(SyncReport(), laptop.client._cursor())
        if waiting:
            field, change = next(iter(waiting[-1].changes.items()))
            laptop.store.shops.update(waiting[-1].row_id, **{field: change.old})

    @rule(
        pair=st.sampled_from([(0, 1), (0, 2), (1, 2), (2, 0)]),
        shop=st.integers(0, 1),
        field=st.sampled_from(FIELDS),
        first=st.sampled_from(TEXT_VALUES),
        second=st.sampled_from(TEXT_VALUES),
    )
    def race_then_undo(
        self, pair: tuple[int, int], shop: int, field: str, first: str, second: str
    ) -> None:
        """One device edits a field, another edits it too and pushes, the first pulls
        (its edit waits) and takes its edit back."""
        tier = {"甲": "A", "乙": "B", "丙": "C", "丁": "A"}
        pick = (lambda t: tier[t]) if field == "tier" else (lambda t: t)
        x, y = (self.laptops[i] for i in pair)
        row = self.shops[shop]
        before = x.store.shops.get(row).data()[field]
        x.store.shops.update(row, **{field: pick(first)})
        y.store.shops.update(row, **{field: pick(second)})
        y.client._push(SyncReport())
        x.client._pull(SyncReport(), x.client._cursor())
        x.store.shops.update(row, **{field: before})

    @rule(device=st.integers(0, 2))
    def push(self, device: int) -> None:
        self.laptops[device].client._push(SyncReport())

    @rule(device=st.integers(0, 2))
    def pull(self, device: int) -> None:
        client = self.laptops[device].client
        client._pull(SyncReport(), client._cursor())

    @rule(device=st.integers(0, 2))
    def sync(self, device: int) -> None:
        self.laptops[device].client.sync()

    # ------------------------------------------------------------------ the end

    def teardown(self) -> None:
        try:
            self._quiesce_and_check()
        finally:
            self._close()

    def _quiesce_and_check(self) -> None:
        for _ in range(2):
            for laptop in self.laptops:
                laptop.client.sync()
        reports = [laptop.client.sync() for laptop in self.laptops]
        assert all(r.verified and r.pushed == 0 for r in reports), reports

        muts: list[tuple[int, Mutation]] = []
        for i, laptop in enumerate(self.laptops):
            for m in laptop.store.outbox.list(table="shops"):
                assert m.state in ("applied", "conflict"), (i, m)
                muts.append((i, m))

        server_rows = {
            c["row_id"]: c["row"]
            for c in self.server.device("repA", f"checker-{uuid.uuid4()}").pull_all()
            if c["table"] == "shops"
        }
        conflicts_seen = None
        for laptop in self.laptops:
            rows = {s.id: s.data() | {"version": s.version} for s in laptop.store.shops.list()}
            for shop_id in self.shops:
                server = server_rows[shop_id]
                local = rows[shop_id]
                for field in (*FIELDS, "version"):
                    assert local[field] == server[field], (shop_id, field, local, server)
            found = sorted(
                (c.row_id, c.field, _j(c.lost_value), c.lost_seq, _j(c.kept_value))
                for c in laptop.store.replica.conflicts(unresolved_only=False)
                if c.table == "shops"
            )
            if conflicts_seen is None:
                conflicts_seen = found
            assert found == conflicts_seen, "devices of one team hold different conflicts"

        expected: list[tuple[str, str, str, int, str]] = []
        for shop_id in self.shops:
            for field in FIELDS:
                writes = sorted(
                    (
                        (_version(m), dev, m)
                        for dev, m in muts
                        if m.row_id == shop_id and field in m.changes
                    ),
                    key=lambda w: w[0],
                )
                if not writes:
                    continue
                final = writes[-1][2].changes[field].new
                assert server_rows[shop_id][field] == final, (shop_id, field, writes)
                for (v1, dev1, m1), (_v2, dev2, m2) in itertools.pairwise(writes):
                    lost = m1.changes[field].new
                    won = m2.changes[field].new
                    unseen = m2.base_version < v1
                    if unseen and lost != won and dev1 != dev2:
                        expected.append((shop_id, field, _j(lost), v1, _j(won)))
        assert sorted(expected) == conflicts_seen, {
            "missing": sorted(set(expected) - set(conflicts_seen or [])),
            "unexpected": sorted(set(conflicts_seen or []) - set(expected)),
        }


def _version(m: Mutation) -> int:
    assert m.result is not None
    return int(m.result["version"])


def _j(value: Any) -> str:
    return repr(value)


def test_merge_rules_converge_without_losing_a_field_value() -> None:
    seed = _seed()
    machine: Any = hypothesis_seed(seed)(type("SeededMergeMachine", (MergeMachine,), {}))
    try:
        run_state_machine_as_test(
            machine,
            settings=settings(
                max_examples=EXAMPLES,
                stateful_step_count=STEPS,
                deadline=None,
                database=None,
                # shrinking a failure can take minutes: only when asked for
                phases=[Phase.explicit, Phase.generate]
                + ([Phase.shrink] if os.environ.get("FIELDAPP_MERGE_SHRINK") else []),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            ),
        )
    except BaseException as exc:
        exc.add_note(f"reproduce with FIELDAPP_SEED={seed}")
        raise


def test_own_earlier_write_replaced_is_not_a_conflict(
    server: Server, world: dict[str, Any]
) -> None:
    """Regression: a device that edits a field, then another row, then the same field
    again sends two mutations with the same base version; the second replaced the
    device's own value and was answered ``conflict`` (a conflict row about nothing
    anyone lost). Another device's value replaced that way stays a conflict."""
    from sync_harness import shop_fields

    a, a2, b = server.device("repA"), server.device("repA"), server.device("repB")
    shop = str(uuid.uuid4())
    v = a.push(a.mut("shops", shop, "insert", **shop_fields(world, "repA")))[0]["version"]
    assert a.push(a.mut("shops", shop, base=v, name="甲"))[0]["status"] == "applied"
    again = a.push(a.mut("shops", shop, base=v, name="丙"))[0]
    assert again["status"] == "applied", again
    other = a2.push(a2.mut("shops", shop, base=v, name="乙"))[0]
    assert other["status"] == "conflict", other
    changes = [c for c in b.pull_all() if c["table"] == "conflicts"]
    assert changes == []  # another team sees none of it
    conflict_rows = [c["row"] for c in a.pull_all() if c["table"] == "conflicts"]
    assert [(r["lost_value"], r["kept_value"]) for r in conflict_rows] == [('"丙"', '"乙"')]


def test_edit_taken_back_after_a_pull_still_reaches_the_server(tmp_path: Any) -> None:
    """Regression: a device edits a field (not yet sent), pulls a teammate's change of
    that field (the local edit is kept), then sets the field back to its first value. The
    outbox folded the two edits into nothing (first old value == last new value), so the
    device kept its value while the server and the team held the teammate's: a silent
    divergence that verify (ids and versions) cannot see. The edit after the pull is now
    a mutation of its own."""
    server = Server(f"sqlite:///{tmp_path}/s.db")
    laptops: list[Laptop] = []
    try:
        server.team("A")
        for name in ("repA", "repA2"):
            server.user(name, "rep", "A")
        server.user("admin", "admin")
        admin = server.device("admin")
        county = str(uuid.uuid4())
        admin.push(admin.mut("counties", county, "insert", name="金水区", koc_target=5))
        x, y = Laptop(server, "repA"), Laptop(server, "repA2")
        laptops = [x, y]
        x.client.sync()
        shop = x.store.shops.create(
            name="店", channel="convenience", tier="B", county_id=county, rep_id=x.user["id"]
        ).id
        x.client.sync()
        y.client.sync()
        x.store.shops.update(shop, tier="A")  # waits in the outbox
        y.store.shops.update(shop, tier="C")
        y.client.sync()
        x.client._pull(SyncReport(), x.client._cursor())  # e.g. an edit made during a sync
        assert x.store.shops.get(shop).tier == "A"  # kept: it waits to be pushed
        x.store.shops.update(shop, tier="B")  # back to where it started
        assert x.client.sync().verified and y.client.sync().verified
        tiers = {x.store.shops.get(shop).tier, y.store.shops.get(shop).tier}
        assert tiers == {"B"}, tiers  # x's last word, later in server order
        lost = [c.lost_value for c in y.store.replica.conflicts() if c.field == "tier"]
        assert lost == ["C"], lost  # y's value, replaced unseen, is a conflict
    finally:
        for laptop in laptops:
            laptop.close()
        server.close()


def test_in_process_adapter_round_trip(tmp_path: Any) -> None:
    """The transport itself: a pull through the adapter equals one through TestClient."""
    server = Server(f"sqlite:///{tmp_path}/s.db")
    try:
        server.team("A")
        server.user("repA", "rep", "A")
        laptop = Laptop(server, "repA")
        report = laptop.client.sync()
        assert report.verified and report.pulled >= 2
        laptop.close()
    finally:
        server.close()
