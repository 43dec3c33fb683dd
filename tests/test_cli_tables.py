"""The ledger commands as an analyst reads them: headed tables whose Arabic cells keep their place,
totals and paging, articles and claims found however hamza and alef are written, CSV that a
spreadsheet opens, dates that are checked. On SQLite, and on PostgreSQL when RAWI_TEST_PG_URL is set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from ledger_support import backend_url
from rawi.api import extract_article
from rawi.cli import main
from rawi.cli_output import FSI, PDI
from rawi.ledger import MIGRATIONS, Ledger, migrate
from rawi.ledger import engine as ledger_engine
from rawi.model import Article

# Three spellings of one name (hamza above, none, hamza below), as the corpora write it.
ARTICLES = [
    Article(
        "e1",
        "قال الرئيس التركي رجب طيب أردوغان إن بلاده سترسل مساعدات إلى غزة.",
        "2025-03-01",
        "أردوغان يعد بمساعدات",
        None,
        "وكالة أ",
    ),
    Article("e2", "نفى المتحدث باسم الحكومة أن يكون اردوغان قد التقى الوفد.", "2025-03-02", None, None, "وكالة ب"),
    Article(
        "e3",
        "وأكد إردوغان أن 300 شاحنة عبرت الحدود. وقالت وزارة الصحة إن 40 شخصا قتلوا.",
        "2025-03-03",
        None,
        None,
        "وكالة ب",
    ),
]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    url = backend_url(request.param, tmp_path_factory)
    with Ledger.open(url) as ledger:
        ledger.ingest_many([(a, extract_article(a)) for a in ARTICLES])
    return url


def run(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, list(args))
    return res.exit_code, res.stdout, res.stderr


def ok(*args: str) -> str:
    code, out, err = run(*args)
    assert code == 0, err
    return out


def test_a_table_has_a_header_and_every_cell_is_isolated(db: str) -> None:
    out = ok("claims", "--db", db)
    head, rule, *rows = out.splitlines()
    assert head.split() == ["published", "speaker", "cue", "stance", "what", "was", "said", "article"]
    assert set(rule) == {"─"}
    # Each cell sits in its own bidi isolate, so an Arabic cell cannot reorder its neighbours.
    first = rows[0]
    assert first.count(FSI) == first.count(PDI) >= 5
    assert f"{FSI}2025-03-01{PDI}" in first and f"{FSI}assert{PDI}" in first


def test_tables_say_how_many_and_how_to_see_more(db: str) -> None:
    code, out, err = run("claims", "--db", db, "--limit", "1")
    assert code == 0 and err.strip() == "1-1 of 4 claims; next page: --offset 1"
    _, _, err = run("claims", "--db", db, "--offset", "1", "--limit", "10")
    assert err.strip() == "2-4 of 4 claims"
    _, out, err = run("claims", "--db", db, "--entity", "لا أحد")
    assert err.strip() == "no claims" and out.strip() == ""


def test_search_folds_hamza_and_alef(db: str) -> None:
    """«أردوغان», «اردوغان» and «إردوغان» find the same three articles, and the one claim whose
    content names him (the others have him as the speaker)."""
    for spelling in ("أردوغان", "اردوغان", "إردوغان", "آردوغان"):
        found = json.loads(ok("articles", spelling, "--db", db, "--format", "json"))
        assert sorted(a["doc_key"] for a in found) == ["e1", "e2", "e3"], spelling
        claims = json.loads(ok("claims", "--db", db, "--search", spelling, "--format", "json"))
        assert [c["doc_key"] for c in claims] == ["e2"], spelling
    # A title is searched too, and the outlet is a key of its own.
    assert [a["doc_key"] for a in json.loads(ok("articles", "يعد بمساعدات", "--db", db, "--format", "json"))] == ["e1"]
    assert {a["doc_key"] for a in json.loads(ok("articles", "وكالة ب", "--db", db, "--format", "json"))} == {"e2", "e3"}


def test_articles_lists_newest_first_and_shows_one(db: str) -> None:
    rows = json.loads(ok("articles", "--db", db, "--format", "json"))
    assert [r["doc_key"] for r in rows] == ["e3", "e2", "e1"]
    out = ok("articles", "--db", db, "--show", "e3")
    assert "وزارة الصحة" in out and "300 شاحنة" in out
    whole = json.loads(ok("articles", "--db", db, "--show", "e3", "--format", "json"))
    assert whole[0]["analysis"]["text"] == ARTICLES[2].text
    code, _, err = run("articles", "--db", db, "--show", "nope")
    assert code == 1 and "no article with key 'nope'" in err


def test_claims_by_stance_and_newest_first(db: str) -> None:
    denied = json.loads(ok("claims", "--db", db, "--stance", "deny", "--format", "json"))
    assert [c["doc_key"] for c in denied] == ["e2"]
    newest = json.loads(ok("claims", "--db", db, "--sort", "newest", "--format", "json"))
    assert [c["published"] for c in newest] == sorted((c["published"] for c in newest), reverse=True)
    assert newest[0]["doc_key"] == "e3"


def test_sources_take_dates_and_limits(db: str) -> None:
    every = json.loads(ok("sources", "غزة", "--db", db, "--format", "json"))
    assert every and every[0]["first"] == "2025-03-01"
    assert json.loads(ok("sources", "غزة", "--db", db, "--since", "2025-03-02", "--format", "json")) == []
    code, _, err = run("sources", "أردوغان", "--db", db, "--limit", "1")
    assert code == 0 and err.startswith("1-1 of ")


def test_excel_csv_has_a_byte_order_mark_and_crlf(db: str) -> None:
    res = CliRunner().invoke(main, ["claims", "--db", db, "--excel"])
    raw = res.stdout_bytes
    assert raw.startswith("\ufeff".encode()) and b"\r\n" in raw
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("doc_key,published,") and len(lines) == 5
    plain = CliRunner().invoke(main, ["claims", "--db", db, "--format", "csv"]).stdout_bytes
    assert not plain.startswith("\ufeff".encode()) and b"\r\n" not in plain


@pytest.mark.parametrize("command", ["claims", "figures", "conflicts", "articles"])
def test_a_bad_date_is_an_error_not_an_empty_answer(db: str, command: str) -> None:
    args = [command, "--db", db, "--since", "2025-13-01"]
    if command == "articles":
        args = ["claims", "--db", db, "--until", "yesterday"]
    code, _, err = run(*args)
    assert code == 2 and "is not an ISO date: use YYYY-MM-DD" in err


def test_search_migration_fills_ledgers_written_before_it(tmp_path: Path) -> None:
    """A ledger from before 0003 (no folded copies) is searchable after opening."""
    url = str(tmp_path / "old.sqlite")
    with Ledger.open(url) as ledger:
        ledger.ingest_many([(a, extract_article(a)) for a in ARTICLES])
    engine = ledger_engine.create(url)
    with engine.begin() as conn:  # back to the shape before 0003
        conn.execute(text("DELETE FROM schema_migrations WHERE name = '0003_search'"))
        conn.execute(text("ALTER TABLE articles DROP COLUMN search"))
        conn.execute(text("ALTER TABLE attributions DROP COLUMN content_search"))
    assert migrate(engine, MIGRATIONS) == ["0003_search"]
    engine.dispose()
    found = json.loads(ok("articles", "اردوغان", "--db", url, "--format", "json"))
    assert len(found) == 3
