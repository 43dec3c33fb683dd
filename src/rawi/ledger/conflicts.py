"""Conflicts, revisions, contradictions and timelines over quantity claims (pure functions).

- **conflict**: two claims with the same key whose windows share a day, from
  independent sources, whose intervals cannot both hold ("أكثر من 10000" vs
  "9000"). Sources are independent when they differ and the two articles are
  not syndicated copies of each other. A claim without a known source speaks
  for its article: two such claims are independent when their articles are.
- **revision**: the same (known) source giving figures that cannot both hold,
  for the same key, in articles of different dates; the windows overlap, or
  both figures are "as of" their datelines (a running toll updated).
- **contradiction**: one source denies a figure that another asserts (same
  key, windows sharing a day, intervals that overlap).

Claims are not compared when their predicate is unknown (too vague to oppose),
their window is unknown (None overlaps nothing), or for conflicts and
revisions, when their source denies the figure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from rawi.ledger.claims import ClaimKey, QuantityClaim, windows_overlap
from rawi.lexicon.gazetteer import gazetteer
from rawi.text.normalize import fold

_NONE: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Conflict:
    kind: str  # conflict | revision | contradiction
    a: QuantityClaim  # the earlier claim (by published date, then article, then offset)
    b: QuantityClaim
    reason: str


def _order(c: QuantityClaim) -> tuple[str, str, int]:
    return (c.published or "", c.doc_key, c.evidence.start)


def _canonical(doc_key: str, syndicated: Mapping[str, str]) -> str:
    """The original a syndicated copy points to, following chains (a cycle stops the walk)."""
    seen = {doc_key}
    while (nxt := syndicated.get(doc_key)) is not None and nxt not in seen:
        seen.add(nxt)
        doc_key = nxt
    return doc_key


def _comparable(c: QuantityClaim) -> bool:
    return bool(c.key.predicate) and c.window is not None


def _groups(claims: Iterable[QuantityClaim]) -> list[list[QuantityClaim]]:
    by_key: dict[ClaimKey, list[QuantityClaim]] = defaultdict(list)
    for c in claims:
        if _comparable(c):
            by_key[c.key].append(c)
    return [sorted(g, key=_order) for _, g in sorted(by_key.items(), key=lambda kv: str(kv[0]))]


def _describe(c: QuantityClaim) -> str:
    window = f"{c.window[0]}..{c.window[1]}" if c.window else "?"
    return f"{c.source or c.doc_key} says {c.evidence.text!r} {c.interval} for {window}"


# Windows that date a statement rather than the figure: a source changing its figure
# from one statement to the next is revising it.
_WHEN_SAID = frozenset(("dateline", "statement"))


def find_conflicts(claims: Sequence[QuantityClaim], syndicated: Mapping[str, str] = _NONE) -> list[Conflict]:
    """Conflicts and revisions among claims. `syndicated` maps a copy's doc_key to its original's."""
    out: list[Conflict] = []
    # A syndicated copy repeats its original: compare the original only, once.
    originals = [c for c in claims if _canonical(c.doc_key, syndicated) == c.doc_key]
    for group in _groups(c for c in originals if c.stance != "deny"):
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.interval.overlaps(b.interval):
                    continue
                ca, cb = _canonical(a.doc_key, syndicated), _canonical(b.doc_key, syndicated)
                if a.source is not None and a.source == b.source:
                    if (a.published and b.published and a.published[:10] != b.published[:10]
                            and (windows_overlap(a.window, b.window)
                                 or {a.window_basis, b.window_basis} <= _WHEN_SAID)):
                        out.append(Conflict("revision", a, b, f"{a.source} revised {a.key}: "
                                            f"{_describe(a)} on {a.published[:10]}, "
                                            f"then {b.evidence.text!r} {b.interval} on {b.published[:10]}"))
                    continue
                if not windows_overlap(a.window, b.window):
                    continue
                if ca == cb and a.doc_key != b.doc_key:
                    continue  # syndicated copies of one report: one source, not two
                sa = a.source or f"doc:{ca}"
                sb = b.source or f"doc:{cb}"
                if sa == sb:
                    continue
                out.append(Conflict("conflict", a, b, f"{a.key}: {_describe(a)}; {_describe(b)}; "
                                    "the figures cannot both hold"))
    return out


def contradictions(claims: Sequence[QuantityClaim], syndicated: Mapping[str, str] = _NONE) -> list[Conflict]:
    """Pairs where one source denies a figure that another source asserts or confirms."""
    out: list[Conflict] = []
    for group in _groups(claims):
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if (a.stance == "deny") == (b.stance == "deny"):
                    continue
                if not windows_overlap(a.window, b.window) or not a.interval.overlaps(b.interval):
                    continue
                ca, cb = _canonical(a.doc_key, syndicated), _canonical(b.doc_key, syndicated)
                if (a.source or f"doc:{ca}") == (b.source or f"doc:{cb}"):
                    continue
                denier, asserter = (a, b) if a.stance == "deny" else (b, a)
                out.append(Conflict("contradiction", a, b,
                                    f"{a.key}: {denier.source or denier.doc_key} denies "
                                    f"{denier.evidence.text!r}; {asserter.source or asserter.doc_key} "
                                    f"says {asserter.evidence.text!r}"))
    return out


@cache
def _names_by_link() -> dict[str, str]:
    return {e.link: fold(e.name_ar) for e in gazetteer() if e.link}


def _entity_names(entity: str) -> set[str]:
    """The keys a claim may carry for an entity: as given, folded, and its gazetteer name."""
    folded = " ".join(fold(entity).split())
    names = {entity, folded}
    if (name := _names_by_link().get(entity)) is not None:
        names.add(name)
    if (entry := gazetteer().lookup(entity)) is not None:
        names.add(fold(entry.name_ar))
        if entry.link:
            names.add(entry.link)
    return names


def timeline_order(c: QuantityClaim) -> tuple[str, str, str, str, int]:
    """Normalised time: the window's first day, else the dateline; unknown last."""
    start = c.window[0] if c.window else (c.published[:10] if c.published else "~")
    end = c.window[1] if c.window else start
    return (start, end, c.published or "~", c.doc_key, c.evidence.start)


def timeline(claims: Sequence[QuantityClaim], key: ClaimKey | None = None,
             entity: str | None = None) -> list[QuantityClaim]:
    """Claims about `key` and/or `entity` (as subject or source: a link, a name or a global key),
    ordered by the time they refer to, then by publication."""
    names = _entity_names(entity) if entity is not None else set()
    picked = [c for c in claims
              if (key is None or c.key == key)
              and (entity is None or c.key.subject in names or (c.source or "").split("@")[0] in names)]
    return sorted(picked, key=timeline_order)


__all__ = ["Conflict", "contradictions", "find_conflicts", "timeline", "timeline_order"]
