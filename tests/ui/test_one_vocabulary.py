"""One label set per concept (ui/labels.py) used on every page, and English plurals
through Qt's %n with an English .ts carrying the forms (issue 14)."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from pytestqt.qtbot import QtBot

from fieldapp.demo import adopt_first
from ui import labels
from ui.context import AppContext
from ui.i18n import Translations

UI = Path(__file__).resolve().parents[2] / "ui"
#: Words pages once used for these concepts on their own: never again outside labels.py.
RETIRED = {
    "Many close acquaintances",
    "Acquaintances",
    "Trying new",
    "Sharing",
    "Shares",
    "Expertise",
    "Checked in",
}


def _literals(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def test_no_page_hard_codes_a_concept_label() -> None:
    words = set(labels.concept_sources().values()) | RETIRED
    found = sorted(
        f"{path.relative_to(UI)}: {text!r}"
        for path in UI.rglob("*.py")
        if path.name != "labels.py"
        for text in _literals(path) & words
    )
    assert found == []


def test_the_translations_know_each_concept_once() -> None:
    """In the Chinese .ts files a concept's words live in the Labels context only."""
    words = set(labels.concept_sources().values()) | RETIRED
    elsewhere = []
    for ts in sorted((UI / "i18n" / "zh_CN").glob("*.ts")):
        for context in ET.parse(ts).getroot().iter("context"):
            name = context.findtext("name")
            for message in context.iter("message"):
                source = message.findtext("source")
                if source in words and name != "Labels":
                    elsewhere.append(f"{ts.name} [{name}] {source}")
    assert elsewhere == []


def test_chinese_words_for_the_concepts(translations: Translations) -> None:
    translations.install("zh_CN")
    assert labels.concept("tier") == "分级"
    assert labels.concept("in_progress") == "进行中"
    assert [labels.concept(f) for f in labels.TRAIT_FIELDS] == [
        "熟人多",
        "爱尝鲜",
        "爱分享",
        "懂品类",
    ]


def _header(model: object, column: int) -> str:
    return str(model.headerData(column, Qt.Orientation.Horizontal))  # type: ignore[attr-defined]


def test_every_page_shows_the_same_labels(
    qtbot: QtBot, ctx: AppContext, translations: Translations
) -> None:
    from ui.pages.koc import KocPage
    from ui.pages.kocs import COLUMNS, KocsPage, NewKocDialog
    from ui.pages.review import QUEUE_COLUMNS, ReviewPage
    from ui.pages.shops import SHOP_COLUMNS, ShopsPage
    from ui.pages.today import TodayPage
    from ui.widgets.visit_kocs import VisitKocs

    translations.install("zh_CN")
    traits = [labels.concept(f) for f in labels.TRAIT_FIELDS]
    tier = labels.concept("tier")

    koc = KocPage(ctx)
    qtbot.addWidget(koc)
    koc.open(ctx.store.db.execute("SELECT id FROM kocs WHERE deleted = 0 LIMIT 1").fetchone()[0])
    kocs = KocsPage(ctx)
    qtbot.addWidget(kocs)
    dialog = NewKocDialog(ctx, parent=kocs)
    keys = [c.key for c in COLUMNS]
    assert [_header(kocs.model, keys.index(f)) for f in labels.TRAIT_FIELDS] == traits
    assert [
        kocs.trait_labels["min_" + f.removeprefix("trait_")].text() for f in labels.TRAIT_FIELDS
    ] == traits
    for form in (koc.profile, dialog.form):
        shown = [form.label_text(f) for f in labels.TRAIT_FIELDS]
        assert shown == traits
    box = VisitKocs(ctx)  # the visit page's box of KOCs spotted
    qtbot.addWidget(box)
    box.retranslate()
    assert [box.trait_labels[f].text() for f in labels.TRAIT_FIELDS] == traits

    adopt_first(ctx.store, "supervisor")
    review = ReviewPage(ctx)
    qtbot.addWidget(review)
    shops = ShopsPage(ctx)
    qtbot.addWidget(shops)
    today = TodayPage(ctx)
    qtbot.addWidget(today)
    queue_keys = [c.key for c in QUEUE_COLUMNS]
    assert _header(review.queue_model, queue_keys.index("tier")) == tier
    assert _header(shops.model, [c.key for c in SHOP_COLUMNS].index("tier")) == tier
    assert _header(today.planned_model, 1) == tier
    assert review.filter_labels[2].text() == tier


@pytest.mark.parametrize(
    ("context", "source", "n", "english", "chinese"),
    [
        ("EventsPage", "%n events this week", 1, "1 event this week", "本周 1 场活动"),
        ("EventsPage", "%n events this week", 2, "2 events this week", "本周 2 场活动"),
        ("EventsPage", "%n events", 1, "1 event", "1 场活动"),
        ("ReviewPage", "%n visits waiting", 1, "1 visit waiting", "待审核 1 条"),
        ("ReviewPage", "%n visits waiting", 92, "92 visits waiting", "待审核 92 条"),
        ("VisitOrder", "%n lines, total ¥%1", 1, "1 line, total ¥%1", "共 1 行，合计 ¥%1"),
        ("VisitOrder", "%n lines, total ¥%1", 3, "3 lines, total ¥%1", "共 3 行，合计 ¥%1"),
        (
            "ShopPage",
            "Relationship (%n contacts)",
            1,
            "Relationship (1 contact)",
            "客情记录（1 次）",
        ),
        ("TodayPage", "%n days ago", 1, "1 day ago", "1 天前"),
    ],
)
def test_counts_take_their_plural_form(
    translations: Translations, context: str, source: str, n: int, english: str, chinese: str
) -> None:
    translations.install("en")
    assert QCoreApplication.translate(context, source, "", n) == english
    translations.install("zh_CN")
    assert QCoreApplication.translate(context, source, "", n) == chinese


def test_events_page_says_one_event_this_week(
    qtbot: QtBot, ctx: AppContext, translations: Translations
) -> None:
    from ui.pages.events import EventsPage

    translations.install("en")
    page = EventsPage(ctx)
    qtbot.addWidget(page)
    page.set_view(page.WEEK)
    page._update_summary(1)
    assert page.summary.text() == "1 event this week"
    page._update_summary(3)
    assert page.summary.text() == "3 events this week"
