"""The HTTP API's request and response models: the OpenAPI schema is generated from these.

Responses mirror the ledger's frozen rows (`ArticleRow`, `ClaimRow`, `FigureRow`,
`PairRow`, `EntityRow`, `SourceRow`), which the CLI prints as JSON too, so the page,
the CLI and exports all speak the same field names. The extraction contract
itself (`Analysis.to_json()`) is passed through as an object: its schema is
`../shared/spec/EXTRACTION.md`, and re-declaring it here would be a second truth.
"""

from __future__ import annotations

from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, ModelWrapValidatorHandler, PrivateAttr, model_validator

from rawi.errors import RawiError
from rawi.reading import check_storable, replace_unstorable

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


class Checked(Strict):
    """A request article, whose text fields may hold what no ledger stores (a NUL, a lone surrogate).

    Pydantic cannot read a lone surrogate in a length-limited field at all, which would fail
    the whole request and the good articles in it. Such characters are replaced by U+FFFD
    before validation, and the first problem is kept in `unstorable`: the route rejects this
    article alone, with the error `rawi ingest` gives for it.
    """

    _unstorable: RawiError | None = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _storable(cls, data: Any, handler: ModelWrapValidatorHandler[Self]) -> Self:
        problem: RawiError | None = None
        if isinstance(data, dict):
            name = data.get("id") if isinstance(data.get("id"), str) and data.get("id") else "text"
            clean: dict[str, Any] = {}
            for key, value in data.items():
                if isinstance(value, str):
                    try:
                        check_storable(value, str(key), str(name))
                    except RawiError as err:
                        problem = problem or err
                        value = replace_unstorable(value)
                clean[key] = value
            data = clean
        model = handler(data)
        model._unstorable = problem
        return model

    @property
    def unstorable(self) -> RawiError | None:
        return self._unstorable


# -- errors -------------------------------------------------------------------------


class ErrorBody(Out):
    code: str = Field(description='"E0xx" from the error catalogue, or "HTTP_<status>"', examples=["HTTP_404"])
    message: str
    fix: str


class ErrorOut(Out):
    """Every error, whatever its status, has this shape."""

    error: ErrorBody


# -- requests -----------------------------------------------------------------------


class ExtractIn(Checked):
    text: str = Field(description="The article's text (Arabic); the size limit is the server's --max-chars.")
    published: str | None = Field(
        None, max_length=MAX_FILTER, description="Dateline, ISO date or datetime.", examples=["2025-10-24"]
    )
    id: str | None = Field(None, max_length=MAX_ID, description='The id echoed in the result (default "doc").')


class IngestArticle(Checked):
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
    article_id: str = Field(description="The id the input gave the article")


class ClaimList(Out):
    items: list[ClaimRowOut]
    total: int = Field(description="Claims matching the filters (all pages).")


class FigureOut(Out):
    """A stored figure claim (`rawi figures --format json`): the quantity span in its article and its frame."""

    article_id: str = Field(description="The id the input gave the article")
    doc_key: str
    start: int
    end: int
    text: str
    key: str | None = Field(
        description="The amount the figure states: equal keys are the same thing; "
        "null when the figure is too vague to compare"
    )
    measure: str | None = Field(description="predicate/group, e.g. killed/person")
    value: float
    qualifier: str
    high: float | None
    unit: str | None
    source: str | None = Field(description="Who gives the figure, as written; null for the outlet's own voice")
    source_key: str
    source_kind: Literal["named", "anonymous", "outlet"]
    relay: str | None
    stance: str
    said_on: str | None = Field(description="ISO day (or first/last) the figure was said on")
    as_of: str | None = Field(description="ISO day or first/last the figure describes; '..' opens a running total")
    running: bool
    places: list[str]
    confidence: float
    published: str | None
    outlet: str | None
    context: str = Field(description="The sentence that holds the figure")


class FigureList(Out):
    items: list[FigureOut]
    total: int = Field(description="Figures matching the filters (all pages).")


class ConflictOut(Out):
    kind: Literal["conflict", "revision", "contradiction"]
    key: str | None
    confidence: float
    reason: str
    a: FigureOut
    b: FigureOut


class ConflictList(Out):
    items: list[ConflictOut]
    total: int = Field(description="Pairs matching the filters (all pages).")


class Timeline(Out):
    items: list[FigureOut]
    total: int = Field(description="Figures matching the filters (all pages).")


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
    total: int = Field(description="Speakers and relay chains in all (all pages).")


class Rejected(Out):
    id: str
    reason: str


class IngestOut(Out):
    added: int
    unchanged: int
    replaced: int
    rejected: list[Rejected]
