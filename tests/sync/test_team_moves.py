"""Moving a shop or a rep to another team moves what hangs off them: at the next pull the
rows leave the old team's devices and reach the new team's, and verify agrees."""

from __future__ import annotations

import io
import uuid
from typing import Any

import pytest
from sync_harness import Device, Server, shop_fields

from sync.server import cli, service

SHA = "ab" * 32
KOC = {"trait_acquaintances": 3, "trait_trying": 3, "trait_sharing": 4, "trait_expertise": 2,
       "stage": "spotted", "consent": False}  # fmt: skip


def _add(dev: Device, table: str, **fields: Any) -> str:
    row_id = str(uuid.uuid4())
    (answer,) = dev.push(dev.mut(table, row_id, "insert", **fields))
    assert answer["status"] == "applied", (table, answer.get("error"))
    return row_id


def _shop_tree(dev: Device, world: dict[str, Any], rep: str) -> dict[str, str]:
    """A shop with its owner, an interaction, a visit with an order line and a photo."""
    ids: dict[str, str] = {}
    ids["shops"] = _add(dev, "shops", **shop_fields(world, rep))
    ids["owners"] = _add(dev, "owners", shop_id=ids["shops"], name="王老板", level=3)
    ids["interactions"] = _add(
        dev, "interactions", owner_id=ids["owners"], rep_id=world[rep], date="2026-11-20",
        kind="visit",
    )  # fmt: skip
    ids["visits"] = _add(
        dev, "visits", shop_id=ids["shops"], rep_id=world[rep], review_status="draft"
    )
    product = _add(world["admin_dev"], "products", name="清香型白酒", unit="瓶")
    ids["order_lines"] = _add(
        dev, "order_lines", visit_id=ids["visits"], product_id=product, quantity=6
    )
    ids["photos"] = _add(
        dev, "photos", sha256=SHA, size=10, mime="image/jpeg", visit_id=ids["visits"]
    )
    return ids


def _holdings(dev: Device, cursor: int = 0) -> dict[tuple[str, str], str]:
    """What a device holds after applying every change since ``cursor``: key -> op."""
    held: dict[tuple[str, str], str] = {}
    for c in dev.pull_all(cursor):
        held[(c["table"], c["row_id"])] = c["op"]
    return held


def _verify_matches_rows(server: Server, *names: str) -> None:
    for name in names:
        dev = server.device(name)
        caller = service.authenticate(server.engine, dev.token, server.clock())
        assert service.verify(server.engine, caller) == service.verify_by_rows(
            server.engine, caller
        ), name


def test_a_shop_moving_team_takes_its_owner_visits_orders_and_photos(
    server: Server, world: dict[str, Any]
) -> None:
    rep_a, rep_b, admin = server.device("repA"), server.device("repB"), server.device("admin")
    world["admin_dev"] = admin
    tree = _shop_tree(rep_a, world, "repA")
    koc = _add(rep_a, "kocs", name="李姐", county_id=world["county"], rep_id=world["repA"], **KOC)
    cursor_a = rep_a.pull_all()[-1]["seq"]
    cursor_b = rep_b.pull_all()[-1]["seq"]

    (moved,) = admin.push(admin.mut("shops", tree["shops"], base=10_000, rep_id=world["repB"]))
    assert moved["status"] == "applied"

    gone = _holdings(rep_a, cursor_a)
    arrived = _holdings(rep_b, cursor_b)
    for table, row_id in tree.items():
        assert gone.get((table, row_id)) == "left", table
        assert arrived.get((table, row_id)) == "upsert", table
    assert ("kocs", koc) not in gone  # a KOC follows its rep, not a shop
    # The rows now belong to team B: B's rep edits them, A's rep is refused.
    (edit,) = rep_b.push(rep_b.mut("visits", tree["visits"], base=10_000, next_actions="补货"))
    assert edit["status"] == "applied"
    (refused,) = rep_a.push(rep_a.mut("owners", tree["owners"], base=10_000, level=5))
    assert refused["status"] == "rejected"
    _verify_matches_rows(server, "repA", "repB", "supA", "supB", "admin")


def test_a_rep_moving_team_takes_their_shops_kocs_and_events(
    server: Server, world: dict[str, Any]
) -> None:
    rep_a, sup_b, admin = server.device("repA"), server.device("supB"), server.device("admin")
    world["admin_dev"] = admin
    tree = _shop_tree(rep_a, world, "repA")
    koc = _add(rep_a, "kocs", name="李姐", county_id=world["county"], rep_id=world["repA"], **KOC)
    link = _add(rep_a, "koc_shops", koc_id=koc, shop_id=tree["shops"])
    event = _add(
        rep_a, "events", kind="tasting", title="品鉴会", rep_id=world["repA"],
        starts_at="2026-11-30T11:00:00+00:00", ends_at="2026-11-30T13:00:00+00:00",
        status="planned",
    )  # fmt: skip
    invitation = _add(rep_a, "invitations", event_id=event, koc_id=koc, status="invited")
    other_rep_a_shop = _add(server.device("supA"), "shops", **shop_fields(world, "supA"))
    cursor_b = sup_b.pull_all()[-1]["seq"]

    out = io.StringIO()
    code = cli.run(
        ["move-user", "repA", "--team", "B", "--database", server.url], io.StringIO(), out
    )
    assert code == 0
    moved = len(tree) + 4  # the tree, the KOC, its link, the event, its invitation
    assert out.getvalue().strip() == f"moved repA and {moved} rows"

    arrived = _holdings(sup_b, cursor_b)
    expected = set(tree.items()) | {
        ("kocs", koc),
        ("koc_shops", link),
        ("events", event),
        ("invitations", invitation),
        ("users", world["repA"]),
    }
    assert {k for k, op in arrived.items() if op == "upsert"} >= expected
    assert ("shops", other_rep_a_shop) not in arrived  # the supervisor's shop stays in A
    # The moved rep's next requests are scoped to team B.
    rep_a_again = server.device("repA")
    assert ("shops", tree["shops"]) in _holdings(rep_a_again)
    # (a new device may be told that rows of team A left: it never held them)
    assert _holdings(rep_a_again).get(("shops", other_rep_a_shop)) in (None, "left")
    _verify_matches_rows(server, "repA", "repB", "supA", "supB", "admin")
    assert service.move_user(server.engine, "repA", "B", server.clock()) == 0  # idempotent


def test_move_user_refuses_unknown_users_admins_and_teams(
    server: Server, world: dict[str, Any]
) -> None:
    for name, team, code in [
        ("nobody", "B", "not_found"),
        ("admin", "B", "invalid_role"),
        ("repA", "no such team", "not_found"),
    ]:
        with pytest.raises(service.ServiceError) as info:
            service.move_user(server.engine, name, team, server.clock())
        assert info.value.code == code, (name, team)
    rep_a = server.device("repA")
    assert all(c["op"] == "upsert" for c in rep_a.pull_all())  # nothing moved


def test_fieldapp_sync_command_needs_a_server_to_log_in(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from sync.__main__ import fieldapp_command

    assert fieldapp_command(["--user", "repA"], None) == 2
    assert "--user needs --server URL" in capsys.readouterr().err
