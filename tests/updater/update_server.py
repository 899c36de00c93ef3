"""A signed update repository on a loopback HTTP server, for the update tests.

``UpdateRepo`` makes head office's keys and repository (updater.release), a fake app
folder per version, and serves the repository folder on 127.0.0.1 as a web server
would; ``config(...)`` is the matching UpdateConfig of an app installed in ``app_dir``.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path
from typing import Any

from updater import release
from updater.config import UpdateConfig


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class UpdateRepo:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.repo_dir = root / "repository"
        self.keys_dir = root / "keystore"
        self.trusted_root = root / "shipped-root.json"
        shutil.copyfile(release.init(self.repo_dir, self.keys_dir), self.trusted_root)
        handler = functools.partial(_Quiet, directory=str(self.repo_dir))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def bundle(self, version: str) -> Path:
        """An app folder as PyInstaller makes it, naming its version."""
        folder = self.root / f"bundle-{version}"
        (folder / "_internal").mkdir(parents=True, exist_ok=True)
        (folder / "fieldapp").write_text(f"#!/bin/sh\necho fieldapp {version}\n")
        (folder / "_internal" / "VERSION").write_text(version)
        return folder

    def publish(self, version: str, **kw: Any) -> Path:
        """Sign and publish ``version``; returns its archive on the server."""
        release.add_release(self.repo_dir, self.keys_dir, self.bundle(version), version, **kw)
        return self.repo_dir / "targets" / f"fieldapp-{version}.tar.gz"

    def config(self, home: Path, version: str = "0.1.0") -> UpdateConfig:
        app = home / "app"
        if not app.exists():
            shutil.copytree(self.bundle(version), app)
        return UpdateConfig(
            url=self.url,
            root=self.trusted_root,
            folder=home / "data" / "updates",
            app_dir=app,
            current_version=version,
        )

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
