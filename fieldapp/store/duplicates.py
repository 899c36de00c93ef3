"""Possible duplicates, caught where a person is about to create a row.

A new KOC whose mobile number is a live KOC's, and a new shop whose name sounds the same
in pinyin (or nearly: 张记便利店 / 章记便利店 / 张记便利), whose phone is a live shop's, or
whose GPS position lies within 50 m of one, is shown to the person with the match, who
decides (the store does not refuse it: two shops can share a phone).
Threading: the store's thread; each check is a few indexed or bounded queries.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import Store

#: Two shops this close (metres) are taken for the same place.
NEAR_METRES = 50.0
#: Two names whose pinyin is at least this alike are taken for the same name.
SIMILAR_NAME = 0.85
_EARTH_METRES = 6_371_000.0


@dataclass(frozen=True)
class Match:
    """A live row that may be the one being created, and why (``mobile``, ``name``,
    ``phone``, ``gps``; ``metres`` for a GPS match)."""

    table: str
    id: str
    name: str
    reason: str
    detail: str = ""
    metres: float | None = None


def _clean(kind: str, value: str | None) -> str | None:
    if not value:
        return None
    # Imported here: the model (pydantic) is not needed until a row is created.
    from ..model import normalize_mobile, normalize_phone

    normalize = normalize_mobile if kind == "mobile" else normalize_phone
    try:
        return str(normalize(value))
    except ValueError:
        return None  # not a valid number: validation says so, there is nothing to match


def koc_matches(store: Store, *, mobile: str | None, exclude_id: str | None = None) -> list[Match]:
    """Live KOCs with this mobile number."""
    number = _clean("mobile", mobile)
    if number is None:
        return []
    rows = store.db.query(
        "SELECT id, name, mobile FROM kocs WHERE mobile = ? AND deleted = 0"
        " AND erased_at IS NULL AND id != ? ORDER BY name LIMIT 5",
        [number, exclude_id or ""],
    )
    return [Match("kocs", r["id"], r["name"], "mobile", r["mobile"]) for r in rows]


def _degrees(value: object) -> float | None:
    """A coordinate as typed (a number or its text); None when it is none."""
    if value is None or isinstance(value, bool):
        return None
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def metres_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_METRES * math.asin(math.sqrt(a))


def _names_alike(new: set[str], stored: str) -> bool:
    old = set(stored.split())
    if not new or not old:
        return False
    if new & old:
        return True
    a, b = min(new), min(old)
    alike = SequenceMatcher(None, a, b)
    return (  # cheap bounds first: most names are far apart
        alike.real_quick_ratio() >= SIMILAR_NAME
        and alike.quick_ratio() >= SIMILAR_NAME
        and alike.ratio() >= SIMILAR_NAME
    )


def shop_matches(
    store: Store,
    *,
    name: str | None,
    phone: str | None = None,
    latitude: float | str | None = None,
    longitude: float | str | None = None,
    county_id: str | None = None,
    exclude_id: str | None = None,
) -> list[Match]:
    """Live shops that may be this one: the same name in pinyin (in the county, when
    given), the same phone, or within ``NEAR_METRES``. One match per shop, first reason."""
    found: dict[str, Match] = {}
    skip = exclude_id or ""
    number = _clean("phone", phone)
    if number is not None:
        for r in store.db.query(
            # Digits only: 0371-66001234 is 037166001234.
            "SELECT id, name, phone FROM shops WHERE replace(phone, '-', '') = ?"
            " AND deleted = 0 AND id != ? LIMIT 5",
            [number.replace("-", ""), skip],
        ):
            found.setdefault(r["id"], Match("shops", r["id"], r["name"], "phone", r["phone"]))
    latitude, longitude = _degrees(latitude), _degrees(longitude)
    if latitude is not None and longitude is not None:
        dlat = NEAR_METRES / 111_000 * 1.5
        dlon = dlat / max(math.cos(math.radians(latitude)), 0.01)
        for r in store.db.query(
            "SELECT id, name, latitude, longitude FROM shops WHERE deleted = 0 AND id != ?"
            " AND latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?",
            [skip, latitude - dlat, latitude + dlat, longitude - dlon, longitude + dlon],
        ):
            metres = metres_between(latitude, longitude, r["latitude"], r["longitude"])
            if metres <= NEAR_METRES:
                found.setdefault(
                    r["id"], Match("shops", r["id"], r["name"], "gps", metres=round(metres))
                )
    from ..pinyin import search_keys

    keys = set(search_keys(name or "")[0].split())
    if keys:
        sql = "SELECT id, name, search_pinyin FROM shops WHERE deleted = 0 AND id != ?"
        params: list[Any] = [skip]
        if county_id is not None:
            sql += " AND county_id = ?"
            params.append(county_id)
        for r in store.db.query(sql, params):
            if r["id"] not in found and _names_alike(keys, r["search_pinyin"]):
                found[r["id"]] = Match("shops", r["id"], r["name"], "name")
            if len(found) >= 10:
                break
    return list(found.values())[:10]
