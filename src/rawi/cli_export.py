"""`rawi export` and `rawi sources`: thin commands over `rawi.export` and the ledger's export queries."""

from __future__ import annotations

from pathlib import Path

import click

from rawi.cli_ledger import DB_HELP, FORMATS, emit, iso_date
from rawi.export import NEWLINE, WRITERS, ExportFilter, atomic_output, export
from rawi.ledger import Ledger
from rawi.ledger.queries_export import quoted_about

SOURCE_COLUMNS = ("speaker", "speaker_key", "link", "via", "claims", "articles", "outlets", "first", "last")


def register(main: click.Group) -> None:
    @main.command("export")
    @click.option("--format", "fmt", type=click.Choice(list(WRITERS)), required=True,
                  help="jsonl: one article per line with its full extraction; csv: one row per claim; "
                       "claimreview: schema.org ClaimReview JSON-LD; webanno: W3C Web Annotation JSON-LD.")
    @click.option("--db", help=DB_HELP)
    @click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
                  help="Write here (replaced only once complete) instead of stdout.")
    @click.option("--entity", help="Only claims by this speaker (name, key or Wikidata id); "
                                   "jsonl keeps the whole articles holding such claims.")
    @click.option("--source", help="Only articles from this outlet.")
    @click.option("--since", callback=iso_date, help="Published on or after (ISO date).")
    @click.option("--until", callback=iso_date, help="Published on or before (ISO date).")
    def export_cmd(fmt: str, db: str | None, output: str | None, entity: str | None, source: str | None,
                   since: str | None, until: str | None) -> None:
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
    @click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
    def sources(entity: str, db: str | None, fmt: str) -> None:
        """Who is quoted about ENTITY (speakers of claims whose content mentions it) and through whom."""
        with Ledger.open(db) as ledger, ledger.engine.connect() as conn:
            rows = [r.to_json() for r in quoted_about(conn, entity)]
        if fmt == "table":
            for r in rows:
                via = f" via {r['via']}" if r["via"] else ""
                click.echo(f"{r['claims']:4d}  {r['speaker'] or '(unnamed)'}{via}  "
                           f"[{r['articles']} articles, {r['first'] or '?'}..{r['last'] or '?'}]")
            return
        emit(rows, fmt, SOURCE_COLUMNS)


def _unit(fmt: str, n: int) -> str:
    unit = {"jsonl": "article", "webanno": "annotation"}.get(fmt, "claim")
    return unit if n == 1 else unit + "s"
