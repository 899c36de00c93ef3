"""Mend stored values no reader can read (``sync/server/repair.py``).

An older head office accepted texts with control characters, out-of-range or naive
datetimes and dates in other ISO forms; they broke teammates' apps, and on PostgreSQL a
NUL broke every later shop-code check. Each such row is mended with
``fieldapp.readable.mend`` (what devices do with what they pull). This data repair calls
today's rule on purpose, unlike the schema migrations, which are literal.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from sync.server.repair import mend_stored

    mend_stored(op.get_bind())


def downgrade() -> None:
    pass  # the original values are not kept: a mended row stays mended
