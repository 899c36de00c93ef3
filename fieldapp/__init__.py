"""fieldapp core: the domain, the local store, validation, metrics, search, demo data, CLI.

Pure Python: no Qt, no network. The desktop UI (``ui``) and sync (``sync``) build on it.
"""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"

APP_NAME = "fieldapp"


def default_store_path() -> Path:
    """Where the store lives when no ``--db`` is given: the per-user data folder."""
    # Imported here: everything that imports fieldapp would pay for it at start-up.
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "fieldapp.db"
