"""Client times in the value rule's one stored form (``repair.client_times_to_utc``).

A push stored a row's ``created_at``/``updated_at`` and a conflict's client time as the
device sent them (``2026-12-07T09:30:00+08:00``), while every datetime field is stored
as UTC (``fieldapp.values``). Pushes normalise them now (``protocol.MutationIn``); this
rewrites what was stored before. Like 0007 it calls today's rule on purpose.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from sync.server.repair import client_times_to_utc

    client_times_to_utc(op.get_bind())


def downgrade() -> None:
    pass  # the same moments: nothing to undo
