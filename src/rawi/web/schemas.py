"""The HTTP API's request and response models: the OpenAPI schema is generated from these.

Responses mirror the ledger's frozen rows (`ArticleRow`, `ClaimRow`, `EntityRow`,
`SourceRow`) and the CLI's JSON shapes (`cli_ledger._claim_json`), so the page,
the CLI and exports all speak the same field names. The extraction contract
itself (`Analysis.to_json()`) is passed through as an object: its schema is
`../shared/spec/EXTRACTION.md`, and re-declaring it here would be a second truth.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

# Bounds on request fields: the server, not the client, decides how much work one request may ask for.
MAX_ID = 2_000  # ids and URLs
MAX_FILTER = 500  # entity names, outlets, claim keys, dates
MAX_PAGE = 1_000
MAX_OFFSET = 1_000_000_000  # beyond what SQLite's 64-bit integers and any real ledger need
MAX_INGEST = 100  # articles per ingest request; bulk loads go through `rawi ingest`

Contract = dict[str, Any]  # Analysis.to_json(): the extraction contract


class Strict(BaseModel):
    """Request bodies: unknown fields are an error (a typo must not pass silently)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Out(BaseModel):
    model_config = ConfigDict(frozen=True)


# -- errors -------------------------------------------------------------------------


class ErrorBody(Out):
    code: str = Field(description='"E0xx" from the error catalogue, or "HTTP_<status>"', examples=["HTTP_404"])
    message: str
    fix: str


class ErrorOut(Out):
    """Every error, whatever its status, has this shape."""

    error: ErrorBody


# -- requests -----------------------------------------------------------------------


class ExtractIn(Strict):
    text: str = Field(description="The article's text (Arabic); the size limit is the server's --max-chars.")
    published: str | None = Field(None, max_length=MAX_FILTER, description="Dateline, ISO date or datetime.",
                                  examples=["2025-10-24"])
    id: str | None = Field(None, max_length=MAX_ID, description='The id echoed in the result (default "doc").')


class IngestArticle(Strict):
    id: str = Field(min_length=1, max_length=MAX_ID)
    text: str
    published: str | None = Field(None, max_length=MAX_FILTER)
    title: str | None = Field(None, max_length=MAX_ID)
    url: str | None = Field(None, max_length=MAX_ID)
    source: str | None = Field(None, max_length=MAX_ID)


class IngestIn(Strict):
    articles: list[IngestArticle] = Field(max_length=MAX_INGEST)


# -- responses ----------------------------------------------------------------------


class HealthOut(Out):
    ok: bool
    version: str


class ArticleRowOut(Out):
    doc_key: str
    given_id: str
    title: str | None
    url: str | None
    source: str | None
    published: str | None
    lang: str
    content_hash: str
    ingested_at: str
    syndicated_of: str | None
    attributions: int
    quantities: int


class ArticleList(Out):
    items: list[ArticleRowOut]
    total: int | None = Field(description="Articles matching the query (all pages).")


class ArticleOut(Out):
    article: ArticleRowOut
    analysis: Contract = Field(description="The stored extraction: the contract of `rawi extract`.")


class ClaimRowOut(Out):
    doc_key: str
    published: str | None
    outlet: str | None
    syndicated_of: str | None
    attribution: str
    kind: str
    stance: str
    speaker: str | None
    speaker_key: str | None
    cue: str | None
    content: str
    content_start: int
    content_end: int


class ClaimList(Out):
    items: list[ClaimRowOut]


class QuantityClaimOut(Out):
    """A figure as the conflict finder and the timeline see it (`rawi conflicts --format json`)."""

    doc_key: str
    published: str | None
    key: str = Field(description="subject/predicate/unit, '?' for an unknown part")
    source: str | None
    value: float
    qualifier: str
    high: float | None
    window: str | None = Field(description="first/last ISO day the figure refers to")
    evidence: str
    start: int
    end: int
    context: str


class ConflictOut(Out):
    kind: Literal["conflict", "revision", "contradiction"]
    key: str
    reason: str
    a: QuantityClaimOut
    b: QuantityClaimOut


class ConflictList(Out):
    items: list[ConflictOut]


class Timeline(Out):
    items: list[QuantityClaimOut]


class EntityRowOut(Out):
    global_key: str
    name: str
    type: str
    link: str | None
    articles: int
    mentions: int


class EntityList(Out):
    items: list[EntityRowOut]


class SourceRowOut(Out):
    speaker: str | None
    speaker_key: str | None
    link: str | None
    via: str = Field(description='relay names, nearest first, joined with " < "; "" when quoted directly')
    claims: int
    articles: int
    outlets: str
    first: str | None
    last: str | None


class SourceList(Out):
    items: list[SourceRowOut]


class Rejected(Out):
    id: str
    reason: str


class IngestOut(Out):
    added: int
    unchanged: int
    replaced: int
    rejected: list[Rejected]
