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
def given_names() -> frozenset[str]:
    """Common Arabic given names (given_names.tsv), folded."""
    return frozenset(r["name"] for r in load_tsv("given_names", ("name",)))


_LINKS = frozenset(("بن", "ابن", "بنت"))


def person_name_end(word: Callable[[int], str], m: int, e: int, ends_name: Callable[[int], bool]) -> int:
    """Past a person's name at word m ("محمد بدر", "عبد الله الربيعة", "إبراهيم بن عبدالله
    المسعري"): a given name, its "بن X" links and one family name, before index e; m itself when
    no given name starts there. `word(k)` is the k-th folded word; `ends_name(k)` says word k
    cannot be a family name (a reporting cue)."""
    w = word(m)
    if w in _TWO_WORD and m + 1 < e:
        m += 1
    elif w not in given_names():
        return m
    m += 1
    while m + 1 < e and word(m) in _LINKS:
        m += 3 if word(m + 1) in _TWO_WORD and m + 2 < e else 2  # "بن عبد العزيز"
    if m < e and _family_name(word(m)) and not ends_name(m):
        m += 2 if word(m) in _TWO_WORD and m + 1 < e else 1  # "آل خليفة", "أبو مصعب"
    return m


# Words that make a name with the word after them: "عبد الله", "أبو مصعب", "آل خليفة".
_TWO_WORD = frozenset(("عبد", "ابو", "ال"))


def _family_name(w: str) -> bool:
    return _WORD.fullmatch(w) is not None and w not in stopwords() and w not in _LINKS


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


def ali_named_by(w: str) -> bool:
    """After "علي" (folded like the preposition "على"), a nisba family name ("الزهراني") or a
    patronymic ("بن") says it is the name Ali: the preposition takes a noun ("على الحدود")."""
    return w in ("بن", "ابن") or (w.startswith("ال") and w.endswith("ي") and len(w) >= 6)


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
        if w == "علي" and j + 1 < stop_at and ali_named_by(tokens[j + 1].text) and not blocked(j):
            j += 1  # the name Ali, folded like "على": "وقال علي الزهراني"
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
