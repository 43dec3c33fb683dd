"""Clusters of mentions, one per referent, and who each attribution's source is.

Rules, in order, for a mention met in text order:
1. a gazetteer entry joins that entry's cluster;
2. the same folded words as an earlier mention join its cluster;
3. a bare name that is the first or last word of an earlier person's name
   ("كيم" after "كيم جونغ أون", "ترودو" after "جاستن ترودو") joins it, and so
   does a phrase that ends an earlier mention ("بن حلى");
4. a definite head noun alone ("الوزير", "الوزارة", "المصدر") joins the latest
   cluster with a mention headed by the same noun;
5. anything else starts a cluster.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rawi.extract.attributions import AttrMatch
from rawi.extract.mentions import Mention
from rawi.extract.np import strip_clitic
from rawi.lexicon.gazetteer import titles


@dataclass
class Cluster:
    id: str
    type: str
    link: str | None
    name: str | None  # canonical name from the gazetteer, if any
    spans: list[tuple[int, int]] = field(default_factory=list)
    words: list[tuple[str, ...]] = field(default_factory=list)
    key: str | None = None


@dataclass(frozen=True, slots=True)
class Resolved:
    """An attribution with its source and relays tied to clusters."""

    match: AttrMatch
    source_entity: str | None
    via_entities: tuple[str | None, ...]


def _head(word: str) -> str:
    """A head noun without its article: "الوزارة" and "وزارة" share the head "وزارة".

    Mentions come without clitics already, so no و/ب/ل is stripped here ("وزارة" keeps its و).
    """
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


class _Clusterer:
    def __init__(self, norm: str) -> None:
        self.norm = norm
        self.clusters: list[Cluster] = []
        self.by_key: dict[str, Cluster] = {}
        self.by_words: dict[tuple[str, ...], Cluster] = {}
        self.at: dict[tuple[int, int], Cluster] = {}
        self.by_suffix: dict[tuple[str, ...], Cluster] = {}
        self.by_prefix: dict[tuple[str, ...], Cluster] = {}
        self.by_head: dict[str, Cluster] = {}

    def _new(self, type_: str, link: str | None, name: str | None, key: str | None) -> Cluster:
        c = Cluster(f"e{len(self.clusters) + 1}", type_, link, name, key=key)
        self.clusters.append(c)
        if key:
            self.by_key[key] = c
        return c

    def _find(self, words: tuple[str, ...]) -> Cluster | None:
        hit = self.by_words.get(words)
        if hit is not None:
            return hit
        if len(words) <= 2:
            hit = self.by_suffix.get(words) or self.by_prefix.get(words)
            if hit is not None:
                return hit
            if words[0].startswith("ال"):
                head = _head(words[0])
                if head in titles() or ("ال" + head) in titles():
                    return self.by_head.get(head)
        return None

    def _remember(self, c: Cluster, words: tuple[str, ...]) -> None:
        """Index a mention's words so later short mentions find it (latest mention wins)."""
        self.by_words.setdefault(words, c)
        for n in (1, 2):
            if len(words) > n:
                self.by_suffix[words[-n:]] = c
                if c.type == "PERSON":
                    self.by_prefix[words[:n]] = c
        if words:
            self.by_head[_head(words[0])] = c

    def add(
        self,
        start: int,
        end: int,
        type_: str,
        entry_key: str | None = None,
        link: str | None = None,
        name: str | None = None,
    ) -> Cluster:
        if (start, end) in self.at:
            return self.at[(start, end)]
        words = tuple(self.norm[start:end].split())
        c = self.by_key.get(entry_key) if entry_key else None
        if c is None:
            c = self._find(words) if words else None
        if c is None:
            c = self._new(type_, link, name, entry_key)
        c.spans.append((start, end))
        c.words.append(words)
        self._remember(c, words)
        self.at[(start, end)] = c
        return c

    def covering(self, start: int, end: int) -> Cluster | None:
        """The cluster of the mention that best covers a span, if any."""
        best: tuple[int, Cluster] | None = None
        for (a, b), c in self.at.items():
            ov = min(b, end) - max(a, start)
            if ov > 0 and (best is None or ov > best[0]):
                best = (ov, c)
        return best[1] if best else None


def _guess_type(norm: str, start: int, end: int) -> str:
    first = norm[start:end].split()[0] if norm[start:end].split() else ""
    t = titles().get(first) or titles().get(strip_clitic(first))
    return t.type if t else "PERSON"


def resolve(norm: str, mentions: Sequence[Mention], attrs: Sequence[AttrMatch]) -> tuple[list[Cluster], list[Resolved]]:
    cl = _Clusterer(norm)
    # Sources and relays are mentions too; put every span in text order.
    items: list[tuple[int, int, int, Mention | None]] = [(m.start, -m.end, 0, m) for m in mentions]
    # A source that names the one quoted before ("المصدر ذاته") joins that source's entity below.
    same = {
        (a.source.start, a.source.end) for a in attrs if a.source.start is not None and a.source.antecedent is not None
    }
    for a in attrs:
        if a.source.start is not None and a.source.end is not None and (a.source.start, a.source.end) not in same:
            items.append((a.source.start, -a.source.end, 1, None))
        for v in a.via:
            items.append((v[0], -v[1], 1, None))
    items.sort(key=lambda x: (x[0], x[1], x[2]))
    mention_spans = {(m.start, m.end) for m in mentions}
    for start, neg_end, _, m in items:
        end = -neg_end
        if m is not None:
            e = m.entry
            cl.add(
                start,
                end,
                e.type if e and m.type != "NORP" else m.type,
                e.key if e and m.type != "NORP" else None,
                e.link if e and m.type != "NORP" else None,
                e.name_ar if e and m.type != "NORP" else None,
            )
        elif (start, end) not in mention_spans:
            # A source phrase naming a known referent joins it (a title + name, a name + apposition).
            inner = [
                x
                for x in mentions
                if start <= x.start
                and x.end <= end
                and x.entry
                and x.type != "NORP"
                and (x.start == start or x.entry.type == "PERSON")
            ]
            if inner:
                e = inner[0].entry
                assert e is not None
                cl.add(start, end, e.type, e.key, e.link, e.name_ar)
            else:
                cl.add(start, end, _guess_type(norm, start, end))
    resolved: list[Resolved] = []
    for a in attrs:
        src: str | None = None
        if a.source.start is not None and a.source.end is not None and (a.source.start, a.source.end) in same:
            ante = a.source.antecedent
            src = resolved[ante].source_entity if ante is not None and ante < len(resolved) else None
            target = next((c for c in cl.clusters if c.id == src), None)
            if target is None:
                target = cl.add(a.source.start, a.source.end, _guess_type(norm, a.source.start, a.source.end))
                src = target.id
            elif (a.source.start, a.source.end) not in cl.at:
                target.spans.append((a.source.start, a.source.end))
                cl.at[(a.source.start, a.source.end)] = target
        elif a.source.start is not None and a.source.end is not None:
            c = cl.at.get((a.source.start, a.source.end))
            src = c.id if c else None
        elif a.source.antecedent is not None and a.source.antecedent < len(resolved):
            src = resolved[a.source.antecedent].source_entity
        elif a.source.subject is not None:
            c = cl.covering(*a.source.subject)
            src = c.id if c else None
        vias = tuple((cl.at[v].id if v in cl.at else None) for v in a.via)
        resolved.append(Resolved(a, src, vias))
    return cl.clusters, resolved
