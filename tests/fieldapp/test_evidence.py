"""Visit evidence (fieldapp.evidence): EXIF flags on pictures with known EXIF, and a
reused photo found again after resizing and recompression."""

from __future__ import annotations

import io
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from fieldapp import evidence
from fieldapp.evidence import Flag, PhotoFacts, read_facts, visit_flags

SHOP = (34.7466, 113.6253)
CHECKIN = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)  # 10:00 Beijing
CHECKOUT = CHECKIN + timedelta(minutes=25)


def shelf(seed: int) -> Image.Image:
    """A drawn shelf: rows of bottles in random colours (another seed: another shelf)."""
    rnd = random.Random(seed)
    image = Image.new("RGB", (640, 480), (235, 230, 220))
    draw = ImageDraw.Draw(image)
    for row in range(4):
        y = 40 + row * 110
        draw.rectangle((20, y + 90, 620, y + 100), fill=(120, 90, 60))
        x = 30
        while x < 600:
            w = rnd.randint(18, 40)
            colour = tuple(rnd.randint(30, 220) for _ in range(3))
            draw.rectangle((x, y + rnd.randint(10, 40), x + w, y + 90), fill=colour)
            x += w + rnd.randint(2, 8)
    return image


def _ratio(value: float) -> tuple[float, float, float]:
    d = int(value)
    m = int((value - d) * 60)
    s = round(((value - d) * 60 - m) * 60, 4)
    return (float(d), float(m), s)


def photo(
    path: Path,
    *,
    seed: int = 1,
    taken: str | None = "2026:11:24 10:10:00",
    offset: str | None = None,
    gps: tuple[float, float] | None = SHOP,
) -> Path:
    image = shelf(seed)
    exif = Image.Exif()
    if taken is not None:
        sub = exif.get_ifd(0x8769)
        sub[0x9003] = taken
        if offset is not None:
            sub[0x9011] = offset
    if gps is not None:
        g = exif.get_ifd(0x8825)
        g[1], g[2] = ("N" if gps[0] >= 0 else "S"), _ratio(abs(gps[0]))
        g[3], g[4] = ("E" if gps[1] >= 0 else "W"), _ratio(abs(gps[1]))
    image.save(path, "JPEG", exif=exif, quality=90)
    return path


def test_exif_time_and_gps_are_read(tmp_path: Path) -> None:
    facts = read_facts(photo(tmp_path / "a.jpg"))
    assert facts.taken_at == datetime(2026, 11, 24, 2, 10, tzinfo=UTC)  # Beijing time
    assert facts.latitude == pytest.approx(SHOP[0], abs=1e-6)
    assert facts.longitude == pytest.approx(SHOP[1], abs=1e-6)
    with_offset = read_facts(photo(tmp_path / "b.jpg", offset="+09:00"))
    assert with_offset.taken_at == datetime(2026, 11, 24, 1, 10, tzinfo=UTC)
    bare = read_facts(photo(tmp_path / "c.jpg", taken=None, gps=None))
    assert bare == PhotoFacts(None, None, None)
    (tmp_path / "d.jpg").write_bytes(b"not a picture")
    assert read_facts(tmp_path / "d.jpg") == PhotoFacts(None, None, None)


def test_flags_far_outside_the_visit_no_exif_and_too_short(tmp_path: Path) -> None:
    near = ("near.jpg", read_facts(photo(tmp_path / "n.jpg")))
    far = ("far.jpg", read_facts(photo(tmp_path / "f.jpg", gps=(34.7520, 113.6253))))  # ~600 m
    late = ("late.jpg", read_facts(photo(tmp_path / "l.jpg", taken="2026:11:24 11:30:00")))
    bare = ("bare.jpg", read_facts(photo(tmp_path / "b.jpg", taken=None, gps=None)))
    flags = visit_flags(
        checkin_at=CHECKIN,
        checkout_at=CHECKOUT,
        shop_latitude=SHOP[0],
        shop_longitude=SHOP[1],
        photos=[near, far, late, bare],
    )
    codes = {(f.code, f.photo) for f in flags}
    assert codes == {
        ("photo_far", "far.jpg"),
        ("photo_outside_visit", "late.jpg"),
        ("photo_no_exif", "bare.jpg"),
    }
    metres = next(f.amount for f in flags if f.code == "photo_far")
    assert metres is not None and 550 < metres < 650
    # Inside the tolerance: a photo 20 minutes after check-out is not flagged.
    ok = read_facts(photo(tmp_path / "ok.jpg", taken="2026:11:24 10:45:00"))
    assert visit_flags(checkin_at=CHECKIN, checkout_at=CHECKOUT, shop_latitude=SHOP[0],
                       shop_longitude=SHOP[1], photos=[("ok", ok)]) == []  # fmt: skip
    short = visit_flags(checkin_at=CHECKIN, checkout_at=CHECKIN + timedelta(minutes=3),
                        shop_latitude=None, shop_longitude=None, photos=[])  # fmt: skip
    assert short == [Flag("visit_too_short", None, 3.0)]


def test_a_reused_photo_is_found_after_resizing_and_recompression(tmp_path: Path) -> None:
    original = photo(tmp_path / "visit1.jpg", seed=5)
    with Image.open(original) as image:
        smaller = image.resize((400, 300))
        buffer = io.BytesIO()
        smaller.save(buffer, "JPEG", quality=55)
    copy = tmp_path / "visit2.jpg"
    copy.write_bytes(buffer.getvalue())
    other = photo(tmp_path / "visit3.jpg", seed=6)
    h1, h2, h3 = (evidence.perceptual_hash(p) for p in (original, copy, other))
    assert len(h1) == 16
    assert evidence.hash_distance(h1, h2) <= evidence.MAX_HASH_DISTANCE
    assert evidence.hash_distance(h1, h3) > evidence.MAX_HASH_DISTANCE
    flags = evidence.reused_photos([("visit2.jpg", h2)], [("visit1.jpg", h1), ("visit3.jpg", h3)])
    assert [(f.code, f.photo) for f in flags] == [("photo_reused", "visit2.jpg")]
    assert evidence.reused_photos([("visit3.jpg", h3)], [("visit1.jpg", h1)]) == []
