"""When a figure was said, and what time it describes.

- **said_on**: a date in the reporting clause, outside what was said ("قالت يوم الخميس إن …",
  "في سبتمبر قالت …", "أفاد شهود عيان أمس بمقتل …"); else the dateline. A figure the outlet
  states in its own voice is said on the dateline.
- **as_of** and **running**: a running total ("منذ مارس", "منذ بدء الحرب", "حتى الآن", "إجمالي",
  "ارتفع عدد القتلى إلى", "خلال أسبوع") describes the span from its start (when the text gives
  one) to said_on; any other figure describes the date its clause gives ("في 26 يونيو قتل"),
  else an unknown time (None: compared by said_on only). A count the text sets before the news
  ("بعد أيام على مقتل سبعة جنود", "وكانت الحصيلة السابقة") is "earlier": the past day it names
  after the marker, else the 90 days before said_on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rawi.figures.lexicon import NEW_CLAUSE, linking_words
from rawi.figures.sentence import Sentence, Token, fold_word
from rawi.figures.values import shift, time_window
from rawi.lexicon import load_tsv
from rawi.model import Attribution, Span, TimeExpr

Days = tuple[str, str]
_DURATION = re.compile(r"P(\d+(?:\.\d+)?)([DWMY])")
_DAYS_PER = {"D": 1, "W": 7, "M": 30, "Y": 365}
EARLIER_DAYS = 90  # how far back a recalled incident ("بعد أسابيع على") is looked for
_MONTH_NAME = re.compile("|".join(sorted({r["name"] for r in load_tsv("months", ("name",))}, key=len, reverse=True)))


@dataclass(frozen=True, slots=True)
class When:
    said_on: Days | None
    said_basis: str  # cue | dateline | none
    as_of: Days | None  # None: the figure's own time is not given
    as_of_basis: str  # running | event | reckoned | earlier | ""
    running: bool


def _days(t: TimeExpr, published: str | None) -> Days | None:
    return time_window(t.value, published) if t.type in ("DATE", "TIME") else None


def _nearest(times: Sequence[TimeExpr], pos: int) -> TimeExpr | None:
    return min(times, key=lambda t: min(abs(t.span.start - pos), abs(t.span.end - pos)), default=None)


def said_on(
    times: Sequence[TimeExpr],
    sentence: tuple[int, int],
    holder: Attribution | None,
    dateline: Days | None,
    clause_start: int | None = None,
) -> tuple[Days | None, str]:
    """The day(s) the figure was said on, and where that came from. `clause_start` is where the
    cue's own clause begins: a date before it is another clause's ("أعلنت السلطات أمس عن ستة
    قتلى، فيما تحدثت وسائل إعلام عن تسعة": yesterday is when the authorities spoke)."""
    if holder is not None and holder.cue is not None and sentence[0] <= holder.cue.start < sentence[1]:
        cue = holder.cue
        content = holder.content
        # A date of the reporting clause: in the figure's sentence, outside what was said.
        lo, hi = sentence
        if clause_start is not None and clause_start <= cue.start:
            lo = max(lo, clause_start)
        clause = [
            t
            for t in times
            if lo <= t.span.start < hi
            and not (content.start <= t.span.start < content.end)
            and (t.span.end <= content.start or t.span.start >= content.end)
        ]
        t = _nearest(clause, cue.start)
        days = _days(t, dateline[1] if dateline else None) if t is not None else None
        # A statement is not made after it is printed.
        if days is not None and (dateline is None or days[0] <= dateline[1]):
            return (days[0], min(days[1], dateline[1]) if dateline else days[1]), "cue"
    if dateline is not None:
        return dateline, "dateline"
    return None, "none"


def _cue_clause_start(sent: Sentence, holder: Attribution | None) -> int | None:
    """Where the clause of the holder's cue begins: after the last word that opens a clause
    (`NEW_CLAUSE`: "فيما", "بينما", "كما") before the cue, in the cue's sentence."""
    if holder is None or holder.cue is None or not sent.start <= holder.cue.start < sent.end:
        return None
    start = None
    for t in sent.tokens:
        if t.start >= holder.cue.start:
            break
        if t.word in NEW_CLAUSE:
            start = t.end
    return start


def _marker(tokens: Sequence[Token], lo: int, hi: int, role: str) -> int | None:
    """The token index of a `role` word (figure_words.tsv) in tokens[lo:hi], if any."""
    lw = linking_words()
    firsts = lw.firsts[role]
    for i in range(max(lo, 0), min(hi, len(tokens))):
        if tokens[i].word not in firsts:
            continue
        for n in range(lw.longest, 0, -1):
            words = tuple(t.word for t in tokens[i : i + n])
            if len(words) == n and (
                lw.has(role, words) or (words[0][:1] == "و" and lw.has(role, (words[0][1:], *words[1:])))
            ):
                return i
    return None


CLAUSE_END = frozenset({"،", ",", ".", ";", "؛", ":", "!", "?", "؟"})
_RELATIVE = frozenset({"الذي", "التي", "والذي", "والتي", "اللذين", "اللتين", "الذين"})


def _recalled(said: Days) -> Days:
    """The days an incident recalled without its own date may have happened on."""
    return (shift(said[0], -EARLIER_DAYS), shift(said[0], -1))


def when(
    times: Sequence[TimeExpr],
    sent: Sentence,
    clause: tuple[int, int],
    figure: Span,
    holder: Attribution | None,
    dateline: Days | None,
    around: int = 16,
    stop: int | None = None,
    prev_end: int | None = None,
) -> When:
    """said_on and as_of for the figure whose clause is tokens[clause[0]:clause[1]] of `sent`;
    `stop` is where the next figure starts: an event date after it is that figure's; `prev_end`
    is where the figure before ends: a marker of an earlier count may stand outside what was
    said, as its source ("وكانت الحصيلة السابقة تفيد بـ …"), but not before that figure."""
    said, basis = said_on(times, (sent.start, sent.end), holder, dateline, _cue_clause_start(sent, holder))
    tokens = sent.tokens
    # A marker after the figure counts up to the end of its clause: in "قتل 17 جنديا وأصيب عشرات
    # منذ أن باشر المتمردون" both figures are running totals.
    lo, hi = clause[0], clause[1]
    while hi < len(tokens) and hi < clause[1] + around and tokens[hi].word not in CLAUSE_END:
        hi += 1
    inside = (holder.content.start, holder.content.end) if holder else (sent.start, sent.end)
    own = [t for t in times if sent.start <= t.span.start < sent.end and inside[0] <= t.span.start < inside[1]]
    since = _marker(tokens, lo, hi, "running")
    if since is not None:
        start = None
        # "منذ 20 يوليو" names the start, wherever it stands among the other markers ("ارتفع ... منذ").
        for i in range(since, hi):
            if tokens[i].word in ("منذ", "ومنذ"):
                after = [t for t in own if t.span.start >= tokens[i].end and t.span.start - tokens[i].end <= 3]
                if after and (days := _days(after[0], dateline[1] if dateline else None)) is not None:
                    start = days[0]
                at = next((j for j in range(i + 1, len(tokens)) if tokens[j].start >= figure.start), len(tokens))
                rel = next((j for j in range(at - 1, max(i, at - 6), -1) if tokens[j].word in _RELATIVE), None)
                if (
                    said is not None
                    and rel is not None
                    and not any(tokens[j].word == "الي" for j in range(rel, at))  # folded "إلى"
                ):
                    # "حداد منذ الهجوم على متحف باردو في مارس والذي خلف 22 قتيلا": a relative clause
                    # right before the figure makes it the toll of the event that started the span,
                    # recalled, not a total counted since ("منذ بدء الحرب التي اندلعت في مارس إلى
                    # 4000" is still one: the clause ends before "إلى").
                    return When(said, basis, (start, start) if start else _recalled(said), "earlier", False)
                break
        end = said[1] if said else None
        return When(said, basis, (start or "", end) if end else None, "running", True)
    period = _marker(tokens, lo, hi, "period")
    if period is not None and said is not None:
        for t in own:
            if (
                t.type == "DURATION"
                and t.span.start >= tokens[period].end
                and (m := _DURATION.fullmatch(t.value)) is not None
            ):
                length = round(float(m[1]) * _DAYS_PER[m[2]])
                return When(said, basis, (shift(said[1], -length), said[1]), "running", True)
    # An event date in the figure's clause (or, failing that, its sentence).
    span_lo = tokens[lo].start if lo < len(tokens) else sent.start
    last = min(hi, stop) if stop is not None else hi
    span_hi = tokens[last - 1].end if 0 < last <= len(tokens) else sent.end
    near = [t for t in own if span_lo <= t.span.start < span_hi]
    event = _nearest([t for t in near if t.type in ("DATE", "TIME")], figure.start)
    days = _days(event, dateline[1] if dateline else None) if event is not None else None
    if event is not None and days is not None and (dateline is None or days[0] <= dateline[1]):
        # "في 26 يونيو" names its day; "الجمعة" or "أمس" is reckoned, and may be reckoned wrong.
        named = any(c.isdigit() for c in event.span.text) or _MONTH_NAME.search(fold_word(event.span.text)) is not None
        if named:
            return When(said, basis, days, "event", False)
    mark = _marker(tokens, min(lo, prev_end) if prev_end is not None else lo, clause[1], "earlier")
    if said is not None and mark is not None:
        # "بعد أيام على مقتل سبعة جنود", "وكانت الحصيلة السابقة": an incident of days or weeks
        # before, or a count since superseded. A past day after the marker is its day ("بعد أن
        # كانت قدرت العدد الشهر الماضي بألفي"); one before it is the news it is set against.
        told = _nearest(
            [t for t in near if t.type in ("DATE", "TIME") and t.span.start >= tokens[mark].start], figure.start
        )
        told_days = _days(told, dateline[1] if dateline else None) if told is not None else None
        if told_days is not None and told_days[1] < said[0]:
            return When(said, basis, told_days, "earlier", False)
        return When(said, basis, _recalled(said), "earlier", False)
    if event is not None and days is not None and (dateline is None or days[0] <= dateline[1]):
        return When(said, basis, days, "reckoned", False)
    return When(said, basis, None, "", False)


__all__ = ["CLAUSE_END", "Days", "When", "said_on", "when"]
