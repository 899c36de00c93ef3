"""Demo shelf photos (issues 14 and 15): about one visit in four of a rep's last two
weeks (one in twenty at team scale) has one or two drawn shelf pictures (Pillow), JPEGs
with EXIF as a phone writes them: the time (Beijing time, ``OffsetTimeOriginal``
+08:00) within the visit and the GPS position a few metres from the shop. A few are
what the visit evidence is there to catch: a picture without EXIF (forwarded on
WeChat), one taken far from the shop, one taken hours before the visit, and the
commonest fraud, an earlier visit's shelf photo used again (recompressed, with a new
time). Each photo keeps its perceptual hash, and each visit of the two weeks its
evidence flags (``fieldapp.evidence``), as the rep's app would have kept them; so the
review queue, its filter and the photo viewer have something to show in every demo.

The files go where the store keeps photos (``sink``: bytes in, (SHA-256, size) out);
without a sink (a store that keeps no files) no photos are made.
Thread-agnostic: pure functions over row dicts, from their own random stream.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from .. import evidence
from ..kinds import BUSINESS_UTC_OFFSET

Row = dict[str, Any]
Sink = Callable[[bytes], tuple[str, int]]

#: Share of the two weeks' finished visits with photos, per demo scale (a photo costs
#: ~10-20 ms to draw, encode and hash: the team and region demos stay quick to make);
#: odds of the second photo.
PHOTO_SHARE: dict[str, float] = {"rep": 0.25, "team": 0.05, "region": 0.01}
SECOND_PHOTO = 0.3
#: Odds of each kind of doubtful photo (the rest are as they should be).
REUSED, NO_EXIF, FAR, EARLY = 0.03, 0.03, 0.025, 0.02
SIZE = (480, 360)
_BEIJING = timezone(BUSINESS_UTC_OFFSET)


def _shelf(rng: random.Random) -> Any:
    """A drawn shelf: four boards of bottles and boxes in the rng's colours."""
    from PIL import Image, ImageDraw

    w, h = SIZE
    image = Image.new("RGB", SIZE, tuple(rng.randint(215, 240) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for row in range(4):
        y = 20 + row * (h - 30) // 4
        board = y + (h - 30) // 4 - 8
        draw.rectangle((10, board, w - 10, board + 6), fill=(120, 90, 60))
        x = 16
        while x < w - 30:
            width = rng.randint(12, 30)
            colour = tuple(rng.randint(30, 220) for _ in range(3))
            draw.rectangle((x, y + rng.randint(6, 30), x + width, board), fill=colour)
            x += width + rng.randint(2, 6)
    return image


def _ratio(value: float) -> tuple[float, float, float]:
    d = int(value)
    m = int((value - d) * 60)
    return (float(d), float(m), round(((value - d) * 60 - m) * 60, 4))


def _jpeg(image: Any, taken: datetime | None, where: tuple[float, float] | None) -> bytes:
    from PIL import Image

    exif = Image.Exif()
    if taken is not None:
        sub = exif.get_ifd(0x8769)
        sub[0x9003] = taken.astimezone(_BEIJING).strftime("%Y:%m:%d %H:%M:%S")
        sub[0x9011] = "+08:00"
        exif[0x010F], exif[0x0110] = "Xiaomi", "Redmi Note 12"
    if where is not None:
        gps = exif.get_ifd(0x8825)
        gps[1], gps[2] = ("N" if where[0] >= 0 else "S"), _ratio(abs(where[0]))
        gps[3], gps[4] = ("E" if where[1] >= 0 else "W"), _ratio(abs(where[1]))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=72, exif=exif)
    return out.getvalue()


def _phash(data: bytes) -> str:
    import imagehash
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        return str(imagehash.phash(image))


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def rep_photo_rows(
    seed: int,
    new_id: Callable[[], str],
    *,
    rows: dict[str, list[Row]],
    today: date,
    sink: Sink | None,
    share: float = PHOTO_SHARE["rep"],
) -> None:
    """Fill ``rows["photos"]`` of one rep and set the evidence flags of the rep's
    visits of the last two weeks (every visit row gets the field)."""
    rows.setdefault("photos", [])
    for v in rows["visits"]:
        v.setdefault("evidence_flags", None)
    if sink is None:
        return
    rng = random.Random(seed ^ 0xF070)
    shops = {s["id"]: s for s in rows["shops"]}
    since = datetime.combine(today - timedelta(days=14), datetime.min.time(), _BEIJING)
    recent = sorted(
        (v for v in rows["visits"] if v["checkin_at"] and v["checkout_at"]
         and _moment(v["checkin_at"]) >= since),
        key=lambda v: (v["checkin_at"], v["id"]),
    )  # fmt: skip
    earlier: list[tuple[Any, str]] = []  # pictures used before and their hashes
    for v in recent:
        shop = shops.get(v["shop_id"], {})
        lat, lon = shop.get("latitude"), shop.get("longitude")
        checkin, checkout = _moment(v["checkin_at"]), _moment(v["checkout_at"])
        facts: list[tuple[str, evidence.PhotoFacts]] = []
        reused: list[evidence.Flag] = []
        fresh: list[tuple[Any, str]] = []  # this visit's pictures: reused at later visits
        if rng.random() < share:
            count = 2 if rng.random() < SECOND_PHOTO else 1
            for _ in range(count):
                kind = rng.random()
                reuse = kind < REUSED and bool(earlier)
                no_exif = REUSED <= kind < REUSED + NO_EXIF
                far = REUSED + NO_EXIF <= kind < REUSED + NO_EXIF + FAR
                early = REUSED + NO_EXIF + FAR <= kind < REUSED + NO_EXIF + FAR + EARLY
                span = max(1.0, (checkout - checkin).total_seconds())
                taken: datetime | None = checkin + timedelta(seconds=rng.randint(0, int(span)))
                where = None
                if lat is not None and lon is not None:
                    where = (lat + rng.uniform(-2e-4, 2e-4), lon + rng.uniform(-2e-4, 2e-4))
                if reuse:
                    first, first_hash = rng.choice(earlier)
                    image = first.resize((SIZE[0] - 40, SIZE[1] - 30))
                else:
                    image = _shelf(rng)
                if no_exif:
                    taken, where = None, None  # forwarded on WeChat: no EXIF left
                elif far and where is not None:
                    where = (where[0] + rng.uniform(500, 3000) / 111_000, where[1])
                elif early and taken is not None:
                    taken -= timedelta(hours=rng.randint(2, 20))  # taken before the visit
                data = _jpeg(image, taken, where)
                sha, size = sink(data)
                phash = _phash(data)
                photo_id = new_id()
                if reuse:
                    distance = evidence.hash_distance(phash, first_hash)
                    if distance <= evidence.MAX_HASH_DISTANCE:
                        reused.append(evidence.Flag("photo_reused", photo_id, float(distance)))
                else:
                    fresh.append((image, phash))
                rows["photos"].append(
                    {
                        "id": photo_id,
                        "sha256": sha,
                        "size": size,
                        "mime": "image/jpeg",
                        "taken_at": None if taken is None else taken.isoformat(),
                        "visit_id": v["id"],
                        "shop_id": None,
                        "event_id": None,
                        "caption": None,
                        "phash": phash,
                        "created_at": v["checkout_at"],
                        "updated_at": v["checkout_at"],
                        "created_by": v.get("rep_id"),
                        "updated_by": v.get("rep_id"),
                    }
                )
                facts.append(
                    (
                        photo_id,
                        evidence.PhotoFacts(
                            taken,
                            None if where is None else where[0],
                            None if where is None else where[1],
                        ),
                    )
                )
        flags = evidence.visit_flags(
            checkin_at=checkin,
            checkout_at=checkout,
            shop_latitude=lat,
            shop_longitude=lon,
            photos=facts,
        )
        v["evidence_flags"] = evidence.encode_flags(flags + reused)
        earlier += fresh
