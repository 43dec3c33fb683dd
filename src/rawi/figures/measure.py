"""What a figure counts: its predicate (killed, wounded, charged...), its group, its unit class.

The figures of one sentence are read together, because news lists them together:
"مقتل خمسة من رجال الشرطة إضافة إلى اثنين من المدنيين وإصابة سبعة آخرين". The rules,
in the order they are tried for each figure:

predicate
  1. a predicate right before the figure ("مقتل 5", "وأصيب ثمانية", "أسفر عن مقتل 260",
     "قتل خلاله 39"; only skip words such as عن, فيه, أمس may stand between); not across a
     conjunction that joins the figure to the one before ("قتلوا ومئات جرحوا");
  2. the counted noun when it names the predicate ("27 قتيلا", "29 متهما"); it also
     overrides a weak predicate before it ("محاكمة 29 متهما": charged);
  3. a verb or phrase right after the figure's noun phrase ("ستة أشخاص قتلوا",
     "17 في حالة إيقاف"), unless it opens the next figure ("... وأصيب 3");
  4. the predicate of the figure before, when this one is joined to it ("و"، "إضافة إلى"),
     is a part of it ("بينهم ثلاثون") or its whole ("من أصل 29");
  5. the nearest predicate in the clause (its sentence, inside what was said, between the
     neighbouring figures): a weaker reading, and the frame's confidence says so.
  A predicate is kept only when the figure's class fits it (deaths count people, pledges money).

group
  the counted noun's group (figure_groups.tsv: person, security, fighter, child, woman), a
  nationality ("30 بريطانيا": persons of GB), a body after "من"/"في صفوف" for members and
  nameless figures ("عنصرا من قوات الأمن", "اثنين من أفراد قوات الأمن": security), "آخرين" and
  a bare number joined to a figure take that figure's group; any other noun is its own group.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from rawi.figures.lexicon import (
    MONEY,
    NEW_CLAUSE,
    PEOPLE,
    PEOPLE_GROUPS,
    PREDICATE_CLASS,
    groups,
    linking_words,
    predicates,
    variants,
)
from rawi.figures.sentence import Sentence, Token
from rawi.lexicon import load_tsv
from rawi.lexicon.cues import complementisers
from rawi.lexicon.gazetteer import gazetteer
from rawi.model import Quantity

# How far (in tokens) rule 3 looks after a figure's noun for its verb, and rule 1 how many
# skip words it crosses.
_AFTER = 10
_SKIPS = 2
_SUBJECT = 3  # definite words a verb's subject may hold between the verb and its counted object
_OTHERS = frozenset({"اخرين", "اخرون", "اخر", "اخري", "اخريات", "اخرى"})
# Tolls whose "N آخرون" tells the wounded from the dead ("قتل شخص وأصيب 7 آخرون"); with the
# other predicates "N أشخاص آخرين", first in its sentence, counts more beside some counted before.
_TOLLS = frozenset({"killed", "wounded"})
# How far back a subset verb is sought for a figure whose noun names what befell it, and what
# stops the search: a complementiser ("أن": what follows is said, not done), and an event word.
_WIDE_SUBSET = 16
# Words that tie members to their body after the member noun (folded): "عناصر تنتمي لتنظيم".
_BELONGING = frozenset(
    {"تنتمي", "ينتمون", "ينتمي", "المنتمين", "المنتمون", "تابعه", "تابعين", "التابعه", "التابعين", "التابعون"}
)
_EVENT_POS = frozenset({"verb", "noun"})


@dataclass(frozen=True, slots=True)
class Reading:
    """What one figure counts, as read in its sentence."""

    predicate: str  # "" when none was found
    basis: str  # before | unit | after | joined | clause | ""
    group: str  # person, security, fighter, child, woman, nat:XX, a noun lemma, or ""
    unit_class: str  # people | money | percent | measure | count | ""
    currency: str  # the currency's folded lemma for money, else ""
    part: bool  # a part of the figure before ("بينهم ثلاثون بريطانيا")


@dataclass(frozen=True, slots=True)
class _Slot:
    q: Quantity
    a: int  # first token of the figure
    b: int  # first token after the figure
    u: int  # first token after its unit (== b when it has none)
    prefix: str  # what the figure's first token holds before the figure ("و" in "و227")


@cache
def _unit_kinds() -> dict[str, str]:
    return {r["unit"]: r["kind"] for r in load_tsv("quantity_units", ("unit",))}


def _lemma(word: str) -> str:
    """A counted noun's dictionary form, enough to compare: no article, no accusative ا, no sound plural."""
    table = groups()
    for v in variants(word):
        if v in table:
            return v
    w = word[2:] if word.startswith("ال") and len(word) > 4 else word
    for suffix in ("يين", "يون"):
        if len(w) >= 6 and w.endswith(suffix):
            return w[:-2]
    if len(w) >= 6 and w.endswith(("ين", "ون")):
        return w[:-2]
    if len(w) >= 5 and w.endswith("ات"):
        return w[:-2] + "ه"
    if len(w) >= 3 and w.endswith("ا"):
        return w[:-1]
    return w


@lru_cache(maxsize=131072)
def _pred_word(word: str, pos_ok: frozenset[str]) -> tuple[str, str] | None:
    words = predicates().words
    for v in variants(word):
        hit = words.get(v)
        if hit is not None and hit[1] in pos_ok:
            return hit
    return None


@lru_cache(maxsize=131072)
def _may_open_phrase(word: str) -> bool:
    firsts = predicates().phrase_firsts
    return any(v in firsts for v in variants(word))


def _phrase_at(tokens: Sequence[Token], i: int, n: int) -> str | None:
    """The predicate of the n-word phrase starting at tokens[i], if it is one."""
    if (
        i < 0
        or i + n > len(tokens)
        or not _may_open_phrase(tokens[i].word)
        or not all(t.is_word for t in tokens[i : i + n])
    ):
        return None
    rest = tuple(t.word for t in tokens[i + 1 : i + n])
    phrases = predicates().phrases
    for v in variants(tokens[i].word):
        if (pred := phrases.get((v, *rest))) is not None:
            return pred
    return None


def _phrase_ending(tokens: Sequence[Token], j: int) -> str | None:
    if j < 0 or tokens[j].word not in predicates().phrase_lasts:
        return None
    for n in range(predicates().longest, 1, -1):
        if (pred := _phrase_at(tokens, j - n + 1, n)) is not None:
            return pred
    return None


def _words_match(tokens: Sequence[Token], i: int, role: str, backwards: bool = False) -> int:
    """Length of the longest `role` phrase starting (or, backwards, ending) at tokens[i]; 0 if none."""
    lw = linking_words()
    if not 0 <= i < len(tokens) or tokens[i].word not in (lw.lasts[role] if backwards else lw.firsts[role]):
        return 0
    for n in range(lw.longest, 0, -1):
        s = i - n + 1 if backwards else i
        if s < 0 or s + n > len(tokens) or not all(t.is_word for t in tokens[s : s + n]):
            continue
        words = tuple(t.word for t in tokens[s : s + n])
        if lw.has(role, words) or (words[0][:1] == "و" and lw.has(role, (words[0][1:], *words[1:]))):
            return n
    return 0


def _subset(
    tokens: Sequence[Token],
    slot: _Slot,
    nxt: int,
    predicate: str = "",
    reach: int = 3,
    before: int = 5,
    wide: bool = False,
) -> bool:
    """A verb that picks some of the counted people out of a toll: those flown abroad, still in
    hospital, received by a hospital, or who died of their wounds (figure_words.tsv, role
    subset), before the figure (past a subject: "نقلت طائرات الإخلاء الطبي ثمانية مصابين") or
    right after its noun. A figure whose own noun says what befell them ("27 مصابا") is `wide`:
    the verb may stand further back, past commas, as long as no event word or "أن" comes between
    ("أجلت طائرتان عسكريتان مساء الجمعة، عبر مطار الأحساء، جثامين تسعة متوفين و27 مصابا"). A
    subset verb that is the figure's own predicate picks nobody out ("أجلت السلطات 300 شخص"
    counts the evacuated)."""

    def picks(i: int) -> bool:
        if not _words_match(tokens, i, "subset"):
            return False
        own = _pred_word(tokens[i].word, _EVENT_POS)
        return own is None or own[0] != predicate

    if wide:
        words = 0
        for i in range(slot.a - 1, -1, -1):
            t = tokens[i]
            if not t.is_word:
                if t.word in ".؟!:":
                    break
                continue
            words += 1
            if words > _WIDE_SUBSET or t.word in NEW_CLAUSE or t.word in complementisers():
                break
            if picks(i):
                return True
            if _pred_word(t.word, _EVENT_POS) is not None:
                break
    for i in range(slot.a - 1, max(-1, slot.a - before - 1), -1):
        if not tokens[i].is_word or tokens[i].word in NEW_CLAUSE or tokens[i].word in complementisers():
            break  # not across a comma or into another clause: "… في العناية المركزة فيما توفي تسعة"
        if picks(i):
            return True
    for i in range(slot.u, min(slot.u + reach, nxt, len(tokens))):
        if not tokens[i].is_word:
            break
        if picks(i):
            return True
    return False


def _among(tokens: Sequence[Token], slot: _Slot, nxt: int) -> bool:
    """ "من بين" right after the counted noun, before a noun rather than a figure ("21 مصابا من بين
    ضحايا الهجوم"): some of a larger set. Before a figure ("33 شخصا من بين 51 متهما") the figure
    after is the whole (role whole)."""
    u = slot.u
    return (
        u + 2 < len(tokens)
        and u + 2 != nxt
        and tokens[u].word == "من"
        and tokens[u + 1].word == "بين"
        and tokens[u + 2].is_word
        and not tokens[u + 2].word[:1].isdigit()
    )


def unit_class_of(q: Quantity) -> tuple[str, str]:
    """A figure's unit class (count, money, percent, measure) and, for money, its currency."""
    if not q.unit:
        return "count", ""
    unit = " ".join(w for w in (t.strip() for t in _fold_unit(q.unit).split()) if w)
    kinds = _unit_kinds()
    for cand in (unit, unit.split()[0] if unit else ""):
        kind = kinds.get(cand)
        if kind is None:
            for v in variants(cand):
                kind = kinds.get(v)
                if kind is not None:
                    break
        if kind == "percent":
            return "percent", ""
        if kind == "currency":
            return MONEY, _lemma(cand)
        if kind == "measure":
            return "measure", _lemma(cand)
    return "count", ""


def _fold_unit(unit: str) -> str:
    from rawi.figures.sentence import fold_word

    return fold_word(unit)


def _nationality(word: str) -> str | None:
    """The country a nisba names ("بريطانيا" as a counted noun, "تونسيين"), as nat:ISO2."""
    for w in (word, word[:-1] if word.endswith("ا") else word):
        for hit in gazetteer().find(w):
            if hit.via_adjective and hit.start == 0 and hit.end == len(w) and hit.entry.affiliation:
                return f"nat:{hit.entry.affiliation}"
            if hit.via_adjective and hit.start == 0 and hit.end == len(w):
                return f"nat:{hit.entry.key}"
    return None


def _body_class(tokens: Sequence[Token], i: int) -> str | None:
    """security or fighter when tokens[i:] name a body of them ("قوات الأمن", "حزب العمال")."""
    if i >= len(tokens):
        return None
    for role in ("security", "fighter"):
        if _words_match(tokens, i, role):
            return role
        first = tokens[i].word
        # "بقوات", "لتنظيم"; "للجيش" is ل + "الجيش"
        bare = ("ال" + first[2:]) if first.startswith("لل") else first[1:]
        if first[:1] in "لب" and len(first) > 3:
            stripped = [Token(tokens[i].start, tokens[i].end, bare, True), *tokens[i + 1 : i + 4]]
            if _words_match(stripped, 0, role):
                return role
    span_words = " ".join(t.word for t in tokens[i : i + 4] if t.is_word)
    for hit in gazetteer().find(span_words):
        if hit.start > 2:
            break
        kind = hit.entry.kind
        if kind in ("army", "police", "security"):
            return "security"
        if kind == "armed_group":
            return "fighter"
    return None


def noun_forms(word: str) -> list[str]:
    """A folded noun and the forms that may be its singular: without a clitic, the accusative ا,
    a sound plural or dual ending ("مقاتلا" -> "مقاتل", "المدنيين" -> "مدني", "جنديين" -> "جندي")."""
    out: list[str] = []
    for v in variants(word):
        out.append(v)
        if len(v) >= 4 and v.endswith("ا"):
            out.append(v[:-1])
        if len(v) >= 5 and v.endswith(("ين", "ون", "ان")):
            out.append(v[:-2])
        if len(v) >= 6 and v.endswith(("يين", "يون")):
            out.append(v[:-2])
    return out


def _group_of_noun(word: str) -> str | None:
    """The group a counted noun names, or None when it names no group of people."""
    table = groups()
    for v in noun_forms(word):
        if v in table:
            return table[v]
    if _pred_word(word, frozenset({"person"})) is not None:
        return "person"
    return _nationality(word)


def _after_noun(tokens: Sequence[Token], u: int, stop: int) -> str | None:
    """The body named after a member noun: "من قوات الأمن", "في صفوف الجيش", a nisba of a body."""
    i = u
    while i < stop and i < u + 4:
        t = tokens[i]
        if not t.is_word:
            i += 1
            continue
        if t.word in _BELONGING and i + 1 < stop:  # "ثلاثة عناصر تنتمي لتنظيم", "عناصر تابعة للجيش"
            found = _body_class(tokens, i + 1)
            if found is not None:
                return found
        if (n := _words_match(tokens, i, "ranks")) or t.word in ("من", "بين"):
            j = i + (n or 1)
            found = _body_class(tokens, j)
            if found is not None:
                return found
            if j < stop and tokens[j].is_word:  # "من المدنيين", "من رجال الشرطة"
                g = _group_of_noun(tokens[j].word)
                if g == "member":
                    return _body_class(tokens, j + 1) or "person"
                if g is not None:
                    return g
            return None
        if t.word in ("منهم", "منها", "منهن"):  # "عنصرا منها": the body named before
            for k in range(u - 1, -1, -1):
                found = _body_class(tokens, k)
                if found is not None:
                    return found
            return None
        i += 1
    return None


def _slots(sentence: Sentence, quantities: Sequence[Quantity], text: str) -> list[_Slot]:
    out = []
    for q in quantities:
        a = sentence.index_at(q.span.start)
        b = max(a + 1, sentence.index_at(q.span.end - 1) + 1)
        u = b
        if q.unit:
            at = text.find(q.unit, q.span.end, q.span.end + len(q.unit) + 8)
            if at >= 0:
                u = max(b, sentence.index_at(at + len(q.unit) - 1) + 1)
        prefix = text[sentence.tokens[a].start : q.span.start] if a < len(sentence.tokens) else ""
        out.append(_Slot(q, a, min(b, len(sentence.tokens)), min(u, len(sentence.tokens)), prefix))
    return out


def _joined(tokens: Sequence[Token], slot: _Slot, prev: _Slot | None) -> str:
    """How a figure hangs on the figure before it: "and", "part", "whole" or ""."""
    if prev is None:
        return ""
    gap = slot.a - prev.u
    before = slot.a - 1
    if _words_match(tokens, slot.b, "part") and slot.b == slot.u:  # "واتهم 15 منهم"
        return "part"
    for role in ("part", "whole"):
        if before >= 0 and (n := _words_match(tokens, before, role, backwards=True)) and n >= 1:
            return role
    if "و" in slot.prefix or (before >= 0 and _words_match(tokens, before, "and", backwards=True)):
        return "and" if gap <= 8 else ""
    if slot.prefix in ("ل", "ب") and gap <= 1:
        return "and"
    return ""


def _counts_both(tokens: Sequence[Token], slot: _Slot) -> bool:
    """Two predicate nouns joined right before the figure ("مقتل وإصابة 3440"): it counts both.
    Verbs are not ("قتلوا وأصيب 15": the first closes the clause of the figure before)."""
    a = slot.a
    if a < 2 or not (tokens[a - 1].is_word and tokens[a - 2].is_word) or tokens[a - 1].word[:1] != "و":
        return False
    first = _pred_word(tokens[a - 2].word, frozenset({"noun"}))
    second = _pred_word(tokens[a - 1].word[1:], frozenset({"noun"}))
    return first is not None and second is not None and first[0] != second[0]


def _before(tokens: Sequence[Token], slot: _Slot, joined: str) -> tuple[str, str] | None:
    """Rule 1: the predicate right before the figure, with its pos."""
    if "و" in slot.prefix:
        return None
    j = slot.a - 1
    if j >= 0 and slot.u < len(tokens) and tokens[j].is_word and tokens[slot.u].is_word:
        split = [tokens[j], tokens[slot.u]]  # "لقي أربعة أشخاص مصرعهم": the figure splits the phrase
        if (pred := _phrase_at(split, 0, 2)) is not None:
            return pred, "phrase"
    skips = subject = 0
    while j >= 0:
        if not tokens[j].is_word:
            return None
        if (pred := _phrase_ending(tokens, j)) is not None:
            return pred, "phrase"
        hit = _pred_word(tokens[j].word, frozenset({"verb", "noun", "weak"}))
        if hit is not None:
            return (hit[0], "subject") if subject else hit
        if joined == "and" and j < slot.a and tokens[j].word == "و":
            return None
        if skips < _SKIPS and not subject and (n := _words_match(tokens, j, "skip", backwards=True)):
            skips += 1
            j -= n  # a phrase ("أول من أمس") is one skip
            continue
        # "وجهت اتهامات بالإرهاب لتسعة وعشرين": a complement with ب may stand between.
        if skips < _SKIPS and tokens[j].word.startswith("بال") and len(tokens[j].word) > 5:
            skips += 1
            j -= 1
            continue
        # Verb, subject, object: "اعتقلت الشرطة 5 أشخاص", "اتهام السلطات الكويتية 29 شخصا".
        if subject < _SUBJECT and tokens[j].word.startswith("ال") and len(tokens[j].word) > 3:
            subject += 1
            j -= 1
            continue
        return None
    return None


# After a preposition a verb's spelling is its verbal noun ("احتجاجا على قتل العقيد"): the killing
# of someone else, not what happened to the people the figure counts.
_GOVERNS_MASDAR = frozenset({"علي", "في", "عن", "من", "الي", "حول", "جراء", "اثر", "بعد", "قبل"})


def _after(tokens: Sequence[Token], slot: _Slot, stop: int) -> str | None:
    """Rule 3: a verb or phrase right after the figure's noun phrase."""
    i = slot.u
    end = min(stop, slot.u + _AFTER)
    while i < end:
        t = tokens[i]
        if not t.is_word:
            # "فإن 19 عنصرا من الجيش والشرطة، قتلوا": a comma may close the subject before its verb
            if t.word in "،," and i + 1 < end and _pred_word(tokens[i + 1].word, frozenset({"verb"})):
                i += 1
                continue
            if t.word in "،,.;:؛":
                return None
            i += 1
            continue
        if t.word in NEW_CLAUSE:
            return None  # "بينهم 3 عمال فيما أصيب 7": the verb of a new clause is another figure's
        for n in range(predicates().longest, 1, -1):
            if (pred := _phrase_at(tokens, i, n)) is not None:
                return pred
        hit = _pred_word(t.word, frozenset({"verb"})) or (
            _pred_word(t.word, frozenset({"noun"})) if t.word.startswith("بجروح") else None
        )
        if hit is not None and not (i > slot.u and tokens[i - 1].word in _GOVERNS_MASDAR):
            if t.word[:1] == "و" and stop - i <= 3:  # "... وأصيب 3": it opens the next figure
                return None
            return hit[0]
        i += 1
    return None


def _count_of(tokens: Sequence[Token], lo: int, slot: _Slot) -> str | None:
    """ "ارتفع عدد القتلى ... إلى 60", "بلغت حصيلة الجرحى 40": the figure counts the noun after عدد/حصيلة."""
    for j in range(slot.a - 1, max(lo, slot.a - 20) - 1, -1):
        if tokens[j].word.lstrip("و") in _COUNT_NOUNS and j + 1 < slot.a:
            for k in (j + 1, j + 2):
                if k < slot.a and (hit := _pred_word(tokens[k].word, frozenset({"person"}))) is not None:
                    return hit[0]
    return None


_COUNT_NOUNS = frozenset({"عدد", "حصيله", "اجمالي", "مجموع", "العدد", "الحصيله"})


def _clause(tokens: Sequence[Token], lo: int, hi: int, slot: _Slot) -> str | None:
    """Rule 5: the nearest predicate between the neighbouring figures; ties go to the one before."""
    best: tuple[int, str] | None = None
    for j in range(slot.a - 1, lo - 1, -1):
        if tokens[j].is_word and (hit := _phrase_ending(tokens, j) or _first(_pred_word(tokens[j].word, _ANY_POS))):
            best = (slot.a - j, hit)
            break
    for j in range(slot.u, hi):
        if best is not None and j - slot.u + 1 >= best[0]:
            break
        if tokens[j].is_word and (hit := _first(_pred_word(tokens[j].word, _ANY_POS))):
            best = (j - slot.u + 1, hit)
            break
    return best[1] if best else None


_ANY_POS = frozenset({"verb", "noun", "weak", "person"})


def _first(hit: tuple[str, str] | None) -> str | None:
    return hit[0] if hit else None


def _fits(predicate: str, unit_class: str, group: str) -> bool:
    cls = PREDICATE_CLASS.get(predicate)
    if cls == PEOPLE:
        return unit_class == PEOPLE
    if cls == MONEY:
        return unit_class == MONEY
    return bool(predicate) and unit_class == "count" and bool(group)  # "20 منزلا دمرت": things counted


def read_sentence(
    sentence: Sentence, quantities: Sequence[Quantity], text: str, bounds: Sequence[tuple[int, int]]
) -> list[Reading]:
    """Readings for the figures of one sentence, in order. `bounds[k]` is the part of the
    sentence figure k's clause may use (the sentence, or what an attribution says in it)."""
    tokens = sentence.tokens
    slots = _slots(sentence, quantities, text)
    out: list[Reading] = []
    nats: list[str] = []  # each figure's nationality ("nat:PK"), or ""
    joins: list[str] = []
    # Per figure: its noun is a predicate's noun ("قتلى", "جرحى") and names no body itself, and
    # whether its body was read from the words after its noun ("في صفوف القوات"), for
    # `_shared_body`.
    bare: list[bool] = []
    body_after: list[bool] = []
    for k, slot in enumerate(slots):
        if slot.u > slot.b and _pred_word(tokens[slot.b].word, frozenset({"verb"})) is not None:
            # "ومئات جرحوا": the word after the number is its verb, not its noun
            slot = slots[k] = _Slot(slot.q, slot.a, slot.b, slot.b, slot.prefix)
        prev = slots[k - 1] if k else None
        prev_reading = out[k - 1] if k else None
        joined = _joined(tokens, slot, prev)
        if joined == "part" and prev_reading is not None and prev_reading.unit_class != PEOPLE:
            # "قتل 23 شخصا في هجومين، 17 منهم": a part of people is of the people counted before,
            # not of the attacks between.
            prev_reading = next((r for r in reversed(out) if r.unit_class == PEOPLE), prev_reading)
        nxt = slots[k + 1].a if k + 1 < len(slots) else len(tokens)
        unit_words = [t.word for t in tokens[slot.b : slot.u] if t.is_word]
        # "17 من القوات", "اثنين من المدنيين": the group is read after "من" (by _after_noun).
        noun = unit_words[0] if unit_words and unit_words[0] != "من" else ""
        if noun == "" and unit_words:
            slot = slots[k] = _Slot(slot.q, slot.a, slot.b, slot.b, slot.prefix)
        if not noun and slot.q.unit and slot.q.unit in slot.q.span.text:  # "جنديين", "قتيلين"
            noun = tokens[slot.b - 1].word
        unit_class, currency = unit_class_of(slot.q)
        # "بينهم 3 عمال … و4 آخرون", "16 منهم في حالة إيقاف في حين يوجد 25 آخرين", "خمسة أشخاص؛
        # اثنان منهم …، فيما تم القبض على ثلاثة آخرين" go on listing the parts; "قتل 15 … بينهم 3
        # عمال فيما أصيب 7 آخرون", with a predicate of its own other than the whole's, counts
        # others beside the toll, not more of the part.
        before = _before(tokens, slot, joined)
        own = before if prev is not None else None
        whole = next((r for r in reversed(out) if not r.part), None)
        own_clause = own is not None and whole is not None and whole.predicate not in ("", own[0])
        part = joined == "part" or (
            (joined == "and" or (noun in _OTHERS and not own_clause)) and bool(prev_reading and prev_reading.part)
        )
        # The group.
        group = ""
        noun_pred = _pred_word(noun, frozenset({"person"})) if noun else None
        of_the = False
        if not noun and unit_words[:1] == ["من"] and len(unit_words) > 1:
            # "العشرات من الجرحى", "6 من المتهمين": the noun after من names the predicate.
            noun_pred = _pred_word(unit_words[1], frozenset({"person"}))
            # "تسعة من القتلى": some of the dead, a part of the toll, unless a verb counts them
            # ("اعتقلت 15 من المشتبه بهم"); "العشرات من الجرحى" (a vague plural) is the count itself.
            of_the = noun_pred is not None and unit_words[1].startswith("ال") and slot.q.qualifier != "ge"
        if noun_pred is None and noun and slot.u < len(tokens) and tokens[slot.u].is_word:
            # "29 شخصا متورطا", "3 أشخاص مفقودين": the counted noun's adjective names the predicate
            noun_pred = _pred_word(tokens[slot.u].word, frozenset({"person"}))
        # After "17 منهم" come the circumstances ("بسقوط مروحية عسكرية"), not the counted noun.
        own_noun = not (joined == "part" and slot.b == slot.u)
        named = None if noun or unit_class != "count" or not own_noun else _after_noun(tokens, slot.u, nxt)
        if unit_class in ("percent", MONEY, "measure"):
            pass
        elif named is not None:  # "اثنين من المدنيين", "اثنين من أفراد قوات الأمن"
            group, unit_class = named, PEOPLE
        elif noun in _OTHERS and (others := _after_noun(tokens, slot.u, nxt)) is not None:
            group, unit_class = others, PEOPLE  # "وإصابة ثمانية آخرين من رجال الأمن"
        elif noun in _OTHERS or (not noun and prev is not None and (joined or slot.a - prev.u <= 6)):
            base = prev_reading
            if own_clause and not part and base is not None and base.part:
                # "5 أشخاص بينهم امرأتان، واعتقل 3 آخرون": others beside the five, not the women
                base = next((r for r in reversed(out) if not r.part), base)
            group = base.group if base else "person"
            unit_class = base.unit_class if base else PEOPLE
        elif noun:
            g = _group_of_noun(noun)
            if g == "member" or (g == "person" and _ranks_after(tokens, slot.u)):
                g = _after_noun(tokens, slot.u, nxt) or "person"
            elif g == "person" and noun_pred is not None:
                # "قتيلين من المهاجمين", "خمسة قتلى من القوات المسلحة": the dead of a body
                g = _after_noun(tokens, slot.u, nxt) or "person"
            if g is None and part and prev_reading is not None and prev_reading.unit_class == PEOPLE:
                group, unit_class = "person", PEOPLE  # "بينهن ثلاث قاصرات": a part of people is people
            elif g is None:
                group, unit_class = _lemma(noun), "count"
            else:
                group, unit_class = g, PEOPLE
        else:  # a bare number: "ارتفع عدد القتلى في صفوف قوات الأمن إلى 60"
            group = _ranks_before(tokens, max(bounds[k][0], prev.u if prev else 0), slot.a)
        bare.append(noun_pred is not None and group == "person" and _group_of_noun(noun) == "person")
        # "وأربعة جرحى في صفوف ...", right after the count before it: the body may be both's.
        tight = prev is not None and (
            ("و" in slot.prefix and slot.a == prev.u) or (slot.a == prev.u + 1 and tokens[prev.u].word == "و")
        )
        body_after.append(tight and group in ("security", "fighter") and noun_pred is not None)
        nats.append(group if group.startswith("nat:") else "")
        joins.append(joined)
        if group == "member" or (group.startswith("nat:") and not part):
            group = "person"
        # The predicate.
        lo = max(bounds[k][0], prev.u if prev else 0)
        hi = min(bounds[k][1], nxt)
        predicate, basis = "", ""
        if _counts_both(tokens, slot):
            pass  # "مقتل وإصابة 3440", "مصرع وإصابة 8 أشخاص": the dead and the wounded together, no one measure
        elif before is not None and before[1] != "weak" and _fits(before[0], unit_class, group):
            predicate, basis = before[0], "across" if before[1] == "subject" else "before"
        elif noun_pred is not None and _fits(noun_pred[0], unit_class, group):
            predicate, basis = noun_pred[0], "unit"
        elif before is not None and _fits(before[0], unit_class, group):
            predicate, basis = before[0], "before"
        elif (after := _after(tokens, slot, hi)) is not None and _fits(after, unit_class, group):
            predicate, basis = after, "after"
        elif (
            joined
            and prev_reading is not None
            and prev_reading.predicate
            and (joined != "whole" or prev_reading.basis == "unit")
            and _fits(prev_reading.predicate, unit_class, group)
        ):
            # A whole ("من أصل 29") shares the predicate only when its part's noun named it ("11 متهما").
            predicate, basis = prev_reading.predicate, "joined"
        elif not noun and (counted := _count_of(tokens, lo, slot)) is not None:
            predicate, basis = counted, "count"
            if unit_class == "count":
                unit_class, group = PEOPLE, group or "person"
        elif (near := _clause(tokens, lo, hi, slot)) is not None and (
            _fits(near, unit_class, group) or (unit_class == "count" and not noun and PREDICATE_CLASS[near] == PEOPLE)
        ):
            predicate, basis = near, "clause"
            if unit_class == "count":
                unit_class, group = PEOPLE, group or "person"
        if unit_class == PEOPLE and group not in PEOPLE_GROUPS and not group.startswith("nat:"):
            group = "person"
        if of_the and basis == "unit":
            part = True
        if unit_class == PEOPLE and not part and _among(tokens, slot, nxt):
            part = True  # "21 مصابا من بين ضحايا الهجوم": some of the victims, not the toll
        if unit_class == PEOPLE and not part and _subset(tokens, slot, nxt, predicate, wide=basis == "unit"):
            part = True  # "نقل 8 مصابين إلى الرياض": some of the wounded, not the toll
        if (
            unit_class == PEOPLE
            and not part
            and predicate not in _TOLLS
            and noun not in _OTHERS
            and slot.u < nxt
            and tokens[slot.u].word in _OTHERS
            and not any(r.unit_class == PEOPLE for r in out)
        ):
            part = True  # "اعتقل ثلاثة أشخاص آخرين": more, beside those counted before, not the count
        out.append(Reading(predicate, basis, group, unit_class, currency, part))
        if joined == "whole" and k and not out[k - 1].part:
            # "لأحد عشر متهما من أصل 29": the figure before a whole is a part of it.
            out[k - 1] = replace(out[k - 1], part=True)
    return _nationality_lists(_shared_body(out, joins, bare, body_after), nats, joins)


def _shared_body(out: list[Reading], joins: list[str], bare: list[bool], body_after: list[bool]) -> list[Reading]:
    """A body named after two counts joined by a bare "و" names the ranks of both: "ثلاثة قتلى
    وأربعة جرحى في صفوف القوات المسلحة" counts three soldiers dead, not three people. Only a
    count whose noun is a bare "قتلى"/"جرحى" takes it, and only from the count right after it
    ("بالإضافة إلى قتيلين في صفوف الإرهابيين" names its own dead only)."""
    for k in range(len(out) - 1):
        if joins[k + 1] == "and" and bare[k] and body_after[k + 1] and out[k].unit_class == PEOPLE:
            out[k] = replace(out[k], group=out[k + 1].group)
    return out


def _nationality_lists(out: list[Reading], nats: list[str], joins: list[str]) -> list[Reading]:
    """Lists that break a whole down: each figure of them is a part.

    - "سبعة كويتيين وخمسة سعوديين وثلاثة باكستانيين و13 من البدون": a list of nationalities;
      each figure is counted by its nationality;
    - "استشهد 10 من منسوبي القوات و3 من العاملين": figures of one predicate joined in a list
      count different groups of one toll, not the toll ("3" is not the number killed).
    """
    k = 0
    while k < len(out):
        end = k + 1
        while end < len(out) and joins[end] == "and":
            end += 1
        chain = range(k, end)
        if sum(1 for i in chain if nats[i]) >= 2:
            for i in chain:
                out[i] = replace(out[i], part=True, group=nats[i] or out[i].group)
        else:
            counted = [out[i].predicate for i in chain if out[i].predicate]
            for i in chain:
                if out[i].predicate and counted.count(out[i].predicate) >= 2:
                    out[i] = replace(out[i], part=True)
        k = end
    return out


def _ranks_before(tokens: Sequence[Token], lo: int, a: int) -> str:
    """The body named after "في صفوف" earlier in the clause, or ""."""
    for i in range(a - 1, lo - 1, -1):
        if tokens[i].is_word and (n := _words_match(tokens, i, "ranks")):
            return _body_class(tokens, i + n) or ""
    return ""


def _ranks_after(tokens: Sequence[Token], u: int) -> bool:
    """Whether "في صفوف"/"من صفوف" follows the counted noun ("50 قتيلا في صفوف القوات")."""
    return u < len(tokens) and bool(_words_match(tokens, u, "ranks"))


__all__ = ["Reading", "read_sentence", "unit_class_of"]
