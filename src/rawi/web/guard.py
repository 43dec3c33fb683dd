"""The outer ASGI layer of the app: security headers, request size limits, Host check.

A plain ASGI middleware rather than Starlette's BaseHTTPMiddleware: it never
buffers a response, and it can stop reading a body the moment it grows past
the limit (a chunked upload has no Content-Length to check first).
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rawi.web.errors import SECURITY_HEADERS, error_response


class Guard:
    def __init__(self, app: ASGIApp, body_limit: int, limits: Mapping[str, int] | None = None,
                 allowed_hosts: list[str] | None = None) -> None:
        self.app = app
        self.body_limit = body_limit
        self.limits = dict(limits or {})  # path -> its own body limit
        self.allowed_hosts = {h.lower() for h in allowed_hosts} if allowed_hosts is not None else None
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
            await error_response(400, "HTTP_400", "unexpected Host header",
                                 "open the page at the address rawi serve printed")(scope, receive, send_secured)
            return
        limit = self.limits.get(scope.get("path", ""), self.body_limit)
        declared = headers.get("content-length")
        if declared is not None:
            if not declared.isdigit():
                await error_response(400, "HTTP_400", "the Content-Length header is not a number")(
                    scope, receive, send_secured)
                return
            if int(declared) > limit:
                await _too_large(limit)(scope, receive, send_secured)
                return
        received = 0

        async def receive_limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:  # FastAPI re-raises an HTTPException met while reading the body
                    raise HTTPException(413, f"the request body is over {limit:,} bytes")
            return message

        await self.app(scope, receive_limited, send_secured)


def _too_large(limit: int) -> JSONResponse:
    return error_response(413, "HTTP_413", f"the request body is over {limit:,} bytes")


def _hostname(host: str) -> str:
    """The Host header without its port: "127.0.0.1:8000" -> "127.0.0.1", "[::1]:80" -> "[::1]"."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host
