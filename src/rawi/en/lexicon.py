"""English lexicons: TSV files under `rawi/lexicon/data/` named `en_*.tsv`, read once.

Reporting verbs come with every surface form written out, a stance and a frame
(what may follow the verb as its content); attribution phrases, titles, function
words, times and numbers are plain word lists. Everything is lower case; the
matching code lower-cases the text it compares.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from rawi.lexicon import load_tsv

FRAMES = frozenset({"say", "tell", "that", "cog", "obj", "quote"})
STANCES = frozenset({"assert", "claim", "confirm", "deny", "estimate", "warn", "call", "praise", "other"})


@dataclass(frozen=True, slots=True)
class CueForm:
    """One surface form of a reporting verb."""

    form: str  # lower case, one or two words
    lemma: str
    tense: str  # past | present | ing | participle (the lemma itself is a present: "they say")
    stance: str
    frame: str


@dataclass(frozen=True, slots=True)
class Phrase:
    phrase: str
    kind: str  # according_to relay_by quoting citing setting audience


@dataclass(frozen=True, slots=True)
class Title:
    title: str
    type: str
    gender: str  # m f -
    plural: bool


@cache
def cue_forms() -> Mapping[str, tuple[CueForm, ...]]:
    """Surface form -> its readings (a form like "said" or "read" is past and participle)."""
    out: dict[str, list[CueForm]] = {}
    for row in load_tsv("en_reporting_verbs"):
        if row["stance"] not in STANCES or row["frame"] not in FRAMES:
            raise ValueError(f"en_reporting_verbs.tsv {row['lemma']!r}: bad stance or frame")
        # The lemma is the plural present ("officials say"); "to say" is told apart by the reader.
        for tense, col in (
            ("present", "lemma"),
            ("past", "past"),
            ("present", "present"),
            ("ing", "ing"),
            ("participle", "participle"),
        ):
            form = row[col].lower()
            readings = out.setdefault(form, [])
            if not any(r.lemma == row["lemma"] and r.tense == tense for r in readings):
                readings.append(CueForm(form, row["lemma"], tense, row["stance"], row["frame"]))
    return MappingProxyType({k: tuple(v) for k, v in out.items()})


@cache
def phrases() -> Mapping[str, Phrase]:
    return MappingProxyType(
        {r["phrase"].lower(): Phrase(r["phrase"].lower(), r["kind"]) for r in load_tsv("en_attribution_phrases")}
    )


def phrases_of(kind: str) -> tuple[str, ...]:
    return tuple(p for p, v in phrases().items() if v.kind == kind)


@cache
def titles() -> Mapping[str, Title]:
    return MappingProxyType(
        {
            r["title"].lower(): Title(r["title"].lower(), r["type"], r["gender"], r["plural"] == "y")
            for r in load_tsv("en_titles")
        }
    )


@cache
def words(kind: str) -> frozenset[str]:
    """Function words of one class from en_function_words.tsv (determiner, preposition …)."""
    return frozenset(r["word"].lower() for r in load_tsv("en_function_words") if r["class"] == kind)


_Trie = dict[str, "_Trie"]


def trie(items: list[str] | tuple[str, ...] | set[str]) -> str:
    """A regex matching any of `items` (lower case), built as a trie so that the engine branches on
    one character at a time instead of trying hundreds of words at every position; greedy, so the
    longest item at a position wins ("pointed out" over "pointed"). A space matches any white space."""
    root: _Trie = {}
    end = ""
    for w in items:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[end] = {}

    def build(node: _Trie) -> str:
        branches = [(r"\s+" if ch == " " else re.escape(ch)) + build(node[ch]) for ch in sorted(k for k in node if k)]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end in node else body

    return build(root)


@cache
def cue_items() -> tuple[str, ...]:
    """The verb forms and non-verbal phrases ("according to", "quoting") that may open an attribution."""
    items = (*cue_forms(), *phrases_of("according_to"), *phrases_of("quoting"), *phrases_of("citing"))
    if not all(w[:1].isalpha() for w in items):
        raise ValueError("an English cue must start with a letter")
    return items


@cache
def cue_regex() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    r"""Every verb form and non-verbal phrase that may open an attribution, as whole words of the
    lower-cased text (`EnText.low`): the matches of `\b(?:forms)(?![\w-])`, as group 1 of three
    patterns that `attributions._cue_spans` merges.

    The forms all start with a letter, so `\b` before one is a non-word character before it, or the
    text's start (the first pattern, used with `match`). A pattern that starts with `\b` is tried at
    every position of the text; one that starts with a character class is not (the engine skips to
    a character of the class), which makes the scan much cheaper. A class of all non-word characters
    is a Unicode category, slow to test at every character, so the second pattern takes the common
    ones (every ASCII one, the usual typographic ones) and the third the others (a non-ASCII
    character outside those, tested for `\w` only there). The reader drops a match glued to an
    apostrophe or a hyphen ("well-known", "o'said"), but they are matched here all the same: the
    `\b` pattern matched them, and so skipped what they overlap ("-as reported by")."""
    body = "(" + trie(cue_items()) + r")(?![\w-])"
    ascii_seps = re.sub(r"\w", "", "".join(map(chr, range(128))))
    typo_seps = "’‘“”„«»—–…•\u00a0\u2009\u202f"
    common = "[" + re.escape(ascii_seps + typo_seps) + "]"
    rare = r"[^\x00-\x7f" + re.escape(typo_seps) + r"](?<!\w)"
    return re.compile(body), re.compile(common + body), re.compile(rare + body)


__all__ = [
    "FRAMES",
    "STANCES",
    "CueForm",
    "Phrase",
    "Title",
    "cue_forms",
    "cue_items",
    "cue_regex",
    "phrases",
    "phrases_of",
    "titles",
    "trie",
    "words",
]
