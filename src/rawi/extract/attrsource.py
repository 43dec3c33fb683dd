"""Who speaks: subjects after and before the verb, relayed speakers ("نقلت X عن Y"),
and the speaker a subjectless verb continues.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from rawi.extract.attrview import (
    QUOTE_MARKS,
    WORD,
    Sent,
    SourceRef,
    State,
    media_heads,
    partitive_heads,
    phrase_heads,
    title_preps,
)
from rawi.extract.np import np_end, person_name_end, stopwords, strip_clitic
from rawi.lexicon.cues import CueForm, clause_openers, cue_forms
from rawi.lexicon.gazetteer import titles

RELAY_LEMMAS = frozenset(("نقل", "اورد", "روي"))


def relayed_speaker(s: Sent, j: int, form: CueForm, source: SourceRef | None) -> tuple[tuple[int, int], int] | None:
    """For "نقل X عن Y قوله": Y's span and the token after it, when the pattern holds."""
    if form.lemma not in RELAY_LEMMAS or source is None or j >= s.hi or s.word(j) != "عن":
        return None
    e = np_end(s.toks, j + 1, s.hi, s.blocked, limit=10)
    if e <= j + 1:
        return None
    nxt = s.word(e) if e < s.hi else ""
    if nxt in ("قوله", "قولها", "قولهم", ":") or (e < s.hi and s.is_complementiser(e)):
        return (s.toks[j + 1].start, s.toks[e - 1].end), (e + 1 if nxt.startswith("قول") else e)
    if nxt in ("،", ","):
        # An apposition between commas: "نقلت X عن ستيف، قائد الفريق، قوله إن …".
        for m in range(e + 1, min(s.hi, e + 14)):
            if s.word(m) in ("قوله", "قولها", "قولهم") and s.word(m - 1) in ("،", ","):
                return (s.toks[j + 1].start, s.toks[e - 1].end), m + 1
            if s.cue(m) or s.is_complementiser(m):
                break
    return None


_DEMONSTRATIVES = frozenset(("هذه", "هذا", "هؤلاء", "هولاء", "تلك", "ذلك"))
_ISSUED = frozenset(("صادر", "صادره", "الصادر", "الصادره"))
_EXTENDERS = _DEMONSTRATIVES | {"من", "في", "عن", "علي"}  # علي: after a title (speaker_title_preps.tsv)


def _bare(word: str) -> str:
    return word[1:] if word[:1] in "وف" and len(word) > 3 else word


def _opens_clause(word: str) -> bool:
    """A particle after which a clause opens with its subject ("لكن", "ولكن", "بينما", "في حين"):
    role subject of clause_openers.tsv, with or without a leading و or ف ("فيما" is itself one)."""
    openers = clause_openers("subject")
    return word in openers or _bare(word) in openers


def extend_speaker(s: Sent, j: int, e: int, verb_prep: str = "") -> int:
    """Past the places where `np_end` stops inside one speaker's name (j..e is what it read):

    - a partitive head goes on over "من" or a demonstrative: "عدد من الفنانين", "كل من مصر
      والأردن", "أحد هذه المصادر" (the head alone cannot speak);
    - a head noun goes on over the short quoted name after it and the definite adjectives that
      follow: صحيفة "الديلي ميل" البريطانية, مراسل «الجوهرة» (the head alone is nobody);
    - an unnamed source goes on over where it sits: "مصدر أمني في وزارة الداخلية";
    - a statement goes on over the body it came from: "بيان صادر عن الرئاسة".
    """
    if e <= j or e >= s.hi:
        return e
    nxt = s.word(e)
    if nxt not in _EXTENDERS and nxt not in QUOTE_MARKS:
        return e  # the common case: nothing here goes on past np_end
    heads = {s.word(j), _bare(s.word(j)), strip_clitic(s.word(j))}  # ("وكالة" is no و + كالة)
    if e == j + 1 and not heads.isdisjoint(partitive_heads()) and (nxt == "من" or nxt in _DEMONSTRATIVES):
        f = np_end(s.toks, e + 1, s.hi, s.blocked, limit=8)
        return f if f > e + 1 else e
    if (
        nxt in ("في", "من")
        and e - j <= 3
        and s.phrase_at(e) is None
        and (
            any(t is not None and t.role == "source_noun" for t in map(titles().get, heads))
            or (not s.word(j).startswith(("ال", "وال")) and s.word(j).endswith(("ون", "ين")))
        )
    ):
        # An unnamed source and where it sits: "مصدر أمني في وزارة الداخلية", "مصادر من أقاربهم",
        # "متابعون في السوق المحلي" (an indefinite plural of people).
        f = np_end(s.toks, e + 1, s.hi, s.blocked, limit=6)
        return f if f > e + 1 else e
    if (
        e == j + 1
        and any(title_preps().get(h) == nxt for h in heads)
        and not (nxt == verb_prep and not any(s.is_complementiser(m) for m in range(e + 1, min(s.hi, e + 16))))
    ):
        # A title that takes a preposition names no one alone: "المشرف على المشروع محمد العلي".
        # Unless it is the verb's own preposition and no "أن" follows: "وعبر المسؤول عن استعداد …"
        # says what the official expressed.
        f = np_end(s.toks, e + 1, s.hi, s.blocked, limit=8)
        return f if f > e + 1 else e
    if s.word(e - 1) in _ISSUED and nxt == "عن":
        f = np_end(s.toks, e + 1, s.hi, s.blocked, limit=6)
        return f if f > e + 1 else e
    named_by_quote = any(h in media_heads() or (h in titles() and titles()[h].role == "org_head") for h in heads)
    if (
        nxt in QUOTE_MARKS
        and (e == j + 1 or (e - j <= 3 and named_by_quote))
        and (named_by_quote or any(h in titles() for h in heads))
    ):
        # (After "مصادر مطلعة" a quoted name is whom they told: «عكاظ» is no part of them.)
        q = s.quote_opening_at(e)
        if q is None or q.close_at is None or not 0 < len(s.norm[q.start : q.end].split()) <= 4:
            return e
        f = e
        while f < s.hi and s.toks[f].start <= q.close_at:
            f += 1
        # Definite adjectives after the name: "الإخباري التركي", "البريطانية".
        while (
            f < s.hi
            and f - e < 8
            and s.word(f).startswith("ال")
            and WORD.fullmatch(s.word(f))
            and not s.blocked(f)
            and s.word(f) not in stopwords()
        ):
            f += 1
        return f
    return e


def audience_at(s: Sent, j: int, agencies: Sequence[tuple[int, int]]) -> tuple[int, tuple[int, int] | None] | None:
    """Who was told, at token j: "لـ«رويترز»", "للمحققين", "لوكالة الأنباء", "لي". Returns the token
    after it and, when it is an outlet that carried the words (a news agency, or a name headed by
    a media noun: "لصحيفة «الأيام»"), its span as a relay; None when no audience starts at j."""
    w = s.word(j)
    if not (w == "ل" or (w.startswith("ل") and not w.startswith("ال") and len(w) > 2)):
        return None
    m = j + 1 if w == "ل" else j
    while m < s.hi and s.word(m) in QUOTE_MARKS and s.quote_opening_at(m) is None:
        m += 1
    if m >= s.hi:
        return m, None
    quoted = s.quote_opening_at(m)
    if quoted is not None and quoted.close_at is not None and m == j + 1:
        # "لـ «عكاظ»": the whole quoted name is the audience.
        e = m
        while e < s.hi and s.toks[e].start <= quoted.close_at:
            e += 1
        start, end = quoted.start, quoted.end
    else:
        e = max(np_end(s.toks, m, s.hi, s.blocked, limit=5), m + 1 if w == "ل" else j + 1)
        e = extend_speaker(s, m, e)  # "لصحيفة «الأيام» المحلية"
        # The relay's span starts after a ل written onto it ("لوكالة الصحافة").
        start = s.toks[m].start + (1 if m == j and w != "ل" else 0)
        known = next((b for a, b in agencies if a == start), None)
        if known is not None:
            # A known agency ends where its name ends: "لوكالة رويترز مسؤول أمريكي" names two.
            e = m
            while e < s.hi and s.toks[e].start < known:
                e += 1
        end = s.toks[min(e, s.hi) - 1].end
    head = w[1:] if m == j and w != "ل" else s.word(m)
    agency = any(a < end and start < b for a, b in agencies)
    outlet = agency or head in media_heads() or (head.startswith("ال") and head[2:] in media_heads())
    while e < s.hi and s.word(e) in QUOTE_MARKS and s.quote_opening_at(e) is None:
        e += 1
    return e, ((start, end) if outlet else None)


def cut_after_name(s: Sent, j: int, e: int, names: Sequence[tuple[int, int]]) -> int:
    """A known name at the head of a phrase ends it before an indefinite word:
    "وأعلن تنظيم داعش مسؤوليته عنه" has the subject "تنظيم داعش", not "… مسؤوليته"."""
    i = bisect_left(names, (s.toks[j].start,))
    if i >= len(names) or names[i][0] != s.toks[j].start:
        return e
    end = names[i][1]
    for m in range(j + 1, e):
        if s.toks[m].start >= end:
            pos = s.toks[m].start + 1
            n = bisect_left(names, (pos,))
            last = m + 1 == e and e < s.hi and (s.is_complementiser(e) or s.word(e) == ":")
            if s.word(m)[:1] == "و" and ((n < len(names) and names[n][0] == pos) or last):
                # "كييف وسيول أن": names joined by و are one subject
                end = names[n][1] if n < len(names) and names[n][0] == pos else s.toks[m].end
                continue
            if s.word(m).startswith(("ال", "وال")):
                return e
            after = _holder_name_end(s, j, m, e)
            if after == m:
                return m
            end = s.toks[after - 1].end  # "محافظ الأقصر محمد بدر": the title's holder is named
    return e


def _titled(s: Sent, j: int, m: int) -> bool:
    """Whether the name at token m may be the holder of a person's title among tokens j..m-1
    ("محافظ الأقصر محمد بدر", "الرئيس الفرنسي فرانسوا"); a nisba after a word that is no title
    describes someone else ("أعلن رئيس الاتحاد دعم الفرنسي ميشال بلاتيني")."""
    prev = s.word(m - 1)
    if m - 2 >= j and prev.startswith("ال") and prev.endswith("ي") and not person_title(s.word(m - 2)):
        return False
    return any(person_title(s.word(k)) for k in range(j, m))


def person_title(w: str) -> bool:
    """A word (with or without the article) that is a person's title: "محافظ", "المتحدث"."""
    title = titles().get(w) or titles().get(w.removeprefix("ال"))
    return title is not None and title.type == "PERSON"


def cut_before_object(s: Sent, j: int, e: int, names: Sequence[tuple[int, int]]) -> int:
    """ "أعلنت وزارة الصحة ارتفاع عدد الإصابات": when the object follows the subject directly, an
    indefinite word after a definite one starts the object, unless a known name or a title
    phrase covers it ("الرئيس الأمريكي باراك أوباما", "الناطق باسم الجيش")."""
    seen_definite = False
    m = j
    while m < e:
        pos = s.toks[m].start
        i = bisect_left(names, (pos + 1,)) - 1
        if i >= 0 and names[i][0] <= pos < names[i][1]:
            seen_definite = True
            m += 1
            continue
        w = s.word(m)
        definite = w.startswith(("ال", "وال", "لل"))
        if seen_definite and not definite and m > j:
            after = _holder_name_end(s, j, m, e)
            if after == m:
                return m
            m = after  # "أعلن محافظ الأقصر محمد بدر تقديم هدايا": a title, then its holder's name
            continue
        seen_definite = seen_definite or definite
        m += 1
    return e


def _holder_name_end(s: Sent, j: int, m: int, e: int) -> int:
    """Past the name at token m of the holder of a title among tokens j..m-1 ("محافظ الأقصر محمد
    بدر تقديم …", see `person_name_end`); m itself when no title holds it or no name starts there."""
    if not _titled(s, j, m):
        return m
    return person_name_end(s.word, m, e, lambda k: bool(s.cue(k)) or person_title(s.word(k)))


_AUXILIARIES = frozenset(
    ("كان", "كانت", "وكان", "وكانت", "فكان", "فكانت", "كانوا", "وكانوا", "فكانوا", "كانا", "وكانا")
)
# Words that open the topic "أما" puts first when it is no subject ("أما عن …", "أما إذا …").
_TOPIC_OPENERS = frozenset(("عن", "في", "من", "على", "مع", "حول", "الى", "إلى", "اذا", "إذا", "بالنسبة", "فيما"))


def subject_before(s: Sent, k: int) -> tuple[int, int] | None:
    """Subject-first clauses: "الهيئة أكدت أن", "الرئيس التركي، …، الذي أكد"."""
    verb = s.word(k)
    attached = verb[:1] == "ف" and verb[1:] in cue_forms()
    if attached or (k - 1 >= s.lo and s.word(k - 1) in ("فقد", "ف")):
        # "أما الزائر عبدالله الفركز فقد أعرب", "أما حزب العمال فتحدث عن": what "أما" puts first
        # is the subject.
        last = k - 1 if attached else k - 2
        for m in range(last, max(s.lo, k - 10) - 1, -1):
            if s.word(m) in ("أما", "اما", "وأما", "واما"):
                # "أما عن أول تعاون لها فقالت", "أما في الموضوع السوري فأعتقد": a topic, not a subject
                if m + 1 > last or s.word(m + 1) in _TOPIC_OPENERS:
                    return None
                return (s.toks[m + 1].start, s.toks[last].end)
            if not WORD.fullmatch(s.word(m)):
                break
    if (verb[:1] in "وف" and verb[1:] in cue_forms()) or (k - 1 >= s.lo and s.word(k - 1) in ("و", "ف", "وقد", "فقد")):
        # "… إصدار الرخصة وقال", "… في تونس و أكدوا", "هذا وقد أكد", "لذا فقد نصحوا": a conjunction
        # before the verb starts a new clause
        return None
    j = k - 1
    if j > s.lo and s.word(j) in ("قد", "لقد"):
        j -= 1  # "وكانت الوزارة قد أعلنت أن"
    elif j > s.lo and s.word(j) in ("كان", "كانت", "كانوا", "كانا"):
        # "أعضاء اللجنة كانوا يدلون بتصاريح": the auxiliary between subject and verb; after a
        # relative of the other gender the subject follows ("بالشكل الذي كانت تعبر عنه وسائل الإعلام")
        if s.word(j - 1) == {"كان": "التي", "كانت": "الذي"}.get(s.word(j)):
            return None
        j -= 1
    relative = j >= s.lo and s.word(j) in ("الذي", "التي", "الذين")
    auxiliary = False
    if not relative and j > s.lo and s.word(j) in ("،", ","):
        # "وكانت القيادة العامة، أكدت …": an auxiliary opens the clause, a comma closes the subject.
        m = j - 1
        while m >= s.lo and WORD.fullmatch(s.word(m)) and s.word(m) not in _AUXILIARIES and j - m < 9:
            m -= 1
        if m >= s.lo and s.word(m) in _AUXILIARIES and m + 1 < j:
            auxiliary = True
            j -= 1
    if relative:
        j -= 1
        if j >= s.lo and s.word(j) in ("،", ","):
            j -= 1
            # An apposition between commas: "الرئيس التركي، رجب طيب أردوغان، الذي".
            m = j
            while m >= s.lo and s.word(m) not in ("،", ",") and j - m < 6:
                m -= 1
            if m >= s.lo and s.word(m) in ("،", ","):
                j = m - 1
    end = j + 1
    start = end
    stop = stopwords()
    while start - 1 >= s.lo and end - (start - 1) <= 8:
        w = s.word(start - 1)
        if w in ("هذا", "هذه", "هؤلاء", "هولاء", "تلك", "ذلك") and start < end:
            start -= 1  # a demonstrative opens the phrase: "هؤلاء الإرهابيين اعترفوا"
            break
        if (
            w in ("في", "من")
            and not relative
            and start < end
            and start - 2 >= s.lo
            and WORD.fullmatch(s.word(start - 2))
            and s.word(start - 2) not in stop
        ):
            start -= 1  # "لكن كتلة الحزب في البرلمان طلبت": where the subject sits is part of it
            continue
        if (
            not WORD.fullmatch(w)
            or w in stop
            or w in _AUXILIARIES
            or _opens_clause(w)
            or s.blocked(start - 1)
            or w in phrase_heads()
            or strip_clitic(w) in phrase_heads()
        ):
            break
        start -= 1
    if start >= end:
        return None
    if relative or auxiliary:
        # After "وزار": the phrase runs from the verb's object, not the clause start.
        while start < end and s.cue(start):
            start += 1
    else:
        # A clause-initial subject: the phrase must open its clause.
        before = s.word(start - 1) if start - 1 >= s.lo else ""
        if (
            start > s.lo
            and before not in ("،", ",", ":", "«", '"', "“")
            and not s.is_complementiser(start - 1)
            and not _opens_clause(before)  # "لكن طهران تقول إنه سلمي"
            and before not in _AUXILIARIES
        ):
            return None  # ("وكان تنظيم داعش أعلن …": the subject after an auxiliary opens the clause)
    if start >= end:
        return None
    first = s.word(start)
    if (
        first in ("و", "ف")
        or (strip_clitic(first) != first and strip_clitic(first) in stop)
        or (first[:1] in "وف" and first[1:] in stop)
    ):
        return None  # "وقد أكد", "وهي تؤكد": a particle or a pronoun is nobody's name
    st = s.toks[start].start
    if first[0] == "و" and len(first) > 3 and not first.startswith(("وزار", "وكال", "وحد")):
        st += 1  # the conjunction is not part of the subject
    return st, s.toks[end - 1].end


def subject_of_sentence(subjects: Sequence[tuple[int, int]], s: Sent, before: int) -> tuple[int, int] | None:
    i = bisect_left(subjects, (s.sent.start,))
    if i < len(subjects) and subjects[i][0] < before:
        return subjects[i]
    return None


def is_nested(state: State, i: int) -> bool:
    """Whether attribution i was reported inside another one's content."""
    cue = state.out[i].cue
    pos = cue[0] if cue else state.out[i].content[0]
    return any(a.content[0] <= pos < a.content[1] for j, a in enumerate(state.out) if j != i)


def antecedent(state: State, gender: str) -> SourceRef | None:
    """The speaker a subjectless verb continues: the latest top-level one that agrees with it.

    Speakers quoted inside someone's words do not take over the narration.
    """
    fallback = None
    for i in range(len(state.out) - 1, max(-1, len(state.out) - 8), -1):
        if is_nested(state, i):
            continue
        a = state.out[i]
        if fallback is None:
            fallback = i
        if not gender or not a.gender or a.gender == gender:
            return SourceRef(antecedent=i)
    return SourceRef(antecedent=fallback) if fallback is not None else None
