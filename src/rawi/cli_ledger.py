"""`rawi ingest`, `claims`, `conflicts`, `timeline`, `demo`: thin commands over `rawi.ledger`."""

from __future__ import annotations

import csv
import io
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from itertools import islice
from pathlib import Path
from typing import Any

import click

from rawi.api import extract_article, prepare_batch
from rawi.errors import RawiError
from rawi.ingest import Input, iter_inputs
from rawi.ledger import Ledger, content_hash, doc_key
from rawi.ledger.claims import QuantityClaim, quantity_claims
from rawi.ledger.conflicts import Conflict, contradictions, find_conflicts, timeline
from rawi.model import Analysis, Article

DB_HELP = "Ledger URL: a SQLite path or sqlite:///…, or postgresql://… (default: rawi.sqlite in the user data dir)."
FORMATS = click.Choice(["table", "json", "csv"])


@dataclass
class Summary:
    counts: Counter[str] = field(default_factory=Counter)
    rejected: list[tuple[str, str]] = field(default_factory=list)


def _pairs(inputs: Iterable[Input], ledger: Ledger, summary: Summary, lang: str,
           block: int = 64) -> Iterator[tuple[Article, Analysis]]:
    """Articles to extract and store: not rejected, not already stored as they are, and
    only the first of several articles that share an id or URL in this input (otherwise
    every run would swap which version is stored)."""
    taken: set[str] = set()
    it = iter(inputs)
    while chunk := list(islice(it, block)):
        good = [i for i in chunk if i.error is None and i.article is not None]
        stored = ledger.stored_hashes([doc_key(i.article) for i in good if i.article is not None])
        for item in chunk:
            if item.error is not None or item.article is None:
                err = item.error or RawiError("E006", item.origin, "no article")
                summary.rejected.append((item.origin, str(err)))
                continue
            key = doc_key(item.article)
            if key in taken:
                summary.rejected.append((item.origin, str(RawiError("E012", item.origin, key))))
                continue
            taken.add(key)
            if stored.get(key) == content_hash(item.article.text):
                summary.counts["unchanged"] += 1  # same key, same text: nothing to extract or write
                continue
            try:
                yield item.article, extract_article(item.article, item.origin, lang)
            except RawiError as err:
                summary.rejected.append((item.origin, str(err)))


def ingest_sources(ledger: Ledger, sources: Sequence[str], lang: str = "auto", progress: bool = False) -> Summary:
    """Read, extract and store every article of `sources`; one transaction per batch of whole articles."""
    prepare_batch()
    summary = Summary()
    inputs: Iterable[Input] = iter_inputs(sources)
    if progress:
        from tqdm import tqdm

        inputs = tqdm(inputs, unit=" articles", file=sys.stderr, dynamic_ncols=True)
    for done in ledger.ingest_stream(_pairs(inputs, ledger, summary, lang)):
        summary.counts[done.status] += 1
    return summary


def emit(rows: list[dict[str, Any]], fmt: str, columns: Sequence[str]) -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        click.echo(buf.getvalue(), nl=False)
        return
    for row in rows:
        click.echo(" | ".join(_cell(row.get(c)) for c in columns))


def _cell(value: object, width: int = 70) -> str:
    text = "" if value is None else str(value).replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def all_claims(ledger: Ledger) -> tuple[list[QuantityClaim], dict[str, str]]:
    """Every quantity claim in the ledger, and the map from syndicated copies to their originals."""
    claims: list[QuantityClaim] = []
    syndicated: dict[str, str] = {}
    offset = 0
    while True:
        page = ledger.articles(limit=500, offset=offset)
        if not page:
            break
        for row in page:
            if row.syndicated_of:
                syndicated[row.doc_key] = row.syndicated_of
            stored = ledger.article(row.doc_key)
            if stored is not None and row.quantities:
                claims += quantity_claims(row.doc_key, stored.analysis, row.source)
        offset += len(page)
    return claims, syndicated


def _published_in(c: QuantityClaim, since: str | None, until: str | None) -> bool:
    day = (c.published or "")[:10]
    return (not since or (bool(day) and day >= since)) and (not until or (bool(day) and day <= until))


def _claim_json(c: QuantityClaim) -> dict[str, Any]:
    return {"doc_key": c.doc_key, "published": c.published, "key": str(c.key), "source": c.source,
            "value": c.value, "qualifier": c.qualifier, "high": c.high,
            "window": "/".join(c.window) if c.window else None, "evidence": c.evidence.text,
            "start": c.evidence.start, "end": c.evidence.end, "context": c.context.text}


def _conflict_json(x: Conflict) -> dict[str, Any]:
    return {"kind": x.kind, "key": str(x.a.key), "reason": x.reason,
            "a": _claim_json(x.a), "b": _claim_json(x.b)}


def paging(default: int) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """The --limit/--offset pair every listing command takes."""
    def wrap(fn: Callable[..., None]) -> Callable[..., None]:
        fn = click.option("--offset", type=int, default=0, help="Skip this many rows first.")(fn)
        return click.option("--limit", type=int, default=default, show_default=True)(fn)
    return wrap


def register(main: click.Group) -> None:
    @main.command()
    @click.argument("sources", nargs=-1, required=True)
    @click.option("--db", help=DB_HELP)
    @click.option("--lang", type=click.Choice(["auto", "ar"]), default="auto")
    def ingest(sources: tuple[str, ...], db: str | None, lang: str) -> None:
        """Ingest files, folders, feeds, WARCs or http(s) URLs into the ledger."""
        with Ledger.open(db) as ledger:
            summary = ingest_sources(ledger, sources, lang, progress=sys.stderr.isatty())
        c = summary.counts
        click.echo(f"added {c['added']}, unchanged {c['unchanged']}, replaced {c['replaced']}, "
                   f"rejected {len(summary.rejected)}")
        for origin, reason in summary.rejected:
            click.echo(f"  rejected {origin}: {reason}", err=True)

    @main.command()
    @click.option("--db", help=DB_HELP)
    @click.option("--entity", help="Only what this speaker said (name, key or Wikidata id).")
    @click.option("--source", help="Only articles from this outlet.")
    @click.option("--since", help="Published on or after (ISO date).")
    @click.option("--until", help="Published on or before (ISO date).")
    @paging(50)
    @click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
    def claims(db: str | None, entity: str | None, source: str | None, since: str | None, until: str | None,
               limit: int, offset: int, fmt: str) -> None:
        """Attributed claims: who said what, in which article."""
        with Ledger.open(db) as ledger:
            rows = [r.to_json() for r in ledger.claims(entity, source, since, until, limit, offset)]
        emit(rows, fmt, ("published", "doc_key", "speaker", "cue", "stance", "content"))

    @main.command()
    @click.option("--db", help=DB_HELP)
    @click.option("--kind", type=click.Choice(["all", "conflict", "revision", "contradiction"]), default="all",
                  show_default=True)
    @click.option("--entity", help="Only figures about or from this entity (name, key or Wikidata id).")
    @click.option("--since", help="Only pairs with a side published on or after (ISO date).")
    @click.option("--until", help="Only pairs with a side published on or before (ISO date).")
    @paging(50)
    @click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
    def conflicts(db: str | None, kind: str, entity: str | None, since: str | None, until: str | None,
                  limit: int, offset: int, fmt: str) -> None:
        """Figures that cannot both hold (conflicts), sources changing their figure (revisions),
        and one source denying what another asserts (contradictions)."""
        with Ledger.open(db) as ledger:
            claims, syndicated = all_claims(ledger)
        if entity:
            claims = timeline(claims, entity=entity)
        claims = [c for c in claims if _published_in(c, since, until)]
        found = find_conflicts(claims, syndicated) + contradictions(claims, syndicated)
        rows = [_conflict_json(x) for x in found if kind in ("all", x.kind)][offset:offset + limit]
        if fmt == "table":
            for r in rows:
                click.echo(f"{r['kind']} {r['key']}: {r['reason']}")
                for side in ("a", "b"):
                    s = r[side]
                    click.echo(f"   {s['published']} {s['source']}: «{s['evidence']}» in {s['doc_key']} "
                               f"[{s['start']}:{s['end']}]")
            return
        flat = [{"kind": r["kind"], "key": r["key"], "reason": r["reason"],
                 **{f"{side}_{k}": v for side in ("a", "b") for k, v in r[side].items()}} for r in rows]
        emit(rows if fmt == "json" else flat, fmt, list(flat[0]) if flat else ["kind"])

    @main.command("timeline")
    @click.argument("entity")
    @click.option("--db", help=DB_HELP)
    @click.option("--since", help="Only claims published on or after (ISO date).")
    @click.option("--until", help="Only claims published on or before (ISO date).")
    @paging(100)
    @click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
    def timeline_cmd(entity: str, db: str | None, since: str | None, until: str | None, limit: int, offset: int,
                     fmt: str) -> None:
        """The figures about or from ENTITY, ordered by the time they refer to."""
        with Ledger.open(db) as ledger:
            claims, _ = all_claims(ledger)
        ordered = [c for c in timeline(claims, entity=entity) if _published_in(c, since, until)]
        rows = [_claim_json(c) for c in ordered[offset:offset + limit]]
        emit(rows, fmt, ("window", "key", "source", "evidence", "doc_key"))

    @main.command()
    def demo() -> None:
        """Ingest the bundled sample story into a temporary ledger and report on it."""
        sample = resources.files("rawi").joinpath("samples", "kursk-story.jsonl")
        with tempfile.TemporaryDirectory(prefix="rawi-demo-") as tmp:
            path = Path(tmp) / "kursk-story.jsonl"
            path.write_bytes(sample.read_bytes())
            with Ledger.open(str(Path(tmp) / "demo.sqlite")) as ledger:
                summary = ingest_sources(ledger, [str(path)])
                _report(ledger, summary)


def _report(ledger: Ledger, summary: Summary) -> None:
    c = summary.counts
    stats = ledger.stats()
    click.echo(f"rawi demo: {c['added']} articles ingested ({stats.syndicated} syndicated copy), "
               f"{stats.attributions} attributed claims, {stats.quantities} figures\n")
    speakers = Counter(r.speaker for r in ledger.claims(limit=10_000) if r.speaker)
    click.echo("Top sources")
    for name, n in speakers.most_common(5):
        click.echo(f"  {n:3d}  {name}")
    claims, syndicated = all_claims(ledger)
    found = find_conflicts(claims, syndicated)
    for kind, title in (("conflict", "Conflicts"), ("revision", "Revisions")):
        click.echo(f"\n{title}")
        for x in (x for x in found if x.kind == kind):
            click.echo(f"  {x.reason}")
            for side in (x.a, x.b):
                click.echo(f"    {side.published}  {side.source}: «{side.evidence.text}» ({side.doc_key})")
    keyed = [q for q in claims if q.key.predicate]
    if keyed:
        key = Counter(q.key for q in keyed).most_common(1)[0][0]
        click.echo(f"\nTimeline of {key}")
        for q in timeline(claims, key=key):
            window = "/".join(q.window) if q.window else "?"
            click.echo(f"  {window}  {q.source}: «{q.evidence.text}» ({q.doc_key})")
