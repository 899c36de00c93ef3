"""The pages of the main window, in side-bar order (detail pages follow the lists).

Pages are named here, not imported: the main window imports and builds a page's
module the first time the page is shown, which keeps start-up short. The test
suite checks that each reference matches its class.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ..context import AppContext
from ..page import Page


@dataclass(frozen=True)
class PageRef:
    """A page by module and class name, with what the side bar needs before it is built."""

    module: str
    cls: str
    page_id: str
    title_source: str
    in_nav: bool = True

    def load(self) -> type[Page]:
        page_class: type[Page] = getattr(importlib.import_module(self.module), self.cls)
        return page_class

    def __call__(self, ctx: AppContext) -> Page:
        return self.load()(ctx)


PAGES: tuple[PageRef, ...] = (
    PageRef("ui.pages.today", "TodayPage", "today", QT_TRANSLATE_NOOP("MainWindow", "Today")),
    PageRef("ui.pages.shops", "ShopsPage", "shops", QT_TRANSLATE_NOOP("MainWindow", "Shops")),
    PageRef("ui.pages.kocs", "KocsPage", "kocs", QT_TRANSLATE_NOOP("MainWindow", "KOCs")),
    PageRef("ui.pages.events", "EventsPage", "events", QT_TRANSLATE_NOOP("MainWindow", "Events")),
    PageRef(
        "ui.pages.counties", "CountiesPage", "counties", QT_TRANSLATE_NOOP("MainWindow", "Counties")
    ),
    PageRef(
        "ui.pages.conflicts",
        "ConflictsPage",
        "conflicts",
        QT_TRANSLATE_NOOP("MainWindow", "Conflicts"),
    ),
    PageRef(
        "ui.pages.settings", "SettingsPage", "settings", QT_TRANSLATE_NOOP("MainWindow", "Settings")
    ),
    PageRef("ui.pages.shop", "ShopPage", "shop", QT_TRANSLATE_NOOP("MainWindow", "Shop"), False),
    PageRef(
        "ui.pages.visit", "VisitPage", "visit", QT_TRANSLATE_NOOP("MainWindow", "Visit"), False
    ),
    PageRef("ui.pages.koc", "KocPage", "koc", QT_TRANSLATE_NOOP("MainWindow", "KOC"), False),
    PageRef(
        "ui.pages.event", "EventPage", "event", QT_TRANSLATE_NOOP("MainWindow", "Event"), False
    ),
)


def build_pages(ctx: AppContext) -> list[PageRef]:
    """The pages of a rep's window (every role gets these for now)."""
    return list(PAGES)
