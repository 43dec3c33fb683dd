"""The gazetteer: countries and capitals (CLDR via Babel, pycountry; see
scripts/build_countries.py), curated entities (gazetteer.tsv) and title words
(titles.tsv), with a fast matcher over folded text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rawi.lexicon import load_tsv
from rawi.text.normalize import fold
from rawi.text.wordfilter import WordFilter

_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class GazEntry:
    key: str
    name_ar: str
    name_en: str
    type: str
    kind: str
    link: str | None
    gender: str
    aliases: tuple[str, ...]  # folded Arabic aliases, the name included
    adjective: str | None  # folded nisba of a country ("كوري شمالي")


@dataclass(frozen=True, slots=True)
class GazMatch:
    start: int  # folded-text span of the alias as matched, without a leading clitic
    end: int
    entry: GazEntry
    via_adjective: bool


@dataclass(frozen=True, slots=True)
class Title:
    title: str
    type: str
    gender: str
    plural: bool
    role: str


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


def _adjective_forms(adj: str) -> set[str]:
    """Masculine/feminine, definite/indefinite forms of a (multi-word) nisba."""
    words = adj.split()
    forms = set()
    for definite in (False, True):
        for fem in (False, True):
            out = []
            for w in words:
                x = w + "ه" if fem and not w.endswith("ه") else w
                out.append("ال" + x if definite else x)
            forms.add(" ".join(out))
    return forms


class Gazetteer:
    def __init__(self, entries: list[GazEntry], adjectives: dict[str, GazEntry]) -> None:
        self._entries = {e.key: e for e in entries}
        self._head_cache: dict[str, tuple[tuple[str, int], ...]] = {}
        self._useful = WordFilter(lambda w: bool(self._heads_in_index(w)))
        # first word -> [(words, entry, via_adjective)], longest first
        self._index: dict[str, list[tuple[list[str], GazEntry, bool]]] = {}
        for e in entries:
            for alias in e.aliases:
                words = alias.split()
                if words:
                    self._index.setdefault(words[0], []).append((words, e, False))
        for form, e in adjectives.items():
            words = form.split()
            self._index.setdefault(words[0], []).append((words, e, True))
        for cands in self._index.values():
            cands.sort(key=lambda c: -len(c[0]))

    def __len__(self) -> int:
        return len(self._entries)

    def by_key(self, key: str) -> GazEntry | None:
        return self._entries.get(key)

    def _heads_in_index(self, word: str) -> tuple[tuple[str, int], ...]:
        """The readings of a word (without clitics) that start some alias; cached per word."""
        hit = self._head_cache.get(word)
        if hit is None:
            hit = tuple(h for h in self._heads(word) if h[0] in self._index)
            if len(self._head_cache) < 200_000:
                self._head_cache[word] = hit
        return hit

    def _heads(self, word: str) -> list[tuple[str, int]]:
        """(form to look up, characters of clitic before it) for a word."""
        out = [(word, 0)]
        if len(word) > 3:
            if word.startswith("لل"):
                out.append(("ال" + word[2:], 1))
            if word[0] in "وفبلك":
                out.append((word[1:], 1))
                if word[0] in "وف" and len(word) > 4 and word[1] in "بلك":
                    out.append((word[2:], 2))
                    if word[1] == "ل" and word[2] == "ل":
                        out.append(("ا" + word[2:], 2))
        return out

    def find(self, norm: str, tokens: Sequence[tuple[int, int, str]] | None = None,
             words: AbstractSet[str] | None = None) -> list[GazMatch]:
        """Longest alias matches, left to right, without overlaps.

        `tokens` (start, end, text) and their distinct `words` may be passed when the
        caller has them already.
        """
        toks = tokens if tokens is not None else [(m.start(), m.end(), m.group()) for m in _WORD.finditer(norm)]
        useful = self._useful.select(words if words is not None else {t[2] for t in toks})
        if not useful:
            return []
        texts = [t[2] for t in toks]
        index = self._index
        out: list[GazMatch] = []
        n = len(toks)
        after = 0  # matches may not overlap
        for i in [i for i, w in enumerate(texts) if w in useful]:
            if i < after:
                continue
            best: tuple[int, GazMatch] | None = None
            for head, skip in self._heads_in_index(texts[i]):
                for alias, entry, adj in index[head]:
                    m = len(alias)
                    if i + m > n or (best is not None and m <= best[0]):
                        continue
                    if (m == 1 or texts[i + 1:i + m] == alias[1:]) \
                            and all(toks[i + x][0] - toks[i + x - 1][1] <= 1 for x in range(1, m)):
                        best = (m, GazMatch(toks[i][0] + skip, toks[i + m - 1][1], entry, adj))
                        break
            if best is not None:
                out.append(best[1])
                after = i + best[0]
        return out


def _countries() -> tuple[list[GazEntry], dict[str, GazEntry]]:
    entries: list[GazEntry] = []
    adjectives: dict[str, GazEntry] = {}
    for r in load_tsv("countries"):
        aliases = tuple(dict.fromkeys(fold(a) for a in [r["name_ar"], *_split(r["aliases_ar"])]))
        adj = fold(r["adjective_ar"]) if r.get("adjective_ar") else None
        e = GazEntry(r["iso2"], r["name_ar"], r["name_en"], "GPE", "country", r["qid"] or None,
                     r.get("gender") or "f", aliases, adj)
        entries.append(e)
        if adj:
            for form in _adjective_forms(adj):
                adjectives.setdefault(form, e)
        if r.get("capital_ar"):
            caps = tuple(dict.fromkeys(fold(a) for a in [r["capital_ar"], *_split(r["capital_aliases_ar"])]))
            entries.append(GazEntry(f"{r['iso2']}-capital", r["capital_ar"], r["capital_en"], "GPE", "capital",
                                    r["capital_qid"] or None, "f", caps, None))
    return entries, adjectives


def _curated() -> list[GazEntry]:
    if not resources.files("rawi.lexicon").joinpath("data", "gazetteer.tsv").is_file():
        return []
    out = []
    for r in load_tsv("gazetteer"):
        aliases = tuple(dict.fromkeys(fold(a) for a in [r["name_ar"], *_split(r["aliases_ar"])]))
        out.append(GazEntry(r["key"], r["name_ar"], r["name_en"], r["type"], r["kind"], r["qid"] or None,
                            r.get("gender") or "m", aliases, None))
    return out


@cache
def gazetteer() -> Gazetteer:
    entries, adjectives = _countries()
    return Gazetteer(entries + _curated(), adjectives)


@cache
def titles() -> Mapping[str, Title]:
    return {r["title"]: Title(r["title"], r["type"], r["gender"], r["plural"] == "y", r["role"])
            for r in load_tsv("titles", ("title",))}
