"""Where a reported content starts and ends, and what stands between a cue and it
(settings, audiences, relays, quoted names).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from operator import itemgetter

from rawi.extract.attrsource import audience_at, extend_speaker
from rawi.extract.attrview import (
    CONTENT_TRIM,
    QUOTE_MARKS,
    WORD,
    Phrase,
    Sent,
    according_heads,
    object_content_lemmas,
    own_report_nouns,
)
from rawi.extract.np import adverbs, np_end, strip_clitic
from rawi.lexicon.cues import CueForm
from rawi.lexicon.gazetteer import titles
from rawi.text.segment import Quote


def content_kind(s: Sent, start: int, end: int) -> str:
    """direct when the content is one quotation, mixed when it holds one, else indirect."""
    for q in s.quotes:
        if q.start <= start and end <= q.end:
            return "direct"
    for q in s.quotes:
        if start <= q.open_at < end or start < q.end <= end:
            return "mixed"
    return "indirect"


def trim_content(norm: str, start: int, end: int) -> tuple[int, int]:
    while start < end and norm[start] in CONTENT_TRIM:
        start += 1
    while end > start and norm[end - 1] in CONTENT_TRIM:
        end -= 1
    return start, end


def strip_quote(s: Sent, start: int, end: int) -> tuple[int, int]:
    """A content that is exactly one quotation loses its marks."""
    for q in s.quotes:
        if q.open_at == start and q.close_at is not None and q.close_at + 1 >= end:
            return q.start, q.end
        if q.open_at == start and q.close_at is None:
            return q.start, min(end, q.end)
    return start, end


def opens_clause(s: Sent, j: int) -> bool:
    """A participle opens a continuation after a comma or before its own content marker
    ("، مضيفا أن", "قائلا:"); "كان الهجوم متوقعا." is only an adjective."""
    if j > s.lo and s.word(j - 1) in ("،", ",", "-"):
        return True
    forms = s.cue(j)
    if (
        any(f.pos == "participle" and not f.ambiguous and f.lemma in object_content_lemmas() for f in forms)
        and j + 1 < s.hi
        and WORD.fullmatch(s.word(j + 1))
    ):
        return True  # "… مستبعدا حدوث استقالات": copy without commas still opens the clause
    for m in range(j + 1, min(s.hi, j + 3)):
        if s.is_complementiser(m) or s.word(m) in (":", "الي", "علي", "ان") or s.word(m) in QUOTE_MARKS:
            return True
    return False


def continues_speaker(s: Sent, k: int) -> bool:
    """A و/ف-verb with no subject of its own ("وأضاف أن") opens a new attribution
    of the same speaker, so it ends the content before it."""
    w = s.word(k)
    forms = s.cue(k)
    if not forms or (w[0] not in "وف" and (k <= s.lo or s.word(k - 1) not in ("و", "ف"))):
        return False  # ("و قال": the conjunction written apart, as Tunisian copy often does)
    nxt = k + 1
    if nxt < s.hi and s.word(nxt) in ("له", "لها", "لهم", "لي", "لنا"):
        nxt += 1  # "وقال لها إن": whom he told
    if nxt < s.hi and nxt + 1 < s.hi and s.word(nxt) == forms[0].prep and s.is_complementiser(nxt + 1):
        return True  # "…، وشدد على أن": the verb's own preposition before أن
    return nxt < s.hi and (s.is_complementiser(nxt) or s.word(nxt) in (":", "،", ",") or s.word(nxt) in QUOTE_MARKS)


def content_end(s: Sent, k: int, prep_content: bool) -> int:
    """Folded offset where a content that starts at token k ends."""
    quotes_closed = [
        (q.open_at, q.outer_end) for q in s.quotes if q.open_at < s.sent.end and q.outer_end > s.toks[k].start
    ]
    marks = s.marks
    heads = according_heads()
    for j in marks[bisect_left(marks, k + 1) : bisect_left(marks, s.hi)]:
        pos = s.toks[j].start
        if quotes_closed and any(a < pos < b for a, b in quotes_closed):
            continue
        w = s.word(j)
        if w in ("،", ","):
            if j + 1 >= s.hi:
                continue
            nxt = s.word(j + 1)
            if nxt[:1] in "وف" and (nxt_forms := s.cue(j + 1)):
                vague = any(f.ambiguous for f in nxt_forms)
                ahead = marker_ahead(s, j + 2, min(s.hi, j + (6 if vague else 10)))
                if ahead is not None and (ahead[1] == "compl" or not vague):
                    return pos  # "…، وكتب غوربونوف إن …": a new report with its own cue
            ph = s.phrase_at(j + 1)
            if ph is not None and ph.kind == "according_to":
                return pos  # "…، حسبما ذكرت X": the phrase belongs to the cue, not the content
            if prep_content and not nxt.startswith("و"):
                return pos
            continue
        forms = s.cue(j)
        if forms and any(f.pos == "participle" for f in forms) and opens_clause(s, j):
            return pos
        if forms and continues_speaker(s, j):
            return s.toks[j - 1].start if s.word(j - 1) in ("و", "ف") else pos
        if w in heads or strip_clitic(w) in heads:
            ph = s.phrase_at(j)
            if (
                ph is not None
                and ph.kind == "according_to"
                and not ph.clitic
                and ph.end_tok < s.hi
                and s.word(ph.end_tok) in own_report_nouns()
            ):
                return pos  # "… حسب تعبيره": the speaker's own words end here
        if (
            w in CONTRASTS
            and j > k
            and s.word(j - 1) in ("،", ",")
            and any(s.cue(m) for m in range(j + 1, min(s.hi, j + 6)))
        ):
            return pos  # "…، لكن طهران تقول إنه سلمي": another voice answers, in the narrator's words
        if prep_content and w in ("الا", "لكن", "ولكن", "غير") and j + 1 < s.hi:
            return pos  # "متعهدا بقيادة … إلا أنه يواجه …": the contrast is the narrator's
    return s.sent.end


# Words between a relay verb and its source: "بحسب ما نقلت عنه", "وفق ما صرح به".
RELAY_FILLERS = frozenset(("عنه", "عنها", "عنهم", "ما", "به", "بها", "له", "لها"))


# Nouns that make a preposition a fixed setting: "على إثر" (following), "على خلفية" (over),
# "على هامش" (on the sidelines), "على رأس" (at the head), "على الرغم" (despite).
_FIXED_AFTER_PREP = frozenset(("اثر", "خلفيه", "هامش", "راس", "الرغم", "وقع", "حساب"))


# How far on a complementiser may still belong to a verb with an object: settings can be long
# ("أكد X في تصريح لمراسلة الجوهرة على هامش اجتماع لها اليوم في الحمامات أن …").
_MARKER_REACH = 20


# Whom a call is made of, between a verb and its object: "طالبا منهم عدم معاقبته".
_ASKED_OF = frozenset(("منه", "منها", "منهم", "منهما", "منا"))


# Verbs that carry someone's words, written with the words as a pronoun: "تصريحات نقلتها X".
CARRY_LEMMAS = frozenset(("نقل", "اورد", "نشر", "بث"))


# Verbs whose place is the source after "بحسب ما", "وفق ما": "بحسب ما جاء في البيان".
CONTAINER_VERBS = frozenset(("جاء", "جاءت", "ورد", "وردت"))


# Words where a content may end (besides cues): commas and the narrator's contrasts.
CONTENT_BREAKS = frozenset(("،", ",", "الا", "لكن", "ولكن", "غير", "بينما", "فيما", "لكنه", "لكنها", "لكنهم"))
# After a comma, these open a clause of the narrator's that may give another voice.
CONTRASTS = frozenset(("لكن", "ولكن", "بينما", "فيما", "لكنه", "لكنها", "لكنهم"))


# Prepositions that open a setting between a verb and its content: "في بيان",
# "خلال مؤتمر صحفي", "أمام البرلمان", "لدى الجامعة".
SETTING_PREPS = frozenset(("في", "خلال", "امام", "عبر", "لدي", "ضمن", "اثناء", "عقب", "بعد", "قبل", "مع", "علي", "من"))


def relay_verbs_end(s: Sent, ph: Phrase) -> int:
    """Index past the relay verbs of "بحسب ما نقلت عنه", "حسبما ذكرت"."""
    m = ph.end_tok
    while m < s.hi and not ph.clitic:
        if s.word(m) in CONTAINER_VERBS and m + 1 < s.hi and s.word(m + 1) in ("في", "علي"):
            # "بحسب ما جاء في البيان", "وفق ما ورد على لسان الوزير": the container is the source
            # (ورد also reads as و + ردّ, a cue: this test comes first).
            m += 3 if m + 2 < s.hi and s.word(m + 1) == "علي" and s.word(m + 2) == "لسان" else 2
        elif s.cue(m) or s.word(m) in RELAY_FILLERS:
            m += 1
        else:
            break
    return m


def relay_np(s: Sent, ph: Phrase, limit: int = 8) -> tuple[int, tuple[int, int] | None]:
    """The noun phrase after an "according to" phrase, past relay verbs and pronouns."""
    m = ph.end_tok
    if ph.clitic:
        e = extend_speaker(s, m, np_end(s.toks, m + 1, s.hi, s.in_time, limit=limit - 1)) if m < s.hi else m
        return max(e, m + 1), (s.toks[m].start + ph.clitic, s.toks[max(e, m + 1) - 1].end)
    m = relay_verbs_end(s, ph)
    q = s.quote_opening_at(m) if m < s.hi and s.word(m) in QUOTE_MARKS else None
    if q is not None and q.close_at is not None and 0 < len(s.norm[q.start : q.end].split()) <= 4:
        # "حسب «رويترز»": the quoted name alone.
        return token_after(s, q.outer_end), (q.start, q.end)
    e = extend_speaker(s, m, np_end(s.toks, m, s.hi, s.in_time, limit=limit))
    return e, ((s.toks[m].start, s.toks[e - 1].end) if e > m else None)


def quoted_name(s: Sent, q: Quote) -> bool:
    """A short quotation in the middle of a clause names something: «رويترز», صحيفة "الحياة"."""
    words = len(s.norm[q.start : q.end].split())
    if q.close_at is None or words > 3:
        return False
    rest = s.norm[q.outer_end : s.sent.end].strip(CONTENT_TRIM)
    if not rest:
        return False
    if not s.norm[q.outer_end : q.outer_end + 2].strip().startswith(("،", ",", ":")):
        return True
    # Before a comma, one or two quoted words right after a word name someone in apposition
    # ("الممثل الآخر «فالييف»، الذي …"); after a comma or at the clause start they are what was said.
    before = s.norm[max(s.sent.start, q.open_at - 2) : q.open_at].strip()
    return words <= 2 and bool(before) and WORD.fullmatch(before[-1]) is not None


def token_after(s: Sent, pos: int) -> int:
    return min(bisect_left(s.toks, pos, s.lo, s.hi, key=_START), s.hi)


_START = itemgetter(0)


def quote_before(s: Sent, k: int) -> Quote | None:
    """A closed quotation that ends just before token k, with only punctuation between."""
    m = k - 1
    while m >= s.lo and s.word(m) in ("،", ",", "-", "–"):
        m -= 1
    if m < s.lo or s.word(m) not in QUOTE_MARKS:
        return None
    pos = s.toks[m].start
    q = next((q for q in s.quotes if q.close_at == pos), None)
    if q is None or len(s.norm[q.start : q.end].split()) < 3:
        return None
    return q


def marker_ahead(s: Sent, j: int, limit: int) -> tuple[int, str] | None:
    """A complementiser or a quotation a few words on, before any other clause's cue."""
    for m in range(j, limit):
        if s.is_complementiser(m):
            return s.after_complementiser(m), "compl"
        q = s.quote_opening_at(m) if s.word(m) in QUOTE_MARKS else None
        if (
            q is not None
            and not quoted_name(s, q)
            and not (m > j and WORD.fullmatch(s.word(m - 1)) and len(s.norm[q.start : q.end].split()) <= 3)
        ):
            # (a quoted name, «فالييف», is no quotation, nor is a short one a few words on after a
            # noun: "أعلن … تحت شعار «قمة الأمل»")
            return m, "quote"
        forms = s.cue(m) if m > j else ()
        if forms and (
            s.word(m)[0] in "وف"
            or s.word(m - 1) in ("،", ",", ":", "و", "ف")
            or any(f.pos == "participle" and not f.ambiguous for f in forms)
        ):
            return None  # another clause with a cue of its own ("… مؤكدا أن" even without a comma)
        if s.word(m) in (".", "؛", ";", ":") or (s.word(m) in CONTRASTS and s.word(m - 1) in ("،", ",")):
            return None  # ("…، لكن وكالة الأنباء أكدت أنهم …": the complementiser is another clause's)
    return None


def skip_to_content(
    s: Sent, k: int, form: CueForm, object_verb: bool, agencies: Sequence[tuple[int, int]]
) -> tuple[int, list[tuple[int, int]], str]:
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
            return s.after_complementiser(j), via, "compl"
        if w == ":" and (not object_verb or j == k):
            after = s.after_complementiser(j + 1) if j + 1 < s.hi and s.is_complementiser(j + 1) else j + 1
            return after, via, "colon"
        q = s.quote_opening_at(j) if w in QUOTE_MARKS else None
        if q is not None:
            if not quoted_name(s, q):
                return j, via, "quote"
            j = token_after(s, q.outer_end)
            continue
        if w.endswith(("ه", "ها", "هم")) and any(f.lemma in CARRY_LEMMAS for f in s.cue(j)) and j > k:
            # "في تصريحات نقلتها وكالة الأنباء": the outlet that carried the words is a relay.
            e = extend_speaker(s, j + 1, np_end(s.toks, j + 1, s.hi, s.blocked, limit=6))
            if e > j + 1:
                via.append((s.toks[j + 1].start, s.toks[e - 1].end))
            j = max(e, j + 1)
            continue
        ph = s.phrase_at(j)
        if ph is not None and ph.kind == "according_to":
            e, span = relay_np(s, ph)
            if span is not None:
                via.append(span)
            j = max(e, j + 1)
            continue
        if ph is not None and ph.kind == "nominal":
            # A setting: "في بيان", "في مؤتمر صحفي", "على هامش اجتماع …".
            heard = audience_at(s, ph.end_tok, agencies) if ph.end_tok < s.hi else None
            if heard is not None and heard[1] is not None:
                # "في تصريح لوكالة الأنباء", "في حديث لقناة «العربية»": the outlet carried the words.
                via.append(heard[1])
                j = heard[0]
                continue
            if object_verb:
                # "في بيان الوزارة أسماء المتهمين": one word of whose statement it was, a body's;
                # "في بيان المسؤولية عن …": the object starts right after the setting.
                nxt = s.word(ph.end_tok) if ph.end_tok < s.hi else ""
                own = strip_clitic(nxt)
                j = ph.end_tok + (1 if own in titles() or own[2:] in titles() or not nxt.startswith("ال") else 0)
                j = max(min(j, np_end(s.toks, ph.end_tok, s.hi, s.blocked, limit=1)), ph.end_tok)
            else:
                j = max(np_end(s.toks, ph.end_tok, s.hi, s.blocked, limit=6), ph.end_tok)
            continue
        if prep and w == prep and j + 1 < s.hi and s.word(j + 1) in _FIXED_AFTER_PREP:
            j += 2  # "على إثر", "على خلفية", "على هامش": a setting, not the verb's own preposition
            continue
        if prep and (w == prep or (len(prep) == 1 and w.startswith(prep) and len(w) > 2)):
            if w == prep and j + 1 < s.hi and s.is_complementiser(j + 1):
                return s.after_complementiser(j + 1), via, "compl"  # "أشار إلى أن …"
            if w != prep:
                # Many words start with ب: "أفاد مصدر بالحماية المدنية أنه …" has its content after أنه.
                ahead = marker_ahead(s, j, min(s.hi, j + 6))
                if ahead is not None and ahead[1] == "compl":
                    return ahead[0], via, "compl"
            return (j + 1 if w == prep else j), via, "prep"
        if w in CONTRASTS and j > k and s.word(j - 1) in ("،", ","):
            break  # "…، لكن الوكالة أكدت أنهم": what follows is another clause's
        if w in ("،", ",") or s.in_time(j) or w in adverbs() or (object_verb and w in _ASKED_OF):
            j += 1  # ("طالبا منهم عدم معاقبته": whom it was asked of)
            continue
        heard = audience_at(s, j, agencies)
        if heard is not None:
            # An audience or an outlet: "لـ«رويترز»" (a relay), "للمحققين", "لوكالة الأنباء".
            if heard[1] is not None:
                via.append(heard[1])
            j = heard[0]
            continue
        if w in SETTING_PREPS and not (object_verb and w == "عن"):
            # "في بيانها أسماء المتهمين": after a verb whose object is its content the
            # setting is one word, or it would swallow the object.
            e = np_end(s.toks, j + 1, s.hi, s.blocked, limit=1 if object_verb else 6)
            if e == j + 1 and e < s.hi and s.word(e) in ("ذلك", "هذا", "ذاك"):
                e += 1  # "بدلا من ذلك", "بعد ذلك": the demonstrative is the whole setting
            j = max(e, j + 1)
            continue
        if w == "عن" and object_verb:
            return j + 1, via, "prep"  # "أعلن عن …", "كشف عن …", "أعرب عن …"
        if s.cue(j) and (
            (j > k and (w[0] in "وف" or s.word(j - 1) in ("،", ",", ":")))
            or any(f.pos == "participle" for f in s.cue(j))
        ):
            break  # another clause with its own cue: this verb had no content marker
        if object_verb and WORD.fullmatch(w):
            e = np_end(s.toks, j, s.hi, s.blocked, limit=8)
            if e > j and e < s.hi and s.word(e) in ("،", ",") and j > k and s.word(j - 1) in ("،", ","):
                j = e + 1  # an apposition between commas: "…، وداوى سيدي هيبة، …"
                continue
            ahead = marker_ahead(s, j, min(s.hi, j + _MARKER_REACH))
            if ahead is not None:
                return ahead[0], via, ahead[1]
            return j, via, "object"
        j += 1
    return k, via, ""
