"""Noun phrases around a reporting verb: who speaks, to whom, through whom.

There is no tagger: a speaker's description is read from capitals, titles,
determiners, the few prepositions that join nouns inside a description ("spokesman
*for* the ministry", "Ambassador *to* the United States") and the function words that
cannot be inside one. Reading backwards from the verb, a phrase ends at a
determiner (unless "of"/"for" joins it to a noun before), at punctuation, at a
clause word or an auxiliary. Short runs of lower-case words are allowed ("the
foreign ministry", "researchers"); long ones are a clause, not a name.
"""

from __future__ import annotations

from functools import cache

from rawi.en.lexicon import cue_forms, phrases_of, titles, words
from rawi.en.text import Tok, abbreviations

_MAX_LOWER = 4
# What may stand before a phrase of two coordinated speakers' nouns: it opens its clause.
_CLAUSE_EDGE = frozenset({",", '"', "“", "”", "(", "—", "–", ":", ";"})
# What may follow a speaker's noun inside its phrase: "a source close to the talks".
_POSTMODIFIERS = frozenset(
    {"close to", "familiar with", "briefed on", "involved in", "knowledge of", "speaking on", "close with", "near to"}
)
# Participles that date or sign a document inside its phrase: "a study published in March".
_PUBLISHED = frozenset({"published", "released", "issued", "conducted"})
# Lower-case nouns that may close a name ("Yonhap news agency", "the event website").
_HEADS = frozenset(
    {
        "news",
        "agency",
        "ministry",
        "website",
        "media",
        "newspaper",
        "officials",
        "official",
        "authorities",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "police",
        "office",
        "service",
        "department",
        "government",
        "statement",
        "report",
        "group",
        "party",
        "council",
        "site",
        "army",
        "military",
        "forces",
        "channel",
        "television",
        "radio",
        "daily",
        "paper",
    }
)
_MAX_TOKENS = 18


@cache
def relay_phrases() -> frozenset[str]:
    return frozenset(phrases_of("relay_by"))


def _acronym(t: Tok) -> bool:
    """ "WHO", "US": capitals that spell a function word are a name."""
    return len(t.text) > 1 and t.text.isupper()


def is_cap(t: Tok) -> bool:
    c = t.text[0]
    return c.isupper() or (c.isdigit() and len(t.text) > 1 and any(ch.isalpha() for ch in t.text))


def is_word(t: Tok) -> bool:
    return t.text[0].isalnum()


def _glue(t: Tok) -> bool:
    """A token that sits inside a name: a possessive, the period of an initial, a spaced hyphen."""
    return t.low in ("'s", "’s") or t.text in ("-", "&")


@cache
def _stop_words() -> frozenset[str]:
    """Words a noun phrase does not run over: one set, where four lookups were made per word."""
    return words("subordinator") | words("preposition") | words("auxiliary") | words("conjunction")


def _stop_word(low: str) -> bool:
    return low in _stop_words()


def _verb_here(toks: list[Tok], k: int) -> bool:
    """A reporting-verb form that is a verb here, not a noun: "the report", "a statement", "state media",
    "by state media" have a determiner, a possessive, a preposition or a modifier before them;
    "officials say", "he said", "and added" have a subject, an auxiliary or a conjunction."""
    if toks[k].low not in cue_forms():
        return False
    if k == 0:
        return False  # "State media said", "Reports say": a sentence does not start with the verb
    prev = toks[k - 1]
    low = prev.low
    if (
        low in words("subject_pronoun")
        or low in words("auxiliary")
        or low in words("conjunction")
        or low in words("subordinator")
    ):
        return True
    if (
        low in words("determiner")
        or low in ("'s", "’s")
        or low in words("preposition")
        or low in words("np_preposition")
        or prev.text[0].isupper()
        or prev.text[0].isdigit()
    ):
        return False
    # a lower-case word before it: a plural subject ("officials say") or a modifier ("press statement")
    return prev.text.islower() and low.endswith("s")


def _noun_like(t: Tok) -> bool:
    return is_cap(t) or t.low in titles() or t.low.isdigit()


def np_before(toks: list[Tok], j: int, lo: int = 0) -> tuple[int, int] | None:
    """Token range [a, j] of the noun phrase ending at token j, or None."""
    # the word classes, looked up once per phrase rather than once per word
    det, np_prep = words("determiner"), words("np_preposition")
    subj, obj = words("subject_pronoun"), words("object_pronoun")
    if j < lo or not toks or j >= len(toks):
        return None
    t = toks[j]
    if t.low in subj and not _acronym(t):
        return (j, j)
    if not is_word(t) or (_stop_word(t.low) and not _acronym(t)) or t.low in det or _verb_here(toks, j):
        return None
    a = j
    lower = 0
    k = j
    coord = -1
    ttl = titles()
    while k >= lo and j - k < _MAX_TOKENS:
        t = toks[k]
        low = t.low
        if (
            t.text == "."
            and k > lo
            and (toks[k - 1].low in abbreviations() or len(toks[k - 1].text) == 1 or "." in toks[k - 1].text)
        ):
            k -= 1
            continue
        if _glue(t):
            if k - 1 < lo or not is_word(toks[k - 1]):
                break
            k -= 1
            continue
        if not is_word(t):
            break
        if low in det:
            a = k
            if (
                k - 1 >= lo
                and toks[k - 1].low in np_prep
                and k - 2 >= lo
                and (_noun_like(toks[k - 2]) or toks[k - 2].low in _HEADS)  # "a statement from the ministry"
            ):
                k -= 2
                a = k + 2
                continue
            # "a report released by the UN on Monday": the document's phrase goes on before its participle
            if k - 3 >= lo and toks[k - 2].low in _PUBLISHED and toks[k - 1].low in ("in", "on", "by"):
                k -= 3
                a = k + 1
                lower = 0
                continue
            # "a source close to the talks", "officials familiar with the matter"
            if k - 2 >= lo and f"{toks[k - 2].low} {toks[k - 1].low}" in _POSTMODIFIERS:
                k -= 3
                a = k + 1
                lower = 0
                continue
            break
        if low in np_prep:
            # "spokesman for the ministry": keep going only when a noun stands before the preposition.
            if k - 1 >= lo and _noun_like(toks[k - 1]) and a == k + 1:
                k -= 1
                continue
            if k - 2 >= lo and toks[k - 1].low in _PUBLISHED and low in ("in", "on", "by") and is_word(toks[k - 2]):
                k -= 2  # "a study published in March": the document, not the month, found it
                a = k + 1
                continue
            break
        if low == "and" and k - 1 >= lo and is_cap(toks[k - 1]) and (is_cap(toks[a]) or toks[a].low == "the"):
            k -= 1
            continue
        if low == "and" and coord < 0 and k - 1 >= lo and toks[k - 1].low in ttl and toks[j].low in ttl:
            coord = k  # "police and medical sources": two speakers' nouns, if the phrase opens a clause
            k -= 1
            continue
        if (_stop_word(low) or low in subj or low in obj or _verb_here(toks, k)) and not _acronym(t):
            break
        if not _noun_like(t) and low not in _HEADS:
            lower += 1
            if lower > _MAX_LOWER:
                break
        a = k
        k -= 1
    if (
        coord >= 0
        and a < coord
        and (
            (a - 1 >= lo and toks[a - 1].text not in _CLAUSE_EDGE)
            or not all(t.low in det or t.low in ttl or is_cap(t) for t in toks[a:coord])
        )
    ):
        a = coord + 1  # "the blast killed 27 officials and police said": the left noun is an object
    while a <= j and (toks[a].low in np_prep or toks[a].low == "and" or _glue(toks[a])):
        a += 1
    return (a, j) if a <= j else None


def np_after(toks: list[Tok], i: int, hi: int | None = None) -> tuple[int, int] | None:
    """Token range [i, b] of the noun phrase starting at token i, or None."""
    # the word classes, looked up once per phrase rather than once per word
    det, np_prep = words("determiner"), words("np_preposition")
    subj, obj = words("subject_pronoun"), words("object_pronoun")
    hi = len(toks) if hi is None else min(hi, len(toks))
    if i >= hi:
        return None
    t = toks[i]
    if t.low in subj or t.low in obj:
        return (i, i)
    if not is_word(t) or (_stop_word(t.low) and t.low not in det) or (t.low in cue_forms() and t.low.endswith("ing")):
        return None
    b = i - 1
    lower = 0
    k = i
    after_det = False
    while k < hi and k - i < _MAX_TOKENS:
        t = toks[k]
        low = t.low
        if t.text == "." and b == k - 1 and (toks[k - 1].low in abbreviations() or len(toks[k - 1].text) == 1):
            b = k
            k += 1
            continue
        if _glue(t) and b == k - 1 and k + 1 < hi and is_word(toks[k + 1]):
            k += 1
            continue
        if not is_word(t):
            break
        if low in det:
            if b >= i and toks[k - 1].low not in np_prep and toks[k - 1].low not in ("'s", "’s"):
                break
            after_det = True
            k += 1
            continue
        if low in np_prep:
            if k + 1 < hi and (_noun_like(toks[k + 1]) or toks[k + 1].low in det) and b >= i:
                k += 1
                continue
            break
        if low == "and" and b >= i and is_cap(toks[b]) and k + 1 < hi and is_cap(toks[k + 1]):
            k += 1
            continue
        if b >= i and k + 1 < hi and f"{low} {toks[k + 1].low}" in _POSTMODIFIERS:
            k += 2  # "citing people familiar with the matter", "sources close to the talks"
            if k < hi and toks[k].low in det:
                k += 1
            after_det = True
            continue
        if _stop_word(low) or low in subj or (_verb_here(toks, k) and b == k - 1):
            break
        if k + 1 < hi and toks[k + 1].low == "by" and f"{low} by" in relay_phrases():
            break  # "a statement published by …": the outlet is another phrase
        if not _noun_like(t) and low.endswith("ed") and b >= i and toks[b].low not in det:
            break  # "2,000 people marched": a past tense after a noun is the verb
        if not _noun_like(t):
            lower += 1
            # Lower-case words follow a determiner ("the foreign ministry"), not a name, unless they
            # are the head nouns of one ("Yonhap news agency", "Labour party spokesman").
            if lower > (3 if after_det or b < i or toks[i].low[0].isdigit() else 0) and low not in _HEADS:
                break
        b = k
        k += 1
    return (i, b) if b >= i else None


__all__ = ["is_cap", "is_word", "np_after", "np_before"]
