"""Devices: the last error each one met (a refused request or a rejected change), for
head office's console (sync health).

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

COLUMNS = (
    ("last_error_at", sa.BigInteger),
    ("last_error_code", sa.String(64)),
    ("last_error_status", sa.Integer),
    ("last_error_where", sa.String(16)),
    ("last_error_field", sa.String(130)),
)


def upgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        for name, kind in COLUMNS:
            batch.add_column(sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        for name, _kind in reversed(COLUMNS):
            batch.drop_column(name)
