"""Fetching an http(s) URL with httpx: bounded in time and size, named after rawi."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from rawi.errors import RawiError
from rawi.ingest.common import MAX_MARKUP_BYTES, USER_AGENT

TIMEOUT = httpx.Timeout(30.0, connect=10.0)


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    content_type: str
    body: bytes


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def make_client() -> httpx.Client:
    return httpx.Client(timeout=TIMEOUT, follow_redirects=True, headers={"User-Agent": USER_AGENT})


def fetch(url: str, client: httpx.Client, max_bytes: int = MAX_MARKUP_BYTES) -> Fetched:
    """The body of `url`; raises `RawiError` (E009 unreachable or HTTP error, E004 too large)."""
    headers = {}
    # A caller's client keeps its own settings, but the publisher still learns who is asking.
    if client.headers.get("User-Agent", "").startswith("python-httpx"):
        headers["User-Agent"] = USER_AGENT
    # The failure is carried out of the `with` rather than raised inside it, so the
    # response is closed before the caller hears of it.
    problem: RawiError | None = None
    try:
        with client.stream("GET", url, headers=headers, follow_redirects=True) as resp:
            if resp.status_code >= 400:
                problem = RawiError("E009", url, f"HTTP {resp.status_code} {resp.reason_phrase}".strip())
            else:
                chunks: list[bytes] = []
                size = 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        problem = RawiError("E004", url, f"more than {max_bytes:,} bytes")
                        break
                    chunks.append(chunk)
                got = Fetched(str(resp.url), resp.headers.get("Content-Type", ""), b"".join(chunks))
    except httpx.HTTPError as exc:
        raise RawiError("E009", url, f"{type(exc).__name__}: {exc}") from None
    except httpx.InvalidURL as exc:
        raise RawiError("E009", url, f"invalid URL: {exc}") from None
    if problem is not None:
        raise problem
    return got
