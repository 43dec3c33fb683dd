"""Every row of clause_openers.tsv carries an example; each example must read as its rule says."""

from __future__ import annotations

import pytest

from rawi.api import extract_article
from rawi.figures.frames import figure_frames
from rawi.lexicon import load_tsv
from rawi.lexicon.cues import clause_openers
from rawi.model import Article

ROWS = load_tsv("clause_openers")


def test_every_row_has_an_example_and_a_known_role() -> None:
    assert ROWS and all(r["example"] and r["role"] in ("subject", "figure") for r in ROWS)
    with pytest.raises(ValueError):
        clause_openers("object")


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['role']}:{r['form']}" for r in ROWS])
def test_example(row: dict[str, str]) -> None:
    text = row["example"]
    analysis = extract_article(Article("x", text, "2025-08-03", source="وكالة"), lang="ar")
    if row["role"] == "subject":
        # The subject right after the particle is the source of the statement after it.
        after = text.split(" ")[text.split(" ").index(row["form"]) + 1]
        assert any(a.source.span is not None and a.source.span.text == after for a in analysis.attributions), (
            analysis.attributions
        )
    else:
        # "أمس" before the particle is when the authorities spoke; the media's nine after it were
        # said on the dateline's day.
        frames = {f.text: f for f in figure_frames(analysis, "وكالة", "x")}
        assert frames["ستة"].said_on == ("2025-08-02", "2025-08-02"), frames
        assert frames["تسعة"].said_on == ("2025-08-03", "2025-08-03"), frames
