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
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from types import MappingProxyType

from rawi.en.attrcontent import (
    content_before,
    content_fwd,
    find_content,
    read_tail,
    trailing_relays,
)
from rawi.en.attrspeaker import (
    Tenses,
    find_speaker,
    verb_use,
)
from rawi.en.attrview import (
    ADDING,
    DET_BEFORE,
    PULL_QUOTE,
    EnAttr,
    Reader,
    Sent,
    Span,
    Speaker,
    skip_back,
    skip_fwd,
    tok_index,
)
from rawi.en.lexicon import CueForm, cue_forms, cue_regex, phrases_of, words
from rawi.en.np import is_word, np_after, np_before
from rawi.en.text import EnText

# -- the readers of one cue -----------------------------------------------------------------------


def _read_verb(r: Reader, s: Sent, ci: int, cj: int, forms: tuple[CueForm, ...], tenses: Tenses) -> EnAttr | None:
    """A verb (`verb_use`, checked by the caller) with its speaker, frame and content."""
    form = forms[0]
    if form.frame == "quote" and form.lemma in ("quote", "cite"):
        return None  # relays: read through "as saying"
    who = find_speaker(r, s, ci, cj, form, tenses)
    if who is None:
        return None
    toks = s.toks
    # "told reporters", "warned residents": an audience may stand before the content.
    tail = read_tail(
        r,
        s,
        skip_fwd(toks, who.k_after),
        form.frame == "tell" or form.lemma in ("warn", "caution"),
        obj=form.frame == "obj",
    )
    if form.frame == "tell" and tail.stop == "that" and tail.end == skip_fwd(toks, who.k_after) + 1:
        return None  # "was hauled in and told that …": "tell" needs someone told; a passive
    content = find_content(r, s, ci, cj, form, who, tail)
    if content is None:
        return None
    kind = r.kind(*content)
    if who.after_quote is not None and kind == "mixed" and r.et.quote_at(content[1] - 1) is not None:
        kind = "direct"  # '"A," he said, "B."': the frame inside the quote does not count
    if content[0] <= toks[who.rng[0]].start < content[1] and not who.participle and who.after_quote is None:
        return None  # the speaker inside its own content: a misread frame
    source = (toks[who.rng[0]].start, toks[who.rng[1]].end)
    anaphor = who.participle or (
        who.rng[0] == who.rng[1]
        and (toks[who.rng[0]].low in words("subject_pronoun") or toks[who.rng[0]].low in words("object_pronoun"))
    )
    via = (*who.via, *tail.via, *trailing_relays(r, s, content))
    if tail.cited is not None:
        # "The agency reported, citing officials, that …": the officials spoke, the agency relayed.
        via = (source, *via)
        source = tail.cited
        anaphor = False
    return EnAttr(kind, source, (toks[ci].start, toks[cj].end), content, via, form.stance, anaphor, who.participle)


def _read_parenthetical(
    r: Reader, s: Sent, ci: int, cj: int, forms: tuple[CueForm, ...], tenses: Tenses
) -> EnAttr | None:
    """'A, the minister said, B.': a frame inside the sentence (a verb: `verb_use`, checked by the
    caller); the content is the sentence."""
    if forms[0].frame not in ("say", "that", "cog") or "ing" in tenses:
        return None
    toks = s.toks
    kb = skip_back(toks, ci - 1)
    if kb >= 1 and toks[kb].text == ",":
        src = np_after(toks, skip_fwd(toks, cj + 1))
        if src is None:
            return None
        after = src[1] + 1
    else:
        src = np_before(toks, kb) if kb >= 0 and is_word(toks[kb]) else None
        if src is None or src[0] < 1 or toks[src[0] - 1].text != ",":
            return None
        after = skip_fwd(toks, cj + 1)
    if after >= len(toks) or toks[after].text != "," or after + 1 >= len(toks) or not is_word(toks[after + 1]):
        return None
    content = r.trim(s.start, s.end)
    if content is None:
        return None
    anaphor = src[0] == src[1] and toks[src[0]].low in words("subject_pronoun")
    return EnAttr(
        r.kind(*content),
        (toks[src[0]].start, toks[src[1]].end),
        (toks[ci].start, toks[cj].end),
        content,
        (),
        forms[0].stance,
        anaphor,
    )


def _read_quoted_as(r: Reader, s: Sent, ci: int, cj: int) -> EnAttr | None:
    """'X was quoted by Y as saying …', 'Y quoted X as saying …': X spoke, Y relayed; also
    '"…," X was quoted as saying (by Y).'"""
    toks = s.toks
    n = len(toks)
    k = cj + 1
    src = via = None
    passive_as = k < n and toks[k].low == "as"
    if (k + 1 < n and toks[k].low == "by") or passive_as:
        if not passive_as:
            via = np_after(toks, k + 1)
            if via is not None:
                k = via[1] + 1
        j = skip_back(toks, ci - 1)
        src = np_before(toks, j) if j >= 0 and is_word(toks[j]) else None
    else:
        src = np_after(toks, k)
        if src is not None:
            k = src[1] + 1
        j = skip_back(toks, ci - 1)
        via = np_before(toks, j) if j >= 0 and is_word(toks[j]) else None
    if src is None or k + 1 >= n or toks[k].low != "as" or toks[k + 1].low not in ("saying", "telling", "stating"):
        return None
    m = k + 2
    if via is None and m + 1 < n and toks[m].low == "by":
        # "… was quoted as saying by state media": the relay comes after the verb
        via = np_after(toks, m + 1)
        if via is not None:
            m = via[1] + 1
    tail = read_tail(r, s, m, toks[k + 1].low == "telling")
    if tail.stop in ("that", "word", "colon", "quote"):
        start = tail.end
        if tail.stop == "quote":
            q = r.quote_opening_at(toks[start].start)
            content = r.trim(q.start, r.quote_chain_end(q)) if q is not None else None
        else:
            content = content_fwd(r, s, start, toks[ci].start)
    elif passive_as:
        # '"We will never forget them," Kim was quoted as saying.': the quote before the frame
        who = Speaker(src, False, False, toks[src[0]].start, m, None)
        content = content_before(r, s, src[0], who)
    else:
        content = None
    if content is None:
        return None
    vias = ((toks[via[0]].start, toks[via[1]].end),) if via is not None else ()
    return EnAttr(
        r.kind(*content),
        (toks[src[0]].start, toks[src[1]].end),
        (toks[k + 1].start, toks[k + 1].end),
        content,
        vias + tuple(tail.via),
        "assert",
    )


def _read_according(r: Reader, s: Sent, ai: int, aj: int) -> EnAttr | None:
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
    if k + 1 < n and toks[k].text == ",":
        # "…, according to the Syrian Observatory, a Britain-based monitoring group.": an
        # apposition that closes the sentence belongs to the source
        app = np_after(toks, k + 1)
        if app is not None and (app[1] + 1 >= n or toks[app[1] + 1].text in ".!?"):
            k = app[1] + 1
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


def _pull_quotes(r: Reader) -> list[EnAttr]:
    """'"…" - Matthew Ingram': a quote paragraph signed with a dash."""
    out = []
    text = r.text
    for a, b in r.et.paragraphs:
        if text[a] not in '"“':
            continue  # the pattern's first character, checked before the line is copied
        m = PULL_QUOTE.fullmatch(text[:b].rstrip(), a)
        if m is not None:
            name = r.trim(m.start("n"), m.end("n"))
            content = r.trim(m.start("q"), m.end("q"))
            if name is not None and content is not None:
                out.append(EnAttr("direct", name, None, content, (), "assert"))
    return out


def _merge_relays(found: list[EnAttr]) -> list[EnAttr]:
    """'According to X, Y said …': one attribution, Y's, with X as its relay."""

    def takes(a: EnAttr, src: Span, cue: Span, b: EnAttr, b_cue: Span) -> tuple[Span, ...] | None:
        # b is an according-to whose content starts with a's speaker and holds a's frame
        if b.source is None or not (
            b.content[0] <= src[0] < b.content[0] + 12 and a.content[1] <= b.content[1] + 2 and b_cue[0] < cue[0]
        ):
            return None
        return (*a.via, b.source)

    return _merge(found, takes)


def _merge_trailing(found: list[EnAttr]) -> list[EnAttr]:
    """'Y said X, according to Z': Z carried Y's words, a relay of Y's attribution."""

    def takes(a: EnAttr, src: Span, cue: Span, b: EnAttr, b_cue: Span) -> tuple[Span, ...] | None:
        if b_cue[0] < a.content[1] or not (
            b.content[0] <= src[0] and a.content[1] <= b.content[1] + 2 and cue[0] < b_cue[0]
        ):
            return None
        return (*a.via, b.source, *b.via) if b.source else a.via

    return _merge(found, takes)


Takes = Callable[[EnAttr, Span, Span, EnAttr, Span], tuple[Span, ...] | None]


def _merge(found: list[EnAttr], takes: Takes) -> list[EnAttr]:
    """Fold each according-to phrase `b` into the attribution `a` it relays, when `takes` gives
    a's relays with b's added (it sees a's source and cue, and b's cue); b is then dropped."""
    # Only an according-to phrase (a cue of 12 characters or more) is folded: most articles have none.
    phrases = [(j, b) for j, b in enumerate(found) if b.cue is not None and b.cue[1] - b.cue[0] >= 12]
    if not phrases:
        return found
    drop: set[int] = set()
    out = list(found)
    for i, a in enumerate(found):
        if a.cue is None or a.source is None:
            continue
        for j, b in phrases:
            if i == j or j in drop or b.cue is None:
                continue
            via = takes(a, a.source, a.cue, b, b.cue)
            if via is not None:
                out[i] = a._replace(via=via)
                drop.add(j)
    return [a for i, a in enumerate(out) if i not in drop]


def _follow_speakers(found: list[EnAttr], et: EnText) -> list[EnAttr]:
    """A participle of speech ("…, the army said, adding that …") or a coordinated verb speaks for the
    speaker of the verb before it in its sentence; another participle ("…, police said, calling for …")
    keeps the subject of its clause."""
    out = []
    last: EnAttr | None = None
    for a in sorted(found, key=lambda x: x.cue[0] if x.cue else x.content[0]):
        word = et.low[a.cue[0] : a.cue[1]] if a.cue else ""
        speech = word in ADDING or not word.endswith("ing")
        if (
            a.dependent
            and speech
            and last is not None
            and last.cue is not None
            and a.cue is not None
            and et.sentence_at(last.cue[0]) == et.sentence_at(a.cue[0])
            and last.source is not None
        ):
            a = a._replace(source=last.source, anaphor=True)
        out.append(a)
        if a.cue is not None:
            last = a
    return out


_PREV_WORD = re.compile(r"([\w'’]+)[ \t]+\Z")
_DETS = tuple(DET_BEFORE)


def _noun_use(low: str, text: str, pos: int) -> bool:
    """A cheap first look, before any tokens are made: a capitalised form inside a sentence ("United
    States") or a form right after a determiner ("the report", "a statement") is not a verb."""
    if text[pos].isupper() and pos > 1 and text[pos - 2] not in '.!?"“:\n' and text[pos - 1] not in '"“(\n':
        return True
    before = low[max(0, pos - 16) : pos]
    word_end = before.rstrip(" \t")
    # The word the pattern reads ends the text before `pos` but for spaces and tabs: most words there
    # end with no determiner, which one `endswith` tells before the pattern is tried.
    if word_end == before or not word_end.endswith(_DETS):
        return False
    m = _PREV_WORD.search(low, max(0, pos - 16), pos)
    return m is not None and m.group(1) in DET_BEFORE


def _cue_spans(low: str) -> list[Span]:
    """The spans `\\b(?:forms)(?![\\w-])` finds in `low`, left to right and not overlapping, from the
    three patterns of `cue_regex` (at the start, after a common separator, after a rare one)."""
    first, common, rare = cue_regex()
    m0 = first.match(low)
    out = [m0.span()] if m0 is not None else []
    pos = m0.end() if m0 is not None else 0
    r = rare.search(low, pos)
    if r is None:  # the usual case: no cue after a rare separator
        out += [m.span(1) for m in common.finditer(low, pos)]
        return out
    c = common.search(low, pos)
    while True:
        if c is not None and (r is None or c.start() < r.start()):
            m = c
        elif r is not None:
            m = r
        else:
            return out
        out.append(m.span(1))
        pos = m.end()
        # The next match starts after this one (its separator cannot be the last letter of a cue):
        # a match of the other pattern inside this one ("-as reported by") is searched again.
        if c is not None and c.start() < pos:
            c = common.search(low, pos)
        if r is not None and r.start() < pos:
            r = rare.search(low, pos)


@cache
def _readings() -> Mapping[str, tuple[tuple[CueForm, ...], Tenses]]:
    """Each verb form's readings with their tenses, gathered once."""
    return MappingProxyType({low: (forms, frozenset(f.tense for f in forms)) for low, forms in cue_forms().items()})


@cache
def _according() -> frozenset[str]:
    return frozenset(phrases_of("according_to"))


def extract_attributions(
    et: EnText, outlets: frozenset[Span] = frozenset(), cues: Sequence[Span] | None = None
) -> list[EnAttr]:
    """Attributions of an English text, in text order. `cues`: the spans `_cue_spans` gives, if the
    pipeline's `wordscan` found them already."""
    r = Reader(et, outlets)
    found: list[EnAttr] = []
    readings = _readings()
    according = _according()
    text, low = et.text, et.low
    heads = r.headlines
    head_starts = [a for a, _ in heads]
    for start, end in _cue_spans(low) if cues is None else cues:
        if start and low[start - 1] in "'’-":
            continue  # glued to a word: "well-known", "o'said"
        h = bisect_right(head_starts, start) - 1
        if h >= 0 and start < heads[h][1]:
            continue  # headlines and captions hold no attributions
        cue = low[start:end]
        if not cue.isalpha():
            cue = " ".join(cue.split())  # "according  to"
        # Everything decided on the cue and the text alone comes before its sentence is tokenised.
        entry = None
        if cue in according:
            pass
        elif cue in ("quoting", "citing"):
            continue  # relays, read from the frame they stand in ("quoted by X as saying", "citing officials")
        elif cue not in ("quoted", "cited"):
            entry = readings.get(cue)
            if entry is None:
                continue
        if cue not in according and _noun_use(low, text, start):
            continue
        s = r.sent(et.sentence_at(start))
        ci = tok_index(s, start)
        if ci < 0:
            continue
        cj = ci
        while cj + 1 < len(s.toks) and s.toks[cj].end < end:
            cj += 1
        att: EnAttr | None
        if entry is not None:
            forms, tenses = entry
            if not verb_use(s, ci, cj, tenses):
                continue  # neither reading takes a word that is not a verb here
            att = _read_verb(r, s, ci, cj, forms, tenses) or _read_parenthetical(r, s, ci, cj, forms, tenses)
        elif cue in according:
            att = _read_according(r, s, ci, cj)
        else:
            att = _read_quoted_as(r, s, ci, cj)
        if att is not None:
            found.append(att)
    found.extend(_pull_quotes(r))
    found = _follow_speakers(_merge_trailing(_merge_relays(found)), et)
    seen: set[tuple[Span | None, Span]] = set()
    out: list[EnAttr] = []
    for a in sorted(found, key=lambda x: (x.content[0], x.cue or (0, 0))):
        key = (a.cue, a.content)
        if key in seen:
            continue
        seen.add(key)
        if len(a.via) > 1 and len(set(a.via)) < len(a.via):
            # one relay read twice ("reported on Thursday, in remarks carried by the agency")
            a = a._replace(via=tuple(dict.fromkeys(a.via)))
        if a.cue is not None:
            a = _inside(r, a, out)
        out.append(a)
    return out


def _inside(r: Reader, a: EnAttr, outer: Sequence[EnAttr]) -> EnAttr:
    """A report inside another's content ends where that content ends: in "Officials warned the
    toll could rise, the news agency reported", the officials' words stop before the agency's frame."""
    assert a.cue is not None
    for o in outer:
        lo, hi = o.content
        if lo <= a.cue[0] and a.cue[1] <= hi < a.content[1] and a.content[0] < hi:
            content = r.trim(a.content[0], hi)
            if content is not None:
                return a._replace(content=content, kind=r.kind(*content))
    return a


__all__ = ["EnAttr", "extract_attributions"]
