"""How the ledger commands print: tables for people, JSON, JSON Lines and CSV for programs.

Tables are drawn by rich, with a header row, and every text cell wrapped in Unicode bidi
isolates (FSI … PDI) so that an Arabic cell keeps its place in a bidi-aware terminal instead
of swapping columns with its neighbours. Machine formats get the rows exactly as the service
returns them; nothing in them is isolated, cut or coloured.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import click

DB_HELP = "Ledger URL: a SQLite path or sqlite:///…, or postgresql://… (default: rawi.sqlite in the user data dir)."
FORMATS = click.Choice(["table", "json", "jsonl", "csv"])
TABLE_PAGE = 50
FOLD_WIDTH = 32  # ids, keys and URLs wrap beyond this
FSI, PDI = "\u2068", "\u2069"  # first-strong isolate, pop directional isolate
# Characters that would let a stored string steer the terminal or the reading order of a line.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True, slots=True)
class Col:
    """A table column: the row's key, its header, how wide it may grow (None: as needed), and
    how it gives way on a narrow terminal: `fold` wraps it whole (ids, keys, URLs: the user copies
    them), `short` never shrinks (dates, numbers), and any other is cut with "…"."""

    key: str
    header: str
    width: int | None = None
    fold: bool = False
    short: bool = False
    days: bool = False  # a day or "first/last": a whole month or year is shown as one


def clean(value: object) -> str:
    """A cell's text on one line, without control or directional characters of its own."""
    text = "" if value is None else str(value)
    return _CONTROLS.sub("", " ".join(text.split()))


def isolate(text: str) -> str:
    return f"{FSI}{text}{PDI}" if text else text


def _console(err: bool = False) -> Any:
    from rich.console import Console

    stream = sys.stderr if err else sys.stdout
    # Piped tables keep their rows on one line each unless COLUMNS says how wide to be.
    width = None if stream.isatty() else int(os.environ.get("COLUMNS", "0") or 0) or 200
    return Console(file=stream, width=width, soft_wrap=False, highlight=False)


def table(rows: Sequence[dict[str, Any]], cols: Sequence[Col], sections: int = 0) -> None:
    """Rows as a table under a header row (nothing at all for no rows: the paging line says so);
    `sections`: a blank line after every that many rows."""
    if not rows:
        return
    from rich import box
    from rich.table import Table

    console = _console()
    cells = [[compact_days(clean(row.get(c.key))) if c.days else clean(row.get(c.key)) for c in cols] for row in rows]
    natural = [max([len(c.header), *(len(r[j]) for r in cells)]) for j, c in enumerate(cols)]
    widths = _widths(cols, natural, console.width - 3 * (len(cols) - 1))
    t = Table(box=box.SIMPLE_HEAD, header_style="bold", show_edge=False, pad_edge=False)
    for c, w in zip(cols, widths, strict=True):
        t.add_column(c.header, width=w, overflow="fold" if c.fold else "ellipsis", no_wrap=not c.fold)
    for i, r in enumerate(cells, 1):
        t.add_row(*(isolate(x) for x in r), end_section=bool(sections) and i % sections == 0)
    console.print(t)


_SPAN = re.compile(r"(\d{4})-(\d{2})-(\d{2})/(\d{4})-(\d{2})-(\d{2})")


def compact_days(value: str) -> str:
    """ "2025-09-01/2025-09-30" as "2025-09", "2025-01-01/2025-12-31" as "2025", "D/D" as "D"."""
    m = _SPAN.fullmatch(value)
    if m is None:
        return value
    y1, m1, d1, y2, m2, d2 = m.groups()
    first, last = value.split("/")
    if first == last:
        return first
    if y1 == y2 and d1 == "01" and (m1, m2, d2) == ("01", "12", "31"):
        return y1
    if (y1, m1) == (y2, m2) and d1 == "01" and int(d2) == calendar.monthrange(int(y2), int(m2))[1]:
        return f"{y1}-{m1}"
    return value


def _widths(cols: Sequence[Col], natural: list[int], room: int) -> list[int]:
    """Column widths that fit `room`: short columns as wide as their longest cell, the others as
    wide as they need up to their limit (a folded column: FOLD_WIDTH), the widest cut first when the
    room runs out, to no less than a few characters each."""
    want = [
        n if c.short else min(n, c.width or (FOLD_WIDTH if c.fold else n)) for c, n in zip(cols, natural, strict=True)
    ]
    flexible = sorted((want[j], j) for j, c in enumerate(cols) if not c.short)
    left = room - sum(w for c, w in zip(cols, want, strict=True) if c.short)
    if sum(w for w, _ in flexible) <= left:
        return want
    # The level L at which the flexible columns, each cut to at most L, fill what is left.
    level, used, rest = 6, 0, len(flexible)
    for w, _ in flexible:
        if used + w * rest > left:
            level = max(6, (left - used) // rest)
            break
        used += w
        rest -= 1
    return [w if c.short else min(w, level) for c, w in zip(cols, want, strict=True)]


def emit(rows: list[dict[str, Any]], fmt: str, cols: Sequence[Col], excel: bool = False) -> None:
    """Rows as a JSON array, JSON Lines, CSV (every field, nested ones flattened) or a table of `cols`."""
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    elif fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    elif fmt == "csv":
        write_csv(rows, [c.key for c in cols], excel)
    else:
        table(rows, cols)


def write_csv(rows: list[dict[str, Any]], default: Sequence[str], excel: bool = False) -> None:
    """CSV on stdout; `excel`: with a UTF-8 byte order mark and CRLF line ends, which spreadsheet
    programs need to read Arabic as UTF-8."""
    flat = [_flatten(r) for r in rows]
    names = list(dict.fromkeys(k for r in flat for k in r)) or list(default)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=names, extrasaction="ignore", lineterminator="\r\n" if excel else "\n")
    writer.writeheader()
    writer.writerows(flat)
    sys.stdout.flush()
    out = sys.stdout.buffer
    out.write((("\ufeff" if excel else "") + buf.getvalue()).encode("utf-8"))
    out.flush()


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


def shown(n: int, total: int, offset: int, what: str) -> None:
    """The paging line under a table, on stderr: how many of how many, and how to see more."""
    if not n:
        more = f" past --offset {offset} ({total} in all)" if total else ""
        click.echo(f"no {what}{more}", err=True)
        return
    more = f"; next page: --offset {offset + n}" if offset + n < total else ""
    click.echo(f"{offset + 1}-{offset + n} of {total} {what}{more}", err=True)


_ISO_PREFIX = re.compile(r"\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?")


def check_day(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A --since/--until value: an ISO date, a prefix of one (2025, 2025-10) or an ISO datetime.
    The bounds are compared with stored ISO dates as text, so a value that is not one (a typo,
    01/09/2025) would quietly match everything or nothing."""
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
        raise click.BadParameter(
            f"{clean(value)!r} is not an ISO date: use YYYY-MM-DD (or YYYY-MM, YYYY, "
            "or an ISO datetime such as 2025-09-01T08:00)",
            ctx,
            param,
        )
    return text


def day_option(name: str, help: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """A --since/--until option, checked by `check_day`."""
    return click.option(name, callback=check_day, metavar="YYYY[-MM[-DD]]", help=help)


def listing(fn: Callable[..., None]) -> Callable[..., None]:
    """The options every listing command takes: --limit/--offset (a table shows 50 rows unless
    told; json, jsonl and csv every row), --format, and --excel."""
    fn = click.option(
        "--excel", is_flag=True, help="CSV for spreadsheets (UTF-8 with a byte order mark, CRLF); implies --format csv."
    )(fn)
    fn = click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)(fn)
    fn = click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many rows first.")(fn)
    return click.option(
        "--limit",
        type=click.IntRange(min=1),
        default=None,
        help=f"Rows to show (default: {TABLE_PAGE} in a table, all otherwise).",
    )(fn)


def page_size(limit: int | None, fmt: str) -> int:
    return limit if limit is not None else (TABLE_PAGE if fmt == "table" else 10**12)


def output_format(fmt: str, excel: bool) -> str:
    return "csv" if excel else fmt


__all__ = [
    "DB_HELP",
    "FORMATS",
    "TABLE_PAGE",
    "Col",
    "check_day",
    "clean",
    "day_option",
    "emit",
    "isolate",
    "listing",
    "page_size",
    "shown",
    "table",
    "write_csv",
]
