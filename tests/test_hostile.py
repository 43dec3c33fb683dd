"""Hostile input: every bad article is one named rejection, and every good one beside it is kept.

Through `rawi ingest` (SQLite, and PostgreSQL when RAWI_TEST_PG_URL names one), `rawi extract`
and the HTTP API: lone surrogates and NULs in any field, JSON that Python refuses to parse,
lines too long to hold, damaged WARC records, clients that are slow or unauthorised, and the
messages that used to mislead (UTF-16, Latin-1, deep HTML, bad dates, file names).
"""

from __future__ import annotations

import asyncio
import gzip
import io
import json
import os
import re
import socket
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ledger_support import drop_all
from rawi.cli import main
from rawi.service import Service
from rawi.web import create_app

PG_URL = os.environ.get("RAWI_TEST_PG_URL")

GOOD1 = {"id": "g1", "published": "2025-09-10", "text": "قالت وزارة الصحة إن 50 شخصا قتلوا في القصف على المدينة."}
GOOD2 = {"id": "g2", "published": "2025-09-11", "text": "قال وزير الخارجية إن المحادثات ستستأنف في القاهرة."}
SENTENCE = "قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل بحضور وفود من عشر دول عربية. "


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh ledger: a SQLite file, or the test PostgreSQL emptied (skipped without one)."""
    if request.param == "sqlite":
        return str(tmp_path / "ledger.sqlite")
    if not PG_URL:
        pytest.skip("RAWI_TEST_PG_URL is not set")
    drop_all(PG_URL)
    return PG_URL


def run(args: list[str]) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, args)
    return res.exit_code, res.stdout, res.stderr


def stored(db: str) -> set[str]:
    with Service.open(db) as service:
        return {row.doc_key for row in service.articles(limit=1_000).items}


def jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def good(record: dict[str, str]) -> str:
    return json.dumps(record, ensure_ascii=False)


def rejected(err: str) -> dict[str, str]:
    """`rejected ORIGIN: CODE …` lines of `rawi ingest`, as origin -> message."""
    return dict(re.findall(r"^  rejected (\S+): (.*)$", err, re.MULTILINE))


# -- 1. lone surrogates -------------------------------------------------------------

SURROGATE_LINES = [
    good(GOOD1),
    '{"id": "s-text", "text": "قال الوزير \\ud800 إن المحادثات ستستأنف."}',
    '{"id": "s-id\\udc00", "text": "قال الوزير إن المحادثات ستستأنف غدا."}',
    '{"id": "s-title", "title": "\\ud83d", "text": "قال الوزير إن المحادثات ستستأنف بعد غد."}',
    '{"id": "s-url", "url": "https://x.example/\\ud800", "text": "قال الوزير إن الاجتماع انتهى."}',
    '{"id": "s-source", "source": "وكالة \\udfff", "text": "قال الوزير إن الاجتماع بدأ."}',
    good(GOOD2),
]


def test_lone_surrogates_in_any_field_are_rejected_by_ingest(tmp_path: Path, db: str) -> None:
    f = jsonl(tmp_path / "corpus.jsonl", SURROGATE_LINES)
    code, out, err = run(["ingest", str(f), "--db", db])
    assert code == 1 and "added 2, unchanged 0, replaced 0, rejected 5" in out
    why = rejected(err)
    assert set(why) == {f"{f}:{n}" for n in (2, 3, 4, 5, 6)}
    for n, field in ((2, "text"), (3, "id"), (4, "title"), (5, "url"), (6, "source")):
        assert why[f"{f}:{n}"].startswith(f"E013 {f}:{n}: contains a lone UTF-16 surrogate (\\u")
        assert f"in `{field}`" in why[f"{f}:{n}"] and "re-encode the input as UTF-8" in why[f"{f}:{n}"]
    assert "Traceback" not in err
    assert stored(db) == {"g1", "g2"}


def test_lone_surrogate_leaves_extract_output_complete(tmp_path: Path) -> None:
    f = jsonl(tmp_path / "corpus.jsonl", SURROGATE_LINES)
    target = tmp_path / "out.jsonl"
    code, _, err = run(["extract", str(f), "-o", str(target)])
    assert code == 1 and "Traceback" not in err
    assert [json.loads(line)["id"] for line in target.read_text(encoding="utf-8").splitlines()] == ["g1", "g2"]
    assert err.count("E013") == 5 and f"{f}:2:" in err
    assert not list(tmp_path.glob("*.part"))


def test_lone_surrogates_over_http(tmp_path: Path) -> None:
    with TestClient(create_app(str(tmp_path / "ledger.sqlite"), ingest_token="s3cret")) as client:
        bad = '{"text": "قال الوزير \\ud800 إن المحادثات ستستأنف."}'
        res = client.post("/api/extract", content=bad.encode(), headers={"Content-Type": "application/json"})
        assert res.status_code == 400 and res.json()["error"]["code"] == "E013"
        articles = [
            json.dumps({"id": "g1", "text": GOOD1["text"]}, ensure_ascii=False),
            '{"id": "bad\\ud800", "text": "قال الوزير إن الاجتماع انتهى."}',
            '{"id": "t", "text": "قال الوزير \\udc00 إن الاجتماع بدأ."}',
            '{"id": "n", "title": "\\u0000", "text": "قال الوزير إن الاجتماع تأجل."}',
            json.dumps({"id": "g2", "text": GOOD2["text"]}, ensure_ascii=False),
        ]
        body = '{"articles": [' + ", ".join(articles) + "]}"
        res = client.post(
            "/api/ingest",
            content=body.encode(),
            headers={"Content-Type": "application/json", "Authorization": "Bearer s3cret"},
        )
        assert res.status_code == 200, res.text
        out = res.json()
        assert out["added"] == 2
        reasons = {r["id"]: r["reason"] for r in out["rejected"]}
        assert reasons["bad\ufffd"].startswith("E013 bad\\ud800:") and reasons["t"].startswith("E013 t:")
        assert reasons["n"].startswith("E002 n:") and "NUL" in reasons["n"]
        keys = {a["doc_key"] for a in client.get("/api/articles").json()["items"]}
        assert keys == {"g1", "g2"}


# -- 2. NUL ------------------------------------------------------------------------


def test_nul_in_any_json_field_is_rejected(tmp_path: Path, db: str) -> None:
    f = jsonl(
        tmp_path / "corpus.jsonl",
        [
            good(GOOD1),
            '{"id": "n-text", "text": "قال الوزير \\u0000 إن المحادثات ستستأنف."}',
            '{"id": "n-title", "title": "عنوان\\u0000", "text": "قال الوزير إن المحادثات ستستأنف غدا."}',
            '{"id": "n\\u0000id", "text": "قال الوزير إن الاجتماع انتهى."}',
            good(GOOD2),
        ],
    )
    code, out, err = run(["ingest", str(f), "--db", db])
    assert code == 1 and "added 2, unchanged 0, replaced 0, rejected 3" in out, err
    why = rejected(err)
    assert all(why[f"{f}:{n}"].startswith(f"E002 {f}:{n}:") and "NUL" in why[f"{f}:{n}"] for n in (2, 3, 4))
    assert stored(db) == {"g1", "g2"}


def test_nul_byte_after_the_first_8_kb_of_a_text_file(tmp_path: Path, db: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = SENTENCE * 120  # about 18 KB
    (folder / "a.txt").write_bytes(text.encode() + b"\x00" + text.encode())
    (folder / "b.txt").write_text(GOOD2["text"], encoding="utf-8")
    code, out, err = run(["ingest", str(folder), "--db", db])
    assert code == 1 and "added 1, unchanged 0, replaced 0, rejected 1" in out, err
    assert rejected(err)[str(folder / "a.txt")].startswith(f"E002 {folder / 'a.txt'}:")
    assert stored(db) == {"b"}
    code, out, err = run(["extract", str(folder / "a.txt")])
    assert code == 2 and out == "" and "E002" in err and "NUL" in err


# -- 3. JSON that Python will not parse ---------------------------------------------

HOSTILE_JSON = [
    good(GOOD1),
    '{"id": "big", "text": "قال الوزير إن العدد كبير.", "n": ' + "9" * 5_000 + "}",
    "[" * 5_000 + "]" * 5_000,
    '{"id": "deep", "text": "قال الوزير.", "x": ' + '{"a": ' * 3_000 + "1" + "}" * 3_000 + "}",
    good(GOOD2),
]


def test_huge_numbers_and_deep_nesting_are_line_errors(tmp_path: Path, db: str) -> None:
    f = jsonl(tmp_path / "corpus.jsonl", HOSTILE_JSON)
    code, out, err = run(["ingest", str(f), "--db", db])
    assert code == 1 and "added 2, unchanged 0, replaced 0, rejected 3" in out, err
    why = rejected(err)
    assert why[f"{f}:2"].startswith(f"E005 {f}:2:") and "4,300 digits" in why[f"{f}:2"]
    for n in (3, 4):
        assert why[f"{f}:{n}"].startswith(f"E005 {f}:{n}:") and "nested too deeply" in why[f"{f}:{n}"]
    assert "E100" not in err
    assert stored(db) == {"g1", "g2"}


def test_huge_numbers_and_deep_nesting_in_extract(tmp_path: Path) -> None:
    f = jsonl(tmp_path / "corpus.jsonl", HOSTILE_JSON)
    code, out, err = run(["extract", str(f)])
    assert code == 1 and "Traceback" not in err and err.count("E005") == 3
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["g1", "g2"]


def test_a_standalone_json_file_with_a_huge_number(tmp_path: Path, db: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.json").write_text('{"id": "a", "text": "قال الوزير.", "n": ' + "1" * 5_000 + "}")
    (folder / "b.json").write_text(good(GOOD2), encoding="utf-8")
    code, out, err = run(["ingest", str(folder), "--db", db])
    assert code == 1 and "added 1" in out and "rejected 1" in out
    assert rejected(err)[str(folder / "a.json")].startswith("E005")


# -- 4. lines too long to hold ------------------------------------------------------


def test_over_long_lines_are_skipped_unread_and_named(tmp_path: Path, db: str) -> None:
    # --max-chars 100: lines over 6 x 100 + 64 KiB bytes cannot hold an article and are skipped.
    f = tmp_path / "corpus.jsonl.gz"
    with gzip.open(f, "wt", encoding="utf-8") as gz:
        gz.write(json.dumps({"id": "long", "text": SENTENCE * 3_000}, ensure_ascii=False) + "\n")
        gz.write(" " * 300_000 + "\n")
        gz.write(good(GOOD1) + "\n\n   \n")  # short blank lines are skipped without a word
        gz.write(good(GOOD2) + "\n")
    code, out, err = run(["ingest", str(f), "--db", db, "--max-chars", "100"])
    assert code == 1 and "added 2, unchanged 0, replaced 0, rejected 2" in out, err
    why = rejected(err)
    assert why[f"{f}:1"].startswith(f"E004 {f}:1: the text is too large (a line of ")
    assert "skipped unread" in why[f"{f}:1"] and "--max-chars" in why[f"{f}:1"]
    assert "white space only" in why[f"{f}:2"] and "no article" in why[f"{f}:2"]
    assert stored(db) == {"g1", "g2"}
    code, out, err = run(["extract", str(f), "--max-chars", "100"])
    assert code == 1 and [json.loads(line)["id"] for line in out.splitlines()] == ["g1", "g2"]
    assert f"{f}:1" in err and f"{f}:2" in err


def test_files_without_an_article_are_reported(tmp_path: Path, db: str) -> None:
    blank = tmp_path / "blank.jsonl.gz"
    with gzip.open(blank, "wb") as gz:
        gz.write(b"   \n\n \t \n")
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    code, out, err = run(["ingest", str(blank), str(empty), "--db", db])
    assert code == 1 and "rejected 2" in out
    why = rejected(err)
    assert why[str(blank)].startswith(f"E001 {blank}: the text is empty") and why[str(empty)].startswith("E001")


class _Endless(io.RawIOBase):
    """A stream of `size` bytes of one long line (then a newline and a short one), made as it is read."""

    def __init__(self, size: int) -> None:
        self.left = size
        self.tail = b'\n{"id": "after", "text": "x"}\n'

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer)
        if self.left > 0:
            n = min(len(view), self.left)
            view[:n] = b"a" * n
            self.left -= n
            return n
        n = min(len(view), len(self.tail))
        view[:n] = self.tail[:n]
        self.tail = self.tail[n:]
        return n


def test_the_line_reader_never_holds_a_long_line() -> None:
    from rawi.reading import bounded_lines

    tracemalloc.start()
    try:
        lines = [
            (ln.number, ln.data, ln.size)
            for ln in bounded_lines(io.BufferedReader(_Endless(200_000_000)), limit=1_000_000)
        ]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert lines == [(1, None, 200_000_000), (2, b'{"id": "after", "text": "x"}', 28)]
    assert peak < 20_000_000  # a few read chunks, never the 200 MB line


# -- 5. damaged WARC records --------------------------------------------------------


def _page(n: int) -> bytes:
    return (
        f"<!DOCTYPE html><html lang='ar'><head><title>خبر {n}</title></head><body><article>"
        f"<h1>خبر {n}</h1><p>الخبر رقم {n}: {SENTENCE * 3}</p></article></body></html>"
    ).encode()


def _records(n: int = 3) -> list[bytes]:
    """`n` WARC response records, each its own bytes (with block and payload digests)."""
    out = []
    for i in range(1, n + 1):
        buf = io.BytesIO()
        w = WARCWriter(buf, gzip=False)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        w.write_record(
            w.create_warc_record(
                f"https://news.example/{i}", "response", payload=io.BytesIO(_page(i)), http_headers=http
            )
        )
        out.append(buf.getvalue())
    return out


def _length(record: bytes, delta: int) -> bytes:
    """The record with its Content-Length changed by `delta` (the bytes themselves unchanged)."""
    m = re.search(rb"Content-Length: (\d+)\r\n", record)
    assert m is not None
    return record[: m.start(1)] + str(int(m.group(1)) + delta).encode() + record[m.end(1) :]


def _no_digests(record: bytes) -> bytes:
    return re.sub(rb"WARC-(Block|Payload)-Digest: [^\r]*\r\n", b"", record)


def _ingest_warc(path: Path, db: str) -> tuple[int, str, dict[str, str]]:
    code, out, err = run(["ingest", str(path), "--db", db])
    assert "Traceback" not in err
    return code, out, rejected(err)


def test_truncated_warc_record_is_rejected(tmp_path: Path, db: str) -> None:
    one, two, three = _records()
    f = tmp_path / "crawl.warc"
    f.write_bytes(one + two + three[:-200])
    code, out, why = _ingest_warc(f, db)
    assert code == 1 and "added 2" in out and "rejected 1" in out
    assert why[f"{f}#record-3"].startswith(f"E014 {f}#record-3: the WARC record is damaged (cut short")
    assert stored(db) == {"https://news.example/1", "https://news.example/2"}


@pytest.mark.parametrize("delta", [60, -40])
def test_warc_content_length_that_overruns_or_falls_short(tmp_path: Path, db: str, delta: int) -> None:
    one, two, three = _records()
    f = tmp_path / "crawl.warc"
    f.write_bytes(one + _length(_no_digests(two), delta) + three)
    code, out, why = _ingest_warc(f, db)
    assert code == 1 and "added 2" in out and "rejected 1" in out, why
    assert why[f"{f}#record-2"].startswith("E014") and "Content-Length" in why[f"{f}#record-2"]
    assert stored(db) == {"https://news.example/1", "https://news.example/3"}  # the third is not swallowed


def test_warc_record_that_swallows_the_next_one_whole(tmp_path: Path, db: str) -> None:
    """The Content-Length ends exactly at a later record boundary: the block digest, or without
    one the record header inside the page, gives it away; the swallowed record is still read."""
    one, two, three, four = _records(4)
    for strip in (False, True):
        two_ = _no_digests(two) if strip else two
        f = tmp_path / f"crawl-{strip}.warc"
        f.write_bytes(one + _length(two_, len(three)) + three + four)
        code, out, why = _ingest_warc(f, db)
        assert code == 1 and "rejected 1" in out and why[f"{f}#record-2"].startswith("E014"), why
    assert stored(db) == {f"https://news.example/{n}" for n in (1, 3, 4)}


def test_gzipped_warc_member_with_a_wrong_length(tmp_path: Path, db: str) -> None:
    one, two, three = _records()
    f = tmp_path / "crawl.warc.gz"
    f.write_bytes(b"".join(gzip.compress(r) for r in (one, _length(_no_digests(two), 80), three)))
    code, out, why = _ingest_warc(f, db)
    assert code == 1 and "added 2" in out and why[f"{f}#record-2"].startswith("E014"), why
    assert stored(db) == {"https://news.example/1", "https://news.example/3"}


# -- 6. HTTP: the token before the body, deadlines ------------------------------------


def _asgi_post(app: Any, path: str, headers: list[tuple[bytes, bytes]]) -> dict[str, Any]:
    """POST to the ASGI app with a body that must never be read; the response start message."""
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        raise AssertionError("the request body was read")

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver"), (b"content-type", b"application/json"), *headers],
        "client": ("127.0.0.1", 5000),
        "server": ("testserver", 80),
    }
    asyncio.run(app(scope, receive, send))
    return sent[0]


def test_ingest_checks_the_token_before_reading_the_body(tmp_path: Path) -> None:
    app = create_app(str(tmp_path / "ledger.sqlite"), ingest_token="s3cret")
    for auth in ([], [(b"authorization", b"Bearer wrong")], [(b"authorization", b"Basic czNjcmV0")]):
        start = _asgi_post(app, "/api/ingest", [(b"content-length", b"20000000"), *auth])
        assert start["status"] == 401 and (b"connection", b"close") in start["headers"]
    off = create_app(str(tmp_path / "ledger.sqlite"))
    assert _asgi_post(off, "/api/ingest", [(b"transfer-encoding", b"chunked")])["status"] == 403


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _answer(sock: socket.socket, timeout: float) -> bytes:
    """What the server sends until it closes or `timeout` passes; b"" if it closed without a word."""
    sock.settimeout(timeout)
    data = b""
    try:
        while chunk := sock.recv(65_536):
            data += chunk
            if b"\r\n\r\n" in data and data.rstrip().endswith(b"}"):
                break
    except (TimeoutError, ConnectionResetError):
        pass
    return data


@pytest.fixture
def server(tmp_path: Path) -> Iterator[int]:
    port = _free_port()
    env = {**os.environ, "RAWI_INGEST_TOKEN": "s3cret"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "rawi.cli",
            "serve",
            "--db",
            str(tmp_path / "ledger.sqlite"),
            "--port",
            str(port),
            "--read-timeout",
            "1",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                    s.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    if _answer(s, 2).startswith(b"HTTP/1.1 200"):
                        break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("rawi serve did not answer within 15 s")
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


def test_serve_outlasts_slow_clients_and_refuses_unauthorised_uploads(server: int) -> None:
    def connect() -> socket.socket:
        return socket.create_connection(("127.0.0.1", server), timeout=5)

    head = b"POST /api/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    slow_heads = [connect() for _ in range(50)]
    for s in slow_heads:
        s.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the end of the head
    stalled_body = connect()
    stalled_body.sendall(
        b"POST /api/extract HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b'Content-Length: 1000\r\n\r\n{"text": '
    )
    started = time.monotonic()

    with connect() as s:  # an ordinary client is served at once beside them
        s.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        assert _answer(s, 2).startswith(b"HTTP/1.1 200")
    assert time.monotonic() - started < 2

    for auth, status in (
        (b"", b"401"),
        (b"Authorization: Bearer wrong\r\n", b"401"),
        (b"Authorization: Bearer s3cret\r\n", b"413"),
    ):
        with connect() as s:  # 50 MB announced, 4 KB sent: the answer comes without the rest
            s.sendall(head + auth + b"Content-Length: 50000000\r\n\r\n" + b"x" * 4_096)
            assert _answer(s, 2).startswith(b"HTTP/1.1 " + status)
    with connect() as s:
        s.sendall(head + b"Transfer-Encoding: chunked\r\n\r\n10000\r\n" + b"x" * 4_096)
        assert _answer(s, 2).startswith(b"HTTP/1.1 401")

    assert _answer(stalled_body, 4).startswith(b"HTTP/1.1 408")  # the body's deadline is 1 s
    dribbler = slow_heads[0]
    closed = False
    while not closed and time.monotonic() - started < 6:
        try:
            dribbler.sendall(b"X")  # a header a byte at a time does not keep the connection
            dribbler.settimeout(0.2)
            closed = dribbler.recv(1) == b""
        except TimeoutError:
            continue
        except OSError:
            closed = True
    assert closed and time.monotonic() - started < 6
    for s in [*slow_heads, stalled_body]:
        s.close()


# -- 7. messages that misled ----------------------------------------------------------

ARABIC = "قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل في القاهرة"


def test_utf16_is_named_as_utf16(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bom.txt").write_bytes(ARABIC.encode("utf-16"))
    (folder / "le.txt").write_bytes(ARABIC.encode("utf-16-le"))
    (folder / "latin.txt").write_bytes("The minister said the talks would resume.".encode("utf-16-be"))
    (folder / "corpus.jsonl").write_bytes((good(GOOD1) + "\n" + good(GOOD2) + "\n").encode("utf-16"))
    code, out, err = run(["ingest", str(folder), "--db", str(tmp_path / "l.sqlite")])
    why = rejected(err)
    assert code == 1 and "rejected 4" in out and len(why) == 4, err
    for message in why.values():
        assert message.startswith("E003") and "UTF-16" in message and "iconv -f UTF-16 -t UTF-8" in message
        assert "binary" not in message and "WINDOWS-1256" not in message
    code, _, err = run(["extract", str(folder / "le.txt")])
    assert code == 2 and "UTF-16" in err and "E002" not in err


def test_only_arabic_legacy_text_is_hinted_as_windows_1256(tmp_path: Path) -> None:
    arabic = tmp_path / "arabic.txt"
    arabic.write_bytes(ARABIC.encode("cp1256"))
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Le ministre a déclaré à la presse que les négociations reprendront.".encode("latin-1"))
    _, _, err = run(["extract", str(arabic)])
    assert "E003" in err and "iconv -f WINDOWS-1256 -t UTF-8" in err
    _, _, err = run(["extract", str(latin)])
    assert "E003" in err and "not valid UTF-8" in err and "WINDOWS-1256 -t" not in err
    assert "which encoding" in err


def _deep(depth: int) -> str:
    return (
        "<html><head><title>عنوان</title><script>var x = 1;</script></head><body>"
        + "<div>" * depth
        + f"<p>{SENTENCE}</p><p>{GOOD2['text']}</p>"
        + "</div>" * depth
        + "</body></html>"
    )


def test_deeply_nested_html_is_still_read(tmp_path: Path, db: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "deep.html").write_text(_deep(300), encoding="utf-8")
    (folder / "deeper.html").write_text(_deep(20_000), encoding="utf-8")
    code, out, err = run(["ingest", str(folder), "--db", db])
    assert code == 0 and "added 2" in out, err
    with Service.open(db) as service:
        texts = [service.article(key) for key in ("deep", "deeper")]
    for got in texts:
        assert got is not None and SENTENCE.strip() in got.analysis.text and "var x" not in got.analysis.text


def test_extract_reads_a_page_as_ingest_does(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(_deep(3), encoding="utf-8")
    code, out, err = run(["extract", str(page), "--published", "2025-10-24"])
    assert code == 0, err
    got = json.loads(out)
    assert got["id"] == "page" and "<" not in got["text"] and GOOD2["text"] in got["text"]
    deep = tmp_path / "deep.htm"
    deep.write_text(_deep(400), encoding="utf-8")
    code, out, err = run(["extract", str(deep)])
    assert code == 0 and GOOD2["text"] in json.loads(out)["text"], err


def test_ingest_takes_the_max_chars_its_message_advises(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(SENTENCE * 3, encoding="utf-8")
    db = str(tmp_path / "l.sqlite")
    code, _, err = run(["ingest", str(f), "--db", db, "--max-chars", "50"])
    assert code == 1 and "E004" in err and "--max-chars" in err
    code, out, _ = run(["ingest", str(f), "--db", db, "--max-chars", "1000"])
    assert code == 0 and "added 1" in out


@pytest.mark.parametrize(
    "command", [["claims"], ["figures"], ["conflicts"], ["timeline", "x"], ["export", "--format", "jsonl"]]
)
@pytest.mark.parametrize("value", ["2025-13-01", "01/09/2025", "yesterday"])
def test_a_date_that_is_not_iso_is_refused(tmp_path: Path, command: list[str], value: str) -> None:
    for option in ("--since", "--until"):
        code, out, err = run([*command, "--db", str(tmp_path / "l.sqlite"), option, value])
        assert code == 2 and out == "" and "is not an ISO date" in err and "YYYY-MM-DD" in err


def test_file_names_with_control_and_bidi_characters_are_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "evil\u202etxt.exe").write_bytes(b"\x00\x01binary")
    (folder / "two\nlines.txt").write_bytes(b"")
    code, out, err = run(["ingest", str(folder), "--db", str(tmp_path / "l.sqlite")])
    assert code == 1 and "rejected 2" in out
    assert "\u202e" not in err and "evil\\u202etxt.exe" in err
    assert "two\\nlines.txt" in err and "two\nlines" not in err
