"""The pages of the main window, in side-bar order (detail pages follow the lists).

Pages are named here, not imported: the main window imports and builds a page's
module the first time the page is shown, which keeps start-up short. The test
suite checks that each reference matches its class.

Who works here decides which pages there are: the store's user (the sync login, or the
demo user chosen at start) and their role. Supervisors and admins get the review queue
and the team dashboard first, then a rep's pages.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from fieldapp.kinds import Role
from ui.translate_noop import QT_TRANSLATE_NOOP

from ..context import AppContext
from ..page import Page

if TYPE_CHECKING:
    from fieldapp.model import User


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

    #: Built straight into the main window's page stack (``__call__``'s parent).
    takes_parent = True

    def __call__(self, ctx: AppContext, parent: QWidget | None = None) -> Page:
        return self.load()(ctx, parent)


PAGES: tuple[PageRef, ...] = (
    PageRef("ui.pages.today", "TodayPage", "today", QT_TRANSLATE_NOOP("MainWindow", "Today")),
    PageRef("ui.pages.plan", "PlanPage", "plan", QT_TRANSLATE_NOOP("MainWindow", "Plan")),
    PageRef("ui.pages.map", "MapPage", "map", QT_TRANSLATE_NOOP("MainWindow", "Map")),
    PageRef("ui.pages.review", "ReviewPage", "review", QT_TRANSLATE_NOOP("MainWindow", "Review")),
    PageRef(
        "ui.pages.dashboard",
        "DashboardPage",
        "dashboard",
        QT_TRANSLATE_NOOP("MainWindow", "Team"),
    ),
    PageRef("ui.pages.shops", "ShopsPage", "shops", QT_TRANSLATE_NOOP("MainWindow", "Shops")),
    PageRef("ui.pages.kocs", "KocsPage", "kocs", QT_TRANSLATE_NOOP("MainWindow", "KOCs")),
    PageRef("ui.pages.events", "EventsPage", "events", QT_TRANSLATE_NOOP("MainWindow", "Events")),
    PageRef(
        "ui.pages.counties",
        "CountiesPage",
        "counties",
        QT_TRANSLATE_NOOP("MainWindow", "Counties"),
    ),
    PageRef(
        "ui.pages.conflicts",
        "ConflictsPage",
        "conflicts",
        QT_TRANSLATE_NOOP("MainWindow", "Conflicts"),
    ),
    PageRef(
        "ui.pages.settings",
        "SettingsPage",
        "settings",
        QT_TRANSLATE_NOOP("MainWindow", "Settings"),
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


#: Pages only supervisors and admins see.
SUPERVISOR_PAGES: frozenset[str] = frozenset({"review", "dashboard"})


def current_user(ctx: AppContext) -> User | None:
    """The user this store's writes are attributed to (None before anyone is known)."""
    user_id = ctx.store.user_id
    return None if user_id is None else ctx.store.users.find(user_id)


def is_supervisor(ctx: AppContext) -> bool:
    """Whether the current user reviews visits (a supervisor or an admin)."""
    return ctx.store.role_of(ctx.store.user_id) in (Role.SUPERVISOR, Role.ADMIN)


def team_of(ctx: AppContext) -> str | None:
    """The team whose work the current user sees; None for an admin (every team)."""
    user = current_user(ctx)
    if user is None or user.role == Role.ADMIN:
        return None
    return user.team_id


def build_pages(ctx: AppContext) -> list[PageRef]:
    """The pages of the current user's window: a rep's; a supervisor's start with the review
    queue and the team dashboard (the window opens on the first)."""
    rep_pages = [p for p in PAGES if p.page_id not in SUPERVISOR_PAGES]
    if is_supervisor(ctx):
        return [p for p in PAGES if p.page_id in SUPERVISOR_PAGES] + rep_pages
    return rep_pages
