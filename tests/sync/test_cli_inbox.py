"""What a person must see, on the command line (issue 12 §3): ``fieldapp outbox
--rejected`` lists refused changes with their codes in words, ``fieldapp conflicts`` the
open conflicts, both with ``--json``; ``fieldapp check`` says how many of each wait."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from client_harness import MakeDevice
from sync_harness import Server, shop_fields

from fieldapp.cli import main as cli


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    code = cli(list(argv))
    return code, capsys.readouterr().out


def test_outbox_rejected_and_conflicts_list_what_a_person_must_see(
    server: Server,
    world: dict[str, Any],
    device: MakeDevice,
    capsys: pytest.CaptureFixture[str],
) -> None:
    a = device("repA")
    b = device("repA", "second")
    a.sync()
    # Another team holds shop code S1 (the device cannot see it): head office refuses it.
    other = server.device("repB")
    taken = other.mut("shops", str(uuid.uuid4()), "insert", **shop_fields(world, "repB", code="S1"))
    assert other.push(taken)[0]["status"] == "applied"
    a.store.shops.create(
        name="金旺超市", channel="supermarket", tier="A", county_id=world["county"],
        rep_id=a.user_id, code="S1",
    )  # fmt: skip
    shop = a.store.shops.create(
        name="鑫旺便利店", channel="convenience", tier="B", county_id=world["county"],
        rep_id=a.user_id,
    )  # fmt: skip
    a.sync()
    b.sync()
    # The same field changed on two devices: the later push wins, the other value is kept.
    a.store.shops.update(shop.id, name="鑫旺超市")
    b.store.shops.update(shop.id, name="鑫旺便利")
    a.sync()
    b.sync()
    a.sync()
    db = str(a.store.path)

    code, out = _run(capsys, "--db", db, "outbox", "--rejected")
    assert code == 0
    lines = out.strip().splitlines()
    assert len(lines) == 1 and "shops" in lines[0], out
    assert "rejected: duplicate (code) — already exists (another row holds this value," in lines[0]
    code, out = _run(capsys, "--db", db, "outbox", "--rejected", "--json")
    [item] = json.loads(out)
    assert (item["table"], item["code"], item["field"]) == ("shops", "duplicate", "code")
    assert item["words"] == "already exists (another row holds this value, e.g. a shop code)"

    code, out = _run(capsys, "--db", db, "conflicts", "--json")
    assert code == 0
    [conflict] = json.loads(out)
    assert (conflict["table"], conflict["field"], conflict["row_id"]) == ("shops", "name", shop.id)
    assert {conflict["kept_value"], conflict["lost_value"]} == {"鑫旺超市", "鑫旺便利"}
    code, out = _run(capsys, "--db", db, "conflicts")
    assert out.strip().startswith(f"#{conflict['id']} shops.name of {shop.id}: kept ")

    code, out = _run(capsys, "--db", db, "check")
    assert code == 0
    assert "waiting for you: 1 refused changes (fieldapp outbox --rejected)," in out
    assert "1 open conflicts (fieldapp conflicts)" in out
    code, out = _run(capsys, "--db", db, "check", "--json")
    report = json.loads(out)
    assert (report["outbox"]["rejected"], report["conflicts"], report["quarantined"]) == (1, 1, 0)

    code, out = _run(capsys, "--db", str(b.store.path), "outbox", "--rejected")
    assert out.strip() == "nothing waiting"
