"""Segmentation shortcuts (`rawi.en.text`) give what the regular expressions they stand for give.

Texts are made at random from characters the pattern treats apart: line breaks, other white space,
quote marks and letters.
"""

from __future__ import annotations

import random

import pytest

from rawi.en.text import _END_RE, _MARKS, _PARA_RE, _end_marks, _paragraphs

_ALPHABET = ["a", "B", " ", " ", "\n", "\n", "\t", "\u00a0", "\x0b", "\x0c", "\x1c", "\x85", "\u2009", *_MARKS]


@pytest.mark.parametrize("breaks", ["", "\r\u2028\u2029"])
def test_paragraphs_are_the_pattern_s(breaks: str) -> None:
    rng = random.Random(11)
    alphabet = _ALPHABET + list(breaks)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert _paragraphs(text) == tuple(m.span() for m in _PARA_RE.finditer(text)), repr(text)


def test_end_marks_are_the_pattern_s() -> None:
    rng = random.Random(13)
    alphabet = [*".!?…", *"\"”’')]", *"“‘([", " ", " ", "\n", "\u00a0", "a", "A", "0", "À"]
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert _end_marks(text) == [m.span() for m in _END_RE.finditer(text)], repr(text)
