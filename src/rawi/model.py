"""The public data model: frozen dataclasses, serialised to the extraction contract.

Every span is half-open, in code points, and indexes `Analysis.text`, the text
exactly as the user gave it (spec/EXTRACTION.md in the project's shared specs).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

JSON = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str

    def to_json(self) -> JSON:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Article:
    """One input article, as read from a file, stdin or a JSON Lines record."""

    id: str
    text: str
    published: str | None = None  # ISO date or datetime of the dateline
    title: str | None = None
    url: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    type: str  # PERSON ORG GPE LOC NORP OTHER
    link: str | None
    mentions: tuple[Span, ...]

    def to_json(self) -> JSON:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "link": self.link,
            "mentions": [m.to_json() for m in self.mentions],
        }


@dataclass(frozen=True, slots=True)
class Source:
    """Who an attribution names: a span, or only an entity when the text drops the subject."""

    span: Span | None
    entity: str | None

    def to_json(self) -> JSON:
        if self.span is None:
            return {"start": None, "end": None, "text": None, "entity": self.entity}
        return {**self.span.to_json(), "entity": self.entity}


@dataclass(frozen=True, slots=True)
class Relay:
    span: Span
    entity: str | None

    def to_json(self) -> JSON:
        return {**self.span.to_json(), "entity": self.entity}


@dataclass(frozen=True, slots=True)
class Attribution:
    id: str
    kind: str  # direct | indirect | mixed
    source: Source
    cue: Span | None
    content: Span
    via: tuple[Relay, ...] = ()
    stance: str = "assert"

    def to_json(self) -> JSON:
        return {
            "id": self.id,
            "kind": self.kind,
            "source": self.source.to_json(),
            "cue": self.cue.to_json() if self.cue else None,
            "content": self.content.to_json(),
            "via": [v.to_json() for v in self.via],
            "stance": self.stance,
        }


@dataclass(frozen=True, slots=True)
class TimeExpr:
    span: Span
    type: str  # DATE TIME DURATION SET
    value: str

    def to_json(self) -> JSON:
        return {**self.span.to_json(), "type": self.type, "value": self.value}


@dataclass(frozen=True, slots=True)
class Quantity:
    span: Span
    value: int | float
    qualifier: str  # eq approx gt ge lt le range
    high: int | float | None
    unit: str | None

    def to_json(self) -> JSON:
        return {
            **self.span.to_json(),
            "value": self.value,
            "qualifier": self.qualifier,
            "high": self.high,
            "unit": self.unit,
        }


@dataclass(frozen=True, slots=True)
class Analysis:
    """One article's extraction: what `rawi extract` prints."""

    id: str
    lang: str
    published: str | None
    text: str
    entities: tuple[Entity, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    meta: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> JSON:
        out: JSON = {
            "id": self.id,
            "lang": self.lang,
            "published": self.published,
            "text": self.text,
            "entities": [e.to_json() for e in self.entities],
            "attributions": [a.to_json() for a in self.attributions],
            "times": [t.to_json() for t in self.times],
            "quantities": [q.to_json() for q in self.quantities],
        }
        out.update(self.meta)
        return out
