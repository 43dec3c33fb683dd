"""Entities of an English article, and who each attribution's source and relays are.

Mentions are the known names (`rawi.en.gazetteer`) and every source and relay
phrase; they are clustered in text order:

1. a known name joins its entry's cluster (one cluster per gazetteer key, with
   its Wikidata id: the same entity as in an Arabic article);
2. a phrase that holds a known person's name at its end ("Foreign Minister Taro
   Kono") or is a known name with an article or a possessive joins that cluster;
3. the same words as an earlier mention, or a bare surname of an earlier person
   ("Mohib" after "Hamdullah Mohib", "Ambassador Mohib"), joins that cluster;
4. a description made of a determiner and title words only ("the minister", "the
   ministry") joins the latest cluster whose mentions hold that title word;
5. anything else starts a cluster.

Pronoun sources keep the pronoun as their span (the contract's mentions never
hold pronouns) and take the entity of the speaker they continue: "I"/"we" inside a
quote are whoever the quote is attributed to; "he"/"she" the latest person who
spoke (agreeing in gender when a title or an earlier pronoun says it); "it" the
latest organisation or place; "they" the latest plural or organisation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from rawi.en.attributions import EnAttr
from rawi.en.gazetteer import EnMatch
from rawi.en.lexicon import titles, words

Span = tuple[int, int]
_WORD = re.compile(r"[\w'’.&-]+")
_ORG_WORDS = frozenset(
    {
        "agency",
        "ministry",
        "department",
        "council",
        "association",
        "university",
        "party",
        "church",
        "court",
        "office",
        "news",
        "times",
        "post",
        "institute",
        "foundation",
        "committee",
        "commission",
        "organisation",
        "organization",
        "inc",
        "corp",
        "company",
        "authority",
        "service",
        "bank",
        "police",
        "army",
        "navy",
        "force",
        "forces",
        "government",
        "administration",
        "federation",
        "union",
        "society",
        "center",
        "centre",
        "museum",
        "school",
        "club",
        "team",
        "group",
        "network",
        "press",
        "herald",
        "journal",
        "tribune",
        "gazette",
        "bbc",
        "cnn",
        "website",
        "site",
        "board",
        "bureau",
        "reuters",
        "media",
        "newspaper",
        "radio",
        "television",
        "tv",
        "report",
        "study",
        "statement",
        "survey",
        "poll",
        "results",
        "findings",
        "data",
        "letter",
        "posting",
    }
)


@dataclass
class EnCluster:
    id: str
    type: str
    link: str | None
    name: str | None
    key: str | None = None
    gender: str = "-"
    plural: bool = False
    spans: list[Span] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class EnResolved:
    attr: EnAttr
    source_entity: str | None
    via_entities: tuple[str | None, ...]


# A phrase's words depend on its text alone, and an article names the same few people and places
# (and the same names recur across articles): each phrase is split once.
@lru_cache(maxsize=1 << 14)
def _words(text: str) -> tuple[str, ...]:
    if text.isascii():
        # No "’", and lower-casing first finds the same words: one call for the phrase, not one a word.
        return tuple(w.rstrip(".") for w in _WORD.findall(text.lower()) if w != "'s")
    return tuple(w.lower().rstrip(".").replace("’", "'") for w in _WORD.findall(text) if w.lower() not in ("'s", "’s"))


@cache
def _not_name_words() -> frozenset[str]:
    """Determiners, titles, "of" and "for": words of a phrase that do not name anyone."""
    return words("determiner") | frozenset(titles()) | {"of", "for"}


@lru_cache(maxsize=1 << 14)
def _name_words(ws: tuple[str, ...]) -> tuple[str, ...]:
    """The words of a phrase that name someone: without determiners and titles."""
    skip = _not_name_words()
    return tuple(w for w in ws if w not in skip)


def _type_of(text: str, ws: tuple[str, ...]) -> tuple[str, str, bool]:
    """(type, gender, plural) guessed from a phrase's words."""
    for w in reversed(ws):
        t = titles().get(w)
        if t is not None:
            return t.type, t.gender, t.plural
        if w in _ORG_WORDS:
            return "ORG", "-", False
    caps = [w for w in _WORD.findall(text) if w[0].isupper()]
    if len(caps) >= 2 and len(caps) == len([w for w in _WORD.findall(text) if w.lower() not in ("the",)]):
        return "PERSON", "-", False
    if len(caps) == 1 and caps[0].isupper() and len(caps[0]) > 1:
        return "ORG", "-", False
    return "OTHER", "-", ws[-1].endswith("s") if ws else False


class _Clusters:
    def __init__(self, text: str, sources: frozenset[Span] = frozenset()) -> None:
        self.text = text
        self.sources = sources  # the spans that speak (not relays)
        self.clusters: list[EnCluster] = []
        self.by_key: dict[str, EnCluster] = {}
        self.by_words: dict[tuple[str, ...], EnCluster] = {}
        self.by_last: dict[str, EnCluster] = {}
        self.at: dict[Span, EnCluster] = {}
        self.order: list[tuple[int, EnCluster]] = []  # (position, cluster) of every mention

    def _new(self, type_: str, link: str | None, name: str | None, key: str | None) -> EnCluster:
        c = EnCluster(f"e{len(self.clusters) + 1}", type_, link, name, key)
        self.clusters.append(c)
        if key:
            self.by_key[key] = c
        return c

    def _remember(self, c: EnCluster, span: Span, ws: tuple[str, ...]) -> None:
        c.spans.append(span)
        self.at[span] = c
        self.order.append((span[0], c))
        names = _name_words(ws)
        if names and c.type != "NORP":  # "Israeli" names no one: "the Israeli military" is not the NORP
            self.by_words.setdefault(names, c)
            if c.type == "PERSON" and len(names) >= 2:
                self.by_last[names[-1]] = c

    def known(self, m: EnMatch) -> EnCluster:
        key = ("norp:" if m.demonym else "") + m.entry.key
        c = self.by_key.get(key)
        if c is None:
            if m.demonym:
                c = self._new("NORP", None, self.text[m.start : m.end], key)
            else:
                c = self._new(m.entry.type, m.entry.link, m.entry.name_en, key)
        self._remember(c, (m.start, m.end), _words(self.text[m.start : m.end]))
        return c

    def phrase(self, span: Span, inner: Sequence[EnMatch]) -> EnCluster:
        hit = self.at.get(span)
        if hit is not None:
            return hit
        a, b = span
        text = self.text[a:b]
        ws = _words(text)
        c: EnCluster | None = None
        names = [m for m in inner if not m.demonym and a <= m.start and m.end <= b]
        if names:
            last = names[-1]
            lead = _words(self.text[a : last.start])
            # "the United Nations", "Foreign Minister Taro Kono": the phrase is the known name.
            # "the state news agency QNA": lower-case words before a name describe it
            if last.end >= b - 2 and (
                last.entry.type == "PERSON"
                or all(w in words("determiner") or w in titles() for w in lead)
                or self.text[a : last.start] == self.text[a : last.start].lower()
            ):
                c = self.by_key.get(last.entry.key)
                if c is None:
                    c = self._new(last.entry.type, last.entry.link, last.entry.name_en, last.entry.key)
        names_ws = _name_words(ws)
        if c is None and names_ws:
            c = self.by_words.get(names_ws)
            if c is None and len(names_ws) == 1:
                c = self.by_last.get(names_ws[0])
        if c is None and ws and not names_ws:
            # "the minister", "the ministry": the latest cluster that has this title word
            head = ws[-1]
            for _, cand in reversed(self.order):
                if any(head in _words(self.text[s:e]) for s, e in cand.spans):
                    c = cand
                    break
            title = titles().get(head)
            if c is None and title is not None and title.type == "ORG" and not title.plural:
                # "Toyota said …. The company said": else the latest named organisation that spoke
                c = next(
                    (
                        cand
                        for pos, cand in reversed(self.order)
                        if pos < a
                        and cand.type == "ORG"
                        and any(sp in self.sources and _named(self.text, sp) for sp in cand.spans)
                    ),
                    None,
                )
        if c is None:
            type_, gender, plural = _type_of(text, ws)
            c = self._new(type_, None, None, None)
            c.gender, c.plural = gender, plural
        self._remember(c, span, ws)
        return c

    def latest(self, before: int, types: frozenset[str], gender: str = "-") -> EnCluster | None:
        for pos, c in reversed(self.order):
            if pos < before and c.type in types and (gender == "-" or c.gender in ("-", gender)):
                return c
        return None


_PRONOUN_TYPES = {
    "he": frozenset({"PERSON"}),
    "him": frozenset({"PERSON"}),
    "she": frozenset({"PERSON"}),
    "her": frozenset({"PERSON"}),
    "it": frozenset({"ORG", "GPE", "OTHER"}),
    "they": frozenset({"ORG", "GPE", "PERSON", "OTHER"}),
    "them": frozenset({"ORG", "GPE", "PERSON", "OTHER"}),
}
_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}


def resolve(text: str, matches: Sequence[EnMatch], attrs: Sequence[EnAttr]) -> tuple[list[EnCluster], list[EnResolved]]:
    cl = _Clusters(text, frozenset(a.source for a in attrs if a.source is not None))
    phrases: set[Span] = set()
    for a in attrs:
        if a.source is not None and _words(text[a.source[0] : a.source[1]]) and not _is_pronoun(text, a.source):
            phrases.add(a.source)
        phrases.update(a.via)
    items: list[tuple[int, int, EnMatch | None]] = [(m.start, -m.end, m) for m in matches]
    items += [(s, -e, None) for s, e in phrases]
    items.sort(key=lambda x: (x[0], x[1], x[2] is None))
    for start, neg_end, m in items:
        if m is not None:
            cl.known(m)
        else:
            end = -neg_end
            cl.phrase((start, end), [x for x in matches if start <= x.start and x.end <= end])
    # Who each pronoun is: in text order, so that "he" follows the speakers before it.
    resolved: list[EnResolved] = []
    for a in attrs:
        src: EnCluster | None = None
        if a.source is not None:
            src = cl.at.get(a.source)
            if src is None and _is_pronoun(text, a.source):
                src = _antecedent(text, cl, a, attrs, resolved)
                if src is not None:
                    word = text[a.source[0] : a.source[1]].lower()
                    if word in _GENDER and src.gender == "-":
                        src.gender = _GENDER[word]
                    cl.order.append((a.source[0], src))
        vias = tuple((cl.at[v].id if v in cl.at else None) for v in a.via)
        resolved.append(EnResolved(a, src.id if src else None, vias))
    return [c for c in cl.clusters if c.spans], resolved


def _named(text: str, span: Span) -> bool:
    """A phrase with a name in it ("Toyota Motor Corp", "the NHTSA"), not a description ("The company")."""
    ws = _WORD.findall(text[span[0] : span[1]])
    return any(w[0].isupper() and (k > 0 or w.lower() not in words("determiner")) for k, w in enumerate(ws))


def _is_pronoun(text: str, span: Span) -> bool:
    w = text[span[0] : span[1]].lower()
    return w in words("subject_pronoun") or w in words("object_pronoun")


def _antecedent(
    text: str, cl: _Clusters, a: EnAttr, attrs: Sequence[EnAttr], done: Sequence[EnResolved]
) -> EnCluster | None:
    assert a.source is not None
    word = text[a.source[0] : a.source[1]].lower()
    pos = a.source[0]
    ids = {c.id: c for c in cl.clusters}
    if word in ("i", "we", "me", "us"):
        # The speaker of the quote this pronoun is inside.
        for r in reversed(done):
            inside = r.attr.content
            if inside[0] <= pos < inside[1] and r.source_entity in ids and r.attr is not a:
                return ids[r.source_entity or ""]
        for later in attrs:
            if (
                later is not a
                and later.source is not None
                and later.content[0] <= pos < later.content[1]
                and later.source in cl.at
            ):
                return cl.at[later.source]
        return None
    types = _PRONOUN_TYPES.get(word)
    if types is None:
        return None
    gender = _GENDER.get(word, "-")
    # The latest speaker first (a pronoun after a quote continues whoever spoke), then any mention.
    for r in reversed(done):
        c = ids.get(r.source_entity or "")
        if (
            c is not None
            and c.type in types
            and (gender == "-" or c.gender in ("-", gender))
            and (r.attr.source or (0, 0))[0] < pos
        ):
            if word in ("they", "them") and c.type == "PERSON" and not c.plural:
                continue
            return c
    return cl.latest(pos, types, gender)


__all__ = ["EnCluster", "EnResolved", "resolve"]
