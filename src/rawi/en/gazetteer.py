"""English names of the entities rawi knows, so that one referent is one entity in both languages.

The Arabic gazetteer's rows already carry English names (`name_en`, `aliases_en`,
`capital_en` in countries.tsv and gazetteer.tsv); this module reads those cells
and `en_gazetteer.tsv` (English-only spellings, demonyms, and a few entities
English news names that the Arabic list lacks) and points every English alias at
the same `GazEntry`, with the same key and Wikidata id. "North Korea" and "كوريا
الشمالية" therefore resolve to one entry, and `rawi.ledger.keys.global_key` gives
them one key in the ledger.

Matching is by capitalised runs: one regular expression finds every run of
capitalised words (with "of", "the", "and", "al" … inside), and each run is looked
up word by word, longest alias first, in a dictionary. The scan happens inside
the regex engine; Python touches only the runs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache, lru_cache
from itertools import compress
from types import MappingProxyType
from typing import NamedTuple

from rawi.lexicon import load_tsv
from rawi.lexicon.gazetteer import GazEntry, gazetteer

# A capitalised word (or an all-caps acronym, or "U.S."), and runs of them joined by small words.
_CAP = r"(?:[A-Z][\w'’&.-]*\w\.?|[A-Z]\.|[A-Z])"
_JOIN = r"(?:of|the|for|and|de|du|des|la|le|al|el|bin|ibn|van|von|der|den|da|di|y|on)"
# The capital comes first, and the look-behind after it, so that the engine can jump from capital
# to capital instead of testing every position.
_RUN = re.compile(rf"[A-Z](?<![\w-][A-Z])(?:[\w'’&.-]*\w\.?|\.)?(?:[ \t]+(?:{_JOIN}[ \t]+)*{_CAP})*")
_WORD = re.compile(r"[\w'’&.-]+")
_MAX_WORDS = 8


# Tuples, not frozen dataclasses: built for every name an article holds, three times faster.
class EnMatch(NamedTuple):
    start: int
    end: int
    entry: GazEntry
    demonym: bool  # "North Korean": the country named by its adjective


def _key(name: str) -> tuple[str, ...]:
    return tuple(w.rstrip(".").replace("’", "'") for w in _WORD.findall(name))


@cache
def _aliases() -> Mapping[tuple[str, ...], tuple[GazEntry, bool]]:
    gaz = gazetteer()
    out: dict[tuple[str, ...], tuple[GazEntry, bool]] = {}

    def add(name: str, entry: GazEntry | None, demonym: bool = False) -> None:
        # "Korea, Republic of" is a catalogue form, not how news writes a name.
        if entry is None or not name or "," in name or "(" in name:
            return
        k = _key(name)
        if k and k not in out:
            out[k] = (entry, demonym)

    # English-only rows first: they also settle names that two rows share.
    for row in load_tsv("en_gazetteer"):
        entry = gaz.by_key(row["key"])
        for alias in row["aliases"].split("|"):
            add(alias.strip(), entry, row["use"] == "demonym")
    for row in load_tsv("countries"):
        entry = gaz.country(row["iso2"])
        add(row["name_en"], entry)
        for alias in row["aliases_en"].split("|"):
            add(alias.strip(), entry)
    for row in load_tsv("gazetteer"):
        entry = gaz.by_key(row["key"])
        if entry is None:
            continue
        add(row["name_en"], entry)
        for alias in row["aliases_en"].split("|"):
            add(alias.strip(), entry)
    for row in load_tsv("countries"):
        if row["capital_en"]:
            add(row["capital_en"], gaz.by_key(f"capital-{row['iso2'].lower()}"))
    return MappingProxyType(out)


@cache
def _first_words() -> Mapping[str, int]:
    """The first word of every alias -> the most words an alias starting with it has."""
    out: dict[str, int] = {}
    for k in _aliases():
        out[k[0]] = max(out.get(k[0], 0), len(k))
    return MappingProxyType(out)


def lookup(name: str) -> GazEntry | None:
    """The entry an English name (as written) names, or None."""
    hit = _aliases().get(_key(name))
    return hit[0] if hit else None


class _RunHit(NamedTuple):
    """A name inside a run, offsets counted from the run's start."""

    start: int
    end: int
    entry: GazEntry
    demonym: bool


@lru_cache(maxsize=1 << 15)
def _read_run(run: str) -> tuple[_RunHit, ...]:
    """The names in one run. What a run names depends on its words alone, and the same runs ("The",
    "He", "U.S.", a story's names) come back many times an article: each is read once."""
    aliases = _aliases()
    if " " not in run and "\t" not in run:  # one word: the common case, one look-up
        word = run[:-2] if run.endswith(("'s", "’s")) else run
        hit1 = aliases.get((word.rstrip("."),))
        if hit1 is None or hit1[0].kind == "block":
            return ()
        b = len(word)
        if run[b - 1] == "." and not word[:-1].replace(".", "").isupper():
            b -= 1
        return (_RunHit(0, b, hit1[0], hit1[1]),)
    firsts = _first_words()
    # Most runs hold no word an alias starts with ("The Daily Life Of"): one set test each.
    if not any(w.rstrip(".").removesuffix("'s").removesuffix("’s").replace("’", "'") in firsts for w in run.split()):
        return ()
    spans = []
    for w in _WORD.finditer(run):
        a, b = w.start(), w.end()
        if run[b - 2 : b] in ("'s", "’s"):  # a possessive names the same thing
            b -= 2
        spans.append((a, b))
    words = [run[a:b].rstrip(".").replace("’", "'") for a, b in spans]
    out = []
    i = 0
    while i < len(words):
        hit = None
        longest = firsts.get(words[i], 0)
        for j in range(min(len(words), i + longest), i, -1):
            found = aliases.get(tuple(words[i:j]))
            if found is not None:
                hit = (j, found)
                break
        if hit is None:
            i += 1
            continue
        j, (entry, demonym) = hit
        a, b = spans[i][0], spans[j - 1][1]
        if run[b - 1] == "." and not run[a : b - 1].replace(".", "").isupper():
            b -= 1
        if entry.kind != "block":
            out.append(_RunHit(a, b, entry, demonym))
        i = j
    return tuple(out)


def find(text: str) -> list[EnMatch]:
    """Non-overlapping known names in `text`, left to right, the longest at each word."""
    out: list[EnMatch] = []
    runs = list(_RUN.finditer(text))
    # Most runs name nothing ("The", "He said"): each is read by calls made in C, and Python sees only
    # the runs with names (one in eight).
    found = list(map(_read_run, map(re.Match.group, runs)))
    for m, hits in zip(compress(runs, found), filter(None, found), strict=True):
        base = m.start()
        out.extend(EnMatch(base + h.start, base + h.end, h.entry, h.demonym) for h in hits)
    return out


__all__ = ["EnMatch", "find", "lookup"]
