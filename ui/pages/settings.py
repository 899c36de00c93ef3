"""Settings: interface language, data folder, photo size, and who this computer works as.

* Language switches at once (``Translations.install``); Qt tells every widget and each
  page re-labels itself without touching what was typed. The choice is the person's
  (QSettings ``ui/language``, the same for every data file), which main.py reads at start.
* Data folder: the store file and photo folder, each with "Open folder". "Use another
  data file…" records the chosen file in QSettings (``store/path``, window-level state,
  not business data); it takes effect at the next start (main.py reads it when no
  ``--db`` is given).
* Backups (``ui.backups_box``): when the last automatic backup was taken, "Back up now",
  "Restore a backup…" (the app starts again with it; the replaced file is kept).
* Photos: the longest side new photos are scaled down to (setting ``photo.max_px``,
  default 1600) and whether the original is kept too (``photo.keep_original``, False).
  Both are saved in the store: the check box when it changes, the number once typing
  settles (``ui.numbers.SaveWhenSettled``: the field left, Enter, or a pause), so typing
  1000 never stores 1, 10, 100 on the way; a number it cannot take is named and not saved.
* Visit evidence (``ui.widgets.evidence_settings``): the distance, time tolerance and
  shortest visit a visit's evidence is checked by, saved the same way once typing settles.
Threading: UI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldappError
from ui.translate_noop import QT_TRANSLATE_NOOP

from .. import theme
from ..backups_box import BackupsBox
from ..context import AppContext
from ..i18n import preferred_language, remember_language
from ..labels import label
from ..numbers import NumberEdit, SaveWhenSettled, error_label
from ..page import Page
from ..widgets.evidence_settings import EvidenceSettings
from ..widgets.route_start import RouteStart
from ..widgets.tile_settings import TileSettings

#: QSettings key of the store file to open at the next start (main.py reads it).
STORE_PATH_KEY = "store/path"
PHOTO_MAX_PX = "photo.max_px"
PHOTO_KEEP_ORIGINAL = "photo.keep_original"
DEFAULT_PHOTO_MAX_PX = 1600
#: Each language is named in itself, so whoever cannot read the current one finds theirs.
LANGUAGE_NAMES: tuple[tuple[str, str], ...] = (("zh_CN", "中文"), ("en", "English"))


def next_store_path(settings: QSettings) -> str | None:
    """The data file chosen for the next start, or None for the default (for main.py)."""
    value = settings.value(STORE_PATH_KEY)
    return str(value) if value else None


class SettingsPage(Page):
    page_id = "settings"
    title_source = QT_TRANSLATE_NOOP("MainWindow", "Settings")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        settings = ctx.extra.get("qsettings")
        self.qsettings = settings if isinstance(settings, QSettings) else QSettings()
        self.heading = QLabel()
        self.heading.setObjectName("settingsHeading")
        theme.set_role(self.heading, "heading")

        # language
        self.language_box = QGroupBox()
        self.language_box.setObjectName("languageBox")
        self.language_group = QButtonGroup(self)
        self.language_buttons: dict[str, QRadioButton] = {}
        lang_row = QHBoxLayout(self.language_box)
        for code, name in LANGUAGE_NAMES:
            button = QRadioButton(name)
            button.setObjectName(f"language_{code}")
            self.language_group.addButton(button)
            self.language_buttons[code] = button
            lang_row.addWidget(button)
            button.toggled.connect(lambda on, code=code: self.set_language(code) if on else None)
        lang_row.addStretch(1)

        # data folder
        self.data_box = QGroupBox()
        self.data_box.setObjectName("dataBox")
        self.store_path = QLabel()
        self.store_path.setObjectName("storeFile")
        self.photos_path = QLabel()
        self.photos_path.setObjectName("photoFolder")
        for path_label in (self.store_path, self.photos_path):
            path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            path_label.setWordWrap(True)
        self.open_store_folder = QPushButton()
        self.open_store_folder.setObjectName("openStoreFolder")
        self.open_store_folder.clicked.connect(
            lambda: self.open_folder(Path(self.ctx.store.path).parent)
        )
        self.open_photo_folder = QPushButton()
        self.open_photo_folder.setObjectName("openPhotoFolder")
        self.open_photo_folder.clicked.connect(lambda: self.open_folder(self.ctx.store.photos_dir))
        self.other_file = QPushButton()
        self.other_file.setObjectName("useAnotherStore")
        self.other_file.clicked.connect(self.choose_store_file)
        self.default_file = QPushButton()
        self.default_file.setObjectName("useDefaultStore")
        self.default_file.clicked.connect(lambda: self.set_next_store(None))
        self.next_start = QLabel()
        self.next_start.setObjectName("nextStoreNote")
        self.next_start.setWordWrap(True)
        theme.set_role(self.next_start, "notice")
        self.store_label = QLabel()
        self.photos_label = QLabel()
        data = QFormLayout(self.data_box)
        data.addRow(self.store_label, _row(self.store_path, self.open_store_folder))
        data.addRow(self.photos_label, _row(self.photos_path, self.open_photo_folder))
        buttons = QHBoxLayout()
        buttons.addWidget(self.other_file)
        buttons.addWidget(self.default_file)
        buttons.addStretch(1)
        data.addRow(buttons)
        data.addRow(self.next_start)

        # photos
        self.photo_box = QGroupBox()
        self.photo_box.setObjectName("photoBox")
        self.max_px = NumberEdit(minimum=640, maximum=8000)
        self.max_px.setObjectName("photoMaxPx")
        self.max_px.setMinimumWidth(120)
        self.max_px.setMaximumWidth(120)
        self.max_px_error = error_label(self.max_px)
        self.keep_original = QCheckBox()
        self.keep_original.setObjectName("photoKeepOriginal")
        self.max_px_label = QLabel()
        self.max_px_label.setBuddy(self.max_px)
        self.photo_hint = QLabel()
        theme.set_role(self.photo_hint, "muted")
        self.photo_hint.setWordWrap(True)
        photo = QFormLayout(self.photo_box)
        photo.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        photo.addRow(self.max_px_label, self.max_px)
        photo.addRow("", self.max_px_error)
        photo.addRow("", self.keep_original)
        photo.addRow(self.photo_hint)
        # Saved once typing settles: typing 1000 never stores 100 on the way.
        self.max_px_saver = SaveWhenSettled(
            self.max_px, lambda v: self.ctx.store.set_setting(PHOTO_MAX_PX, int(v))
        )
        self.keep_original.toggled.connect(
            lambda on: self.ctx.store.set_setting(PHOTO_KEEP_ORIGINAL, bool(on))
        )

        # user
        self.user_box = QGroupBox()
        self.user_box.setObjectName("userBox")
        self.user_name = QLabel()
        self.user_name.setObjectName("userName")
        theme.set_role(self.user_name, "title")
        self.user_hint = QLabel()
        theme.set_role(self.user_hint, "muted")
        self.user_hint.setWordWrap(True)
        user = QVBoxLayout(self.user_box)
        user.addWidget(self.user_name)
        user.addWidget(self.user_hint)

        # The boxes keep their natural height and scroll when the window is short
        # (a 1366x768 laptop), rather than being squeezed until their text is cut off.
        content = QWidget()
        content.setObjectName("settingsContent")
        column = QVBoxLayout(content)
        column.setContentsMargins(16, 12, 16, 8)
        column.addWidget(self.heading)
        column.addWidget(self.language_box)
        column.addWidget(self.data_box)
        self.backups_box = BackupsBox(ctx)
        column.addWidget(self.backups_box)
        column.addWidget(self.photo_box)
        self.evidence = EvidenceSettings(ctx)
        column.addWidget(self.evidence)
        self.route_start = RouteStart(ctx)
        column.addWidget(self.route_start)
        self.tile_settings = TileSettings(ctx)
        column.addWidget(self.tile_settings)
        column.addWidget(self.user_box)
        column.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("settingsScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.scroll_area.setWidget(content)
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(self.scroll_area)

        ctx.signals.language_changed.connect(self._language_changed)
        self.retranslate()
        self.refresh()

    # ------------------------------------------------------------------ values

    def refresh(self) -> None:
        store = self.ctx.store
        self._language_changed(self._current_language())
        self.store_path.setText(store.path)
        self.photos_path.setText(str(store.photos_dir))
        in_memory = store.path == ":memory:"
        self.open_store_folder.setEnabled(not in_memory)
        for widget, value in (
            (self.max_px, int(store.get_setting(PHOTO_MAX_PX, DEFAULT_PHOTO_MAX_PX))),
            (self.keep_original, bool(store.get_setting(PHOTO_KEEP_ORIGINAL, False))),
        ):
            widget.blockSignals(True)
            if isinstance(widget, NumberEdit):
                widget.setValue(int(value))
            else:
                widget.setChecked(bool(value))
            widget.blockSignals(False)
        self.max_px_saver.loaded(self.max_px.value())
        self._show_user()
        self._show_next_store()
        self.backups_box.refresh()
        self.evidence.refresh()

    def save(self) -> bool:
        """Save a number still being typed (Ctrl+S, closing the window)."""
        saved = self.max_px_saver.flush()
        return self.evidence.save() or saved

    def can_leave(self) -> bool:
        self.save()  # a number typed a moment ago is not lost by leaving at once
        return super().can_leave()

    def _current_language(self) -> str:
        translations = self.ctx.extra.get("translations")
        lang = getattr(translations, "language", None)
        return str(lang or preferred_language(self.qsettings, self.ctx.store))

    def set_language(self, lang: str) -> None:
        """Switch the interface language now and remember it for the next start."""
        translations = self.ctx.extra.get("translations")
        if translations is None or getattr(translations, "language", None) == lang:
            return
        translations.install(lang)  # type: ignore[attr-defined]
        remember_language(self.qsettings, lang)  # the person's choice, for every data file
        self.ctx.signals.language_changed.emit(lang)

    def _language_changed(self, lang: str) -> None:
        button = self.language_buttons.get(lang)
        if button is not None and not button.isChecked():
            button.blockSignals(True)
            button.setChecked(True)
            button.blockSignals(False)

    def open_folder(self, folder: Path) -> bool:
        """Show a folder in the system's file manager (made first if it does not exist)."""
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def choose_store_file(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Use another data file"),
            str(Path(self.ctx.store.path).parent),
            self.tr("fieldapp data (*.db);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.set_next_store(path)

    def set_next_store(self, path: str | None) -> None:
        """Open ``path`` at the next start (None: the default file again)."""
        if path:
            self.qsettings.setValue(STORE_PATH_KEY, str(path))
        else:
            self.qsettings.remove(STORE_PATH_KEY)
        self.qsettings.sync()
        self._show_next_store()

    def _show_next_store(self) -> None:
        chosen = next_store_path(self.qsettings)
        self.default_file.setVisible(chosen is not None)
        if chosen and chosen != self.ctx.store.path:
            self.next_start.setText(
                self.tr("From the next start the app will use %1.").replace("%1", chosen)
            )
            self.next_start.show()
        else:
            self.next_start.hide()

    def _show_user(self) -> None:
        store = self.ctx.store
        try:
            user = store.users.find(store.user_id) if store.user_id else None
        except FieldappError:
            user = None
        if user is None:
            self.user_name.setText(self.tr("Not set yet"))
        else:
            self.user_name.setText(
                self.tr("%1 (%2)").replace("%1", user.name).replace("%2", label(user.role))
            )

    # ------------------------------------------------------------------ language

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.language_box.setTitle(self.tr("Language"))
        self.data_box.setTitle(self.tr("Data"))
        self.store_label.setText(self.tr("Data file"))
        self.photos_label.setText(self.tr("Photo folder"))
        self.open_store_folder.setText(self.tr("Open folder"))
        self.open_photo_folder.setText(self.tr("Open folder"))
        self.other_file.setText(self.tr("Use another data file…"))
        self.default_file.setText(self.tr("Use the default file again"))
        self.photo_box.setTitle(self.tr("Photos"))
        self.max_px_label.setText(self.tr("Longest side of new photos"))
        self.max_px.setToolTip(self.tr("In pixels, 640 to 8000"))
        self.keep_original.setText(self.tr("Also keep the original photo"))
        self.photo_hint.setText(
            self.tr(
                "Smaller photos keep the data folder small and sync faster over a weak"
                " mobile connection."
            )
        )
        self.user_box.setTitle(self.tr("This computer works as"))
        self.user_hint.setText(
            self.tr(
                "New records are saved under this name. Signing in to head office sync"
                " replaces it with your head-office account."
            )
        )
        self._show_user()
        self._show_next_store()


def _row(text: QLabel, button: QPushButton) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(text, 1)
    row.addWidget(button)
    return box


__all__ = ["STORE_PATH_KEY", "SettingsPage", "next_store_path"]
