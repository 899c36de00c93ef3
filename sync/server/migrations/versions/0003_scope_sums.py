"""Running verify sums: one row per (team, table) with the count and checksum of its rows.

``/v1/verify`` reads these instead of hashing every row in scope on every sync. Each
write to ``rows`` moves its row's share in the same transaction (``service._move_sums``).
The backfill computes them once from the rows already stored.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_MOD = 2**64


def _signed(value: int) -> int:
    value %= _MOD
    return value - _MOD if value >= 2**63 else value


def upgrade() -> None:
    sums = op.create_table(
        "scope_sums",
        sa.Column("team_key", sa.String(64), primary_key=True),
        sa.Column("table_name", sa.String(64), primary_key=True),
        sa.Column("row_count", sa.BigInteger, nullable=False),
        sa.Column("checksum", sa.BigInteger, nullable=False),
    )
    acc: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    found = op.get_bind().execute(sa.text("SELECT table_name, team_id, row_id, version FROM rows"))
    for table, team, row_id, version in found:
        digest = hashlib.sha256(f"{row_id}:{version}".encode()).digest()
        entry = acc[(team or "", table)]
        entry[0] += 1
        entry[1] += int.from_bytes(digest[:8], "big")
    if acc:
        op.bulk_insert(
            sums,
            [
                {"team_key": t, "table_name": n, "row_count": c, "checksum": _signed(s)}
                for (t, n), (c, s) in sorted(acc.items())
            ],
        )


def downgrade() -> None:
    op.drop_table("scope_sums")
