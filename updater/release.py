"""Head office's side of updates: sign releases into a TUF repository (tufup).

The repository folder holds ``metadata/`` (root, targets, snapshot, timestamp: signed
JSON) and ``targets/`` (the app archives); a web server serves it as it is, at the URL
packaged apps are built with. The keys folder holds one ed25519 key pair per role; the
private keys never go to the web server (docs/release-signing.md). tufup keeps a
``.tufup-repo-config`` in the working folder: these functions work inside the
repository folder, so it lands there.
Threading: plain blocking functions (tools/release.py, tests).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from fieldapp import APP_NAME

#: Days each role's signature holds. The timestamp is re-signed often
#: (``tools/release.py refresh``); a computer offline for longer than that only misses
#: updates until the next refresh, it never installs from expired metadata.
EXPIRATION_DAYS: dict[str, int] = {"root": 365, "targets": 30, "snapshot": 30, "timestamp": 7}


def repository(
    repo_dir: Path, keys_dir: Path, *, expiration_days: dict[str, int] | None = None
) -> Any:
    """tufup's Repository over ``repo_dir`` with the keys in ``keys_dir``."""
    from tufup.repo import Repository

    return Repository(
        app_name=APP_NAME,
        repo_dir=repo_dir.resolve(),
        keys_dir=keys_dir.resolve(),
        expiration_days=dict(EXPIRATION_DAYS | (expiration_days or {})),
    )


def init(repo_dir: Path, keys_dir: Path, **kw: Any) -> Path:
    """Make the keys (where missing) and the first signed root; returns root.json,
    the file packaged apps are built with (``./dev package --root``)."""
    repo_dir.mkdir(parents=True, exist_ok=True)
    with contextlib.chdir(repo_dir):
        repo = repository(repo_dir, keys_dir, **kw)
        repo.initialize()
    return repo_dir / "metadata" / "root.json"


def add_release(repo_dir: Path, keys_dir: Path, bundle_dir: Path, version: str, **kw: Any) -> None:
    """Archive the app folder ``bundle_dir`` as ``version``, sign and publish it."""
    with contextlib.chdir(repo_dir):
        repo = repository(repo_dir, keys_dir, **kw)
        repo._load_keys_and_roles()  # what initialize() does for an existing repository
        repo.add_bundle(new_bundle_dir=bundle_dir, new_version=version, skip_patch=True)
        repo.publish_changes(private_key_dirs=[keys_dir.resolve()])


def refresh(
    repo_dir: Path, keys_dir: Path, *, roles: tuple[str, ...] = ("timestamp",), **kw: Any
) -> None:
    """Sign ``roles`` again with fresh expiry dates (nothing else changes)."""
    with contextlib.chdir(repo_dir):
        repo = repository(repo_dir, keys_dir, **kw)
        repo._load_keys_and_roles()
        for role in roles:
            repo.refresh_expiration_date(role)
        repo.publish_changes(private_key_dirs=[keys_dir.resolve()])
