"""Values and days: the interval of true values a qualified figure allows, and the
calendar days a TIMEX3 value covers. Pure functions, shared by frames and comparisons."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

INF = float("inf")
# An approximate figure ("حوالي 2000") allows this relative error either way.
# Ten per cent is the usual reading of "about" in casualty and budget reporting:
# "حوالي 2000" and "2100" agree, "حوالي 2000" and "2500" do not.
APPROX_TOLERANCE = 0.10


@dataclass(frozen=True, slots=True)
class Interval:
    """The true values a figure allows. Counts are never negative, so "fewer than" starts at 0."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def overlaps(self, other: Interval) -> bool:
        """Whether both figures can hold at once (some value lies in both intervals)."""
        low, high = max(self.low, other.low), min(self.high, other.high)
        low_open = (self.low == low and self.low_open) or (other.low == low and other.low_open)
        high_open = (self.high == high and self.high_open) or (other.high == high and other.high_open)
        return low < high or (low == high and not low_open and not high_open)

    def __str__(self) -> str:
        lo = "(" if self.low_open else "["
        hi = ")" if self.high_open else "]"
        return f"{lo}{self.low:g}, {self.high:g}{hi}"


_SCALED = re.compile(r"(\d+)(?:[.,،٫](\d+))?\s*(?:ال|و)?(?:ألف|الف|آلاف|الاف|مليون|ملايين|مليار|مليارات|بليون)")
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


def written_unit(text: str, value: float) -> float:
    """How coarse a figure is as written: "26،2 مليون" is given to the nearest 100,000, "74 ألف"
    to the nearest 1,000; 0 for a figure written out in full ("26.250.799") or in words."""
    m = _SCALED.search(text.translate(_ARABIC_DIGITS))
    if m is None:
        return 0.0
    number = float(m.group(1) + ("." + m.group(2) if m.group(2) else ""))
    if number <= 0:
        return 0.0
    return abs(value) / number * 10.0 ** -len(m.group(2) or "")


def interval(value: float, qualifier: str, high: float | None = None, unit: float = 0.0) -> Interval:
    """The interval a qualified figure allows; an unknown qualifier reads as `eq`.

    eq [v, v]; gt (v, inf); ge [v, inf); lt [0, v); le [0, v] (from -inf when v <= 0:
    a negative figure is a change, not a count); approx [v(1-t), v(1+t)] with
    t = APPROX_TOLERANCE; range [v, high] (either order). An exact figure written to a coarse
    `unit` ("26،2 مليون") allows a unit either way: it was rounded.
    """
    v = float(value)
    floor = 0.0 if v > 0 else -INF
    if qualifier == "gt":
        return Interval(v, INF, True, True)
    if qualifier == "ge":
        return Interval(v, INF, False, True)
    if qualifier == "lt":
        return Interval(floor, v, floor == -INF, True)
    if qualifier == "le":
        return Interval(floor, v, floor == -INF, False)
    if qualifier == "approx":
        a, b = v * (1 - APPROX_TOLERANCE), v * (1 + APPROX_TOLERANCE)
        return Interval(min(a, b), max(a, b))
    if qualifier == "range" and high is not None:
        h = float(high)
        return Interval(min(v, h), max(v, h))
    return Interval(v - unit, v + unit)


def windows_overlap(a: tuple[str, str] | None, b: tuple[str, str] | None) -> bool:
    """Whether two windows share a day. None is an unknown window: it overlaps nothing,
    so a figure whose time we cannot place never takes part in a conflict or revision."""
    if a is None or b is None:
        return False
    return a[0] <= b[1] and b[0] <= a[1]


_YEAR = re.compile(r"(\d{4})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?")
_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_PART = re.compile(r"(\d{4})-([QH])([1-4])")
_DECADE = re.compile(r"(\d{3})X")


def _month_end(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"


def time_window(value: str, published: str | None = None) -> tuple[str, str] | None:
    """Calendar days (first, last) of a TIMEX3 value, or None when the calendar cannot place it.

    2025 -> (2025-01-01, 2025-12-31); 2025-09 -> (2025-09-01, 2025-09-30); 2025-W43 -> that
    ISO week; 2025-Q1, 2025-H2, 202X; a datetime -> its day; PRESENT_REF -> the dateline day.
    """
    try:
        if m := _DAY.fullmatch(value):
            day = dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            return day, day
        if m := _MONTH.fullmatch(value):
            y, mo = int(m[1]), int(m[2])
            return f"{y:04d}-{mo:02d}-01", _month_end(y, mo)
        if m := _YEAR.fullmatch(value):
            return f"{m[1]}-01-01", f"{m[1]}-12-31"
        if m := _WEEK.fullmatch(value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
        if m := _PART.fullmatch(value):
            y, n = int(m[1]), int(m[3])
            months = 3 if m[2] == "Q" else 6
            if n * months > 12:
                return None
            first = (n - 1) * months + 1
            return f"{y:04d}-{first:02d}-01", _month_end(y, first + months - 1)
        if m := _DECADE.fullmatch(value):
            return f"{m[1]}0-01-01", f"{m[1]}9-12-31"
    except ValueError:  # 2025-02-30, week 54: not a calendar day
        return None
    if value == "PRESENT_REF" and published:
        return time_window(published[:10])
    return None


def shift(day: str, days: int) -> str:
    """An ISO day moved by `days`."""
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


def days_between(a: str, b: str) -> int:
    """b - a in days, for ISO days."""
    return (dt.date.fromisoformat(b[:10]) - dt.date.fromisoformat(a[:10])).days


__all__ = ["APPROX_TOLERANCE", "Interval", "days_between", "interval", "shift", "time_window", "windows_overlap"]
