"""One error shape for every error: {"error": {"code", "message", "fix"}}.

The page and scripts handle a single shape, whether the error came from the
extractor's catalogue (E0xx), from routing (404, 405), from validation (422) or
from a bug (500, logged with its traceback; the client gets no internals).
"""

from __future__ import annotations

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from rawi.errors import RawiError

log = logging.getLogger("rawi.web")

# Sent with every response. Article text is untrusted: the page runs only its own
# script files (no inline script, no eval, nothing from another origin), cannot be
# framed, and leaks no URL to the sites its links lead to.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; base-uri 'none'; object-src 'none'; "
    "frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}

# Catalogue codes whose HTTP status is not 400: too large, and rawi's own failure.
RAWI_STATUS = {"E004": 413, "E100": 500}

FIXES = {
    400: "check the request against the API schema at /openapi.json",
    401: 'send the ingest token as "Authorization: Bearer TOKEN"',
    403: "start the server with an ingest token (rawi serve --token-env VAR) to allow writing over HTTP",
    404: "check the path against the API schema at /openapi.json; article keys are listed by /api/articles",
    405: "use the method the API schema at /openapi.json gives for this path",
    408: "send the whole request at once; the server does not wait for a stalled client",
    413: "send less: split the text into articles, or ingest large inputs with `rawi ingest`",
    422: "check the request against the API schema at /openapi.json",
    500: "this is a bug in rawi; please report it with the request",
}


def error_response(
    status: int, code: str, message: str, fix: str | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    body = {"error": {"code": code, "message": message, "fix": fix or FIXES.get(status, FIXES[400])}}
    return JSONResponse(body, status_code=status, headers=headers)


def http_error(status: int, message: str | None = None, headers: dict[str, str] | None = None) -> JSONResponse:
    phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    return error_response(status, f"HTTP_{status}", message or phrase, headers=headers)


async def _rawi(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RawiError)
    data = exc.to_json()
    status = RAWI_STATUS.get(exc.code, 400)
    if status >= 500:
        log.error("extraction failed: %s", exc)
    return error_response(status, data["code"], data["message"], data["fix"])


async def _http(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else None
    return http_error(exc.status_code, detail, dict(exc.headers) if exc.headers else None)


def _where(loc: tuple[object, ...]) -> str:
    return ".".join(str(p) for p in loc) or "request"


async def _validation(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = [f"{_where(tuple(e.get('loc', ())))}: {e.get('msg', 'invalid')}" for e in exc.errors()[:5]]
    more = len(exc.errors()) - len(problems)
    message = "; ".join(problems) + (f" (and {more} more)" if more > 0 else "")
    return error_response(422, "HTTP_422", message or "the request is not valid")


async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error", exc_info=exc)
    # Starlette answers this one outside every middleware: the headers are added here.
    return http_error(500, "rawi failed on this request", headers=SECURITY_HEADERS)


def install(app: FastAPI) -> None:
    """Register the handlers; the catch-all is Starlette's server-error handler (outermost)."""
    app.add_exception_handler(RawiError, _rawi)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(Exception, _unexpected)
