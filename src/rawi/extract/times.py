"""TIMEX3 time expressions in folded Arabic news text.

`extract_times(norm, published, quotes)` finds dates, times of day,
durations and sets and gives each its TIMEX3 value, resolved against the
dateline and, for anaphoric expressions ("بعد شهر واحد", "في ذلك الوقت",
"في الأسبوع نفسه"), against the time the text mentioned last. "اليوم",
"أمس" and "غدا" inside a quotation count from the day the words were said:
the nearest day named before the quote, else the dateline.

Finding is in `timegrammar` (patterns), `timeparse` and `timelengths` (what a match says);
this module orders the pieces and places them on the calendar.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rawi.extract import timelengths as tl
from rawi.extract import timeparse as tp
from rawi.extract.timecalendar import (
    UNKNOWN,
    coarser,
    day_month_date,
    hijri_day_month_date,
    hijri_to_gregorian,
    hijri_year,
    month_year,
    pm_hour,
    render,
    safe_date,
    shift,
    weekday_date,
)
from rawi.extract.timegrammar import anchors, master, rules
from rawi.extract.timeparse import Cand, Handler

__all__ = ["TimeMatch", "extract_times"]

# How far before a quote the day it was said may be named.
QUOTE_REACH = 800
# How far back "في ذلك الوقت" looks for the time it refers to.
ANAPHOR_REACH = 1500
# How far back "بعد شهر واحد" looks for the time it counts from.
AFTER_REACH = 400
# How many days ahead a holiday named without a year is the coming one ("رأس السنة" on 28 December).
HOLIDAY_AHEAD = 20


@dataclass(frozen=True, slots=True)
class TimeMatch:
    start: int  # offsets into the folded text
    end: int
    type: str  # "DATE" | "TIME" | "DURATION" | "SET"
    value: str  # TIMEX3 value


@dataclass(frozen=True, slots=True)
class _Point:
    """A resolved date: the first day of the period and its granularity (Y M W D)."""

    start: int
    end: int
    gran: str
    date: dt.date
    value: str


# Each rule of `timegrammar` and the function that reads its matches.
HANDLERS: dict[str, Handler] = {
    "numeric": tp.numeric,
    "hijri": tp.hijri,
    "dmy": tp.dmy,
    "dayrel": tp.dayrel,
    "quarter": tp.quarter,
    "month": tp.month,
    "season": tp.season,
    "year": tp.year,
    "anaphor": tp.anaphor,
    "earlier": tp.earlier,
    "relunit": tp.relunit,
    "deictic": tp.deictic,
    "weekday": tp.weekday,
    "clock": tp.clock,
    "period": tp.period,
    "decade": tp.decade,
    "century": tp.century,
    "holiday": tp.holiday,
    "midnight": tp.midnight,
    "eve": tp.eve,
    "hperiod": tp.hperiod,
    "pastlen": tl.pastlen,
    "ago": tl.ago,
    "every": tl.every,
    "length": tl.length,
    "single": tl.single,
    "fixed": tl.fixed,
    "bareyear": tl.bareyear,
}


def _match_at(norm: str, pos: int) -> list[Cand]:
    m = master().match(norm, pos)
    if m is None or m.lastgroup is None:
        return []
    all_rules = rules()
    for rule in all_rules[int(m.lastgroup[1:]) :]:
        mm = rule.regex.match(norm, pos)
        if mm is not None:
            found = HANDLERS[rule.name](mm, norm)
            if found:
                return found
    return []


def _scan(norm: str) -> list[Cand]:
    out: list[Cand] = []
    covered = 0
    for a in anchors().finditer(norm):
        if a.start() < covered:
            continue
        found = _match_at(norm, a.start())
        if found:
            out.extend(c for c in found if c.kind != "skip")
            covered = found[-1].end
    return out


_CLOCK_GAP = re.compile(r"[ ،,]*(?:(?:في|علي|عند) +)?(?:تمام +)?")
_RANGE_GAP = re.compile(r" *(?:-|–|الي|حتي|و) *")
_AFTER_CLOCK = re.compile(r" *(?:من +)?")
_SENTENCE_END = re.compile(r"[.!?؟\n]")


def _is_day(c: Cand) -> bool:
    return c.hour is None and (c.kind == "deictic" or (c.kind == "date" and (c.day or c.weekday) is not None))


def _combine(norm: str, cands: list[Cand]) -> list[Cand]:
    """Join a clock time to the day before it; give "11 مارس" the year of "13 مارس 2017" after it."""
    out: list[Cand] = []
    for c in cands:
        prev = out[-1] if out else None
        if prev is None:
            out.append(c)
            continue
        if c.kind == "clock" and _is_day(prev) and _CLOCK_GAP.fullmatch(norm, prev.end, c.start):
            part = c.part or prev.part
            out[-1] = replace(prev, end=c.end, type="TIME", hour=c.hour, minute=c.minute, part=part)
            continue
        if prev.kind == "clock" and _is_day(c) and _AFTER_CLOCK.fullmatch(norm, prev.end, c.start):
            # "الساعة العاشرة من صباح أمس": the clock belongs to the day after it.
            hour = prev.hour if prev.part else pm_hour(prev.hour or 0, c.part)
            part = prev.part or c.part
            out[-1] = replace(c, start=prev.start, type="TIME", hour=hour, minute=prev.minute, part=part)
            continue
        out.append(c)
    for i in range(len(out) - 1):
        c, nxt = out[i], out[i + 1]
        if (
            c.kind == "date"
            and c.year is None
            and c.month is not None
            and not c.hijri
            and c.mod is None
            and nxt.kind == "date"
            and nxt.year is not None
            and nxt.month is not None
            and _RANGE_GAP.fullmatch(norm, c.end, nxt.start)
        ):
            out[i] = replace(c, year=nxt.year if c.month <= nxt.month else nxt.year - 1)
    return out


_POINT = re.compile(r"([0-9]{4})(?:-(?:W([0-9]{2})|([0-9]{2}))(?:-([0-9]{2}))?)?(?:T.*)?")


def _point(c: Cand, value: str) -> _Point | None:
    m = _POINT.fullmatch(value)
    if m is None:
        return None
    year = int(m.group(1))
    if m.group(2):
        try:
            d = dt.date.fromisocalendar(year, int(m.group(2)), 1)
        except ValueError:
            return None
        return _Point(c.start, c.end, "W", d, value)
    month = int(m.group(3) or 1)
    day = int(m.group(4) or 1)
    d0 = safe_date(year, month, day)
    if d0 is None:
        return None
    gran = "D" if m.group(4) else "M" if m.group(3) else "Y"
    return _Point(c.start, c.end, gran, d0, value)


_GRAN = {"Y": "Y", "M": "M", "W": "W", "D": "D", "H": "D", "MIN": "D", "DE": "Y", "CE": "CE"}
_RANK = {"D": 0, "W": 1, "M": 2, "Y": 3, "CE": 4}
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11)}


def _nearest_weekday(d: dt.date, isoweekday: int) -> dt.date:
    """The day named `isoweekday` within three days of `d` (earlier on a tie)."""
    back = (d.isoweekday() - isoweekday) % 7
    return d - dt.timedelta(days=back) if back <= 3 else d + dt.timedelta(days=7 - back)


class _Resolver:
    """Places candidates on the calendar in text order, remembering the last time mentioned."""

    def __init__(self, norm: str, published: dt.date | None, quotes: Sequence[tuple[int, int]]) -> None:
        self.norm = norm
        self.dateline = published
        self.today = published
        self.quotes = sorted(quotes)
        self.last: _Point | None = None
        self.days: list[_Point] = []

    def gloss(self, cands: list[Cand]) -> None:
        """ "اليوم (الخميس)", "أمس الجمعة": the article names today itself."""
        if self.dateline is None:
            return
        for c in cands:
            if c.kind == "deictic" and c.weekday is not None and self._quote(c.start) is None:
                # The named day nearest the one the dateline implies: a dateline a day
                # late ("أمس الثلاثاء" on a Tuesday) moves today, it does not move a week.
                said = _nearest_weekday(self.dateline + dt.timedelta(days=c.n), c.weekday)
                self.today = said - dt.timedelta(days=c.n)
                return

    def _quote(self, pos: int) -> tuple[int, int] | None:
        for q in self.quotes:
            if q[0] <= pos < q[1]:
                return q
        return None

    def _base(self, c: Cand) -> dt.date | None:
        """The day "اليوم" means at c: the day a quote was said, else today."""
        q = self._quote(c.start)
        if q is None:
            return self.today
        for p in reversed(self.days):
            if p.end <= q[0] and q[0] - p.start <= QUOTE_REACH:
                if self.dateline is None or p.date <= self.dateline:
                    return p.date
                continue
            if p.end <= q[0]:
                break
        return self.today

    def _clock_day(self, c: Cand) -> dt.date | None:
        """A clock time counts from the day named earlier in its sentence, else from today."""
        if self.days and not _SENTENCE_END.search(self.norm, self.days[-1].end, c.start):
            return self.days[-1].date
        return self._base(c)

    def eve(self, c: Cand, nxt: Cand | None) -> tuple[TimeMatch | None, bool]:
        """ "غداة يوم السبت" (the day after the day named next, the two one expression) or "غداة
        الحادث" (the day after the day mentioned last, within reach); nothing when no day is known.
        Returns the match and whether it took the next candidate in."""
        if nxt is not None and _is_day(nxt) and not self.norm[c.end : nxt.start].strip():
            day = self.resolve(nxt)
            p = _point(nxt, day.value)
            if p is None or p.gran != "D":
                return day, True
            d = p.date + dt.timedelta(days=c.n)
            self.last = replace(p, start=c.start, date=d, value=render(d, "D"))
            return TimeMatch(c.start, nxt.end, "DATE", render(d, "D")), True
        last = self.last
        if c.n < 0 or last is None or last.gran != "D" or c.start - last.end > AFTER_REACH:
            return None, False  # ("عشية تصريحات الرئيس": the eve of an event, whose day is not known)
        d = last.date + dt.timedelta(days=c.n)
        return TimeMatch(c.start, c.end, "DATE", render(d, "D")), False

    def resolve(self, c: Cand) -> TimeMatch:
        if c.kind == "after":
            if self.last is not None and c.start - self.last.end <= AFTER_REACH:
                c = replace(c, kind="anarel")
            elif c.ahead and self.today is not None:
                c = replace(c, kind="rel")
            else:
                return TimeMatch(c.inner, c.end, "DURATION", c.value)
        value = self._value(c)
        if c.type in ("DATE", "TIME"):
            p = _point(c, value)
            if p is not None:
                self.last = p
                if p.gran == "D":
                    self.days.append(p)
        return TimeMatch(c.start, c.end, c.type, value)

    def _value(self, c: Cand) -> str:
        if c.kind == "const":
            return c.value
        day = self._day_value(c)
        if day is None:
            return self._other(c)
        if c.hour is not None:
            return f"{day}T{c.hour:02d}:{c.minute:02d}"
        return f"{day}T{c.part}" if c.part else day

    def _day_value(self, c: Cand) -> str | None:
        """The value of candidates that name a day, a month or a year; None for the others."""
        ref = self.today
        if c.kind == "deictic" or c.kind == "clock":
            base = self._clock_day(c) if c.kind == "clock" else self._base(c)
            if base is None:
                return UNKNOWN["D"]
            day = base + dt.timedelta(days=c.n)
            if c.weekday is not None:
                day = _nearest_weekday(day, c.weekday)  # "أمس (الجمعة)": the article's own word wins
            return render(day, "D")
        if c.kind != "date":
            return None
        if c.month is None:
            if c.weekday is None:
                return None
            if ref is None:
                return f"XXXX-WXX-{c.weekday}"
            return render(weekday_date(c.weekday, ref, c.mod, c.ahead), "D")
        month, year = c.month, c.year
        if year is None and c.yoff is not None and ref is not None:
            year = ref.year + c.yoff
        if c.day is None:
            if year is not None:
                return f"{year:04d}-{month:02d}"
            if ref is None:
                return f"XXXX-{month:02d}"
            return f"{month_year(month, ref, c.mod, c.ahead):04d}-{month:02d}"
        if year is not None:
            return f"{year:04d}-{month:02d}-{c.day:02d}"
        if ref is None:
            return UNKNOWN["D"] if c.hijri else f"XXXX-{month:02d}-{c.day:02d}"
        pick = hijri_day_month_date if c.hijri else day_month_date
        d = pick(month, c.day, ref, c.mod, c.ahead)
        return render(d, "D") if d else UNKNOWN["D"]

    def _hijri_part(self, c: Cand, ref: dt.date) -> str:
        """ "مطلع رمضان": the Gregorian month of the Hijri month's start (its middle, its end)."""
        month = c.month or 1
        if c.year is not None:
            d = hijri_to_gregorian(c.year, month, _hijri_day(c.sub))
        else:
            first = hijri_day_month_date(month, 1, ref, None, c.ahead)
            hy = hijri_year(first) if first else None
            d = hijri_to_gregorian(hy, month, _hijri_day(c.sub)) if hy else None
        return render(d, "M") if d else UNKNOWN["M"]

    def _other(self, c: Cand) -> str:
        ref = self.today
        if c.kind == "same":
            last = self.last
            if not c.unit:
                # "آنذاك", "في ذلك الوقت" look back to a time before today, not far back in the text.
                far = last is None or c.start - last.end > ANAPHOR_REACH
                if last is None or far or (ref is not None and last.date >= ref):
                    return "PAST_REF"
                return last.value
            if last is None:
                return render(ref, c.unit) if ref else UNKNOWN[c.unit]
            return render(last.date, c.unit) if _RANK[last.gran] <= _RANK[c.unit] else last.value
        if c.kind == "anarel":
            gran = _GRAN[c.unit]
            if self.last is not None:
                anchor, gran = self.last.date, coarser(self.last.gran, gran)
            elif ref is not None:
                anchor = ref
            else:
                return UNKNOWN[gran]
            return render(shift(anchor, c.n, c.unit), gran)
        if ref is None:
            return UNKNOWN.get(_GRAN.get(c.unit, "D"), "XXXX-XX-XX") if c.kind == "rel" else UNKNOWN["D"]
        if c.kind == "rel":
            value = render(shift(ref, c.n, c.unit), _GRAN[c.unit])
            return f"{value}-{c.sub}" if c.sub else value
        if c.kind == "dayrel":
            first = shift(ref.replace(day=1), c.n, "M")
            d = safe_date(first.year, first.month, c.day or 1)
            return render(d, "D") if d else render(first, "M")
        if c.kind == "holiday":
            month, day = c.month or 1, c.day or 1
            d = safe_date(ref.year, month, day)
            if d is not None and d < ref - dt.timedelta(days=HOLIDAY_AHEAD):
                # Long past this year: the coming one when it is close ("رأس السنة" on 28 December).
                coming = safe_date(ref.year + 1, month, day)
                d = coming if coming is not None and (coming - ref).days <= HOLIDAY_AHEAD else d
            elif d is None or (d > ref and (d - ref).days > HOLIDAY_AHEAD):
                d = safe_date(ref.year - 1, month, day)
            if d is None:
                return UNKNOWN["D"]
            d += dt.timedelta(days=c.n)  # "ليلة رأس السنة": the night before
            return f"{render(d, 'D')}T{c.part}" if c.part else render(d, "D")
        if c.kind == "hperiod":
            return self._hijri_part(c, ref)
        if c.kind == "season":
            opens, closes = _SEASON_MONTHS[c.sub]
            year = ref.year
            if c.mod == "past" and ref.month <= closes:
                year -= 1
            elif c.mod == "next" and ref.month >= opens:
                year += 1
            return f"{year:04d}-{c.sub}"
        return c.value


def _hijri_day(part: str) -> int:
    return {"start": 1, "mid": 15}.get(part, 29)


def extract_times(norm: str, published: dt.date | None, quotes: Sequence[tuple[int, int]] = ()) -> list[TimeMatch]:
    """Time expressions in folded text `norm`, sorted by start and not overlapping.

    `published` is the dateline (None: relative expressions stay
    underspecified, "XXXX-04"); `quotes` are folded spans of quoted passages,
    inside the quotation marks.
    """
    if isinstance(published, dt.datetime):
        published = published.date()
    cands = _combine(norm, _scan(norm))
    resolver = _Resolver(norm, published, quotes)
    resolver.gloss(cands)
    out: list[TimeMatch] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        if c.kind == "eve":
            found, took = resolver.eve(c, cands[i + 1] if i + 1 < len(cands) else None)
            if found is not None:
                out.append(found)
            i += 2 if took else 1
            continue
        out.append(resolver.resolve(c))
        i += 1
    return out
