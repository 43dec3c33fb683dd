"""Paragraphs, quotations, sentences and tokens of an English text.

Offsets index the text exactly as given: English needs no folding, so there is no
offset map to keep. Quotation marks are paired per paragraph before anything
else, because a quote decides more than a sentence does in English news: a cue
after a closing mark ('"…," he said') takes the whole quote however many
sentences it holds, and a paragraph that ends inside a quote (no closing mark)
is continued by the next paragraph's opening mark (the newspaper convention for
a quote running over several paragraphs).

Tokens are made only for the sentences a rule looks at (`tokens`), not for the
whole article: most of an article is never tokenised.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from typing import NamedTuple

from rawi.lexicon import load_tsv

_OPENERS = frozenset("“„«")
_CLOSERS = frozenset("”»")
_MARKS = '"“”„«»'
# A paragraph: a line holding something besides white space.
_PARA_RE = re.compile(r"[^\n\r\u2028\u2029\S]*\S[^\n\r\u2028\u2029]*")
# A sentence may end at . ! ? … (and closing quotes or brackets after them) before white space and
# what may start a sentence: a capital, a digit, an opening quote or bracket. Written to start with
# a plain class, which lets the engine jump between candidates (a pattern starting with a repeat or
# an alternation is tried at every position: six times slower here); the start is a look-ahead, so
# that the one scan of the text yields only the marks a sentence may end at.
_END_RE = re.compile(r"[.!?…][.!?…]*[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9À-ÖØ-Þ])")
# Words with inner hyphens, apostrophes, dots ("U.S", "al-Amr", "don't") stay whole;
# a possessive "'s" is its own token so that a noun phrase can be read across it.
_TOKEN_RE = re.compile(
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|[^\W_]+(?:[-.&/][^\W_]+|['’](?![sS]\b)[^\W_]+)*"
    r"|['’][sS]\b|\S"
)
_FIRST = itemgetter(0)
_SPACE = frozenset(" \t\n\r\u00a0\u2028\u2029\u2009\u200a\u202f")


class Tok:
    """A word, number or punctuation mark; never changed once made. A plain class with slots rather than a
    named tuple: compiled by mypyc it is built by one native call and its fields are read from its struct.
    Tokens compare by identity."""

    __slots__ = ("end", "low", "start", "text")

    def __init__(self, start: int, end: int, text: str, low: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.low = low


class Quote(NamedTuple):
    """A quoted passage. `start`/`end` bound the words inside the marks. (A tuple: cheaper to
    build than a frozen dataclass, and as immutable.)"""

    open_at: int
    start: int
    end: int
    close_at: int | None  # None: the paragraph ended first
    continues: bool  # it goes on the unclosed quote of the paragraph before

    @property
    def outer_end(self) -> int:
        return self.close_at + 1 if self.close_at is not None else self.end


@dataclass(frozen=True, slots=True)
class EnText:
    text: str
    low: str  # the text lower-cased, offset for offset (see `lower_aligned`)
    paragraphs: tuple[tuple[int, int], ...]
    sentences: tuple[tuple[int, int], ...]  # end includes the final mark
    quotes: tuple[Quote, ...]
    _sent_starts: tuple[int, ...]
    _quote_starts: tuple[int, ...]
    _para_starts: tuple[int, ...]

    def sentence_at(self, pos: int) -> int:
        """Index of the sentence holding `pos` (the one before, between sentences)."""
        return max(0, bisect_right(self._sent_starts, pos) - 1)

    def quote_at(self, pos: int) -> Quote | None:
        """The quote whose marks enclose `pos`, if any."""
        i = bisect_right(self._quote_starts, pos) - 1
        if i >= 0:
            q = self.quotes[i]
            if q.open_at <= pos < q.outer_end:
                return q
        return None

    def quote_index(self, q: Quote) -> int:
        return bisect_right(self._quote_starts, q.open_at) - 1

    def paragraph_at(self, pos: int) -> int:
        return max(0, bisect_right(self._para_starts, pos) - 1)


@cache
def abbreviations() -> frozenset[str]:
    """Lower-cased words that take a period without ending a sentence ("Mr.", "Gen.", "Jan.")."""
    return frozenset(r["word"].lower() for r in load_tsv("en_abbreviations"))


def _can_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before in _SPACE or before in "([{—–-/:;,") and after not in _SPACE


def _can_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before not in _SPACE and (after in _SPACE or not after.isalnum())


def _quotes(text: str, paragraphs: tuple[tuple[int, int], ...]) -> list[Quote]:
    out: list[Quote] = []
    open_before = False  # the paragraph before ended inside a quote
    # The marks of the whole text at once: most paragraphs hold none, and a search apiece cost more.
    # Each mark by `str.find`, which skips through the text faster than a pattern's character class.
    marks: list[int] = []
    for mark in _MARKS:
        i = text.find(mark)
        while i >= 0:
            marks.append(i)
            i = text.find(mark, i + 1)
    marks.sort()
    k = 0
    for p_start, p_end in paragraphs:
        opened: int | None = None
        first = True
        while k < len(marks) and marks[k] < p_start:
            k += 1  # a mark between paragraphs (in a blank line): no paragraph holds it
        while k < len(marks) and marks[k] < p_end:
            i = marks[k]
            k += 1
            ch = text[i]
            if opened is None:
                if ch in _OPENERS or (ch == '"' and (_can_open(text, i) or not _can_close(text, i))):
                    opened = i
                elif first and open_before and (ch in _CLOSERS or _can_close(text, i)):
                    # The quote of the paragraph before closes here without opening again.
                    a = p_start
                    out.append(Quote(a, a, i, i, True))
                    first = False
            elif ch in _CLOSERS or ch == '"':
                cont = first and open_before and text[p_start:opened].strip() == ""
                out.append(Quote(opened, opened + 1, i, i, cont))
                opened = None
                first = False
            # a second opener inside an open quote is a nested or stray mark: the first pairing stands
        if opened is not None:
            end = p_end
            while end > opened + 1 and text[end - 1] in _SPACE:
                end -= 1
            cont = first and open_before and text[p_start:opened].strip() == ""
            out.append(Quote(opened, opened + 1, end, None, cont))
            open_before = True
        else:
            open_before = False
    return out


def _end_marks(text: str) -> list[tuple[int, int]]:
    """The spans of `_END_RE` in `text`: the pattern tried where `str.find` finds a mark it starts with,
    which skips through the text faster than the pattern's first character class."""
    starts: list[int] = []
    for mark in ".!?…":
        i = text.find(mark)
        while i >= 0:
            starts.append(i)
            i = text.find(mark, i + 1)
    starts.sort()
    out: list[tuple[int, int]] = []
    match = _END_RE.match
    last = 0
    for i in starts:
        if i >= last:
            m = match(text, i)
            if m is not None:
                out.append(m.span())
                last = m.end()
    return out


def _sentences(text: str, paragraphs: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    abbr = abbreviations()
    # The candidate ends of the whole text at once: no match runs over a line break, and a search
    # apiece for the paragraphs cost more.
    ends = _end_marks(text)
    out: list[tuple[int, int]] = []
    k = 0
    for p_start, p_end in paragraphs:
        start = p_start
        while start < p_end and text[start] in _SPACE:
            start += 1
        while k < len(ends) and ends[k][0] < p_start:
            k += 1
        while k < len(ends) and ends[k][0] < p_end:
            dot, end = ends[k]
            k += 1
            if end >= p_end:
                continue  # the paragraph's last mark: its end closes the sentence below
            if text[dot] == ".":
                # The word before the dot starts after the last space, no-break space, bracket or quote
                # mark: found with one search when it is a plain word, as it mostly is.
                word_start = max(text.rfind(" ", start, dot), start - 1) + 1
                if not text[word_start:dot].isalnum():
                    word_start = (
                        max(
                            text.rfind(" ", start, dot),
                            text.rfind("\u00a0", start, dot),
                            text.rfind("(", start, dot),
                            text.rfind('"', start, dot),
                            text.rfind("“", start, dot),
                            start - 1,
                        )
                        + 1
                    )
                word = text[word_start:dot].lower()
                if word in abbr or (len(word) == 1 and word.isalpha()):
                    continue
                # Initials and acronyms ("K.C.", "U.S.") end a sentence only before a word that starts one.
                if "." in word and not _plain_starter(text, end):
                    continue
            out.append((start, end))
            start = end
            while start < p_end and text[start] in _SPACE:
                start += 1
        if start < p_end:
            end = p_end
            while end > start and text[end - 1] in _SPACE:
                end -= 1
            if end > start:
                out.append((start, end))
    return out


_SENTENCE_STARTERS = frozenset(
    {
        "the",
        "a",
        "an",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "in",
        "on",
        "but",
        "and",
        "this",
        "that",
        "there",
        "his",
        "her",
        "their",
        "its",
        "according",
        "after",
        "as",
    }
)


_NEXT_WORD = re.compile(r"\s+[\"“(]?([A-Za-z]+)")


def _plain_starter(text: str, pos: int) -> bool:
    m = _NEXT_WORD.match(text, pos)
    return bool(m) and m is not None and m.group(1).lower() in _SENTENCE_STARTERS


def lower_aligned(text: str) -> str:
    """`text.lower()` with every offset kept: the few characters whose lower case is longer
    ("İ") stay as they are. The matchers scan this copy without IGNORECASE, which is many
    times faster, and read capitals from the original at the same offsets."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    """The spans of `_PARA_RE` in `text`. With "\\n" the only line break, as it mostly is, the lines
    are cut by `str.find`, which skips through the text faster than the pattern's character classes."""
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        return tuple(map(re.Match.span, _PARA_RE.finditer(text)))
    out: list[tuple[int, int]] = []
    n = len(text)
    a = 0
    while a <= n:
        b = text.find("\n", a)
        if b < 0:
            b = n
        if a < b and not text[a:b].isspace():  # the line holds something besides white space
            out.append((a, b))
        a = b + 1
    return tuple(out)


def segment(text: str) -> EnText:
    """Paragraphs (lines), quotes, then sentences of `text`."""
    paragraphs = _paragraphs(text)
    quotes = _quotes(text, paragraphs)
    sentences = _sentences(text, paragraphs)
    return EnText(
        text,
        lower_aligned(text),
        paragraphs,
        tuple(sentences),
        tuple(quotes),
        tuple(map(_FIRST, sentences)),
        tuple(q.open_at for q in quotes),
        tuple(map(_FIRST, paragraphs)),
    )


def tokens(text: str, start: int, end: int, low: str | None = None) -> list[Tok]:
    """Tokens of text[start:end]; `low` is the lower-cased text (`EnText.low`), if at hand."""
    if low is None:
        return [Tok(m.start(), m.end(), m.group(), m.group().lower()) for m in _TOKEN_RE.finditer(text, start, end)]
    # No token holds white space, nor does `_TOKEN_RE` look across it, so each run between white
    # space is tokenised alone. Most runs are one word, or one word and a mark ("said,"): those
    # are cut here without the regex, whose match objects cost more than the tokens (0.52 -> 0.42
    # ms an article for every sentence). `low` is aligned with `text`, white space with white space.
    out: list[Tok] = []
    add = out.append
    find = low.find
    chunks = low[start:end].split()
    # Mostly one white-space character stands between runs, and none before the first: then a run
    # starts one after the last ends, with no search.
    single = start < end and not low[start].isspace() and sum(map(len, chunks)) + len(chunks) - 1 == end - start
    b = start - 1 if single else start
    for chunk, orig in zip(chunks, text[start:end].split(), strict=True):
        a = b + 1 if single else find(chunk, b)
        b = a + len(chunk)
        if chunk.isalnum():  # all of it is one `[^\W_]+` word
            add(Tok(a, b, orig, chunk))
        elif chunk[:-1].isalnum() and not chunk[-1].isalnum():
            # a word, then a mark that joins no word after it: two tokens
            add(Tok(a, b - 1, orig[:-1], chunk[:-1]))
            add(Tok(b - 1, b, orig[-1], chunk[-1]))
        else:
            for x, y in map(re.Match.span, _TOKEN_RE.finditer(low, a, b)):
                add(Tok(x, y, text[x:y], low[x:y]))
    return out


__all__ = ["EnText", "Quote", "Tok", "abbreviations", "lower_aligned", "segment", "tokens"]
