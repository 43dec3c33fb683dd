"""Comparing figure frames across articles: which amount each figure states, and where they disagree.

**Amounts.** Comparable frames (`FigureFrame.comparable`) of one measure (killed/person,
wounded/security, ...) are clustered in the order they were said, one pass of average
linkage: a figure joins the cluster whose members (the recent ones, and a few far ones) it
relates to best on average, when that average exceeds `RELATED`; else it starts a cluster.
`relatedness` is the weighted share of the event words their sentences share, plus the
places they share (a city more than a country; two different cities clash), plus a little
for the words their articles use most; a running total against a one-off count, or values
`SCALE_APART` times apart, lose a little. Nothing may rule the pair out (`_compatible`: the
same part-of relation, places that ever meet, no named event days a week apart, not a long
running total against a one-off count). Average linkage keeps one loose pair from chaining
two stories, as connected components would. A cluster's key names the amount.

**Pairs** are made inside an amount, between figures in different articles (a syndicated copy
is never compared: its original is), whose values cannot both hold (`Interval.overlaps`) and
that are no more than `PAIR_SCALE` times apart, whose sentences relate (`PAIR_RELATED`), share
words (`PAIR_WORDS`) including a detail rare in the ledger (`_rare_words`: a town, a building,
a name; never a country, nor a capital alone, nor an everyday accident's kind:
`_details_shared`), and agree on the other figures they give (`_siblings_disagree`; a running
total's others may grow with it), unless something tells them apart: other days, other spots,
other means of harm, one city's toll of a storm or flood against a wider one (`_scopes_differ`),
one sentence telling two incidents ("في كمينين") and the other one (`two_incidents`),
an article that in one voice gives another figure agreeing with the other side (`_tells_apart`),
or a third article of the amount that in one voice gives one figure agreeing with each side
only (`_told_elsewhere`):
- a **revision**: one named source (never an outlet's narration, never an anonymous one) on
  different days, ordered by the day each was said, of one count (`_one_count`: a count dated
  to an incident of its own days is revised only by a later figure dated to that incident), in
  the same statement (most of its event words, or fewer when both sentences give the same
  breakdown of the amount: `_same_breakdown`);
- a **contradiction**: one source denies the very figure another states (`_same_figure`), said
  at most `SAME_EVENT_DAYS` apart;
- a **conflict**: independent sources (different speakers; an outlet's narration is the outlet),
  neither figure a part of a toll nor a sum of several incidents, no more than `FAR_APART` times
  apart (nor `WIDE_APART` times unless closely worded alike), two counts of enemy fighters only on
  one named spot (`_combat_fronts_differ`), describing the same time: a one-off amount said at
  most `SAME_EVENT_DAYS` apart; running totals counted the same day, or at most `RUNNING_DAYS`
  apart when the later is not the higher (a total that rises day to day is an update), or a later
  total below an earlier one; a total counted from a start against a one-off count only when it
  falls below the count (`_mixed_conflict`); a toll with no start ("ارتفعت الحصيلة إلى 36") is one
  event's, so two such tolls weeks apart are two events'; a provisional toll and a higher one said
  on another day, or a lower one and a "new" or "final" toll, are one count updated (`_updated`).
Every pair carries a confidence (its frames', their relatedness, how far apart the figures and
the days they were said are, whether the later is a toll said to have risen) and pairs are
ranked by it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rawi.figures.anchors import areal, bearing_spots, capital_words, country_words, means, two_incidents
from rawi.figures.frames import FigureFrame
from rawi.figures.values import APPROX_TOLERANCE, days_between
from rawi.lexicon.gazetteer import gazetteer

LINK_DAYS = 10
SAME_EVENT_DAYS = 2
RUNNING_DAYS = 7
# How much of their event words two figures' sentences must share to be compared.
PAIR_WORDS = 0.1
# Words at most this share of the ledger's figure sentences use (and never fewer than RARE_MIN
# sentences) are rare enough to tie two reports to one event; figures more than PAIR_SCALE
# times apart are never paired.
RARE_SHARE = 0.01
RARE_MIN = 20
PAIR_SCALE = 100
SIBLING_APART = 2
# A revision is one statement updated: its sentences share at least this share of their event
# words (a prolific source's reports of other events share fewer), within this many days.
REVISION_WORDS = 0.6
REVISION_DAYS = 400
# ... or, when both sentences break the amount down the same way (at least this many of the same
# other measures: "51 متهما منهم 17 في حالة إيقاف و27 في حالة سراح"), this share.
REVISION_BREAKDOWN = 2
REVISION_BREAKDOWN_WORDS = 0.3
PAIR_RELATED = 0.2
RELATED = 0.1
# What sharing the figure's own place, or only its article's, adds to relatedness.
PLACE_BONUS = 0.3
SCOPE_BONUS = 0.1
COUNTRY_BONUS = 0.1
PLACE_CLASH = 0.3
# What a running total and a one-off count of the same measure lose: usually two amounts.
RUNNING_CLASH = 0.15
# Figures more than this many times apart lose SCALE_CLASH.
SCALE_APART = 20
SCALE_CLASH = 0.2
# How much the words two articles use most (their stories) count beside their sentences.
TOPIC_WEIGHT = 0.2
# What relatedness a pair said more than LINK_DAYS apart loses.
# How many clusters far in time a figure is tried against (per place), and how many members
# of a cluster it is compared with.
FAR_CANDIDATES = 30
NEAR_MEMBERS = 12
FAR_MEMBERS = 4
# What a member that rules a figure out counts in the average.
RULED_OUT = -1.0
FAR_PENALTY = 0.0
# A running total over more days than this is not the count of one event.
LONG_RUN = 60
# How believable a conflict is, beyond how sure each frame is: two reports of one amount
# seldom differ by more than half of it (27 against 30, 13 against 20); figures further apart
# are more often two incidents of one kind. The confidence falls from CLOSE_RATIO on, to at
# most FAR_FLOOR; a pair said on two days (the second report may tell a later event) keeps
# SAID_APART of it for each day between them (judged pairs said the same day were real 44 in 65,
# a day apart 23 in 52, two days apart 9 in 28). Ranking only: what is a conflict does not change.
CLOSE_RATIO = 1.5
FAR_FLOOR = 0.6
SAID_APART = 0.9
# Two figures further apart than this are not two counts of one amount but two amounts (two
# incidents, a part and the whole): every real disagreement in the story gold is within 2.2
# times, and of 42 judged full-corpus pairs further apart 3 were real.
FAR_APART = 2.5
# Figures this many times apart are two counts of one amount only when their sentences tell one
# event closely (relatedness at least WIDE_RELATED): of the judged full-corpus pairs at least
# 1.75 times apart 7 were real (median relatedness 0.79) and 22 two amounts (median 0.56); the
# rule took 49 pairs out of the full-corpus ledger, read: 37 two amounts, 4 real, 8 unclear
# (and one story-gold conflict, 7 against 15 wounded said two days apart).
WIDE_APART = 1.9
WIDE_RELATED = 0.6
# Bumped whenever what linking makes changes: a ledger's stored links made by other rules
# are made again on its next query.
RULES = "2026-12-07.2"


@dataclass(frozen=True, slots=True)
class Figure:
    """A stored frame with its article."""

    id: int  # unique in the ledger (the row id)
    article: str  # the article's key (doc_key)
    article_id: str  # the id the input gave it
    original: str  # the key of the article it is a syndicated copy of (its own key if none)
    outlet: str | None
    published: str | None
    frame: FigureFrame


@dataclass(frozen=True, slots=True)
class Pair:
    kind: str  # conflict | revision | contradiction
    a: Figure  # the earlier (by said_on), or the denier for a contradiction
    b: Figure
    confidence: float
    reason: str


def _said(f: Figure) -> str:
    s = f.frame.said_on
    return s[1] if s else (f.published or "")[:10]


@lru_cache(maxsize=65536)
def _ordinal(day: str) -> int:
    return dt.date.fromisoformat(day[:10]).toordinal()


def _said_gap(a: Figure, b: Figure) -> int | None:
    """Days between the days two figures were said (0 when they share one), None if unknown."""
    sa, sb = a.frame.said_on, b.frame.said_on
    if sa is None or sb is None:
        return None
    a0, a1, b0, b1 = _ordinal(sa[0]), _ordinal(sa[1]), _ordinal(sb[0]), _ordinal(sb[1])
    if a0 <= b1 and b0 <= a1:
        return 0
    return b0 - a1 if b0 > a1 else a0 - b1


def weights(figures: Iterable[Figure]) -> dict[str, float]:
    """Inverse document frequency of every event word and place among `figures`' sentences."""
    df: dict[str, int] = defaultdict(int)
    n = 0
    seen: set[tuple[str, int]] = set()
    for f in figures:
        if (f.article, f.frame.context_start) in seen:
            continue
        seen.add((f.article, f.frame.context_start))
        n += 1
        for t in {*f.frame.terms, *f.frame.topic}:
            df[t] += 1
    return {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}


@dataclass(frozen=True, slots=True)
class _Traits:
    """What relatedness reads of one frame, made once per frame and weighting."""

    terms: frozenset[str]
    terms_w: float
    topic: frozenset[str]
    topic_w: float
    near: frozenset[str]  # places near the figure
    where: frozenset[str]  # near places, else the article's
    known: frozenset[str]  # every place of its sentence or article
    details: frozenset[str]  # its event words and the places near it finer than a country
    spots: frozenset[str]  # the places near it finer than a country


def _traits(f: FigureFrame, w: Mapping[str, float]) -> _Traits:
    near = frozenset(f.places)
    # fsum: exactly rounded whatever the (hash-seeded) order of the sets.
    return _Traits(
        frozenset(f.terms),
        math.fsum(w.get(t, 1.0) for t in f.terms),
        frozenset(f.topic),
        math.fsum(w.get(t, 1.0) for t in f.topic),
        near,
        near or frozenset(f.scope),
        near | frozenset(f.scope),
        # A country (its key, name or people: "AF", "افغانستان", "افغان") is no detail of one event.
        frozenset(t for t in f.terms if not _country(t) and t not in country_words())
        | {p for p in near if not _country(p)},
        frozenset(p for p in near if not _country(p)),
    )


def _country(key: str) -> bool:
    return len(key) == 2 and key.isupper()


def _where(f: FigureFrame) -> set[str]:
    """The places a figure is about: its sentence's, else its article's."""
    return set(f.places) or set(f.scope)


def _agree(ta: _Traits, tb: _Traits) -> bool:
    if not ta.where or not tb.where:
        return True
    return bool(ta.where & tb.known) or bool(tb.where & ta.known)


def places_agree(a: FigureFrame, b: FigureFrame) -> bool:
    """False when two figures have nothing in common at all: placed, and neither figure's place
    is named anywhere in the other's sentence or article (another country, another story)."""
    return _agree(_traits(a, {}), _traits(b, {}))


def _overlap(shared: frozenset[str], wa: float, wb: float, w: Mapping[str, float]) -> float:
    """The weight of the words two sets share, over the lighter set's weight."""
    if not shared:
        return 0.0
    norm = min(wa, wb)
    return math.fsum(w.get(t, 1.0) for t in shared) / norm if norm else 0.0


def _related(a: FigureFrame, b: FigureFrame, ta: _Traits, tb: _Traits, w: Mapping[str, float]) -> float:
    if not _agree(ta, tb):
        return 0.0
    sim = _overlap(ta.terms & tb.terms, ta.terms_w, tb.terms_w, w)
    # A city or a region names the event's place; a country only its part of the world: two
    # figures placed in different cities clash even in one country.
    if ta.spots & tb.spots:
        sim += PLACE_BONUS
    elif (ta.spots and tb.spots) or (ta.near and tb.near and not ta.near & tb.near):
        sim -= PLACE_CLASH
    elif ta.near & tb.near:
        sim += COUNTRY_BONUS
    elif ta.where & tb.where:
        sim += SCOPE_BONUS
    if a.running != b.running:
        sim -= RUNNING_CLASH
    lo, hi = sorted((max(a.value, 1.0), max(b.value, 1.0)))
    if hi / lo > SCALE_APART:
        sim -= SCALE_CLASH  # 8 and 400: rarely two counts of one amount
    sim += TOPIC_WEIGHT * _overlap(ta.topic & tb.topic, ta.topic_w, tb.topic_w, w)
    return max(0.0, min(1.0, sim))


def relatedness(a: FigureFrame, b: FigureFrame, w: Mapping[str, float]) -> float:
    """How surely two figures are about the same event, 0..1: the rare words their sentences
    share, the places they share (near the figure, or at least in their articles: two figures
    placed in different places near them lose `PLACE_CLASH`), and the words their articles
    use most (`TOPIC_WEIGHT`); a running total against a one-off count, or values more than
    `SCALE_APART` times apart, lose a little."""
    return _related(a, b, _traits(a, w), _traits(b, w), w)


def _event_days_clash(a: FigureFrame, b: FigureFrame) -> bool:
    """Both figures' own text names the event's day ("في 20 يوليو" against "في 26 يونيو"), at
    least a week apart. A day reckoned from a weekday or "أمس" is not used: reckonings of
    "الجمعة الثانية" or "نهاية الأسبوع" go wrong too often to rule anything out."""
    if a.as_of_basis != "event" or b.as_of_basis != "event" or a.as_of is None or b.as_of is None:
        return False
    x, y = a.as_of, b.as_of
    if _meet(x, y):
        return False
    return min(abs(days_between(x[1], y[0])), abs(days_between(y[1], x[0]))) > RUNNING_DAYS


def _meet(x: tuple[str, str], y: tuple[str, str]) -> bool:
    """Whether two windows of ISO days (first, last) share a day."""
    return x[0] <= y[1] and y[0] <= x[1]


def _same_event_day(a: FigureFrame, b: FigureFrame) -> bool:
    return (
        a.as_of_basis == b.as_of_basis == "event"
        and a.as_of is not None
        and b.as_of is not None
        and a.as_of[0] == a.as_of[1] == b.as_of[0] == b.as_of[1]
    )


def _span_days(f: FigureFrame) -> int | None:
    if f.running and f.as_of is not None and f.as_of[0]:
        return days_between(f.as_of[0], f.as_of[1])
    return None


def _compatible(a: Figure, b: Figure, traits: Mapping[int, _Traits] | None = None) -> bool:
    """Nothing in the two frames says they are different amounts: the same part-of relation,
    places that agree, no event dates a week apart, and not a long running total against
    a one-off count ("40 ألف منذ 1984" is not the toll of a strike)."""
    fa, fb = a.frame, b.frame
    agree = _agree(traits[a.id], traits[b.id]) if traits is not None else places_agree(fa, fb)
    if fa.part != fb.part or not agree or _event_days_clash(fa, fb):
        return False
    la, lb = _span_days(fa), _span_days(fb)
    long_run = (la or 0) > LONG_RUN or (lb or 0) > LONG_RUN
    return not long_run or (
        fa.running and fb.running and la is not None and lb is not None and abs(la - lb) <= LONG_RUN
    )


def blocks(figures: Iterable[Figure]) -> dict[str, list[Figure]]:
    """Comparable figures by measure, each block in said_on order."""
    out: dict[str, list[Figure]] = defaultdict(list)
    for f in figures:
        if f.frame.comparable:
            out[f.frame.measure].append(f)
    for block in out.values():
        # The order of the text, not of storage: the same figures cluster alike however ingested.
        block.sort(key=lambda f: (_said(f), f.published or "", f.article, f.frame.ord))
    return out


@dataclass(slots=True)
class _Cluster:
    id: str
    members: list[Figure]
    last: str  # the latest said_on day of its members
    words: set[str]  # every event word, topic word and near place of its members


def _candidates(
    f: Figure, recent: Sequence[_Cluster], by_day: Mapping[str, list[_Cluster]], by_place: Mapping[str, list[_Cluster]]
) -> list[_Cluster]:
    """Clusters a figure may join: those said about the same days, those its text dates to the
    same event day, and (far in time) those about a place its sentence names near it."""
    seen: dict[str, _Cluster] = {c.id: c for c in recent}
    fr = f.frame
    if fr.as_of_basis == "event" and fr.as_of is not None and fr.as_of[0] == fr.as_of[1]:
        for c in by_day.get(fr.as_of[0], ()):
            seen.setdefault(c.id, c)
    for p in sorted(_where(fr)):
        for c in by_place.get(p, ())[-FAR_CANDIDATES:]:
            seen.setdefault(c.id, c)
    return list(seen.values())


def _score(f: Figure, c: _Cluster, w: Mapping[str, float], tr: Mapping[int, _Traits]) -> float | None:
    """The average relatedness of `f` to a cluster's members in other articles (those near in
    time, and a few far ones), or None when none can be compared. A member that rules the
    figure out (another place, another event date) counts `RULED_OUT`: one misread member
    must not close a cluster, most of them must."""
    scores = []
    # Members come in said_on order: the near ones are the last, the far ones the first.
    near: list[Figure] = []
    for m in reversed(c.members):
        gap = _said_gap(m, f)
        if gap is None or gap > LINK_DAYS or len(near) == NEAR_MEMBERS:
            break
        near.append(m)
    taken = {m.id for m in near}
    far = [m for m in c.members[:FAR_MEMBERS] if m.id not in taken]
    for m in (*near, *far):
        if m.article == f.article:
            continue
        if not _compatible(m, f, tr):
            scores.append(RULED_OUT)
            continue
        r = _related(m.frame, f.frame, tr[m.id], tr[f.id], w)
        if m.id not in taken and not _same_event_day(m.frame, f.frame):
            r -= FAR_PENALTY  # long after: only a closely worded recall of the same event
        scores.append(r)
    return math.fsum(scores) / len(scores) if scores else None


def _stable_id(f: Figure) -> str:
    """A cluster's name, from its first figure's article and position (not from storage ids)."""
    return hashlib.blake2s(f"{f.article}\x00{f.frame.ord}".encode(), digest_size=5).hexdigest()


def _cluster(block: Sequence[Figure], w: Mapping[str, float], tr: Mapping[int, _Traits]) -> dict[int, str]:
    """figure id -> cluster id for one measure's block (in said_on order).

    Average linkage, one pass: a figure joins the cluster whose members it relates to best on
    average, when that average reaches `RELATED` and no member rules it out (another place,
    another event date); else it starts a cluster. Single linkage would let one loose pair
    merge two stories. Only clusters said about the same days, dated to the same event day,
    or placed where the figure is placed are tried, so a block of any size takes one pass.
    """
    clusters: list[_Cluster] = []
    recent: list[_Cluster] = []
    by_day: dict[str, list[_Cluster]] = defaultdict(list)
    by_place: dict[str, list[_Cluster]] = defaultdict(list)
    out: dict[int, str] = {}
    for f in block:
        said = _said(f)
        recent = [c for c in recent if not c.last or not said or days_between(c.last, said) <= LINK_DAYS]
        best: _Cluster | None = None
        best_score = 0.0
        t = tr[f.id]
        mine = t.terms | t.topic | t.near
        for c in _candidates(f, recent, by_day, by_place):
            if not (c.words & mine):
                continue  # nothing shared: every member relates at most SCOPE_BONUS, never enough
            score = _score(f, c, w, tr)
            if score is not None and score > best_score:
                best, best_score = c, score
        if best is None or best_score <= RELATED:
            best = _Cluster(_stable_id(f), [], said, set())
            clusters.append(best)
        best.members.append(f)
        best.words |= mine
        best.last = max(best.last, said)
        if best not in recent:
            recent.append(best)
        fr = f.frame
        if (
            fr.as_of_basis == "event"
            and fr.as_of is not None
            and fr.as_of[0] == fr.as_of[1]
            and best not in by_day[fr.as_of[0]]
        ):
            by_day[fr.as_of[0]].append(best)
        for p in sorted(_where(fr)):
            if best not in by_place[p]:
                by_place[p].append(best)
        out[f.id] = best.id
    return out


def _clustered_pairs(
    block: Sequence[Figure], w: Mapping[str, float], clusters: Mapping[int, str], tr: Mapping[int, _Traits]
) -> Iterator[tuple[Figure, Figure, float]]:
    """Pairs of figures in different articles that share a cluster and relate on their own."""
    grouped: dict[str, list[Figure]] = defaultdict(list)
    for f in block:
        grouped[clusters[f.id]].append(f)
    for group in grouped.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if (
                    a.article != b.article
                    and _compatible(a, b, tr)
                    and (r := _related(a.frame, b.frame, tr[a.id], tr[b.id], w)) >= PAIR_RELATED
                ):
                    yield a, b, r


@dataclass(frozen=True, slots=True)
class Links:
    keys: dict[int, str]  # figure id -> the key of the amount it states
    pairs: list[Pair]  # conflicts, revisions, contradictions, most confident first


def link(figures: Sequence[Figure]) -> Links:
    """Cluster every measure's figures into amounts (a comparable figure alone keeps a key of its
    own; a figure that is not comparable gets none) and find the pairs inside each amount."""
    keys: dict[int, str] = {}
    pairs: list[Pair] = []
    by_measure = blocks(figures)
    rare = _rare_words([f for block in by_measure.values() for f in block])
    siblings: dict[tuple[str, int], list[Figure]] = defaultdict(list)
    for block in by_measure.values():
        for f in block:
            siblings[(f.article, f.frame.context_start)].append(f)
    for measure, block in by_measure.items():
        w = weights(block)
        tr = {f.id: _traits(f.frame, w) for f in block}
        clusters = _cluster(block, w, tr)
        for fid, cid in clusters.items():
            keys[fid] = f"{measure}#{cid}"
        pairs.extend(_pairs(measure, block, w, clusters, tr, rare, siblings))
    pairs.sort(key=lambda p: (-p.confidence, p.kind, _said(p.a), p.a.id, p.b.id))
    return Links(keys, _distinct(pairs))


def _distinct(pairs: Sequence[Pair]) -> list[Pair]:
    """One pair per disagreement: the same two sources' same two figures on the same days, found
    again in a lightly edited copy of a wire story, is the same evidence (the most confident is
    kept)."""
    seen: set[tuple[str, frozenset[tuple[str, str, float, str]]]] = set()
    out: list[Pair] = []
    for p in pairs:
        sig = (p.kind, frozenset((f.frame.source_key, f.frame.qualifier, f.frame.value, _said(f)) for f in (p.a, p.b)))
        if sig not in seen:
            seen.add(sig)
            out.append(p)
    return out


def measure_keys(figures: Sequence[Figure]) -> dict[int, str]:
    """figure id -> the key of the amount it states (see `link`)."""
    return link(figures).keys


def _independent(a: Figure, b: Figure) -> bool:
    if a.original == b.original:
        return False  # one text, syndicated: one source
    return a.frame.source_key != b.frame.source_key


def _running_conflict(a: Figure, b: Figure) -> str | None:
    """Two running totals that disagree: a conflict when counted the same day, or within a week
    (as the story gold defines it, ../shared/eval/CLAIMS.md) unless the later is the higher, or
    when the later falls. A total that rises from one day to a later one is an update, as the
    figures issue has it ("منذ 29 مايو" 660, then more than 750 two days later): in the judged
    samples all such pairs were updates."""
    ea = a.frame.as_of[1] if a.frame.as_of else _said(a)
    eb = b.frame.as_of[1] if b.frame.as_of else _said(b)
    early, late = (a, b) if ea <= eb else (b, a)
    gap = abs(days_between(min(ea, eb), max(ea, eb)))
    if gap >= 1 and late.frame.interval.low > early.frame.interval.high:
        return None
    if gap <= RUNNING_DAYS:
        return f"running totals counted {gap} days apart"
    starts = {f.frame.as_of[0] if f.frame.as_of else "" for f in (a, b)}
    if "" in starts:
        return None  # a toll with no start ("ارتفعت الحصيلة إلى 36") is one event's: weeks apart, two events
    if late.frame.interval.high < early.frame.interval.low:
        return "a running total cannot fall"
    return None


def _mixed_conflict(a: Figure, b: Figure) -> str | None:
    """A running total counted from a dated start ("منذ العاشر من يوليو") against a one-off count,
    said at most SAME_EVENT_DAYS apart: the count is one point of the total (or one incident of
    the many it sums), so the two conflict only when the total falls below it: said later and
    lower, or the same day and lower. Every such pair with the total above the count judged in
    the full-corpus samples was an update or a wider count. A toll with no dated start ("ارتفعت
    الحصيلة إلى 30", "منذ أسبوع") is read as one event's: against a count of it said within two
    days it is a conflict, as the story gold defines one, unless the text says it rose (`_rose`)."""
    gap = _said_gap(a, b)
    if gap is None or gap > SAME_EVENT_DAYS:
        return None
    run, one = (a, b) if a.frame.running else (b, a)
    if run.frame.as_of is None or not run.frame.as_of[0]:
        return f"said {gap} days apart"
    if run.frame.interval.high >= one.frame.interval.low:
        return None  # the total is the higher: it grew past the count, or counts more
    if gap and _said(run) < _said(one):
        return None  # the total was said first, and the count said later is higher: it grew
    return f"a running total below a count said {gap} days apart"


def _describe(f: Figure) -> str:
    who = f.frame.source_name or (f.outlet or f.article)
    return f"{who} «{f.frame.text}» ({_said(f)})"


def find_pairs(figures: Sequence[Figure]) -> list[Pair]:
    """Conflicts, revisions and contradictions among `figures`, most confident first (see `link`)."""
    return link(figures).pairs


def _rare_words(figures: Sequence[Figure]) -> frozenset[str]:
    """Event words and places few figures' sentences in the whole ledger use ("سروج", "عسير",
    "الصادق"): a detail two reports of one event share, and reports of two events seldom do.
    Few is at most RARE_SHARE of the sentences, and never fewer than RARE_MIN."""
    df: dict[str, int] = defaultdict(int)
    seen: set[tuple[str, int]] = set()
    for f in figures:
        if (f.article, f.frame.context_start) not in seen:
            seen.add((f.article, f.frame.context_start))
            for t in {*f.frame.terms, *(p for p in f.frame.places if not _country(p))}:
                df[t] += 1
    limit = max(RARE_MIN, RARE_SHARE * len(seen))
    return frozenset(t for t, n in df.items() if n <= limit)


def _states_too(a: Figure, b: Figure, siblings: Mapping[tuple[str, int], list[Figure]]) -> bool:
    """`b`'s source also gives `a`'s value for the same measure (a part's or the whole's) in the
    same sentence: the two agree on it, and `b`'s figure is another part or the whole ("23 قتيلا،
    17 منهم" against "17 قتيلا"; "15 في القاهرة و4 في مطروح" said again the next day). A
    sentence that sets two sources' figures side by side ("السلطات: ستة، وسائل إعلام: تسعة") does
    not count: each of them may conflict with another report."""
    base = a.frame.measure.removesuffix("/part")
    return any(
        f.frame.value == a.frame.value
        and f.frame.measure.removesuffix("/part") == base
        and f.frame.source_key == b.frame.source_key
        for f in siblings.get((b.article, b.frame.context_start), ())
        if f is not b
    )


def _tells_apart(a: Figure, b: Figure, told: Mapping[tuple[str, str], list[Figure]]) -> bool:
    """`b`'s article gives, in `b`'s voice, another figure of this measure that agrees with `a`:
    that article tells two amounts apart, and `a` is the other one (an outlet's "25 students at
    the academy, and earlier 15 in the truck bombing" against another's "at least 20 at the
    academy"). A figure the article gives in another voice is its own report of a disagreement,
    and rules nothing out."""
    fb = b.frame
    return any(
        f is not b
        and f.frame.source_key == fb.source_key
        and f.frame.value != fb.value
        and f.frame.running == a.frame.running
        and not f.frame.part
        and f.frame.interval.overlaps(a.frame.interval)
        for f in told.get((b.article, fb.measure), ())
    )


def _voices(block: Sequence[Figure], clusters: Mapping[int, str]) -> dict[str, list[list[Figure]]]:
    """Per amount, the figures each voice of each article gives of it (parts and counts said to be
    earlier left out: they tell nothing apart), for `_told_elsewhere`."""
    groups: dict[tuple[str, str, str, bool], list[Figure]] = defaultdict(list)
    for f in block:
        if not f.frame.part and f.frame.as_of_basis != "earlier":
            groups[(clusters[f.id], f.article, f.frame.source_key, f.frame.running)].append(f)
    out: dict[str, list[list[Figure]]] = defaultdict(list)
    for (key, *_), figures in groups.items():
        if len(figures) > 1:
            out[key].append(figures)
    return out


def _told_elsewhere(a: Figure, b: Figure, voices: Sequence[Sequence[Figure]]) -> bool:
    """A third article of the same amount gives, in one voice, a figure that agrees with `a` only
    and another that agrees with `b` only: it tells the two apart, whatever `a`'s and `b`'s own
    words share (Kabul, 7 August 2015: one report gives "20 at the police academy" and "15 in the
    truck bombing", so another's 20 against a third's 15 is two attacks, not a disagreement)."""
    ia, ib = a.frame.interval, b.frame.interval
    for figures in voices:
        if figures[0].article in (a.article, b.article):
            continue
        seen = [(f.frame.interval.overlaps(ia), f.frame.interval.overlaps(ib)) for f in figures]
        if (True, False) in seen and (False, True) in seen:
            return True
    return False


# Kinds of harm that befall some road every day (means of figure_words.tsv): two reports that
# share only "تصادم" or "انقلاب" may tell any two accidents in a region.
_EVERYDAY = frozenset({"collision", "rollover", "runover"})


def _details_shared(ta: _Traits, tb: _Traits, rare: frozenset[str]) -> frozenset[str]:
    """The rare details two figures' sentences share that tie them to one event: not a capital
    alone (`capital_words`), nor the kind of an everyday accident (`_EVERYDAY`)."""
    shared = (ta.details & tb.details & rare) - capital_words()
    return frozenset(t for t in shared if not means((t,)) & _EVERYDAY)


def _days_differ(a: FigureFrame, b: FigureFrame) -> bool:
    """Both figures' text dates the event they count ("أمس", "الأربعاء", "في 20 يوليو"), to days
    that do not meet: two incidents, however alike their words. A reckoned span longer than a
    day ("الأسبوع الماضي") is too loose to tell incidents apart, but an incident the text recalls
    as days before ("بعد أيام على مقتل …") is not one dated to the day it was reported."""
    if a.running or b.running:
        return False
    ea, eb = a.as_of_basis == "earlier", b.as_of_basis == "earlier"
    if ea != eb and (b if ea else a).as_of is None:
        return True  # a recalled incident against a figure the text does not date: the news of its day
    if a.as_of is None or b.as_of is None or (ea and eb):
        return False
    if not ((_dated(a) or ea) and (_dated(b) or eb)):
        return False
    return not _meet(a.as_of, b.as_of)


def _spots_differ(a: FigureFrame, b: FigureFrame) -> bool:
    """Both sentences name the spot of their event by its kind, and no spot of one is named in the
    other sentence at all: two neighbourhoods, two villages, two incidents. Or both set it on a
    side of one place, and on no common side ("شرقي الرمادي" against "غربي الرمادي")."""
    sides_a, sides_b = bearing_spots(a.spots), bearing_spots(b.spots)
    if any(not sides_a[p] & sides_b[p] for p in sides_a.keys() & sides_b.keys()):
        return True
    names_a = {s for s in a.spots if "@" not in s}
    names_b = {s for s in b.spots if "@" not in s}
    if not names_a or not names_b:
        return False
    words_a, words_b = {*a.terms, *names_a}, {*b.terms, *names_b}
    return not (names_a & words_b) and not (names_b & words_a)


def _scopes_differ(a: FigureFrame, b: FigureFrame) -> bool:
    """Harm spread over a land (a storm, floods, a heat wave: `areal`), and one sentence names the
    city or province its figure counts ("مدينة ونتشو", "محافظة القاهرة") while the other names
    none finer than a country or a side of it ("بشرق الصين"): one place's toll against a wider
    one, not two counts of one amount."""
    if not (areal(a.terms) or areal(b.terms)):
        return False
    fine_a = any("@" not in s for s in a.spots)
    fine_b = any("@" not in s for s in b.spots)
    return fine_a != fine_b


def _rose(a: Figure, b: Figure) -> bool:
    """The later of two figures is a toll the text says rose ("ارتفعت الحصيلة إلى 30") and is the
    higher: the lower is the count it rose from, an update and no disagreement. In the
    full-corpus ledger 14 pairs were such, all updates when read (Hamburg's wounded "rose to 38"
    against 27 the same day, Dar Saad's dead "rose to 103" against 43 and 50, Minya's 24 "in a
    provisional toll" against "rose to 28"); no conflict of the story gold is one. Two running
    totals are not: counted the same day and differing, they conflict (`_running_conflict`)."""
    if a.frame.running == b.frame.running:
        return False  # two running totals counted the same day and differing do conflict
    if _said(a) == _said(b):
        # Said the same day: the one that says the toll rose, and is the higher, came later.
        return any(x.frame.running and x.frame.interval.low > y.frame.interval.high for x, y in ((a, b), (b, a)))
    early, late = (a, b) if _said(a) < _said(b) else (b, a)
    return late.frame.running and late.frame.interval.low > early.frame.interval.high


def _updated(a: Figure, b: Figure) -> bool:
    """Said on two days, and the text calls the lower toll provisional ("حصيلة مؤقتة", "هذه الحصيلة
    يمكن أن تتغير") or the higher new or final ("وفق حصيلة جديدة"): one count updated as it grew,
    not two sources disagreeing, whichever of the two a paper printed first (a stale provisional
    count reprinted after the higher one is still the old count). Said the same day, only a
    higher toll the text calls new ("وفق حصيلة جديدة", "الحصيلة باتت الآن") updates the lower:
    a provisional count beside another source's higher one the same day may still disagree."""
    low, high = (a, b) if a.frame.interval.high < b.frame.interval.low else (b, a)
    if not _said_gap(a, b):
        return high.frame.toll == "updated"
    return low.frame.toll == "provisional" or high.frame.toll == "updated"


def _one_count(a: Figure, b: Figure) -> bool:
    """Whether one source's two figures, said on different days, can be one count revised. Said
    at most SAME_EVENT_DAYS apart, running totals, or counts the text does not date (a war's dead
    "in Kursk", revised a month on) can; but when either is dated to an incident of its own
    days ("صباح اليوم", "أول من أمس"), the later must be dated to the earlier's incident: a
    spokesman who reports many alike incidents (a civil defence's wounded, a Red Crescent's road
    accidents) gives another incident's count days later in the same words."""
    if (_said_gap(a, b) or 0) <= SAME_EVENT_DAYS or (a.frame.running and b.frame.running):
        return True
    first, then = (a, b) if _said(a) <= _said(b) else (b, a)
    if not (_fresh(first) or _fresh(then)):
        return True
    was = first.frame.as_of or first.frame.said_on
    return then.frame.as_of is not None and was is not None and _meet(then.frame.as_of, was)


def _fresh(f: Figure) -> bool:
    """A one-off count dated to an incident at most SAME_EVENT_DAYS before it was said."""
    fr = f.frame
    if fr.running or fr.as_of is None or fr.said_on is None or not fr.as_of[1]:
        return False
    return 0 <= days_between(fr.as_of[1], fr.said_on[0]) <= SAME_EVENT_DAYS


def _apart(a: Figure, b: Figure) -> float:
    """How many times apart the nearest values two disjoint figures allow are: "more than 20"
    against 15 are 20 and 15."""
    ia, ib = a.frame.interval, b.frame.interval
    near, far = (ia, ib) if ia.high < ib.low else (ib, ia)
    return max(far.low, 1.0) / max(near.high, 1.0)


def _believable(a: Figure, b: Figure) -> float:
    """How much of a conflict's confidence its two figures keep (see CLOSE_RATIO)."""
    ratio = _apart(a, b)
    close = 1.0 if ratio <= CLOSE_RATIO else max(FAR_FLOOR, 1.0 - 0.25 * math.log2(ratio / CLOSE_RATIO))
    gap = _said_gap(a, b)
    return close * SAID_APART ** (1 if gap is None else gap)


def _same_figure(a: FigureFrame, b: FigureFrame) -> bool:
    """A denial contradicts the figure it denies, not any figure its bounds allow: "denied killing
    20 civilians" against "at least 10 killed" is no contradiction; 20 against 20 (or about 20)
    is."""
    return abs(a.value - b.value) <= APPROX_TOLERANCE * max(a.value, b.value)


def _combat_fronts_differ(a: FigureFrame, b: FigureFrame) -> bool:
    """Fighters killed or wounded in one engagement (not a running total): a war's belligerents
    report such counts per front and per day, and two outlets' counts in one province within
    days are of two engagements far more often than of one (Marib, Ramadi, Taiz: 1 real of 68
    read). Two such counts are one amount only when both sentences name the same spot by its kind
    ("منطقة قرن الصابحية"); a province or a side of a city is not enough."""
    if a.running or b.running or not (a.group == b.group == "fighter"):
        return False
    return not _fine_spots(a.spots) & _fine_spots(b.spots)


@lru_cache(maxsize=4096)
def _is_known_place(name: str) -> bool:
    """Whether a spot's folded name (without its article) is a gazetteer place: a city, a province."""
    g = gazetteer()
    return g.lookup(name) is not None or g.lookup("ال" + name) is not None


def _fine_spots(spots: Iterable[str]) -> set[str]:
    """Spots finer than a city or a province: named by their kind, not a side of a place, and not
    in the gazetteer ("منطقة قرن الصابحية" is one; "محافظة مأرب" is not)."""
    return {s for s in spots if "@" not in s and not _is_known_place(s)}


def _means_differ(a: FigureFrame, b: FigureFrame) -> bool:
    """Both sentences name how the harm was done, and no way is in both ("انفجار عبوة ناسفة"
    against "غارة جوية", "حادث تصادم" against "حادث انقلاب"): two incidents."""
    ma, mb = means(a.terms), means(b.terms)
    return bool(ma and mb and not ma & mb)


def _dated(f: FigureFrame) -> bool:
    return f.as_of is not None and (
        f.as_of_basis == "event" or (f.as_of_basis == "reckoned" and f.as_of[0] == f.as_of[1])
    )


def _share(x: frozenset[str], y: frozenset[str]) -> float:
    return len(x & y) / min(len(x), len(y)) if x and y else 0.0


def _siblings_disagree(a: Figure, b: Figure, siblings: Mapping[tuple[str, int], list[Figure]]) -> bool:
    """Two reports of one event usually agree on its other figures: when both sentences also
    give another measure ("و40 جريحا") and the nearest values those allow differ more than
    SIBLING_APART times, the two sentences tell two events ("قتيل و7 جرحى" in one street, "19
    قتيلا و43 جريحا" in another); "dozens" of wounded ("العشرات", at least 10) allow 227."""
    mine = {
        f.frame.measure: f
        for f in siblings.get((a.article, a.frame.context_start), ())
        if f.frame.measure != a.frame.measure
    }
    for f in siblings.get((b.article, b.frame.context_start), ()):
        other = mine.get(f.frame.measure)
        if other is not None and not other.frame.interval.overlaps(f.frame.interval):
            # The nearest values the two allow: "العشرات" (dozens) agrees with 227 wounded.
            lo, hi = sorted((max(other.frame.interval.high, 1.0), max(f.frame.interval.low, 1.0)))
            if other.frame.interval.low > f.frame.interval.high:
                lo, hi = max(f.frame.interval.high, 1.0), max(other.frame.interval.low, 1.0)
            if hi / lo > SIBLING_APART and hi - lo > 3:
                return True
    return False


def _same_breakdown(a: Figure, b: Figure, siblings: Mapping[tuple[str, int], list[Figure]]) -> bool:
    """Both sentences give the same other measures beside the figure, at least REVISION_BREAKDOWN
    of them: one statement's breakdown restated with new figures ("46 متهما، 16 منهم في حالة
    إيقاف … 25 في حالة سراح" a year before "51 متهما منهم 17 في حالة إيقاف و27 في حالة سراح")."""

    def others(f: Figure) -> set[str]:
        return {g.frame.measure for g in siblings.get((f.article, f.frame.context_start), ())} - {f.frame.measure}

    return len(others(a) & others(b)) >= REVISION_BREAKDOWN


def _pairs(
    measure: str,
    block: Sequence[Figure],
    w: Mapping[str, float],
    clusters: Mapping[int, str],
    tr: Mapping[int, _Traits],
    rare: frozenset[str],
    siblings: Mapping[tuple[str, int], list[Figure]],
) -> list[Pair]:
    out: list[Pair] = []
    told: dict[tuple[str, str], list[Figure]] = defaultdict(list)
    for f in block:
        told[(f.article, f.frame.measure)].append(f)
    voices = _voices(block, clusters)
    for a, b, r in _clustered_pairs(block, w, clusters, tr):
        if a.original != a.article or b.original != b.article:
            continue  # a syndicated copy repeats its original: the original is compared, once
        fa, fb = a.frame, b.frame
        lo, hi = sorted((max(fa.value, 1.0), max(fb.value, 1.0)))
        if hi / lo > PAIR_SCALE:
            continue  # 150 and 450,000 are not two counts of one amount
        conf = round(min(fa.confidence, fb.confidence) * (0.5 + r / 2), 3)
        both = fa.interval.overlaps(fb.interval)
        # The two sentences must tell the same event in words, not only share a place, nor only
        # common words (a detail of the event itself: a town, a building, a name), and agree on
        # its other figures: a prolific source (an observatory, a ministry) reports many events.
        ta, tb = tr[a.id], tr[b.id]
        if (
            _overlap(ta.terms & tb.terms, ta.terms_w, tb.terms_w, w) < PAIR_WORDS
            or not _details_shared(ta, tb, rare)
            or (not (fa.running and fb.running and _said_gap(a, b)) and _siblings_disagree(a, b, siblings))
        ):
            continue
        # Each sentence gives the other's figure too, they date their events to other days, or
        # they name other spots ("حي الزعفرانية" against "منطقة بغداد الجديدة").
        if (
            _states_too(a, b, siblings)
            or _states_too(b, a, siblings)
            or _tells_apart(a, b, told)
            or _tells_apart(b, a, told)
            or _days_differ(fa, fb)
            or _spots_differ(fa, fb)
            or _means_differ(fa, fb)
            or _scopes_differ(fa, fb)
            or two_incidents(fa.terms) != two_incidents(fb.terms)
            or _told_elsewhere(a, b, voices[clusters[a.id]])
        ):
            continue
        if (
            not both
            and fa.stance != "deny"
            and fb.stance != "deny"
            and fa.source_kind == fb.source_kind == "named"
            and fa.source_key == fb.source_key
            and 1 <= (_said_gap(a, b) or 0) <= REVISION_DAYS
            and _share(ta.terms, tb.terms)
            >= (REVISION_BREAKDOWN_WORDS if _same_breakdown(a, b, siblings) else REVISION_WORDS)
            and _one_count(a, b)
        ):
            # One named voice, one amount, another day, the same statement: it revised its figure.
            first, then = (a, b) if _said(a) <= _said(b) else (b, a)
            out.append(
                Pair(
                    "revision",
                    first,
                    then,
                    conf,
                    f"{measure}: {fa.source_name} said «{first.frame.text}» ({_said(first)}), "
                    f"then «{then.frame.text}» ({_said(then)})",
                )
            )
            continue
        if _combat_fronts_differ(fa, fb):
            continue  # enemy fighters killed: one front's count against another's (see the function)
        if fa.several or fb.several:
            # A sum of several incidents ("في ثلاثة حوادث منفصلة") is no one incident's toll, and two
            # sums seldom sum the same incidents (seven accidents in a day against "several").
            continue
        if fa.part or fb.part:
            continue  # a part ("بينهم 30 بريطانيا") of a toll is compared only by its own voice, over time
        if fa.as_of_basis == "earlier" or fb.as_of_basis == "earlier":
            continue  # an earlier count or an incident recalled is context, never one side of a conflict
        if (fa.stance == "deny") != (fb.stance == "deny"):
            if both and _same_figure(fa, fb) and _independent(a, b) and (_said_gap(a, b) or 0) <= SAME_EVENT_DAYS:
                denier, other = (a, b) if fa.stance == "deny" else (b, a)
                out.append(
                    Pair(
                        "contradiction",
                        denier,
                        other,
                        conf,
                        f"{measure}: {_describe(denier)} denies what {_describe(other)} states",
                    )
                )
            continue
        if both or fa.stance == "deny":
            continue
        if not _independent(a, b) or _updated(a, b) or _rose(a, b):
            continue  # not independent, or one count updated: no disagreement
        if fa.running and fb.running:
            why = _running_conflict(a, b)
        elif fa.running or fb.running:
            why = _mixed_conflict(a, b)
        else:
            gap = _said_gap(a, b)
            why = f"said {gap} days apart" if gap is not None and gap <= SAME_EVENT_DAYS else None
        apart = _apart(a, b)
        if why is not None and (apart > FAR_APART or (apart >= WIDE_APART and r < WIDE_RELATED)):
            why = None  # not two counts of one amount (see FAR_APART, WIDE_APART)
        if why is not None:
            believable = _believable(a, b)
            out.append(
                Pair(
                    "conflict",
                    a,
                    b,
                    round(conf * believable, 3),
                    f"{measure}: {_describe(a)} vs {_describe(b)}: cannot both hold ({why})",
                )
            )
    return out


__all__ = [
    "LINK_DAYS",
    "RELATED",
    "RULES",
    "RUNNING_DAYS",
    "SAME_EVENT_DAYS",
    "Figure",
    "Pair",
    "blocks",
    "find_pairs",
    "measure_keys",
    "relatedness",
    "weights",
]
