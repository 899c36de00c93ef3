"""Where a packaged app's updates come from: ``update.json`` and ``root.json`` beside its
resources (written by ``./dev package --update-url URL --root FILE``); without them, or
with a URL that is not http(s), updates are off. Run from source, there is no app folder
to update."""

from __future__ import annotations

import json
from pathlib import Path

from fieldapp import __version__
from updater import config


def _app(tmp_path: Path, url: object, root: bool = True) -> Path:
    app = tmp_path / "fieldapp"
    res = app / "_internal"
    res.mkdir(parents=True)
    (res / config.CONFIG_FILE).write_text(json.dumps({"url": url}))
    if root:
        (res / config.ROOT_FILE).write_text("{}")
    return app


def test_a_packaged_app_names_its_update_source(tmp_path: Path) -> None:
    app = _app(tmp_path, "https://hq.example.cn/updates/linux/")
    found = config.load(app, folder=tmp_path / "data" / "updates")
    assert found is not None
    assert found.metadata_url == "https://hq.example.cn/updates/linux/metadata/"
    assert found.targets_url == "https://hq.example.cn/updates/linux/targets/"
    assert found.root == app / "_internal" / "root.json"
    assert found.current_version == __version__ and found.app_dir == app
    # Downloads go to the data folder, never into the app folder an update replaces.
    assert not found.ready_dir.is_relative_to(app)


def test_no_source_no_updates(tmp_path: Path) -> None:
    assert config.load(_app(tmp_path / "a", "ftp://x/")) is None
    assert config.load(_app(tmp_path / "b", 42)) is None
    assert config.load(_app(tmp_path / "c", "https://x/", root=False)) is None
    assert config.load(tmp_path / "nothing") is None
    assert config.app_dir() is None  # the tests run from source
    assert config.load() is None


def test_a_macos_bundle_keeps_them_in_its_resources(tmp_path: Path) -> None:
    app = tmp_path / "fieldapp.app"
    assert config.resources_dir(app) == app / "Contents" / "Resources"
