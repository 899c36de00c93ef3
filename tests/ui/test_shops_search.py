"""The shop list as a rep types: the count beside it, cell texts kept between repaints and
made again after a language switch or a new search."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from fieldapp.store.views_shops import shop_count
from tests.ui.conftest import DEMO_TODAY
from ui.context import AppContext
from ui.i18n import Translations
from ui.pages.shops import SHOP_COLUMNS, ShopsPage


def column(key: str) -> int:
    return next(i for i, c in enumerate(SHOP_COLUMNS) if c.key == key)


@pytest.fixture
def shops_page(qtbot: QtBot, ctx: AppContext) -> ShopsPage:
    page = ShopsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.open()
    return page


@pytest.mark.parametrize("text", ["z", "zw", "1", "13", "HN", "没有这家", "!!"])
def test_count_label_is_the_number_of_matches(
    shops_page: ShopsPage, ctx: AppContext, text: str
) -> None:
    shops_page.search.setText(text)
    shops_page.apply_filters()
    expected = shop_count(ctx.store.db, text=text, today=DEMO_TODAY)
    assert shops_page.model.total() == expected
    assert shops_page.count_label.text().replace(",", "").split()[0] == str(expected)
    assert shops_page.model.rowCount() == min(expected, 60)
    assert shops_page.model.canFetchMore() == (expected > 60)


def test_cell_texts_follow_the_rows_and_the_language(
    shops_page: ShopsPage, translations: Translations
) -> None:
    model = shops_page.model
    name, tier = column("name"), column("tier")
    shops_page.search.setText("z")
    shops_page.apply_filters()
    first = model.row_at(0)
    assert model.index(0, name).data() == first.name
    english = model.index(0, tier).data()
    assert english.startswith("Tier")
    shops_page.search.setText("w")
    shops_page.apply_filters()
    # A new search: the cells show the new rows, not what was painted before.
    assert model.index(0, name).data() == model.row_at(0).name != first.name
    translations.install("zh_CN")
    assert model.index(0, tier).data() not in (english, None)
    translations.install("en")
    assert model.index(0, tier).data().startswith("Tier")
