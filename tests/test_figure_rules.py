"""Every row of figure_words.tsv carries an example; each example must read as its rule says."""

from __future__ import annotations

import pytest

from rawi.api import extract_article
from rawi.figures.anchors import areal, bearing_spots, means, two_incidents
from rawi.figures.frames import FigureFrame, figure_frames
from rawi.lexicon import load_tsv
from rawi.model import Article

ROWS = [r for r in load_tsv("figure_words") if r["example"]]


def _frames(text: str) -> list[FigureFrame]:
    # lang="ar": a one-line example is too short for the language detector to be sure of.
    analysis = extract_article(Article("x", text, "2025-08-03", source="وكالة"), lang="ar")
    return figure_frames(analysis, "وكالة", "x")


def test_every_row_has_an_example() -> None:
    assert len(ROWS) == len(load_tsv("figure_words"))


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['role']}:{r['form']}" for r in ROWS])
def test_example(row: dict[str, str]) -> None:
    found = _frames(row["example"])
    assert found, row
    first, last = found[0], found[-1]
    role = row["role"]
    if role == "and":
        assert len(found) >= 2 and all(f.measure for f in found) and last.predicate == first.predicate, found
    elif role == "part":
        assert last.part and last.predicate == first.predicate, found
    elif role == "whole":
        assert len(found) >= 2 and not last.part and last.measure == "charged/person", found
    elif role == "skip":
        assert last.measure and last.predicate and last.comparable, found  # read before the figure, not from the clause
    elif role in ("security", "fighter"):
        assert last.group == role, found
    elif role == "ranks":
        assert last.group == "security", found
    elif role in ("running", "period"):
        assert last.running, found
    elif role == "subset":
        assert any(f.part and f.unit_class == "people" for f in found), found
    elif role == "place":
        assert row["value"] in last.spots, found
    elif role == "bearing":
        assert any(row["value"] in points for points in bearing_spots(last.spots).values()), found
    elif role in ("several", "incidents"):
        assert any(f.several for f in found), found
    elif role == "means":
        assert any(row["value"] in means(f.terms) for f in found if f.measure), found
    elif role == "areal":
        assert any(areal(f.terms) for f in found if f.measure), found
    elif role == "two":
        assert any(two_incidents(f.terms) for f in found if f.measure), found
    elif role == "one_of_two":
        assert all(not two_incidents(f.terms) for f in found if f.measure), found
    elif role == "earlier":
        first_after = next(f for f in found if f.start > row["example"].find(row["form"].split()[-1]))
        assert (
            first_after.as_of_basis == "earlier"
            and first_after.as_of is not None
            and first_after.as_of[1] < "2025-08-03"
        ), found
    elif role == "refusal":
        assert all(f.stance != "deny" for f in found), found
    elif role in ("provisional", "updated"):
        assert all(f.toll == role for f in found if f.measure), found
    else:
        raise AssertionError(f"no check for role {role}")


EN_ROWS = load_tsv("en_figure_words")


def _frames_en(text: str) -> list[FigureFrame]:
    analysis = extract_article(Article("x", text, "2025-08-03", source="Reuters"), lang="en")
    return figure_frames(analysis, "Reuters", "x")


@pytest.mark.parametrize("row", EN_ROWS, ids=[f"en-{r['role']}:{r['form']}" for r in EN_ROWS])
def test_english_example(row: dict[str, str]) -> None:
    """An English predicate or group word gives its figure that predicate or group; an event
    word is stored as the paired Arabic event word wherever a figure is compared."""
    assert row["example"], row
    found = [f for f in _frames_en(row["example"]) if f.measure]
    assert found, row
    role = row["role"]
    if role == "predicate":
        assert any(f.predicate == row["value"] for f in found), found
    elif role == "group":
        assert any(f.group == row["value"] for f in found), found
    elif role == "term":
        paired = next(t for t in found[0].terms if not t.isascii())
        assert paired and any(f.terms for f in found), found
    elif role == "running":
        assert all(f.running for f in found), found
    elif role == "earlier":
        assert all(f.as_of_basis == "earlier" for f in found), found
    elif role == "several":
        assert all(f.several for f in found), found
    elif role in ("provisional", "updated"):
        assert all(f.toll == role for f in found), found
    else:
        raise AssertionError(f"no check for role {role}")
