"""English TIMEX3 times: one case per pattern, resolved against a dateline (Friday 24 October 2025).

Every sentence here is written for the tests; none comes from gold data.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest

from rawi.en.text import segment
from rawi.en.times import _sources, extract_times

DATELINE = dt.date(2025, 10, 24)  # a Friday


def times(text: str, published: dt.date | None = DATELINE) -> list[tuple[str, str, str]]:
    return [(text[t.start : t.end], t.type, t.value) for t in extract_times(segment(text), published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # weekdays: the latest such day not after the dateline, unless the clause looks ahead
        ("The rebels attacked the town on Thursday.", ("Thursday", "DATE", "2025-10-23")),
        ("The ministry spoke on Friday.", ("Friday", "DATE", "2025-10-24")),
        ("The talks will resume on Monday.", ("Monday", "DATE", "2025-10-27")),
        # a future reported in the past, before the time; not "would have", not after it
        ("He said the talks would resume in May.", ("May", "DATE", "2026-05")),
        ("The law, which would have expired in March, was extended.", ("March", "DATE", "2025-03")),
        ("In March, he said he would resign.", ("March", "DATE", "2025-03")),
        ("The vote was held last Sunday.", ("last Sunday", "DATE", "2025-10-19")),
        ("Shelling resumed on Thursday afternoon.", ("Thursday afternoon", "DATE", "2025-10-23TAF")),
        # days around the dateline
        ("The envoy arrived yesterday.", ("yesterday", "DATE", "2025-10-23")),
        ("The envoy arrives tomorrow.", ("tomorrow", "DATE", "2025-10-25")),
        ("The market reopened today.", ("today", "DATE", "2025-10-24")),
        ("Sirens sounded last night.", ("last night", "DATE", "2025-10-23TNI")),
        ("The minister spoke this morning.", ("this morning", "DATE", "2025-10-24TMO")),
        # named periods counted from the dateline
        ("Prices rose last month.", ("last month", "DATE", "2025-09")),
        ("Prices will fall next month.", ("next month", "DATE", "2025-11")),
        ("Prices rose last week.", ("last week", "DATE", "2025-W42")),
        ("The pact was signed earlier this week.", ("earlier this week", "DATE", "2025-W43")),
        ("Exports fell last year.", ("last year", "DATE", "2024")),
        ("Elections are due this year.", ("this year", "DATE", "2025")),
        # months and dates
        ("Fighting has continued since March.", ("March", "DATE", "2025-03")),
        ("The camp opened in December.", ("December", "DATE", "2024-12")),
        ("The plant closed in June 2019.", ("June 2019", "DATE", "2019-06")),
        ("The broadcasts began on August 10.", ("August 10", "DATE", "2025-08-10")),
        ("The ceasefire began on 3 September 2024.", ("3 September 2024", "DATE", "2024-09-03")),
        ("The ship sank on Jan. 5, 2020.", ("Jan. 5, 2020", "DATE", "2020-01-05")),
        ("The report is dated 2021-04-30.", ("2021-04-30", "DATE", "2021-04-30")),
        ("Saturday, March 7, 2020", ("Saturday, March 7, 2020", "DATE", "2020-03-07")),
        ("The law was passed in 2015.", ("2015", "DATE", "2015")),
        ("Demand will double by 2050.", ("2050", "DATE", "2050")),
        ("The dam was finished by mid-2016.", ("mid-2016", "DATE", "2016")),
        ("The city grew fast in the 1990s.", ("the 1990s", "DATE", "199")),
        ("Sales rose in the first quarter of 2023.", ("the first quarter of 2023", "DATE", "2023-Q1")),
        ("The drought ended last spring.", ("last spring", "DATE", "2024-SP")),
        # X ago
        ("The bridge collapsed three days ago.", ("three days ago", "DATE", "2025-10-21")),
        ("The plant closed two years ago.", ("two years ago", "DATE", "2023")),
        # durations and ages
        ("The siege lasted for 48 hours.", ("48 hours", "DURATION", "PT48H")),
        ("The truce held for three weeks.", ("three weeks", "DURATION", "P3W")),
        ("Broadcasts resumed after an 11-year lull.", ("11-year", "DURATION", "P11Y")),
        ("Output doubled over the past two years.", ("the past two years", "DURATION", "P2Y")),
        ("A 19-year-old student was arrested.", ("19-year-old", "DURATION", "P19Y")),
        ("The feud has gone on for years.", ("years", "DURATION", "PXY")),
        # clock times, vague references and sets
        ("The blast happened at 10 a.m. near the port.", ("10 a.m.", "TIME", "2025-10-24T10:00")),
        ("The city is currently calm.", ("currently", "DATE", "PRESENT_REF")),
        ("The city was recently shelled.", ("recently", "DATE", "PAST_REF")),
        ("The festival is held every year.", ("every year", "SET", "P1Y")),
        ("The annual fair opened.", ("annual", "SET", "P1Y")),
    ],
)
def test_pattern(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in times(text)


def test_without_a_dateline_relative_times_stay_underspecified() -> None:
    found = times("The talks resumed on Thursday, last month and since March.", None)
    assert ("Thursday", "DATE", "XXXX-WXX-4") in found
    assert ("last month", "DATE", "XXXX-XX") in found
    assert ("March", "DATE", "XXXX-03") in found


@pytest.mark.parametrize(
    "text",
    [
        "You may go now if you like.",  # "may" lower case: a verb
        "Troops march through the city.",
        "Prices fall when demand drops.",
        "The LA Weekly reported the story.",  # a name, not a set
        "The company hired 2000 workers.",  # a four-digit amount followed by its noun
    ],
)
def test_not_times(text: str) -> None:
    spans = [t[0] for t in times(text)]
    assert not any(w in spans for w in ("may", "march", "fall", "Weekly", "2000"))


def test_spans_leave_prepositions_out() -> None:
    text = "The army said on Thursday that fighting had gone on since March."
    assert [t[0] for t in times(text)] == ["Thursday", "March"]


def test_a_phrase_anchor_broken_over_a_line_or_two_spaces_is_read() -> None:
    """ "at\\npresent", "in  the past": the words of a phrase anchor may stand apart by any white
    space (a wrapped line); the article is read, not failed."""
    assert times("The situation at\npresent is calm.")[0][:2] == ("at\npresent", "DATE")
    assert times("The talks in  the past failed.")[0][0] == "in  the past"


def _sentences_of_this_file() -> list[str]:
    tree = ast.parse(Path(__file__).read_text(encoding="utf-8"))
    return [
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str) and " " in n.value
    ]


@pytest.mark.parametrize(("name", "body", "head"), _sources())
def test_every_pattern_starts_where_its_head_says(name: str, body: str, head: str) -> None:
    """The scan tries a pattern only where its head matches: a start the head misses loses the
    time silently. Every match of the body in this file's sentences must start with the head."""
    pattern, start = re.compile(body), re.compile(head)
    for text in _sentences_of_this_file():
        low = text.lower()
        for m in pattern.finditer(low):
            if m.end() > m.start():
                assert start.match(low, m.start()), (name, low[m.start() : m.end()])
