"""The outer ASGI layer of the app: security headers, Host check, write tokens, request size
limits and a deadline for the body.

A plain ASGI middleware rather than Starlette's BaseHTTPMiddleware: it never
buffers a response, and it can stop reading a body the moment it grows past
the limit (a chunked upload has no Content-Length to check first). Everything it
can refuse from the request head (Host, token, declared size) it refuses before
reading a byte of the body, and it tells the server to close the connection then.
"""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import Mapping

from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rawi.web.errors import SECURITY_HEADERS, error_response, http_error

# On a refusal sent before the body was read: the rest of the body is not wanted, and
# without this the server would keep the connection open to read (and drop) all of it.
CLOSE = {"Connection": "close"}


def bearer_refusal(authorization: str | None, token: str | None) -> HTTPException | None:
    """Why a request may not write (403: writing is off; 401: no or a wrong token), or None."""
    if token is None:
        return HTTPException(403, "writing over HTTP is off: the server has no ingest token")
    scheme, _, given = (authorization or "").strip().partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8")):
        return HTTPException(401, "missing or wrong ingest token", headers={"WWW-Authenticate": "Bearer"})
    return None


class Guard:
    def __init__(
        self,
        app: ASGIApp,
        body_limit: int,
        limits: Mapping[str, int] | None = None,
        allowed_hosts: list[str] | None = None,
        tokens: Mapping[str, str | None] | None = None,
        body_timeout: float | None = None,
    ) -> None:
        self.app = app
        self.body_limit = body_limit
        self.limits = dict(limits or {})  # path -> its own body limit
        self.allowed_hosts = {h.lower() for h in allowed_hosts} if allowed_hosts is not None else None
        self.tokens = dict(tokens or {})  # path of a POST that writes -> its bearer token (None: writing off)
        self.body_timeout = body_timeout  # seconds from the request head to the end of its body
        self._headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self._headers if k not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if self.allowed_hosts is not None and _hostname(headers.get("host", "")) not in self.allowed_hosts:
            # A page on another site that rebinds its name to 127.0.0.1 sends its own name here.
            await error_response(
                400, "HTTP_400", "unexpected Host header", "open the page at the address rawi serve printed"
            )(scope, receive, send_secured)
            return
        path = scope.get("path", "")
        if scope.get("method") == "POST" and path in self.tokens:
            # Before the body: a client without the token must not make the server read and
            # parse megabytes only to be refused.
            refusal = bearer_refusal(headers.get("authorization"), self.tokens[path])
            if refusal is not None:
                await http_error(refusal.status_code, refusal.detail, {**(refusal.headers or {}), **CLOSE})(
                    scope, receive, send_secured
                )
                return
        limit = self.limits.get(path, self.body_limit)
        declared = headers.get("content-length")
        if declared is not None:
            if not declared.isdigit():
                await error_response(400, "HTTP_400", "the Content-Length header is not a number", headers=CLOSE)(
                    scope, receive, send_secured
                )
                return
            if int(declared) > limit:
                await _too_large(limit)(scope, receive, send_secured)
                return
        received = 0
        body_done = False
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.body_timeout if self.body_timeout is not None else None

        async def receive_limited() -> Message:
            nonlocal received, body_done
            if deadline is None or body_done:
                message = await receive()  # once the body is in, receive() only waits for a disconnect
            else:
                try:
                    message = await asyncio.wait_for(receive(), max(0.0, deadline - loop.time()))
                except TimeoutError:  # a client that stalls mid-body would hold its connection for ever
                    raise HTTPException(
                        408, f"the request body did not arrive within {self.body_timeout:g} s", headers=CLOSE
                    ) from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                body_done = not message.get("more_body", False)
                if received > limit:  # FastAPI re-raises an HTTPException met while reading the body
                    raise HTTPException(413, f"the request body is over {limit:,} bytes", headers=CLOSE)
            return message

        await self.app(scope, receive_limited, send_secured)


def _too_large(limit: int) -> JSONResponse:
    return error_response(413, "HTTP_413", f"the request body is over {limit:,} bytes", headers=CLOSE)


def _hostname(host: str) -> str:
    """The Host header without its port: "127.0.0.1:8000" -> "127.0.0.1", "[::1]:80" -> "[::1]"."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host
