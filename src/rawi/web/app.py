"""The HTTP API and the page: `create_app(db_url)` builds a FastAPI app over one ledger.

Endpoints are thin: each calls the ledger's read helpers or the same functions
the CLI uses (`all_claims`, `find_conflicts`, `timeline`, `quoted_about`), so
the API and `rawi claims/conflicts/timeline/sources` cannot disagree. Routes
are plain `def`: SQLite and the extractor block, and FastAPI runs plain
functions in its thread pool instead of stalling the event loop.
"""

from __future__ import annotations

import hmac
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from sqlalchemy import func, or_, select

from rawi.api import extract_article
from rawi.cli_ledger import Summary, _claim_json, _conflict_json, _pairs, _published_in, all_claims
from rawi.errors import RawiError
from rawi.ingest import Input
from rawi.ledger import ClaimRow, Ledger, read, schema
from rawi.ledger.claims import QuantityClaim
from rawi.ledger.conflicts import contradictions, find_conflicts, timeline
from rawi.ledger.queries_export import quoted_about
from rawi.model import Article
from rawi.web import errors
from rawi.web.guard import Guard
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
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut, "description": desc}
    for code, desc in ((400, "Bad request (an E0xx catalogue error)"), (404, "Not found"),
                       (422, "Invalid parameters or body"), (500, "Internal error"))}


def _version() -> str:
    try:
        return metadata.version("rawi")
    except metadata.PackageNotFoundError:
        return "0+unknown"


@dataclass
class _Snapshot:
    mark: tuple[Any, ...]
    claims: list[QuantityClaim]
    syndicated: dict[str, str]


class ClaimCache:
    """`all_claims` rebuilds every article's figures: keep the result until the ledger changes.

    The mark (article count, newest ingest time, largest id) changes with every
    add or replace, whoever writes (this server or `rawi ingest` in a shell).
    """

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self._lock = threading.Lock()
        self._snap: _Snapshot | None = None

    def _mark(self) -> tuple[Any, ...]:
        a = schema.articles
        with self.ledger.engine.connect() as conn:
            row = conn.execute(select(func.count(), func.max(a.c.ingested_at), func.max(a.c.id))).one()
        return tuple(row)

    def get(self) -> tuple[list[QuantityClaim], dict[str, str]]:
        with self._lock:
            mark = self._mark()
            if self._snap is None or self._snap.mark != mark:
                claims, syndicated = all_claims(self.ledger)
                self._snap = _Snapshot(mark, claims, syndicated)
            return self._snap.claims, self._snap.syndicated


def _search_articles(ledger: Ledger, q: str, limit: int, offset: int) -> tuple[list[Any], int]:
    """Articles whose title, text, key or outlet contains `q` (literally: % and _ are escaped)."""
    a = schema.articles
    where = or_(*(col.contains(q, autoescape=True) for col in (a.c.title, a.c.text, a.c.doc_key, a.c.source)))
    with ledger.engine.connect() as conn:
        total = int(conn.execute(select(func.count()).select_from(a).where(where)).scalar_one())
        rows = conn.execute(read._articles_query().where(where)
                            .order_by(a.c.published.desc().nulls_last(), a.c.id).limit(limit).offset(offset))
        return [read._article_row(r) for r in rows], total


def _claims_with_stance(ledger: Ledger, stance: str, entity: str | None, source: str | None, since: str | None,
                        until: str | None, limit: int, offset: int) -> list[ClaimRow]:
    """The ledger filters claims in SQL except by stance: page through and filter here."""
    out: list[ClaimRow] = []
    skipped, at, block = 0, 0, 1_000
    while len(out) < limit:
        page = ledger.claims(entity, source, since, until, block, at)
        for row in page:
            if row.stance != stance:
                continue
            if skipped < offset:
                skipped += 1
            elif len(out) < limit:
                out.append(row)
        if len(page) < block:
            break
        at += block
    return out


def create_app(db_url: str | None, ingest_token: str | None = None, max_chars: int = DEFAULT_MAX_CHARS,
               allowed_hosts: list[str] | None = None) -> FastAPI:
    """The API and page over the ledger at `db_url` (see `Ledger.open`).

    `ingest_token`: enables POST /api/ingest for clients sending it as a bearer
    token. `max_chars`: the largest text /api/extract accepts. `allowed_hosts`:
    Host header values to answer (rawi serve sets it on a loopback address, so a
    web page cannot reach the ledger through DNS rebinding); None answers any.
    """
    ledger = Ledger.open(db_url)
    cache = ClaimCache(ledger)
    ingest_lock = threading.Lock()
    version = _version()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        ledger.close()

    app = FastAPI(title="rawi", version=version, description=DESCRIPTION, lifespan=lifespan, responses=ERRORS,
                  docs_url=None, redoc_url=None)  # Swagger's page needs a CDN and inline script: not under our CSP
    app.state.ledger = ledger
    errors.install(app)
    # One body limit for the JSON around a maximal text (6 bytes per character as \\uXXXX);
    # ingest takes several articles.
    body_limit = 6 * max_chars + 65_536
    app.add_middleware(Guard, body_limit=body_limit, limits={"/api/ingest": 16 * body_limit},
                       allowed_hosts=allowed_hosts)

    @app.get("/api/health", response_model=HealthOut, tags=["meta"])
    def health() -> dict[str, Any]:
        return {"ok": True, "version": version}

    @app.post("/api/extract", tags=["extract"], response_model=dict[str, Any],
              responses={413: {"model": ErrorOut, "description": "The text is over the size limit"}})
    def extract(body: ExtractIn) -> dict[str, Any]:
        """Run the extractor on one text: the extraction contract (as `rawi extract --format json`)."""
        doc_id = body.id or "doc"
        analysis = extract_article(Article(doc_id, body.text, body.published), input_name=body.id or "text",
                                   max_chars=max_chars)
        return analysis.to_json()

    @app.get("/api/articles", response_model=ArticleList, tags=["ledger"])
    def articles(q: Filter = None, limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
                 offset: Offset = 0) -> dict[str, Any]:
        """Stored articles, newest dateline first; `q` keeps those whose title, text, key or outlet contains it."""
        if q:
            rows, total = _search_articles(ledger, q, limit, offset)
        else:
            rows, total = ledger.articles(limit, offset), ledger.stats().articles
        return {"items": [r.to_json() for r in rows], "total": total}

    @app.get("/api/articles/{doc_key:path}", response_model=ArticleOut, tags=["ledger"])
    def article(doc_key: str) -> dict[str, Any]:
        """One article and its stored extraction. The key may be a URL (slashes allowed)."""
        stored = ledger.article(doc_key)
        if stored is None:
            raise HTTPException(404, f"no article with key {doc_key!r}")
        return {"article": stored.row.to_json(), "analysis": stored.analysis.to_json()}

    @app.get("/api/claims", response_model=ClaimList, tags=["ledger"])
    def claims(entity: Filter = None, source: Filter = None, since: Filter = None, until: Filter = None,
               stance: Stance | None = None, limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
               offset: Offset = 0) -> dict[str, Any]:
        """Attributed claims in dateline order. `entity`: the speaker (name, key or Wikidata id);
        `source`: the outlet; `since`/`until`: inclusive ISO bounds on the dateline."""
        if stance is None:
            rows = ledger.claims(entity, source, since, until, limit, offset)
        else:
            rows = _claims_with_stance(ledger, stance, entity, source, since, until, limit, offset)
        return {"items": [r.to_json() for r in rows]}

    @app.get("/api/conflicts", response_model=ConflictList, tags=["ledger"])
    def conflicts(kind: Literal["all", "conflict", "revision", "contradiction"] = "all", entity: Filter = None,
                  since: Filter = None, until: Filter = None,
                  limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100, offset: Offset = 0) -> dict[str, Any]:
        """Figures that cannot both hold, revisions by one source, and denials of another's figure."""
        found_claims, syndicated = cache.get()
        if entity:
            found_claims = timeline(found_claims, entity=entity)
        found_claims = [c for c in found_claims if _published_in(c, since, until)]
        found = find_conflicts(found_claims, syndicated) + contradictions(found_claims, syndicated)
        rows = [_conflict_json(x) for x in found if kind in ("all", x.kind)]
        return {"items": rows[offset:offset + limit]}

    @app.get("/api/timeline", response_model=Timeline, tags=["ledger"])
    def timeline_(entity: Filter = None,
                  key: Annotated[str | None, Query(max_length=MAX_FILTER,
                                                   description="A claim key, subject/predicate/unit")] = None,
                  since: Filter = None, until: Filter = None,
                  limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100, offset: Offset = 0) -> dict[str, Any]:
        """Figures about or from `entity` and/or with claim key `key`, ordered by the time they refer to."""
        found_claims, _ = cache.get()
        if key is not None:
            found_claims = [c for c in found_claims if str(c.key) == key]
        ordered = [c for c in timeline(found_claims, entity=entity or None) if _published_in(c, since, until)]
        return {"items": [_claim_json(c) for c in ordered[offset:offset + limit]]}

    @app.get("/api/entities", response_model=EntityList, tags=["ledger"])
    def entities(type: Filter = None, limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
                 offset: Offset = 0) -> dict[str, Any]:
        """Referents across articles (by Wikidata link, else folded name), most widely reported first."""
        return {"items": [r.to_json() for r in ledger.entities(type, limit, offset)]}

    @app.get("/api/sources", response_model=SourceList, tags=["ledger"])
    def sources(entity: Annotated[str, Query(min_length=1, max_length=MAX_FILTER)]) -> dict[str, Any]:
        """Who is quoted about `entity`, through which relays (as `rawi sources`)."""
        with ledger.engine.connect() as conn:
            return {"items": [r.to_json() for r in quoted_about(conn, entity)]}

    def authorised(cred: Bearer) -> None:
        if ingest_token is None:
            raise HTTPException(403, "writing over HTTP is off: the server has no ingest token")
        given = cred.credentials if cred is not None else ""
        if not hmac.compare_digest(given.encode("utf-8"), ingest_token.encode("utf-8")):
            raise HTTPException(401, "missing or wrong ingest token", headers={"WWW-Authenticate": "Bearer"})

    @app.post("/api/ingest", response_model=IngestOut, tags=["ledger"], dependencies=[Depends(authorised)],
              responses={401: {"model": ErrorOut, "description": "Missing or wrong token"},
                         403: {"model": ErrorOut, "description": "Ingest is off (no token configured)"},
                         413: {"model": ErrorOut, "description": "The request is too large"}})
    def ingest(body: IngestIn) -> dict[str, Any]:
        """Extract and store articles (idempotent, as `rawi ingest`); rejected articles are listed."""
        inputs = []
        for a in body.articles:
            art = Article(a.id, a.text, a.published, a.title, a.url, a.source)
            too_big = RawiError("E004", a.id, f"{len(a.text):,} characters, limit {max_chars:,}")
            inputs.append(Input(a.id, None, too_big) if len(a.text) > max_chars else Input(a.id, art, None))
        summary = Summary()
        with ingest_lock:  # one writer at a time: _pairs checks stored hashes before writing
            for done in ledger.ingest_stream(_pairs(inputs, ledger, summary, "auto")):
                summary.counts[done.status] += 1
        c = summary.counts
        return {"added": c["added"], "unchanged": c["unchanged"], "replaced": c["replaced"],
                "rejected": [{"id": origin, "reason": reason} for origin, reason in summary.rejected]}

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
