"""English quantities (stub)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EnQuantity:
    start: int
    end: int
    value: int | float
    qualifier: str
    high: int | float | None
    unit: str | None


def extract_quantities(text: str, exclude: Sequence[tuple[int, int]]) -> list[EnQuantity]:
    return []
