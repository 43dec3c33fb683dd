"""The pipeline's one scan for cues, time anchors and numbers (`rawi.en.wordscan`) finds what the
three stages' own scanners find, or leaves a list to its stage.

Every text here is written for the tests, or made at random from the lexicons' words.
"""

from __future__ import annotations

import random

import pytest

from rawi.en.attributions import _cue_spans
from rawi.en.lexicon import cue_items
from rawi.en.numbers import number_items, scan_numbers
from rawi.en.text import lower_aligned
from rawi.en.times import _anchors, anchor_words
from rawi.en.wordscan import Words, scan_words


def _alone(low: str) -> Words:
    """What each stage's own scanner finds."""
    anchors = [(m.start(), m.end() - 1) for m in _anchors()[0].finditer(" " + low)]
    return Words(_cue_spans(low), anchors, scan_numbers(low))


def _agrees(text: str) -> Words:
    low = lower_aligned(text)
    got, alone = scan_words(low), _alone(low)
    assert got.cues is None or got.cues == alone.cues, text
    assert got.anchors is None or got.anchors == alone.anchors, text
    assert got.numbers is None or got.numbers == alone.numbers, text
    return got


@pytest.mark.parametrize(
    "text",
    [
        "The minister said on Monday that about 300 people came, according to KCNA.",
        'Said the envoy: "Two dozen died in the past week."',
        "5 million dollars were pledged in 2024, twenty-five of them by May 1.",
        "Tens of thousands marched at 3:30 pm in the 1990s' style, o'clock or not, '90s music.",
        "The well-known -as reported by- figure, 10,000 or 1.5 million, x-one two.",
        "In the words of the mayor, in the past and in the future, every day.",
    ],
)
def test_plain_text_needs_no_stage_to_scan_again(text: str) -> None:
    got = _agrees(text)
    assert got.cues is not None and got.anchors is not None and got.numbers is not None


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("Xéas reported by the agency", "cues"),  # "reported" hides inside a match the cue scan refuses
        ("Xéone two", "numbers"),  # so does "two" in a run of number words
        ("In 2024٣12 or 5٣ May", "anchors"),  # a digit of another script is a boundary and a digit
    ],
)
def test_a_list_whose_scanner_would_look_inside_a_refused_match_is_left_to_its_stage(text: str, left: str) -> None:
    got = _agrees(text)
    assert getattr(got, left) is None
    assert all(getattr(got, other) is not None for other in ("cues", "anchors", "numbers") if other != left)


def test_random_texts_of_lexicon_words_and_boundaries() -> None:
    vague, number_words = number_items()
    vocab = [*cue_items(), *anchor_words(), *vague, *number_words, "and", "of", "the", "x", "a"]
    joins = [" ", "  ", "\n", "\t", "-", "'", "’", "é", "_", ".", ",", ":", "/", "(", '"', "“", "—", "İ", "٣"]
    joins += ["1", "12", "2024", "10,000", "1.5", "5bn", "3:30", "s"]
    rnd = random.Random(7)
    for _ in range(3000):
        parts = []
        for _ in range(rnd.randint(1, 8)):
            parts.append(rnd.choice(vocab) if rnd.random() < 0.6 else rnd.choice(joins))
            if rnd.random() < 0.7:
                parts.append(rnd.choice(joins))
        _agrees("".join(parts))
