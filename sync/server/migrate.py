"""Bring a server database to the newest schema with the alembic migrations.

``upgrade(url)`` is run at server start and by every CLI command; it is idempotent.
Threading: call it before serving, from one thread.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

from .db import make_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
HEAD = "0012"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def upgrade_engine(engine: Engine) -> None:
    """Apply every pending migration on ``engine``'s database."""
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def upgrade(url: str) -> None:
    """Apply every pending migration on the database at ``url``."""
    engine = make_engine(url)
    try:
        upgrade_engine(engine)
    finally:
        engine.dispose()
