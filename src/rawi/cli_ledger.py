"""`rawi ingest`, `articles`, `claims`, `figures`, `conflicts`, `timeline`, `demo`: thin commands
over `rawi.service`; how they print is `rawi.cli_output`."""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

import click

from rawi.cli_output import DB_HELP, Col, clean, day_option, emit, listing, output_format, page_size, shown, table
from rawi.errors import RawiError
from rawi.lexicon.cues import STANCES
from rawi.reading import DEFAULT_MAX_CHARS
from rawi.scale import scale_from, scale_options
from rawi.service import Service, Summary

CLAIM_COLUMNS = (
    Col("published", "published", short=True),
    Col("speaker", "speaker", 40),
    Col("cue", "cue", 12),
    Col("stance", "stance", short=True),
    Col("content", "what was said", 70),
    Col("article_id", "article", fold=True),
)
FIGURE_COLUMNS = (
    Col("said_on", "said on", short=True, days=True),
    Col("text", "figure", 30),
    Col("key", "amount (key)", fold=True),
    Col("source", "source", 40),
    Col("as_of", "as of", short=True, days=True),
    Col("confidence", "conf.", short=True),
    Col("article_id", "article", fold=True),
)
TIMELINE_COLUMNS = (
    Col("as_of", "as of", short=True, days=True),
    Col("said_on", "said on", short=True, days=True),
    Col("text", "figure", 30),
    Col("source", "source", 40),
    Col("key", "amount (key)", fold=True),
    Col("article_id", "article", fold=True),
)
ARTICLE_COLUMNS = (
    Col("published", "published", short=True),
    Col("source", "outlet", 24),
    Col("title", "title", 60),
    Col("attributions", "claims", short=True),
    Col("quantities", "figures", short=True),
    Col("given_id", "id", fold=True),
)
PAIR_COLUMNS = (
    Col("kind", "kind", short=True),
    Col("confidence", "conf.", short=True),
    Col("measure", "amount", fold=True),
    Col("said_on", "said on", short=True, days=True),
    Col("source", "source", 40),
    Col("text", "figure", 30),
    Col("article_id", "article", fold=True),
)


def _print_summary(summary: Summary) -> None:
    c = summary.counts
    click.echo(
        f"added {c['added']}, unchanged {c['unchanged']}, replaced {c['replaced']}, rejected {len(summary.rejected)}"
    )
    for origin, reason in summary.rejected:
        click.echo(f"  rejected {origin}: {reason}", err=True)


def _note_stale_frames(service: Service) -> None:
    """Say so when the stored figure frames were made by another version's rules."""
    if not service.frames_current():
        click.echo(
            "rawi: the figure frames in this ledger were made by an older rawi; "
            "`rawi reframe` makes them again from the stored extractions",
            err=True,
        )


def register(main: click.Group) -> None:
    @main.command()
    @click.argument("sources", nargs=-1, required=True)
    @click.option("--db", help=DB_HELP)
    @click.option("--lang", type=click.Choice(["auto", "ar", "en"]), default="auto")
    @click.option(
        "--max-chars",
        type=click.IntRange(1),
        default=DEFAULT_MAX_CHARS,
        show_default=True,
        help="Reject texts longer than this (and JSON Lines lines too long to hold one).",
    )
    @scale_options
    def ingest(
        sources: tuple[str, ...], db: str | None, lang: str, max_chars: int, workers: int, scheduler: str | None
    ) -> None:
        """Ingest files, folders, feeds, WARCs or http(s) URLs into the ledger, then link its figures.

        Exits with 1 when any input was rejected (each is listed on stderr with its reason)."""
        scale = scale_from(workers, scheduler)
        with Service.open(db) as service:
            try:
                summary = service.ingest_sources(
                    sources, lang, progress=sys.stderr.isatty(), max_chars=max_chars, scale=scale
                )
            except RawiError as err:  # the run itself failed (a scheduler out of reach); what was stored stays
                raise click.ClickException(str(err)) from None
        _print_summary(summary)
        if summary.rejected:
            click.echo(f"{len(summary.rejected)} input(s) rejected; the others were stored", err=True)
            sys.exit(1)

    @main.command()
    @click.argument("query", required=False)
    @click.option("--db", help=DB_HELP)
    @click.option("--show", "show", metavar="ID", help="Show one article (its id, key or URL) with its extraction.")
    @listing
    def articles(
        query: str | None, db: str | None, show: str | None, limit: int | None, offset: int, fmt: str, excel: bool
    ) -> None:
        """Stored articles, newest first; with QUERY only those whose title or text holds it (however
        hamza, alef, yaa and taa marbuta are written) or whose key or outlet it is."""
        fmt = output_format(fmt, excel)
        with Service.open(db) as service:
            if show is not None:
                _show_article(service, show, fmt)
                return
            page = service.articles(query, page_size(limit, fmt), offset)
        emit([r.to_json() for r in page.items], fmt, ARTICLE_COLUMNS, excel)
        if fmt == "table":
            shown(len(page.items), page.total, offset, "articles")

    @main.command()
    @click.option("--db", help=DB_HELP)
    @click.option("--entity", help="Only what this speaker said (any name, alias or Wikidata id).")
    @click.option("--source", help="Only articles from this outlet.")
    @day_option("--since", "Published on or after.")
    @day_option("--until", "Published on or before.")
    @click.option("--stance", type=click.Choice(sorted(STANCES)), help="Only this stance.")
    @click.option("--search", "q", metavar="WORDS", help="Only claims whose content holds these words.")
    @click.option(
        "--sort", type=click.Choice(["oldest", "newest"]), default="oldest", show_default=True, help="Dateline order."
    )
    @listing
    def claims(
        db: str | None,
        entity: str | None,
        source: str | None,
        since: str | None,
        until: str | None,
        stance: str | None,
        q: str | None,
        sort: str,
        limit: int | None,
        offset: int,
        fmt: str,
        excel: bool,
    ) -> None:
        """Attributed claims: who said what, in which article."""
        fmt = output_format(fmt, excel)
        with Service.open(db) as service:
            page = service.claims(
                entity, source, since, until, stance, page_size(limit, fmt), offset, q, sort == "newest"
            )
        emit([r.to_json() for r in page.items], fmt, CLAIM_COLUMNS, excel)
        if fmt == "table":
            shown(len(page.items), page.total, offset, "claims")

    @main.command()
    @click.option("--db", help=DB_HELP)
    @click.option("--entity", help="Only figures from or about this entity (any name, alias or Wikidata id).")
    @click.option("--source", help="Only articles from this outlet.")
    @day_option("--since", "Only figures said on or after.")
    @day_option("--until", "Only figures said on or before.")
    @click.option("--key", help="Only figures of this amount (a key from this listing).")
    @click.option("--measure", help='Only this measure ("killed/person") or predicate ("killed").')
    @listing
    def figures(
        db: str | None,
        entity: str | None,
        source: str | None,
        since: str | None,
        until: str | None,
        key: str | None,
        measure: str | None,
        limit: int | None,
        offset: int,
        fmt: str,
        excel: bool,
    ) -> None:
        """Every stored figure claim: the quantity span in its article (article_id, start, end), the
        amount it states (key: equal keys are the same thing), value, qualifier, source, said_on,
        as_of, confidence."""
        fmt = output_format(fmt, excel)
        with Service.open(db) as service:
            page = service.figures(entity, source, since, until, key, measure, page_size(limit, fmt), offset)
            _note_stale_frames(service)
        emit([r.to_json() for r in page.items], fmt, FIGURE_COLUMNS, excel)
        if fmt == "table":
            shown(len(page.items), page.total, offset, "figures")

    @main.command()
    @click.option("--db", help=DB_HELP)
    @click.option(
        "--kind", type=click.Choice(["all", "conflict", "revision", "contradiction"]), default="all", show_default=True
    )
    @click.option("--entity", help="Only pairs with a side from or about this entity (name, alias or Wikidata id).")
    @day_option("--since", "Only pairs with a side said on or after.")
    @day_option("--until", "Only pairs with a side said on or before.")
    @click.option(
        "--min-confidence",
        type=click.FloatRange(0, 1),
        default=0.0,
        show_default=True,
        help="Only pairs at least this confident (see README: how precise each band was found).",
    )
    @listing
    def conflicts(
        db: str | None,
        kind: str,
        entity: str | None,
        since: str | None,
        until: str | None,
        min_confidence: float,
        limit: int | None,
        offset: int,
        fmt: str,
        excel: bool,
    ) -> None:
        """Figures of one amount that cannot both hold (conflicts), a source changing its figure
        (revisions), one source denying another's figure (contradictions); most confident first.
        A table shows each pair as two rows, one per side, under the amount they disagree on."""
        fmt = output_format(fmt, excel)
        with Service.open(db) as service:
            page = service.conflicts(kind, entity, since, until, page_size(limit, fmt), offset, min_confidence)
            _note_stale_frames(service)
        if fmt != "table":
            emit([p.to_json() for p in page.items], fmt, (Col("kind", "kind"), Col("key", "key")), excel)
            return
        rows: list[dict[str, Any]] = []
        for p in page.items:
            for i, side in enumerate((p.a, p.b)):
                rows.append(
                    {
                        **side.to_json(),
                        "kind": p.kind if i == 0 else "",
                        "confidence": f"{p.confidence:.2f}" if i == 0 else "",
                        "measure": side.measure if i == 0 else "",
                        "source": side.source or f"{side.outlet or 'the outlet'} (own report)",
                    }
                )
        if rows:
            table(rows, PAIR_COLUMNS, sections=2)
        shown(len(page.items), page.total, offset, "pairs")

    @main.command()
    @click.option("--db", help=DB_HELP)
    def reframe(db: str | None) -> None:
        """Make every stored article's figure frames again from its stored extraction, then relink.

        Needed once after an upgrade that reads figures differently (the figure commands say so):
        an article ingested again unchanged is skipped, so its frames stay those of the rawi that
        stored it."""
        with Service.open(db) as service:
            framed = service.reframe()
        click.echo(f"{framed:,} articles with figures framed again; figures relinked", err=True)

    @main.command("timeline")
    @click.argument("entity", required=False)
    @click.option("--db", help=DB_HELP)
    @click.option("--key", help="Only figures of this amount (a key from `rawi figures`).")
    @day_option("--since", "Only figures said on or after.")
    @day_option("--until", "Only figures said on or before.")
    @listing
    def timeline_cmd(
        entity: str | None,
        db: str | None,
        key: str | None,
        since: str | None,
        until: str | None,
        limit: int | None,
        offset: int,
        fmt: str,
        excel: bool,
    ) -> None:
        """The figures from or about ENTITY (and/or of amount --key), ordered by the time they describe."""
        if not entity and not key:
            raise click.UsageError("give an ENTITY, a --key, or both")
        fmt = output_format(fmt, excel)
        with Service.open(db) as service:
            page = service.timeline(entity, key, since, until, page_size(limit, fmt), offset)
            _note_stale_frames(service)
        emit([r.to_json() for r in page.items], fmt, TIMELINE_COLUMNS, excel)
        if fmt == "table":
            shown(len(page.items), page.total, offset, "figures")

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


def _show_article(service: Service, key: str, fmt: str) -> None:
    stored = service.article(key, by_id=True)
    if stored is None:
        raise click.ClickException(f"no article with key {clean(key)!r}: `rawi articles QUERY` lists the keys")
    if fmt != "table":
        emit([stored.to_json()], fmt, ARTICLE_COLUMNS)
        return
    row, a = stored.row, stored.analysis
    click.echo(f"{clean(row.title or row.doc_key)}\n{row.source or ''} {row.published or ''}  key: {row.doc_key}\n")
    claims = [
        {
            "id": t.id,
            "speaker": t.source.span.text if t.source.span else "(unnamed)",
            "via": " < ".join(v.span.text for v in t.via),
            "cue": t.cue.text if t.cue else "",
            "stance": t.stance,
            "content": t.content.text,
        }
        for t in a.attributions
    ]
    if claims:
        table(
            claims,
            (
                Col("id", "id", short=True),
                Col("speaker", "speaker", 40),
                Col("via", "via", 30),
                Col("cue", "cue", 12),
                Col("stance", "stance", short=True),
                Col("content", "what was said", 70),
            ),
        )
    figures = [
        {"text": q.span.text, "value": q.value, "qualifier": q.qualifier, "unit": q.unit or ""} for q in a.quantities
    ]
    if figures:
        table(
            figures,
            (
                Col("text", "figure", 40),
                Col("value", "value", short=True),
                Col("qualifier", "qualifier", short=True),
                Col("unit", "unit", 30),
            ),
        )
    times = [{"text": t.span.text, "type": t.type, "value": t.value} for t in a.times]
    if times:
        table(times, (Col("text", "time", 40), Col("type", "type", short=True), Col("value", "value", short=True)))
    click.echo(
        f"{len(a.attributions)} claims, {len(a.quantities)} figures, {len(a.times)} times; "
        "--format json gives the whole extraction",
        err=True,
    )


def _report(service: Service, summary: Summary) -> None:
    c = summary.counts
    stats = service.stats()
    click.echo(
        f"rawi demo: {c['added']} articles ingested ({stats.syndicated} syndicated copy), "
        f"{stats.attributions} attributed claims, {stats.quantities} figures\n"
    )
    speakers = Counter(r.speaker for r in service.claims(limit=10_000).items if r.speaker)
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
