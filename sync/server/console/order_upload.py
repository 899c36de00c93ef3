"""The console's cloud-store order upload (``/console/orders``, issue 18): the page of
``fieldapp-server import-orders FILE``, not a second copy of it.

The kept upload (``pages.take_upload``, kind ``orders``) is read, mapped and planned by
the command's own pieces: ``fieldapp.exchange.import_orders`` (``read``,
``ORDER_COLUMNS``) and head office's target ``sync.server.orders.HeadOfficeOrders``
(every team's live shops and orders; the same problems and codes as the device's
import), and written by that target's ``apply``: one transaction, all rows or, when the
person chooses so, the valid ones; idempotent by order id. The preview is the shared
``upload_preview.html``.
Threading: plain functions, called on FastAPI's thread pool; the engine is the console's
(shared, never disposed here).
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timezone
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from fieldapp.exchange import import_orders as imp, labels
from fieldapp.exchange.import_shops import MappingError, Table
from fieldapp.kinds import BUSINESS_UTC_OFFSET

from ..db import READ_ONLY, rows
from ..orders import TABLE, HeadOfficeOrders
from .words import money

#: The most orders the page lists (the latest first).
SHOWN = 100


def _read(filename: str, content: bytes) -> Table:
    with tempfile.TemporaryDirectory(prefix="fieldapp-console-") as tmp:
        path = Path(tmp) / ("upload" + Path(filename).suffix.lower()[:8])
        path.write_bytes(content)
        return imp.read(path)


def plan(engine: Engine, filename: str, content: bytes, now: float) -> tuple[Any, list[str]]:
    """(the order plan of a kept upload, the headers not recognised); raises
    ``ImportFileError`` or ``MappingError`` as the command does. Writes nothing."""
    table = _read(filename, content)
    mapping, unknown = imp.ORDER_COLUMNS.guess(table.headers)
    return HeadOfficeOrders(engine, now).plan(table, mapping), unknown


def apply(engine: Engine, filename: str, content: bytes, now: float, valid_only: bool) -> int:
    """Plan the upload again and write it (see the module); the orders written, or -1
    when rows have problems and ``valid_only`` is false (nothing written). Raises
    ``ValidationError`` naming the row when a value fails the wire rule (nothing
    written)."""
    table = _read(filename, content)
    mapping, _unknown = imp.ORDER_COLUMNS.guess(table.headers)
    target = HeadOfficeOrders(engine, now)
    order_plan = target.plan(table, mapping)
    if order_plan.count("invalid") and not valid_only:
        return -1
    result = target.apply(order_plan, valid_only=valid_only)
    return int(result.created + result.updated)


def problem_value(exc: Exception, lang: str) -> str:
    """What a file or mapping problem names: the header words of the required columns
    a file lacks, as the command's message does, else the problem's detail."""
    detail = str(getattr(exc, "detail", "") or "")
    if isinstance(exc, MappingError) and exc.code == "missing_column":
        keys = imp.ORDER_COLUMNS.header_key
        return ", ".join(labels.header(keys[f], lang) for f in detail.split(",") if f in keys)
    return detail if isinstance(exc, MappingError) else ""


def field_word(store_field: str, lang: str) -> str:
    """An order field's header word (``shop_id`` is the file's shop)."""
    fname = "shop" if store_field == "shop_id" else store_field
    key = imp.FIELD_HEADER.get(fname)
    return labels.header(key, lang) if key else store_field


def value_word(store_field: str, value: Any, shops: dict[str, str]) -> Any:
    """A changed value as the preview shows it: a shop by its code and name, an amount
    as money (``¥1,234.50``), anything else as it is."""
    if store_field == "shop_id":
        return shops.get(value, value)
    if store_field == "amount":
        return money(value)
    return value


def shop_names(engine: Engine) -> dict[str, str]:
    """Every live shop's id -> "code name"."""
    with engine.connect().execution_options(**{READ_ONLY: True}) as conn:
        found = conn.execute(
            sa.select(rows.c.row_id, rows.c.data).where(
                rows.c.table_name == "shops", rows.c.deleted == sa.false()
            )
        ).all()
    return {
        r.row_id: " ".join(str(x) for x in (r.data.get("code"), r.data.get("name")) if x)
        for r in found
    }


def beijing(moment: Any) -> str:
    """An order's stored UTC time as Beijing time (the platform's), to the minute."""
    try:
        found = datetime.fromisoformat(str(moment))
    except ValueError:
        return str(moment or "")
    if found.tzinfo is None:
        found = found.replace(tzinfo=UTC)
    return found.astimezone(timezone(BUSINESS_UTC_OFFSET)).strftime("%Y-%m-%d %H:%M")


def latest(engine: Engine, limit: int = SHOWN) -> tuple[list[dict[str, Any]], int]:
    """The latest ``limit`` live orders of every team (by order time) and how many there
    are."""
    cond = sa.and_(rows.c.table_name == TABLE, rows.c.deleted == sa.false())
    moment = rows.c.data["ordered_at"].as_string()
    with engine.connect().execution_options(**{READ_ONLY: True}) as conn:
        total = int(
            conn.execute(sa.select(sa.func.count()).select_from(rows).where(cond)).scalar_one()
        )
        found = conn.execute(
            sa.select(rows.c.row_id, rows.c.data)
            .where(cond)
            .order_by(moment.desc(), rows.c.row_id)
            .limit(limit)
        ).all()
    return [dict(r.data) | {"id": r.row_id} for r in found], total
