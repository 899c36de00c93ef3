"""Updates in the app against a loopback update server: a downloaded release is
installed at the next start and the new version started; with changes waiting to sync
the person is asked first and "later" installs nothing; the background checker
downloads and verifies a release and says it installs at the next start, and says
when one was refused."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "updater"))
from update_server import UpdateRepo

from fieldapp.store import Store
from ui.context import AppContext
from ui.update_ui import UpdateChecker, apply_at_start, waiting_changes
from updater.check import Updater


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[UpdateRepo]:
    r = UpdateRepo(tmp_path / "hq")
    try:
        yield r
    finally:
        r.stop()


def _downloaded(repo: UpdateRepo, home: Path) -> object:
    repo.publish("0.2.0")
    config = repo.config(home)
    updater = Updater(config)
    assert updater.check() is not None
    updater.download()
    return config


def test_nothing_waiting_starts_as_usual(repo: UpdateRepo, tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        assert apply_at_start(store, [], config=repo.config(tmp_path / "pc")) == "none"


def test_a_downloaded_release_is_installed_and_started(repo: UpdateRepo, tmp_path: Path) -> None:
    config = _downloaded(repo, tmp_path / "pc")
    started: list[tuple[Path, list[str]]] = []
    asked: list[object] = []
    store = Store.open(tmp_path / "s.db")
    assert waiting_changes(store) == 0
    result = apply_at_start(
        store,
        ["--lang", "zh_CN"],
        config=config,  # type: ignore[arg-type]
        ask_user=lambda v, n: asked.append((v, n)) or True,
        relaunch=lambda program, args: started.append((program, args)),
    )
    assert result == "started" and asked == []  # nothing waits to sync: nothing to ask
    app = config.app_dir  # type: ignore[attr-defined]
    assert started == [(app / "fieldapp", ["--lang", "zh_CN"])]
    assert (app / "_internal" / "VERSION").read_text() == "0.2.0"


def test_with_changes_waiting_to_sync_it_asks_first(
    repo: UpdateRepo, tmp_path: Path, ui_store: Store
) -> None:
    config = _downloaded(repo, tmp_path / "pc")
    pending = waiting_changes(ui_store)
    if pending == 0:  # the demo's rep has synced everything: make a change
        shop = ui_store.shops.list()[0]
        ui_store.shops.update(shop.id, notes="等同步")
        pending = waiting_changes(ui_store)
    assert pending > 0
    asked: list[tuple[str, int]] = []
    started: list[object] = []
    result = apply_at_start(
        ui_store,
        [],
        config=config,  # type: ignore[arg-type]
        ask_user=lambda v, n: asked.append((v, n)) is not None,  # "Later"
        relaunch=lambda *a: started.append(a),
    )
    assert result == "later" and asked == [("0.2.0", pending)] and started == []
    app = config.app_dir  # type: ignore[attr-defined]
    assert (app / "_internal" / "VERSION").read_text() == "0.1.0"
    assert waiting_changes(ui_store) == pending  # nothing touched, the store still open
    result = apply_at_start(
        ui_store,
        [],
        config=config,  # type: ignore[arg-type]
        ask_user=lambda v, n: True,  # "Install now"
        relaunch=lambda *a: started.append(a),
    )
    assert result == "started" and len(started) == 1
    assert (app / "_internal" / "VERSION").read_text() == "0.2.0"


def test_the_checker_downloads_and_says_so(
    qtbot: QtBot, repo: UpdateRepo, tmp_path: Path, ctx: AppContext
) -> None:
    repo.publish("0.2.0")
    checker = UpdateChecker(ctx, repo.config(tmp_path / "pc"), first_ms=-1)
    told: list[str] = []
    checker.told.connect(told.append)
    checker.check_now()  # the test's runner is synchronous
    qtbot.waitUntil(lambda: checker.state == "ready")
    assert checker.version == "0.2.0" and "0.2.0" in told[0]
    assert "next start" in checker.label.text()


def test_the_checker_says_a_release_was_refused(
    qtbot: QtBot, repo: UpdateRepo, tmp_path: Path, ctx: AppContext
) -> None:
    archive = repo.publish("0.2.0")
    archive.write_bytes(archive.read_bytes()[::-1])
    config = repo.config(tmp_path / "pc")
    checker = UpdateChecker(ctx, config, first_ms=-1)
    checker.check_now()
    qtbot.waitUntil(lambda: checker.state == "refused")
    assert checker.refused == "tampered" and "refused" in checker.label.text()
    assert not config.ready_dir.exists()
