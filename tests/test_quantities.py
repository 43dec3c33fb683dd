"""Quantity extraction: amounts, qualifiers, ranges, units, and what is not an amount."""

from __future__ import annotations

import pytest

from rawi.api import extract_article
from rawi.extract.quantities import QuantityMatch, extract_quantities
from rawi.model import Article
from rawi.text.normalize import fold, normalize

Row = tuple[str, int | float, str, int | float | None, str | None]


def quantities(text: str, exclude: tuple[tuple[int, int], ...] = ()) -> list[Row]:
    """(span text, value, qualifier, high, unit text), all folded."""
    norm = normalize(text).norm
    out = []
    for q in extract_quantities(norm, exclude):
        unit = norm[q.unit[0] : q.unit[1]] if q.unit else None
        out.append((norm[q.start : q.end], q.value, q.qualifier, q.high, unit))
    return out


def row(span: str, value: float, qualifier: str = "eq", high: float | None = None, unit: str | None = None) -> Row:
    return (fold(span), value, qualifier, high, fold(unit) if unit is not None else None)


def only(text: str) -> Row:
    got = quantities(text)
    assert len(got) == 1, got
    return got[0]


# --- plain amounts -------------------------------------------------------------


def test_digits_with_counted_noun() -> None:
    assert quantities("قتل 27 شخصا وأصيب 227 آخرون في الانفجار") == [
        row("27", 27, unit="شخصا"),
        row("227", 227, unit="آخرون"),
    ]


def test_thousands_separator_and_indic_digits() -> None:
    assert only("يعمل في المصنع 10,000 عامل") == row("10,000", 10000, unit="عامل")
    assert only("نشرت البلاد ١٠٬٠٠٠ جندي على الحدود") == row("10,000", 10000, unit="جندي")


def test_number_words_span_only_the_number() -> None:
    assert only("اعتقلت الشرطة أربعة أفراد من الخلية") == row("أربعة", 4, unit="أفراد")


def test_clitic_is_left_outside_the_span() -> None:
    assert only("وجهت النيابة اتهامات لتسعة وعشرين شخصا") == row("تسعة وعشرين", 29, unit="شخصا")


def test_definite_number_after_definite_noun() -> None:
    assert only("نشرت الوزارة أسماء المتهمين الخمسة أمس") == row("الخمسة", 5, unit="المتهمين")


def test_digits_and_magnitude_words() -> None:
    assert only("ستنشر أنقرة 5 آلاف عنصر في القاعدة") == row("5 آلاف", 5000, unit="عنصر")
    assert only("وقعت الشركة عقدا بقيمة 2.5 مليار ريال") == row("2.5 مليار", 2500000000, unit="ريال")
    assert only("خصصت الحكومة 5 ملايين دولار للإغاثة") == row("5 ملايين", 5000000, unit="دولار")


def test_compound_number_words() -> None:
    assert only("تضم المدينة ثلاثة آلاف وخمسمائة منزل") == row("ثلاثة آلاف وخمسمائة", 3500, unit="منزل")


def test_thousands_dot_with_count_noun() -> None:
    assert only("نفذت الطائرات 5.964 طلعة جوية") == row("5.964", 5964, unit="طلعة")


# --- duals ---------------------------------------------------------------------


def test_dual_nouns_count_two() -> None:
    assert only("وعثرت الشرطة على جثتين قرب النهر") == row("جثتين", 2, unit="جثتين")
    assert only("قتل طفلان في القصف") == row("طفلان", 2, unit="طفلان")


def test_dual_with_explicit_two_is_one_amount() -> None:
    assert only("أصيب شخصين اثنين بجروح") == row("شخصين اثنين", 2, unit="شخصين")


def test_plurals_and_definite_duals_are_not_duals() -> None:
    assert quantities("استمع المحققين إلى الفلسطينيين في لبنان") == []
    assert quantities("وقعت الحكومتين التركية والقطرية اتفاقا بين الدولتين") == []


# --- vague plurals -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("سقط عشرات القتلى في المعارك", "عشرات", 10),
        ("نزح مئات السكان من القرية", "مئات", 100),
        ("تظاهر آلاف الطلاب أمام الوزارة", "آلاف", 1000),
        ("فر عشرات الآلاف من المدنيين", "عشرات الآلاف", 10000),
        ("شارك عشرات آلاف المحتجين", "عشرات آلاف", 10000),
        ("استقبلت البلاد مئات الآلاف من اللاجئين", "مئات الآلاف", 100000),
        ("أنفقت الحكومة ملايين الدولارات", "ملايين", 1000000),
    ],
)
def test_vague_plurals_are_lower_bounds(text: str, span: str, value: int) -> None:
    got = only(text)
    assert got[:4] == row(span, value, "ge")[:4]


def test_vague_words_that_are_not_amounts() -> None:
    assert quantities("التقى الوزير عددا من السفراء وعدة مسؤولين وبعض الخبراء") == []


def test_vague_plural_of_time_is_not_an_amount() -> None:
    assert quantities("بنيت المدينة قبل آلاف السنين") == []


# --- qualifiers ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "value", "qualifier"),
    [
        ("نشرت كوريا أكثر من 10000 جندي", "أكثر من 10000", 10000, "gt"),
        ("اعتقل ما يزيد على 300 شخص", "ما يزيد على 300", 300, "gt"),
        ("وصل أزيد من 50 مهاجرا", "أزيد من 50", 50, "gt"),
        ("تضم ما يربو على 70 شركة", "ما يربو على 70", 70, "gt"),
        ("قتل حوالي 2000 جندي", "حوالي 2000", 2000, "approx"),
        ("سلم التنظيم نحو 11 جثة", "نحو 11", 11, "approx"),
        ("حضر قرابة 400 ضيف", "قرابة 400", 400, "approx"),
        ("شارك زهاء 600 متطوع", "زهاء 600", 600, "approx"),
        ("خسرت الشركة ما يقارب 40 مليون دولار", "ما يقارب 40 مليون", 40000000, "approx"),
        ("أصيب ما يقرب من 90 شخصا", "ما يقرب من 90", 90, "approx"),
        ("قتل ما لا يقل عن 40 مدنيا", "ما لا يقل عن 40", 40, "ge"),
        ("تبلغ الغرامة لا يقل عن 500 ريال", "لا يقل عن 500", 500, "ge"),
        # Written joined as often as apart in the corpora (10 "مالايقل", 9 "مالا يقل", 10 "ما لايقل").
        ("أدى إلى سقوط مالايقل عن 40 قتيلا", "مالايقل عن 40", 40, "ge"),
        ("قتل ما لايقل عن 40 مدنيا", "ما لايقل عن 40", 40, "ge"),
        ("قتل مالا يقل عن 40 مدنيا", "مالا يقل عن 40", 40, "ge"),
        ("نجا أقل من 100 راكب", "أقل من 100", 100, "lt"),
        ("تستوعب القاعة حتى 500 شخص", "حتى 500", 500, "le"),
        ("يسجن المخالف مدة تصل وغرامة ما يصل إلى 300 ألف ريال", "ما يصل إلى 300 ألف", 300000, "le"),
        ("على ألا يتجاوز العدد لا يزيد على 20 سيارة", "لا يزيد على 20", 20, "le"),
        ("بغرامة لا تتجاوز 1000 دينار", "لا تتجاوز 1000", 1000, "le"),
        ("قدرت الخسائر بنحو 5 ملايين دولار", "نحو 5 ملايين", 5000000, "approx"),
    ],
)
def test_qualifier_before(text: str, span: str, value: int, qualifier: str) -> None:
    got = only(text)
    assert got[:3] == (fold(span), value, qualifier)


def test_qualifier_before_a_dual() -> None:
    assert only("وأدى لسقوط ما لا يقل عن قتيلين في تايوان")[:3] == (fold("ما لا يقل عن قتيلين"), 2, "ge")
    assert only("أصيب أكثر من شخصين")[:3] == (fold("أكثر من شخصين"), 2, "gt")
    assert only("قتل شخصان في الحادث")[:3] == (fold("شخصان"), 2, "eq")


def test_qualifier_after_the_number_or_its_noun() -> None:
    assert only("قتل خمسة مقاتلين على الأقل في الاشتباكات")[:3] == (fold("خمسة"), 5, "ge")
    assert only("حضر 500 شخص تقريبا")[:3] == ("500", 500, "approx")
    assert only("يدفع 100 ألف على الأقل")[:3] == (fold("100 ألف على الأقل"), 100000, "ge")


# --- ranges --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "low", "high"),
    [
        ("اعتقل بين 10 و20 شخصا", "بين 10 و20", 10, 20),
        ("يتراوح العدد ما بين 10 إلى 20 شخصا", "ما بين 10 إلى 20", 10, 20),
        ("يضم الفوج من 30 إلى 40 جنديا", "من 30 إلى 40", 30, 40),
        ("وصل 15-20 مهاجرا إلى الشاطئ", "15-20", 15, 20),
        ("يقدر عددهم بين 5 و10 آلاف مقاتل", "بين 5 و10 آلاف", 5000, 10000),
    ],
)
def test_ranges(text: str, span: str, low: int, high: int) -> None:
    assert only(text)[:4] == (fold(span), low, "range", high)


# --- units ---------------------------------------------------------------------


def test_unit_after_من() -> None:
    assert only("انتشر أكثر من 10000 من الجنود")[4] == fold("الجنود")


def test_percentages_keep_the_written_value() -> None:
    assert only("ارتفع المؤشر 0.3 %") == row("0.3", 0.3, unit="%")
    assert only("تراجعت الصادرات 15 في المائة") == row("15", 15, unit="في المائة")
    assert only("نما الاقتصاد بنسبة 4 بالمئة") == row("4", 4, unit="بالمئة")


def test_measures_and_currencies() -> None:
    assert only("تقع القرية على بعد 40 كلم من المدينة")[4] == fold("كلم")
    assert only("صدرت البلاد 200 طن من القمح")[4] == fold("طن")
    assert only("بلغت قيمة الصفقة 300 يورو")[4] == fold("يورو")


# --- what is not a quantity ----------------------------------------------------


def test_excluded_time_spans() -> None:
    text = "قتل 12 شخصا منذ عام 2015 في 33 هجوما"
    norm = normalize(text).norm
    year = (norm.index("عام"), norm.index("2015") + 4)
    assert [r[0] for r in quantities(text, (year,))] == ["12", "33"]
    assert [r[0] for r in quantities(text, ((norm.index("12"), norm.index("12") + 2),))] == ["33"]


def test_years_without_exclude() -> None:
    assert quantities("ولد عام 1990 وانتقل في 2015، ومن مواليد 1986 أيضا") == []


def test_durations_dates_and_ages() -> None:
    assert quantities("استمرت المعارك 4 أشهر وانتهت في 23 مايو") == []
    assert quantities("اعتقلت الشرطة رجلا (33 عاما)") == []


@pytest.mark.parametrize(
    "text",
    [
        "انعقدت القمة في دورتها الـ 27 بالعاصمة",
        "حل الفريق في المرة الثالثة والمركز الأول",
        "دعا إلى تنفيذ القرار 2216 فورا",
        "طالب بتنفيذ قرار مجلس الأمن الدولي 2216، دون تأخير",
        "يطبق القرار رقم 2216 على الجميع",
        "تنص المادة 92 من الدستور على ذلك",
        "للاستفسار يرجى الاتصال على 0501234567",
        "التقديم عبر الرابط https://example.com/jobs/2015 حتى نهاية الشهر",
        "اجتمع قادة مجموعة العشرين في قمة G20",
        "قالت قناة فرنسا 24 إن الاجتماع انتهى",
        "بدأ الاجتماع في الساعة 10:30 صباحا",
        "فاز الهلال على النصر 2-1 في المباراة",
        "سيبقى شهر واحد قبل الانتخابات",
        "قال أحد المسؤولين إن إحدى الوزارات رفضت",
        "وصل الوزير يوم الاثنين إلى العاصمة",
        "وقع الاتفاق في 21/10/1436 هـ",
    ],
)
def test_not_quantities(text: str) -> None:
    assert quantities(text) == []


def test_fraction_word_before_definite_noun_is_not_a_count() -> None:
    assert quantities("يعيش خمس السكان تحت خط الفقر") == []


def test_sorted_and_typed() -> None:
    norm = normalize("وصل 20 جنديا ثم عشرات المدنيين و3 ملايين دولار").norm
    got = extract_quantities(norm)
    assert [q.start for q in got] == sorted(q.start for q in got)
    assert all(isinstance(q, QuantityMatch) for q in got)
    assert [q.value for q in got] == [20, 10, 3000000]


# --- decimals by the text's convention, duals, identifiers, comparing verbs ---------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("بلغ العجز التجاري 9ر2 مليار دينار خلال السداسي الأول.", 2.9e9),  # the fraction written first
        ("ارتفعت نسبة النمو إلى 5ر1 بالمائة.", 1.5),
        ("عالجت المصافي 423ر2 مليون برميل.", 2.423e6),
    ],
)
def test_decimal_written_with_ra(text: str, value: float) -> None:
    ((_, got, _, _, _),) = quantities(text)
    assert got == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("وهبط خام برنت 15 سنتا إلى 95.\u200f56 دولار للبرميل.", 56.95),  # Brent in July 2015
        ("وقع زلزال قوته 5.\u200f7 درجة قرب جزر سليمان.", 7.5),
        ("افتتاح منجم فحم بتكلفة 7.\u200f11 مليار دولار.", 11.7e9),  # written "7ر11 مليار" by another wire
        ("ارتفعت المبيعات 3.5 في المائة.", 3.5),  # no mark: as written
    ],
)
def test_a_decimal_mirrored_with_a_direction_mark_is_read_the_right_way_round(text: str, value: float) -> None:
    got = [q for q in extract_article(Article("m", text, "2015-07-21")).quantities if q.value != 15]
    assert got[0].value == pytest.approx(value) and text[got[0].span.start : got[0].span.end] == got[0].span.text


def test_a_comma_before_three_digits_follows_the_texts_convention() -> None:
    # This text writes decimals with a comma ("226,9"): "46,500 مليون" is 46.5 million.
    got = quantities("بلغت الصادرات 46,500 مليون دينار مقابل 226,9 مليون دينار.")
    assert [g[1] for g in got] == [pytest.approx(46.5e6), pytest.approx(226.9e6)]
    # This one writes decimals with a dot: "2,803 مليار" is 2,803 billion.
    got = quantities("نما الاقتصاد 3.3 بالمائة وبلغ الناتج 2,803 مليار دولار.")
    assert got[-1][1] == 2803 * 10**9


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("انهارت بنايتين في الحي القديم.", "بنايتين"),
        ("يبلغ ارتفاع الجدار مترين فقط.", "مترين"),
        ("فاز الفريق بالكأس مرتين.", "مرتين"),
    ],
)
def test_duals_count_two(text: str, span: str) -> None:
    assert only(text) == row(span, 2, unit=span)


@pytest.mark.parametrize(
    "text",
    [
        "صدر المرسوم عدد 52 المتعلق بتنظيم المهنة.",
        "أحيلت القضية عدد 1234 على الدائرة الجنائية.",
        "نص القانون رقم 15 على العقوبات.",
    ],
)
def test_law_decree_and_case_numbers_are_identifiers(text: str) -> None:
    assert quantities(text) == []


def test_comparing_verbs_qualify() -> None:
    assert only("يمتد الكورنيش الذي يزيد طوله على 45 كيلومترا.") == row("45", 45, "gt", unit="كيلومترا")
    assert only("حضر العرض جمهور لم يتجاوز عددهم 3 أشخاص.") == row("3", 3, "le", unit="أشخاص")
    assert only("تفرض غرامة تصل إلى 5000 ريال.") == row("تصل إلى 5000", 5000, "le", unit="ريال")
    assert only("رفعت الرسوم ليصل إلى 800 دولار.") == row("800", 800, unit="دولار")  # "so as to reach"


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("وقالت المنظمة إن عدد القتلى تخطى عتبة ألفي قتيل.", "تخطى عتبة ألفي"),
        ("وقالت المنظمة إن عدد القتلى تجاوز عتبة 2000 قتيل.", "تجاوز عتبة 2000"),
    ],
)
def test_passing_a_threshold_is_more_than_it(text: str, span: str) -> None:
    """ "تخطى عتبة ألفي" ("passed the 2,000 mark") is more than 2,000, not 2,000: it agrees with
    "أكثر من ألفي" rather than revising it."""
    assert only(text)[:3] == (fold(span), 2000, "gt")


def _pipeline_quantities(text: str) -> list[tuple[str, float]]:
    """Through the whole pipeline, where times are read first and keep their numbers."""
    return [(q.span.text, q.value) for q in extract_article(Article("q", text, "2016-07-30")).quantities]


@pytest.mark.parametrize(
    "text",
    [
        "تتراوح أعمارهم بين 21 و50 سنة.",  # an age range: the low end of a length of time
        "قامت الوحدات يوم الخميس 17أفريل 2014 بحملة أمنية.",  # a date's year, day written onto month
        "تبدأ غرة شهر رمضان للعام الهجري الحالي 1438 يوم السبت.",  # a year a few words after "العام"
        "وطلبت رقم النجدة 197 إثر حصول الاعتداء.",  # a number after "رقم", "إثر" counting nothing
    ],
)
def test_ages_years_and_numbers_that_are_no_amounts(text: str) -> None:
    assert _pipeline_quantities(text) == []


def test_an_amount_range_still_counts() -> None:
    assert _pipeline_quantities("شارك بين 21 و50 شخصا في المسيرة.") == [("بين 21 و50", 21)]


def test_a_range_whose_low_end_carries_the_percent_sign() -> None:
    assert _pipeline_quantities("تراجعت الأسعار بنسبة تتراوح بين 25% إلى 35% تقريبا.") == [
        ("تتراوح بين 25% إلى 35", 25)
    ]
    assert len(_pipeline_quantities("بلغت النسبتان 25% و35% على التوالي.")) == 2  # no range without "بين"
    # a change, not a range: "rose 57% to 1,658 tonnes", "the tax from 13% to 23%"
    assert len(_pipeline_quantities("وزادت احتياطيات الذهب 57% إلى 1658 طنا.")) == 2
    assert len(_pipeline_quantities("وتطبق زيادة الضرائب من 13% إلى 23% على المنتجات.")) == 2
