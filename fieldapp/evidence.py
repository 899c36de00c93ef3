"""Visit evidence from photos and time: what a laptop without GPS can know.

A photo's EXIF says when it was taken and, from a phone, where (GPS, WGS-84 as phones
record it). :func:`read_facts` reads both with Pillow. :func:`visit_flags` turns them,
with the visit's check-in and check-out and the shop's position, into flags:

- ``photo_far``: taken more than ``far_m`` (300 m) from the shop;
- ``photo_outside_visit``: taken outside check-in..check-out, ± ``tolerance`` (30 min);
- ``photo_no_exif``: no EXIF time at all (a screenshot, a forwarded or edited picture);
- ``visit_too_short``: checked out less than ``min_minutes`` (5) after checking in;
- ``checkin_far``: the laptop's position at check-in (when it had one) more than
  ``far_m`` from the shop.

:func:`perceptual_hash` (ImageHash's pHash) gives a photo a 64-bit fingerprint that
survives resizing and recompression; :func:`reused_photos` names this visit's photos
within ``max_distance`` bits (6) of a photo of another visit: the reused display photo.

:func:`encode_flags` / :func:`decode_flags` turn flags into the text a visit stores and
syncs (``visits.evidence_flags``, ``fieldapp.kinds.EVIDENCE_FLAGS_PATTERN``) and back;
``fieldapp.store.evidence_photos`` works them out for a stored visit and keeps them.

An EXIF time without an offset is read as Beijing time (phones sold in China record
local time). Flags are findings for a person, never a refusal: nothing here stops a save.
Pure functions (files are only read), any thread.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from .kinds import BUSINESS_UTC_OFFSET, EVIDENCE_FLAGS, EVIDENCE_FLAGS_MAX, evidence_codes
from .route import great_circle_km

__all__ = [
    "FAR_M",
    "MAX_HASH_DISTANCE",
    "MIN_VISIT_MINUTES",
    "TOLERANCE",
    "Flag",
    "PhotoFacts",
    "codes",
    "decode_flags",
    "encode_flags",
    "hash_distance",
    "perceptual_hash",
    "read_facts",
    "reused_photos",
    "visit_flags",
]

FAR_M = 300.0
TOLERANCE = timedelta(minutes=30)
MIN_VISIT_MINUTES = 5
MAX_HASH_DISTANCE = 6

_EXIF_IFD, _GPS_IFD = 0x8769, 0x8825
_DATETIME, _DATETIME_ORIGINAL, _OFFSET_ORIGINAL = 0x0132, 0x9003, 0x9011


@dataclass(frozen=True)
class PhotoFacts:
    #: When the photo was taken (UTC); None without an EXIF time.
    taken_at: datetime | None
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True)
class Flag:
    code: str
    #: Which photo (its name or id) the flag is about; None for the visit itself.
    photo: str | None = None
    #: Metres from the shop, minutes outside the visit or of the visit, hash bits apart.
    amount: float | None = None


def _degrees(value: object, ref: object) -> float | None:
    try:
        d, m, s = (float(x) for x in value)  # type: ignore[attr-defined]
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    deg = d + m / 60 + s / 3600
    return -deg if str(ref).upper() in ("S", "W") else deg


def _time(text: object, offset: object) -> datetime | None:
    try:
        local = datetime.strptime(str(text).strip("\x00 "), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    zone = timezone(BUSINESS_UTC_OFFSET)
    if isinstance(offset, str) and len(offset) >= 6 and offset[0] in "+-":
        sign = -1 if offset[0] == "-" else 1
        with contextlib.suppress(ValueError):
            zone = timezone(sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6])))
    return local.replace(tzinfo=zone).astimezone(UTC)


def read_facts(path: str | Path) -> PhotoFacts:
    """The EXIF time and GPS position of a picture file (None where it has none)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            exif = image.getexif()
    except (OSError, UnidentifiedImageError):
        return PhotoFacts(None, None, None)
    sub = exif.get_ifd(_EXIF_IFD)
    stamp = sub.get(_DATETIME_ORIGINAL) or exif.get(_DATETIME)
    taken = _time(stamp, sub.get(_OFFSET_ORIGINAL)) if stamp else None
    gps = exif.get_ifd(_GPS_IFD)
    lat = _degrees(gps.get(2), gps.get(1)) if gps.get(2) else None
    lon = _degrees(gps.get(4), gps.get(3)) if gps.get(4) else None
    if lat is None or lon is None:
        lat = lon = None
    return PhotoFacts(taken, lat, lon)


def perceptual_hash(path: str | Path) -> str:
    """The photo's pHash as 16 hex digits."""
    import imagehash
    from PIL import Image

    with Image.open(path) as image:
        return str(imagehash.phash(image))


def hash_distance(a: str, b: str) -> int:
    """Bits that differ between two hashes of :func:`perceptual_hash`."""
    return bin(int(a, 16) ^ int(b, 16)).count("1")


def reused_photos(
    mine: Sequence[tuple[str, str]],
    others: Iterable[tuple[str, str]],
    *,
    max_distance: int = MAX_HASH_DISTANCE,
) -> list[Flag]:
    """``photo_reused`` for each of this visit's (photo, hash) within ``max_distance`` bits
    of another visit's (photo, hash); the amount is the closest distance."""
    others = list(others)
    flags = []
    for name, h in mine:
        closest = min((hash_distance(h, o) for _n, o in others), default=None)
        if closest is not None and closest <= max_distance:
            flags.append(Flag("photo_reused", name, float(closest)))
    return flags


def visit_flags(
    *,
    checkin_at: datetime | None,
    checkout_at: datetime | None,
    shop_latitude: float | None,
    shop_longitude: float | None,
    photos: Sequence[tuple[str, PhotoFacts]],
    far_m: float = FAR_M,
    tolerance: timedelta = TOLERANCE,
    min_minutes: float = MIN_VISIT_MINUTES,
    checkin_latitude: float | None = None,
    checkin_longitude: float | None = None,
) -> list[Flag]:
    """The flags of a visit from its times, its shop's position, where it was checked in
    (when known) and its photos' facts."""
    flags: list[Flag] = []
    if (
        checkin_latitude is not None
        and checkin_longitude is not None
        and shop_latitude is not None
        and shop_longitude is not None
    ):
        metres = 1000 * great_circle_km(
            checkin_latitude, checkin_longitude, shop_latitude, shop_longitude
        )
        if metres > far_m:
            flags.append(Flag("checkin_far", None, round(metres)))
    if checkin_at is not None and checkout_at is not None:
        minutes = (checkout_at - checkin_at).total_seconds() / 60
        if minutes < min_minutes:
            flags.append(Flag("visit_too_short", None, round(minutes, 1)))
    for name, facts in photos:
        if facts.taken_at is None:
            flags.append(Flag("photo_no_exif", name))
        elif checkin_at is not None:
            end = checkout_at or checkin_at
            if facts.taken_at < checkin_at - tolerance:
                off = (checkin_at - facts.taken_at).total_seconds() / 60
                flags.append(Flag("photo_outside_visit", name, round(off)))
            elif facts.taken_at > end + tolerance:
                off = (facts.taken_at - end).total_seconds() / 60
                flags.append(Flag("photo_outside_visit", name, round(off)))
        if (
            facts.latitude is not None
            and facts.longitude is not None
            and shop_latitude is not None
            and shop_longitude is not None
        ):
            metres = (
                great_circle_km(facts.latitude, facts.longitude, shop_latitude, shop_longitude)
                * 1000
            )
            if metres > far_m:
                flags.append(Flag("photo_far", name, round(metres)))
    return flags


#: The largest amount a stored flag keeps (metres, minutes, bits).
_AMOUNT_MAX = 999_999_999.0


def _amount_text(amount: float) -> str:
    value = min(max(float(amount), 0.0), _AMOUNT_MAX)
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _flag_text(flag: Flag, with_photo: bool) -> str:
    text = flag.code
    if with_photo and flag.photo:
        text += "@" + flag.photo
    if flag.amount is not None:
        text += "=" + _amount_text(flag.amount)
    return text


def encode_flags(flags: Iterable[Flag]) -> str | None:
    """The stored text of ``flags`` (None for none), in :data:`EVIDENCE_FLAGS` order.

    Within ``EVIDENCE_FLAGS_MAX`` characters: when the photos' ids would not fit, the
    flags keep their codes and amounts without them, and beyond that the last flags are
    left out (a visit with hundreds of flagged photos is flagged all the same)."""
    known = [f for f in flags if f.code in EVIDENCE_FLAGS]
    known.sort(key=lambda f: EVIDENCE_FLAGS.index(f.code))
    if not known:
        return None
    for with_photo in (True, False):
        text = ";".join(_flag_text(f, with_photo) for f in known)
        if len(text) <= EVIDENCE_FLAGS_MAX:
            return text
    return text[: EVIDENCE_FLAGS_MAX + 1].rsplit(";", 1)[0]


def decode_flags(text: str | None) -> list[Flag]:
    """The flags of a stored ``evidence_flags`` text (unknown codes left out)."""
    flags = []
    for part in (text or "").split(";"):
        head, _eq, amount = part.partition("=")
        code, _at, photo = head.partition("@")
        if code not in EVIDENCE_FLAGS:
            continue
        try:
            value = float(amount) if amount else None
        except ValueError:
            value = None
        flags.append(Flag(code, photo or None, value))
    return flags


def codes(text: str | None) -> list[str]:
    """The distinct flag codes of a stored text, in :data:`EVIDENCE_FLAGS` order."""
    return evidence_codes(text)
