"""Per-word decisions, remembered: most words of an article are decided by set algebra.

Stages ask of every distinct word of an article whether it could matter (a cue,
the first word of a gazetteer alias, a title). Asking a Python predicate for each
of ~400 distinct words per article costs a fraction of a millisecond; news
vocabulary repeats, so the answers are kept in two sets and each new article
pays only for words never seen before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet


class WordFilter:
    def __init__(self, predicate: Callable[[str], bool], limit: int = 500_000) -> None:
        self._predicate = predicate
        self._yes: set[str] = set()
        self._known: set[str] = set()  # every word decided, yes or no: one set difference per article
        self._limit = limit

    def select(self, words: Iterable[str]) -> set[str]:
        """The words for which the predicate holds."""
        distinct: AbstractSet[str] = words if isinstance(words, set | frozenset) else set(words)
        unknown = distinct - self._known
        if unknown:
            pred = self._predicate
            yes = set(filter(pred, unknown))
            if len(self._known) < self._limit:
                self._yes |= yes
                self._known |= unknown
            return (self._yes & distinct) | yes
        return self._yes & distinct
