"""A stored visit's evidence (fieldapp.store.evidence_photos): flags worked out from the
photos' files and kept with the visit as synced text, photos' hashes kept on attaching,
the first use of a picture never flagged as the reuse, only the rep's own unlocked
visit written; the text's rule is the same on the device and at head office."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image

from fieldapp import evidence, kinds
from fieldapp.errors import ValidationError
from fieldapp.evidence import Flag
from fieldapp.store import Store, evidence_photos as ep, views_visits as vv
from sync import protocol as p
from sync.server.service.rules import check_value
from tests.fieldapp.test_evidence import photo

SHOP = (34.7466, 113.6253)
CHECKIN = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)  # 10:00 Beijing


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "store.db")
    county = s.counties.create(name="金水区")
    team = s.teams.create(name="郑州一组")
    rep = s.users.create(name="李娜", role="rep", team_id=team.id)
    s.users.create(id="sup", name="王强", role="supervisor", team_id=team.id)
    s.set_user(rep.id)
    s.shops.create(
        id="shop",
        name="好又多",
        channel="convenience",
        tier="A",
        county_id=county.id,
        rep_id=rep.id,
        latitude=SHOP[0],
        longitude=SHOP[1],
    )
    return s


def _visit(store: Store, day: int, minutes: int = 25) -> str:
    at = CHECKIN + timedelta(days=day)
    visit = store.visits.create(shop_id="shop", rep_id=store.user_id, planned_date=at.date())
    store.visits.check_in(visit.id, at=at)
    store.visits.check_out(visit.id, at=at + timedelta(minutes=minutes))
    return visit.id


def test_flags_are_worked_out_and_kept_with_the_visit(store: Store, tmp_path: Path) -> None:
    first = _visit(store, 0)
    shelf = photo(tmp_path / "shelf.jpg", seed=21, gps=SHOP)
    kept = store.photos.add_file(shelf, visit_id=first)
    assert kept.phash is not None and len(kept.phash) == 16  # hashed on attaching
    assert ep.refresh(store, first) == []
    assert store.visits.get(first).evidence_flags is None

    second = _visit(store, 7, minutes=3)
    # The same shelf, resized and recompressed, a week later with a fresh EXIF time.
    again = tmp_path / "again.jpg"
    with Image.open(photo(tmp_path / "src.jpg", seed=21, taken="2026:12:01 10:05:00")) as im:
        im.resize((500, 375)).save(again, "JPEG", quality=70, exif=im.getexif())
    reused = store.photos.add_file(again, visit_id=second)
    far = store.photos.add_file(
        photo(
            tmp_path / "far.jpg",
            seed=22,
            taken="2026:12:01 10:02:00",
            gps=(SHOP[0] + 0.006, SHOP[1]),
        ),
        visit_id=second,
    )
    bare = store.photos.add_file(
        photo(tmp_path / "bare.jpg", seed=23, taken=None, gps=None), visit_id=second
    )
    flags = ep.refresh(store, second)
    text = store.visits.get(second).evidence_flags
    assert text is not None and set(evidence.decode_flags(text)) == {
        Flag(f.code, f.photo, None if f.amount is None else round(f.amount, 2)) for f in flags
    }
    assert kinds.evidence_codes(text) == [
        "photo_far",
        "photo_no_exif",
        "photo_reused",
        "visit_too_short",
    ]
    by_code = {f.code: f for f in evidence.decode_flags(text)}
    assert by_code["photo_reused"].photo == reused.id
    assert by_code["photo_far"].photo == far.id and 600 < (by_code["photo_far"].amount or 0) < 700
    assert by_code["photo_no_exif"].photo == bare.id
    assert by_code["visit_too_short"].amount == 3
    # The first visit used the picture first: still not flagged, asked again.
    assert ep.refresh(store, first) == []
    # Nothing changed: nothing written again.
    before = store.visits.get(second).version
    ep.refresh(store, second)
    assert store.visits.get(second).version == before
    # Removing the photos clears the flags they caused.
    for photo_id in (reused.id, far.id, bare.id):
        store.photos.delete(photo_id)
    ep.refresh(store, second)
    assert store.visits.get(second).evidence_flags == "visit_too_short=3"


def test_only_the_reps_own_unlocked_visit_is_written(store: Store, tmp_path: Path) -> None:
    visit = _visit(store, 0, minutes=2)
    store.photos.add_file(photo(tmp_path / "a.jpg", taken=None, gps=None), visit_id=visit)
    rep = store.user_id
    store.set_user("sup")  # the supervisor reviewing it sees the flags, writes nothing
    assert [f.code for f in ep.refresh(store, visit)] == ["visit_too_short", "photo_no_exif"]
    assert store.visits.get(visit).evidence_flags is None
    store.set_user(rep)
    ep.refresh(store, visit)
    assert kinds.evidence_codes(store.visits.get(visit).evidence_flags) == [
        "photo_no_exif",
        "visit_too_short",
    ]
    store.db.execute("UPDATE visits SET review_status = 'approved' WHERE id = ?", [visit])
    assert not ep.may_keep(store, visit)


def test_a_submitted_visits_flags_are_shown_not_written(store: Store, tmp_path: Path) -> None:
    """A submitted visit takes only its review (``fieldapp.kinds.locked_fields``, head
    office's rule too): flags that change after it was submitted are worked out and
    shown, and nothing is written (before, the write was refused and ``refresh``
    raised)."""
    visit = _visit(store, 0, minutes=2)
    ep.refresh(store, visit)
    kept = store.visits.get(visit).evidence_flags
    store.visits.submit(visit)
    store.photos.add_file(photo(tmp_path / "a.jpg", taken=None, gps=None), visit_id=visit)
    assert [f.code for f in ep.refresh(store, visit)] == ["visit_too_short", "photo_no_exif"]
    assert not ep.may_keep(store, visit)
    assert store.visits.get(visit).evidence_flags == kept


def test_the_review_queue_shows_and_filters_by_flag(store: Store, tmp_path: Path) -> None:
    short = _visit(store, 0, minutes=2)
    clean = _visit(store, 1)
    bare = _visit(store, 2)
    store.photos.add_file(photo(tmp_path / "b.jpg", taken=None, gps=None), visit_id=bare)
    for visit in (short, clean, bare):
        ep.refresh(store, visit)
        store.visits.update(visit, review_status="submitted")

    def ids(**kw: object) -> list[str]:
        return [q.visit_id for q in vv.review_queue(store.db, **kw)]  # type: ignore[arg-type]

    assert ids() == [short, clean, bare]
    assert ids(flag=vv.ANY_FLAG) == [short, bare]
    assert ids(flag="visit_too_short") == [short]
    assert ids(flag="photo_no_exif") == [bare]
    assert ids(flag="photo_far") == []
    assert vv.count_review_queue(store.db, flag=vv.ANY_FLAG) == 2
    queue = {q.visit_id: q for q in vv.review_queue(store.db)}
    assert queue[short].flags == ["visit_too_short"] and queue[clean].flags == []
    assert ids(order="flags", descending=True)[-1] == clean
    with pytest.raises(ValueError):
        ids(flag="nonsense")


def test_the_stored_text_has_one_rule_on_device_and_at_head_office(store: Store) -> None:
    spec = p.TABLES["visits"]["evidence_flags"]
    flags = [
        Flag("photo_far", "3f2a-9", 666.666),
        Flag("photo_outside_visit", "x", 10**12),  # capped
        Flag("photo_no_exif", "y"),
        Flag("visit_too_short", None, 4.0),
    ]
    text = evidence.encode_flags(flags)
    assert text == (
        "photo_far@3f2a-9=666.67;photo_outside_visit@x=999999999;photo_no_exif@y;visit_too_short=4"
    )
    assert check_value(spec, text) is None
    assert evidence.encode_flags([]) is None
    # Too many photos for their ids: codes and amounts kept, within the limit.
    many = [Flag("photo_no_exif", "a" * 36) for _ in range(200)]
    long = evidence.encode_flags(many)
    assert long is not None and len(long) <= kinds.EVIDENCE_FLAGS_MAX
    assert "@" not in long and check_value(spec, long) is None
    huge = evidence.encode_flags([Flag("photo_far", None, 1.5)] * 1000)
    assert huge is not None and len(huge) <= kinds.EVIDENCE_FLAGS_MAX
    assert check_value(spec, huge) is None
    visit = _visit(store, 0)
    for bad in ("photo_far;", "made_up", "photo_far=-3", "photo_far@a;b=1", "x" * 5000):
        assert check_value(spec, bad) is not None, bad
        with pytest.raises(ValidationError):
            store.visits.update(visit, evidence_flags=bad)
    assert check_value(p.TABLES["photos"]["phash"], "0123456789abcdef") is None
    assert check_value(p.TABLES["photos"]["phash"], "0123") is not None
    assert p.ADDED_IN[3]["visits"] == (
        "plan_seq", "evidence_flags", "checkin_latitude", "checkin_longitude"
    )  # fmt: skip
    assert p.ADDED_IN[3]["photos"] == ("phash",)


@pytest.mark.parametrize(
    ("lang", "words"),
    [("zh_CN", "照片无 EXIF ×2; 拜访过短"), ("en", "Photo without EXIF ×2; Visit too short")],
)
def test_the_export_names_the_flags(store: Store, tmp_path: Path, lang: str, words: str) -> None:
    from fieldapp.exchange import labels
    from fieldapp.exchange.export import export_xlsx
    from fieldapp.exchange.from_store import StoreSource
    from tests.fieldapp.test_export import _read, _sheet

    assert list(labels.EVIDENCE_WORDS) == list(kinds.EVIDENCE_FLAGS)
    flagged, clean = _visit(store, 0, minutes=2), _visit(store, 1)
    for n in range(2):
        store.photos.add_file(
            photo(tmp_path / f"{n}.jpg", seed=n, taken=None, gps=None), visit_id=flagged
        )
    ep.refresh(store, flagged)
    out = tmp_path / "book.xlsx"
    export_xlsx(StoreSource(store), out, lang=lang)
    rows = {r["visit_id"]: r for r in _sheet(_read(out), "visits", lang)}
    assert rows[flagged]["evidence_flags"] == words
    assert rows[clean]["evidence_flags"] is None


def test_the_dashboard_counts_each_reps_flagged_visits(store: Store) -> None:
    from fieldapp.store import metrics

    for day in (0, 1, 9):
        ep.refresh(store, _visit(store, day, minutes=2))  # too short: flagged
    ep.refresh(store, _visit(store, 2))  # clean
    (rep,) = metrics.rep_standings(store.db)
    assert rep.flagged_visits == 3
    day = CHECKIN.date()
    (rep,) = metrics.rep_standings(store.db, since=day, until=day + timedelta(days=2))
    assert rep.flagged_visits == 2


def test_a_watermarked_display_copy_leaves_the_original_alone(store: Store, tmp_path: Path) -> None:
    import hashlib

    from fieldapp.watermark import watermark_lines

    visit = _visit(store, 0)
    kept = store.photos.add_file(photo(tmp_path / "a.jpg", seed=5, gps=SHOP), visit_id=visit)
    original = store.photos.path_of(kept)
    before = original.read_bytes()
    copy = ep.display_copy(store, kept.id)
    assert copy != original and copy.is_file()
    assert original.read_bytes() == before  # never altered
    assert hashlib.sha256(before).hexdigest() == kept.sha256
    assert ep.display_copy(store, kept.id) == copy  # made once
    with Image.open(original) as a, Image.open(copy) as b:
        assert a.size == b.size
        w, h = a.size
        top = (w // 2, 10)
        bottom = (w - 4, h - 4)
        assert a.convert("RGB").getpixel(top) == b.convert("RGB").getpixel(top)  # untouched
        darker = sum(b.convert("RGB").getpixel(bottom)) < sum(a.convert("RGB").getpixel(bottom))
        assert darker  # the band under the words
        assert b.convert("L").crop((0, h * 3 // 4, w, h)).getextrema()[1] > 200  # white text
    lines = watermark_lines(
        shop="好又多", rep="李娜", taken_at=datetime(2026, 11, 24, 2, 10, tzinfo=UTC),
        latitude=SHOP[0], longitude=SHOP[1],
    )  # fmt: skip
    assert lines == ["好又多", "2026-11-24 10:10", "34.74660°N 113.62530°E", "李娜"]
    # The shop renamed: a new copy says so; the old one stays as it was.
    store.shops.update("shop", name="好又多超市")
    assert ep.display_copy(store, kept.id) != copy


def test_the_rules_are_settings(store: Store, tmp_path: Path) -> None:
    """The distance, the time tolerance and the shortest visit are store settings."""
    visit = _visit(store, 0, minutes=3)
    store.photos.add_file(
        photo(tmp_path / "f.jpg", seed=8, taken="2026:11:24 11:10:00",
              gps=(SHOP[0] + 0.006, SHOP[1])),
        visit_id=visit,
    )  # fmt: skip
    assert [f.code for f in ep.refresh(store, visit)] == [
        "visit_too_short", "photo_far", "photo_outside_visit"
    ]  # fmt: skip
    store.set_setting(ep.FAR_M_SETTING, 1000)
    store.set_setting(ep.TOLERANCE_SETTING, 90)
    store.set_setting(ep.MIN_MINUTES_SETTING, 2)
    assert ep.refresh(store, visit) == []
    assert store.visits.get(visit).evidence_flags is None
    store.set_setting(ep.FAR_M_SETTING, "nonsense")  # not a number: the default
    assert [f.code for f in ep.refresh(store, visit)] == ["photo_far"]


def test_a_check_in_far_from_the_shop_is_flagged(store: Store) -> None:
    """The laptop's position at check-in, when it had one (issue 15)."""
    far, near, unknown = _visit(store, 0), _visit(store, 1), _visit(store, 2)
    store.visits.update(far, checkin_latitude=SHOP[0] + 0.01, checkin_longitude=SHOP[1])
    store.visits.update(near, checkin_latitude=SHOP[0] + 0.001, checkin_longitude=SHOP[1])
    (flag,) = ep.refresh(store, far)
    assert flag.code == "checkin_far" and 1000 < (flag.amount or 0) < 1200
    assert kinds.evidence_codes(store.visits.get(far).evidence_flags) == ["checkin_far"]
    assert ep.refresh(store, near) == [] and ep.refresh(store, unknown) == []
    assert check_value(p.TABLES["visits"]["checkin_latitude"], 91.0) is not None
    assert check_value(p.TABLES["visits"]["evidence_flags"], "checkin_far=1111") is None
