"""Quantities: cardinal amounts that count or measure something, with qualifier and unit.

Works on folded text (`rawi.text.normalize`) and returns folded offsets. Three
sources of amounts, in order of precedence where they overlap:

1. numbers (`rawi.text.numbers.find_numbers`), paired into ranges ("بين 10
   و20", "من 10 إلى 20", "10-20") and qualified by the words before ("أكثر
   من", "نحو", "ما لا يقل عن", "حتى") or after ("تقريبا", "على الأقل");
2. vague plurals of magnitude, read as lower bounds ("عشرات" >= 10, "مئات
   الآلاف" >= 100000);
3. indefinite duals of nouns counted in news ("جثتين" = 2), from a word list.

A number is dropped when it overlaps an `exclude` span (the times found by the
time extractor) or its context makes it an identifier, ordinal, year, date,
clock time, duration, score, phone number, code or part of a name. The word
lists are data: src/rawi/lexicon/data/quantity_*.tsv.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

from rawi.lexicon import load_tsv
from rawi.text.numbers import (
    CLITICS,
    NumberMatch,
    find_numbers,
    is_number_word,
    magnitude_word,
    word_positions,
)

__all__ = ["QuantityMatch", "extract_quantities", "unmirror"]


@dataclass(frozen=True, slots=True)
class QuantityMatch:
    """An amount at folded span [start, end) (number and qualifier words, not the noun)."""

    start: int
    end: int
    value: int | float
    qualifier: str  # eq approx gt ge lt le range
    high: int | float | None  # the high end of a range
    unit: tuple[int, int] | None  # folded span of the counted noun or unit as written


@dataclass(frozen=True, slots=True)
class _Lexicon:
    before: dict[str, str]  # phrase (single-spaced) -> qualifier
    after: dict[str, str]
    after_rx: re.Pattern[str]
    max_words: int
    units: re.Pattern[str]
    unit_kind: dict[str, str]
    not_after: frozenset[str]  # all with their clitic forms
    not_before: frozenset[str]
    not_units: frozenset[str]
    year_context: frozenset[str]
    id_heads: frozenset[str]
    ordinals: frozenset[str]
    duals: frozenset[str]  # with clitics
    vague: dict[str, int]  # written form (with clitics, article) -> lower bound
    vague_forms: frozenset[str]


def _key(phrase: str) -> str:
    return " ".join(phrase.split())


def _alternation(phrases: Sequence[str]) -> str:
    return "|".join(r" +".join(map(re.escape, p.split())) for p in phrases)


def _words(name: str) -> frozenset[str]:
    return frozenset(row["word"] for row in load_tsv(name, ("word",)))


# Vague plurals of magnitude (the second may multiply: "عشرات الآلاف").
_VAGUE_BASE = {"عشرات": 10, "مئات": 100, "الاف": 1000, "الوف": 1000, "ملايين": 10**6, "مليارات": 10**9}


@cache
def _lexicon() -> _Lexicon:
    quals = load_tsv("quantity_qualifiers", ("phrase",))
    after = sorted({r["phrase"] for r in quals if r["position"] == "after"}, key=len, reverse=True)
    units = {_key(r["unit"]): r["kind"] for r in load_tsv("quantity_units", ("unit",))}
    ordered = sorted(units, key=len, reverse=True)
    duals = [r["dual"] for r in load_tsv("quantity_dual_nouns", ("dual",))]
    vague: dict[str, int] = {}
    for word, value in _VAGUE_BASE.items():
        for cl in CLITICS:
            vague[cl + word] = value
            vague[cl + "ال" + word] = value
    return _Lexicon(
        before={_key(r["phrase"]): r["qualifier"] for r in quals if r["position"] == "before"},
        after={_key(r["phrase"]): r["qualifier"] for r in quals if r["position"] == "after"},
        after_rx=re.compile(rf" *[وف]?(?P<q>{_alternation(after)})(?!\w)"),
        max_words=max(len(r["phrase"].split()) for r in quals),
        units=re.compile(f"(?:{_alternation(ordered)})(?!\\w)"),
        unit_kind=units,
        not_after=_with_clitics(_words("quantity_not_after")),
        not_before=_words("quantity_not_before"),
        not_units=_words("quantity_not_units"),
        year_context=_with_clitics(_words("quantity_year_context")),
        id_heads=_with_clitics(_words("quantity_id_heads")),
        ordinals=_words("quantity_ordinals"),
        duals=frozenset(cl + d for d in duals for cl in CLITICS),
        vague=vague,
        vague_forms=frozenset(vague),
    )


_WORD = re.compile(r"\w+")
_ATTACHED = re.compile(r"(?<!\w)\w+\Z")
_ARTICLES = frozenset({"ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل"})
_LATIN = re.compile(r"[a-z@/=_#\\]")
_LATIN_WORD = re.compile(r"[a-z]+")
_CLOSERS = " )»\"”'’′″"
_OPENERS = " («\"“':"
_DASH_GAP = re.compile(r"[ ()]*[-–—][ ()]*")
# The low end may carry the percent sign the high end carries: "بين 25% و35%", "بين 25% إلى 35%".
_PCT = r"(?: ?[%٪])?"
_AND_GAP = re.compile(_PCT + r"[ ()]* و ?[ (]*")
_OR_GAP = re.compile(_PCT + r"[ ()]* او [ (]*")
_TO_GAP = re.compile(_PCT + r"[ ()]* (?:الي|حتي) [ (]*")
_VS_GAP = re.compile(r"[ ()]* مقابل [ (]*")
_JOINS = (("dash", _DASH_GAP), ("and", _AND_GAP), ("or", _OR_GAP), ("to", _TO_GAP), ("vs", _VS_GAP))
# After a number: a dash or slash glued to it ("1- ...", "2-صفر"), or one leading
# to zero or to more digits ("3 / صفر", "1 / 11 / 1436"): list marks, scores, dates.
_DASH_AFTER = re.compile(r"[-–—/]| *[-–—/] *(?:صفر|[0-9])")
_SLASH_AFTER = re.compile(r" *[/:] *[0-9]")
_DASH_BEFORE = re.compile(r"(?<!\w)صفر *[-–—/] *\Z")
_RANGE_OPEN = re.compile(r"(?<!\w)[وف]?(?P<q>(?:تتراوح +|يتراوح +)?(?:ما +)?بين|من) +\Z")
_VAGUE_TAIL = re.compile(r" +(?:من +)?(?:ال)?(الاف|الوف|ملايين|مليارات)(?!\w)")
_FEW = re.compile(r"(?<!\w)[وفبل]?(?P<q>بضعه|بضع) +\Z")
_DUAL_TWO = re.compile(r" +(?:اثنين|اثنان|اثنتين|اثنتان)(?!\w)")
_LIST_MARK = re.compile(r"(?:^|[\n.!؟:]) *\Z")
_LIST_DASH = re.compile(r" +[-–] ")
_DOT_THOUSANDS = re.compile(r"[1-9][0-9]{0,2}\.[0-9]{3}")


def _with_clitics(words: frozenset[str]) -> frozenset[str]:
    """`words` and their forms with a leading و/ف and then ب/ل ("للمادة" is ل + المادة)."""
    out = set(words)
    for w in words:
        out.update(cl + w for cl in CLITICS[1:])
        if w.startswith("ال"):
            out.update(cl + "لل" + w[2:] for cl in ("", "و", "ف"))
    return frozenset(out)


def _in_bare(word: str, table: frozenset[str]) -> bool:
    """Whether `word`, or `word` without the article, is in `table`."""
    return word in table or (word.startswith("ال") and word[2:] in table)


def _prev_word(norm: str, start: int) -> tuple[int, int] | None:
    """Span of the word before `start`, across spaces and opening brackets or quotes."""
    i = start
    while i > 0 and norm[i - 1] in _OPENERS:
        i -= 1
    j = i
    while j > 0 and (norm[j - 1].isalnum() or norm[j - 1] == "_"):
        j -= 1
    return (j, i) if j < i else None


def _next_word(norm: str, end: int, skip: str = " ") -> tuple[int, int] | None:
    i = end
    n = len(norm)
    while i < n and norm[i] in skip:
        i += 1
    m = _WORD.match(norm, i)
    return (m.start(), m.end()) if m else None


def _text(norm: str, span: tuple[int, int] | None) -> str:
    return norm[span[0] : span[1]] if span else ""


def _unit(norm: str, end: int) -> tuple[int, int] | None:
    """The unit or counted noun written right after an amount ending at `end`."""
    lex = _lexicon()
    i = end
    while i < len(norm) and norm[i] in _CLOSERS:
        i += 1
    m = lex.units.match(norm, i)
    if m is not None:
        return m.start(), m.end()
    w = _WORD.match(norm, i)
    if w is None:
        return None
    word = w.group()
    if word == "من":  # "أكثر من 10000 من الجنود": the noun after من
        nxt = _next_word(norm, w.end())
        return nxt if nxt is not None and norm.startswith("ال", nxt[0]) else None
    if word in lex.not_units or word[0].isdigit():
        return None
    return w.start(), w.end()


def _unit_kind(norm: str, unit: tuple[int, int] | None) -> str | None:
    return _lexicon().unit_kind.get(_key(_text(norm, unit))) if unit else None


def _phrase_before(norm: str, start: int) -> tuple[int, str] | None:
    """(start, qualifier) of the longest qualifier phrase ending right before `start`."""
    lex = _lexicon()
    end = start
    while end > 0 and norm[end - 1] == " ":
        end -= 1
    best = None
    i = end
    for _ in range(lex.max_words):
        j = i
        while j > 0 and (norm[j - 1].isalnum() or norm[j - 1] == "_"):
            j -= 1
        if j == i:
            break
        phrase = _key(norm[j:end])
        if phrase in lex.before:
            best = (j, lex.before[phrase])
        elif phrase[0] in "وفبل" and phrase[1:] in lex.before and not (phrase[0] == "ل" and phrase[1] in "يت"):
            # "بنحو", "وأكثر من"; but "ليصل إلى 800" is "so as to reach", not "up to"
            best = (j + 1, lex.before[phrase[1:]])
        i = j
        while i > 0 and norm[i - 1] == " ":
            i -= 1
        if i == j:
            break
    return best


def _phrase_after(norm: str, pos: int) -> tuple[str, int] | None:
    """(qualifier, end) of the longest qualifier phrase starting after the spaces at `pos`."""
    lex = _lexicon()
    m = lex.after_rx.match(norm, pos)
    return (lex.after[_key(m.group("q"))], m.end()) if m else None


def _after_qualifier(norm: str, end: int, unit: tuple[int, int] | None) -> tuple[str, int] | None:
    """A qualifier right after the number (the span grows) or after its noun (it does not)."""
    hit = _phrase_after(norm, end)
    if hit is not None:
        return hit
    if unit is None:
        return None
    # "خمسة مقاتلين على الأقل": after the noun, or after the noun and one more word.
    nxt = _next_word(norm, unit[1])
    for pos in (unit[1], nxt[1] if nxt else None):
        hit = _phrase_after(norm, pos) if pos is not None else None
        if hit is not None:
            return hit[0], end
    return None


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _has_article(norm: str, m: NumberMatch) -> bool:
    if not m.words or not norm.startswith("ال", m.start):
        return False
    w = _WORD.match(norm, m.start)
    return w is not None and not is_number_word(w.group())


def _is_year(norm: str, m: NumberMatch, digits: str) -> bool:
    """A bare 4-digit number 1900-2100 (or Hijri 1350-1499) that reads as a year."""
    if not (len(digits) == 4 and digits.isdigit()):
        return False
    year = int(digits)
    if not (1900 <= year <= 2100 or 1350 <= year < 1500):
        return False
    lex = _lexicon()
    prev_span = _prev_word(norm, m.start)
    prev = _text(norm, prev_span)
    if prev in lex.year_context:
        return True
    # "للعام الهجري الحالي 1438": the year's noun a few words before, only adjectives between
    k, back = prev_span, 0
    while k is not None and back < 3:
        word = _text(norm, k)
        if word in _YEAR_NOUNS:
            return True
        if not word.startswith("ال"):
            break  # ("في عام 2014 مقتل 2000 شخص": a count after the year)
        k, back = _prev_word(norm, k[0]), back + 1
    q = _phrase_before(norm, m.start)
    if q is not None and q[1] != "le":  # "أكثر من 2000", "حوالي 2000"; but "حتى 2012" is a year
        return False
    unit = _unit(norm, m.end)
    if unit is None:
        return True
    word = _text(norm, unit)
    # A counted noun takes no preposition: "17أفريل 2014 بحملة أمنية" is a date's year (a round
    # 2000 is as often a count: "قتل 2000 بسبب الحرب").
    clitics = "وفبل" if year % 100 else "وف"
    return _unit_kind(norm, unit) is None and (word[0] in clitics or word.startswith("ال"))


_YEAR_NOUNS = frozenset(("عام", "العام", "للعام", "لعام", "سنه", "السنه", "للسنه"))


def _digits_ok(norm: str, m: NumberMatch, paired: bool) -> bool:
    """Context checks for a number written in digits; `paired` when it is one end of a range."""
    text = norm[m.start : m.end]
    before = norm[m.start - 1] if m.start else " "
    after = norm[m.end] if m.end < len(norm) else " "
    if before in "/:#+_@\\.," or (before == "-" and not paired):
        return False
    if before == " " and norm[: m.start].rstrip(" ")[-1:] in ("/", ":"):
        return False  # "26 / 6": a date written with spaces
    if not paired and _DASH_BEFORE.search(norm, max(0, m.start - 12), m.start):
        return False  # "صفر - 1": a score
    if after in "/:@_\\" or (after in ".-," and norm[m.end + 1 : m.end + 2].isdigit() and not paired):
        return False
    if (after.isascii() and after.isalnum()) or (after == "ر" and norm[m.end + 1 : m.end + 2].isdigit()):
        return False  # "4x4", "3ر4"
    if (not paired and _DASH_AFTER.match(norm, m.end)) or _SLASH_AFTER.match(norm, m.end):
        return False
    if norm[m.end : m.end + 3].lstrip().startswith("+"):
        return False  # "5 + 1"
    # URLs, e-mails, codes: the whole token around the number.
    lo = norm.rfind(" ", 0, m.start) + 1
    hi = norm.find(" ", m.end)
    if _LATIN.search(norm, lo, hi if hi >= 0 else len(norm)):
        return False
    # A Latin word next to it: product names, short codes ("stc 635031", "sms إلى 88548").
    prev = _prev_word(norm, m.start)
    nxt = _next_word(norm, m.end, " -")
    if (
        _LATIN_WORD.fullmatch(_text(norm, prev))
        or (nxt and _LATIN_WORD.fullmatch(_text(norm, nxt)))
        or (prev and _LATIN_WORD.fullmatch(_text(norm, _prev_word(norm, prev[0]))))
    ):
        return False
    digits = text.replace(",", "").replace("،", "")
    if (digits[0] == "0" and len(digits) > 1 and digits[1] != ".") or (digits.isdigit() and len(digits) >= 8):
        return False  # phone numbers, identifiers
    if digits.isdigit() and len(digits) >= 6 and _unit(norm, m.end) is None:
        return False  # a long bare code ("موبايلي 738303"); counts that size carry separators
    # "الـ27", "الـ 27": ordinal (unless money or a percentage follows).
    attached = _ATTACHED.search(norm, max(0, m.start - 4), m.start)
    ordinal = (attached is not None and attached.group() in _ARTICLES) or _text(norm, _prev_word(norm, m.start)) == "ال"
    if ordinal and _unit_kind(norm, _unit(norm, m.end)) is None:
        return False
    # "2) ...", "2 - ...": list numbering at the start of a line or sentence.
    listed = after in ")." or _LIST_DASH.match(norm, m.end)
    if listed and _LIST_MARK.search(norm, max(0, m.start - 20), m.start):
        return False
    return not _is_year(norm, m, digits)


def _words_ok(norm: str, m: NumberMatch) -> bool:
    """Context checks for a number written in words."""
    lex = _lexicon()
    text = norm[m.start : m.end]
    if " " not in text and m.value == 1:  # "واحد" as an adjective ("شهر واحد")
        return False
    if _has_article(norm, m):
        if text[2:].startswith("اثن"):  # "الاثنين" is Monday far more often than "the two"
            return False
        prev = _text(norm, _prev_word(norm, m.start))
        # "الأشخاص الخمسة": an article number agrees with a definite noun before it;
        # otherwise it is a name ("مجموعة العشرين", "ميدان السبعين"). After a time
        # noun it is a duration ("السنوات الثلاث").
        return prev.startswith(("ال", "وال", "بال", "لل", "فال")) and not _in_bare(prev, lex.not_before)
    if m.value == 10 and _in_bare(_text(norm, _prev_word(norm, m.start)), lex.ordinals):
        return False  # "الثامنة عشرة" is 18th
    if m.value == 2 and _text(norm, _prev_word(norm, m.start)) in lex.duals:
        return False  # "طفلين اثنين": the dual carries the amount
    if " " not in text:
        word = _text(norm, _next_word(norm, m.end))
        # "خمس السكان" is a fraction; "تسع 500" is the verb "holds".
        if word and (word[0].isdigit() or (word.startswith("ال") and m.value <= 10)):
            return False
    return True


def _number_ok(norm: str, m: NumberMatch, paired: bool = False) -> bool:
    if not (_words_ok(norm, m) if m.words else _digits_ok(norm, m, paired)):
        return False
    return not _after_id(norm, m) and not _time_follows(norm, m.end)


def _after_id(norm: str, m: NumberMatch | QuantityMatch) -> bool:
    """Right after a word that makes it an identifier, ordinal, date or time ("رقم 5").

    Not when it is scaled by a magnitude word or counts money or a percentage
    ("نشرة الإصدار 4 ملايين ريال"): identifiers are not written that way.
    """
    prev = _text(norm, _prev_word(norm, m.start))
    if not prev or prev not in _lexicon().not_after:
        return False
    if isinstance(m, NumberMatch) and not m.words and " " in norm[m.start : m.end]:
        return False
    return _unit_kind(norm, _unit(norm, m.end)) not in ("currency", "percent")


def _time_follows(norm: str, end: int) -> bool:
    """A time word after the number ("33 عاما", "23 مايو", "15 من يناير"): not an amount."""
    lex = _lexicon()
    nxt = _next_word(norm, end, _CLOSERS)
    if nxt is None:
        return False
    word = _text(norm, nxt)
    if word == "من":
        nxt = _next_word(norm, nxt[1])
        word = _text(norm, nxt)
    return _in_bare(word, lex.not_before)


def _scaled_low(norm: str, low: NumberMatch, high: NumberMatch) -> int | float:
    """The low end, times the high end's magnitude when only the high end has one ("بين 5 و10 آلاف")."""
    high_text = norm[high.start : high.end]
    mag = magnitude_word(high_text.rsplit(" ", 1)[-1]) if " " in high_text else None
    low_last = norm[low.start : low.end].rsplit(" ", 1)[-1]
    if mag and magnitude_word(low_last) is None and low.value * mag < high.value:
        scaled = low.value * mag
        return int(scaled) if float(scaled).is_integer() else scaled
    return low.value


def _pair(norm: str, low: NumberMatch, high: NumberMatch) -> str | None:
    """How two numbers are joined: "dash", "and", "or", "to", "vs" (a score), or None."""
    for name, rx in _JOINS:
        if rx.fullmatch(norm, low.end, high.start):
            return name
    return None


def _range(norm: str, low: NumberMatch, high: NumberMatch, join: str) -> QuantityMatch | None:
    """`low` and `high` as one range, or None."""
    opener = _RANGE_OPEN.search(norm, max(0, low.start - 30), low.start)
    if join in ("or", "vs") or (join == "and" and (opener is None or opener.group("q") == "من")):
        return None
    pct = "%" in norm[low.end : high.start] or "٪" in norm[low.end : high.start]
    if pct and (opener is None or not opener.group("q").endswith("بين")):
        return None  # "زادت 57% إلى 1658 طنا", "من 13% إلى 23%": a change; "بين 8% إلى 12%" a range
    unit = _unit(norm, high.end)
    if join == "dash":
        # Scores: "2-1", "0-4", "1-1"; small pairs need a range word or a listed unit.
        if low.words or high.words or low.value <= 0:
            return None
        if high.value < 10 and opener is None and _unit_kind(norm, unit) is None:
            return None
    value = _scaled_low(norm, low, high)
    if high.value <= value:
        return None
    start = opener.start("q") if opener else low.start
    return QuantityMatch(start, high.end, value, "range", high.value, unit)


_CLAUSE_BREAK = re.compile(r"[.،,؛;:!?؟\n()«»\"]")


def _names_id(norm: str, start: int) -> bool:
    """An identifier head ("قرار", "رقم") within five words before, in the same clause."""
    lo = max(0, start - 60)
    window = norm[lo:start]
    cut = max((m.end() for m in _CLAUSE_BREAK.finditer(window)), default=0)
    words = _WORD.findall(window, cut)[-5:]
    return any(w in _lexicon().id_heads for w in words)


# "يزيد طوله على 45 كيلومترا": a comparing verb, then what it measures, then the number.
_MEASURED = re.compile(
    r"(?<!\w)[وف]?(?P<neg>(?:لا|لم|لن) +)?[يت](?P<v>زيد|قل|تجاوز|فوق|صل) +\w+(?:ه|ها|هم|هما)"
    r" +(?:(?:علي|عن|الي) +)?\Z"
)
_MEASURED_LAST = (" علي ", " عن ", " الي ", "ه ", "ها ", "هم ", "هما ")
_MEASURED_QUALIFIER = {
    ("زيد", False): "gt",
    ("تجاوز", False): "gt",
    ("فوق", False): "gt",
    ("قل", False): "lt",
    ("صل", False): "le",
    ("زيد", True): "le",
    ("تجاوز", True): "le",
    ("فوق", True): "le",
    ("قل", True): "ge",
}


def _single(norm: str, m: NumberMatch) -> QuantityMatch | None:
    start, end, qualifier, value = m.start, m.end, "eq", m.value
    q = _phrase_before(norm, m.start)
    if q is not None:
        start, qualifier = q
    elif norm.endswith(_MEASURED_LAST, 0, m.start):
        measured = _MEASURED.search(norm, max(0, m.start - 40), m.start)
        if measured is not None:  # the number's span stays its own
            qualifier = _MEASURED_QUALIFIER.get((measured.group("v"), bool(measured.group("neg"))), "eq")
    unit = _unit(norm, m.end)
    if _has_article(norm, m):  # "الأشخاص الخمسة": the noun comes first
        unit = _prev_word(norm, m.start)
    elif m.start and norm[m.start - 1] in "%$€£" and _unit_kind(norm, unit) != "percent":
        unit = (m.start - 1, m.start)  # "%50", as bidi text often writes it
    a = _after_qualifier(norm, m.end, unit)
    if a is not None and qualifier == "eq":
        qualifier, end = a
        if unit is not None and unit[0] < end:
            unit = _unit(norm, end)
    if unit is None and qualifier == "eq" and not m.words and _names_id(norm, m.start):
        return None
    # "13.845 نقطة", "5.964 طلعة": a dot before three digits groups thousands, unless
    # the amount is money, a percentage or a measure (where decimals are usual).
    if not m.words and _DOT_THOUSANDS.fullmatch(norm, m.start, m.end) and _unit_kind(norm, unit) is None:
        value = round(value * 1000)
    return QuantityMatch(start, end, value, qualifier, None, unit)


def _numbers(norm: str, exclude: Sequence[tuple[int, int]]) -> list[QuantityMatch]:
    found = list(find_numbers(norm))
    kept = [not _overlaps(m.start, m.end, exclude) for m in found]
    # "أعمارهم بين 21 و50 سنة": joined to a number inside a time ("50 سنة"), a number is its
    # low end, an age or a length too
    timed = {
        id(m)
        for m, n, keep, keep_n in zip(found, found[1:], kept, kept[1:], strict=False)
        if keep and not keep_n and _pair(norm, m, n) is not None
    }
    nums = [m for m, keep in zip(found, kept, strict=True) if keep]
    out: list[QuantityMatch] = []
    dropped: NumberMatch | None = None  # the last number found not to be an amount
    k = 0
    while k < len(nums):
        m = nums[k]
        k += 1
        if id(m) in timed:
            dropped = m
            continue
        # "القرارات 1696 و1737 و2224": a bare number joined to a dropped one is dropped too.
        if dropped is not None and _pair(norm, dropped, m) and _unit(norm, m.end) is None:
            dropped = m
            continue
        join = _pair(norm, m, nums[k]) if k < len(nums) else None
        if join is not None:
            high = nums[k]
            rng = _range(norm, m, high, join)
            if rng is not None and _number_ok(norm, m, True) and _number_ok(norm, high, True):
                k += 1
                out.append(rng)
                continue
            # "14 و17 أغسطس", "بين 3 و5 سنوات", "2 - 1", "رقم 2 و9", "أعمارهم بين 16 و20":
            # what one of a joined pair is (a date, a score, an identifier, an age), both are.
            if (
                join == "dash"
                or _time_follows(norm, high.end)
                or _after_id(norm, m)
                or (rng is not None and _after_id(norm, rng))
            ):
                k += 1
                dropped = high
                continue
        q = _single(norm, m) if _number_ok(norm, m) else None
        if q is None:
            dropped = m
        else:
            out.append(q)
            dropped = None
    return out


def _vague(norm: str) -> list[QuantityMatch]:
    lex = _lexicon()
    out = []
    for i, form in word_positions(norm, lex.vague_forms):
        value = lex.vague[form]
        start = i + _clitic_len(form)
        end = i + len(form)
        tail = _VAGUE_TAIL.match(norm, end)
        if tail is not None:
            mag = magnitude_word(tail.group(1))
            if mag:
                value *= mag
                end = tail.end()
        few = _FEW.search(norm, max(0, start - 12), start)
        if few is not None:
            start = few.start("q")
        unit = _unit(norm, end)
        if unit is not None and _in_bare(_text(norm, unit), lex.not_before):
            continue  # "آلاف السنين" is a length of time
        out.append(QuantityMatch(start, end, value, "ge", None, unit))
    return out


def _clitic_len(form: str) -> int:
    """Length of the clitic prefix of a vague plural form (the article stays in the span)."""
    for cl in sorted(CLITICS, key=len, reverse=True):
        if cl and form.startswith(cl) and form[len(cl) :].removeprefix("ال") in _VAGUE_BASE:
            return len(cl)
    return 0


def _duals(norm: str) -> list[QuantityMatch]:
    out = []
    for i, form in word_positions(norm, _lexicon().duals):
        start = i
        # The listed form without a clitic is the noun; strip at most one clitic.
        if form not in _bare_duals():
            start = i + (2 if form[2:] in _bare_duals() and form[1:] not in _bare_duals() else 1)
        end = i + len(form)
        two = _DUAL_TWO.match(norm, end)
        # "ما لا يقل عن قتيلين": at least two, as before a number.
        q = _phrase_before(norm, start) if start == i else None
        first, qualifier = q if q is not None else (start, "eq")
        out.append(QuantityMatch(first, two.end() if two else end, 2, qualifier, None, (start, end)))
    return out


@cache
def _bare_duals() -> frozenset[str]:
    return frozenset(r["dual"] for r in load_tsv("quantity_dual_nouns", ("dual",)))


def extract_quantities(norm: str, exclude: Sequence[tuple[int, int]] = ()) -> list[QuantityMatch]:
    """Amounts in folded `norm`, sorted by start.

    `exclude` = folded spans already taken by time expressions (dates, years,
    durations, ages): a number inside or overlapping one of them is not a quantity.
    """
    found = _numbers(norm, exclude)
    taken = [(q.start, q.end) for q in found]
    # A vague plural inside a number that was read, kept or not ("الإصدار 4 ملايين"), is
    # part of that number, not an amount of its own.
    numbers = [(m.start, m.end) for m in find_numbers(norm)]
    for q in _vague(norm):
        if not _overlaps(q.start, q.end, taken + numbers) and not _overlaps(q.start, q.end, exclude):
            found.append(q)
            taken.append((q.start, q.end))
    for q in _duals(norm):
        if not _overlaps(q.start, q.end, taken) and not _overlaps(q.start, q.end, exclude):
            found.append(q)
            taken.append((q.start, q.end))
    found.sort(key=lambda q: q.start)
    return found


# "95.‏56 دولار" with a right-to-left mark after the point: a number mirrored on its way from a
# page's visual order (Brent at 56.95 dollars, a magnitude-7.5 quake written "5.‏7"). Folding
# drops the mark, so the original text is read for it.
_MIRRORED = re.compile(r"([0-9]+)[.٫]\u200f([0-9]+)(?![0-9])")


def unmirror(q: QuantityMatch, original: str) -> QuantityMatch:
    """`q` with its value read the right way round when its original text (`original`) holds a
    mirrored decimal ("7.‏11 مليار" is 11.7 billion, as "7ر11 مليار" is)."""
    found = _MIRRORED.findall(original)
    if len(found) != 1 or q.high is not None:
        return q
    whole, frac = found[0]
    written, meant = Decimal(f"{whole}.{frac}"), Decimal(f"{frac}.{whole}")
    if written == 0:
        return q
    scale = Decimal(str(q.value)) / written  # 1, or the magnitude word after it (مليار)
    if scale != scale.to_integral_value():
        return q
    value = meant * scale
    return replace(q, value=int(value) if value == value.to_integral_value() else float(value))
