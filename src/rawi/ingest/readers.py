"""Every article in a list of files, folders and URLs, one `Input` each, whatever the format.

The reader is chosen by the name when it says (`.html`, `.jsonl.gz`, `.warc.gz` …)
and by the content otherwise. A bad file, line, entry or record becomes an
`Input` with an error naming it; nothing here raises for bad input.
"""

from __future__ import annotations

import dataclasses
import gzip
import io
import os
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

import httpx

from rawi.errors import FIX_FILE_TOO_BIG, RawiError
from rawi.ingest.common import MAX_MARKUP_BYTES, Input, binary_reason, fail, kind_of, ok
from rawi.ingest.feeds import iter_feed
from rawi.ingest.fetch import fetch, is_url, make_client
from rawi.ingest.html import article_from_html
from rawi.ingest.warc import iter_warc
from rawi.model import Article
from rawi.reading import DEFAULT_MAX_CHARS, article_from, check_article, decode, iter_jsonl, not_utf8, parse_json

_SIDECAR_FIELDS = ("id", "published", "title", "url", "source")


def iter_inputs(
    sources: Sequence[str], *, client: httpx.Client | None = None, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Input]:
    """Every article found in files, folders (recursively, sorted, skipping hidden files) and
    http(s) URLs, one Input each; a bad file or record is an Input with an error, never an exception."""
    if isinstance(sources, str):  # one path given bare would otherwise be read letter by letter
        sources = [sources]
    own: httpx.Client | None = None
    try:
        for source in sources:
            if is_url(source):
                if client is None:
                    client = own = make_client()  # only opened when a URL is given
                yield from _storable(_guarded(source, _read_url(source, client, max_chars)))
            else:
                yield from _storable(_read_path(Path(source), max_chars))
    finally:
        if own is not None:
            own.close()


def _storable(inputs: Iterator[Input]) -> Iterator[Input]:
    """Every reader's articles checked for what no ledger stores (NUL, lone surrogates), in any
    field: a page's title or a feed's link can carry them as well as a JSON record."""
    for item in inputs:
        if item.article is not None:
            try:
                check_article(item.article, item.origin)
            except RawiError as err:
                yield fail(err)
                continue
        yield item


def _guarded(origin: str, inputs: Iterator[Input]) -> Iterator[Input]:
    """Turn a reader's unexpected exception into a rejection, so the next source is still read."""
    try:
        yield from inputs
    except RawiError as err:
        yield fail(err)
    except Exception as exc:  # a library bug on one source must not stop the batch
        yield fail(RawiError("E100", origin, f"{type(exc).__name__}: {exc}; the rest of this source was not read"))


def _read_path(path: Path, max_chars: int) -> Iterator[Input]:
    origin = str(path)
    try:
        if path.is_dir():
            for item in _walk(path, set()):
                if isinstance(item, RawiError):
                    yield fail(item)
                else:
                    yield from _guarded(str(item), _read_file(item, max_chars))
            return
        if not path.exists():
            yield fail(RawiError("E009", origin, "no such file or directory"))
            return
    except OSError as exc:
        yield fail(RawiError("E009", origin, exc.strerror or str(exc)))
        return
    yield from _guarded(origin, _read_file(path, max_chars))


def _stem(name: str) -> str:
    """`a.txt` -> `a`, `a.txt.gz` -> `a`: the name a sidecar and a default id share."""
    if name.lower().endswith(".gz"):
        name = name[:-3]
    return Path(name).stem if "." in name.lstrip(".") else name


def files_under(folder: Path) -> Iterator[Path | RawiError]:
    """The files `iter_inputs` reads in `folder`, in its order, and the folders it cannot read
    (a Dask run splits a folder into partitions of files: `rawi.scale.partitions`)."""
    return _walk(folder, set())


def _walk(folder: Path, seen: set[str]) -> Iterator[Path | RawiError]:
    """Files under `folder`, sorted by name at each level, hidden ones and sidecars left out."""
    try:
        real = os.path.realpath(folder)
        if real in seen:  # a symlink loop, or the same folder linked twice
            return
        seen.add(real)
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield RawiError("E009", str(folder), exc.strerror or str(exc))
        return
    # A NAME.json next to NAME.txt (or NAME.html) is that file's metadata, not an article.
    stems = {_stem(e.name) for e in entries if not e.name.lower().endswith(".json")}
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = folder / entry.name
        try:
            if entry.is_dir():
                yield from _walk(path, seen)
                continue
            if not entry.is_file():
                continue  # sockets, FIFOs and broken links are not articles
        except OSError as exc:
            yield RawiError("E009", str(path), exc.strerror or str(exc))
            continue
        if entry.name.lower().endswith(".json") and _stem(entry.name) in stems:
            continue
        yield path


def _read_file(path: Path, max_chars: int) -> Iterator[Input]:
    origin = str(path)
    name = path.name
    low = name.lower()
    try:
        if low.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")):
            with path.open("rb") as stream:
                yield from _from_jsonl(stream, origin, max_chars)
            return
        if low.endswith((".warc", ".warc.gz")):
            with path.open("rb") as stream:
                yield from iter_warc(stream, origin, max_chars=max_chars)
            return
        size = path.stat().st_size
        if size > MAX_MARKUP_BYTES:
            yield fail(
                RawiError("E004", origin, f"{size:,} bytes, more than an article, a page or a feed", FIX_FILE_TOO_BIG)
            )
            return
        data = path.read_bytes()
    except OSError as exc:
        yield fail(RawiError("E009", origin, exc.strerror or str(exc)))
        return
    if low.endswith(".gz"):
        try:
            data = _gunzip(data)
        except RawiError as err:
            yield fail(err.with_input(origin))
            return
        name = name[:-3]
    try:
        sidecar = _sidecar(path, origin)
    except RawiError as err:
        yield fail(err)
        return
    yield from _read_blob(data, origin, name, fallback_id=_stem(path.name), sidecar=sidecar, max_chars=max_chars)


def _read_url(url: str, client: httpx.Client, max_chars: int) -> Iterator[Input]:
    try:
        got = fetch(url, client)
    except RawiError as err:
        yield fail(err)
        return
    data = got.body
    name = httpx.URL(got.url).path or "/"
    if (
        name.lower().endswith(".gz")
        and data[:2] == b"\x1f\x8b"
        and not name.lower().endswith((".jsonl.gz", ".ndjson.gz", ".warc.gz"))
    ):
        try:
            data = _gunzip(data)
        except RawiError as err:
            yield fail(err.with_input(url))
            return
        name = name[:-3]
    yield from _read_blob(
        data, url, name, content_type=got.content_type, url=got.url, fallback_id=got.url, max_chars=max_chars
    )


def _gunzip(data: bytes) -> bytes:
    """Decompress a whole .gz, refusing a bomb that would expand past the markup limit."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
            out = gz.read(MAX_MARKUP_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise RawiError("E010", "", str(exc) or type(exc).__name__) from None
    if len(out) > MAX_MARKUP_BYTES:
        raise RawiError("E004", "", f"more than {MAX_MARKUP_BYTES:,} bytes once decompressed", FIX_FILE_TOO_BIG)
    return out


def _read_blob(
    data: bytes,
    origin: str,
    name: str,
    *,
    fallback_id: str,
    max_chars: int,
    content_type: str = "",
    url: str | None = None,
    sidecar: dict[str, str] | None = None,
) -> Iterator[Input]:
    """The articles of one whole document held in memory, by the reader its name or content calls for."""
    kind = kind_of(name, data[:4096], content_type)
    if kind == "jsonl":
        yield from _from_jsonl(io.BufferedReader(io.BytesIO(data)), origin, max_chars)
    elif kind == "warc":
        yield from iter_warc(io.BytesIO(data), origin, max_chars=max_chars)
    elif kind == "binary":
        yield fail(RawiError("E002", origin, binary_reason(data[:16]) or "binary data"))
    elif kind == "json":
        yield from _from_json(data, origin, max_chars)
    elif kind == "feed":
        yield from iter_feed(data, origin, max_chars=max_chars, base_url=url)
    else:
        try:
            if kind == "html":
                article = article_from_html(data, origin, fallback_id=fallback_id, url=url, max_chars=max_chars)
            else:
                article = Article(id=fallback_id, text=decode(data, origin, max_chars), url=url)
        except RawiError as err:
            yield fail(err)
            return
        if sidecar:
            article = dataclasses.replace(article, **sidecar)
        yield ok(origin, article)


def _from_jsonl(stream: IO[bytes], origin: str, max_chars: int) -> Iterator[Input]:
    for rec in iter_jsonl(stream, origin, max_chars):
        yield Input(rec.input_name, rec.article, rec.error)


def _from_json(data: bytes, origin: str, max_chars: int) -> Iterator[Input]:
    """A standalone .json file: one article object, or a list of them (`origin#N`, from 1)."""
    try:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise not_utf8(data, origin, exc) from None
        obj = parse_json(text, origin)
    except RawiError as err:
        yield fail(err)
        return
    items = obj if isinstance(obj, list) else [obj]
    for n, item in enumerate(items, 1):
        where = f"{origin}#{n}" if isinstance(obj, list) else origin
        try:
            yield ok(where, article_from(item, where, max_chars))
        except RawiError as err:
            yield fail(err)


def _sidecar(path: Path, origin: str) -> dict[str, str]:
    """The metadata in NAME.json next to NAME.txt, as Article fields; {} if there is none."""
    side = path.with_name(_stem(path.name) + ".json")
    if side == path or path.name.lower().endswith(".json") or not side.is_file():
        return {}
    try:
        data = side.read_bytes()
        obj = parse_json(data.decode("utf-8-sig"), origin)
    except OSError as exc:
        raise RawiError("E009", origin, f"sidecar {side.name}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        err = not_utf8(data, origin, exc)
        raise RawiError("E003", origin, f"sidecar {side.name}, {err.detail}", err.fix) from None
    except RawiError as err:
        raise RawiError("E005", origin, f"sidecar {side.name}: {err.detail}") from None
    if not isinstance(obj, dict):
        raise RawiError("E006", origin, f"sidecar {side.name} is not a JSON object")
    out: dict[str, str] = {}
    for key in _SIDECAR_FIELDS:
        value = obj.get(key)
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            continue  # absent, null or a structure: the reader's own value stands
        if str(value).strip():
            out[key] = str(value).strip()
    return out
