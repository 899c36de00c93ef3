"""The supervisor's review shows the evidence the rep's device kept with a visit: a pill
in the queue's Evidence column, the flags' pills and sentences under the photos, and a
filter by flag; in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.demo import adopt_first
from fieldapp.store import views_visits as vv
from ui.context import AppContext
from ui.i18n import Translations
from ui.pages.review import EVIDENCE_COLUMN, PHOTO_ID_ROLE, ReviewPage, queue_ids


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext) -> ReviewPage:
    assert adopt_first(ctx.store, "supervisor") is not None
    p = ReviewPage(ctx)
    qtbot.addWidget(p)
    p.resize(1366, 700)
    p.show()
    p.open()
    return p


def test_flags_show_as_pills_and_filter_the_queue(
    page: ReviewPage, ctx: AppContext, translations: Translations
) -> None:
    store = ctx.store
    queue = queue_ids(page)
    assert len(queue) >= 2
    flagged, clean = queue[0], queue[1]
    photo = next(
        iter(store.db.query("SELECT id FROM photos WHERE visit_id = ? AND deleted = 0", [flagged])),
        None,
    )
    photo_id = photo["id"] if photo else "none"
    # As the rep's device keeps them (synced down to the supervisor's store).
    store.db.execute(
        "UPDATE visits SET evidence_flags = ? WHERE id = ?",
        [f"photo_far@{photo_id}=667;photo_reused@{photo_id}=2;visit_too_short=4", flagged],
    )
    store.db.execute("UPDATE visits SET evidence_flags = NULL WHERE id = ?", [clean])
    page.reload()
    row = queue_ids(page).index(flagged)
    model = page.queue_model
    cell = model.index(row, EVIDENCE_COLUMN)
    photos = model.row_at(row).photos
    assert cell.data() == f"{photos or ''} ⚠3".strip()  # the photos cell counts the flags
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == (
        "Photo far from the shop\nPhoto reused\nVisit too short"
    )
    assert "⚠" not in model.index(queue_ids(page).index(clean), EVIDENCE_COLUMN).data()
    assert page.evidence_delegate.state_at(model.index(row, EVIDENCE_COLUMN)) == "flagged"

    page.select(flagged)
    pills = page.view.evidence.pills
    assert [p.text() for p in pills] == [
        "Photo far from the shop",
        "Photo reused",
        "Visit too short",
    ]
    assert all(p.state() == "flagged" for p in pills)
    details = page.view.evidence.details.text()
    assert "m from the shop" in details and "The visit lasted 4 min." in details
    assert page.view.evidence.isVisibleTo(page)
    page.select(clean)
    assert not page.view.evidence.isVisibleTo(page)

    page.flag_filter.setCurrentIndex(page.flag_filter.findData(vv.ANY_FLAG))
    assert flagged in queue_ids(page) and clean not in queue_ids(page)
    page.flag_filter.setCurrentIndex(page.flag_filter.findData("visit_too_short"))
    assert queue_ids(page) == [
        r.visit_id for r in vv.review_queue(store.db, **page.filters())
    ] and flagged in queue_ids(page)
    page.flag_filter.setCurrentIndex(page.flag_filter.findData("photo_no_exif"))
    assert flagged not in queue_ids(page)
    page.clear_filters()
    assert page.flag_filter.currentData() is None and clean in queue_ids(page)

    translations.install("zh_CN")
    QApplication.processEvents()
    page.select(flagged)
    tip = model.index(queue_ids(page).index(flagged), EVIDENCE_COLUMN).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert tip == "照片远离门店\n照片重复使用\n拜访过短"
    pills = page.view.evidence.pills
    assert pills[0].text() == "照片远离门店"
    assert "本次拜访只持续了 4 分钟。" in page.view.evidence.details.text()
    assert page.flag_filter.itemText(1) == "有异常"


def test_the_reviewed_photo_opens_as_its_watermarked_copy(
    page: ReviewPage, ctx: AppContext, tmp_path: Path
) -> None:
    from tests.fieldapp.test_evidence import photo
    from ui.photo_viewer import PhotoViewer

    store = ctx.store
    visit = queue_ids(page)[0]
    kept = store.photos.add_file(photo(tmp_path / "shelf.jpg", seed=4), visit_id=visit)
    original = store.photos.path_of(kept).read_bytes()
    page.reload()
    page.select(visit)
    photos = page.view.photos
    row = next(i for i in range(photos.count()) if photos.item(i).data(PHOTO_ID_ROLE) == kept.id)
    page.view._open_photo(photos.item(row))
    (viewer,) = page.window().findChildren(PhotoViewer)
    shown = Path(viewer.paths[viewer.index])
    assert shown.parent.name == "display" and shown.is_file()
    assert shown.read_bytes() != original
    assert store.photos.path_of(kept).read_bytes() == original
    viewer.close()
