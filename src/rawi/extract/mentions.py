"""Entity mention candidates: gazetteer names and title-headed descriptions.

A mention here is only a span with a guess at its type and, for gazetteer
hits, the entry it names; clustering into entities happens in `coref`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from itertools import compress, count
from operator import itemgetter

from rawi.extract.attrview import cue_readings
from rawi.extract.np import np_end, person_name_end, strip_clitic
from rawi.lexicon.gazetteer import GazEntry, gazetteer, titles
from rawi.text.segment import Token
from rawi.text.wordfilter import WordFilter

_TEXT = itemgetter(2)


@dataclass(frozen=True, slots=True)
class Mention:
    start: int  # folded-text offsets
    end: int
    type: str
    entry: GazEntry | None = None
    titled: bool = False  # headed by a title or an organisation noun, not a bare name


def _text_at(tokens: tuple[Token, ...]) -> Callable[[int], str]:
    return lambda k: tokens[k].text


def _not_family_name(tokens: tuple[Token, ...], title_map: Mapping[str, object]) -> Callable[[int], bool]:
    """A reporting cue or a title is no family name ("محمد أكد", "الملك سعود الدكتور")."""
    return lambda k: bool(cue_readings(tokens[k].text)) or strip_clitic(tokens[k].text) in title_map


# Verbal nouns of the derived forms, folded and indefinite: إفعال "اغلاق", افتعال "افتتاح", تفعيل
# "تقديم", استفعال "استقبال" (names seldom take these shapes).
_MASDAR = re.compile(r"ا[^\W\d_]{2}ا[^\W\d_]|ا[^\W\d_]ت[^\W\d_]ا[^\W\d_]|ت[^\W\d_]{2}ي[^\W\d_]|است[^\W\d_]{2}ا[^\W\d_]")


@cache
def _title_words() -> WordFilter:
    title_map = titles()
    return WordFilter(lambda w: w in title_map or strip_clitic(w) in title_map)


def find_mentions(norm: str, tokens: tuple[Token, ...], words: frozenset[str] | None = None) -> list[Mention]:
    """Gazetteer hits plus title-headed noun phrases ("وزير الدفاع الكوري الجنوبي")."""
    found = [
        Mention(m.start, m.end, "NORP" if m.via_adjective else m.entry.type, m.entry)
        for m in gazetteer().find(norm, tokens, words)
    ]
    # Gazetteer matches are sorted and do not overlap: a title inside one is part of a name.
    gaz_starts = [m.start for m in found]
    gaz_ends = [m.end for m in found]
    title_map = titles()
    text_at, not_family = _text_at(tokens), _not_family_name(tokens, title_map)
    # Decide once per distinct word which ones open a title: most words do not.
    title_words = _title_words().select(words if words is not None else {t.text for t in tokens})
    n = len(tokens)
    heads = list(compress(count(), map(title_words.__contains__, map(_TEXT, tokens))))
    i = 0
    for k in heads:
        if k < i:
            continue
        i = k
        tok = tokens[i]
        word = tok.text
        title = title_map.get(word) or title_map.get(strip_clitic(word))
        g = bisect_right(gaz_starts, tok.start) - 1
        if title is None or (g >= 0 and gaz_ends[g] > tok.start):
            i += 1
            continue
        start = tok.start
        if title.title != word and word[0] in "وفبلك" and not word.startswith("ال"):
            start += 1  # the clitic is not part of the mention
        # A description stops at a reporting word ("قناة لبنانية متهمة …") or at a second title
        # joined by و ("الرئيس ووزير الخارجية" are two people).
        j = np_end(
            tokens,
            i + 1,
            n,
            lambda k: (
                bool(cue_readings(tokens[k].text))
                or (strip_clitic(tokens[k].text) in title_map and tokens[k].text[0] == "و")
            ),
            limit=7,
        )
        if title.type == "PERSON":
            # "محافظ المنطقة محمد العتيبي إغلاق الطريق": after the holder's name, a verbal noun
            # starts the verb's object, not more of the description
            for m in range(i + 1, j):
                after = person_name_end(text_at, m, j, not_family)
                if after > m:
                    if after < j and _MASDAR.fullmatch(tokens[after].text):
                        j = after
                    break
        if title.type == "ORG" and strip_clitic(word).startswith("ال"):
            # A body named with the article goes on only with adjectives, which carry it too:
            # "الوزارة السعودية", but "الوزارة تمديد المهلة" has the body and then its words.
            for m in range(i + 1, j):
                if not tokens[m].text.startswith(("ال", "وال", "لل")):
                    j = m
                    break
        end = tokens[j - 1].end
        # A gazetteer name inside the description names the same referent
        # only when it ends it ("الرئيس الروسي فلاديمير بوتين").
        inner = [m for m in found if start <= m.start and m.end <= end]
        entry = next((m.entry for m in inner if m.end == end and m.entry and m.entry.type == "PERSON"), None)
        found.append(Mention(start, end, title.type, entry, titled=True))
        i = max(j, i + 1)
    found.sort(key=lambda m: (m.start, -m.end))
    return found
