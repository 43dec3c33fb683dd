"""`rawi export` and `rawi sources`: thin commands over `rawi.export` and the ledger's export queries."""

from __future__ import annotations

from pathlib import Path

import click

from rawi.cli_output import DB_HELP, Col, day_option, emit, listing, output_format, page_size, shown
from rawi.export import NEWLINE, WRITERS, ExportFilter, atomic_output, export
from rawi.ledger import Ledger

SOURCE_COLUMNS = (
    Col("claims", "claims", 6),
    Col("speaker", "speaker", 30),
    Col("via", "via", 30),
    Col("articles", "articles", 8),
    Col("outlets", "outlets", 30),
    Col("first", "first", 10),
    Col("last", "last", 10),
)


def register(main: click.Group) -> None:
    @main.command("export")
    @click.option(
        "--format",
        "fmt",
        type=click.Choice(list(WRITERS)),
        required=True,
        help="jsonl: one article per line with its full extraction; csv: one row per claim; "
        "claimreview: schema.org ClaimReview JSON-LD; webanno: W3C Web Annotation JSON-LD.",
    )
    @click.option("--db", help=DB_HELP)
    @click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, writable=True),
        help="Write here (replaced only once complete) instead of stdout.",
    )
    @click.option(
        "--entity",
        help="Only claims by this speaker (name, key or Wikidata id); "
        "jsonl keeps the whole articles holding such claims.",
    )
    @click.option("--source", help="Only articles from this outlet.")
    @day_option("--since", "Published on or after.")
    @day_option("--until", "Published on or before.")
    def export_cmd(
        fmt: str,
        db: str | None,
        output: str | None,
        entity: str | None,
        source: str | None,
        since: str | None,
        until: str | None,
    ) -> None:
        """Export the ledger's articles, claims or spans in an open format, streamed."""
        if output is not None and not Path(output).resolve().parent.is_dir():
            raise click.BadParameter(f"the directory of {output} does not exist", param_hint="-o/--output")
        flt = ExportFilter(entity, source, since, until)
        with Ledger.open(db) as ledger, atomic_output(output, NEWLINE.get(fmt)) as out:
            n = export(ledger, fmt, out, flt)
        if output is not None:
            click.echo(f"wrote {n} {_unit(fmt, n)} to {output}", err=True)

    @main.command()
    @click.argument("entity")
    @click.option("--db", help=DB_HELP)
    @day_option("--since", "Only claims in articles published on or after.")
    @day_option("--until", "Only claims in articles published on or before.")
    @listing
    def sources(
        entity: str,
        db: str | None,
        since: str | None,
        until: str | None,
        limit: int | None,
        offset: int,
        fmt: str,
        excel: bool,
    ) -> None:
        """Who is quoted about ENTITY (speakers of claims whose content mentions it) and through whom,
        most quoted first."""
        from rawi.service import Service

        fmt = output_format(fmt, excel)
        with Service.open(db) as service:
            page = service.sources(entity, since, until, page_size(limit, fmt), offset)
        rows = [r.to_json() for r in page.items]
        if fmt == "table":
            rows = [{**r, "speaker": r["speaker"] or "(unnamed)"} for r in rows]
        emit(rows, fmt, SOURCE_COLUMNS, excel)
        if fmt == "table":
            shown(len(rows), page.total, offset, "speakers")


def _unit(fmt: str, n: int) -> str:
    unit = {"jsonl": "article", "webanno": "annotation"}.get(fmt, "claim")
    return unit if n == 1 else unit + "s"
