"""Files and folders of the store readable by their owner only (they hold mobile numbers).

A new store file is created 0600 before SQLite opens it (SQLite gives its ``-wal`` and
``-shm`` files the database file's mode), and every folder made for it, its photos and
its backups is created 0700. Existing files and folders keep their modes.
Also: why a store cannot be written (:func:`why_read_only`).
Threading: any thread (plain file-system calls).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Literal

__all__ = ["FILE_MODE", "FOLDER_MODE", "ReadOnlyReason", "private_file", "private_folder"]

FILE_MODE = 0o600
FOLDER_MODE = 0o700

#: Why a store opens read-only: its file, or its folder (SQLite must create the
#: journal files beside it), cannot be written by this user.
ReadOnlyReason = Literal["file_read_only", "folder_read_only"]


def private_folder(path: Path) -> Path:
    """Make ``path`` and its missing parents, each new one 0700 (``Path.mkdir`` would give
    new parents the default mode)."""
    missing: list[Path] = []
    current = path
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):  # another thread or process made it
            folder.mkdir(mode=FOLDER_MODE)
    return path


def private_file(path: Path) -> bool:
    """Create an empty ``path`` with mode 0600 unless it exists; True when it was created."""
    private_folder(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return False
    os.close(fd)
    return True


def why_read_only(path: Path) -> ReadOnlyReason | None:
    """Why this user cannot write the store at ``path`` (an existing file), or None."""
    # The effective ids: those the open() calls of SQLite are checked against.
    eff = os.access in os.supports_effective_ids
    if not os.access(path, os.W_OK, effective_ids=eff):
        return "file_read_only"
    if not os.access(path.parent, os.W_OK | os.X_OK, effective_ids=eff):
        return "folder_read_only"
    return None
