"""The sentence view the attribution rules read: tokens, cue readings, phrases, quotes.

Also the match types (`AttrMatch`, `SourceRef`) and the per-article `State`. Offsets
are folded-text offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cache, lru_cache
from types import MappingProxyType

from rawi.extract.np import strip_clitic
from rawi.lexicon import load_tsv
from rawi.lexicon.cues import CueForm, complementisers, cue_forms, lookup, phrases
from rawi.text.segment import Quote, Sentence, Token
from rawi.text.wordfilter import WordFilter

WORD = re.compile(r"[^\W\d_]+")


NUMBERISH = re.compile(r"(?:ب\s*)?(?:\d|(?:ب)?(?:اكثر|حوالي|نحو|قرابه)\b)")


QUOTE_MARKS = set("\"«»“”„‟‹›'")


CONTENT_TRIM = " \t\n.,،;؛:!?؟-–—…"


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A source as the text gives it: a span, or a pointer to whoever speaks."""

    start: int | None = None
    end: int | None = None
    # When the span is None: the attribution whose source this one continues,
    # or a mention span (start, end) standing for the subject of the sentence.
    antecedent: int | None = None
    subject: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class AttrMatch:
    cue: tuple[int, int] | None
    content: tuple[int, int]
    source: SourceRef
    kind: str
    stance: str
    via: tuple[tuple[int, int], ...] = ()
    gender: str = ""  # agreement of the cue ("f" for وقالت), to pick an antecedent
    according: bool = False  # made by an "according to" phrase: its source speaks for a clause


@dataclass
class State:
    """What the scan of one article has seen so far."""

    out: list[AttrMatch] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Phrase:
    end_tok: int  # index of the first token after the phrase
    kind: str
    clitic: int = 0  # characters of end_tok that still belong to the phrase ("ل" of "وفقا للبيان")


PhraseIndex = dict[str, dict[str, list[tuple[tuple[str, ...], str]]]]


@cache
def phrase_index() -> PhraseIndex:
    """according-to and nominal phrases by first word, then by second word ("" for one-word
    phrases and for phrases whose second word is a clitic written onto the next token)."""
    idx: PhraseIndex = {}
    for kind, items in phrases().items():
        if kind not in ("according_to", "nominal"):
            continue
        for ph in items:
            words = tuple(ph.phrase.split())
            if words:
                second = words[1] if len(words) > 1 and len(words[1]) > 1 else ""
                idx.setdefault(words[0], {}).setdefault(second, []).append((words, kind))
    for by_second in idx.values():
        for cands in by_second.values():
            cands.sort(key=lambda c: -len(c[0]))
    return idx


@cache
def phrase_heads() -> frozenset[str]:
    return frozenset(phrase_index())


@cache
def according_heads() -> frozenset[str]:
    """First words of the "according to" phrases: only these start an attribution; a setting
    ("في بيان") is read where a verb's content is looked for."""
    return frozenset(
        w
        for w, by_second in phrase_index().items()
        if any(kind == "according_to" for cands in by_second.values() for _, kind in cands)
    )


@cache
def cue_words() -> WordFilter:
    heads = according_heads()
    return WordFilter(lambda w: w in heads or strip_clitic(w) in heads or _readable(w))


def _readable(word: str) -> bool:
    """Whether a word reads as a cue form of any person (one prefix test for most words)."""
    prefixes = cue_prefixes()
    if word[:3] not in prefixes and (word[:1] not in "وف" or word[1:4] not in prefixes):
        return False
    return bool(cue_readings(word)) or bool(first_person_readings(word))


@lru_cache(maxsize=65536)
def first_person_readings(word: str) -> tuple[CueForm, ...]:
    """First-person active verb readings ("أعتقد", "نؤكد"): a cue only inside someone's quoted words."""
    prefixes = cue_prefixes()
    if word[:3] not in prefixes and (word[:1] not in "وف" or word[1:4] not in prefixes):
        return ()
    if not WORD.fullmatch(word):
        return ()
    return tuple(f for f in lookup(word) if f.person == 1 and not f.passive and f.pos == "verb")


class Sent:
    """One sentence's tokens with the lookups the rules need."""

    def __init__(
        self,
        norm: str,
        sent: Sentence,
        tokens: Sequence[Token],
        lo: int,
        hi: int,
        quotes: Sequence[Quote],
        blocked_spans: Sequence[tuple[int, int]],
        state: State,
        marks: Sequence[int],
        places: AbstractSet[tuple[int, int]] = frozenset(),
    ) -> None:
        self.state = state
        self.places = places  # spans of cities and regions
        self.marks = marks  # token indices where a content may end: cues, commas, contrasts
        self.norm = norm
        self.sent = sent
        self.toks = tokens
        self.lo, self.hi = lo, hi
        self.quotes = quotes
        self.blocked_spans = blocked_spans

    def word(self, k: int) -> str:
        return self.toks[k].text

    def cue(self, k: int) -> tuple[CueForm, ...]:
        return cue_readings(self.toks[k].text)

    def in_time(self, k: int) -> bool:
        t = self.toks[k]
        spans = self.blocked_spans
        i = bisect_left(spans, (t.start + 1,)) - 1
        return i >= 0 and spans[i][0] <= t.start < spans[i][1]

    def blocked(self, k: int) -> bool:
        return bool(self.cue(k)) or self.in_time(k)

    def phrase_at(self, k: int) -> Phrase | None:
        w = self.toks[k].text
        heads = phrase_heads()
        if w not in heads and (w[:1] not in "وف" or strip_clitic(w) not in heads):
            return None
        nxt = self.toks[k + 1].text if k + 1 < self.hi else ""
        for key in (w, strip_clitic(w)) if w[:1] in "وف" else (w,):
            by_second = phrase_index().get(key)
            if not by_second:
                continue
            for words, kind in (*by_second.get(nxt, ()), *by_second.get("", ())):
                n = len(words)
                if k + n <= self.hi and all(self.toks[k + m].text == words[m] for m in range(1, n)):
                    return Phrase(k + n, kind)
                # "وفقا لـ" is mostly written onto its noun: "وفقا للبيان", "طبقا لمصادر".
                last = words[-1]
                if (
                    n > 1
                    and len(last) == 1
                    and last in "لب"
                    and k + n <= self.hi
                    and all(self.toks[k + m].text == words[m] for m in range(1, n - 1))
                ):
                    glued = self.toks[k + n - 1].text
                    if glued.startswith(last) and len(glued) > 2:
                        return Phrase(k + n - 1, kind, 0 if glued.startswith("لل") else 1)
        return None

    def quote_opening_at(self, k: int) -> Quote | None:
        pos = self.toks[k].start
        for q in self.quotes:
            if q.open_at == pos:
                return q
        return None

    def inside_content(self, pos: int) -> bool:
        return any(a.content[0] <= pos < a.content[1] for a in self.state.out)

    def is_complementiser(self, k: int) -> bool:
        word = self.toks[k].text
        if word in _ALA:
            # "ألا" (أن لا, "that … not") folds to what "إلا" ("except") does. "ألا" opens a verb in
            # the present ("ألا يتجاوز", "ألا تراجع"); "إلا" follows a negation ("لم يبق إلا",
            # "لا إله إلا الله") and opens a noun, or "أن" ("إلا أن", "however").
            nxt = self.toks[k + 1].text if k + 1 < len(self.toks) else ""
            negated = any(self.toks[m].text in _NEGATIONS for m in range(max(0, k - 6), k))
            return nxt[:1] in "يتن" and not negated
        return word in complementisers()

    def after_complementiser(self, k: int) -> int:
        """Where content starts after the complementiser at k: after it, but at "ألا" itself, whose
        "لا" is part of what was said ("أكد ألا تراجع")."""
        return k if self.toks[k].text in _ALA else k + 1


@lru_cache(maxsize=65536)
def cue_readings(word: str) -> tuple[CueForm, ...]:
    """Third-person, active readings of a token as a verb or participle cue."""
    prefixes = cue_prefixes()
    if word[:3] not in prefixes and (word[:1] not in "وف" or word[1:4] not in prefixes):
        return ()  # no cue form starts like this: skip the costlier lookup
    if not WORD.fullmatch(word):
        return ()
    bare = word[1:] if word[:1] in "وف" and len(word) > 3 else word
    if bare in impersonal():
        return ()
    return tuple(f for f in lookup(word) if f.person == 3 and not f.passive and f.pos != "noun")


@cache
def cue_prefixes() -> frozenset[str]:
    return frozenset(form[:3] for form in cue_forms())


@cache
def impersonal() -> frozenset[str]:
    return frozenset(r["form"] for r in load_tsv("cue_impersonal", ("form",)))


@cache
def object_content_lemmas() -> frozenset[str]:
    return frozenset(r["lemma"] for r in load_tsv("cue_object_content", ("lemma",)))


@cache
def np_adjectives() -> frozenset[str]:
    """Definite adjectives that are not nisbas: "العام" in "الأمين العام"."""
    return frozenset(r["word"] for r in load_tsv("np_adjectives", ("word",)))


_NISBA_ENDINGS = ("ي", "يه", "يين", "يون", "يان", "يتين", "يتان")


def adjective_like(word: str) -> bool:
    """A definite word that can describe the noun before it: a nisba or a listed adjective."""
    return word.endswith(_NISBA_ENDINGS) or word in np_adjectives()


@cache
def media_heads() -> frozenset[str]:
    """Head nouns of news media: "صحيفة", "قناة", "وكالة" (an outlet so named is a relay)."""
    return frozenset(r["word"] for r in load_tsv("media_heads", ("word",)))


@cache
def title_preps() -> Mapping[str, str]:
    """Titles that go on over their preposition: "المشرف على المشروع", "المسؤول عن الملف"."""
    return {r["word"]: r["prep"] for r in load_tsv("speaker_title_preps", ("word", "prep"))}


@cache
def partitive_heads() -> frozenset[str]:
    """Heads that speak only with the group after them: "عدد من", "كل من", "أحد هذه"."""
    return frozenset(r["word"] for r in load_tsv("speaker_partitives", ("word",)))


@cache
def own_report_nouns() -> Mapping[str, str]:
    """ "تعبيره" -> "m": report nouns whose pronoun is the speaker in force ("حسب تعبيره")."""
    return MappingProxyType({r["word"]: r["gender"] for r in load_tsv("report_nouns_own", ("word",))})


# "ألا" and "بألا" as folded (the same letters as "إلا", "except").
_ALA = frozenset({"الا", "بالا"})
_NEGATIONS = frozenset({"لا", "ولا", "لم", "ولم", "لن", "ولن", "ما", "وما", "ليس", "ليست", "غير"})


def bare_form(word: str) -> bool:
    forms = cue_forms()
    return word in forms or (word[:1] in "وف" and word[1:] in forms)
