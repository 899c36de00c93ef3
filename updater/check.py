"""Look for a newer release, download it and verify it against head office's signatures.

tufup (over python-tuf) does the verifying: the metadata chain root → timestamp →
snapshot → targets must be signed by the keys in the trusted root the app shipped with,
not expired and never older than what this computer saw before; the archive must match
the length and SHA-256 the signed targets name. Anything else is refused with an
:class:`UpdateRefused` code, and nothing is kept that failed. A verified release is
unpacked into the ready folder (``apply.ready`` finds it at the next start); the app
folder is not touched here.
Threading: blocking calls (network, disk): run them on a worker.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .config import UpdateConfig

#: Why a release was refused (or could not be looked at).
REFUSALS: dict[str, str] = {
    "unreachable": "the update server could not be reached",
    "unsigned": "the release's metadata is not signed by head office's keys",
    "expired": "the release's signed metadata has expired",
    "rollback": "the release's metadata is older than one seen before",
    "tampered": "the downloaded file does not match its signed length and hash",
    "invalid": "the release's metadata is not valid",
}

#: Written last into the ready folder: the version waiting there.
READY_MARKER = "READY.json"


class UpdateRefused(Exception):
    """A release was refused or could not be fetched; ``code`` is a key of REFUSALS."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Release:
    """A newer release the signed metadata names."""

    version: str
    size: int


def _refusal(exc: BaseException) -> UpdateRefused:
    from tuf.api import exceptions as tuf_errors

    code = "invalid"
    if isinstance(exc, tuf_errors.ExpiredMetadataError):
        code = "expired"
    elif isinstance(exc, tuf_errors.UnsignedMetadataError):
        code = "unsigned"
    elif isinstance(exc, tuf_errors.BadVersionNumberError):
        code = "rollback"
    elif isinstance(
        exc, tuf_errors.LengthOrHashMismatchError | tuf_errors.DownloadLengthMismatchError
    ):
        code = "tampered"
    elif isinstance(exc, tuf_errors.DownloadError | OSError):
        code = "unreachable"
    return UpdateRefused(code, str(exc))


def _client_class() -> Any:
    from tufup.client import Client

    class _Client(Client):  # type: ignore[misc]
        """tufup's client, remembering why a refresh failed: tufup logs an unsigned
        or unreachable repository and answers "no update", which would hide a
        refusal."""

        refresh_error: BaseException | None = None

        def refresh(self) -> None:
            try:
                super().refresh()
            except Exception as exc:
                self.refresh_error = exc
                raise

    return _Client


class Updater:
    """One check (and perhaps one download) against ``config``'s update server."""

    def __init__(self, config: UpdateConfig) -> None:
        self.config = config
        self._client: Any = None
        self.release: Release | None = None

    def _make_client(self) -> Any:
        cfg = self.config
        cfg.metadata_dir.mkdir(parents=True, exist_ok=True)
        cfg.targets_dir.mkdir(parents=True, exist_ok=True)
        trusted = cfg.metadata_dir / "root.json"
        if not trusted.exists():
            # The first check trusts the root the app shipped with; later checks trust
            # what it verified since (a rotated root is signed by the old one).
            shutil.copyfile(cfg.root, trusted)
        try:
            return _client_class()(
                app_name=cfg.app_name,
                app_install_dir=cfg.app_dir,
                current_version=cfg.current_version,
                metadata_dir=cfg.metadata_dir,
                metadata_base_url=cfg.metadata_url,
                target_dir=cfg.targets_dir,
                target_base_url=cfg.targets_url,
                refresh_required=False,
            )
        except Exception as exc:  # a damaged trusted root on this computer
            raise _refusal(exc) from exc

    def check(self) -> Release | None:
        """The newest release above the running version, or None; refused releases
        raise :class:`UpdateRefused`."""
        client = self._make_client()
        try:
            meta = client.check_for_updates(patch=False)
        except UpdateRefused:
            raise
        except Exception as exc:
            raise _refusal(exc) from exc
        if client.refresh_error is not None:
            raise _refusal(client.refresh_error) from client.refresh_error
        self._client = client
        if meta is None:
            self.release = None
            return None
        self.release = Release(version=str(meta.version), size=int(client.new_archive_info.length))
        return self.release

    def download(self, progress: Callable[[int, int], None] | None = None) -> Path:
        """Download and verify the release :meth:`check` found, unpack it into the ready
        folder and return that folder. Raises :class:`UpdateRefused` (nothing kept)."""
        if self._client is None or self.release is None:
            raise RuntimeError("check() found no release to download")
        cfg = self.config
        release = self.release
        staging = cfg.folder / "ready.part"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        self._client.extract_dir = staging / "app"
        self._client.extract_dir.mkdir()
        staged: list[Path] = []

        def stage(src_dir: Path, dst_dir: Path, **_kw: object) -> None:
            staged.append(Path(src_dir))

        def hook(bytes_downloaded: int, bytes_expected: int) -> None:
            if progress is not None:
                progress(bytes_downloaded, bytes_expected)

        try:
            self._client.download_and_apply_update(
                skip_confirmation=True, install=stage, progress_hook=hook
            )
            if not staged:
                raise UpdateRefused("invalid", "the release could not be unpacked")
            (staging / READY_MARKER).write_text(
                json.dumps({"version": release.version}), encoding="utf-8"
            )
            shutil.rmtree(cfg.ready_dir, ignore_errors=True)
            staging.rename(cfg.ready_dir)
        except UpdateRefused:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        except Exception as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise _refusal(exc) from exc
        return cfg.ready_dir
