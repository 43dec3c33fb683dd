"""The `rawi` command: a thin layer over `rawi.api`."""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TypeVar

import click

from rawi.api import extract_article, prepare_batch
from rawi.errors import RawiError
from rawi.model import Analysis, Article
from rawi.reading import DEFAULT_MAX_CHARS, Record, decode, iter_jsonl
from rawi.scale import Scale, scale_from, scale_options

T = TypeVar("T")


def _is_jsonl(path: str) -> bool:
    return path.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz"))


def _is_html(path: str) -> bool:
    return path.lower().endswith((".html", ".htm", ".xhtml", ".shtml"))


def _article(data: bytes, input: str, name: str, doc_id: str | None, published: str | None, max_chars: int) -> Article:
    """The article of one file: a page's main text (as `rawi ingest` reads it), else the text."""
    default_id = "stdin" if input == "-" else Path(input).name.split(".")[0]
    if _is_html(input):
        # Only pages pay for trafilatura's import; reading the tags as text would analyse markup.
        from rawi.ingest.html import article_from_html

        page = article_from_html(data, name, fallback_id=default_id, max_chars=max_chars)
        return dataclasses.replace(page, id=doc_id or default_id, published=published or page.published)
    return Article(doc_id or default_id, decode(data, name, max_chars), published)


@contextlib.contextmanager
def _output(path: str | None) -> Iterator[IO[str]]:
    """stdout, or a file written under a temporary name and renamed only when complete."""
    if path is None:
        yield sys.stdout
        return
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent or Path("."))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            yield fh
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _dump(analysis: Analysis, fmt: str) -> str:
    if fmt == "jsonl":
        return json.dumps(analysis.to_json(), ensure_ascii=False)
    return json.dumps(analysis.to_json(), ensure_ascii=False, indent=1)


def _records(path: str, max_chars: int) -> Iterator[Record]:
    name = "<stdin>" if path == "-" else path
    if path == "-":
        yield from iter_jsonl(sys.stdin.buffer, name, max_chars)
        return
    try:
        with open(path, "rb") as fh:
            yield from iter_jsonl(fh, name, max_chars)
    except OSError as exc:
        yield Record(name, None, RawiError("E009", name, exc.strerror or str(exc)))


def _progress(items: Iterator[T]) -> Iterator[T]:
    if not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return iter(tqdm(items, unit=" articles", file=sys.stderr, dynamic_ncols=True))


# The ledger commands live in modules that load SQLAlchemy, the readers and the web stack;
# `rawi extract` must not pay for them, so they are imported when first named.
_LAZY = {
    name: "rawi.cli_ledger"
    for name in ("ingest", "articles", "claims", "figures", "conflicts", "timeline", "reframe", "demo")
}
_LAZY.update({"export": "rawi.cli_export", "sources": "rawi.cli_export", "serve": "rawi.cli_serve"})


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_LAZY})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        found = super().get_command(ctx, cmd_name)
        if found is None and cmd_name in _LAZY:
            holder = click.Group()
            importlib.import_module(_LAZY[cmd_name]).register(holder)
            for name, command in holder.commands.items():
                self.add_command(command, name)
            found = super().get_command(ctx, cmd_name)
        return found


@click.group(cls=_LazyGroup)
@click.version_option(package_name="rawi")
def main() -> None:
    """rawi: who said what, according to whom, when and how many — in Arabic and English news."""


@main.command()
@click.argument("input", metavar="FILE", default="-")
@click.option("--id", "doc_id", help="Article id (default: the file name without extension).")
@click.option("--published", help="Dateline, YYYY-MM-DD: relative times resolve against it.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl"]),
    default=None,
    help="json (pretty, one article) or jsonl (one line per article). Default: jsonl for .jsonl[.gz] input, else json.",
)
@click.option("--jsonl", "force_jsonl", is_flag=True, help="Read the input as JSON Lines (e.g. from stdin).")
@click.option(
    "--lang",
    type=click.Choice(["auto", "ar", "en"]),
    default="auto",
    help="auto detects the language (Arabic or English) and declines what rawi cannot read yet.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
@click.option(
    "--max-chars", type=int, default=DEFAULT_MAX_CHARS, show_default=True, help="Reject texts longer than this."
)
@scale_options
def extract(
    input: str,
    doc_id: str | None,
    published: str | None,
    fmt: str | None,
    force_jsonl: bool,
    lang: str,
    output: str | None,
    max_chars: int,
    workers: int,
    scheduler: str | None,
) -> None:
    """Extract attributions, times, quantities and entities from FILE (or - for stdin).

    An .html FILE is a web page: its main text is read, as `rawi ingest` reads it.
    A .jsonl or .jsonl.gz FILE holds one article per line (fields id, text,
    published, optional title, url, source); results stream out one per line and
    a bad line is reported on stderr without stopping the others. With --workers or
    --scheduler the lines are extracted on a Dask cluster and written in the same order.
    """
    scale = scale_from(workers, scheduler)
    if force_jsonl or _is_jsonl(input):
        try:
            failed = _write_jsonl(_extracted(input, fmt or "jsonl", lang, max_chars, scale), fmt or "jsonl", output)
        except RawiError as err:  # the run itself failed (a scheduler out of reach): no output file
            click.echo(f"rawi: error {err}", err=True)
            sys.exit(2)
        if failed:
            click.echo(f"rawi: {failed} article(s) rejected, see the messages above", err=True)
            sys.exit(1)
        return
    name = "<stdin>" if input == "-" else input
    try:
        if input == "-":
            data = sys.stdin.buffer.read()
        else:
            try:
                data = Path(input).read_bytes()
            except OSError as exc:
                raise RawiError("E009", name, exc.strerror or str(exc)) from None
        analysis = extract_article(_article(data, input, name, doc_id, published, max_chars), name, lang, max_chars)
    except RawiError as err:
        click.echo(f"rawi: error {err}", err=True)
        sys.exit(2)
    with _output(output) as out:
        out.write(_dump(analysis, fmt or "json") + "\n")


def _extracted(input: str, fmt: str, lang: str, max_chars: int, scale: Scale) -> Iterator[str | RawiError]:
    """Every article's output line, or the error that rejects it, in input order."""
    if scale.distributed:
        from rawi.scale.extract import ExtractJob, extract_lines  # Dask only when asked for

        job = ExtractJob(fmt, lang, max_chars)
        return _progress(extract_lines(input, job, scale, sys.stdin.buffer if input == "-" else None))
    return _extract_here(input, fmt, lang, max_chars)


def _extract_here(input: str, fmt: str, lang: str, max_chars: int) -> Iterator[str | RawiError]:
    prepare_batch()
    for rec in _progress(_records(input, max_chars)):
        try:
            if rec.error is not None:
                raise rec.error
            assert rec.article is not None
            yield _dump(extract_article(rec.article, rec.input_name, lang, max_chars), fmt)
        except RawiError as err:
            yield err


def _write_jsonl(results: Iterator[str | RawiError], fmt: str, output: str | None) -> int:
    """Write the lines (an array for json) and report the errors; returns how many were rejected."""
    failed = 0
    with _output(output) as out:
        first = True
        if fmt == "json":
            out.write("[\n")
        for line in results:
            if isinstance(line, RawiError):
                failed += 1
                click.echo(f"rawi: error {line}", err=True)
                continue
            if fmt == "json":
                out.write(("" if first else ",\n") + line)
            else:
                out.write(line + "\n")
                out.flush()
            first = False
        if fmt == "json":
            out.write("\n]\n")
    return failed


if __name__ == "__main__":
    main()
