"""PostgreSQL: the change sequence becomes the database sequence ``change_seq``.

Until now every write took the one-row ``sync_counter`` lock first, which serialised
every push of every team. ``nextval`` never waits; the pull rule "a cursor never skips a
late commit" is kept per scope by advisory locks (service/scopes.py,
docs/sync-protocol.md). The sequence continues from the counter. SQLite (one writer at
a time) keeps counting in ``sync_counter``; nothing changes there.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    if bind.execute(sa.text("SELECT to_regclass('change_seq')")).scalar() is not None:
        return  # a database stamped back to an older revision keeps its sequence
    op.execute("CREATE SEQUENCE change_seq AS bigint START WITH 1")
    op.execute("SELECT setval('change_seq', GREATEST(value, 1), value > 0) FROM sync_counter")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "UPDATE sync_counter SET value = (SELECT CASE WHEN is_called THEN last_value"
        " ELSE last_value - 1 END FROM change_seq)"
    )
    op.execute("DROP SEQUENCE change_seq")
