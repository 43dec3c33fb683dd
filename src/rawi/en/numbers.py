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
_DIGITS_RE = re.compile(_DIGITS)
_WORD_SPLIT = re.compile(r"[\s-]+")


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


def number_items() -> tuple[list[str], list[str]]:
    """The vague phrases ("dozens", "tens of thousands") and the words a run of number words is
    made of (units, long scales, "dozen")."""
    nw = number_words()
    vague = [w for w, (_, k) in nw.items() if k == "vague"]
    word = [w for w, (_, k) in nw.items() if (k in ("unit", "scale", "dozen") and len(w) > 2) or k == "unit"]
    return vague, word


# What joins two number words: "one hundred and twenty", "twenty-five".
JOIN = r"(?:\s+and\s+|\s+|-)"


@cache
def digits_after_first() -> str:
    """A digits number (`_DIGITS`, no decimal point after it, not a clock time or a fraction, a
    scale word may follow) after its first digit: `_DIGITS` with the first digit taken before
    its alternation tries the same matches in the same order."""
    nw = number_words()
    scales = [w for w, (_, k) in nw.items() if k == "scale" and len(w) > 2]
    short_scales = [w for w, (_, k) in nw.items() if k == "scale" and len(w) <= 2]
    return (
        rf"(?:\d{{0,2}}(?:,\d{{3}})+(?:\.\d+)?|\d*(?:\.\d+)?)(?![\d,]*\.\d)(?![:/]\d)"
        rf"(?:(?:\s+|-)(?:{trie(scales)})\b|(?:{trie(short_scales)})\b)?"
    )


@cache
def _scanners() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    """A digits pattern and a number-words pattern, matched where a number starts (`number_at`,
    and offset 0 in `scan_numbers`), and the vague phrases with their spaces made single."""
    vague, word_list = number_items()
    word = trie(word_list)
    digits = re.compile(rf"\d{digits_after_first()}")
    words = re.compile(rf"\b(?:{trie(vague)}|{word}(?:{JOIN}(?:{word}))*)(?![\w'’-])")
    return digits, words, frozenset(" ".join(v.split()) for v in vague)


@cache
def _lead_scanner() -> re.Pattern[str]:
    """One pass over the text for both kinds of number, started from the character before them.

    A search for `\\b` + words tries the pattern at every position, and one for a class of first
    characters tests the class on every character (slow in `re`); both digits and number words
    need a character before them that is not a word character (or the start of the text), so
    this pattern starts with `[^0-9A-Z_a-z]` (ASCII tests only; a non-ASCII letter or digit
    found there is told apart by the caller) and then one alternation whose branches start with
    a literal (the engine skips a branch on its first character) but the last:
    - a number-words run: the `words` pattern of `_scanners` split by first letter, `c` + (vague
      phrases after `c` | words after `c` + more words) + the check after it, the same
      alternatives in the same order;
    - a digit, the rest of the digits number read in a look-ahead (group `d`), so that the match
      does not swallow number words the words scan finds on their own ("5 million")."""
    vague, word_list = number_items()
    word = trie(word_list)
    more = rf"(?:{JOIN}(?:{word}))*"
    branches = []
    for c in sorted({w[0] for w in (*vague, *word_list)}):
        alts = []
        after_v = [v[1:] for v in vague if v[0] == c]
        after_w = [w[1:] for w in word_list if w[0] == c]
        if after_v:
            alts.append(trie(after_v))
        if after_w:
            alts.append(trie(after_w) + more)
        branches.append(re.escape(c) + "(?:" + "|".join(alts) + r")(?![\w'’-])")
    return re.compile(rf"[^0-9A-Z_a-z](?:{'|'.join(branches)}|\d(?=(?P<d>{digits_after_first()})))")


_ARTICLE = re.compile(r"(?:a|an)\s+$")


def _number_here(low: str, a: int, b: int, vague: frozenset[str]) -> NumberMatch:
    """The number-words match low[a:b]: vague, or taking an article before a scale ("a million")."""
    text = low[a:b]
    norm = " ".join(text.split())
    if norm in vague:
        return NumberMatch(a, b, "vague", text)
    first = norm.split(" ", 1)[0].split("-", 1)[0]
    if number_words()[first][1] in ("scale", "dozen"):
        art = _ARTICLE.search(low, max(0, a - 4), a)  # "a million", "a dozen"
        if art is not None and (art.start() == 0 or not low[art.start() - 1].isalnum()):
            return NumberMatch(art.start(), b, "words", low[art.start() : b])
    return NumberMatch(a, b, "words", text)


def scan_numbers(low: str) -> list[NumberMatch]:
    """Every number phrase of a lower-cased text, in text order.

    Digits count where the character before them is not a letter, a digit or one of "_.,/:-"
    ("ie6", "1.5" read from its "5", "covid-19"); number words where it is not a word character
    (`\\b`) nor one of "'’-", and a words run so refused still hides the words in it ("x-one two"
    gives nothing), as one left-to-right scan of the words would."""
    digits, words, vague = _scanners()
    out = []
    pos = 0
    if low:  # offset 0 has no character before it: matched apart
        m = digits.match(low)
        if m is not None:
            out.append(NumberMatch(0, m.end(), "digits", m.group()))
        m = words.match(low)
        if m is not None:
            out.append(_number_here(low, 0, m.end(), vague))
            pos = m.end()
    scan = _lead_scanner().finditer
    while True:
        for m in scan(low, pos):
            lead = m.start()
            is_digits = m.lastgroup is not None
            if not take_lead(low, low[lead], lead + 1, m.end("d") if is_digits else m.end(), is_digits, out):
                pos = lead + 1
                break
        else:
            break
    out.sort()
    return out


def take_lead(low: str, c: str, a: int, b: int, digits: bool, out: list[NumberMatch]) -> bool:
    """Add to `out` the number a lead scan (`_lead_scanner`) found at low[a:b] after the character
    `c`, if it counts there. False: a run of number words after a non-ASCII letter or digit, which
    is no word boundary; words may still start inside it ("éone two" has "two"), so the scan must
    go on from `a`, not from `b`."""
    if digits:
        if c not in ".,/:-" and not c.isalnum():
            out.append(NumberMatch(a, b, "digits", low[a:b]))
    elif c.isalnum():
        return False
    elif c not in "'’-":
        out.append(_number_here(low, a, b, _scanners()[2]))
    return True


def number_at(low: str, pos: int) -> NumberMatch | None:
    """The number phrase that starts at `pos`, if any (the high end of a range)."""
    digits, words, vague = _scanners()
    m = digits.match(low, pos)
    if m is not None:
        return NumberMatch(pos, m.end(), "digits", m.group())
    m = words.match(low, pos)
    return _number_here(low, pos, m.end(), vague) if m is not None else None


def digits_value(text: str) -> float:
    """ "10,000" -> 10000, "1.2 million" -> 1200000, "5bn" -> 5e9."""
    if text.isdecimal():  # digits only, the most common: what the rest would find
        return float(text)
    m = _DIGITS_RE.match(text)
    assert m is not None
    value = float(m.group().replace(",", ""))
    rest = text[m.end() :].strip(" -").lower()
    if rest:
        value *= number_words().get(rest, (1.0, ""))[0]
    return value


def words_value(text: str) -> float | None:
    """ "twenty-five" -> 25, "two hundred thousand" -> 200000, "a million" -> 1e6; None if not a number."""
    nw = number_words()
    total = 0.0
    current = 0.0
    seen = False
    for w in _WORD_SPLIT.split(text.lower()):
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
                current = 0.0
        else:
            return None
    return total + current if seen else None


def clean(value: float) -> int | float:
    """An int when the value is whole: 10000 rather than 10000.0."""
    return int(value) if value == int(value) else value


__all__ = [
    "JOIN",
    "NumberMatch",
    "clean",
    "digits_after_first",
    "digits_value",
    "number_at",
    "number_items",
    "number_regex",
    "number_words",
    "scan_numbers",
    "take_lead",
    "words_value",
]
