"""Mend the values an older head office stored that no reader can read.

Before ``fieldapp.values`` was head office's rule too, a push could store a NUL in a
text (on PostgreSQL every later shop-code check then failed, and a photo caption broke
that team's downloads), a datetime such as ``0001-01-01T00:00:00+14:00``, a naive time
or a date such as ``2024-W01-1``. :func:`mend_stored` runs every stored row (its data
and its client times) through ``fieldapp.readable.mend``, the very function a device
runs on what it pulls, so head office's mended row is what a device already holds.
Versions are left alone: no device needs to pull the row again. Run once by migration
0007; safe to run again (a readable row is left as it is).
Threading: the caller's connection.
"""

from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fieldapp import readable, values

from .db import conflicts, rows

log = logging.getLogger("fieldapp.server")
_CHUNK = 2000


def mend_stored(conn: Connection) -> int:
    """Mend every stored row holding an unreadable value; how many were mended."""
    mended = 0
    last: tuple[str, str] = ("", "")
    columns = (rows.c.table_name, rows.c.row_id, rows.c.data, rows.c.created_at, rows.c.updated_at)
    while True:
        chunk = conn.execute(
            sa.select(*columns)
            .where(sa.tuple_(rows.c.table_name, rows.c.row_id) > sa.tuple_(*last))
            .order_by(rows.c.table_name, rows.c.row_id)
            .limit(_CHUNK)
        ).all()
        if not chunk:
            return mended
        last = (chunk[-1][0], chunk[-1][1])
        full: list[tuple[str, str, dict[str, Any]]] = [
            (table, row_id, dict(data or {}) | {"created_at": created, "updated_at": updated})
            for table, row_id, data, created, updated in chunk
            if table in readable.KINDS
        ]
        if readable.all_fine([(table, row) for table, _, row in full]):
            continue
        for table, row_id, row in full:
            fixed, problems = readable.mend(table, row)
            if fixed == row:
                continue
            created, updated = fixed.pop("created_at"), fixed.pop("updated_at")
            conn.execute(
                sa.update(rows)
                .where(rows.c.table_name == table, rows.c.row_id == row_id)
                .values(data=fixed, created_at=created, updated_at=updated)
            )
            mended += 1
            log.warning(
                "mended %s %s: %s",
                table,
                row_id,
                ", ".join(f"{p.field} {p.code}" for p in problems) or "datetimes to UTC",
            )


def _utc(value: Any) -> Any:
    """A valid datetime text in its one stored form; anything else as it is."""
    if not isinstance(value, str) or not value or values.datetime_problem(value) is not None:
        return value
    return values.normalize_datetime(value)


def client_times_to_utc(conn: Connection) -> int:
    """Store every client time in the value rule's one form (UTC, ``+00:00``).

    Until a push normalised its mutations' ``created_at`` (``protocol.MutationIn``), a
    row's ``created_at``/``updated_at`` and a conflict's client time kept the device's
    offset (``…+08:00``). The rows go through :func:`mend_stored` (which stores every
    datetime in that form); the conflicts' client times, head office's own column and
    the synced ``conflicts`` rows' ``lost_client_time``, are rewritten here. Versions
    are left alone (the same moment, no device needs it again). Returns how many
    values changed."""
    changed = mend_stored(conn)
    for cid, stamp in conn.execute(
        sa.select(conflicts.c.id, conflicts.c.client_created_at).where(
            conflicts.c.client_created_at.is_not(None)
        )
    ).all():
        fixed = _utc(stamp)
        if fixed != stamp:
            conn.execute(
                sa.update(conflicts).where(conflicts.c.id == cid).values(client_created_at=fixed)
            )
            changed += 1
    for row_id, data in conn.execute(
        sa.select(rows.c.row_id, rows.c.data).where(rows.c.table_name == "conflicts")
    ).all():
        stamp = (data or {}).get("lost_client_time")
        fixed = _utc(stamp)
        if fixed != stamp:
            conn.execute(
                sa.update(rows)
                .where(rows.c.table_name == "conflicts", rows.c.row_id == row_id)
                .values(data=dict(data) | {"lost_client_time": fixed})
            )
            changed += 1
    return changed
