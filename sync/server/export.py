"""Head-office export on the server: the same workbook/CSV as the app, for all teams.

The writer is ``fieldapp.exchange.export`` (pure Python, no store): this module only
feeds it from the server's generic ``rows`` table (JSON ``data``, ``deleted``,
``team_id``). ``teams`` narrows to those teams' rows; shared rows (counties, products:
no team) are always included. The one place ``sync.server`` imports ``fieldapp``; the
import contract allows ``fieldapp.exchange`` and what it needs, never the store.
Threading: one connection, on the calling thread.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from fieldapp.exchange.export import (
    ExportFilters,
    ExportSummary,
    Progress,
    export_csv,
    export_xlsx,
)
from fieldapp.readable import mend_many
from fieldapp.shelf import DEFAULT_PRICE_DISORDER_SHARE
from fieldapp.shelf_numbers import GROUPS, ShelfNumbers, shelf_numbers_of_rows

from .db import rows, teams


class UnknownTeam(Exception):
    """A team name or id the server does not have."""


class ServerSource:
    """``RowSource`` over the ``rows`` table: live rows as dicts with the model's fields."""

    def __init__(self, conn: Connection, team_ids: Iterable[str] | None = None) -> None:
        self._conn = conn
        self._teams = None if team_ids is None else sorted(set(team_ids))

    def _where(self, table: str) -> sa.ColumnElement[bool]:
        cond = sa.and_(rows.c.table_name == table, rows.c.deleted == sa.false())
        if self._teams is not None:
            cond = sa.and_(cond, sa.or_(rows.c.team_id.in_(self._teams), rows.c.team_id.is_(None)))
        return cond

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        query = (
            sa.select(rows.c.row_id, rows.c.data, rows.c.created_at)
            .where(self._where(table))
            .order_by(rows.c.version, rows.c.row_id)
        )
        result = self._conn.execution_options(stream_results=True, yield_per=2000).execute(query)
        for chunk in result.partitions(2000):
            batch = []
            for row_id, data, created_at in chunk:
                out = dict(data)
                out["id"] = row_id
                out["created_at"] = created_at
                batch.append(out)
            # An older server accepted values no reader can read (a NUL, year 0): the
            # workbook gets them mended, as a device's store does (fieldapp.readable).
            yield from mend_many(table, batch)

    def count(self, table: str) -> int:
        query = sa.select(sa.func.count()).select_from(rows).where(self._where(table))
        return int(self._conn.execute(query).scalar_one())

    def shelf_numbers(self, filters: ExportFilters) -> Iterator[tuple[str, ShelfNumbers]]:
        """The 铺货率 sheet's numbers (``fieldapp.shelf_numbers``, the rules the device's
        SQL follows) of the export's period, by SKU, category, county, rep and month,
        after the total; the 乱价 share is the default (head office keeps no setting)."""
        tables = ("users", "counties", "products", "prices", "shops", "shop_skus",
                  "assortment_rules", "visits", "order_lines", "shelf_audits")  # fmt: skip
        live = {t: list(self.rows(t)) for t in tables}
        start = filters.date_from or date(2000, 1, 1)
        end = filters.date_to or date(2999, 12, 31)
        for group in GROUPS:
            for n in shelf_numbers_of_rows(
                live, start=start, end=end, by=group, share=DEFAULT_PRICE_DISORDER_SHARE
            ):
                yield group, n


def read_engine(url: str) -> Engine:
    """An engine for reading one consistent snapshot without blocking writers.

    ``db.make_engine`` starts every SQLite transaction with ``BEGIN IMMEDIATE`` (the write
    lock), which would stop devices from pushing for the length of an export; here a
    plain ``BEGIN`` reads a WAL snapshot. PostgreSQL reads in ``REPEATABLE READ``.
    """
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN")

        return engine
    return sa.create_engine(url, isolation_level="REPEATABLE READ")


def resolve_teams(conn: Connection, wanted: Sequence[str]) -> list[str]:
    """Team ids for names or ids; raises :class:`UnknownTeam`."""
    found: list[str] = []
    for name in wanted:
        row = conn.execute(
            sa.select(teams.c.id).where(sa.or_(teams.c.id == name, teams.c.name == name))
        ).first()
        if row is None:
            raise UnknownTeam(name)
        found.append(str(row[0]))
    return found


def export(
    engine: Engine,
    *,
    xlsx: str | os.PathLike[str] | None = None,
    csv_dir: str | os.PathLike[str] | None = None,
    teams: Sequence[str] = (),
    lang: str = "zh_CN",
    filters: ExportFilters | None = None,
    progress: Progress | None = None,
) -> ExportSummary:
    """Write the workbook (``xlsx``) or the CSV files (``csv_dir``) of all teams or ``teams``.

    Raises :class:`UnknownTeam` and ``fieldapp.exchange.export.ExportError``.
    """
    if (xlsx is None) == (csv_dir is None):
        raise ValueError("give exactly one of xlsx and csv_dir")
    with engine.connect() as conn:
        team_ids = resolve_teams(conn, teams) if teams else None
        source = ServerSource(conn, team_ids)
        if xlsx is not None:
            return export_xlsx(source, xlsx, lang=lang, filters=filters, progress=progress)
        assert csv_dir is not None
        return export_csv(source, csv_dir, lang=lang, filters=filters, progress=progress)
