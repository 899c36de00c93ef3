"""Serving the ASGI app with uvicorn, with TCP_NODELAY on every connection.

Without it, a kept-alive connection answers each request about 40 ms late: the response
goes out in two writes (head, then body) and Nagle's algorithm holds the second until
the client acknowledges the first, which the client delays. A sync is several
requests on one connection, so this alone cost a no-op sync ~90 ms on loopback.
``serve(..., workers=N)`` runs N worker processes on one listening socket (uvicorn's
supervisor); each builds its app with :func:`app_from_env`. What a process keeps for
itself (docs/deploy.md "Several processes"): the next pull page made ahead
(``prefetch``: a device whose next request reaches another process gets it made there,
the same page), its thread pools and its database connection pool. Everything that
decides an answer (rows, change log, login throttle, tokens) is in the database, and
photo files are in one folder all processes share. Logs: one JSON line per request
from the server itself (:func:`log_config`), uvicorn's access log off.
Threading: ``uvicorn_config`` builds a config for ``uvicorn.Server`` in any thread.
"""

from __future__ import annotations

import asyncio
import copy
import os
import socket
from pathlib import Path
from typing import Any

import uvicorn
import uvicorn.config
from uvicorn.protocols.http.h11_impl import H11Protocol


class NoDelayH11Protocol(H11Protocol):
    """uvicorn's h11 protocol that sets TCP_NODELAY on the connection's socket."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)


def log_config() -> dict[str, Any]:
    """uvicorn's logging setup with the server's own loggers added, and uvicorn's access
    log left out (``serve`` and ``serve_workers`` turn it off): the server writes one
    JSON line per request itself (logger ``fieldapp.server.access``, sync/server/
    metrics.py: method, route template, status, milliseconds, client address), where
    uvicorn's access log wrote the request line, query string included, as well. Left
    to Python's defaults that JSON line went nowhere (no handler; INFO is under the
    default level), and uvicorn's line cost about 4 % of a pull that found nothing new
    (docs/scale.md). Lines go where uvicorn's did: requests to stdout, the rest of the
    server's messages (``fieldapp.*``, INFO and up) to stderr, each prefixed as
    uvicorn's (``INFO:     …``)."""
    config = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    config["handlers"]["fieldapp_access"] = {
        "formatter": "default",
        "class": "logging.StreamHandler",
        "stream": "ext://sys.stdout",
    }
    config["loggers"]["fieldapp"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    config["loggers"]["fieldapp.server.access"] = {
        "handlers": ["fieldapp_access"],
        "level": "INFO",
        "propagate": False,
    }
    return config


def uvicorn_config(app: Any, **options: Any) -> uvicorn.Config:
    """A ``uvicorn.Config`` for ``app`` that serves with :class:`NoDelayH11Protocol`."""
    return uvicorn.Config(app, http=NoDelayH11Protocol, **options)


#: Where :func:`app_from_env` finds the database URL and the photo folder.
ENV_DATABASE = "FIELDAPP_SERVER_DATABASE"
ENV_PHOTOS = "FIELDAPP_SERVER_PHOTOS_DIR"


def app_from_env() -> Any:
    """The app of one worker process (the supervisor migrated the database already)."""
    from .app import create_app

    return create_app(os.environ[ENV_DATABASE], photos_dir=os.environ[ENV_PHOTOS], migrate=False)


def serve(app: Any, *, host: str, port: int) -> None:
    """Serve ``app`` on ``host:port`` until interrupted."""
    config = uvicorn_config(app, host=host, port=port, access_log=False, log_config=log_config())
    uvicorn.Server(config).run()


def serve_workers(
    database_url: str, photos_dir: Path, *, host: str, port: int, workers: int
) -> None:
    """Serve with ``workers`` processes sharing one socket, one database and one photo
    folder, until interrupted."""
    os.environ[ENV_DATABASE] = database_url
    os.environ[ENV_PHOTOS] = str(photos_dir)
    uvicorn.run(
        "sync.server.serving:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        http=NoDelayH11Protocol,
        access_log=False,
        log_config=log_config(),
    )
