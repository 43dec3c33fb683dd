"""The English stages and their runner: the same shape as `rawi.pipeline`, for English text.

A stage is a small named function `EnDoc -> EnDoc` declaring what it reads and
adds; the order is checked at import. Offsets are offsets of the text as given
(English is not folded), so `to_analysis` only cuts spans out of the text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from rawi.en.attributions import EnAttr, extract_attributions
from rawi.en.entities import EnCluster, EnResolved, resolve
from rawi.en.gazetteer import EnMatch, find
from rawi.en.quantities import EnQuantity, extract_quantities
from rawi.en.text import EnText, segment
from rawi.en.times import EnTime, extract_times
from rawi.en.wordscan import Words, scan_words
from rawi.model import Analysis, Article, Attribution, Entity, Quantity, Relay, Source, Span, TimeExpr

_OUTLET_KINDS = frozenset({"news_agency", "newspaper", "broadcaster", "magazine"})


# Tuples, not frozen dataclasses: each stage makes a new document, and `_replace` costs a third of
# `dataclasses.replace`.
class EnDoc(NamedTuple):
    article: Article
    published: dt.date | None
    et: EnText | None = None
    words: Words | None = None
    times: tuple[EnTime, ...] = ()
    quantities: tuple[EnQuantity, ...] = ()
    names: tuple[EnMatch, ...] = ()
    attributions: tuple[EnAttr, ...] = ()
    clusters: tuple[EnCluster, ...] = ()
    resolved: tuple[EnResolved, ...] = ()


@dataclass(frozen=True, slots=True)
class EnStage:
    name: str
    needs: tuple[str, ...]
    adds: tuple[str, ...]
    fn: Callable[[EnDoc], EnDoc]


def _segment(doc: EnDoc) -> EnDoc:
    return doc._replace(et=segment(doc.article.text))


def _words(doc: EnDoc) -> EnDoc:
    assert doc.et is not None
    return doc._replace(words=scan_words(doc.et.low))


def _times(doc: EnDoc) -> EnDoc:
    assert doc.et is not None and doc.words is not None
    return doc._replace(times=tuple(extract_times(doc.et, doc.published, doc.words.anchors)))


def _quantities(doc: EnDoc) -> EnDoc:
    assert doc.et is not None and doc.words is not None
    exclude = [(t.start, t.end) for t in doc.times]
    return doc._replace(quantities=tuple(extract_quantities(doc.article.text, exclude, doc.et.low, doc.words.numbers)))


def _names(doc: EnDoc) -> EnDoc:
    return doc._replace(names=tuple(find(doc.article.text)))


def _attributions(doc: EnDoc) -> EnDoc:
    assert doc.et is not None and doc.words is not None
    outlets = frozenset((m.start, m.end) for m in doc.names if m.entry.kind in _OUTLET_KINDS)
    return doc._replace(attributions=tuple(extract_attributions(doc.et, outlets, doc.words.cues)))


def _coref(doc: EnDoc) -> EnDoc:
    clusters, resolved = resolve(doc.article.text, doc.names, doc.attributions)
    return doc._replace(clusters=tuple(clusters), resolved=tuple(resolved))


EN_STAGES: tuple[EnStage, ...] = (
    EnStage("segment", ("article",), ("et",), _segment),
    EnStage("words", ("et",), ("words",), _words),
    EnStage("times", ("et", "words", "published"), ("times",), _times),
    EnStage("quantities", ("et", "words", "times"), ("quantities",), _quantities),
    EnStage("names", ("article",), ("names",), _names),
    EnStage("attributions", ("et", "words", "names"), ("attributions",), _attributions),
    EnStage("coref", ("names", "attributions"), ("clusters", "resolved"), _coref),
)


def _check_order(stages: tuple[EnStage, ...]) -> None:
    have = {"article", "published"}
    for st in stages:
        missing = set(st.needs) - have
        if missing:
            raise RuntimeError(f"stage {st.name!r} needs {sorted(missing)} before it runs")
        have |= set(st.adds)


_check_order(EN_STAGES)


def to_analysis(doc: EnDoc) -> Analysis:
    """The contract object: spans are cut from the text as given."""
    text = doc.article.text

    def span(a: int, b: int) -> Span:
        return Span(a, b, text[a:b])

    entities = []
    for c in doc.clusters:
        mentions = tuple(span(a, b) for a, b in sorted(set(c.spans)))
        name = c.name or max((m.text for m in mentions), key=len)
        entities.append(Entity(c.id, name, c.type, c.link, mentions))
    attributions = []
    for i, r in enumerate(doc.resolved, 1):
        a = r.attr
        via = tuple(Relay(span(*v), e) for v, e in zip(a.via, r.via_entities, strict=True))
        attributions.append(
            Attribution(
                f"a{i}",
                a.kind,
                Source(span(*a.source) if a.source else None, r.source_entity),
                span(*a.cue) if a.cue else None,
                span(*a.content),
                via,
                a.stance,
            )
        )
    times = tuple(TimeExpr(span(t.start, t.end), t.type, t.value) for t in doc.times)
    quantities = tuple(Quantity(span(q.start, q.end), q.value, q.qualifier, q.high, q.unit) for q in doc.quantities)
    art = doc.article
    meta = {k: v for k, v in (("title", art.title), ("url", art.url), ("source", art.source)) if v}
    return Analysis(art.id, "en", art.published, text, tuple(entities), tuple(attributions), times, quantities, meta)


def analyze_en(article: Article, published: dt.date | None) -> Analysis:
    """Run every English stage over one article (the text must already be validated)."""
    doc = EnDoc(article, published)
    for st in EN_STAGES:
        doc = st.fn(doc)
    return to_analysis(doc)


__all__ = ["EN_STAGES", "EnDoc", "analyze_en", "to_analysis"]
