"""Reading articles for `rawi ingest`: text, HTML, JSON Lines, RSS/Atom, WARC, folders and URLs."""

from rawi.ingest.common import Input
from rawi.ingest.readers import iter_inputs
from rawi.reading import DEFAULT_MAX_CHARS

__all__ = ["DEFAULT_MAX_CHARS", "Input", "iter_inputs"]
