"""Lexicons are data: TSV files under `data/`, read once, folded once.

Each file has a header row; lines starting with ``#`` are comments. Columns
named in `fold_columns` are folded with `rawi.text.normalize.fold`, so that
matching code compares folded text with folded text and nothing else.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from rawi.text.normalize import fold

Row = dict[str, str]


@cache
def load_tsv(name: str, fold_columns: tuple[str, ...] = ()) -> tuple[Row, ...]:
    """Rows of `data/NAME.tsv` as dicts keyed by the header, folded columns folded."""
    raw = resources.files("rawi.lexicon").joinpath("data", f"{name}.tsv").read_text(encoding="utf-8")
    lines = [ln for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    rows = []
    for ln in lines[1:]:
        cells = ln.split("\t")
        cells += [""] * (len(header) - len(cells))
        row = dict(zip(header, (c.strip() for c in cells), strict=False))
        for col in fold_columns:
            row[col] = fold(row[col])
        rows.append(row)
    return tuple(rows)
