"""The pages of the main window, in side-bar order (detail pages follow the lists)."""

from __future__ import annotations

from ..context import AppContext
from ..page import Page


def build_pages(ctx: AppContext) -> list[Page]:
    pages: list[Page] = []
    return pages
