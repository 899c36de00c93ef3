"""Where updates come from and where they wait.

A packaged app carries ``update.json`` (the update URL) and ``root.json`` (the trusted
root metadata, the public half of head office's signing keys) in its folder; both are
written by ``./dev package --update-url URL --root PATH``. Without them updates are off.
Everything downloaded lives in the per-user data folder (``updates/``), never in the
app folder, so an update or an uninstall leaves it (and the data file) alone.
Threading: plain functions.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from fieldapp import APP_NAME, __version__

#: In the app folder: ``{"url": "https://…/updates/"}``.
CONFIG_FILE = "update.json"
#: In the app folder: the trusted root metadata the app was built with.
ROOT_FILE = "root.json"


@dataclass(frozen=True)
class UpdateConfig:
    """An app's update source and the folders for one user."""

    #: Base URL of the update repository: ``metadata/`` and ``targets/`` below it.
    url: str
    #: The trusted root metadata shipped with the app.
    root: Path
    #: Per-user folder: ``metadata/`` (trusted copies), ``targets/`` (downloads),
    #: ``ready/`` (a verified release waiting for the next start).
    folder: Path
    #: The running app's folder (the one an update replaces).
    app_dir: Path
    current_version: str = __version__
    app_name: str = APP_NAME

    @property
    def metadata_url(self) -> str:
        return self.url.rstrip("/") + "/metadata/"

    @property
    def targets_url(self) -> str:
        return self.url.rstrip("/") + "/targets/"

    @property
    def metadata_dir(self) -> Path:
        return self.folder / "metadata"

    @property
    def targets_dir(self) -> Path:
        return self.folder / "targets"

    @property
    def ready_dir(self) -> Path:
        return self.folder / "ready"


def app_dir() -> Path | None:
    """The packaged app's folder; None when running from source (nothing to update)."""
    if not getattr(sys, "frozen", False):
        return None
    exe = Path(sys.executable).resolve()
    # macOS: …/fieldapp.app/Contents/MacOS/fieldapp: the bundle is what gets replaced.
    for parent in exe.parents:
        if parent.suffix == ".app":
            return parent
    return exe.parent


def data_folder() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "updates"


def resources_dir(app: Path) -> Path:
    """Where PyInstaller put the bundled files (``_internal`` beside the executable;
    ``Contents/Resources`` in a macOS bundle)."""
    if app.suffix == ".app":
        return app / "Contents" / "Resources"
    return app / "_internal"


def load(app: Path | None = None, folder: Path | None = None) -> UpdateConfig | None:
    """The update configuration of the packaged app in ``app`` (default: this one);
    None when it has none (run from source, or packaged without an update URL)."""
    app = app or app_dir()
    if app is None:
        return None
    res = resources_dir(app)
    config, root = res / CONFIG_FILE, res / ROOT_FILE
    if not (config.is_file() and root.is_file()):
        return None
    try:
        url = json.loads(config.read_text(encoding="utf-8"))["url"]
    except (ValueError, KeyError, TypeError):
        return None
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        return None
    return UpdateConfig(url=url, root=root, folder=folder or data_folder(), app_dir=app)
