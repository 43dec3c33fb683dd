"""Paragraphs, quotations, sentences and tokens of a folded text.

All offsets index the folded text (`NormText.norm`). Quotation marks are
paired per paragraph before sentences are cut, so that a quote running over
several sentences stays whole and no sentence ends inside a closed quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from typing import NamedTuple

_OPENERS = "«“„‹"
_CLOSERS = "»”‟›"
# Straight double quotes, and two apostrophes used as one double quote.
_MARK_RE = re.compile(r"''|\"|[«»“”„‟‹›]")
_SENT_END_RE = re.compile(r"\.{2,}|[.!?؟…]+|\n+")
_TOKEN_RE = re.compile(r"[^\W_]+(?:[-.,][0-9]+)*|\S")
_LETTER_RE = re.compile(r"[^\W_]")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted passage: `start`/`end` bound the words inside the marks."""

    open_at: int  # offset of the opening mark
    start: int
    end: int
    close_at: int | None  # offset of the closing mark; None when the paragraph ends first

    @property
    def outer_end(self) -> int:
        return self.close_at + 1 if self.close_at is not None else self.end


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int  # excludes the final punctuation
    paragraph: int
    headline: bool


class Token(NamedTuple):
    """A word, number or punctuation mark. A NamedTuple, not a dataclass: an article
    has hundreds of tokens and this is the cheapest immutable record to build."""

    start: int
    end: int
    text: str


# Builds a Token from a (start, end, text) triple without a Python-level call per token.
_new_token = partial(tuple.__new__, Token)


@dataclass(frozen=True, slots=True)
class Segmentation:
    quotes: tuple[Quote, ...]
    sentences: tuple[Sentence, ...]
    tokens: tuple[Token, ...]
    words: frozenset[str]  # the distinct token texts, for per-word decisions


def _is_letter(ch: str) -> bool:
    return bool(_LETTER_RE.match(ch))


def _role(text: str, i: int, width: int) -> str:
    """'open', 'close' or '?' for an ambiguous mark from the characters around it."""
    mark = text[i]
    if mark in _OPENERS:
        return "open"
    if mark in _CLOSERS:
        return "close"
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    open_ctx = not _is_letter(before) and before not in ".،,؛;!?؟)" and (_is_letter(after) or after in "(")
    close_ctx = (_is_letter(before) or before in ".،,؛;!?؟)…") and not _is_letter(after)
    if open_ctx and not close_ctx:
        return "open"
    if close_ctx and not open_ctx:
        return "close"
    return "?"


def pair_quotes(text: str, start: int, end: int) -> list[Quote]:
    """Pair quotation marks inside one paragraph text[start:end]."""
    quotes: list[Quote] = []
    open_at = -1
    open_width = 1
    for m in _MARK_RE.finditer(text, start, end):
        i, width = m.start(), m.end() - m.start()
        role = _role(text, i, width)
        if open_at < 0:
            if role != "close":
                open_at, open_width = i, width
            continue
        if role == "open" and text[i] in _OPENERS and text[open_at] not in _OPENERS:
            # A typographic opener after an ambiguous one: the earlier mark was stray.
            open_at, open_width = i, width
            continue
        if role == "open" and text[i] not in _OPENERS:
            # An ambiguous mark that only looks like an opener closes the open quote
            # when the quote holds words; otherwise the first mark was stray.
            if text[open_at + open_width : i].strip():
                quotes.append(Quote(open_at, open_at + open_width, i, i))
                open_at = -1
            else:
                open_at, open_width = i, width
            continue
        quotes.append(Quote(open_at, open_at + open_width, i, i))
        open_at = -1
    if open_at >= 0 and text[open_at + open_width : end].strip():
        quotes.append(Quote(open_at, open_at + open_width, end, None))
    return quotes


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for line in text.split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        while s < e and text[s] == " ":
            s += 1
        while e > s and text[e - 1] == " ":
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


def _is_headline(text: str, paras: list[tuple[int, int]], k: int) -> bool:
    """The first line is a headline when it is short, unpunctuated and the text goes on."""
    if k != 0 or len(paras) < 2:
        return False
    s, e = paras[0]
    line = text[s:e]
    return len(line) <= 160 and line[-1] not in ".!?؟:…،" and len(line.split()) <= 25


def segment(text: str) -> Segmentation:
    paras = _paragraphs(text)
    quotes: list[Quote] = []
    sentences: list[Sentence] = []
    for k, (ps, pe) in enumerate(paras):
        pq = pair_quotes(text, ps, pe)
        quotes.extend(pq)
        closed = [(q.start, q.end) for q in pq if q.close_at is not None]
        # A quotation whose words end a sentence ('… ذلك."') ends the sentence with it.
        ends = sorted(
            q.close_at + 1 for q in pq if q.close_at is not None and q.end > q.start and text[q.end - 1] in ".!?؟…"
        )
        headline = _is_headline(text, paras, k)
        s = ps
        cuts = [(m.start(), m.end()) for m in _SENT_END_RE.finditer(text, ps, pe)]
        cuts += [(e, e) for e in ends if e < pe and text[e : e + 1] not in ".!?؟…"]
        for cut, cut_end in sorted(cuts):
            if (
                text[cut] == "."
                and cut_end - cut == 1
                and 0 < cut < len(text) - 1
                and text[cut - 1].isascii()
                and text[cut - 1].isalnum()
                and text[cut + 1].isascii()
                and text[cut + 1].isalnum()
            ):
                continue  # a decimal point, an address or an abbreviation: "2.5", "goo.gl"
            if any(a <= cut < b for a, b in closed):
                continue
            if cut > s and text[s:cut].strip():
                sentences.append(Sentence(s, cut, k, headline))
            s = max(s, cut_end)
            while s < pe and text[s] == " ":
                s += 1
        if s < pe and text[s:pe].strip():
            sentences.append(Sentence(s, pe, k, headline))
    # The token strings come from one findall (in C); each is then found from where the last one
    # ended, which is cheaper than asking every match object for its offsets.
    words = _TOKEN_RE.findall(text)
    spans = []
    find = text.find
    pos = 0
    for w in words:
        pos = find(w, pos)
        spans.append((pos, pos + len(w), w))
        pos += len(w)
    return Segmentation(tuple(quotes), tuple(sentences), tuple(map(_new_token, spans)), frozenset(words))
