"""Photos: resumable uploads addressed by SHA-256 and downloads inside the caller's scope.

Threading: functions take an ``Engine`` or a ``Connection``; a connection belongs to one
thread.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql as pg_dialect, sqlite as sqlite_dialect
from sqlalchemy.engine import Connection, Engine

from sync import protocol as p

from ..db import (
    photo_uploads,
    photos_blobs,
    private_folder,
    rows,
)
from .core import Caller, ServiceError

_SHA256 = re.compile(p.SHA256_PATTERN)


def check_sha256(value: str) -> str:
    """``value`` if it is 64 lowercase hex digits, else a 422 ``invalid_sha256``."""
    if len(value) != 64 or not _SHA256.fullmatch(value):
        raise ServiceError(422, "invalid_sha256", "64 lowercase hex digits expected", "sha256")
    return value


def default_photos_dir(database_url: str) -> Path:
    """Beside a SQLite file (``<name>-photos``); a fresh temporary folder otherwise."""
    url = sa.engine.make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        db = Path(url.database)
        return db.with_name(db.stem + "-photos")
    return Path(tempfile.mkdtemp(prefix="fieldapp-server-photos-"))


class PhotoFiles:
    """Where photo files live: kept ones at ``<root>/<sha[:2]>/<sha>``, uploads in
    progress at ``<root>/incoming/<sha>.<device key>.part`` (one per device). Written
    only inside the upload row's transaction (its row lock on PostgreSQL, the single
    writer on SQLite)."""

    def __init__(self, root: str | Path) -> None:
        self.root = private_folder(Path(root))

    def final(self, sha: str) -> Path:
        return self.root / sha[:2] / sha

    def part(self, sha: str, device_id: str) -> Path:
        key = hashlib.sha256(device_id.encode()).hexdigest()[:16]
        return self.root / "incoming" / f"{sha}.{key}.part"


#: An upload in progress that has not moved for this long is dropped (row and part
#: file); its device starts again from offset 0.
UPLOAD_TTL = 7 * 24 * 3600


def _upload_answer(received: int, size: int, complete: bool) -> p.PhotoUploadResponse:
    return p.PhotoUploadResponse(offset=received, length=size, complete=complete)


def _received(files: PhotoFiles, row: Any) -> int:
    """The bytes really held for an upload in progress: a part file shorter than
    recorded (a crash before fsync) counts for what is on disk."""
    part = files.part(row.sha256, row.device_id)
    on_disk = part.stat().st_size if part.is_file() else 0
    return min(int(row.received), on_disk)


def _kept(files: PhotoFiles, blob: Any) -> bool:
    return blob is not None and bool(blob.complete) and files.final(blob.sha256).is_file()


def may_see_photo(conn: Connection, caller: Caller, sha: str, blob: Any) -> bool:
    """An admin; a team with a live ``photos`` row of it; the team that uploaded it
    (when ``blob`` is given: that it holds the file, not its contents)."""
    if caller.role == "admin":
        return True
    if caller.team_id is None:
        return False
    if blob is not None and blob.team_id == caller.team_id:
        return True
    q = (
        sa.select(rows.c.row_id)
        .where(
            rows.c.table_name == "photos",
            rows.c.deleted.is_(False),
            rows.c.team_id == caller.team_id,
            rows.c.data["sha256"].as_string() == sha,
        )
        .limit(1)
    )
    return conn.execute(q).first() is not None


def expire_uploads(conn: Connection, files: PhotoFiles, now: float) -> int:
    """Drop uploads in progress that have not moved for :data:`UPLOAD_TTL`."""
    old = conn.execute(
        sa.select(photo_uploads).where(photo_uploads.c.updated_at < int(now) - UPLOAD_TTL)
    ).all()
    for row in old:
        files.part(row.sha256, row.device_id).unlink(missing_ok=True)
        conn.execute(
            sa.delete(photo_uploads).where(
                photo_uploads.c.sha256 == row.sha256, photo_uploads.c.device_id == row.device_id
            )
        )
    return len(old)


def photo_offset(
    engine: Engine, files: PhotoFiles, caller: Caller, sha: str
) -> tuple[int, int] | None:
    """``(received, size)`` of the caller's device's upload of ``sha``, or of the kept
    file when the caller may see it (:func:`may_see_photo`); None otherwise, also for a
    file another team holds (scope leaks nothing)."""
    with engine.connect() as conn:
        own = conn.execute(
            sa.select(photo_uploads).where(
                photo_uploads.c.sha256 == sha, photo_uploads.c.device_id == caller.device_id
            )
        ).first()
        blob = conn.execute(sa.select(photos_blobs).where(photos_blobs.c.sha256 == sha)).first()
        if blob is not None and _kept(files, blob) and may_see_photo(conn, caller, sha, blob):
            return int(blob.size), int(blob.size)
    if own is None:
        return None
    return _received(files, own), int(own.size)


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def photo_append(
    engine: Engine,
    files: PhotoFiles,
    caller: Caller,
    sha: str,
    offset: int,
    length: int,
    chunk: bytes,
    now: float,
) -> p.PhotoUploadResponse:
    """Write ``chunk`` at ``offset`` of the caller's device's upload of ``sha``
    (``length`` bytes in all).

    An upload belongs to the device that started it: another device's upload of the same
    SHA-256, whatever length it claims, never disturbs it. Bytes already received are
    ignored (idempotent); a gap is 409 ``offset_mismatch`` with the current offset; when
    ``length`` is reached the SHA-256 is checked and the file kept (or found kept
    already), or the upload discarded with 422 ``hash_mismatch``. A file already kept
    is answered complete at once only to a caller who may see it; anyone else proves
    they hold the bytes by sending them.
    """
    mismatch = False
    device = caller.device_id
    with engine.begin() as conn:
        expire_uploads(conn, files, now)
        blob = conn.execute(sa.select(photos_blobs).where(photos_blobs.c.sha256 == sha)).first()
        if blob is not None and _kept(files, blob) and may_see_photo(conn, caller, sha, blob):
            size = int(blob.size)
            if size != length:
                raise ServiceError(
                    409,
                    "length_mismatch",
                    f"this upload is {size} bytes long",
                    p.UPLOAD_LENGTH_HEADER,
                    offset=size,
                    length=size,
                )
            return _upload_answer(size, size, True)
        ins = pg_dialect.insert if conn.dialect.name == "postgresql" else sqlite_dialect.insert
        conn.execute(
            ins(photo_uploads)
            .values(
                sha256=sha,
                device_id=device,
                size=length,
                received=0,
                created_at=int(now),
                updated_at=int(now),
            )
            .on_conflict_do_nothing(index_elements=["sha256", "device_id"])
        )
        key = sa.and_(photo_uploads.c.sha256 == sha, photo_uploads.c.device_id == device)
        row = conn.execute(sa.select(photo_uploads).where(key).with_for_update()).one()
        size = int(row.size)
        received = _received(files, row)
        if size != length:
            raise ServiceError(
                409,
                "length_mismatch",
                f"this upload is {size} bytes long",
                p.UPLOAD_LENGTH_HEADER,
                offset=received,
                length=size,
            )
        if offset > received:
            raise ServiceError(
                409,
                "offset_mismatch",
                f"the upload is at offset {received}",
                p.UPLOAD_OFFSET_HEADER,
                offset=received,
            )
        end = offset + len(chunk)
        if end > size:
            raise ServiceError(422, "length_exceeded", "the chunk ends after Upload-Length", "body")
        part = files.part(sha, device)
        if end > received:
            private_folder(part.parent)
            fd = os.open(part, os.O_RDWR | os.O_CREAT, 0o600)
            with os.fdopen(fd, "r+b") as fh:
                fh.seek(received)
                fh.write(chunk[received - offset :])
                fh.truncate(end)
                fh.flush()
                os.fsync(fh.fileno())
            received = end
        complete = False
        if received == size:
            if _sha256_of(part) == sha:
                final = files.final(sha)
                if _kept(files, blob):
                    part.unlink(missing_ok=True)  # the same bytes are kept already
                else:
                    private_folder(final.parent)
                    os.replace(part, final)
                    conn.execute(sa.delete(photos_blobs).where(photos_blobs.c.sha256 == sha))
                    conn.execute(
                        sa.insert(photos_blobs).values(
                            sha256=sha,
                            size=size,
                            received=size,
                            complete=True,
                            uploader_id=caller.user_id,
                            team_id=caller.team_id,
                            created_at=int(row.created_at),
                            completed_at=int(now),
                        )
                    )
                complete = True
            else:
                part.unlink(missing_ok=True)
                mismatch = True
        if mismatch or complete:
            conn.execute(sa.delete(photo_uploads).where(key))
        else:
            conn.execute(
                sa.update(photo_uploads).where(key).values(received=received, updated_at=int(now))
            )
    if mismatch:
        raise ServiceError(422, "hash_mismatch", "the bytes do not have this SHA-256", "sha256")
    return _upload_answer(received, size, complete)


def photo_file(engine: Engine, files: PhotoFiles, caller: Caller, sha: str) -> Path:
    """The kept file of ``sha`` if the caller may read it (an admin, or a member of a
    team with a live ``photos`` row of that SHA-256); else 404 (scope leaks nothing)."""
    with engine.connect() as conn:
        blob = conn.execute(sa.select(photos_blobs).where(photos_blobs.c.sha256 == sha)).first()
        allowed = _kept(files, blob) and may_see_photo(conn, caller, sha, None)
    if not allowed:
        raise ServiceError(404, "not_found", "no such photo")
    return files.final(sha)
