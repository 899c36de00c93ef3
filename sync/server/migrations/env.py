"""Alembic environment for the sync server: runs on the connection ``migrate.upgrade`` passes.

Threading: run once at start-up, before the server takes requests.
"""

from __future__ import annotations

from alembic import context

from sync.server.db import metadata

target_metadata = metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when alembic is run by hand
    from sync.server.db import make_engine

    engine = make_engine(context.config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()
