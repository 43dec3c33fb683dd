"""English numbers in digits and words: "10,000", "1.2 million", "twenty-five", "two hundred thousand".

One regular expression finds number phrases (digits with separators and an optional
scale word, or runs of number words); `value_of` adds them up. Plurals of magnitude
("dozens", "tens of thousands") are read apart: they are lower bounds.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import NamedTuple

from rawi.en.lexicon import trie
from rawi.lexicon import load_tsv

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


@cache
def number_words() -> Mapping[str, tuple[float, str]]:
    """word -> (value, kind) from en_number_words.tsv."""
    return MappingProxyType({r["word"]: (float(r["value"]), r["kind"]) for r in load_tsv("en_number_words")})


def _alt(ws: list[str]) -> str:
    return trie(ws)


@cache
def number_regex() -> re.Pattern[str]:
    """Digits (with a scale word after them) or number words; `vague` for plurals of magnitude.
    Scans lower-cased text (`EnText.low`)."""
    nw = number_words()
    units = [w for w, (_, k) in nw.items() if k == "unit"]
    scales = [w for w, (_, k) in nw.items() if k == "scale" and len(w) > 2]
    short_scales = [w for w, (_, k) in nw.items() if k == "scale" and len(w) <= 2]
    vague = [w for w, (_, k) in nw.items() if k == "vague"]
    word = _alt([*units, *scales, "dozen"])
    pattern = (
        rf"(?P<vague>\b(?:{_alt(vague)})\b)"
        rf"|(?P<digits>(?<![\w.,/:-])(?:{_DIGITS})(?![\d,]*\.\d)(?![:/]\d)(?:(?:\s+|-)(?:{_alt(scales)})\b|(?:{_alt(short_scales)})\b)?)"
        rf"|(?P<words>\b(?:(?:a|an)\s+(?:{_alt(scales)}|dozen)\b|(?:{word})(?:(?:\s+and\s+|\s+|-)(?:{word}))*\b))"
    )
    return re.compile(pattern)


class NumberMatch(NamedTuple):
    start: int
    end: int
    kind: str  # digits | words | vague
    text: str


@cache
def _scanners() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    """A digits pattern and a number-words pattern, each starting with what it needs (a digit, a
    number word) so that the engine jumps between candidates; word boundaries are checked after."""
    nw = number_words()
    scales = [w for w, (_, k) in nw.items() if k == "scale" and len(w) > 2]
    short_scales = [w for w, (_, k) in nw.items() if k == "scale" and len(w) <= 2]
    vague = [w for w, (_, k) in nw.items() if k == "vague"]
    word = trie([w for w, (_, k) in nw.items() if (k in ("unit", "scale", "dozen") and len(w) > 2) or k == "unit"])
    digits = re.compile(rf"(?:{_DIGITS})(?![\d,]*\.\d)(?![:/]\d)(?:(?:\s+|-)(?:{trie(scales)})\b"
                        rf"|(?:{trie(short_scales)})\b)?")
    words = re.compile(rf"\b(?:{trie(vague)}|{word}(?:(?:\s+and\s+|\s+|-)(?:{word}))*)(?![\w'’-])")
    return digits, words, frozenset(" ".join(v.split()) for v in vague)


_ARTICLE = re.compile(r"(?:a|an)\s+$")


def _number_here(low: str, m: re.Match[str], kind: str, vague: frozenset[str]) -> NumberMatch:
    a, b = m.span()
    text = m.group()
    if kind == "words":
        norm = " ".join(text.split())
        if norm in vague:
            return NumberMatch(a, b, "vague", text)
        first = norm.split(" ", 1)[0].split("-", 1)[0]
        if number_words()[first][1] in ("scale", "dozen"):
            art = _ARTICLE.search(low, max(0, a - 4), a)  # "a million", "a dozen"
            if art is not None and (art.start() == 0 or not low[art.start() - 1].isalnum()):
                return NumberMatch(art.start(), b, "words", low[art.start():b])
    return NumberMatch(a, b, kind, text)


def scan_numbers(low: str) -> list[NumberMatch]:
    """Every number phrase of a lower-cased text, in text order."""
    digits, words, vague = _scanners()
    out = []
    for m in digits.finditer(low):
        a = m.start()
        if a and (low[a - 1].isalnum() or low[a - 1] in "_.,/:-"):
            continue  # "ie6", "1.5" read from its "5", "covid-19"
        out.append(NumberMatch(a, m.end(), "digits", m.group()))
    for m in words.finditer(low):
        a = m.start()
        if a and (low[a - 1].isalnum() or low[a - 1] in "_'’-"):
            continue
        out.append(_number_here(low, m, "words", vague))
    out.sort()
    return out


def number_at(low: str, pos: int) -> NumberMatch | None:
    """The number phrase that starts at `pos`, if any (the high end of a range)."""
    digits, words, vague = _scanners()
    m = digits.match(low, pos)
    if m is not None:
        return NumberMatch(pos, m.end(), "digits", m.group())
    m = words.match(low, pos)
    return _number_here(low, m, "words", vague) if m is not None else None


def digits_value(text: str) -> float:
    """"10,000" -> 10000, "1.2 million" -> 1200000, "5bn" -> 5e9."""
    m = re.match(_DIGITS, text)
    assert m is not None
    value = float(m.group().replace(",", ""))
    rest = text[m.end():].strip(" -").lower()
    if rest:
        value *= number_words().get(rest, (1.0, ""))[0]
    return value


def words_value(text: str) -> float | None:
    """"twenty-five" -> 25, "two hundred thousand" -> 200000, "a million" -> 1e6; None if not a number."""
    nw = number_words()
    total = 0.0
    current = 0.0
    seen = False
    for w in re.split(r"[\s-]+", text.lower()):
        if not w or w == "and":
            continue
        hit = nw.get(w)
        if hit is None:
            return None
        value, kind = hit
        if kind == "article":
            current += 1
        elif kind == "unit":
            current += value
            seen = True
        elif kind == "dozen":
            current = (current or 1) * 12
            seen = True
        elif kind == "scale":
            seen = True
            if value == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * value
                current = 0
        else:
            return None
    return total + current if seen else None


def clean(value: float) -> int | float:
    """An int when the value is whole: 10000 rather than 10000.0."""
    return int(value) if value == int(value) else value


__all__ = ["NumberMatch", "clean", "digits_value", "number_at", "number_regex", "number_words", "scan_numbers",
           "words_value"]
