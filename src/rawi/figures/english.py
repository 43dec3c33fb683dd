"""What a figure in an English sentence counts, in the terms the Arabic frames use.

A frame is language-neutral once read: its measure ("killed/person"), its places (gazetteer
keys and Wikidata ids, shared by both languages) and its event words. English event words
that `en_figure_words.tsv` pairs with an Arabic one are stored as that Arabic word's form
("bombing" as تفجير), so that a Reuters report and an Arabic paper on one bombing share
words; other English words are kept as they are (they meet other English reports).

The reading of one figure, in the order tried:
  1. its counted noun: a group word ("27 people") names the group, a predicate word ("227
     wounded", "40 deaths") the predicate;
  2. a predicate after the noun phrase, across auxiliaries ("27 people were killed", "12
     dead"), not past the next figure;
  3. a predicate before the figure, within a few words ("killing 12 people", "the death
     toll rose to 27"), not before the previous figure;
  4. joined to the figure before by "and" ("27 killed and 227 wounded"): its group, and its
     predicate when it has none of its own.
A figure with neither predicate nor group keeps an empty measure and is never compared.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cache

from rawi.figures.anchors import term_of
from rawi.figures.lexicon import EN_LINKING_ROLES, PEOPLE
from rawi.figures.measure import Reading, unit_class_of
from rawi.figures.sentence import Sentence, Sentences, fold_word
from rawi.lexicon import load_tsv
from rawi.model import Quantity

BEFORE = 5  # words a predicate may stand before its figure ("the death toll rose to 27")
AFTER = 5  # words a predicate may stand after the figure's noun ("27 people were reportedly killed")
_AND = frozenset({"and", "while", "with"})
_PART = frozenset({"including", "among"})
# Words that may stand between a counted noun and its predicate ("27 people were reportedly killed").
_BETWEEN = frozenset(
    {
        "were",
        "was",
        "are",
        "is",
        "have",
        "has",
        "had",
        "been",
        "being",
        "be",
        "reportedly",
        "also",
        "later",
        "all",
        "now",
        "still",
        "left",
        "people",
        "in",
        "the",
        "total",
    }
)


@cache
def _words() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(predicates, groups, event words) of en_figure_words.tsv, each word -> its value."""
    preds: dict[str, str] = {}
    groups: dict[str, str] = {}
    terms: dict[str, str] = {}
    for row in load_tsv("en_figure_words"):
        word, role, value = row["form"].lower(), row["role"], row["value"]
        if role == "predicate":
            preds[word] = value
        elif role == "group":
            groups[word] = value
        elif role == "term":
            folded = fold_word(value)
            terms[word] = term_of(folded) or folded
        elif role in EN_LINKING_ROLES:
            continue  # read with the Arabic markers of the same role (rawi.figures.lexicon)
        else:
            raise ValueError(f"en_figure_words.tsv: unknown role {role!r} for {word!r}")
    return preds, groups, terms


@cache
def _function_words() -> frozenset[str]:
    """Words that tell no event: function words, and every form of a reporting verb (who said
    it is the source's business, not the event's)."""
    verbs = {
        r[c].lower()
        for r in load_tsv("en_reporting_verbs")
        for c in ("lemma", "past", "present", "ing", "participle")
        if r.get(c)
    }
    return frozenset({r["word"] for r in load_tsv("en_function_words")} | verbs)


def read_english(sentence: Sentence, quantities: Sequence[Quantity]) -> list[Reading]:
    """Readings for the figures of one English sentence, in order."""
    preds, groups, _ = _words()
    tokens = sentence.tokens
    spans = [(sentence.index_at(q.span.start), sentence.index_at(q.span.end - 1) + 1) for q in quantities]
    out: list[Reading] = []
    for k, (q, (a, b)) in enumerate(zip(quantities, spans, strict=True)):
        nxt = spans[k + 1][0] if k + 1 < len(spans) else len(tokens)
        prev_end = spans[k - 1][1] if k else 0
        predicate, group, basis = "", "", ""
        unit = (q.unit or "").lower().split()
        for w in unit:
            if w in groups:
                group = groups[w]
            elif w in preds and not predicate:
                predicate, basis = preds[w], "unit"
        # A noun may follow the figure without being its unit ("27 police officers").
        end = b
        while end < min(nxt, b + 3) and tokens[end].is_word and not group:
            w = tokens[end].word
            if w in groups:
                group = groups[w]
            end += 1
        if not predicate:
            for t in tokens[b : min(nxt, b + len(unit) + AFTER)]:
                if not t.is_word:
                    break
                if t.word in preds:
                    predicate, basis = preds[t.word], "after"
                    break
                if t.word not in _BETWEEN and t.word not in groups and t.word not in unit:
                    break
        if not predicate:
            for t in reversed(tokens[max(prev_end, a - BEFORE) : a]):
                if t.is_word and t.word in preds:
                    predicate, basis = preds[t.word], "before"
                    break
        joined = k > 0 and any(t.is_word and t.word in _AND for t in tokens[prev_end:a])
        part = any(t.is_word and t.word in _PART for t in tokens[max(prev_end, a - 2) : a])
        if joined and out:
            before = out[-1]
            group = group or before.group
            if not predicate and before.predicate:
                predicate, basis = before.predicate, "joined"
        if predicate and not group and (unit == [] or basis == "unit"):
            group = "person"  # "40 deaths", "12 dead": people unless a group is named
        unit_class, currency = unit_class_of(q)
        if group:
            unit_class = PEOPLE
        out.append(
            Reading(
                predicate if group or unit_class != PEOPLE else "",
                basis if predicate else "",
                group,
                unit_class,
                currency,
                part,
            )
        )
    return out


def terms_english(sentence: Sentence, skip: Sequence[tuple[int, int]]) -> frozenset[str]:
    """Event words of an English sentence, outside the spans in `skip`: paired Arabic forms
    for words the lexicon pairs, the word itself for other content words."""
    out: set[str] = set()
    for t in sentence.tokens:
        if not t.is_word or any(a <= t.start < b for a, b in skip):
            continue
        if (w := _term(t.word)) is not None:
            out.add(w)
    return frozenset(out)


def _term(word: str) -> str | None:
    preds, groups, terms = _words()
    if word in terms:
        return terms[word]
    if len(word) < 4 or not word.isalpha() or word in preds or word in groups or word in _function_words():
        return None
    return word


def topic_english(sentences: Sentences, size: int = 20) -> frozenset[str]:
    """The event words most of an English article's sentences use, at most `size`."""
    counts: Counter[str] = Counter()
    for lo, hi in sentences.spans():
        counts.update(terms_english(sentences.at(lo, hi), ()))
    return frozenset(sorted(counts, key=lambda w: (-counts[w], w))[:size])


__all__ = ["read_english", "terms_english", "topic_english"]
