"""Figure frames made again from the stored extractions, after rawi reads figures differently.

Frames are made at ingest, and an article ingested again unchanged is skipped, so a ledger
keeps the frames of the rawi that wrote it. The ledger records which frame rules made its
frames (`frames.FRAMES` in `ledger_state`); `frames_current` says whether they are today's,
and `reframe` makes every article's frames again from its stored extraction (as migration
0002 made the first ones), then forgets the links so that the next query relinks.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Connection

from rawi.figures.frames import FRAMES, figure_frames
from rawi.ledger.links import forget_links
from rawi.ledger.read import get_article
from rawi.ledger.schema import articles, figure_articles, figures, ledger_state
from rawi.ledger.write import write_frames

_STATE_KEY = "frames_made_by"


def frames_made_by(conn: Connection) -> str | None:
    """The frame rules the stored frames were made by (None: not recorded, an older ledger)."""
    value: str | None = conn.execute(select(ledger_state.c.value).where(ledger_state.c.key == _STATE_KEY)).scalar()
    return value


def frames_current(conn: Connection) -> bool:
    """Whether the stored frames are what this rawi would make (a ledger without figures is)."""
    if frames_made_by(conn) == FRAMES:
        return True
    return conn.execute(select(func.count()).select_from(figures)).scalar_one() == 0


def mark_frames(conn: Connection) -> None:
    """Record that the stored frames are this rawi's."""
    conn.execute(delete(ledger_state).where(ledger_state.c.key == _STATE_KEY))
    conn.execute(insert(ledger_state).values(key=_STATE_KEY, value=FRAMES))


def reframe(conn: Connection, progress: Callable[[int], None] | None = None) -> int:
    """Every stored article's frames made again; returns how many articles have figures.
    `progress(n)` is called after each article. The links are made on the next query."""
    conn.execute(delete(figures))
    conn.execute(delete(figure_articles))
    framed = 0
    rows = list(conn.execute(select(articles.c.id, articles.c.doc_key, articles.c.source).order_by(articles.c.id)))
    for n, (art_id, key, outlet) in enumerate(rows, 1):
        stored = get_article(conn, key)
        if stored is not None and stored.analysis.quantities:
            write_frames(conn, art_id, figure_frames(stored.analysis, outlet, key), stored.analysis.text)
            framed += 1
        if progress is not None:
            progress(n)
    mark_frames(conn)
    forget_links(conn)
    return framed


__all__ = ["frames_current", "frames_made_by", "mark_frames", "reframe"]
