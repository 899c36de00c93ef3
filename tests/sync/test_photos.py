"""Photo files: resumable upload (HEAD/PATCH), verification, scoped download, and the
client uploading before it pushes, on SQLite and PostgreSQL server databases.

The HTTP-level tests use the real app behind TestClient; the end-to-end ones the real
client against the app served by uvicorn on loopback (client_harness).
"""

from __future__ import annotations

import hashlib
import os
import struct
import uuid
import zlib
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import requests
import sqlalchemy as sa
from alembic import command
from client_harness import Device, ForwardThenFail, MakeDevice, session_with
from requests.adapters import HTTPAdapter
from sync_harness import Server, shop_fields

from sync import protocol as p
from sync.client import NetworkError, SyncError
from sync.server import service
from sync.server.db import make_engine, photo_uploads, photos_blobs, rows
from sync.server.migrate import alembic_config, upgrade


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def png_bytes(padding: int = 0) -> bytes:
    """A real 1x1 PNG; ``padding`` random bytes in a private ancillary chunk make it big."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
    if padding:
        out += chunk(b"prVt", os.urandom(padding))
    return out + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b"")


def patch(dev: Any, digest: str, offset: int, length: int, body: bytes) -> Any:
    headers = dev.headers | {
        p.UPLOAD_OFFSET_HEADER: str(offset),
        p.UPLOAD_LENGTH_HEADER: str(length),
        "Content-Type": "application/offset+octet-stream",
    }
    return dev.server.client.patch(f"/v1/photos/{digest}", content=body, headers=headers)


def head(dev: Any, digest: str) -> Any:
    return dev.server.client.head(f"/v1/photos/{digest}", headers=dev.headers)


def blob(server: Server, digest: str) -> Any:
    """The kept file's row, else the one upload in progress of ``digest`` (or None)."""
    with server.engine.connect() as c:
        kept = c.execute(sa.select(photos_blobs).where(photos_blobs.c.sha256 == digest)).first()
        if kept is not None:
            return kept
        going = c.execute(sa.select(photo_uploads).where(photo_uploads.c.sha256 == digest)).all()
    assert len(going) <= 1, going
    return SimpleNamespace(**going[0]._mapping, complete=False) if going else None


def kept_files(server: Server) -> list[Path]:
    return sorted(f for f in server.app.state.photos.root.rglob("*") if f.is_file())


# --------------------------------------------------------------------------- server


def test_chunked_upload_shows_progress_resumes_and_is_verified(
    server: Server, world: dict[str, Any]
) -> None:
    dev = server.device("repA")
    data = os.urandom(300_000)
    digest = sha(data)
    assert head(dev, digest).status_code == 404

    r = patch(dev, digest, 0, len(data), data[:100_000])
    assert r.status_code == 200, r.text
    assert r.json() == {"offset": 100_000, "length": 300_000, "complete": False}
    h = head(dev, digest)
    assert h.status_code == 200
    assert h.headers[p.UPLOAD_OFFSET_HEADER] == "100000"
    assert h.headers[p.UPLOAD_LENGTH_HEADER] == "300000"

    # the same chunk again is ignored; a gap is refused with the current offset
    assert patch(dev, digest, 0, len(data), data[:100_000]).json()["offset"] == 100_000
    gap = patch(dev, digest, 250_000, len(data), data[250_000:])
    assert gap.status_code == 409
    assert gap.json()["error"]["code"] == "offset_mismatch"
    assert gap.headers[p.UPLOAD_OFFSET_HEADER] == "100000"
    # an overlapping chunk writes only its new part
    r = patch(dev, digest, 50_000, len(data), data[50_000:200_000])
    assert r.json()["offset"] == 200_000 and not blob(server, digest).complete
    r = patch(dev, digest, 200_000, len(data), data[200_000:])
    assert r.json() == {"offset": 300_000, "length": 300_000, "complete": True}
    assert head(dev, digest).headers[p.UPLOAD_OFFSET_HEADER] == "300000"
    row = blob(server, digest)
    assert (row.complete, row.size, row.received, row.team_id) == (
        True,
        300_000,
        300_000,
        world["A"],
    )
    assert [f.read_bytes() for f in kept_files(server)] == [data]

    # a complete upload sent again by a teammate changes nothing
    mate = server.device("supA")
    again = patch(mate, digest, 0, len(data), data[:1000])
    assert again.status_code == 200 and again.json()["complete"] is True
    assert [f.read_bytes() for f in kept_files(server)] == [data]
    # a different length for the same hash is refused
    assert patch(mate, digest, 0, 10, data[:10]).status_code == 409
    # another team is told nothing: it sends the bytes, which are checked, and no copy
    other = server.device("repB")
    assert head(other, digest).status_code == 404
    assert patch(other, digest, 0, len(data), data[:1000]).json()["complete"] is False
    assert patch(other, digest, 1000, len(data), data[1000:]).json()["complete"] is True
    assert [f.read_bytes() for f in kept_files(server)] == [data]


def test_wrong_hash_is_422_and_nothing_is_kept(server: Server, world: dict[str, Any]) -> None:
    dev = server.device("repA")
    data = os.urandom(5000)
    digest = sha(b"something else")
    assert patch(dev, digest, 0, len(data), data[:2000]).status_code == 200
    r = patch(dev, digest, 2000, len(data), data[2000:])
    assert r.status_code == 422 and r.json()["error"]["code"] == "hash_mismatch"
    assert head(dev, digest).status_code == 404
    assert blob(server, digest) is None and kept_files(server) == []
    # the right bytes can be sent afterwards
    good = sha(data)
    assert patch(dev, good, 0, len(data), data).json()["complete"] is True


def test_download_only_within_the_team(server: Server, world: dict[str, Any]) -> None:
    rep_a = server.device("repA")
    data = png_bytes()
    digest = sha(data)
    assert patch(rep_a, digest, 0, len(data), data).json()["complete"] is True
    # uploaded but no photo row yet: nobody but an admin reads it
    assert rep_a.get(f"/v1/photos/{digest}").status_code == 404
    shop, photo = str(uuid.uuid4()), str(uuid.uuid4())
    res = rep_a.push(
        rep_a.mut("shops", shop, "insert", **shop_fields(world, "repA")),
        rep_a.mut(
            "photos", photo, "insert", sha256=digest, size=len(data), mime="image/png", shop_id=shop
        ),
    )
    assert [r["status"] for r in res] == ["applied", "applied"]
    for name in ("repA", "supA", "admin"):
        r = server.device(name).get(f"/v1/photos/{digest}")
        assert r.status_code == 200 and r.content == data, name
    for name in ("repB", "supB"):
        r = server.device(name).get(f"/v1/photos/{digest}")
        assert r.status_code == 404 and r.json()["error"]["code"] == "not_found", name
    # unknown file, even for an admin
    assert server.device("admin").get(f"/v1/photos/{sha(b'x')}").status_code == 404
    # the photo row deleted: the team no longer reads the file
    assert rep_a.push(rep_a.mut("photos", photo, "delete"))[0]["status"] == "applied"
    assert rep_a.get(f"/v1/photos/{digest}").status_code == 404


@pytest.mark.parametrize(
    "bad",
    ["abc", "A" * 64, "a" * 63, "a" * 65, "g" * 64, "%2e%2e", "a" * 5000, "%00" + "a" * 61],
)
def test_bad_sha_in_path_is_4xx_never_500(server: Server, world: dict[str, Any], bad: str) -> None:
    dev = server.device("repA")
    c = server.client
    url = f"/v1/photos/{bad}"
    answers = [
        c.head(url, headers=dev.headers),
        c.get(url, headers=dev.headers),
        c.patch(
            url,
            content=b"x",
            headers=dev.headers | {p.UPLOAD_OFFSET_HEADER: "0", p.UPLOAD_LENGTH_HEADER: "1"},
        ),
    ]
    for r in answers:
        assert 400 <= r.status_code < 500, (r.request.method, r.status_code)


def test_bad_upload_headers_auth_and_sizes(server: Server, world: dict[str, Any]) -> None:
    dev = server.device("repA")
    digest = sha(b"abc")
    url = f"/v1/photos/{digest}"
    c = server.client
    cases = [
        ({p.UPLOAD_OFFSET_HEADER: "0"}, 422),
        ({p.UPLOAD_LENGTH_HEADER: "3"}, 422),
        ({p.UPLOAD_OFFSET_HEADER: "-1", p.UPLOAD_LENGTH_HEADER: "3"}, 422),
        ({p.UPLOAD_OFFSET_HEADER: "0", p.UPLOAD_LENGTH_HEADER: "0"}, 422),
        ({p.UPLOAD_OFFSET_HEADER: "0", p.UPLOAD_LENGTH_HEADER: str(p.MAX_PHOTO_BYTES + 1)}, 422),
        ({p.UPLOAD_OFFSET_HEADER: "0", p.UPLOAD_LENGTH_HEADER: "9" * 40}, 422),
    ]
    for extra, status in cases:
        r = c.patch(url, content=b"abc", headers=dev.headers | extra)
        assert r.status_code == status, (extra, r.text)
    r = c.patch(
        url,
        content=b"abcd",
        headers=dev.headers | {p.UPLOAD_OFFSET_HEADER: "0", p.UPLOAD_LENGTH_HEADER: "3"},
    )
    assert r.status_code == 422 and r.json()["error"]["code"] == "length_exceeded"
    big = b"\0" * (p.MAX_PHOTO_CHUNK + 1)
    r = c.patch(
        url,
        content=big,
        headers=dev.headers | {p.UPLOAD_OFFSET_HEADER: "0", p.UPLOAD_LENGTH_HEADER: str(len(big))},
    )
    assert r.status_code == 413
    no_auth = {p.SCHEMA_HEADER: str(p.SCHEMA_VERSION)}
    assert c.head(url, headers=no_auth).status_code == 401
    assert c.get(url, headers=no_auth).status_code == 401
    assert c.patch(url, content=b"abc", headers=no_auth).status_code == 401
    no_schema = {"Authorization": dev.headers["Authorization"]}
    assert c.get(url, headers=no_schema).status_code == 409
    assert blob(server, digest) is None


def test_blobs_migration_from_empty_and_back(db_url: str) -> None:
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        assert "photos_blobs" in sa.inspect(engine).get_table_names()
        cfg = alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0001")
        assert "photos_blobs" not in sa.inspect(engine).get_table_names()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        assert "photos_blobs" in sa.inspect(engine).get_table_names()
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- client


@pytest.fixture
def team(server: Server, world: dict[str, Any]) -> dict[str, Any]:
    world["repA2"] = server.user("repA2", "rep", "A")
    return world


def new_shop(d: Device, county: str) -> Any:
    return d.store.shops.create(
        name="鑫旺便利店", channel="convenience", tier="B", county_id=county, rep_id=d.user_id
    )


def server_photo_rows(server: Server) -> int:
    with server.engine.connect() as c:
        q = sa.select(sa.func.count()).select_from(rows).where(rows.c.table_name == "photos")
        return int(c.execute(q).scalar_one())


class Recorder(HTTPAdapter):
    """Forwards requests and records each PATCH's ``Upload-Offset``."""

    def __init__(self) -> None:
        super().__init__(max_retries=0)
        self.offsets: list[int] = []

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        if request.method == "PATCH":
            self.offsets.append(int(request.headers[p.UPLOAD_OFFSET_HEADER]))
        return super().send(request, *args, **kwargs)


def test_photo_travels_to_a_teammate_who_downloads_it_on_demand(
    team: dict[str, Any], device: MakeDevice, server: Server, tmp_path: Path
) -> None:
    a = device("repA")
    a.sync()
    shop = new_shop(a, team["county"])
    data = png_bytes()
    src = tmp_path / "门头.png"
    src.write_bytes(data)
    photo = a.store.photos.add_file(src, shop_id=shop.id, caption="门头")
    assert (photo.sha256, photo.mime) == (sha(data), "image/png")
    r = a.sync()
    assert (r.photos_uploaded, r.photos_missing) == (1, []) and r.verified
    assert r.applied == r.pushed == 2
    assert blob(server, photo.sha256).complete

    b = device("repA2")
    assert b.sync().verified
    got = b.store.photos.get(photo.id)
    assert (got.sha256, got.shop_id, got.caption) == (photo.sha256, shop.id, "门头")
    target = b.store.photos.path_of(got)
    assert not target.exists()  # on demand only
    path = b.client.download_photo(got.sha256, got.mime)
    assert path == target and path.read_bytes() == data
    assert not [f for f in path.parent.iterdir() if f.name.startswith(".download-")]
    assert b.client.download_photo(got.sha256, got.mime) == path  # already there

    other = device("repB")
    with pytest.raises(SyncError) as exc:
        other.client.download_photo(got.sha256, got.mime)
    assert (exc.value.code, exc.value.status) == ("not_found", 404)
    assert not other.store.photos.path_for(got.sha256, got.mime).exists()


def test_cut_off_upload_resumes_from_the_server_offset(
    team: dict[str, Any], device: MakeDevice, server: Server, tmp_path: Path
) -> None:
    recorder = Recorder()
    a = device("repA", session=session_with(recorder))
    a.sync()
    shop = new_shop(a, team["county"])
    data = png_bytes(padding=3 * p.PHOTO_CHUNK)
    src = tmp_path / "big.png"
    src.write_bytes(data)
    photo = a.store.photos.add_file(src, shop_id=shop.id)
    # an earlier run sent the first chunk only
    url = f"{a.client.server_url}/v1/photos/{photo.sha256}"
    assert a.client._photo_patch(url, 0, len(data), data[: p.PHOTO_CHUNK]) == p.PHOTO_CHUNK
    recorder.offsets.clear()
    r = a.sync()
    assert r.photos_uploaded == 1 and r.verified
    assert recorder.offsets[0] == p.PHOTO_CHUNK  # resumed, not restarted
    assert recorder.offsets == sorted(set(recorder.offsets))
    assert [f.read_bytes() for f in kept_files(server)] == [data]


def test_lost_chunk_stops_the_sync_before_the_row_is_pushed(
    team: dict[str, Any], device: MakeDevice, server: Server, tmp_path: Path
) -> None:
    adapter = ForwardThenFail(lambda req: req.method == "PATCH", times=1)
    a = device("repA", session=session_with(adapter), retries=0)
    a.sync()
    shop = new_shop(a, team["county"])
    data = png_bytes(padding=2 * p.PHOTO_CHUNK)
    src = tmp_path / "big.png"
    src.write_bytes(data)
    photo = a.store.photos.add_file(src, shop_id=shop.id)
    with pytest.raises(NetworkError):
        a.sync()
    assert adapter.dropped == 1
    assert blob(server, photo.sha256).received == p.PHOTO_CHUNK  # the server kept it
    assert server_photo_rows(server) == 0  # the row waits for its file
    assert set(a.outbox_states()) == {"pending"}
    r = a.sync()
    assert r.photos_uploaded == 1 and r.applied == 2 and r.verified
    assert blob(server, photo.sha256).complete
    assert [f.read_bytes() for f in kept_files(server)] == [data]


def test_missing_local_file_is_reported_and_row_still_pushed(
    team: dict[str, Any], device: MakeDevice, server: Server, tmp_path: Path
) -> None:
    a = device("repA")
    a.sync()
    shop = new_shop(a, team["county"])
    src = tmp_path / "p.png"
    src.write_bytes(png_bytes())
    photo = a.store.photos.add_file(src, shop_id=shop.id)
    a.store.photos.path_of(photo).unlink()
    r = a.sync()
    assert r.photos_missing == [photo.sha256] and r.photos_uploaded == 0
    assert r.applied == 2 and server_photo_rows(server) == 1
    assert blob(server, photo.sha256) is None


def test_an_upload_belongs_to_the_device_that_started_it(
    server: Server, world: dict[str, Any]
) -> None:
    """Someone who knows the SHA-256 and claims a wrong length first blocks nothing."""
    rep, spoiler = server.device("repA"), server.device("repB")
    data = os.urandom(50_000)
    digest = sha(data)
    assert patch(spoiler, digest, 0, 100, b"garbage").json()["offset"] == 7  # "of 100"
    assert patch(spoiler, digest, 0, len(data) + 1, b"x").status_code == 409  # its own
    r = patch(rep, digest, 0, len(data), data[:20_000])
    assert r.status_code == 200 and r.json()["offset"] == 20_000, r.text
    assert head(rep, digest).headers[p.UPLOAD_OFFSET_HEADER] == "20000"
    assert head(spoiler, digest).headers[p.UPLOAD_LENGTH_HEADER] == "100"  # its own only
    r = patch(rep, digest, 20_000, len(data), data[20_000:])
    assert r.json()["complete"] is True
    bad = patch(spoiler, digest, 7, 100, b"x" * 93)  # the spoiler's own upload fails alone
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "hash_mismatch"
    assert [f.read_bytes() for f in kept_files(server)] == [data]


def test_incomplete_uploads_expire(server: Server, world: dict[str, Any]) -> None:
    rep = server.device("repA")
    data = os.urandom(30_000)
    digest = sha(data)
    assert patch(rep, digest, 0, len(data), data[:10_000]).status_code == 200
    parts = sorted((server.app.state.photos.root / "incoming").glob("*.part"))
    assert len(parts) == 1
    server.clock.now += service.UPLOAD_TTL + 1
    rep, other = server.device("repA", rep.device_id), server.device("repB")  # new tokens
    other_data = os.urandom(100)
    assert patch(other, sha(other_data), 0, 100, other_data).json()["complete"] is True
    assert not parts[0].exists()
    assert head(rep, digest).status_code == 404  # it starts again from 0
    assert patch(rep, digest, 0, len(data), data).json()["complete"] is True


def test_head_answers_only_inside_the_callers_scope(server: Server, world: dict[str, Any]) -> None:
    rep = server.device("repA")
    data = os.urandom(5_000)
    digest = sha(data)
    assert patch(rep, digest, 0, len(data), data).json()["complete"] is True
    for name in ("repA", "supA", "admin"):
        h = head(server.device(name), digest)
        assert h.status_code == 200 and h.headers[p.UPLOAD_OFFSET_HEADER] == "5000", name
    for name in ("repB", "supB"):
        assert head(server.device(name), digest).status_code == 404, name
