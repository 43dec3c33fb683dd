"""`rawi ingest`, `claims`, `figures`, `conflicts`, `timeline`, `demo`: thin commands over `rawi.service`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import click

from rawi.reading import DEFAULT_MAX_CHARS
from rawi.service import Page, Service, Summary

DB_HELP = "Ledger URL: a SQLite path or sqlite:///…, or postgresql://… (default: rawi.sqlite in the user data dir)."
FORMATS = click.Choice(["table", "json", "jsonl", "csv"])
TABLE_PAGE = 50
FIGURE_COLUMNS = ("said_on", "article_id", "text", "key", "source", "as_of", "confidence")


def emit(rows: list[dict[str, Any]], fmt: str, columns: Sequence[str]) -> None:
    """Rows as a JSON array, JSON Lines, CSV (every column, flattened) or a table (`columns`)."""
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    if fmt == "csv":
        flat = [_flatten(r) for r in rows]
        names = list(dict.fromkeys(k for r in flat for k in r)) or list(columns)
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=names, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(flat)
        click.echo(buf.getvalue(), nl=False)
        return
    click.echo(" | ".join(columns))
    for row in rows:
        click.echo(" | ".join(_cell(row.get(c)) for c in columns))


def _flatten(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in row.items():
        if isinstance(v, dict):
            out.update(_flatten(v, f"{prefix}{k}_"))
        elif isinstance(v, list):
            out[prefix + k] = "|".join(str(x) for x in v)
        else:
            out[prefix + k] = v
    return out


def _cell(value: object, width: int = 70) -> str:
    text = "" if value is None else str(value).replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def _shown(page: Page[Any], offset: int, what: str) -> None:
    """The paging line under a table: how many of how many, and how to see more."""
    n = len(page.items)
    if not n:
        click.echo(f"no {what}", err=True)
        return
    more = f"; next page: --offset {offset + n}" if offset + n < page.total else ""
    click.echo(f"{offset + 1}-{offset + n} of {page.total} {what}{more}", err=True)


_ISO_PREFIX = re.compile(r"\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?")


def iso_date(_ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A --since/--until value, checked: the bounds are compared with stored ISO dates as text,
    so a value that is not one (a typo, 01/09/2025) would quietly match everything or nothing."""
    if value is None:
        return None
    text = value.strip()
    ok = _ISO_PREFIX.fullmatch(text) is not None
    if ok and len(text) >= 7:
        try:  # the shape is right; is the date real (no month 13, no 31 April, no hour 25)?
            if len(text) > 10:
                dt.datetime.fromisoformat(text)
            else:
                dt.date.fromisoformat(text if len(text) == 10 else text + "-01")
        except ValueError:
            ok = False
    if not ok:
        raise click.BadParameter(f"{value!r} is not an ISO date: use YYYY-MM-DD (or YYYY-MM, YYYY, "
                                 "or an ISO datetime such as 2025-09-01T08:00)", param=param)
    return text


def paging(fn: Callable[..., None]) -> Callable[..., None]:
    """The --limit/--offset pair every listing command takes (a table shows 50 rows unless told;
    json, jsonl and csv give every row unless told)."""
    fn = click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many rows first.")(fn)
    return click.option("--limit", type=click.IntRange(min=1), default=None,
                        help=f"Rows to show (default: {TABLE_PAGE} in a table, all otherwise).")(fn)


def _limit(limit: int | None, fmt: str) -> int:
    return limit if limit is not None else (TABLE_PAGE if fmt == "table" else 10**12)


def _print_summary(summary: Summary) -> None:
    c = summary.counts
    click.echo(f"added {c['added']}, unchanged {c['unchanged']}, replaced {c['replaced']}, "
               f"rejected {len(summary.rejected)}")
    for origin, reason in summary.rejected:
        click.echo(f"  rejected {origin}: {reason}", err=True)


def register(main: click.Group) -> None:
    @main.command()
    @click.argument("sources", nargs=-1, required=True)
    @click.option("--db", help=DB_HELP)
    @click.option("--lang", type=click.Choice(["auto", "ar"]), default="auto")
    @click.option("--max-chars", type=click.IntRange(1), default=DEFAULT_MAX_CHARS, show_default=True,
                  help="Reject texts longer than this (and JSON Lines lines too long to hold one).")
    def ingest(sources: tuple[str, ...], db: str | None, lang: str, max_chars: int) -> None:
        """Ingest files, folders, feeds, WARCs or http(s) URLs into the ledger, then link its figures.

        Exits with 1 when any input was rejected (each is listed on stderr with its reason)."""
        with Service.open(db) as service:
            summary = service.ingest_sources(sources, lang, progress=sys.stderr.isatty(), max_chars=max_chars)
        _print_summary(summary)
        if summary.rejected:
            click.echo(f"{len(summary.rejected)} input(s) rejected; the others were stored", err=True)
            sys.exit(1)

    @main.command()
    @click.option("--db", help=DB_HELP)
    @click.option("--entity", help="Only what this speaker said (any name, alias or Wikidata id).")
    @click.option("--source", help="Only articles from this outlet.")
    @click.option("--since", callback=iso_date, help="Published on or after (ISO date).")
    @click.option("--until", callback=iso_date, help="Published on or before (ISO date).")
    @paging
    @click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
    def claims(db: str | None, entity: str | None, source: str | None, since: str | None, until: str | None,
               limit: int | None, offset: int, fmt: str) -> None:
        """Attributed claims: who said what, in which article."""
        with Service.open(db) as service:
            rows = [r.to_json() for r in service.claims(entity, source, since, until, None, _limit(limit, fmt),
                                                        offset)]
        emit(rows, fmt, ("published", "doc_key", "speaker", "cue", "stance", "content"))

    @main.command()
    @click.option("--db", help=DB_HELP)
    @click.option("--entity", help="Only figures from or about this entity (any name, alias or Wikidata id).")
    @click.option("--source", help="Only articles from this outlet.")
    @click.option("--since", callback=iso_date, help="Only figures said on or after (ISO date).")
    @click.option("--until", callback=iso_date, help="Only figures said on or before (ISO date).")
    @click.option("--key", help="Only figures of this amount (a key from this listing).")
    @click.option("--measure", help='Only this measure ("killed/person") or predicate ("killed").')
    @paging
    @click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
    def figures(db: str | None, entity: str | None, source: str | None, since: str | None, until: str | None,
                key: str | None, measure: str | None, limit: int | None, offset: int, fmt: str) -> None:
        """Every stored figure claim: the quantity span in its article (article_id, start, end), the
        amount it states (key: equal keys are the same thing), value, qualifier, source, said_on,
        as_of, confidence."""
        with Service.open(db) as service:
            page = service.figures(entity, source, since, until, key, measure, _limit(limit, fmt), offset)
        emit([r.to_json() for r in page.items], fmt, FIGURE_COLUMNS)
        if fmt == "table":
            _shown(page, offset, "figures")

    @main.command()
    @click.option("--db", help=DB_HELP)
    @click.option("--kind", type=click.Choice(["all", "conflict", "revision", "contradiction"]), default="all",
                  show_default=True)
    @click.option("--entity", help="Only pairs with a side from or about this entity (name, alias or Wikidata id).")
    @click.option("--since", callback=iso_date, help="Only pairs with a side said on or after (ISO date).")
    @click.option("--until", callback=iso_date, help="Only pairs with a side said on or before (ISO date).")
    @paging
    @click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
    def conflicts(db: str | None, kind: str, entity: str | None, since: str | None, until: str | None,
                  limit: int | None, offset: int, fmt: str) -> None:
        """Figures of one amount that cannot both hold (conflicts), a source changing its figure
        (revisions), one source denying another's figure (contradictions); most confident first."""
        with Service.open(db) as service:
            page = service.conflicts(kind, entity, since, until, _limit(limit, fmt), offset)
        if fmt != "table":
            emit([p.to_json() for p in page.items], fmt, ("kind", "key", "reason"))
            return
        for p in page.items:
            click.echo(f"{p.kind} {p.a.key} (confidence {p.confidence:.2f}): {p.reason}")
            for side in (p.a, p.b):
                click.echo(f"   {side.said_on} {side.source or side.outlet or '(outlet)'}: «{side.text}» "
                           f"in {side.article_id} [{side.start}:{side.end}]")
        _shown(page, offset, "pairs")

    @main.command("timeline")
    @click.argument("entity", required=False)
    @click.option("--db", help=DB_HELP)
    @click.option("--key", help="Only figures of this amount (a key from `rawi figures`).")
    @click.option("--since", callback=iso_date, help="Only figures said on or after (ISO date).")
    @click.option("--until", callback=iso_date, help="Only figures said on or before (ISO date).")
    @paging
    @click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
    def timeline_cmd(entity: str | None, db: str | None, key: str | None, since: str | None, until: str | None,
                     limit: int | None, offset: int, fmt: str) -> None:
        """The figures from or about ENTITY (and/or of amount --key), ordered by the time they describe."""
        if not entity and not key:
            raise click.UsageError("give an ENTITY, a --key, or both")
        with Service.open(db) as service:
            page = service.timeline(entity, key, since, until, _limit(limit, fmt), offset)
        emit([r.to_json() for r in page.items], fmt, ("as_of", "said_on", "key", "source", "text", "article_id"))
        if fmt == "table":
            _shown(page, offset, "figures")

    @main.command()
    def demo() -> None:
        """Ingest the bundled sample story into a temporary ledger and report on it."""
        sample = resources.files("rawi").joinpath("samples", "kursk-story.jsonl")
        with tempfile.TemporaryDirectory(prefix="rawi-demo-") as tmp:
            path = Path(tmp) / "kursk-story.jsonl"
            path.write_bytes(sample.read_bytes())
            with Service.open(str(Path(tmp) / "demo.sqlite")) as service:
                summary = service.ingest_sources([str(path)])
                _report(service, summary)


def _report(service: Service, summary: Summary) -> None:
    c = summary.counts
    stats = service.stats()
    click.echo(f"rawi demo: {c['added']} articles ingested ({stats.syndicated} syndicated copy), "
               f"{stats.attributions} attributed claims, {stats.quantities} figures\n")
    speakers = Counter(r.speaker for r in service.claims(limit=10_000) if r.speaker)
    click.echo("Top sources")
    for name, n in speakers.most_common(5):
        click.echo(f"  {n:3d}  {name}")
    for kind, title in (("conflict", "Conflicts"), ("revision", "Revisions")):
        click.echo(f"\n{title}")
        for p in service.conflicts(kind, limit=20).items:
            click.echo(f"  {p.reason}")
            for side in (p.a, p.b):
                click.echo(f"    said {side.said_on}  {side.source or side.outlet}: «{side.text}» ({side.article_id})")
    keyed = service.figures(limit=10_000).items
    counted = Counter(f.key for f in keyed if f.key)
    if counted:
        key = counted.most_common(1)[0][0]
        click.echo(f"\nTimeline of {key}")
        for f in service.timeline(key=key).items:
            click.echo(f"  {f.as_of or f.said_on}  {f.source or f.outlet}: «{f.text}» ({f.article_id})")
