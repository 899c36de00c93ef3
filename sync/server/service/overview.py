"""What head office's console reads: teams, people, devices and sync health.

Read-only queries over the accounts (``teams``, ``users``, ``devices``) and what sync
leaves behind (``mutation_results``' refused answers, open ``conflicts``, what a device
reported at its last verify). Threading: functions take an ``Engine``; one connection
each, on the calling thread.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from ..db import READ_ONLY, conflicts, devices, mutation_results, teams, users


@dataclass(frozen=True)
class DeviceInfo:
    id: str
    name: str
    user_id: str
    user: str
    team_id: str | None
    revoked: bool
    approved: bool
    user_active: bool
    created_at: int
    last_seen_at: int | None
    last_sync_at: int | None
    app_version: str | None
    pending: int | None
    rejected_on_device: int | None
    refused: int  # mutations head office answered "rejected"
    last_refusal: str | None  # its code
    conflicts: int = 0  # open conflicts whose losing change came from this device
    # The last error the device met (``service.failures``): when, its code, the HTTP
    # status (None: a change a push rejected), the request and the field.
    last_error_at: int | None = None
    last_error_code: str | None = None
    last_error_status: int | None = None
    last_error_where: str | None = None
    last_error_field: str | None = None


def _reader(engine: Engine) -> Any:
    return engine.connect().execution_options(**{READ_ONLY: True})


def teams_overview(engine: Engine) -> list[dict[str, Any]]:
    """Every team with how many people and how many open conflicts."""
    with _reader(engine) as conn:
        people = dict(
            conn.execute(
                sa.select(users.c.team_id, sa.func.count()).group_by(users.c.team_id)
            ).all()
        )
        open_conflicts = dict(
            conn.execute(
                sa.select(conflicts.c.team_id, sa.func.count())
                .where(conflicts.c.resolved == sa.false())
                .group_by(conflicts.c.team_id)
            ).all()
        )
        found = conn.execute(sa.select(teams.c.id, teams.c.name).order_by(teams.c.name)).all()
    return [
        {
            "id": t.id,
            "name": t.name,
            "people": int(people.get(t.id, 0)),
            "conflicts": int(open_conflicts.get(t.id, 0)),
        }
        for t in found
    ]


def people(engine: Engine) -> list[dict[str, Any]]:
    """Every account: id, name, role, team id and name, active, device count."""
    counts = sa.select(devices.c.user_id, sa.func.count().label("n")).group_by(devices.c.user_id)
    sub = counts.subquery()
    q = (
        sa.select(
            users.c.id,
            users.c.name,
            users.c.role,
            users.c.team_id,
            teams.c.name.label("team"),
            users.c.active,
            sa.func.coalesce(sub.c.n, 0).label("devices"),
        )
        .outerjoin(teams, teams.c.id == users.c.team_id)
        .outerjoin(sub, sub.c.user_id == users.c.id)
        .order_by(teams.c.name, users.c.name)
    )
    with _reader(engine) as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


def person(engine: Engine, user_id: str) -> dict[str, Any] | None:
    with _reader(engine) as conn:
        row = conn.execute(
            sa.select(
                users.c.id, users.c.name, users.c.role, users.c.team_id, users.c.active,
                teams.c.name.label("team"),
            )
            .outerjoin(teams, teams.c.id == users.c.team_id)
            .where(users.c.id == user_id)
        ).first()  # fmt: skip
    return None if row is None else dict(row._mapping)


def device_infos(engine: Engine, *, user_id: str | None = None) -> list[DeviceInfo]:
    """Devices (of one user, or all) with their sync state, by team and user."""
    q = (
        sa.select(devices, users.c.name.label("user"), users.c.team_id, users.c.active)
        .join(users, users.c.id == devices.c.user_id)
        .order_by(users.c.team_id, users.c.name, devices.c.id)
    )
    if user_id is not None:
        q = q.where(devices.c.user_id == user_id)
    status = mutation_results.c.answer["status"].as_string()
    with _reader(engine) as conn:
        found = conn.execute(q).all()
        ids = [d.id for d in found]
        refused: Counter[str] = Counter()
        last: dict[str, str | None] = {}
        if ids:
            answers = conn.execute(
                sa.select(mutation_results.c.device_id, mutation_results.c.answer)
                .where(mutation_results.c.device_id.in_(ids), status == "rejected")
                .order_by(mutation_results.c.device_id, mutation_results.c.seq)
            )
            for device_id, answer in answers:
                refused[device_id] += 1
                last[device_id] = ((answer or {}).get("error") or {}).get("code")
            open_conflicts = dict(
                conn.execute(
                    sa.select(conflicts.c.losing_device, sa.func.count())
                    .where(conflicts.c.resolved == sa.false(), conflicts.c.losing_device.in_(ids))
                    .group_by(conflicts.c.losing_device)
                ).all()
            )
        else:
            open_conflicts = {}
    return [
        DeviceInfo(
            id=d.id,
            name=d.name,
            user_id=d.user_id,
            user=d.user,
            team_id=d.team_id,
            revoked=bool(d.revoked),
            approved=bool(d.approved),
            user_active=bool(d.active),
            created_at=int(d.created_at),
            last_seen_at=d.last_seen_at,
            last_sync_at=d.last_sync_at,
            app_version=d.app_version,
            pending=d.pending,
            rejected_on_device=d.rejected,
            refused=refused.get(d.id, 0),
            last_refusal=last.get(d.id),
            conflicts=int(open_conflicts.get(d.id, 0)),
            last_error_at=d.last_error_at,
            last_error_code=d.last_error_code,
            last_error_status=d.last_error_status,
            last_error_where=d.last_error_where,
            last_error_field=d.last_error_field,
        )
        for d in found
    ]


def refusal_codes(engine: Engine) -> list[tuple[str, int]]:
    """How often head office refused a mutation, by code (most first)."""
    status = mutation_results.c.answer["status"].as_string()
    code = mutation_results.c.answer["error"]["code"].as_string()
    with _reader(engine) as conn:
        found = conn.execute(
            sa.select(code, sa.func.count()).where(status == "rejected").group_by(code)
        ).all()
    return sorted(((str(c or "?"), int(n)) for c, n in found), key=lambda x: (-x[1], x[0]))


def rep_choices(engine: Engine) -> list[dict[str, Any]]:
    """The active reps of a team, by team and name: id, name, team id and name."""
    q = (
        sa.select(users.c.id, users.c.name, users.c.team_id, teams.c.name.label("team"))
        .join(teams, teams.c.id == users.c.team_id)
        .where(users.c.role == "rep", users.c.active == sa.true())
        .order_by(teams.c.name, users.c.name)
    )
    with _reader(engine) as conn:
        return [dict(r._mapping) for r in conn.execute(q)]
