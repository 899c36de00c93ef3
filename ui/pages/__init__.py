"""The pages of the main window, in side-bar order (detail pages follow the lists)."""

from __future__ import annotations

from ..context import AppContext
from ..page import Page


def build_pages(ctx: AppContext) -> list[type[Page]]:
    """The page classes; the main window builds each page when it is first shown."""
    from .counties import CountiesPage
    from .event import EventPage
    from .events import EventsPage
    from .koc import KocPage
    from .kocs import KocsPage
    from .settings import SettingsPage
    from .shop import ShopPage
    from .shops import ShopsPage
    from .today import TodayPage
    from .visit import VisitPage

    return [
        TodayPage,
        ShopsPage,
        KocsPage,
        EventsPage,
        CountiesPage,
        SettingsPage,
        ShopPage,
        VisitPage,
        KocPage,
        EventPage,
    ]
