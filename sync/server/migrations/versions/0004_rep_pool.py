"""Reps without a team live in the pool's scope (``~pool``) so supervisors can read them.

Until now a rep's ``users`` row whose ``team_id`` an admin cleared kept no team in
``rows``, like an admin's; it moves to the pool's key (``service.POOL``) with its
change-log entries, and the verify sums of the ``users`` table are recounted.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

POOL = "~pool"  # service.POOL, kept literal: a migration never changes
_MOD = 2**64


def _signed(value: int) -> int:
    value %= _MOD
    return value - _MOD if value >= 2**63 else value


def _data(raw: Any) -> dict[str, Any]:
    return json.loads(raw) if isinstance(raw, str) else dict(raw or {})


def upgrade() -> None:
    bind = op.get_bind()
    found = bind.execute(
        sa.text("SELECT row_id, data FROM rows WHERE table_name = 'users' AND team_id IS NULL")
    ).all()
    pool = [
        row_id
        for row_id, raw in found
        if _data(raw).get("role") == "rep" and not _data(raw).get("team_id")
    ]
    if not pool:
        return
    for row_id in pool:
        params = {"pool": POOL, "row_id": row_id}
        bind.execute(
            sa.text(
                "UPDATE rows SET team_id = :pool WHERE table_name = 'users' AND row_id = :row_id"
            ),
            params,
        )
        bind.execute(
            sa.text(
                "UPDATE change_log SET team_id = :pool"
                " WHERE table_name = 'users' AND row_id = :row_id AND team_id IS NULL"
            ),
            params,
        )
    _recount(bind)


def _recount(bind: Any) -> None:
    """The verify sums of every table from its rows (few rows moved; simplest to redo)."""
    acc: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for table, team, row_id, version in bind.execute(
        sa.text("SELECT table_name, team_id, row_id, version FROM rows")
    ):
        digest = hashlib.sha256(f"{row_id}:{version}".encode()).digest()
        entry = acc[(team or "", table)]
        entry[0] += 1
        entry[1] += int.from_bytes(digest[:8], "big")
    bind.execute(sa.text("DELETE FROM scope_sums"))
    for (team_key, table), (count, checksum) in sorted(acc.items()):
        bind.execute(
            sa.text(
                "INSERT INTO scope_sums (team_key, table_name, row_count, checksum)"
                " VALUES (:k, :t, :c, :s)"
            ),
            {"k": team_key, "t": table, "c": count, "s": _signed(checksum)},
        )


def downgrade() -> None:
    bind = op.get_bind()
    for table in ("rows", "change_log"):
        bind.execute(
            sa.text(f"UPDATE {table} SET team_id = NULL WHERE team_id = :pool"), {"pool": POOL}
        )
    _recount(bind)
