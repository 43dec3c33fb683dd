"""English TIMEX3 times (stub)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rawi.en.text import EnText


@dataclass(frozen=True, slots=True)
class EnTime:
    start: int
    end: int
    type: str
    value: str


def extract_times(et: EnText, published: dt.date | None) -> list[EnTime]:
    return []
