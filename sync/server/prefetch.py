"""The next pull page, made while the device is busy with the one it just got.

A device pulls page after page, each request naming the cursor the previous page ended
at, so it cannot ask for two at once. While it receives, parses and writes a page, the
server would sit idle, and then make the next page while the device waits. After
answering a page with ``more``, the server therefore starts the next one on a worker
thread; when the device asks for exactly that page, it gets it.

Correctness: a page is whatever ``service.pull`` answered at the moment it was made,
which is also what it would be if the request had arrived at that moment. A change
committed after that gets a higher change sequence than anything the page holds (the
sequence is commit order, docs/sync-protocol.md "Pull"), so the device receives it on a
later page. A page is only handed to the same device, with the same role, team, schema
version, cursor and limit as it was made for (the request is authenticated as usual
first), and is dropped after :data:`TTL_SECONDS`.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

#: How long a page made ahead is kept for its device.
TTL_SECONDS = 20.0
#: At most this many pages are kept ahead (one per device pulling right now).
MAX_PAGES = 32


@dataclass(frozen=True)
class Page:
    body: bytes
    cursor: int
    more: bool


#: device, role, team, schema, cursor, limit, tables (None: all)
Key = tuple[str, str, str | None, int, int, int, tuple[str, ...] | None]


class Prefetcher:
    """Pages made ahead, per key; thread-safe."""

    def __init__(self, workers: int = 1, clock: Callable[[], float] = time.monotonic) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pull-ahead")
        self._lock = threading.Lock()
        self._pages: OrderedDict[Key, tuple[float, Future[Page]]] = OrderedDict()
        self._clock = clock

    def take(self, key: Key) -> Page | None:
        """The page made ahead for ``key`` (waiting for it if it is being made), or None.
        A page whose making failed is None: the caller makes it again and sees the error."""
        with self._lock:
            entry = self._pages.pop(key, None)
        if entry is None:
            return None
        made_at, future = entry
        if self._clock() - made_at > TTL_SECONDS:
            future.cancel()
            return None
        try:
            return future.result()
        except Exception:
            return None

    def holds(self, key: Key) -> bool:
        """Whether a page for ``key`` is kept (made, or being made): :meth:`take` would
        not answer None at once."""
        with self._lock:
            return key in self._pages

    def start(self, key: Key, make: Callable[[], Page]) -> None:
        """Make the page for ``key`` on the worker thread (replacing one made earlier)."""
        now = self._clock()
        with self._lock:
            for old, (made_at, future) in list(self._pages.items()):
                if now - made_at > TTL_SECONDS:
                    future.cancel()
                    del self._pages[old]
            while len(self._pages) >= MAX_PAGES:
                _, (_, future) = self._pages.popitem(last=False)
                future.cancel()
            self._pages[key] = (now, self._pool.submit(make))

    def __len__(self) -> int:
        with self._lock:
            return len(self._pages)

    def close(self) -> None:
        with self._lock:
            for _, future in self._pages.values():
                future.cancel()
            self._pages.clear()
        self._pool.shutdown(wait=False, cancel_futures=True)
