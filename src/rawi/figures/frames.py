"""Figure frames: every quantity of an article read as a claim about the world.

`figure_frames(analysis)` is a pure function of one extraction (the public contract), run
once when an article is stored. A frame says what the figure counts (`measure`: predicate,
group, unit class), who gives it, when it was said and what time it describes, what event it
is about (places and words), and how sure rawi is of all that (`confidence`). A frame whose
measure is not known is kept (it is still a figure in its article) but never compared.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rawi.figures.anchors import (
    namesakes,
    near_places,
    one_of_two,
    places,
    scope,
    several,
    spots,
    term_of,
    terms,
    toll_stage,
    topic,
    two_incidents,
)
from rawi.figures.english import read_english, terms_english, topic_english
from rawi.figures.lexicon import MONEY, PEOPLE
from rawi.figures.measure import Reading, read_sentence, unit_class_of
from rawi.figures.sentence import Sentence, Sentences
from rawi.figures.values import Interval, interval, time_window, written_unit
from rawi.figures.when import CLAUSE_END, When, said_on, when
from rawi.figures.who import Who, holder_of, who
from rawi.model import Analysis, Attribution, Quantity

# How much each way of finding the predicate is worth. A predicate read from the clause
# only ("the nearest death word") is right often enough to show, not to compare.
_BASIS_CONFIDENCE = {
    "before": 1.0,
    "unit": 1.0,
    "across": 0.9,
    "after": 0.9,
    "joined": 0.9,
    "count": 0.9,
    "clause": 0.5,
    "": 0.0,
}
_QUOTED_NAME = re.compile(r"[«\"“][^«»\"“”\n]{2,24}[»\"”]")
# Bumped whenever how a frame is read changes: a ledger whose frames were made by other rules
# says so, and `rawi reframe` makes them again from the stored extractions.
FRAMES = "2026-12-07.1"
# Frames below this are shown but never compared.
COMPARABLE = 0.6
WINDOW = 24


@dataclass(frozen=True, slots=True)
class FigureFrame:
    ord: int  # the quantity's position in Analysis.quantities
    start: int  # the quantity span in the article text
    end: int
    text: str
    value: float
    qualifier: str
    high: float | None
    unit: str | None
    measure: str  # predicate/group[/part][/currency]; "" when not known
    predicate: str
    group: str
    part: bool
    unit_class: str
    source_key: str
    source_name: str | None
    source_kind: str  # named | anonymous | outlet
    relay: str | None
    attribution: str | None
    stance: str
    said_on: tuple[str, str] | None
    said_basis: str
    as_of: tuple[str, str] | None  # (start or "", end) for running totals
    as_of_basis: str
    running: bool
    places: tuple[str, ...]
    terms: tuple[str, ...]
    scope: tuple[str, ...]
    topic: tuple[str, ...]
    confidence: float
    context_start: int  # the sentence
    context_end: int
    # Places the sentence names by their kind ("حي الزعفرانية", "بلدة سروج"): the spot of its event.
    spots: tuple[str, ...] = ()
    # The sentence sums several incidents ("في ثلاثة حوادث منفصلة"): never one incident's toll.
    several: bool = False
    # The sentence calls its toll provisional ("حصيلة أولية") or new or final ("حصيلة جديدة"):
    # "provisional", "updated" or "". A later, higher toll updates a provisional one.
    toll: str = ""

    @property
    def interval(self) -> Interval:
        return interval(self.value, self.qualifier, self.high, written_unit(self.text, self.value))

    @property
    def comparable(self) -> bool:
        return bool(self.measure) and self.confidence >= COMPARABLE


def measure_key(r: Reading) -> str:
    """predicate/group, "/part" for a part of a figure before it, "/currency" for money."""
    if not r.predicate:
        return ""
    if r.unit_class == PEOPLE and r.group:
        return f"{r.predicate}/{r.group}" + ("/part" if r.part else "")
    if r.unit_class == MONEY and r.currency:
        return f"{r.predicate}/money/{r.currency}"
    if r.unit_class == "count" and r.group:
        return f"{r.predicate}/{r.group}"
    return ""


def _confidence(r: Reading, w: When, anchored: bool) -> float:
    c = _BASIS_CONFIDENCE.get(r.basis, 0.0)
    if not anchored:
        c *= 0.8
    if w.said_on is None:
        c *= 0.5
    return round(c, 2)


_SEGMENT_END = re.compile(r"[،,؛;:.!?؟\n]")


def _pairs_of_incidents(sent: Sentence) -> list[tuple[int, str]]:
    """Where the sentence tells two incidents by a dual noun ("في كمينين", "هجومان") and the word,
    and where it then picks one of the two out ("استهدف الأول", "أحدهما"), with an empty word."""
    out = []
    for t in sent.tokens:
        if not t.is_word:
            continue
        if (w := term_of(t.word)) is not None and two_incidents((w,)):
            out.append((t.start, w))
        elif out and one_of_two(t.word):
            out.append((t.start, ""))
    return out


def _with_pair(terms_: tuple[str, ...], text: str, at: int, duals: Sequence[tuple[int, str]]) -> tuple[str, ...]:
    """A figure's event words: its sentence's, and a dual noun of incidents before it ("هجومان
    آخران … أسفرا عن سقوط ستة", "استهدف تفجيران انتحاريان …، وراح ضحيتهما 45") unless one of
    the two is picked out between them ("هز تفجيران …، استهدف الأول … وأسفر عن مقتل 30"), or
    after it in its own part of the sentence ("قتل 18 مسلحا في كمينين"); one after a comma
    ("مقتل 21 شخصا في هجمات …، بينها تفجيران") tells another figure's event."""
    if not duals:
        return terms_
    mine: set[str] = set()
    for i, (pos, w) in enumerate(duals):
        if not w:
            continue
        if pos < at:
            if not any(not x and p < at for p, x in duals[i + 1 :]):
                mine.add(w)
        elif not _SEGMENT_END.search(text, at, pos):
            mine.add(w)
    others = {w for _, w in duals if w} - mine
    return tuple(sorted({*terms_, *mine} - others))


def _unit_end(text: str, q: Quantity) -> int:
    if q.unit:
        at = text.find(q.unit, q.span.end, q.span.end + len(q.unit) + 8)
        if at >= 0:
            return at + len(q.unit)
    return q.span.end


def _plain(
    i: int,
    q: Quantity,
    src: Who,
    said: tuple[str, str] | None,
    basis: str,
    scope_: tuple[str, ...],
    start: int,
    end: int,
) -> FigureFrame:
    """The frame of a figure with no measure to read (a share, a length): what it is and who says it."""
    return FigureFrame(
        ord=i,
        start=q.span.start,
        end=q.span.end,
        text=q.span.text,
        value=float(q.value),
        qualifier=q.qualifier,
        high=float(q.high) if q.high is not None else None,
        unit=q.unit,
        measure="",
        predicate="",
        group="",
        part=False,
        unit_class=unit_class_of(q)[0],
        source_key=src.key,
        source_name=src.name,
        source_kind=src.kind,
        relay=src.relay,
        attribution=src.attribution,
        stance=src.stance,
        said_on=said,
        said_basis=basis,
        as_of=None,
        as_of_basis="",
        running=False,
        places=(),
        terms=(),
        scope=scope_,
        topic=(),
        confidence=0.0,
        context_start=start,
        context_end=end,
    )


_JOINED_GAP = 8  # tokens between two figures of one coordinated clause ("قتل 5 وأصيب 7 آخرون")


def _date_stops(sent: Sentence, quantities: Sequence[Quantity], starts: Sequence[int]) -> list[int]:
    """Where an event date after each figure stops being its own: at the next figure, unless the
    next one is coordinated with it in one clause ("قتل 25 وأصيب 15 آخرون ... مساء الجمعة": the
    day is both figures'), then at the first figure after that chain."""
    out = []
    n = len(quantities)
    for k in range(n):
        j = k + 1
        while j < n:
            gap_from = sent.index_at(quantities[j - 1].span.end - 1) + 1
            gap = sent.tokens[gap_from : starts[j]]
            if len(gap) > _JOINED_GAP or any(t.word in CLAUSE_END for t in gap):
                break
            j += 1
        out.append(starts[j])
    return out


def figure_frames(analysis: Analysis, outlet: str | None = None, doc_key: str | None = None) -> list[FigureFrame]:
    """A frame for every quantity of `analysis`, in the order of `analysis.quantities`."""
    if not analysis.quantities:
        return []
    text = analysis.text
    outlet = outlet or analysis.meta.get("source")
    doc_key = doc_key or analysis.id
    dateline = time_window(analysis.published[:10]) if analysis.published else None
    sentences = Sentences(text)
    english = analysis.lang == "en"
    entities = {e.id: e for e in analysis.entities}
    speakers = [
        (s.start, s.end)
        for a in analysis.attributions
        for s in ([a.source.span] if a.source.span else []) + [v.span for v in a.via]
    ]
    # Dates say when, not what happened: they are compared as dates, never as event words.
    dates = [(t.span.start, t.span.end) for t in analysis.times]
    # A quoted short name is a title or an outlet ("لـ«الرياض»"), not a place the event is in.
    quoted = [(m.start(), m.end()) for m in _QUOTED_NAME.finditer(text)]
    article_scope = tuple(sorted(scope(analysis.entities)))
    renamed = namesakes(analysis.entities, text)  # "رفح بشمال سيناء": not Gaza's Rafah
    article_topic: tuple[str, ...] | None = None  # made only for an article with a figure to compare
    by_sentence: dict[tuple[int, int], list[tuple[int, Quantity]]] = defaultdict(list)
    for i, q in enumerate(analysis.quantities):
        by_sentence[sentences.bounds(q.span.start)].append((i, q))
    out: dict[int, FigureFrame] = {}
    for (s_start, s_end), items in by_sentence.items():
        items.sort(key=lambda iq: iq[1].span.start)
        holders: list[Attribution | None] = [holder_of(q.span, analysis.attributions) for _, q in items]
        if all(unit_class_of(q)[0] in ("percent", "measure") for _, q in items):
            # Shares and measures ("5 في المائة", "120 كيلومترا") are never compared: no reading needed.
            for (i, q), h in zip(items, holders, strict=True):
                said, basis = said_on(analysis.times, (s_start, s_end), h, dateline)
                out[i] = _plain(i, q, who(h, entities, outlet, doc_key), said, basis, article_scope, s_start, s_end)
            continue
        sent = sentences.at(*sentences.window(s_start, s_end, items[0][1].span.start, items[-1][1].span.end))
        bounds = []
        for h in holders:
            if h is None:
                bounds.append((0, len(sent.tokens)))
            else:
                bounds.append(
                    (
                        sent.index_at(max(h.content.start, sent.start)),
                        sent.index_at(min(h.content.end, sent.end) - 1) + 1,
                    )
                )
        if english:
            readings = read_english(sent, [q for _, q in items])
        else:
            readings = read_sentence(sent, [q for _, q in items], text, bounds)
        keyed = any(measure_key(r) for r in readings)
        # The figures and their nouns ("30 بريطانيا" counts Britons; it does not place the event).
        figure_spans = [(q.span.start, _unit_end(text, q)) for _, q in items]
        sent_places = (
            places(analysis.entities, sent.start, sent.end, speakers + quoted, renamed) if keyed else frozenset()
        )
        # Event words are read only where a figure will be compared.
        words = terms_english if english else terms
        sent_terms = tuple(sorted(words(sent, speakers + figure_spans + dates) | sent_places)) if keyed else ()
        duals = _pairs_of_incidents(sent) if keyed and not english else []
        # Spots are read from Arabic place nouns ("حي", "قرية"); English ones are not read yet.
        sent_spots = tuple(sorted(spots(sent, speakers + quoted))) if keyed and not english else ()
        sums = keyed and several(sent)
        stage = toll_stage(sent) if keyed else ""
        prev_end = 0
        starts = [sent.index_at(q.span.start) for _, q in items] + [len(sent.tokens)]
        stops = _date_stops(sent, [q for _, q in items], starts)
        for k, ((i, q), r, h, bound) in enumerate(zip(items, readings, holders, bounds, strict=True)):
            # The clause a running-total marker or an event date may sit in: from the figure
            # before (or the start of what was said) to this one, and on to the next one.
            hi = sent.index_at(q.span.end - 1) + 1
            w = when(
                analysis.times,
                sent,
                (max(bound[0], prev_end), hi),
                q.span,
                h,
                dateline,
                stop=stops[k],
                prev_end=prev_end,
            )
            prev_end = hi
            src: Who = who(h, entities, outlet, doc_key)
            key = measure_key(r)
            if key and article_topic is None:
                article_topic = tuple(sorted(topic_english(sentences) if english else topic(text)))
            own_places = (
                tuple(
                    sorted(
                        near_places(
                            analysis.entities,
                            sent.start,
                            sent.end,
                            q.span.start,
                            speakers + figure_spans + quoted,
                            renamed=renamed,
                        )
                    )
                )
                if key
                else ()
            )
            anchored = bool(own_places or len(sent_terms) >= 3)
            out[i] = FigureFrame(
                ord=i,
                start=q.span.start,
                end=q.span.end,
                text=q.span.text,
                value=float(q.value),
                qualifier=q.qualifier,
                high=float(q.high) if q.high is not None else None,
                unit=q.unit,
                measure=key,
                predicate=r.predicate,
                group=r.group,
                part=r.part,
                unit_class=r.unit_class,
                source_key=src.key,
                source_name=src.name,
                source_kind=src.kind,
                relay=src.relay,
                attribution=src.attribution,
                stance=src.stance,
                said_on=w.said_on,
                said_basis=w.said_basis,
                as_of=w.as_of,
                as_of_basis=w.as_of_basis,
                running=w.running,
                places=own_places,
                terms=_with_pair(sent_terms, text, q.span.start, duals),
                scope=article_scope,
                topic=(),
                confidence=_confidence(r, w, anchored) if key else 0.0,
                context_start=sent.start,
                context_end=sent.end,
                spots=sent_spots,
                several=sums,
                toll=stage,
            )
    frames = [out[i] for i in range(len(analysis.quantities))]
    if article_topic:
        frames = [replace(f, topic=article_topic) for f in frames]
    return frames


__all__ = ["COMPARABLE", "FRAMES", "FigureFrame", "figure_frames", "measure_key"]
