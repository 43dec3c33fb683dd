"""What stands between an English reporting verb and what was said, and where that content is
(steps 3 and 4 of `rawi.en.attributions`)."""

from __future__ import annotations

from bisect import bisect_left
from functools import cache

from rawi.en.attrview import (
    ADDING,
    END_PUNCT,
    FINITE,
    FRAME_PREPS,
    MAX_CLOSING_TAIL,
    MAX_FRAME_TAIL,
    NOT_CONTENT,
    OPEN_QUOTE,
    TIME_ADVERBS,
    Frame,
    Reader,
    Sent,
    Span,
    Speaker,
    adverb,
    clause_ahead,
    skip_fwd,
)
from rawi.en.lexicon import CueForm, cue_forms, phrases, words
from rawi.en.np import is_cap, is_word, np_after
from rawi.en.text import Tok
from rawi.en.times import weekdays

# -- 3. between the verb and the content ----------------------------------------------------------


@cache
def _first_words(kind: str) -> frozenset[str]:
    """The first words of the phrases of a kind ("frame": according_to, relay_by, setting). A token
    holds no space, so a phrase read from tokens k, k+1 … can only be one whose first word is token k's."""
    kinds = ("according_to", "relay_by", "setting") if kind == "frame" else (kind,)
    return frozenset(p.split(" ")[0] for p, v in phrases().items() if v.kind in kinds)


def read_tail(r: Reader, s: Sent, k: int, tell: bool, hi: int | None = None, obj: bool = False) -> Frame:
    """From token k (after the verb and any inverted speaker) to where the content starts:
    audiences, outlets (relays), settings, times; the stop says what opens the content.
    For a verb whose object is what was said (`obj`), a preposition right after it opens
    that object ("called for a ceasefire")."""
    toks = s.toks
    if obj and k < len(toks) and toks[k].low in ("for", "on", "to", "with", "against"):
        f = Frame()
        f.end, f.stop = k, "word"
        return f
    f = Frame()
    n = len(toks) if hi is None else hi
    start = k
    first = True
    rel = phrases()
    while k < n and k - start < MAX_FRAME_TAIL:
        t = toks[k]
        low = t.low
        if low == "that" and not (k + 1 < n and toks[k + 1].text in END_PUNCT):
            f.end, f.stop = k + 1, "that"
            return f
        if t.text == ":":
            f.end, f.stop = k + 1, "colon"
            return f
        if t.text in OPEN_QUOTE and r.quote_opening_at(t.start) is not None:
            f.end, f.stop = k, "quote"
            return f
        if t.text in ".!?;":
            f.end, f.stop = k, "end"
            return f
        if t.text in ",—–":
            if k + 1 < n and (
                toks[k + 1].low in ADDING
                or toks[k + 1].low in ("and", "but", "while", "as")
                or (
                    k == start
                    and toks[k + 1].low.endswith("ing")
                    and toks[k + 1].text.islower()
                    and toks[k + 1].low not in ("citing", "quoting", "speaking")
                )
            ):
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
        setting = 0
        if low in _first_words("setting"):  # a phrase's first word is its first token's: most words start none
            setting = next(
                (
                    n
                    for n in (4, 3, 2)
                    if " ".join(x.low for x in toks[k : k + n]) in rel
                    and rel[" ".join(x.low for x in toks[k : k + n])].kind == "setting"
                ),
                0,
            )
        if setting:
            k += setting
            first = False
            continue
        if first and tell and low not in FRAME_PREPS and low not in TIME_ADVERBS:
            np = np_after(toks, k, n)
            # "warned the river could flood": a phrase followed by its verb is the content's subject
            if (
                np is not None
                and np[1] + 1 < n
                and (toks[np[1] + 1].low in FINITE or toks[np[1] + 1].low.endswith("n't"))
            ):
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
        if low in FRAME_PREPS and k + 1 < n:
            np = np_after(toks, k + 1, n)
            if np is not None:
                a, b = toks[np[0]].start, toks[np[1]].end
                if low == "to" and r.is_outlet(a, b):
                    f.via.append((a, b))
                k = np[1] + 1
                continue
        if low in weekdays():
            # "said Tuesday that", "…, Austin said Friday." (no "on"): the day is the frame's when
            # "that" or the frame's end follows it
            m = k + 2 if k + 2 < n and toks[k + 1].low in ("morning", "afternoon", "evening", "night") else k + 1
            if m >= n or toks[m].low == "that" or toks[m].text in ".!?,;":
                k = m
                continue
        if low in ("last", "this", "next", "earlier", "late") and k + 1 < n and is_word(toks[k + 1]):
            k += 2
            continue
        if low in TIME_ADVERBS or adverb(t):
            k += 1
            continue
        break
    f.end, f.stop = k, ("end" if k >= n else "word")
    return f


# -- 4. what was said ----------------------------------------------------------------------------


def content_fwd(r: Reader, s: Sent, k: int, cue_pos: int, splice: bool = False) -> Span | None:
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
        if t.text in ",;" and (nxt.low in ADDING or trailing_frame(toks, j + 1)):
            b = t.start
            break
        if splice and t.text in ",;" and (nxt.low in words("subject_pronoun") or nxt.low in ("but", "so")):
            b = t.start
            break
        if t.low in ("and", "but") and (
            nxt.low in cue_forms() or (j + 2 < len(toks) and adverb(nxt) and toks[j + 2].low in cue_forms())
        ):
            cue = nxt if nxt.low in cue_forms() else toks[j + 2]
            if any(f.tense in ("past", "present") for f in cue_forms()[cue.low]):
                b = t.start
                break
    return r.trim(a, b)


def trailing_frame(toks: list[Tok], k: int) -> bool:
    """Does a frame start at token k: "according to", "in remarks carried by", "quoted by", "in a statement"?"""
    rel = phrases()
    if k < len(toks) and toks[k].low in _first_words("frame"):
        for n in (2, 3, 4):
            words_ = " ".join(t.low for t in toks[k : k + n])
            p = rel.get(words_)
            if p is not None and p.kind in ("according_to", "relay_by", "setting"):
                return True
    # "in comments later carried by …"
    return (
        k < len(toks)
        and toks[k].low in ("in", "on")
        and any(
            f"{a.low} {b.low}" in rel and rel[f"{a.low} {b.low}"].kind == "relay_by"
            for a, b in zip(toks[k : k + 6], toks[k + 1 : k + 7], strict=False)
        )
    )


def trailing_relays(r: Reader, s: Sent, content: Span) -> list[Span]:
    """Relays in a frame after the content: "…, in remarks carried by KCNA"."""
    toks = s.toks
    for j in range(bisect_left(s.starts, content[1]), len(toks) - 1):
        if toks[j].text == "," and toks[j + 1].low != "according" and trailing_frame(toks, j + 1):
            return read_tail(r, s, j + 1, False).via
    return []


def next_paragraph(r: Reader, pos: int) -> Span | None:
    """The paragraph after the one holding `pos` (its quote, if it is one): what follows a closing colon."""
    p = r.et.paragraph_at(pos)
    if p + 1 >= len(r.et.paragraphs):
        return None
    a, b = r.et.paragraphs[p + 1]
    q = r.quote_opening_at(a + len(r.text[a:b]) - len(r.text[a:b].lstrip()))
    if q is not None:
        return r.trim(q.start, r.quote_chain_end(q))
    return r.trim(a, b)


# Adverbs before "a"/"an" that open a share, not an object: "a poll found only a quarter of …".
_BEFORE_A_SHARE = frozenset({"only", "about", "nearly", "almost", "just", "roughly"})


def find_content(r: Reader, s: Sent, ci: int, cj: int, form: CueForm, who: Speaker, tail: Frame) -> Span | None:
    """Where what was said is, given the speaker and the frame after the verb (None: not an attribution)."""
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
        if nxt is None and s.end < para_end:
            # '"A," said Bolden to the crowd that had gathered. "B."': the quote goes on after the sentence
            nxt = r.quote_starting_after(s.end, para_end)
        if nxt is not None and nxt.open_at > cue_start and (tail.stop == "quote" or r.text[last : nxt.open_at].strip()):
            b = r.quote_chain_end(nxt)
        return r.trim(a, b)
    if tail.stop == "quote" and who.inverted:
        return None
    # "…: " at the end of a paragraph: the next paragraph is what was said.
    if s.end >= para_end - 1 and r.text[:para_end].rstrip().endswith(":") and tail.stop in ("colon", "word", "end"):
        colon = r.text.rfind(":", cue_start, para_end)
        if colon >= 0 and sum(1 for t in toks if cue_start < t.start < colon and is_word(t)) <= 10:
            return next_paragraph(r, cue_start)
    if tail.stop in ("colon", "quote") or (
        tail.stop == "that" and tail.end < len(toks) and toks[tail.end].text in OPEN_QUOTE
    ):
        k = tail.end
        q = r.quote_opening_at(toks[k].start) if k < len(toks) else None
        if q is not None:
            rest = r.text[q.outer_end : s.end]
            if q.close_at is None or all(not c.isalnum() for c in rest):
                return r.trim(q.start, r.quote_chain_end(q))
        return content_fwd(r, s, k, cue_start) if tail.stop != "quote" or q is not None else None
    if tail.stop == "that":
        return content_fwd(r, s, tail.end, cue_start)
    if tail.stop == "word" and not who.inverted:
        k = tail.end
        t = toks[k]
        if t.low in FINITE or t.low.endswith("n't"):
            return None  # a clause does not start with its auxiliary: "…, Wikinews observed, was the …"
        if frame == "obj":
            if form.lemma == "call" and t.low not in ("for", "on"):
                return None  # "called the decision dangerous", "a group called X": naming, not calling for
            return content_fwd(r, s, k, cue_start)
        if (t.low in NOT_CONTENT and not (t.low == "no" and clause_ahead(toks, k))) or (
            t.low in ("more", "much", "little") and not clause_ahead(toks, k)
        ):
            return None  # "said so", "said goodbye", "said much", "said no to" (but "said no one was hurt")
        opener = t.low in words("clause_opener") or is_cap(t) or t.low[0].isdigit()
        if frame in ("say", "tell"):
            return content_fwd(r, s, k, cue_start)
        # A thought's clause may open with a gerund subject: "believes redesigning the flag now has …".
        gerund = frame == "cog" and t.low.endswith("ing") and len(t.low) > 5
        if frame == "cog" and (opener or gerund) and (clause_ahead(toks, k - 1) or t.low in words("subject_pronoun")):
            return content_fwd(r, s, k, cue_start, splice=True)
        if (
            frame == "that"
            and t.low not in ("the", "a", "an")
            and clause_ahead(toks, k - 1)
            and (opener or (t.text.islower() and k == skip_fwd(toks, who.k_after)))
        ):
            return content_fwd(r, s, k, cue_start)
        evidence = form.lemma in (
            "show",
            "reveal",
            "find",
            "indicate",
            "suggest",
            "report",
            "note",
            "announce",
            "observe",
        )
        if frame == "that" and t.low in ("the",) and clause_ahead(toks, k - 1) and evidence:
            return content_fwd(r, s, k, cue_start)
        if (
            frame == "that"
            and evidence
            and t.low in ("a", "an")
            and k - 1 > ci
            and toks[k - 1].low in _BEFORE_A_SHARE
            and clause_ahead(toks, k - 1)
        ):
            return content_fwd(r, s, k - 1, cue_start)  # "found only a quarter of citizens favoured …"
        return None
    if (
        tail.stop == "end"
        and not who.participle
        and frame != "quote"
        and (tail.end - who.k_after <= MAX_CLOSING_TAIL or tail.via)
    ):
        return content_before(r, s, ci, who)
    return None


def content_before(r: Reader, s: Sent, ci: int, who: Speaker) -> Span | None:
    """'…, the minister said.': the content is the clause before the frame."""
    toks = s.toks
    start_tok = who.rng[0] if not who.inverted and who.rng[0] < ci else ci
    # The frame must be set off from its content: a comma or a quote right before it.
    prev = toks[start_tok - 1] if start_tok > 0 else None
    if prev is None or prev.text not in ',"”—–':
        return None
    lo = 0
    while lo < start_tok and not is_word(toks[lo]) and toks[lo].text not in OPEN_QUOTE:
        lo += 1
    if lo < start_tok and toks[lo].low in words("leading_conjunction"):
        lo += 1
    if lo >= start_tok:
        return None
    content = r.trim(toks[lo].start, who.frame_start)
    if content is None or sum(1 for t in toks[lo:start_tok] if is_word(t)) < 3:
        return None
    return content
