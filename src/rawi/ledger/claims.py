"""Quantity claims: a figure, what it counts, what happened to it, when, and who says so.

A claim is one extracted quantity seen as an assertion about the world. Its
`ClaimKey` says *what* is counted so that claims from different articles can be
compared: the subject (whose soldiers, where the people were killed), the
predicate (killed, wounded, deployed, ...) and the unit (soldier, dollar). Its
`Interval` says which true values the figure allows, qualifier included: "أكثر
من 10000" allows (10000, inf). Its window is the time the figure is about.

Everything here is a pure function of one `Analysis`: no database. The rules
are deliberately short so that a reader can say why two claims share a key:

- predicate: the nearest predicate word (claim_predicates.tsv) in the
  quantity's clause, that is its sentence between the neighbouring figures;
  ties go to the word before ("قتل 15 شخصا وأصيب 40 آخرون"). A unit that is
  itself a predicate noun ("50 قتيلا") gives the predicate, and the unit شخص.
- unit: the extractor's unit, lemmatised (claim_units.tsv, then the article
  ال, accusative ا and nisba plural ين/ون); "آخرون" takes the unit of the
  figure before it in the sentence.
- subject: a nisba or "من + name" right after the unit ("جندي كوري شمالي",
  "جندي من كوريا الشمالية"), as the country or entity it names; else the
  place, organisation or group named nearest to the figure in its sentence,
  speakers excluded; else "" (unknown).
- window: the nearest DATE/TIME expression in the sentence, as calendar days;
  else the article's dateline (the figure is "as of" that day). A time the
  calendar cannot place (PAST_REF, XXXX-04, a duration) makes the window None.
- source: the speaker of the smallest attribution whose content holds the
  figure (`rawi.ledger.keys.global_key`: link, else folded name; an anonymous "مسؤول" or
  "مصادر" counts only within its outlet), else the outlet, else None.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from rawi.ledger.keys import global_key
from rawi.lexicon import load_tsv
from rawi.lexicon.gazetteer import gazetteer, titles
from rawi.model import Analysis, Attribution, Entity, Quantity, Span, TimeExpr
from rawi.text.normalize import fold, normalize
from rawi.text.segment import segment

INF = float("inf")
# An approximate figure ("حوالي 2000") allows this relative error either way.
# Ten per cent is the usual reading of "about" in casualty and budget reporting:
# "حوالي 2000" and "2100" agree, "حوالي 2000" and "2500" do not.
APPROX_TOLERANCE = 0.10
# Words that may sit between the unit and its nisba or "من" phrase, and how far we look.
_SUBJECT_LOOKAHEAD = 4
# Entity types that can be "who/what is counted" when the unit carries no nisba.
_SUBJECT_TYPES = frozenset({"GPE", "LOC", "ORG", "NORP"})
# One word of the original text: letters, digits, harakat and tatweel (offsets stay original).
_WORD_RE = re.compile(r"[\w\u0640\u064b-\u065f\u0670]+")
_CLITICS = ("", "ال", "بال", "لل", "ب", "ل", "ك")


@dataclass(frozen=True, slots=True)
class Interval:
    """The true values a figure allows. Counts are never negative, so "fewer than" starts at 0."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def overlaps(self, other: Interval) -> bool:
        """Whether both figures can hold at once (some value lies in both intervals)."""
        low, high = max(self.low, other.low), min(self.high, other.high)
        low_open = (self.low == low and self.low_open) or (other.low == low and other.low_open)
        high_open = (self.high == high and self.high_open) or (other.high == high and other.high_open)
        return low < high or (low == high and not low_open and not high_open)

    def __str__(self) -> str:
        lo = "(" if self.low_open else "["
        hi = ")" if self.high_open else "]"
        return f"{lo}{self.low:g}, {self.high:g}{hi}"


def interval(value: float, qualifier: str, high: float | None = None) -> Interval:
    """The interval a qualified figure allows; an unknown qualifier reads as `eq`.

    eq [v, v]; gt (v, inf); ge [v, inf); lt [0, v); le [0, v] (from -inf when v <= 0:
    a negative figure is a change, not a count); approx [v(1-t), v(1+t)] with
    t = APPROX_TOLERANCE; range [v, high] (either order).
    """
    v = float(value)
    floor = 0.0 if v > 0 else -INF
    if qualifier == "gt":
        return Interval(v, INF, True, True)
    if qualifier == "ge":
        return Interval(v, INF, False, True)
    if qualifier == "lt":
        return Interval(floor, v, floor == -INF, True)
    if qualifier == "le":
        return Interval(floor, v, floor == -INF, False)
    if qualifier == "approx":
        a, b = v * (1 - APPROX_TOLERANCE), v * (1 + APPROX_TOLERANCE)
        return Interval(min(a, b), max(a, b))
    if qualifier == "range" and high is not None:
        h = float(high)
        return Interval(min(v, h), max(v, h))
    return Interval(v, v)


def windows_overlap(a: tuple[str, str] | None, b: tuple[str, str] | None) -> bool:
    """Whether two windows share a day. None is an unknown window: it overlaps nothing,
    so a figure whose time we cannot place never takes part in a conflict or revision."""
    if a is None or b is None:
        return False
    return a[0] <= b[1] and b[0] <= a[1]


_YEAR = re.compile(r"(\d{4})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?")
_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_PART = re.compile(r"(\d{4})-([QH])([1-4])")
_DECADE = re.compile(r"(\d{3})X")


def _month_end(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"


def time_window(value: str, published: str | None = None) -> tuple[str, str] | None:
    """Calendar days (first, last) of a TIMEX3 value, or None when the calendar cannot place it.

    2025 -> (2025-01-01, 2025-12-31); 2025-09 -> (2025-09-01, 2025-09-30); 2025-W43 -> that
    ISO week; 2025-Q1, 2025-H2, 202X; a datetime -> its day; PRESENT_REF -> the dateline day.
    """
    try:
        if m := _DAY.fullmatch(value):
            day = dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            return day, day
        if m := _MONTH.fullmatch(value):
            y, mo = int(m[1]), int(m[2])
            return f"{y:04d}-{mo:02d}-01", _month_end(y, mo)
        if m := _YEAR.fullmatch(value):
            return f"{m[1]}-01-01", f"{m[1]}-12-31"
        if m := _WEEK.fullmatch(value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
        if m := _PART.fullmatch(value):
            y, n = int(m[1]), int(m[3])
            months = 3 if m[2] == "Q" else 6
            if n * months > 12:
                return None
            first = (n - 1) * months + 1
            return f"{y:04d}-{first:02d}-01", _month_end(y, first + months - 1)
        if m := _DECADE.fullmatch(value):
            return f"{m[1]}0-01-01", f"{m[1]}9-12-31"
    except ValueError:  # 2025-02-30, week 54: not a calendar day
        return None
    if value == "PRESENT_REF" and published:
        return time_window(published[:10])
    return None


@dataclass(frozen=True, slots=True)
class ClaimKey:
    """What a figure counts. All three are folded; "" means not found."""

    subject: str
    predicate: str
    unit: str

    def __str__(self) -> str:
        return f"{self.subject or '?'}/{self.predicate or '?'}/{self.unit or '?'}"


@dataclass(frozen=True, slots=True)
class QuantityClaim:
    doc_key: str
    published: str | None
    key: ClaimKey
    value: float
    qualifier: str
    high: float | None
    interval: Interval
    window: tuple[str, str] | None  # ISO days the figure refers to
    source: str | None  # canonical source key, see the module docstring
    evidence: Span  # the quantity
    context: Span  # its sentence
    window_basis: str = "none"  # "text" (a time in what was said), "statement", "dateline", or "none"
    stance: str = "assert"  # the stance of the attribution that holds it ("deny": the source denies it)


@dataclass(frozen=True, slots=True)
class _Predicates:
    words: dict[str, str]  # folded form -> predicate (verbs and nouns of the clause)
    phrases: dict[tuple[str, ...], str]  # folded words -> predicate
    persons: dict[str, str]  # folded unit noun -> predicate ("قتيلا" -> killed)
    longest: int


@cache
def _predicates() -> _Predicates:
    words: dict[str, str] = {}
    phrases: dict[tuple[str, ...], str] = {}
    persons: dict[str, str] = {}
    for row in load_tsv("claim_predicates", ("form",)):
        form, pred, pos = row["form"], row["predicate"], row["pos"]
        if pos == "person":
            persons.setdefault(form, pred)
            words.setdefault(form, pred)
        elif " " in form:
            phrases.setdefault(tuple(form.split()), pred)
        else:
            words.setdefault(form, pred)
    longest = max((len(p) for p in phrases), default=1)
    return _Predicates(words, phrases, persons, longest)


@cache
def _unit_lemmas() -> dict[str, str]:
    return {r["form"]: r["lemma"] for r in load_tsv("claim_units", ("form", "lemma"))}


def _variants(word: str) -> list[str]:
    """A folded word and its forms without one conjunction and one preposition/article."""
    out = []
    for w in (word, word[1:]) if word[:1] in "وف" and len(word) > 3 else (word,):
        for c in _CLITICS:
            if w.startswith(c) and len(w) - len(c) >= 2:
                out.append(w[len(c):])
    return out


def unit_lemma(unit: str | None) -> str:
    """The folded lemma of a unit as written: "جنديا" -> "جندي", "الجنود" -> "جندي", "مدنيين" -> "مدني"."""
    if not unit:
        return ""
    u = " ".join(fold(unit).split())
    table = _unit_lemmas()
    for cand in (u, u[2:] if u.startswith("ال") and len(u) > 4 else u):
        if cand in table:
            return table[cand]
    if u.startswith("ال") and len(u) > 4:
        u = u[2:]
    if len(u) >= 6 and u.endswith(("يين", "يون")):  # "مدنيين"; "مليون" is a singular
        return u[:-2]
    # Sound masculine plural or dual: "مشتبهين", "مواطنون". Short words keep the ending
    # ("سجين", "مليون" are singulars).
    if len(u) >= 6 and u.endswith(("ين", "ون")):
        return table.get(u[:-2], u[:-2])
    if len(u) >= 3 and u.endswith("ا"):  # accusative tanween: "شخصا", "دولارا", "طنا"
        return table.get(u[:-1], u[:-1])
    return u


def _words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, folded word) for each word of text[start:end], original offsets."""
    return [(m.start(), m.end(), fold(m.group())) for m in _WORD_RE.finditer(text, start, end)]


def _predicate_at(words: Sequence[tuple[int, int, str]], i: int, phrases_only: bool = False) -> str | None:
    """The predicate of a word or a phrase starting at words[i], if any."""
    lex = _predicates()
    for n in range(min(lex.longest, len(words) - i), 1, -1):
        rest = tuple(w for _, _, w in words[i + 1:i + n])
        for v in _variants(words[i][2]):
            if (pred := lex.phrases.get((v, *rest))) is not None:
                return pred
    if phrases_only:
        return None
    for v in _variants(words[i][2]):
        if (pred := lex.words.get(v)) is not None:
            return pred
    return None


def _find_predicate(text: str, clause: tuple[int, int], q: Span, unit_end: int) -> str:
    """The nearest predicate word in the clause around the figure; ties go to the word before."""
    before = _words(text, clause[0], q.start)
    after = _words(text, unit_end, clause[1])
    best: tuple[int, int, str] | None = None
    # A phrase the figure splits: "لقي 12 عاملا حتفهم".
    if before and after and (pred := _predicate_at([before[-1], *after], 0, phrases_only=True)):
        return pred
    for dist, i in enumerate(range(len(before) - 1, -1, -1)):
        if (pred := _predicate_at(before, i)) is not None:
            best = (dist, 0, pred)
            break
    for dist, i in enumerate(range(len(after))):
        if best is not None and dist >= best[0]:
            break
        if (pred := _predicate_at(after, i)) is not None:
            best = (dist, 1, pred)
            break
    return best[2] if best else ""


def _subject_name(entity: Entity) -> str:
    entry = gazetteer().lookup(entity.name)
    return fold(entry.name_ar) if entry else " ".join(fold(entity.name).split())


def _anonymous(name: str) -> bool:
    """Whether a speaker's name is only a generic noun ("مسؤول", "مصادر أمنية")."""
    words = fold(name).split()
    table = titles()
    return any((t := table.get(" ".join(words[:n]))) is not None and t.role == "source_noun"
               for n in (2, 1) if len(words) >= n)


def _source(a: Attribution | None, entities: dict[str, Entity], outlet: str | None) -> str | None:
    house = " ".join(fold(outlet).split()) if outlet else None
    if a is None:
        return house
    ent = entities.get(a.source.entity) if a.source.entity else None
    if ent is not None and not ent.link and _anonymous(ent.name):
        return f"{_subject_name(ent)}@{house}" if house else None
    if ent is not None:
        return global_key(ent)
    if a.source.span is not None:
        name = " ".join(fold(a.source.span.text).split())
        return f"{name}@{house}" if _anonymous(name) and house else name
    return house


def _subject(text: str, sent: tuple[int, int], clause: tuple[int, int], q: Span, unit_end: int,
             entities: Sequence[Entity], speakers: list[tuple[int, int]]) -> str:
    # 1. A nisba unit ("3000 فلسطيني"), or a nisba or "من + name" right after the unit:
    # who the counted belong to.
    ahead = _words(text, q.end, sent[1])[:_SUBJECT_LOOKAHEAD + 1]
    if ahead and ahead[0][1] <= unit_end:
        unit_only = fold(text[ahead[0][0]:ahead[0][1]])
        hits = gazetteer().find(unit_only)
        if hits and hits[0].via_adjective and hits[0].start == 0 and hits[0].end == len(unit_only):
            return fold(hits[0].entry.name_ar)
        ahead = ahead[1:]
    if ahead:
        snippet_start = ahead[0][0]
        snippet = fold(text[snippet_start:ahead[-1][1]])
        # Only the first name after the unit can qualify it.
        first = next(iter(gazetteer().find(snippet)), None)
        if first is not None:
            lead = snippet[:first.start].split()
            if (first.via_adjective and not lead) or (not first.via_adjective and lead == ["من"]):
                return fold(first.entry.name_ar)
    # 2. A name near the figure: before it in its clause (the actor: "كوريا الشمالية نشرت"),
    # else after it in the sentence (the place: "في بغداد"), else before it in the sentence.
    before: tuple[int, str] | None = None
    after: tuple[int, str] | None = None
    for e in entities:
        if e.type not in _SUBJECT_TYPES:
            continue
        for ms in e.mentions:
            if ms.start < sent[0] or ms.end > sent[1] or any(a <= ms.start < b for a, b in speakers):
                continue
            if ms.end <= q.start and (before is None or ms.end > before[0]):
                before = (ms.end, _subject_name(e))
            elif ms.start >= unit_end and (after is None or ms.start < after[0]):
                after = (ms.start, _subject_name(e))
    if before is not None and before[0] >= clause[0]:
        return before[1]
    if after is not None:
        return after[1]
    return before[1] if before is not None else ""


def _unit_end(text: str, q: Quantity) -> int:
    """Where the quantity's unit ends in the text (the span itself when none follows)."""
    if q.unit:
        i = text.find(q.unit, q.span.end, q.span.end + len(q.unit) + 8)
        if i >= 0:
            return i + len(q.unit)
    return q.span.end


def _window(times: Sequence[TimeExpr], sent: tuple[int, int], said: tuple[int, int], q: Span,
            published: str | None) -> tuple[tuple[str, str] | None, str]:
    """The days a figure refers to, and where that came from.

    A time inside what was said dates the figure ("text"). A time outside it, in the
    reporting clause ("قالت الوكالة يوم الخميس إن …"), only dates the statement
    ("statement"), as the dateline does ("dateline"); a source that changes its figure
    from one such statement to the next is revising it.
    """
    near = [t for t in times if sent[0] <= t.span.start < sent[1] and t.type in ("DATE", "TIME")]
    inside = [t for t in near if said[0] <= t.span.start < said[1]]
    if inside:
        t = min(inside, key=lambda t: abs((t.span.start + t.span.end) - (q.start + q.end)))
        w = time_window(t.value, published)
        return w, "text" if w else "none"
    if near:
        t = min(near, key=lambda t: abs((t.span.start + t.span.end) - (q.start + q.end)))
        w = time_window(t.value, published)
        if w is not None:
            return w, "statement"
    if published and (w := time_window(published[:10])):
        return w, "dateline"
    return None, "none"


def _sentences(text: str) -> list[tuple[int, int]]:
    nt = normalize(text)
    return [nt.to_orig(s.start, s.end) for s in segment(nt.norm).sentences]


def quantity_claims(doc_key: str, analysis: Analysis, outlet: str | None = None) -> list[QuantityClaim]:
    """Every quantity of one analysis as a claim, in text order. `outlet` defaults to meta["source"]."""
    text = analysis.text
    outlet = outlet or analysis.meta.get("source")
    sentences = _sentences(text) or [(0, len(text))]
    entities = {e.id: e for e in analysis.entities}
    speakers = [(r.start, r.end) for a in analysis.attributions
                for r in ([a.source.span] if a.source.span else []) + [v.span for v in a.via]]
    quantities = sorted(analysis.quantities, key=lambda q: q.span.start)
    lex = _predicates()
    out: list[QuantityClaim] = []
    prev_unit: dict[tuple[int, int], str] = {}
    for k, q in enumerate(quantities):
        sent = next(((a, b) for a, b in sentences if a <= q.span.start < b), (0, len(text)))
        holder = min((a for a in analysis.attributions
                      if a.content.start <= q.span.start and q.span.end <= a.content.end),
                     key=lambda a: a.content.end - a.content.start, default=None)
        # What was said is the proposition: inside a report, look no further than its content.
        said = (max(sent[0], holder.content.start), min(sent[1], holder.content.end)) if holder else sent
        unit_end = _unit_end(text, q)
        # The clause: the proposition between the neighbouring figures.
        lo = max([said[0]] + [p.span.end for p in quantities[:k] if p.span.end <= q.span.start])
        hi = min([said[1]] + [n.span.start for n in quantities[k + 1:] if n.span.start >= unit_end])
        unit = unit_lemma(q.unit)
        if unit == "=":
            unit = prev_unit.get(sent, "")
        predicate = ""
        raw_unit = fold(q.unit or "")
        for v in _variants(raw_unit) if raw_unit else []:
            if v in lex.persons:
                predicate, unit = lex.persons[v], "شخص"
                break
        if not predicate:
            predicate = _find_predicate(text, (lo, hi), q.span, unit_end)
        prev_unit[sent] = unit
        subject = _subject(text, said, (lo, hi), q.span, unit_end, analysis.entities, speakers)
        window, basis = _window(analysis.times, sent, said, q.span, analysis.published)
        high = float(q.high) if q.high is not None else None
        out.append(QuantityClaim(
            doc_key=doc_key, published=analysis.published, key=ClaimKey(subject, predicate, unit),
            value=float(q.value), qualifier=q.qualifier, high=high,
            interval=interval(q.value, q.qualifier, high), window=window,
            source=_source(holder, entities, outlet), evidence=q.span,
            context=Span(sent[0], sent[1], text[sent[0]:sent[1]]), window_basis=basis,
            stance=holder.stance if holder else "assert"))
    return out


__all__ = ["APPROX_TOLERANCE", "ClaimKey", "Interval", "QuantityClaim", "interval",
           "quantity_claims", "time_window", "unit_lemma", "windows_overlap"]
