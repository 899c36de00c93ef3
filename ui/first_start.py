"""The first start with an empty store: load the demo data, or start empty.

Starting empty asks for the person's own name (never taken from the OS account) and the
counties they work in, picked by province from China's county list that ships with the
app (fieldapp.reference); it creates the local user this computer's writes are
attributed to (the sync login replaces it with the head-office account later).
Threading: UI thread; demo generation runs on a worker with progress and cancel.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp import reference
from fieldapp.demo import adopt_first_rep
from fieldapp.kinds import Role
from fieldapp.reference import RefCounty
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
        self.demo = QRadioButton(self.tr("Load demo data (one rep, about 150 shops in Henan)"))
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
        self.name = QLineEdit()
        self.name.setObjectName("userName")
        self.name.setPlaceholderText(self.tr("as your colleagues know you, e.g. 李娜"))
        self.name_label.setBuddy(self.name)
        self.province_label = QLabel(self.tr("Province you work in"))
        self.province = QComboBox()
        self.province.setObjectName("province")
        self.province.addItem(self.tr("Choose a province"), None)
        for name in reference.provinces():
            self.province.addItem(name, name)
        self.province_label.setBuddy(self.province)
        self.counties_label = QLabel(self.tr("Your counties (tick one or more)"))
        self.counties = QListWidget()
        self.counties.setObjectName("counties")
        self.counties.setMinimumHeight(180)
        self.counties_label.setBuddy(self.counties)
        self._extra = [
            self.name_label,
            self.name,
            self.province_label,
            self.province,
            self.counties_label,
            self.counties,
        ]
        for widget in self._extra:
            layout.addWidget(widget)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok, Qt.Orientation.Horizontal
        )
        self.buttons.accepted.connect(self.accept)
        layout.addWidget(self.buttons)
        self.empty.toggled.connect(self._toggle)
        self.name.textChanged.connect(self._update_ok)
        self.province.currentIndexChanged.connect(self._fill_counties)
        self.counties.itemChanged.connect(self._update_ok)
        self._toggle(False)

    def _toggle(self, empty: bool) -> None:
        for widget in self._extra:
            widget.setVisible(empty)
        self.adjustSize()
        self._update_ok()

    def _fill_counties(self) -> None:
        self.counties.clear()
        province = self.province.currentData()
        if province:
            for ref in reference.counties(province):
                text = f"{ref.prefecture} {ref.name}" if ref.prefecture else ref.name
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, ref)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.counties.addItem(item)
        self._update_ok()

    def _update_ok(self, *_args: object) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.wants_demo() or (bool(self.user_name()) and bool(self.chosen())))

    def wants_demo(self) -> bool:
        return self.demo.isChecked()

    def user_name(self) -> str:
        return self.name.text().strip()

    def chosen(self) -> list[RefCounty]:
        """The ticked counties."""
        items = (self.counties.item(i) for i in range(self.counties.count()))
        return [
            item.data(Qt.ItemDataRole.UserRole)
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def choose(self, province: str, names: list[str]) -> None:
        """Pick a province and tick counties by name (tests and screenshots)."""
        self.province.setCurrentIndex(self.province.findData(province))
        for i in range(self.counties.count()):
            item = self.counties.item(i)
            if item.data(Qt.ItemDataRole.UserRole).name in names:
                item.setCheckState(Qt.CheckState.Checked)


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


def start_empty(store: Store, name: str, counties: list[RefCounty] | None = None) -> None:
    """Create the person's local user and the counties they work in, in one transaction."""
    with store.transaction():
        user = store.users.create(name=name, role=Role.REP)
        store.set_user(user.id)
        reference.add_counties(store, counties or [])
