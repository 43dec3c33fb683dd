"""What every export format shares: names of speakers and relays, document IRIs, atomic output."""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from rawi.model import Analysis, Attribution, Entity

_QID = re.compile(r"Q[1-9][0-9]*")
WIKIDATA = "https://www.wikidata.org/wiki/"


def entity_of(analysis: Analysis, local_id: str | None) -> Entity | None:
    if local_id is None:
        return None
    return next((e for e in analysis.entities if e.id == local_id), None)


def speaker_name(analysis: Analysis, att: Attribution) -> str | None:
    """The source entity's name, else the source span's text (None for an unresolved pro-drop)."""
    ent = entity_of(analysis, att.source.entity)
    if ent is not None:
        return ent.name
    return att.source.span.text if att.source.span is not None else None


def relay_names(analysis: Analysis, att: Attribution) -> list[str]:
    """The relay chain, nearest to the source first: each relay's entity name, else its span text."""
    out = []
    for v in att.via:
        ent = entity_of(analysis, v.entity)
        out.append(ent.name if ent is not None else v.span.text)
    return out


def wikidata_url(link: str | None) -> str | None:
    """The Wikidata page of a QID link; None for anything else."""
    return WIKIDATA + link if link is not None and _QID.fullmatch(link) else None


def doc_iri(doc_key: str) -> str:
    """`urn:rawi:<doc_key>`, percent-encoded whole so that ':' and '/' in a URL key stay unambiguous."""
    return "urn:rawi:" + quote(doc_key, safe="")


def containing(attributions: tuple[Attribution, ...], start: int, end: int) -> Attribution | None:
    """The innermost attribution whose content holds [start, end): who claims a figure or a date."""
    best: Attribution | None = None
    for att in attributions:
        c = att.content
        if (
            c.start <= start
            and end <= c.end
            and (best is None or c.end - c.start < best.content.end - best.content.start)
        ):
            best = att
    return best


def stream_array(objects: Iterable[dict[str, Any]], head: str, tail: str, out: IO[str]) -> int:
    """Write `head`, the objects as the items of a JSON array, then `tail`, one object at a
    time (a large ledger is never held in memory); returns how many were written."""
    out.write(head)
    n = 0
    for obj in objects:
        out.write(("\n" if n == 0 else ",\n") + json.dumps(obj, ensure_ascii=False))
        n += 1
    out.write("\n" + tail)
    return n


@contextlib.contextmanager
def atomic_output(path: str | None, newline: str | None = None) -> Iterator[IO[str]]:
    """stdout, or a file written under a temporary name and renamed over PATH only when complete.

    An export that fails half-way leaves the previous file (if any) as it was
    and no partial file behind.
    """
    if path is None:
        yield sys.stdout
        return
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        # mkstemp creates the file 0600; give the export the mode a plain open() would.
        os.chmod(tmp, target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return mask
