"""Validation: every field rule, cross-field rule and store rule, with its field and code.

Each rule is checked through the store (``create``/``update``/the visit helpers): the
write raises :class:`ValidationError` naming the field and the code, and changes nothing
-- the same rows in every table, the row unchanged after a failed update, and the same
number of outbox mutations. Where the rule needs no database it is also checked with
``check_form``, as a form does while the user types.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import example, given, settings, strategies as st

from fieldapp.errors import FieldError, ValidationError
from fieldapp.model import (
    ENTITIES,
    ENTITY_BY_TABLE,
    META_FIELDS,
    Koc,
    Owner,
    Shop,
    User,
    Visit,
)
from fieldapp.store import Store
from fieldapp.validation import check_form, validate
from tests.conftest import as_head_office

if TYPE_CHECKING:
    from conftest import Maker, World

MISSING = object()  # a parameter value meaning "leave the field out"
SHA = "ab" * 32
ASCII_MOBILE = re.compile(r"[1][3-9][0-9]{9}")


# ---------------------------------------------------------------------------- helpers


def _dump(store: Store) -> dict[str, list[str]]:
    """Every row of every table (outbox and meta included), as sorted JSON lines."""
    names = [
        r["name"]
        for r in store.db.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        name: sorted(
            json.dumps(row, sort_keys=True, default=str)
            for row in store.db.query(f"SELECT * FROM [{name}]")
        )
        for name in names
    }


def _counts(store: Store) -> dict[str, int]:
    return {e.table: store.repo(e.table).count(include_deleted=True) for e in ENTITIES}


def refused(
    store: Store, write: Callable[..., Any], /, *args: Any, **kwargs: Any
) -> ValidationError:
    """Run a write that must fail validation; assert it changed nothing; return the error."""
    counts, outbox, dump = _counts(store), store.outbox.count(), _dump(store)
    with pytest.raises(ValidationError) as info:
        write(*args, **kwargs)
    assert _counts(store) == counts
    assert store.outbox.count() == outbox
    assert _dump(store) == dump
    return info.value


def refused_update(store: Store, table: str, row_id: str, **changes: Any) -> ValidationError:
    """A failed update: as :func:`refused`, and the row reads back exactly as before."""
    repo = store.repo(table)
    before = repo.get(row_id)
    err = refused(store, repo.update, row_id, **changes)
    assert repo.get(row_id) == before
    return err


def assert_error(err: ValidationError, field: str, code: str) -> None:
    assert (err.field, err.field_code) == (field, code), err.errors
    assert FieldError(field, code, err.errors[0].params) in err.errors


def assert_form(table: str, data: dict[str, Any], field: str, code: str) -> None:
    errors = check_form(ENTITY_BY_TABLE[table], data)
    assert errors, f"{table} form accepted {data!r}"
    assert (errors[0].field, errors[0].code) == (field, code), errors


def base_data(make: Maker, table: str) -> dict[str, Any]:
    """Valid fields for a new row of ``table`` (parents created as needed)."""
    w = make.world
    if table in ("shops", "owners", "kocs", "visits", "events", "products", "counties"):
        return make.data(table)
    if table == "invitations":
        return make.data("invitation")
    if table == "users":
        return {"name": "赵强", "role": "rep", "team_id": w.team_id}
    if table == "teams":
        return {"name": "洛阳组"}
    if table == "interactions":
        return {"owner_id": make.owner().id, "date": "2026-11-20", "kind": "call"}
    if table == "order_lines":
        return {"visit_id": make.visit().id, "product_id": make.product().id, "quantity": 6}
    if table == "event_products":
        return {"event_id": make.event().id, "product_id": make.product().id}
    if table == "koc_shops":
        return {"koc_id": make.koc().id, "shop_id": make.shop().id}
    if table == "community_groups":
        return {"kind": "family", "name": "老张家族群", "size": 40, "county_id": w.county_id}
    if table == "photos":
        return {"sha256": SHA, "size": 1000, "shop_id": make.shop().id}
    raise ValueError(table)


def with_value(data: dict[str, Any], field: str, value: Any) -> dict[str, Any]:
    out = dict(data)
    if value is MISSING:
        out.pop(field, None)
    else:
        out[field] = value
    return out


def test_fixture_world_is_minimal(world: World, store: Store) -> None:
    assert store.user_id == world.rep_id
    assert store.counties.get(world.county_id).name == "金水区"
    assert store.shops.count() == 0
    assert store.outbox.count() == 3  # county, team, rep


def test_valid_rows_from_make_are_accepted(store: Store, make: Maker) -> None:
    for table in (
        "shops",
        "owners",
        "kocs",
        "visits",
        "events",
        "products",
        "counties",
        "users",
        "teams",
        "interactions",
        "order_lines",
        "event_products",
        "koc_shops",
        "community_groups",
        "photos",
        "invitations",
    ):
        data = base_data(make, table)
        assert check_form(ENTITY_BY_TABLE[table], data) == [], table
        row = store.repo(table).create(**data)
        assert store.repo(table).get(row.id) == row


def test_validate_returns_typed_row_or_raises() -> None:
    meta = {"id": "s1", "created_at": "2026-11-24T01:00:00Z", "updated_at": "2026-11-24T01:00:00Z"}
    row = validate(Shop, {**meta, "name": " 鑫旺 ", "channel": "convenience", "county_id": "c"})
    assert isinstance(row, Shop)
    assert row.name == "鑫旺"
    with pytest.raises(ValidationError) as info:
        validate(Shop, {**meta, "name": "鑫旺", "channel": "bar", "county_id": "c"})
    assert_error(info.value, "channel", "invalid_choice")
    assert info.value.entity == "shops"


# ---------------------------------------------------------------------------- required

REQUIRED = [
    ("shops", "name"),
    ("shops", "channel"),
    ("shops", "county_id"),
    ("owners", "name"),
    ("owners", "shop_id"),
    ("kocs", "name"),
    ("kocs", "county_id"),
    ("visits", "shop_id"),
    ("events", "kind"),
    ("events", "title"),
    ("events", "starts_at"),
    ("events", "ends_at"),
    ("interactions", "owner_id"),
    ("interactions", "date"),
    ("interactions", "kind"),
    ("order_lines", "product_id"),
    ("order_lines", "quantity"),
    ("counties", "name"),
    ("users", "name"),
    ("products", "name"),
    ("community_groups", "kind"),
    ("community_groups", "name"),
    ("invitations", "event_id"),
]
BLANKS = [
    pytest.param(MISSING, id="missing"),
    pytest.param("", id="empty"),
    pytest.param("   ", id="spaces"),
    pytest.param(None, id="none"),
]


@pytest.mark.parametrize("value", BLANKS)
@pytest.mark.parametrize(("table", "field"), REQUIRED)
def test_required_field_blank_or_missing(
    store: Store, make: Maker, table: str, field: str, value: Any
) -> None:
    data = with_value(base_data(make, table), field, value)
    assert_form(table, data, field, "required")
    err = refused(store, store.repo(table).create, **data)
    assert_error(err, field, "required")


@pytest.mark.parametrize("value", ["", "   ", None])
def test_blanking_a_required_field_on_update_is_refused(
    store: Store, make: Maker, value: Any
) -> None:
    shop = make.shop(name="鑫旺便利店")
    err = refused_update(store, "shops", shop.id, name=value)
    assert_error(err, "name", "required")


def test_visit_needs_a_planned_date_or_a_check_in(store: Store, make: Maker) -> None:
    data = make.data("visit", planned_date=None)
    assert_form("visits", data, "planned_date", "required")
    err = refused(store, store.visits.create, **data)
    assert_error(err, "planned_date", "required")
    visit = store.visits.create(**(data | {"checkin_at": "2026-11-24T02:00:00+00:00"}))
    assert visit.planned_date is None


def test_too_long_text(store: Store, make: Maker) -> None:
    err = refused(store, store.shops.create, **make.data("shop", name="店" * 201))
    assert_error(err, "name", "too_long")
    assert err.errors[0].params == {"max_length": 200, "length": 201}  # the message says both
    assert store.shops.create(**make.data("shop", name="店" * 200)).name == "店" * 200


# ---------------------------------------------------------------------------- mobile numbers

GOOD_MOBILES = [
    ("13812345678", "13812345678"),
    ("19912345678", "19912345678"),
    ("138 1234 5678", "13812345678"),
    ("138-1234-5678", "13812345678"),
    (" 13812345678 ", "13812345678"),
    ("+86 138 1234 5678", "13812345678"),
    ("+8613812345678", "13812345678"),
    ("+86-138-1234-5678", "13812345678"),
    ("0086 13812345678", "13812345678"),
    ("0086-13812345678", "13812345678"),
    ("(+86) 138 1234 5678", "13812345678"),
    ("138\u300012345678", "13812345678"),  # ideographic space from a Chinese IME
]
BAD_MOBILES = [
    "1381234567",  # 10 digits
    "138123456789",  # 12 digits
    "23812345678",  # starts with 2
    "12812345678",  # 1 then 2
    "10812345678",
    "1381234567a",
    "abcdefghijk",
    "138 1234 567",
    "+8713812345678",  # another country
    "86 13812345678",  # country code without + or 00
    "0138123456789",
    "138.1234.5678",
    "电话13812345678",
]
MOBILE_OWNERS = [
    pytest.param("owners", id="owner"),
    pytest.param("kocs", id="koc"),
    pytest.param("users", id="user"),
]


@pytest.mark.parametrize("table", MOBILE_OWNERS)
@pytest.mark.parametrize(("raw", "normalised"), GOOD_MOBILES)
def test_mobile_accepted_and_normalised(
    store: Store, make: Maker, table: str, raw: str, normalised: str
) -> None:
    data = base_data(make, table) | {"mobile": raw}
    assert check_form(ENTITY_BY_TABLE[table], data) == []
    row = store.repo(table).create(**data)
    assert row.mobile == normalised
    assert store.repo(table).get(row.id).mobile == normalised
    [insert] = [m for m in store.outbox.pending() if m.row_id == row.id]
    assert insert.changes["mobile"].new == normalised


@pytest.mark.parametrize("table", MOBILE_OWNERS)
@pytest.mark.parametrize("raw", BAD_MOBILES)
def test_mobile_rejected(store: Store, make: Maker, table: str, raw: str) -> None:
    data = base_data(make, table) | {"mobile": raw}
    assert_form(table, data, "mobile", "invalid_mobile")
    err = refused(store, store.repo(table).create, **data)
    assert_error(err, "mobile", "invalid_mobile")


@pytest.mark.parametrize("table", MOBILE_OWNERS)
def test_bad_mobile_on_update_leaves_row_unchanged(store: Store, make: Maker, table: str) -> None:
    row = store.repo(table).create(**(base_data(make, table) | {"mobile": "13812345678"}))
    err = refused_update(store, table, row.id, mobile="2381234567")
    assert_error(err, "mobile", "invalid_mobile")


def test_same_mobile_written_differently_is_no_change(store: Store, make: Maker) -> None:
    owner = make.owner(mobile="13812345678")
    dump = _dump(store)
    assert store.owners.update(owner.id, mobile="+86 138-1234-5678") == owner
    assert _dump(store) == dump


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param("１３８１２３４５６７８", id="fullwidth"),
        pytest.param("13８１２３４５６７８", id="half-fullwidth"),
        pytest.param("13٨١٢٣٤٥٦٧٨", id="arabic-indic"),
    ],
)
def test_mobile_with_non_ascii_digits_is_normalised_or_rejected(
    store: Store, make: Maker, raw: str
) -> None:
    """Digits typed in a full-width IME must never be stored as they are."""
    data = make.data("owner", mobile=raw)
    try:
        owner = store.owners.create(**data)
    except ValidationError as exc:
        assert_error(exc, "mobile", "invalid_mobile")
    else:
        assert owner.mobile == "13812345678"


_PHONE_CHARS = st.sampled_from(
    list("0123456789") * 4 + list(" -+()") + ["１", "３", "８", "٣", "\u3000", "a", "x"]
)
_PHONE_LIKE = st.one_of(
    st.text(_PHONE_CHARS, max_size=20),
    st.builds(
        lambda prefix, first, rest, sep: prefix + first + sep.join(rest),
        st.sampled_from(["", "+86", "+86 ", "0086", "0086-", "86", "+", "0"]),
        st.sampled_from(["1", "13", "15", "19", "12", "2"]),
        st.lists(st.text(_PHONE_CHARS, min_size=1, max_size=4), max_size=5),
        st.sampled_from(["", " ", "-"]),
    ),
)


@settings(max_examples=400, deadline=None)
@given(raw=st.one_of(st.text(), _PHONE_LIKE))
@example(raw="13８１２３４５６７８")
@example(raw="+86 138 1234 5678")
def test_mobile_validation_rejects_or_yields_eleven_ascii_digits(raw: str) -> None:
    meta = {"id": "u1", "created_at": "2026-11-24T01:00:00Z", "updated_at": "2026-11-24T01:00:00Z"}
    try:
        user = validate(User, {**meta, "name": "李娜", "mobile": raw})
    except ValidationError as exc:
        assert exc.errors == [FieldError("mobile", "invalid_mobile")]
        return
    if raw.strip() == "":
        assert user.mobile is None
    else:
        assert user.mobile is not None
        assert ASCII_MOBILE.fullmatch(user.mobile), repr(user.mobile)


# ---------------------------------------------------------------------------- shop phone

GOOD_LANDLINES = [
    "0371-66001234",
    "010-12345678",
    "010-62345678",
    "021-62345678",
    "0371 6600 1234",
    "0371-66001234-801",
    "0371-6600123",  # 7-digit local number
    "(0371)66001234",
    "037166001234",
]
GOOD_SHOP_MOBILES = [
    ("13812345678", "13812345678"),
    ("138 1234 5678", "13812345678"),
    ("+86 138-1234-5678", "13812345678"),
]
BAD_PHONES = [
    "abc",
    "123",
    "0371-1234",
    "0371-06001234",
    "0371-66001234-",
    "0371-66001234x",
    "1381234567",
    "23812345678",
    "12345678901234567890",
    "电话",
    "0371--66001234",
]


@pytest.mark.parametrize("raw", GOOD_LANDLINES)
def test_shop_phone_accepts_landlines(store: Store, make: Maker, raw: str) -> None:
    data = make.data("shop", phone=raw)
    assert check_form(Shop, data) == []
    shop = store.shops.create(**data)
    assert shop.phone is not None
    assert re.sub(r"\D", "", shop.phone) == re.sub(r"\D", "", raw)


@pytest.mark.parametrize(("raw", "normalised"), GOOD_SHOP_MOBILES)
def test_shop_phone_accepts_mobiles_normalised(
    store: Store, make: Maker, raw: str, normalised: str
) -> None:
    assert store.shops.create(**make.data("shop", phone=raw)).phone == normalised


@pytest.mark.parametrize("raw", BAD_PHONES)
def test_shop_phone_rejects_garbage(store: Store, make: Maker, raw: str) -> None:
    data = make.data("shop", phone=raw)
    assert_form("shops", data, "phone", "invalid_phone")
    err = refused(store, store.shops.create, **data)
    assert_error(err, "phone", "invalid_phone")


def test_shop_phone_garbage_on_update(store: Store, make: Maker) -> None:
    shop = make.shop(phone="0371-66001234")
    assert_error(refused_update(store, "shops", shop.id, phone="call me"), "phone", "invalid_phone")


def test_blank_phone_clears_it(store: Store, make: Maker) -> None:
    shop = make.shop(phone="0371-66001234")
    assert store.shops.update(shop.id, phone="  ").phone is None


# ---------------------------------------------------------------------------- WeChat id

GOOD_WECHAT = ["wxid_abc123", "Zhang-San_88", "abcdef", "a" * 20, "13812345678"]
BAD_WECHAT = ["abc12", "1abcdef", "_abcdef", "张三的微信", "a" * 21, "wx id123", "wx@id123"]


@pytest.mark.parametrize("table", ["owners", "kocs"])
@pytest.mark.parametrize("raw", GOOD_WECHAT)
def test_wechat_accepted(store: Store, make: Maker, table: str, raw: str) -> None:
    row = store.repo(table).create(**(base_data(make, table) | {"wechat": f" {raw} "}))
    assert row.wechat == raw


@pytest.mark.parametrize("table", ["owners", "kocs"])
@pytest.mark.parametrize("raw", BAD_WECHAT)
def test_wechat_rejected(store: Store, make: Maker, table: str, raw: str) -> None:
    data = base_data(make, table) | {"wechat": raw}
    assert_form(table, data, "wechat", "invalid_wechat")
    assert_error(refused(store, store.repo(table).create, **data), "wechat", "invalid_wechat")


# ---------------------------------------------------------------------------- visit times

T = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "delta", [timedelta(minutes=-30), timedelta(0)], ids=["earlier", "same-time"]
)
def test_check_out_must_follow_check_in(store: Store, make: Maker, delta: timedelta) -> None:
    visit = make.visit()
    store.visits.check_in(visit.id, T)
    err = refused_update(store, "visits", visit.id, checkout_at=T + delta)
    assert_error(err, "checkout_at", "checkout_before_checkin")
    err = refused(store, store.visits.check_out, visit.id, T + delta)
    assert_error(err, "checkout_at", "checkout_before_checkin")
    assert store.visits.get(visit.id).checkout_at is None
    done = store.visits.check_out(visit.id, T + timedelta(minutes=20))
    assert done.checkout_at == T + timedelta(minutes=20)


def test_check_out_without_check_in(store: Store, make: Maker) -> None:
    visit = make.visit()
    err = refused(store, store.visits.check_out, visit.id, T)
    assert_error(err, "checkout_at", "checkout_without_checkin")
    data = make.data("visit", checkout_at=T.isoformat())
    assert_form("visits", data, "checkout_at", "checkout_without_checkin")
    assert_error(
        refused(store, store.visits.create, **data), "checkout_at", "checkout_without_checkin"
    )


def test_check_in_moved_after_check_out(store: Store, make: Maker) -> None:
    visit = make.visit(checkin_at=T, checkout_at=T + timedelta(hours=1))
    err = refused_update(store, "visits", visit.id, checkin_at=T + timedelta(hours=2))
    assert_error(err, "checkout_at", "checkout_before_checkin")
    err = refused_update(store, "visits", visit.id, checkin_at=None)
    assert_error(err, "checkout_at", "checkout_without_checkin")


def test_check_times_compare_across_time_zones(store: Store, make: Maker) -> None:
    # 16:30 in Beijing is 08:30 UTC: before a 09:00 UTC check-in.
    data = make.data(
        "visit", checkin_at="2026-11-24T09:00:00+00:00", checkout_at="2026-11-24T16:30:00+08:00"
    )
    assert_form("visits", data, "checkout_at", "checkout_before_checkin")
    err = refused(store, store.visits.create, **data)
    assert_error(err, "checkout_at", "checkout_before_checkin")


# ---------------------------------------------------------------------------- event times


@pytest.mark.parametrize(
    ("starts", "ends"),
    [
        ("2026-11-28T12:00:00+00:00", "2026-11-28T10:00:00+00:00"),
        ("2026-11-28T10:00:00+00:00", "2026-11-28T10:00:00+00:00"),
        ("2026-11-28T10:00:00+00:00", "2026-11-28T17:00:00+08:00"),  # 09:00 UTC
    ],
    ids=["earlier", "same", "other-zone"],
)
def test_event_must_end_after_it_starts(store: Store, make: Maker, starts: str, ends: str) -> None:
    data = make.data("event", starts_at=starts, ends_at=ends)
    assert_form("events", data, "ends_at", "end_before_start")
    assert_error(refused(store, store.events.create, **data), "ends_at", "end_before_start")


def test_event_start_moved_past_its_end(store: Store, make: Maker) -> None:
    event = make.event()
    err = refused_update(store, "events", event.id, starts_at="2026-11-28T13:00:00+00:00")
    assert_error(err, "ends_at", "end_before_start")


# ---------------------------------------------------------------------------- levels 1-5

LEVEL_FIELDS = [
    ("kocs", "trait_acquaintances"),
    ("kocs", "trait_trying"),
    ("kocs", "trait_sharing"),
    ("kocs", "trait_expertise"),
    ("owners", "level"),
    ("interactions", "level_after"),
    ("visits", "relationship_level"),
    ("invitations", "feedback"),
]


def _level_data(make: Maker, table: str, field: str, value: Any) -> dict[str, Any]:
    data = base_data(make, table) | {field: value}
    if table == "invitations":
        data["status"] = "attended"
    return data


@pytest.mark.parametrize(
    ("value", "code"),
    [(0, "out_of_range"), (6, "out_of_range"), (-1, "out_of_range"), ("abc", "not_a_number")],
)
@pytest.mark.parametrize(("table", "field"), LEVEL_FIELDS)
def test_level_out_of_range_or_not_a_number(
    store: Store, make: Maker, table: str, field: str, value: Any, code: str
) -> None:
    data = _level_data(make, table, field, value)
    assert_form(table, data, field, code)
    assert_error(refused(store, store.repo(table).create, **data), field, code)


@pytest.mark.parametrize("value", [1, 5, "3"])
@pytest.mark.parametrize(("table", "field"), LEVEL_FIELDS)
def test_level_in_range_accepted(
    store: Store, make: Maker, table: str, field: str, value: Any
) -> None:
    row = store.repo(table).create(**_level_data(make, table, field, value))
    assert getattr(row, field) == int(value)


def test_level_on_update_and_interaction_leaves_owner_level(store: Store, make: Maker) -> None:
    owner = make.owner(level=2)
    assert_error(refused_update(store, "owners", owner.id, level=6), "level", "out_of_range")
    data = {"owner_id": owner.id, "date": "2026-11-20", "kind": "tasting", "level_after": 0}
    assert_error(refused(store, store.interactions.create, **data), "level_after", "out_of_range")
    assert store.owners.get(owner.id).level == 2


def test_level_must_be_whole(store: Store, make: Maker) -> None:
    err = refused(store, store.kocs.create, **make.data("koc", trait_sharing=2.5))
    assert_error(err, "trait_sharing", "not_a_whole_number")


# ---------------------------------------------------------------------------- positive counts

POSITIVE = [
    ("events", "capacity"),
    ("community_groups", "size"),
    ("counties", "koc_target"),
    ("photos", "size"),
]


@pytest.mark.parametrize("value", [0, -1, -100])
@pytest.mark.parametrize(("table", "field"), POSITIVE)
def test_counts_must_be_positive(
    store: Store, make: Maker, table: str, field: str, value: int
) -> None:
    data = base_data(make, table) | {field: value}
    assert_form(table, data, field, "out_of_range")
    err = refused(store, store.repo(table).create, **data)
    assert_error(err, field, "out_of_range")
    assert err.errors[0].params.get("ge") == 1


@pytest.mark.parametrize(("table", "field"), POSITIVE)
def test_count_of_one_is_fine(store: Store, make: Maker, table: str, field: str) -> None:
    assert getattr(store.repo(table).create(**(base_data(make, table) | {field: 1})), field) == 1


def test_quantity_zero_on_update(store: Store, make: Maker) -> None:
    line = store.order_lines.create(**base_data(make, "order_lines"))
    assert_error(refused_update(store, "order_lines", line.id, quantity=0), "quantity", "not_zero")
    assert_error(
        refused_update(store, "order_lines", line.id, quantity=1_000_001),
        "quantity",
        "out_of_range",
    )
    assert_error(
        refused_update(store, "order_lines", line.id, quantity="x"), "quantity", "not_a_number"
    )


@pytest.mark.parametrize(
    ("table", "field"), [("products", "price"), ("events", "budget"), ("order_lines", "unit_price")]
)
def test_money_never_negative(store: Store, make: Maker, table: str, field: str) -> None:
    data = base_data(make, table) | {field: -0.01}
    assert_error(refused(store, store.repo(table).create, **data), field, "out_of_range")
    assert getattr(store.repo(table).create(**(data | {field: 0})), field) == 0


# ---------------------------------------------------------------------------- references

REFERENCES = [
    ("shops", "county_id"),
    ("shops", "rep_id"),
    ("owners", "shop_id"),
    ("kocs", "county_id"),
    ("kocs", "rep_id"),
    ("kocs", "source_visit_id"),
    ("kocs", "source_event_id"),
    ("visits", "shop_id"),
    ("events", "venue_shop_id"),
    ("interactions", "owner_id"),
    ("order_lines", "visit_id"),
    ("order_lines", "product_id"),
    ("event_products", "event_id"),
    ("event_products", "product_id"),
    ("koc_shops", "koc_id"),
    ("koc_shops", "shop_id"),
    ("community_groups", "admin_koc_id"),
    ("community_groups", "county_id"),
    ("invitations", "event_id"),
    ("invitations", "koc_id"),
    ("users", "team_id"),
    ("photos", "shop_id"),
]


@pytest.mark.parametrize(("table", "field"), REFERENCES)
def test_reference_to_made_up_id(store: Store, make: Maker, table: str, field: str) -> None:
    data = base_data(make, table) | {field: "no-such-row"}
    assert check_form(ENTITY_BY_TABLE[table], data) == []  # only the store can tell
    assert_error(refused(store, store.repo(table).create, **data), field, "not_found")


def test_reference_to_deleted_county(store: Store, make: Maker) -> None:
    gone = make.county()
    with as_head_office(store):
        store.counties.delete(gone.id)
    err = refused(store, store.shops.create, **make.data("shop", county_id=gone.id))
    assert_error(err, "county_id", "not_found")
    err = refused(store, store.kocs.create, **make.data("koc", county_id=gone.id))
    assert_error(err, "county_id", "not_found")
    shop = make.shop()
    assert_error(
        refused_update(store, "shops", shop.id, county_id=gone.id), "county_id", "not_found"
    )


def test_reference_to_deleted_shop_and_product(store: Store, make: Maker) -> None:
    shop = make.shop()
    store.shops.delete(shop.id)
    assert_error(
        refused(store, store.visits.create, **make.data("visit", shop_id=shop.id)),
        "shop_id",
        "not_found",
    )
    assert_error(
        refused(store, store.owners.create, **make.data("owner", shop_id=shop.id)),
        "shop_id",
        "not_found",
    )
    product = make.product()
    with as_head_office(store):
        store.products.delete(product.id)
    data = base_data(make, "order_lines") | {"product_id": product.id}
    assert_error(refused(store, store.order_lines.create, **data), "product_id", "not_found")


def test_reference_to_made_up_id_on_update(store: Store, make: Maker) -> None:
    shop = make.shop()
    err = refused_update(store, "shops", shop.id, county_id="no-such-county")
    assert_error(err, "county_id", "not_found")
    err = refused_update(store, "shops", shop.id, rep_id="no-such-user")
    assert_error(err, "rep_id", "not_found")


def test_reference_of_the_wrong_kind(store: Store, make: Maker) -> None:
    shop = make.shop()
    # a shop id is no county id
    err = refused(store, store.kocs.create, **make.data("koc", county_id=shop.id))
    assert_error(err, "county_id", "not_found")


# ---------------------------------------------------------------------------- shop code


def test_shop_code_must_be_unique_among_live_shops(store: Store, make: Maker) -> None:
    make.shop(code="HN-001")
    for code in ("HN-001", " HN-001 "):
        err = refused(store, store.shops.create, **make.data("shop", code=code, name="另一家"))
        assert_error(err, "code", "duplicate")


def test_shop_code_taken_on_update(store: Store, make: Maker) -> None:
    make.shop(code="HN-001")
    other = make.shop(code="HN-002")
    assert_error(refused_update(store, "shops", other.id, code="HN-001"), "code", "duplicate")


def test_deleted_shops_code_may_be_reused(store: Store, make: Maker) -> None:
    old = make.shop(code="HN-001")
    store.shops.delete(old.id)
    new = make.shop(code="HN-001", name="新店")
    assert new.code == "HN-001"
    other = make.shop(code="HN-002")
    store.shops.delete(new.id)
    assert store.shops.update(other.id, code="HN-001").code == "HN-001"


def test_shop_keeps_its_own_code_when_edited(store: Store, make: Maker) -> None:
    shop = make.shop(code="HN-001")
    make.shop(code="HN-002")
    shop = store.shops.update(shop.id, name="鑫旺超市", tier="A")
    shop = store.shops.update(shop.id, code="HN-001", phone="0371-66001234")
    assert (shop.code, shop.name, shop.tier) == ("HN-001", "鑫旺超市", "A")


def test_shops_without_code_do_not_clash(store: Store, make: Maker) -> None:
    make.shop(code=None)
    make.shop(code="")
    make.shop()
    assert store.shops.count(where={"code": None}) == 3


# ---------------------------------------------------------------------------- KOC consent

CONSENT_AT = "2026-11-20T08:00:00+00:00"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"consent_method": "verbal"}, [("consent_at", "consent_incomplete")]),
        ({"consent_at": CONSENT_AT}, [("consent_method", "consent_incomplete")]),
        (
            {},
            [("consent_at", "consent_incomplete"), ("consent_method", "consent_incomplete")],
        ),
    ],
    ids=["no-time", "no-method", "neither"],
)
def test_koc_consent_incomplete(
    store: Store, make: Maker, fields: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    data = make.data("koc", consent=True, **fields)
    assert [(e.field, e.code) for e in check_form(Koc, data)] == expected
    err = refused(store, store.kocs.create, **data)
    assert [(e.field, e.code) for e in err.errors] == expected
    koc = make.koc(**fields)
    err = refused_update(store, "kocs", koc.id, consent=True)
    assert (err.field, err.field_code) == expected[0]


def test_koc_consent_complete(store: Store, make: Maker) -> None:
    koc = make.koc(consent=True, consent_at=CONSENT_AT, consent_method="wechat")
    assert koc.consent and koc.consent_method == "wechat"
    assert make.koc(consent=False).consent is False


def test_koc_consent_details_cannot_be_dropped(store: Store, make: Maker) -> None:
    koc = make.koc(consent=True, consent_at=CONSENT_AT, consent_method="verbal")
    err = refused_update(store, "kocs", koc.id, consent_method=None)
    assert_error(err, "consent_method", "consent_incomplete")


# ---------------------------------------------------------------------------- invitations


def test_invitation_needs_exactly_one_invitee(store: Store, make: Maker) -> None:
    event, koc, owner = make.event(), make.koc(), make.owner()
    for people in ({}, {"koc_id": koc.id, "owner_id": owner.id}):
        data = {"event_id": event.id, **people}
        assert_form("invitations", data, "koc_id", "one_invitee")
        assert_error(refused(store, store.invitations.create, **data), "koc_id", "one_invitee")
    inv = make.invitation(event_id=event.id, koc_id=koc.id)
    err = refused_update(store, "invitations", inv.id, owner_id=owner.id)
    assert_error(err, "koc_id", "one_invitee")


@pytest.mark.parametrize("person", ["koc_id", "owner_id"])
def test_duplicate_invitation(store: Store, make: Maker, person: str) -> None:
    event = make.event()
    invitee = make.koc().id if person == "koc_id" else make.owner().id
    first = make.invitation(event_id=event.id, **{person: invitee})
    err = refused(store, store.invitations.create, event_id=event.id, **{person: invitee})
    assert_error(err, person, "duplicate")
    # the same person may go to another event, and be invited again once un-invited
    make.invitation(event_id=make.event().id, **{person: invitee})
    store.invitations.delete(first.id)
    make.invitation(event_id=event.id, **{person: invitee})


def test_invitation_changed_to_someone_already_invited(store: Store, make: Maker) -> None:
    event, a, b = make.event(), make.koc(name="甲"), make.koc(name="乙")
    make.invitation(event_id=event.id, koc_id=a.id)
    inv_b = make.invitation(event_id=event.id, koc_id=b.id)
    assert_error(refused_update(store, "invitations", inv_b.id, koc_id=a.id), "koc_id", "duplicate")


@pytest.mark.parametrize("status", ["invited", "confirmed", "no_show"])
def test_feedback_only_when_attended(store: Store, make: Maker, status: str) -> None:
    data = make.data("invitation", status=status, feedback=4)
    assert_form("invitations", data, "feedback", "feedback_needs_attendance")
    err = refused(store, store.invitations.create, **data)
    assert_error(err, "feedback", "feedback_needs_attendance")
    inv = make.invitation(status="attended", feedback=4)
    err = refused_update(store, "invitations", inv.id, status=status)
    assert_error(err, "feedback", "feedback_needs_attendance")


def test_feedback_when_attended(store: Store, make: Maker) -> None:
    inv = make.invitation()
    inv = store.invitations.update(inv.id, status="attended", feedback=5)
    assert (inv.status, inv.feedback) == ("attended", 5)


# ---------------------------------------------------------------------------- photos


def test_photo_attached_to_exactly_one_thing(store: Store, make: Maker) -> None:
    shop, visit, event = make.shop(), make.visit(), make.event()
    for attached in (
        {},
        {"shop_id": shop.id, "visit_id": visit.id},
        {"shop_id": shop.id, "event_id": event.id},
        {"shop_id": shop.id, "visit_id": visit.id, "event_id": event.id},
    ):
        data = {"sha256": SHA, "size": 1000, **attached}
        assert_form("photos", data, "visit_id", "one_attachment")
        assert_error(refused(store, store.photos.create, **data), "visit_id", "one_attachment")
    photo = store.photos.create(sha256=SHA, size=1000, event_id=event.id)
    err = refused_update(store, "photos", photo.id, shop_id=shop.id)
    assert_error(err, "visit_id", "one_attachment")
    err = refused_update(store, "photos", photo.id, event_id=None)
    assert_error(err, "visit_id", "one_attachment")


def test_photo_hash_and_type(store: Store, make: Maker) -> None:
    data = base_data(make, "photos")
    assert_error(
        refused(store, store.photos.create, **(data | {"sha256": "xyz"})),
        "sha256",
        "invalid_format",
    )
    assert_error(
        refused(store, store.photos.create, **(data | {"mime": "image/gif"})),
        "mime",
        "invalid_format",
    )


# ---------------------------------------------------------------------------- GPS


@pytest.mark.parametrize(
    ("gps", "field"),
    [({"latitude": 34.75}, "longitude"), ({"longitude": 113.62}, "latitude")],
    ids=["latitude-only", "longitude-only"],
)
def test_gps_both_or_neither(store: Store, make: Maker, gps: dict[str, float], field: str) -> None:
    data = make.data("shop", **gps)
    assert_form("shops", data, field, "gps_incomplete")
    assert_error(refused(store, store.shops.create, **data), field, "gps_incomplete")


def test_gps_cleared_halfway_on_update(store: Store, make: Maker) -> None:
    shop = make.shop(latitude=34.75, longitude=113.62)
    err = refused_update(store, "shops", shop.id, latitude=None)
    assert_error(err, "latitude", "gps_incomplete")
    cleared = store.shops.update(shop.id, latitude=None, longitude=None)
    assert (cleared.latitude, cleared.longitude) == (None, None)


@pytest.mark.parametrize(
    ("gps", "field", "code"),
    [
        ({"latitude": 91, "longitude": 113.6}, "latitude", "out_of_range"),
        ({"latitude": 34.7, "longitude": -181}, "longitude", "out_of_range"),
        ({"latitude": "north", "longitude": 113.6}, "latitude", "not_a_number"),
    ],
)
def test_gps_values(store: Store, make: Maker, gps: dict[str, Any], field: str, code: str) -> None:
    assert_error(refused(store, store.shops.create, **make.data("shop", **gps)), field, code)


# ---------------------------------------------------------------------------- unknown and meta


@pytest.mark.parametrize("field", ["nme", "owner_name", "search_pinyin", "search_initials"])
def test_unknown_field(store: Store, make: Maker, field: str) -> None:
    data = make.data("shop", **{field: "x"})
    assert_form("shops", data, field, "unknown_field")
    assert_error(refused(store, store.shops.create, **data), field, "unknown_field")
    shop = make.shop()
    assert_error(refused_update(store, "shops", shop.id, **{field: "x"}), field, "unknown_field")


@pytest.mark.parametrize("field", META_FIELDS)
def test_meta_fields_are_read_only_on_update(store: Store, make: Maker, field: str) -> None:
    shop = make.shop()
    value: Any = {"deleted": True, "version": 7}.get(field, "2026-01-01T00:00:00+00:00")
    if field in ("id", "created_by", "updated_by"):
        value = "someone-else"
    assert_error(refused_update(store, "shops", shop.id, **{field: value}), field, "read_only")


@pytest.mark.parametrize("field", [f for f in META_FIELDS if f != "id"])
def test_meta_fields_are_read_only_on_create(store: Store, make: Maker, field: str) -> None:
    value: Any = {"deleted": True, "version": 7}.get(field, "x")
    err = refused(store, store.shops.create, **make.data("shop", **{field: value}))
    assert_error(err, field, "read_only")


def test_meta_read_only_also_on_other_tables(store: Store, make: Maker) -> None:
    koc = make.koc()
    assert_error(refused_update(store, "kocs", koc.id, version=3), "version", "read_only")
    visit = make.visit()
    assert_error(refused_update(store, "visits", visit.id, deleted=True), "deleted", "read_only")


def test_client_id_must_be_new(store: Store, make: Maker) -> None:
    shop = make.shop()
    err = refused(store, store.shops.create, id=shop.id, **make.data("shop"))
    assert_error(err, "id", "duplicate")


# ---------------------------------------------------------------------------- enum values

ENUMS = [
    ("shops", "channel", "bar"),
    ("shops", "tier", "D"),
    ("shops", "cloud_store", "big"),
    ("kocs", "stage", "famous"),
    ("kocs", "consent_method", "telepathy"),
    ("events", "kind", "party"),
    ("events", "status", "maybe"),
    ("visits", "check_display", "great"),
    ("visits", "check_stock", "plenty"),
    ("visits", "check_price", "cheap"),
    ("visits", "check_competitor", "many"),
    ("visits", "review_status", "pending"),
    ("users", "role", "boss"),
    ("interactions", "kind", "dance"),
    ("community_groups", "kind", "gaming"),
    ("invitations", "status", "maybe"),
]


@pytest.mark.parametrize(("table", "field", "value"), ENUMS)
def test_enum_values(store: Store, make: Maker, table: str, field: str, value: str) -> None:
    data = base_data(make, table) | {field: value}
    assert_form(table, data, field, "invalid_choice")
    assert_error(refused(store, store.repo(table).create, **data), field, "invalid_choice")


def test_enum_value_on_update(store: Store, make: Maker) -> None:
    shop = make.shop(tier="B")
    assert_error(refused_update(store, "shops", shop.id, tier="S"), "tier", "invalid_choice")
    assert_error(refused_update(store, "shops", shop.id, tier=4), "tier", "invalid_choice")


def test_bool_field(store: Store, make: Maker) -> None:
    err = refused(store, store.kocs.create, **make.data("koc", consent="perhaps"))
    assert_error(err, "consent", "invalid_choice")


# ---------------------------------------------------------------------------- dates and times

BAD_DATES = [
    ("owners", "birthday", "not a date"),
    ("owners", "birthday", "1985-13-01"),
    ("owners", "birthday", "1985-02-30"),
    ("interactions", "date", "yesterday"),
    ("interactions", "date", "24/11/2026"),
    ("visits", "planned_date", "2026-11-31"),
    ("koc_shops", "introduced_at", "soon"),
]
BAD_DATETIMES = [
    ("visits", "checkin_at", "garbage"),
    ("visits", "checkin_at", "2026-02-30T10:00:00"),
    ("visits", "checkin_at", "2026-11-24T25:00:00"),
    ("events", "starts_at", "tomorrow"),
    ("events", "ends_at", "2026-11-28 noon"),
    ("kocs", "consent_at", "last week"),
    ("photos", "taken_at", "??"),
]


@pytest.mark.parametrize(("table", "field", "value"), BAD_DATES)
def test_garbage_date(store: Store, make: Maker, table: str, field: str, value: str) -> None:
    data = base_data(make, table) | {field: value}
    assert_form(table, data, field, "invalid_date")
    assert_error(refused(store, store.repo(table).create, **data), field, "invalid_date")


@pytest.mark.parametrize(("table", "field", "value"), BAD_DATETIMES)
def test_garbage_datetime(store: Store, make: Maker, table: str, field: str, value: str) -> None:
    data = base_data(make, table) | {field: value}
    if table == "kocs":
        data |= {"consent": True, "consent_method": "verbal"}
    assert_form(table, data, field, "invalid_datetime")
    assert_error(refused(store, store.repo(table).create, **data), field, "invalid_datetime")


def test_garbage_datetime_on_update(store: Store, make: Maker) -> None:
    visit = make.visit()
    err = refused_update(store, "visits", visit.id, checkin_at="half past nine")
    assert_error(err, "checkin_at", "invalid_datetime")
    owner = make.owner()
    assert_error(
        refused_update(store, "owners", owner.id, birthday="1985-00-10"), "birthday", "invalid_date"
    )


def test_birthday_in_the_future_or_too_old(store: Store, make: Maker) -> None:
    for day in ("2999-01-01", "1800-05-05"):
        data = make.data("owner", birthday=day)
        assert_form("owners", data, "birthday", "out_of_range")
        assert_error(refused(store, store.owners.create, **data), "birthday", "out_of_range")
    assert make.owner(birthday="1975-06-01").birthday.isoformat() == "1975-06-01"


def test_a_naive_datetime_text_is_refused_a_naive_datetime_object_is_utc(
    store: Store, make: Maker
) -> None:
    # One form on the wire and in the store (fieldapp.values): a text says its offset.
    data = base_data(make, "visits") | {"checkin_at": "2026-11-24T09:00:00"}
    assert_error(refused(store, store.visits.create, **data), "checkin_at", "invalid_datetime")
    visit = make.visit(checkin_at=datetime(2026, 11, 24, 9, 0))
    assert visit.checkin_at == T
    other = make.visit(checkin_at="2026-11-24T17:00:00+08:00")
    assert other.checkin_at == T


# Values the probe got applied at head office; each must be refused on the device.
POISON = [
    ("shops", "name", "鑫旺\x00便利店", "invalid_character"),
    ("shops", "notes", "line\x1bescape", "invalid_character"),
    ("shops", "address", "lone \ud800 surrogate", "invalid_character"),
    ("photos", "caption", "cap\x00tion", "invalid_character"),
    ("visits", "checkin_at", "9999-12-31T23:59:59-14:00", "out_of_range"),
    ("visits", "checkin_at", "0001-01-01T00:00:00+14:00", "out_of_range"),
    ("visits", "checkin_at", "1969-12-31T23:59:59+00:00", "out_of_range"),
    ("events", "starts_at", "2026-11-24 09:00:00+00:00", "invalid_datetime"),
    ("interactions", "date", "2024-W01-1", "invalid_date"),
    ("interactions", "date", "20240501", "invalid_date"),
    ("interactions", "date", "20240501xx", "invalid_date"),
    ("owners", "birthday", "１９８５-０１-０１", "invalid_date"),
    ("visits", "planned_date", "2101-01-01", "out_of_range"),
]


@pytest.mark.parametrize(("table", "field", "value", "code"), POISON)
def test_poison_values_are_refused_with_a_code(
    store: Store, make: Maker, table: str, field: str, value: str, code: str
) -> None:
    data = base_data(make, table) | {field: value}
    assert_form(table, data, field, code)
    assert_error(refused(store, store.repo(table).create, **data), field, code)


def test_tab_and_line_breaks_are_text() -> None:
    from fieldapp import values

    assert values.text_problem("a\tb\nc\r\nd") is None
    assert values.text_problem("a\x7fb") is None  # DEL is no C0 control
    assert values.text_problem("\x0b") == "invalid_character"


# ---------------------------------------------------------------------------- visit review


def test_submit_before_check_out(store: Store, make: Maker) -> None:
    visit = make.visit()
    assert_error(
        refused(store, store.visits.submit, visit.id), "review_status", "visit_not_finished"
    )
    store.visits.check_in(visit.id, T)
    assert_error(
        refused(store, store.visits.submit, visit.id), "review_status", "visit_not_finished"
    )
    store.visits.check_out(visit.id, T + timedelta(minutes=25))
    assert store.visits.submit(visit.id).review_status == "submitted"


@pytest.mark.parametrize("status", ["submitted", "approved"])
def test_unfinished_visit_cannot_be_submitted_or_approved(
    store: Store, make: Maker, status: str
) -> None:
    data = make.data("visit", checkin_at=T, review_status=status)
    assert_form("visits", data, "review_status", "visit_not_finished")
    err = refused(store, store.visits.create, **data)
    assert_error(err, "review_status", "visit_not_finished")
    visit = make.visit(checkin_at=T)
    err = refused_update(store, "visits", visit.id, review_status=status)
    assert_error(err, "review_status", "visit_not_finished")


def test_submitted_visit_cannot_be_submitted_again(store: Store, make: Maker) -> None:
    visit = make.visit(checkin_at=T, checkout_at=T + timedelta(minutes=10))
    store.visits.submit(visit.id)
    assert_error(refused(store, store.visits.submit, visit.id), "review_status", "not_editable")


@pytest.mark.parametrize("comment", [MISSING, None, "", "   "])
def test_returned_review_needs_a_comment(store: Store, make: Maker, comment: Any) -> None:
    visit = make.visit(checkin_at=T, checkout_at=T + timedelta(minutes=10))
    store.visits.submit(visit.id)
    changes = with_value({"review_status": "returned"}, "supervisor_comment", comment)
    assert_error(
        refused_update(store, "visits", visit.id, **changes), "supervisor_comment", "required"
    )
    data = {"shop_id": visit.shop_id, "planned_date": "2026-11-24", **changes}
    assert_form("visits", data, "supervisor_comment", "required")
    returned = store.visits.update(
        visit.id, review_status="returned", supervisor_comment="陈列照片不清楚，请补拍"
    )
    assert returned.review_status == "returned"
    assert store.visits.submit(visit.id).review_status == "submitted"


def test_visit_form_is_fine_when_complete() -> None:
    data = {
        "shop_id": "s",
        "checkin_at": "2026-11-24T09:00:00+08:00",
        "checkout_at": "2026-11-24T09:40:00+08:00",
        "check_display": "good",
        "relationship_level": 4,
        "review_status": "submitted",
    }
    assert check_form(Visit, data) == []
    assert check_form(Owner, {"shop_id": "s", "name": "王建国", "mobile": "138 1234 5678"}) == []
