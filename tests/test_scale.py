"""Running extract and ingest on a real Dask cluster (`rawi.scale`): the same output and the same
ledger rows as one process, bad articles reported the same way, and nothing lost or written twice
when a worker or the driver is killed.

One `LocalCluster` of two worker processes serves the whole module (starting one costs seconds);
the inputs are small and the partitions tiny, so that every input is split many times.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ledger_support import drop_all
from rawi.cli import main
from rawi.ingest import iter_inputs
from rawi.ledger import engine as ledger_engine
from rawi.ledger import schema
from rawi.reading import iter_jsonl
from rawi.scale import Scale
from rawi.scale.partitions import LineBlock, Skipped, jsonl_parts
from rawi.scale.sources import plan_sources
from rawi.service import Service, Summary

distributed = pytest.importorskip("distributed")

PG_URL = os.environ.get("RAWI_TEST_PG_URL")
TINY = 1500  # bytes per partition: a handful of articles

CITIES = ("بغداد", "الموصل", "البصرة", "كركوك", "حلب", "دمشق", "غزة", "صنعاء", "عدن", "طرابلس")
SPEAKERS = ("وزارة الصحة", "الدفاع المدني", "المتحدث باسم الشرطة", "مصدر أمني", "محافظ المدينة")
EVENTS = ("انفجار سيارة مفخخة", "قصف مدفعي", "هجوم مسلح", "غارة جوية")


def story(i: int) -> dict[str, str]:
    """A short report with a speaker, a cue, a date and figures; neighbours disagree on the toll."""
    city, speaker, event = CITIES[i % 10], SPEAKERS[i % 5], EVENTS[(i // 10) % 4]
    killed, wounded = 10 + (i * 7) % 90, 20 + (i * 13) % 150
    text = (
        f"قال {speaker} في {city} إن {killed} شخصا قتلوا وأصيب {wounded} آخرون في {event} "
        f"وقع صباح الأحد في وسط المدينة. وأضاف أن فرق الإنقاذ ما زالت تبحث عن ناجين "
        f"تحت الأنقاض، فيما أعلنت السلطات الحداد ثلاثة أيام. التقرير رقم {i}."
    )
    return {"id": f"s{i}", "text": text, "published": f"2025-03-{1 + i % 28:02d}", "source": f"وكالة {i % 3}"}


def jsonl(objs: list[Any]) -> str:
    return "".join((o if isinstance(o, str) else json.dumps(o, ensure_ascii=False)) + "\n" for o in objs)


def html_page(i: int) -> bytes:
    s = story(500 + i)
    return (
        f"<!DOCTYPE html><html lang='ar'><head><meta charset='utf-8'><title>خبر {i}</title>"
        f"<meta property='article:published_time' content='{s['published']}T09:00:00+03:00'></head>"
        f"<body><article><h1>خبر {i}</h1><p>{s['text']}</p><p>{s['text']}</p></article></body></html>"
    ).encode()


def write_warc(path: Path, pages: int) -> None:
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=True)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "rawi tests"}))
        for i in range(pages):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            w.write_record(
                w.create_warc_record(
                    f"https://news.example/p/{i}", "response", payload=io.BytesIO(html_page(i)), http_headers=http
                )
            )
            if i == 1:  # not an article: skipped without a word, but it counts as a record
                http = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
                w.write_record(
                    w.create_warc_record(
                        "https://news.example/logo.png",
                        "response",
                        payload=io.BytesIO(b"\x89PNG...."),
                        http_headers=http,
                    )
                )


def make_corpus(root: Path) -> Path:
    """A folder of every kind a partition is made of, with bad articles among the good ones."""
    feed = root / "feed"
    (feed / "docs").mkdir(parents=True)
    lines: list[Any] = [story(i) for i in range(90)]
    lines[10] = "{not json"
    lines[20] = {"id": "no-text"}
    english = (
        "The minister said on Sunday that the talks would resume next week in Geneva "
        "after a pause of several months, according to officials."
    )
    lines[30] = {"id": "en", "text": english, "published": "2025-03-02"}
    french = (
        "Le ministre a déclaré dimanche que les négociations reprendraient la semaine prochaine à "
        "Genève après une pause de plusieurs mois, selon des responsables."
    )
    lines[35] = {"id": "fr", "text": french, "published": "2025-03-02"}
    lines[40] = {"id": "empty", "text": "   "}
    lines[50] = ""  # a blank line: skipped, but it counts
    lines[70] = {**story(71), "id": "s5"}  # the id of line 6 again, another text: the first is kept (E012)
    lines[75] = {**story(2), "id": "s2"}  # the same article again: the first is kept (E012)
    (feed / "a.jsonl").write_text(jsonl(lines), encoding="utf-8")
    (feed / "b.jsonl.gz").write_bytes(gzip.compress(jsonl([story(i) for i in range(100, 140)]).encode()))
    write_warc(feed / "c.warc.gz", 4)
    for i in range(5):
        s = story(200 + i)
        (feed / "docs" / f"d{i}.txt").write_text(s["text"], encoding="utf-8")
        (feed / "docs" / f"d{i}.json").write_text(json.dumps({"published": s["published"]}), encoding="utf-8")
    (feed / "docs" / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    return feed


# -- the ledger's rows, without database ids or times ----------------------------------------------

_IDS = {
    "id",
    "article_id",
    "entity_id",
    "attribution_id",
    "source_entity_id",
    "a_id",
    "b_id",
    "syndicated_of",
    "ingested_at",
}


def snapshot(url: str) -> dict[str, Any]:
    """Every row of every table, keyed by its article's doc key; syndicated copies as groups."""
    eng = ledger_engine.create(url)
    try:
        with eng.connect() as conn:
            arts = list(conn.execute(schema.articles.select()))
            key = {a.id: a.doc_key for a in arts}
            out: dict[str, Any] = {
                "articles": sorted(tuple((c, getattr(a, c)) for c in a._fields if c not in _IDS) for a in arts)
            }
            roots: dict[str, set[str]] = {}
            for a in arts:
                roots.setdefault(key[a.syndicated_of] if a.syndicated_of else a.doc_key, set()).add(a.doc_key)
            out["syndicated"] = sorted(sorted(g) for g in roots.values() if len(g) > 1)
            for table in schema.metadata.sorted_tables:
                if table is schema.articles or "article_id" not in table.c:
                    continue
                rows = conn.execute(table.select())
                out[table.name] = sorted(
                    (key[r.article_id], *(repr(v) for c, v in r._mapping.items() if c not in _IDS)) for r in rows
                )
            fig = {f.id: (key[f.article_id], f.ord) for f in conn.execute(schema.figures.select())}
            out["figure_pairs"] = sorted(
                (p.kind, fig[p.a_id], fig[p.b_id], round(p.confidence, 6), p.reason)
                for p in conn.execute(schema.figure_pairs.select())
            )
            return out
    finally:
        eng.dispose()


def summary_of(s: Summary) -> tuple[dict[str, int], list[tuple[str, str]]]:
    return {k: v for k, v in s.counts.items() if v}, s.rejected


# -- fixtures ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=50
    ) as c:
        yield c


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("scale"))


@pytest.fixture(scope="module")
def sources(corpus: Path) -> list[str]:
    return [str(corpus), str(corpus.parent / "missing.jsonl")]


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, sources: list[str]) -> tuple[Any, Any]:
    """One process's ledger and summary for the corpus (SQLite), which every cluster run must equal."""
    db = str(tmp_path_factory.mktemp("ref") / "ref.sqlite")
    with Service.open(db) as svc:
        summary = svc.ingest_sources(sources)
    return snapshot(db), summary_of(summary)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ledger.sqlite'}"
    if not PG_URL:
        pytest.skip("RAWI_TEST_PG_URL is not set")
    drop_all(PG_URL)
    return PG_URL


def on(cluster: Any, partition_bytes: int = TINY) -> Scale:
    return Scale(scheduler=cluster.scheduler_address, partition_bytes=partition_bytes)


# -- partitions: read back, they are the input, named as one process names it ---------------------


def _read(parts: Iterator[Any]) -> list[tuple[str, Any, str | None]]:
    return [(r.input_name, r.article, r.error and str(r.error)) for p in parts for r in p.read(1_000_000)]


def test_jsonl_partitions_are_the_file_line_for_line(tmp_path: Path) -> None:
    body = jsonl([story(i) for i in range(30)] + ["", "{bad", {"id": 1}]) + json.dumps(story(99), ensure_ascii=False)
    plain, packed = tmp_path / "c.jsonl", tmp_path / "c.jsonl.gz"
    plain.write_text(body, encoding="utf-8")  # the last line has no newline
    packed.write_bytes(gzip.compress(body.encode()))
    for path in (plain, packed):
        with path.open("rb") as fh:
            whole = [(r.input_name, r.article, r.error and str(r.error)) for r in iter_jsonl(fh, str(path))]
        parts = list(jsonl_parts(str(path), 700))
        assert len(parts) > 10
        assert _read(iter(parts)) == whole


def _whole(path: Path, max_chars: int) -> list[tuple[str, Any, str | None]]:
    with path.open("rb") as fh:
        return [
            (r.input_name, r.article, str(r.error) if r.error else None) for r in iter_jsonl(fh, str(path), max_chars)
        ]


def test_a_line_too_long_for_a_record_is_skipped_in_partitions_as_in_one_process(tmp_path: Path) -> None:
    """The hostile-input rule holds on a cluster too: the driver counts such a line without
    keeping it (plain files: a range a worker reads through a window; gzip: a `Skipped` part)."""
    max_chars = 20_000  # lines over 6 * 20,000 + 64 KiB bytes cannot hold a record
    huge = json.dumps({"id": "huge", "text": "ب" * 150_000}, ensure_ascii=False)
    body = jsonl([story(1), huge, story(2), " " * 300_000, story(3)])
    plain, packed = tmp_path / "long.jsonl", tmp_path / "long.jsonl.gz"
    plain.write_text(body, encoding="utf-8")
    packed.write_bytes(gzip.compress(body.encode()))
    for path in (plain, packed):
        whole = _whole(path, max_chars)
        assert [e[:4] for _, _, e in whole if e] == ["E004", "E004"]
        parts = list(jsonl_parts(str(path), 500, max_chars=max_chars))
        assert [
            (r.input_name, r.article, str(r.error) if r.error else None) for p in parts for r in p.read(max_chars)
        ] == whole
        if path == packed:
            assert sum(isinstance(p, Skipped) for p in parts) == 2
            assert all(len(p.data) < 10_000 for p in parts if isinstance(p, LineBlock))


def test_an_empty_or_blank_file_is_empty_in_partitions_as_in_one_process(tmp_path: Path) -> None:
    for name, data in (("empty.jsonl", b""), ("blank.jsonl", b"\n  \n\n"), ("blank.jsonl.gz", gzip.compress(b"\n \n"))):
        path = tmp_path / name
        path.write_bytes(data)
        whole = _whole(path, 1_000_000)
        assert [e and e[:4] for _, _, e in whole] == ["E001"]
        assert _read(jsonl_parts(str(path), 2)) == whole


def test_a_damaged_gzip_is_reported_where_one_process_reports_it(tmp_path: Path) -> None:
    data = gzip.compress(jsonl([story(i) for i in range(40)]).encode())
    bad = tmp_path / "bad.jsonl.gz"
    bad.write_bytes(data[: len(data) // 2])
    with bad.open("rb") as fh:
        whole = [(r.input_name, r.article, str(r.error) if r.error else None) for r in iter_jsonl(fh, str(bad))]
    last = whole[-1][2]
    assert last is not None and last.startswith("E010")
    assert _read(jsonl_parts(str(bad), 500)) == whole


def test_folders_and_warcs_are_split_as_one_process_reads_them(corpus: Path) -> None:
    whole = [(i.origin, i.article, i.error and str(i.error)) for i in iter_inputs([str(corpus)])]
    planned = list(plan_sources([str(corpus)], 400))
    kinds = {type(p.part).__name__ for p in planned}
    assert kinds == {"LineRange", "LineBlock", "RecordRange", "Files"}
    assert sum(type(p.part).__name__ == "RecordRange" for p in planned) > 1
    assert _read(iter(p.part for p in planned)) == whole


# -- extract --------------------------------------------------------------------------------------


def test_extract_on_workers_writes_the_lines_of_one_process(cluster: Any, corpus: Path) -> None:
    runner = CliRunner()
    for name in ("a.jsonl", "b.jsonl.gz"):
        path = str(corpus / name)
        one = runner.invoke(main, ["extract", path, "--format", "jsonl"])
        many = runner.invoke(main, ["extract", path, "--format", "jsonl", "--scheduler", cluster.scheduler_address])
        assert many.exit_code == one.exit_code
        assert many.stdout == one.stdout and many.stdout.count("\n") >= 40
        assert many.stderr == one.stderr
    assert one.exit_code == 0 and many.exit_code == 0
    assert "E005" in runner.invoke(main, ["extract", str(corpus / "a.jsonl")]).stderr


def test_extract_keeps_order_across_many_partitions(cluster: Any, corpus: Path) -> None:
    from rawi.cli import _extract_here
    from rawi.scale.extract import ExtractJob, extract_lines

    path = str(corpus / "a.jsonl")
    one = [x if isinstance(x, str) else str(x) for x in _extract_here(path, "jsonl", "auto", 1_000_000)]
    many = [
        x if isinstance(x, str) else str(x)
        for x in extract_lines(path, ExtractJob("jsonl", "auto", 1_000_000), on(cluster, 600))
    ]
    assert many == one
    assert sum(x.startswith("E0") for x in many) == 4  # not JSON, no text, French, empty


def test_extract_json_array_and_stdin(cluster: Any, corpus: Path) -> None:
    data = gzip.decompress((corpus / "b.jsonl.gz").read_bytes())  # CliRunner's stdin cannot peek for gzip
    runner = CliRunner()
    one = runner.invoke(main, ["extract", "-", "--jsonl", "--format", "json"], input=data)
    many = runner.invoke(
        main, ["extract", "-", "--jsonl", "--format", "json", "--scheduler", cluster.scheduler_address], input=data
    )
    assert many.exit_code == one.exit_code == 0
    assert many.stdout == one.stdout and len(json.loads(many.stdout)) == 40


# -- ingest ---------------------------------------------------------------------------------------


def test_ingest_on_workers_gives_the_ledger_of_one_process(
    cluster: Any, sources: list[str], db_url: str, reference: tuple[Any, Any]
) -> None:
    rows, summary = reference
    with Service.open(db_url) as svc:
        got = svc.ingest_sources(sources, scale=on(cluster))
    assert summary_of(got) == summary
    assert snapshot(db_url) == rows
    codes = [reason.split()[0] for _, reason in summary[1]]
    assert sorted(codes) == ["E001", "E002", "E005", "E006", "E008", "E009", "E012", "E012"]
    assert summary[0]["added"] > 130 and rows["figure_pairs"]  # figures were linked across articles
    # Again: everything is stored already, so nothing is extracted or written.
    with Service.open(db_url) as svc:
        again = svc.ingest_sources(sources, scale=on(cluster))
    assert again.counts["unchanged"] == summary[0]["added"] and again.rejected == summary[1]
    assert snapshot(db_url) == rows


def test_ingest_cli_with_a_scheduler(
    cluster: Any, sources: list[str], tmp_path: Path, reference: tuple[Any, Any]
) -> None:
    db = tmp_path / "cli.sqlite"
    got = CliRunner().invoke(main, ["ingest", *sources, "--db", str(db), "--scheduler", cluster.scheduler_address])
    assert got.exit_code == 1  # inputs were rejected, as with one process
    added = reference[1][0]["added"]
    assert got.stdout.startswith(f"added {added}, unchanged 0, replaced 0, rejected 8")
    assert "rejected" in got.stderr and "E012" in got.stderr
    assert snapshot(f"sqlite:///{db}") == reference[0]


def test_a_later_article_with_the_first_ones_key_never_replaces_it(cluster: Any, tmp_path: Path, db_url: str) -> None:
    """The same id twice in one input, far apart (other partitions, written by other workers on
    PostgreSQL): the first text is the one stored, as with one process."""
    first, later = story(1), {**story(2), "id": "s1"}
    path = tmp_path / "dup.jsonl"
    path.write_text(jsonl([first, *[story(i) for i in range(10, 30)], later]), encoding="utf-8")
    for _ in range(2):  # and again on a ledger that holds it
        with Service.open(db_url) as svc:
            got = svc.ingest_sources([str(path)], scale=on(cluster, 300))
            stored = svc.article("s1")
        assert [r.split()[0] for _, r in got.rejected] == ["E012"]
        assert stored is not None and stored.analysis.text == first["text"]


# -- failures -------------------------------------------------------------------------------------


def _worker_pids(client: Any) -> dict[str, int]:
    return dict(client.run(os.getpid))


def _committed(url: str) -> int:
    eng = ledger_engine.create(url)
    try:
        with eng.connect() as conn:
            return len(list(conn.execute(schema.articles.select().with_only_columns(schema.articles.c.id))))
    except Exception:  # not created yet
        return 0
    finally:
        eng.dispose()


def many_stories(tmp_path: Path, n: int) -> Path:
    path = tmp_path / "many.jsonl"
    path.write_text(jsonl([story(i) for i in range(n)]), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def many_reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    tmp = tmp_path_factory.mktemp("many")
    path = many_stories(tmp, 400)
    db = str(tmp / "ref.sqlite")
    with Service.open(db) as svc:
        svc.ingest_sources([str(path)])
    return path, snapshot(db)


def test_a_worker_killed_mid_run_loses_and_repeats_nothing(
    cluster: Any, db_url: str, many_reference: tuple[Path, Any]
) -> None:
    path, rows = many_reference
    with distributed.Client(cluster.scheduler_address) as client:
        pids = _worker_pids(client)
        assert len(pids) == 2
        result: dict[str, Summary] = {}

        def run() -> None:
            with Service.open(db_url) as svc:
                result["summary"] = svc.ingest_sources([str(path)], scale=on(cluster, 2000))

        runner = threading.Thread(target=run)
        runner.start()
        killed = None
        deadline = time.monotonic() + 60
        while killed is None and runner.is_alive() and time.monotonic() < deadline:
            busy = [w for w, tasks in client.processing().items() if tasks and w in pids]
            if busy and _committed(db_url) > 0:  # mid-run: some articles stored, a task running
                killed = pids[busy[0]]
                os.kill(killed, signal.SIGKILL)
            time.sleep(0.005)
        runner.join(120)
        assert killed is not None, "the run ended before a worker could be killed"
        client.wait_for_workers(2, timeout=60)  # the nanny starts a new one, for the next tests
        assert killed not in _worker_pids(client).values()
    summary = result["summary"]
    assert not summary.rejected
    assert summary.counts["added"] + summary.counts["unchanged"] == 400
    assert snapshot(db_url) == rows


def test_a_killed_run_started_again_stores_every_article_once(
    cluster: Any, tmp_path: Path, many_reference: tuple[Path, Any]
) -> None:
    path, rows = many_reference
    db = tmp_path / "restart.sqlite"
    url = f"sqlite:///{db}"
    cmd = [
        sys.executable,
        "-m",
        "rawi.cli",
        "ingest",
        str(path),
        "--db",
        str(db),
        "--scheduler",
        cluster.scheduler_address,
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while proc.poll() is None and _committed(url) == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert proc.poll() is None, "the run ended before it could be killed"
        proc.send_signal(signal.SIGKILL)  # the driver, mid-run
    finally:
        proc.wait(30)
    stored = _committed(url)
    assert 0 < stored < 400
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith(f"added {400 - stored}, unchanged {stored}, replaced 0, rejected 0")
    assert snapshot(url) == rows


# -- options --------------------------------------------------------------------------------------


def test_workers_option_values(tmp_path: Path) -> None:
    runner = CliRunner()
    f = tmp_path / "x.jsonl"
    f.write_text(jsonl([story(1)]), encoding="utf-8")
    assert "is not a number of processes" in runner.invoke(main, ["extract", str(f), "--workers", "many"]).stderr
    assert "at least 1" in runner.invoke(main, ["extract", str(f), "--workers", "0"]).stderr
    both = runner.invoke(main, ["extract", str(f), "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"])
    assert both.exit_code == 2 and "not both" in both.stderr
    one = runner.invoke(main, ["extract", str(f), "--workers", "1"])  # one process: no cluster
    assert one.exit_code == 0 and one.stdout.count("\n") == 1


def test_without_the_extra_the_error_names_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "distributed" else real(name, *a))
    f = tmp_path / "x.jsonl"
    f.write_text(jsonl([story(1)]), encoding="utf-8")
    for args in (
        ["extract", str(f), "--workers", "2"],
        ["ingest", str(f), "--db", str(tmp_path / "l.sqlite"), "--scheduler", "tcp://127.0.0.1:1"],
    ):
        got = CliRunner().invoke(main, args)
        assert got.exit_code == 1
        assert "E015" in got.stderr and "pip install 'rawi[dask]'" in got.stderr


def test_an_unreachable_scheduler_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    import dask

    f = tmp_path / "x.jsonl"
    f.write_text(jsonl([story(1)]), encoding="utf-8")
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        got = CliRunner().invoke(
            main, ["extract", str(f), "--scheduler", "tcp://127.0.0.1:9", "-o", str(tmp_path / "out.jsonl")]
        )
    assert got.exit_code == 2 and "E016" in got.stderr
    assert not (tmp_path / "out.jsonl").exists()


def test_plain_extract_loads_neither_the_database_nor_dask(tmp_path: Path) -> None:
    f = tmp_path / "x.jsonl"
    f.write_text(jsonl([story(1)]), encoding="utf-8")
    code = (
        "import sys\nfrom rawi.cli import main\n"
        f"try:\n    main(['extract', {str(f)!r}, '-o', {str(tmp_path / 'o.jsonl')!r}])\n"
        "except SystemExit:\n    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'dask', 'distributed'}))"
    )
    got = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert got.stdout.strip() == "[]"
