"""Head office checks what the client checks: phone formats and the rules over several
fields of a row, with the client's codes; a broken write is rejected and changes nothing."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sync_harness import Server, shop_fields

from fieldapp import model
from sync import protocol as p
from sync.server.service import check_value

KOC = {"name": "李姐", "stage": "spotted", "consent": False, "trait_acquaintances": 3,
       "trait_trying": 3, "trait_sharing": 3, "trait_expertise": 3}  # fmt: skip
EVENT = {"kind": "tasting", "title": "品鉴会", "status": "planned",
         "starts_at": "2026-11-30T11:00:00+08:00",
         "ends_at": "2026-11-30T13:00:00+08:00"}  # fmt: skip


def _push(server: Server, table: str, row_id: str, op: str = "update", **fields: Any) -> Any:
    dev = server.device("repA")
    (answer,) = dev.push(dev.mut(table, row_id, op, base=10**9, **fields))
    return answer


@pytest.mark.parametrize(
    ("table", "fields", "field", "code"),
    [
        ("shops", {"phone": "12345"}, "phone", "invalid_phone"),
        ("shops", {"latitude": 34.7}, "longitude", "gps_incomplete"),
        ("shops", {"route_days": "31"}, "route_days", "invalid_format"),
        ("shops", {"route_days": "1,3"}, "route_days", "invalid_format"),
        ("shops", {"visit_every_days": 0}, "visit_every_days", "out_of_range"),
        ("shops", {"opens_at": "24:00"}, "opens_at", "invalid_format"),
        ("shops", {"opens_at": "18:00", "closes_at": "09:00"}, "closes_at", "end_before_start"),
        ("kocs", {"mobile": "1391234567"}, "mobile", "invalid_mobile"),
        ("kocs", {"wechat": "7up"}, "wechat", "invalid_wechat"),
        ("kocs", {"consent": True}, "consent_at", "consent_incomplete"),
        (
            "kocs",
            {"consent": True, "consent_at": "2026-11-24T08:00:00+00:00"},
            "consent_method",
            "consent_incomplete",
        ),
        ("events", {"ends_at": "2026-11-30T10:00:00+08:00"}, "ends_at", "end_before_start"),
        ("events", {"ends_at": "2026-11-30T03:00:00+00:00"}, "ends_at", "end_before_start"),
    ],
)
def test_a_broken_row_is_rejected_with_the_clients_code(
    server: Server, world: dict[str, Any], table: str, fields: dict[str, Any], field: str, code: str
) -> None:
    row_id = str(uuid.uuid4())
    base = {
        "shops": shop_fields(world, "repA"),
        "kocs": KOC | {"county_id": world["county"]},
        "events": EVENT,
    }[table]
    assert _push(server, table, row_id, "insert", **base)["status"] == "applied"
    answer = _push(server, table, row_id, **fields)
    assert answer["status"] == "rejected"
    assert (answer["error"]["field"], answer["error"]["code"]) == (field, code)
    bad_insert = _push(server, table, str(uuid.uuid4()), "insert", **(base | fields))
    assert bad_insert["status"] == "rejected" and bad_insert["error"]["code"] == code


def test_visits_and_invitations_follow_the_same_rules(
    server: Server, world: dict[str, Any]
) -> None:
    shop = str(uuid.uuid4())
    assert _push(server, "shops", shop, "insert", **shop_fields(world, "repA"))["status"] == (
        "applied"
    )
    visit = str(uuid.uuid4())
    draft = {"shop_id": shop, "review_status": "draft", "planned_date": "2026-11-24"}
    assert _push(server, "visits", visit, "insert", **draft)["status"] == "applied"
    out = _push(server, "visits", visit, checkout_at="2026-11-24T03:00:00+00:00")
    assert out["error"]["code"] == "checkout_without_checkin"
    assert _push(server, "visits", visit, checkin_at="2026-11-24T03:00:00+00:00")["status"] == (
        "applied"
    )
    out = _push(server, "visits", visit, checkout_at="2026-11-24T02:00:00+00:00")
    assert out["error"]["code"] == "checkout_before_checkin"
    event = str(uuid.uuid4())
    assert _push(server, "events", event, "insert", **EVENT)["status"] == "applied"
    out = _push(server, "invitations", str(uuid.uuid4()), "insert", event_id=event,
                status="invited")  # fmt: skip
    assert out["status"] == "rejected", out
    assert out["error"]["code"] == "one_invitee"


def test_what_the_client_accepts_the_server_accepts(server: Server, world: dict[str, Any]) -> None:
    """Numbers as fieldapp.model normalises them pass head office's patterns."""
    for raw, normalise, spec in [
        ("+86 139 1234 5678", model.normalize_mobile, p.MOBILE),
        ("0571-88001234-12", model.normalize_phone, p.PHONE),
        ("139-1234-5678", model.normalize_phone, p.PHONE),
        ("li_jie2026", model.normalize_wechat, p.WECHAT),
        ("13912345678", model.normalize_wechat, p.WECHAT),
    ]:
        value = normalise(raw)
        assert check_value(spec, value) is None, (raw, value)


def test_shop_codes_are_unique_among_live_shops_across_teams_and_case(
    server: Server, world: dict[str, Any]
) -> None:
    first = str(uuid.uuid4())
    assert (
        _push(server, "shops", first, "insert", **shop_fields(world, "repA", code="HN-7"))["status"]
        == "applied"
    )
    rep_b = server.device("repB")
    (clash,) = rep_b.push(
        rep_b.mut("shops", str(uuid.uuid4()), "insert", **shop_fields(world, "repB", code="hn-7"))
    )
    assert clash["status"] == "rejected"
    assert (clash["error"]["field"], clash["error"]["code"]) == ("code", "duplicate")
    other = str(uuid.uuid4())
    assert (
        _push(server, "shops", other, "insert", **shop_fields(world, "repA", code="HN-8"))["status"]
        == "applied"
    )
    assert _push(server, "shops", other, code="HN-7")["error"]["code"] == "duplicate"
    assert _push(server, "shops", first, code="hn-7")["status"] == "applied"  # its own code
    assert _push(server, "shops", first, "delete")["status"] == "applied"
    assert _push(server, "shops", other, code="HN-7")["status"] == "applied"  # freed


_SHOP = {"name": "店", "channel": "convenience", "tier": "A", "county_id": "c"}


@pytest.mark.parametrize(
    ("field", "spec", "values"),
    [
        ("route_days", p.ROUTE_DAYS, ["", "1", "135", "1234567", "67", "31", "11", "8", "1,3",
                                      "0", "12345678", "１"]),
        ("opens_at", p.CLOCK, ["00:00", "08:30", "23:59", "24:00", "8:30", "08:60", "0830"]),
        ("visit_every_days", p.VISIT_DAYS, [1, 7, 365, 0, 366, -1]),
    ],
)  # fmt: skip
def test_plan_fields_one_rule_on_both_sides(
    field: str, spec: p.FieldSpec, values: list[Any]
) -> None:
    """The device and head office accept and refuse the same plan values with the same code."""
    from fieldapp.validation import check_form

    for value in values:
        client = [
            e.code for e in check_form(model.Shop, _SHOP | {field: value}) if e.field == field
        ]
        server = check_value(spec, value)
        assert client == ([] if server is None else [server]), (field, value)
    assert f"^{p.ROUTE_DAYS_PATTERN}$" == model.ROUTE_DAYS_PATTERN
    assert f"^{p.CLOCK_PATTERN}$" == model.CLOCK_PATTERN
