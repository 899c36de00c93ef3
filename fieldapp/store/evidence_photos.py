"""A stored visit's evidence (``fieldapp.evidence``): what its photos are checked
against, the flags worked out, and keeping them with the visit.

:func:`evidence_photos` gathers, from the store, the visit's times, its shop's position,
its own photo files with their perceptual hashes, and the hashes of the other visits'
photos kept before each of them (the first use of a picture is not the reuse; photos
kept at the same moment are ordered by id): every
hashed photo of the store (the team's, up to :data:`HASHED_LIMIT`), and the files of the
latest :data:`OTHERS_LIMIT` unhashed photos of the same shop or rep (rows from before
hashes were kept). :func:`work_out` reads the files (EXIF, pHash) and gives the flags;
:func:`keep` stores them on the visit (``visits.evidence_flags``, synced) and the hashes
it had to compute on the visit's photos, only where the store's user may write them:
the rep's own visit (or any visit when the store has no user), before a review locks it.
:func:`refresh` does all three at once.

Threading: :func:`evidence_photos` and :func:`keep` run on the connection of the store
they are given; :func:`work_out` only reads files, any thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from .. import evidence
from ..kinds import locked_fields

if TYPE_CHECKING:
    from . import Store

__all__ = [
    "FAR_M_SETTING",
    "HASHED_LIMIT",
    "MIN_MINUTES_SETTING",
    "OTHERS_LIMIT",
    "TOLERANCE_SETTING",
    "EvidencePhotos",
    "Findings",
    "Mine",
    "Other",
    "display_copy",
    "evidence_photos",
    "keep",
    "refresh",
    "work_out",
]

#: Unhashed photos of other visits whose files are hashed for the comparison.
OTHERS_LIMIT = 200
#: Hashed photos of other visits compared (the latest first).
HASHED_LIMIT = 50_000
#: Store settings that change the evidence rules (``fieldapp.evidence``'s defaults).
FAR_M_SETTING = "evidence.far_m"
TOLERANCE_SETTING = "evidence.tolerance_minutes"
MIN_MINUTES_SETTING = "evidence.min_visit_minutes"


@dataclass(frozen=True)
class Mine:
    photo_id: str
    path: Path
    phash: str | None
    #: When it was kept, and the store's own order for the same moment (rowid).
    created_at: str
    rowid: int = 0


@dataclass(frozen=True)
class Other:
    photo_id: str
    phash: str | None
    #: The file, for a photo without a stored hash.
    path: Path | None
    created_at: str
    rowid: int = 0


@dataclass(frozen=True)
class EvidencePhotos:
    visit_id: str
    checkin_at: datetime | None
    checkout_at: datetime | None
    #: The visit's photos, in the order they were added.
    mine: tuple[Mine, ...]
    #: Photos of other visits (those kept after all of the visit's are left out).
    others: tuple[Other, ...]
    shop_latitude: float | None
    shop_longitude: float | None
    #: Where the laptop was at check-in, when known.
    checkin_latitude: float | None = None
    checkin_longitude: float | None = None
    #: The rules in force (store settings, else ``fieldapp.evidence``'s defaults).
    far_m: float = evidence.FAR_M
    tolerance: timedelta = evidence.TOLERANCE
    min_minutes: float = evidence.MIN_VISIT_MINUTES


@dataclass(frozen=True)
class Findings:
    flags: list[evidence.Flag]
    #: Hashes computed for the visit's photos that had none stored: photo id -> pHash.
    hashes: dict[str, str]


def evidence_photos(store: Store, visit_id: str) -> EvidencePhotos:
    visit = store.visits.get(visit_id)
    shop = store.shops.find(visit.shop_id)
    mine = [
        Mine(
            r["id"],
            store.photos.path_for(r["sha256"], r["mime"]),
            r["phash"],
            r["created_at"],
            r["rowid"],
        )
        for r in store.db.query(
            "SELECT rowid, id, sha256, mime, phash, created_at FROM photos"
            " WHERE visit_id = ? AND deleted = 0 ORDER BY created_at, id",
            [visit_id],
        )
    ]
    latest = max((m.created_at for m in mine), default="")
    others: list[Other] = []
    if mine:
        others += [
            Other(r["id"], r["phash"], None, r["created_at"], r["rowid"])
            for r in store.db.query(
                """
                SELECT p.rowid, p.id, p.phash, p.created_at FROM photos p
                JOIN visits v ON v.id = p.visit_id
                WHERE p.deleted = 0 AND v.deleted = 0 AND p.visit_id != ?
                  AND p.phash IS NOT NULL AND p.created_at <= ?
                ORDER BY p.created_at DESC LIMIT ?
                """,
                [visit_id, latest, HASHED_LIMIT],
            )
        ]
        others += [
            Other(
                r["id"],
                None,
                store.photos.path_for(r["sha256"], r["mime"]),
                r["created_at"],
                r["rowid"],
            )
            for r in store.db.query(
                """
                SELECT p.rowid, p.id, p.sha256, p.mime, p.created_at FROM photos p
                JOIN visits v ON v.id = p.visit_id
                WHERE p.deleted = 0 AND v.deleted = 0 AND p.visit_id != ?
                  AND p.phash IS NULL AND p.created_at <= ?
                  AND (v.shop_id = ? OR v.rep_id = ?)
                ORDER BY p.created_at DESC LIMIT ?
                """,
                [visit_id, latest, visit.shop_id, visit.rep_id, OTHERS_LIMIT],
            )
        ]
    return EvidencePhotos(
        visit_id,
        visit.checkin_at,
        visit.checkout_at,
        tuple(mine),
        tuple(others),
        None if shop is None else shop.latitude,
        None if shop is None else shop.longitude,
        far_m=_number(store, FAR_M_SETTING, evidence.FAR_M),
        tolerance=timedelta(
            minutes=_number(store, TOLERANCE_SETTING, evidence.TOLERANCE.total_seconds() / 60)
        ),
        min_minutes=_number(store, MIN_MINUTES_SETTING, evidence.MIN_VISIT_MINUTES),
        checkin_latitude=visit.checkin_latitude,
        checkin_longitude=visit.checkin_longitude,
    )


def _number(store: Store, key: str, default: float) -> float:
    """A positive number setting; the default when unset or not a positive number."""
    value = store.get_setting(key, default)
    try:
        number = float(value)
    except (TypeError, ValueError):
        return float(default)
    return number if number > 0 else float(default)


def _hash(path: Path) -> str | None:
    try:
        return evidence.perceptual_hash(path)
    except (OSError, ValueError):
        return None  # a file not synced down yet, or not a picture


def work_out(sources: EvidencePhotos) -> Findings:
    """The visit's flags (reads the files: EXIF of its photos, pHash where none is kept)."""
    facts = [(m.photo_id, evidence.read_facts(m.path)) for m in sources.mine]
    flags = evidence.visit_flags(
        checkin_at=sources.checkin_at,
        checkout_at=sources.checkout_at,
        shop_latitude=sources.shop_latitude,
        shop_longitude=sources.shop_longitude,
        photos=facts,
        far_m=sources.far_m,
        tolerance=sources.tolerance,
        min_minutes=sources.min_minutes,
        checkin_latitude=sources.checkin_latitude,
        checkin_longitude=sources.checkin_longitude,
    )
    hashes: dict[str, str] = {}
    for m in sources.mine:
        if m.phash is None and (h := _hash(m.path)) is not None:
            hashes[m.photo_id] = h
    others = [
        ((o.created_at, o.rowid), h)
        for o in sources.others
        if (h := o.phash or (_hash(o.path) if o.path is not None else None))
    ]
    for m in sources.mine:
        mine = m.phash or hashes.get(m.photo_id)
        if mine is None:
            continue
        # Kept before this one (at the same moment: kept here before it).
        earlier = [("", h) for key, h in others if key < (m.created_at, m.rowid)]
        flags += evidence.reused_photos([(m.photo_id, mine)], earlier)
    order = {m.photo_id: n for n, m in enumerate(sources.mine)}
    flags.sort(key=lambda f: (order.get(f.photo or "", -1), f.code))
    return Findings(flags, hashes)


def may_keep(store: Store, visit_id: str) -> bool:
    """Whether this store's user writes the visit's evidence: their own visit (any, when
    the store has no user), neither submitted nor approved (``fieldapp.kinds.
    locked_fields``: only the review changes it then, head office's rule too)."""
    row = next(
        iter(store.db.query("SELECT rep_id, review_status FROM visits WHERE id = ?", [visit_id])),
        None,
    )
    if row is None or locked_fields("visits", row, ("evidence_flags",), None):
        return False
    user = store.user_id
    return not user or row["rep_id"] in (None, user)


def keep(store: Store, sources: EvidencePhotos, found: Findings) -> bool:
    """Store the flags on the visit and the new hashes on its photos when the store's
    user may (:func:`may_keep`) and they changed; True when something was written."""
    if not may_keep(store, sources.visit_id):
        return False
    wrote = False
    with store.transaction():
        for photo_id, h in found.hashes.items():
            store.photos.update(photo_id, phash=h)
            wrote = True
        text = evidence.encode_flags(found.flags)
        if store.visits.get(sources.visit_id).evidence_flags != text:
            store.visits.update(sources.visit_id, evidence_flags=text)
            wrote = True
    return wrote


def refresh(store: Store, visit_id: str) -> list[evidence.Flag]:
    """Work the visit's flags out and keep them (:func:`keep`); the flags found."""
    sources = evidence_photos(store, visit_id)
    found = work_out(sources)
    keep(store, sources, found)
    return found.flags


def display_copy(store: Store, photo_id: str) -> Path:
    """The photo's watermarked display copy (``fieldapp.watermark``: shop, time, position,
    rep), made when first asked and kept in ``display/`` beside the photo files, named by
    the picture and the words written (a renamed shop gets a new copy). The original is
    never altered. A photo of a shop or an event is marked with what it has."""
    import hashlib

    from ..watermark import watermark_lines, write_watermarked

    photo = store.photos.get(photo_id)
    source = store.photos.path_of(photo)
    visit = store.visits.find(photo.visit_id) if photo.visit_id else None
    shop_id = visit.shop_id if visit is not None else photo.shop_id
    shop = store.shops.find(shop_id) if shop_id else None
    rep_id = visit.rep_id if visit is not None else photo.created_by
    rep = store.users.find(rep_id) if rep_id else None
    facts = evidence.read_facts(source)
    lines = watermark_lines(
        shop=shop.name if shop is not None else "",
        rep=rep.name if rep is not None else None,
        taken_at=facts.taken_at or photo.taken_at or (visit.checkin_at if visit else None),
        latitude=facts.latitude,
        longitude=facts.longitude,
    )
    if facts.latitude is None and shop is not None:  # no GPS in the picture: the shop's
        lines = watermark_lines(
            shop=shop.name,
            rep=rep.name if rep is not None else None,
            taken_at=facts.taken_at or photo.taken_at or (visit.checkin_at if visit else None),
            latitude=shop.latitude,
            longitude=shop.longitude,
        )
    key = hashlib.sha256("\n".join([photo.sha256, *lines]).encode()).hexdigest()[:24]
    target = store.photos_dir / "display" / f"{key}.jpg"
    if not target.exists():
        write_watermarked(source, target, lines)
    return target
