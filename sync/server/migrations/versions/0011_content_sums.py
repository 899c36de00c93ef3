"""Verify sums over the rows' content: ``scope_sums.content``.

Verify compared ids and versions only, so a device holding other values under the same
version passed it. Each (team, table) now also keeps the sum of ``protocol.row_hash``
(id, version, deleted and every synced field), which clients of schema
``CONTENT_SUMS_FROM`` compare; ``checksum`` stays for older clients. The sums are
recounted from the rows (``service.rebuild_scope_sums``, today's rule on purpose, as
0007 and 0008 call theirs).

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("scope_sums") as batch:
        batch.add_column(sa.Column("content", sa.BigInteger, nullable=False, server_default="0"))
    from sync.server.service import rebuild_scope_sums

    rebuild_scope_sums(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("scope_sums") as batch:
        batch.drop_column("content")
