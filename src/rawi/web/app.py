"""The HTTP API and the page: `create_app(db_url)` builds a FastAPI app over one ledger.

Endpoints are thin: each calls `rawi.service.Service`, the object the command
line calls too, so the API and `rawi claims/figures/conflicts/timeline/sources`
cannot disagree. Routes are plain `def`: SQLite and the extractor block, and
FastAPI runs plain functions in its thread pool instead of stalling the event loop.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import metadata
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles

from rawi.api import extract_article
from rawi.errors import RawiError
from rawi.ingest import Input
from rawi.model import Article
from rawi.service import Service
from rawi.web import errors
from rawi.web.guard import Guard, bearer_refusal
from rawi.web.schemas import (
    MAX_FILTER,
    MAX_OFFSET,
    MAX_PAGE,
    ArticleList,
    ArticleOut,
    ClaimList,
    ConflictList,
    EntityList,
    ErrorOut,
    ExtractIn,
    FigureList,
    HealthOut,
    IngestIn,
    IngestOut,
    SourceList,
    Timeline,
)

STATIC = Path(__file__).parent / "static"
DEFAULT_MAX_CHARS = 200_000

DESCRIPTION = """\
rawi reads Arabic news and keeps a ledger of who said what, according to whom,
when and how many. This API serves the ledger (articles, attributed claims,
conflicting figures, timelines, entities, who is quoted about whom) and runs
the extractor on a pasted article. Every error has the body
`{"error": {"code", "message", "fix"}}`. Writing (POST /api/ingest) is off unless
the server was started with a token.
"""

NO_PAGE = """<!doctype html><html lang="en"><meta charset="utf-8"><title>rawi</title>
<p>The rawi page is not installed (no <code>static/index.html</code>). The API is at
<a href="/api/health">/api/health</a>; its schema at <a href="/openapi.json">/openapi.json</a>.</p></html>
"""

Stance = Literal["assert", "claim", "confirm", "deny", "estimate", "warn", "call", "praise", "other"]
# Module level: with postponed annotations, FastAPI resolves these names in the module's globals.
BEARER = HTTPBearer(auto_error=False, description="The token named by `rawi serve --token-env`.")
Bearer = Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)]
Filter = Annotated[str | None, Query(max_length=MAX_FILTER)]
# A dateline bound: compared with stored ISO dates as text, so anything else would quietly
# match everything or nothing. The shape is checked here, a month 13 by the service's reader.
Day = Annotated[
    str | None,
    Query(
        max_length=40,
        pattern=r"^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?"
        r"(Z|[+-]\d{2}:?\d{2})?)?)?)?$",
        description="An ISO date (YYYY-MM-DD), a prefix of one, or an ISO datetime",
    ),
]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut, "description": desc}
    for code, desc in (
        (400, "Bad request (an E0xx catalogue error)"),
        (404, "Not found"),
        (422, "Invalid parameters or body"),
        (500, "Internal error"),
    )
}


def _version() -> str:
    try:
        return metadata.version("rawi")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def create_app(
    db_url: str | None,
    ingest_token: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    allowed_hosts: list[str] | None = None,
    body_timeout: float | None = None,
) -> FastAPI:
    """The API and page over the ledger at `db_url` (see `Ledger.open`).

    `ingest_token`: enables POST /api/ingest for clients sending it as a bearer
    token. `max_chars`: the largest text /api/extract accepts. `allowed_hosts`:
    Host header values to answer (rawi serve sets it on a loopback address, so a
    web page cannot reach the ledger through DNS rebinding); None answers any.
    `body_timeout`: seconds a client has to send a request body (None: no deadline).
    """
    service = Service.open(db_url)
    ingest_lock = threading.Lock()
    version = _version()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        service.close()

    app = FastAPI(
        title="rawi",
        version=version,
        description=DESCRIPTION,
        lifespan=lifespan,
        responses=ERRORS,
        docs_url=None,
        redoc_url=None,
    )  # Swagger's page needs a CDN and inline script: not under our CSP
    app.state.service = service
    errors.install(app)
    # One body limit for the JSON around a maximal text (6 bytes per character as \\uXXXX);
    # ingest takes several articles.
    body_limit = 6 * max_chars + 65_536
    app.add_middleware(
        Guard,
        body_limit=body_limit,
        limits={"/api/ingest": 16 * body_limit},
        allowed_hosts=allowed_hosts,
        tokens={"/api/ingest": ingest_token},
        body_timeout=body_timeout,
    )

    @app.get("/api/health", response_model=HealthOut, tags=["meta"])
    def health() -> dict[str, Any]:
        return {"ok": True, "version": version}

    @app.post(
        "/api/extract",
        tags=["extract"],
        response_model=dict[str, Any],
        responses={413: {"model": ErrorOut, "description": "The text is over the size limit"}},
    )
    def extract(body: ExtractIn) -> dict[str, Any]:
        """Run the extractor on one text: the extraction contract (as `rawi extract --format json`)."""
        if body.unstorable is not None:
            raise body.unstorable
        doc_id = body.id or "doc"
        analysis = extract_article(
            Article(doc_id, body.text, body.published), input_name=body.id or "text", max_chars=max_chars
        )
        return analysis.to_json()

    @app.get("/api/articles", response_model=ArticleList, tags=["ledger"])
    def articles(
        q: Filter = None, limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50, offset: Offset = 0
    ) -> dict[str, Any]:
        """Stored articles, newest dateline first; `q` keeps those whose title or text holds it (however
        hamza, alef, yaa and taa marbuta are written), or whose key or outlet it is."""
        page = service.articles(q or None, limit, offset)
        return {"items": [r.to_json() for r in page.items], "total": page.total}

    @app.get("/api/articles/{doc_key:path}", response_model=ArticleOut, tags=["ledger"])
    def article(doc_key: str) -> dict[str, Any]:
        """One article and its stored extraction. The key may be a URL (slashes allowed)."""
        stored = service.article(doc_key)
        if stored is None:
            raise HTTPException(404, f"no article with key {doc_key!r}")
        return {"article": stored.row.to_json(), "analysis": stored.analysis.to_json()}

    @app.get("/api/claims", response_model=ClaimList, tags=["ledger"])
    def claims(
        entity: Filter = None,
        source: Filter = None,
        since: Day = None,
        until: Day = None,
        stance: Stance | None = None,
        q: Filter = None,
        newest: bool = False,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Attributed claims in dateline order (`newest`: newest first). `entity`: the speaker (any name,
        alias or Wikidata id); `source`: the outlet; `since`/`until`: inclusive ISO bounds on the dateline;
        `q`: words in what was said, however hamza, alef, yaa and taa marbuta are written."""
        page = service.claims(entity, source, since, until, stance, limit, offset, q or None, newest)
        return {"items": [r.to_json() for r in page.items], "total": page.total}

    @app.get("/api/figures", response_model=FigureList, tags=["ledger"])
    def figures(
        entity: Filter = None,
        source: Filter = None,
        since: Day = None,
        until: Day = None,
        key: Filter = None,
        measure: Filter = None,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Stored figure claims (as `rawi figures`): `entity` matches the source or a place of the figure;
        `since`/`until` bound the day it was said; `key` one amount; `measure` e.g. killed/person."""
        page = service.figures(entity, source, since, until, key, measure, limit, offset)
        return {"items": [r.to_json() for r in page.items], "total": page.total}

    @app.get("/api/conflicts", response_model=ConflictList, tags=["ledger"])
    def conflicts(
        kind: Literal["all", "conflict", "revision", "contradiction"] = "all",
        entity: Filter = None,
        since: Day = None,
        until: Day = None,
        min_confidence: Annotated[
            float, Query(ge=0, le=1, description="Only pairs at least this confident (0 to 1)")
        ] = 0.0,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Figures of one amount that cannot both hold, revisions by one source, and denials of another's
        figure: stored pairs, most confident first."""
        page = service.conflicts(kind, entity, since, until, limit, offset, min_confidence)
        return {"items": [p.to_json() for p in page.items], "total": page.total}

    @app.get("/api/timeline", response_model=Timeline, tags=["ledger"])
    def timeline_(
        entity: Filter = None,
        key: Annotated[
            str | None, Query(max_length=MAX_FILTER, description="An amount's key, as `/api/figures` gives it")
        ] = None,
        since: Day = None,
        until: Day = None,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Figures from or about `entity` and/or of amount `key`, ordered by the time they describe."""
        page = service.timeline(entity or None, key, since, until, limit, offset)
        return {"items": [r.to_json() for r in page.items], "total": page.total}

    @app.get("/api/entities", response_model=EntityList, tags=["ledger"])
    def entities(
        type: Filter = None, limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100, offset: Offset = 0
    ) -> dict[str, Any]:
        """Referents across articles (by Wikidata link, else folded name), most widely reported first."""
        return {"items": [r.to_json() for r in service.entities(type, limit, offset)]}

    @app.get("/api/sources", response_model=SourceList, tags=["ledger"])
    def sources(
        entity: Annotated[str, Query(min_length=1, max_length=MAX_FILTER)],
        since: Day = None,
        until: Day = None,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Who is quoted about `entity`, through which relays (as `rawi sources`), most quoted first."""
        page = service.sources(entity, since, until, limit, offset)
        return {"items": [r.to_json() for r in page.items], "total": page.total}

    def authorised(cred: Bearer) -> None:
        # The Guard refused a wrong token before the body was read; this declares the scheme in
        # the OpenAPI schema, and checks again should the app ever be mounted without the Guard.
        refusal = bearer_refusal(f"Bearer {cred.credentials}" if cred is not None else None, ingest_token)
        if refusal is not None:
            raise refusal

    @app.post(
        "/api/ingest",
        response_model=IngestOut,
        tags=["ledger"],
        dependencies=[Depends(authorised)],
        responses={
            401: {"model": ErrorOut, "description": "Missing or wrong token"},
            403: {"model": ErrorOut, "description": "Ingest is off (no token configured)"},
            413: {"model": ErrorOut, "description": "The request is too large"},
        },
    )
    def ingest(body: IngestIn) -> dict[str, Any]:
        """Extract and store articles (idempotent, as `rawi ingest`); rejected articles are listed."""
        inputs = []
        for a in body.articles:
            art = Article(a.id, a.text, a.published, a.title, a.url, a.source)
            too_big = RawiError("E004", a.id, f"{len(a.text):,} characters, limit {max_chars:,}")
            if a.unstorable is not None:
                inputs.append(Input(a.id, None, a.unstorable))
            else:
                inputs.append(Input(a.id, None, too_big) if len(a.text) > max_chars else Input(a.id, art, None))
        with ingest_lock:  # one writer at a time: ingest checks stored hashes before writing
            summary = service.ingest(inputs, max_chars=max_chars)
        c = summary.counts
        return {
            "added": c["added"],
            "unchanged": c["unchanged"],
            "replaced": c["replaced"],
            "rejected": [{"id": origin, "reason": reason} for origin, reason in summary.rejected],
        }

    _mount_page(app)
    return app


def _mount_page(app: FastAPI, static: Path = STATIC) -> None:
    """`/` is static/index.html and `/static/*` the folder; without them, `/` explains and /static 404s."""
    index = static / "index.html"

    @app.get("/", include_in_schema=False, response_model=None)
    def page() -> Response:
        if index.is_file():
            return FileResponse(index, media_type="text/html; charset=utf-8", headers={"Cache-Control": "no-cache"})
        return HTMLResponse(NO_PAGE)

    if static.is_dir():
        app.mount("/static", StaticFiles(directory=static), name="static")


__all__ = ["DEFAULT_MAX_CHARS", "create_app"]
