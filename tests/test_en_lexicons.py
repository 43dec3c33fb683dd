"""Every English lexicon entry comes with an example, and each example is checked here."""

from __future__ import annotations

import datetime as dt

import pytest

from rawi.api import extract_article
from rawi.en.gazetteer import find
from rawi.en.lexicon import FRAMES, STANCES, cue_forms
from rawi.en.numbers import number_regex, number_words
from rawi.en.quantities import extract_quantities
from rawi.en.text import segment
from rawi.en.times import extract_times
from rawi.lexicon import Row, load_tsv
from rawi.model import Analysis, Article


def _ids(name: str, key: str) -> list[str]:
    return [r[key] for r in load_tsv(name)]


def analyse(text: str) -> Analysis:
    return extract_article(Article("t", text, "2025-10-24"), lang="en")


def test_reporting_verbs_cover_every_stance() -> None:
    rows = load_tsv("en_reporting_verbs")
    assert len(rows) >= 100
    for r in rows:
        assert r["stance"] in STANCES and r["frame"] in FRAMES, r["lemma"]
    assert {r["stance"] for r in rows} == STANCES


@pytest.mark.parametrize("row", load_tsv("en_reporting_verbs"), ids=_ids("en_reporting_verbs", "lemma"))
def test_reporting_verb_example(row: Row) -> None:
    forms = {row[k].lower() for k in ("lemma", "past", "present", "ing", "participle")}
    if row["lemma"] in ("quote", "cite"):
        forms.add("saying")  # "quoted the minister as saying": the minister's words, relayed
    a = analyse(row["example"])
    cues = {at.cue.text.lower() for at in a.attributions if at.cue}
    assert cues & forms, (row["example"], cues)
    for form in forms:
        assert form in cue_forms()


@pytest.mark.parametrize("row", load_tsv("en_attribution_phrases"), ids=_ids("en_attribution_phrases", "phrase"))
def test_attribution_phrase_example(row: Row) -> None:
    a = analyse(row["example"])
    assert a.attributions, row["example"]
    if row["kind"] in ("according_to", "relay_by", "quoting", "citing"):
        text = row["example"]
        after = text[text.lower().index(row["phrase"]) + len(row["phrase"]) :].lstrip()
        named = {at.source.span.text for at in a.attributions if at.source.span}
        named |= {v.span.text for at in a.attributions for v in at.via}
        assert any(after.startswith(n) for n in named), (text, named)


@pytest.mark.parametrize("row", load_tsv("en_titles"), ids=_ids("en_titles", "title"))
def test_title_example(row: Row) -> None:
    a = analyse(row["example"])
    sources = [at.source.span.text.lower() for at in a.attributions if at.source.span]
    assert any(row["title"] in s.replace(".", "").split() or row["title"] in s for s in sources), sources
    ent = {e.id: e for e in a.entities}
    speaker = a.attributions[0].source.entity
    assert speaker is not None and ent[speaker].type in ("PERSON", "ORG")


@pytest.mark.parametrize("row", load_tsv("en_abbreviations"), ids=_ids("en_abbreviations", "word"))
def test_abbreviation_does_not_end_a_sentence(row: Row) -> None:
    assert len(segment(row["example"]).sentences) == 1, row["example"]


@pytest.mark.parametrize(
    "row", load_tsv("en_gazetteer"), ids=[f"{r['key']}:{r['aliases'].split('|')[0]}" for r in load_tsv("en_gazetteer")]
)
def test_gazetteer_example(row: Row) -> None:
    keys = {m.entry.key for m in find(row["example"])}
    assert row["key"] in keys, (row["example"], keys)


@pytest.mark.parametrize("row", load_tsv("en_number_words"), ids=_ids("en_number_words", "word"))
def test_number_word_example(row: Row) -> None:
    if row["kind"] == "article":
        return  # "a"/"an" are checked through "a million dollars" and "an hour"
    qs = extract_quantities(row["example"])
    if row["kind"] == "scale":
        m = number_regex().search(row["example"])
        assert m is not None and qs and qs[0].value % float(row["value"]) == 0, (row["example"], qs)
        return
    assert any(q.value == float(row["value"]) for q in qs), (row["example"], qs)
    assert row["word"] in number_words()


@pytest.mark.parametrize(
    "row",
    load_tsv("en_quantity_qualifiers"),
    ids=[f"{r['phrase']}-{r['position']}" for r in load_tsv("en_quantity_qualifiers")],
)
def test_qualifier_example(row: Row) -> None:
    qs = extract_quantities(row["example"])
    assert [q.qualifier for q in qs] == [row["qualifier"]], (row["example"], qs)


@pytest.mark.parametrize("row", load_tsv("en_quantity_units"), ids=_ids("en_quantity_units", "form"))
def test_unit_example(row: Row) -> None:
    qs = extract_quantities(row["example"])
    assert qs and qs[0].unit == row["unit"], (row["example"], qs)


@pytest.mark.parametrize("row", load_tsv("en_quantity_not_after"), ids=_ids("en_quantity_not_after", "word"))
def test_not_an_amount_example(row: Row) -> None:
    assert extract_quantities(row["example"]) == [], row["example"]


@pytest.mark.parametrize("row", load_tsv("en_time_words"), ids=_ids("en_time_words", "word"))
def test_time_word_example(row: Row) -> None:
    found = extract_times(segment(row["example"]), dt.date(2025, 10, 24))
    assert found, row["example"]
