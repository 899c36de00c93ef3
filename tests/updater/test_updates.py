"""Signed updates against a loopback update server: a good release is found, downloaded,
verified, waits for the next start and then replaces the app folder; a tampered, an
expired, an unsigned (another key) release and an unreachable server are refused with
their code and leave nothing behind."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from update_server import UpdateRepo

from updater import apply
from updater.check import Release, Updater, UpdateRefused


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[UpdateRepo]:
    r = UpdateRepo(tmp_path / "hq")
    try:
        yield r
    finally:
        r.stop()


def _nothing_kept(config: object) -> None:
    assert apply.ready(config) is None  # type: ignore[arg-type]
    assert not (config.folder / "ready.part").exists()  # type: ignore[attr-defined]


def test_a_good_release_waits_for_the_next_start_then_replaces_the_app(
    repo: UpdateRepo, tmp_path: Path
) -> None:
    repo.publish("0.2.0")
    config = repo.config(tmp_path / "laptop")
    assert apply.ready(config) is None
    updater = Updater(config)
    found = updater.check()
    assert found is not None and found.version == "0.2.0" and found.size > 0
    seen: list[tuple[int, int]] = []
    updater.download(progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1] == found.size
    # Nothing of the running app changed: the release waits.
    assert (config.app_dir / "_internal" / "VERSION").read_text() == "0.1.0"
    waiting = apply.ready(config)
    assert waiting is not None and waiting.version == "0.2.0"
    now = apply.install(waiting, config)
    assert now == config.app_dir
    assert (config.app_dir / "_internal" / "VERSION").read_text() == "0.2.0"
    previous = config.app_dir.with_name("app" + apply.OLD_SUFFIX)
    assert (previous / "_internal" / "VERSION").read_text() == "0.1.0"
    assert apply.ready(config) is None  # installed: nothing waits any more
    apply.remove_previous(config)
    assert not previous.exists()
    # The updated app finds nothing newer.
    again = Updater(repo.config(tmp_path / "laptop", version="0.2.0"))
    assert again.check() is None


def test_nothing_newer_is_no_update(repo: UpdateRepo, tmp_path: Path) -> None:
    repo.publish("0.1.0")
    assert Updater(repo.config(tmp_path / "laptop", version="0.1.0")).check() is None


def test_a_tampered_archive_is_refused_and_nothing_is_kept(
    repo: UpdateRepo, tmp_path: Path
) -> None:
    archive = repo.publish("0.2.0")
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one byte, same length: only the hash tells
    archive.write_bytes(bytes(data))
    config = repo.config(tmp_path / "laptop")
    updater = Updater(config)
    assert updater.check() == Release(version="0.2.0", size=len(data))
    with pytest.raises(UpdateRefused) as refused:
        updater.download()
    assert refused.value.code == "tampered"
    _nothing_kept(config)
    assert not list(config.targets_dir.glob("fieldapp-0.2.0*"))


def test_a_longer_tampered_archive_is_refused(repo: UpdateRepo, tmp_path: Path) -> None:
    archive = repo.publish("0.2.0")
    archive.write_bytes(archive.read_bytes() + b"\0" * 4096)
    config = repo.config(tmp_path / "laptop")
    updater = Updater(config)
    updater.check()
    with pytest.raises(UpdateRefused) as refused:
        updater.download()
    assert refused.value.code == "tampered"
    _nothing_kept(config)


def test_tampered_metadata_is_refused(repo: UpdateRepo, tmp_path: Path) -> None:
    repo.publish("0.2.0")
    targets = repo.repo_dir / "metadata" / "targets.json"
    doc = json.loads(targets.read_text())
    for info in doc["signed"]["targets"].values():
        info["length"] += 1  # a changed signed part, the old signature
    targets.write_text(json.dumps(doc))
    config = repo.config(tmp_path / "laptop")
    with pytest.raises(UpdateRefused) as refused:
        Updater(config).check()
    assert refused.value.code in ("unsigned", "tampered")
    _nothing_kept(config)


def test_an_expired_release_is_refused(repo: UpdateRepo, tmp_path: Path) -> None:
    repo.publish("0.2.0", expiration_days={"timestamp": -1})
    config = repo.config(tmp_path / "laptop")
    with pytest.raises(UpdateRefused) as refused:
        Updater(config).check()
    assert refused.value.code == "expired"
    _nothing_kept(config)


def test_a_release_signed_with_other_keys_is_refused(repo: UpdateRepo, tmp_path: Path) -> None:
    # Someone who controls the web server but not head office's keys: a new repository
    # with its own keys, served where the real one was.
    stranger = UpdateRepo(tmp_path / "stranger")
    stranger.publish("6.6.6")
    stranger.stop()
    real = repo.repo_dir
    for sub in ("metadata", "targets"):
        for f in (stranger.repo_dir / sub).iterdir():
            if f.name != "1.root.json" and f.name != "root.json":
                (real / sub / f.name).write_bytes(f.read_bytes())
    config = repo.config(tmp_path / "laptop")
    with pytest.raises(UpdateRefused) as refused:
        Updater(config).check()
    assert refused.value.code == "unsigned"
    _nothing_kept(config)


def test_an_unreachable_server_is_said_so(repo: UpdateRepo, tmp_path: Path) -> None:
    config = repo.config(tmp_path / "laptop")
    repo.stop()
    with pytest.raises(UpdateRefused) as refused:
        Updater(config).check()
    assert refused.value.code == "unreachable"


def test_a_ready_release_no_newer_than_the_app_is_dropped(repo: UpdateRepo, tmp_path: Path) -> None:
    repo.publish("0.2.0")
    config = repo.config(tmp_path / "laptop")
    updater = Updater(config)
    updater.check()
    updater.download()
    updated = repo.config(tmp_path / "laptop", version="0.2.0")  # installed some other way
    assert apply.ready(updated) is None
    assert not updated.ready_dir.exists()
