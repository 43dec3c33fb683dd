"""`rawi ingest --workers N`: extraction and figure frames on a Dask cluster, the ledger kept exact.

Workers read their partitions, skip articles the ledger holds already (same key, same
text), extract the others and make their figure frames. Who writes depends on the store:

- PostgreSQL takes many writers: each worker writes its articles itself, a transaction per
  block of whole articles (`Ledger.ingest_many`), and sends back only their outcomes.
- SQLite takes one writer: workers send the articles with their extraction and frames back,
  and the driver writes them in input order through `Ledger.ingest_stream`.

Nothing is lost or written twice when a worker dies: the scheduler runs its partition again
elsewhere; with SQLite the driver writes each partition's result once, and with PostgreSQL
an article committed before the death reads as stored (same key, same hash) the second time.
A run stopped at any point and started again skips what it stored. The driver relinks the
figures once, at the end, as one process does.
"""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path

from sqlalchemy.engine import make_url

from rawi.api import extract_article, prepare_batch
from rawi.errors import RawiError
from rawi.figures.frames import FigureFrame, figure_frames
from rawi.ingest import iter_inputs
from rawi.ledger import Ledger, content_hash, doc_key
from rawi.ledger import engine as ledger_engine
from rawi.model import Analysis, Article
from rawi.reading import DEFAULT_MAX_CHARS, Record
from rawi.scale import Scale
from rawi.scale.cluster import client_for, ordered_map
from rawi.scale.sources import Planned, plan_sources
from rawi.service import Summary

BLOCK = 64  # articles per stored-hash query and per transaction, as in one process
EXTRACTED = "extracted"  # made on a worker, for the driver to write
REJECTED = "rejected"
REPEATED = "repeated"  # a key seen earlier in the same partition: not extracted
Written = tuple[Article, Analysis, list[FigureFrame]]


@dataclass(frozen=True, slots=True)
class IngestJob:
    """What every partition of one `rawi ingest` run is asked for."""

    lang: str
    max_chars: int
    db_url: str  # the ledger, password included: workers connect to it
    write: bool  # workers write (PostgreSQL); else they send back what to write (SQLite)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input of a partition."""

    origin: str
    status: str  # added, unchanged, replaced (written by a worker), extracted, rejected, repeated
    key: str | None = None
    error: RawiError | None = None
    item: Written | None = None


# -- on a worker -----------------------------------------------------------------


@functools.cache
def _ready() -> None:
    """Once per worker process: every lexicon loaded (figures' too), then frozen out of the collector's sight."""
    figure_frames(extract_article(Article("warm-up", "قال الوزير إن 300 شخص قتلوا في بغداد.", "2025-01-01")))
    prepare_batch()


@functools.cache
def _ledger(url: str) -> Ledger | None:
    """The worker's ledger, opened once: to read stored hashes and, on PostgreSQL, to write.
    None for a SQLite file this machine does not see (a remote worker): it then extracts
    everything and the driver's write finds what is unchanged."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = parsed.database
        if not path or path == ":memory:" or not Path(path).is_file():
            return None
        return Ledger(ledger_engine.create(url))  # the driver migrated it; this one only reads
    return Ledger.open(url)


def ingest_part(planned: Planned, job: IngestJob) -> list[Outcome]:
    """On a worker: read, check, extract and frame (and on PostgreSQL store) one partition."""
    _ready()
    ledger = _ledger(job.db_url)
    taken: set[str] = set()
    out: list[Outcome] = []
    records = iter(planned.part.read(job.max_chars))
    while block := list(islice(records, BLOCK)):
        done = _extract_block(block, ledger, taken, job.lang)
        if job.write:
            assert ledger is not None
            done = _store(done, ledger)
        out.extend(done)
    return out


def _extract_block(block: list[Record], ledger: Ledger | None, taken: set[str], lang: str) -> list[Outcome]:
    """As `rawi.service._to_store` does for one process: skip what is stored, take the first of
    a key, extract and make the frames of the rest."""
    good = [r.article for r in block if r.error is None and r.article is not None]
    stored = ledger.stored_hashes([doc_key(a) for a in good]) if ledger is not None and good else {}
    out: list[Outcome] = []
    for rec in block:
        origin = rec.input_name
        if rec.error is not None or rec.article is None:
            out.append(Outcome(origin, REJECTED, error=rec.error or RawiError("E006", origin, "no article")))
            continue
        key = doc_key(rec.article)
        if key in taken:
            out.append(Outcome(origin, REPEATED, key))
            continue
        taken.add(key)
        if stored.get(key) == content_hash(rec.article.text):
            out.append(Outcome(origin, "unchanged", key))
            continue
        out.append(_extract_one(rec.article, origin, key, lang))
    return out


def _extract_one(article: Article, origin: str, key: str, lang: str) -> Outcome:
    try:
        analysis = extract_article(article, origin, lang)
        frames = figure_frames(analysis, article.source, key)
    except RawiError as err:
        return Outcome(origin, REJECTED, key, err)
    except Exception as exc:  # a bug in the frames must not fail the whole partition
        return Outcome(origin, REJECTED, key, RawiError("E100", origin, f"{type(exc).__name__}: {exc}"))
    return Outcome(origin, EXTRACTED, key, item=(article, analysis, frames))


def _store(done: list[Outcome], ledger: Ledger) -> list[Outcome]:
    """Write the block's extracted articles in one transaction; their outcomes say how it went."""
    statuses = iter(ledger.ingest_many([o.item for o in done if o.item is not None], batch_size=BLOCK))
    return [replace(o, status=next(statuses), item=None) if o.item is not None else o for o in done]


# -- on the driver -----------------------------------------------------------------


def ingest_sources(
    ledger: Ledger, sources: Sequence[str], lang: str, progress: bool, scale: Scale, max_chars: int = DEFAULT_MAX_CHARS
) -> Summary:
    """`Service.ingest_sources` on a cluster: the same ledger rows, rejections and counts."""
    write = ledger.engine.dialect.name == "postgresql"
    job = IngestJob(lang, max_chars, ledger.engine.url.render_as_string(hide_password=False), write)
    summary = Summary()
    first: dict[str, str] = {}  # doc key -> the source holding its first article
    clashes: dict[str, str] = {}
    with client_for(scale) as client:
        results = ordered_map(client, ingest_part, plan_sources(sources, scale.partition_bytes, job.max_chars), job)
        if progress:
            results = _with_bar(results)
        for done in ledger.ingest_stream(_to_write(results, summary, first, clashes if write else None)):
            summary.counts[done.status] += 1
    _restore_first(ledger, clashes, lang)
    if summary.counts["added"] or summary.counts["replaced"] or clashes:
        ledger.relink()
    return summary


def _to_write(
    results: Iterable[tuple[Planned, list[Outcome]]],
    summary: Summary,
    first: dict[str, str],
    clashes: dict[str, str] | None,
) -> Iterator[Written]:
    """The articles for the driver to write, in input order; everything else counted or reported.

    The first article of a key in the whole input is kept and the later ones rejected (E012),
    as in one process. A later one in another partition may have been written by its worker
    already (PostgreSQL): `clashes` collects those keys so that the first text is put back."""
    for planned, outcomes in results:
        for o in outcomes:
            if o.key is not None and o.key in first:
                summary.rejected.append((o.origin, str(RawiError("E012", o.origin, o.key))))
                if clashes is not None and o.status != REPEATED:
                    clashes[o.key] = first[o.key]
                continue
            if o.key is not None:
                first[o.key] = planned.source
            if o.status == REJECTED:
                summary.rejected.append((o.origin, str(o.error)))
            elif o.item is not None:
                yield o.item
            else:
                summary.counts[o.status] += 1


def _restore_first(ledger: Ledger, clashes: dict[str, str], lang: str) -> None:
    """Store again the first article of each clashing key if a later one's text is stored instead.
    Rare (one id or URL for two texts in one input): the source is read again on the driver."""
    by_source: dict[str, set[str]] = {}
    for key, source in clashes.items():
        by_source.setdefault(source, set()).add(key)
    for source, keys in by_source.items():
        stored = ledger.stored_hashes(sorted(keys))
        for got in iter_inputs([source]):
            if got.article is None or (key := doc_key(got.article)) not in keys:
                continue
            keys.discard(key)
            # A first article that was rejected (and reported) in the run leaves the later text stored.
            if stored.get(key) != content_hash(got.article.text):
                with contextlib.suppress(RawiError):
                    ledger.ingest(got.article, extract_article(got.article, got.origin, lang))
            if not keys:
                break


def _with_bar(results: Iterator[tuple[Planned, list[Outcome]]]) -> Iterator[tuple[Planned, list[Outcome]]]:
    from tqdm import tqdm

    with tqdm(unit=" articles", file=sys.stderr, dynamic_ncols=True) as bar:
        for planned, outcomes in results:
            bar.update(len(outcomes))
            yield planned, outcomes


__all__ = ["IngestJob", "Outcome", "ingest_part", "ingest_sources"]
