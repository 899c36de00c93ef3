"""A fault-injecting HTTP proxy on loopback, for the chaos tests.

``FaultProxy(upstream_port, seed)`` listens on 127.0.0.1:<free port> and forwards each
HTTP/1.1 request to the server on ``upstream_port``, one connection per request
(answers carry ``Connection: close``). For every request it draws one fault from a
``random.Random(seed)`` (decisions are taken in the order requests arrive):

``pass``            forward, answer
``delay``           wait 20-300 ms, then forward
``drop_request``    close the client's connection; the server never sees the request
``drop_response``   forward, read the whole answer, close without a byte: the server
                    handled it, the client does not know
``duplicate``       forward the request twice, answer with the second answer
``cut_request``     send the server the headers and half the body, then hang up
``cut_response``    forward, then send the client half of the answer and hang up
``cut_headers``     forward, then send the client the status line and the first header
                    line only (no framing header, no blank line) and hang up
``status_502``      answer 502 without forwarding
``status_503_after`` forward (the server commits), then answer 503 instead
``kill_server``     forward, then call ``on_kill`` (the test kills the server process
                    with SIGKILL and restarts it) before the answer is read

``drain()`` waits for requests still in flight (a killed client's, say). ``weights`` sets
how often each happens; ``force(fault, "POST /v1/push")`` makes the next
matching request get that fault; ``clean = True`` turns every fault off (the
"clean path" that syncs to quiescence). ``counts`` says what was injected.
Threading: one thread per connection; decisions and counters are taken under a lock.
"""

from __future__ import annotations

import contextlib
import random
import socket
import socketserver
import threading
import time
from collections import Counter
from collections.abc import Callable

FAULTS: dict[str, float] = {
    "pass": 50,
    "delay": 8,
    "drop_request": 6,
    "drop_response": 8,
    "duplicate": 6,
    "cut_request": 4,
    "cut_response": 6,
    "status_502": 4,
    "status_503_after": 4,
    "kill_server": 0,
    "cut_headers": 0,  # forced by tests (last: zero weight keeps old seeds' draws)
}
HEADER_LIMIT = 64 * 1024


def _read_head(sock: socket.socket) -> tuple[bytes, bytes] | None:
    """The request head (up to the blank line) and whatever body bytes came with it."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        data += chunk
        if len(data) > HEADER_LIMIT:
            return None
    head, _, rest = data.partition(b"\r\n\r\n")
    return head, rest


def _content_length(head: bytes) -> int:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value.strip() or b"0")
    return 0


def _with_close(head: bytes) -> bytes:
    """The head with any Connection header replaced by ``Connection: close``."""
    lines = [
        line
        for line in head.split(b"\r\n")
        if line.split(b":", 1)[0].strip().lower() not in (b"connection", b"keep-alive")
    ]
    return b"\r\n".join([*lines, b"Connection: close"])


def _status(code: int, reason: str) -> bytes:
    body = b'{"error": {"code": "proxy", "message": "injected by the fault proxy"}}'
    return (
        f"HTTP/1.1 {code} {reason}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode() + body


class FaultProxy:
    def __init__(
        self,
        upstream_port: int,
        seed: int,
        *,
        weights: dict[str, float] | None = None,
        on_kill: Callable[[], None] | None = None,
    ) -> None:
        self.upstream_port = upstream_port
        self.rng = random.Random(seed)
        self.weights = dict(FAULTS if weights is None else weights)
        self.on_kill = on_kill
        self.clean = False
        self.counts: Counter[str] = Counter()
        self.forced: list[tuple[str, str]] = []  # (fault, request-line prefix), in order
        self.active = 0  # connections being handled
        self.log: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        proxy = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                proxy._handle(self.request)

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self._server = Server(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def force(self, fault: str, request_prefix: str) -> None:
        with self._lock:
            self.forced.append((fault, request_prefix))

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # ------------------------------------------------------------------ decisions

    def _choose(self, request_line: str) -> tuple[str, float]:
        with self._lock:
            if self.clean:
                fault = "pass"
            elif self.forced and request_line.startswith(self.forced[0][1]):
                fault = self.forced.pop(0)[0]
            else:
                names = list(self.weights)
                fault = self.rng.choices(names, [self.weights[n] for n in names])[0]
                if fault == "kill_server" and self.on_kill is None:
                    fault = "pass"
            pause = self.rng.uniform(0.02, 0.3)
            self.counts[fault] += 1
            self.log.append((fault, request_line))
            return fault, pause

    # ------------------------------------------------------------------ plumbing

    def _forward(self, head: bytes, body: bytes, *, cut: bool = False) -> bytes | None:
        """Send one request upstream; the whole answer (None when the server is gone)."""
        try:
            up = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=30)
        except OSError:
            return None
        with up:
            try:
                if cut:
                    up.sendall(_with_close(head) + b"\r\n\r\n" + body[: len(body) // 2])
                    return None
                up.sendall(_with_close(head) + b"\r\n\r\n" + body)
                chunks = []
                while True:
                    chunk = up.recv(65536)
                    if not chunk:
                        break
                    chunks.append(chunk)
                return b"".join(chunks) or None
            except OSError:
                return None

    def drain(self, timeout: float = 60) -> None:
        """Wait until no connection is being handled (a killed client's request may
        still be on its way, or about to kill the server)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if self.active == 0:
                    return
            time.sleep(0.02)
        raise TimeoutError(f"{self.active} proxied requests still running")

    def _handle(self, client: socket.socket) -> None:
        with self._lock:
            self.active += 1
        try:
            self._serve(client)
        finally:
            with self._lock:
                self.active -= 1

    def _serve(self, client: socket.socket) -> None:
        client.settimeout(30)
        try:
            got = _read_head(client)
            if got is None:
                return
            head, body = got
            need = _content_length(head)
            while len(body) < need:
                chunk = client.recv(65536)
                if not chunk:
                    return
                body += chunk
            line = head.split(b"\r\n", 1)[0].decode("latin-1")
            fault, pause = self._choose(line)
            answer: bytes | None
            if fault == "drop_request":
                return
            if fault == "status_502":
                client.sendall(_status(502, "Bad Gateway"))
                return
            if fault == "cut_request":
                self._forward(head, body, cut=True)
                return
            if fault == "delay":
                time.sleep(pause)
            if fault == "kill_server":
                self._kill_mid_request(head, body, pause)
                return
            answer = self._forward(head, body)
            if fault == "duplicate":
                answer = self._forward(head, body) or answer
            if answer is None or fault == "drop_response":
                return
            if fault == "status_503_after":
                client.sendall(_status(503, "Service Unavailable"))
                return
            if fault == "cut_response":
                client.sendall(answer[: max(1, len(answer) // 2)])
                return
            if fault == "cut_headers":
                status, first, _rest = answer.split(b"\r\n", 2)
                client.sendall(status + b"\r\n" + first + b"\r\n")
                return
            client.sendall(answer)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                client.shutdown(socket.SHUT_RDWR)
            client.close()

    def _kill_mid_request(self, head: bytes, body: bytes, pause: float) -> None:
        """Send the request, kill the server a moment later (maybe mid-transaction)."""
        assert self.on_kill is not None
        try:
            up = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=30)
        except OSError:
            return
        with up:
            with contextlib.suppress(OSError):
                up.sendall(_with_close(head) + b"\r\n\r\n" + body)
            time.sleep(pause / 10)
            self.on_kill()
