"""The sentences that hold figures, as folded tokens with offsets into the original text.

Figure frames read a few words either side of each figure, so only the sentences
that hold a quantity are tokenised, and sentence ends are found with one regex over
the text (a full segmentation would cost more than the frames themselves).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from rawi.text.normalize import fold, fold_aligned

# A sentence ends at a line break, or at . ! ? ؟ followed by space, a closing quote or the end;
# a dot between digits ("3.5") or inside an abbreviation with no space after does not end it.
_END = re.compile(r"\n+|[.!?؟…]+(?=[\s\"'»”)\]]|$)")
# A long sentence is read this many characters either side of its figures.
WINDOW = 300
_TOKEN = re.compile(r"([\w\u0640\u064b-\u065f\u0670]+)|([^\w\s])")


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    return fold(word)


def split_sentences(text: str) -> list[str]:
    """The text's sentences, as strings."""
    return _END.split(text)


class Token(NamedTuple):
    """A word or a punctuation mark (a named tuple: sentences make many of them)."""

    start: int  # original offsets
    end: int
    word: str  # folded; punctuation as written
    is_word: bool


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    tokens: tuple[Token, ...]
    ends: tuple[int, ...]

    def index_at(self, pos: int) -> int:
        """The index of the first token that ends after `pos` (len(tokens) if none)."""
        return bisect_right(self.ends, pos)


class Sentences:
    """Sentence bounds of one text; tokens are made on demand and kept."""

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        for m in _END.finditer(text):
            starts.append(m.end())
        if starts[-1] != len(text):
            starts.append(len(text))
        self._starts = starts
        self._cache: dict[int, Sentence] = {}
        self._folded = fold_aligned(text)  # one pass over the text, when offsets survive folding

    def bounds(self, pos: int) -> tuple[int, int]:
        """The sentence around `pos`."""
        i = max(0, min(bisect_right(self._starts, pos) - 1, len(self._starts) - 2))
        return self._starts[i], self._starts[i + 1]

    def window(self, lo: int, hi: int, first: int, last: int) -> tuple[int, int]:
        """The part of sentence lo:hi to read for figures between `first` and `last`: all of it,
        or for a run-on "sentence" (a paragraph with no full stop) WINDOW characters either side
        of them, cut at spaces: a figure's words are near it."""
        if hi - lo <= 2 * WINDOW + (last - first):
            return lo, hi
        a, b = max(lo, first - WINDOW), min(hi, last + WINDOW)
        if a > lo:
            a = self.text.find(" ", a, first) + 1 or a
        if b < hi:
            b = self.text.rfind(" ", last, b) if self.text.rfind(" ", last, b) > 0 else b
        return a, b

    def spans(self) -> list[tuple[int, int]]:
        """Every sentence's (start, end)."""
        return [(a, b) for a, b in zip(self._starts, self._starts[1:], strict=False) if b > a]

    def at(self, start: int, end: int) -> Sentence:
        """The tokens of text[start:end] (a sentence or a window of one)."""
        found = self._cache.get(start)
        if found is None:
            folded = self._folded
            if folded is not None:
                tokens = tuple(
                    Token(a, b, folded[a:b], m.lastindex == 1)
                    for m in _TOKEN.finditer(self.text, start, end)
                    for a, b in (m.span(),)
                )
            else:
                tokens = tuple(
                    Token(m.start(), m.end(), fold_word(m.group()), m.lastindex == 1)
                    for m in _TOKEN.finditer(self.text, start, end)
                )
            found = self._cache[start] = Sentence(start, end, tokens, tuple(t.end for t in tokens))
        return found


__all__ = ["Sentence", "Sentences", "Token", "fold_word"]
