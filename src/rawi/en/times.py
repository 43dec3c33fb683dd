"""English TIMEX3 times, resolved against the dateline.

Patterns are tried in order (a full date before a month alone, "earlier this week"
before "this week"); the first to cover a stretch of text keeps it. Values follow the
contract: "on Thursday" is the latest Thursday not after the dateline unless the
clause looks ahead ("will", "next"); "last month" is the month before the dateline's;
"since March" is March (the span leaves the preposition out), the latest March not
after the dateline; "earlier this week" is the dateline's ISO week; "three days ago" a
day; "48 hours" a duration (PT48H); "now" PRESENT_REF. Without a dateline, relative
times stay underspecified (XXXX-XX-XX, XXXX-03), never guessed. Calendar arithmetic
is shared with the Arabic extractor (`rawi.extract.timecalendar`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import NamedTuple

from rawi.en.lexicon import trie
from rawi.en.numbers import words_value
from rawi.en.text import EnText
from rawi.extract.timecalendar import (
    UNKNOWN,
    day_month_date,
    duration_value,
    month_year,
    render,
    safe_date,
    shift,
    weekday_date,
)
from rawi.lexicon import load_tsv


# A tuple, not a frozen dataclass: built for every time and sentence, three times faster.
class EnTime(NamedTuple):
    start: int
    end: int
    type: str  # DATE TIME DURATION SET
    value: str


@cache
def _lex() -> Mapping[str, tuple[str, str]]:
    return MappingProxyType({r["word"]: (r["kind"], r["value"]) for r in load_tsv("en_time_words")})


def _of(kind: str) -> list[str]:
    return [w for w, (k, _) in _lex().items() if k == kind]


@cache
def weekdays() -> frozenset[str]:
    """ "monday" … "sunday" (lowercase), from en_time_words.tsv."""
    return frozenset(_of("weekday"))


def _plural(word: str) -> str:
    return word[:-1] + "ies" if word.endswith("y") and word[-2] not in "aeiou" else word + "s"


@cache
def calendar_units() -> frozenset[str]:
    """The calendar units of en_time_words.tsv (kind unit), singular and plural: "day", "days",
    "weekend", "centuries". The quantity stage leaves a figure counting them to the time stage."""
    return frozenset(form for w in _of("unit") for form in (w, _plural(w)))


def _alt(ws: list[str]) -> str:
    return trie(ws)


_NUM_WORD = (
    r"\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|sixty|hundred|several|a\s+few|few|many|some|couple\s+of|a\s+couple\s+of"
)
_AHEAD = re.compile(
    r"\b(?:will|'ll|’ll|shall|going\s+to|is\s+due|are\s+due|scheduled|expected\s+to|plans?\s+to|"
    r"upcoming|is\s+to|are\s+to|would\s+be\s+held|next)\b",
    re.IGNORECASE,
)
# The future in the past, before the time it points to ("would resume in May"), but not "would
# have" (a past that did not happen) and not after it ("In March, he said he would resign").
_WOULD = re.compile(r"\bwould(?!\s+have)\b", re.IGNORECASE)
# Words before "May" or "March" that make it a month, before a season, before "a day" as a length.
_MONTH_CONTEXT = re.compile(
    r"\b(?:in|since|until|till|by|from|of|during|through|early|late|"
    r"mid|last|next|this|before|after|to|and|or|between)[\s-]+$",
    re.IGNORECASE,
)
_SEASON_CONTEXT = re.compile(r"\b(?:in|the|this|last|next|during|since|until|by)\s+$", re.IGNORECASE)
_LENGTH_CONTEXT = re.compile(r"\b(?:for|over|within|in|after|lasting|than)\s+$", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"\s+[a-z]")
_RANGE_AFTER = re.compile(r"[-–]\d")
_YEAR_CONTEXT = re.compile(
    r"(?:\b(?:in|since|by|until|till|from|of|before|after|during|through|between|"
    r"year|early|late|mid|circa|the|on|march|may)\s+|[-(])$",
    re.IGNORECASE,
)


@cache
def _sources() -> tuple[tuple[str, str, str], ...]:
    """Each pattern's name, body and head, in priority order.

    The head matches the start of every match of the body (its first word, or a digit): a scan tries
    the patterns of an anchor only where one of their heads matches, which most words fail at once
    (a miss costs ~40 ns, a try of the patterns themselves ~400). A head must hold every way its
    body can start, or a time is lost: each is read off its body's first element."""
    mon = _alt(_of("month"))
    wd = _alt(_of("weekday"))
    unit = r"year|month|week|weekend|day|hour|minute|decade|century|centurie"
    part = _alt(_of("part"))
    season = _alt(_of("season"))
    day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<y>(?:1[6-9]|20)\d\d)"
    src = [
        ("mdy", rf"(?:(?P<wd>{wd}),?\s+)?(?P<m>{mon})\.?\s+{day}(?!\d|:)(?:,?\s+{year}(?!\d))?"),
        ("dmy", rf"(?:(?P<wd>{wd}),?\s+)?(?:the\s+)?{day}\s+(?:of\s+)?(?P<m>{mon})\.?(?:,?\s+{year}(?!\d))?"),
        ("iso", rf"{year}-(?P<mm>[01]\d)-(?P<dd>[0-3]\d)(?!\d)"),
        ("my", rf"(?:(?P<edge>early|mid|late)[\s-]+)?(?P<m>{mon})\.?,?\s+(?:of\s+)?{year}(?!\d)"),
        ("ago", rf"(?P<n>{_NUM_WORD})\s+(?P<u>{unit})s?\s+ago"),
        (
            "relunit",
            r"(?:(?P<edge>earlier|later)\s+)?(?P<mod>last|this|next|the\s+previous|the\s+following|"
            r"the\s+coming|the\s+current|the\s+same|the\s+next|the\s+past)\s+(?P<u>year|month|week|weekend|decade|"
            r"century)(?!\s*[-']?s\b)",
        ),
        (
            "past_n",
            rf"(?:the\s+)?(?P<mod>past|last|next|coming|previous|following)\s+(?P<n>{_NUM_WORD})\s+"
            rf"(?P<u>{unit})s?",
        ),
        ("season", rf"(?:(?P<mod>last|this|next)\s+)?(?P<s>{season})(?:\s+(?:of\s+)?{year})?"),
        ("weekday", rf"(?:(?P<mod>last|this|next|past|coming)\s+)?(?P<wd>{wd})(?:\s+(?P<part>{part}))?"),
        (
            "relday",
            rf"(?P<day>today|yesterday|tomorrow|tonight)(?:\s+(?P<part>{part}))?"
            rf"|(?P<this>this|last)\s+(?P<part2>{part})",
        ),
        ("quarter", rf"the\s+(?P<q>first|second|third|fourth)\s+quarter(?:\s+of\s+{year})?"),
        ("age", r"(?P<n>\d+)[\s-]year[\s-]old"),
        ("dur", rf"(?P<n>{_NUM_WORD})(?:\s+|-)(?P<u>{unit})s?(?:-long|\s+long)?"),
        (
            "vague_dur",
            r"(?:(?<=\bfor\s)|(?<=\bover\s)|(?<=\bin\s)|(?<=\bwithin\s))(?:the\s+(?:past|last)\s+)?"
            r"(?P<vu>years|months|weeks|days|decades|hours)"
            r"|in\s+recent\s+(?P<ru>years|months|weeks|days)",
        ),
        ("decade", r"(?:the\s+)?(?P<dec>(?:1[89]|20)?\d0)['’]?s\b"),
        ("month", rf"(?:(?P<edge>early|mid|late)[\s-]+)?(?P<m>{mon})\b"),
        ("year", rf"(?:(?:early|mid|late)-)?{year}(?:['’]s)?"),
        ("clock", r"(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.?m\.?)|(?P<noon>noon|midnight)"),
        ("vague", _alt(_of("vague"))),
        ("set", _alt(_of("set")) + r"|every\s+(?P<eu>year|month|week|day)|each\s+(?P<cu>year|month|week|day)"),
    ]
    heads = {
        "mdy": f"{wd}|{mon}",
        "dmy": rf"{wd}|the|\d",
        "iso": r"\d",
        "my": f"early|mid|late|{mon}",
        "ago": _NUM_WORD,
        "relunit": "earlier|later|last|this|next|the",
        "past_n": "the|past|last|next|coming|previous|following",
        "season": f"last|this|next|{season}",
        "weekday": f"last|this|next|past|coming|{wd}",
        "relday": "today|yesterday|tomorrow|tonight|this|last",
        "quarter": "the",
        "age": r"\d",
        "dur": _NUM_WORD,
        "vague_dur": "the|years|months|weeks|days|decades|hours|in",  # after its look-behinds
        "decade": r"the|\d",
        "month": f"early|mid|late|{mon}",
        "year": r"early|mid|late|\d",
        "clock": r"\d|noon|midnight",
        "vague": _alt(_of("vague")),
        "set": _alt(_of("set")) + "|every|each",
    }
    return tuple((name, body, heads[name]) for name, body in src)


# A pattern holds whole words: nothing word-like, no apostrophe or hyphen, on either side.
_BEFORE = r"(?<![\w'’-])"
_AFTER = r"(?![\w'’-])"


@cache
def _patterns() -> Mapping[str, re.Pattern[str]]:
    # The patterns scan the lower-cased text (`EnText.low`): capitals are read from the original.
    return MappingProxyType({name: re.compile(rf"{_BEFORE}(?:{p}){_AFTER}") for name, p, _ in _sources()})


_UNIT_LETTER = {
    "year": "Y",
    "month": "M",
    "week": "W",
    "weekend": "WE",
    "day": "D",
    "hour": "H",
    "minute": "MIN",
    "decade": "DE",
    "century": "CE",
    "centurie": "CE",
    "years": "Y",
    "months": "M",
    "weeks": "W",
    "days": "D",
    "decades": "DE",
    "hours": "H",
}


def _count(s: str | None) -> float | None:
    if s is None:
        return None
    s = " ".join(s.lower().split())
    if s in ("several", "a few", "few", "many", "some", "couple of", "a couple of"):
        return None if "couple" not in s else 2.0
    try:
        return float(s)
    except ValueError:
        return words_value(s)


def _month(word: str) -> int:
    return int(_lex()[word.lower().rstrip(".")][1])


class _Ctx(NamedTuple):
    text: str  # as given: capitals tell a month or a weekday from a verb or a name
    ref: dt.date | None
    sent: tuple[int, int]

    def ahead(self, start: int, end: int) -> bool:
        """Does the clause point ahead ("will meet on Friday", "next month"), or does a reported
        future come before the time ("said the talks would resume in May")?"""
        a = max(self.sent[0], start - 60)
        b = min(self.sent[1], end + 30)
        return bool(_AHEAD.search(self.text, a, b) or _WOULD.search(self.text, a, start))


def _mod(s: str | None) -> str | None:
    if s is None:
        return None
    key = s.lower().split()[-1]
    hit = _lex().get(key)
    return hit[1] if hit and hit[0] == "modifier" else None


def _date_md(m: re.Match[str], c: _Ctx) -> tuple[str, str] | None:
    month = _month(m.group("m"))
    day = int(m.group("d"))
    if not 1 <= day <= 31:
        return None
    if m.group("y"):
        d = safe_date(int(m.group("y")), month, day)
        return ("DATE", d.isoformat()) if d else None
    if c.ref is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}"
    d = day_month_date(month, day, c.ref, None, c.ahead(m.start(), m.end()))
    return ("DATE", d.isoformat()) if d else None


def _date_iso(m: re.Match[str], c: _Ctx) -> tuple[str, str] | None:
    d = safe_date(int(m.group("y")), int(m.group("mm")), int(m.group("dd")))
    return ("DATE", d.isoformat()) if d else None


def _date_my(m: re.Match[str], c: _Ctx) -> tuple[str, str] | None:
    return "DATE", f"{int(m.group('y')):04d}-{_month(m.group('m')):02d}"


def _month_alone(m: re.Match[str], c: _Ctx) -> tuple[str, str] | None:
    word = c.text[m.start("m") : m.end("m")]
    low = word.lower()
    if not word[0].isupper() or (len(low.rstrip(".")) <= 4 and low not in ("june", "july", "may")):
        return None  # "may", "march" lower case; "Aug" alone
    if low in ("may", "march") and not _MONTH_CONTEXT.search(c.text[max(0, m.start() - 12) : m.start()]):
        return None
    month = _month(word)
    if c.ref is None:
        return "DATE", f"XXXX-{month:02d}"
    before = c.text[max(0, m.start() - 6) : m.start()].lower()
    mod = "past" if "last" in before else "next" if "next" in before else None
    return "DATE", f"{month_year(month, c.ref, mod, c.ahead(m.start(), m.end())):04d}-{month:02d}"


def _ago(m: re.Match[str], c: _Ctx) -> tuple[str, str] | None:
    u = _UNIT_LETTER[m.group("u").lower()]
    n = _count(m.group("n"))
    gran = {"H": "D", "MIN": "D", "WE": "W"}.get(u, u)
    if c.ref is None or n is None or u == "WE":
        return "DATE", UNKNOWN.get(gran, "XXXX")
    step = {"H": "D", "MIN": "D"}.get(u, u)
    k = int(n) if u not in ("H", "MIN") else int(n // 24 if u == "H" else 0)
    return "DATE", render(shift(c.ref, -k, step), gran)


def _relunit(m: re.Match[str], c: _Ctx) -> tuple[str, str] | None:
    u = m.group("u").lower()
    mod = " ".join(m.group("mod").lower().split())
    letter = {"weekend": "W"}.get(u, _UNIT_LETTER[u])
    if mod in ("the same",):
        return None  # anaphoric: needs the time it points back to
    if mod == "the past":
        return "DURATION", duration_value(1, letter)  # "over the past week": a length of time up to now
    if c.ref is None:
        return "DATE", UNKNOWN.get(letter, "XXXX")
    # "the previous week" and "the following week" point back to a time the text named; without
    # tracking it, the dateline stands in (news mostly counts from the day it reports).
    step = {"last": -1, "the previous": -1, "next": 1, "the next": 1, "the following": 1, "the coming": 1}.get(mod, 0)
    return "DATE", render(shift(c.ref, step, letter), letter)


def _past_n(m: re.Match[str], c: _Ctx) -> tuple[str, str] | None:
    return "DURATION", duration_value(_count(m.group("n")), _UNIT_LETTER[m.group("u").lower()])


def _season(m: re.Match[str], c: _Ctx) -> tuple[str, str] | None:
    code = _lex()[m.group("s").lower()][1]
    if m.group("y"):
        return "DATE", f"{m.group('y')}-{code}"
    mod = _mod(m.group("mod"))
    if mod is None and not _SEASON_CONTEXT.search(c.text[max(0, m.start() - 8) : m.start()]):
        return None  # "prices fall", "spring into action"
    if c.ref is None:
        return "DATE", f"XXXX-{code}"
    year = c.ref.year + (1 if mod == "next" else -1 if mod == "past" else 0)
    return "DATE", f"{year:04d}-{code}"


def _weekday(m: re.Match[str], c: _Ctx) -> tuple[str, str] | None:
    word = c.text[m.start("wd") : m.end("wd")]
    if not word[0].isupper():
        return None
    iso = int(_lex()[word.lower()][1])
    part = _lex()[m.group("part").lower()][1] if m.group("part") else ""
    if c.ref is None:
        return "DATE", f"XXXX-WXX-{iso}" + (f"T{part}" if part else "")
    mod = _mod(m.group("mod"))
    d = weekday_date(iso, c.ref, mod, c.ahead(m.start(), m.end()))
    return "DATE", d.isoformat() + (f"T{part}" if part else "")


def _relday(m: re.Match[str], c: _Ctx) -> tuple[str, str] | None:
    if m.group("day"):
        word = m.group("day").lower()
        offset = int(_lex()[word][1])
        part = _lex()[m.group("part").lower()][1] if m.group("part") else ("NI" if word == "tonight" else "")
    else:
        offset = -1 if m.group("this").lower() == "last" else 0
        part = _lex()[m.group("part2").lower()][1]
    if c.ref is None:
        return "DATE", "XXXX-XX-XX" + (f"T{part}" if part else "")
    return "DATE", (c.ref + dt.timedelta(days=offset)).isoformat() + (f"T{part}" if part else "")


def _quarter(m: re.Match[str], c: _Ctx) -> tuple[str, str] | None:
    q = {"first": 1, "second": 2, "third": 3, "fourth": 4}[m.group("q").lower()]
    year = m.group("y") or (f"{c.ref.year:04d}" if c.ref else "XXXX")
    return "DATE", f"{year}-Q{q}"


def _age(m: re.Match[str], c: _Ctx) -> tuple[str, str] | None:
    return "DURATION", f"P{int(m.group('n'))}Y"


def _duration(m: re.Match[str], c: _Ctx) -> tuple[str, str] | None:
    n = _count(m.group("n"))
    low = m.group("n").lower()
    if low in ("a", "an", "some", "many") and not _LENGTH_CONTEXT.search(c.text[max(0, m.start() - 10) : m.start()]):
        return None  # "a day of mourning", "some days" are not lengths of time here
    u = _UNIT_LETTER[m.group("u").lower()]
    if u == "WE":
        return None
    return "DURATION", duration_value(n, u)


def _vague_dur(m: re.Match[str], c: _Ctx) -> tuple[str, str] | None:
    word = (m.group("vu") or m.group("ru")).lower()
    return "DURATION", duration_value(None, _UNIT_LETTER[word])


def _decade(m: re.Match[str], c: _Ctx) -> tuple[str, str] | None:
    dec = m.group("dec")
    if len(dec) == 2:
        dec = "19" + dec
    if not m.group().lower().startswith("the") and len(m.group("dec")) == 2:
        return None  # "80s" alone is an age as often as a decade
    return "DATE", dec[:3]


def _year(m: re.Match[str], c: _Ctx) -> tuple[str, str] | None:
    before = c.text[max(0, m.start() - 12) : m.start()]
    after = c.text[m.end() : m.end() + 12]
    # A four-digit number is a year in a year's context, or when no noun follows it ("2,000 people" has a comma).
    if _YEAR_CONTEXT.search(before) or not _NOUN_AFTER.match(after) or _RANGE_AFTER.match(after):
        return "DATE", m.group("y")
    return None


def _clock(m: re.Match[str], c: _Ctx) -> tuple[str, str] | None:
    if m.group("noon"):
        hour, minute = (12 if m.group("noon").lower() == "noon" else 0), 0
    else:
        hour, minute = int(m.group("h")), int(m.group("mi") or 0)
        if hour > 12:
            return None
        if m.group("ap").lower().startswith("p") and hour < 12:
            hour += 12
        elif m.group("ap").lower().startswith("a") and hour == 12:
            hour = 0
    day = c.ref.isoformat() if c.ref else "XXXX-XX-XX"
    return "TIME", f"{day}T{hour:02d}:{minute:02d}"


def _vague(m: re.Match[str], c: _Ctx) -> tuple[str, str] | None:
    return "DATE", _lex()[" ".join(m.group().lower().split())][1]


def _set(m: re.Match[str], c: _Ctx) -> tuple[str, str] | None:
    u = m.group("eu") or m.group("cu")
    if u:
        return "SET", f"P1{_UNIT_LETTER[u.lower()]}"
    return "SET", _lex()[m.group().lower()][1]


_RESOLVERS: dict[str, Callable[[re.Match[str], _Ctx], tuple[str, str] | None]] = {
    "mdy": _date_md,
    "dmy": _date_md,
    "iso": _date_iso,
    "my": _date_my,
    "ago": _ago,
    "relunit": _relunit,
    "past_n": _past_n,
    "season": _season,
    "weekday": _weekday,
    "relday": _relday,
    "quarter": _quarter,
    "age": _age,
    "dur": _duration,
    "vague_dur": _vague_dur,
    "decade": _decade,
    "month": _month_alone,
    "year": _year,
    "clock": _clock,
    "vague": _vague,
    "set": _set,
}


_LOWER_ONLY = frozenset({"set", "vague", "season", "dur", "vague_dur", "relday"})


# Every time expression holds one of these anchors; each anchor names the patterns that may hold it
# and how many words before it such a pattern may start ("the past two years": three before "years").
_ANCHOR_PATTERNS: dict[str, tuple[tuple[str, ...], int]] = {
    "month": (("mdy", "dmy", "my", "month"), 4),
    "weekday": (("mdy", "dmy", "weekday"), 1),
    "day": (("relday",), 0),
    "part": (("relday",), 1),
    "unit": (("ago", "relunit", "past_n", "quarter", "age", "dur", "vague_dur"), 4),
    "season": (("season",), 1),
    "vague": (("vague",), 0),
    "set": (("set",), 0),
    # digits, by their length: a day or an hour has one or two, a year four; three or five and more are amounts
    "digit2": (("dmy", "decade", "clock"), 3),
    "digit4": (("iso", "my", "decade", "year"), 1),
}
# Besides the calendar units, words a count of time ends in ("three ago" is not a time).
_MORE_UNITS = ("quarter", "ago")


_Resolver = Callable[[re.Match[str], _Ctx], tuple[str, str] | None]


@dataclass(frozen=True, slots=True)
class _Kind:
    """The patterns one anchor kind may start, in priority order.

    `any_from[j]` is one regex trying patterns j, j+1, … in turn at a position (each a named group
    `_i`, their own groups made plain): one call tells the first of them that matches there, where
    trying each pattern took a call apiece. Its match ends where that pattern's own match would."""

    back: int
    names: tuple[str, ...]
    pats: tuple[re.Pattern[str], ...]
    resolvers: tuple[_Resolver, ...]
    lower_only: tuple[bool, ...]
    any_from: tuple[re.Pattern[str], ...]
    head: re.Pattern[str]  # where one of the patterns may start: a separator and one of their heads


@cache
def _kinds() -> Mapping[str, _Kind]:
    order = [name for name, _, _ in _sources()]
    body = {name: p for name, p, _ in _sources()}
    head = {name: h for name, _, h in _sources()}
    pats = _patterns()
    out: dict[str, _Kind] = {}
    for kind, (names, back) in _ANCHOR_PATTERNS.items():
        ns = tuple(sorted(names, key=order.index))
        plain = [re.sub(r"\(\?P<\w+>", "(?:", body[n]) for n in ns]
        any_from = []
        for j in range(len(ns)):
            alts = "|".join(f"(?P<_{i}>(?:{plain[i]}){_AFTER})" for i in range(j, len(ns)))
            heads = "|".join(f"(?:{head[ns[i]]})" for i in range(j, len(ns)))
            pat = re.compile(f"[^a-z0-9_'’-](?=(?:{heads}))(?:{alts})")
            assert pat.groups == len(ns) - j  # no capturing group but the pattern's own
            any_from.append(pat)
        heads = "|".join(f"(?:{head[n]})" for n in ns)
        out[kind] = _Kind(
            back,
            ns,
            tuple(pats[n] for n in ns),
            tuple(_RESOLVERS[n] for n in ns),
            tuple(n in _LOWER_ONLY for n in ns),
            tuple(any_from),
            re.compile(f"[^a-z0-9_'’-](?={heads})"),
        )
    return MappingProxyType(out)


@cache
def anchor_words() -> Mapping[str, str]:
    """The words a time may hold (month and weekday names, units …), each with its kind: a key of
    `_ANCHOR_PATTERNS`. Digits are anchors too, of kind "digit2" or "digit4" by their length."""
    kinds: dict[str, str] = {}
    for w, (k, _) in _lex().items():
        if k in ("month", "weekday", "day", "part", "season", "vague", "set"):
            kinds[w] = k
    for w in (*sorted(calendar_units()), *_MORE_UNITS):
        kinds[w] = "unit"
    for w in ("every", "each"):
        kinds[w] = "set"
    for w in ("noon", "midnight"):
        kinds[w] = "digit2"
    return MappingProxyType(kinds)


@cache
def _anchors() -> tuple[re.Pattern[str], Mapping[str, _Kind]]:
    """One scan of the lower-cased text finds every anchor; `kinds` says which kind each word is
    (and "digit2", "digit4" the kinds of digits).

    The scan runs over the text with a space in front, and consumes the character before the
    anchor instead of testing `\\b`: a pattern that starts with a character class gets the engine's
    fast prefix scan, one with `\\b` is tried at every position (0.13 -> 0.08 ms an article). The
    class is ASCII (a Unicode `\\W` class costs as much as `\\b`), so a non-ASCII letter before a word
    still lets it through: the reader drops those. An apostrophe before a word keeps it out, as it
    did when `\\b` was followed by a check ("o'clock", "'90s")."""
    kinds = anchor_words()
    # One alternative a first letter, each a literal the engine checks before going in (a trie of them
    # all is one group the engine enters at every try); the digits last, as the trie's alternative.
    firsts = sorted({w[0] for w in kinds})
    words = "|".join(trie([w for w in kinds if w[0] == c]) + r"(?![\w'’])" for c in firsts)
    kind_of = _kinds()
    table = {w: kind_of[k] for w, k in kinds.items()} | {k: kind_of[k] for k in ("digit2", "digit4")}
    return re.compile(rf"[^a-z0-9_'’](?:{words}|\d+)"), MappingProxyType(table)


# The start of the n-th word before an offset, read in the reversed text: a match from there runs over
# separators and a word n times (a word being a run of [\w'’], as `(?<![\w'’])[\w'’]` starts one).
_WORDS_BACK = tuple(re.compile(rf"(?:[^\w'’]+[\w'’]+){{{n}}}") for n in range(5))
# A one- or two-digit number is a time only before a month ("21 August"), as a decade ("80s"),
# or as a clock time ("10:30", "6 pm"); anything else is an amount, and no pattern is tried.
_DIGIT2_NEXT = re.compile(
    r"(?:st|nd|rd|th)?\s*(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"|0['’]?s\b|\s*(?::[0-5]\d|[ap]\.?m\b)"
)


class _Article:
    """One text being read: the copies the scans run over, and the sentence the last anchor was in."""

    __slots__ = ("ctx", "i", "low", "padded", "published", "rev", "sentences", "text")

    def __init__(self, et: EnText, published: dt.date | None) -> None:
        self.text, self.low, self.published = et.text, et.low, published
        self.padded = " " + et.low  # scans consume the character before a word: offsets here are one on
        self.rev = et.low[::-1]  # to count words back from an anchor
        self.sentences = et.sentences or ((0, len(et.text)),)
        self.i = 0
        self.ctx = _Ctx(et.text, published, self.sentences[0])

    def context(self, a0: int) -> _Ctx:
        """The resolvers' context for the sentence holding a0 (the one before, between sentences).

        Anchors come in text order, so the sentence is found by walking on from the last one (as
        `EnText.sentence_at` would find it), and the context is made once a sentence."""
        sentences, i = self.sentences, self.i
        while i + 1 < len(sentences) and sentences[i + 1][0] <= a0:
            i += 1
        if i != self.i:
            self.i, self.ctx = i, _Ctx(self.text, self.published, sentences[i])
        return self.ctx


def _time_at(art: _Article, kind: _Kind, a0: int, a1: int, taken_end: int) -> tuple[int, int, tuple[str, str]] | None:
    """The time holding the anchor at a0..a1: of the patterns' first matches over the anchor that
    resolve, the leftmost, and of those the first in priority order. A pattern whose first match over
    the anchor does not resolve gives nothing.

    Every pattern starts at a word: from `back` words before the anchor up to the anchor, the word
    starts where a head matches are tried, leftmost first, the patterns at each in priority order
    (`any_from`, one call for all of them): the first match over the anchor that resolves is the answer."""
    text, low, padded = art.text, art.low, art.padded
    ctx = art.context(a0)
    floor = ctx.sent[0]
    hi = min(len(low), a1 + 48)
    if kind.back:
        # no further back than 12 characters a word (and 4 more), nor before the sentence
        lo = max(floor, a0 - 12 * kind.back - 4)
        wm = _WORDS_BACK[kind.back].match(art.rev, len(low) - a0)
        if wm is not None and len(low) - wm.end() >= lo:
            lo = len(low) - wm.end()
        lo = max(lo, taken_end)
    else:
        lo = a0  # (`extract_times` skips an anchor before `taken_end`)
    dead = 0  # patterns whose first match over the anchor did not resolve, as bits
    n = len(kind.names)
    pos = lo
    while pos <= a0:
        if pos == a0:
            p = a0  # an anchor's own start: `extract_times` checked the character before it
        else:
            # Only where a head is, and only up to the anchor: the search ends with the anchor's word,
            # which a head starting at the anchor needs whole (a longer search would run on past it).
            h = kind.head.search(padded, pos, a1 + 1)
            if h is None:
                return None
            p = h.start()
            if p > a0 or padded[p].isalnum():
                pos = p + 1
                continue
        pos = p + 1
        m = kind.any_from[0].match(padded, p, hi + 1)
        while m is not None:
            i = n - m.re.groups + (m.lastindex or 1) - 1  # the group `_i` of `any_from[j]` is pattern i
            if m.end() - 1 > a0 and not dead >> i & 1:
                if kind.lower_only[i] and text[p].isupper() and p > floor and text[p - 1] not in '"“(':
                    dead |= 1 << i  # "LA Weekly", "Daily Mail": a capital inside a sentence makes a name
                else:
                    own = kind.pats[i].match(low, p, hi)
                    assert own is not None
                    value = kind.resolvers[i](own, ctx)
                    if value is not None:
                        return p, own.end(), value
                    dead |= 1 << i
            # a match before the anchor, or one that did not resolve: the next patterns at p
            m = kind.any_from[i + 1].match(padded, p, hi + 1) if i + 1 < n else None
    return None


def extract_times(
    et: EnText, published: dt.date | None, anchors: Sequence[tuple[int, int]] | None = None
) -> list[EnTime]:
    """TIMEX3 times of an English text, in text order.

    The text is scanned once for anchors (month and weekday names, units, digits …; `anchors`, if
    the pipeline's `wordscan` found them already); the patterns that may hold an anchor are tried
    only around it, in priority order, leftmost first."""
    art = _Article(et, published)
    text, low = art.text, art.low
    scan, kind_of = _anchors()
    if anchors is None:
        anchors = [(am.start(), am.end() - 1) for am in scan.finditer(art.padded)]
    out: list[EnTime] = []
    taken_end = 0
    for a0, a1 in anchors:  # the anchor in `low` (the character before it is `padded[a0]`)
        if a0 < taken_end or art.padded[a0].isalnum():
            continue  # inside a time already found; or a word glued to a non-ASCII letter ("émay")
        if "a" <= low[a0] <= "z":
            word = low[a0:a1]
            # "at\npresent": the trie's space matches any white space; the table has one space.
            kind = kind_of[word] if word in kind_of else kind_of[" ".join(word.split())]
        else:  # digits
            if a0 > 1 and low[a0 - 1] in ",." and low[a0 - 2].isdigit():
                continue  # the "000" of "10,000", the "5" of "1.5"
            if a1 - a0 == 4:
                kind = kind_of["digit4"]
            elif a1 - a0 <= 2 and _DIGIT2_NEXT.match(low, a1):
                kind = kind_of["digit2"]
            else:
                continue
        found = _time_at(art, kind, a0, a1, taken_end)
        if found is None:
            continue
        a, b, (type_, val) = found
        while b > a and text[b - 1] in " \t\n":
            b -= 1
        out.append(EnTime(a, b, type_, val))
        taken_end = b
    return out


__all__ = ["EnTime", "extract_times"]
