"""``fieldapp-server import-orders FILE``: the cloud-store order export at head office, for
all teams (issue 18).

The device's import, not a second copy: the file is read, mapped and checked by
``fieldapp.exchange.import_orders`` (``read``, ``ORDER_COLUMNS``, ``plan_rows``: the same
cells, problems and codes) over head office's live shops of every team and its live
orders, and the command is ``fieldapp.cli.run_import`` (the same words, exit codes and
all-or-nothing rule, ``--dry-run``, ``--valid-only``, ``--map``). Only the writing is
head office's: in one transaction holding every scope, each value checked by the wire
rule (``rules.check_value``) as a pushed value is; an order goes to its shop's team and
reaches that team's devices at their next sync. One order per order id: a second import
of the same file writes nothing, and an order a device imported offline meets the same
row (head office merges a second insert of an order id into the first,
``kinds.UNIQUE_TOGETHER``). A person's attribution by hand is never touched.
Threading: one connection, on the calling thread.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from contextlib import nullcontext
from types import TracebackType
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from fieldapp.errors import FieldError, ValidationError
from fieldapp.exchange.import_orders import OrderPlan, PlannedOrder, plan_rows
from fieldapp.exchange.import_shops import ImportResult, Table, write_plan
from fieldapp.model import CloudOrder
from fieldapp.readable import mend_many
from sync import protocol as p

from .db import READ_ONLY, rows
from .service.core import system_upsert
from .service.master import _update
from .service.rules import check_value, stored_value
from .service.scopes import begin_writer

TABLE = "cloud_orders"


def _live(conn: Connection, table: str) -> list[Any]:
    return list(
        conn.execute(
            sa.select(rows.c.row_id, rows.c.data, rows.c.team_id, rows.c.created_at).where(
                rows.c.table_name == table, rows.c.deleted == sa.false()
            )
        ).all()
    )


class HeadOfficeOrders:
    """Head office's rows as an order import's target (``with`` disposes the engine)."""

    def __init__(self, engine: Engine, now: float) -> None:
        self.engine = engine
        self.now = now
        #: Shop id -> its team, filled by :meth:`plan`.
        self.shop_team: dict[str, str | None] = {}

    def __enter__(self) -> HeadOfficeOrders:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------------ planning

    def plan(self, table: Table, mapping: Mapping[int, str]) -> OrderPlan:
        """:func:`fieldapp.exchange.import_orders.plan_rows` over every team's live shops
        and live orders; writes nothing."""
        with self.engine.connect().execution_options(**{READ_ONLY: True}) as conn:
            shops = _live(conn, "shops")
            orders = _live(conn, TABLE)
        self.shop_team = {r.row_id: r.team_id for r in shops}
        known = [(r.row_id, r.data.get("code"), str(r.data.get("name") or "")) for r in shops]
        batch = [
            dict(r.data) | {"id": r.row_id, "created_at": r.created_at, "updated_at": r.created_at}
            for r in orders
        ]
        existing: dict[str, CloudOrder] = {}
        for data in mend_many(TABLE, batch):
            order = CloudOrder.model_validate(
                {f: data.get(f) for f in CloudOrder.data_fields()}
                | {k: data[k] for k in ("id", "created_at", "updated_at")}
            )
            existing.setdefault(order.order_no, order)
        return plan_rows(table, mapping, shops=known, existing=existing)

    # ------------------------------------------------------------------ writing

    def apply(self, plan: OrderPlan, *, valid_only: bool = False) -> ImportResult:
        """Write the plan in one transaction (see the module); raises ``ImportRefused``
        or ``ValidationError`` (naming the row) and then writes nothing."""
        with begin_writer(self.engine, everything=True) as conn:
            return write_plan(
                nullcontext(),
                plan.rows,
                target=lambda r: r.order_id,
                create=lambda **changes: self._create(conn, changes),
                update=lambda order_id, **changes: self._change(conn, order_id, changes),
                valid_only=valid_only,
            )

    def _checked(self, data: Mapping[str, Any]) -> dict[str, Any]:
        spec = p.TABLES[TABLE]
        errors = []
        for name, fs in spec.items():
            code = check_value(fs, data.get(name))
            if code is not None:
                errors.append(FieldError(name, code))
        if errors:
            raise ValidationError(errors, entity=TABLE)
        return {name: stored_value(spec[name], data.get(name)) for name in spec}

    def _create(self, conn: Connection, changes: dict[str, Any]) -> None:
        data = self._checked(changes)
        team = self.shop_team.get(str(data["shop_id"]))
        system_upsert(conn, TABLE, str(uuid.uuid4()), data, team, self.now)

    def _change(self, conn: Connection, order_id: str, changes: dict[str, Any]) -> None:
        current = conn.execute(
            sa.select(rows).where(rows.c.table_name == TABLE, rows.c.row_id == order_id)
        ).first()
        if current is None or current.deleted:
            raise ValidationError([FieldError("order_no", "not_found")], entity=TABLE)
        data = self._checked(dict(current.data) | changes)
        team = self.shop_team.get(str(data["shop_id"]), current.team_id)
        if team != current.team_id:  # the order's shop is another team's now
            system_upsert(conn, TABLE, order_id, data, team, self.now)
        else:
            _update(conn, TABLE, current, data, self.now)


def plan_import(target: HeadOfficeOrders, table: Table, mapping: Mapping[int, str]) -> OrderPlan:
    return target.plan(table, mapping)


def apply_import(
    target: HeadOfficeOrders, plan: OrderPlan, *, valid_only: bool = False
) -> ImportResult:
    return target.apply(plan, valid_only=valid_only)


__all__ = ["HeadOfficeOrders", "PlannedOrder", "apply_import", "plan_import"]
