"""Attributions: who said what, according to whom.

Works sentence by sentence on folded tokens. Three kinds of cue start an
attribution:

- a reporting verb or participle from the cue lexicon (``وقال``, ``أكدت``,
  ``مشيرا``) — its source is the noun phrase after it (verb first), before it
  (subject first, or the antecedent of ``الذي``), or, when the text drops it,
  the speaker in force (``وأضاف أن``, ``قائلا``);
- an "according to" phrase (``بحسب``, ``وفقا ل``, ``حسبما ذكرت``) — a relay of
  the verb's source when it sits between a verb and its content, else the source;
- a quotation standing alone, which continues the last speaker.

The content starts after the complementiser (``إن``/``أن``/``بأن``), a colon,
an opening quotation mark or the verb's own preposition, and runs to the end
of the sentence or to the next cue that opens a new attribution.
Offsets are folded-text offsets; `coref` turns sources into entities.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace
from functools import cache
from itertools import compress, count
from operator import itemgetter

from rawi.extract.attrcontent import (
    CARRY_LEMMAS,
    CONTENT_BREAKS,
    SETTING_PREPS,
    content_end,
    content_kind,
    marker_ahead,
    quote_before,
    relay_np,
    relay_verbs_end,
    skip_to_content,
    strip_quote,
    token_after,
    trim_content,
)
from rawi.extract.attrsource import (
    antecedent,
    audience_at,
    cut_after_name,
    cut_before_object,
    extend_speaker,
    person_title,
    relayed_speaker,
    subject_before,
    subject_of_sentence,
)
from rawi.extract.attrview import (
    CONTENT_TRIM,
    NUMBERISH,
    QUOTE_MARKS,
    WORD,
    AttrMatch,
    Phrase,
    Sent,
    SourceRef,
    State,
    adjective_like,
    bare_form,
    cue_words,
    first_person_readings,
    media_heads,
    object_content_lemmas,
    own_report_nouns,
)
from rawi.extract.np import adverbs, ali_named_by, np_end, stopwords, strip_clitic
from rawi.lexicon import load_tsv
from rawi.lexicon.cues import CueForm, lookup
from rawi.lexicon.gazetteer import titles
from rawi.text.segment import Segmentation, Sentence, Token

__all__ = ["AttrMatch", "SourceRef", "extract_attributions"]


_START = itemgetter(0)
_TEXT = itemgetter(2)


def _sentence_tokens(tokens: Sequence[Token], starts: Sequence[int], sent: Sentence) -> tuple[int, int]:
    return bisect_left(starts, sent.start), bisect_left(starts, sent.end)


def extract_attributions(
    norm: str,
    seg: Segmentation,
    blocked_spans: Sequence[tuple[int, int]],
    subjects: Sequence[tuple[int, int]] = (),
    agencies: Sequence[tuple[int, int]] = (),
    places: AbstractSet[tuple[int, int]] = frozenset(),
) -> list[AttrMatch]:
    """All attributions of one article, in text order.

    `blocked_spans` are folded spans no source may cross (time expressions);
    `subjects` are entity mention spans, used to find who a participle's clause is about;
    `agencies` are spans of news agencies, which relay the words they are told;
    `places` are spans of cities and regions, which are not taken for the subject of a sentence.
    """
    tokens = seg.tokens
    starts = list(map(_START, tokens))
    texts = list(map(_TEXT, tokens))
    state = State()
    spans = sorted(blocked_spans)
    # Decide once per distinct word, then pick tokens by set membership: most words are no cue.
    cues = cue_words().select(seg.words)
    # (compress over map runs in C: no Python frame per token)
    candidates = list(compress(count(), map(cues.__contains__, texts)))
    mark_words = cues | CONTENT_BREAKS
    marks = list(compress(count(), map(mark_words.__contains__, texts)))
    quoted_starts = {q.open_at for q in seg.quotes}
    for sent in seg.sentences:
        if sent.headline:
            continue
        if sent.end < len(norm) and norm[sent.end] in "؟?":
            continue  # questions are not claims
        lo, hi = _sentence_tokens(tokens, starts, sent)
        if lo >= hi:
            continue
        i = bisect_left(candidates, lo)
        if (i == len(candidates) or candidates[i] >= hi) and starts[lo] not in quoted_starts:
            continue  # no cue and no quotation opening it: nothing to read here
        s = Sent(norm, sent, tokens, lo, hi, seg.quotes, spans, state, marks, places)
        _scan_sentence(s, state, subjects, agencies, candidates)
    return _same_sources(norm, state.out)


# "كما يقولون", "كما يقال", "كما قيل": "as they say", a proverb's frame.
_AS_THEY_SAY = frozenset(("يقولون", "يقال", "قيل"))
_SAME_AFTER = frozenset(("نفسه", "ذاته", "نفسها", "ذاتها", "انفسهم", "ذاتهم", "انفسها"))
_SAME_BEFORE = frozenset(("نفس", "ذات", "لنفس", "لذات"))


def _same_sources(norm: str, out: list[AttrMatch]) -> list[AttrMatch]:
    """ "المصدر نفسه", "ذات المصدر", "للمصدر ذاته" name the source quoted last: the span stays,
    and its entity is that source's (`SourceRef.antecedent` beside a span)."""
    for i, a in enumerate(out):
        src = a.source
        if src.start is None or src.end is None or i == 0:
            continue
        words = norm[src.start : src.end].split()
        if len(words) != 2 or not (
            (words[1] in _SAME_AFTER and words[0].startswith(("ال", "لل")))
            or (words[0] in _SAME_BEFORE and words[1].startswith("ال"))
        ):
            continue
        ante = antecedent(State(out[:i]), "")
        if ante is not None:
            out[i] = replace(a, source=SourceRef(src.start, src.end, antecedent=ante.antecedent))
    return out


def _outlet_word(w: str) -> bool:
    """ل written onto an outlet or a body ("لوكالة", "لصحيفة", "لقناة"), not a name that starts
    with ل ("لينش", "ليبرت")."""
    return (
        w.startswith("ل")
        and not w.startswith(("ال", "لل"))
        and len(w) > 2
        and (w[1:] in titles() or w[1:] in media_heads())
    )


def _affiliation(s: Sent, m: int) -> bool:
    """ "المتحدث الرسمي لوزارة الصحة", "المدير العام لمركز واعي": ل written onto a body that is
    no news medium, right after a person's title or its adjective, names whose office it is; the
    audience of "قال الوزير لوكالة الأنباء" is a medium, or follows a name."""
    if s.word(m)[1:] in media_heads():
        return False
    prev = s.word(m - 1)
    return person_title(prev) or adjective_like(prev) or prev in ("العام", "عام")


def _first_person(s: Sent, k: int, state: State) -> int:
    """ "لكنني متفائلة وأعتقد أن ذلك سيكون مدعاة لسعادتها" inside someone's quoted words: the
    speaker of the quotation says it. Outside a quotation a first person is the writer's."""
    pos = s.toks[k].start
    if (
        k + 1 >= s.hi
        or not (s.is_complementiser(k + 1) or s.word(k + 1) == ":")
        or not any(q.start <= pos < q.end for q in s.quotes)
    ):
        return k + 1
    outer = next(
        (
            i
            for i in range(len(state.out) - 1, -1, -1)
            if state.out[i].kind in ("direct", "mixed") and state.out[i].content[0] <= pos < state.out[i].content[1]
        ),
        None,
    )
    if outer is None:
        return k + 1
    start = k + 2
    c = trim_content(s.norm, s.toks[start].start, min(content_end(s, start, False), state.out[outer].content[1]))
    if c[1] - c[0] < 2:
        return k + 1
    form = first_person_readings(s.word(k))[0]
    state.out.append(
        AttrMatch((pos, s.toks[k].end), c, SourceRef(antecedent=outer), content_kind(s, *c), form.stance, (), "")
    )
    return start


_THUS = frozenset(("هكذا", "وهكذا"))


def _thus_said(
    s: Sent,
    k: int,
    form: CueForm,
    state: State,
    subjects: Sequence[tuple[int, int]],
    agencies: Sequence[tuple[int, int]],
) -> int:
    """ "«…» هكذا وصف الوزير الضربة": what came before "هكذا" is what was said, in the sentence
    or, when "هكذا" opens it, the quotation just before; the noun phrase after the verb speaks."""
    if k - 1 > s.lo:
        content = trim_content(s.norm, s.toks[s.lo].start, s.toks[k - 1].start)
    else:
        q = next((q for q in s.quotes if q.close_at is not None and 0 <= s.sent.start - q.close_at <= 3), None)
        if q is None:
            return k + 1
        content = (q.start, q.end)
    j = k + 1
    heard = audience_at(s, j, agencies) if j < s.hi else None
    via: tuple[tuple[int, int], ...] = ()
    if heard is not None:
        j = heard[0]
        via = (heard[1],) if heard[1] is not None else ()
    e = cut_after_name(s, j, np_end(s.toks, j, s.hi, s.blocked, limit=10), subjects)
    # The verb's object follows its subject ("وصف الوزير الضربة"): cut where it starts, without
    # the help of title mentions, which run on over the object.
    e = extend_speaker(s, j, _cut_at_object(s, j, cut_before_object(s, j, e, ())))
    if e <= j or content[1] - content[0] < 2:
        return k + 1
    state.out.append(
        AttrMatch(
            (s.toks[k].start, s.toks[k].end),
            content,
            SourceRef(s.toks[j].start, s.toks[e - 1].end),
            content_kind(s, *content) if k - 1 > s.lo else "direct",
            form.stance,
            via,
            form.gender,
        )
    )
    return e


@cache
def document_only_lemmas() -> frozenset[str]:
    return frozenset(r["lemma"] for r in load_tsv("cue_document_only", ("lemma",)))


@cache
def _document_heads() -> frozenset[str]:
    return frozenset(r["word"] for r in load_tsv("document_heads", ("word",)))


def _document(s: Sent, source: SourceRef | None) -> bool:
    """Whether a source span is headed by a document ("البيان", "دراسة حديثة")."""
    if source is None or source.start is None or source.end is None:
        return False
    head = s.norm[source.start : source.end].split()[0]
    head = head[1:] if head[:1] in "وف" and len(head) > 3 else head
    return head in _document_heads() or (head.startswith("ال") and head[2:] in _document_heads())


def _cut_at_object(s: Sent, j: int, e: int, names: Sequence[tuple[int, int]] = ()) -> int:
    """A verb whose object comes before its preposition ("ودعت السلطات الجماهير إلى", "ووصفت
    الشرطة الحادث بأنه"): after a definite word or a known name, a definite word that is no
    adjective of it, or "كافة"/"جميع", starts the object; after a known name, a plural object too."""
    for m in range(j + 1, e):
        w = s.word(m)
        p = m - 1 if s.word(m - 1) not in QUOTE_MARKS or m - 1 == j else m - 2  # ("عائض البقمي" المواطنين)
        prev = s.word(p)
        definite = prev.startswith(("ال", "وال"))
        after_name = _name_ends(names, s.toks[p].start, s.toks[p].end)
        if (definite or after_name) and w in _OBJECT_OPENERS:
            return m  # "ودعا العقيد محمد السعد جميع المواطنين": no noun after a definite one is "all"
        if after_name and _plural_object(w):
            return m  # "دعت جامعة جازان المرشحين": a name takes no plural adjective
        title = titles().get(w)
        if (
            w.startswith("ال")
            and definite
            and prev != "الله"  # "عبد الله الربيعة": the family name after a name in "عبد الله"
            and (not _honorific(prev) or _plural_object(w))  # "الدكتور القناص": the honorific's name
            and not adjective_like(w)
            and not (prev.endswith("ون") and w.endswith("ون"))  # "المواطنون المتضررون" agree
            and (title is None or title.role not in ("honorific", "title"))
        ):
            return m  # (a rank or honorific before a name, "الدكتور", "اللواء", stays in)
        if prev.startswith("الم") and prev.endswith("ون") and len(prev) >= 9 and w[:2] == "ال" and w[-2:] != "ون":
            return m  # "وطالب المواطنون البلدية": a plural in ون takes no adjective but one in ون
    return e


# Quantifiers that open a noun phrase of their own and never describe the noun before them.
_OBJECT_OPENERS = frozenset(("كافة", "كافه", "جميع"))


def _honorific(word: str) -> bool:
    title = titles().get(word)
    return title is not None and title.role == "honorific"


def _plural_object(word: str) -> bool:
    """A definite sound masculine plural (or dual) in the accusative, "المرشحين", "الصحفيين": after
    the verb it is the object (the subject would be "المرشحون"). Shorter words in ين are mostly
    names and singulars ("البحرين", "الأمين")."""
    return word.startswith("ال") and word.endswith("ين") and len(word) >= 8


def _name_at(names: Sequence[tuple[int, int]], pos: int) -> bool:
    i = bisect_left(names, (pos,))
    return i < len(names) and names[i][0] == pos


def _name_ends(names: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a known name covers the word at `start` and ends with it ("جامعة جازان")."""
    i = bisect_left(names, (start + 1,)) - 1
    return i >= 0 and names[i][0] <= start and names[i][1] == end


def _named(names: Sequence[tuple[int, int]], pos: int) -> bool:
    """Whether a known name covers the character at `pos` ("لي" the Korean name, not "to me")."""
    i = bisect_left(names, (pos + 1,)) - 1
    return i >= 0 and names[i][0] <= pos < names[i][1]


# Words before "أن" that make it no report's complementiser: "إلا أن" (but), "بعد أن" (after),
# "إلى حد أن" (so much that): "بين الشبيهين، إلا أن النزاع …" is "between", not "explained".
_NOT_REPORTED = frozenset(("الا", "غير", "رغم", "برغم", "بعد", "قبل", "حد", "درجه", "لدرجه", "منذ", "حيث", "لو"))


def _subject_then_prep(s: Sent, k: int, prep: str, names: Sequence[tuple[int, int]]) -> bool:
    """The verb's preposition right after a definite subject ("وطالب المتظاهرون بإسقاط"), with
    no object in between ("ووجهت السلطات اتهامات بالإرهاب" has one: an indefinite word)."""
    seen_definite = False
    for m in range(k + 1, min(s.hi, k + 10)):
        w = s.word(m)
        if m > k + 1 and ((len(prep) == 1 and w.startswith(prep) and len(w) > 2) or w == prep):
            # "بإسقاط", or a preposition written apart: "عن سعادته" ("عن طريق" is "by way of")
            return seen_definite and not (m + 1 < s.hi and s.word(m + 1) == "طريق")
        if not WORD.fullmatch(w):
            return False
        definite = w.startswith(("ال", "لل")) or _named(names, s.toks[m].start)  # "الرئيس هادي"
        if seen_definite and not definite:
            return False
        seen_definite = seen_definite or definite
    return False


def _fronted_setting(s: Sent, k: int) -> bool:
    """The words before token k are a short setting opening the sentence: "وفي سياق متصل",
    "وفي هذا الإطار", "ومن جهته" (the verb after it may continue the speaker)."""
    first = s.word(s.lo)
    bare = first[1:] if first[:1] in "وف" and len(first) > 2 else first
    if bare not in SETTING_PREPS or k - s.lo > 5:
        return False
    return all(WORD.fullmatch(s.word(m)) and not s.cue(m) for m in range(s.lo + 1, k))


@cache
def _stopwords_of(word_class: str) -> frozenset[str]:
    """The words of one class of np_stopwords.tsv."""
    return frozenset(r["word"] for r in load_tsv("np_stopwords", ("word",)) if r["class"] == word_class)


@cache
def _modals() -> frozenset[str]:
    """ "يمكن", "يجب": what follows them is a verbal noun ("ويمكن توقع زيادته"), never a report."""
    words = _stopwords_of("modal verb")
    return words | {"و" + w for w in words}


def _prep_pronouns() -> frozenset[str]:
    return _stopwords_of("preposition+pronoun")


def _participle_clause(s: Sent, k: int, form: CueForm) -> bool:
    """ "، طالبا منهم عدم معاقبته", "، مطالبا بالإفراج": an ambiguous participle after a comma
    that meets whom it asks or its own preposition right away opens the speaker's next clause."""
    if form.pos != "participle" or k == s.lo or s.word(k - 1) not in ("،", ",") or k + 1 >= s.hi:
        return False
    nxt = s.word(k + 1)
    return nxt in ("منه", "منها", "منهم", "منهما") or (
        bool(form.prep) and (nxt == form.prep or (len(form.prep) == 1 and nxt.startswith(form.prep) and len(nxt) > 2))
    )


def _may_drop_subject(s: Sent, k: int) -> bool:
    """A verb continues the last speaker only where a clause starts: after و/ف, at the
    head of the sentence, after punctuation, or after a particle ("حيث قال", "كما أكد")."""
    if (s.word(k)[0] in "وف" and len(s.word(k)) > 3) or k == s.lo:
        return True
    prev = s.word(k - 1)
    if prev in ("و", "ف") or _fronted_setting(s, k):
        return True  # "و قال", "وفي سياق متصل أكد أنه"
    return (
        not WORD.fullmatch(prev)
        or prev in stopwords()
        or strip_clitic(prev) in stopwords()
        or (prev[:1] in "وف" and prev[1:] in stopwords())  # "وقد صرح", "وهي تؤكد"
        or s.in_time(k - 1)
        or s.is_complementiser(k - 1)
    )


@cache
def _manner_words() -> frozenset[str]:
    return frozenset(r["word"] for r in load_tsv("according_manner_heads", ("word",)))


def _manner_head(np: str) -> bool:
    """The noun after "وفق"/"حسب" names a manner ("شروط", "آلية", "حسب الحاجة"), not a source."""
    head = np.split(maxsplit=1)[0] if np.strip() else ""
    # With or without the article and a clitic: "لمعدلاتهم", "للآلية" (ل + الآلية).
    bare = {head, strip_clitic(head).removeprefix("ال")}
    # and without a possessive: "حسب فئاتهم", "وفقا لمعدلاتهم".
    bare |= {w.removesuffix(p) for w in bare for p in ("هما", "هم", "ها") if w.endswith(p)}
    return bool(bare & _manner_words())


@cache
def _not_speakers() -> frozenset[str]:
    return frozenset(r["word"] for r in load_tsv("speaker_not_heads", ("word",)))


def _main_subject(s: Sent, span: tuple[int, int], k: int) -> bool:
    """ "وخلال القمة رد أوباما على المخاوف، متعهدا بدعمها": the first name of the sentence right
    after a verb of its first clause (a word with neither article nor preposition) is the subject
    the participle goes on with."""
    m = bisect_left(s.toks, span[0], s.lo, k, key=_START)
    if m <= s.lo or m >= k or any(s.word(x) in ("،", ",") for x in range(s.lo, m)):
        return False
    prev = s.word(m - 1)
    # (A noun in the construct state, "مدينة حلب", mostly ends in ة: it is no verb.)
    return (
        WORD.fullmatch(prev) is not None
        and prev not in stopwords()
        and not prev.startswith(("ال", "وال"))
        and not prev.endswith("ه")
        and strip_clitic(prev) not in stopwords()
        and not s.in_time(m - 1)
    )


def _disagrees(s: Sent, j: int, form: CueForm, names: Sequence[tuple[int, int]]) -> bool:
    """A masculine singular verb before a definite feminine noun ("وطالب الحكومة بالإسراع"): the
    noun is its object, and the speaker the one the verb continues (a feminine subject would
    make the verb "طالبت")."""
    head = s.word(j)
    if form.number == "s" and _plural_object(head) and not _named(names, s.toks[j].start):
        return True  # "ودعت الصحفيين إلى": a plural in ين after the verb is its object (its subject: ون)
    adjective = s.word(j + 1) if j + 1 < s.hi else ""
    if head.startswith("ال") and adjective.startswith("ال") and adjective.endswith("يين") and len(adjective) >= 7:
        return True  # "دعا فيه الأطباء اليمنيين": an adjective in the accusative, its noun the object
    if form.gender != "m" or form.number != "s":
        return False
    if not head.startswith("ال") or not head.endswith("ه") or len(head) < 5:
        return False
    title = titles().get(head)
    return title is None or title.gender == "f"  # ("العلامة", "الداعية" are men)


def _cannot_speak(s: Sent, j: int) -> bool:
    """Whether the noun phrase at token j is the verb's object, never its speaker ("قدرت العدد");
    a part of a group still speaks ("عزا عدد من المستثمرين")."""
    word = s.word(j)
    w = word[1:] if word[:1] in "وف" and len(word) > 3 else word
    if j + 1 < s.hi and s.word(j + 1) == "من":
        return False
    heads = _not_speakers()
    if w in heads or (w.startswith("ال") and w[2:] in heads):
        return True
    # with a possessive pronoun: "وأعلنت نتائجها", "أبدى استياءه" (his own results, his dismay)
    return any(w.endswith(p) and w[: -len(p)] in heads for p in _POSSESSIVES)


_POSSESSIVES = ("هما", "ها", "هم", "هن", "ه")


def _verb_attribution(
    s: Sent,
    k: int,
    forms: tuple[CueForm, ...],
    state: State,
    subjects: Sequence[tuple[int, int]],
    agencies: Sequence[tuple[int, int]],
) -> int:
    clause = next((f for f in forms if _participle_clause(s, k, f)), None)
    form = clause or forms[0]  # "، طالبا منهم": the participle, not "they two demanded"
    cue_tok = s.toks[k]
    guess = any(f.ambiguous for f in forms) or not bare_form(s.word(k))
    # "وطالب المتظاهرون بإسقاط …", "وعبر الرئيس عن سعادته": an ambiguous verb that opens its
    # clause and meets its own preposition after a definite subject reads as the verb ("and a
    # student", "across" rarely open a news sentence that way).
    opens_with_prep = (
        guess
        and (k == s.lo or s.word(k - 1) in ("،", ",", "كما"))
        and (clause is not None or _subject_then_prep(s, k, form.prep, subjects))
    )
    said_so = k + 1 < s.hi and s.word(k + 1) == "بالقول"  # "ومضى بالقول:", "وختم بالقول"
    if (
        guess
        and not opens_with_prep
        and not said_so
        and not any(
            (s.is_complementiser(m) and s.word(m - 1) not in _NOT_REPORTED) or s.word(m) == ":"
            for m in range(k + 1, min(s.hi, k + 16))
        )
    ):
        return k + 1  # an ambiguous word ("بين", "عبر") needs "أن" or a colon soon after it
    if k > s.lo and s.word(k - 1) in _THUS:
        return _thus_said(s, k, form, state, subjects, agencies)
    if k > s.lo and s.word(k - 1) in ("كما", "وكما") and s.word(k) in _AS_THEY_SAY:
        return k + 1  # "وكما يقولون": a saying, nobody quoted
    if k - 1 > s.lo and s.word(k - 1) in ("كما", "مثلما") and not s.inside_content(cue_tok.start):
        # "قتل 14 جنديا …، كما أعلنت السلطات المحلية.": "as X said" closing the sentence is an
        # "according to", and the sentence before it what was said.
        e = extend_speaker(s, k + 1, np_end(s.toks, k + 1, s.hi, s.blocked, limit=8))
        if e > k + 1 and _trailing(s, e):
            c = trim_content(s.norm, s.toks[_after_setting(s, k)].start, s.toks[k - 1].start)
            if c[1] - c[0] >= 2:
                state.out.append(
                    AttrMatch(
                        (s.toks[k - 1].start, cue_tok.end),
                        c,
                        SourceRef(s.toks[k + 1].start, s.toks[e - 1].end),
                        content_kind(s, *c),
                        form.stance,
                        (),
                        form.gender,
                    )
                )
                return e
    w = s.word(k)
    if (
        k > s.lo
        and w[:1] not in "وف"
        and w.endswith(("ه", "ها", "هم"))
        and WORD.fullmatch(s.word(k - 1))
        and s.word(k - 1) not in stopwords()
        and any(f.lemma in CARRY_LEMMAS for f in forms)
    ):
        return k + 1  # "تصريحات نقلتها الوكالة": a relative clause on the words, which relays them
    if k > s.lo and s.word(k - 1) in ("عن", "علي", "الي", "في") and form.pos != "participle":
        return k + 1  # no verb follows a preposition: "عن أبلغ التهاني" is "the most sincere congratulations"
    if k > s.lo and s.word(k - 1) in _modals():
        return k + 1  # "ويمكن توقع زيادته": a verbal noun after a modal verb
    if (
        s.word(k) == "بين"
        and k > s.lo
        and WORD.fullmatch(s.word(k - 1))
        and s.word(k - 1) not in stopwords()
        and not (k + 1 < s.hi and (s.is_complementiser(k + 1) or s.word(k + 1) == ":"))
    ):
        # "لم الشمل بين جميع أفراد المجتمع", "الفرق بين الجنسين أن …": "between" after a noun (the
        # folded text has lost the shadda of "بيّن"); "الوزير بين أن" is "explained"
        return k + 1
    if k > s.lo and s.word(k - 1) in ("لم", "ولم", "لن", "ولن", "لا", "ولا", "ما"):
        return k + 1  # a negated report says nothing was said
    if k > s.lo and s.word(k - 1) in ("الذي", "التي", "الذين") and not bare_form(s.word(k)):
        return k + 1  # "الإجراءات التي أقرتها الوزارة": the verb's object is the antecedent
    if (
        k > s.lo
        and form.gender
        and form.gender != {"الذي": "m", "التي": "f"}.get(s.word(k - 1), form.gender)
        and (k + 1 >= s.hi or not WORD.fullmatch(s.word(k + 1)) or s.word(k + 1) in stopwords())
    ):
        return k + 1  # "الشبكة التي أعلن عن كشفها": the antecedent is not who speaks
    if k + 2 < s.hi and s.word(k + 1) in ("ذلك", "هذا") and form.pos != "participle":
        # "وأوضح ذلك المتحدث …": the demonstrative is what was said, the phrase after it the speaker.
        e = np_end(s.toks, k + 2, s.hi, s.blocked, limit=9)
        if e > k + 2:
            content, kind = (s.toks[k + 1].start, s.toks[k + 1].end), "indirect"
            if k == s.lo:
                # '"…". قال ذلك الوزير': "that" is the quotation just before.
                q = next((q for q in s.quotes if q.close_at is not None and 0 <= s.sent.start - q.close_at <= 3), None)
                if q is not None:
                    content, kind = (q.start, q.end), "direct"
                    if state.out and state.out[-1].cue is None and state.out[-1].content == content:
                        state.out.pop()  # the quotation was taken for the last speaker's: it is this one's
            state.out.append(
                AttrMatch(
                    (cue_tok.start, cue_tok.end),
                    content,
                    SourceRef(s.toks[k + 2].start, s.toks[e - 1].end),
                    kind,
                    form.stance,
                    (),
                    form.gender,
                )
            )
            return e
    cue = (cue_tok.start, cue_tok.end)
    participle = form.pos == "participle"
    prep = form.prep
    if prep == "علي" and k + 2 < s.hi and s.word(k + 1) == "علي" and ali_named_by(s.word(k + 2)):
        prep = ""  # "وأكد علي الغامدي أن": the name Ali, not the verb's own "على"
    j = k + 2 if said_so else k + 1
    source: SourceRef | None = None
    via_told: tuple[int, int] | None = None
    if j < s.hi and s.word(j) in _prep_pronouns():
        j += 1  # "طالب خلاله المجلس التنظيم بـ": a setting before the subject
    if j < s.hi and s.word(j) in ("لي", "لنا") and not _named(subjects, s.toks[j].start):
        j += 1  # "قال لي صديق إن …", "قال لنا:": the one told, not the one telling
    elif j < s.hi and not participle and s.word(j)[:1] == "ل" and not _named(subjects, s.toks[j].start):
        # "وأكد لـ«عكاظ» وكيل الوزارة أن …": the audience may come before the subject.
        heard = audience_at(s, j, agencies)
        w = s.word(j)
        told = heard is not None and (
            w == "ل" or w.startswith("لل") or heard[1] is not None or strip_clitic(w) in titles()
        )
        if (
            heard is not None
            and heard[0] < s.hi
            and (
                told
                or (
                    WORD.fullmatch(s.word(heard[0]))
                    and not s.is_complementiser(heard[0])
                    and not s.blocked(heard[0])
                    and s.word(heard[0]) not in stopwords()
                    and s.phrase_at(heard[0]) is None
                )
            )
        ):
            j = heard[0]
            via_told = heard[1]
    elif j < s.hi and not participle and s.word(j) in QUOTE_MARKS:
        # "وأبلغت «عكاظ» مصادر مطلعة أن …": a quoted name told, and its teller after it; with
        # nothing but a complementiser after it ("قالت «الحياة» إن") the name is who speaks.
        q = s.quote_opening_at(j)
        if q is not None and q.close_at is not None and 0 < len(s.norm[q.start : q.end].split()) <= 3:
            nxt_tok = token_after(s, q.outer_end)
            if (
                nxt_tok < s.hi
                and WORD.fullmatch(s.word(nxt_tok))
                and not s.is_complementiser(nxt_tok)
                and not s.blocked(nxt_tok)
                and s.word(nxt_tok) not in stopwords()
                and s.phrase_at(nxt_tok) is None
            ):
                j = nxt_tok
            elif nxt_tok < s.hi and (
                s.is_complementiser(nxt_tok) or s.phrase_at(nxt_tok) is not None or s.word(nxt_tok) in SETTING_PREPS
            ):
                source, j = SourceRef(q.start, q.end), nxt_tok  # "وقالت «الحياة» إن …"
    # Subject first before a verb whose object is what was said ("الحكومة أعلنت تفكيك خلية",
    # "لكن الكتلة طلبت التعجيل"): the noun phrase after the verb is the object.
    # After a relative pronoun a definite noun or a name after the verb is its subject ("الهجوم الذي
    # أعلن التنظيم مسؤوليته عنه"); an indefinite one is its object ("الذي أكد وقوف بلاده").
    if (
        not participle
        and form.lemma in object_content_lemmas()
        and j < s.hi
        and not s.is_complementiser(j)
        and not (
            s.word(k - 1) in ("الذي", "التي", "الذين")
            and (s.word(j).startswith(("ال", "وال")) or _name_at(subjects, s.toks[j].start))
        )
    ):
        subj = subject_before(s, k)
        if subj is not None:
            source = SourceRef(*subj)
    if source is None and not participle and j < s.hi and (share := _share_subject(s, j)) is not None:
        # "وقال 63 % من الذين شملهم الاستطلاع إن …": a share of people speaks, not the speaker before.
        source, j = SourceRef(s.toks[j].start, s.toks[share - 1].end), share
    if (
        source is None
        and j == k + 1 < s.hi
        and s.word(j)[:1] == "و"
        and any(f.pos == "noun" for f in lookup(s.word(j)))
    ):
        return k + 1  # "من إدانة واستنكار لهذا الحادث": two verbal nouns joined (or "أدانه"), no one named
    # Verb first: the noun phrase after the verb is its subject. A verb that carries its subject
    # as a suffix ("أكدوا لنا براءته", "قالا") agrees with no noun after it: that is its object.
    if (
        source is None
        and not participle
        and j < s.hi
        and not s.is_complementiser(j)
        and not (form.pos == "verb" and form.number in ("p", "d"))
    ):
        if s.word(j) in ("هولاء", "هؤلاء"):
            # "وقد أكد هؤلاء أن …": the demonstrative alone, or with its noun, is who speaks.
            e = max(np_end(s.toks, j + 1, s.hi, s.blocked, limit=6), j + 1)
        else:
            e = np_end(s.toks, j, s.hi, s.blocked, limit=12)
        e = cut_after_name(s, j, e, subjects)
        if (
            form.lemma in object_content_lemmas()
            and marker_ahead(s, e, min(s.hi, e + 20)) is None
            # "أعلن المهاجم الدولي نايف هزازي، عن اختراق حسابه": the comma closes the subject
            and not (e + 1 < s.hi and s.word(e) in ("،", ",") and s.word(e + 1) == "عن")
        ):
            e = cut_before_object(s, j, e, subjects)
        if prep or form.lemma in object_content_lemmas():
            e = _cut_at_object(s, j, e, subjects)  # ("ورفضت المتحدثة الكشف عن …": the object starts at الكشف)
        e = extend_speaker(s, j, e, prep)
        if e > j and prep and len(prep) == 1:
            # "أشاد زعيم … بتحالف": the verb's own preposition ends the subject.
            for m in range(j + 1, e):
                if s.word(m).startswith(prep) and len(s.word(m)) > 2 and not _name_at(subjects, s.toks[m].start):
                    e = m  # (a name that starts with the letter, "باراك أوباما", is no preposition)
                    break
        starts_with_prep = bool(prep) and (
            s.word(j) == prep or (len(prep) == 1 and s.word(j).startswith(prep) and len(s.word(j)) > 2)
        )
        if e > j and not starts_with_prep:
            # An audience or outlet ("لوكالة الصحافة", "للمحققين" at the end) is not the source.
            for m in range(j + 1, e):
                if _outlet_word(s.word(m)) and not _affiliation(s, m):
                    e = m
                    break
            while e - 1 > j and (s.word(e - 1).startswith("لل") or _outlet_word(s.word(e - 1))):
                e -= 1  # "للمحققين" at the end is the audience
            if not _cannot_speak(s, j) and not _disagrees(s, j, form, subjects):
                source = SourceRef(s.toks[j].start, s.toks[e - 1].end)
                j = e
            elif not (_cannot_speak(s, j) and form.lemma in object_content_lemmas()):
                j = e
            # else "وأكدت أهمية القطاع": the object a verb of that kind states is what was said
    object_verb = participle or form.lemma in object_content_lemmas()
    # A reading found only by removing a pronoun ("تابعة" read as "تابعه") is a guess: it needs
    # a complementiser or a colon, as ambiguous forms do.
    ambiguous = guess
    relayed = relayed_speaker(s, j, form, source)
    if relayed is not None:
        # "ونقلت وكالة رويترز عن مسؤول قوله إن …": the agency relays, the official speaks.
        assert source is not None and source.start is not None and source.end is not None
        via_first = (source.start, source.end)
        source, j = SourceRef(*relayed[0]), relayed[1]
    else:
        via_first = None
    start_tok, via, marker = skip_to_content(s, j, form, object_verb and (not ambiguous or opens_with_prep), agencies)
    if source is not None and source.start is not None and source.end is not None:
        # "ذكرت صحيفة X نقلا عن مصادر مطلعة أن …": the paper relays, the sources speak.
        for m in range(j, start_tok - 1):
            if s.word(m) in ("نقلا", "ونقلا") and s.word(m + 1) == "عن" and m + 2 < s.hi:
                spoke = next((v for v in via if v[0] == s.toks[m + 2].start), None)
                if spoke is not None:
                    via = [(source.start, source.end), *(v for v in via if v != spoke)]
                    source = SourceRef(*spoke)
                break
    if via_first is not None:
        via = [via_first, *via]
    if via_told is not None:
        via = [via_told, *via]
    if (
        ambiguous
        and not said_so
        and not (opens_with_prep and marker in ("prep", "object"))
        and (marker not in ("compl", "colon") or start_tok - j > 3)
    ):
        return k + 1  # an ambiguous word is a cue only when "أن" or a colon follows it closely
    if not marker and not participle:
        before = quote_before(s, k)
        if before is not None:
            # '"…"، قال الوزير' — the quotation before the cue is what was said.
            if source is None:
                source = antecedent(state, form.gender)
            if source is not None:
                state.out.append(
                    AttrMatch(cue, (before.start, before.end), source, "direct", form.stance, tuple(via), form.gender)
                )
                return max(j, k + 1)
    if not marker or start_tok >= s.hi:
        return k + 1
    if source is None and not participle:
        subj = subject_before(s, k)
        if subj is not None:
            source = SourceRef(*subj)
    if form.lemma in document_only_lemmas() and not _document(s, source):
        return k + 1  # "أظهرت صور أن …": evidence, not a document that speaks
    if source is None and marker not in ("colon", "quote") and s.inside_content(cue_tok.start):
        return k + 1  # "رجلا هدد بقتل…": an act told inside someone's words, not a statement
    if source is None:
        if participle:
            # The participle's subject is the speaker of this sentence, else its subject.
            here = [
                i
                for i, a in enumerate(state.out)
                if a.content[0] >= s.sent.start or (a.cue is not None and a.cue[0] >= s.sent.start)
            ]
            subj_span = subject_of_sentence(subjects, s, cue_tok.start)
            # A subject named at the head of the sentence ("وكانت السعودية … متهمة الدوحة")
            # owns the participle; otherwise it goes on with the speaker just quoted.
            opening = (
                subj_span is not None
                and subj_span not in s.places
                and (subj_span[0] <= s.toks[min(s.lo + 2, s.hi - 1)].start or _main_subject(s, subj_span, k))
            )
            last = state.out[here[-1]] if here else None
            if last is not None and last.according and not last.content[0] <= cue_tok.start < last.content[1]:
                # "وفقا لوكالة X بعث الممثل …، طالبا …": the participle goes on with the clause the
                # phrase reported, whose subject is its first name, not with the relay.
                i = bisect_left(subjects, (last.content[0],))
                if i < len(subjects) and subjects[i][0] < cue_tok.start:
                    source = SourceRef(subject=subjects[i])
            if source is not None:
                pass
            elif here:
                source = SourceRef(antecedent=here[-1])
            elif not opening and state.out and s.sent.start - state.out[-1].content[1] < 400:
                source = antecedent(state, "")
            else:
                source = SourceRef(subject=subj_span) if subj_span else None
        if source is None:
            if not participle and not _may_drop_subject(s, k):
                return k + 1  # "… من الدول تشير إلى أن": a subject we could not read, not a continuation
            source = antecedent(state, form.gender)
        if source is None:
            return k + 1
    c_start_pos = s.toks[start_tok].start
    quote = s.quote_opening_at(start_tok)
    if quote is not None and marker in ("quote", "colon", "compl"):
        after = s.norm[quote.outer_end : s.sent.end].strip(CONTENT_TRIM)
        c_end = quote.outer_end if not after or quote.close_at is None else content_end(s, start_tok, False)
    else:
        c_end = content_end(s, start_tok, marker == "prep")
    if k - 2 >= s.lo and s.word(k - 1) in ("الذي", "التي", "الذين") and s.word(k - 2) in ("،", ","):
        # "الرئيس، الذي أكد وقوف بلاده بجانب قطر، العاصمة": the relative clause closes at its comma.
        comma = s.norm.find("،", c_start_pos, c_end)
        if comma < 0:
            comma = s.norm.find(",", c_start_pos, c_end)
        c_end = comma if comma > c_start_pos else c_end
    c_start, c_end = trim_content(s.norm, c_start_pos, c_end)
    c_start, c_end = strip_quote(s, c_start, c_end)
    if (
        c_end - c_start < 2
        or any(a <= c_start and c_end <= b for a, b in s.blocked_spans)
        or s.norm[c_start:c_end] in stopwords()
    ):
        return k + 1  # nothing but a time ("حذرت أمس") is no content
    if form.stance == "estimate" and marker in ("prep", "object") and NUMBERISH.match(s.norm, c_start):
        return k + 1  # "وتقدر الاعتمادات بـ 5 ملايين": a measure, not an estimate someone made
    state.out.append(
        AttrMatch(cue, (c_start, c_end), source, content_kind(s, c_start, c_end), form.stance, tuple(via), form.gender)
    )
    return max(start_tok, k + 1)


_PERCENT = frozenset({"%", "٪", "بالمئه", "بالمائه"})
_WHO = frozenset({"الذين", "اللذين", "اللواتي", "اللاتي"})


def _share_subject(s: Sent, j: int) -> int | None:
    """The end of a subject that is a share of people ("52 % من المشاركين", "63 في المئة من الذين
    شملهم الاستطلاع") starting at token j, or None."""
    m = j
    if not s.word(m).isdigit():
        return None
    m += 1
    if m + 1 < s.hi and s.word(m) in (".", ",", "٫", "،") and s.word(m + 1).isdigit():
        m += 2  # "12.4 %"
    if m < s.hi and s.word(m) in _PERCENT:
        m += 1
    elif m + 1 < s.hi and s.word(m) == "في" and s.word(m + 1) in ("المئه", "المائه"):
        m += 2
    else:
        return None
    if m + 1 >= s.hi or s.word(m) != "من":
        return None
    if s.word(m + 1) in _WHO:
        # "من الذين شملهم الاستطلاع": the relative clause runs to what they said.
        for e in range(m + 2, min(s.hi, m + 8)):
            if s.is_complementiser(e):
                return e if e > m + 2 else None
        return None
    e = np_end(s.toks, m + 1, s.hi, s.blocked, limit=8)
    return e if e > m + 1 else None


def _own_words_at(s: Sent, ph: Phrase) -> str | None:
    """The gender of the speaker in "حسب تعبيره", "على حد قولها" (None when the phrase names someone)."""
    if ph.clitic or ph.end_tok >= s.hi:
        return None
    return own_report_nouns().get(s.word(ph.end_tok))


def _after_setting(s: Sent, k: int) -> int:
    """The sentence start, past a fronted setting closed by a comma ("وفي صنعاء التي شهدت
    هدوءا أمس، قام مسلحون …"): the setting is the narrator's frame, not what was said."""
    first = s.word(s.lo)
    if first in SETTING_PREPS or (first[:1] in "وف" and first[1:] in SETTING_PREPS):
        for c in range(s.lo + 1, min(k, s.lo + 12)):
            if s.word(c) in ("،", ","):
                return c + 1
    return s.lo


def _clause_start(s: Sent, k: int) -> int:
    """Token where the clause holding token k starts: after the last comma before it that is not
    the one opening a parenthesis right before k ("أدت، حسب مراقبين، إلى"); else the sentence
    start past a fronted setting."""
    m = k - 1
    while m >= s.lo and s.word(m) in ("،", ","):
        m -= 1  # the comma right before the phrase opens a parenthesis
    while m >= s.lo and s.word(m) not in ("،", ",", "؛", ";", ":"):
        m -= 1
    return m + 1 if m >= s.lo else _after_setting(s, k)


def _trailing(s: Sent, e: int) -> bool:
    """Nothing but punctuation, a time or an adverb after token e: the phrase closes its clause."""
    for m in range(e, s.hi):
        w = s.word(m)
        if WORD.fullmatch(w) and not s.in_time(m) and w not in adverbs():
            return w in ("،", ",")
    return True


def _according_to(s: Sent, k: int, ph: Phrase, state: State) -> int:
    """ "بحسب X" with no verb of its own: X is the source of the clause it qualifies.

    At the head of a sentence the rest is the content; closing a clause ("…، حسب رويترز") it
    is the clause before it; in the middle ("باتت بحسب مصادر عسكرية تحت سيطرة …") the clause
    around it. "حسب تعبيره" names the speaker in force by its pronoun.
    """
    via_of: list[tuple[int, int]] = []
    own = _own_words_at(s, ph)
    if own is not None:
        e, found = ph.end_tok + 1, None
    elif ph.end_tok == k + 2 and s.word(k + 1) == "حد":
        return k + 1  # "على حد" speaks only with a pronoun ("على حد تعبيره"); "على حد سواء" is "equally"
    else:
        e, found = relay_np(s, ph, limit=6)
        if found is None or ph.end_tok >= s.hi:
            return k + 1
        if k != s.lo and _manner_head(s.norm[found[0] : found[1]]):
            return k + 1  # "لتنفيذه وفق المخططات المعتمدة": to the plans, not said by them
    if ph.clitic:
        cue = (s.toks[k].start, s.toks[ph.end_tok].start + ph.clitic)
    else:
        # The relay verb belongs to the cue: "حسبما ذكرت", "بحسب ما أفادت".
        last = relay_verbs_end(s, ph) - 1
        while last >= ph.end_tok and not s.cue(last):
            last -= 1
        cue = (s.toks[k].start, s.toks[max(last, ph.end_tok - 1)].end)
    if s.word(k).startswith(("و", "ف")) and s.word(k) not in ("وفق", "وفقا"):
        cue = (cue[0] + 1, cue[1])
    if own is not None:
        ante = antecedent(state, {"m": "m", "f": "f"}.get(own, ""))
        if ante is None or k == s.lo or any(a.cue is not None and a.cue[0] >= s.sent.start for a in state.out):
            return e  # "وقال إنه … حسب تعبيره" only marks the words already attributed
        source = ante
    else:
        assert found is not None
        source = SourceRef(*found)
        if not ph.clitic and e + 1 < s.hi and s.word(e) == "عن" and relay_verbs_end(s, ph) > ph.end_tok:
            # "بحسب ما نقلت وكالة رويترز عن مسؤول محلي": the agency relays, the official speaks.
            f = extend_speaker(s, e + 1, np_end(s.toks, e + 1, s.hi, s.in_time, limit=6))
            if f > e + 1:
                via_of = [found]
                source, e = SourceRef(s.toks[e + 1].start, s.toks[f - 1].end), f
        elif e + 2 < s.hi and s.word(e) in ("نقلا", "ونقلا") and s.word(e + 1) == "عن":
            # "حسبما ذكرت صحيفة «الأيام» نقلا عن مصادر أمنية": the paper relays the sources.
            f = extend_speaker(s, e + 2, np_end(s.toks, e + 2, s.hi, s.in_time, limit=6))
            if f > e + 2:
                via_of = [found]
                source, e = SourceRef(s.toks[e + 2].start, s.toks[f - 1].end), f
    # After a quotation: "«…»، حسبما ذكرت X" — the quotation is the content.
    prev = k - 1
    while prev >= s.lo and s.word(prev) in ("،", ",", "-"):
        prev -= 1
    if prev >= s.lo and s.word(prev) in QUOTE_MARKS:
        q = next((q for q in s.quotes if q.close_at == s.toks[prev].start), None)
        if q is not None:
            content = (q.start, q.end)
            state.out.append(AttrMatch(cue, content, source, "direct", "assert", tuple(via_of), according=True))
            return e
    if k == s.lo:
        # At the head of the sentence: "وبحسب الوزارة، فإن …" — the rest is the content.
        j = e
        while j < s.hi and (s.word(j) in ("،", ",", ":") or s.is_complementiser(j)):
            j += 1
        if j >= s.hi:
            return e
        c = trim_content(s.norm, s.toks[j].start, content_end(s, j, False))
    elif _trailing(s, e):
        # Closing its sentence, the phrase covers all of it: "قتل 14 جنديا …، حيث …، كما أعلنت X".
        c = trim_content(s.norm, s.toks[_after_setting(s, k)].start, s.toks[k].start)
    else:
        c = trim_content(s.norm, s.toks[_clause_start(s, k)].start, content_end(s, k, False))
    if c[1] - c[0] < 2:
        return e
    state.out.append(AttrMatch(cue, c, source, content_kind(s, *c), "assert", tuple(via_of), according=True))
    return e


def _with_via(a: AttrMatch, norm: str, relay: tuple[int, int]) -> AttrMatch:
    """`a` relayed by `relay` too, unless a relay it has already names the same outlet
    ("وحسب فرانس برس، قالت … لوكالة فرانس برس")."""
    said = norm[relay[0] : relay[1]]
    for v in a.via:
        have = norm[v[0] : v[1]]
        if said in have or have in said:
            return a
    return replace(a, via=(*a.via, relay))


def _relay_of_the_sentence(s: Sent, state: State, head: int) -> None:
    """ "وحسب رويترز، قالت الشركة إن …", "وفقا لوكالة X بعث الممثل … طالبا …": what the phrase
    opening the sentence covers reached the article through it, so every cue inside takes it as
    a relay; when its clause is a cue's own, the phrase is that cue's relay and no claim of its own."""
    a = state.out[head]
    if a.source.start is None or a.source.end is None:
        return
    relay = (a.source.start, a.source.end)
    inner = [
        (i, cue)
        for i in range(head + 1, len(state.out))
        if (cue := state.out[i].cue) is not None and a.content[0] <= cue[0] < s.sent.end
    ]
    for i, _ in inner:
        state.out[i] = _with_via(state.out[i], s.norm, relay)
    if inner and inner[0][1][0] - a.content[0] <= 1:
        del state.out[head]


_ASKED = frozenset(("سؤال", "اسئله", "سؤالا"))


def _outlet_asked(s: Sent, state: State, before: int, agencies: Sequence[tuple[int, int]]) -> None:
    """ "وردا على أسئلة وكالة فرانس برس، قال مسؤول …", "وفي تصريح لصحيفة «الأيام»، أكد …": an
    outlet named in the setting before the first cue carried what follows."""
    a = state.out[before]
    if a.cue is None:
        return
    end = bisect_left(s.toks, a.cue[0], s.lo, s.hi, key=_START)
    if end - s.lo < 3 or s.word(end - 1) not in ("،", ","):
        return
    for m in range(s.lo, end - 1):
        relay = None
        if s.word(m) in _ASKED and m + 1 < end:
            e = extend_speaker(s, m + 1, np_end(s.toks, m + 1, end, s.blocked, limit=6))
            head = strip_clitic(s.word(m + 1))
            if e > m + 1 and (head in media_heads() or any(x <= s.toks[m + 1].start < y for x, y in agencies)):
                relay = (s.toks[m + 1].start, s.toks[e - 1].end)
        elif s.word(m)[:1] == "ل":
            heard = audience_at(s, m, agencies)
            relay = heard[1] if heard is not None else None
        if relay is not None:
            state.out[before] = _with_via(a, s.norm, relay)
            return


def _scan_sentence(
    s: Sent,
    state: State,
    subjects: Sequence[tuple[int, int]],
    agencies: Sequence[tuple[int, int]],
    candidates: Sequence[int],
) -> None:
    """Every cue of one sentence, in order; `candidates` are the article's possible cue tokens."""
    before = len(state.out)
    head: int | None = None  # the attribution an "according to" phrase opening the sentence made
    i = bisect_left(candidates, s.lo)
    k = s.lo
    while i < len(candidates) and candidates[i] < s.hi:
        if candidates[i] < k:
            i += 1
            continue
        k = candidates[i]
        forms = s.cue(k)
        if forms:
            n = len(state.out)
            nxt = _verb_attribution(s, k, forms, state, subjects, agencies)
            if len(state.out) == n and first_person_readings(s.word(k)):
                nxt = max(nxt, _first_person(s, k, state))  # "وأعتقد أن" read as "and he believed"
            k = nxt
            continue
        if first_person_readings(s.word(k)):
            k = _first_person(s, k, state)
            continue
        ph = s.phrase_at(k)
        if ph is not None and ph.kind == "according_to" and not s.inside_content(s.toks[k].start):
            if k == s.lo:
                head = len(state.out)
            k = _according_to(s, k, ph, state)
            continue
        k += 1
    if head is not None and head < len(state.out):
        _relay_of_the_sentence(s, state, head)
    if len(state.out) > before:
        _outlet_asked(s, state, before, agencies)
    if len(state.out) > before or not state.out:
        return
    # A quotation standing alone continues the last speaker.
    q = s.quote_opening_at(s.lo)
    if q is None or q.end - q.start < 15:
        return
    rest = s.norm[q.outer_end : s.sent.end].strip(CONTENT_TRIM)
    if rest:
        return
    last = state.out[-1]
    if s.sent.start - last.content[1] > 1500:
        return
    if (
        last.kind in ("direct", "mixed")
        and not s.norm[last.content[1] : q.open_at].strip(" .\n،,…")
        and any(x.close_at is None and x.start <= last.content[1] <= x.end for x in s.quotes)
    ):
        # A quotation left open at the end of a paragraph goes on in the next one, which opens
        # with a quotation mark again: one quotation under one cue.
        state.out[-1] = replace(last, content=(last.content[0], q.end))
        return
    state.out.append(AttrMatch(None, (q.start, q.end), SourceRef(antecedent=len(state.out) - 1), "direct", "assert"))
