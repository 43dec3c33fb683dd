"""What event a figure is about, as evidence two figures can share: places and words.

Two figures are about the same real-world amount only when they are about the same
event; the text says which by its places ("في الكويت", "بمدينة سوسة", "الطائرات التركية")
and its words ("تفجير مسجد الإمام الصادق"). A frame keeps both for the figure's sentence:

- places: the Wikidata id or gazetteer key of every place (and the country of every city
  and nisba) the sentence names, except its speakers, relays and the figure's own noun;
- terms: the sentence's content words without their clitics, minus function words, numbers,
  predicate words and counted nouns (they are the measure, not the event);
- scope: the places the whole article names most (a sentence may name none).

Which shared word matters is decided when figures are compared, by how rare it is
among the figures compared (`rawi.figures.compare`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import cache, lru_cache
from itertools import pairwise

from rawi.figures.lexicon import groups, linking_words, predicates, variants
from rawi.figures.sentence import Sentence, Token, fold_word, split_sentences
from rawi.lexicon import load_tsv
from rawi.lexicon.gazetteer import GazEntry, gazetteer
from rawi.model import Entity
from rawi.text.numbers import is_number_word

_PLACE_TYPES = frozenset({"GPE", "LOC", "NORP"})
# Words too common in news reports to tell one event from another (beyond function words).
_GENERIC = frozenset(
    {
        "قال",
        "قالت",
        "اضاف",
        "اضافت",
        "اكد",
        "اكدت",
        "ذكر",
        "ذكرت",
        "افاد",
        "افادت",
        "اعلن",
        "اعلنت",
        "وفق",
        "حسب",
        "بحسب",
        "نقل",
        "نقلت",
        "عدد",
        "اكثر",
        "اقل",
        "نحو",
        "حوالي",
        "حوالى",
        "قرابه",
        "ما",
        "لا",
        "يقل",
        "الاقل",
        "اخرين",
        "اخرون",
        "اخر",
        "اخري",
        "بينهم",
        "منهم",
        "كان",
        "كانت",
        "تم",
        "الذي",
        "التي",
        "الذين",
        "يوم",
        "امس",
        "اليوم",
        "العام",
        "الماضي",
        "الماضيه",
        "الحالي",
        "الشهر",
        "الاسبوع",
        "وكاله",
        "مصادر",
        "مصدر",
        "انه",
        "انها",
        "ذلك",
        "هذا",
        "هذه",
        "خلال",
        "منذ",
        "حتي",
        "بعد",
        "قبل",
        "ايضا",
        "فقط",
        "حيث",
    }
)


@cache
def _function_words() -> frozenset[str]:
    return frozenset(r["word"] for r in load_tsv("np_stopwords", ("word",)))


def _is_measure_word(word: str) -> bool:
    if word in groups() or is_number_word(word):
        return True
    preds = predicates().words
    return any(v in preds for v in variants(word))


def _stem(word: str) -> str:
    """A word without a conjunction and the article: "والغارات" -> "غارات", "بالكويت" -> "كويت".
    Nothing else is cut: "كورسك" and "سبتمبر" start with letters that are not prefixes there."""
    w = word[1:] if word[:1] in "وف" and len(word) > 4 else word
    for prefix in ("بال", "لل", "ال"):
        if w.startswith(prefix) and len(w) - len(prefix) >= 3:
            return w[len(prefix) :]
    return w


@lru_cache(maxsize=131072)
def term_of(word: str) -> str | None:
    """A folded word as an event word: its shortest form without clitics (three letters at least),
    or None for function words, numbers, predicates and counted nouns. Decided once per word."""
    if len(word) < 3 or word.isdigit():
        return None
    w = _stem(word)
    stop = _function_words()
    if w in stop or w in _GENERIC or word in stop or _is_measure_word(word) or _is_measure_word(w):
        return None
    return w


@cache
def _event_words(role: str) -> dict[str, str]:
    """Event word (as `terms` keeps it) -> its value, for the rows of `role` in figure_words.tsv."""
    return {
        term_of(r["form"]) or _stem(r["form"]): r["value"]
        for r in load_tsv("figure_words", ("form",))
        if r["role"] == role
    }


def _event_word(table: Mapping[str, str], word: str) -> str | None:
    """`word`'s value in `table` (may be ""), also after a clitic preposition ("بقذائف"); None if absent."""
    if word in table:
        return table[word]
    return table.get(word[1:]) if word[:1] in "بلك" else None


def means(words: Iterable[str]) -> frozenset[str]:
    """The kinds of harm a sentence's event words name ("مفخخه" car_bomb, "بقذائف" shelling)."""
    table = _event_words("means")
    return frozenset(kind for w in words if (kind := _event_word(table, w)) is not None)


def areal(words: Iterable[str]) -> bool:
    """Whether a sentence's event words name harm spread over a land ("إعصار", "الفيضانات", "ارتفاع
    درجات الحرارة"; role areal of figure_words.tsv), whose tolls are counted per city, province
    and country."""
    table = _event_words("areal")
    return any(_event_word(table, w) is not None for w in words)


def two_incidents(words: Iterable[str]) -> bool:
    """Whether a sentence's event words tell two incidents by a dual noun ("كمينين", "هجومان",
    "التفجيرين"; role two of figure_words.tsv)."""
    table = _event_words("two")
    return any(_event_word(table, w) is not None for w in words)


def one_of_two(word: str) -> bool:
    """Whether a folded word picks one of two incidents out ("الأول", "أحدهما"; role one_of_two of
    figure_words.tsv): what follows it is about that one, not both."""
    return (word,) in linking_words().by_role["one_of_two"] or (
        word[:1] == "و" and (word[1:],) in linking_words().by_role["one_of_two"]
    )


def terms(sentence: Sentence, skip: Sequence[tuple[int, int]]) -> frozenset[str]:
    """Content words of a sentence, without the spans in `skip` (speakers, the figures)."""
    out: set[str] = set()
    inside = [(a, b) for a, b in skip if a < sentence.end and b > sentence.start]
    for t in sentence.tokens:
        if (
            t.is_word
            and (w := term_of(t.word)) is not None
            and not (inside and any(a <= t.start < b for a, b in inside))
        ):
            out.add(w)
    return frozenset(out)


_WORD = re.compile(r"[\w\u0640\u064b-\u065f\u0670]{3,}")


@lru_cache(maxsize=131072)
def _topic_word(raw: str) -> str | None:
    return term_of(fold_word(raw))


def topic(text: str, size: int = 20) -> frozenset[str]:
    """The words most of an article's sentences use (its story, beyond any one sentence), at most `size`."""
    counts: Counter[str] = Counter()
    for sentence in split_sentences(text):
        counts.update({w for raw in _WORD.findall(sentence) if (w := _topic_word(raw)) is not None})
    # Ties are broken by the word, not by the (hash-seeded) order the counts were made in.
    return frozenset(sorted(counts, key=lambda w: (-counts[w], w))[:size])


# After a place noun, words that describe the place rather than name it ("منطقة سكنية").
_DIRECTIONS = frozenset(
    {
        "الشماليه",
        "الجنوبيه",
        "الشرقيه",
        "الغربيه",
        "الوسطى",
        "نفسها",
        "ذاتها",
        "المجاوره",
        "القريبه",
        "المحيطه",
        "الواقعه",
        "المذكوره",
        "نفسه",
        "ذاته",
        "المجاور",
        "القريب",
        "الشمالي",
        "الجنوبي",
        "الشرقي",
        "الغربي",
        "الاوسط",
        "الواقع",
        "المحيط",
    }
)


@cache
def _bearings() -> dict[str, str]:
    """Compass word -> its point (role bearing of figure_words.tsv): "شرقي" -> "E"."""
    return {fold_word(r["form"]): r["value"] for r in load_tsv("figure_words", ("form",)) if r["role"] == "bearing"}


def _point(word: str, table: dict[str, str]) -> str | None:
    """The point a compass word names, with its conjunction and preposition ("وبجنوب"); a definite
    form ("الشمالي", "الشمال") is an adjective after its place or a region, not a side of the next word."""
    w = word[1:] if word[:1] in "وف" and len(word) > 4 else word
    return table.get(w) or (table.get(w[1:]) if w[:1] in "بل" else None)


def _bearing_at(tokens: Sequence[Token], i: int) -> tuple[str, int] | None:
    """The points of the compass words from token i on ("شمال غرب" -> "NW") and the index of the
    word after them, or None when token i is no compass word."""
    table = _bearings()
    points = ""
    j = i
    while j < len(tokens) and tokens[j].is_word:
        point = _point(tokens[j].word, table)
        if point is None:
            break
        points += point
        j += 1
    return ("".join(sorted(set(points))), j) if points else None


def spots(sentence: Sentence, skip: Sequence[tuple[int, int]]) -> frozenset[str]:
    """The places a sentence names by their kind: the word after a place noun of figure_words.tsv
    ("حي الزعفرانية", "بلدة سروج", "قضاء الطارمية") without its article. Neighbourhoods and
    villages are not in the gazetteer; they tell one incident from another in the same city.
    An indefinite adjective after the noun ("منطقة سكنية") describes, it does not name.

    A side of a place is a spot too, written `POINTS@place` ("شرقي الرمادي" -> "E@رمادي",
    "جنوب شرق تركيا" -> "ES@تركيا"; see `bearing_spots`)."""
    nouns = linking_words().by_role["place"]
    tokens = sentence.tokens
    out: set[str] = set()
    for i, t in enumerate(tokens[:-1]):
        bearing = _bearing_at(tokens, i) if t.is_word and (i == 0 or _bearing_at(tokens, i - 1) is None) else None
        if bearing is not None:
            points, j = bearing
            if j < len(tokens) and tokens[j].is_word and not any(a <= tokens[j].start < b for a, b in skip):
                ref = _stem(tokens[j].word)
                if len(ref) >= 3 and ref not in _function_words():
                    out.add(f"{points}@{ref}")
            continue
        noun = next((v for v in variants(t.word) if (v,) in nouns), None) if t.is_word else None
        if noun is None:
            continue
        nxt = tokens[i + 1]
        w = nxt.word
        if not nxt.is_word or any(a <= nxt.start < b for a, b in skip) or w in _DIRECTIONS:
            continue
        # An adjective agrees with its noun: "منطقة سكنية", "حي سكني"; "مدينة سيفاري" names.
        if not w.startswith("ال") and len(w) > 4 and (w.endswith("يه") or (w.endswith("ي") and not noun.endswith("ه"))):
            continue
        # "منطقة بغداد الجديدة", "قرية قصر البريج": a name of two words, the second definite.
        after = tokens[i + 2] if i + 2 < len(tokens) else None
        two = (
            after is not None
            and after.is_word
            and after.word.startswith("ال")
            and after.word not in _DIRECTIONS
            and after.start - nxt.end <= 1
        )
        # A number word names only with a second word ("منطقة سبع البور"), never alone ("حي ثلاثة").
        if (name := _stem(w)) and len(name) >= 3 and (two or not is_number_word(w)) and w not in _function_words():
            if two and after is not None:
                name = f"{name} {after.word}"
            out.add(name)
    return frozenset(out)


@cache
def _several_words() -> dict[str, frozenset[str]]:
    """First word of a `several` phrase -> the last words it may go with ("سلسلة من الهجمات")."""
    seconds: dict[str, set[str]] = {}
    for first, *rest in linking_words().by_role["several"]:
        seconds.setdefault(first, set()).update(rest[-1:])
    return {k: frozenset(v) for k, v in seconds.items()}


def _counts_many(word: str) -> bool:
    """A count of two or more written before a noun: digits, a number word, or "عدة"."""
    if word.isdigit():
        return int(word) >= 2
    return word in ("عده", "عدة") or (is_number_word(word) and word not in ("واحد", "احد", "واحده"))


def toll_stage(sentence: Sentence) -> str:
    """ "provisional" when the sentence calls its toll provisional ("حصيلة أولية", "هذه الحصيلة
    يمكن أن تتغير"; role provisional of figure_words.tsv), "updated" when it calls it new or final
    ("حصيلة جديدة", "الحصيلة النهائية"; role updated), else "". The phrase's words stand in a row;
    its first word may carry a clitic ("كحصر أولي", "وفق حصيلة جديدة")."""
    lw = linking_words()
    tokens = sentence.tokens
    for i, t in enumerate(tokens):
        if not t.is_word:
            continue
        for role in ("provisional", "updated"):
            firsts = lw.firsts[role]
            if t.word not in firsts and not any(v in firsts for v in variants(t.word)):
                continue
            for phrase in lw.by_role[role]:
                n = len(phrase)
                words = [x.word for x in tokens[i : i + n] if x.is_word]
                if (
                    len(words) == n
                    and words[1:] == list(phrase[1:])
                    and (words[0] == phrase[0] or phrase[0] in variants(words[0]))
                ):
                    return role
    return ""


def several(sentence: Sentence) -> bool:
    """Whether the sentence sums several incidents (role `several` of figure_words.tsv): "في ثلاثة
    حوادث أمنية منفصلة", "في سلسلة من الهجمات"; the second word may stand up to two words after
    the first, inside the clause), or counts its incidents (role `incidents` after a count of two
    or more: "5 حوادث مرورية")."""
    seconds = _several_words()
    incidents = linking_words().by_role["incidents"]
    tokens = sentence.tokens
    for i, t in enumerate(tokens):
        if not t.is_word:
            continue
        if i and any((v,) in incidents for v in (t.word, *variants(t.word))) and _counts_many(tokens[i - 1].word):
            return True  # "5 حوادث مرورية", "ثلاث هجمات", "عدة تفجيرات"
        wanted = next((seconds[v] for v in (t.word, *variants(t.word)) if v in seconds), None)
        if wanted is None:
            continue
        for nxt in tokens[i + 1 : i + 4]:
            if not nxt.is_word:
                break
            if nxt.word in wanted or any(v in wanted for v in variants(nxt.word)):
                return True
    return False


def bearing_spots(spots: Iterable[str]) -> dict[str, frozenset[str]]:
    """The sides of places among a frame's spots: place -> its points ({"رمادي": {"E"}})."""
    out: dict[str, set[str]] = {}
    for s in spots:
        points, at, ref = s.partition("@")
        if at:
            out.setdefault(ref, set()).update(points)
    return {k: frozenset(v) for k, v in out.items()}


def entity_keys(entity: Entity) -> list[str]:
    """A place's keys: a country's ISO code; a city's or region's gazetteer key (else its Wikidata
    id, else its name) and its country's ISO code, so that a city agrees with its country."""
    entry = gazetteer().lookup(entity.name)
    if entry is None and entity.name.isascii():
        # An English name ("Kuwait City") points at the same entry as its Arabic one.
        from rawi.en.gazetteer import lookup as lookup_en

        entry = lookup_en(entity.name)
    if entry is not None and entry.key.startswith("country-"):
        return [entry.key[8:].upper()]
    keys = []
    if entry is not None:
        keys.append(entry.key)
        if entry.affiliation and len(entry.affiliation) == 2:
            keys.append(entry.affiliation)
    elif entity.link:
        keys.append(entity.link)
    else:
        keys.append(" ".join(entity.name.split()))
    return keys


# What stands between a city and the region or country it is said to lie in: "رفح بشمال سيناء",
# "طرابلس في شمال لبنان", "رفح بمحافظة شمال سيناء".
_LIES_IN = re.compile(
    r"\s+(?:ب|في\s+)(?:(?:محافظة|محافظه|ولاية|ولايه|منطقة|منطقه|إقليم|اقليم)\s+)?"
    r"(?:(?:شمال|جنوب|شرق|غرب|وسط|شمالي|جنوبي|شرقي|غربي)\s+)?"
)
_CITY_KINDS = frozenset({"city", "capital"})
_AREA_KINDS = frozenset({"region", "country"})


def namesakes(entities: Iterable[Entity], text: str) -> dict[int, list[str]]:
    """Mention start -> the keys to read it by, for a city the text sets in a region or country of
    another country than the gazetteer's city of that name: "رفح بشمال سيناء" is Egypt's Rafah,
    not Gaza's, and counts as North Sinai; "طرابلس في شمال لبنان" is not Libya's capital."""
    gaz = gazetteer()
    spots_ = sorted((m.start, m.end, e.name) for e in entities if e.type in ("GPE", "LOC") for m in e.mentions)
    out: dict[int, list[str]] = {}
    for (s1, e1, city), (s2, _, area) in pairwise(spots_):
        x, y = gaz.lookup(city), gaz.lookup(area)
        if (
            x is not None
            and y is not None
            and x.kind in _CITY_KINDS
            and y.kind in _AREA_KINDS
            and x.affiliation
            and (y.affiliation or y.key[8:].upper()) != x.affiliation
            and _LIES_IN.fullmatch(text[e1:s2])
        ):
            out[s1] = (
                [y.key[8:].upper()]
                if y.key.startswith("country-")
                else [y.key, *([y.affiliation] if y.affiliation else [])]
            )
    return out


def _keys_at(e: Entity, start: int, renamed: Mapping[int, list[str]] | None) -> list[str]:
    return renamed[start] if renamed and start in renamed else entity_keys(e)


def _city_state(country: GazEntry | None, capital: GazEntry | None) -> bool:
    """Whether a capital's name ends in its country's ("مدينة الكويت", "الكويت"): one place."""
    if country is None or capital is None:
        return False
    return any(c == n or c.endswith(" " + n) for c in capital.aliases for n in country.aliases)


@cache
def country_words() -> frozenset[str]:
    """Event words (folded, without clitics, as `terms` keeps them) that only name a country or its
    people: "افغانستان", "افغانيه", "افغان", "ليبي". A country is no detail of one event: two
    reports that share only such a word may tell any two incidents in it."""
    gaz = gazetteer()
    out: set[str] = set()
    for e in gaz:
        if e.kind != "country":
            continue
        # A city state's name is also its city's ("الكويت", "مدينة الكويت"): as fine as a city.
        city_state = _city_state(e, gaz.by_key("capital-" + e.key.removeprefix("country-")))
        forms = [] if city_state else [a for a in e.aliases if " " not in a]
        if e.adjective and " " not in e.adjective:
            nisba = e.adjective
            forms += [nisba + s for s in ("", "ه", "ين", "ون", "ان")]
            if nisba.endswith("اني") and not city_state:
                forms.append(nisba[:-1])  # "افغاني" -> "افغان", "الماني" -> "المان": the people
        out.update(_stem(f) for f in forms)
    return frozenset(out)


@cache
def capital_words() -> frozenset[str]:
    """A capital's key and one-word names ("capital-af", "كابول"), but no city state's: a capital
    sees many incidents of one kind in a week, so alone it ties no two reports to one event."""
    gaz = gazetteer()
    out: set[str] = set()
    for e in gaz:
        if e.kind != "capital":
            continue
        if _city_state(gaz.by_key("country-" + e.key.removeprefix("capital-")), e):
            continue  # "الكويت" is the state and its city
        out.add(e.key)
        out.update(_stem(a) for a in e.aliases if " " not in a)
    return frozenset(out)


def places(
    entities: Iterable[Entity],
    lo: int,
    hi: int,
    skip: Sequence[tuple[int, int]],
    renamed: Mapping[int, list[str]] | None = None,
) -> frozenset[str]:
    """Keys of the places named in text[lo:hi], outside the spans in `skip` (a namesake city by
    the keys `renamed` gives its mention)."""
    out: set[str] = set()
    for e in entities:
        if e.type not in _PLACE_TYPES:
            continue
        for m in e.mentions:
            if lo <= m.start < hi and not any(a <= m.start < b for a, b in skip):
                out.update(_keys_at(e, m.start, renamed))
    return frozenset(out)


def near_places(
    entities: Iterable[Entity],
    lo: int,
    hi: int,
    pos: int,
    skip: Sequence[tuple[int, int]],
    reach: int = 80,
    renamed: Mapping[int, list[str]] | None = None,
) -> frozenset[str]:
    """Keys of the places named within `reach` characters of `pos` in text[lo:hi] (its sentence),
    else of the nearest place the sentence names: the place of the figure's own event."""
    found: list[tuple[int, list[str]]] = []
    for e in entities:
        if e.type not in ("GPE", "LOC"):  # a nisba names the victims or the attackers as often as the place
            continue
        for m in e.mentions:
            if lo <= m.start < hi and not any(a <= m.start < b for a, b in skip):
                found.append((min(abs(m.start - pos), abs(m.end - pos)), _keys_at(e, m.start, renamed)))
    if not found:
        return frozenset()
    close = [keys for d, keys in found if d <= reach] or [min(found, key=lambda dk: dk[0])[1]]
    return frozenset(k for keys in close for k in keys)


def scope(entities: Iterable[Entity], top: int = 3) -> frozenset[str]:
    """The places an article names most (by mentions), at most `top` of them."""
    counts: Counter[str] = Counter()
    for e in entities:
        if e.type in ("GPE", "LOC"):
            for k in entity_keys(e):
                counts[k] += len(e.mentions)
    return frozenset(sorted(counts, key=lambda k: (-counts[k], k))[:top])


__all__ = [
    "bearing_spots",
    "country_words",
    "entity_keys",
    "means",
    "namesakes",
    "near_places",
    "one_of_two",
    "places",
    "scope",
    "several",
    "spots",
    "terms",
    "toll_stage",
    "topic",
    "two_incidents",
]
