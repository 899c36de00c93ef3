"""Accounts that mean what they say: a login throttle shared by every server process,
deactivated accounts, devices waiting for approval, server settings, and photo uploads
that belong to the device that started them.

- ``login_throttle``: failed logins per account and per address, forgotten as time
  passes (``service.throttle``).
- ``users.active``: False once an admin deactivated the account (its rows stay).
- ``devices.approved``: False while a new device waits for an admin
  (``require-device-approval``); every device known before is approved.
- ``server_settings``: small head-office switches, by key.
- ``photo_uploads``: an upload in progress, one per (SHA-256, device). Uploads in
  progress were one per SHA-256 until now and had no device: they are dropped, and the
  device starts that photo again at its next sync (``photos_blobs`` keeps only kept files).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(300), primary_key=True),
        sa.Column("failures", sa.Float, nullable=False),
        sa.Column("updated_at", sa.BigInteger, nullable=False),
        sa.Column("forget_at", sa.BigInteger, nullable=False, index=True),
    )
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()))
    with op.batch_alter_table("devices") as batch:
        batch.add_column(
            sa.Column("approved", sa.Boolean, nullable=False, server_default=sa.true())
        )
    op.create_table(
        "server_settings",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.String(200), nullable=False),
    )
    op.create_table(
        "photo_uploads",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("device_id", sa.String(64), primary_key=True),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("received", sa.BigInteger, nullable=False),
        sa.Column("created_at", sa.BigInteger, nullable=False),
        sa.Column("updated_at", sa.BigInteger, nullable=False, index=True),
    )
    op.execute(sa.text("DELETE FROM photos_blobs WHERE complete = :f").bindparams(f=False))


def downgrade() -> None:
    op.drop_table("photo_uploads")
    op.drop_table("server_settings")
    with op.batch_alter_table("devices") as batch:
        batch.drop_column("approved")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("active")
    op.drop_table("login_throttle")
