"""English quantities: one case per pattern (qualifier, range, vague plural, words, digits, unit).

Every sentence here is written for the tests; none comes from gold data.
"""

from __future__ import annotations

import pytest

from rawi.en.quantities import extract_quantities


def qty(text: str) -> list[tuple[str, int | float, str, int | float | None, str | None]]:
    return [(text[q.start : q.end], q.value, q.qualifier, q.high, q.unit) for q in extract_quantities(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia deployed more than 10,000 soldiers.", ("more than 10,000", 10000, "gt", None, "soldiers")),
        ("About 2,000 people fled the town.", ("About 2,000", 2000, "approx", None, "people")),
        ("At least 27 people were killed.", ("At least 27", 27, "ge", None, "people")),
        ("Donors pledged up to 5 million dollars.", ("up to 5 million", 5000000, "le", None, "dollars")),
        ("Dozens of rockets hit the base.", ("Dozens", 12, "ge", None, "rockets")),
        ("Hundreds of families were evacuated.", ("Hundreds", 100, "ge", None, "families")),
        ("Thousands of people marched.", ("Thousands", 1000, "ge", None, "people")),
        ("Tens of thousands of people marched.", ("Tens of thousands", 10000, "ge", None, "people")),
        ("Between 10 and 20 guards were hurt.", ("Between 10 and 20", 10, "range", 20, "guards")),
        ("The storm damaged 10-20 houses.", ("10-20", 10, "range", 20, "houses")),
        ("The fund holds 1.2 million dollars.", ("1.2 million", 1200000, "eq", None, "dollars")),
        ("Twenty-five miners were rescued.", ("Twenty-five", 25, "eq", None, "miners")),
        ("The camp holds two hundred thousand refugees.", ("two hundred thousand", 200000, "eq", None, "refugees")),
        ("The bank lent $5bn to the city.", ("$5bn", 5000000000, "eq", None, "dollar")),
        ("Damage reached US$ 10 billion.", ("US$ 10 billion", 10000000000, "eq", None, "dollar")),
        ("Turnout fell to 58% this time.", ("58", 58, "eq", None, "%")),
        ("Inflation is 3.5 per cent.", ("3.5", 3.5, "eq", None, "%")),
        ("Over 900 migrants were rescued.", ("Over 900", 900, "gt", None, "migrants")),
        ("Fewer than 100 people voted.", ("Fewer than 100", 100, "lt", None, "people")),
        ("Nearly 300 homes burned.", ("Nearly 300", 300, "approx", None, "homes")),
        ("Five fighters at least were captured.", ("Five", 5, "ge", None, "fighters")),
        ("The blast killed 107 or more people.", ("107", 107, "ge", None, None)),
        ("A dozen soldiers were wounded.", ("A dozen", 12, "eq", None, "soldiers")),
        ("The army fired 36 shells.", ("36", 36, "eq", None, "shells")),
        ("The river rose by 70 metres.", ("70", 70, "eq", None, "metres")),
        # a pronoun or an adverb after the amount is no counted noun
        ("About 2,000 of them were killed.", ("About 2,000", 2000, "approx", None, None)),
        ("The quake killed 140, with 125 still missing.", ("125", 125, "eq", None, None)),
    ],
)
def test_pattern(text: str, expected: tuple[str, int | float, str, int | float | None, str | None]) -> None:
    assert expected in qty(text)


@pytest.mark.parametrize(
    "text",
    [
        "Flight 17 was shot down.",  # an identifier
        "Shells fell near posts 542 and 543.",
        "He scored in the 62nd minute.",  # an ordinal
        "The blast happened at 6:30 in the morning.",  # a clock time
        "One of them escaped.",  # a pronoun
        "Users of IE6 were warned.",  # a number inside a name
        "The final ended Tunisia 1 – 2 England.",  # a score: neither side alone is a range
    ],
)
def test_not_amounts(text: str) -> None:
    assert qty(text) == [] or all(q[1] not in (17, 542, 543, 62, 6, 30, 1, 2) for q in qty(text))


def test_times_are_left_to_the_time_stage() -> None:
    text = "In 2015 about 300 people left."
    assert qty(text) == [("about 300", 300, "approx", None, "people")]
    span = (text.index("about"), text.index("about") + 9)
    assert extract_quantities(text, [span]) == []


def test_an_age_in_an_apposition_is_not_an_amount() -> None:
    assert qty("Sara Haddad, 34, lost two brothers in the flood.") == [("two", 2, "eq", None, "brothers")]


def test_a_qualifier_the_case_blind_match_reads_through_a_long_s() -> None:
    """ "ſome" (a long s, as OCR or old type gives it) is "some": the amount is read, not failed."""
    assert qty("Officials said \u017fome 200 people were hurt.")[0][:3] == ("\u017fome 200", 200, "approx")
