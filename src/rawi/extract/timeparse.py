"""Reading one matched time pattern into a `Cand`: what it says, not yet where it falls.

Each handler takes the match of its rule (`rawi.extract.timegrammar`) and
returns the candidates it stands for, or an empty list when the context shows
the words are not a time after all ("مارس" the verb, "صلاة الجمعة"). This
module reads calendar expressions; `timelengths` reads lengths, sets and
vague references.
Placing a candidate on the calendar (against the dateline, the text's earlier
times, the day a quote was said) is `rawi.extract.times`' job.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from rawi.extract.timecalendar import hijri_to_gregorian, pm_hour, safe_date
from rawi.extract.timegrammar import Lexicon, alt, lexicon
from rawi.text.numbers import parse_number


@dataclass(frozen=True, slots=True)
class Cand:
    """A time expression found at folded span [start, end) and what it says.

    kind: const (fixed value), date (calendar fields, some missing), deictic
    (days from today), rel (units from today), anarel (units from the last
    time mentioned), after ("بعد شهر": anarel, rel or a length), same (the
    last time mentioned, at a granularity),
    dayrel (a day of a month counted from today's), holiday, season, clock;
    skip marks words that look like a time but are not (a date in a street name).
    """

    start: int
    end: int
    kind: str
    type: str = "DATE"
    value: str = ""
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    hijri: bool = False
    mod: str | None = None
    unit: str = ""
    n: int = 0
    part: str = ""
    hour: int | None = None
    minute: int = 0
    sub: str = ""
    ahead: bool = False
    inner: int = -1
    yoff: int | None = None  # "مارس من العام الماضي": the year counted from the dateline's


Handler = Callable[[re.Match[str], str], list[Cand]]

_PREV_WORD = re.compile(r"(\w+)[ ]*\(?[ ]*$")
_CLITICS = ("وب", "ول", "فب", "فل", "وك", "فك", "و", "ف", "ب", "ل", "ك")
_SENTENCE_END = re.compile(r"[.!?؟\n]")
_FUTURE_VERB = re.compile(r"(?<!\w)[وف]?(س[يتن]\w{2,})")
_WORD = re.compile(r"\w+")
DIGITS = re.compile(r"[0-9]+")
_OFFSETS = {
    "اليوم": 0,
    "الليله": 0,
    "امس": -1,
    "يوم امس": -1,
    "البارحه": -1,
    "امس الاول": -2,
    "اول امس": -2,
    "اول من امس": -2,
    "الليله الماضيه": -1,
    "غدا": 1,
    "غد": 1,
    "الغد": 1,
    "يوم غد": 1,
    "بعد غد": 2,
}
_UNIT_OF = {"يوم": "D", "اسبوع": "W", "شهر": "M", "عام": "Y", "سنه": "Y", "ليله": "D"}
MOD_STEP = {"past": -1, "next": 1, "this": 0, "last": -1}


def prev_word(norm: str, pos: int) -> str:
    m = _PREV_WORD.search(norm, max(0, pos - 40), pos)
    return m.group(1) if m else ""


def bare_in(word: str, words: frozenset[str]) -> bool:
    """Whether `word`, with or without leading clitics, is one of `words`."""
    if word in words:
        return True
    return any(word.startswith(c) and word[len(c) :] in words for c in _CLITICS)


@cache
def _future() -> re.Pattern[str]:
    """A future cue: a listed word, or س + ي/ت/ن + a verb stem that is not a listed noun."""
    lx = lexicon()
    words = alt(lx.context["future"])
    nouns = alt(lx.context["notfuture"]).removesuffix("(?!\\w)")
    nouns = "(?:" + nouns.replace("(?!\\w)", "") + ")"
    return re.compile(rf"(?<!\w)[وف]?(?:[بل]?{words}|(?!{nouns})س[يتن]\w{{2,}})")


_CLAUSE_END = re.compile(r"[.!?؟\n،:؛]")
_PAST_FRAME = re.compile(r"(?<!\w)[وف]?كانت?(?!\w)")


def ahead(norm: str, start: int) -> bool:
    """Whether the clause before `start` speaks of the future (سوف، المقرر، سيعقد ...)."""
    lo = max(0, start - 60)
    cuts = [m.end() for m in _CLAUSE_END.finditer(norm, lo, start)]
    if cuts:
        lo = cuts[-1]
    if _PAST_FRAME.search(norm, lo, start):
        return False  # "كان من المقرر": planned, in the past
    return _future().search(norm, lo, start) is not None


def core(m: re.Match[str]) -> int:
    return m.end("cl")


def number(norm: str, m: re.Match[str], group: str = "num") -> int | float | None:
    if m.start(group) < 0:
        return None
    hit = parse_number(norm, m.start(group))
    if hit is None or hit.end != m.end(group):
        return None
    return hit.value


def _day(m: re.Match[str]) -> int | None:
    lx = lexicon()
    if m.group("day"):
        return int(m.group("day"))
    od = m.group("ordday")
    if od is None:
        return None
    if od in lx.day_ordinals:
        return lx.day_ordinals[od]
    digits = DIGITS.search(od)
    return int(digits.group()) if digits else None


def _named(norm: str, start: int, lx: Lexicon) -> bool:
    """A date that is part of a name: "شارع 26 يوليو", "قوى 14 آذار"."""
    return bare_in(prev_word(norm, start), lx.context["name"])


def _part(m: re.Match[str], *groups: str) -> str:
    lx = lexicon()
    for g in groups:
        w = m.groupdict().get(g)
        if w:
            return lx.part_nouns.get(w) or lx.part_adverbs.get(w, "")
    return ""


def numeric(m: re.Match[str], norm: str) -> list[Cand]:
    start = core(m)
    before = norm[start - 1] if start else " "
    if before in "/.-:_" or norm[max(0, start - 12) : start].find("http") >= 0:
        return []
    parts = [int(x) for x in DIGITS.findall(m.group("date"))]
    if parts[0] >= 1000:
        y, mo, d = parts
    else:
        d, mo, y = parts
        if mo > 12 >= d:
            d, mo = mo, d
    date: dt.date | None
    if m.group("hsuf") or 1300 <= y <= 1500:
        date = hijri_to_gregorian(y, mo, d) if mo <= 12 and 1 <= d <= 30 else None
    elif 1900 <= y <= 2100:
        date = safe_date(y, mo, d)
    else:
        date = None
    if date is None:
        return []
    part = _part(m, "hpart")
    return [
        Cand(
            start,
            m.end(),
            "date",
            "TIME" if part else "DATE",
            year=date.year,
            month=date.month,
            day=date.day,
            part=part,
        )
    ]


def hijri(m: re.Match[str], norm: str) -> list[Cand]:
    lx = lexicon()
    start = core(m)
    day = _day(m)
    month = lx.months[m.group("hmonth")].month
    if day is None or not 1 <= day <= 30:
        return []
    part = _part(m, "hpart")
    typ = "TIME" if part else "DATE"
    if m.group("hyear"):
        year = int(m.group("hyear"))
        out = []
        for c in _days(m, Cand(start, m.end(), "date", typ, day=day, part=part)):
            date = hijri_to_gregorian(year, month, c.day or day)
            if date is None:
                return []
            out.append(replace(c, year=date.year, month=date.month, day=date.day))
        return out
    return _days(
        m,
        Cand(
            start,
            m.end(),
            "date",
            typ,
            month=month,
            day=day,
            hijri=True,
            mod=modifier(m),
            part=part,
            ahead=ahead(norm, start),
        ),
    )


def _days(m: re.Match[str], c: Cand) -> list[Cand]:
    """ "17 و18 رمضان", "أيام 28 و29 و30 أفريل": one date per day, the month shared."""
    more = m.groupdict().get("more")
    if not more or c.day is None:
        return [c]
    base = m.start("more")
    days = [(c.start, m.end("day"), c.day)]
    days += [(base + d.start(), base + d.end(), int(d.group())) for d in DIGITS.finditer(more)]
    if any(not 1 <= d <= 31 for _, _, d in days) or any(a[2] >= b[2] for a, b in itertools.pairwise(days)):
        return [c]  # not a rising run of days: leave it whole
    last = days[-1]
    days[-1] = (last[0], c.end, last[2])  # the last day carries the month and year
    return [replace(c, start=s, end=e, day=d) for s, e, d in days]


def _yoff(m: re.Match[str]) -> int | None:
    w = m.groupdict().get("ymod")
    role = lexicon().modifiers[w] if w else None
    return {"past": -1, "next": 1, "this": 0}.get(role or "")


def _year(m: re.Match[str], group: str = "year") -> int | None:
    y = m.groupdict().get(group)
    return int(y) if y else None


def modifier(m: re.Match[str]) -> str | None:
    w = m.groupdict().get("mod")
    return lexicon().modifiers[w] if w else None


def dmy(m: re.Match[str], norm: str) -> list[Cand]:
    lx = lexicon()
    start = core(m)
    day = _day(m)
    month = lx.months[m.group("month")].month
    year = _year(m)
    if _named(norm, start, lx):
        return [Cand(start, m.end(), "skip")]  # the whole "26 يوليو" of "شارع 26 يوليو"
    if day is None or safe_date(year or 2000, month, day) is None:
        return []
    part = _part(m, "hpart")
    return _days(
        m,
        Cand(
            start,
            m.end(),
            "date",
            "TIME" if part else "DATE",
            year=year,
            month=month,
            day=day,
            mod=modifier(m),
            part=part,
            ahead=ahead(norm, start),
            yoff=_yoff(m),
        ),
    )


def dayrel(m: re.Match[str], norm: str) -> list[Cand]:
    day = _day(m)
    mod = modifier(m)
    if day is None or not 1 <= day <= 31 or not (m.group("min") or m.group("this") or mod):
        return []
    if mod not in (None, "past", "next", "this"):
        return []
    return [Cand(core(m), m.end(), "dayrel", day=day, n=MOD_STEP.get(mod or "this", 0))]


def quarter(m: re.Match[str], norm: str) -> list[Cand]:
    letter = "Q" if m.group("qh") == "الربع" else "H"
    order = {"الاول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الاخير": 4 if letter == "Q" else 2}
    k = order[m.group("ord")]
    if letter == "H" and k > 2:
        return []
    sub = f"{letter}{k}"
    year = _year(m) or _year(m, "year2")
    if year is not None:
        return [Cand(core(m), m.end(), "const", value=f"{year:04d}-{sub}")]
    mod = modifier(m)
    if mod not in (None, "past", "next", "this"):
        return []
    return [Cand(core(m), m.end(), "rel", unit="Y", n=MOD_STEP.get(mod or "this", 0), sub=sub)]


def month(m: re.Match[str], norm: str) -> list[Cand]:
    lx = lexicon()
    start = core(m)
    info = lx.months[m.group("month")]
    year = _year(m)
    mod = modifier(m)
    paired = bool(m.group("month2") or m.group("month3"))
    strong = paired or year is not None or mod is not None or bool(m.group("shahr"))
    if info.need == "strong" and not strong:
        return []
    after_prep = bare_in(prev_word(norm, start), lx.context["prep"])
    if info.need == "prep" and not (strong or m.group("period") or after_prep):
        return []
    if _named(norm, start, lx) or mod in ("prev", "following", "last"):
        return []
    return [Cand(start, m.end(), "date", year=year, month=info.month, mod=mod, ahead=ahead(norm, start), yoff=_yoff(m))]


_SEASONS = {"صيف": "SU", "شتاء": "WI", "خريف": "FA", "ربيع": "SP"}


def season(m: re.Match[str], norm: str) -> list[Cand]:
    year = _year(m)
    if year is not None:
        return [Cand(core(m), m.end(), "const", value=f"{year:04d}-{_SEASONS[m.group('season')]}")]
    mod = modifier(m)
    code = _SEASONS[m.group("aseason")]
    if not (m.group("this") or mod in ("past", "next", "this")):
        # A season alone ("في الربيع", "فصل الصيف") is a season of no year; "الربيع العربي" is
        # no season, nor is a name ("حي الربيع").
        if mod is not None or norm.startswith((" العربي", " العربيه"), m.end()):
            return []
        if not (m.group("fasl") or bare_in(prev_word(norm, core(m)), _SEASON_BEFORE)):
            return []
        return [Cand(core(m), m.end(), "const", value=f"XXXX-{code}")]
    if code == "WI":
        return []  # a winter runs over two years
    return [Cand(core(m), m.end(), "season", sub=code, mod=mod or "this")]


_SEASON_BEFORE = frozenset(
    {
        "في",
        "خلال",
        "طوال",
        "طيلة",
        "حلول",
        "قدوم",
        "بداية",
        "نهاية",
        "مطلع",
        "منتصف",
        "اواخر",
        "اوائل",
        "موسم",
        "قبل",
        "بعد",
        "حتي",
        "منذ",
    }
)


def year(m: re.Match[str], norm: str) -> list[Cand]:
    y = _year(m)
    if y is None:
        return []
    second = m.group("second")
    if not second:
        return [Cand(core(m), m.end(), "const", value=f"{y:04d}")]
    # "عامي 2014 و2015", "2015-2016": two years, two expressions.
    first_end = m.start("second")
    digits = DIGITS.search(second)
    assert digits is not None
    s2 = m.start("second") + digits.start()
    return [Cand(core(m), first_end, "const", value=f"{y:04d}"), Cand(s2, s2 + 4, "const", value=digits.group())]


def anaphor(m: re.Match[str], norm: str) -> list[Cand]:
    start = core(m)
    if bare_in(prev_word(norm, start), frozenset({"منذ", "قبل", "بعد"})):
        return []
    what = m.group("what") or m.group("sunit") or m.group("what2")
    if what == "الفتره" and not m.group("dem"):
        return []  # "الفترة نفسها من العام الماضي": the period is named after it
    if what == "الوقت" and (m.group("same") or m.group("what2")):
        return [Cand(start, m.end(), "const", value="PRESENT_REF")]
    unit = _UNIT_OF.get(what[2:], "") if what else ("D" if m.group("adv") == "يومها" else "")
    return [Cand(start, m.end(), "same", unit=unit)]


def _this_unit(m: re.Match[str], start: int, end: int) -> list[Cand]:
    if m.group("tunit"):
        unit = _UNIT_OF[m.group("tunit")[2:]]
        return [] if unit == "D" else [Cand(start, end, "rel", unit=unit, n=0)]
    unit = _UNIT_OF[m.group("munit")[2:]]
    mod = modifier(m)
    if mod in ("prev", "following"):
        return [Cand(start, end, "anarel", unit=unit, n=-1 if mod == "prev" else 1)]
    if unit == "D" or mod == "last" or mod is None:
        return []
    return [Cand(start, end, "rel", unit=unit, n=MOD_STEP[mod])]


def earlier(m: re.Match[str], norm: str) -> list[Cand]:
    start = core(m)
    if m.group("deic"):
        return [Cand(start, m.end(), "deictic", n=_OFFSETS[m.group("deic")])]
    return _this_unit(m, start, m.end())


def relunit(m: re.Match[str], norm: str) -> list[Cand]:
    return _this_unit(m, core(m), m.end())


def deictic(m: re.Match[str], norm: str) -> list[Cand]:
    lx = lexicon()
    start = core(m)
    word = " ".join(m.group("deic").split())
    part = _part(m, "part", "padv")
    end = m.end()
    if word in ("غد", "الغد") and not (m.group("part") or m.group("wd")):
        return []
    bare = word in ("اليوم", "الليله") and not (m.group("wd") or m.group("padv"))
    if bare and (norm.startswith(" ال", end) or prev_word(norm, start) in ("هذا", "هذه", "ذلك", "تلك")):
        return []
    if word.startswith("الليله"):
        part = part or "NI"
    if word == "امس" and norm.startswith(" الحاجه", end):
        return []  # "في أمس الحاجة": the superlative, not yesterday
    offset = _OFFSETS[word]
    weekday = lx.weekdays[m.group("wd")] if m.group("wd") else None
    return [Cand(start, end, "deictic", "TIME" if part else "DATE", n=offset, weekday=weekday, part=part)]


_NOT_MONDAY = frozenset({"بين", "كلا", "كلتا", "هذين", "هذان"})


def weekday(m: re.Match[str], norm: str) -> list[Cand]:
    lx = lexicon()
    start = core(m)
    wd_word = m.group("wd")
    mod = modifier(m)
    marked = bool(m.group("yawm") or m.group("part") or mod)
    if not marked:
        prev = prev_word(norm, start)
        if bare_in(prev, lx.context["noday"]):
            return []
        if wd_word == "الاثنين" and (prev in _NOT_MONDAY or norm.startswith(" معا", m.end())):
            return []
    if mod == "following":
        mod = "next"
    elif mod in ("prev", "last"):
        mod = "past"
    part = _part(m, "part", "padv")
    end = m.end()
    if m.group("wd2"):
        if part != "NI":
            # Two weekdays in a row are one night only: "ليل السبت الأحد"; else the first ends here.
            return [Cand(start, m.end("wd"), "date", "DATE", weekday=lx.weekdays[wd_word], ahead=ahead(norm, start))]
        mod = None
    return [
        Cand(
            start,
            end,
            "date",
            "TIME" if part else "DATE",
            weekday=lx.weekdays[wd_word],
            mod=mod,
            part=part,
            ahead=ahead(norm, start),
        )
    ]


def clock(m: re.Match[str], norm: str) -> list[Cand]:
    lx = lexicon()
    part = _part(m, "padv")
    if not (m.group("saa") or part or m.group("gmt")):
        return []  # a bare number is no clock time; "1:30 ت غ" (GMT) is one
    hour = int(m.group("hour")) if m.group("hour") else lx.hour_ordinals[m.group("hword")]
    minute = int(m.group("minute") or 0)
    frac = m.group("frac")
    if frac:
        minute = 30 if frac.endswith("نصف") else 20 if frac.endswith("ثلث") else 15
    if hour > 24 or (hour == 0 and not m.group("saa")):
        return []
    hour = pm_hour(hour, part)
    return [Cand(core(m), m.end(), "clock", "TIME", hour=hour % 24, minute=minute, part=part)]


def midnight(m: re.Match[str], norm: str) -> list[Cand]:
    """ "منتصف الليل" is the day's end (T24:00), "منتصف النهار" its noon."""
    night = m.group("mid").endswith("الليل")
    return [Cand(core(m), m.end(), "clock", "TIME", hour=24 if night else 12)]


def eve(m: re.Match[str], norm: str) -> list[Cand]:
    """ "غداة" is the day after the day named (next, or last mentioned), "عشية" the day before."""
    return [Cand(core(m), m.end(), "eve", n=1 if m.group("eve") == "غداه" else -1)]


def hperiod(m: re.Match[str], norm: str) -> list[Cand]:
    """ "مطلع رمضان", "نهاية شوال": the Gregorian month where that part of the Hijri month falls."""
    lx = lexicon()
    part = lx.part_of_period.get(m.group("period"))
    if part is None:
        return []
    year = _year(m, "hyear")
    return [
        Cand(
            core(m),
            m.end(),
            "hperiod",
            month=lx.months[m.group("hmonth")].month,
            hijri=True,
            year=year,
            sub=part,
            ahead=ahead(norm, core(m)),
        )
    ]


def period(m: re.Match[str], norm: str) -> list[Cand]:
    return [Cand(core(m), m.end(), "rel", unit=_UNIT_OF[m.group("punit")[2:]], n=0)]


def decade(m: re.Match[str], norm: str) -> list[Cand]:
    return [Cand(core(m), m.end(), "const", value=lexicon().decades[m.group("dec")])]


def century(m: re.Match[str], norm: str) -> list[Cand]:
    lx = lexicon()
    start = core(m)
    if m.group("mod"):
        mod = modifier(m)
        if mod not in ("past", "this"):
            return []
        return [Cand(start, m.end(), "rel", unit="CE", n=MOD_STEP[mod])]
    nth = lx.day_ordinals[m.group("ordday")] if m.group("ordday") else int(m.group("n"))
    if not 1 <= nth <= 21:
        return []
    return [Cand(start, m.end(), "const", value=f"{nth - 1:02d}")]


def holiday(m: re.Match[str], norm: str) -> list[Cand]:
    month_, day = lexicon().holidays[m.group("holiday")]
    part = _part(m, "part")
    # "ليلة رأس السنة" is the night before the day ("ليلة العيد": its eve).
    return [
        Cand(
            core(m),
            m.end(),
            "holiday",
            "TIME" if part else "DATE",
            month=month_,
            day=day,
            part=part,
            n=-1 if part == "NI" else 0,
        )
    ]
