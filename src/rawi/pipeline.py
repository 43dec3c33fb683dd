"""The stage registry and runner.

A stage is a small named function `Doc -> Doc` that declares the fields it
reads and the fields it adds; `run` checks the order once, at import, so a
misordered pipeline fails loudly instead of silently extracting less.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace

from rawi.errors import RawiError
from rawi.extract.attributions import AttrMatch, extract_attributions
from rawi.extract.coref import Cluster, Resolved, resolve
from rawi.extract.mentions import Mention, find_mentions
from rawi.extract.quantities import QuantityMatch, extract_quantities, unmirror
from rawi.extract.times import TimeMatch, extract_times
from rawi.model import (
    Analysis,
    Article,
    Attribution,
    Entity,
    Quantity,
    Relay,
    Source,
    Span,
    TimeExpr,
)
from rawi.text.normalize import NormText, normalize
from rawi.text.segment import Segmentation, segment


@dataclass(frozen=True, slots=True)
class Doc:
    """An article on its way through the pipeline. Offsets are folded-text offsets."""

    article: Article
    published: dt.date | None
    nt: NormText
    seg: Segmentation | None = None
    times: tuple[TimeMatch, ...] = ()
    quantities: tuple[QuantityMatch, ...] = ()
    mentions: tuple[Mention, ...] = ()
    attributions: tuple[AttrMatch, ...] = ()
    clusters: tuple[Cluster, ...] = ()
    resolved: tuple[Resolved, ...] = ()


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    needs: tuple[str, ...]
    adds: tuple[str, ...]
    fn: Callable[[Doc], Doc]


def _segment(doc: Doc) -> Doc:
    return replace(doc, seg=segment(doc.nt.norm))


def _times(doc: Doc) -> Doc:
    assert doc.seg is not None
    quotes = [(q.start, q.end) for q in doc.seg.quotes]
    return replace(doc, times=tuple(extract_times(doc.nt.norm, doc.published, quotes)))


def _quantities(doc: Doc) -> Doc:
    exclude = [(t.start, t.end) for t in doc.times]
    nt = doc.nt
    found = extract_quantities(nt.norm, exclude)
    if "\u200f" in nt.orig:  # a mirrored decimal can only be seen in the original text
        found = [unmirror(q, _span(nt, q.start, q.end).text) for q in found]
    return replace(doc, quantities=tuple(found))


def _mentions(doc: Doc) -> Doc:
    assert doc.seg is not None
    return replace(doc, mentions=tuple(find_mentions(doc.nt.norm, doc.seg.tokens, doc.seg.words)))


def _attributions(doc: Doc) -> Doc:
    assert doc.seg is not None
    blocked = [(t.start, t.end) for t in doc.times]
    subjects = sorted((m.start, m.end) for m in doc.mentions if m.type in ("PERSON", "ORG", "GPE"))
    agencies = sorted((m.start, m.end) for m in doc.mentions if m.entry and m.entry.kind == "news_agency")
    # Places below a country (cities, regions, seas) are where things happen, seldom who acts.
    places = frozenset(
        (m.start, m.end)
        for m in doc.mentions
        if m.type == "LOC" or (m.entry is not None and m.entry.kind in ("city", "region", "continent", "mountain"))
    )
    found = extract_attributions(doc.nt.norm, doc.seg, blocked, subjects, agencies, places)
    return replace(doc, attributions=tuple(found))


def _coref(doc: Doc) -> Doc:
    clusters, resolved = resolve(doc.nt.norm, doc.mentions, doc.attributions)
    return replace(doc, clusters=tuple(clusters), resolved=tuple(resolved))


STAGES: tuple[Stage, ...] = (
    Stage("segment", ("nt",), ("seg",), _segment),
    Stage("times", ("seg", "published"), ("times",), _times),
    Stage("quantities", ("times",), ("quantities",), _quantities),
    Stage("mentions", ("seg",), ("mentions",), _mentions),
    Stage("attributions", ("seg", "times", "mentions"), ("attributions",), _attributions),
    Stage("coref", ("mentions", "attributions"), ("clusters", "resolved"), _coref),
)


def _check_order(stages: tuple[Stage, ...]) -> None:
    have = {"article", "published", "nt"}
    for st in stages:
        missing = set(st.needs) - have
        if missing:
            raise RuntimeError(f"stage {st.name!r} needs {sorted(missing)} before it runs")
        have |= set(st.adds)


_check_order(STAGES)


def parse_published(value: str | None, input_name: str) -> dt.date | None:
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    try:
        if len(text) > 10:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        return dt.date.fromisoformat(text)
    except ValueError:
        raise RawiError("E007", input_name, text) from None


def _span(nt: NormText, start: int, end: int) -> Span:
    a, b = nt.to_orig(start, end)
    return Span(a, b, nt.orig[a:b])


def to_analysis(doc: Doc, lang: str = "ar") -> Analysis:
    """Map every folded offset back to the original text and build the contract object."""
    nt = doc.nt
    entities = []
    for c in doc.clusters:
        mentions = tuple(sorted({_span(nt, a, b) for a, b in c.spans}, key=lambda s: (s.start, s.end)))
        name = c.name or max((m.text for m in mentions), key=len)
        entities.append(Entity(c.id, name, c.type, c.link, mentions))
    attributions = []
    for i, r in enumerate(doc.resolved, 1):
        a = r.match
        src = a.source
        span = _span(nt, src.start, src.end) if src.start is not None and src.end is not None else None
        via = tuple(Relay(_span(nt, *v), e) for v, e in zip(a.via, r.via_entities, strict=True))
        attributions.append(
            Attribution(
                f"a{i}",
                a.kind,
                Source(span, r.source_entity),
                _span(nt, *a.cue) if a.cue else None,
                _span(nt, *a.content),
                via,
                a.stance,
            )
        )
    times = tuple(TimeExpr(_span(nt, t.start, t.end), t.type, t.value) for t in doc.times)
    quantities = tuple(
        Quantity(_span(nt, q.start, q.end), q.value, q.qualifier, q.high, _span(nt, *q.unit).text if q.unit else None)
        for q in doc.quantities
    )
    art = doc.article
    meta = {k: v for k, v in (("title", art.title), ("url", art.url), ("source", art.source)) if v}
    return Analysis(
        art.id, lang, art.published, art.text, tuple(entities), tuple(attributions), times, quantities, meta
    )


def analyze(article: Article, input_name: str | None = None) -> Analysis:
    """Run every stage over one article (the text must already be validated)."""
    name = input_name or article.id
    doc = Doc(article, parse_published(article.published, name), normalize(article.text))
    for st in STAGES:
        doc = st.fn(doc)
    return to_analysis(doc)
