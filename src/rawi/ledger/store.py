"""`Ledger`: the claims store, one transaction per article (or per batch of whole articles)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from itertools import islice
from types import TracebackType

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError

from rawi.figures.frames import FigureFrame
from rawi.ledger import engine as _engine
from rawi.ledger import links, read, read_figures, schema
from rawi.ledger import reframe as reframing
from rawi.ledger.keys import doc_key
from rawi.ledger.migrations import migrate
from rawi.ledger.read_figures import FigureFilter
from rawi.ledger.records import (
    ArticleRow,
    ClaimRow,
    EntityRow,
    FigureRow,
    Ingested,
    PairRow,
    QuantityRow,
    Stats,
    StoredArticle,
)
from rawi.ledger.write import is_stored, write_articles
from rawi.model import Analysis, Article

Pair = tuple[Article, Analysis]
# An article, its extraction, and (when a worker made them already) its figure frames.
Item = tuple[Article, Analysis] | tuple[Article, Analysis, list[FigureFrame]]


class Ledger:
    """Articles and their extractions in SQLite (default) or PostgreSQL.

    `Ledger.open()` creates and migrates the database; use it as a context
    manager or call `close()`. Ingest is idempotent: an article is identified by
    its URL (else its id) and its text's hash.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writer = _engine.writer(engine)

    @classmethod
    def open(cls, url: str | None = None) -> Ledger:
        """Open (creating and migrating) the ledger at `url`: a SQLAlchemy URL, a file path,
        or None for `rawi.sqlite` in the user's data directory."""
        engine = _engine.create(url)
        try:
            migrate(engine)
            with engine.connect() as conn:
                unrecorded = reframing.frames_made_by(conn) is None and reframing.frames_current(conn)
            if unrecorded:  # a new (or figure-less) ledger: its frames will be this rawi's
                with _engine.writer(engine).begin() as conn:
                    reframing.mark_frames(conn)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- writing -------------------------------------------------------------

    def seen(self, article: Article) -> bool:
        """True when ingesting this article would change nothing: skip extracting it."""
        with self.engine.connect() as conn:
            return is_stored(conn, article)

    def stored_hashes(self, keys: Sequence[str]) -> dict[str, str]:
        """doc_key -> content hash for those of `keys` already stored (one query for a block)."""
        if not keys:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(schema.articles.c.doc_key, schema.articles.c.content_hash).where(
                    schema.articles.c.doc_key.in_(list(keys))
                )
            )
            return {k: h for k, h in rows}

    def ingest(self, article: Article, analysis: Analysis) -> str:
        """Store one article in one transaction: "added", "unchanged" or "replaced"."""
        return self._write_batch([(article, analysis)])[0].status

    def ingest_stream(self, pairs: Iterable[Item], batch_size: int = 64) -> Iterator[Ingested]:
        """Store articles, `batch_size` whole articles per transaction, yielding each outcome
        once its batch is committed (so a consumer that stops early loses nothing it was told)."""
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        it = iter(pairs)
        while batch := list(islice(it, batch_size)):
            yield from self._write_batch(batch)

    def ingest_many(self, pairs: Iterable[Item], batch_size: int = 64) -> list[str]:
        """`ingest` for many articles, batched for speed; each article stays all-or-nothing."""
        return [r.status for r in self.ingest_stream(pairs, batch_size)]

    def _write_batch(self, batch: list[Item]) -> list[Ingested]:
        for attempt in range(2):
            try:
                now = datetime.now(UTC)
                with self._writer.begin() as conn:
                    statuses = write_articles(
                        conn, [(item[0], item[1], item[2] if len(item) > 2 else None) for item in batch], now
                    )
                return [Ingested(doc_key(item[0]), status) for item, status in zip(batch, statuses, strict=True)]
            except IntegrityError:
                # PostgreSQL: another process added the same key since we looked. The
                # whole batch was rolled back; once more, it now reads as stored.
                if attempt:
                    raise
        raise AssertionError("unreachable")

    # -- linking figures -------------------------------------------------------

    def frames_current(self) -> bool:
        """Whether the stored figure frames were made by this rawi's frame rules."""
        with self.engine.connect() as conn:
            return reframing.frames_current(conn)

    def reframe(self, progress: Callable[[int], None] | None = None) -> int:
        """Make every article's figure frames again from its stored extraction and relink, in
        one transaction; returns how many articles have figures."""
        with self._writer.begin() as conn:
            framed = reframing.reframe(conn, progress)
            links.relink(conn)
        return framed

    def relink(self) -> links.LinkStats:
        """Recompute which amount every stored figure states and every conflict, revision and
        contradiction, in one transaction (`rawi.ledger.links`)."""
        with self._writer.begin() as conn:
            return links.relink(conn)

    def ensure_links(self) -> None:
        """Relink when figures were added or removed since the links were made."""
        with self.engine.connect() as conn:
            current = links.links_current(conn)
        if not current:
            with self._writer.begin() as conn:
                if not links.links_current(conn):  # another process may have just done it
                    links.relink(conn)

    # -- reading -------------------------------------------------------------

    def figures(
        self, flt: FigureFilter | None = None, limit: int = 100, offset: int = 0
    ) -> tuple[list[FigureRow], int]:
        """Stored figure claims passing `flt`, and how many do (links are brought up to date first)."""
        self.ensure_links()
        with self.engine.connect() as conn:
            return read_figures.list_figures(conn, flt or FigureFilter(), limit, offset)

    def timeline(
        self, flt: FigureFilter | None = None, limit: int = 100, offset: int = 0
    ) -> tuple[list[FigureRow], int]:
        """Comparable figures passing `flt`, ordered by the time they describe."""
        self.ensure_links()
        with self.engine.connect() as conn:
            return read_figures.timeline(conn, flt or FigureFilter(), limit, offset)

    def pairs(
        self,
        kinds: tuple[str, ...] = ("conflict", "revision", "contradiction"),
        flt: FigureFilter | None = None,
        limit: int = 100,
        offset: int = 0,
        min_confidence: float = 0.0,
    ) -> tuple[list[PairRow], int]:
        """Stored conflicts, revisions and contradictions (either side passing `flt`, at least
        `min_confidence` confident), most confident first."""
        self.ensure_links()
        with self.engine.connect() as conn:
            return read_figures.list_pairs(conn, kinds, flt or FigureFilter(), limit, offset, min_confidence)

    def articles(self, limit: int = 50, offset: int = 0) -> list[ArticleRow]:
        with self.engine.connect() as conn:
            return read.list_articles(conn, limit, offset)

    def article(self, doc_key: str, by_id: bool = False) -> StoredArticle | None:
        """The stored article with its extraction (`.analysis.to_json()` is what was ingested);
        `by_id`: or the one article whose input gave it this id."""
        with self.engine.connect() as conn:
            return read.get_article(conn, doc_key, by_id)

    def claims(
        self,
        entity: str | None = None,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 100,
        offset: int = 0,
        flt: read.ClaimFilter | None = None,
    ) -> list[ClaimRow]:
        """Attributions with their article. `entity`: the speaker's global key, link or name;
        `source`: the outlet; `since`/`until`: inclusive bounds on the dateline (ISO prefixes);
        or a whole `flt` (stance, words, order too), which then stands for all of them."""
        f = flt if flt is not None else read.ClaimFilter(entity, source, since, until)
        with self.engine.connect() as conn:
            return read.list_claims(conn, f, limit, offset)

    def count_claims(self, flt: read.ClaimFilter) -> int:
        with self.engine.connect() as conn:
            return read.count_claims(conn, flt)

    def search_articles(self, q: str, limit: int = 50, offset: int = 0) -> tuple[list[ArticleRow], int]:
        """Articles whose title or text holds `q` however its hamza, alef, yaa or taa marbuta are written."""
        with self.engine.connect() as conn:
            return read.search_articles(conn, q, limit, offset)

    def quantities(
        self,
        entity: str | None = None,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
        unit: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[QuantityRow]:
        """Amounts with their article and claimant; filters as in `claims`, plus the unit."""
        with self.engine.connect() as conn:
            return read.list_quantities(conn, entity, source, since, until, unit, limit, offset)

    def entities(self, type: str | None = None, limit: int = 100, offset: int = 0) -> list[EntityRow]:
        """Referents resolved across articles (by link, else folded name), most reported first."""
        with self.engine.connect() as conn:
            return read.list_entities(conn, type, limit, offset)

    def stats(self) -> Stats:
        with self.engine.connect() as conn:
            return read.stats(conn)
