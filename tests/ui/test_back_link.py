"""Every detail page has the same back link to its list (the visit page had none)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from ui.app import create_window
from ui.back_link import BackLink
from ui.context import AppContext
from ui.i18n import Translations
from ui.main_window import _title


def test_every_detail_page_has_the_same_back_link(
    qtbot: QtBot, ctx: AppContext, translations: Translations
) -> None:
    window = create_window(ctx)
    qtbot.addWidget(window)
    window.show()
    store = ctx.store
    shop = store.shops.list(limit=1)[0]
    targets = {
        "shop": (shop.id, "shops"),
        "koc": (store.kocs.list(limit=1)[0].id, "kocs"),
        "event": (store.events.list(limit=1)[0].id, "events"),
        "visit": ({"shop_id": shop.id, "new": True}, "today"),
    }
    for page_id, (arg, target) in targets.items():
        window.show_page(page_id, arg)
        page = window.current_page()
        links = page.findChildren(BackLink, "backLink")
        assert len(links) == 1, page_id
        link = links[0]
        assert link.isVisibleTo(page), page_id
        assert link.text() == "← " + _title(window.pages.spec(target)), page_id
        link.click()
        assert window.current_page().page_id == target, page_id
    translations.install("zh_CN")
    window.show_page("visit", targets["visit"][0])
    link = window.current_page().findChild(BackLink, "backLink")
    assert link is not None and link.text() == "← 今日"
