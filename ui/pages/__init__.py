"""The pages of the main window, in side-bar order (detail pages follow the lists)."""

from __future__ import annotations

from ..context import AppContext
from ..page import Page


def build_pages(ctx: AppContext) -> list[Page]:
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
        TodayPage(ctx),
        ShopsPage(ctx),
        KocsPage(ctx),
        EventsPage(ctx),
        CountiesPage(ctx),
        SettingsPage(ctx),
        ShopPage(ctx),
        VisitPage(ctx),
        KocPage(ctx),
        EventPage(ctx),
    ]
