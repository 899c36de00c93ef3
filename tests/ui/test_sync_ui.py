"""Sync in the desktop app against the real server on loopback (SQLite server database).

The controller runs ``SyncClient.sync()`` on the real ``TaskRunner`` (a worker thread
with its own store); tests wait for the result with ``qtbot.waitUntil``.
"""

from __future__ import annotations

import json
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QPushButton

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))

from client_harness import LiveServer
from sync_harness import PASSWORD, Server

from fieldapp.store import Store
from sync.client import MemoryTokenStore, SyncClient
from sync.server import service
from sync.server.db import rows
from ui.app import create_context
from ui.context import AppContext
from ui.errors import ErrorPresenter
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.pages.conflicts import ConflictsPage
from ui.sync_ui import (
    LoginDialog,
    SyncController,
    SyncStatusWidget,
    wipe_local_data,
)
from ui.tasks import TaskRunner

WAIT = 20000


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    s = Server(f"sqlite:///{tmp_path / 'server.db'}")
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def world(server: Server) -> dict[str, Any]:
    w: dict[str, Any] = {"A": server.team("A")}
    w["repA"] = server.user("repA", "rep", "A")
    server.user("admin", "admin")
    admin = server.device("admin")
    w["county"] = str(uuid.uuid4())
    res = admin.push(admin.mut("counties", w["county"], "insert", name="金水区", koc_target=50))
    assert res[0]["status"] == "applied", res
    return w


@pytest.fixture
def live(server: Server) -> Iterator[LiveServer]:
    ls = LiveServer(server)
    yield ls
    if not ls.uv.should_exit:
        ls.stop()


@pytest.fixture
def factory() -> Callable[[Store, str], SyncClient]:
    tokens = MemoryTokenStore()  # shared by every worker's client, like the keyring

    def make(store: Store, url: str) -> SyncClient:
        return SyncClient(store, url, token_store=tokens, retries=0, backoff=0.01, timeout=(2, 5))

    return make


@pytest.fixture
def rep_ctx(tmp_path: Path, translations: Translations, qtbot: Any) -> Iterator[AppContext]:
    store = Store.open(tmp_path / "rep.db", photos_dir=tmp_path / "rep-photos")
    presenter = ErrorPresenter()
    presenter.quiet = True
    runner = TaskRunner(on_error=presenter.show)
    ctx = create_context(store, runner=runner, errors=presenter, translations=translations)
    yield ctx
    runner.wait(WAIT)
    from tests.ui.conftest import delete_windows

    delete_windows()
    store.close()


def login(ctx: AppContext, factory: Any, live: LiveServer, user: str = "repA") -> None:
    factory(ctx.store, live.url).login(user, PASSWORD)


_CONTROLLERS: list[SyncController] = []


@pytest.fixture(autouse=True)
def _stop_controllers() -> Iterator[None]:
    """Stop every controller a test made: a live one's timers (periodic sync, the
    server probe) would fire during a later test, against a store that is closed."""
    yield
    while _CONTROLLERS:
        controller = _CONTROLLERS.pop()
        controller.stop()
        controller.deleteLater()


def controller_for(ctx: AppContext, factory: Any, asked: list[str] | None = None) -> SyncController:
    asked = asked if asked is not None else []
    controller = SyncController(
        ctx, client_factory=factory, ask_login=lambda: asked.append("login"), probe_ms=60000
    )
    _CONTROLLERS.append(controller)
    return controller


def server_row(server: Server, table: str, row_id: str) -> Any:
    with server.engine.connect() as c:
        return c.execute(
            sa.select(rows).where(rows.c.table_name == table, rows.c.row_id == row_id)
        ).first()


def new_shop(ctx: AppContext, county: str, name: str = "鑫旺便利店") -> Any:
    return ctx.store.shops.create(
        name=name,
        channel="convenience",
        tier="B",
        county_id=county,
        cloud_store="none",
        rep_id=ctx.store.user_id,
    )


# --------------------------------------------------------------------------- login


def test_login_dialog_logs_in_and_shows_a_wrong_password_next_to_the_field(
    rep_ctx: AppContext, live: LiveServer, world: dict[str, Any], factory: Any, qtbot: Any
) -> None:
    rep_ctx.store.replica.set_server_url(live.url)
    dialog = LoginDialog(rep_ctx, client_factory=factory)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.url.text() == live.url  # prefilled from the store
    dialog.username.setText("repA")
    dialog.password.setText("wrong password")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.password_error.isVisible(), timeout=WAIT)
    assert dialog.password_error.text() == "Wrong user name or password."
    assert not dialog.user_error.isVisible() and dialog.result() == 0

    dialog.password.setText("")
    dialog.submit()  # checked before asking the server
    assert dialog.password_error.text() == "Enter your password."

    dialog.password.setText(PASSWORD)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.user is not None, timeout=WAIT)
    assert dialog.result() == 1
    assert rep_ctx.store.user_id == world["repA"]
    assert rep_ctx.store.get_meta("user_id") == world["repA"]
    assert not dialog.password_error.isVisible()


def test_login_dialog_shows_the_wait_after_too_many_failed_logins(
    rep_ctx: AppContext,
    live: LiveServer,
    server: Server,
    world: dict[str, Any],
    factory: Any,
    qtbot: Any,
    translations: Translations,
) -> None:
    for _ in range(6):  # someone else guessed: the account must wait 1 s
        assert server.login_raw("repA", password="nope nope").status_code == 401
    dialog = LoginDialog(rep_ctx, client_factory=factory)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.url.setText(live.url)
    dialog.username.setText("repA")
    dialog.password.setText(PASSWORD)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.general_error.isVisible(), timeout=WAIT)
    assert dialog.general_error.text() == "Too many login attempts. Try again in 1 s."
    assert not dialog.buttons.isEnabled()
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=3000)  # the wait is over
    assert not dialog.general_error.isVisible()
    server.clock.now += 1
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.user is not None, timeout=WAIT)

    r = server.login_raw("repA", password="nope nope")
    while r.status_code != 429 or r.json()["error"]["code"] != "account_locked":
        server.clock.now += int(r.headers.get("Retry-After", 0))  # ten failures lock it
        r = server.login_raw("repA", password="nope nope")
    translations.install("zh_CN")
    dialog = LoginDialog(rep_ctx, client_factory=factory)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.url.setText(live.url)
    dialog.username.setText("repA")
    dialog.password.setText(PASSWORD)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.general_error.isVisible(), timeout=WAIT)
    text = dialog.general_error.text()
    assert "10" in text and "Too many" not in text, text


def test_login_dialog_says_a_device_waits_for_approval_and_an_account_is_deactivated(
    rep_ctx: AppContext,
    live: LiveServer,
    server: Server,
    world: dict[str, Any],
    factory: Any,
    qtbot: Any,
) -> None:
    service.require_device_approval(server.engine, True)
    dialog = LoginDialog(rep_ctx, client_factory=factory)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.url.setText(live.url)
    dialog.username.setText("repA")
    dialog.password.setText(PASSWORD)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.general_error.isVisible(), timeout=WAIT)
    assert "approval" in dialog.general_error.text() and dialog.buttons.isEnabled()
    service.approve_device(server.engine, rep_ctx.store.device_id)
    service.set_active(server.engine, "repA", False)
    dialog.submit()
    qtbot.waitUntil(lambda: "deactivated" in dialog.general_error.text(), timeout=WAIT)
    assert dialog.user is None


def test_login_dialog_unreachable_server_is_shown_next_to_the_address(
    rep_ctx: AppContext, factory: Any, qtbot: Any
) -> None:
    dialog = LoginDialog(rep_ctx, client_factory=factory)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.url.setText("http://127.0.0.1:9")
    dialog.username.setText("repA")
    dialog.password.setText("x")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.url_error.isVisible(), timeout=WAIT)
    assert "cannot be reached" in dialog.url_error.text()


# --------------------------------------------------------------------------- sync now


def test_sync_now_pushes_a_local_shop_and_updates_the_status(
    rep_ctx: AppContext, live: LiveServer, world: dict[str, Any], factory: Any, qtbot: Any
) -> None:
    login(rep_ctx, factory, live)
    controller = controller_for(rep_ctx, factory)
    widget = SyncStatusWidget(controller)
    qtbot.addWidget(widget)
    assert widget.last_label.text() == "Never synced"
    controller.sync_now()  # first sync brings the county
    qtbot.waitUntil(lambda: controller.state == "ok", timeout=WAIT)
    assert rep_ctx.store.counties.get(world["county"]).name == "金水区"

    shop = new_shop(rep_ctx, world["county"])
    widget.refresh()
    assert widget.pending_label.text() == "Waiting to sync: 1"
    changed: list[str] = []
    rep_ctx.signals.changed.connect(changed.append)
    stages: list[tuple[str, int, int]] = []
    controller.progress.connect(lambda *a: stages.append(a))
    with qtbot.waitSignal(controller.synced, timeout=WAIT):
        widget.button.click()
        assert controller.state == "syncing" and widget.state_label.text() == "Syncing…"
        assert not widget.button.isEnabled()
        assert not widget.bar.isHidden() and not widget.cancel_button.isHidden()
    assert controller.state == "ok" and controller.last_report.applied == 1
    assert {"push", "pull", "verify"} <= {stage for stage, _d, _t in stages}
    assert ("push", 1, 1) in stages  # a count where the total is known
    assert widget.bar.isHidden() and widget.cancel_button.isHidden()
    assert server_row(server_of(live), "shops", shop.id).data["name"] == "鑫旺便利店"
    assert {m.state for m in rep_ctx.store.outbox.list()} == {"applied"}
    assert rep_ctx.store.replica.last_sync_at() is not None
    assert widget.state_label.text() == "Synced"
    assert widget.pending_label.text() == "Waiting to sync: 0"
    assert widget.last_label.text().startswith("Last sync: 20")
    assert {"shops", "counties", "conflicts"} <= set(changed)  # pages refresh


def test_stop_cancels_a_running_sync_and_keeps_the_changes(
    rep_ctx: AppContext, live: LiveServer, world: dict[str, Any], factory: Any, qtbot: Any
) -> None:
    login(rep_ctx, factory, live)
    controller = controller_for(rep_ctx, factory)
    widget = SyncStatusWidget(controller)
    qtbot.addWidget(widget)
    controller.sync_now()  # the county first
    qtbot.waitUntil(lambda: controller.state == "ok", timeout=WAIT)
    shop = new_shop(rep_ctx, world["county"])
    controller.progress.connect(lambda *_a: widget.cancel_button.click())  # stop at once
    controller.sync_now()
    qtbot.waitUntil(lambda: controller.state != "syncing", timeout=WAIT)
    assert controller.state == "idle"  # stopped by the user: not reported as a problem
    assert widget.state_label.text() == "Ready to sync"
    assert rep_ctx.store.outbox.list()[-1].row_id == shop.id  # kept, to be sent next time
    assert {m.state for m in rep_ctx.store.outbox.list()} <= {"pending", "applied"}
    controller.progress.disconnect()
    controller.sync_now()
    qtbot.waitUntil(lambda: controller.state == "ok", timeout=WAIT)
    assert server_row(server_of(live), "shops", shop.id) is not None


def test_stop_seen_first_by_the_task_also_ends_the_sync(
    rep_ctx: AppContext, live: LiveServer, world: dict[str, Any], factory: Any, qtbot: Any
) -> None:
    """Stop sets two flags: the task's (checked when progress is reported) and the
    client's. Whichever the worker sees first, the controller must leave "syncing":
    here the client ignores its flag, so the task's stop is the one that ends the sync
    (it used to be dropped by the task runner, leaving the controller busy for good)."""

    def deaf(store: Store, url: str) -> SyncClient:
        client = factory(store, url)
        client.cancel = lambda: None  # type: ignore[method-assign]
        return client

    login(rep_ctx, factory, live)
    controller = controller_for(rep_ctx, deaf)
    widget = SyncStatusWidget(controller)
    qtbot.addWidget(widget)
    controller.sync_now()
    qtbot.waitUntil(lambda: controller.state == "ok", timeout=WAIT)
    shop = new_shop(rep_ctx, world["county"])
    controller.progress.connect(lambda *_a: widget.cancel_button.click())
    controller.sync_now()
    qtbot.waitUntil(lambda: controller.state != "syncing", timeout=WAIT)
    assert controller.state == "idle"
    assert not controller.busy()
    controller.progress.disconnect()
    controller.sync_now()  # and the next sync runs
    qtbot.waitUntil(lambda: controller.state == "ok", timeout=WAIT)
    assert server_row(server_of(live), "shops", shop.id) is not None


def server_of(live: LiveServer) -> Server:
    return live.server


def test_offline_shows_plain_words_and_loses_nothing(
    rep_ctx: AppContext, live: LiveServer, world: dict[str, Any], factory: Any, qtbot: Any
) -> None:
    login(rep_ctx, factory, live)
    controller = controller_for(rep_ctx, factory)
    widget = SyncStatusWidget(controller)
    qtbot.addWidget(widget)
    controller.sync_now()
    qtbot.waitUntil(lambda: controller.state == "ok", timeout=WAIT)
    shop = new_shop(rep_ctx, world["county"])
    live.stop()

    controller.sync_now()
    qtbot.waitUntil(lambda: controller.state == "offline", timeout=WAIT)
    assert widget.state_label.text() == "Offline"
    assert controller.message.startswith("Offline: the server cannot be reached.")
    assert "kept on this computer" in widget.state_label.toolTip()
    assert controller.probe_timer.isActive()  # will look for the network again
    assert [(m.table, m.row_id, m.state) for m in rep_ctx.store.outbox.list()][-1] == (
        "shops",
        shop.id,
        "pending",
    )
    assert widget.pending_label.text() == "Waiting to sync: 1"
    assert rep_ctx.store.shops.get(shop.id).name == "鑫旺便利店"

    # The probe finds no server and backs off; the data still waits.
    delay = controller._probe_delay
    controller.probe()
    qtbot.waitUntil(lambda: not controller._probing, timeout=WAIT)
    assert controller._probe_delay == min(delay * 2, controller.probe_max_ms)
    assert controller.state == "offline" and rep_ctx.store.outbox.count(state="pending") == 1


def test_probe_syncs_when_the_server_is_back(
    rep_ctx: AppContext, live: LiveServer, world: dict[str, Any], factory: Any, qtbot: Any
) -> None:
    login(rep_ctx, factory, live)
    controller = controller_for(rep_ctx, factory)
    controller.state = "offline"
    with qtbot.waitSignal(controller.synced, timeout=WAIT):
        controller.probe()
    assert controller.state == "ok"


def test_expired_login_asks_to_log_in_again(
    rep_ctx: AppContext, live: LiveServer, world: dict[str, Any], factory: Any, qtbot: Any
) -> None:
    rep_ctx.store.replica.set_server_url(live.url)  # a server, but no token
    asked: list[str] = []
    controller = controller_for(rep_ctx, factory, asked)
    controller.sync_now()
    qtbot.waitUntil(lambda: controller.state == "login", timeout=WAIT)
    assert asked == ["login"]
    assert controller.message == "Please log in again."


def test_revoked_device_is_told_then_wiped(
    rep_ctx: AppContext,
    live: LiveServer,
    world: dict[str, Any],
    factory: Any,
    qtbot: Any,
    tmp_path: Path,
) -> None:
    login(rep_ctx, factory, live)
    path = Path(rep_ctx.store.path)
    photos = Path(rep_ctx.store.photos_dir)
    photos.mkdir(parents=True, exist_ok=True)
    (photos / "a.jpg").write_bytes(b"x")
    service.revoke_device(live.server.engine, rep_ctx.store.device_id)
    told: list[str] = []
    controller = SyncController(rep_ctx, client_factory=factory, confirm_wipe=told.append)
    _CONTROLLERS.append(controller)
    with qtbot.waitSignal(controller.wiped, timeout=WAIT):
        controller.sync_now()
    assert told and "removed this computer" in told[0]
    assert not path.exists() and not photos.exists()
    assert not Path(str(path) + "-wal").exists()


def test_a_removed_computer_offers_its_unsynced_changes_sealed_before_the_wipe(
    rep_ctx: AppContext,
    live: LiveServer,
    world: dict[str, Any],
    factory: Any,
    qtbot: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Revoked with changes head office never got: the box says how many, saving them
    writes a file sealed for head office (the shop's name nowhere in clear) and comes
    back to the box, and only "Delete the data and close" wipes. Head office opens the
    file (``service.open_unsynced``) after the wipe."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    import ui.unsynced_box

    login(rep_ctx, factory, live)
    store = rep_ctx.store
    path = Path(store.path)
    county = store.counties.create(name="临安区", province="浙江省").id
    store.shops.create(name="没来得及同步的门店", channel="convenience", county_id=county)
    service.revoke_device(live.server.engine, store.device_id)
    sealed = tmp_path / "for-head-office.json"
    monkeypatch.setattr(ui.unsynced_box, "_ask_path", lambda *_a: str(sealed))
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, answer)
            return
        seen.append(box.informativeText())
        save = box.findChild(QPushButton, "exportUnsynced")
        if len(seen) == 1:
            assert save is not None and save.isVisible()
            save.click()
        else:
            box.findChild(QPushButton, "wipeNow").click()
        if len(seen) < 2:
            QTimer.singleShot(50, answer)

    controller = SyncController(rep_ctx, client_factory=factory)
    _CONTROLLERS.append(controller)
    QTimer.singleShot(50, answer)
    with qtbot.waitSignal(controller.wiped, timeout=WAIT):
        controller.sync_now()
    assert "2 changes" in seen[0] and "only head office" in seen[0]  # county and shop
    assert str(sealed) in seen[1]  # saved, then asked again before deleting
    assert not path.exists()
    raw = sealed.read_text(encoding="utf-8")
    assert "没来得及同步的门店" not in raw
    body = service.open_unsynced(live.server.engine, json.loads(raw))
    names = {m["table"]: m["changes"]["name"]["new"] for m in body["mutations"]}
    assert names == {"counties": "临安区", "shops": "没来得及同步的门店"}


def test_wipe_local_data_deletes_the_file_and_photos(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "x.db", photos_dir=tmp_path / "x-photos")
    (tmp_path / "x-photos").mkdir()
    (tmp_path / "keep.txt").write_text("not ours")
    gone = wipe_local_data(store)
    assert tmp_path / "x.db" in gone and tmp_path / "x-photos" in gone
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]


# --------------------------------------------------------------------------- conflicts


def _conflict_page(cid: str, row_id: str, kept: Any, lost: Any, user: str) -> dict[str, Any]:
    now = "2026-11-24T02:00:00+00:00"
    row = {
        "id": cid,
        "created_at": now,
        "updated_at": now,
        "table_name": "shops",
        "row_id": row_id,
        "field": "notes",
        "kept_value": json.dumps(kept),
        "lost_value": json.dumps(lost),
        "kept_by": "u-boss",
        "lost_by": user,
        "kept_seq": 12,
        "lost_seq": 10,
        "resolved": 0,
        "version": 12,
    }
    return {"seq": 12, "table": "conflicts", "row_id": cid, "op": "upsert", "version": 12,
            "row": row}  # fmt: skip


def test_conflicts_page_lists_and_resolves(ctx: AppContext, qtbot: Any) -> None:
    store = ctx.store
    page = ConflictsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.empty.isVisible() and not page.table.isVisible()
    assert page.empty.text().startswith("No conflicts.")

    shop = store.shops.list()[0]
    store.replica.apply_page(
        [
            _conflict_page("c1", shop.id, "老板的说法", "我的说法", store.user_id),
            _conflict_page("c2", shop.id, "老板的说法", "另一个", store.user_id),
        ],
        cursor=12,
    )
    ctx.notify("conflicts")
    assert page.model.rowCount() == 2 and page.table.isVisible()
    first = page.model.row_at(0)
    assert first["what"] == "Shop: " + shop.name
    assert (first["field"], first["kept"], first["lost"]) == ("Notes", "老板的说法", "我的说法")
    assert first["when"] == "2026-11-24 10:00"  # business-local time
    before = store.outbox.count(state="pending")

    page.table.selectRow(0)
    page.other_button.click()  # "Use the other"
    assert store.shops.get(shop.id).notes == "我的说法"
    assert store.replica.get_conflict("c1").resolution == "lost"
    assert store.outbox.count(state="pending") == before + 2  # the edit and the resolution
    assert page.model.rowCount() == 1

    page.table.selectRow(0)
    page.keep_button.click()  # "Keep this"
    assert store.replica.get_conflict("c2").resolution == "kept"
    assert store.shops.get(shop.id).notes == "我的说法"
    assert store.replica.conflicts() == []
    assert page.empty.isVisible() and not page.table.isVisible()


# --------------------------------------------------------------------------- language


def test_language_switch_relabels_the_status_widget(
    rep_ctx: AppContext, translations: Translations, qtbot: Any
) -> None:
    controller = controller_for(rep_ctx, None)
    widget = SyncStatusWidget(controller)
    qtbot.addWidget(widget)
    controller._set_state("offline")
    assert (widget.button.text(), widget.state_label.text()) == ("Sync now", "Offline")
    translations.install("zh_CN")
    assert widget.button.text() == "立即同步"
    assert widget.state_label.text() == "离线"
    assert widget.pending_label.text() == "待同步：0"
    assert widget.last_label.text() == "从未同步"
    assert controller.action.text() == "立即同步"
    translations.install("en")
    assert widget.button.text() == "Sync now"


def test_main_window_takes_the_status_widget(rep_ctx: AppContext, qtbot: Any) -> None:
    window = MainWindow(rep_ctx, [])
    qtbot.addWidget(window)
    widget = SyncStatusWidget(controller_for(rep_ctx, None))
    window.add_status_widget(widget)
    assert window.statusBar().findChild(SyncStatusWidget, "syncStatus") is widget


def test_a_login_as_another_role_switches_the_pages(ctx: AppContext, qtbot: Any) -> None:
    """A rep's laptop where a supervisor logs in shows the supervisor's pages, and back."""
    from fieldapp.demo import adopt_first
    from ui.app import create_window
    from ui.sync_ui import install

    window = create_window(ctx)
    qtbot.addWidget(window)
    controller = install(ctx, window, client_factory=None, ask_login=lambda: None, probe_ms=60000)

    def nav() -> list[str]:
        items = [window.nav.item(i) for i in range(window.nav.count())]
        return [item.data(Qt.ItemDataRole.UserRole) for item in items]

    assert "review" not in nav() and nav()[0] == "today"
    window.show_page("shops")
    adopt_first(ctx.store, "supervisor")
    controller.logged_in()  # what a successful login dialog calls
    assert nav()[:2] == ["review", "dashboard"]
    assert window.current_page() is window.pages["review"]
    adopt_first(ctx.store, "rep")
    controller.logged_in()
    assert "review" not in nav() and "review" not in window.pages
    assert window.current_page() is window.pages["today"]
    controller.stop()


def test_the_status_shows_values_kept_aside_as_unreadable(
    rep_ctx: AppContext, live: LiveServer, world: dict[str, Any], factory: Any, qtbot: Any
) -> None:
    """Issue 12 §1: a row an older head office let in (a NUL, year 0) is mended and its
    values kept aside; the status bar says so, and the Shops page's rows still read."""
    server = server_of(live)
    login(rep_ctx, factory, live)
    controller = controller_for(rep_ctx, factory)
    widget = SyncStatusWidget(controller)
    qtbot.addWidget(widget)
    rep = server.device("repA")
    sid = str(uuid.uuid4())
    shop = {"name": "鑫旺便利店", "channel": "convenience", "tier": "B", "cloud_store": "none",
            "county_id": world["county"], "rep_id": world["repA"]}  # fmt: skip
    assert rep.push(rep.mut("shops", sid, "insert", **shop))[0]["status"] == "applied"
    row = server_row(server, "shops", sid)
    with server.engine.begin() as c:  # what an older head office stored
        c.execute(
            sa.update(rows)
            .where(rows.c.row_id == sid)
            .values(
                data=dict(row.data) | {"name": "鑫旺\x07"}, created_at="0001-01-01T00:00:00+14:00"
            )
        )
    widget.refresh()
    assert widget.unreadable_label.isHidden()
    with qtbot.waitSignal(controller.synced, timeout=WAIT):
        controller.sync_now()
    widget.refresh()
    assert not widget.unreadable_label.isHidden()
    assert widget.unreadable_label.text() == "Unreadable values kept aside: 2"
    assert rep_ctx.store.shops.get(sid).name == "鑫旺\ufffd"


def test_a_deactivated_account_keeps_its_changes_and_offers_them_as_a_file(
    rep_ctx: AppContext,
    live: LiveServer,
    server: Server,
    world: dict[str, Any],
    factory: Any,
    qtbot: Any,
    tmp_path: Path,
) -> None:
    """Beyond a message: sync stops trying on its timer, the box says how many changes
    wait here and that nothing is lost, and they can be saved to a file (JSON, whole,
    with their values); the outbox keeps them, and they go once head office allows."""
    from fieldapp.exchange.unsynced import count_unsynced
    from ui.unsynced_box import blocked_text, save_unsynced

    login(rep_ctx, factory, live)
    told: list[str] = []
    controller = SyncController(rep_ctx, client_factory=factory, show_blocked=told.append)
    _CONTROLLERS.append(controller)
    with qtbot.waitSignal(controller.synced, timeout=WAIT):
        controller.sync_now()
    store = rep_ctx.store
    county = store.counties.list()[0].id
    shop = store.shops.create(name="离职前的门店", channel="convenience", county_id=county)
    assert count_unsynced(store) == 1
    service.set_active(server.engine, "repA", False)
    controller.timer.start()
    with qtbot.waitSignal(controller.state_changed, timeout=WAIT):
        controller.sync_now()
    qtbot.waitUntil(lambda: bool(told), timeout=WAIT)
    assert "deactivated" in told[0] and not controller.timer.isActive()
    assert "1 change" in blocked_text(store) and "nothing is lost" in blocked_text(store)
    out = tmp_path / "unsynced.json"
    assert save_unsynced(None, store, str(out)) == 1
    saved = json.loads(out.read_text(encoding="utf-8"))
    (m,) = saved["mutations"]
    assert (m["table"], m["row_id"], m["op"]) == ("shops", shop.id, "insert")
    assert m["changes"]["name"]["new"] == "离职前的门店" and saved["device_id"] == store.device_id
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    assert store.outbox.count(state="pending") == 1  # nothing lost
    # Head office lets it sync again: the change goes.
    service.set_active(server.engine, "repA", True)
    with qtbot.waitSignal(controller.synced, timeout=WAIT):
        controller.sync_now()
    assert count_unsynced(store) == 0
