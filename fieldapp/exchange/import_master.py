"""Plan a head-office county or product list (.xlsx or .csv) against the rows there are.

Head office's console (``sync.server.console``) uploads these lists; the file is read by
the shop import's reader (:func:`fieldapp.exchange.import_shops.read_table`: the same
encodings, bounds and refusals), each cell is converted and checked as a shop cell is
(``invalid_character``, ``not_a_number`` …), and each row is validated by the entity's
own model (:func:`fieldapp.validation.check_form`, the rule every device applies), so a
row the app would refuse is listed with its row number, column and code before anything
is written. Rows are matched with live ones: counties by province and name (by name
alone when the row gives no province and one county has it), products by code (without
regard to case) or, without a code, by name. An empty cell never clears a value.
Threading: pure functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field as dc_field
from typing import Any, Literal

from ..model import County, Entity, Product
from ..validation import check_form, field_errors
from . import labels
from .import_shops import (
    BAD_CHARACTER,
    MappingError,
    Problem,
    Table,
    _as_number,
    _as_text,
    _Bad,
    _norm_header,
)

Kind = Literal["counties", "products"]

#: Fields a column maps to, per list, in the order a preview shows them.
FIELDS: dict[str, tuple[str, ...]] = {
    "counties": ("name", "province", "prefecture", "koc_target"),
    "products": ("code", "name", "category", "unit", "price"),
}
REQUIRED: dict[str, tuple[str, ...]] = {"counties": ("name",), "products": ("name",)}
NUMBERS = {"koc_target", "price"}
MODEL: dict[str, type[Entity]] = {"counties": County, "products": Product}

_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "counties": {
        "name": ("name", "county", "district", "区县", "县区", "区/县", "区县名称", "名称"),
        "province": ("province", "省", "省份"),
        "prefecture": ("prefecture", "city", "地级市", "市", "城市"),
        "koc_target": ("koc_target", "koctarget", "target", "koc目标", "目标", "kocs目标"),
    },
    "products": {
        "code": ("code", "productcode", "product_code", "sku", "产品编码", "编码", "商品编码"),
        "name": ("name", "product", "productname", "产品", "产品名称", "名称", "商品名称"),
        "category": ("category", "类别", "品类", "分类"),
        "unit": ("unit", "单位"),
        "price": ("price", "listprice", "价格", "单价", "供货价", "价目"),
    },
}

#: The header word of each field, for a preview (English, Chinese).
HEADER_WORDS: dict[str, tuple[str, str]] = {
    "name": ("Name", "名称"),
    "province": ("Province", "省份"),
    "prefecture": ("Prefecture", "地级市"),
    "koc_target": ("KOC target", "KOC 目标"),
    "code": ("Code", "编码"),
    "category": ("Category", "品类"),
    "unit": ("Unit", "单位"),
    "price": ("List price (¥)", "价格（元）"),
}

_TABLES = {
    kind: {_norm_header(alias): f for f, names in aliases.items() for alias in names}
    for kind, aliases in _ALIASES.items()
}


def guesser(kind: Kind) -> Any:
    """A header guess for :func:`~fieldapp.exchange.import_shops.read_table`."""

    def guess(headers: list[str]) -> tuple[dict[int, str], list[str]]:
        return guess_mapping(kind, headers)

    return guess


def guess_mapping(kind: Kind, headers: list[str]) -> tuple[dict[int, str], list[str]]:
    """(column index -> field, headers not known); a field takes its first column only."""
    table = _TABLES[kind]
    mapping: dict[int, str] = {}
    unknown: list[str] = []
    for i, header in enumerate(headers):
        if not header:
            continue
        fname = table.get(_norm_header(header))
        if fname is None or fname in mapping.values():
            unknown.append(header)
            continue
        mapping[i] = fname
    return mapping, unknown


def check_mapping(kind: Kind, mapping: Mapping[int, str]) -> None:
    missing = [f for f in REQUIRED[kind] if f not in mapping.values()]
    if missing:
        raise MappingError("missing_column", ",".join(missing))


Action = Literal["create", "update", "unchanged", "invalid"]


@dataclass(frozen=True)
class MasterRow:
    row: int  # spreadsheet row number (the header is 1)
    label: str  # the row's name (and code) as the file gives it
    action: Action
    row_id: str | None = None  # the matched live row (update, unchanged)
    changes: dict[str, Any] = dc_field(default_factory=dict)  # field -> new value
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class MasterPlan:
    kind: Kind
    rows: list[MasterRow]
    headers: list[str]
    unknown_headers: list[str]

    def count(self, action: Action) -> int:
        return sum(1 for r in self.rows if r.action == action)


def _key(kind: Kind, values: Mapping[str, Any]) -> str | None:
    if kind == "products" and values.get("code"):
        return "code:" + str(values["code"]).casefold()
    name = values.get("name")
    if not name:
        return None
    if kind == "counties":
        return f"county:{values.get('province') or ''}:{name}"
    return "name:" + str(name).casefold()


def _match(kind: Kind, values: Mapping[str, Any], live: list[Entity]) -> Entity | None:
    name = values.get("name")
    if kind == "products":
        code = values.get("code")
        if code:
            return next(
                (r for r in live if (r.code or "").casefold() == str(code).casefold()),  # type: ignore[attr-defined]
                None,
            )
        same = [r for r in live if r.name == name]  # type: ignore[attr-defined]
        return same[0] if len(same) == 1 else None
    province = values.get("province")
    same = [r for r in live if r.name == name]  # type: ignore[attr-defined]
    if province:
        same = [r for r in same if (r.province or "") == province]  # type: ignore[attr-defined]
    return same[0] if len(same) == 1 else None


def plan_master(
    kind: Kind, table: Table, mapping: Mapping[int, str], live: Iterable[Entity]
) -> MasterPlan:
    """Check every row of a county or product list against ``live`` (the live rows of
    that table) and decide what it would do; writes nothing."""
    check_mapping(kind, mapping)
    model = MODEL[kind]
    rows_live = list(live)
    column_of = {f: table.headers[i] for i, f in mapping.items()}
    position = {f: n for n, f in enumerate(FIELDS[kind])}
    seen: dict[str, int] = {}
    out: list[MasterRow] = []
    for number, cells in table.rows:
        problems: list[Problem] = []
        values: dict[str, Any] = {}
        for i, fname in mapping.items():
            raw = cells[i] if i < len(cells) else None
            if isinstance(raw, str) and BAD_CHARACTER.search(raw):
                problems.append(Problem(number, column_of[fname], fname, "invalid_character"))
                continue
            try:
                if fname in NUMBERS:
                    values[fname] = _as_number(raw)
                else:
                    values[fname] = _as_text(raw)
            except _Bad as bad:
                problems.append(Problem(number, column_of[fname], fname, bad.code, bad.params))
        bad_fields = {p.field for p in problems}
        given = {f: v for f, v in values.items() if v is not None and f not in bad_fields}
        if "koc_target" in given and float(given["koc_target"]).is_integer():
            given["koc_target"] = int(given["koc_target"])
        label = " ".join(str(values[f]) for f in ("code", "name") if values.get(f))
        key = _key(kind, values)
        if key is not None and key in seen:
            first = seen[key]
            problems.append(
                Problem(number, column_of.get("name", ""), "name", "duplicate_row_in_file",
                        {"row": first})
            )  # fmt: skip
        elif key is not None:
            seen[key] = number
        current = _match(kind, values, rows_live) if "name" not in bad_fields else None
        if current is None:
            errors = check_form(model, given)
        else:
            errors = field_errors(model, {**current.model_dump(), **given})
        for err in errors:
            if err.field in bad_fields:
                continue
            problems.append(
                Problem(number, column_of.get(err.field, ""), err.field, err.code,
                        dict(err.params))
            )  # fmt: skip
        if problems:
            problems.sort(key=lambda p: position.get(p.field, len(position)))
            row_id = current.id if current else None
            out.append(MasterRow(number, label, "invalid", row_id, {}, tuple(problems)))
            continue
        if current is None:
            made = check_form_values(model, given)
            out.append(MasterRow(number, label, "create", None, made))
            continue
        new = model.model_validate({**current.model_dump(), **given}).data()
        old = current.data()
        changes = {k: new[k] for k in model.data_fields() if new[k] != old[k]}
        action: Action = "update" if changes else "unchanged"
        out.append(MasterRow(number, label, action, current.id, changes))
    return MasterPlan(kind, out, list(table.headers), [])


def check_form_values(model: type[Entity], given: Mapping[str, Any]) -> dict[str, Any]:
    """The new row's writable fields as the model stores them (defaults filled in)."""
    from datetime import UTC, datetime

    now = datetime.now(UTC)
    row = model.model_validate({"id": "new", "created_at": now, "updated_at": now, **given})
    return row.data()


def header_word(fname: str, lang: str) -> str:
    return labels._pick(HEADER_WORDS[fname], lang) if fname in HEADER_WORDS else fname
