"""Import a cloud-store platform's order export (.xlsx or .csv) into the store (issue 18).

The same three steps as the shop list, on the same reader and column mapping
(``import_shops``: :func:`read_table`, :class:`Columns`, :class:`Problem`, the file errors
and bounds), so both take Chinese or English headers and report problems alike:

1. :func:`read` reads the first sheet (the header is the first top row naming two order
   fields).
2. ``ORDER_COLUMNS.guess`` maps the headers (订单号 / Order ID, 下单时间, 门店 …); unknown
   ones are left for the person (``--map``).
3. :func:`plan_import` checks every cell of every row: the order id (unique in the file),
   the time (a naive time is Beijing time, the platform's), the shop by its code (without
   regard to case) or its exact name (two shops of one name: ``ambiguous_shop``), the
   amount (¥, ``,`` and ``元`` allowed), the buyer reference (a mainland mobile number in
   any spelling is kept as its 11 digits, so it can match a consenting KOC's), the
   referrer code and the group name. It matches each row by order id against the live
   orders: ``create``, ``update`` (only the fields that really change; a person's
   attribution by hand is never touched), ``unchanged``, or ``invalid`` with its problems.
   :func:`apply_import` writes the plan through ``store.cloud_orders`` in one transaction:
   all rows or none, unless ``valid_only`` was chosen. Importing the same file twice
   writes nothing the second time.

Attribution is not stored by the import: it is computed when read (``fieldapp.store.loop``).
Threading: pure functions; the store passed in belongs to the calling thread.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field as dc_field
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import values
from ..kinds import BUSINESS_UTC_OFFSET
from ..model import CloudOrder, normalize_mobile
from ..validation import check_form
from .import_shops import (
    Action,
    Columns,
    ImportFileError as ImportFileError,
    ImportRefused as ImportRefused,
    ImportResult,
    MappingError as MappingError,
    Problem,
    Table,
    _as_number,
    _as_text,
    _Bad,
    key_rows,
    read_cells,
    read_table,
    write_plan,
)

if TYPE_CHECKING:
    from ..store import Store

#: Order fields a column can be mapped to, in the order a mapping step shows them.
FIELDS: tuple[str, ...] = (
    "order_no",
    "ordered_at",
    "shop",
    "items",
    "amount",
    "buyer_ref",
    "referrer_code",
    "group_name",
)
REQUIRED_FIELDS: tuple[str, ...] = ("order_no", "ordered_at", "shop", "amount")
#: The header word of each field (labels.HEADERS key).
FIELD_HEADER: dict[str, str] = {
    "order_no": "order_no",
    "ordered_at": "ordered_at",
    "shop": "shop",
    "items": "items",
    "amount": "amount",
    "buyer_ref": "buyer_ref",
    "referrer_code": "referrer_code",
    "group_name": "group_name",
}
_ALIASES: dict[str, tuple[str, ...]] = {
    "order_no": ("order_no", "orderid", "order_id", "orderno", "订单号", "订单编号", "订单id"),
    "ordered_at": (
        "ordered_at", "ordertime", "order_time", "time", "created", "createdat", "下单时间",
        "订单时间", "创建时间", "付款时间", "支付时间",
    ),
    "shop": (
        "shop", "store", "shopcode", "shop_code", "shopname", "门店", "门店编码", "门店名称",
        "店铺", "店铺名称", "云店", "所属门店",
    ),
    "items": ("items", "item", "goods", "products", "商品", "商品名称", "商品明细", "商品信息"),
    "amount": (
        "amount", "total", "paid", "payment", "金额", "订单金额", "实付金额", "实付款",
        "支付金额", "应付金额",
    ),
    "buyer_ref": (
        "buyer", "buyer_ref", "buyerphone", "buyer_phone", "phone", "mobile", "买家",
        "买家手机", "买家手机号", "收货人手机", "手机号", "会员",
    ),
    "referrer_code": (
        "referrer", "referrer_code", "referral", "referralcode", "推荐码", "推荐人",
        "推荐人编码", "分销员", "导购", "邀请码",
    ),
    "group_name": ("group", "group_name", "groupname", "community", "群", "群名", "群名称", "社群"),
}  # fmt: skip
#: The order export's columns (the shop list's mapping, with these fields).
ORDER_COLUMNS = Columns(FIELDS, REQUIRED_FIELDS, FIELD_HEADER, _ALIASES)
#: Fields an import writes (never ``koc_id``/``group_id``: a person's attribution).
_WRITTEN: tuple[str, ...] = (
    "order_no",
    "ordered_at",
    "shop_id",
    "items",
    "amount",
    "buyer_ref",
    "referrer_code",
    "group_name",
)
_STORE_FIELD = {"shop": "shop_id"}
_IMPORT_FIELD = {v: k for k, v in _STORE_FIELD.items()}


def read(path: str | Path) -> Table:
    """The first sheet of the export; raises :class:`ImportFileError`."""
    return read_table(path, guess=ORDER_COLUMNS.guess)


@dataclass(frozen=True)
class PlannedOrder:
    row: int
    order_no: str | None
    action: Action
    order_id: str | None = None  # the matched order (update/unchanged)
    changes: dict[str, Any] = dc_field(default_factory=dict)  # store field -> new value
    problems: tuple[Problem, ...] = ()


@dataclass
class OrderPlan:
    rows: list[PlannedOrder]
    mapping: dict[int, str]
    headers: list[str]
    #: An order names no county: always empty (the shop plan's fields, for one report).
    unknown_counties: tuple[str, ...] = ()
    new_counties: tuple[Any, ...] = ()

    def count(self, action: Action) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def problems(self) -> list[Problem]:
        return [p for r in self.rows for p in r.problems]

    @property
    def writes(self) -> int:
        return self.count("create") + self.count("update")


# --------------------------------------------------------------------------- cells

_MONEY_NOISE = re.compile(r"[¥￥,，元\s]|RMB|CNY", re.IGNORECASE)


def _as_moment(value: Any) -> str | None:
    """A UTC datetime text; a naive time is Beijing time (the platform's)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time())
    elif isinstance(value, str) and value.strip():
        text = unicodedata.normalize("NFKC", value).strip().replace("/", "-")
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise _Bad("invalid_datetime") from None
    elif isinstance(value, str):
        return None
    else:
        raise _Bad("invalid_datetime")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone(BUSINESS_UTC_OFFSET))
    try:
        return values.check_moment(moment).isoformat(timespec="seconds")
    except ValueError as exc:
        raise _Bad(str(exc)) from None


def _as_money(value: Any) -> float | None:
    if isinstance(value, str):
        value = _MONEY_NOISE.sub("", unicodedata.normalize("NFKC", value))
    return _as_number(value)


def _as_buyer(value: Any) -> str | None:
    text = _as_text(value)
    if text is None:
        return None
    try:
        found = normalize_mobile(text)
    except ValueError:  # pydantic's custom error is a ValueError
        return text
    return str(found) if found else text


class _Shops:
    """Live shops by code (lower case) and by name."""

    def __init__(self, shops: list[tuple[str, str | None, str]]) -> None:
        self.by_code: dict[str, str] = {}
        self.by_name: dict[str, list[str]] = {}
        for shop_id, code, name in shops:
            if code:
                self.by_code.setdefault(code.strip().lower(), shop_id)
            self.by_name.setdefault(name.strip(), []).append(shop_id)

    def find(self, value: Any) -> str:
        text = _as_text(value)
        if text is None:
            raise _Bad("required")
        found = self.by_code.get(text.lower())
        if found is not None:
            return found
        named = self.by_name.get(text, [])
        if len(named) == 1:
            return named[0]
        raise _Bad("ambiguous_shop" if named else "unknown_shop", value=text)


def _convert(fname: str, value: Any, shops: _Shops) -> Any:
    if fname == "ordered_at":
        return _as_moment(value)
    if fname == "amount":
        return _as_money(value)
    if fname == "shop":
        return shops.find(value)
    if fname == "buyer_ref":
        return _as_buyer(value)
    return _as_text(value)


# --------------------------------------------------------------------------- plan


def plan_import(
    store: Store,
    table: Table,
    mapping: Mapping[int, str],
    *,
    progress: Callable[[int, int], None] | None = None,
) -> OrderPlan:
    """Check every row and decide what it would do; writes nothing."""
    shops = [(s.id, s.code, s.name) for s in store.shops.list()]
    existing = {o.order_no: o for o in store.cloud_orders.list()}
    return plan_rows(table, mapping, shops=shops, existing=existing, progress=progress)


def plan_rows(
    table: Table,
    mapping: Mapping[int, str],
    *,
    shops: list[tuple[str, str | None, str]],
    existing: Mapping[str, CloudOrder],
    progress: Callable[[int, int], None] | None = None,
) -> OrderPlan:
    """:func:`plan_import` over given live shops (id, code, name) and live orders by id."""
    ORDER_COLUMNS.check(mapping)
    known = _Shops(shops)
    column_of = {fname: table.headers[i] for i, fname in mapping.items()}
    position = {fname: i for i, fname in mapping.items()}
    # An order id is the platform's, as written (``existing`` is keyed so too).
    numbers = key_rows(table, mapping, "order_no", ignore_case=False)

    def problem(number: int, fname: str, code: str, **params: Any) -> Problem:
        return Problem(number, column_of.get(fname, ""), fname, code, params, FIELD_HEADER[fname])

    planned: list[PlannedOrder] = []
    total = len(table.rows)
    for n, (number, cells) in enumerate(table.rows, 1):
        if progress is not None and not n % 500:
            progress(n, total)
        got, problems = read_cells(
            number,
            cells,
            mapping,
            lambda fname, raw: _convert(fname, raw, known),
            lambda row, fname, code, params: problem(row, fname, code, **params),
        )
        no = got.get("order_no")
        if no:
            others = [r for r in numbers.get(no, []) if r != number]
            if others:
                problems.append(problem(number, "order_no", "duplicate_order", row=others[0]))
        bad_fields = {p.field for p in problems}
        given = {_STORE_FIELD.get(f, f): v for f, v in got.items() if f not in bad_fields}
        current = existing.get(no) if no else None
        if current is None:
            errors = check_form(CloudOrder, given)
        else:
            keep = {k: v for k, v in current.data().items() if k not in given or given[k] is None}
            errors = check_form(
                CloudOrder, keep | {k: v for k, v in given.items() if v is not None}
            )
        for err in errors:
            fname = _IMPORT_FIELD.get(err.field, err.field)
            if fname in bad_fields or fname not in FIELD_HEADER:
                continue
            problems.append(problem(number, fname, err.code, **dict(err.params)))
        if problems:
            problems.sort(key=lambda p: position.get(p.field, len(position)))
            planned.append(
                PlannedOrder(
                    number, no, "invalid", current.id if current else None, {}, tuple(problems)
                )
            )
            continue
        if current is None:
            planned.append(PlannedOrder(number, no, "create", None, given))
            continue
        old = current.data()
        new = CloudOrder.model_validate(
            current.model_dump() | {k: v for k, v in given.items() if v is not None}
        ).data()
        changes = {k: new[k] for k in _WRITTEN if new[k] != old[k]}
        action: Action = "update" if changes else "unchanged"
        planned.append(PlannedOrder(number, no, action, current.id, changes))
    if progress is not None:
        progress(total, total)
    return OrderPlan(planned, dict(mapping), list(table.headers))


def apply_import(
    store: Store,
    plan: OrderPlan,
    *,
    valid_only: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Write the plan in one transaction through ``store.cloud_orders``.

    Raises :class:`ImportRefused` (nothing written) when rows are invalid and
    ``valid_only`` is false; a write the store refuses rolls everything back.
    """
    return write_plan(
        store.transaction(),
        plan.rows,
        target=lambda r: r.order_id,
        create=store.cloud_orders.create,
        update=store.cloud_orders.update,
        valid_only=valid_only,
        progress=progress,
    )
