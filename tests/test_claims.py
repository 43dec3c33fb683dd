"""Claim keys, intervals, windows, conflicts, revisions, contradictions and timelines."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from rawi.api import extract_article
from rawi.ledger.claims import (
    APPROX_TOLERANCE,
    ClaimKey,
    Interval,
    QuantityClaim,
    interval,
    quantity_claims,
    time_window,
    unit_lemma,
    windows_overlap,
)
from rawi.ledger.conflicts import Conflict, contradictions, find_conflicts, timeline
from rawi.model import Article, Span
from rawi.text.normalize import fold

NK = fold("كوريا الشمالية")

# (doc key, dateline, outlet, text): several sources, dates and figures about one war.
ARTICLES = {
    "a1": ("2025-09-10", "وكالة أ",
           "قال مسؤول في الاستخبارات الكورية الجنوبية إن حوالي 2000 جندي كوري شمالي قتلوا في المعارك "
           "في أغسطس 2025."),
    "a2": ("2025-09-12", "وكالة ب", "وذكرت وزارة الدفاع الأوكرانية أن 4000 جندي كوري شمالي قتلوا في أغسطس 2025."),
    "a3": ("2025-09-15", "وكالة ب", "وذكرت وزارة الدفاع الأوكرانية أن 2100 جندي كوري شمالي قتلوا في أغسطس 2025."),
    "d1": ("2025-05-02", "وكالة أ",
           "وأعلنت وزارة الدفاع الروسية أن كوريا الشمالية نشرت أكثر من 10000 جندي في منطقة كورسك في أبريل 2025."),
    "d2": ("2025-05-03", "وكالة ب",
           "وقالت مصادر أوكرانية إن كوريا الشمالية نشرت 9000 جندي في منطقة كورسك في أبريل 2025."),
    "d3": ("2025-05-03", "وكالة ج",
           "وقال معهد دراسات الحرب إن كوريا الشمالية نشرت 12000 جندي في منطقة كورسك في أبريل 2025."),
    "d4": ("2025-05-04", "وكالة ج",
           "وقال الجيش الأمريكي إن كوريا الشمالية نشرت 3000 جندي في منطقة كورسك في مارس 2025."),
    "g1": ("2025-09-10", "وكالة أ", "ارتفعت حصيلة القتلى في غزة إلى 50 قتيلا."),
    "g2": ("2025-09-11", "وكالة أ", "ارتفعت حصيلة القتلى في غزة إلى 70 قتيلا."),
    "r1": ("2025-09-10", "وكالة أ", "ونفت إسرائيل مقتل 200 مدني في رفح يوم الاثنين."),
    "r2": ("2025-09-10", "وكالة ب", "وقالت وزارة الصحة في غزة إن 200 مدني قتلوا في رفح يوم الاثنين."),
    "b1": ("2025-09-10", "وكالة أ",
           "قتل 15 شخصا وأصيب 40 آخرون في انفجار وقع يوم الاثنين في بغداد. ولقي 3 عمال حتفهم."),
}


def _claims(*keys: str, outlets: dict[str, str] | None = None) -> list[QuantityClaim]:
    out: list[QuantityClaim] = []
    for k in keys:
        published, outlet, text = ARTICLES[k]
        outlet = (outlets or {}).get(k, outlet)
        out.extend(quantity_claims(k, extract_article(Article(k, text, published, source=outlet))))
    return out


def _one(key: str) -> QuantityClaim:
    (c,) = _claims(key)
    return c


# --- intervals and windows -------------------------------------------------------------------


def test_interval_per_qualifier() -> None:
    assert interval(5, "eq") == Interval(5, 5, False, False)
    assert interval(5, "gt") == Interval(5, math.inf, True, True)
    assert interval(5, "ge") == Interval(5, math.inf, False, True)
    assert interval(5, "lt") == Interval(0, 5, False, True)
    assert interval(5, "le") == Interval(0, 5, False, False)
    assert interval(-3, "lt").low == -math.inf
    assert interval(2000, "approx") == Interval(2000 * (1 - APPROX_TOLERANCE), 2000 * (1 + APPROX_TOLERANCE))
    assert interval(100, "range", 200) == Interval(100, 200)
    assert interval(200, "range", 100) == Interval(100, 200)
    assert interval(7, "range", None) == interval(7, "eq")
    assert interval(7, "weird") == interval(7, "eq")


@pytest.mark.parametrize(("a", "b", "both"), [
    (("gt", 10000), ("eq", 9000), False),
    (("gt", 10000), ("eq", 12000), True),
    (("gt", 10000), ("eq", 10000), False),  # open bound: "more than 10000" excludes 10000
    (("ge", 10000), ("eq", 10000), True),
    (("approx", 2000), ("eq", 2100), True),
    (("approx", 2000), ("eq", 2500), False),
    (("lt", 50), ("eq", 50), False),
    (("le", 50), ("eq", 50), True),
    (("lt", 50), ("gt", 49), True),
    (("eq", 15), ("eq", 16), False),
    (("gt", 5), ("ge", 100), True),
])
def test_overlap(a: tuple[str, int], b: tuple[str, int], both: bool) -> None:
    ia, ib = interval(a[1], a[0]), interval(b[1], b[0])
    assert ia.overlaps(ib) is both
    assert ib.overlaps(ia) is both


def test_range_overlap() -> None:
    assert interval(100, "range", 200).overlaps(interval(200, "eq"))
    assert not interval(100, "range", 200).overlaps(interval(201, "ge"))


def test_time_window() -> None:
    assert time_window("2025-09") == ("2025-09-01", "2025-09-30")
    assert time_window("2024-02") == ("2024-02-01", "2024-02-29")
    assert time_window("2025") == ("2025-01-01", "2025-12-31")
    assert time_window("2025-10-23") == ("2025-10-23", "2025-10-23")
    assert time_window("2025-10-23T14:00") == ("2025-10-23", "2025-10-23")
    assert time_window("2025-W43") == ("2025-10-20", "2025-10-26")
    assert time_window("2025-Q2") == ("2025-04-01", "2025-06-30")
    assert time_window("2025-H2") == ("2025-07-01", "2025-12-31")
    assert time_window("202X") == ("2020-01-01", "2029-12-31")
    assert time_window("PRESENT_REF", "2025-09-10T08:00") == ("2025-09-10", "2025-09-10")
    for vague in ("PAST_REF", "FUTURE_REF", "XXXX-04", "P1Y", "2025-02-30", "PRESENT_REF"):
        assert time_window(vague) is None


def test_windows_overlap() -> None:
    aug = ("2025-08-01", "2025-08-31")
    assert windows_overlap(aug, ("2025-08-31", "2025-09-02"))
    assert not windows_overlap(aug, ("2025-09-01", "2025-09-30"))
    # None is an unknown window: it overlaps nothing, not even another unknown one.
    assert not windows_overlap(None, aug)
    assert not windows_overlap(None, None)


def test_unit_lemma() -> None:
    assert unit_lemma("جنديا") == "جندي"
    assert unit_lemma("جنود") == "جندي"
    assert unit_lemma("الجنود") == "جندي"
    assert unit_lemma("شخصا") == "شخص"
    assert unit_lemma("مدنيين") == "مدني"
    assert unit_lemma("مشتبهين") == fold("مشتبه")
    assert unit_lemma("دولارات") == "دولار"
    assert unit_lemma("مليون") == "مليون"
    assert unit_lemma(None) == ""


# --- claims from analyses --------------------------------------------------------------------


def test_claim_key_from_nisba_and_predicate_after() -> None:
    c = _one("a1")
    assert c.key == ClaimKey(NK, "killed", "جندي")
    assert (c.value, c.qualifier) == (2000, "approx")
    assert c.window == ("2025-08-01", "2025-08-31") and c.window_basis == "text"
    assert c.evidence.text == "حوالي 2000"
    assert c.context.text.startswith("قال مسؤول") and c.evidence.start >= c.context.start
    # An anonymous official counts as a source only within its outlet.
    assert c.source == fold("مسؤول") + "@" + fold("وكالة أ")


def test_claim_key_from_actor_and_predicate_before() -> None:
    c = _one("d1")
    assert c.key == ClaimKey(NK, "deployed", "جندي")
    assert c.interval == Interval(10000, math.inf, True, True)
    assert c.source == fold("وزارة الدفاع الروسية")


def test_predicates_per_clause_and_other_units() -> None:
    killed, wounded, workers = _claims("b1")
    assert killed.key == ClaimKey(fold("بغداد"), "killed", "شخص")
    # "40 آخرون" takes the unit of the figure before it; the verb before it wins over the one before 15.
    assert wounded.key == ClaimKey(fold("بغداد"), "wounded", "شخص")
    assert killed.window == wounded.window == ("2025-09-08", "2025-09-08")
    # A phrase split by the figure: "لقي 3 عمال حتفهم"; no time in the sentence: the dateline.
    assert workers.key.predicate == "killed"
    assert workers.window == ("2025-09-10", "2025-09-10") and workers.window_basis == "dateline"
    # No attribution: the article's outlet is the source.
    assert killed.source == fold("وكالة أ")


def test_person_noun_unit_gives_the_predicate() -> None:
    c = _one("g1")
    assert c.key == ClaimKey(fold("غزة"), "killed", "شخص")


def test_subject_inside_the_reported_content() -> None:
    # "وزارة الصحة في غزة" speaks; the figure is about Rafah.
    deny, said = _claims("r1", "r2")
    assert deny.key == said.key == ClaimKey(fold("رفح"), "killed", "مدني")
    assert deny.stance == "deny" and said.stance != "deny"


def test_no_dateline_no_time_means_unknown_window() -> None:
    an = extract_article(Article("x", "قتل 15 شخصا في بغداد."))
    (c,) = quantity_claims("x", an)
    assert c.window is None and c.source is None


# --- conflicts, revisions, contradictions, timelines ----------------------------------------


def _pairs(found: list[Conflict], kind: str) -> set[tuple[str, str]]:
    return {(c.a.doc_key, c.b.doc_key) for c in found if c.kind == kind}


def test_conflicts_respect_qualifiers() -> None:
    found = find_conflicts(_claims("d1", "d2", "d3"))
    # "أكثر من 10000" vs 9000 conflict; vs 12000 they do not; 9000 vs 12000 conflict.
    assert _pairs(found, "conflict") == {("d1", "d2"), ("d2", "d3")}
    assert all("cannot both hold" in c.reason for c in found)


def test_approx_tolerance_and_revision() -> None:
    found = find_conflicts(_claims("a1", "a2", "a3"))
    # "حوالي 2000" vs 2100 agree; vs 4000 they conflict.
    assert _pairs(found, "conflict") == {("a1", "a2")}
    # The same ministry said 4000, then 2100, about August: a revision, earlier first.
    assert _pairs(found, "revision") == {("a2", "a3")}


def test_disjoint_windows_never_conflict() -> None:
    # 3000 in March vs 9000 in April: different periods, no conflict.
    assert find_conflicts(_claims("d2", "d4")) == []


def test_running_toll_is_a_revision_not_a_conflict() -> None:
    found = find_conflicts(_claims("g1", "g2"))
    assert _pairs(found, "revision") == {("g1", "g2")}
    # The same figures from two outlets on two days: windows (datelines) differ, nothing to report.
    assert find_conflicts(_claims("g1", "g2", outlets={"g2": "وكالة ب"})) == []


def test_syndicated_copies_are_not_independent() -> None:
    a, b = _claims("d2", "d3")
    assert len(find_conflicts([a, b])) == 1
    # Unattributed figures: each article speaks for itself; a copy does not.
    x, y = replace(a, source=None, doc_key="x"), replace(b, source=None, doc_key="y")
    assert len(find_conflicts([x, y])) == 1
    assert find_conflicts([x, y], syndicated={"y": "x"}) == []
    assert find_conflicts([x, y], syndicated={"y": "z", "x": "z"}) == []


def test_unknown_predicate_or_window_is_not_compared() -> None:
    a, b = _claims("d1", "d2")
    assert find_conflicts([replace(a, window=None), b]) == []
    vague = ClaimKey(NK, "", "جندي")
    assert find_conflicts([replace(a, key=vague), replace(b, key=vague)]) == []


def test_contradiction() -> None:
    claims = _claims("r1", "r2")
    (c,) = contradictions(claims)
    assert c.kind == "contradiction" and {c.a.doc_key, c.b.doc_key} == {"r1", "r2"}
    assert "denies" in c.reason
    # A denied figure is not asserted: it takes part in no conflict.
    assert find_conflicts(claims) == []


def test_timeline() -> None:
    claims = _claims("a3", "d4", "a1", "d1", "a2")
    key = ClaimKey(NK, "killed", "جندي")
    assert [c.doc_key for c in timeline(claims, key=key)] == ["a1", "a2", "a3"]
    # By entity: as a subject (name or Wikidata id) or as a source, ordered by the time referred to.
    assert [c.doc_key for c in timeline(claims, entity="كوريا الشمالية")] == ["d4", "d1", "a1", "a2", "a3"]
    assert [c.doc_key for c in timeline(claims, entity="Q423")] == ["d4", "d1", "a1", "a2", "a3"]
    assert [c.doc_key for c in timeline(claims, entity="وزارة الدفاع الروسية")] == ["d1"]
    assert timeline(claims, key=key, entity="وزارة الدفاع الروسية") == []


def test_span_offsets_index_the_text() -> None:
    for k in ARTICLES:
        text = ARTICLES[k][2]
        for c in _claims(k):
            for s in (c.evidence, c.context):
                assert isinstance(s, Span) and text[s.start:s.end] == s.text
