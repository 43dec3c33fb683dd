"""The sentence view the English attribution rules read: tokens on demand, quotes, spans, and the
word classes and limits the rules share (`rawi.en.attributions` explains the rules)."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from rawi.en.lexicon import phrases_of, words
from rawi.en.np import is_cap, is_word
from rawi.en.text import EnText, Quote, Tok, tokens
from rawi.en.times import weekdays

Span = tuple[int, int]


class EnAttr(NamedTuple):
    """One attribution in text offsets (a tuple: cheaper to build than a frozen dataclass)."""

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


QUOTE_CHARS = frozenset('"“”„«»')
OPEN_QUOTE = frozenset('"“„«')
END_PUNCT = ".!?…;:,"
TRAIL = frozenset(" \t\n.,;:!?…\"“”'’«»—–-")
LEAD = frozenset(' \t\n"“”«»,:;—–-')
BE = frozenset(
    {"is", "are", "was", "were", "be", "been", "being", "am", "get", "got", "gets", "getting", "'m", "’m", "'re", "’re"}
)
HAVE = frozenset({"has", "have", "had", "having", "'ve", "’ve"})
PARTICIPLE_LINK = frozenset(
    {",", "before", "after", "while", "when", "by", "and", "also", "—", "–", "-", "(", "without", "then"}
)
RELATIVE = frozenset({"who", "which", "that"})
# Determiners and possessives before a reporting-verb form make it a noun whatever follows.
DET_BEFORE = frozenset(
    {
        "the",
        "a",
        "an",
        "this",
        "these",
        "those",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "every",
        "each",
        "no",
        "another",
        "such",
        "any",
        "some",
    }
)
# Words before a reporting-verb form that make it a noun ("the new report", "media reports", "such claims").
NOUN_BEFORE = frozenset(
    {
        "'s",
        "’s",
        "to",
        "as",
        "of",
        "new",
        "recent",
        "latest",
        "media",
        "press",
        "news",
        "such",
        "more",
        "many",
        "few",
        "several",
        "his",
        "her",
        "our",
        "their",
        "its",
        "my",
        "your",
        "whose",
        "these",
        "those",
        "similar",
        "other",
    }
)
# Words that do not start a reported clause after "said" / "believe" ("said so", "said goodbye").
NOT_CONTENT = frozenset(
    {
        "so",
        "about",
        "nothing",
        "something",
        "anything",
        "yes",
        "no",
        "goodbye",
        "hello",
        "as",
        "otherwise",
        "what",
        "how",
        "why",
        "whether",
        "where",
        "when",
        "who",
        "which",
        "if",
        "of",
        "for",
        "thank",
        "thanks",
        "sorry",
        "to",
        "with",
        "and",
        "but",
        "or",
        "nor",
        "then",
        "because",
        "before",
        "after",
        "while",
        "until",
    }
)
FINITE = frozenset(
    {
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "should",
        "must",
        "do",
        "does",
        "did",
        "'s",
        "’s",
        "'re",
        "’re",
        "'ll",
        "’ll",
        "shall",
        "won't",
        "can't",
        "isn't",
        "wasn't",
        "aren't",
        "weren't",
        "don't",
        "doesn't",
        "didn't",
        "'d",
        "’d",
        "hasn't",
        "haven't",
        "hadn't",
        "wouldn't",
        "couldn't",
        "remains",
        "remain",
    }
)
ADDING = frozenset(
    {
        "adding",
        "saying",
        "noting",
        "stressing",
        "warning",
        "insisting",
        "explaining",
        "claiming",
        "arguing",
        "stating",
        "writing",
        "telling",
    }
)
TIME_ADVERBS = frozenset(
    {
        "yesterday",
        "today",
        "tonight",
        "earlier",
        "later",
        "also",
        "again",
        "recently",
        "previously",
        "publicly",
        "privately",
        "repeatedly",
        "separately",
        "then",
        "now",
        "once",
        "twice",
        "further",
        "late",
        "early",
        "however",
        "meanwhile",
    }
)
FRAME_PREPS = frozenset(
    {
        "in",
        "on",
        "at",
        "to",
        "with",
        "during",
        "via",
        "through",
        "from",
        "after",
        "before",
        "over",
        "while",
        "for",
        "of",
        "about",
        "by",
        "under",
        "using",
        "speaking",
        "writing",
    }
)
PULL_QUOTE = re.compile(r"[\"“](?P<q>[^\"“”\n]{8,})[\"”]\s*[-–—]+\s*(?P<n>[A-Z][^\n,()]{1,60})")
OUTLET_NAME = re.compile(
    r"\b(?:News|Times|Post|Herald|Agency|Press|Radio|TV|Television|Tribune|Journal|Gazette|"
    r"Telegraph|Guardian|Reuters|AFP|AP|BBC|CNN|Media|Daily|Broadcasting|Channel|Magazine|"
    r"Chronicle|Observer|Independent|Weekly|Express|Mirror|Sun|Mail|Star|Globe)\b"
)
# A wire dateline at the start of a story: "GAZA CITY, Oct 24 (Reuters) - ", "WASHINGTON (AP) — ".
DATELINE = re.compile(r"[A-Z][A-Z .'’-]+(?:,[^\n()]{0,30})?\([A-Za-z .&-]{2,30}\)\s*[-–—]+\s*")
MAX_FRAME_TAIL = 16
# A frame that closes its sentence ("…, the minister said on Thursday.") is short after its verb.
MAX_CLOSING_TAIL = 8
MAX_PAREN = 14
# A relative clause between a speaker and the verb may run longer ("…, who spoke on condition of
# anonymity because they were not authorised to brief the media, said").
MAX_RELATIVE = 24
HEADLINE_WORDS = 25


@dataclass(slots=True)
class Sent:
    start: int
    end: int
    toks: list[Tok]
    starts: list[int]


@dataclass(slots=True)
class Speaker:
    rng: tuple[int, int]  # token range of the speaker phrase
    inverted: bool  # the phrase follows the verb
    participle: bool  # the verb hangs from another clause's subject
    frame_start: int  # text offset where the frame starts (speaker or verb)
    k_after: int  # token index after the verb and an inverted speaker
    after_quote: Quote | None  # the frame follows this quote
    via: tuple[Span, ...] = ()


class Frame:
    """What a verb's frame holds after the verb: relays, and where it ends."""

    __slots__ = ("cited", "end", "stop", "via")

    def __init__(self) -> None:
        self.via: list[Span] = []
        self.cited: Span | None = None  # "…, citing officials, …": the one who spoke
        self.end = 0  # token index after the frame
        self.stop = ""  # that | colon | quote | end | word


class Reader:
    """The article's sentences (tokenised on demand), quotes and headline lines."""

    def __init__(self, et: EnText, outlets: frozenset[Span]) -> None:
        self.et = et
        self.text = et.text
        self.outlets = outlets
        self._sents: dict[int, Sent] = {}
        self._quote_opens = [q.open_at for q in et.quotes]
        self.headlines = headlines(et)

    def sent(self, idx: int) -> Sent:
        s = self._sents.get(idx)
        if s is None:
            a, b = self.et.sentences[idx]
            toks = tokens(self.text, a, b, self.et.low)
            s = Sent(a, b, toks, [t.start for t in toks])
            self._sents[idx] = s
        return s

    def trim(self, a: int, b: int) -> Span | None:
        """A content span without leading/trailing quotes, punctuation and white space."""
        text = self.text
        while b > a and text[b - 1] in TRAIL:
            b -= 1
        while a < b and text[a] in LEAD:
            a += 1
        m = DATELINE.match(text, a, b)
        if m is not None:
            a = m.end()  # "GAZA CITY, Oct 24 (Reuters) - ": the wire's dateline is not what was said
        if b > a and text[b - 1] == ")" and "(" not in text[a:b]:
            b -= 1
        return (a, b) if b - a >= 2 else None

    def kind(self, a: int, b: int) -> str:
        """direct when the content's words are all quoted, mixed when some are, else indirect."""
        i = bisect_left(self._quote_opens, a) - 1
        quoted = 0
        for q in self.et.quotes[max(0, i) :]:
            if q.start >= b:
                break
            lo, hi = max(q.start, a), min(q.end, b)
            if hi > lo:
                quoted += _alnum_count(self.text[lo:hi])
        if not quoted:
            return "indirect"
        letters = _alnum_count(self.text[a:b])
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
                gap = self.text[q.outer_end : pos]
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
            if (
                q.open_at < hi
                and all(not c.isalnum() for c in self.text[pos : q.open_at])
                and "\n" not in self.text[pos : q.open_at]
            ):
                return q
        return None

    def is_outlet(self, a: int, b: int) -> bool:
        return any(s < b and e > a for s, e in self.outlets) or bool(OUTLET_NAME.search(self.text, a, b))


# The ASCII bytes that are not letters or digits: deleting them from an ASCII text leaves its
# `str.isalnum` characters, counted in C rather than by a call a character.
_ASCII_NOT_ALNUM = bytes(c for c in range(128) if not chr(c).isalnum())


def _alnum_count(s: str) -> int:
    if s.isascii():
        return len(s.encode("ascii").translate(None, _ASCII_NOT_ALNUM))
    return sum(map(str.isalnum, s))


def headlines(et: EnText) -> list[Span]:
    """Lines that are headlines, datelines or captions: short, with no final punctuation."""
    out = []
    text = et.text
    for i, (a, b) in enumerate(et.paragraphs):
        line = text[a:b].rstrip()
        if not line or line[-1] in '.!?"”’:;)' or len(line.split()) > HEADLINE_WORDS:
            continue
        if i + 1 < len(et.paragraphs) or i == 0:
            out.append((a, b))
    return out


def tok_index(s: Sent, pos: int) -> int:
    """Index of the token that starts at `pos`, or -1."""
    i = bisect_left(s.starts, pos)
    return i if i < len(s.toks) and s.toks[i].start == pos else -1


def adverb(t: Tok) -> bool:
    """An adverb that may stand inside a frame: "also", "later", "publicly"."""
    low = t.low
    return low in words("frame_adverb") or (
        low.endswith("ly")
        and len(low) > 4
        and t.text.islower()
        and low not in ("early", "only", "family", "italy", "july", "rally")
    )


def skip_back(toks: list[Tok], k: int) -> int:
    """Left over adverbs, auxiliaries, a day and a setting between a speaker and the verb ("has
    also said", "The ministry on Monday said", "Officials last week said", "X in a statement said")."""
    aux = words("auxiliary")
    while k >= 0:
        low = toks[k].low
        if adverb(toks[k]) or low in aux:
            k -= 1
        elif low in weekdays():
            k -= 2 if k >= 1 and toks[k - 1].low in ("on", "late", "early") else 1
        elif low in _PERIODS and k >= 1 and toks[k - 1].low in ("last", "this", "next"):
            k -= 2
        elif (n := _setting_before(toks, k)) > 0:
            k -= n
        else:
            break
    return k


_PERIODS = frozenset({"week", "month", "year", "night", "weekend"})


def _setting_before(toks: list[Tok], k: int) -> int:
    """The length of a setting phrase ("in a statement", "at a news conference") ending at token k."""
    settings = _settings()
    for n in (4, 3, 2):
        if k - n + 1 >= 0 and " ".join(t.low for t in toks[k - n + 1 : k + 1]) in settings:
            return n
    return 0


@cache
def _settings() -> frozenset[str]:
    return frozenset(phrases_of("setting"))


def skip_fwd(toks: list[Tok], k: int) -> int:
    """Right over adverbs after the verb ("said later that")."""
    while k < len(toks) and adverb(toks[k]):
        k += 1
    return k


def clause_ahead(toks: list[Tok], k: int) -> bool:
    """A finite verb within the next few words: what follows is a clause, not an object."""
    for j in range(k + 1, min(len(toks), k + 12)):
        t = toks[j]
        if not is_word(t) and t.text not in ("'s", "’s", "-"):
            if t.text in ',;:.!?"“”()':
                return False
            continue
        low = t.low
        if low in RELATIVE or low in ("where", "whose", "whom"):
            return False  # "announced the locations that would …": a relative clause, an object
        if low in FINITE or low.endswith("n't"):
            return True
        if (
            low.endswith("ed")
            and len(low) > 4
            and toks[j - 1].low not in words("determiner")
            and toks[j - 1].low not in words("preposition")
            and not is_cap(t)
        ):
            return True
    return False
