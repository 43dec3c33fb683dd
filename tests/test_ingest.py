"""The ingest readers: every format yields its articles, and bad sources become named rejections."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rawi.ingest import Input, iter_inputs

BODY = "قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل بحضور وفود من عشر دول عربية وأجنبية."
BODY2 = "وأضاف المتحدث باسم الوزارة أن أكثر من ثلاثمئة شخص أصيبوا في الاشتباكات التي اندلعت أمس."


def page(
    title: str = "عنوان الخبر",
    *,
    canonical: str | None = "https://news.example/a/1",
    date: str | None = "2025-10-24",
    site: str | None = "Example News",
) -> str:
    meta = []
    if canonical:
        meta.append(f'<link rel="canonical" href="{canonical}">')
    if date:
        meta.append(f'<meta property="article:published_time" content="{date}T09:30:00+03:00">')
    if site:
        meta.append(f'<meta property="og:site_name" content="{site}">')
    return (
        f"<!DOCTYPE html><html lang='ar'><head><meta charset='utf-8'><title>{title}</title>{''.join(meta)}"
        f"</head><body><nav><a href='/'>الرئيسية</a></nav><article><h1>{title}</h1><p>{BODY}</p>"
        f"<p>{BODY2}</p></article><footer>جميع الحقوق محفوظة</footer></body></html>"
    )


RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>أخبار المثال</title><link>https://news.example/</link>
<item><title>الخبر الأول</title><link>https://news.example/rss/1</link><guid>urn:news:1</guid>
<pubDate>Fri, 24 Oct 2025 23:30:00 +0300</pubDate>
<description><![CDATA[<p>{BODY}</p><p><b>{BODY2}</b></p>]]></description></item>
<item><title>الخبر الثاني</title><link>https://news.example/rss/2</link>
<pubDate>Sat, 25 Oct 2025 08:00:00 GMT</pubDate><description>{BODY2}</description></item>
<item><title>بلا نص</title><link>https://news.example/rss/3</link><description></description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>وكالة المثال</title><id>urn:feed</id>
<updated>2025-10-24T10:00:00Z</updated>
<entry><title>خبر أتوم</title><id>urn:atom:1</id><link href="https://agency.example/1"/>
<published>2025-10-24T10:00:00+02:00</published><updated>2025-10-24T12:00:00+02:00</updated>
<content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content><summary>ملخص قصير</summary></entry>
</feed>"""


def ok_articles(inputs: list[Input]) -> dict[str, Input]:
    return {i.origin: i for i in inputs if i.article is not None}


def errors(inputs: list[Input]) -> dict[str, str]:
    out = {}
    for i in inputs:
        if i.error is not None:
            assert i.article is None and i.error.input == i.origin
            out[i.origin] = i.error.code
    return out


def test_text_file_with_and_without_sidecar(tmp_path: Path) -> None:
    (tmp_path / "plain.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "story.txt").write_text(BODY2, encoding="utf-8")
    (tmp_path / "story.json").write_text(
        json.dumps(
            {"id": 42, "published": "2025-10-24", "title": "عنوان", "url": "https://x.example/s", "source": "وكالة"},
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    got = list(iter_inputs([str(tmp_path)]))
    assert [i.origin for i in got] == [str(tmp_path / "plain.txt"), str(tmp_path / "story.txt")]  # sidecar skipped
    plain, story = (i.article for i in got)
    assert plain is not None and plain.id == "plain" and plain.text == BODY and plain.published is None
    assert story is not None and story.text == BODY2
    assert (story.id, story.published, story.title, story.url, story.source) == (
        "42",
        "2025-10-24",
        "عنوان",
        "https://x.example/s",
        "وكالة",
    )


def test_bad_sidecar_rejects_its_article(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "a.json").write_text("{not json", encoding="utf-8")
    assert errors(list(iter_inputs([str(tmp_path / "a.txt")]))) == {str(tmp_path / "a.txt"): "E005"}


def test_html_page_with_metadata(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_text(page(), encoding="utf-8")
    (inp,) = iter_inputs([str(f)])
    a = inp.article
    assert a is not None and inp.error is None
    assert a.id == a.url == "https://news.example/a/1"
    assert (a.published, a.title, a.source) == ("2025-10-24", "عنوان الخبر", "Example News")
    assert BODY in a.text and BODY2 in a.text
    assert "جميع الحقوق" not in a.text and "الرئيسية" not in a.text  # boilerplate left out


def test_html_in_a_legacy_arabic_charset(tmp_path: Path) -> None:
    f = tmp_path / "old.html"
    f.write_bytes(page().replace("charset='utf-8'", "charset='windows-1256'").encode("cp1256"))
    (inp,) = iter_inputs([str(f)])
    assert inp.article is not None and BODY in inp.article.text


def test_html_without_canonical_uses_stem_and_malformed_html_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "nocanon.htm").write_text(page(canonical=None, date=None, site=None), encoding="utf-8")
    (tmp_path / "broken.html").write_text("<<<html><div <p class=>>> </", encoding="utf-8")
    (tmp_path / "nothing.html").write_text("<html><body><script>var x = 1;</script></body></html>", encoding="utf-8")
    got = list(iter_inputs([str(tmp_path)]))
    good = ok_articles(got)
    a = good[str(tmp_path / "nocanon.htm")].article
    assert a is not None and a.id == "nocanon" and a.url is None and BODY in a.text
    assert errors(got) == {str(tmp_path / "broken.html"): "E001", str(tmp_path / "nothing.html"): "E001"}


def test_jsonl_plain_and_gzip(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "1", "text": BODY}, ensure_ascii=False),
        "{bad",
        json.dumps({"id": 2, "text": BODY2, "published": "2025-10-25"}, ensure_ascii=False),
    ]
    (tmp_path / "c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with gzip.open(tmp_path / "d.ndjson.gz", "wt", encoding="utf-8") as fh:
        fh.write(lines[0] + "\n")
    got = list(iter_inputs([str(tmp_path / "c.jsonl"), str(tmp_path / "d.ndjson.gz")]))
    assert [i.origin for i in got] == [
        f"{tmp_path}/c.jsonl:1",
        f"{tmp_path}/c.jsonl:2",
        f"{tmp_path}/c.jsonl:3",
        f"{tmp_path}/d.ndjson.gz:1",
    ]
    assert errors(got) == {f"{tmp_path}/c.jsonl:2": "E005"}
    assert [i.article.id for i in got if i.article] == ["1", "2", "1"]


def test_rss_feed_entries(tmp_path: Path) -> None:
    f = tmp_path / "latest.rss"
    f.write_text(RSS, encoding="utf-8")
    got = list(iter_inputs([str(f)]))
    assert [i.origin for i in got] == [f"{f}#entry-1", f"{f}#entry-2", f"{f}#entry-3"]
    first, second = got[0].article, got[1].article
    assert first is not None and second is not None
    assert (first.id, first.url, first.title, first.source) == (
        "urn:news:1",
        "https://news.example/rss/1",
        "الخبر الأول",
        "أخبار المثال",
    )
    assert first.published == "2025-10-24T23:30:00+03:00"  # the publisher's local date, not UTC's
    assert BODY in first.text and BODY2 in first.text and "<" not in first.text
    assert first.text.index(BODY) < first.text.index(BODY2)
    assert second.id == "https://news.example/rss/2" and second.text == BODY2  # no guid: the link
    assert second.published is not None and second.published.startswith("2025-10-25T08:00:00")
    assert errors(got) == {f"{f}#entry-3": "E001"}


def test_atom_feed_sniffed_without_extension(tmp_path: Path) -> None:
    f = tmp_path / "agency-feed"
    f.write_text(ATOM, encoding="utf-8")
    (inp,) = iter_inputs([str(f)])
    a = inp.article
    assert a is not None
    assert (a.id, a.url, a.source, a.published) == (
        "urn:atom:1",
        "https://agency.example/1",
        "وكالة المثال",
        "2025-10-24T10:00:00+02:00",
    )
    assert a.text == BODY  # the content, not the summary


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    f = tmp_path / "data.xml"
    f.write_text("<?xml version='1.0'?><inventory><item>1</item></inventory>", encoding="utf-8")
    assert errors(list(iter_inputs([str(f)]))) == {str(f): "E011"}


def write_warc(path: Path) -> None:
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=True)

        def response(uri: str, status: str, ctype: str, body: bytes) -> None:
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http))

        w.write_record(w.create_warcinfo_record("test.warc.gz", {"software": "rawi tests"}))  # record-1
        response("https://news.example/a/1?utm=x", "200 OK", "text/html; charset=utf-8", page().encode())  # 2
        response("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n....")  # 3
        response("https://news.example/gone", "404 Not Found", "text/html", page("مفقود").encode())  # 4
        response(
            "https://news.example/b/2",
            "200 OK",
            "text/html",
            page("الخبر الثاني", canonical=None, date="2025-10-26").encode(),
        )  # 5
        response("https://news.example/empty", "200 OK", "text/html", b"<html><body></body></html>")  # 6


def test_warc_html_responses(tmp_path: Path) -> None:
    f = tmp_path / "crawl.warc.gz"
    write_warc(f)
    got = list(iter_inputs([str(f)]))
    assert [i.origin for i in got] == [f"{f}#record-2", f"{f}#record-5", f"{f}#record-6"]
    a, b = got[0].article, got[1].article
    assert a is not None and b is not None
    assert a.id == a.url == "https://news.example/a/1?utm=x"  # the archived URL, as WARC-Target-URI says
    assert a.published == "2025-10-24" and BODY in a.text and a.source == "Example News"
    assert b.id == "https://news.example/b/2" and b.title == "الخبر الثاني" and b.published == "2025-10-26"
    assert errors(got) == {f"{f}#record-6": "E001"}


def test_corrupt_warc_is_a_rejection(tmp_path: Path) -> None:
    good = tmp_path / "good.warc.gz"
    write_warc(good)
    data = good.read_bytes()
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(data[:600] + b"\x00" * 200 + data[800:])
    got = list(iter_inputs([str(bad)]))
    assert got and got[-1].error is not None and got[-1].error.code == "E010"


def test_folder_with_bad_files_among_good_ones(tmp_path: Path) -> None:
    d = tmp_path / "corpus"
    (d / "sub" / "deeper").mkdir(parents=True)
    (d / ".hidden").mkdir()
    (d / "a.txt").write_text(BODY, encoding="utf-8")
    (d / "b.html").write_text(page(), encoding="utf-8")
    (d / "sub" / "c.jsonl").write_text(
        json.dumps({"id": "c1", "text": BODY2}, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (d / "sub" / "deeper" / "d.txt.gz").write_bytes(gzip.compress(BODY2.encode()))
    (d / "sub" / "feed.xml").write_text(RSS, encoding="utf-8")
    (d / "corrupt.jsonl.gz").write_bytes(gzip.compress(b'{"id": "z", "text": "x"}\n')[:10] + b"not deflate data")
    (d / "broken.txt.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    (d / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(256)))
    (d / "report.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    (d / "empty.txt").write_bytes(b"")
    (d / ".hidden" / "x.txt").write_text(BODY, encoding="utf-8")
    (d / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    got = list(iter_inputs([str(d)]))
    origins = [i.origin for i in got]
    assert not any(".hidden" in o or ".DS_Store" in o for o in origins)
    good = ok_articles(got)
    assert set(good) == {
        f"{d}/a.txt",
        f"{d}/b.html",
        f"{d}/sub/c.jsonl:1",
        f"{d}/sub/deeper/d.txt.gz",
        f"{d}/sub/feed.xml#entry-1",
        f"{d}/sub/feed.xml#entry-2",
    }
    assert good[f"{d}/sub/deeper/d.txt.gz"].article.id == "d"  # type: ignore[union-attr]
    errs = errors(got)
    assert errs[f"{d}/photo.jpg"] == "E002" and errs[f"{d}/report.pdf"] == "E002"
    assert errs[f"{d}/empty.txt"] == "E001"
    assert errs[f"{d}/broken.txt.gz"] == "E010"
    assert errs[f"{d}/corrupt.jsonl.gz:1"] == "E010"
    pdf = next(i.error for i in got if i.origin == f"{d}/report.pdf")
    assert pdf is not None and "PDF" in str(pdf)
    # sorted by name at every level: the walk is reproducible
    files = [Path(o.split("#")[0].removesuffix(":1")).relative_to(d).parts for o in origins]
    assert files == sorted(files)
    assert files[0] == ("a.txt",) and files[-1] == ("sub", "feed.xml")


def test_missing_path_and_standalone_json(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(json.dumps({"id": "j1", "text": BODY}, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "many.json").write_text(json.dumps([{"id": "m1", "text": BODY}, {"id": "m2"}]), encoding="utf-8")
    got = list(iter_inputs([str(tmp_path / "nope.txt"), str(tmp_path / "one.json"), str(tmp_path / "many.json")]))
    assert errors(got) == {str(tmp_path / "nope.txt"): "E009", f"{tmp_path}/many.json#2": "E006"}
    assert [i.article.id for i in got if i.article] == ["j1", "m1"]


class _Handler(http.server.SimpleHTTPRequestHandler):
    agents: list[str] = []  # noqa: RUF012 - the test reads what the server saw

    def log_message(self, format: str, *args: object) -> None:  # keep pytest output clean
        pass

    def do_GET(self) -> None:
        self.agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/news/story")
            self.end_headers()
            return
        super().do_GET()

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        name = str(path)
        if name.endswith("story"):
            return "text/html; charset=utf-8"
        if name.endswith("feed"):
            return "application/rss+xml"
        return super().guess_type(path)


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[str]:
    root = tmp_path / "www"
    (root / "news").mkdir(parents=True)
    (root / "news" / "story").write_text(page(canonical=None), encoding="utf-8")
    (root / "feed").write_text(RSS, encoding="utf-8")
    (root / "plain.txt").write_text(BODY, encoding="utf-8")
    handler = functools.partial(_Handler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def test_urls_from_a_local_server(server: str) -> None:
    _Handler.agents.clear()
    urls = [f"{server}/moved", f"{server}/feed", f"{server}/plain.txt", f"{server}/missing"]
    got = list(iter_inputs(urls))
    good = ok_articles(got)
    story = good[f"{server}/moved"].article
    assert story is not None and story.id == story.url == f"{server}/news/story"  # redirect followed
    assert story.published == "2025-10-24" and BODY in story.text
    feed = good[f"{server}/feed#entry-1"].article
    assert feed is not None and feed.id == "urn:news:1" and BODY in feed.text
    assert f"{server}/feed#entry-2" in good
    txt = good[f"{server}/plain.txt"].article
    assert txt is not None and txt.text == BODY and txt.id == f"{server}/plain.txt"
    errs = errors(got)
    assert errs[f"{server}/missing"] == "E009" and errs[f"{server}/feed#entry-3"] == "E001"
    assert "404" in str(next(i.error for i in got if i.origin == f"{server}/missing"))
    assert _Handler.agents and all(a.startswith("rawi/") for a in _Handler.agents)


def test_unreachable_url_is_a_rejection() -> None:
    # port 9 on the loopback: nothing listens, the connection is refused at once
    (inp,) = iter_inputs(["http://127.0.0.1:9/x"])
    assert inp.error is not None and inp.error.code == "E009" and inp.origin == "http://127.0.0.1:9/x"
