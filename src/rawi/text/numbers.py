"""Cardinal numbers in folded Arabic text: digits, number words and both mixed.

`parse_number(norm, pos)` reads one number that starts exactly at `pos` of a
folded string (`rawi.text.normalize`); `find_numbers(norm)` finds them all.
Handled: ASCII digits with ``,`` (or Arabic comma) thousands separators and
``.`` decimals ("10,000", "2.5", "1.300.000" with several dot groups);
number words in any gender and case ("ثلاث/ثلاثة",
"اثنان/اثنين", "عشرون/عشرين"), with the definite article ("الخمسة"); teens
("ثلاثة عشر", "إحدى عشرة"); tens compounds with و ("تسعة وعشرين"); hundreds
("مائة", "مئتين", "ثلاثمائة", "ثلاث مئة"); magnitudes after a count or alone
("ثلاثة آلاف", "خمسة وعشرون ألفا", "ألفين", "مليون"); digits with a magnitude
("5 آلاف", "2.5 مليون"); chunks joined with و in falling order ("ثلاثة آلاف
وخمسمائة", "3 ملايين و500 ألف"); halves and quarters of a magnitude ("نصف
مليون", "مليون ونصف").

A plural magnitude with no count ("آلاف", "ملايين") is vague, not a number:
the quantity extractor reads those as lower bounds. Whether a number counts
something (rather than being a year, an ordinal or part of a name) is for the
caller to decide.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from rawi.lexicon import load_tsv

__all__ = [
    "CLITICS",
    "NumberMatch",
    "find_numbers",
    "is_number_word",
    "magnitude_word",
    "parse_number",
    "word_positions",
]


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """A number at folded span [start, end); `words` when it starts with a word."""

    start: int
    end: int
    value: int | float
    words: bool


@dataclass(frozen=True, slots=True)
class _Word:
    value: Decimal
    kind: str


@dataclass(frozen=True, slots=True)
class _Tok:
    value: Decimal
    kind: str
    end: int


@dataclass(frozen=True, slots=True)
class _Part:
    """A piece of a number: its value, its end, and the magnitude it closes with."""

    value: Decimal
    end: int
    mag: Decimal | None


_KINDS = frozenset({"unit", "teenhead", "ten", "tens", "hundred", "mag", "magdual", "magplural", "frac"})


@cache
def _lexicon() -> dict[str, _Word]:
    out: dict[str, _Word] = {}
    for row in load_tsv("number_words", ("word",)):
        kind = row["kind"]
        if kind not in _KINDS:
            raise ValueError(f"number_words.tsv: unknown kind {kind!r}")
        out[row["word"]] = _Word(Decimal(row["value"]), kind)
    return out


def is_number_word(word: str) -> bool:
    """Whether folded `word` (without clitics or article) is a number word."""
    return word in _lexicon()


def magnitude_word(word: str) -> int | None:
    """The magnitude a folded word names ("الاف" -> 1000, "مليون" -> 10**6), else None."""
    hit = _lexicon().get(word)
    if hit is None or hit.kind not in ("mag", "magplural"):
        return None
    return int(hit.value)


_WORD = re.compile(r"[\u0621-\u064a]+")
# Thousands groups must be exactly three digits (separated by "," or the Arabic
# comma, or by "." when there are at least two groups: "1.300.000").
_DIGITS = re.compile(
    r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?(?![0-9])|[0-9]{1,3}(?:،[0-9]{3})+(?![0-9])"
    r"|[1-9][0-9]{0,2}(?:\.[0-9]{3}){2,}(?![0-9])|[0-9]+(?:\.[0-9]+)?"
)
# "9ر2" is 2.9: digits, ر, digits, the fraction written first (TAP, SPA and Gulf wires).
_RA_DECIMAL = re.compile(r"([0-9]+)ر([0-9]+)(?![0-9])")
# "4. 5 مليار": a decimal point typed with a space after it, before a magnitude.
_SPACED_DECIMAL = re.compile(r"([0-9]+)\. ([0-9]{1,2}) +(?=(?:الف|مليون|مليار|ملايين|مليارات)(?!\w))")
_ONE_COMMA_GROUP = re.compile(r"[0-9]{1,3}[,،][0-9]{3}")
# A text that writes decimals with a comma: a comma before one or two digits, or dots between
# thousands ("1.558.400").
_COMMA_DECIMAL_TEXT = re.compile(r"[0-9][,،][0-9]{1,2}(?![0-9])|[0-9]\.[0-9]{3}\.[0-9]{3}(?![0-9])")
# "2,5 مليون", "2،5%": a comma decimal, taken only before a magnitude or a percentage.
_COMMA_DECIMAL = re.compile(r"[0-9]+[,،][0-9]{1,2}(?![0-9])")
_PERCENT_AFTER = re.compile(r" *(?:%|في +الم|بالم)")
_SPACE = re.compile(r" +")
_CLOSE_QUOTES = re.compile(r"[»\"”')]*")
_AND = re.compile(r" +و ?")
_ARTICLE_KINDS = frozenset({"unit", "ten", "tens", "hundred", "mag", "magdual", "teenhead"})


def _token(norm: str, i: int, article: bool = False) -> _Tok | None:
    m = _WORD.match(norm, i)
    if m is None:
        return None
    w = m.group()
    hit = _lexicon().get(w)
    if hit is None and article and w.startswith("ال"):
        hit = _lexicon().get(w[2:])
        if hit is not None and hit.kind not in _ARTICLE_KINDS:
            hit = None
    if hit is None:
        return None
    return _Tok(hit.value, hit.kind, m.end())


def _next_token(norm: str, i: int) -> _Tok | None:
    """The number word after the spaces at i (None if no space or no word)."""
    sp = _SPACE.match(norm, i)
    return _token(norm, sp.end()) if sp else None


def _below_hundred(norm: str, i: int, article: bool) -> tuple[Decimal, int] | None:
    """1-99 in words at i: a unit, a teen, ten, a tens word, or unit و tens."""
    t = _token(norm, i, article)
    if t is None:
        return None
    if t.kind in ("ten", "tens"):
        return t.value, t.end
    if t.kind == "teenhead":
        nxt = _next_token(norm, t.end)
        if nxt is not None and nxt.kind == "ten":
            return t.value + 10, nxt.end
        return None
    if t.kind != "unit":
        return None
    if t.value >= 3:
        nxt = _next_token(norm, t.end)
        if nxt is not None and nxt.kind == "ten":
            return t.value + 10, nxt.end
    a = _AND.match(norm, t.end)
    if a is not None:
        nxt = _token(norm, a.end())
        if nxt is not None and nxt.kind == "tens":
            return t.value + nxt.value, nxt.end
    return t.value, t.end


def _count(norm: str, i: int, article: bool, comma_decimal: bool = False) -> tuple[Decimal, int, bool] | None:
    """A count below a thousand in words, or any digits, at i: (value, end, is_digits).

    `comma_decimal`: the text writes decimals with a comma ("226,9 مليون دينار"), so one comma
    before three digits is a decimal too ("46,500 مليون" is 46.5 million there).
    """
    d = _DIGITS.match(norm, i)
    if d is not None:
        ra = _RA_DECIMAL.match(norm, i)
        if ra is not None:
            # "9ر2 مليار", "5ر1 بالمائة": the Tunisian and wire style writes the fraction first.
            return Decimal(f"{ra.group(2)}.{ra.group(1)}"), ra.end(), True
        spaced = _SPACED_DECIMAL.match(norm, i)
        if spaced is not None:
            return Decimal(f"{spaced.group(1)}.{spaced.group(2)}"), spaced.end(2), True  # "4. 5 مليار"
        if comma_decimal and _ONE_COMMA_GROUP.fullmatch(d.group()):
            return Decimal(d.group().replace(",", ".").replace("،", ".")), d.end(), True
        c = _COMMA_DECIMAL.match(norm, i)
        if c is not None and c.end() > d.end():
            nxt = _next_token(norm, c.end())
            if (nxt is not None and nxt.kind in ("mag", "magplural")) or _PERCENT_AFTER.match(norm, c.end()):
                return Decimal(c.group().replace(",", ".").replace("،", ".")), c.end(), True
        text = d.group()
        if text.count(".") > 1:
            text = text.replace(".", "")
        return Decimal(text.replace(",", "").replace("،", "")), d.end(), True
    t = _token(norm, i, article)
    if t is None:
        return None
    if t.kind == "hundred":
        value, end = t.value, t.end
    else:
        below = _below_hundred(norm, i, article)
        if below is None:
            return None
        value, end = below
        # "ثلاث مائة": a unit 3-9 written apart from the hundred it multiplies.
        nxt = _next_token(norm, end) if 3 <= value <= 9 else None
        if nxt is None or nxt.kind != "hundred" or nxt.value != 100:
            return value, end, False
        value, end = value * 100, nxt.end
    a = _AND.match(norm, end)
    if a is not None:
        rest = _below_hundred(norm, a.end(), False)
        if rest is not None:
            value, end = value + rest[0], rest[1]
    return value, end, False


def _part(norm: str, i: int, article: bool, comma_decimal: bool = False) -> _Part | None:
    """One chunk of a number: a count, optionally times a magnitude, or a bare magnitude."""
    c = _count(norm, i, article, comma_decimal)
    if c is None:
        t = _token(norm, i, article)
        if t is None:
            return None
        if t.kind == "mag":
            return _Part(t.value, t.end, t.value)
        if t.kind == "magdual":
            return _Part(t.value, t.end, t.value / 2)
        if t.kind == "frac":
            nxt = _next_token(norm, t.end)
            if nxt is not None and nxt.kind == "mag":
                return _Part(t.value * nxt.value, nxt.end, nxt.value)
        return None
    value, end, digits = c
    # "«1.4» مليون", "(450) ألف": a closing quote or bracket may separate digits
    # from their magnitude.
    quotes = _CLOSE_QUOTES.match(norm, end) if digits else None
    nxt = _next_token(norm, quotes.end() if quotes else end)
    if nxt is not None and (nxt.kind == "mag" or (nxt.kind == "magplural" and (digits or 3 <= value <= 10))):
        return _Part(value * nxt.value, nxt.end, nxt.value)
    return _Part(value, end, None)


def _as_number(value: Decimal, text: str, scaled: bool) -> int | float:
    """An int, unless the text writes a decimal fraction and no magnitude scales it ("2.0" stays 2.0)."""
    if value == value.to_integral_value() and (scaled or not _DECIMAL_POINT.search(text)):
        return int(value)
    return float(value)


_DECIMAL_POINT = re.compile(r"(?<![0-9.,،])[0-9]+(?:\.[0-9]+|[,،][0-9]{1,2})(?![0-9.,،])")


def parse_number(norm: str, pos: int, comma_decimal: bool = False) -> NumberMatch | None:
    """The number written at exactly `pos` of folded `norm`, or None.

    The caller strips clitics (و ب ل ف ك); a definite article is part of the
    number ("الخمسة"). Chunks joined by و must fall in magnitude ("ألف
    وخمسمائة" is one number); after a count below a thousand, و takes only a
    tens word ("خمسة وعشرون"), so "خمسة وستة" is two numbers.
    """
    first = _part(norm, pos, True, comma_decimal)
    if first is None:
        return None
    total, end, mag = first.value, first.end, first.mag
    scaled = mag is not None
    while mag is not None:
        a = _AND.match(norm, end)
        if a is None:
            break
        t = _token(norm, a.end())
        if t is not None and t.kind == "frac":
            total += t.value * mag
            end = t.end
            # "مليون ونصف المليون": the repeated magnitude belongs to the number.
            sp = _SPACE.match(norm, end)
            if sp is not None and norm.startswith("ال", sp.end()):
                again = _token(norm, sp.end() + 2)
                if again is not None and again.kind == "mag" and again.value == mag:
                    end = again.end
            break
        nxt = _part(norm, a.end(), False)
        if nxt is None or nxt.value >= mag:
            break
        total += nxt.value
        end = nxt.end
        mag = nxt.mag
    return NumberMatch(pos, end, _as_number(total, norm[pos:end], scaled), not norm[pos].isdigit())


# Word scanning: cutting the text into words and intersecting them with a set of
# known forms runs in C; only the forms actually present are then located with
# str.find. This is several times faster than a regex alternation over the text.
_WORDS = re.compile(r"\w+")
# Clitic prefixes a word may carry: conjunction و/ف, then preposition ب/ل/ك.
CLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def word_positions(norm: str, forms: AbstractSet[str]) -> list[tuple[int, str]]:
    """(start, form) of every whole-word occurrence in `norm` of one of `forms`, by start."""
    out: list[tuple[int, str]] = []
    n = len(norm)
    for form in _word_set(norm) & forms:
        i = norm.find(form)
        while i >= 0:
            j = i + len(form)
            if (i == 0 or not _is_word_char(norm[i - 1])) and (j == n or not _is_word_char(norm[j])):
                out.append((i, form))
            i = norm.find(form, j)
    out.sort()
    return out


_LAST_WORDS: tuple[str, frozenset[str]] | None = None


def _word_set(norm: str) -> frozenset[str]:
    """The distinct words of `norm`, kept for the last text (several scans share it)."""
    global _LAST_WORDS
    if _LAST_WORDS is None or _LAST_WORDS[0] is not norm:
        _LAST_WORDS = (norm, frozenset(_WORDS.findall(norm)))
    return _LAST_WORDS[1]


@cache
def _forms() -> dict[str, tuple[int, ...]]:
    """Each written form of a number word (with clitic and/or article) -> offsets to try parsing at."""
    out: dict[str, list[int]] = {}
    for word in _lexicon():
        for cl in CLITICS:
            for art in ("", "ال"):
                out.setdefault(cl + art + word, []).append(len(cl))
            if cl in ("", "و", "ف"):  # "للخمسة": ل + the article; the span starts at the word
                out.setdefault(cl + "لل" + word, []).append(len(cl) + 2)
    # A whole word in the lexicon ("واحد") is tried before a clitic reading (و + "احد").
    return {f: tuple(sorted(set(offs))) for f, offs in out.items()}


@cache
def _form_set() -> frozenset[str]:
    return frozenset(_forms())


_DIGIT_RUN = re.compile(r"[0-9]+")


def find_numbers(norm: str) -> Iterator[NumberMatch]:
    """Every number in folded `norm`, left to right, without overlaps.

    A leading clitic is left outside the span ("لتسعة" -> "تسعة", "و20" -> "20",
    "الـ20" -> "20"); "لست" ("I am not") is not read as ل + ست. The result for
    the last text scanned is kept, so that several extractors can share one scan.
    """
    global _LAST
    if _LAST is None or _LAST[0] is not norm:
        _LAST = (norm, tuple(_scan(norm)))
    return iter(_LAST[1])


_LAST: tuple[str, tuple[NumberMatch, ...]] | None = None


def _scan(norm: str) -> Iterator[NumberMatch]:
    forms = _forms()
    starts: list[tuple[int, tuple[int, ...]]] = [
        (i, tuple(o for o in forms[f] if o == 0) if f in _NOT_CLITIC else forms[f])
        for i, f in word_positions(norm, _form_set())
    ]
    for m in _DIGIT_RUN.finditer(norm):
        i = m.start()
        if i and (norm[i - 1] == "." or norm[i - 1].isdigit()):
            continue
        # Letters glued before digits may only be clitics or the ordinal article ("و20", "الـ20").
        j = i
        while j and _is_word_char(norm[j - 1]):
            j -= 1
        if j == i or norm[j:i] in _DIGIT_PREFIXES:
            starts.append((i, (0,)))
    starts.sort()
    comma_decimal = _COMMA_DECIMAL_TEXT.search(norm) is not None
    last = 0
    for i, offsets in starts:
        if i < last:
            continue
        for off in offsets:
            hit = parse_number(norm, i + off, comma_decimal)
            if hit is not None:
                last = hit.end
                yield hit
                break


_DIGIT_PREFIXES = frozenset(cl + art for cl in CLITICS for art in ("", "ال")) | {"لل", "ولل", "فلل"}
# "لست" is "I am not" and "وست" the "West" of names ("وست هام") far more often
# than a clitic + ست: only their whole-word reading is tried.
_NOT_CLITIC = frozenset({"لست", "ولست", "فلست", "وست"})
