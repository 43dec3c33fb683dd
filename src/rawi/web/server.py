"""Running the app under uvicorn with deadlines, so slow or stalled clients cannot pile up.

uvicorn closes an idle kept-alive connection after `timeout_keep_alive`, but it has no
deadline for a request's head: a client that opens a connection and sends its headers a
byte at a time (or never) holds a file descriptor for ever, and about a thousand of them
exhaust the process's descriptors. The protocol below closes a connection that has not
sent a whole request head within the deadline, and refuses connections past a ceiling
outright; the body's deadline is the Guard's (`rawi.web.guard`), which sees the body.
"""

from __future__ import annotations

import asyncio
import resource
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

# uvicorn's own default, named here because it is part of the defence: the largest request
# head (request line and headers) a client may send.
MAX_HEAD_BYTES = 16 * 1024
KEEP_ALIVE_S = 5
# Descriptors kept free for the ledger, static files and logs when connections are capped.
_RESERVED_FDS = 128


def max_connections() -> int:
    """How many connections to hold at once: what the descriptor limit leaves, at most 1,000."""
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return 1_000
    return max(16, min(1_000, soft - _RESERVED_FDS))


class DeadlineProtocol(H11Protocol):
    """h11 with a deadline for request heads and a ceiling on open connections.

    Subclassed per server by `protocol()` with its numbers as class attributes (uvicorn
    builds one instance per connection from the class).
    """

    head_timeout: float = 15.0
    connection_ceiling: int = 1_000

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.connection_ceiling:
            # Closed at once, the connection costs a descriptor for a moment rather than until
            # the deadline; the clients already connected are still served.
            self.logger.warning("refusing a connection: %d open", len(self.connections))
            transport.close()
            return
        self._arm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm()  # the next request's head has the same deadline

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        if not self.transport.is_closing():
            self._head_deadline = self.loop.call_later(self.head_timeout, self._head_too_late)

    def _disarm(self) -> None:
        if self._head_deadline is not None:
            self._head_deadline.cancel()
            self._head_deadline = None

    def _head_too_late(self) -> None:
        self._head_deadline = None
        # A request whose head arrived is the app's to finish (its body has the Guard's deadline).
        in_flight = self.cycle is not None and not self.cycle.response_complete
        if not in_flight and not self.transport.is_closing():
            self.transport.close()


def protocol(head_timeout: float, ceiling: int) -> type[DeadlineProtocol]:
    """The protocol class for one server's numbers."""
    return type("RawiProtocol", (DeadlineProtocol,), {"head_timeout": head_timeout, "connection_ceiling": ceiling})


def run(app: Any, host: str, port: int, read_timeout: float) -> None:
    """Serve `app` until interrupted: heads and bodies each within `read_timeout` seconds."""
    import uvicorn

    ceiling = max_connections()
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="info",
        server_header=False,
        http=protocol(read_timeout, ceiling),
        timeout_keep_alive=KEEP_ALIVE_S,
        h11_max_incomplete_event_size=MAX_HEAD_BYTES,
        # Past this many connections or requests in flight, uvicorn answers 503 at once.
        limit_concurrency=ceiling,
    )
