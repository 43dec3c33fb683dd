"""Matching normalisation with an exact offset map back to the original text.

Every extractor matches against `NormText.norm`, a folded working copy, and
reports spans through `NormText.to_orig`, so offsets always index the text the
user gave us. Folding (applied per character, after NFKC):

- Arabic presentation forms and other compatibility characters: NFKC
  (``ﻻ`` becomes ``لا``: one original character, two working characters);
- alef variants ``أ إ آ ٱ`` to ``ا``; ``ى`` to ``ي``; ``ة`` to ``ه``; Persian
  ``ی ک`` to ``ي ك``;
- tatweel, harakat, Quranic marks, zero-width and bidi controls: removed;
- digits ``٠-٩`` and ``۰-۹`` to ASCII; ``٬`` to ``,``; ``٫`` to ``.``; ``٪`` to ``%``;
- every kind of white space to a plain space (newlines are kept: they end paragraphs);
- ASCII letters lower-cased.

Most characters map to exactly one character, so the common case is a single
`str.translate` with the identity offset map; only texts that contain removed
or expanded characters pay for a segment table.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

_FOLD_1TO1: dict[str, str] = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ٲ": "ا",
    "ٳ": "ا",
    "ى": "ي",
    "ی": "ي",
    "ې": "ي",
    "ة": "ه",
    "ۀ": "ه",
    "ک": "ك",
    "٬": ",",
    "٫": ".",
    "٪": "%",
    "٭": "*",
    "،": "،",
    "\u00a0": " ",
    "\t": " ",
    "\u2007": " ",
    "\u202f": " ",
    "\u3000": " ",
    "\r": "\n",
    "\u2028": "\n",
    "\u2029": "\n",
    "\x0b": "\n",
    "\x0c": "\n",
}
for _i in range(10):
    _FOLD_1TO1[chr(0x0660 + _i)] = str(_i)
    _FOLD_1TO1[chr(0x06F0 + _i)] = str(_i)
for _cp in range(0x2000, 0x200B):
    _FOLD_1TO1[chr(_cp)] = " "

# Removed outright: tatweel, harakat and Quranic annotation marks, zero-width
# and directional controls, the byte-order mark, soft hyphen.
_REMOVED = re.compile(
    "[\u0640\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
    "\u0610-\u061a\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad]"
)


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    """The folded form of one original character (possibly empty or longer)."""
    if _REMOVED.match(ch):
        return ""
    out = []
    for c in unicodedata.normalize("NFKC", ch):
        if _REMOVED.match(c):
            continue
        c = _FOLD_1TO1.get(c, c)
        if "A" <= c <= "Z":
            c = c.lower()
        out.append(c)
    return "".join(out)


def fold(text: str) -> str:
    """Fold a string for matching, without keeping offsets (lexicon keys, queries)."""
    return "".join(_fold_char(c) for c in text)


# One character -> one character fast table, built lazily per code point.
class _Table(dict[int, str]):
    def __missing__(self, cp: int) -> str:
        folded = _fold_char(chr(cp))
        value = folded if len(folded) == 1 else chr(cp)
        self[cp] = value
        return value


_TABLE = _Table()
# Characters that do not fold to exactly one character.
_IRREGULAR_CACHE: dict[str, bool] = {}


def _is_irregular(ch: str) -> bool:
    hit = _IRREGULAR_CACHE.get(ch)
    if hit is None:
        hit = len(_fold_char(ch)) != 1
        _IRREGULAR_CACHE[ch] = hit
    return hit


# Marks that belong to the letter before them: a span end never cuts them off.
_TRAILING_MARKS = re.compile("[\u0640\u064b-\u065f\u0670\u06d6-\u06ed\u0610-\u061a]")


@dataclass(frozen=True, slots=True)
class NormText:
    """An original text, its folded working copy and the map between them.

    `seg_norm[i]`/`seg_orig[i]` start segment i; `seg_linear[i]` says whether
    the segment maps one to one (else all its working characters come from the
    single original character at `seg_orig[i]`).
    """

    orig: str
    norm: str
    seg_norm: tuple[int, ...] = ()
    seg_orig: tuple[int, ...] = ()
    seg_linear: tuple[bool, ...] = ()

    @property
    def identity(self) -> bool:
        return not self.seg_norm

    def orig_start(self, i: int) -> int:
        """Original offset of working character i (or of the end, if i == len(norm))."""
        if not self.seg_norm:
            return i
        if i >= len(self.norm):
            return len(self.orig)
        k = bisect_right(self.seg_norm, i) - 1
        if self.seg_linear[k]:
            return self.seg_orig[k] + (i - self.seg_norm[k])
        return self.seg_orig[k]

    def orig_end(self, i: int) -> int:
        """Original offset just past working character i - 1 (a span end)."""
        if not self.seg_norm:
            return i
        if i <= 0:
            return 0
        k = bisect_right(self.seg_norm, i - 1) - 1
        end = self.seg_orig[k] + (i - self.seg_norm[k]) if self.seg_linear[k] else self.seg_orig[k] + 1
        # Keep harakat and tatweel that follow the last letter inside the span:
        # a span never splits a letter from its marks.
        orig = self.orig
        while end < len(orig) and _TRAILING_MARKS.match(orig[end]):
            end += 1
        return end

    def to_orig(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open working span to a half-open original span."""
        if end <= start:
            s = self.orig_start(start)
            return s, s
        return self.orig_start(start), self.orig_end(end)


@lru_cache(maxsize=1024)
def _irregular_re(chars: frozenset[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def fold_aligned(text: str) -> str | None:
    """`fold(text)` when it keeps every offset (no character removed or expanded), else None."""
    if any(_is_irregular(c) for c in set(text)):
        return None
    return text.translate(_TABLE)


def normalize(text: str) -> NormText:
    """Fold `text` for matching and keep the offset map back to it."""
    irregular = frozenset(c for c in set(text) if _is_irregular(c))
    if not irregular:
        return NormText(text, text.translate(_TABLE))
    parts: list[str] = []
    seg_norm: list[int] = []
    seg_orig: list[int] = []
    seg_linear: list[bool] = []
    npos = 0
    run_start = 0  # start of the current one-to-one run in the original
    for m in _irregular_re(irregular).finditer(text):
        i = m.start()
        if i > run_start:
            chunk = text[run_start:i].translate(_TABLE)
            seg_norm.append(npos)
            seg_orig.append(run_start)
            seg_linear.append(True)
            parts.append(chunk)
            npos += len(chunk)
        folded = _fold_char(m.group())
        if folded:
            seg_norm.append(npos)
            seg_orig.append(i)
            seg_linear.append(False)
            parts.append(folded)
            npos += len(folded)
        run_start = i + 1
    n = len(text)
    if run_start < n:
        chunk = text[run_start:].translate(_TABLE)
        seg_norm.append(npos)
        seg_orig.append(run_start)
        seg_linear.append(True)
        parts.append(chunk)
        npos += len(chunk)
    if not seg_norm:  # everything was removed
        seg_norm, seg_orig, seg_linear = [0], [n], [True]
    return NormText(text, "".join(parts), tuple(seg_norm), tuple(seg_orig), tuple(seg_linear))
