"""Who hosts a banquet (issue 18): one of the rep's KOCs, a shop owner, or another person
(the banquet form's name field). A search over KOCs (name, phone, pinyin) or owners (their
name, their shop's) and a list of hits; the chosen person is shown with a button to take
them off. ``changed`` when the choice changes; ``values()`` gives ``host_koc_id`` and
``host_owner_id`` (at most one: the model's ``one_host``). Erased people are not offered.
Threading: UI thread; each search is one indexed query on the UI thread's store.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

KINDS = ("koc", "owner")


class HostPicker(QWidget):
    changed = Signal()

    def __init__(self, store: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hostPicker")
        self._store = store
        self.host: tuple[str, str, str] | None = None  # (kind, id, name)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.setObjectName("hostKind")
        self.kind.addItem("", "koc")
        self.kind.addItem("", "owner")
        self.search = QLineEdit()
        self.search.setObjectName("hostSearch")
        self.search.setClearButtonEnabled(True)
        row.addWidget(self.kind)
        row.addWidget(self.search, 1)
        col.addLayout(row)
        self.hits = QListWidget()
        self.hits.setObjectName("hostHits")
        self.hits.setMaximumHeight(110)
        self.hits.hide()
        col.addWidget(self.hits)
        chosen = QHBoxLayout()
        self.chosen = QLabel()
        self.chosen.setObjectName("hostChosen")
        self.clear_button = QPushButton()
        self.clear_button.setObjectName("hostClear")
        chosen.addWidget(self.chosen, 1)
        chosen.addWidget(self.clear_button)
        col.addLayout(chosen)
        self.search.textChanged.connect(self._find)
        self.kind.currentIndexChanged.connect(lambda _i: self._find(self.search.text()))
        self.hits.itemActivated.connect(self._pick)
        self.hits.itemClicked.connect(self._pick)
        self.clear_button.clicked.connect(self.clear)
        self.retranslate()
        self._show()

    # ------------------------------------------------------------------ values

    def values(self) -> dict[str, Any]:
        kind, row_id = (self.host[0], self.host[1]) if self.host else (None, None)
        return {
            "host_koc_id": row_id if kind == "koc" else None,
            "host_owner_id": row_id if kind == "owner" else None,
        }

    def set_values(self, koc_id: str | None, owner_id: str | None) -> None:
        """Show the stored host (without counting as a change)."""
        self.host = None
        if koc_id:
            koc = self._store.kocs.find(koc_id)
            self.host = ("koc", koc_id, koc.name if koc is not None else "?")
        elif owner_id:
            owner = self._store.owners.find(owner_id)
            self.host = ("owner", owner_id, owner.name if owner is not None else "?")
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.hits.clear()
        self.hits.hide()
        self._show()

    def choose(self, kind: str, row_id: str, name: str) -> None:
        """Make ``row_id`` (a KOC or an owner) the host."""
        self.host = (kind, row_id, name)
        self.search.clear()
        self.hits.hide()
        self._show()
        self.changed.emit()

    def clear(self) -> None:
        if self.host is None:
            return
        self.host = None
        self._show()
        self.changed.emit()

    # ------------------------------------------------------------------ search

    def _find(self, text: str) -> None:
        self.hits.clear()
        text = text.strip()
        if not text:
            self.hits.hide()
            return
        kind = str(self.kind.currentData())
        found: list[tuple[str, str]] = []
        if kind == "koc":
            for hit in self._store.search.kocs(text, limit=15):
                koc = self._store.kocs.find(hit.id)
                if koc is not None and koc.erased_at is None:
                    found.append((hit.id, hit.title))
        else:
            like = f"%{text}%"
            for r in self._store.db.execute(
                "SELECT o.id, o.name, s.name FROM owners o JOIN shops s ON s.id = o.shop_id"
                " WHERE o.deleted = 0 AND s.deleted = 0 AND o.erased_at IS NULL"
                " AND (o.name LIKE ? OR s.name LIKE ?) ORDER BY o.name, o.id LIMIT 15",
                [like, like],
            ).fetchall():
                found.append((r[0], f"{r[1]} · {r[2]}"))
        for row_id, title in found:
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, (kind, row_id, title.split(" · ")[0]))
            self.hits.addItem(item)
        self.hits.setVisible(bool(found))

    def _pick(self, item: QListWidgetItem) -> None:
        kind, row_id, name = item.data(Qt.ItemDataRole.UserRole)
        self.choose(str(kind), str(row_id), str(name))

    # ------------------------------------------------------------------ words

    def _show(self) -> None:
        if self.host is None:
            self.chosen.setText(self.tr("No KOC or owner hosts it."))
        else:
            word = self.tr("Host KOC: %1") if self.host[0] == "koc" else self.tr("Host owner: %1")
            self.chosen.setText(word.replace("%1", self.host[2]))
        self.clear_button.setVisible(self.host is not None)

    def retranslate(self) -> None:
        self.kind.setItemText(0, self.tr("A KOC"))
        self.kind.setItemText(1, self.tr("A shop owner"))
        self.search.setPlaceholderText(self.tr("Find by name, phone or pinyin"))
        self.clear_button.setText(self.tr("Not this host"))
        self._show()
