"""The server's uvicorn setup: every accepted connection gets TCP_NODELAY (a kept-alive
connection otherwise answers each request ~40 ms late, see sync/server/serving.py)."""

from __future__ import annotations

import asyncio
import socket
from typing import Any

from fastapi import FastAPI
from uvicorn.server import ServerState

from sync.server.serving import NoDelayH11Protocol, uvicorn_config


class _Transport:
    """Just enough of an asyncio transport around a real accepted socket."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return {
            "socket": self.sock,
            "sockname": self.sock.getsockname(),
            "peername": self.sock.getpeername(),
        }.get(name, default)

    def is_closing(self) -> bool:
        return False

    def close(self) -> None:
        self.sock.close()


def test_connections_are_served_with_tcp_nodelay() -> None:
    config = uvicorn_config(FastAPI(), lifespan="off", log_level="warning")
    config.load()
    assert config.http_protocol_class is NoDelayH11Protocol
    with socket.create_server(("127.0.0.1", 0)) as listener:
        client = socket.create_connection(listener.getsockname())
        accepted, _ = listener.accept()
        try:
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0
            # The protocol asks for the current event loop; an earlier test's asyncio.run()
            # leaves none set, so this test brings its own.
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            try:
                protocol = NoDelayH11Protocol(
                    config=config, server_state=ServerState(), app_state={}
                )
            finally:
                asyncio.set_event_loop(None)
                loop.close()
            protocol.connection_made(_Transport(accepted))  # type: ignore[arg-type]
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
        finally:
            client.close()
            accepted.close()
