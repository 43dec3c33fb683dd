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


__all__ = ["clean", "digits_value", "number_regex", "number_words", "words_value"]
