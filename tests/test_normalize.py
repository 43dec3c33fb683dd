"""Folding and the offset map back to the original text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from rawi.text.normalize import fold, normalize


def words_back(text: str) -> list[str]:
    nt = normalize(text)
    out = []
    for m in re.finditer(r"\S+", nt.norm):
        a, b = nt.to_orig(m.start(), m.end())
        out.append(text[a:b])
    return out


def test_alef_hamza_yaa_taa_marbuta_fold() -> None:
    assert fold("أإآٱ") == "اااا"
    assert fold("مستشفى الجامعة") == "مستشفي الجامعه"


def test_tatweel_and_harakat_removed_but_kept_in_spans() -> None:
    text = "جنديـــاً مُحَمَّدٌ"
    assert normalize(text).norm == "جنديا محمد"
    assert words_back(text) == ["جنديـــاً", "مُحَمَّدٌ"]


def test_presentation_forms_expand_and_map_to_one_character() -> None:
    text = "ﻻ ﷲ"
    nt = normalize(text)
    assert nt.norm.startswith("لا ")
    assert words_back(text)[0] == "ﻻ"


def test_digits_and_separators_fold() -> None:
    assert fold("١٠٬٠٠٠ و۱۲٫۵٪") == "10,000 و12.5%"


def test_identity_map_when_nothing_is_removed() -> None:
    nt = normalize("قال الوزير")
    assert nt.identity and nt.to_orig(4, 10) == (4, 10)


def test_latin_is_lowercased_for_matching() -> None:
    assert fold("KCNA Reuters") == "kcna reuters"


def test_all_removed_text() -> None:
    nt = normalize("ًٌٍـ")
    assert nt.norm == "" and nt.to_orig(0, 0) == (4, 4)


_PIECES = [
    *'قال كيم إن «اليوم» "نقيم" 2024 ١٠٬٠٠٠ ،.؟\n',
    "ً",
    "ّ",
    "ـ",
    "ﻻ",
    "ﷲ",
    "\u200f",
    "\ufeff",
    "ﬁ",
    "①",
    "𝟙",
    "e\u0301",
    "\r\n",
    "\x00",
    "\ud800",
]
ADVERSARIAL = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), ADVERSARIAL), st.data())
def test_every_working_span_maps_inside_the_original(text: str, data: st.DataObject) -> None:
    nt = normalize(text)
    n = len(nt.norm)
    a = data.draw(st.integers(0, n))
    b = data.draw(st.integers(a, n))
    s, e = nt.to_orig(a, b)
    assert 0 <= s <= e <= len(text)
    # Monotone: a later working offset never maps before an earlier one.
    starts = [nt.orig_start(i) for i in range(n + 1)]
    assert starts == sorted(starts)
