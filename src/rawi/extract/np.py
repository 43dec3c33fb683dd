"""A small noun-phrase chunker over folded tokens.

Without a part-of-speech tagger, a noun phrase is read as a run of words that
stops at punctuation, a function word (np_stopwords.tsv), a reporting cue, a
time expression, or a word carrying a proclitic preposition once a name has
begun. It is meant for sources and descriptions ("وزير الدفاع الكوري الجنوبي",
"مصدر أمني عراقي"), which are short; `limit` bounds it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache

from rawi.lexicon import load_tsv
from rawi.text.segment import Token

_WORD = re.compile(r"[^\W\d_]+")


@cache
def stopwords() -> frozenset[str]:
    return frozenset(r["word"] for r in load_tsv("np_stopwords", ("word",)))


@cache
def adverbs() -> frozenset[str]:
    """Adverbs that may stand between a verb's subject and its content ("بشدة", "مجددا")."""
    return frozenset(r["word"] for r in load_tsv("np_stopwords", ("word",)) if r["class"] == "adverb")


def strip_clitic(word: str) -> str:
    """Drop one conjunction or preposition proclitic (و ف ب ل ك; لل is ل + ال)."""
    if word.startswith("لل") and len(word) > 4:
        return "ال" + word[2:]
    if len(word) > 3 and word[0] in "وفبلك":
        return word[1:]
    return word


def np_end(
    tokens: Sequence[Token],
    i: int,
    stop_at: int,
    blocked: Callable[[int], bool],
    limit: int = 8,
    coordinate: bool = True,
) -> int:
    """Index just past the noun phrase starting at token i (i itself if none).

    `blocked(k)` says token k cannot be inside a noun phrase (a cue, a time);
    `coordinate` lets "و"-joined nouns continue the phrase ("كييف وسيول").
    """
    stop = stopwords()
    j = i
    while j < stop_at and j - i < limit:
        tok = tokens[j]
        w = tok.text
        if j > i and tok.start - tokens[j - 1].end > 1:
            break  # something (a removed quote, a line break) sits between the words
        if w == "-" and j > i and j + 1 < stop_at and tokens[j + 1].start == tok.end and tok.start == tokens[j - 1].end:
            j += 1  # a hyphenated name: "كي-جونغ"
            continue
        if not _WORD.fullmatch(w) or w in stop or blocked(j) or len(w) == 1:
            break  # a lone letter is a clitic written apart ("لـ «رويترز»"), never a noun
        if j == i and w[0] == "و" and strip_clitic(w) in stop:
            break  # "ولم", "وحينما"
        if j > i:
            if w[0] == "و" and not coordinate and strip_clitic(w) != w:
                break
            if w[0] == "و" and len(w) > 3 and (strip_clitic(w) in stop or blocked(j)):
                break
            if w[0] == "ف" and len(w) > 2 and w[1:] in stop:
                break  # "وحسب السليطي فقد بلغ": "ف" + a particle opens the main clause
        j += 1
    return j
