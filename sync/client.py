"""The sync client: pushes the outbox, pulls server changes, verifies (docs/sync-protocol.md).

``SyncClient(store, server_url)`` talks HTTP(S) to the head-office server with
``requests`` and drives ``store.replica`` (fieldapp/store/replica.py), which does all the
local bookkeeping in store transactions: each pushed batch's answers, each pulled page
together with its cursor. A failure between two requests therefore leaves nothing half
applied; the next ``sync()`` carries on (the server answers a re-sent mutation from its
stored answer). Tokens are kept by a :class:`TokenStore`: the system keyring when the
``keyring`` package is importable, else a 0600 file beside the store.
It imports ``fieldapp`` and ``sync.protocol`` only, never ``sync.server`` or Qt.
Threading: a client belongs to the thread that owns its ``Store``; only :meth:`cancel`
may be called from another thread (it sets a flag checked between requests).
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import random
import re
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pydantic_core
import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from fieldapp import __version__
from fieldapp.store.replica import BadAnswer, BadPage
from sync import protocol as p

if TYPE_CHECKING:
    from fieldapp.store import Store
    from fieldapp.store.outbox import Mutation

__all__ = [
    "AuthError",
    "Cancelled",
    "ConflictError",
    "FileTokenStore",
    "KeyringTokenStore",
    "MemoryTokenStore",
    "NetworkError",
    "ProtocolError",
    "SchemaError",
    "ServerError",
    "SyncClient",
    "SyncError",
    "SyncReport",
    "ThrottledError",
    "TokenStore",
    "default_token_store",
    "make_session",
]

Progress = Callable[[str, int, int | None], None]
RETRY_STATUSES = (500, 502, 503, 504)
GZIP_MIN_BYTES = 4096
KEYRING_SERVICE = "fieldapp-sync"
TOKEN_FILE = "fieldapp-sync-tokens.json"


# --------------------------------------------------------------------------- errors


class SyncError(Exception):
    """Base of every sync failure. ``code``: machine-readable; ``status``: HTTP or None."""

    def __init__(self, code: str, message: str = "", *, status: int | None = None) -> None:
        super().__init__(message or code)
        self.code = code
        self.message = message or code
        self.status = status


class AuthError(SyncError):
    """401: ``code`` is ``device_revoked`` (the UI wipes the device), ``token_expired``,
    ``invalid_token``, ``invalid_credentials``, ``unauthorized`` or ``not_logged_in``."""


class ThrottledError(SyncError):
    """429: ``login_throttled`` or ``login_busy`` (try again after ``retry_after``
    seconds) or ``account_locked`` (too many failed logins: wait, or head office
    unlocks the account)."""

    def __init__(self, code: str, message: str = "", *, retry_after: int) -> None:
        super().__init__(code, message, status=429)
        self.retry_after = retry_after


class NetworkError(SyncError):
    """The server could not be reached (connection failure or timeout, after retries)."""


class ServerError(SyncError):
    """The server answered 5xx (after retries)."""


class SchemaError(SyncError):
    """409 ``schema_unsupported``: this app is too old or too new; ``supported`` lists
    the server's schema versions."""

    def __init__(self, code: str, message: str = "", *, supported: list[int] | None = None):
        super().__init__(code, message, status=409)
        self.supported = supported or []


class ConflictError(SyncError):
    """A request-level 409 other than the schema, e.g. ``device_in_use`` at login."""


class ServerRestored(ConflictError):
    """409 ``server_restored``: head office was restored from a backup since the epoch
    the push named; it holds this device's mutations up to ``last_seq``."""

    def __init__(self, code: str, message: str, *, epoch: str, last_seq: int) -> None:
        super().__init__(code, message, status=409)
        self.epoch = epoch
        self.last_seq = last_seq


class ProtocolError(SyncError):
    """The server's answer could not be used (bad JSON, a page or answer the store
    refused). Nothing of it was stored."""


class Cancelled(SyncError):
    """:meth:`SyncClient.cancel` was called; stopped between two requests."""

    def __init__(self) -> None:
        super().__init__("cancelled", "sync was cancelled")


# --------------------------------------------------------------------------- tokens


class TokenStore:
    """Where the device's bearer token lives, by key (server URL and device id)."""

    def get(self, key: str) -> str | None:
        raise NotImplementedError

    def set(self, key: str, token: str) -> None:
        raise NotImplementedError

    def delete(self, key: str) -> None:
        raise NotImplementedError


class MemoryTokenStore(TokenStore):
    """Tokens in memory only (in-memory stores, tests)."""

    def __init__(self) -> None:
        self._tokens: dict[str, str] = {}

    def get(self, key: str) -> str | None:
        return self._tokens.get(key)

    def set(self, key: str, token: str) -> None:
        self._tokens[key] = token

    def delete(self, key: str) -> None:
        self._tokens.pop(key, None)


class FileTokenStore(TokenStore):
    """Tokens in a JSON file readable by the owner only (mode 0600), written atomically."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def _load(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def _save(self, data: dict[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)
        with contextlib.suppress(OSError):
            os.chmod(self.path, 0o600)

    def get(self, key: str) -> str | None:
        return self._load().get(key)

    def set(self, key: str, token: str) -> None:
        data = self._load()
        data[key] = token
        self._save(data)

    def delete(self, key: str) -> None:
        data = self._load()
        if data.pop(key, None) is not None:
            self._save(data)


class KeyringTokenStore(TokenStore):
    """Tokens in the system keyring (only when the ``keyring`` package is installed)."""

    def __init__(self, keyring_module: Any, service: str = KEYRING_SERVICE) -> None:
        self._kr = keyring_module
        self.service = service

    def get(self, key: str) -> str | None:
        value = self._kr.get_password(self.service, key)
        return None if value is None else str(value)

    def set(self, key: str, token: str) -> None:
        self._kr.set_password(self.service, key, token)

    def delete(self, key: str) -> None:
        with contextlib.suppress(Exception):
            self._kr.delete_password(self.service, key)


def default_token_store(store: Store) -> TokenStore:
    """The keyring if importable and usable, else a 0600 file in the store's folder
    (in memory for an in-memory store)."""
    try:
        import keyring  # type: ignore[import-not-found, unused-ignore]

        backend = keyring.get_keyring()
        if "fail" not in type(backend).__module__.lower():
            return KeyringTokenStore(keyring)
    except Exception:  # not installed, or no usable backend
        pass
    if store.path == ":memory:":
        return MemoryTokenStore()
    return FileTokenStore(Path(store.path).with_name(TOKEN_FILE))


# --------------------------------------------------------------------------- report


@dataclass
class SyncReport:
    """What one :meth:`SyncClient.sync` did."""

    pushed: int = 0
    applied: int = 0
    conflicts: int = 0
    rejected: int = 0
    pulled: int = 0
    removed: int = 0
    verified: bool = False
    repaired: bool = False
    mismatched: list[str] = field(default_factory=list)
    #: Rows a repair fetched again or dropped (only the rows that differed), by table
    #: and row id (``repaired_ids``).
    repaired_rows: int = 0
    repaired_ids: list[tuple[str, str]] = field(default_factory=list)
    #: Head office had more changes after our cursor than it lists: catch up first.
    behind: bool = False
    kept_left: list[tuple[str, str]] = field(default_factory=list)
    photos_uploaded: int = 0
    #: SHA-256s of pending photo rows whose file is missing or altered on this device
    #: (not uploaded; the row is pushed anyway).
    photos_missing: list[str] = field(default_factory=list)
    #: Received values this device could not read, kept aside (``fieldapp check``).
    quarantined: int = 0
    #: Head office was restored from a backup: changes of ours it had answered and no
    #: longer held, sent again.
    resent: int = 0

    def summary(self) -> str:
        verify = "ok" if self.verified else "MISMATCH " + ",".join(self.mismatched)
        if self.repaired and self.verified:
            verify = f"ok after repair of {self.repaired_rows} rows"
        return (
            f"pushed {self.pushed} (applied {self.applied}, conflicts {self.conflicts},"
            f" rejected {self.rejected}); pulled {self.pulled} (removed {self.removed});"
            f" verify {verify}"
            + (f"; {self.quarantined} unreadable values kept aside" if self.quarantined else "")
            + (
                f"; head office was restored from a backup: {self.resent} changes sent again"
                if self.resent
                else ""
            )
        )


# --------------------------------------------------------------------------- client

#: When head office's verify answer is ``behind`` (more changes after our cursor than it
#: lists), pull from the cursor and verify again this many times before a repair
#: (docs/sync-protocol.md "Verify").
VERIFY_CATCH_UP = 2


#: The retry policy (docs/deploy.md "Timeouts and retries"): a connection must open
#: within CONNECT_TIMEOUT; an answer may take READ_TIMEOUT (well above the server's
#: measured push p99 under a full evening's load, docs/scale.md, so a slow evening is
#: waited out rather than retried); at most ``retries`` retries, waiting
#: ``backoff * 2**n`` seconds plus up to as much again at random (so devices that
#: failed together do not come back together), never more than BACKOFF_MAX.
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 60.0
BACKOFF_MAX = 30.0


def backoff_delay(backoff: float, attempt: int, rng: random.Random | None = None) -> float:
    """Seconds to wait before retry ``attempt`` (0-based): exponential, with jitter."""
    base = min(BACKOFF_MAX, backoff * float(2**attempt))
    jitter: float = (rng or random).uniform(0, base)
    return min(BACKOFF_MAX, base + jitter)


class _JitteredRetry(Retry):
    """urllib3's Retry, with the jittered backoff added after a ``Retry-After`` pause
    (urllib3 waits exactly that long: devices refused together would come back
    together)."""

    def get_retry_after(self, response: Any) -> float | None:
        asked = super().get_retry_after(response)
        if asked is None:
            return None
        return min(asked, BACKOFF_MAX) + self.get_backoff_time()


def make_session(retries: int = 3, backoff: float = 0.5) -> requests.Session:
    """A session whose GETs (pull, verify: idempotent) are retried by urllib3 with
    exponential backoff and jitter on connection errors, read timeouts and
    500/502/503/504 (POSTs: :meth:`SyncClient._request`, the same delays)."""
    session = requests.Session()
    retry = _JitteredRetry(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        backoff_factor=backoff,
        backoff_max=BACKOFF_MAX,
        backoff_jitter=backoff,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET", "HEAD"}),
        raise_on_status=False,
        respect_retry_after_header=True,
    )
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


class SyncClient:
    """One device's sync with the server at ``server_url`` over ``store``."""

    def __init__(
        self,
        store: Store,
        server_url: str,
        *,
        session: requests.Session | None = None,
        timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT),
        retries: int = 3,
        backoff: float = 0.5,
        progress: Progress | None = None,
        token_store: TokenStore | None = None,
        push_limit: int = p.MAX_MUTATIONS,
        pull_limit: int = p.MAX_PULL_LIMIT,
        schema_version: int = p.SCHEMA_VERSION,
        sleep: Callable[[float], None] = time.sleep,
        device_name: str = "",
        app_version: str = __version__,
    ) -> None:
        self.store = store
        self.server_url = server_url.rstrip("/")
        self.session = session if session is not None else make_session(retries, backoff)
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.progress = progress
        self.token_store = token_store if token_store is not None else default_token_store(store)
        self.push_limit = max(1, min(push_limit, p.MAX_MUTATIONS))
        self.pull_limit = max(1, min(pull_limit, p.MAX_PULL_LIMIT))
        self.schema_version = schema_version
        self.device_name = device_name
        self.app_version = app_version
        self._sleep = sleep
        self._cancel = threading.Event()
        #: The last verify's cursor and the rows head office left out as changed after it.
        self._verify_basis: tuple[int, dict[str, set[str]]] = (0, {})
        #: Head office's epoch as its last answer named it (``p.EPOCH_HEADER``).
        self._epoch_seen: str | None = None
        #: This sync already sent again what a restored head office lost.
        self._restore_handled = False

    # ------------------------------------------------------------------ public

    @property
    def token_key(self) -> str:
        return f"{self.store.device_id}@{self.server_url}"

    def cancel(self) -> None:
        """Ask a running sync to stop before its next request (any thread)."""
        self._cancel.set()

    def login(self, username: str, password: str) -> dict[str, Any]:
        """Log this device in; keep the token, make the user the store's user.

        Returns the server's ``user`` object. Raises AuthError (``invalid_credentials``,
        ``device_revoked``), ThrottledError (429: wait ``retry_after`` seconds),
        ConflictError (``device_in_use``), NetworkError, …
        """
        body = p.LoginRequest(
            username=username,
            password=password,
            device_id=self.store.device_id,
            device_name=self.device_name,
        ).model_dump()
        data = self._send("POST", "/v1/login", body=body, auth=False)
        try:
            answer = p.LoginResponse.model_validate(data)
        except ValueError:
            raise ProtocolError("bad_response", "the login answer is not understood") from None
        self.token_store.set(self.token_key, answer.token)
        self.store.set_user(answer.user.id)
        self.store.replica.set_server_url(self.server_url)
        return answer.user.model_dump()

    def logout(self) -> None:
        """Forget this device's token (local only)."""
        self.token_store.delete(self.token_key)

    def sync(self) -> SyncReport:
        """Push, pull, verify (as of the pulled cursor; when head office is too far
        ahead, catch up from the cursor first; a mismatch that remains repairs only the
        rows that differ), then record the sync time."""
        self._cancel.clear()
        report = SyncReport()
        replica = self.store.replica
        if self._token() is None:
            raise AuthError("not_logged_in", "log in first")
        replica.requeue_sending()  # a previous run may have died mid-push
        self._epoch_seen = None
        self._restore_handled = False
        self._upload_photos(report)
        self._push(report)
        self._pull(report, cursor=self._cursor())
        if self._restored_since(report):
            # Head office lost what we had sent since its backup: send it again, then
            # take what it holds now (verify repairs what it no longer has).
            self._push(report)
            self._pull(report, cursor=self._cursor())
        self._verify(report)
        for _ in range(VERIFY_CATCH_UP):
            if report.verified or not report.behind:
                break
            # Head office left nothing out (too many changes after our cursor): catch
            # up from our cursor (cheap) and compare again, before any repair.
            self._pull(report, cursor=self._cursor())
            self._verify(report)
        if not report.verified and not report.behind:
            # Repair only what differs: the rows of the mismatched tables whose hashes
            # differ from head office's, fetched again or dropped.
            report.repaired = True
            self._repair(report)
            self._verify(report)
        replica.set_server_url(self.server_url)
        if report.verified:
            replica.set_last_sync_at()
        report.quarantined = replica.quarantine_count()
        return report

    def upload_photo(self, path: str | Path, sha256: str) -> bool:
        """Send the file at ``path`` (whose SHA-256 is ``sha256``) to the server,
        resuming from the offset the server reports; True when the server holds it.

        Raises SyncError (``photo_changed`` when the file no longer has that hash,
        ``hash_mismatch`` from the server), NetworkError after ``retries`` attempts.
        """
        src = Path(path)
        size = src.stat().st_size
        if not _SHA256.fullmatch(sha256) or _file_sha256(src) != sha256:
            raise SyncError("photo_changed", f"{src} does not have SHA-256 {sha256}")
        if size < 1 or size > p.MAX_PHOTO_BYTES:
            raise SyncError("photo_too_large", f"{src} is {size} bytes")
        url = f"{self.server_url}/v1/photos/{sha256}"
        for attempt in range(self.retries + 1):
            try:
                offset = self._photo_offset(url)
                with src.open("rb") as fh:
                    for _ in range(2 * (size // p.PHOTO_CHUNK) + 8):  # 409s move the offset
                        if offset >= size:
                            return True
                        self._check_cancel()
                        fh.seek(offset)
                        chunk = fh.read(p.PHOTO_CHUNK)
                        offset = self._photo_patch(url, offset, size, chunk)
                raise ProtocolError("bad_response", "the upload did not advance")
            except (NetworkError, ServerError):
                if attempt == self.retries:
                    raise
                self._backoff(attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def download_photo(self, sha256: str, mime: str = "image/jpeg") -> Path:
        """Fetch a photo's file into ``store.photos.path_for(sha256, mime)`` (written to a
        temporary file, checked against the SHA-256, then renamed) and return its path.
        A file already there with the right hash is not fetched again.

        Raises SyncError ``not_found`` (status 404) when the server has no file this
        user may read, ``hash_mismatch`` when the bytes are not the photo's.
        """
        if not _SHA256.fullmatch(sha256):
            raise SyncError("invalid_sha256", "64 lowercase hex digits expected")
        target = self.store.photos.path_for(sha256, mime)
        if target.is_file() and _file_sha256(target) == sha256:
            return target
        self._check_cancel()
        headers = self._headers(True) | {"Accept": "application/octet-stream"}
        try:
            resp = self.session.get(
                f"{self.server_url}/v1/photos/{sha256}",
                headers=headers,
                timeout=self.timeout,
                stream=True,
            )
        except requests.RequestException as exc:
            raise NetworkError("network", f"cannot reach {self.server_url}: {exc}") from None
        with resp:
            if resp.status_code != 200:
                _decode(resp)  # raises the typed error
                raise ProtocolError("bad_response", f"unexpected status {resp.status_code}")
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".download-")
            try:
                digest = hashlib.sha256()
                size = 0
                with os.fdopen(fd, "wb") as fh:
                    for block in resp.iter_content(1 << 16):
                        size += len(block)
                        if size > p.MAX_PHOTO_BYTES:
                            raise ProtocolError("too_large", "the photo is too large")
                        digest.update(block)
                        fh.write(block)
                    fh.flush()
                    os.fsync(fh.fileno())
                if digest.hexdigest() != sha256:
                    raise SyncError("hash_mismatch", "the downloaded bytes are not this photo")
                os.replace(tmp, target)
            except requests.RequestException as exc:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise NetworkError("network", f"download failed: {exc}") from None
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        return target

    # ------------------------------------------------------------------ stages

    def _upload_photos(self, report: SyncReport) -> None:
        """Upload the file of every photo row inserted by a pending mutation, so the
        rows never reach the server before their files."""
        wanted: dict[str, str] = {}
        for m in self.store.outbox.pending():
            if m.table != "photos" or m.op != "insert":
                continue
            sha_change = m.changes.get("sha256")
            mime_change = m.changes.get("mime")
            if sha_change is not None and isinstance(sha_change.new, str):
                mime = str(mime_change.new) if mime_change is not None else "image/jpeg"
                wanted.setdefault(sha_change.new, mime)
        total = len(wanted)
        if total:
            self._report("photos", 0, total)
        for done, (sha, mime) in enumerate(wanted.items(), 1):
            self._check_cancel()
            path = self.store.photos.path_for(sha, mime)
            try:
                self.upload_photo(path, sha)
            except FileNotFoundError:
                report.photos_missing.append(sha)
            except SyncError as exc:
                if exc.code != "photo_changed":
                    raise
                report.photos_missing.append(sha)
            else:
                report.photos_uploaded += 1
            self._report("photos", done, total)

    def _photo_offset(self, url: str) -> int:
        """The server's ``Upload-Offset`` for ``url`` (0 when no upload started)."""
        try:
            resp = self.session.head(url, headers=self._headers(True), timeout=self.timeout)
        except requests.RequestException as exc:
            raise NetworkError("network", f"cannot reach {self.server_url}: {exc}") from None
        if resp.status_code == 404:
            return 0
        if resp.status_code != 200:
            if resp.status_code >= 500:
                raise ServerError("server_error", f"HEAD answered {resp.status_code}")
            _decode(resp)
        return _offset_header(resp)

    def _photo_patch(self, url: str, offset: int, size: int, chunk: bytes) -> int:
        """Send one chunk; the new offset (the server's, also after a 409 gap)."""
        headers = self._headers(True) | {
            "Content-Type": "application/offset+octet-stream",
            p.UPLOAD_OFFSET_HEADER: str(offset),
            p.UPLOAD_LENGTH_HEADER: str(size),
        }
        try:
            resp = self.session.patch(url, data=chunk, headers=headers, timeout=self.timeout)
        except requests.RequestException as exc:
            raise NetworkError("network", f"cannot reach {self.server_url}: {exc}") from None
        if resp.status_code == 409 and _error_code(resp) == "offset_mismatch":
            return _offset_header(resp)
        if resp.status_code >= 500:
            raise ServerError(
                _error_code(resp) or "server_error",
                f"the server answered {resp.status_code}",
                status=resp.status_code,
            )
        _decode(resp)  # raises on 4xx (hash_mismatch, length_mismatch, …)
        return _offset_header(resp)

    def _push(self, report: SyncReport) -> None:
        replica = self.store.replica
        total = self.store.outbox.count(state="pending")
        self._report("push", 0, total)
        while True:
            self._check_cancel()
            batch = replica.mark_sending(limit=self.push_limit)
            if not batch:
                return
            body = {
                "device_id": self.store.device_id,
                "mutations": [_wire_mutation(m) for m in batch],
            }
            try:
                data = self._send("POST", "/v1/push", body=body, extra=self._epoch_header())
                results = data.get("results") if isinstance(data, dict) else None
                if not isinstance(results, list):
                    raise ProtocolError("bad_response", "the push answer has no results")
                replica.record_answers(results)
            except BadAnswer as exc:
                replica.requeue_sending()
                raise ProtocolError("bad_answer", str(exc)) from None
            except ServerRestored as restored:
                replica.requeue_sending()
                if self._restore_handled:  # once per sync: a second refusal is not ours to mend
                    raise
                self._resend_after_restore(restored, report)
                total = self.store.outbox.count(state="pending")
                continue
            except BaseException:
                replica.requeue_sending()  # resent next time; the server replays answers
                raise
            self._agree_epoch()
            for r in results:
                status = r.get("status")
                report.applied += status == "applied"
                report.conflicts += status == "conflict"
                report.rejected += status == "rejected"
            report.pushed += len(results)
            self._report("push", report.pushed, max(total, report.pushed))
            if len(results) < len(batch):  # unanswered ones went back to pending
                return

    def _epoch_header(self) -> dict[str, str]:
        """The epoch of head office we last synced with, for a push to name (none known:
        none named, and head office applies it whatever its epoch)."""
        known = self.store.replica.server_epoch(self.server_url)
        return {} if known is None else {p.EPOCH_HEADER: known}

    def _agree_epoch(self) -> None:
        """After an answer head office gave with our epoch (or the first one we hear):
        keep the epoch it named."""
        replica = self.store.replica
        if self._epoch_seen is not None and replica.server_epoch(self.server_url) is None:
            replica.set_server_epoch(self.server_url, self._epoch_seen)

    def _restored_since(self, report: SyncReport) -> bool:
        """Whether head office's answers name another epoch than the one we last synced
        with (it was restored from a backup); then ask it what of ours it still holds
        (a push of nothing, naming our epoch) and put back in the outbox what it lost.
        With nothing to push, this is how a device finds out."""
        replica = self.store.replica
        known = replica.server_epoch(self.server_url)
        seen = self._epoch_seen
        if seen is None or seen == known or self._restore_handled:
            return False
        if known is None:
            replica.set_server_epoch(self.server_url, seen)
            return False
        body = {"device_id": self.store.device_id, "mutations": []}
        try:
            self._send("POST", "/v1/push", body=body, extra={p.EPOCH_HEADER: known})
        except ServerRestored as restored:
            self._resend_after_restore(restored, report)
            return True
        replica.set_server_epoch(self.server_url, seen)  # it holds all of ours: nothing lost
        return False

    def _resend_after_restore(self, restored: ServerRestored, report: SyncReport) -> None:
        """Head office holds our mutations up to ``restored.last_seq``: the later ones it
        had answered go back to pending, and its new epoch is ours from now on."""
        replica = self.store.replica
        report.resent += replica.requeue_after_restore(restored.last_seq)
        replica.set_server_epoch(self.server_url, restored.epoch)
        self._restore_handled = True

    def _fetch_page(
        self, cursor: int, tables: list[str] | None = None, ids: list[str] | None = None
    ) -> tuple[list[Any], int, bool]:
        """One pull page: ``(changes, next cursor, more)``. Only the envelope is checked
        here; ``apply_page`` checks every change before writing any."""
        params: dict[str, Any] = {"cursor": cursor, "limit": self.pull_limit}
        if tables:
            params["tables"] = ",".join(sorted(tables))
        if ids:
            params["ids"] = ",".join(ids)
        data = self._send("GET", "/v1/pull", params=params)
        changes = data.get("changes") if isinstance(data, dict) else None
        next_cursor = data.get("cursor") if isinstance(data, dict) else None
        more = data.get("more") if isinstance(data, dict) else None
        if (
            not isinstance(changes, list)
            or type(next_cursor) is not int
            or next_cursor < 0
            or type(more) is not bool
        ):
            raise ProtocolError("bad_response", "the pull answer is not understood")
        return changes, next_cursor, more

    def _pull(
        self,
        report: SyncReport,
        cursor: int,
        tables: list[str] | None = None,
        ids: list[str] | None = None,
    ) -> None:
        """Pull pages until the server has no more, fetching the next page while the
        current one is written (one request in flight at a time, as before). With
        ``tables`` (a repair), only those tables' changes, and the stored cursor stays
        where the last ordinary pull left it."""
        replica = self.store.replica
        kept = self._cursor() if tables else None
        with (
            replica.pulling(cursor if kept is None else kept),
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="fieldapp-pull") as pool,
        ):
            self._check_cancel()
            ahead: Future[tuple[list[Any], int, bool]] | None = pool.submit(
                self._fetch_page, cursor, tables, ids
            )
            try:
                while ahead is not None:
                    changes, next_cursor, more = ahead.result()
                    ahead = None
                    if more and next_cursor != cursor:
                        self._check_cancel()
                        ahead = pool.submit(self._fetch_page, next_cursor, tables, ids)
                    try:
                        # A repair of some tables never moves the cursor: entries of
                        # other tables after it are still to come.
                        result = replica.apply_page(changes, next_cursor if kept is None else kept)
                    except BadPage as exc:
                        raise ProtocolError(f"bad_page:{exc.code}", str(exc)) from None
                    report.pulled += result.upserted
                    report.removed += result.removed
                    report.kept_left.extend(result.kept_left)
                    self._report("pull", report.pulled + report.removed, None)
                    cursor = next_cursor
            finally:
                if ahead is not None:  # stopped early: the page fetched ahead is not used
                    ahead.cancel()

    def _verify(self, report: SyncReport) -> None:
        """Compare the sums as of our pulled cursor: head office leaves out (and lists)
        the rows changed after it, and the rows we name in ``skip`` (changes of ours
        still waiting, whose content is ours, not yet head office's); we leave out the
        same rows."""
        self._check_cancel()
        self._report("verify", 0, 1)
        outbox = self.store.outbox
        pending = outbox.count(state="pending") + outbox.count(state="sending")
        rejected = outbox.count(state="rejected")
        replica = self.store.replica
        cursor = self._cursor()
        waiting = replica.waiting_rows()
        pairs = sorted((t, r) for t, ids in waiting.items() for r in ids)
        params: dict[str, Any] = {"cursor": cursor}
        skipped = bool(pairs) and len(pairs) <= p.MAX_VERIFY_SKIP
        if skipped:
            params["skip"] = ",".join(f"{t}:{r}" for t, r in pairs)
        data = self._send(
            "GET",
            "/v1/verify",
            params=params,
            extra={p.OUTBOX_HEADER: f"pending={pending};rejected={rejected}"},
        )
        try:
            server = p.VerifyResponse.model_validate(data)
        except ValueError:
            raise ProtocolError("bad_response", "the verify answer is not understood") from None
        leave_out: dict[str, set[str]] = {t: set(ids) for t, ids in waiting.items()}
        if not skipped:
            leave_out = {}
        for table, ids in (server.changed or {}).items():
            leave_out.setdefault(table, set()).update(ids)
        local = replica.checksums(leave_out)
        report.mismatched = sorted(
            table
            for table, s in server.tables.items()
            if tuple(local.get(table, (0, 0))) != (s.count, s.checksum)
        )
        report.verified = not report.mismatched
        report.behind = server.behind or server.changed is None
        self._verify_basis = (cursor, {t: set(ids) for t, ids in (server.changed or {}).items()})
        self._report("verify", 1, 1)

    def _repair(self, report: SyncReport) -> None:
        """Fetch again the rows of each mismatched table whose hash differs from head
        office's (as of the verify's cursor), and drop the ones head office does not
        hold in our scope; rows with changes of ours still waiting are left alone (the
        pull keeps their fields anyway, never a silent overwrite). The stored cursor
        stays where the last ordinary pull left it."""
        replica = self.store.replica
        cursor, changed = self._verify_basis
        waiting = replica.waiting_rows()
        for table in report.mismatched:
            theirs: dict[str, int] = {}
            after = ""
            while True:
                self._check_cancel()
                data = self._send(
                    "GET",
                    "/v1/verify/rows",
                    params={"table": table, "cursor": cursor, "after": after},
                )
                try:
                    page = p.RowHashes.model_validate(data)
                except ValueError:
                    raise ProtocolError(
                        "bad_response", "the row hashes are not understood"
                    ) from None
                theirs.update(page.rows)
                if not page.more or not page.rows:
                    break
                after = page.rows[-1][0]
            mine = replica.row_hashes(table)
            alone = changed.get(table, set()) | waiting.get(table, set())
            fetch = sorted(r for r, h in theirs.items() if r not in alone and mine.get(r) != h)
            drop = sorted(r for r in mine if r not in theirs and r not in alone)
            for i in range(0, len(fetch), p.MAX_PULL_IDS):
                self._pull(report, cursor=0, tables=[table], ids=fetch[i : i + p.MAX_PULL_IDS])
            if drop:
                left = [
                    {"seq": cursor, "table": table, "row_id": r, "op": "left", "version": 0}
                    for r in drop
                ]
                try:
                    result = replica.apply_page(left, self._cursor())
                except BadPage as exc:
                    raise ProtocolError(f"bad_page:{exc.code}", str(exc)) from None
                report.removed += result.removed
            report.repaired_rows += len(fetch) + len(drop)
            report.repaired_ids += [(table, r) for r in fetch + drop]

    # ------------------------------------------------------------------ HTTP

    def _cursor(self) -> int:
        raw = self.store.replica.cursor()
        return raw if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0 else 0

    def _token(self) -> str | None:
        return self.token_store.get(self.token_key)

    def _headers(self, auth: bool) -> dict[str, str]:
        headers = {
            p.SCHEMA_HEADER: str(self.schema_version),
            p.APP_VERSION_HEADER: self.app_version,
            "Accept": "application/json",
        }
        if auth:
            token = self._token()
            if token is None:
                raise AuthError("not_logged_in", "log in first")
            headers["Authorization"] = f"Bearer {token}"
        return headers

    def _send(
        self,
        method: str,
        path: str,
        *,
        body: Mapping[str, Any] | None = None,
        params: Mapping[str, Any] | None = None,
        auth: bool = True,
        extra: Mapping[str, str] | None = None,
    ) -> Any:
        """One request; POSTs are retried here (the server is idempotent per device seq),
        GETs by the session's urllib3 Retry. Returns the decoded JSON or raises."""
        headers = self._headers(auth) | dict(extra or {})
        data: bytes | None = None
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json"
            if len(data) >= GZIP_MIN_BYTES:
                data = gzip.compress(data)
                headers["Content-Encoding"] = "gzip"
        # GETs' connection errors are retried by the session; an answer cut off after
        # its status line reaches us as a response, so every method retries it here.
        attempts = 1 + self.retries
        url = self.server_url + path
        for attempt in range(attempts):
            self._check_cancel()
            last = attempt == attempts - 1
            try:
                resp = self.session.request(
                    method, url, data=data, params=params, headers=headers, timeout=self.timeout
                )
                cut = _cut_off(resp)
            except (requests.ConnectionError, requests.Timeout) as exc:
                if last or method != "POST":
                    raise NetworkError(
                        "network", f"cannot reach {self.server_url}: {exc}"
                    ) from None
                self._backoff(attempt)
                continue
            except requests.RequestException as exc:
                raise NetworkError("network", f"request failed: {exc}") from None
            if cut:
                if last:
                    raise NetworkError("network", "the server's answer was cut off")
                self._backoff(attempt)
                continue
            if resp.status_code >= 500:
                # GETs' 5xx were retried by the session already.
                if last or method != "POST" or resp.status_code not in RETRY_STATUSES:
                    raise ServerError(
                        _error_code(resp) or "server_error",
                        f"the server answered {resp.status_code}",
                        status=resp.status_code,
                    )
                # A 503 "busy" says when to come back; never sooner than that.
                self._backoff(attempt, at_least=_pause_asked(resp))
                continue
            epoch = resp.headers.get(p.EPOCH_HEADER)
            if epoch and len(epoch) <= 64:
                self._epoch_seen = epoch
            return _decode(resp)
        raise AssertionError("unreachable")  # pragma: no cover

    def _backoff(self, attempt: int, at_least: float = 0.0) -> None:
        # After the pause the server asked for (``Retry-After``), the jittered backoff
        # on top: devices refused together do not come back together.
        self._sleep(min(at_least, BACKOFF_MAX) + backoff_delay(self.backoff, attempt))

    def _check_cancel(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def _report(self, stage: str, done: int, total: int | None) -> None:
        if self.progress is not None:
            self.progress(stage, done, total)


_SHA256 = re.compile(p.SHA256_PATTERN)


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _offset_header(resp: requests.Response) -> int:
    raw = resp.headers.get(p.UPLOAD_OFFSET_HEADER, "")
    if not (raw.isdigit() and len(raw) <= 18):
        raise ProtocolError("bad_response", f"no usable {p.UPLOAD_OFFSET_HEADER} header")
    return int(raw)


def _wire_mutation(m: Mutation) -> dict[str, Any]:
    return {
        "mutation_id": m.mutation_id,
        "seq": m.seq,
        "table": m.table,
        "row_id": m.row_id,
        "op": m.op,
        "changes": {k: {"old": c.old, "new": c.new} for k, c in m.changes.items()},
        "base_version": m.base_version,
        "created_at": m.created_at,
    }


def _error_detail(resp: requests.Response) -> dict[str, Any]:
    try:
        body = resp.json()
    except ValueError:
        return {}
    err = body.get("error") if isinstance(body, dict) else None
    return err if isinstance(err, dict) else {}


def _error_code(resp: requests.Response) -> str | None:
    code = _error_detail(resp).get("code")
    return str(code) if code else None


def _retry_after(resp: requests.Response, err: Mapping[str, Any]) -> int:
    """Seconds to wait from ``Retry-After`` (or the error body), at least 1."""
    raw = resp.headers.get("Retry-After", "").strip()
    if raw.isdigit() and len(raw) <= 9:
        return max(1, int(raw))
    value = err.get("retry_after")
    return max(1, value) if isinstance(value, int) and value < 10**9 else 1


def _pause_asked(resp: requests.Response) -> float:
    """Seconds an answer's ``Retry-After`` asks for (0: none)."""
    raw = resp.headers.get("Retry-After", "").strip()
    return float(raw) if raw.isdigit() and len(raw) <= 9 else 0.0


def _cut_off(resp: requests.Response) -> bool:
    """Whether the connection dropped inside the answer's headers: http.client takes the
    end of the stream for the end of the headers, so such an answer arrives with no
    framing header (``Content-Length``/``Transfer-Encoding``; head office always sends
    one) and an empty body. A network fault to retry, not a malformed answer."""
    if resp.status_code == 204 or resp.request.method == "HEAD":
        return False
    framed = "Content-Length" in resp.headers or "Transfer-Encoding" in resp.headers
    return not framed and not resp.content


def _decode(resp: requests.Response) -> Any:
    status = resp.status_code
    if status < 400:
        try:
            # pydantic-core's parser: a team's first sync reads ~450 MB of JSON, and
            # this takes the interpreter lock about half as long as json.loads.
            return pydantic_core.from_json(resp.content, cache_strings="keys")
        except ValueError:
            raise ProtocolError("bad_response", "the server's answer is not JSON") from None
    err = _error_detail(resp)
    code = str(err.get("code") or f"http_{status}")
    message = str(err.get("message") or code)
    if status == 401:
        raise AuthError(code, message, status=status)
    if status == 429:
        raise ThrottledError(code, message, retry_after=_retry_after(resp, err))
    if status == 409 and code == "schema_unsupported":
        supported = err.get("supported")
        raise SchemaError(code, message, supported=supported if isinstance(supported, list) else [])
    if status == 409 and code == "server_restored":
        epoch, last_seq = err.get("epoch"), err.get("last_seq")
        if isinstance(epoch, str) and type(last_seq) is int and last_seq >= 0:
            raise ServerRestored(code, message, epoch=epoch, last_seq=last_seq)
    if status == 409:
        raise ConflictError(code, message, status=status)
    raise SyncError(code, message, status=status)
