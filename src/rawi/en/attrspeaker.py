"""Who speaks at an English cue: is the word a verb here, and which phrase is its speaker
(steps 1 and 2 of `rawi.en.attributions`)."""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from rawi.en.attrcontent import (
    read_tail,
)
from rawi.en.attrview import (
    BE,
    FINITE,
    FRAME_PREPS,
    HAVE,
    MAX_PAREN,
    MAX_RELATIVE,
    NOUN_BEFORE,
    PARTICIPLE_LINK,
    QUOTE_CHARS,
    RELATIVE,
    TIME_ADVERBS,
    Reader,
    Sent,
    Span,
    Speaker,
    adverb,
    skip_back,
    skip_fwd,
)
from rawi.en.lexicon import CueForm, cue_forms, words
from rawi.en.np import is_cap, is_word, np_after, np_before
from rawi.en.text import Tok

Tenses = AbstractSet[str]  # the tenses of a form's readings

# -- 1. is it a verb here? -----------------------------------------------------------------


def verb_use(s: Sent, ci: int, cj: int, tenses: Tenses) -> bool:
    """Is the cue word a verb here? Nouns ("media reports"), passives ("he was told"), infinitives
    ("refused to say") and adjectives ("a blog written by") are not. `tenses`: those of the word's readings."""
    toks = s.toks
    tok = toks[ci]
    prev = toks[ci - 1] if ci > 0 else None
    nxt = toks[cj + 1] if cj + 1 < len(toks) else None
    # A capitalised verb inside a sentence is a name or a noun ("United States").
    if tok.text[0].isupper() and prev is not None and prev.text not in QUOTE_CHARS and prev.text not in ".:—–-(":
        return False
    if (
        prev is not None
        and (prev.low in words("determiner") or prev.low in NOUN_BEFORE or prev.low[0].isdigit())
        and not (prev.low in ("that", "which", "who") and "ing" not in tenses)
        and not (prev.low in ("media", "press", "news") and "past" in tenses)
    ):
        return False  # "the report", "media reports"; but "media reported" is a verb
    if nxt is not None and (nxt.low[0].isdigit() and "present" in tenses and tenses != {"past", "participle"}):
        after = toks[cj + 2] if cj + 2 < len(toks) else None
        if after is None or not after.low.isalpha() or after.low in ("and", "or", "to"):
            return False  # "police posts 542 and 543"; but "officials say 40 people died"
    if nxt is not None and (nxt.low in FINITE or nxt.low.endswith("n't")) and nxt.low not in ("'s", "’s"):
        return False  # "claims can be", "reports were": a verb is never followed by an auxiliary
    if (
        nxt is not None
        and tok.low.endswith("s")
        and "present" in tenses
        and nxt.low in cue_forms()
        and any(f.tense in ("present", "past") for f in cue_forms()[nxt.low])
    ):
        return False  # "media reports say": a plural noun before the verb
    j = ci - 1
    while j >= 0 and adverb(toks[j]):
        j -= 1
    before = toks[j].low if j >= 0 else ""
    if "present" in tenses and "past" not in tenses and before in BE:
        return False  # "the boy was welcome to come": an adjective after "was"
    if tenses <= {"participle", "past"} and "participle" in tenses:
        # Passives report what someone heard ("he was told"); "is said to" hides the speaker.
        if before in BE:
            return False
        if "past" not in tenses and before not in HAVE:
            return False  # "a blog written by": a participle with no auxiliary is an adjective
    if tenses == {"ing"}:
        return (
            prev is None
            or prev.low in PARTICIPLE_LINK
            or before in ("is", "are", "was", "were", "been", "be", "am", "'s", "’s", "'re", "’re")
            or with_subject(toks, ci) is not None
        )
    # "refused to say", "did not say"
    return not (before in ("to", "not") and "present" in tenses and j == ci - 1)


def with_subject(toks: list[Tok], ci: int) -> tuple[int, int] | None:
    """'…, with Boswell stating: "…"': a participle with its own subject after "with"."""
    rng = np_before(toks, ci - 1) if ci > 1 else None
    if rng is not None and rng[0] > 0 and toks[rng[0] - 1].low == "with" and is_cap(toks[rng[0]]):
        return rng
    return None


# -- 2. who speaks ---------------------------------------------------------------------------


def first_np(s: Sent, hi: int) -> tuple[int, int] | None:
    """The subject of a sentence: its first noun phrase, after a leading phrase closed by a comma."""
    toks = s.toks
    k = 0
    while k < hi and not is_word(toks[k]):
        k += 1
    if k < hi and toks[k].low in words("leading_conjunction"):
        k += 1
    if (
        k + 1 < hi
        and toks[k + 1].low[0].isdigit()
        and toks[k].low in ("about", "some", "around", "over", "nearly", "almost", "roughly", "up")
    ):
        k += 1  # "About 3,000 farmers marched": a qualified number starts the subject
    elif k < hi and (
        toks[k].low in words("preposition") or toks[k].low in TIME_ADVERBS or toks[k].low in words("subordinator")
    ):
        for j in range(k, hi):
            if toks[j].text == ",":
                k = j + 1
                break
    while k < hi and not is_word(toks[k]):
        k += 1
    return np_after(toks, k, hi) if k < hi else None


def good_source(s: Sent, rng: tuple[int, int] | None) -> bool:
    if rng is None:
        return False
    # A word, and one that is not a determiner, a preposition inside a name or a number.
    det, np_prep = words("determiner"), words("np_preposition")
    word = content = False
    for t in s.toks[rng[0] : rng[1] + 1]:
        word = word or is_word(t)
        content = content or not (t.low in det or t.low in np_prep or t.low.isdigit())
        if word and content:
            return True
    return False


def parenthetical_before(r: Reader, s: Sent, kb: int) -> tuple[tuple[int, int], list[Span]] | None:
    """'Kim, a spokesman for X, said' / 'al-Amr, in remarks to state TV, said': the speaker before the commas."""
    toks = s.toks
    j = kb - 1
    while j >= 0 and toks[j].text != "," and kb - j <= MAX_RELATIVE:
        if toks[j].text in QUOTE_CHARS or (
            toks[j].low in cue_forms()
            and j > 0
            and (toks[j - 1].low not in words("preposition") and toks[j - 1].low not in words("determiner"))
            and toks[j - 1].low != "to"  # "not authorised to brief the media": no finite verb
            and not (j + 1 < len(toks) and toks[j + 1].low == "by")
        ):
            return None
        j -= 1
    if j <= 0 or toks[j].text != ",":
        return None
    if kb - j > MAX_PAREN + 1 and toks[j + 1].low not in ("who", "whose"):
        return None  # only a relative clause runs longer ("…, who spoke on condition of anonymity because …,")
    cand = np_before(toks, j - 1)
    if cand is None or not good_source(s, cand):
        return None
    # Relays inside the parenthesis: "quoted by state media", "in remarks carried by KCNA".
    inner = read_tail(r, s, j + 1, False, kb)
    return cand, inner.via


def find_speaker(r: Reader, s: Sent, ci: int, cj: int, form: CueForm, tenses: Tenses) -> Speaker | None:
    """The phrase that speaks at the verb, where the frame stands, and where the frame ends."""
    toks = s.toks
    kb = skip_back(toks, ci - 1)
    if kb >= 2 and toks[kb].text == ")":
        # "The World Health Organisation (WHO) recommends": the acronym in brackets is the same speaker
        j = kb - 1
        while j > 0 and toks[j].text != "(" and kb - j < 6:
            j -= 1
        if toks[j].text == "(" and j > 0 and is_word(toks[j - 1]):
            kb = j - 1
    cue_start = toks[ci].start
    participle = tenses == {"ing"} and (
        ci == 0 or toks[ci - 1].low in PARTICIPLE_LINK or toks[ci - 1].text in PARTICIPLE_LINK
    )
    after_quote = None
    if kb < 0 or toks[kb].text in QUOTE_CHARS or toks[kb].text in ",.!?":
        after_quote = r.quote_ending_before(cue_start, s.start if kb < 0 else toks[kb].start - 2)
    if tenses == {"ing"} and not participle:
        own = with_subject(toks, ci)
        if own is not None:
            return Speaker(own, False, False, toks[own[0]].start, cj + 1, None)
    if participle:
        rng = first_np(s, ci)
        if rng is None:
            return None
        return Speaker(rng, False, True, cue_start, cj + 1, None)
    if (
        kb >= 0
        and is_word(toks[kb])
        and toks[kb].low not in ("and", "but", "or")
        and (toks[kb].low not in RELATIVE or toks[kb].text.isupper())
    ):
        rng = np_before(toks, kb)
        if rng is None or not good_source(s, rng):
            return None
        first = toks[rng[0]]
        if rng[0] > 0 and toks[rng[0] - 1].low in words("preposition") and first.text[0].islower():
            return None  # "In her opening remarks, …", "in a blog post": a phrase inside a preposition
        if toks[rng[1]].low.endswith("ing") and toks[rng[1]].text.islower():
            return None  # "drawing notice", "her opening remarks": a gerund or a modifier, not a speaker
        if (
            first.text[0].islower()
            and rng[0] > 0
            and is_word(toks[rng[0] - 1])
            and toks[rng[0] - 1].low not in words("subordinator")
            and toks[rng[0] - 1].low not in words("conjunction")
            and toks[rng[0] - 1].low not in words("preposition")
            and toks[rng[0] - 1].low not in cue_forms()
        ):
            return None  # a verb in the middle of a clause: "the seekers found in the water"
        if not agrees(s, rng, form, tenses, ci):
            return None
        before = r.quote_ending_before(first.start, s.start) if rng[0] > 0 else None
        return Speaker(rng, False, False, first.start, cj + 1, after_quote or before)
    if kb >= 0 and toks[kb].low in ("and", "but", "or"):
        rng = first_np(s, kb)
        if rng is None:
            return None
        return Speaker(rng, False, True, cue_start, cj + 1, None)
    if kb >= 0 and toks[kb].low in RELATIVE and not toks[kb].text.isupper():
        j = kb - 1
        if j >= 0 and toks[j].text == ",":
            j -= 1
        rng = np_before(toks, j) if j >= 0 else None
        if rng is None or not good_source(s, rng):
            return None
        return Speaker(rng, False, False, cue_start, cj + 1, None)
    # After a quote, a comma or at the sentence start: the speaker may follow ('"…," said Kim').
    k = skip_fwd(toks, cj + 1)
    rng = np_after(toks, k)
    if rng is not None and form.frame != "tell" and good_source(s, rng):
        nxt = toks[rng[1] + 1] if rng[1] + 1 < len(toks) else None
        closes = nxt is None or nxt.text in ',.;:!?"”—–'
        if closes or (after_quote is not None and nxt is not None and nxt.low in FRAME_PREPS):
            k_after = rng[1] + 1
            if nxt is not None and nxt.text == ",":
                app = np_after(toks, rng[1] + 2)
                if app is not None and (app[1] + 1 >= len(toks) or toks[app[1] + 1].text in ",.;:!?"):
                    k_after = app[1] + 1  # ", a spokesman for the ministry"
            return Speaker(rng, True, False, cue_start, k_after, after_quote)
    if kb >= 0 and toks[kb].text == "," and after_quote is None:
        found = parenthetical_before(r, s, kb)
        if found is not None:
            rng, via = found
            return Speaker(rng, False, False, toks[rng[0]].start, cj + 1, None, tuple(via))
        # "The results of the study published this week, revealed that …": a stray comma.
        rng = np_before(toks, kb - 1) if kb >= 1 and is_word(toks[kb - 1]) else None
        if rng is not None and good_source(s, rng) and rng[0] == 0:
            return Speaker(rng, False, False, toks[rng[0]].start, cj + 1, None)
    return None


def agrees(s: Sent, rng: tuple[int, int], form: CueForm, tenses: Tenses, ci: int) -> bool:
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
