"""Put a verified release in the app folder's place at the start of the app.

The ready folder (``check.Updater.download``) holds the unpacked app and a marker with
its version. At the next start the app asks :func:`ready` whether one waits; the UI
says so when changes still wait to sync, then :func:`install` swaps the folders and
the new version is started in this process's place (:func:`relaunch`).

Linux and macOS: the running app's folder (or ``.app`` bundle) is renamed aside (a
running program may be), the new one moved in, the old one removed at the next start
(:func:`remove_previous`). Windows keeps a running program's files locked: tufup's
install script moves the files in once this process has ended, then starts the app.
The data folder (platformdirs) is elsewhere and never touched.
Threading: plain blocking functions, on the UI thread before the window (a few ms:
renames on one disk).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from packaging.version import InvalidVersion, Version

from .check import READY_MARKER
from .config import UpdateConfig

OLD_SUFFIX = ".previous"


@dataclass(frozen=True)
class Ready:
    """A verified release waiting to be installed."""

    version: str
    #: The unpacked app folder (its contents replace the app folder's).
    folder: Path


def ready(config: UpdateConfig) -> Ready | None:
    """The release waiting in the ready folder, if it is newer than the running one
    (an older or equal one, left by an update already installed, is removed)."""
    marker = config.ready_dir / READY_MARKER
    try:
        version = str(json.loads(marker.read_text(encoding="utf-8"))["version"])
        newer = Version(version) > Version(config.current_version)
    except (OSError, ValueError, KeyError, TypeError, InvalidVersion):
        return None
    folder = config.ready_dir / "app"
    if not newer or not folder.is_dir():
        shutil.rmtree(config.ready_dir, ignore_errors=True)
        return None
    return Ready(version=version, folder=folder)


def install(found: Ready, config: UpdateConfig) -> Path:
    """Swap the app folder for the ready one; returns the folder now holding the new
    version. On Windows the swap happens after this process exits (see module doc)."""
    app = config.app_dir
    if sys.platform == "win32":  # pragma: no cover - Windows runners only
        return _install_windows(found, app)
    previous = app.with_name(app.name + OLD_SUFFIX)
    shutil.rmtree(previous, ignore_errors=True)
    app.rename(previous)
    try:
        shutil.move(str(found.folder), str(app))
    except BaseException:
        shutil.rmtree(app, ignore_errors=True)
        previous.rename(app)  # the running version stays
        raise
    shutil.rmtree(config.ready_dir, ignore_errors=True)
    return app


def remove_previous(config: UpdateConfig) -> None:
    """Remove the app folder an update replaced (it ran until the new one started)."""
    shutil.rmtree(config.app_dir.with_name(config.app_dir.name + OLD_SUFFIX), ignore_errors=True)


def executable(app: Path, name: str) -> Path:
    """The program inside an app folder (or macOS bundle)."""
    if app.suffix == ".app":
        return app / "Contents" / "MacOS" / name
    return app / (name + ".exe" if sys.platform == "win32" else name)


def relaunch(program: Path, args: list[str]) -> None:
    """Start ``program`` in this process's place (POSIX: the same process id)."""
    if sys.platform == "win32":  # pragma: no cover - Windows runners only
        subprocess.Popen([str(program), *args], close_fds=True)
        sys.exit(0)
    os.execv(str(program), [str(program), *args])


_WIN_SCRIPT = """@echo off
{log_lines}
echo Waiting for fieldapp to end...
timeout /t 2 /nobreak > nul
robocopy "{src_dir}" "{dst_dir}" {robocopy_options}
start "" "{dst_dir}\\fieldapp.exe"
{delete_self}
"""


def _install_windows(found: Ready, app: Path) -> Path:  # pragma: no cover
    from tufup.utils.platform_specific import install_update

    # /purge: the app folder holds only the app (per-user install, see docs/packaging.md).
    install_update(
        src_dir=found.folder,
        dst_dir=app,
        purge_dst_dir=True,
        batch_template=_WIN_SCRIPT,
        process_creation_flags=subprocess.CREATE_NO_WINDOW,  # type: ignore[attr-defined]
    )
    sys.exit(0)
