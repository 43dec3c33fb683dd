"""What the ledger's read helpers return: frozen rows, ready for the CLI and JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from rawi.model import Analysis


class _Row:
    __slots__ = ()

    def to_json(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload,no-any-return]


@dataclass(frozen=True, slots=True)
class Ingested(_Row):
    """One article's outcome: status is "added", "unchanged" or "replaced"."""

    doc_key: str
    status: str


@dataclass(frozen=True, slots=True)
class ArticleRow(_Row):
    doc_key: str
    given_id: str
    title: str | None
    url: str | None
    source: str | None
    published: str | None
    lang: str
    content_hash: str
    ingested_at: str  # ISO datetime, UTC
    syndicated_of: str | None  # doc_key of the first stored copy of the same text
    attributions: int
    quantities: int


@dataclass(frozen=True, slots=True)
class StoredArticle(_Row):
    """One stored article with its extraction rebuilt as the `Analysis` that was ingested."""

    row: ArticleRow
    analysis: Analysis

    def to_json(self) -> dict[str, Any]:
        return {**self.row.to_json(), "analysis": self.analysis.to_json()}


@dataclass(frozen=True, slots=True)
class ClaimRow(_Row):
    """One attribution with its article: who said what, where and when it was published."""

    doc_key: str
    published: str | None
    outlet: str | None  # the article's source (publisher)
    syndicated_of: str | None
    attribution: str  # local id, "a3"
    kind: str
    stance: str
    speaker: str | None  # the source entity's name, else the source span's text
    speaker_key: str | None  # the source entity's global key
    cue: str | None
    content: str
    content_start: int
    content_end: int
    article_id: str  # the id the input gave the article


@dataclass(frozen=True, slots=True)
class QuantityRow(_Row):
    """One amount with its article and, when it sits in an attribution's content, who claims it."""

    doc_key: str
    published: str | None
    outlet: str | None
    syndicated_of: str | None
    text: str
    start: int
    end: int
    value: int | float
    qualifier: str
    high: int | float | None
    unit: str | None
    attribution: str | None
    speaker: str | None
    speaker_key: str | None


@dataclass(frozen=True, slots=True)
class FigureRow(_Row):
    """One stored figure claim: the quantity span in its article and what the frame says of it.

    `key` names the amount the figure states (figures with one key are about the same
    thing); None when the figure is too vague to compare. `said_on`/`as_of` are an ISO day
    or "first/last" (".." for an open start); `source` is None for the outlet's own voice."""

    article_id: str  # the id the input gave the article
    doc_key: str
    start: int
    end: int
    text: str
    key: str | None
    measure: str | None
    value: int | float
    qualifier: str
    high: int | float | None
    unit: str | None
    source: str | None
    source_key: str
    source_kind: str  # named | anonymous | outlet
    relay: str | None
    stance: str
    said_on: str | None
    as_of: str | None
    running: bool
    places: list[str]
    confidence: float
    published: str | None
    outlet: str | None
    context: str  # the sentence


@dataclass(frozen=True, slots=True)
class PairRow(_Row):
    """A conflict, revision or contradiction between two stored figures, with its evidence."""

    kind: str
    confidence: float
    reason: str
    a: FigureRow  # the earlier said (the denier, for a contradiction)
    b: FigureRow

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "key": self.a.key,
            "confidence": self.confidence,
            "reason": self.reason,
            "a": self.a.to_json(),
            "b": self.b.to_json(),
        }


@dataclass(frozen=True, slots=True)
class EntityRow(_Row):
    """One referent across articles: the name and type it is most often given."""

    global_key: str
    name: str
    type: str
    link: str | None
    articles: int
    mentions: int


@dataclass(frozen=True, slots=True)
class Stats(_Row):
    articles: int
    syndicated: int
    entities: int
    attributions: int
    times: int
    quantities: int
