"""Head office's master data: the shared rows (counties, products) written from the
console, with the rules a device's write meets.

A value passes :func:`rules.check_value` (the wire rule, ``fieldapp.values`` inside) and
the whole row its model (``fieldapp.validation.field_errors``: the store's own check), so
head office cannot write what the app would refuse. A write is one transaction holding
every scope (like the CLI's team and user writes): its rows get the next change
sequence and reach every device at its next pull. An update stamps only the fields that
change, so a supervisor's concurrent target on another field is no conflict.
Threading: functions take an ``Engine``; a connection belongs to one thread.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from fieldapp.model import Campaign, County, Entity, Product, Shop
from fieldapp.readable import mend_many
from fieldapp.validation import field_errors
from sync import protocol as p

from ..db import READ_ONLY, rows
from .core import (
    POOL,
    Reject,
    ServiceError,
    _move_sums,
    iso,
    log_change,
    system_upsert,
    user_scope_team,
)
from .rules import _check_shop_code, check_value, stored_value
from .scopes import begin_writer, lock_everything, next_seq

MODELS: dict[str, type[Entity]] = {
    "counties": County,
    "products": Product,
    "campaigns": Campaign,
}


def _entity(table: str, row_id: str, data: Mapping[str, Any], created: str) -> Entity:
    model = MODELS[table]
    fields = {f: data.get(f) for f in model.data_fields()}
    return model.model_validate(
        {**fields, "id": row_id, "created_at": created, "updated_at": created}
    )


def live_rows(engine: Engine, table: str) -> list[Entity]:
    """The live rows of a shared table as the app's models (values a reader could not
    read are mended first, as a device does: ``fieldapp.readable``)."""
    if table not in MODELS:
        raise ValueError(table)
    with engine.connect().execution_options(**{READ_ONLY: True}) as conn:
        found = conn.execute(
            sa.select(rows.c.row_id, rows.c.data, rows.c.created_at)
            .where(rows.c.table_name == table, rows.c.deleted == sa.false())
            .order_by(rows.c.row_id)
        ).all()
    batch = [dict(r.data) | {"id": r.row_id, "created_at": r.created_at} for r in found]
    return [_entity(table, r["id"], r, r["created_at"]) for r in mend_many(table, batch)]


def check_shared(table: str, data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``[(field, code)]`` for a whole row of a shared table; empty when it is fine."""
    spec = p.TABLES[table]
    problems: list[tuple[str, str]] = []
    for field, fs in spec.items():
        code = check_value(fs, data.get(field))
        if code is not None:
            problems.append((field, code))
    if problems:
        return problems
    now = datetime.now(UTC)
    errors = field_errors(MODELS[table], {**data, "id": "x", "created_at": now, "updated_at": now})
    return [(e.field, e.code) for e in errors]


def _row(conn: Connection, table: str, row_id: str) -> Any:
    return conn.execute(
        sa.select(rows).where(rows.c.table_name == table, rows.c.row_id == row_id)
    ).first()


def write_shared(
    engine: Engine,
    table: str,
    writes: Sequence[tuple[str | None, Mapping[str, Any]]],
    now: float,
) -> list[str]:
    """Create (row id None) or change shared rows, all in one transaction; returns their
    ids. ``ServiceError`` 400 with the first problem's code and field (nothing written),
    404 ``not_found`` for an unknown or deleted row."""
    if table not in MODELS:
        raise ServiceError(400, "invalid_table", f"{table} is not head office's master data")
    spec = p.TABLES[table]
    ids: list[str] = []
    with begin_writer(engine, everything=True) as conn:
        lock_everything(conn)
        for row_id, changes in writes:
            unknown = sorted(set(changes) - set(spec))
            if unknown:
                raise ServiceError(400, "unknown_field", f"no field {unknown[0]}", unknown[0])
            current = _row(conn, table, row_id) if row_id else None
            if row_id and (current is None or current.deleted):
                raise ServiceError(404, "not_found", f"no {table} row {row_id}")
            base = dict(current.data) if current is not None else {}
            merged = {f: base.get(f) for f in spec} | dict(changes)
            if current is None:
                merged = _defaults_of(MODELS[table], merged)
            problems = check_shared(table, merged)
            if problems:
                field, code = problems[0]
                raise ServiceError(400, code, f"{field}: {code}", field)
            merged = {f: stored_value(spec[f], v) for f, v in merged.items()}
            if current is None:
                new_id = str(uuid.uuid4())
                system_upsert(conn, table, new_id, merged, None, now)
                ids.append(new_id)
            else:
                _update(conn, table, current, merged, now)
                ids.append(current.row_id)
    return ids


def _update(conn: Connection, table: str, current: Any, merged: dict[str, Any], now: float) -> None:
    changed = [f for f, v in merged.items() if current.data.get(f) != v]
    if not changed:
        return
    seq = next_seq(conn, current.team_id)
    fv = dict(current.field_versions) | {f: [seq, None, None] for f in changed}
    conn.execute(
        sa.update(rows)
        .where(rows.c.table_name == table, rows.c.row_id == current.row_id)
        .values(data=merged, version=seq, field_versions=fv, updated_at=iso(now), updated_by=None)
    )
    team = current.team_id
    _move_sums(
        conn,
        table,
        current.row_id,
        (team, current.version, current.deleted, current.data),
        (team, seq, current.deleted, merged),
    )
    log_change(conn, seq, table, current.row_id, team, "upsert")


# --------------------------------------------------------------------------- shops


class ServerRows:
    """Head office's live rows as the shop import's ``KnownRows``: every county, every
    rep of a team (a shop follows its rep's team), every shop of every team."""

    def __init__(self, engine: Engine) -> None:
        self.counties = live_rows(engine, "counties")
        with engine.connect().execution_options(**{READ_ONLY: True}) as conn:
            found = conn.execute(
                sa.select(rows.c.row_id, rows.c.data, rows.c.team_id, rows.c.created_at).where(
                    rows.c.table_name.in_(("users", "shops")), rows.c.deleted == sa.false()
                )
            ).all()
        self.reps: list[tuple[str, str]] = []
        self.rep_team: dict[str, str] = {}
        shops: list[dict[str, Any]] = []
        for r in found:
            data = dict(r.data)
            if "role" in data:  # a users row
                team = user_scope_team(data)
                if data.get("role") == "rep" and team and team != POOL:
                    self.reps.append((r.row_id, str(data.get("name") or "")))
                    self.rep_team[r.row_id] = team
            else:
                shops.append(data | {"id": r.row_id, "created_at": r.created_at})
        self.shops = [
            Shop.model_validate(
                {f: s.get(f) for f in Shop.data_fields()}
                | {"id": s["id"], "created_at": s["created_at"], "updated_at": s["created_at"]}
            )
            for s in mend_many("shops", shops)
        ]

    def county_rows(self) -> list[County]:
        return self.counties  # type: ignore[return-value]

    def user_rows(self) -> list[tuple[str, str]]:
        return self.reps

    def shop_rows(self) -> list[Shop]:
        return self.shops

    def new_id(self) -> str:
        return str(uuid.uuid4())


def write_shops(
    engine: Engine, writes: Sequence[tuple[str | None, Mapping[str, Any]]], now: float
) -> list[str]:
    """Create (id None) or change shops of any team in one transaction: each value by the
    wire rule, the row by the app's model, the code unique among live shops (any case);
    a shop goes to its rep's team (a rep without a team: ``rep_without_team``) and moves
    with a new rep to theirs, with everything that hangs off it. An update stamps only
    the fields that change. ``ServiceError`` 400 (code, field) writes nothing."""
    spec = p.TABLES["shops"]
    ids: list[str] = []
    with begin_writer(engine, everything=True) as conn:
        lock_everything(conn)
        for shop_id, changes in writes:
            unknown = sorted(set(changes) - set(spec))
            if unknown:
                raise ServiceError(400, "unknown_field", f"no field {unknown[0]}", unknown[0])
            current = _row(conn, "shops", shop_id) if shop_id else None
            if shop_id and (current is None or current.deleted):
                raise ServiceError(404, "not_found", f"no shop {shop_id}")
            base = dict(current.data) if current is not None else {}
            merged = {f: base.get(f) for f in spec} | dict(changes)
            if current is None:
                merged = _defaults_of(Shop, merged)
            for field, fs in spec.items():
                code = check_value(fs, merged.get(field))
                if code is not None:
                    raise ServiceError(400, code, f"{field}: {code}", field)
            stamp = datetime.now(UTC)
            errors = field_errors(
                Shop, {**merged, "id": "x", "created_at": stamp, "updated_at": stamp}
            )
            if errors:
                raise ServiceError(400, errors[0].code, errors[0].code, errors[0].field)
            merged = {f: stored_value(spec[f], v) for f, v in merged.items()}
            row_id = shop_id or str(uuid.uuid4())
            try:
                _check_shop_code(conn, row_id, str(merged["code"]))
            except Reject as rej:
                raise ServiceError(400, rej.code, "code: duplicate", "code") from None
            team = _rep_team(conn, merged.get("rep_id"))
            if team is None:
                team = current.team_id if current is not None else None
            if team is None:
                raise ServiceError(
                    400, "rep_without_team", "a new shop needs a rep of a team", "rep_id"
                )
            if current is None or current.team_id != team:
                system_upsert(conn, "shops", row_id, merged, team, now)
            else:
                _update(conn, "shops", current, merged, now)
            ids.append(row_id)
    return ids


def _rep_team(conn: Connection, rep_id: Any) -> str | None:
    if not rep_id:
        return None
    row = _row(conn, "users", str(rep_id))
    if row is None or row.deleted:
        raise ServiceError(400, "not_found", "no such rep", "rep_id")
    data = dict(row.data)
    team = user_scope_team(data)
    if data.get("role") != "rep" or not team or team == POOL:
        raise ServiceError(400, "rep_without_team", "the rep belongs to no team", "rep_id")
    return team


def _defaults_of(model: type[Entity], data: dict[str, Any]) -> dict[str, Any]:
    out = dict(data)
    for name, info in model.model_fields.items():
        if name in out and out[name] is None and not info.is_required():
            default = info.get_default(call_default_factory=True)
            if default is not None:
                out[name] = default
    return out


def shop_list(
    engine: Engine, *, text: str = "", team: str | None = None, limit: int = 200
) -> tuple[list[dict[str, Any]], int]:
    """Live shops (code, name, county, channel, tier, rep id, team), by code, matching
    ``text`` in code or name and ``team``: the first ``limit`` and how many match."""
    code = rows.c.data["code"].as_string()
    name = rows.c.data["name"].as_string()
    cond = sa.and_(rows.c.table_name == "shops", rows.c.deleted == sa.false())
    if team:
        cond = sa.and_(cond, rows.c.team_id == team)
    needle = text.strip().replace("\x00", "")[:100]
    if needle:
        like = f"%{needle.lower()}%"
        cond = sa.and_(cond, sa.or_(sa.func.lower(code).like(like), sa.func.lower(name).like(like)))
    with engine.connect().execution_options(**{READ_ONLY: True}) as conn:
        total = int(
            conn.execute(sa.select(sa.func.count()).select_from(rows).where(cond)).scalar_one()
        )
        found = conn.execute(
            sa.select(rows.c.row_id, rows.c.data, rows.c.team_id)
            .where(cond)
            .order_by(code)
            .limit(limit)
        ).all()
    return [dict(r.data) | {"id": r.row_id, "team_id": r.team_id} for r in found], total


def table_rows(engine: Engine, table: str, limit: int = 500) -> list[dict[str, Any]]:
    """Up to ``limit`` live rows of a shared table as their fields and id (the console's
    price and promotion lists)."""
    with engine.connect().execution_options(**{READ_ONLY: True}) as conn:
        found = conn.execute(
            sa.select(rows.c.row_id, rows.c.data)
            .where(rows.c.table_name == table, rows.c.deleted == sa.false())
            .order_by(rows.c.row_id)
            .limit(limit)
        ).all()
    return [dict(r.data) | {"id": r.row_id} for r in found]
