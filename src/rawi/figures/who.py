"""Who gives a figure: the speaker of the smallest attribution whose content holds it.

A figure outside every attribution is the outlet's own narration (kind "outlet"): it is
never a revision, and it is independent only of other outlets. An anonymous speaker
("مصادر محلية", "مسؤول") is only known within its outlet: its key carries the outlet.
A named speaker's key is its Wikidata id, else its gazetteer entry, else its folded name
without the document nouns that often lead it ("بيانات وزارة الصحة" is the ministry).
Names are shown as the article writes them (or as the gazetteer names the entity).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from rawi.figures.lexicon import folded, linking_words
from rawi.lexicon.gazetteer import gazetteer, titles
from rawi.model import Attribution, Entity, Span

NAMED, ANONYMOUS, OUTLET = "named", "anonymous", "outlet"
# Nouns for a document or a count that lead a source's name: the source is what follows.
_DOCUMENT_NOUNS = ("بيان", "بيانات", "تقرير", "تقارير", "حصيله", "ارقام", "احصائيات", "احصاءات", "تعداد", "معطيات", "ل")


@dataclass(frozen=True, slots=True)
class Who:
    key: str  # canonical: comparable across articles
    name: str | None  # as written (or the gazetteer's name); None for the outlet's narration
    kind: str  # named | anonymous | outlet
    relay: str | None  # the first relay ("وكالة الأنباء") as written
    attribution: str | None  # the local id of the attribution that holds the figure
    stance: str


def holder_of(span: Span, attributions: Sequence[Attribution]) -> Attribution | None:
    """The smallest attribution with a speaker whose content holds `span`."""
    best: Attribution | None = None
    for a in attributions:
        if a.source.span is None and a.source.entity is None:
            continue  # nobody speaks: the figure is the outlet's own
        c = a.content
        if (
            c.start <= span.start
            and span.end <= c.end
            and (best is None or c.end - c.start < best.content.end - best.content.start)
        ):
            best = a
    return best


@cache
def _anonymous_titles() -> frozenset[str]:
    return frozenset(t for t, v in titles().items() if v.role == "source_noun")


def is_anonymous(name: str) -> bool:
    """Whether a speaker's name is a generic noun ("مسؤول", "مصادر أمنية", "شهود عيان")."""
    words = folded(name).split()
    table = _anonymous_titles()
    return any(" ".join(words[:n]) in table for n in (3, 2, 1) if len(words) >= n)


def _strip_documents(name: str) -> str:
    words = folded(name).split()
    while len(words) > 1 and words[0] in _DOCUMENT_NOUNS:
        words = words[1:]
    return " ".join(words)


def _stance(holder: Attribution) -> str:
    """The attribution's stance, except that a refusal ("رفضت الطواقم السماح لسبعة مصابين") is
    no denial of the figure it holds: of the corpus' figures held by a "رفض" cue, nearly none
    was a figure denied (figure_words.tsv, role refusal)."""
    if holder.stance != "deny" or holder.cue is None:
        return holder.stance
    words = folded(holder.cue.text).split()
    first = words[0] if words else ""
    refusals = linking_words().by_role["refusal"]
    return "other" if (first,) in refusals or (first[:1] in "وف" and (first[1:],) in refusals) else "deny"


def who(holder: Attribution | None, entities: Mapping[str, Entity], outlet: str | None, doc_key: str) -> Who:
    house = "outlet:" + (folded(outlet) if outlet else doc_key)
    if holder is None:
        return Who(house, None, OUTLET, None, None, "assert")
    stance = _stance(holder)
    relay = holder.via[0].span.text if holder.via else None
    ent = entities.get(holder.source.entity) if holder.source.entity else None
    name = ent.name if ent is not None else (holder.source.span.text if holder.source.span else None)
    if name is None:
        return Who(house, None, OUTLET, relay, holder.id, stance)
    if ent is not None and ent.link:
        return Who(ent.link, name, NAMED, relay, holder.id, stance)
    if is_anonymous(name):
        return Who(f"{folded(name)}@{house[7:]}", name, ANONYMOUS, relay, holder.id, stance)
    core = _strip_documents(name)
    entry = gazetteer().lookup(core)
    if entry is not None:
        return Who(entry.link or entry.key, entry.name_ar if ent is None else name, NAMED, relay, holder.id, stance)
    return Who(core, name, NAMED, relay, holder.id, stance)


__all__ = ["ANONYMOUS", "NAMED", "OUTLET", "Who", "holder_of", "is_anonymous", "who"]
