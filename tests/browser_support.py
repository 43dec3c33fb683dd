"""Fixtures' machinery for tests/test_browser.py: Chromium, the demo ledger, the app in a thread.

The browser is Debian's Chromium (scripts/install-chromium), never Playwright's own
download. The server is uvicorn on a socket bound here to 127.0.0.1 port 0, so the
port is known before the thread starts and nothing listens beyond loopback.
"""

from __future__ import annotations

import os
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
INSTALL = ROOT / "scripts" / "install-chromium"
CHROMIUM = Path("/usr/bin/chromium")
SEED_KEY = "https://example.org/rawi-sample/kim-kursk-museum"
INSTALL_TIMEOUT_S = 900  # a bare machine downloads Chromium and the Arabic fonts once

# The flags the issue asks for; the user-data-dir is added per run.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Markup in every field of an article: the page must show it as text and run none of it.
HOSTILE_ID = "hostile-markup"
HOSTILE_KEY = "javascript:window.__pwned=1"  # its URL, hence its doc_key: must never become a link
HOSTILE_TEXT = (
    'قال المتحدث باسم الوزارة إن "<script>window.__pwned=1</script> أكثر من 300 جندي قتلوا" يوم الخميس.\n'
    'وأضاف المتحدث <img src=x onerror="window.__pwned=1"> أن <a href="javascript:window.__pwned=1">x</a> '
    'سيصل إلى نحو 500 جندي، بحسب ما نقلت عنه وكالة <b onmouseover="window.__pwned=1">الأنباء</b>.\n'
    '<svg onload="window.__pwned=1"></svg><iframe src="javascript:window.__pwned=1"></iframe>'
)


def wanted() -> tuple[bool, str]:
    """Whether to run the browser tests, and why not when they are skipped."""
    if os.environ.get("RAWI_TEST_BROWSER") == "1":
        return True, ""
    if os.environ.get("RAWI_CHROMIUM") or CHROMIUM.exists():
        return True, ""
    return False, (
        f"no {CHROMIUM}: set RAWI_TEST_BROWSER=1 to install Debian's Chromium "
        "(scripts/install-chromium) and run the browser tests"
    )


def chromium_path() -> str:
    """The browser to drive; with RAWI_TEST_BROWSER=1 install it first if missing."""
    if os.environ.get("RAWI_TEST_BROWSER") == "1" or os.environ.get("RAWI_CHROMIUM"):
        proc = subprocess.run([str(INSTALL)], capture_output=True, text=True, timeout=INSTALL_TIMEOUT_S, check=False)
        lines = proc.stdout.strip().splitlines()
        if proc.returncode != 0 or not lines:
            raise RuntimeError(f"scripts/install-chromium failed:\n{proc.stderr}{proc.stdout}")
        return lines[-1]
    return str(CHROMIUM)


def build_demo_ledger(db: Path) -> None:
    """The demo's ledger (the bundled Kursk story) plus one article made of hostile markup."""
    from rawi.api import extract_article
    from rawi.model import Article
    from rawi.service import Service

    sample = db.parent / "kursk-story.jsonl"
    sample.write_bytes(resources.files("rawi").joinpath("samples", "kursk-story.jsonl").read_bytes())
    hostile = Article(
        HOSTILE_ID,
        HOSTILE_TEXT,
        "2025-10-25",
        title='<img src=x onerror="window.__pwned=1">عنوان',
        url=HOSTILE_KEY,
        source="<script>window.__pwned=1</script>",
    )
    with Service.open(str(db)) as service:
        summary = service.ingest_sources([str(sample)])
        assert summary.counts["added"] == 6, summary
        # Straight through the Ledger API: the HTTP ingest is off without a token.
        service.ledger.ingest(hostile, extract_article(hostile))
        service.ledger.relink()


def seed_analysis(db: Path) -> dict[str, Any]:
    from rawi.ledger import Ledger

    with Ledger.open(str(db)) as ledger:
        stored = ledger.article(SEED_KEY)
        assert stored is not None
        return stored.analysis.to_json()


@dataclass
class Server:
    url: str
    thread: threading.Thread
    server: Any = field(repr=False)


@contextmanager
def serve(db: Path) -> Iterator[Server]:
    """create_app over `db`, served by uvicorn in a daemon thread on 127.0.0.1."""
    import uvicorn

    from rawi.web.app import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(str(db)), log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="rawi-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield Server(f"http://127.0.0.1:{port}", thread, server)
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
