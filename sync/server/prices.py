"""``fieldapp-server import-prices FILE``: head office's price lists and promotions.

Reads the spreadsheet (``fieldapp.exchange.import_prices``), resolves each row's product
(by code, else by name) and county (by name or id) among the live shared rows, and
checks every value by the rules a pushed value meets (``rules.check_value`` over
``sync.protocol.TABLES``, the cross-field rules of ``fieldapp.pricing``): one rule,
whoever writes. Each row gets a stable id from its key (a price: list, product,
channel, tier, county and first day; a promotion: its code), so importing the same file
again writes nothing, and a changed price updates its row. Rows reach every device by
sync (shared tables: no team). All or nothing unless ``valid_only``: with a problem in
any row, nothing is written.

**A file replaces what it names.** Each price list named in the file (``list_name``;
rows without one are one list) is replaced: its live rows that the file no longer has
are removed (tombstoned, so devices drop them at their next sync; an order line that
got a price or promotion keeps the price it agreed). A file with promotion rows
replaces the promotions the same way. A list (or the promotions) with a row that has a
problem loses nothing: the row might be the one that keeps it. What would go is listed
(``PriceImport.removed``) in the preview as in the report; a row removed earlier and
back in a file is brought back.
Threading: one connection, on the calling thread.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field as dc_field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from fieldapp.exchange.import_prices import SheetRow, read_prices
from sync import protocol as p

from .db import rows
from .service.core import system_upsert
from .service.integrity import system_write
from .service.rules import check_value, stored_value
from .service.scopes import begin_writer, lock_everything, next_seq

#: Namespace of the ids an import gives its rows (uuid5 of the row's key).
NAMESPACE = uuid.UUID("6f1c2a4e-3b7d-5e21-9c4a-0d6b8e2f7a15")


@dataclass(frozen=True)
class PriceProblem:
    sheet: str
    row: int
    column: str
    field: str
    code: str


@dataclass(frozen=True)
class RemovedRow:
    """A live row the file no longer has: its table, id and a few words naming it
    (a price: list, product code, segment, price and first day; a promotion: code
    and name)."""

    table: str
    row_id: str
    label: str


@dataclass
class PriceImport:
    """What an import found and did: rows by outcome, the rows it removes (or would),
    and the problems by row."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: list[RemovedRow] = dc_field(default_factory=list)
    problems: list[PriceProblem] = dc_field(default_factory=list)
    written: bool = False


def _live(conn: Connection, table: str) -> list[tuple[str, dict[str, Any]]]:
    query = sa.select(rows.c.row_id, rows.c.data).where(
        rows.c.table_name == table, rows.c.deleted == sa.false()
    )
    return [(str(r[0]), dict(r[1])) for r in conn.execute(query)]


def _finder(conn: Connection, table: str, keys: Sequence[str]) -> dict[str, str]:
    """Text (id, then each key field; products' codes ignore case) -> row id."""
    out: dict[str, str] = {}
    for row_id, data in _live(conn, table):
        for key in reversed(keys):  # the first key wins where two rows share a text
            value = data.get(key)
            if isinstance(value, str) and value.strip():
                out[value.strip().lower()] = row_id
        out[row_id.lower()] = row_id
    return out


def _key(table: str, data: dict[str, Any]) -> str:
    if table == "promotions":
        return f"promotion|{data['code']}"
    parts = ("list_name", "product_id", "channel", "tier", "county_id", "valid_from")
    return "price|" + "|".join("" if data.get(f) is None else str(data[f]) for f in parts)


def _check(
    sheet: SheetRow, table: str, products: dict[str, str], counties: dict[str, str]
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The row's values for ``table`` and its problems as (field, code)."""
    problems = list(sheet.problems)
    values = {k: v for k, v in sheet.values.items() if k not in ("product", "county")}
    for field, found, target in (
        ("product", products, "product_id"),
        ("county", counties, "county_id"),
    ):
        text = sheet.values.get(field)
        if text is None:
            values[target] = None
        elif str(text).strip().lower() in found:
            values[target] = found[str(text).strip().lower()]
        else:
            problems.append((field, "not_found"))
    spec = p.TABLES[table]
    if table == "promotions":
        values.setdefault("priority", 0)
        if values.get("priority") is None:
            values["priority"] = 0
        if not values.get("code"):
            problems.append(("code", "required"))  # the key that makes a second import a no-op
    data: dict[str, Any] = {}
    bad = {f for f, _ in problems}
    for field, fs in spec.items():
        value = values.get(field)
        name = {"product_id": "product", "county_id": "county"}.get(field, field)
        if name in bad:
            continue
        code = check_value(fs, value)
        if code is not None:
            problems.append((name, code))
        else:
            data[field] = stored_value(fs, value)
    if not problems:
        broken = p.cross_field_error(table, data, set(data))
        if broken is not None:
            problems.append(broken)
    return data, problems


def import_prices(
    engine: Engine,
    path: str | Path,
    *,
    now: float,
    valid_only: bool = False,
    dry_run: bool = False,
) -> PriceImport:
    """Read ``path`` and write its prices and promotions; see the module's rules.
    ``dry_run``: count what it would create, update and leave, write nothing (the
    console's preview).

    Raises ``fieldapp.exchange.import_prices.PriceFileError`` for a file it cannot read."""
    sheet_rows = read_prices(path)
    result = PriceImport()
    with begin_writer(engine, everything=True) as conn:
        products = _finder(conn, "products", ("code", "name"))
        counties = _finder(conn, "counties", ("name",))
        planned: list[tuple[str, str, dict[str, Any]]] = []
        seen: dict[str, int] = {}
        for sheet in sheet_rows:
            data, problems = _check(sheet, sheet.sheet, products, counties)
            if not problems:
                key = _key(sheet.sheet, data)
                if key in seen:  # the same row twice in one file: the second is a mistake
                    problems.append(
                        ("code" if sheet.sheet == "promotions" else "list_name", "duplicate")
                    )
                seen[key] = sheet.row
            for field, code in problems:
                column = sheet.columns.get(field, "")
                result.problems.append(PriceProblem(sheet.sheet, sheet.row, column, field, code))
            if not problems:
                row_id = str(uuid.uuid5(NAMESPACE, _key(sheet.sheet, data)))
                planned.append((sheet.sheet, row_id, data))
        result.removed = _removed(conn, sheet_rows, planned, result.problems)
        if result.problems and not valid_only and not dry_run:
            return result
        for table, row_id, data in planned:
            existing = conn.execute(
                sa.select(rows).where(rows.c.table_name == table, rows.c.row_id == row_id)
            ).first()
            if (
                existing is not None
                and not existing.deleted
                and dict(existing.data) == {f: data.get(f) for f in p.TABLES[table]}
            ):
                result.unchanged += 1
                continue
            if not dry_run:
                if existing is not None and existing.deleted:  # removed earlier, back now
                    lock_everything(conn)
                    fields = {f: data.get(f) for f in p.TABLES[table]}
                    system_write(conn, table, existing, next_seq(conn), changes=fields,
                                 deleted=False)  # fmt: skip
                else:
                    system_upsert(conn, table, row_id, data, None, now)
            if existing is None or existing.deleted:
                result.created += 1
            else:
                result.updated += 1
        if not dry_run and result.removed:
            lock_everything(conn)
            seq = next_seq(conn)
            for gone in result.removed:
                row = conn.execute(
                    sa.select(rows).where(
                        rows.c.table_name == gone.table, rows.c.row_id == gone.row_id
                    )
                ).one()
                system_write(conn, gone.table, row, seq, deleted=True)
        result.written = not dry_run
    return result


def _removed(
    conn: Connection,
    sheet_rows: Sequence[SheetRow],
    planned: Sequence[tuple[str, str, dict[str, Any]]],
    problems: Sequence[PriceProblem],
) -> list[RemovedRow]:
    """The live rows of the lists (and promotions) the file replaces that it no longer
    has; a list with a problem row replaces nothing (see the module's rule)."""
    keep = {row_id for _, row_id, _ in planned}
    bad_rows = {(x.sheet, x.row) for x in problems}
    lists: set[str | None] = set()
    unsure: set[str | None] = set()
    promotions = False
    promotions_unsure = False
    for sheet in sheet_rows:
        bad = (sheet.sheet, sheet.row) in bad_rows
        if sheet.sheet == "promotions":
            promotions = True
            promotions_unsure |= bad
            continue
        name = sheet.values.get("list_name")
        name = None if name is None else str(name)
        (unsure if bad else lists).add(name)
    lists -= unsure
    codes = {
        row_id: data.get("code") or data.get("name") for row_id, data in _live(conn, "products")
    }
    codes |= {row_id: data.get("name") for row_id, data in _live(conn, "counties")}
    out: list[RemovedRow] = []
    for row_id, data in sorted(_live(conn, "prices"), key=lambda r: _price_order(r[1])):
        if row_id not in keep and data.get("list_name") in lists:
            out.append(RemovedRow("prices", row_id, _price_label(data, codes)))
    if promotions and not promotions_unsure:
        for row_id, data in sorted(_live(conn, "promotions"), key=lambda r: str(r[1].get("code"))):
            if row_id not in keep:
                label = " · ".join(str(data.get(f) or "") for f in ("code", "name"))
                out.append(RemovedRow("promotions", row_id, label))
    return out


def _price_order(data: dict[str, Any]) -> tuple[str, ...]:
    return tuple(str(data.get(f) or "") for f in ("list_name", "product_id", "valid_from"))


def _price_label(data: dict[str, Any], codes: dict[str, Any]) -> str:
    segment = " ".join(
        str(codes.get(str(data[f]), data[f]))
        for f in ("channel", "tier", "county_id")
        if data.get(f)
    )
    parts = [
        str(data.get("list_name") or ""),
        str(codes.get(str(data.get("product_id")), data.get("product_id"))),
        segment,
        f"{data.get('price')} {data.get('valid_from')}",
    ]
    return " · ".join(x for x in parts if x)
