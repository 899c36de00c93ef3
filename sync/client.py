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
    kept_left: list[tuple[str, str]] = field(default_factory=list)
    photos_uploaded: int = 0
    #: SHA-256s of pending photo rows whose file is missing or altered on this device
    #: (not uploaded; the row is pushed anyway).
    photos_missing: list[str] = field(default_factory=list)

    def summary(self) -> str:
        verify = "ok" if self.verified else "MISMATCH " + ",".join(self.mismatched)
        if self.repaired and self.verified:
            verify = "ok after repair"
        return (
            f"pushed {self.pushed} (applied {self.applied}, conflicts {self.conflicts},"
            f" rejected {self.rejected}); pulled {self.pulled} (removed {self.removed});"
            f" verify {verify}"
        )


# --------------------------------------------------------------------------- client


def make_session(retries: int = 3, backoff: float = 0.5) -> requests.Session:
    """A session whose GETs (pull, verify: idempotent) are retried by urllib3 with
    exponential backoff on connection errors, read timeouts and 500/502/503/504."""
    session = requests.Session()
    retry = Retry(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        backoff_factor=backoff,
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
        timeout: tuple[float, float] = (5, 30),
        retries: int = 3,
        backoff: float = 0.5,
        progress: Progress | None = None,
        token_store: TokenStore | None = None,
        push_limit: int = p.MAX_MUTATIONS,
        pull_limit: int = p.MAX_PULL_LIMIT,
        schema_version: int = p.SCHEMA_VERSION,
        sleep: Callable[[float], None] = time.sleep,
        device_name: str = "",
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
        self._sleep = sleep
        self._cancel = threading.Event()

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
        ``device_revoked``), ConflictError (``device_in_use``), NetworkError, …
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
        """Push, pull, verify (one repair pull on mismatch), then record the sync time."""
        self._cancel.clear()
        report = SyncReport()
        replica = self.store.replica
        if self._token() is None:
            raise AuthError("not_logged_in", "log in first")
        replica.requeue_sending()  # a previous run may have died mid-push
        self._upload_photos(report)
        self._push(report)
        self._pull(report, cursor=self._cursor())
        self._verify(report)
        if not report.verified:
            report.repaired = True
            self._pull(report, cursor=0)
            self._verify(report)
        replica.set_server_url(self.server_url)
        if report.verified:
            replica.set_last_sync_at()
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
                data = self._send("POST", "/v1/push", body=body)
                results = data.get("results") if isinstance(data, dict) else None
                if not isinstance(results, list):
                    raise ProtocolError("bad_response", "the push answer has no results")
                replica.record_answers(results)
            except BadAnswer as exc:
                replica.requeue_sending()
                raise ProtocolError("bad_answer", str(exc)) from None
            except BaseException:
                replica.requeue_sending()  # resent next time; the server replays answers
                raise
            for r in results:
                status = r.get("status")
                report.applied += status == "applied"
                report.conflicts += status == "conflict"
                report.rejected += status == "rejected"
            report.pushed += len(results)
            self._report("push", report.pushed, max(total, report.pushed))
            if len(results) < len(batch):  # unanswered ones went back to pending
                return

    def _fetch_page(self, cursor: int) -> tuple[list[Any], int, bool]:
        """One pull page: ``(changes, next cursor, more)``. Only the envelope is checked
        here; ``apply_page`` checks every change before writing any."""
        data = self._send("GET", "/v1/pull", params={"cursor": cursor, "limit": self.pull_limit})
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

    def _pull(self, report: SyncReport, cursor: int) -> None:
        """Pull pages until the server has no more, fetching the next page while the
        current one is written (one request in flight at a time, as before)."""
        replica = self.store.replica
        with (
            replica.pulling(cursor),
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="fieldapp-pull") as pool,
        ):
            self._check_cancel()
            ahead: Future[tuple[list[Any], int, bool]] | None = pool.submit(
                self._fetch_page, cursor
            )
            try:
                while ahead is not None:
                    changes, next_cursor, more = ahead.result()
                    ahead = None
                    if more and next_cursor != cursor:
                        self._check_cancel()
                        ahead = pool.submit(self._fetch_page, next_cursor)
                    try:
                        result = replica.apply_page(changes, next_cursor)
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
        self._check_cancel()
        self._report("verify", 0, 1)
        data = self._send("GET", "/v1/verify")
        try:
            server = p.VerifyResponse.model_validate(data)
        except ValueError:
            raise ProtocolError("bad_response", "the verify answer is not understood") from None
        local = self.store.replica.checksums()
        report.mismatched = sorted(
            table
            for table, s in server.tables.items()
            if tuple(local.get(table, (0, 0))) != (s.count, s.checksum)
        )
        report.verified = not report.mismatched
        self._report("verify", 1, 1)

    # ------------------------------------------------------------------ HTTP

    def _cursor(self) -> int:
        raw = self.store.replica.cursor()
        return raw if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0 else 0

    def _token(self) -> str | None:
        return self.token_store.get(self.token_key)

    def _headers(self, auth: bool) -> dict[str, str]:
        headers = {p.SCHEMA_HEADER: str(self.schema_version), "Accept": "application/json"}
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
    ) -> Any:
        """One request; POSTs are retried here (the server is idempotent per device seq),
        GETs by the session's urllib3 Retry. Returns the decoded JSON or raises."""
        headers = self._headers(auth)
        data: bytes | None = None
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json"
            if len(data) >= GZIP_MIN_BYTES:
                data = gzip.compress(data)
                headers["Content-Encoding"] = "gzip"
        attempts = 1 + (self.retries if method == "POST" else 0)
        url = self.server_url + path
        for attempt in range(attempts):
            self._check_cancel()
            last = attempt == attempts - 1
            try:
                resp = self.session.request(
                    method, url, data=data, params=params, headers=headers, timeout=self.timeout
                )
            except (requests.ConnectionError, requests.Timeout) as exc:
                if last:
                    raise NetworkError(
                        "network", f"cannot reach {self.server_url}: {exc}"
                    ) from None
                self._backoff(attempt)
                continue
            except requests.RequestException as exc:
                raise NetworkError("network", f"request failed: {exc}") from None
            if resp.status_code >= 500:
                if last or resp.status_code not in RETRY_STATUSES:
                    raise ServerError(
                        _error_code(resp) or "server_error",
                        f"the server answered {resp.status_code}",
                        status=resp.status_code,
                    )
                self._backoff(attempt)
                continue
            return _decode(resp)
        raise AssertionError("unreachable")  # pragma: no cover

    def _backoff(self, attempt: int) -> None:
        self._sleep(self.backoff * 2**attempt)

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
    if status == 409 and code == "schema_unsupported":
        supported = err.get("supported")
        raise SchemaError(code, message, supported=supported if isinstance(supported, list) else [])
    if status == 409:
        raise ConflictError(code, message, status=status)
    raise SyncError(code, message, status=status)
