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

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from rawi.extract.np import adverbs, np_end, stopwords, strip_clitic
from rawi.lexicon import load_tsv
from rawi.lexicon.cues import CueForm, cue_forms, lookup, phrases
from rawi.text.segment import Quote, Segmentation, Sentence, Token
from rawi.text.wordfilter import WordFilter

_WORD = re.compile(r"[^\W\d_]+")
_NUMBERISH = re.compile(r"(?:ب\s*)?(?:\d|(?:ب)?(?:اكثر|حوالي|نحو|قرابه)\b)")
_QUOTE_MARKS = set("\"«»“”„‟‹›'")
_CONTENT_TRIM = " \t\n.,،;؛:!?؟-–—…"


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


@dataclass
class _State:
    """What the scan of one article has seen so far."""

    out: list[AttrMatch] = field(default_factory=list)
    used_cues: set[int] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class _Phrase:
    end_tok: int  # index of the first token after the phrase
    kind: str
    clitic: int = 0  # characters of end_tok that still belong to the phrase ("ل" of "وفقا للبيان")


PhraseIndex = dict[str, dict[str, list[tuple[tuple[str, ...], str]]]]


@cache
def _phrases() -> PhraseIndex:
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
def _phrase_heads() -> frozenset[str]:
    return frozenset(_phrases())


@cache
def _cue_words() -> WordFilter:
    heads = _phrase_heads()
    return WordFilter(lambda w: bool(_cue_readings(w)) or w in heads or strip_clitic(w) in heads)


class _Sent:
    """One sentence's tokens with the lookups the rules need."""

    def __init__(self, norm: str, sent: Sentence, tokens: Sequence[Token], lo: int, hi: int,
                 quotes: Sequence[Quote], blocked_spans: Sequence[tuple[int, int]], state: _State,
                 marks: Sequence[int]) -> None:
        self.state = state
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
        return _cue_readings(self.toks[k].text)

    def in_time(self, k: int) -> bool:
        t = self.toks[k]
        spans = self.blocked_spans
        i = bisect_left(spans, (t.start + 1,)) - 1
        return i >= 0 and spans[i][0] <= t.start < spans[i][1]

    def blocked(self, k: int) -> bool:
        return bool(self.cue(k)) or self.in_time(k)

    def phrase_at(self, k: int) -> _Phrase | None:
        w = self.toks[k].text
        heads = _phrase_heads()
        if w not in heads and (w[:1] not in "وف" or strip_clitic(w) not in heads):
            return None
        nxt = self.toks[k + 1].text if k + 1 < self.hi else ""
        for key in (w, strip_clitic(w)) if w[:1] in "وف" else (w,):
            by_second = _phrases().get(key)
            if not by_second:
                continue
            for words, kind in (*by_second.get(nxt, ()), *by_second.get("", ())):
                n = len(words)
                if k + n <= self.hi and all(self.toks[k + m].text == words[m] for m in range(1, n)):
                    return _Phrase(k + n, kind)
                # "وفقا لـ" is mostly written onto its noun: "وفقا للبيان", "طبقا لمصادر".
                last = words[-1]
                if n > 1 and len(last) == 1 and last in "لب" and k + n <= self.hi \
                        and all(self.toks[k + m].text == words[m] for m in range(1, n - 1)):
                    glued = self.toks[k + n - 1].text
                    if glued.startswith(last) and len(glued) > 2:
                        return _Phrase(k + n - 1, kind, 0 if glued.startswith("لل") else 1)
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
        return self.toks[k].text in _complementisers()


@lru_cache(maxsize=65536)
def _cue_readings(word: str) -> tuple[CueForm, ...]:
    """Third-person, active readings of a token as a verb or participle cue."""
    prefixes = _cue_prefixes()
    if word[:3] not in prefixes and (word[:1] not in "وف" or word[1:4] not in prefixes):
        return ()  # no cue form starts like this: skip the costlier lookup
    if not _WORD.fullmatch(word):
        return ()
    bare = word[1:] if word[:1] in "وف" and len(word) > 3 else word
    if bare in _impersonal():
        return ()
    return tuple(f for f in lookup(word) if f.person == 3 and not f.passive and f.pos != "noun")


@cache
def _cue_prefixes() -> frozenset[str]:
    return frozenset(form[:3] for form in cue_forms())


@cache
def _impersonal() -> frozenset[str]:
    return frozenset(r["form"] for r in load_tsv("cue_impersonal", ("form",)))


@cache
def _object_content_lemmas() -> frozenset[str]:
    return frozenset(r["lemma"] for r in load_tsv("cue_object_content", ("lemma",)))


_COMPL: list[frozenset[str]] = []


def _complementisers() -> frozenset[str]:
    if not _COMPL:
        _COMPL.append(frozenset(p.phrase for p in phrases().get("complementiser", ())))
    return _COMPL[0]


def _sentence_tokens(tokens: Sequence[Token], starts: Sequence[int], sent: Sentence) -> tuple[int, int]:
    return bisect_left(starts, sent.start), bisect_left(starts, sent.end)


def extract_attributions(norm: str, seg: Segmentation,
                         blocked_spans: Sequence[tuple[int, int]],
                         subjects: Sequence[tuple[int, int]] = (),
                         agencies: Sequence[tuple[int, int]] = ()) -> list[AttrMatch]:
    """All attributions of one article, in text order.

    `blocked_spans` are folded spans no source may cross (time expressions);
    `subjects` are entity mention spans, used to find who a participle's clause is about;
    `agencies` are spans of news agencies, which relay the words they are told.
    """
    tokens = seg.tokens
    starts = [t.start for t in tokens]
    state = _State()
    spans = sorted(blocked_spans)
    # Decide once per distinct word, then pick tokens by set membership: most words are no cue.
    cue_words = _cue_words().select(seg.words)
    candidates = [k for k, t in enumerate(tokens) if t.text in cue_words]
    mark_words = cue_words | _CONTENT_BREAKS
    marks = [k for k, t in enumerate(tokens) if t.text in mark_words]
    for sent in seg.sentences:
        if sent.headline:
            continue
        if sent.end < len(norm) and norm[sent.end] in "؟?":
            continue  # questions are not claims
        lo, hi = _sentence_tokens(tokens, starts, sent)
        if lo >= hi:
            continue
        s = _Sent(norm, sent, tokens, lo, hi, seg.quotes, spans, state, marks)
        _scan_sentence(s, state, subjects, agencies, candidates)
    return state.out


def _kind(s: _Sent, start: int, end: int) -> str:
    """direct when the content is one quotation, mixed when it holds one, else indirect."""
    for q in s.quotes:
        if q.start <= start and end <= q.end:
            return "direct"
    for q in s.quotes:
        if start <= q.open_at < end or start < q.end <= end:
            return "mixed"
    return "indirect"


def _trim(norm: str, start: int, end: int) -> tuple[int, int]:
    while start < end and norm[start] in _CONTENT_TRIM:
        start += 1
    while end > start and norm[end - 1] in _CONTENT_TRIM:
        end -= 1
    return start, end


def _strip_quote(s: _Sent, start: int, end: int) -> tuple[int, int]:
    """A content that is exactly one quotation loses its marks."""
    for q in s.quotes:
        if q.open_at == start and q.close_at is not None and q.close_at + 1 >= end:
            return q.start, q.end
        if q.open_at == start and q.close_at is None:
            return q.start, min(end, q.end)
    return start, end


_RELAY_LEMMAS = frozenset(("نقل", "اورد", "روي"))


def _relayed_speaker(s: _Sent, j: int, form: CueForm, source: SourceRef | None) -> tuple[tuple[int, int], int] | None:
    """For "نقل X عن Y قوله": Y's span and the token after it, when the pattern holds."""
    if form.lemma not in _RELAY_LEMMAS or source is None or j >= s.hi or s.word(j) != "عن":
        return None
    e = np_end(s.toks, j + 1, s.hi, s.blocked, limit=10)
    if e <= j + 1:
        return None
    nxt = s.word(e) if e < s.hi else ""
    if nxt in ("قوله", "قولها", "قولهم", ":") or (e < s.hi and s.is_complementiser(e)):
        return (s.toks[j + 1].start, s.toks[e - 1].end), (e + 1 if nxt.startswith("قول") else e)
    return None


def _opens_clause(s: _Sent, j: int) -> bool:
    """A participle opens a continuation after a comma or before its own content marker
    ("، مضيفا أن", "قائلا:"); "كان الهجوم متوقعا." is only an adjective."""
    if j > s.lo and s.word(j - 1) in ("،", ",", "-"):
        return True
    for m in range(j + 1, min(s.hi, j + 3)):
        if s.is_complementiser(m) or s.word(m) in (":", "الي", "علي", "ان") or s.word(m) in _QUOTE_MARKS:
            return True
    return False


def _continues_speaker(s: _Sent, k: int) -> bool:
    """A و/ف-verb with no subject of its own ("وأضاف أن") opens a new attribution
    of the same speaker, so it ends the content before it."""
    w = s.word(k)
    if w[0] not in "وف" or not s.cue(k):
        return False
    nxt = k + 1
    return nxt < s.hi and (s.is_complementiser(nxt) or s.word(nxt) in (":", "،", ",")
                           or s.word(nxt) in _QUOTE_MARKS)


def _content_end(s: _Sent, k: int, prep_content: bool) -> int:
    """Folded offset where a content that starts at token k ends."""
    quotes_closed = [(q.open_at, q.outer_end) for q in s.quotes
                     if q.open_at < s.sent.end and q.outer_end > s.toks[k].start]
    marks = s.marks
    for j in marks[bisect_left(marks, k + 1):bisect_left(marks, s.hi)]:
        pos = s.toks[j].start
        if any(a < pos < b for a, b in quotes_closed):
            continue
        w = s.word(j)
        forms = s.cue(j)
        if forms and any(f.pos == "participle" for f in forms) and _opens_clause(s, j):
            return s.toks[j].start
        if _continues_speaker(s, j):
            return s.toks[j].start
        if prep_content and w in ("الا", "لكن", "ولكن", "غير") and j + 1 < s.hi:
            return pos  # "متعهدا بقيادة … إلا أنه يواجه …": the contrast is the narrator's
        if w in ("،", ",") and j + 1 < s.hi:
            ph = s.phrase_at(j + 1)
            if ph is not None and ph.kind == "according_to":
                return pos  # "…، حسبما ذكرت X": the phrase belongs to the cue, not the content
            if prep_content and not s.word(j + 1).startswith("و"):
                return pos
    return s.sent.end


# Words between a relay verb and its source: "بحسب ما نقلت عنه", "وفق ما صرح به".
_RELAY_FILLERS = frozenset(("عنه", "عنها", "عنهم", "ما", "به", "بها", "له", "لها"))
# Words where a content may end (besides cues): commas and the narrator's contrasts.
_CONTENT_BREAKS = frozenset(("،", ",", "الا", "لكن", "ولكن", "غير"))
# Prepositions that open a setting between a verb and its content: "في بيان",
# "خلال مؤتمر صحفي", "أمام البرلمان", "لدى الجامعة".
_SETTING_PREPS = frozenset(("في", "خلال", "امام", "عبر", "لدي", "ضمن", "اثناء", "عقب", "بعد", "قبل", "مع",
                            "علي", "من"))


def _relay_verbs_end(s: _Sent, ph: _Phrase) -> int:
    """Index past the relay verbs of "بحسب ما نقلت عنه", "حسبما ذكرت"."""
    m = ph.end_tok
    while m < s.hi and not ph.clitic and (s.cue(m) or s.word(m) in _RELAY_FILLERS):
        m += 1
    return m


def _relay_np(s: _Sent, ph: _Phrase, limit: int = 8) -> tuple[int, tuple[int, int] | None]:
    """The noun phrase after an "according to" phrase, past relay verbs and pronouns."""
    m = ph.end_tok
    if ph.clitic:
        e = np_end(s.toks, m + 1, s.hi, s.in_time, limit=limit - 1) if m < s.hi else m
        return max(e, m + 1), (s.toks[m].start + ph.clitic, s.toks[max(e, m + 1) - 1].end)
    m = _relay_verbs_end(s, ph)
    e = np_end(s.toks, m, s.hi, s.in_time, limit=limit)
    return e, ((s.toks[m].start, s.toks[e - 1].end) if e > m else None)


def _quoted_name(s: _Sent, q: Quote) -> bool:
    """A short quotation in the middle of a clause names something: «رويترز», صحيفة "الحياة"."""
    if q.close_at is None or len(s.norm[q.start:q.end].split()) > 3:
        return False
    rest = s.norm[q.outer_end:s.sent.end].strip(_CONTENT_TRIM)
    return bool(rest) and not s.norm[q.outer_end:q.outer_end + 2].strip().startswith(("،", ",", ":"))


def _token_after(s: _Sent, pos: int) -> int:
    k = bisect_left([t.start for t in s.toks[s.lo:s.hi]], pos) + s.lo
    return min(k, s.hi)


def _quote_before(s: _Sent, k: int) -> Quote | None:
    """A closed quotation that ends just before token k, with only punctuation between."""
    m = k - 1
    while m >= s.lo and s.word(m) in ("،", ",", "-", "–"):
        m -= 1
    if m < s.lo or s.word(m) not in _QUOTE_MARKS:
        return None
    pos = s.toks[m].start
    q = next((q for q in s.quotes if q.close_at == pos), None)
    if q is None or len(s.norm[q.start:q.end].split()) < 3:
        return None
    return q


def _marker_ahead(s: _Sent, j: int, limit: int) -> tuple[int, str] | None:
    """A complementiser or a quotation a few words on, before any other clause's cue."""
    for m in range(j, limit):
        if s.is_complementiser(m):
            return m + 1, "compl"
        if s.word(m) in _QUOTE_MARKS and s.quote_opening_at(m) is not None:
            return m, "quote"
        if m > j and s.cue(m) and (s.word(m)[0] in "وف" or s.word(m - 1) in ("،", ",", ":")):
            return None
        if s.word(m) in (".", "؛", ";", ":"):
            return None
    return None


def _skip_to_content(s: _Sent, k: int, form: CueForm, object_verb: bool,
                     agencies: Sequence[tuple[int, int]]) -> tuple[int, list[tuple[int, int]], str]:
    """From token k (after the verb and its source), find where the content starts.

    Between a verb and its content stand settings ("في بيان", "خلال مؤتمر صحفي"),
    times, adverbs, appositions between commas, an audience or outlet ("لـ«رويترز»",
    a relay when it is a news agency) and relays ("بحسب ما نقلت عنه وكالة …").
    Returns (token index, relays met, the marker: 'compl', 'colon', 'quote',
    'prep', 'object', or '' when nothing marked a content).
    """
    via: list[tuple[int, int]] = []
    prep = form.prep
    j = k
    limit = min(s.hi, k + 24)
    while j < limit:
        w = s.word(j)
        if s.is_complementiser(j):
            return j + 1, via, "compl"
        if w == ":" and (not object_verb or j == k):
            return (j + 2 if j + 1 < s.hi and s.is_complementiser(j + 1) else j + 1), via, "colon"
        q = s.quote_opening_at(j) if w in _QUOTE_MARKS else None
        if q is not None:
            if not _quoted_name(s, q):
                return j, via, "quote"
            j = _token_after(s, q.outer_end)
            continue
        ph = s.phrase_at(j)
        if ph is not None and ph.kind == "according_to":
            e, span = _relay_np(s, ph)
            if span is not None:
                via.append(span)
            j = max(e, j + 1)
            continue
        if ph is not None and ph.kind == "nominal":
            # A setting: "في بيان", "في مؤتمر صحفي", "على هامش اجتماع …".
            j = max(np_end(s.toks, ph.end_tok, s.hi, s.blocked, limit=1 if object_verb else 6), ph.end_tok)
            continue
        if prep and (w == prep or (len(prep) == 1 and w.startswith(prep) and len(w) > 2)):
            if w == prep and j + 1 < s.hi and s.is_complementiser(j + 1):
                return j + 2, via, "compl"  # "أشار إلى أن …"
            if w != prep:
                # Many words start with ب: "أفاد مصدر بالحماية المدنية أنه …" has its content after أنه.
                ahead = _marker_ahead(s, j, min(s.hi, j + 6))
                if ahead is not None and ahead[1] == "compl":
                    return ahead[0], via, "compl"
            return (j + 1 if w == prep else j), via, "prep"
        if w in ("،", ",") or s.in_time(j) or w in adverbs():
            j += 1
            continue
        if w == "ل" or (w.startswith("ل") and not w.startswith("ال") and len(w) > 2):
            # An audience or an outlet: "لـ«رويترز»", "للمحققين", "لوكالة الأنباء".
            m = j + 1 if w == "ل" else j
            while m < s.hi and s.word(m) in _QUOTE_MARKS:
                m += 1
            e = max(np_end(s.toks, m, s.hi, s.blocked, limit=5), m + 1 if w == "ل" else j + 1)
            pos = s.toks[m].start if m < s.hi else s.toks[j].start
            if any(a <= pos < b for a, b in agencies):
                via.append((pos, s.toks[min(e, s.hi) - 1].end))
            while e < s.hi and s.word(e) in _QUOTE_MARKS and s.quote_opening_at(e) is None:
                e += 1
            j = e
            continue
        if w in _SETTING_PREPS and not (object_verb and w == "عن"):
            # "في بيانها أسماء المتهمين": after a verb whose object is its content the
            # setting is one word, or it would swallow the object.
            e = np_end(s.toks, j + 1, s.hi, s.blocked, limit=1 if object_verb else 6)
            j = max(e, j + 1)
            continue
        if w == "عن" and object_verb:
            return j + 1, via, "prep"  # "أعلن عن …", "كشف عن …", "أعرب عن …"
        if s.cue(j) and ((j > k and (w[0] in "وف" or s.word(j - 1) in ("،", ",", ":")))
                         or any(f.pos == "participle" for f in s.cue(j))):
            break  # another clause with its own cue: this verb had no content marker
        if object_verb and _WORD.fullmatch(w):
            e = np_end(s.toks, j, s.hi, s.blocked, limit=8)
            if e > j and e < s.hi and s.word(e) in ("،", ",") and j > k and s.word(j - 1) in ("،", ","):
                j = e + 1  # an apposition between commas: "…، وداوى سيدي هيبة، …"
                continue
            ahead = _marker_ahead(s, j, min(s.hi, j + 12))
            if ahead is not None:
                return ahead[0], via, ahead[1]
            return j, via, "object"
        j += 1
    return k, via, ""


def _cut_after_name(s: _Sent, j: int, e: int, names: Sequence[tuple[int, int]]) -> int:
    """A known name at the head of a phrase ends it before an indefinite word:
    "وأعلن تنظيم داعش مسؤوليته عنه" has the subject "تنظيم داعش", not "… مسؤوليته"."""
    i = bisect_left(names, (s.toks[j].start,))
    if i >= len(names) or names[i][0] != s.toks[j].start:
        return e
    end = names[i][1]
    for m in range(j + 1, e):
        if s.toks[m].start >= end:
            return m if not s.word(m).startswith(("ال", "وال")) else e
    return e


def _cut_before_object(s: _Sent, j: int, e: int, names: Sequence[tuple[int, int]]) -> int:
    """"أعلنت وزارة الصحة ارتفاع عدد الإصابات": when the object follows the subject directly, an
    indefinite word after a definite one starts the object, unless a known name or a title
    phrase covers it ("الرئيس الأمريكي باراك أوباما", "الناطق باسم الجيش")."""
    seen_definite = False
    for m in range(j, e):
        pos = s.toks[m].start
        i = bisect_left(names, (pos + 1,)) - 1
        if i >= 0 and names[i][0] <= pos < names[i][1]:
            seen_definite = True
            continue
        w = s.word(m)
        definite = w.startswith(("ال", "وال", "لل"))
        if seen_definite and not definite and m > j:
            return m
        seen_definite = seen_definite or definite
    return e


def _subject_before(s: _Sent, k: int) -> tuple[int, int] | None:
    """Subject-first clauses: "الهيئة أكدت أن", "الرئيس التركي، …، الذي أكد"."""
    j = k - 1
    relative = j >= s.lo and s.word(j) in ("الذي", "التي", "الذين")
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
        if not _WORD.fullmatch(w) or w in stop or s.blocked(start - 1) or w in _phrase_heads() \
                or strip_clitic(w) in _phrase_heads():
            break
        start -= 1
    if start >= end:
        return None
    if relative:
        # After "وزار": the phrase runs from the verb's object, not the clause start.
        while start < end and s.cue(start):
            start += 1
    else:
        # A clause-initial subject: the phrase must open its clause.
        before = s.word(start - 1) if start - 1 >= s.lo else ""
        if start > s.lo and before not in ("،", ",", ":", "«", "\"", "“") \
                and not s.is_complementiser(start - 1):
            return None
    if start >= end:
        return None
    first = s.word(start)
    if first in ("و", "ف") or (strip_clitic(first) != first and strip_clitic(first) in stop):
        return None
    st = s.toks[start].start
    if first[0] == "و" and len(first) > 3 and not first.startswith(("وزار", "وكال", "وحد")):
        st += 1  # the conjunction is not part of the subject
    return st, s.toks[end - 1].end


def _subject_of_sentence(subjects: Sequence[tuple[int, int]], s: _Sent,
                         before: int) -> tuple[int, int] | None:
    i = bisect_left(subjects, (s.sent.start,))
    if i < len(subjects) and subjects[i][0] < before:
        return subjects[i]
    return None


def _bare_form(word: str) -> bool:
    forms = cue_forms()
    return word in forms or (word[:1] in "وف" and word[1:] in forms)


def participle_form(form: CueForm) -> bool:
    return form.pos == "participle"


def _verb_attribution(s: _Sent, k: int, forms: tuple[CueForm, ...], state: _State,
                      subjects: Sequence[tuple[int, int]], agencies: Sequence[tuple[int, int]]) -> int:
    form = forms[0]
    cue_tok = s.toks[k]
    guess = any(f.ambiguous for f in forms) or not _bare_form(s.word(k))
    if guess and not any(s.is_complementiser(m) or s.word(m) == ":" for m in range(k + 1, min(s.hi, k + 16))):
        return k + 1  # an ambiguous word ("بين", "عبر") needs "أن" or a colon soon after it
    if k > s.lo and s.word(k - 1) in ("لم", "ولم", "لن", "ولن", "لا", "ولا", "ما"):
        return k + 1  # a negated report says nothing was said
    if k > s.lo and s.word(k - 1) in ("الذي", "التي", "الذين") and not _bare_form(s.word(k)):
        return k + 1  # "الإجراءات التي أقرتها الوزارة": the verb's object is the antecedent
    if k > s.lo and form.gender and form.gender != {"الذي": "m", "التي": "f"}.get(s.word(k - 1), form.gender) \
            and (k + 1 >= s.hi or not _WORD.fullmatch(s.word(k + 1)) or s.word(k + 1) in stopwords()):
        return k + 1  # "الشبكة التي أعلن عن كشفها": the antecedent is not who speaks
    if k + 2 < s.hi and s.word(k + 1) in ("ذلك", "هذا") and not participle_form(form):
        # "وأوضح ذلك المتحدث …": the demonstrative is what was said, the phrase after it the speaker.
        e = np_end(s.toks, k + 2, s.hi, s.blocked, limit=9)
        if e > k + 2:
            state.out.append(AttrMatch((cue_tok.start, cue_tok.end), (s.toks[k + 1].start, s.toks[k + 1].end),
                                       SourceRef(s.toks[k + 2].start, s.toks[e - 1].end), "indirect",
                                       form.stance, (), form.gender))
            return e
    cue = (cue_tok.start, cue_tok.end)
    participle = form.pos == "participle"
    prep = form.prep
    j = k + 1
    source: SourceRef | None = None
    # Verb first: the noun phrase after the verb is its subject.
    if not participle and j < s.hi and not s.is_complementiser(j):
        e = np_end(s.toks, j, s.hi, s.blocked, limit=12)
        e = _cut_after_name(s, j, e, subjects)
        if form.lemma in _object_content_lemmas() and _marker_ahead(s, e, min(s.hi, e + 12)) is None:
            e = _cut_before_object(s, j, e, subjects)
        if e > j and prep and len(prep) == 1:
            # "أشاد زعيم … بتحالف": the verb's own preposition ends the subject.
            for m in range(j + 1, e):
                if s.word(m).startswith(prep) and len(s.word(m)) > 2:
                    e = m
                    break
        starts_with_prep = bool(prep) and (s.word(j) == prep or (len(prep) == 1 and s.word(j).startswith(prep)
                                                                 and len(s.word(j)) > 2))
        if e > j and not starts_with_prep:
            # An audience or outlet ("لوكالة الصحافة", "للمحققين" at the end) is not the source.
            for m in range(j + 1, e):
                w = s.word(m)
                if w.startswith("ل") and not w.startswith(("ال", "لل")) and len(w) > 2:
                    e = m
                    break
            while e - 1 > j and s.word(e - 1).startswith("ل") and not s.word(e - 1).startswith("ال"):
                e -= 1
            source = SourceRef(s.toks[j].start, s.toks[e - 1].end)
            j = e
    object_verb = participle or form.lemma in _object_content_lemmas()
    # A reading found only by removing a pronoun ("تابعة" read as "تابعه") is a guess: it needs
    # a complementiser or a colon, as ambiguous forms do.
    ambiguous = guess
    relayed = _relayed_speaker(s, j, form, source)
    if relayed is not None:
        # "ونقلت وكالة رويترز عن مسؤول قوله إن …": the agency relays, the official speaks.
        assert source is not None and source.start is not None and source.end is not None
        via_first = (source.start, source.end)
        source, j = SourceRef(*relayed[0]), relayed[1]
    else:
        via_first = None
    start_tok, via, marker = _skip_to_content(s, j, form, object_verb and not ambiguous, agencies)
    if via_first is not None:
        via = [via_first, *via]
    if ambiguous and (marker not in ("compl", "colon") or start_tok - j > 3):
        return k + 1  # an ambiguous word is a cue only when "أن" or a colon follows it closely
    if not marker and not participle:
        before = _quote_before(s, k)
        if before is not None:
            # '"…"، قال الوزير' — the quotation before the cue is what was said.
            if source is None:
                source = _antecedent(state, form.gender)
            if source is not None:
                state.out.append(AttrMatch(cue, (before.start, before.end), source, "direct", form.stance,
                                           tuple(via), form.gender))
                return max(j, k + 1)
    if not marker or start_tok >= s.hi:
        return k + 1
    if source is None and not participle:
        subj = _subject_before(s, k)
        if subj is not None:
            source = SourceRef(*subj)
    if source is None and marker not in ("colon", "quote") and s.inside_content(cue_tok.start):
        return k + 1  # "رجلا هدد بقتل…": an act told inside someone's words, not a statement
    if source is None:
        if participle:
            # The participle's subject is the speaker of this sentence, else its subject.
            here = [i for i, a in enumerate(state.out) if a.content[0] >= s.sent.start or
                    (a.cue is not None and a.cue[0] >= s.sent.start)]
            subj_span = _subject_of_sentence(subjects, s, cue_tok.start)
            # A subject named at the head of the sentence ("وكانت السعودية … متهمة الدوحة")
            # owns the participle; otherwise it goes on with the speaker just quoted.
            opening = subj_span is not None and subj_span[0] <= s.toks[min(s.lo + 2, s.hi - 1)].start
            if here:
                source = SourceRef(antecedent=here[-1])
            elif not opening and state.out and s.sent.start - state.out[-1].content[1] < 400:
                source = _antecedent(state, "")
            else:
                source = SourceRef(subject=subj_span) if subj_span else None
        if source is None:
            source = _antecedent(state, form.gender)
        if source is None:
            return k + 1
    c_start_pos = s.toks[start_tok].start
    quote = s.quote_opening_at(start_tok)
    if quote is not None and marker in ("quote", "colon", "compl"):
        after = s.norm[quote.outer_end:s.sent.end].strip(_CONTENT_TRIM)
        c_end = quote.outer_end if not after or quote.close_at is None else \
            _content_end(s, start_tok, False)
    else:
        c_end = _content_end(s, start_tok, marker == "prep")
    c_start, c_end = _trim(s.norm, c_start_pos, c_end)
    c_start, c_end = _strip_quote(s, c_start, c_end)
    if c_end - c_start < 2 or any(a <= c_start and c_end <= b for a, b in s.blocked_spans) \
            or s.norm[c_start:c_end] in stopwords():
        return k + 1  # nothing but a time ("حذرت أمس") is no content
    if form.stance == "estimate" and marker in ("prep", "object") and _NUMBERISH.match(s.norm, c_start):
        return k + 1  # "وتقدر الاعتمادات بـ 5 ملايين": a measure, not an estimate someone made
    state.out.append(AttrMatch(cue, (c_start, c_end), source, _kind(s, c_start, c_end), form.stance,
                               tuple(via), form.gender))
    state.used_cues.add(cue_tok.start)
    return max(start_tok, k + 1)


def _nested(state: _State, i: int) -> bool:
    """Whether attribution i was reported inside another one's content."""
    cue = state.out[i].cue
    pos = cue[0] if cue else state.out[i].content[0]
    return any(a.content[0] <= pos < a.content[1] for j, a in enumerate(state.out) if j != i)


def _antecedent(state: _State, gender: str) -> SourceRef | None:
    """The speaker a subjectless verb continues: the latest top-level one that agrees with it.

    Speakers quoted inside someone's words do not take over the narration.
    """
    fallback = None
    for i in range(len(state.out) - 1, max(-1, len(state.out) - 8), -1):
        if _nested(state, i):
            continue
        a = state.out[i]
        if fallback is None:
            fallback = i
        if not gender or not a.gender or a.gender == gender:
            return SourceRef(antecedent=i)
    return SourceRef(antecedent=fallback) if fallback is not None else None


def _according_to(s: _Sent, k: int, ph: _Phrase, state: _State) -> int:
    """ "بحسب X" with no verb of its own: X is the source of the clause it qualifies."""
    e, found = _relay_np(s, ph, limit=6)
    if found is None or ph.end_tok >= s.hi:
        return k + 1
    src = found
    if ph.clitic:
        cue = (s.toks[k].start, s.toks[ph.end_tok].start + ph.clitic)
    else:
        # The relay verb belongs to the cue: "حسبما ذكرت", "بحسب ما أفادت".
        last = _relay_verbs_end(s, ph) - 1
        while last >= ph.end_tok and not s.cue(last):
            last -= 1
        cue = (s.toks[k].start, s.toks[max(last, ph.end_tok - 1)].end)
    if s.word(k).startswith(("و", "ف")) and s.word(k) not in ("وفق", "وفقا"):
        cue = (cue[0] + 1, cue[1])
    # After a quotation: "«…»، حسبما ذكرت X" — the quotation is the content.
    prev = k - 1
    while prev >= s.lo and s.word(prev) in ("،", ",", "-"):
        prev -= 1
    if prev >= s.lo and s.word(prev) in _QUOTE_MARKS:
        q = next((q for q in s.quotes if q.close_at == s.toks[prev].start), None)
        if q is not None:
            content = (q.start, q.end)
            state.out.append(AttrMatch(cue, content, SourceRef(*src), "direct", "assert"))
            return e
    # At the head of the sentence: "وبحسب الوزارة، فإن …" — the rest is the content.
    if k == s.lo:
        j = e
        while j < s.hi and (s.word(j) in ("،", ",") or s.word(j) in ("فان", "ان", "فانه", "فانها")):
            j += 1
        if j >= s.hi:
            return e
        c = _trim(s.norm, s.toks[j].start, _content_end(s, j, False))
    else:
        c = _trim(s.norm, s.sent.start, _content_end(s, k, False))
    if c[1] - c[0] < 2:
        return e
    state.out.append(AttrMatch(cue, c, SourceRef(*src), _kind(s, *c), "assert"))
    return e


def _scan_sentence(s: _Sent, state: _State, subjects: Sequence[tuple[int, int]],
                   agencies: Sequence[tuple[int, int]], candidates: Sequence[int]) -> None:
    """Every cue of one sentence, in order; `candidates` are the article's possible cue tokens."""
    before = len(state.out)
    i = bisect_left(candidates, s.lo)
    k = s.lo
    while i < len(candidates) and candidates[i] < s.hi:
        if candidates[i] < k:
            i += 1
            continue
        k = candidates[i]
        forms = s.cue(k)
        if forms:
            k = _verb_attribution(s, k, forms, state, subjects, agencies)
            continue
        ph = s.phrase_at(k)
        if ph is not None and ph.kind == "according_to" and not s.inside_content(s.toks[k].start):
            k = _according_to(s, k, ph, state)
            continue
        k += 1
    if len(state.out) > before or not state.out:
        return
    # A quotation standing alone continues the last speaker.
    q = s.quote_opening_at(s.lo)
    if q is None or q.end - q.start < 15:
        return
    rest = s.norm[q.outer_end:s.sent.end].strip(_CONTENT_TRIM)
    if rest:
        return
    last = state.out[-1]
    if s.sent.start - last.content[1] > 1500:
        return
    state.out.append(AttrMatch(None, (q.start, q.end), SourceRef(antecedent=len(state.out) - 1),
                               "direct", "assert"))
