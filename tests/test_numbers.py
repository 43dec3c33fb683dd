"""Numbers in folded Arabic text: digits, words, and both mixed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rawi.text.normalize import fold
from rawi.text.numbers import NumberMatch, find_numbers, is_number_word, magnitude_word, parse_number


def found(text: str) -> list[tuple[str, int | float]]:
    norm = fold(text)
    return [(norm[m.start : m.end], m.value) for m in find_numbers(norm)]


def one(text: str) -> NumberMatch:
    norm = fold(text)
    m = parse_number(norm, 0)
    assert m is not None, text
    return m


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("10,000", 10000),
        ("10000", 10000),
        ("2.5", 2.5),
        ("0.3", 0.3),
        ("١٠٬٠٠٠", 10000),
        ("٢٫٥", 2.5),
        ("1.300.000", 1300000),
        ("1،300،000", 1300000),
    ],
)
def test_digits(text: str, value: float) -> None:
    m = one(text)
    assert m.value == value
    assert not m.words
    assert m.end == len(fold(text))


def test_decimal_written_stays_float_and_integer_stays_int() -> None:
    assert isinstance(one("2.0").value, float)
    assert isinstance(one("1,500").value, int)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ثلاث", 3),
        ("ثلاثة", 3),
        ("اثنان", 2),
        ("اثنين", 2),
        ("اثنتين", 2),
        ("ثمان", 8),
        ("ثماني", 8),
        ("ثمانية", 8),
        ("عشرة", 10),
        ("عشرون", 20),
        ("عشرين", 20),
        ("أحد عشر", 11),
        ("إحدى عشرة", 11),
        ("اثنا عشر", 12),
        ("ثلاثة عشر", 13),
        ("تسعة وعشرين", 29),
        ("خمس وتسعون", 95),
        ("مائة", 100),
        ("مئة", 100),
        ("مئتان", 200),
        ("مائتين", 200),
        ("ثلاثمائة", 300),
        ("ثلاثمئة", 300),
        ("ثلاث مئة", 300),
        ("مائة وخمسة", 105),
        ("ألف", 1000),
        ("ألفان", 2000),
        ("ألفين", 2000),
        ("ثلاثة آلاف", 3000),
        ("عشرة آلاف", 10000),
        ("خمسة وعشرون ألفا", 25000),
        ("ثلاثة آلاف وخمسمائة", 3500),
        ("ألف وخمسمائة وخمسة وعشرون", 1525),
        ("مائة وخمسون ألفا", 150000),
        ("مليون", 1000000),
        ("مليونان", 2000000),
        ("عشرة ملايين", 10000000),
        ("مليون ومائتا ألف", 1200000),
        ("مليار", 1000000000),
        ("ثلاثة مليارات", 3000000000),
        ("نصف مليون", 500000),
        ("مليون ونصف", 1500000),
        ("مليون ونصف المليون", 1500000),
    ],
)
def test_words(text: str, value: int) -> None:
    m = one(text)
    assert m.value == value
    assert m.words
    assert m.end == len(fold(text))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("5 آلاف", 5000),
        ("10 ملايين", 10000000),
        ("2.5 مليون", 2500000),
        ("2.5 مليار", 2500000000),
        ("100 ألف", 100000),
        ("3 ملايين و500 ألف", 3500000),
        ("2,5 مليون", 2500000),
    ],
)
def test_digits_with_magnitude(text: str, value: int) -> None:
    m = one(text)
    assert m.value == value
    assert isinstance(m.value, int)
    assert m.end == len(fold(text))


def test_definite_article_is_part_of_the_number() -> None:
    m = one("الخمسة")
    assert (m.start, m.end, m.value) == (0, len(fold("الخمسة")), 5)
    assert one("الثلاثة").value == 3


def test_parse_stops_at_the_end_of_the_number() -> None:
    norm = fold("ثلاثة أشخاص")
    m = parse_number(norm, 0)
    assert m is not None and norm[m.start : m.end] == fold("ثلاثة")


def test_parse_at_offset_and_none_elsewhere() -> None:
    norm = fold("قتل 27 شخصا")
    assert parse_number(norm, norm.index("27")) == NumberMatch(4, 6, 27, False)
    assert parse_number(norm, 0) is None


def test_vague_plural_alone_is_not_a_number() -> None:
    assert found("قتل آلاف المدنيين") == []
    assert found("سقط عشرات الجرحى") == []


def test_units_and_tens_need_و_and_do_not_chain_otherwise() -> None:
    assert found("خمسة وستة") == [(fold("خمسة"), 5), (fold("ستة"), 6)]
    assert found("ثلاثة أربعة") == [(fold("ثلاثة"), 3), (fold("أربعة"), 4)]


def test_find_strips_clitics_but_keeps_the_article() -> None:
    assert found("وجهت اتهامات لتسعة وعشرين شخصا") == [(fold("تسعة وعشرين"), 29)]
    assert found("بين 10 و20") == [("10", 10), ("20", 20)]
    assert found("فاز بخمسة أهداف") == [(fold("خمسة"), 5)]
    assert found("الأشخاص الخمسة") == [(fold("الخمسة"), 5)]


def test_find_does_not_read_inside_words_or_codes() -> None:
    assert found("قمة G20 في الصين") == []
    assert found("لست أدري") == []
    assert found("يوم الأحد") == []  # أحد is a number only in أحد عشر
    assert found("الثلاثاء والأربعاء") == []


def test_find_numbers_in_order_without_overlap() -> None:
    got = found("وصل 5 آلاف جندي و200 عسكري ونحو ثلاثة ملايين دولار")
    assert got == [(fold("5 آلاف"), 5000), ("200", 200), (fold("ثلاثة ملايين"), 3000000)]


def test_lexicon_helpers() -> None:
    assert is_number_word(fold("خمسة"))
    assert not is_number_word(fold("خامس"))
    assert magnitude_word(fold("آلاف")) == 1000
    assert magnitude_word(fold("مليون")) == 1000000
    assert magnitude_word(fold("خمسة")) is None


@given(st.integers(min_value=0, max_value=10**12))
def test_any_integer_with_thousands_separators(n: int) -> None:
    text = f"{n:,}"
    m = parse_number(text, 0)
    assert m is not None and m.value == n and m.end == len(text)


@given(st.integers(min_value=1, max_value=999))
def test_any_integer_below_thousand_in_plain_digits_then_noun(n: int) -> None:
    norm = fold(f"قتل {n} شخصا")
    assert [(m.value, m.words) for m in find_numbers(norm)] == [(n, False)]
