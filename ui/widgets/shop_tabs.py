"""The shop page's tabs: its visits, the KOCs it introduced, the events held there,
photo thumbnails and its shelf audits, each a read-only list over rows read once per
page load.

Threading: UI thread only (thumbnails decode on a worker, see ``PhotoGrid``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTabWidget, QWidget

from fieldapp.model import EventKind, EventStatus, KocStage, ReviewStatus
from ui.translate_noop import QT_TRANSLATE_NOOP

from ..labels import concept, label
from ..models import Column, QueryTableModel
from ..pages.shops import DATE_SAMPLE, PERSON_SAMPLE, OpenTable, Sample, enum_label, iso_date
from ..shop_sku_history import ShopSkuHistory
from .empty_state import EmptyStack, EmptyState
from .photo_grid import PhotoGrid
from .status_pill import status_delegate


def _visit_status(status: Any) -> str:
    if status == "planned":
        return QCoreApplication.translate("ShopPage", "Planned")
    if status == "in_progress":
        return concept("in_progress")
    try:
        return label(ReviewStatus(status))
    except ValueError:
        return str(status)


_VISIT_STATUSES = ("planned", "in_progress", *(str(s) for s in ReviewStatus))


def _minutes(value: Any) -> str:
    if value is None:
        return ""
    return QCoreApplication.translate("ShopPage", "%1 min").replace("%1", str(value))


VISIT_COLUMNS: tuple[Column, ...] = (
    Column("day", QT_TRANSLATE_NOOP("Columns", "Date"), fmt=iso_date),
    Column("status", QT_TRANSLATE_NOOP("Columns", "Status"), fmt=_visit_status),
    Column(
        "duration_minutes", QT_TRANSLATE_NOOP("Columns", "Duration"), fmt=_minutes, align_right=True
    ),
    Column("rep", QT_TRANSLATE_NOOP("Columns", "Rep")),
)
KOC_COLUMNS: tuple[Column, ...] = (
    Column("name", QT_TRANSLATE_NOOP("Columns", "KOC")),
    Column("stage", QT_TRANSLATE_NOOP("Columns", "Stage"), fmt=enum_label),
    Column("introduced_by", QT_TRANSLATE_NOOP("Columns", "Introduced by")),
    Column("introduced_at", QT_TRANSLATE_NOOP("Columns", "Introduced on"), fmt=iso_date),
    Column("mobile", QT_TRANSLATE_NOOP("Columns", "Mobile")),
)
EVENT_COLUMNS: tuple[Column, ...] = (
    Column("day", QT_TRANSLATE_NOOP("Columns", "Date"), fmt=iso_date),
    Column("kind", QT_TRANSLATE_NOOP("Columns", "Kind"), fmt=enum_label),
    Column("title", QT_TRANSLATE_NOOP("Columns", "Event")),
    Column("status", QT_TRANSLATE_NOOP("Columns", "Status"), fmt=enum_label),
    Column("turnout", QT_TRANSLATE_NOOP("Columns", "Attended"), align_right=True),
)


class Snapshot:
    """Rows read once per page load, served to a ``QueryTableModel`` page by page."""

    def __init__(self) -> None:
        self.rows: list[Any] = []

    def fetch(self, _order: str | None, _desc: bool, limit: int, offset: int) -> list[Any]:
        return self.rows[offset : offset + limit]

    def count(self) -> int:
        return len(self.rows)


class ListTab:
    """A read-only table over a snapshot of rows."""

    def __init__(
        self,
        page: QWidget,
        name: str,
        columns: Sequence[Column],
        samples: dict[str, Sample],
        stretch: str | None = None,
    ) -> None:
        self.snapshot = Snapshot()
        self.model = QueryTableModel(columns, self.snapshot.fetch, self.snapshot.count, parent=page)
        self.view = OpenTable()
        self.view.setObjectName(name)
        self.view.setModel(self.model)
        self.view.fit_columns(samples, stretch=stretch)

    def load(self, rows: list[Any]) -> None:
        self.snapshot.rows = rows
        self.model.reload()


class ShopTabs(QTabWidget):
    """Visits, KOCs, events, photos and shelf audits of one shop."""

    def __init__(self, thumb: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.visits = ListTab(
            self,
            "shopVisits",
            VISIT_COLUMNS,
            {
                "day": DATE_SAMPLE,
                "status": lambda: [_visit_status(s) for s in _VISIT_STATUSES],
                "duration_minutes": lambda: [_minutes(999)],
            },
            "rep",
        )
        self.kocs = ListTab(
            self,
            "shopKocs",
            KOC_COLUMNS,
            {
                "name": PERSON_SAMPLE,
                "stage": KocStage,
                "introduced_by": PERSON_SAMPLE,
                "introduced_at": DATE_SAMPLE,
            },
            "mobile",
        )
        self.events = ListTab(
            self,
            "shopEvents",
            EVENT_COLUMNS,
            {
                "day": DATE_SAMPLE,
                "kind": EventKind,
                "status": EventStatus,
                "turnout": ("99/99",),
            },
            "title",
        )
        photo_tab = PhotoGrid(thumb)
        self.photo_grid = photo_tab
        self.photos = photo_tab.photos
        self.no_photos = photo_tab.no_photos
        self.setObjectName("shopTabs")
        # Status as a pill (colour and words) in the visits' and events' tables.
        self.visits.view.setItemDelegateForColumn(1, status_delegate(self.visits.view))
        self.events.view.setItemDelegateForColumn(3, status_delegate(self.events.view))
        self.visits.view.refit()
        self.events.view.refit()
        self.visits_empty = EmptyState("shopVisitsEmpty", icon="visit")
        self.kocs_empty = EmptyState("shopKocsEmpty", icon="nav.kocs")
        self.events_empty = EmptyState("shopEventsEmpty", icon="nav.events")
        self.addTab(EmptyStack(self.visits.view, self.visits_empty), "")
        self.addTab(EmptyStack(self.kocs.view, self.kocs_empty), "")
        self.addTab(EmptyStack(self.events.view, self.events_empty), "")
        self.addTab(photo_tab, "")
        self.sku_history = ShopSkuHistory()  # issue 16: this shop's shelf audits
        self.addTab(self.sku_history, "")

    def retranslate(self) -> None:
        self.photo_grid.retranslate()
        self.visits_empty.set_texts(
            QCoreApplication.translate("ShopPage", "No visits to this shop yet."),
            QCoreApplication.translate("ShopPage", "Start visit"),
        )
        self.kocs_empty.set_texts(
            QCoreApplication.translate(
                "ShopPage", "No KOCs found here yet: note the ones you meet on a visit."
            ),
            QCoreApplication.translate("ShopPage", "Start visit"),
        )
        self.events_empty.set_texts(
            QCoreApplication.translate("ShopPage", "No events held here yet."),
            QCoreApplication.translate("ShopPage", "Plan an event"),
        )

    def retranslate_counts(self, visits: int, kocs: int, events: int, photos: int) -> None:
        titles = (
            (QCoreApplication.translate("ShopPage", "Visits (%1)"), visits),
            (QCoreApplication.translate("ShopPage", "KOCs (%1)"), kocs),
            (QCoreApplication.translate("ShopPage", "Events (%1)"), events),
            (QCoreApplication.translate("ShopPage", "Photos (%1)"), photos),
        )
        for i, (text, n) in enumerate(titles):
            self.setTabText(i, text.replace("%1", str(n)))
        self.sku_history.retranslate()
        self.setTabText(4, self.sku_history.title())
