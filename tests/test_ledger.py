"""The ledger store: migrations, idempotent all-or-nothing ingest, syndication, reads, crash safety.

Store-level tests take `url` and run on in-memory SQLite, and on PostgreSQL too
when RAWI_TEST_PG_URL names a scratch database (its rawi tables are dropped
before each test). WAL, defaults and kill -9 are SQLite-file tests.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import platformdirs
import pytest
from sqlalchemy import Engine, inspect, text

from ledger_support import drop_all
from rawi.api import extract_article
from rawi.ledger import MIGRATIONS, Ledger, LedgerError, Migration, applied, migrate
from rawi.ledger import engine as ledger_engine
from rawi.ledger import write as ledger_write
from rawi.model import Analysis, Article

PG_URL = os.environ.get("RAWI_TEST_PG_URL")

KIM = "قال كيم جونغ أون، بحسب ما نقلت عنه وكالة الأنباء المركزية الكورية، إن الجيش أرسل نحو 12 ألف جندي إلى روسيا."
HEALTH = (
    "ذكرت وزارة الصحة الفلسطينية أن ما بين 30 و40 شخصا قتلوا في غزة أمس. "
    "وقال الرئيس الأمريكي دونالد ترامب إن التضخم بلغ 2.5% في مارس 2025."
)
DENY = "نفى المتحدث باسم الجيش الإسرائيلي أن يكون 50 جنديا أصيبوا."
MINISTER = "قال وزير الخارجية المصري إن 300 شخص قتلوا في غزة يوم الأحد. وأضاف أن الحكومة أرسلت أكثر من 10 آلاف جندي."
TRUMP = "وقال ترامب إن 500 جندي سيصلون الأسبوع المقبل."


ALL_MIGRATIONS = [
    "0001_initial",
    "0002_figures",
    "0003_search",
    "0004_spots",
    "0005_context",
    "0006_entity_keys_index",
    "0007_several",
    "0008_toll",
]


def pair(id: str, body: str, published: str | None = "2025-03-10", **kw: str) -> tuple[Article, Analysis]:
    art = Article(id, body, published, **kw)
    return art, extract_article(art)


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest) -> str:
    if request.param == "sqlite":
        return "sqlite://"
    if not PG_URL:
        pytest.skip("RAWI_TEST_PG_URL is not set")
    drop_all(PG_URL)
    return PG_URL


@pytest.fixture
def ledger(url: str) -> Iterator[Ledger]:
    with Ledger.open(url) as led:
        yield led


def _tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())


# -- migrations --------------------------------------------------------------


def test_migrations_are_recorded_and_rerunning_is_a_no_op(url: str) -> None:
    engine = ledger_engine.create(url)
    try:
        assert migrate(engine) == ALL_MIGRATIONS
        assert migrate(engine) == []
        assert applied(engine) == ALL_MIGRATIONS
        assert {
            "articles",
            "entities",
            "mentions",
            "attributions",
            "relays",
            "times",
            "quantities",
            "figures",
            "figure_articles",
            "figure_pairs",
            "ledger_state",
            "schema_migrations",
        } <= _tables(engine)
        with engine.connect() as conn:
            assert all(conn.execute(text("SELECT applied_at FROM schema_migrations")).scalars())
    finally:
        engine.dispose()


def test_figures_migration_makes_frames_for_articles_already_stored(url: str) -> None:
    """A ledger written before figure frames existed gets a frame for every stored quantity,
    made from the stored extraction, and its links on the first query."""
    engine = ledger_engine.create(url)
    try:
        assert migrate(engine, MIGRATIONS[:1]) == ["0001_initial"]
        art, ana = pair("old", MINISTER)
        with ledger_engine.writer(engine).begin() as conn:
            ledger_write.write_article(conn, art, ana, datetime.now(UTC), frames=[])
        assert "figures" not in _tables(engine)
        assert migrate(engine) == ALL_MIGRATIONS[1:]
        led = Ledger(engine)
        page, total = led.figures()
        assert total == len(ana.quantities) == 2
        killed = next(f for f in page if f.text == "300")
        assert (killed.measure, killed.source, killed.said_on) == (
            "killed/person",
            "وزير الخارجية المصري",
            "2025-03-10",
        )
        assert killed.key is not None  # linked on the first query
    finally:
        engine.dispose()


def test_a_failing_migration_leaves_nothing_behind(url: str) -> None:
    def good(conn: object) -> None:
        conn.exec_driver_sql("CREATE TABLE mig_ok (x INTEGER)")  # type: ignore[attr-defined]

    def bad(conn: object) -> None:
        conn.exec_driver_sql("CREATE TABLE mig_half (x INTEGER)")  # type: ignore[attr-defined]
        raise RuntimeError("boom")

    engine = ledger_engine.create(url)
    try:
        with pytest.raises(RuntimeError, match="boom"):
            migrate(engine, [Migration("0001_ok", good), Migration("0002_bad", bad)])
        assert applied(engine) == ["0001_ok"]
        tables = _tables(engine)
        assert "mig_ok" in tables and "mig_half" not in tables  # the DDL was rolled back with its record
        assert migrate(engine, [Migration("0001_ok", good)]) == []
    finally:
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE IF EXISTS mig_ok")
            conn.exec_driver_sql("DELETE FROM schema_migrations")
        engine.dispose()


def test_a_ledger_from_a_newer_rawi_is_refused(ledger: Ledger) -> None:
    with ledger.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO schema_migrations (name, applied_at) VALUES ('9999_future', CURRENT_TIMESTAMP)"
        )
    with pytest.raises(LedgerError, match="9999_future"):
        migrate(ledger.engine)


# -- ingest --------------------------------------------------------------------


def test_ingest_adds_then_keeps_then_replaces(ledger: Ledger) -> None:
    art, ana = pair("m1", MINISTER, source="الأهرام")
    assert ledger.ingest(art, ana) == "added"
    before = ledger.article("m1")
    assert ledger.ingest(art, ana) == "unchanged"
    assert ledger.article("m1") == before  # nothing written, not even ingested_at
    assert ledger.seen(art)
    changed, ana2 = pair("m1", MINISTER.replace("300", "450"), source="الأهرام")
    assert not ledger.seen(changed)
    assert ledger.ingest(changed, ana2) == "replaced"
    stored = ledger.article("m1")
    assert stored is not None and stored.analysis.to_json() == ana2.to_json()
    values = [q.value for q in ledger.quantities()]
    assert 450 in values and 300 not in values  # the old extraction is gone, not duplicated
    s = ledger.stats()
    assert (s.articles, s.attributions, s.quantities) == (1, len(ana2.attributions), len(ana2.quantities))


@pytest.mark.parametrize("body", [KIM, HEALTH, DENY, MINISTER])
def test_stored_analysis_reads_back_as_ingested(ledger: Ledger, body: str) -> None:
    art, ana = pair("x", body, title="عنوان", url="https://example.com/x", source="وكالة")
    ledger.ingest(art, ana)
    stored = ledger.article("https://example.com/x")
    assert stored is not None
    assert stored.analysis.to_json() == ana.to_json()  # ints stay ints, relays, null sources, stances
    row = stored.row
    assert (row.given_id, row.title, row.url, row.source, row.lang) == ("x", "عنوان", art.url, "وكالة", "ar")
    for q in stored.analysis.quantities:  # offsets index the stored text
        assert stored.analysis.text[q.span.start : q.span.end] == q.span.text
    assert ledger.article("x") is None  # the URL, not the id, is the key when both are given


def test_ingest_many_batches_and_reports_each_article(ledger: Ledger) -> None:
    pairs = [pair(f"d{i}", MINISTER.replace("300", str(300 + i))) for i in range(7)]
    assert ledger.ingest_many(pairs, batch_size=3) == ["added"] * 7
    again = [*pairs[:2], pair("d2", MINISTER.replace("300", "999")), pairs[2]]
    out = list(ledger.ingest_stream(again, batch_size=2))
    assert [(o.doc_key, o.status) for o in out] == [
        ("d0", "unchanged"),
        ("d1", "unchanged"),
        ("d2", "replaced"),
        ("d2", "replaced"),
    ]
    assert ledger.stats().articles == 7
    with pytest.raises(ValueError):
        ledger.ingest_many(pairs, batch_size=0)


def test_a_failure_mid_article_stores_nothing_of_it(ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    old = pair("k", KIM)
    ledger.ingest(*old)
    before = ledger.stats()

    def boom(*_a: object) -> None:  # raised after entities, mentions and attributions are written
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(ledger_write, "_quantity_row", boom)
    with pytest.raises(RuntimeError):
        ledger.ingest(*pair("h", HEALTH))
    with pytest.raises(RuntimeError):
        ledger.ingest(*pair("k", KIM.replace("12", "15")))
    with pytest.raises(RuntimeError):  # a batch fails whole: no article of it is half-stored
        ledger.ingest_many([pair("d", DENY), pair("h", HEALTH)])
    assert ledger.stats() == before
    stored = ledger.article("k")
    assert stored is not None and stored.analysis.to_json() == old[1].to_json()
    assert ledger.article("h") is None and ledger.article("d") is None


def test_mismatched_analysis_is_refused(ledger: Ledger) -> None:
    art, _ = pair("a", KIM)
    _, other = pair("a", DENY)
    with pytest.raises(ValueError):
        ledger.ingest(art, other)


def test_syndicated_copies_are_linked_to_the_first(ledger: Ledger) -> None:
    ledger.ingest(*pair("wire", KIM, source="يونهاب"))
    # The same story elsewhere: other spacing, harakat and hamza forms do not hide it.
    copy = KIM.replace("قال", "قالَ").replace("  ", " ").replace("أرسل", "ارسل") + "\n"
    ledger.ingest(*pair("copy1", copy, source="الجزيرة"))
    ledger.ingest(*pair("copy2", KIM, source="العربية"))
    ledger.ingest(*pair("other", DENY))
    rows = {r.doc_key: r for r in ledger.articles()}
    assert rows["wire"].syndicated_of is None and rows["other"].syndicated_of is None
    assert rows["copy1"].syndicated_of == rows["copy2"].syndicated_of == "wire"
    assert ledger.stats().syndicated == 2
    assert {c.syndicated_of for c in ledger.claims(source="الجزيرة")} == {"wire"}
    # The original is rewritten: its former copies now hang off the oldest of them.
    ledger.ingest(*pair("wire", DENY.replace("50", "70"), source="يونهاب"))
    rows = {r.doc_key: r for r in ledger.articles()}
    assert rows["wire"].syndicated_of is None
    assert rows["copy1"].syndicated_of is None and rows["copy2"].syndicated_of == "copy1"
    # And a copy rewritten to match another story joins that one.
    ledger.ingest(*pair("copy2", DENY))
    assert {r.doc_key: r for r in ledger.articles()}["copy2"].syndicated_of == "other"


# -- reads -------------------------------------------------------------------


def _corpus(ledger: Ledger) -> None:
    ledger.ingest_many(
        [
            pair("1", MINISTER, "2025-01-02", source="الأهرام"),
            pair("2", HEALTH, "2025-03-10T18:30:00", source="وفا"),
            pair("3", TRUMP, "2025-03-11", source="سي إن إن"),
            pair("4", DENY, None, source="وفا"),
        ]
    )


def test_claims_filter_by_speaker_outlet_and_dateline(ledger: Ledger) -> None:
    _corpus(ledger)
    allc = ledger.claims()
    assert [c.doc_key for c in allc] == ["1", "1", "2", "2", "3", "4"]  # dateline order, undated last
    minister = ledger.claims(entity="وزير الخارجيه المصري")  # folded or not, the speaker is found
    assert len(minister) == 2 and minister == ledger.claims(entity="وزير الخارجية المصري")
    assert minister[1].cue == "وأضاف" and minister[1].speaker == "وزير الخارجية المصري"  # dropped subject
    trump = ledger.claims(entity="Q22686")  # by link, across articles and name variants
    assert {c.doc_key for c in trump} == {"2", "3"}
    assert {c.doc_key for c in ledger.claims(source="وفا")} == {"2", "4"}
    assert [c.doc_key for c in ledger.claims(since="2025-03-10", until="2025-03-10")] == ["2", "2"]
    assert {c.doc_key for c in ledger.claims(until="2025-03-10")} == {"1", "2"}
    deny = ledger.claims(source="وفا", since="2025-01-01")
    assert all(c.doc_key == "2" for c in deny)
    page = ledger.claims(limit=2, offset=2)
    assert page == allc[2:4]
    assert ledger.claims(entity="لا أحد") == []
    assert next(c for c in allc if c.doc_key == "4").stance == "deny"


def test_quantities_carry_their_claimant(ledger: Ledger) -> None:
    _corpus(ledger)
    qs = ledger.quantities()
    by_text = {q.text: q for q in qs}
    rng = by_text["ما بين 30 و40"]
    assert (rng.value, rng.high, rng.qualifier, rng.speaker) == (30, 40, "range", "وزارة الصحة الفلسطينية")
    assert isinstance(rng.value, int) and by_text["2.5"].value == 2.5 and by_text["2.5"].unit == "%"
    assert by_text["أكثر من 10 آلاف"].attribution == "a2"
    assert {q.text for q in ledger.quantities(entity="Q22686")} == {"2.5", "500"}
    assert [q.value for q in ledger.quantities(unit="جندي")] == [10000, 500]
    assert ledger.quantities(source="وفا", since="2025-03-11") == []
    j = rng.to_json()
    assert j["doc_key"] == "2" and j["high"] == 40


def test_entities_are_resolved_across_articles(ledger: Ledger) -> None:
    _corpus(ledger)
    ledger.ingest(*pair("5", "قالت وزارة الصحه الفلسطينيه إن 20 شخصا أصيبوا.", "2025-03-12"))
    ents = {e.global_key: e for e in ledger.entities()}
    trump = ents["Q22686"]
    assert trump.articles == 2 and trump.type == "PERSON" and trump.link == "Q22686"
    assert trump.mentions >= 3
    health = ents["وزاره الصحه الفلسطينيه"]  # folded spelling variants are one referent
    assert health.articles == 2 and health.name in {"وزارة الصحة الفلسطينية", "وزارة الصحه الفلسطينيه"}
    gaza = ents["غزه"]
    assert gaza.articles == 2 and gaza.name == "غزة"
    assert ledger.entities()[0].articles >= ledger.entities()[-1].articles
    assert all(e.type == "GPE" for e in ledger.entities(type="GPE"))
    assert len(ledger.entities(limit=2)) == 2


def test_articles_listing(ledger: Ledger) -> None:
    _corpus(ledger)
    rows = ledger.articles()
    assert [r.doc_key for r in rows] == ["3", "2", "1", "4"]  # newest dateline first, undated last
    assert rows[1].attributions == 2 and rows[1].quantities == 2 and rows[1].ingested_at.endswith("+00:00")
    assert [r.doc_key for r in ledger.articles(limit=2, offset=1)] == ["2", "1"]
    stored = ledger.article("2")
    assert stored is not None and stored.to_json()["analysis"]["id"] == "2"


def test_deleting_an_article_cascades(ledger: Ledger) -> None:
    _corpus(ledger)
    with ledger.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM articles WHERE doc_key = '2'")
    s = ledger.stats()
    assert s.articles == 3 and ledger.article("2") is None
    assert all(c.doc_key != "2" for c in ledger.claims()) and s.quantities == len(ledger.quantities())


# -- SQLite files: defaults, WAL, kill -9 --------------------------------------


def test_open_without_url_uses_the_user_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(tmp_path / "data" / "rawi"))
    with Ledger.open() as led:
        assert led.ingest(*pair("a", KIM)) == "added"
        with led.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert (conn.exec_driver_sql("PRAGMA busy_timeout").scalar() or 0) >= 1000
    db = tmp_path / "data" / "rawi" / "rawi.sqlite"
    assert db.exists()
    with Ledger.open(str(db)) as led:  # a bare path is a SQLite file too
        assert led.stats().articles == 1


def test_url_resolution() -> None:
    assert ledger_engine.resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert ledger_engine.resolve_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert ledger_engine.resolve_url("sqlite://") == "sqlite://"
    assert ledger_engine.resolve_url("x.db").startswith("sqlite:////")


CHILD = """
import sys, time
from rawi.api import extract_article
from rawi.model import Article
from rawi.ledger import Ledger, write

db, n, stall_at = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
body = {body!r}
pairs = []
for i in range(n):
    art = Article(f"k{{i}}", body.replace("300", str(1000 + i)), "2025-01-02")
    pairs.append((art, extract_article(art)))
real = write.write_children
count = 0
def stalling(conn, items):
    global count
    real(conn, items)
    count += len(items)
    if count >= stall_at > count - len(items):  # mid-transaction: its batch's rows are written, not committed
        print("inside", flush=True)
        time.sleep(60)
write.write_children = stalling
with Ledger.open(db) as led:
    for r in led.ingest_stream(pairs, batch_size=5):
        print(r.doc_key, r.status, flush=True)
print("done", flush=True)
"""


def _child(tmp_path: Path, db: Path, n: int, stall_at: int) -> subprocess.Popen[str]:
    script = tmp_path / "child.py"
    script.write_text(CHILD.format(body=MINISTER), encoding="utf-8")
    return subprocess.Popen(
        [sys.executable, str(script), str(db), str(n), str(stall_at)], stdout=subprocess.PIPE, text=True
    )


def test_kill_9_mid_ingest_leaves_no_half_article(tmp_path: Path) -> None:
    db = tmp_path / "kill.sqlite"
    n = 30
    proc = _child(tmp_path, db, n, stall_at=13)
    assert proc.stdout is not None
    lines = []
    for line in proc.stdout:  # bounded: the child stalls at article 13 and waits to be killed
        if line.strip() == "inside":
            break
        lines.append(line.split())
    else:
        proc.wait(10)
        pytest.fail(f"child ended without stalling: {lines}")
    try:
        # WAL: a reader is not blocked by the writer's open transaction, and sees only commits.
        with Ledger.open(str(db)) as led:
            assert led.stats().articles == 10
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
    assert len(lines) == 10 and all(s == "added" for _, s in lines)

    with Ledger.open(str(db)) as led:
        s = led.stats()
        assert s.articles == 10  # batches 1-2 committed; batch 3 (articles 11-15) is not there at all
        per_article = len(extract_article(Article("k0", MINISTER, "2025-01-02")).quantities)
        assert s.quantities == 10 * per_article
        assert led.article("k11") is None
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        con.close()

    proc = _child(tmp_path, db, n, stall_at=0)
    out, _ = proc.communicate(timeout=60)
    statuses = [line.split()[1] for line in out.splitlines() if line != "done"]
    assert statuses == ["unchanged"] * 10 + ["added"] * (n - 10)
    with Ledger.open(str(db)) as led:
        s = led.stats()
        assert s.articles == n and s.quantities == n * per_article
        assert len({r.doc_key for r in led.articles(limit=1000)}) == n
        stored = led.article("k12")
        art = Article("k12", MINISTER.replace("300", "1012"), "2025-01-02")
        assert stored is not None and stored.analysis.to_json() == extract_article(art).to_json()


def test_two_writers_at_once_store_each_article_once(tmp_path: Path) -> None:
    db = tmp_path / "two.sqlite"
    with Ledger.open(str(db)):
        pass  # migrate first, so the two children race on articles only
    procs = [_child(tmp_path, db, 20, stall_at=0) for _ in range(2)]
    outs = [p.communicate(timeout=60)[0] for p in procs]
    assert all(p.returncode == 0 for p in procs)
    statuses = [line.split()[1] for out in outs for line in out.splitlines() if line != "done"]
    assert statuses.count("added") == 20 and statuses.count("unchanged") == 20
    with Ledger.open(str(db)) as led:
        assert led.stats().articles == 20


def test_links_made_by_other_rules_are_made_again(ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    """After an upgrade that changes how figures are linked, the first query relinks: stored
    confidences and pairs are never those of the rules before."""
    from rawi.ledger import links

    ledger.ingest(*pair("m", MINISTER))
    ledger.ensure_links()
    with ledger.engine.connect() as conn:
        assert links.links_current(conn)
    monkeypatch.setattr(links, "RULES", "a later version")
    with ledger.engine.connect() as conn:
        assert not links.links_current(conn)
    ledger.figures()  # a query brings the links up to date
    with ledger.engine.connect() as conn:
        assert links.links_current(conn)


def test_frames_made_by_an_older_rawi_are_made_again(ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    """The ledger records which frame rules made its frames; after an upgrade that reads figures
    differently it says so, and `reframe` makes them again from the stored extractions."""
    from rawi.ledger import reframe as reframing

    ledger.ingest(*pair("m", MINISTER))
    before, total = ledger.figures()
    assert ledger.frames_current() and total == 2
    monkeypatch.setattr(reframing, "FRAMES", "a later version")
    assert not ledger.frames_current()
    assert ledger.reframe() == 1
    assert ledger.frames_current()
    after, _ = ledger.figures()
    assert [(f.text, f.measure, f.key is not None) for f in after] == [(f.text, f.measure, True) for f in before]


def test_a_ledger_with_figures_but_no_record_of_their_rules_is_stale(ledger: Ledger) -> None:
    from rawi.ledger.schema import ledger_state

    ledger.ingest(*pair("m", MINISTER))
    with ledger_engine.writer(ledger.engine).begin() as conn:
        conn.execute(ledger_state.delete().where(ledger_state.c.key == "frames_made_by"))
    assert not ledger.frames_current()
    ledger.reframe()
    assert ledger.frames_current()


def test_migration_0005_stores_each_figures_sentence(url: str) -> None:
    """A ledger whose figures have no stored sentence (written before 0005) gets them from the
    stored texts; listing figures then reads no article text."""
    engine = ledger_engine.create(url)
    try:
        migrate(engine)
        led = Ledger(engine)
        art, ana = pair("m", MINISTER)
        led.ingest(art, ana)
        with ledger_engine.writer(engine).begin() as conn:
            conn.execute(text("UPDATE figures SET context = NULL"))
            conn.execute(text("DELETE FROM schema_migrations WHERE name = '0005_context'"))
        assert migrate(engine) == ["0005_context"]  # 0006 was applied already
        page, _ = led.figures()
        for f in page:
            assert f.context and f.text in f.context and f.context in MINISTER
    finally:
        engine.dispose()


def _column_migrated_then_reframed(
    url: str, body: str, column: str, migration: str, keyed_only: bool = False
) -> tuple[list[object], list[object]]:
    """Ingest `body`, then undo `migration` (drop its `figures.column`, forget it) as if the ledger
    were written before it; migrate again and return the column's values before and after the
    reframe the new frame rules call for (after it, of figures with a measure if `keyed_only`)."""
    engine = ledger_engine.create(url)
    try:
        migrate(engine)
        led = Ledger(engine)
        led.ingest(*pair("s", body))
        with ledger_engine.writer(engine).begin() as conn:
            conn.execute(text(f"ALTER TABLE figures DROP COLUMN {column}"))
            conn.execute(text(f"DELETE FROM schema_migrations WHERE name = '{migration}'"))
        assert migrate(engine) == [migration]
        with engine.connect() as conn:
            before = list(conn.execute(text(f"SELECT {column} FROM figures")).scalars())
        assert led.reframe() == 1
        where = " WHERE measure != ''" if keyed_only else ""
        with engine.connect() as conn:
            after = list(conn.execute(text(f"SELECT {column} FROM figures{where}")).scalars())
        return before, after
    finally:
        engine.dispose()


def test_migration_0007_adds_the_several_incidents_mark(url: str) -> None:
    """A ledger written before 0007 gets the column, every figure marked as one incident; the
    reframe that the new frame rules call for marks a sum of several incidents."""
    body = "قال مصدر أمني إن أربعة أشخاص قتلوا في ثلاثة حوادث أمنية منفصلة في بغداد يوم الأحد."
    before, marks = _column_migrated_then_reframed(url, body, "several", "0007_several")
    assert not any(before)
    assert marks and all(marks)


def test_migration_0008_adds_the_toll_stage(url: str) -> None:
    """A ledger written before 0008 gets the column, empty for every figure; the reframe that the
    new frame rules call for reads a provisional toll."""
    body = "قال مصدر أمني إن 21 شخصا قتلوا في انفجار في بغداد يوم الأحد، في حصيلة أولية."
    before, stages = _column_migrated_then_reframed(url, body, "toll", "0008_toll", keyed_only=True)
    assert set(before) == {""}
    assert stages and set(stages) == {"provisional"}
