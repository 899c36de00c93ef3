"""The initial schema: auth, device state, rows, change log, counter, conflicts.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer, "sqlite")


def upgrade() -> None:
    op.create_table(
        "teams",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("created_at", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("team_id", sa.String(64), sa.ForeignKey("teams.id"), nullable=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("created_at", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "devices",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.String(64), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("expires_at", sa.BigInteger, nullable=False),
        sa.Column("revoked", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.BigInteger, nullable=False),
        sa.Column("last_seen_at", sa.BigInteger, nullable=True),
    )
    op.create_table(
        "device_state",
        sa.Column("device_id", sa.String(64), sa.ForeignKey("devices.id"), primary_key=True),
        sa.Column("last_seq", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "mutation_results",
        sa.Column("device_id", sa.String(64), primary_key=True),
        sa.Column("seq", sa.BigInteger, primary_key=True),
        sa.Column("mutation_id", sa.String(64), nullable=False),
        sa.Column("answer", sa.JSON, nullable=False),
    )
    op.create_table(
        "rows",
        sa.Column("table_name", sa.String(64), primary_key=True),
        sa.Column("row_id", sa.String(64), primary_key=True),
        sa.Column("team_id", sa.String(64), nullable=True),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("version", sa.BigInteger, nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
        sa.Column("field_versions", sa.JSON, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=True),
        sa.Column("updated_by", sa.String(64), nullable=True),
    )
    op.create_index("ix_rows_team_id", "rows", ["team_id"])
    op.create_table(
        "change_log",
        sa.Column("id", _ID, primary_key=True),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("table_name", sa.String(64), nullable=False),
        sa.Column("row_id", sa.String(64), nullable=False),
        sa.Column("team_id", sa.String(64), nullable=True),
        sa.Column("op", sa.String(8), nullable=False),
    )
    op.create_index("ix_change_log_seq", "change_log", ["seq"])
    op.create_index("ix_change_log_row", "change_log", ["table_name", "row_id"])
    op.create_table(
        "sync_counter",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("value", sa.BigInteger, nullable=False),
    )
    op.execute("INSERT INTO sync_counter (id, value) VALUES (1, 0)")
    op.create_table(
        "conflicts",
        sa.Column("id", _ID, primary_key=True),
        sa.Column("table_name", sa.String(64), nullable=False),
        sa.Column("row_id", sa.String(64), nullable=False),
        sa.Column("team_id", sa.String(64), nullable=True),
        sa.Column("field", sa.String(64), nullable=False),
        sa.Column("winning_value", sa.JSON, nullable=True),
        sa.Column("losing_value", sa.JSON, nullable=True),
        sa.Column("winning_user", sa.String(64), nullable=True),
        sa.Column("losing_user", sa.String(64), nullable=True),
        sa.Column("winning_device", sa.String(64), nullable=True),
        sa.Column("losing_device", sa.String(64), nullable=True),
        sa.Column("winning_seq", sa.BigInteger, nullable=True),
        sa.Column("losing_seq", sa.BigInteger, nullable=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("client_created_at", sa.String(40), nullable=True),
        sa.Column("resolved", sa.Boolean, nullable=False),
    )


def downgrade() -> None:
    for name in (
        "conflicts",
        "sync_counter",
        "change_log",
        "rows",
        "mutation_results",
        "device_state",
        "devices",
        "users",
        "teams",
    ):
        op.drop_table(name)
