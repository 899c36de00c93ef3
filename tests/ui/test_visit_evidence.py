"""The visit's evidence under its photos: flags from EXIF and times, a reused photo."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from fieldapp.kinds import evidence_codes
from tests.fieldapp.test_evidence import photo
from tests.ui.test_visit import make_page
from ui.context import AppContext
from ui.i18n import Translations


def test_flags_show_under_the_photos_and_a_reused_photo_is_found(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path, translations: Translations
) -> None:
    store = ctx.store
    shop = next(s for s in store.shops.list(where={"rep_id": store.user_id}) if s.latitude)
    checkin = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)  # 10:00 Beijing
    visit = store.visits.create(
        shop_id=shop.id, rep_id=store.user_id, planned_date=date(2026, 11, 24)
    )
    store.visits.check_in(visit.id, at=checkin)
    store.visits.check_out(visit.id, at=checkin + timedelta(minutes=25))
    page = make_page(qtbot, ctx)
    page.open({"visit_id": visit.id})
    assert page.photos.evidence.text() == "Evidence: nothing to note."  # no photo yet
    near = photo(tmp_path / "near.jpg", gps=(shop.latitude, shop.longitude), seed=11)
    far = photo(tmp_path / "far.jpg", gps=((shop.latitude or 0) + 0.01, shop.longitude), seed=12)
    bare = photo(tmp_path / "bare.jpg", taken=None, gps=None, seed=13)
    # Photos keep their EXIF when attached as they are (scaled copies drop it).
    store.set_setting("photo.keep_original", True)
    page.attach_files([near, far, bare])
    text = page.photos.evidence.text()
    shown = [page.photo_list.item(i).data(0x0100) for i in range(page.photo_list.count())]
    assert len(shown) == 3
    names = {pid: n for n, pid in enumerate(shown, start=1)}
    by_file = {row["id"]: row for row in store.db.query(
        "SELECT id, size FROM photos WHERE visit_id = ?", [visit.id])}  # fmt: skip
    sizes = {p.stat().st_size: p.name for p in (near, far, bare)}
    number = {sizes[by_file[pid]["size"]]: n for pid, n in names.items()}
    assert f"Photo {number['far.jpg']} was taken" in text and "m from the shop" in text
    assert f"Photo {number['bare.jpg']} says neither when nor where" in text
    assert f"Photo {number['near.jpg']}" not in text
    # The same shelf picture on another visit: found as reused there.
    other = store.visits.create(
        shop_id=shop.id, rep_id=store.user_id, planned_date=date(2026, 11, 24)
    )
    store.visits.check_in(other.id, at=checkin + timedelta(days=1))
    page.open({"visit_id": other.id})
    page.attach_files([photo(tmp_path / "again.jpg", gps=(shop.latitude, shop.longitude),
                             taken="2026:11:25 10:05:00", seed=11)])  # fmt: skip
    assert "Photo 1 looks like a photo of another visit" in page.photos.evidence.text()
    # Kept with the visits (synced: the supervisor's review shows them).
    assert evidence_codes(store.visits.get(visit.id).evidence_flags) == [
        "photo_far", "photo_no_exif"
    ]  # fmt: skip
    assert evidence_codes(store.visits.get(other.id).evidence_flags) == ["photo_reused"]
    assert all(r["phash"] for r in store.db.query("SELECT phash FROM photos WHERE visit_id IN"
                                                  " (?, ?)", [visit.id, other.id]))  # fmt: skip
    translations.install("zh_CN")
    assert "照片 1" in page.photos.evidence.text()


def test_a_scaled_photo_keeps_its_exif(tmp_path: Path) -> None:
    """Photos over photo.max_px are scaled on attaching: their time and GPS stay."""
    from PIL import Image

    from fieldapp.evidence import read_facts
    from ui.photos import prepare_photo

    big = photo(tmp_path / "big.jpg", gps=(34.7466, 113.6253))
    with Image.open(big) as image:
        exif = image.getexif()
        image.resize((2400, 1800)).save(big, "JPEG", exif=exif)
    prepared = prepare_photo(big, max_px=800, out_dir=tmp_path / "out")
    assert prepared.scaled and prepared.path != big
    with Image.open(prepared.path) as scaled:
        assert max(scaled.size) == 800
    assert read_facts(prepared.path) == read_facts(big)
    assert read_facts(big).taken_at is not None
