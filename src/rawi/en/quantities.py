"""English quantities: amounts with their qualifier, range and unit.

"more than 10,000 soldiers" -> 10000 gt "soldiers"; "about 2,000" -> approx; "at least 27"
-> ge; "up to 5 million dollars" -> 5000000 le "dollars"; "dozens" -> 12 ge; "between 10
and 20" -> range 10..20; "$5bn" -> 5e9 "dollar"; "3.5%" -> 3.5 "%". Years, dates and
durations are times (the pipeline passes their spans in `exclude`); ordinals ("62nd"),
clock times, identifiers ("Flight 17", "posts 542 and 543") and "one" as a pronoun ("one
of them") are not amounts. The span covers the qualifier and the number, not the noun.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from functools import cache
from types import MappingProxyType
from typing import NamedTuple

from rawi.en.lexicon import words
from rawi.en.numbers import NumberMatch, clean, digits_value, number_at, number_words, scan_numbers, words_value
from rawi.en.text import lower_aligned
from rawi.en.times import calendar_units
from rawi.lexicon import load_tsv


# A tuple, not a frozen dataclass: built for every amount, three times faster.
class EnQuantity(NamedTuple):
    start: int
    end: int
    value: int | float
    qualifier: str
    high: int | float | None
    unit: str | None


@cache
def _qualifiers() -> tuple[re.Pattern[str], tuple[tuple[str, str], ...]]:
    rows = load_tsv("en_quantity_qualifiers")
    before = [(r["phrase"].lower(), r["qualifier"]) for r in rows if r["position"] == "before"]
    after = tuple((r["phrase"].lower(), r["qualifier"]) for r in rows if r["position"] == "after")
    alt = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p, _ in sorted(before, key=lambda x: -len(x[0])))
    return re.compile(rf"(?<![\w-])(?P<q>{alt})\s+$", re.IGNORECASE), after


@cache
def _before_map() -> Mapping[str, str]:
    return MappingProxyType(
        {r["phrase"].lower(): r["qualifier"] for r in load_tsv("en_quantity_qualifiers") if r["position"] == "before"}
    )


@cache
def _units() -> Mapping[str, tuple[str, str]]:
    return MappingProxyType({r["form"].lower(): (r["unit"], r["kind"]) for r in load_tsv("en_quantity_units")})


@cache
def _not_after() -> frozenset[str]:
    return frozenset(r["word"].lower() for r in load_tsv("en_quantity_not_after"))


_CURRENCY = re.compile(r"(?:US\$|A\$|C\$|[$€£¥])\s?$")
_ORDINAL = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)
_RANGE_WORDS = re.compile(r"\s*(?:-|–|to|and)\s*", re.IGNORECASE)
_TIGHT_RANGE = re.compile(r"-|–")
# What cannot be the noun an amount counts: function words and units of time (a duration).
_NOT_UNIT = frozenset(
    {
        "of",
        "or",
        "and",
        "to",
        "in",
        "on",
        "at",
        "the",
        "a",
        "an",
        "by",
        "for",
        "from",
        "with",
        "than",
        "per",
        "more",
        "less",
        "over",
        "were",
        "was",
        "are",
        "is",
        "have",
        "had",
        "has",
        "who",
        "which",
        "that",
        "as",
        "into",
        "out",
        "up",
        "off",
        "after",
        "before",
        "since",
        "will",
        "would",
        "can",
        "could",
        "be",
        "been",
        "being",
        "said",
        "says",
        "times",
    }
)
_CLOCK_WORDS = frozenset({"second", "seconds", "am", "pm", "a.m.", "p.m.", "o'clock", "BC", "AD"})


@cache
def _time_units() -> frozenset[str]:
    """A figure counting these is a duration, an age or a clock time: the calendar units the time
    stage reads (en_time_words.tsv), and the clock's words it does not."""
    return calendar_units() | _CLOCK_WORDS


def _overlaps(spans: Sequence[tuple[int, int]], starts: list[int], a: int, b: int) -> bool:
    i = bisect_right(starts, b) - 1
    while i >= 0 and spans[i][1] > a:
        if spans[i][0] < b:
            return True
        i -= 1
    return False


def _value(m: NumberMatch) -> tuple[float, bool] | None:
    """(value, vague) of a number phrase."""
    g = m.kind
    s = " ".join(m.text.split())
    if g == "vague":
        return number_words()[s][0], True
    if g == "digits":
        return digits_value(s), False
    v = words_value(s)
    return (v, False) if v is not None else None


_PERCENT = re.compile(r"\s*(%|per cent|percentage points|percent)", re.IGNORECASE)
_OF = re.compile(r"\s+of\s+(?=[a-z])")
# The next word of a unit, if only spaces and hyphens stand before it (the words of a unit follow
# one another so): matched where the last word ended, rather than searching for the next word and
# then refusing the gap before it, which searched on through the text.
_NEXT_WORD = re.compile(r"[ -]*([A-Za-z][\w'’-]*)")


@cache
def _not_unit_words() -> frozenset[str]:
    """Words that end a unit before it starts: `_NOT_UNIT`, prepositions, auxiliaries, pronouns
    ("2,000 of them"), and adverbs and verbs that follow a bare count ("125 still missing", "5 remain")."""
    return (
        _NOT_UNIT
        | words("preposition")
        | words("auxiliary")
        | words("subject_pronoun")
        | words("object_pronoun")
        | _NOT_UNIT_WORDS
    )


_NOT_UNIT_WORDS = frozenset({"still", "also", "already", "reportedly", "now", "later", "remain", "remained"})


def _unit_after(text: str, pos: int) -> tuple[str | None, int]:
    """The counted noun or unit after an amount, and where it ends."""
    units = _units()
    m = _PERCENT.match(text, pos)
    if m:
        return units[m.group(1).lower()][0], m.end()
    i = pos
    # "dozens of rounds", "hundreds of people": the noun after "of"
    m = _OF.match(text, i)
    if m:
        i = m.end() - 1
    stop = _not_unit_words()
    first = -1  # where the unit starts
    for n in range(3):  # three words at most
        w = _NEXT_WORD.match(text, i)
        if w is None:
            break
        word = w.group(1)
        low = word.lower()
        if low in stop or (not n and word[0].isupper()):
            break
        if not n:
            first = w.start(1)
        i = w.end()
        if low in units or low.endswith(("s", "people", "men", "women", "children", "police")) or low in _time_units():
            break
    if first < 0:
        return None, pos
    return text[first:i], i


@cache
def _before_last_words() -> tuple[str, ...]:
    """The last word of every qualifier that stands before an amount ("than", "least", "about")."""
    return tuple({p.split()[-1] for p in _before_map()})


@cache
def _before_low() -> re.Pattern[str]:
    """The qualifiers before an amount as `_qualifiers` has them, for text already lower-cased and
    with no lookbehind (the caller checks it): a pattern that starts with a literal, so that a
    search jumps between the first letters of the phrases. At most one phrase ends a given text
    position followed by white space only, so their order does not matter."""
    alt = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(_before_map(), key=lambda p: -len(p)))
    return re.compile(rf"(?P<q>{alt})\s+$")


def _qualifier_before(text: str, low: str, start: int) -> tuple[str, int] | None:
    pat, _ = _qualifiers()
    # The pattern (case-blind, its lookbehind first) is tried at each of 24 positions; most amounts
    # have no qualifier, so it runs only when the last word before the amount could end one: the
    # text before ends with white space, its last token ends with such a word (for ASCII tokens:
    # there IGNORECASE is lower-casing; any other token is left to the pattern).
    tail = text[max(0, start - 24) : start]
    if not tail[-1:].isspace():
        return None
    parts = tail.rsplit(None, 1)
    if not parts or (parts[-1].isascii() and not parts[-1].lower().endswith(_before_last_words())):
        return None
    lo = max(0, start - 24)
    if text[max(0, lo - 1) : start].isascii():
        # On ASCII text IGNORECASE is lower-casing: search `low` (the same offsets) with the
        # lower-case phrases, and do the lookbehind here, searching on after a phrase glued to a
        # word or a hyphen.
        low_pat = _before_low()
        m = low_pat.search(low, lo, start)
        while m is not None and m.start() and (low[m.start() - 1].isalnum() or low[m.start() - 1] in "_-"):
            m = low_pat.search(low, m.start() + 1, start)
    else:
        m = pat.search(text, lo, start)
    if m is None:
        return None
    # IGNORECASE also takes "ſome" for "some", which lower() keeps: casefold() maps it back.
    phrase = " ".join(m.group("q").lower().split())
    table = _before_map()
    qualifier = table.get(phrase) or table.get(phrase.casefold())
    return (qualifier, m.start("q")) if qualifier is not None else None


@cache
def _after_firsts() -> frozenset[str]:
    """First letters of the qualifiers that come after an amount ("or so", "plus")."""
    return frozenset(p[:1] for p, _ in _qualifiers()[1])


def _qualifier_after(text: str, pos: int, unit_end: int) -> str | None:
    _, after = _qualifiers()
    firsts = _after_firsts()
    for at in (pos, unit_end):
        rest = text[at : at + 16].lower().lstrip(" -")
        if rest[:1] not in firsts:
            continue
        for phrase, q in after:
            if rest.startswith(phrase) and not rest[len(phrase) : len(phrase) + 1].isalpha():
                return q
    return None


def _is_identifier(text: str, start: int, end: int) -> bool:
    """ "Flight 17", "posts 542", "No. 10", "World Cup 2018": a number that names or ranks."""
    if _ORDINAL.match(text, end):
        return True
    before = text[max(0, start - 20) : start].rstrip(" \t#")
    if before.endswith("#"):
        return True
    parts = before.rsplit(None, 1)
    if not parts or not before or before[-1] in "\n":
        return False
    prev = parts[-1]
    if not (prev[-1].isalnum() or prev[-1] == "."):
        return False
    word = prev.lower().rstrip(".")
    if word in _not_after():
        return True
    # A capitalised word right before a number names it ("Apollo 11"), unless it starts a sentence.
    lead = parts[0].rstrip() if len(parts) == 2 else ""
    return (
        prev[0].isupper()
        and word not in _before_map()
        and word not in _NOT_NAMES
        and bool(lead)
        and lead[-1] not in ".!?\n"
    )


# Capitalised words that may stand before an amount without naming it ("Over 900", "Some 20").
_NOT_NAMES = frozenset(
    {
        "between",
        "from",
        "about",
        "some",
        "over",
        "nearly",
        "almost",
        "around",
        "only",
        "just",
        "all",
        "the",
        "and",
        "but",
        "of",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "to",
        "as",
        "than",
        "another",
        "police",
        "officials",
    }
)


_AGE = re.compile(r"[A-Z][\w'’-]+\s*[,(]\s*\Z")
_SCORE = re.compile(r"\d\s*[–-]\s*$")
_LIST_JOIN = re.compile(r"\s*(?:,|and|or|&)\s*$")
_ONE_PRONOUN = re.compile(r"\s+(?:of|another|day|way|thing|hand|side|time|point)\b")
_RANGE_LEAD = re.compile(r"(?:between|from)\s+$", re.IGNORECASE)
# `_CURRENCY` ends with a sign and at most one space before the amount, or a newline after that
# (`$` matches before a last newline): a sign in the last three characters, or no match.
_CURRENCY_SIGNS = frozenset("$€£¥")


def extract_quantities(
    text: str,
    exclude: Sequence[tuple[int, int]] = (),
    low: str | None = None,
    numbers: Sequence[NumberMatch] | None = None,
) -> list[EnQuantity]:
    """Amounts of an English text, in text order. `low` is the text lower-cased offset for offset
    (`EnText.low`), made here when not given; `numbers` its `scan_numbers`, if the pipeline's
    `wordscan` found them already."""
    low = lower_aligned(text) if low is None else low
    spans = sorted(exclude)
    starts = [a for a, _ in spans]
    out: list[EnQuantity] = []
    last_end = 0
    last_id = -1  # end of the last identifier: "posts 542 and 543" are both names
    for m in scan_numbers(low) if numbers is None else numbers:
        a, b = m.start, m.end
        if a < last_end or (spans and _overlaps(spans, starts, a, b)):
            continue
        # `_SCORE` needs a dash as the last character before the amount but for white space.
        if text[max(0, a - 6) : a].rstrip()[-1:] in ("-", "–") and _SCORE.search(text, max(0, a - 6), a):
            continue  # the second number of a score or a range not taken: "1 – 2"
        if last_id >= 0 and _LIST_JOIN.fullmatch(text, last_id, a):
            last_id = b
            continue
        got = _value(m)
        if got is None:
            continue
        value, vague = got
        if (
            m.kind == "digits"
            and "," not in m.text
            and 1800 <= value <= 2100
            and value == int(value)
            and "." not in m.text
        ):
            continue  # a year the time stage did not take: never an amount
        if m.kind != "vague" and _is_identifier(text, a, b):
            last_id = b
            continue
        word = m.text
        if word == "one" and _ONE_PRONOUN.match(text[b : b + 12]):
            continue
        if m.kind == "words" and word in ("a", "an"):
            continue
        qualifier = "ge" if vague else "eq"
        high: float | None = None
        start, end = a, b
        # A currency sign before the number: "$5 million", "US$ 10 billion".
        cur = None if _CURRENCY_SIGNS.isdisjoint(text[max(0, a - 3) : a]) else _CURRENCY.search(text, max(0, a - 4), a)
        unit: str | None = None
        if cur is not None:
            start = cur.start()
            unit = _units().get(cur.group().strip().lower(), ("dollar", ""))[0]
        # A range: "between 10 and 20", "from 10 to 20", "10-20", "10 to 20 people".
        rm = _RANGE_WORDS.match(text, b)
        if rm is not None and not vague:
            nxt = number_at(low, rm.end())
            joined = rm.group().strip().lower()
            lead = _RANGE_LEAD.search(text[max(0, start - 12) : start])
            if (
                nxt is not None
                and nxt.kind != "vague"
                and (
                    (joined in ("-", "–") and not rm.group().startswith(" "))
                    or joined == "to"
                    or (joined == "and" and lead is not None and lead.group().lower().startswith("between"))
                )
            ):
                hv = _value(nxt)
                if hv is not None and hv[0] > value:
                    high = hv[0]
                    qualifier = "range"
                    end = nxt.end
                    if lead is not None:
                        start = max(0, start - 12) + lead.start()
        if qualifier != "range":
            q = _qualifier_before(text, low, start)
            if q is not None and not vague:
                qualifier, start = q
        if unit is None:
            unit, unit_end = _unit_after(text, end)
        else:
            unit_end = end
        if unit is not None and unit.split()[-1].lower() in _time_units():
            continue  # a duration or an age the time stage did not take
        if qualifier == "eq":
            after = _qualifier_after(text, end, unit_end)
            if after is not None:
                qualifier = after
        if (
            unit is None
            and qualifier == "eq"
            and text[end : end + 1] in ",)"
            and _AGE.search(text, max(0, start - 40), start)
        ):
            continue  # "Umm Ahmed, 42, who …": an age in an apposition, not an amount
        if m.kind == "words" and unit is None and qualifier == "eq" and value < 100:
            continue  # "one of them", "the three": a number word counts only something it names
        out.append(EnQuantity(start, end, clean(value), qualifier, clean(high) if high is not None else None, unit))
        last_end = end
    return out


__all__ = ["EnQuantity", "extract_quantities"]
