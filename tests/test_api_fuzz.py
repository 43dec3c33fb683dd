"""Schemathesis against the app's own OpenAPI schema, in process: no request it generates gets a 5xx.

Bounded: a few dozen examples per operation, on a ledger of a few short
articles, with ingest enabled (the fuzzer sends the token) so that the write
path and the extractor behind it are fuzzed too.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from rawi.api import extract_article
from rawi.model import Article
from rawi.service import Service
from rawi.web import create_app

TOKEN = "fuzz-token"
SEED = [
    Article("f1", "قالت وزارة الصحة إن 50 شخصا قتلوا في القصف على المدينة.", "2025-09-10", None, None, "أ"),
    Article(
        "f2",
        "قال الدفاع المدني إن أكثر من 90 شخصا قتلوا في القصف على المدينة.",
        "2025-09-10",
        None,
        "https://example.org/f2",
        "ب",
    ),
]


# Schemathesis's lazy (fixture) loader does not run under this pytest, so the app is built at import:
# an empty ledger in a temporary folder (cheap), seeded by a fixture before the first case.
_TMP = tempfile.mkdtemp(prefix="rawi-fuzz-")
atexit.register(shutil.rmtree, _TMP, ignore_errors=True)
# max_chars small: /api/extract and /api/ingest run the extractor on whatever is generated.
APP = create_app(str(Path(_TMP) / "ledger.sqlite"), ingest_token=TOKEN, max_chars=2_000)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def seeded() -> Iterator[None]:
    service: Service = APP.state.service
    for art in SEED:
        service.ledger.ingest(art, extract_article(art))
    yield
    service.close()


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_gets_a_server_error(case: schemathesis.Case[Any]) -> None:
    case.call_and_validate(checks=[not_a_server_error], headers={"Authorization": f"Bearer {TOKEN}"})
