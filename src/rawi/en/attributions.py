"""English attributions: who said what, according to whom.

Every candidate cue (a reporting-verb form or "according to", found by one
regular expression over the text) is read in its sentence's tokens, in steps:

1. `_verb_use`: is the word a verb here? Nouns ("media reports", "50 questions",
   "a light show"), passives ("he was told"), infinitives ("refused to say") and
   reduced relatives ("a blog written by") are not cues.
2. `_speaker`: a noun phrase before the verb ("the minister said"); after it when
   the frame follows a quote or closes the sentence ('"…," said Kim'); before an
   apposition or a parenthetical ("Kim, a spokesman for X, said"; "al-Amr, in
   remarks to state TV, said"); the subject of the clause a participle or a
   coordinated verb hangs from ("…, saying that …", "… and added that …").
3. `_read_tail`: what stands between the verb and the content: audiences ("told
   reporters"), outlets that carried the words (relays: "told Reuters", "in
   remarks carried by KCNA", "quoted by state media"), settings ("in a
   statement"), times.
4. `_content`: a quote after a colon or comma, a that-clause, a clause right
   after the verb, a paragraph after a closing colon, or — when the frame closes
   the sentence or sits inside it — the quote or clause before it ('"A," he
   said, "B."' runs from A to the end of B; a quote that runs over paragraphs is
   followed across them).

Cues inside a quote get their own attributions ("I think …" inside a quote);
their content stays inside the quote. Headlines and captions (short lines with
no final punctuation) hold no attributions. A quote standing as a paragraph of
its own with a name after a dash ('"…" - Matthew Ingram') is that name's.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from rawi.en.lexicon import CueForm, cue_forms, cue_regex, phrases, phrases_of, words
from rawi.en.np import is_cap, is_word, np_after, np_before
from rawi.en.text import EnText, Quote, Tok, tokens

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class EnAttr:
    """One attribution in text offsets."""

    kind: str  # direct | indirect | mixed
    source: Span | None
    cue: Span | None
    content: Span
    via: tuple[Span, ...]
    stance: str
    # The source continues an earlier speaker: a pronoun ("he added") or a participle's subject.
    anaphor: bool = False
    # The verb hangs from another clause ("…, adding that"; "… and said"): its speaker is that clause's.
    dependent: bool = False


_QUOTE_CHARS = frozenset("\"“”„«»")
_OPEN_QUOTE = frozenset("\"“„«")
_END_PUNCT = ".!?…;:,"
_TRAIL = frozenset(" \t\n.,;:!?…\"“”'’«»—–-")
_LEAD = frozenset(" \t\n\"“”«»,:;—–-")
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "am", "get", "got", "gets", "getting", "'m",
                 "’m", "'re", "’re"})
_HAVE = frozenset({"has", "have", "had", "having", "'ve", "’ve"})
_PARTICIPLE_LINK = frozenset({",", "before", "after", "while", "when", "by", "and", "also", "—", "–", "-", "(",
                              "without", "then"})
_RELATIVE = frozenset({"who", "which", "that"})
# Determiners and possessives before a reporting-verb form make it a noun whatever follows.
_DET_BEFORE = frozenset({"the", "a", "an", "this", "these", "those", "his", "her", "its", "their", "our", "my",
                         "your", "every", "each", "no", "another", "such", "any", "some"})
# Words before a reporting-verb form that make it a noun ("the new report", "media reports", "such claims").
_NOUN_BEFORE = frozenset({"'s", "’s", "to", "as", "of", "new", "recent", "latest", "media", "press", "news",
                          "such", "more", "many", "few", "several", "his", "her", "our", "their", "its", "my", "your",
                          "whose", "these", "those", "similar", "other"})
# Words that do not start a reported clause after "said" / "believe" ("said so", "said goodbye").
_NOT_CONTENT = frozenset({"so", "about", "nothing", "something", "anything", "yes", "no", "goodbye", "hello",
                          "as", "otherwise", "what", "how", "why", "whether", "where",
                          "when", "who", "which", "if", "of", "for", "thank", "thanks", "sorry", "to", "with",
                          "and", "but", "or", "nor", "then", "because", "before", "after", "while", "until"})
_FINITE = frozenset({"is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may",
                     "might", "should", "must", "do", "does", "did", "'s", "’s", "'re", "’re", "'ll", "’ll", "shall",
                     "won't", "can't", "isn't", "wasn't", "aren't", "weren't", "don't", "doesn't", "didn't",
                     "'d", "’d", "hasn't", "haven't", "hadn't", "wouldn't", "couldn't", "remains", "remain"})
_ADDING = frozenset({"adding", "saying", "noting", "stressing", "warning", "insisting", "explaining", "claiming",
                     "arguing", "stating", "writing", "telling"})
_TIME_ADVERBS = frozenset({"yesterday", "today", "tonight", "earlier", "later", "also", "again", "recently",
                           "previously", "publicly", "privately", "repeatedly", "separately", "then", "now",
                           "once", "twice", "further", "late", "early", "however", "meanwhile"})
_FRAME_PREPS = frozenset({"in", "on", "at", "to", "with", "during", "via", "through", "from", "after", "before",
                          "over", "while", "for", "of", "about", "by", "under", "using", "speaking", "writing"})
_PULL_QUOTE = re.compile(r"[\"“](?P<q>[^\"“”\n]{8,})[\"”]\s*[-–—]+\s*(?P<n>[A-Z][^\n,()]{1,60})")
_OUTLET_NAME = re.compile(r"\b(?:News|Times|Post|Herald|Agency|Press|Radio|TV|Television|Tribune|Journal|Gazette|"
                          r"Telegraph|Guardian|Reuters|AFP|AP|BBC|CNN|Media|Daily|Broadcasting|Channel|Magazine|"
                          r"Chronicle|Observer|Independent|Weekly|Express|Mirror|Sun|Mail|Star|Globe)\b")
_MAX_FRAME_TAIL = 16
# A frame that closes its sentence ("…, the minister said on Thursday.") is short after its verb.
_MAX_CLOSING_TAIL = 8
_MAX_PAREN = 14
_HEADLINE_WORDS = 25


@dataclass(slots=True)
class _Sent:
    start: int
    end: int
    toks: list[Tok]
    starts: list[int]


@dataclass(slots=True)
class _Speaker:
    rng: tuple[int, int]  # token range of the speaker phrase
    inverted: bool  # the phrase follows the verb
    participle: bool  # the verb hangs from another clause's subject
    frame_start: int  # text offset where the frame starts (speaker or verb)
    k_after: int  # token index after the verb and an inverted speaker
    after_quote: Quote | None  # the frame follows this quote
    via: tuple[Span, ...] = ()


class _Frame:
    """What a verb's frame holds after the verb: relays, and where it ends."""

    __slots__ = ("cited", "end", "stop", "via")

    def __init__(self) -> None:
        self.via: list[Span] = []
        self.cited: Span | None = None  # "…, citing officials, …": the one who spoke
        self.end = 0  # token index after the frame
        self.stop = ""  # that | colon | quote | end | word


class _Reader:
    """The article's sentences (tokenised on demand), quotes and headline lines."""

    def __init__(self, et: EnText, outlets: frozenset[Span]) -> None:
        self.et = et
        self.text = et.text
        self.outlets = outlets
        self._sents: dict[int, _Sent] = {}
        self._quote_opens = [q.open_at for q in et.quotes]
        self.headlines = _headlines(et)

    def sent(self, idx: int) -> _Sent:
        s = self._sents.get(idx)
        if s is None:
            a, b = self.et.sentences[idx]
            toks = tokens(self.text, a, b, self.et.low)
            s = _Sent(a, b, toks, [t.start for t in toks])
            self._sents[idx] = s
        return s

    def trim(self, a: int, b: int) -> Span | None:
        """A content span without leading/trailing quotes, punctuation and white space."""
        text = self.text
        while b > a and text[b - 1] in _TRAIL:
            b -= 1
        while a < b and text[a] in _LEAD:
            a += 1
        if b > a and text[b - 1] == ")" and "(" not in text[a:b]:
            b -= 1
        return (a, b) if b - a >= 2 else None

    def kind(self, a: int, b: int) -> str:
        """direct when the content's words are all quoted, mixed when some are, else indirect."""
        i = bisect_left(self._quote_opens, a) - 1
        quoted = 0
        for q in self.et.quotes[max(0, i):]:
            if q.start >= b:
                break
            lo, hi = max(q.start, a), min(q.end, b)
            if hi > lo:
                quoted += sum(map(str.isalnum, self.text[lo:hi]))
        if not quoted:
            return "indirect"
        letters = sum(map(str.isalnum, self.text[a:b]))
        return "direct" if quoted >= letters * 0.9 else "mixed"

    def quote_chain_end(self, q: Quote) -> int:
        """The end of a quote, followed over the paragraphs that continue it."""
        i = self.et.quote_index(q)
        end = q.end
        while q.close_at is None and i + 1 < len(self.et.quotes) and self.et.quotes[i + 1].continues:
            i += 1
            q = self.et.quotes[i]
            end = q.end
        return end

    def quote_chain_start(self, q: Quote) -> int:
        i = self.et.quote_index(q)
        start = q.start
        while q.continues and i > 0 and self.et.quotes[i - 1].close_at is None:
            i -= 1
            q = self.et.quotes[i]
            start = q.start
        return start

    def quote_ending_before(self, pos: int, lo: int) -> Quote | None:
        """A quote that closes between `lo` and `pos` with only punctuation or white space after it."""
        i = bisect_left(self._quote_opens, pos) - 1
        while i >= 0:
            q = self.et.quotes[i]
            if q.outer_end <= pos:
                if q.outer_end < lo:
                    return None
                gap = self.text[q.outer_end:pos]
                return q if all(not c.isalnum() for c in gap) and "\n" not in gap else None
            i -= 1
        return None

    def quote_opening_at(self, pos: int) -> Quote | None:
        i = bisect_left(self._quote_opens, pos)
        if i < len(self.et.quotes) and self.et.quotes[i].open_at == pos:
            return self.et.quotes[i]
        return None

    def quote_starting_after(self, pos: int, hi: int) -> Quote | None:
        """A quote that opens after `pos` (before `hi`) with only punctuation or white space between."""
        i = bisect_left(self._quote_opens, pos)
        if i < len(self.et.quotes):
            q = self.et.quotes[i]
            if q.open_at < hi and all(not c.isalnum() for c in self.text[pos:q.open_at]) \
                    and "\n" not in self.text[pos:q.open_at]:
                return q
        return None

    def is_outlet(self, a: int, b: int) -> bool:
        return any(s < b and e > a for s, e in self.outlets) or bool(_OUTLET_NAME.search(self.text, a, b))


def _headlines(et: EnText) -> list[Span]:
    """Lines that are headlines, datelines or captions: short, with no final punctuation."""
    out = []
    text = et.text
    for i, (a, b) in enumerate(et.paragraphs):
        line = text[a:b].rstrip()
        if not line or line[-1] in ".!?\"”’:;)" or len(line.split()) > _HEADLINE_WORDS:
            continue
        if i + 1 < len(et.paragraphs) or i == 0:
            out.append((a, b))
    return out


def _tok_index(s: _Sent, pos: int) -> int:
    i = bisect_left(s.starts, pos)
    return i if i < len(s.toks) and s.toks[i].start == pos else -1


def _adverb(t: Tok) -> bool:
    low = t.low
    return low in words("frame_adverb") or (low.endswith("ly") and len(low) > 4 and t.text.islower()
                                            and low not in ("early", "only", "family", "italy", "july", "rally"))


def _skip_back(toks: list[Tok], k: int) -> int:
    """Left over adverbs and auxiliaries between a speaker and the verb ("has also said")."""
    while k >= 0 and (_adverb(toks[k]) or toks[k].low in words("auxiliary")):
        k -= 1
    return k


def _skip_fwd(toks: list[Tok], k: int) -> int:
    while k < len(toks) and _adverb(toks[k]):
        k += 1
    return k


def _clause_ahead(toks: list[Tok], k: int) -> bool:
    """A finite verb within the next few words: what follows is a clause, not an object."""
    for j in range(k + 1, min(len(toks), k + 12)):
        t = toks[j]
        if not is_word(t) and t.text not in ("'s", "’s", "-"):
            if t.text in ",;:.!?\"“”()":
                return False
            continue
        low = t.low
        if low in _RELATIVE or low in ("where", "whose", "whom"):
            return False  # "announced the locations that would …": a relative clause, an object
        if low in _FINITE or low.endswith("n't"):
            return True
        if low.endswith("ed") and len(low) > 4 and toks[j - 1].low not in words("determiner") \
                and toks[j - 1].low not in words("preposition") and not is_cap(t):
            return True
    return False


# -- 1. is it a verb here? -----------------------------------------------------------------


def _verb_use(s: _Sent, ci: int, cj: int, forms: tuple[CueForm, ...]) -> bool:
    toks = s.toks
    tok = toks[ci]
    tenses = {f.tense for f in forms}
    prev = toks[ci - 1] if ci > 0 else None
    nxt = toks[cj + 1] if cj + 1 < len(toks) else None
    # A capitalised verb inside a sentence is a name or a noun ("United States").
    if tok.text[0].isupper() and prev is not None and prev.text not in _QUOTE_CHARS and prev.text not in ".:—–-(":
        return False
    if prev is not None and (prev.low in words("determiner") or prev.low in _NOUN_BEFORE or prev.low[0].isdigit()) \
            and not (prev.low in ("that", "which", "who") and "ing" not in tenses) \
            and not (prev.low in ("media", "press", "news") and "past" in tenses):
        return False  # "the report", "media reports"; but "media reported" is a verb
    if nxt is not None and (nxt.low[0].isdigit() and "present" in tenses and tenses != {"past", "participle"}):
        return False  # "police posts 542 and 543"
    if nxt is not None and (nxt.low in _FINITE or nxt.low.endswith("n't")) and nxt.low not in ("'s", "’s"):
        return False  # "claims can be", "reports were": a verb is never followed by an auxiliary
    if nxt is not None and tok.low.endswith("s") and "present" in tenses and nxt.low in cue_forms() \
            and any(f.tense in ("present", "past") for f in cue_forms()[nxt.low]):
        return False  # "media reports say": a plural noun before the verb
    j = ci - 1
    while j >= 0 and _adverb(toks[j]):
        j -= 1
    before = toks[j].low if j >= 0 else ""
    if "present" in tenses and "past" not in tenses and before in _BE:
        return False  # "the boy was welcome to come": an adjective after "was"
    if tenses <= {"participle", "past"} and "participle" in tenses:
        # Passives report what someone heard ("he was told"); "is said to" hides the speaker.
        if before in _BE:
            return False
        if "past" not in tenses and before not in _HAVE:
            return False  # "a blog written by": a participle with no auxiliary is an adjective
    if tenses == {"ing"}:
        return prev is None or prev.low in _PARTICIPLE_LINK or before in ("is", "are", "was", "were", "been", "be",
                                                                            "am", "'s", "’s", "'re", "’re") \
            or _with_subject(toks, ci) is not None
    # "refused to say", "did not say"
    return not (before in ("to", "not") and "present" in tenses and j == ci - 1)


def _with_subject(toks: list[Tok], ci: int) -> tuple[int, int] | None:
    """'…, with Boswell stating: "…"': a participle with its own subject after "with"."""
    rng = np_before(toks, ci - 1) if ci > 1 else None
    if rng is not None and rng[0] > 0 and toks[rng[0] - 1].low == "with" and is_cap(toks[rng[0]]):
        return rng
    return None


# -- 2. who speaks ---------------------------------------------------------------------------


def _first_np(s: _Sent, hi: int) -> tuple[int, int] | None:
    """The subject of a sentence: its first noun phrase, after a leading phrase closed by a comma."""
    toks = s.toks
    k = 0
    while k < hi and not is_word(toks[k]):
        k += 1
    if k < hi and toks[k].low in words("leading_conjunction"):
        k += 1
    if k < hi and (toks[k].low in words("preposition") or toks[k].low in _TIME_ADVERBS
                   or toks[k].low in words("subordinator")):
        for j in range(k, hi):
            if toks[j].text == ",":
                k = j + 1
                break
    while k < hi and not is_word(toks[k]):
        k += 1
    return np_after(toks, k, hi) if k < hi else None


def _good_source(s: _Sent, rng: tuple[int, int] | None) -> bool:
    if rng is None:
        return False
    toks = s.toks[rng[0]:rng[1] + 1]
    if not any(is_word(t) for t in toks):
        return False
    return not all(t.low in words("determiner") or t.low in words("np_preposition") or t.low.isdigit()
                   for t in toks)


def _parenthetical_before(r: _Reader, s: _Sent, kb: int) -> tuple[tuple[int, int], list[Span]] | None:
    """'Kim, a spokesman for X, said' / 'al-Amr, in remarks to state TV, said': the speaker before the commas."""
    toks = s.toks
    j = kb - 1
    while j >= 0 and toks[j].text != "," and kb - j <= _MAX_PAREN:
        if toks[j].text in _QUOTE_CHARS or (toks[j].low in cue_forms() and j > 0 and (
                toks[j - 1].low not in words("preposition") and toks[j - 1].low not in words("determiner"))
                and not (j + 1 < len(toks) and toks[j + 1].low == "by")):
            return None
        j -= 1
    if j <= 0 or toks[j].text != ",":
        return None
    cand = np_before(toks, j - 1)
    if cand is None or not _good_source(s, cand):
        return None
    # Relays inside the parenthesis: "quoted by state media", "in remarks carried by KCNA".
    inner = _read_tail(r, s, j + 1, False, kb)
    return cand, inner.via


def _speaker(r: _Reader, s: _Sent, ci: int, cj: int, form: CueForm, tenses: set[str]) -> _Speaker | None:
    toks = s.toks
    kb = _skip_back(toks, ci - 1)
    if kb >= 2 and toks[kb].text == ")":
        # "The World Health Organisation (WHO) recommends": the acronym in brackets is the same speaker
        j = kb - 1
        while j > 0 and toks[j].text != "(" and kb - j < 6:
            j -= 1
        if toks[j].text == "(" and j > 0 and is_word(toks[j - 1]):
            kb = j - 1
    cue_start = toks[ci].start
    participle = tenses == {"ing"} and (ci == 0 or toks[ci - 1].low in _PARTICIPLE_LINK
                                        or toks[ci - 1].text in _PARTICIPLE_LINK)
    after_quote = None
    if kb < 0 or toks[kb].text in _QUOTE_CHARS or toks[kb].text in ",.!?":
        after_quote = r.quote_ending_before(cue_start, s.start if kb < 0 else toks[kb].start - 2)
    if tenses == {"ing"} and not participle:
        own = _with_subject(toks, ci)
        if own is not None:
            return _Speaker(own, False, False, toks[own[0]].start, cj + 1, None)
    if participle:
        rng = _first_np(s, ci)
        if rng is None:
            return None
        return _Speaker(rng, False, True, cue_start, cj + 1, None)
    if kb >= 0 and is_word(toks[kb]) and toks[kb].low not in ("and", "but", "or") and (
            toks[kb].low not in _RELATIVE or toks[kb].text.isupper()):
        rng = np_before(toks, kb)
        if rng is None or not _good_source(s, rng):
            return None
        first = toks[rng[0]]
        if rng[0] > 0 and toks[rng[0] - 1].low in words("preposition") and first.text[0].islower():
            return None  # "In her opening remarks, …", "in a blog post": a phrase inside a preposition
        if toks[rng[1]].low.endswith("ing") and toks[rng[1]].text.islower():
            return None  # "drawing notice", "her opening remarks": a gerund or a modifier, not a speaker
        if first.text[0].islower() and rng[0] > 0 and is_word(toks[rng[0] - 1]) \
                and toks[rng[0] - 1].low not in words("subordinator") \
                and toks[rng[0] - 1].low not in words("conjunction") \
                and toks[rng[0] - 1].low not in words("preposition") and toks[rng[0] - 1].low not in cue_forms():
            return None  # a verb in the middle of a clause: "the seekers found in the water"
        if not _agrees(s, rng, form, tenses, ci):
            return None
        before = r.quote_ending_before(first.start, s.start) if rng[0] > 0 else None
        return _Speaker(rng, False, False, first.start, cj + 1, after_quote or before)
    if kb >= 0 and toks[kb].low in ("and", "but", "or"):
        rng = _first_np(s, kb)
        if rng is None:
            return None
        return _Speaker(rng, False, True, cue_start, cj + 1, None)
    if kb >= 0 and toks[kb].low in _RELATIVE and not toks[kb].text.isupper():
        j = kb - 1
        if j >= 0 and toks[j].text == ",":
            j -= 1
        rng = np_before(toks, j) if j >= 0 else None
        if rng is None or not _good_source(s, rng):
            return None
        return _Speaker(rng, False, False, cue_start, cj + 1, None)
    # After a quote, a comma or at the sentence start: the speaker may follow ('"…," said Kim').
    k = _skip_fwd(toks, cj + 1)
    rng = np_after(toks, k)
    if rng is not None and form.frame != "tell" and _good_source(s, rng):
        nxt = toks[rng[1] + 1] if rng[1] + 1 < len(toks) else None
        closes = nxt is None or nxt.text in ",.;:!?\"”—–"
        if closes or (after_quote is not None and nxt is not None and nxt.low in _FRAME_PREPS):
            k_after = rng[1] + 1
            if nxt is not None and nxt.text == ",":
                app = np_after(toks, rng[1] + 2)
                if app is not None and (app[1] + 1 >= len(toks) or toks[app[1] + 1].text in ",.;:!?"):
                    k_after = app[1] + 1  # ", a spokesman for the ministry"
            return _Speaker(rng, True, False, cue_start, k_after, after_quote)
    if kb >= 0 and toks[kb].text == "," and after_quote is None:
        found = _parenthetical_before(r, s, kb)
        if found is not None:
            rng, via = found
            return _Speaker(rng, False, False, toks[rng[0]].start, cj + 1, None, tuple(via))
        # "The results of the study published this week, revealed that …": a stray comma.
        rng = np_before(toks, kb - 1) if kb >= 1 and is_word(toks[kb - 1]) else None
        if rng is not None and _good_source(s, rng) and rng[0] == 0:
            return _Speaker(rng, False, False, toks[rng[0]].start, cj + 1, None)
    return None


def _agrees(s: _Sent, rng: tuple[int, int], form: CueForm, tenses: set[str], ci: int) -> bool:
    """A present verb agrees with its subject: "officials say", "the ministry says"; "a light show" is a noun."""
    if tenses != {"present"}:
        return True
    toks = s.toks
    head = toks[rng[1]].low
    first = toks[rng[0]].low
    cue = toks[ci].low
    third = cue.endswith("s") and cue != form.lemma
    if third:
        return head not in ("i", "we", "you", "they")
    if head in ("he", "she", "it"):
        return False
    return not (first in ("a", "an", "this", "that", "each", "every") and rng[0] != rng[1])


# -- 3. between the verb and the content ----------------------------------------------------------


def _read_tail(r: _Reader, s: _Sent, k: int, tell: bool, hi: int | None = None, obj: bool = False) -> _Frame:
    """From token k (after the verb and any inverted speaker) to where the content starts:
    audiences, outlets (relays), settings, times; the stop says what opens the content.
    For a verb whose object is what was said (`obj`), a preposition right after it opens
    that object ("called for a ceasefire")."""
    toks = s.toks
    if obj and k < len(toks) and toks[k].low in ("for", "on", "to", "with", "against"):
        f = _Frame()
        f.end, f.stop = k, "word"
        return f
    f = _Frame()
    n = len(toks) if hi is None else hi
    start = k
    first = True
    rel = phrases()
    while k < n and k - start < _MAX_FRAME_TAIL:
        t = toks[k]
        low = t.low
        if low == "that" and not (k + 1 < n and toks[k + 1].text in _END_PUNCT):
            f.end, f.stop = k + 1, "that"
            return f
        if t.text == ":":
            f.end, f.stop = k + 1, "colon"
            return f
        if t.text in _OPEN_QUOTE and r.quote_opening_at(t.start) is not None:
            f.end, f.stop = k, "quote"
            return f
        if t.text in ".!?;":
            f.end, f.stop = k, "end"
            return f
        if t.text in ",—–":
            if k + 1 < n and (toks[k + 1].low in _ADDING or toks[k + 1].low in ("and", "but", "while", "as")):
                f.end, f.stop = k, "end"  # "…, the army said, adding that …": this frame is over
                return f
            k += 1
            first = False
            continue
        if low in ("citing", "quoting") and k + 1 < n:
            np = np_after(toks, k + 1, n)
            if np is not None:
                f.cited = (toks[np[0]].start, toks[np[1]].end)
                k = np[1] + 1
                continue
        setting = next((n for n in (4, 3, 2) if " ".join(x.low for x in toks[k:k + n]) in rel
                        and rel[" ".join(x.low for x in toks[k:k + n])].kind == "setting"), 0)
        if setting:
            k += setting
            first = False
            continue
        if first and tell and low not in _FRAME_PREPS and low not in _TIME_ADVERBS:
            np = np_after(toks, k, n)
            # "warned the river could flood": a phrase followed by its verb is the content's subject
            if np is not None and np[1] + 1 < n and (toks[np[1] + 1].low in _FINITE
                                                     or toks[np[1] + 1].low.endswith("n't")):
                np = None
            if np is not None:
                a, b = toks[np[0]].start, toks[np[1]].end
                if (is_cap(toks[np[0]]) or toks[np[0]].low == "the") and r.is_outlet(a, b):
                    f.via.append((a, b))
                k = np[1] + 1
                first = False
                continue
        first = False
        pair = f"{low} {toks[k + 1].low}" if k + 1 < n else ""
        if pair in rel and rel[pair].kind == "relay_by":
            np = np_after(toks, k + 2, n)
            if np is not None:
                f.via.append((toks[np[0]].start, toks[np[1]].end))
                k = np[1] + 1
                continue
        if low in _FRAME_PREPS and k + 1 < n:
            np = np_after(toks, k + 1, n)
            if np is not None:
                a, b = toks[np[0]].start, toks[np[1]].end
                if low == "to" and r.is_outlet(a, b):
                    f.via.append((a, b))
                k = np[1] + 1
                continue
        if low in ("last", "this", "next", "earlier", "late") and k + 1 < n and is_word(toks[k + 1]):
            k += 2
            continue
        if low in _TIME_ADVERBS or _adverb(t):
            k += 1
            continue
        break
    f.end, f.stop = k, ("end" if k >= n else "word")
    return f


# -- 4. what was said ----------------------------------------------------------------------------


def _content_fwd(r: _Reader, s: _Sent, k: int, cue_pos: int, splice: bool = False) -> Span | None:
    """The content from token k to the end of the sentence (or of the quote the cue is in). With
    `splice`, a thought ("I suspect …") ends where speech runs on into a new clause: ", we've …"."""
    toks = s.toks
    if k >= len(toks):
        return None
    a = toks[k].start
    b = s.end
    q = r.et.quote_at(cue_pos)
    if q is not None and q.start <= cue_pos and q.end < b:
        b = q.end
    for j in range(k + 1, len(toks) - 1):
        t = toks[j]
        if t.start >= b:
            break
        nxt = toks[j + 1]
        # A second statement: ", adding that …", "… and added that …"; a trailing frame:
        # ", according to …", ", in remarks carried by …", ", quoted by …".
        if t.text in ",;" and (nxt.low in _ADDING or _trailing_frame(toks, j + 1)):
            b = t.start
            break
        if splice and t.text in ",;" and (nxt.low in words("subject_pronoun") or nxt.low in ("but", "so")):
            b = t.start
            break
        if t.low in ("and", "but") and (nxt.low in cue_forms() or (
                j + 2 < len(toks) and _adverb(nxt) and toks[j + 2].low in cue_forms())):
            cue = nxt if nxt.low in cue_forms() else toks[j + 2]
            if any(f.tense in ("past", "present") for f in cue_forms()[cue.low]):
                b = t.start
                break
    return r.trim(a, b)


def _trailing_frame(toks: list[Tok], k: int) -> bool:
    """Does a frame start at token k: "according to", "in remarks carried by", "quoted by", "in a statement"?"""
    rel = phrases()
    for n in (2, 3, 4):
        words_ = " ".join(t.low for t in toks[k:k + n])
        p = rel.get(words_)
        if p is not None and p.kind in ("according_to", "relay_by", "setting"):
            return True
    # "in comments later carried by …"
    return k < len(toks) and toks[k].low in ("in", "on") and any(
        f"{a.low} {b.low}" in rel and rel[f"{a.low} {b.low}"].kind == "relay_by"
        for a, b in zip(toks[k:k + 6], toks[k + 1:k + 7], strict=False))


def _trailing_relays(r: _Reader, s: _Sent, content: Span) -> list[Span]:
    """Relays in a frame after the content: "…, in remarks carried by KCNA"."""
    toks = s.toks
    for j in range(bisect_left(s.starts, content[1]), len(toks) - 1):
        if toks[j].text == "," and toks[j + 1].low != "according" and _trailing_frame(toks, j + 1):
            return _read_tail(r, s, j + 1, False).via
    return []


def _next_paragraph(r: _Reader, pos: int) -> Span | None:
    """The paragraph after the one holding `pos` (its quote, if it is one): what follows a closing colon."""
    p = r.et.paragraph_at(pos)
    if p + 1 >= len(r.et.paragraphs):
        return None
    a, b = r.et.paragraphs[p + 1]
    q = r.quote_opening_at(a + len(r.text[a:b]) - len(r.text[a:b].lstrip()))
    if q is not None:
        return r.trim(q.start, r.quote_chain_end(q))
    return r.trim(a, b)


def _content(r: _Reader, s: _Sent, ci: int, cj: int, form: CueForm, who: _Speaker, tail: _Frame) -> Span | None:
    toks = s.toks
    cue_start = toks[ci].start
    frame = form.frame
    para_end = r.et.paragraphs[r.et.paragraph_at(cue_start)][1]
    # '"A," he said' — and '"A," he said, "B."' runs on to the end of B.
    if who.after_quote is not None and not who.participle and tail.stop in ("end", "word", "quote"):
        a = r.quote_chain_start(who.after_quote)
        b = who.after_quote.end
        last = toks[tail.end - 1].end if tail.end > 0 else toks[cj].end
        nxt = r.quote_starting_after(last, para_end)
        if nxt is not None and nxt.open_at > cue_start and (tail.stop == "quote" or r.text[last:nxt.open_at].strip()):
            b = r.quote_chain_end(nxt)
        return r.trim(a, b)
    if tail.stop == "quote" and who.inverted:
        return None
    # "…: " at the end of a paragraph: the next paragraph is what was said.
    if s.end >= para_end - 1 and r.text[:para_end].rstrip().endswith(":") and tail.stop in ("colon", "word", "end"):
        colon = r.text.rfind(":", cue_start, para_end)
        if colon >= 0 and sum(1 for t in toks if cue_start < t.start < colon and is_word(t)) <= 10:
            return _next_paragraph(r, cue_start)
    if tail.stop in ("colon", "quote") or (tail.stop == "that" and tail.end < len(toks)
                                          and toks[tail.end].text in _OPEN_QUOTE):
        k = tail.end
        q = r.quote_opening_at(toks[k].start) if k < len(toks) else None
        if q is not None:
            rest = r.text[q.outer_end:s.end]
            if q.close_at is None or all(not c.isalnum() for c in rest):
                return r.trim(q.start, r.quote_chain_end(q))
        return _content_fwd(r, s, k, cue_start) if tail.stop != "quote" or q is not None else None
    if tail.stop == "that":
        return _content_fwd(r, s, tail.end, cue_start)
    if tail.stop == "word" and not who.inverted:
        k = tail.end
        t = toks[k]
        if t.low in _FINITE or t.low.endswith("n't"):
            return None  # a clause does not start with its auxiliary: "…, Wikinews observed, was the …"
        if frame == "obj":
            if form.lemma == "call" and t.low not in ("for", "on"):
                return None  # "called the decision dangerous", "a group called X": naming, not calling for
            return _content_fwd(r, s, k, cue_start)
        if t.low in _NOT_CONTENT or (t.low in ("more", "much", "little") and not _clause_ahead(toks, k)):
            return None  # "said so", "said goodbye", "said much"
        opener = t.low in words("clause_opener") or is_cap(t) or t.low[0].isdigit()
        if frame in ("say", "tell"):
            return _content_fwd(r, s, k, cue_start)
        if frame == "cog" and opener and (_clause_ahead(toks, k - 1) or t.low in words("subject_pronoun")):
            return _content_fwd(r, s, k, cue_start, splice=True)
        if frame == "that" and t.low not in ("the", "a", "an") and _clause_ahead(toks, k - 1) and (
                opener or (t.text.islower() and k == _skip_fwd(toks, who.k_after))):
            return _content_fwd(r, s, k, cue_start)
        if frame == "that" and t.low in ("the",) and _clause_ahead(toks, k - 1) and form.lemma in (
                "show", "reveal", "find", "indicate", "suggest", "report", "note", "announce", "observe"):
            return _content_fwd(r, s, k, cue_start)
        return None
    if tail.stop == "end" and not who.participle and frame != "quote" and (
            tail.end - who.k_after <= _MAX_CLOSING_TAIL or tail.via):
        return _content_before(r, s, ci, who)
    return None


def _content_before(r: _Reader, s: _Sent, ci: int, who: _Speaker) -> Span | None:
    """'…, the minister said.': the content is the clause before the frame."""
    toks = s.toks
    start_tok = who.rng[0] if not who.inverted and who.rng[0] < ci else ci
    # The frame must be set off from its content: a comma or a quote right before it.
    prev = toks[start_tok - 1] if start_tok > 0 else None
    if prev is None or prev.text not in ",\"”—–":
        return None
    lo = 0
    while lo < start_tok and not is_word(toks[lo]) and toks[lo].text not in _OPEN_QUOTE:
        lo += 1
    if lo < start_tok and toks[lo].low in words("leading_conjunction"):
        lo += 1
    if lo >= start_tok:
        return None
    content = r.trim(toks[lo].start, who.frame_start)
    if content is None or sum(1 for t in toks[lo:start_tok] if is_word(t)) < 3:
        return None
    return content


# -- the readers of one cue -----------------------------------------------------------------------


def _read_verb(r: _Reader, s: _Sent, ci: int, cj: int, forms: tuple[CueForm, ...]) -> EnAttr | None:
    form = forms[0]
    tenses = {f.tense for f in forms}
    if form.frame == "quote" and form.lemma in ("quote", "cite"):
        return None  # relays: read through "as saying"
    if not _verb_use(s, ci, cj, forms):
        return None
    who = _speaker(r, s, ci, cj, form, tenses)
    if who is None:
        return None
    toks = s.toks
    # "told reporters", "warned residents": an audience may stand before the content.
    tail = _read_tail(r, s, _skip_fwd(toks, who.k_after), form.frame == "tell" or form.lemma in ("warn", "caution"),
                      obj=form.frame == "obj")
    if form.frame == "tell" and tail.stop == "that" and tail.end == _skip_fwd(toks, who.k_after) + 1:
        return None  # "was hauled in and told that …": "tell" needs someone told; a passive
    content = _content(r, s, ci, cj, form, who, tail)
    if content is None:
        return None
    kind = r.kind(*content)
    if who.after_quote is not None and kind == "mixed" and r.et.quote_at(content[1] - 1) is not None:
        kind = "direct"  # '"A," he said, "B."': the frame inside the quote does not count
    if content[0] <= toks[who.rng[0]].start < content[1] and not who.participle and who.after_quote is None:
        return None  # the speaker inside its own content: a misread frame
    source = (toks[who.rng[0]].start, toks[who.rng[1]].end)
    anaphor = who.participle or (who.rng[0] == who.rng[1] and (
        toks[who.rng[0]].low in words("subject_pronoun") or toks[who.rng[0]].low in words("object_pronoun")))
    via = (*who.via, *tail.via, *_trailing_relays(r, s, content))
    if tail.cited is not None:
        # "The agency reported, citing officials, that …": the officials spoke, the agency relayed.
        via = (source, *via)
        source = tail.cited
        anaphor = False
    return EnAttr(kind, source, (toks[ci].start, toks[cj].end), content, via, form.stance, anaphor, who.participle)


def _read_parenthetical(r: _Reader, s: _Sent, ci: int, cj: int, forms: tuple[CueForm, ...]) -> EnAttr | None:
    """'A, the minister said, B.': a frame inside the sentence; the content is the sentence."""
    tenses = {f.tense for f in forms}
    if forms[0].frame not in ("say", "that", "cog") or "ing" in tenses or not _verb_use(s, ci, cj, forms):
        return None
    toks = s.toks
    kb = _skip_back(toks, ci - 1)
    if kb >= 1 and toks[kb].text == ",":
        src = np_after(toks, _skip_fwd(toks, cj + 1))
        if src is None:
            return None
        after = src[1] + 1
    else:
        src = np_before(toks, kb) if kb >= 0 and is_word(toks[kb]) else None
        if src is None or src[0] < 1 or toks[src[0] - 1].text != ",":
            return None
        after = _skip_fwd(toks, cj + 1)
    if after >= len(toks) or toks[after].text != "," or after + 1 >= len(toks) or not is_word(toks[after + 1]):
        return None
    content = r.trim(s.start, s.end)
    if content is None:
        return None
    anaphor = src[0] == src[1] and toks[src[0]].low in words("subject_pronoun")
    return EnAttr(r.kind(*content), (toks[src[0]].start, toks[src[1]].end), (toks[ci].start, toks[cj].end),
                  content, (), forms[0].stance, anaphor)


def _read_quoted_as(r: _Reader, s: _Sent, ci: int, cj: int) -> EnAttr | None:
    """'X was quoted by Y as saying …', 'Y quoted X as saying …': X spoke, Y relayed."""
    toks = s.toks
    n = len(toks)
    k = cj + 1
    src = via = None
    if k + 1 < n and toks[k].low == "by":
        via = np_after(toks, k + 1)
        if via is not None:
            k = via[1] + 1
        j = _skip_back(toks, ci - 1)
        src = np_before(toks, j) if j >= 0 and is_word(toks[j]) else None
    else:
        src = np_after(toks, k)
        if src is not None:
            k = src[1] + 1
        j = _skip_back(toks, ci - 1)
        via = np_before(toks, j) if j >= 0 and is_word(toks[j]) else None
    if src is None or k + 1 >= n or toks[k].low != "as" or toks[k + 1].low not in ("saying", "telling", "stating"):
        return None
    tail = _read_tail(r, s, k + 2, toks[k + 1].low == "telling")
    if tail.stop in ("that", "word", "colon", "quote"):
        start = tail.end
        if tail.stop == "quote":
            q = r.quote_opening_at(toks[start].start)
            content = r.trim(q.start, r.quote_chain_end(q)) if q is not None else None
        else:
            content = _content_fwd(r, s, start, toks[ci].start)
    else:
        content = None
    if content is None:
        return None
    vias = ((toks[via[0]].start, toks[via[1]].end),) if via is not None else ()
    return EnAttr(r.kind(*content), (toks[src[0]].start, toks[src[1]].end), (toks[k + 1].start, toks[k + 1].end),
                  content, vias + tuple(tail.via), "assert")


def _read_according(r: _Reader, s: _Sent, ai: int, aj: int) -> EnAttr | None:
    toks = s.toks
    n = len(toks)
    rng = np_after(toks, aj + 1)
    if rng is None:
        return None
    src: Span = (toks[rng[0]].start, toks[rng[1]].end)
    via: list[Span] = []
    k = rng[1] + 1
    if k + 2 < n and toks[k].text == "(" and toks[k + 2].text == ")":
        k += 3  # "(KCNA)" after a name is the same source
    # "according to a statement published by KCNA": the outlet is a relay
    if k + 1 < n and f"{toks[k].low} {toks[k + 1].low}" in phrases_of("relay_by"):
        np2 = np_after(toks, k + 2)
        if np2 is not None:
            via.append((toks[np2[0]].start, toks[np2[1]].end))
            k = np2[1] + 1
    # "According to Yonhap, quoting KCNA, …": KCNA spoke, Yonhap relayed.
    j = k + 1 if k < n and toks[k].text == "," else k
    if j < n and toks[j].low in ("quoting", "citing"):
        np2 = np_after(toks, j + 1)
        if np2 is not None:
            via = [src, *via]
            src = (toks[np2[0]].start, toks[np2[1]].end)
            k = np2[1] + 1
            if k + 2 < n and toks[k].text == "(" and toks[k + 2].text == ")":
                k += 3
    lo = 0
    while lo < ai and not is_word(toks[lo]):
        lo += 1
    if lo < ai and toks[lo].low in words("leading_conjunction"):
        lo += 1
    before_words = sum(1 for t in toks[lo:ai] if is_word(t))
    rest = k + 1 if k < n and toks[k].text == "," else k
    after_words = sum(1 for t in toks[rest:] if is_word(t))
    if before_words <= 3 and after_words >= 2:
        a = toks[lo].start if before_words and toks[lo].low == "which" else toks[rest].start
        content = r.trim(a, s.end)
        q = r.et.quote_at(toks[ai].start)
        if content is not None and q is not None and q.end < content[1]:
            content = r.trim(content[0], q.end)
    elif after_words <= 1:
        content = r.trim(toks[lo].start, toks[ai].start)
    else:
        content = r.trim(toks[lo].start, s.end)
    if content is None:
        return None
    return EnAttr(r.kind(*content), src, (toks[ai].start, toks[aj].end), content, tuple(via), "assert")


def _pull_quotes(r: _Reader) -> list[EnAttr]:
    """'"…" - Matthew Ingram': a quote paragraph signed with a dash."""
    out = []
    for a, b in r.et.paragraphs:
        m = _PULL_QUOTE.fullmatch(r.text[:b].rstrip(), a)
        if m is not None:
            name = r.trim(m.start("n"), m.end("n"))
            content = r.trim(m.start("q"), m.end("q"))
            if name is not None and content is not None:
                out.append(EnAttr("direct", name, None, content, (), "assert"))
    return out


def _merge_relays(found: list[EnAttr]) -> list[EnAttr]:
    """'According to X, Y said …': one attribution, Y's, with X as its relay."""
    drop: set[int] = set()
    out = list(found)
    for i, a in enumerate(found):
        if a.cue is None or a.source is None:
            continue
        for j, b in enumerate(found):
            if i == j or j in drop or b.cue is None or b.source is None or b.cue[1] - b.cue[0] < 12:
                continue
            # b is an according-to whose content starts with a's speaker and holds a's frame
            if b.content[0] <= a.source[0] < b.content[0] + 12 and a.content[1] <= b.content[1] + 2 \
                    and b.cue[0] < a.cue[0]:
                out[i] = replace(a, via=(*a.via, b.source))
                drop.add(j)
    return [a for i, a in enumerate(out) if i not in drop]


def _merge_trailing(found: list[EnAttr]) -> list[EnAttr]:
    """'Y said X, according to Z': Z carried Y's words, a relay of Y's attribution."""
    drop: set[int] = set()
    out = list(found)
    for i, a in enumerate(found):
        if a.cue is None or a.source is None:
            continue
        for j, b in enumerate(found):
            if i == j or j in drop or b.cue is None or b.cue[1] - b.cue[0] < 12 or b.cue[0] < a.content[1]:
                continue
            if b.content[0] <= a.source[0] and a.content[1] <= b.content[1] + 2 and a.cue[0] < b.cue[0]:
                out[i] = replace(a, via=(*a.via, b.source, *b.via) if b.source else a.via)
                drop.add(j)
    return [a for i, a in enumerate(out) if i not in drop]


def _follow_speakers(found: list[EnAttr], et: EnText) -> list[EnAttr]:
    """A participle or a coordinated verb speaks for the speaker of the verb before it in its sentence."""
    out = []
    last: EnAttr | None = None
    for a in sorted(found, key=lambda x: x.cue[0] if x.cue else x.content[0]):
        if a.dependent and last is not None and last.cue is not None and a.cue is not None \
                and et.sentence_at(last.cue[0]) == et.sentence_at(a.cue[0]) and last.source is not None:
            a = replace(a, source=last.source, anaphor=True)
        out.append(a)
        if a.cue is not None:
            last = a
    return out


_PREV_WORD = re.compile(r"([\w'’]+)[ \t]+\Z")


def _noun_use(low: str, text: str, pos: int) -> bool:
    """A cheap first look, before any tokens are made: a capitalised form inside a sentence ("United
    States") or a form right after a determiner ("the report", "a statement") is not a verb."""
    if text[pos].isupper() and pos > 1 and text[pos - 2] not in ".!?\"“:\n" and text[pos - 1] not in "\"“(\n":
        return True
    m = _PREV_WORD.search(low, max(0, pos - 16), pos)
    return m is not None and m.group(1) in _DET_BEFORE


def _in_headline(r: _Reader, pos: int) -> bool:
    return any(a <= pos < b for a, b in r.headlines)


def extract_attributions(et: EnText, outlets: frozenset[Span] = frozenset()) -> list[EnAttr]:
    """Attributions of an English text, in text order."""
    r = _Reader(et, outlets)
    found: list[EnAttr] = []
    forms_of = cue_forms()
    according = set(phrases_of("according_to"))
    text = et.text
    for m in cue_regex().finditer(et.low):
        if (m.start() and et.low[m.start() - 1] in "'’-") or _in_headline(r, m.start()):
            continue
        low = " ".join(m.group().split())
        if low not in according and _noun_use(et.low, text, m.start()):
            continue  # decided on the text alone: the sentence need not be tokenised
        s = r.sent(et.sentence_at(m.start()))
        ci = _tok_index(s, m.start())
        if ci < 0:
            continue
        cj = ci
        while cj + 1 < len(s.toks) and s.toks[cj].end < m.end():
            cj += 1
        att: EnAttr | None
        if low in according:
            att = _read_according(r, s, ci, cj)
        elif low in ("quoting", "citing", "quoted", "cited"):
            att = _read_quoted_as(r, s, ci, cj) if low in ("quoted", "cited") else None
        else:
            forms = forms_of.get(low)
            if not forms:
                continue
            att = _read_verb(r, s, ci, cj, forms) or _read_parenthetical(r, s, ci, cj, forms)
        if att is not None:
            found.append(att)
    found.extend(_pull_quotes(r))
    found = _follow_speakers(_merge_trailing(_merge_relays(found)), et)
    seen: set[tuple[Span | None, Span]] = set()
    out = []
    for a in sorted(found, key=lambda x: (x.content[0], x.cue or (0, 0))):
        key = (a.cue, a.content)
        if key in seen:
            continue
        seen.add(key)
        out.append(a)
    return out


__all__ = ["EnAttr", "extract_attributions"]
