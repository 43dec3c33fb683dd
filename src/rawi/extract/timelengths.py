"""Reading lengths, sets, vague references and bare years into `Cand`s (see `timeparse`).

"منذ عامين", "أربعة أشهر", "(33 عامًا)", "السنوات الماضية" are lengths;
"قبل ثلاثة أيام" and "بعد شهر واحد" count from a time; "سنويا" and "كل
عام" are sets; "حاليا", "سابقا", "قريبا" are vague references; "(مواليد
1986)" is a year only because of the word before it.
"""

from __future__ import annotations

import re

from rawi.extract.timecalendar import duration_value
from rawi.extract.timegrammar import lexicon
from rawi.extract.timeparse import Cand, ahead, bare_in, core, modifier, number, prev_word

_DIGITS_BEFORE = re.compile(r"[0-9] *$")
_FRACTIONS = {"نصف": 0.5, "ربع": 0.25}
# What may follow a vague length that ends its phrase: punctuation, a preposition, a conjunction,
# or an adjective of the length ("لأيام عديدة", "خلال أيام قليلة").
_PHRASE_END = re.compile(
    r" *(?:$|[.،,؛:!?؟)\n]|(?:في|من|عن|علي|الي|حتي|قبل|بعد|دون|مع|بسبب|ثم|او|و\w*"
    r"|عديده|قليله|طويله|معدوده|اخري|متتاليه|فقط)(?!\w))"
)
_DEFINITE = re.compile(r"[وفبلك]{0,2}ال")


def pastlen(m: re.Match[str], norm: str) -> list[Cand]:
    lx = lexicon()
    mod = modifier(m)
    if mod not in ("past", "next", "last"):
        return []
    if m.group("unitpl"):
        u = lx.units[m.group("unitpl")[2:]]
        n: float | None = 2 if u.count == 2 and not m.group("fewer") else None
        if m.group("num"):
            n = number(norm, m)
            if n is None:
                return []
        unit = u.unit
    else:
        n, unit = int(m.group("n")), lx.units[m.group("unit")].unit
    return [Cand(core(m), m.end(), "const", "DURATION", value=duration_value(n, unit))]


def _count(m: re.Match[str], norm: str) -> tuple[float | None, str] | None:
    """The count and unit of a length: (None, unit) when vague; None when unreadable."""
    lx = lexicon()
    if m.group("unit"):
        before = prev_word(norm, m.start("num"))
        if (
            _DIGITS_BEFORE.search(norm, max(0, m.start("num") - 8), m.start("num"))
            or bare_in(before, lx.number_words)
            or bare_in(before.removeprefix("ال"), lx.number_words)
        ):
            return None  # "100 ألف ساعة", "أحد عشر عاما": the number starts earlier
        n = number(norm, m)
        if n is None:
            n = _FRACTIONS.get(m.group("num"))  # "نصف قرن", "ربع ساعة"
        if n is None or n <= 0 or n > 5000:
            return None
        return float(n), lx.units[m.group("unit")].unit
    if m.group("dual"):
        return 2.0, lx.units[m.group("dual")].unit
    if m.groupdict().get("sing"):
        return 1.0, lx.units[m.group("sing")].unit
    if m.group("plural"):
        return None, lx.units[m.group("plural")].unit
    return None


def ago(m: re.Match[str], norm: str) -> list[Cand]:
    start = core(m)
    direction = m.group("dir")
    end = m.end()
    if m.group("vague"):
        if direction != "منذ" or (m.group("vague") == "وقت" and not m.group("long")):
            return []
        return [Cand(start, end, "const", "DURATION", value="PXX")]
    if m.group("frac"):
        # "قبل نصف قرن": half a unit, counted in the unit below it.
        half = 0.5 if m.group("frac") == "نصف" else 0.25
        counted: tuple[float | None, str] | None = _smaller(half, lx_unit(m.group("funit")))
    else:
        counted = _count(m, norm)
        if counted is not None and counted[0] is not None and counted[0] != int(counted[0]):
            counted = _smaller(counted[0], counted[1])  # "قبل نصف قرن": 50 years
    if counted is None:
        return []
    n, unit = counted
    if m.group("now") and n is not None and n == int(n) and direction != "منذ":
        # "بعد شهر من الآن", "قبل عامين من اليوم": counted from the dateline.
        return [Cand(start, end, "rel", unit=unit, n=int(n) if direction == "بعد" else -int(n))]
    if m.group("now"):
        end = m.start("now")
    sing = m.group("sing")
    if direction == "بعد" and sing and prev_word(norm, start) in (sing, sing + "ا"):
        return []  # "يوما بعد يوم": day after day
    if direction == "منذ":
        return [Cand(start, end, "const", "DURATION", value=duration_value(n, unit))]
    # "قبل ثلاثة أيام من الانتخابات": a length before an event, not a date.
    if norm.startswith((" من ", " علي "), end) and not norm.startswith(" من اجل", end) and n is not None:
        inner = min(m.start(g) for g in ("qual", "num", "dual", "sing") if m.start(g) >= 0)
        return [Cand(inner, end, "const", "DURATION", value=duration_value(n, unit))]
    if n is None:
        return [Cand(start, end, "const", value="PAST_REF")] if direction == "قبل" else []
    step = int(n) if n == int(n) else 0
    if step == 0:
        return []
    if direction == "قبل":
        return [Cand(start, end, "rel", unit=unit, n=-step)]
    # "بعد شهر واحد" counts from the time just mentioned, or from the dateline in a
    # clause about the future; otherwise it is a length ("بعد 8 سنوات قضاها في السجن").
    inner = min(m.start(g) for g in ("qual", "num", "dual", "sing") if m.start(g) >= 0)
    return [
        Cand(
            start, end, "after", unit=unit, n=step, ahead=ahead(norm, start), value=duration_value(n, unit), inner=inner
        )
    ]


def lx_unit(word: str) -> str:
    return lexicon().units[word].unit


_BELOW = {
    "CE": ("Y", 100),
    "DE": ("Y", 10),
    "Y": ("M", 12),
    "M": ("D", 30),
    "W": ("D", 7),
    "D": ("H", 24),
    "H": ("MIN", 60),
}


def _smaller(n: float, unit: str) -> tuple[float, str] | None:
    """A fraction of a unit as a whole count of the unit below: half a century is 50 years."""
    if unit not in _BELOW:
        return None
    sub, k = _BELOW[unit]
    return n * k, sub


def every(m: re.Match[str], norm: str) -> list[Cand]:
    counted = _count(m, norm)
    if counted is None or counted[0] is None or counted[1] in ("DE", "CE"):
        return []  # "كل عقد" is every contract
    return [Cand(core(m), m.end(), "const", "SET", value=duration_value(counted[0], counted[1]))]


def length(m: re.Match[str], norm: str) -> list[Cand]:
    lx = lexicon()
    start = core(m)
    if m.group("punit"):
        n: float | None = float(m.group("pnum"))
        unit = lx.units[m.group("punit")].unit
    else:
        counted = _count(m, norm)
        if counted is None:
            return []
        n, unit = counted
    after_dur = bare_in(prev_word(norm, start), lx.context["dur"])
    if unit in ("DE", "CE") and not (m.group("qual") or after_dur):
        return []  # عقدين / عقود are also contracts
    # A bare plural is a length only after "خلال", "طوال", "لمدة" or ل ("لأشهر"), and only when it
    # ends its phrase: "لأيام قرطاج السينمائية", "خلال أيام المهرجان" name days of something.
    if (
        m.group("plural")
        and not m.group("few")
        and not m.group("qual")
        and (not (after_dur or "ل" in (m.group("cl") or "")) or not _PHRASE_END.match(norm, m.end()))
    ):
        return []
    if m.group("half") and n is not None:
        n += 0.5
    return [Cand(start, m.end(), "const", "DURATION", value=duration_value(n, unit))]


def single(m: re.Match[str], norm: str) -> list[Cand]:
    lx = lexicon()
    start = core(m)
    unit = lx.units[m.group("sing")].unit
    marked = m.group("qual") or m.group("one")
    if not marked and (unit in ("DE", "CE") or not bare_in(prev_word(norm, start), lx.context["dur"])):
        return []
    return [Cand(start, m.end(), "const", "DURATION", value=duration_value(1, unit))]


def _guarded(guard: str, m: re.Match[str], norm: str, start: int) -> bool:
    """Whether the guard of a fixed phrase (time_vague.tsv) rules this occurrence out."""
    if guard == "notfirst":
        before = norm[max(0, start - 3) : start].strip(" ")
        return bool(m.group("cl")) or not before or before[-1] in ".!?؟\n*:"
    if guard == "notmin":
        return norm.startswith(" من ", m.end())
    if guard == "afterdef":
        return not _DEFINITE.match(prev_word(norm, start))
    return False


def fixed(m: re.Match[str], norm: str) -> list[Cand]:
    lx = lexicon()
    start = core(m)
    entry = lx.fixed[m.group("fixed")]
    if _guarded(entry.guard, m, norm, start):
        return []
    if entry.guard == "tense" and ahead(norm, start):
        return [Cand(start, m.end(), "const", entry.type, value="FUTURE_REF")]
    return [Cand(start, m.end(), "const", entry.type, value=entry.value)]


_PAIRED_YEAR = re.compile(r"(?:1[89]|20)[0-9]{2} *(?:م *)?$")
_YEAR_AFTER = re.compile(r" *(?:و|الي|حتي|-) *(?:1[89]|20)[0-9]{2}(?![0-9])")


def bareyear(m: re.Match[str], norm: str) -> list[Cand]:
    lx = lexicon()
    start = core(m)
    nxt = norm[m.end() : m.end() + 2]
    if nxt[:1] in ("%", "/", "-") or (nxt[:1] in ".," and nxt[1:2].isdigit()):
        return []
    prev = prev_word(norm, start)
    ok = bare_in(prev, lx.context["year"])
    if not ok and m.group("cl") == "و" and _PAIRED_YEAR.search(norm, max(0, start - 10), start - 1):
        ok = True  # "2014 و2015"
    if not ok and prev in ("بين", "من"):
        ok = _YEAR_AFTER.match(norm, m.end()) is not None
    if not ok:
        return []
    return [Cand(start, m.end(), "const", value=m.group("year"))]
