"""The first start with an empty store: load the demo data, or start empty.

Starting empty creates the local user this computer's writes are attributed to
(the sync login replaces it with the head-office account later).
Threading: UI thread; demo generation runs on a worker with progress and cancel.
"""

from __future__ import annotations

import getpass

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.demo import adopt_first_rep
from fieldapp.kinds import Role
from fieldapp.store import Store

from .errors import ErrorPresenter
from .tasks import SyncTaskRunner, Task, TaskRunner, run_with_progress


def store_is_empty(store: Store) -> bool:
    return store.is_empty()


def adopt_demo_user(store: Store) -> None:
    """After loading demo data, work as its first rep (so Today shows their day)."""
    adopt_first_rep(store)


class FirstStartDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstStartDialog")
        self.setWindowTitle(self.tr("Welcome"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("There is no data on this computer yet. How would you like to start?")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.demo = QRadioButton(self.tr("Load demo data (one rep, about 300 shops in Henan)"))
        self.demo.setObjectName("choiceDemo")
        self.empty = QRadioButton(self.tr("Start empty"))
        self.empty.setObjectName("choiceEmpty")
        group = QButtonGroup(self)
        group.addButton(self.demo)
        group.addButton(self.empty)
        self.demo.setChecked(True)
        layout.addWidget(self.demo)
        layout.addWidget(self.empty)
        self.name_label = QLabel(self.tr("Your name"))
        self.name = QLineEdit(getpass.getuser())
        self.name.setObjectName("userName")
        layout.addWidget(self.name_label)
        layout.addWidget(self.name)
        self.empty.toggled.connect(self._toggle)
        self._toggle(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, Qt.Orientation.Horizontal)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def _toggle(self, empty: bool) -> None:
        self.name_label.setVisible(empty)
        self.name.setVisible(empty)

    def wants_demo(self) -> bool:
        return self.demo.isChecked()

    def user_name(self) -> str:
        return self.name.text().strip() or getpass.getuser()


def load_demo(store: Store, presenter: ErrorPresenter, parent: QWidget | None = None) -> bool:
    """Generate the rep-scale demo into the store on a worker thread, with progress.

    All or nothing: True when the demo is in the store; False when it failed (the error
    was shown) or the user pressed Cancel, and the store is as empty as before.
    """
    from fieldapp.demo.generator import generate

    path = store.path
    runner = TaskRunner(on_error=presenter.show)
    loop = QEventLoop()
    outcome: list[bool] = []

    def work(task: Task) -> None:
        def progress(stage: str, done: int, total: int) -> None:
            task.progress(done, total, stage)

        if path == ":memory:":
            generate(store, scale="rep", seed=1)
            return
        # A connection belongs to its thread. One transaction: Cancel keeps nothing.
        with Store.open(path) as own, own.transaction():
            generate(own, scale="rep", seed=1, progress=progress)

    def done(_result: object) -> None:
        outcome.append(True)
        loop.quit()

    def failed(exc: BaseException, tb: str) -> None:
        outcome.append(False)
        presenter.show(exc, tb)
        loop.quit()

    def cancelled() -> None:
        outcome.append(False)
        loop.quit()

    title = QCoreApplication.translate("FirstStartDialog", "Loading demo data…")
    if path == ":memory:":
        SyncTaskRunner().run(work, on_done=done, on_error=failed, on_cancel=cancelled)
    else:
        run_with_progress(
            runner,
            parent or QWidget(),
            title,
            work,
            on_done=done,
            on_error=failed,
            on_cancel=cancelled,
        )
        loop.exec()
    return bool(outcome and outcome[0])


def start_empty(store: Store, name: str) -> None:
    user = store.users.create(name=name, role=Role.REP)
    store.set_user(user.id)
