"""Comparing figures across articles: amounts, conflicts, revisions, contradictions, on small stories."""

from __future__ import annotations

import math

import pytest

from rawi.api import extract_article
from rawi.figures.anchors import country_words
from rawi.figures.compare import Figure, Pair, link, relatedness
from rawi.figures.frames import figure_frames
from rawi.figures.values import APPROX_TOLERANCE, Interval, interval, time_window, written_unit
from rawi.model import Article

# (id, dateline, outlet, text)
STORY = [
    ("m1", "2025-09-10", "وكالة أ", "قالت وزارة الصحة إن 50 شخصا قتلوا في القصف على مخيم جباليا شمال غزة."),
    ("m2", "2025-09-10", "وكالة ب", "وقال الدفاع المدني إن أكثر من 90 شخصا قتلوا في القصف على مخيم جباليا شمال غزة."),
    ("m3", "2025-09-11", "وكالة ج", "ونفى الجيش أن يكون 50 شخصا قتلوا في القصف على مخيم جباليا شمال غزة."),
    ("m4", "2025-09-10", "وكالة د", "قتل 7 أشخاص في حادث سير على طريق الرياض الدمام."),
]


def figures(rows: list[tuple[str, str, str, str]], syndicated: dict[str, str] | None = None) -> list[Figure]:
    out: list[Figure] = []
    for doc, published, outlet, text in rows:
        art = Article(doc, text, published, source=outlet)
        for f in figure_frames(extract_article(art, lang="ar"), outlet, doc):
            out.append(Figure(len(out), doc, doc, (syndicated or {}).get(doc, doc), outlet, published, f))
    return out


def kinds(pairs: list[Pair]) -> list[tuple[str, str, str]]:
    return sorted((p.kind, p.a.frame.text, p.b.frame.text) for p in pairs)


def conflicts_of(rows: list[tuple[str, str, str, str]]) -> list[tuple[str, str]]:
    """The conflicts among the figures of `rows`, each as its two figures' texts."""
    return [(p.a.frame.text, p.b.frame.text) for p in link(figures(rows)).pairs if p.kind == "conflict"]


def test_intervals_and_days() -> None:
    assert interval(10000, "gt") == Interval(10000, math.inf, True, True)
    assert not interval(10000, "gt").overlaps(interval(9000, "eq"))
    assert interval(2000, "approx").overlaps(interval(2100, "eq"))
    assert not interval(2000, "approx").overlaps(interval(2000 * (1 + APPROX_TOLERANCE) + 1, "eq"))
    assert time_window("2025-09") == ("2025-09-01", "2025-09-30")
    assert time_window("PAST_REF") is None


def test_a_rounded_figure_agrees_with_its_full_form() -> None:
    """ "26،2 مليون" is 26,250,799 rounded; "74 ألف" and "70 ألف" still differ."""
    assert written_unit("26،2 مليون", 26.2e6) == 100_000 and written_unit("26.250.799", 26_250_799) == 0
    rounded = interval(26.2e6, "eq", None, written_unit("26،2 مليون", 26.2e6))
    assert rounded.overlaps(interval(26_250_799, "eq"))
    assert not interval(74_000, "eq", None, written_unit("74 ألف", 74_000)).overlaps(
        interval(70_000, "eq", None, written_unit("70 ألف", 70_000))
    )


def test_one_amount_one_conflict_one_contradiction() -> None:
    found = figures(STORY)
    linked = link(found)
    toll = {f.frame.text: linked.keys.get(f.id) for f in found if f.article in ("m1", "m2", "m3")}
    assert len(set(toll.values())) == 1 and None not in toll.values()
    road = next(f for f in found if f.article == "m4")
    assert linked.keys[road.id] not in toll.values()  # a road accident is another amount
    assert kinds(linked.pairs) == [("conflict", "50", "أكثر من 90"), ("contradiction", "50", "50")]
    denial = next(p for p in linked.pairs if p.kind == "contradiction")
    assert denial.a.article == "m3" and denial.b.article == "m1"
    assert all(0 < p.confidence <= 1 for p in linked.pairs)


def test_a_denial_contradicts_only_the_figure_it_denies() -> None:
    """ "نفت البعثة قتل 20 مدنيا" against "قتل 10 أشخاص على الأقل": bounds that allow 20 are not the
    figure denied; the same 20 said by another source is."""
    deny = ("d1", "2015-07-23", "وكالة أ", "ونفت البعثة العسكرية قتل 20 مدنيا في القصف على بلدة مركا.")
    bound = ("d2", "2015-07-22", "وكالة ب", "قتل 10 مدنيين على الأقل في القصف على بلدة مركا.")
    same = ("d3", "2015-07-22", "وكالة ب", "وقال مسؤول محلي إن 20 مدنيا قتلوا في القصف على بلدة مركا.")
    assert [p.kind for p in link(figures([deny, bound])).pairs if p.kind == "contradiction"] == []
    assert [p.kind for p in link(figures([deny, same])).pairs] == ["contradiction"]


def test_syndicated_copies_are_one_source() -> None:
    rows = [STORY[0], ("m1-copy", "2025-09-10", "وكالة ب", STORY[1][3])]
    assert [p.kind for p in link(figures(rows)).pairs] == ["conflict"]
    assert link(figures(rows, syndicated={"m1-copy": "m1"})).pairs == []


def test_a_named_source_revises_in_the_order_it_spoke() -> None:
    rows = [
        (
            "r2",
            "2025-10-15",
            "وكالة أ",
            "وقال جهاز الاستخبارات الكوري الجنوبي إن نحو 2500 جندي كوري شمالي قتلوا في منطقة كورسك الروسية.",
        ),
        (
            "r1",
            "2025-09-11",
            "وكالة أ",
            "وقال جهاز الاستخبارات الكوري الجنوبي إن حوالي 2000 جندي كوري شمالي قتلوا في منطقة كورسك الروسية.",
        ),
    ]
    (rev,) = link(figures(rows)).pairs
    assert rev.kind == "revision" and (rev.a.frame.text, rev.b.frame.text) == ("حوالي 2000", "نحو 2500")


def test_running_totals_conflict_when_counted_together_or_falling() -> None:
    base = "ارتفع عدد القتلى في صفوف قوات الأمن جراء هجمات حزب العمال الكردستاني في تركيا منذ 20 يوليو إلى {}."
    # Counted the same day, two totals that differ conflict; within a week, the later lower too.
    day = [("t1", "2015-08-05", "وكالة أ", base.format(60)), ("t2", "2015-08-05", "وكالة ب", base.format(70))]
    (pair,) = link(figures(day)).pairs
    assert pair.kind == "conflict" and "running totals" in pair.reason
    week = [("t1", "2015-08-03", "وكالة أ", base.format(70)), ("t2", "2015-08-05", "وكالة ب", base.format(60))]
    (pair,) = link(figures(week)).pairs
    assert pair.kind == "conflict" and "running totals" in pair.reason
    # A total that rose from one day to a later one is an update, within a week or over two.
    rose = [("t1", "2015-08-03", "وكالة أ", base.format(60)), ("t2", "2015-08-05", "وكالة ب", base.format(70))]
    assert link(figures(rose)).pairs == []
    later = [("t1", "2015-08-03", "وكالة أ", base.format(60)), ("t3", "2015-08-20", "وكالة ب", base.format(90))]
    assert link(figures(later)).pairs == []
    falling = [("t1", "2015-08-03", "وكالة أ", base.format(60)), ("t4", "2015-08-20", "وكالة ب", base.format(40))]
    (fall,) = link(figures(falling)).pairs
    assert fall.kind == "conflict" and "cannot fall" in fall.reason


def test_tolls_that_rose_with_no_start_weeks_apart_are_two_events() -> None:
    """ "ارتفعت حصيلة ... إلى 36" and, weeks later, "... إلى 28": each the toll of its own event,
    not one total that fell; the same two a day apart still conflict."""
    toll = "ارتفعت حصيلة قتلى حادث الاصطدام على النيل في مصر إلى {} قتيلا."
    first = ("n1", "2015-07-26", "وكالة أ", toll.format(36))
    assert link(figures([first, ("n2", "2015-09-20", "وكالة ب", toll.format(28))])).pairs == []
    (pair,) = link(figures([first, ("n3", "2015-07-27", "وكالة ب", toll.format(28))])).pairs
    assert pair.kind == "conflict"


@pytest.mark.parametrize(
    "other",
    [
        # another city: two events of one kind
        ("x2", "2015-07-22", "وكالة ب", "وقال مصدر أمني إن 19 شخصا قتلوا في تفجير سيارة مفخخة في الموصل."),
        # a part of the toll, not the toll
        ("x3", "2015-07-22", "وكالة ب", "وقال مصدر أمني إن 30 شخصا قتلوا بينهم 12 طفلا في تفجير سيارة مفخخة في بغداد."),
    ],
)
def test_no_conflict_without_the_same_event(other: tuple[str, str, str, str]) -> None:
    first = ("x1", "2015-07-22", "وكالة أ", "قال مسؤول إن 5 أشخاص قتلوا في تفجير سيارة مفخخة في بغداد.")
    found = figures([first, other])
    assert not [p for p in link(found).pairs if {p.a.frame.text, p.b.frame.text} == {"5", "12"}]
    if other[0] == "x2":
        a, b = (f.frame for f in found if f.frame.text in ("5", "19"))
        assert relatedness(a, b, {}) < relatedness(a, a, {})


def test_events_dated_to_other_days_do_not_conflict() -> None:
    """ "أمس" in an article of the 23rd and "اليوم" in one of the 24th: two bombardments."""
    rows = [
        ("d1", "2015-07-23", "وكالة أ", "قتل 12 مدنيا في قصف جوي على قرية قصر البريج في ريف حلب أمس."),
        ("d2", "2015-07-24", "وكالة ب", "قتل 28 مدنيا في قصف جوي على قرية قصر البريج في ريف حلب اليوم."),
    ]
    assert link(figures(rows)).pairs == []
    same_day = [rows[0], ("d3", "2015-07-23", "وكالة ب", "قتل 28 مدنيا في قصف جوي على قرية قصر البريج في ريف حلب أمس.")]
    assert [p.kind for p in link(figures(same_day)).pairs] == ["conflict"]


def test_a_part_is_not_in_conflict_with_its_whole() -> None:
    """ "قتل 23 ... 17 منهم" against "قتل 17": the first report gives the second's figure too."""
    rows = [
        ("w1", "2015-08-07", "وكالة أ", "قتل 23 شخصا في هجومين في ولاية قندوز، 17 منهم بسقوط مروحية عسكرية."),
        ("w2", "2015-08-07", "وكالة ب", "قتل 17 شخصا بسقوط مروحية عسكرية في ولاية قندوز."),
    ]
    assert not [p for p in link(figures(rows)).pairs if p.kind == "conflict"]


def test_a_source_reporting_another_incident_is_not_revising() -> None:
    """A prolific source's report of another bombardment shares its words only in part; a true
    revision repeats the statement with a new figure."""
    rows = [
        (
            "o1",
            "2015-07-23",
            "وكالة أ",
            "وقال المرصد السوري لحقوق الإنسان إن 12 مدنيا قتلوا في قصف بالبراميل "
            "المتفجرة على قرية قصر البريج في ريف حلب الشمالي.",
        ),
        (
            "o2",
            "2015-07-25",
            "وكالة ب",
            "وقال المرصد السوري لحقوق الإنسان إن تسعة مدنيين قتلوا جراء قصف جوي "
            "على حي بمدينة حلب وقرية في ريف إدلب الجنوبي حيث قتلت سيدة وأطفالها.",
        ),
    ]
    assert link(figures(rows)).pairs == []


def test_a_spokesman_reporting_a_like_incident_a_week_later_is_not_revising() -> None:
    """A civil defence spokesman gives the wounded of the morning's shelling, and a week later the
    wounded of a shelling in the same words, undated: not one count revised. The same words undated a day
    later, or a week later dated to the first day, are; so is an undated count a month on (see
    test_a_named_source_revises_in_the_order_it_spoke)."""
    text = (
        "وأوضح المتحدث الرسمي للدفاع المدني بمنطقة جازان أن سقوط المقذوفات على محافظة الطوال "
        "{} نتج عنه إصابة {} مواطنين بجروح."
    )

    def revisions(day: str, when: str = "صباح اليوم") -> list[tuple[str, str]]:
        rows = [
            ("d1", "2015-07-31", "وكالة أ", text.format("صباح اليوم", "خمسة")),
            ("d2", day, "وكالة ب", text.format(when, "أربعة")),
        ]
        return [(p.a.frame.text, p.b.frame.text) for p in link(figures(rows)).pairs if p.kind == "revision"]

    assert revisions("2015-08-08", "") == []
    assert revisions("2015-08-01", "") == [("خمسة", "أربعة")]
    assert revisions("2015-08-08", "في 31 يوليو") == [("خمسة", "أربعة")]


def test_reports_that_differ_on_their_other_figure_tell_two_events() -> None:
    """Five dead and 7 wounded against eight dead and 43 wounded, in one town's words: the wounded
    tell two events apart. "Dozens" of wounded allow 43: one event, whose dead are in dispute."""

    def conflicts(wounded: str) -> list[tuple[str, str]]:
        text = "قتل {} أشخاص وأصيب {} آخرون في انفجار عبوة ناسفة في سوق بلدة الطارمية."
        return conflicts_of(
            [
                ("w1", "2015-07-22", "وكالة أ", text.format(5, wounded)),
                ("w2", "2015-07-22", "وكالة ب", text.format(8, 43)),
            ]
        )

    assert conflicts("7") == []
    assert conflicts("العشرات") == [("5", "8")]


def test_a_running_total_revised_with_its_neighbours() -> None:
    """A wire's running count of fighters killed and wounded since the strikes began, a week later
    higher on both: one source revising its totals, though the wounded grew fourfold (two
    sentences whose other figures differ that much tell two events only when counted once)."""
    text = (
        "ذكرت وكالة الأناضول أن {} مقاتلا من حزب العمال الكردستاني قتلوا وجرح {} آخرون "
        "منذ بدء الغارات الجوية التركية على قواعد الحزب في شمال العراق."
    )
    rows = [
        ("a1", "2015-08-02", "وكالة أ", text.format(260, 100)),
        ("a2", "2015-08-09", "وكالة ب", text.format(390, 400)),
    ]
    assert kinds(link(figures(rows)).pairs) == [("revision", "100", "400"), ("revision", "260", "390")]


def test_a_storm_counted_in_one_city_and_in_the_region_is_two_scopes() -> None:
    """A typhoon's dead in one city against its dead in "east China": two scopes of one storm, no
    conflict. Two tolls for the whole region still conflict, and so does a bombing's toll placed
    in its town against one placed only in the country: a point event has one toll."""

    def conflicts(x: str, y: str) -> list[tuple[str, str]]:
        return conflicts_of([("s1", "2015-08-09", "وكالة أ", x), ("s2", "2015-08-09", "وكالة ب", y)])

    city = "قال مسؤولون إن إعصار سوديلور أودى بحياة تسعة أشخاص في مدينة ونتشو بشرق الصين."
    region = "قتل 14 شخصا جراء إعصار سوديلور بشرق الصين، حسبما ذكرت السلطات."
    assert conflicts(city, region) == []
    media = "ذكرت وسائل الإعلام الرسمية أن إعصار سوديلور أسفر عن سقوط 9 قتلى بشرق الصين."
    assert conflicts(media, region) == [("9", "14")]
    town = "قال مسؤولون إن تسعة أشخاص قتلوا في انفجار سيارة مفخخة في مدينة ونتشو بشرق الصين."
    country = "قتل 14 شخصا في انفجار سيارة مفخخة في الصين، حسبما ذكرت السلطات."
    assert conflicts(town, country) == [("تسعة", "14")]


def test_two_neighbourhoods_are_two_incidents() -> None:
    """One day, one city, one kind of attack: "حي الزعفرانية" and "منطقة بغداد الجديدة" are two."""
    rows = [
        ("n1", "2015-07-22", "وكالة أ", "قتل 4 أشخاص في انفجار سيارة مفخخة في حي الزعفرانية في بغداد."),
        ("n2", "2015-07-22", "وكالة ب", "قتل 7 أشخاص في انفجار سيارة مفخخة في منطقة بغداد الجديدة في بغداد."),
    ]
    assert link(figures(rows)).pairs == []
    same = [rows[0], ("n3", "2015-07-22", "وكالة ب", "قتل 6 أشخاص في انفجار سيارة مفخخة في حي الزعفرانية ببغداد.")]
    assert [p.kind for p in link(figures(same)).pairs] == ["conflict"]


def test_a_spot_whose_name_starts_with_a_number_word() -> None:
    """ "منطقة سبع البور" names a spot though "سبع" is a number word: another than "منطقة الحسينية"."""
    text = "قتل شخص وأصيب {n} آخرون في انفجار عبوة ناسفة في منطقة {spot} شمالي بغداد."
    rows = [
        ("b1", "2015-07-21", "وكالة أ", text.format(n=7, spot="سبع البور")),
        ("b2", "2015-07-21", "وكالة ب", text.format(n=8, spot="الحسينية")),
    ]
    assert link(figures(rows)).pairs == []
    same = [rows[0], ("b3", "2015-07-21", "وكالة ب", text.format(n=8, spot="سبع البور"))]
    assert [p.kind for p in link(figures(same)).pairs] == ["conflict"]


def test_enemy_fighters_killed_on_one_front_need_one_spot() -> None:
    """Belligerents' counts of fighters killed in one province are two engagements unless both
    name the same spot: "محافظة مأرب" is a province; "منطقة قرن الصابحية" is a spot."""
    text = "قتل {n} مسلحا حوثيا في اشتباكات مع المقاومة الشعبية في {where}."
    rows = [
        ("f1", "2015-07-23", "وكالة أ", text.format(n=13, where="محافظة مأرب")),
        ("f2", "2015-07-23", "وكالة ب", text.format(n=20, where="محافظة مأرب")),
    ]
    assert link(figures(rows)).pairs == []
    spot = [
        ("f3", "2015-07-23", "وكالة أ", text.format(n=14, where="منطقة قرن الصابحية")),
        ("f4", "2015-07-23", "وكالة ب", text.format(n=9, where="منطقة قرن الصابحية")),
    ]
    assert [p.kind for p in link(figures(spot)).pairs] == ["conflict"]


def test_two_sides_of_one_city_are_two_incidents() -> None:
    """One day, one kind of operation: "شرقي الرمادي" and "غربي الرمادي" are two; "شمال غرب البلاد"
    and "شمال البلاد" share a side, and sides of two different places rule nothing out."""
    text = "قتل {n} مدنيا في غارة جوية للتحالف {side}."
    rows = [
        ("s1", "2015-08-02", "وكالة أ", text.format(n=15, side="شرقي الرمادي")),
        ("s2", "2015-08-02", "وكالة ب", text.format(n=8, side="غربي الرمادي")),
    ]
    assert link(figures(rows)).pairs == []
    for side in ("شمال شرق الرمادي", "شمال العراق"):
        other = [rows[0], ("s3", "2015-08-02", "وكالة ب", text.format(n=8, side=side))]
        assert [p.kind for p in link(figures(other)).pairs] == ["conflict"], side


def test_a_sum_of_several_incidents_is_no_one_incidents_toll() -> None:
    """ "20 wounded in three separate incidents in Baghdad" is no rival to "7 wounded" in one
    bombing there that day; nor to another round-up, which seldom sums the same incidents (in the
    judged samples: seven accidents in a day against "several", three against two)."""
    sums = "أصيب {} أشخاص في ثلاثة حوادث أمنية منفصلة في بغداد أمس."
    one = ("i1", "2015-07-22", "وكالة أ", "أصيب 7 أشخاص في انفجار عبوة ناسفة قرب سوق في بغداد أمس.")
    assert link(figures([one, ("i2", "2015-07-22", "وكالة ب", sums.format(20))])).pairs == []
    rows = [("i3", "2015-07-22", "وكالة أ", sums.format(20)), ("i4", "2015-07-22", "وكالة ب", sums.format(12))]
    assert link(figures(rows)).pairs == []
    # The same two reports of one incident do conflict.
    single = "أصيب {} أشخاص في انفجار عبوة ناسفة قرب سوق في بغداد أمس."
    rows = [("i5", "2015-07-22", "وكالة أ", single.format(20)), ("i6", "2015-07-22", "وكالة ب", single.format(12))]
    assert [p.kind for p in link(figures(rows)).pairs] == ["conflict"]


def test_a_lightly_edited_copy_does_not_repeat_a_conflict() -> None:
    """Two outlets run one wire story with a word changed (not a syndicated copy by its hash):
    against a third source, that is one disagreement, not two."""
    rows = [
        ("c1", "2025-09-10", "وكالة أ", "قالت وزارة الصحة إن 50 شخصا قتلوا في القصف على مخيم جباليا شمال غزة."),
        ("c2", "2025-09-10", "وكالة أ", "وقالت وزارة الصحة إن 50 شخصا قتلوا في القصف على مخيم جباليا بشمال غزة."),
        (
            "c3",
            "2025-09-10",
            "وكالة ب",
            "وقال الدفاع المدني إن أكثر من 90 شخصا قتلوا في القصف على مخيم جباليا شمال غزة.",
        ),
    ]
    assert kinds(link(figures(rows)).pairs) == [("conflict", "50", "أكثر من 90")]


def test_a_conflict_between_near_figures_said_the_same_day_ranks_first() -> None:
    """27 against 30 the same day is likelier one toll than 27 against 60, or 27 against 30 a
    day later: the confidence says so (the pairs themselves are the same)."""
    text = "وقال {src} إن {n} شخصا قتلوا في انفجار سيارة مفخخة قرب سوق الخضار في مدينة بعقوبة."
    base = [("r1", "2025-09-10", "وكالة أ", text.format(src="مصدر في الشرطة", n=27))]
    near = [("r2", "2025-09-10", "وكالة ب", text.format(src="مسؤول في المستشفى", n=30))]
    far = [("r2", "2025-09-10", "وكالة ب", text.format(src="مسؤول في المستشفى", n=60))]
    later = [("r2", "2025-09-11", "وكالة ب", text.format(src="مسؤول في المستشفى", n=30))]
    conf = {}
    for name, other in (("near", near), ("far", far), ("later", later)):
        pairs = [p for p in link(figures(base + other)).pairs if p.kind == "conflict"]
        assert len(pairs) == 1, name
        conf[name] = pairs[0].confidence
    assert conf["near"] > conf["later"] and conf["near"] > conf["far"]
    assert conf["far"] <= conf["near"] * 0.9  # over twice apart: a tenth less at least


Report = tuple[str, str, str, str]


@pytest.mark.parametrize(
    ("base", "rose", "plain"),
    [
        # 17 dead, then "the toll rose to 25" a day later: an update, while two reports that
        # simply differ conflict.
        (
            ("g1", "2017-06-15", "وكالة أ", "قتل 17 شخصا في حريق برج غرينفل السكني في لندن."),
            ("g2", "2017-06-16", "وكالة ب", "ارتفع عدد قتلى حريق برج غرينفل السكني في لندن إلى 25 قتيلا."),
            ("g2", "2017-06-16", "وكالة ب", "قتل 25 شخصا في حريق برج غرينفل السكني في لندن."),
        ),
        # The same day, the report that says the wounded rose is the later, even sorted first.
        (
            ("h3", "2015-08-04", "وكالة أ", "أصيب 27 شخصا في انفجار وحريق في مبنى بمدينة هامبورغ."),
            ("h1", "2015-08-04", "وكالة ب", "ارتفع عدد المصابين في انفجار وحريق في مبنى بمدينة هامبورغ إلى 38 مصابا."),
            ("h2", "2015-08-04", "وكالة ب", "أصيب 38 شخصا في انفجار وحريق في مبنى بمدينة هامبورغ."),
        ),
    ],
    ids=["a-day-later", "the-same-day"],
)
def test_a_toll_the_later_report_says_rose_is_an_update(base: Report, rose: Report, plain: Report) -> None:
    assert not [p for p in link(figures([base, rose])).pairs if p.kind == "conflict"]
    assert [p for p in link(figures([base, plain])).pairs if p.kind == "conflict"]


def test_figures_far_apart_are_two_amounts() -> None:
    """27 against 90 the same day in the same words: not two counts of one toll (FAR_APART)."""
    text = "وقال {src} إن {n} شخصا قتلوا في انفجار سيارة مفخخة قرب سوق الخضار في مدينة بعقوبة."
    found = figures(
        [
            ("r1", "2025-09-10", "وكالة أ", text.format(src="مصدر في الشرطة", n=27)),
            ("r2", "2025-09-10", "وكالة ب", text.format(src="مسؤول في المستشفى", n=90)),
        ]
    )
    linked = link(found)
    assert len(set(linked.keys.values())) == 1  # one amount, as far as linking goes
    assert [p for p in linked.pairs if p.kind == "conflict"] == []


def test_an_article_that_tells_two_amounts_apart() -> None:
    """An outlet that gives, in its own voice, 25 dead at the academy and 15 in the truck bombing
    before it agrees with another's "at least 20" about one of them: 20 is not in conflict with
    its 15. Each of its figures is still compared with figures that agree with neither."""
    found = figures(
        [
            (
                "k1",
                "2015-08-08",
                "وكالة أ",
                "قتل 25 شخصا في تفجير انتحاري استهدف أكاديمية الشرطة في كابول يوم الجمعة، "
                "كما قتل 15 شخصا في تفجير انتحاري بشاحنة مفخخة في كابول يوم الجمعة.",
            ),
            (
                "k2",
                "2015-08-08",
                "وكالة ب",
                "قتل 20 شخصا على الأقل في تفجير انتحاري استهدف أكاديمية الشرطة في كابول يوم الجمعة.",
            ),
        ]
    )
    assert [p for p in link(found).pairs if p.kind == "conflict"] == []
    alone = [f for f in found if f.frame.text != "25"]
    assert [(p.a.frame.text, p.b.frame.text) for p in link(alone).pairs if p.kind == "conflict"] == [("15", "20")]


def test_a_provisional_toll_and_a_later_higher_one_are_one_count_updated() -> None:
    """A toll called provisional, then a higher toll the next day: one count updated. The same
    two figures said on one day, or with no word of an update, still conflict; a higher toll the
    text calls new updates the lower the same day too."""
    first = "وأعلنت الحكومة في حصيلة مؤقتة مقتل خمسة أشخاص في الهجوم على فندق بيبلوس في سيفاري."
    plain = "وأعلنت الحكومة مقتل خمسة أشخاص في الهجوم على فندق بيبلوس في سيفاري."
    later = "قتل 12 شخصا في الهجوم على فندق بيبلوس في سيفاري، بحسب مسؤولين عسكريين."
    newer = "قتل 12 شخصا في الهجوم على فندق بيبلوس في سيفاري، وفق حصيلة جديدة أعلنها مسؤولون عسكريون."

    conflicts = conflicts_of
    assert conflicts([("p1", "2015-08-07", "وكالة أ", first), ("p2", "2015-08-08", "وكالة ب", later)]) == []
    assert conflicts([("p1", "2015-08-07", "وكالة أ", plain), ("p2", "2015-08-08", "وكالة ب", newer)]) == []
    assert conflicts([("p1", "2015-08-07", "وكالة أ", plain), ("p2", "2015-08-08", "وكالة ب", later)]) == [
        ("خمسة", "12")
    ]
    assert conflicts([("p1", "2015-08-08", "وكالة أ", first), ("p2", "2015-08-08", "وكالة ب", later)]) == [
        ("خمسة", "12")
    ]
    assert conflicts([("p1", "2015-08-08", "وكالة أ", plain), ("p2", "2015-08-08", "وكالة ب", newer)]) == []
    now = "وقال المصدر العسكري إن حصيلة الهجوم على فندق بيبلوس في سيفاري باتت الآن 12 قتيلا."
    assert conflicts([("p1", "2015-08-08", "وكالة أ", plain), ("p2", "2015-08-08", "وكالة ب", now)]) == []
    # A stale provisional count printed the day after the higher toll is still the old count.
    assert conflicts([("p1", "2015-08-08", "وكالة أ", first), ("p2", "2015-08-07", "وكالة ب", later)]) == []


def test_a_country_is_no_detail_of_one_event() -> None:
    """Two reports that share only their country's name or people ("أفغانستان", "أفغان") may
    tell any two incidents in it; a detail of the event (the province) ties them. A city state's
    name ("الكويت") is as fine as a city."""
    assert {"افغانستان", "افغان", "افغانيه"} <= country_words() and "كويت" not in country_words()
    one = "قال مسؤولون إن {} جنديا قتلوا في ضربة جوية على معسكر للجيش في شرق أفغانستان."
    other = "قتل {} من الجنود الأفغان في أفغانستان، بحسب مصادر أمنية."
    rows = [("c1", "2015-07-21", "وكالة أ", one.format(14)), ("c2", "2015-07-21", "وكالة ب", other.format(6))]
    assert link(figures(rows)).pairs == []
    one = "قال مسؤولون إن {} جنديا قتلوا في ضربة جوية على معسكر للجيش في ولاية لوغار بأفغانستان."
    other = "قتل {} من الجنود الأفغان في ولاية لوغار، بحسب مصادر أمنية."
    rows = [("c1", "2015-07-21", "وكالة أ", one.format(14)), ("c2", "2015-07-21", "وكالة ب", other.format(9))]
    assert [p.kind for p in link(figures(rows)).pairs] == ["conflict"]


def test_a_capital_alone_is_no_detail_of_one_event() -> None:
    """Kabul saw three attacks in a day: two reports that share only the capital's name may tell
    any two of them. A town ("سروج") ties two reports, and so does a city state ("الكويت")."""

    def conflicts(place: str) -> list[tuple[str, str]]:
        return conflicts_of(
            [
                ("k1", "2015-08-08", "وكالة أ", f"قتل 20 شخصا في {place}، بحسب مصادر أمنية."),
                ("k2", "2015-08-08", "وكالة ب", f"أعلنت الشرطة مقتل 15 شخصا في {place}."),
            ]
        )

    assert conflicts("كابول") == []
    assert conflicts("بلدة سروج") == [("20", "15")]
    assert conflicts("الكويت") == [("20", "15")]


def test_the_kind_of_a_road_accident_is_no_detail_of_one() -> None:
    """Two rollovers a day apart that share only "انقلاب": no detail of one accident (road
    accidents befall some road every day). A village they both name is one."""

    def conflicts(where: str) -> list[tuple[str, str]]:
        return conflicts_of(
            [
                ("r1", "2015-07-21", "وكالة أ", f"توفي شابان في انقلاب مركبتهما{where}."),
                ("r2", "2015-07-22", "وكالة ب", f"أدى انقلاب سيارة{where} إلى وفاة 3 أشخاص."),
            ]
        )

    assert conflicts("") == []
    assert conflicts(" قرب قرية العجرمية") == [("شابان", "3")]


def test_a_third_article_that_tells_two_amounts_apart() -> None:
    """One report gives, in one voice, 24 dead at the academy and 15 in the truck bombing: another
    outlet's "at least 20" and a third's 15, whose own words share only the city and the day, are
    two attacks. Without that report they would be compared."""
    rows = [
        ("t1", "2015-08-08", "وكالة أ", "قتل 20 شخصا على الأقل في هجوم في كابول يوم الجمعة، بحسب مصادر أمنية."),
        ("t2", "2015-08-08", "وكالة ب", "قتل 15 شخصا في هجوم في كابول يوم الجمعة، بحسب مسؤولين."),
    ]
    teller = (
        "t3",
        "2015-08-08",
        "وكالة ج",
        "قتل 24 شخصا في هجوم استهدف أكاديمية الشرطة في كابول يوم الجمعة، "
        "كما قتل 15 شخصا في هجوم بشاحنة مفخخة في كابول يوم الجمعة.",
    )

    def conflicts(found: list[Figure]) -> list[tuple[str, str]]:
        return sorted((p.a.frame.text, p.b.frame.text) for p in link(found).pairs if p.kind == "conflict")

    assert conflicts(figures(rows)) == [("20", "15")]
    assert conflicts(figures([*rows, teller])) == []


@pytest.mark.parametrize(
    "today",
    [
        "قتل أربعة من عناصر القوات المسلحة المصرية بينهم ضابط اليوم إثر انفجار عبوة ناسفة بمحافظة شمال سيناء.",
        # undated: "اليوم" belongs to the wounded, the figure after it
        "قتل أربعة من عناصر القوات المسلحة المصرية فيما أصيب ثلاثة آخرون اليوم "
        "إثر انفجار عبوة ناسفة بمحافظة شمال سيناء.",
    ],
)
def test_an_incident_recalled_as_days_before_is_not_the_one_reported(today: str) -> None:
    """ "بعد أيام على مقتل سبعة جنود" recalls an earlier attack: its toll is no rival to the toll of
    the attack reported that day in the same region, dated or not."""
    found = figures(
        [
            ("s1", "2015-07-24", "وكالة أ", today),
            (
                "s2",
                "2015-07-24",
                "وكالة ب",
                "وقال مصدر أمني إن هجوم أمس الخميس يأتي بعد أيام على مقتل سبعة جنود في هجوم على نقطة تفتيش "
                "عسكرية في شمال سيناء.",
            ),
        ]
    )
    recalled = next(f for f in found if f.frame.text == "سبعة")
    assert recalled.frame.as_of_basis == "earlier"
    assert [p for p in link(found).pairs if p.kind == "conflict"] == []


def test_a_toll_the_text_calls_superseded_is_no_conflict() -> None:
    """ "وكانت الحصيلة السابقة تفيد عن ثمانية": the report itself says 8 was the count before 15."""
    found = figures(
        [
            (
                "k1",
                "2015-08-07",
                "وكالة أ",
                "وقال متحدث باسم الرئاسة إن 15 شخصا قتلوا في الاعتداء بالشاحنة المفخخة في كابول.",
            ),
            (
                "k2",
                "2015-08-07",
                "وكالة ب",
                "وكانت الحصيلة السابقة تفيد عن ثمانية قتلى في الاعتداء بالشاحنة المفخخة في كابول.",
            ),
        ]
    )
    assert next(f for f in found if f.frame.text == "ثمانية").frame.as_of_basis == "earlier"
    assert [p for p in link(found).pairs if p.kind == "conflict"] == []


def test_a_superseded_count_of_the_same_day_is_no_conflict_either() -> None:
    """The count the text calls superseded may be of the very event dated that day ("صباح الجمعة"):
    still no conflict."""
    found = figures(
        [
            (
                "k1",
                "2015-08-07",
                "وكالة أ",
                "ارتفعت حصيلة الاعتداء بالشاحنة المفخخة الذي وقع صباح الجمعة في كابول إلى 15 قتيلا.",
            ),
            (
                "k2",
                "2015-08-08",
                "وكالة ب",
                "وكانت حصيلة سابقة تفيد عن ثمانية قتلى في الاعتداء بالشاحنة المفخخة في كابول.",
            ),
        ]
    )
    assert [p for p in link(found).pairs if p.kind == "conflict"] == []


def test_two_means_of_harm_are_two_incidents() -> None:
    """A roadside bomb and an air strike in one town on one day are two incidents; a car bomb
    told as "مفخخة" by one paper and "ملغومة" by another is one."""
    text = "وقال مصدر {who} إن {n} أشخاص قتلوا في {how} في مدينة بعقوبة اليوم."
    two = figures(
        [
            ("m1", "2015-07-22", "وكالة أ", text.format(who="أمني", n=5, how="انفجار عبوة ناسفة قرب السوق")),
            ("m2", "2015-07-22", "وكالة ب", text.format(who="طبي", n=9, how="غارة جوية قرب السوق")),
        ]
    )
    assert [p for p in link(two).pairs if p.kind == "conflict"] == []
    one = figures(
        [
            ("m1", "2015-07-22", "وكالة أ", text.format(who="أمني", n=5, how="انفجار سيارة مفخخة قرب السوق")),
            ("m2", "2015-07-22", "وكالة ب", text.format(who="طبي", n=7, how="انفجار سيارة ملغومة قرب السوق")),
        ]
    )
    assert [p.kind for p in link(one).pairs] == ["conflict"]


def test_a_breakdown_restated_months_later_is_a_revision() -> None:
    """A court spokesman gives the accused of one case, how many held and how many free; months
    later, in other words, the same breakdown with new figures: one source revising its counts,
    though the sentences share few words. Without the breakdown the same words are no revision."""

    def revisions(later: str) -> list[tuple[str, str]]:
        rows = [
            (
                "c1",
                "2016-06-23",
                "وكالة أ",
                "وحسب الناطق باسم المحكمة الابتدائية سامي الورغي فقد بلغ عدد المتهمين في قضية الهجوم المسلح "
                "على نزل سياحي بمدينة صفاقس الذي خلف قتلى من السياح الأجانب 46 متهما، 16 منهم في حالة "
                "إيقاف ومودعين في السجن في حين يوجد 25 آخرين في حالة سراح.",
            ),
            ("c2", "2017-03-10", "وكالة ب", later),
        ]
        return sorted((p.a.frame.text, p.b.frame.text) for p in link(figures(rows)).pairs if p.kind == "revision")

    said = "وكان الناطق باسم المحكمة الابتدائية سامي الورغي قد صرح للإذاعة أن قضية صفاقس تتعلق بـ 51 متهما"
    assert revisions(said + " منهم 17 في حالة إيقاف و27 في حالة سراح.") == [("16", "17"), ("25", "27"), ("46", "51")]
    assert revisions(said + " وأن الجلسة أجلت إلى الشهر المقبل.") == []


def test_two_ambushes_are_not_one_of_them() -> None:
    """ "18 fighters killed in two ambushes" sums two incidents: against "eight killed in an ambush"
    in the same place it is no conflict; two reports that both tell the two ambushes may be. A
    dual after a comma ("…، بينها تفجيران") is another figure's, and one picked out of the two
    ("استهدف الأول") is one incident."""
    one = "وقالت مصادر محلية إن ثمانية مسلحين حوثيين قتلوا في كمين نصبته المقاومة في جبل الثعالب بمحافظة البيضاء."
    both = "وقالت مصادر قبلية إن {n} مسلحا حوثيا قتلوا في كمينين للمقاومة في جبل الثعالب بمحافظة البيضاء."
    rows = [("k1", "2015-07-25", "وكالة أ", one), ("k2", "2015-07-25", "وكالة ب", both.format(n=18))]
    assert conflicts_of(rows) == []
    rows = [("k2", "2015-07-25", "وكالة ب", both.format(n=18)), ("k3", "2015-07-25", "وكالة ج", both.format(n=12))]
    assert len(conflicts_of(rows)) == 1
    picked = (
        "وقالت مصادر قبلية إن هجومين وقعا في محافظة البيضاء أمس، استهدف الأول كمينا للمقاومة في جبل الثعالب "
        "وأسفر عن مقتل 12 مسلحا حوثيا."
    )
    rows = [("k1", "2015-07-25", "وكالة أ", one), ("k4", "2015-07-25", "وكالة د", picked)]
    assert len(conflicts_of(rows)) == 1


def test_a_running_total_above_a_count_of_its_days_is_no_conflict() -> None:
    """A total counted from a start ("منذ 15 يوليو") higher than one day's count said beside it
    counts more days, or grew: no conflict. The same total below the count cannot both hold."""
    day = (
        "t1",
        "2015-07-22",
        "وكالة أ",
        "وقال مسؤول محلي إن 29 شخصا قتلوا في الاشتباكات بين التبو والطوارق في مدينة سبها.",
    )
    total = "وقال مصدر طبي إن {n} شخصا قتلوا في الاشتباكات بين التبو والطوارق في مدينة سبها منذ 15 يوليو."
    assert conflicts_of([day, ("t2", "2015-07-23", "وكالة ب", total.format(n=40))]) == []
    assert len(conflicts_of([day, ("t2", "2015-07-23", "وكالة ب", total.format(n=20))])) == 1


def test_figures_twice_apart_need_closely_worded_reports() -> None:
    """8 against 17 dead is one amount only when the two reports tell the event in much the same
    words; in other words (they share the market and the town) it is more likely two incidents.
    8 against 10 in those other words is still a conflict."""
    police = "وقال مصدر في الشرطة إن {n} أشخاص قتلوا في انفجار سيارة مفخخة قرب سوق الخضار في مدينة بعقوبة أمس."
    medics = (
        "وذكرت مصادر طبية في مستشفى المدينة أن حصيلة ضحايا الهجوم على سوق الخضار ببعقوبة بلغت {n} قتيلا بينهم نساء."
    )
    same = police.replace("مصدر في الشرطة", "مسؤول في المستشفى")

    def found(second: str, n: int) -> list[tuple[str, str]]:
        return conflicts_of(
            [("w1", "2015-07-22", "وكالة أ", police.format(n=8)), ("w2", "2015-07-22", "وكالة ب", second.format(n=n))]
        )

    assert found(medics, 10) == [("8", "10")]
    assert found(medics, 17) == []
    assert found(same, 17) == [("8", "17")]
