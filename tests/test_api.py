"""The HTTP API over a small ledger: every endpoint, its filters and paging, one error shape, and the headers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

import click
import pytest
from click.testing import CliRunner
from fastapi import FastAPI
from fastapi.testclient import TestClient

from rawi import cli_serve
from rawi.api import extract_article
from rawi.ledger import Ledger
from rawi.lexicon.cues import STANCES
from rawi.model import Article
from rawi.web import app as web_app
from rawi.web import create_app

URL_KEY = "https://example.org/news/a2?x=1"
ARTICLES = [
    Article(
        "a1", "قالت وزارة الصحة إن 50 شخصا قتلوا في القصف على المدينة.", "2025-09-10", "حصيلة القصف", None, "وكالة أ"
    ),
    Article(
        "a2", "قال الدفاع المدني إن أكثر من 90 شخصا قتلوا في القصف على المدينة.", "2025-09-10", None, URL_KEY, "وكالة ب"
    ),
    Article(
        "a3", "نفى المتحدث باسم الجيش أن يكون 50 شخصا قتلوا في القصف على المدينة.", "2025-09-10", None, None, "وكالة ج"
    ),
    Article(
        "a4", "قال وزير الخارجية إن المحادثات ستستأنف في القاهرة الأسبوع المقبل.", "2025-09-12", None, None, "وكالة أ"
    ),
]
SECURITY = {"content-security-policy", "x-content-type-options", "referrer-policy"}


def _ledger(path: Path) -> str:
    db = str(path / "ledger.sqlite")
    with Ledger.open(db) as ledger:
        for art in ARTICLES:
            assert ledger.ingest(art, extract_article(art)) == "added"
    return db


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return _ledger(tmp_path_factory.mktemp("api"))


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as c:
        yield c


def error_of(resp: Any, status: int, code: str | None = None) -> dict[str, str]:
    """Assert the one error shape and return its body."""
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fix"}, body
    assert all(isinstance(v, str) and v for v in body["error"].values())
    if code is not None:
        assert body["error"]["code"] == code
    err: dict[str, str] = body["error"]
    return err


# -- reading ---------------------------------------------------------------------------------


def test_health_and_openapi_metadata(client: TestClient) -> None:
    assert client.get("/api/health").json() == {"ok": True, "version": client.app.version}  # type: ignore[attr-defined]
    schema = client.get("/openapi.json").json()
    assert schema["info"]["title"] == "rawi" and schema["info"]["version"] and schema["info"]["description"]
    claims_errors = schema["paths"]["/api/claims"]["get"]["responses"]
    assert claims_errors["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut")
    assert "/api/articles/{doc_key}" in schema["paths"] and "/api/ingest" in schema["paths"]


def test_articles_list_total_paging_and_search(client: TestClient) -> None:
    page = client.get("/api/articles").json()
    keys = [a["doc_key"] for a in page["items"]]
    assert page["total"] == 4 and keys[0] == "a4"  # newest dateline first
    second = client.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    assert [a["doc_key"] for a in second["items"]] == keys[2:4] and second["total"] == 4
    found = client.get("/api/articles", params={"q": "الدفاع المدني"}).json()
    assert found["total"] == 1 and found["items"][0]["doc_key"] == URL_KEY
    assert client.get("/api/articles", params={"q": "وكالة أ"}).json()["total"] == 2  # the outlet
    assert client.get("/api/articles", params={"q": "%"}).json()["total"] == 0  # LIKE wildcards are literal
    error_of(client.get("/api/articles", params={"limit": 0}), 422, "HTTP_422")
    error_of(client.get("/api/articles", params={"offset": "x"}), 422, "HTTP_422")


def test_one_article_by_id_or_url_key(client: TestClient) -> None:
    one = client.get("/api/articles/a1").json()
    assert one["article"]["title"] == "حصيلة القصف" and one["article"]["attributions"] == 1
    analysis = one["analysis"]
    assert analysis["text"] == ARTICLES[0].text and analysis["attributions"][0]["cue"]["text"] == "قالت"
    for q in analysis["quantities"]:
        assert analysis["text"][q["start"] : q["end"]] == q["text"]
    encoded = "https:%2F%2Fexample.org%2Fnews%2Fa2%3Fx=1"
    for path in (f"/api/articles/{encoded}", "/api/articles/https://example.org/news/a2%3Fx=1"):
        assert client.get(path).json()["article"]["doc_key"] == URL_KEY
    err = error_of(client.get("/api/articles/no-such-article"), 404, "HTTP_404")
    assert "no-such-article" in err["message"]


def test_claims_filters_and_paging(client: TestClient) -> None:
    everything = client.get("/api/claims").json()["items"]
    assert {c["doc_key"] for c in everything} == {"a1", URL_KEY, "a3", "a4"}
    assert [c["published"] for c in everything] == sorted(c["published"] for c in everything)
    by_speaker = client.get("/api/claims", params={"entity": "وزارة الصحة"}).json()["items"]
    assert [c["doc_key"] for c in by_speaker] == ["a1"] and by_speaker[0]["speaker"] == "وزارة الصحة"
    by_outlet = client.get("/api/claims", params={"source": "وكالة أ"}).json()["items"]
    assert {c["doc_key"] for c in by_outlet} == {"a1", "a4"}
    dated = client.get("/api/claims", params={"since": "2025-09-11", "until": "2025-09-12"}).json()["items"]
    assert {c["doc_key"] for c in dated} == {"a4"}
    denied = client.get("/api/claims", params={"stance": "deny"}).json()["items"]
    assert [(c["doc_key"], c["cue"]) for c in denied] == [("a3", "نفى")]
    asserted = client.get("/api/claims", params={"stance": "assert"}).json()["items"]
    paged = client.get("/api/claims", params={"stance": "assert", "limit": 1, "offset": 1}).json()["items"]
    assert paged == asserted[1:2]
    assert client.get("/api/claims", params={"limit": 2, "offset": 1}).json()["items"] == everything[1:3]
    error_of(client.get("/api/claims", params={"stance": "shout"}), 422, "HTTP_422")
    assert set(get_args(web_app.Stance)) == STANCES  # the API's stances are the lexicon's


def test_conflicts_contradictions_and_filters(client: TestClient) -> None:
    items = client.get("/api/conflicts").json()["items"]
    kinds = {x["kind"] for x in items}
    assert kinds == {"conflict", "contradiction"}, items
    conflict = next(x for x in items if x["kind"] == "conflict")
    assert {conflict["a"]["text"], conflict["b"]["text"]} == {"50", "أكثر من 90"}
    assert conflict["a"]["doc_key"] in {"a1", URL_KEY} and conflict["a"]["said_on"] == "2025-09-10"
    assert conflict["key"] == conflict["a"]["key"] == conflict["b"]["key"] and 0 < conflict["confidence"] <= 1
    for side in (conflict["a"], conflict["b"]):  # each side points at its figure in its article
        text = next(a.text for a in ARTICLES if side["article_id"] == a.id)
        assert text[side["start"] : side["end"]] == side["text"] and side["text"] in side["context"]
    denial = next(x for x in items if x["kind"] == "contradiction")
    assert denial["a"]["stance"] == "deny" and denial["a"]["article_id"] == "a3" and denial["b"]["text"] == "50"
    only = client.get("/api/conflicts", params={"kind": "contradiction"}).json()["items"]
    assert [x["kind"] for x in only] == ["contradiction"]
    assert client.get("/api/conflicts", params={"kind": "revision"}).json()["items"] == []
    assert client.get("/api/conflicts", params={"since": "2025-09-11"}).json()["items"] == []
    assert client.get("/api/conflicts", params={"limit": 1, "offset": 1}).json()["items"] == items[1:2]
    floor = conflict["confidence"]
    above = client.get("/api/conflicts", params={"min_confidence": floor}).json()
    assert conflict in above["items"] and all(x["confidence"] >= floor for x in above["items"])
    assert client.get("/api/conflicts", params={"min_confidence": min(1.0, floor + 0.001)}).json()["items"] == [
        x for x in items if x["confidence"] > floor
    ]
    error_of(client.get("/api/conflicts", params={"min_confidence": 2}), 422)
    error_of(client.get("/api/conflicts", params={"kind": "feud"}), 422)


def test_timeline_by_key_and_entity(client: TestClient) -> None:
    every = client.get("/api/timeline").json()["items"]
    assert len(every) >= 3 and [c["said_on"] for c in every] == sorted(c["said_on"] for c in every)
    key = every[0]["key"]
    by_key = client.get("/api/timeline", params={"key": key}).json()["items"]
    assert by_key and all(c["key"] == key for c in by_key)
    assert client.get("/api/timeline", params={"key": "no/such/key"}).json()["items"] == []
    by_source = client.get("/api/timeline", params={"entity": "الدفاع المدني"}).json()["items"]
    assert [c["text"] for c in by_source] == ["أكثر من 90"]


def test_entities_and_sources(client: TestClient) -> None:
    ents = client.get("/api/entities").json()["items"]
    names = {e["name"] for e in ents}
    assert {"وزارة الصحة", "الدفاع المدني"} <= names
    orgs = client.get("/api/entities", params={"type": "ORG"}).json()["items"]
    assert orgs and all(e["type"] == "ORG" for e in orgs)
    assert client.get("/api/entities", params={"limit": 1, "offset": 1}).json()["items"] == ents[1:2]
    quoted = client.get("/api/sources", params={"entity": "القاهرة"}).json()["items"]
    assert [(s["speaker"], s["claims"]) for s in quoted] == [("وزير الخارجية", 1)]
    error_of(client.get("/api/sources"), 422)  # the entity is required


# -- extraction ------------------------------------------------------------------------------


def test_extract_returns_the_contract(client: TestClient) -> None:
    resp = client.post("/api/extract", json={"text": ARTICLES[3].text, "published": "2025-09-12", "id": "x"})
    assert resp.status_code == 200, resp.text
    out = resp.json()
    assert out["id"] == "x" and out["published"] == "2025-09-12"
    assert {"entities", "attributions", "times", "quantities"} <= set(out)
    week = out["times"][0]
    assert out["text"][week["start"] : week["end"]] == week["text"]
    assert client.post("/api/extract", json={"text": "قال الوزير إن الاتفاق نهائي."}).json()["id"] == "doc"


def test_extract_errors_have_the_one_shape(db: str, client: TestClient) -> None:
    error_of(client.post("/api/extract", json={"text": "   "}), 400, "E001")
    error_of(client.post("/api/extract", json={"text": "قال الوزير", "published": "yesterday"}), 400, "E007")
    error_of(
        client.post("/api/extract", content=b'{"text": "', headers={"content-type": "application/json"}),
        422,
        "HTTP_422",
    )
    error_of(client.post("/api/extract", json={"text": 5}), 422, "HTTP_422")
    error_of(client.post("/api/extract", json={"text": "نص", "colour": "red"}), 422)  # unknown field
    error_of(client.post("/api/extract", json=[1, 2]), 422)
    error_of(client.post("/api/extract", content=b"\xff\xfe", headers={"content-type": "application/json"}), 422)
    error_of(client.get("/api/extract"), 405, "HTTP_405")
    with TestClient(create_app(db, max_chars=100)) as small:
        err = error_of(small.post("/api/extract", json={"text": "ا" * 101}), 413, "E004")
        assert "101" in err["message"]
        assert small.post("/api/extract", json={"text": "قال الوزير إن الاتفاق نهائي."}).status_code == 200
        # a body far over the limit is refused before it is read
        big = json.dumps({"text": "ا" * 100_000}).encode()
        error_of(small.post("/api/extract", content=big, headers={"content-type": "application/json"}), 413, "HTTP_413")

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted while read
            yield b'{"text": "'
            for _ in range(20):
                yield b"a" * 10_000
            yield b'"}'

        error_of(
            small.post("/api/extract", content=chunks(), headers={"content-type": "application/json"}), 413, "HTTP_413"
        )


# -- writing ---------------------------------------------------------------------------------

NEW = {
    "id": "n1",
    "text": "قال الناطق باسم الحكومة إن 20 منزلا دمرت في الفيضان.",
    "published": "2025-09-13",
    "source": "وكالة د",
}


def test_ingest_is_off_without_a_token(client: TestClient) -> None:
    err = error_of(client.post("/api/ingest", json={"articles": [NEW]}), 403, "HTTP_403")
    assert "token" in err["message"]
    resp = client.post("/api/ingest", json={"articles": [NEW]}, headers={"Authorization": "Bearer guess"})
    error_of(resp, 403)
    assert client.get("/api/articles/n1").status_code == 404


def test_ingest_with_the_token(tmp_path: Path) -> None:
    db = _ledger(tmp_path)
    with TestClient(create_app(db, ingest_token="s3cret")) as c:
        error_of(c.post("/api/ingest", json={"articles": [NEW]}), 401, "HTTP_401")
        error_of(c.post("/api/ingest", json={"articles": [NEW]}, headers={"Authorization": "Bearer wrong"}), 401)
        auth = {"Authorization": "Bearer s3cret"}
        bad = [NEW, {"id": "n2", "text": " "}, {"id": "n3", "text": "نص", "published": "soon"}, {**NEW}]
        out = c.post("/api/ingest", json={"articles": bad}, headers=auth).json()
        assert (out["added"], out["unchanged"], out["replaced"]) == (1, 0, 0)
        assert [(r["id"], r["reason"][:4]) for r in out["rejected"]] == [("n2", "E001"), ("n3", "E007"), ("n1", "E012")]
        again = c.post("/api/ingest", json={"articles": [NEW]}, headers=auth).json()
        assert (again["added"], again["unchanged"]) == (0, 1)
        changed = c.post(
            "/api/ingest", json={"articles": [{**NEW, "text": NEW["text"] + " وأضاف أن 3 جرحوا."}]}, headers=auth
        ).json()
        assert changed["replaced"] == 1
        assert c.get("/api/articles/n1").json()["article"]["source"] == "وكالة د"
        assert c.get("/api/articles").json()["total"] == 5
        # the figures of the new article are linked and shown
        homes = [x for x in c.get("/api/timeline").json()["items"] if x["doc_key"] == "n1"]
        assert [(x["text"], x["measure"]) for x in homes] == [("20", "destroyed/منزل")]
        error_of(c.post("/api/ingest", json={"articles": [{"text": "بلا معرف"}]}, headers=auth), 422)
        error_of(c.post("/api/ingest", json={"articles": [NEW] * 101}, headers=auth), 422)


# -- the page, headers and the rest ------------------------------------------------------------


def test_security_headers_on_every_kind_of_response(client: TestClient) -> None:
    for resp in (
        client.get("/api/health"),
        client.get("/"),
        client.get("/api/articles/none"),
        client.post("/api/extract", json={"text": 1}),
        client.get("/openapi.json"),
    ):
        assert set(resp.headers) >= SECURITY, (resp.request.url, resp.headers)
        assert resp.headers["content-security-policy"].startswith("default-src 'self'")
        assert "unsafe-inline" not in resp.headers["content-security-policy"]
        assert resp.headers["x-content-type-options"] == "nosniff"
        assert resp.headers["referrer-policy"] == "no-referrer"


def test_page_and_static_files(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    if (web_app.STATIC / "index.html").is_file():
        assert page.text == (web_app.STATIC / "index.html").read_text(encoding="utf-8")
        assert "<script>" not in page.text  # no inline script: the CSP would block it anyway
        for asset in sorted(web_app.STATIC.iterdir())[:3]:
            assert client.get(f"/static/{asset.name}").status_code == 200
    error_of(client.get("/static/../../pyproject.toml"), 404)
    error_of(client.get("/static/no-such-file.js"), 404)


def test_page_without_static_files_explains(tmp_path: Path) -> None:
    app = FastAPI()
    web_app._mount_page(app, tmp_path / "missing")
    with TestClient(app) as c:
        resp = c.get("/")
        assert resp.status_code == 200 and "/api/health" in resp.text
        assert c.get("/static/app.js").status_code == 404


def test_unexpected_errors_are_500_with_the_shape(db: str) -> None:
    app = create_app(db)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("internal detail")

    with TestClient(app, raise_server_exceptions=False) as c:
        resp = c.get("/boom")
        err = error_of(resp, 500, "HTTP_500")
        assert "internal detail" not in err["message"]
        assert resp.headers["x-content-type-options"] == "nosniff"


def test_host_header_is_checked_when_asked(db: str) -> None:
    with TestClient(
        create_app(db, allowed_hosts=cli_serve.loopback_hosts("127.0.0.1")), base_url="http://127.0.0.1:8000"
    ) as c:
        assert c.get("/api/health").status_code == 200
        assert c.get("/api/health", headers={"host": "localhost:8000"}).status_code == 200
        error_of(c.get("/api/health", headers={"host": "evil.example:8000"}), 400, "HTTP_400")


def test_serve_command_reads_the_token_from_the_environment(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))

    @click.group()
    def main() -> None:
        pass

    cli_serve.register(main)
    res = CliRunner().invoke(
        main, ["serve", "--db", db, "--port", "8123", "--token-env", "MY_TOKEN"], env={"MY_TOKEN": "tok"}
    )
    assert res.exit_code == 0, res.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8123 and "ingest on" in res.stderr
    with TestClient(seen["app"], base_url="http://127.0.0.1:8123") as c:
        resp = c.post("/api/ingest", json={"articles": []}, headers={"Authorization": "Bearer tok"})
        assert resp.json() == {"added": 0, "unchanged": 0, "replaced": 0, "rejected": []}
    res = CliRunner().invoke(main, ["serve", "--db", db], env={"RAWI_INGEST_TOKEN": ""})
    assert res.exit_code == 0 and "ingest off" in res.stderr
    assert cli_serve.is_loopback("::1") and cli_serve.is_loopback("localhost")
    assert not cli_serve.is_loopback("0.0.0.0")


def test_a_date_bound_that_is_not_iso_is_refused(client: TestClient) -> None:
    for path in ("/api/claims", "/api/figures", "/api/conflicts", "/api/timeline?entity=x&", "/api/sources?entity=x&"):
        sep = "&" if path.endswith("&") else "?"
        res = client.get(f"{path.rstrip('&')}{sep}since=01/09/2025")
        assert res.status_code == 422, path
    assert client.get("/api/claims?since=2025-09&until=2025-09-30T18:00").status_code == 200
