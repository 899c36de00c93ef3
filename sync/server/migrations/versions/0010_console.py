"""Head office's console: its sessions and the spreadsheets waiting between preview
and apply (``sync/server/console``), and what each device reports at the end of a sync
(``devices.last_sync_at``, ``pending``, ``rejected``; the app version is 0009's); the
``head_office`` role needs no schema change.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("last_sync_at", sa.BigInteger, nullable=True))
        batch.add_column(sa.Column("pending", sa.BigInteger, nullable=True))
        batch.add_column(sa.Column("rejected", sa.BigInteger, nullable=True))
    op.create_table(
        "console_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.String(64), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("created_at", sa.BigInteger, nullable=False),
        sa.Column("seen_at", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_console_sessions_user_id", "console_sessions", ["user_id"])
    op.create_table(
        "console_uploads",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("filename", sa.String(200), nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_console_uploads_token_hash", "console_uploads", ["token_hash"])


def downgrade() -> None:
    op.drop_table("console_uploads")
    op.drop_table("console_sessions")
    with op.batch_alter_table("devices") as batch:
        for name in ("rejected", "pending", "last_sync_at"):
            batch.drop_column(name)
