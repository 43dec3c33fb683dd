"""Every row of the attribution lexicons that carries an example is read as its rule says.

A lexicon entry is a fact about Arabic; its example sentence (written for the project) is the
evidence, and this file checks that rawi reads the example the way the row claims.
"""

from __future__ import annotations

import pytest

from rawi.api import extract_article
from rawi.lexicon import load_tsv
from rawi.model import Analysis, Article


def _read(text: str) -> Analysis:
    # lang="ar": a one-line example is too short for the language detector to be sure of.
    return extract_article(Article("x", text, "2025-10-24"), lang="ar")


def _sources(res: Analysis) -> list[str]:
    return [a.source.span.text for a in res.attributions if a.source.span is not None]


PARTITIVES = load_tsv("speaker_partitives")


@pytest.mark.parametrize("row", PARTITIVES, ids=[r["word"] for r in PARTITIVES])
def test_partitive_speaker_runs_over_its_group(row: dict[str, str]) -> None:
    assert row["example"] and row["source"], row
    assert _sources(_read(row["example"])) == [row["source"]]


OWN_WORDS = load_tsv("report_nouns_own")


@pytest.mark.parametrize("row", OWN_WORDS, ids=[r["word"] for r in OWN_WORDS])
def test_own_words_end_the_content_and_speak_for_no_one(row: dict[str, str]) -> None:
    assert row["example"] and row["gender"] in ("m", "f", "p"), row
    res = _read(row["example"])
    # One attribution, by the speaker named before; "حسب تعبيره" is neither a source nor content.
    assert len(res.attributions) == 1, res.attributions
    a = res.attributions[0]
    assert a.source.span is not None and row["word"] not in a.source.span.text
    assert row["word"] not in a.content.text


NOT_HEADS = load_tsv("speaker_not_heads")


@pytest.mark.parametrize("row", NOT_HEADS, ids=[r["word"] for r in NOT_HEADS])
def test_words_that_cannot_head_a_speaker(row: dict[str, str]) -> None:
    assert row["example"], row
    for src in _sources(_read(row["example"])):
        assert not src.startswith((row["word"], "ال" + row["word"])), src


ADJECTIVES = load_tsv("np_adjectives")


@pytest.mark.parametrize("row", ADJECTIVES, ids=[r["word"] for r in ADJECTIVES])
def test_listed_adjectives_stay_in_the_speaker(row: dict[str, str]) -> None:
    assert row["example"] and row["source"], row
    assert _sources(_read(row["example"])) == [row["source"]]


MEDIA = load_tsv("media_heads")


@pytest.mark.parametrize("row", MEDIA, ids=[r["word"] for r in MEDIA])
def test_an_outlet_told_the_words_relays_them(row: dict[str, str]) -> None:
    assert row["example"] and row["via"], row
    (a,) = _read(row["example"]).attributions
    assert [v.span.text for v in a.via] == [row["via"]]


DOCUMENTS = load_tsv("document_heads")


@pytest.mark.parametrize("row", DOCUMENTS, ids=[r["word"] for r in DOCUMENTS])
def test_a_document_shows_what_it_says(row: dict[str, str]) -> None:
    assert row["example"] and row["source"], row
    assert _sources(_read(row["example"])) == [row["source"]]


def test_document_only_cues_are_cues() -> None:
    from rawi.lexicon.cues import lemmas

    for row in load_tsv("cue_document_only", ("lemma",)):
        assert row["lemma"] in lemmas(), row


TITLE_PREPS = load_tsv("speaker_title_preps")


@pytest.mark.parametrize("row", TITLE_PREPS, ids=[r["word"] for r in TITLE_PREPS])
def test_a_title_with_its_preposition_runs_over_what_it_governs(row: dict[str, str]) -> None:
    assert row["example"] and row["source"], row
    assert _sources(_read(row["example"])) == [row["source"]]


MANNER = load_tsv("according_manner_heads")


@pytest.mark.parametrize("row", MANNER, ids=[r["word"] for r in MANNER])
def test_according_to_a_manner_attributes_nothing(row: dict[str, str]) -> None:
    assert row["example"], row
    assert _read(row["example"]).attributions == (), row


def test_according_to_a_rule_at_the_head_of_a_sentence_still_attributes() -> None:
    # Sources are still sources mid-sentence, and a rule heading its sentence says what follows.
    assert _sources(_read("قتل خمسة أشخاص في الهجوم، وفقا لوكالة رويترز.")) == ["وكالة رويترز"]
    assert _sources(_read("ووفقا لشروط العقد، لا يحق للنادي بيع اللاعب قبل نهاية الموسم.")) == ["شروط العقد"]
