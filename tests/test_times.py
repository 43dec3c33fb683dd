"""Time expressions: spans, TIMEX3 types and values, resolution against the dateline."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rawi.extract.times import TimeMatch, extract_times
from rawi.text.normalize import normalize

Found = tuple[str, str, str]


def _date(published: str | None) -> dt.date | None:
    return dt.date.fromisoformat(published) if published else None


def times(text: str, published: str | None = "2015-07-31", quoted: bool = False) -> list[Found]:
    """(original span text, type, value) of every time in `text`."""
    nt = normalize(text)
    quotes: list[tuple[int, int]] = []
    if quoted:
        quotes = [(m.start(1), m.end(1)) for m in re.finditer(r'"([^"]*)"', nt.norm)]
    out = []
    for t in extract_times(nt.norm, _date(published), quotes):
        s, e = nt.to_orig(t.start, t.end)
        out.append((text[s:e], t.type, t.value))
    return out


def one(text: str, published: str | None = "2015-07-31") -> Found:
    found = times(text, published)
    assert len(found) == 1, found
    return found[0]


# --- calendar dates -------------------------------------------------------------------------


def test_weekday_with_full_date_is_one_expression() -> None:
    assert one("افتتح المعرض الدولي للكتاب، الأربعاء 7 ماي 2017، بحضور الوزير.", "2017-06-07") == (
        "الأربعاء 7 ماي 2017",
        "DATE",
        "2017-05-07",
    )


def test_a_day_written_onto_its_month() -> None:
    assert one("قامت الوحدات يوم 17أفريل 2014 بحملة أمنية.", "2016-07-30") == ("يوم 17أفريل 2014", "DATE", "2014-04-17")


def test_month_with_year_word() -> None:
    assert one("تولى منصبه في نوفمبر عام 2013 بعد انتخابات مبكرة.", "2017-01-18") == (
        "نوفمبر عام 2013",
        "DATE",
        "2013-11",
    )


def test_year_after_article_and_since() -> None:
    assert one("تعمل الشركة في السوق منذ العام 2009 دون انقطاع.") == ("العام 2009", "DATE", "2009")
    assert one("صدر القانون سنة 2012 بعد نقاش طويل.") == ("سنة 2012", "DATE", "2012")


def test_day_month_past_modifier_drops_leading_tarikh() -> None:
    assert one("وزعت المسودة على النواب بتاريخ 12 ماي الماضي.", "2017-06-07") == ("12 ماي الماضي", "DATE", "2017-05-12")


def test_day_month_without_year_latest_not_after_dateline() -> None:
    assert one("وقعت الحادثة في 14 يوليو بعد بلاغ من السكان.", "2015-07-25") == ("14 يوليو", "DATE", "2015-07-14")
    assert one("وقعت الحادثة في 20 أكتوبر قرب الحدود.", "2016-07-03") == ("20 أكتوبر", "DATE", "2015-10-20")


def test_day_month_shortly_after_dateline_is_this_year() -> None:
    assert one("تنعقد القمة في نواكشوط 25 جويلية تحت شعار الأمل.", "2016-07-03") == ("25 جويلية", "DATE", "2016-07-25")


def test_month_pair_in_parentheses_and_slash() -> None:
    assert one("وقع التفجير في 26 يونيو (حزيران) الماضي وأدى إلى مقتل العشرات.") == (
        "26 يونيو (حزيران) الماضي",
        "DATE",
        "2015-06-26",
    )
    assert one("في إبريل/نيسان، أعلنت الحكومة خطتها.", "2025-10-24") == ("إبريل/نيسان", "DATE", "2025-04")


def test_levantine_and_maghrebi_months() -> None:
    assert one("وفي كانون الثاني أعلنت الوزارة النتائج.", "2015-07-31") == ("كانون الثاني", "DATE", "2015-01")
    assert one("اعتذر المغرب في فيفري عن استضافة القمة.", "2016-07-03") == ("فيفري", "DATE", "2016-02")
    assert one("ألغيت الدورة في أفريل الماضي بمدينة مراكش.", "2016-07-03") == ("أفريل الماضي", "DATE", "2016-04")


def test_month_after_conjunction_drops_clitics() -> None:
    assert one("وفي يناير، قالت الحكومة إنها ستراجع الخطة.", "2025-10-24") == ("يناير", "DATE", "2025-01")


def test_month_without_year_is_latest_not_after_dateline() -> None:
    assert one("تراجع الإنتاج في نوفمبر بشكل حاد.", "2015-07-31") == ("نوفمبر", "DATE", "2014-11")
    assert one("تعرض السفير للطعن في مارس الماضي.", "2015-07-25") == ("مارس الماضي", "DATE", "2015-03")
    assert one("تعرض السفير للطعن في مارس الماضي.", "2015-03-20") == ("مارس الماضي", "DATE", "2014-03")


def test_month_next_modifier() -> None:
    assert one("تبدأ الدراسة في سبتمبر المقبل.", "2015-07-31") == ("سبتمبر المقبل", "DATE", "2015-09")


def test_ambiguous_month_names_need_context() -> None:
    assert times("مارس الوزير ضغوطا كبيرة على النواب.") == []
    assert times("التقت رئيسة الوزراء تيريزا ماي نظيرها الفرنسي.") == []
    assert times("زار الأب ابنه في المستشفى ثم عاد اب آخر.") == []
    assert one("وصل الوفد في مارس إلى العاصمة.") == ("مارس", "DATE", "2015-03")


def test_period_word_is_part_of_the_span() -> None:
    assert one("تواصل القتال منذ أواخر مارس الماضي.") == ("أواخر مارس الماضي", "DATE", "2015-03")


def test_ordinal_day_of_month() -> None:
    assert one("سيطر التنظيم على المدينة في العاشر من حزيران/يونيو من عام 2014.") == (
        "العاشر من حزيران/يونيو من عام 2014",
        "DATE",
        "2014-06-10",
    )


def test_numeric_dates_both_orders() -> None:
    assert one("تنتهي المهلة في 21/10/2015 حسب البيان.") == ("21/10/2015", "DATE", "2015-10-21")
    assert one("صدر القرار بتاريخ 2015-10-21 عن الوزارة.") == ("2015-10-21", "DATE", "2015-10-21")
    assert one("تنتهي المهلة في 21-10-2015 حسب البيان.") == ("21-10-2015", "DATE", "2015-10-21")


def test_hijri_numeric_with_weekday_converted() -> None:
    assert one("ويستمر التقديم حتى يوم الخميس 21/10/1436 هـ أو اكتمال العدد.") == (
        "يوم الخميس 21/10/1436 هـ",
        "DATE",
        "2015-08-06",
    )


def test_hijri_month_name_with_year() -> None:
    assert one("صدر الأمر في 15 شوال 1436هـ بعد موافقة المجلس.") == ("15 شوال 1436هـ", "DATE", "2015-07-31")


def test_hijri_month_name_needs_a_day() -> None:
    assert times("استقبل رمضان عبد الله ضيوفه في المنزل.") == []


def test_bare_year_in_birth_parentheses() -> None:
    assert times("وهم: خالد سالم (مواليد 1986)، وسعد ناصر (مواليد 1990).") == [
        ("1986", "DATE", "1986"),
        ("1990", "DATE", "1990"),
    ]


def test_numbers_that_are_not_years() -> None:
    assert times("طالب بتنفيذ القرار الأممي رقم 2216 والمادة 92 من الدستور.") == []
    assert times("سيتم إرسال 5 آلاف عنصر وحوالي 2000 جندي إلى المنطقة.") == []
    assert times("انتهت ترتيبات القمة العربية في دورتها الـ 27 بنجاح.") == []


def test_two_years_joined_by_and() -> None:
    assert times("أعيد انتخابه في عامي 2006 و2008 دون منافس.") == [
        ("عامي 2006", "DATE", "2006"),
        ("2008", "DATE", "2008"),
    ]


def test_quarter_of_year() -> None:
    assert one("ارتفعت الأرباح في الربع الأول من العام الجاري.") == ("الربع الأول من العام الجاري", "DATE", "2015-Q1")


def test_decade_and_century() -> None:
    assert one("بدأت الأزمة في الثمانينيات من القرن الماضي.") == ("الثمانينيات من القرن الماضي", "DATE", "198")
    assert one("كانت المدينة مزدهرة في القرن الماضي.") == ("القرن الماضي", "DATE", "19")


def test_new_year_holiday() -> None:
    assert one("يقضي عطلته في جزر الباهاما في رأس السنة كل مرة.", "2017-01-18") == ("رأس السنة", "DATE", "2017-01-01")


def test_dates_in_names_are_not_times() -> None:
    assert times("افتتح محل جديد في شارع 26 يوليو بالقاهرة.") == []


def test_year_carried_back_over_a_range() -> None:
    assert times("ينظم المنتدى من 11 مارس إلى 13 مارس 2017 بتونس.", "2017-06-01") == [
        ("11 مارس", "DATE", "2017-03-11"),
        ("13 مارس 2017", "DATE", "2017-03-13"),
    ]


def test_day_range_gives_one_date_per_day() -> None:
    assert times("اجتمع المجلس يومي 17 و18 رمضان الماضي.", "2015-08-09") == [
        ("يومي 17", "DATE", "2015-07-04"),
        ("18 رمضان الماضي", "DATE", "2015-07-05"),
    ]


def test_run_of_days_shares_the_month() -> None:
    assert times("ينفذ الأعوان إضرابا أيام 28 و29 و30 أفريل الجاري.", "2014-04-24") == [
        ("28", "DATE", "2014-04-28"),
        ("29", "DATE", "2014-04-29"),
        ("30 أفريل الجاري", "DATE", "2014-04-30"),
    ]


def test_percent_before_year_is_not_a_length() -> None:
    assert one("تراجع النمو إلى 1.9 بالمائة سنة 2015 بسبب الهجمات.") == ("سنة 2015", "DATE", "2015")


def test_month_of_last_year() -> None:
    assert one("سافرن إلى الخارج في مارس (آذار) من العام الماضي.") == ("مارس (آذار) من العام الماضي", "DATE", "2014-03")


def test_season_with_year_and_this_season() -> None:
    assert one("أطلقت الحملة في صيف 2014 بالعاصمة.") == ("صيف 2014", "DATE", "2014-SU")
    assert one("انضم اللاعب إلى الفريق هذا الصيف قادما من ناديه.") == ("هذا الصيف", "DATE", "2015-SU")


def test_bare_year_after_since_and_in() -> None:
    assert one("يلعب في صفوف الفريق منذ 2011 دون انقطاع.") == ("2011", "DATE", "2011")
    assert times("تضاعف عدد المهاجرين بين 2014 و2015 تقريبا.") == [("2014", "DATE", "2014"), ("2015", "DATE", "2015")]


# --- days relative to the dateline ------------------------------------------------------------


def test_today_yesterday_tomorrow() -> None:
    assert times("قال الوزير أمس إن الجلسة غدا ستناقش ما أعلن اليوم.") == [
        ("أمس", "DATE", "2015-07-30"),
        ("غدا", "DATE", "2015-08-01"),
        ("اليوم", "DATE", "2015-07-31"),
    ]


def test_day_before_yesterday() -> None:
    assert one("داهمت الشرطة المنزل أول من أمس بعد بلاغ.") == ("أول من أمس", "DATE", "2015-07-29")


def test_yesterday_glossed_with_weekday() -> None:
    assert one("أعلنت الشرطة امس الجمعة انها اعتقلت رجلا.", "2015-07-25") == ("امس الجمعة", "DATE", "2015-07-24")


def test_today_glossed_moves_today() -> None:
    # The dateline says Friday, the article says today is Thursday: "أمس" is then Wednesday.
    assert times("تواجه الحكومة اليوم (الخميس) جلسة حاسمة. وقال الوزير أمس إن الحل قريب.", "2015-07-24") == [
        ("اليوم (الخميس)", "DATE", "2015-07-23"),
        ("أمس", "DATE", "2015-07-22"),
    ]


def test_glossed_yesterday_follows_its_weekday() -> None:
    # A dateline a day late: "أمس الثلاثاء" on a Tuesday is that Tuesday, not a week before.
    assert one("انتشر أمس الثلاثاء مقطع فيديو لرجل ضرير.", "2016-06-07") == ("أمس الثلاثاء", "DATE", "2016-06-07")


def test_last_night() -> None:
    assert one("داهمت الشرطة المحلات خلال الليلة الماضية.") == ("الليلة الماضية", "TIME", "2015-07-30TNI")


def test_today_as_a_name_or_superlative_is_not_a_time() -> None:
    assert times("احتفلت المدارس باليوم الوطني للمملكة.") == []
    assert times("الأسر في أمس الحاجة إلى الدعم.") == []


def test_weekday_alone_is_latest_not_after_dateline() -> None:
    assert one("قطعت الدول العلاقات مع قطر، يوم الاثنين، وأغلقت أجواءها.", "2017-06-07") == (
        "يوم الاثنين",
        "DATE",
        "2017-06-05",
    )


def test_weekday_next_modifier_and_future_clause() -> None:
    assert one("يجتمع المجلس الثلاثاء المقبل في بروكسل.", "2015-07-26") == ("الثلاثاء المقبل", "DATE", "2015-07-28")
    assert one("ستعقد القمة يوم الخميس في العاصمة.", "2015-07-29") == ("يوم الخميس", "DATE", "2015-07-30")


def test_especially_is_not_a_future_verb() -> None:
    found = one("تضرر السكان ولا سيما النساء يوم الخميس.", "2015-07-29")
    assert found == ("يوم الخميس", "DATE", "2015-07-23")


def test_weekday_in_name_of_prayer_is_not_a_date() -> None:
    assert times("أدى المصلون صلاة الجمعة في المسجد الكبير.") == []


def test_parts_of_day() -> None:
    assert one("صادق المجلس مساء الخميس على القانون.", "2017-01-21") == ("مساء الخميس", "TIME", "2017-01-19TEV")
    assert one("اندلعت المواجهات صباح اليوم قرب المسجد.") == ("صباح اليوم", "TIME", "2015-07-31TMO")


def test_clock_times() -> None:
    assert one("يبدأ الحفل الساعة 10 صباحا في القاعة.") == ("الساعة 10 صباحا", "TIME", "2015-07-31T10:00")
    assert one("انطلقت المباراة في الساعة الثامنة مساء.") == ("الساعة الثامنة مساء", "TIME", "2015-07-31T20:00")


def test_clock_joins_the_day_around_it() -> None:
    assert one("يعقد الاجتماع يوم الخميس الساعة العاشرة صباحا.", "2015-07-29") == (
        "يوم الخميس الساعة العاشرة صباحا",
        "TIME",
        "2015-07-23T10:00",
    )
    assert one("باشرت الشرطة عند الساعة التاسعة من صباح أمس التحقيق.") == (
        "الساعة التاسعة من صباح أمس",
        "TIME",
        "2015-07-30T09:00",
    )


# --- units counted from the dateline ----------------------------------------------------------


def test_ago_with_number_word_and_qualifier() -> None:
    assert one("اختفى الرجل قبل ثلاثة أيام في ظروف غامضة.") == ("قبل ثلاثة أيام", "DATE", "2015-07-28")
    assert one("انضمت للجامعة قبل أكثر من 40 عامًا.", "2016-07-03") == ("قبل أكثر من 40 عامًا", "DATE", "1976")


def test_ago_before_an_event_is_a_length() -> None:
    assert one("وصلوا قبل ثلاثة أيام من الانتخابات.") == ("ثلاثة أيام", "DURATION", "P3D")


def test_last_next_this_units() -> None:
    assert one("ألغى رحلة الأسبوع الماضي إلى دافوس.", "2017-01-18") == ("الأسبوع الماضي", "DATE", "2017-W02")
    assert one("يزور الوفد المدينة الأسبوع المقبل.", "2017-01-18") == ("الأسبوع المقبل", "DATE", "2017-W04")
    assert one("وقع الهجوم الشهر الماضي في المسجد.") == ("الشهر الماضي", "DATE", "2015-06")
    assert one("حصلت على الجائزة العام الماضي.") == ("العام الماضي", "DATE", "2014")
    assert one("يتوقع النمو هذا العام بنسبة ثلاثة في المئة.") == ("هذا العام", "DATE", "2015")
    assert one("ارتفعت الأسعار خلال الشهر الجاري.") == ("الشهر الجاري", "DATE", "2015-07")


def test_day_of_last_month() -> None:
    assert one("شهدت الكويت في 26 من الشهر الماضي هجوما انتحاريا.") == ("26 من الشهر الماضي", "DATE", "2015-06-26")


def test_earlier_this_month() -> None:
    assert one("في وقت سابق من هذا الشهر، زعمت الحكومة ذلك.", "2025-10-24") == (
        "وقت سابق من هذا الشهر",
        "DATE",
        "2025-10",
    )


def test_general_is_not_year() -> None:
    assert times("قال الأمين العام للأمم المتحدة إن الرأي العام يطالب بالحل.") == []


# --- anaphora -----------------------------------------------------------------------------------


def test_after_a_month_counts_from_the_last_date() -> None:
    assert times("في أكتوبر 2024، نشرت قوات. وبعد شهر واحد، صدق البرلمان على الاتفاقية.", "2025-10-24") == [
        ("أكتوبر 2024", "DATE", "2024-10"),
        ("بعد شهر واحد", "DATE", "2024-11"),
    ]


def test_after_years_without_anchor_is_a_length() -> None:
    assert one("عاد الرجل إلى بلاده بعد 8 سنوات قضاها في السجن.") == ("8 سنوات", "DURATION", "P8Y")


def test_at_that_time_takes_the_last_date() -> None:
    text = "في إبريل/نيسان، أكدت الحكومة الخبر. وقال الوزير في ذلك الوقت إن الجنود عادوا."
    assert times(text, "2025-10-24") == [("إبريل/نيسان", "DATE", "2025-04"), ("ذلك الوقت", "DATE", "2025-04")]


def test_same_week_falls_back_to_coarser_antecedent() -> None:
    found = times("في وقت سابق من هذا الشهر، أعلن الجيش النتائج. وفي الأسبوع نفسه، قال الوزير ذلك.", "2025-10-24")
    assert found[-1] == ("الأسبوع نفسه", "DATE", "2025-10")


def test_next_day_counts_from_the_last_day() -> None:
    assert times("وصل الوفد يوم 3 مارس 2015 وفي اليوم التالي التقى الرئيس.") == [
        ("يوم 3 مارس 2015", "DATE", "2015-03-03"),
        ("اليوم التالي", "DATE", "2015-03-04"),
    ]


def test_same_day_written_before_the_noun() -> None:
    assert times("افتتح المهرجان يوم 3 مارس 2015 وانتهى في نفس اليوم مساء.")[-1] == ("نفس اليوم", "DATE", "2015-03-03")


def test_same_time_is_present_and_while_is_not_a_time() -> None:
    assert one("مبينا في الوقت نفسه أن المهندسين ملزمون بالتسجيل.") == ("الوقت نفسه", "DATE", "PRESENT_REF")
    assert times("في الوقت الذي يحتفل فيه الجيش بالذكرى.") == []


def test_today_inside_a_quote_is_the_day_it_was_said() -> None:
    text = 'تحدث الزعيم في الحفل يوم الخميس. وقال: "اليوم نقيم حفل وضع حجر الأساس".'
    assert times(text, "2025-10-24", quoted=True) == [
        ("يوم الخميس", "DATE", "2025-10-23"),
        ("اليوم", "DATE", "2025-10-23"),
    ]


# --- lengths ------------------------------------------------------------------------------------


def test_since_keeps_the_word_for_lengths() -> None:
    assert one("لم تتحسن الأوضاع منذ عامين.") == ("منذ عامين", "DURATION", "P2Y")
    assert one("تراجعت المشاركة منذ أشهر في المنطقة.") == ("منذ أشهر", "DURATION", "PXM")
    assert one("هذا أسوأ خلاف بين الدول منذ عقود.") == ("منذ عقود", "DURATION", "PXDE")
    assert one("تعرفه العائلة منذ فترة طويلة جدا.") == ("منذ فترة طويلة", "DURATION", "PXX")


def test_vague_plural_lengths() -> None:
    assert one("تحسن الأداء خلال السنوات الماضية بشكل ملحوظ.") == ("السنوات الماضية", "DURATION", "PXY")
    assert one("انتشرت الظاهرة في السنوات الأخيرة بشكل لافت.") == ("السنوات الأخيرة", "DURATION", "PXY")
    assert one("تناقش اللجنة الملف خلال الأسابيع المقبلة.") == ("الأسابيع المقبلة", "DURATION", "PXW")
    assert one("اعتقل العشرات خلال الأيام الثلاثة الماضية.") == ("الأيام الثلاثة الماضية", "DURATION", "P3D")


def test_counted_lengths_and_duals() -> None:
    assert one("استمرت المعارك أربعة أشهر متواصلة.") == ("أربعة أشهر", "DURATION", "P4M")
    assert one("بقي في المستشفى يومين فقط.") == ("يومين", "DURATION", "P2D")
    assert one("استغرقت العملية ساعتين تقريبا.") == ("ساعتين", "DURATION", "PT2H")
    assert one("تمدد حالة الطوارئ لمدة شهرين.") == ("شهرين", "DURATION", "P2M")
    # A half stays a fraction of the unit named, as the gold writes it ("عامين ونصف" P2.5Y).
    assert one("سجن ثلاث سنوات ونصف بتهمة الاحتيال.") == ("ثلاث سنوات ونصف", "DURATION", "P3.5Y")


def test_counts_and_contracts_are_not_lengths() -> None:
    assert times("بمعدل 100 ألف ساعة تدريبية للمشاركين.") == []
    assert times("لكل عقد لمشروع إنشائي شروط خاصة.") == []
    assert times("وقعت الشركة عقدين مع الوزارة.") == []


def test_ages() -> None:
    assert one("اعتقلت الشرطة رجلا (33 عامًا) هدد السفير.") == ("33 عامًا", "DURATION", "P33Y")
    assert one("ألا يقل عمر المتقدم عن (35) سنة.") == ("(35) سنة", "DURATION", "P35Y")


def test_single_unit_needs_a_length_context() -> None:
    assert one("احتفل الجيش بمرور عام على انتشار قواته.") == ("عام", "DURATION", "P1Y")
    assert times("وقال عام على الأقل ثلاثة.") == []
    assert times("يتحسن الوضع يوما بعد يوم في المدينة.") == []


# --- vague references and sets ---------------------------------------------------------------


def test_vague_references() -> None:
    assert one("وتقوم الهيئة حالياً بتدقيق الشهادات.") == ("حالياً", "DATE", "PRESENT_REF")
    assert one("لم يتغير شيء حتى الآن في المدينة.") == ("الآن", "DATE", "PRESENT_REF")
    assert one("كانت الأوضاع أفضل في الماضي القريب.") == ("الماضي", "DATE", "PAST_REF")
    assert one("كشف الرئيس مؤخرا أنه سافر إلى هناك.") == ("مؤخرا", "DATE", "PAST_REF")
    assert one("وجهت الوزارة في وقت سابق بربط الإصدار.") == ("وقت سابق", "DATE", "PAST_REF")
    assert one("سيضطرون لاحقاً إلى مراجعة الهيئة.") == ("لاحقاً", "DATE", "FUTURE_REF")
    assert one("سيصدر القرار قريبا حسب المصادر.") == ("قريبا", "DATE", "FUTURE_REF")


def test_vague_lookalikes() -> None:
    assert times("كان الفريق قريبا من الهبوط للدرجة الثانية.") == []
    assert times("وأخيرا شددت الهيئة على ضرورة التواصل.") == []
    assert one("وعبد العزيز جباري (جرى تعيينه أخيرًا) حضر الاجتماع.") == ("أخيرًا", "DATE", "PAST_REF")


def test_sets() -> None:
    assert one("جاءت التصريحات خلال المؤتمر السنوي للمعهد.") == ("السنوي", "SET", "P1Y")
    assert one("ينتج الحقل 20 ألف برميل يوميا من النفط.") == ("يوميا", "SET", "P1D")
    assert one("يعقد المجلس اجتماعا أسبوعيا للمتابعة.") == ("أسبوعيا", "SET", "P1W")
    assert one("يتقاضى الموظف ألف ريال شهريا كحد أدنى.") == ("شهريا", "SET", "P1M")
    # A season alone is a season of no year.
    assert times("يقام المهرجان كل عام في الصيف.") == [("كل عام", "SET", "P1Y"), ("الصيف", "DATE", "XXXX-SU")]


def test_family_name_is_not_a_set() -> None:
    assert times("سجل اللاعب يحيى الشهري هدف الفوز.") == []
    assert one("صدر التقرير الشهري للأسواق.") == ("الشهري", "SET", "P1M")


# --- no dateline --------------------------------------------------------------------------------


def test_without_dateline_values_stay_underspecified() -> None:
    assert one("وصل الوفد في أبريل إلى العاصمة.", None) == ("أبريل", "DATE", "XXXX-04")
    assert one("قال الوزير أمس إن الحل قريب المنال.", None) == ("أمس", "DATE", "XXXX-XX-XX")
    assert one("قال الوزير يوم الخميس إن الحل قريب المنال.", None) == ("يوم الخميس", "DATE", "XXXX-WXX-4")
    assert one("وقع الهجوم الشهر الماضي في المسجد.", None) == ("الشهر الماضي", "DATE", "XXXX-XX")


def test_datetime_dateline_accepted() -> None:
    nt = normalize("قال الوزير أمس إن الحل قريب.")
    found = extract_times(nt.norm, dt.datetime(2015, 7, 31, 10, 30))
    assert found == [TimeMatch(11, 14, "DATE", "2015-07-30")]


# --- invariants ---------------------------------------------------------------------------------

_PIECES = [
    "في",
    "يوم",
    "الخميس",
    "أمس",
    "اليوم",
    "غدا",
    "مارس",
    "ماي",
    "2015",
    "عام",
    "العام",
    "الماضي",
    "المقبل",
    "قبل",
    "بعد",
    "منذ",
    "ثلاثة",
    "أيام",
    "شهر",
    "واحد",
    "(",
    ")",
    "،",
    "الساعة",
    "10",
    "صباحا",
    "مساء",
    "/",
    "21/10/1436",
    "هـ",
    "رأس",
    "السنة",
    "كل",
    "عامين",
    "الأسبوع",
    "نفسه",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14), st.sampled_from(["2015-07-31", None]))
def test_results_sorted_disjoint_and_inside_text(words: list[str], published: str | None) -> None:
    norm = normalize(" ".join(words)).norm
    found = extract_times(norm, _date(published))
    for t in found:
        assert 0 <= t.start < t.end <= len(norm)
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        assert t.value
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start


@pytest.mark.parametrize("text", ["", "\n\n", "لا شيء هنا يخص الزمن"])
def test_empty_or_timeless_text(text: str) -> None:
    assert extract_times(normalize(text).norm, dt.date(2015, 7, 31)) == []


# --- vague periods, seasons, clock times, eves, holidays ahead, fractions -------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("شهدت البلاد خلال السنوات القليلة الماضية تحولات كبيرة.", ("السنوات القليلة الماضية", "DURATION", "PXY")),
        ("غاب اللاعب لأشهر عن الملاعب بسبب الإصابة.", ("أشهر", "DURATION", "PXM")),
        ("ينتظر أن يصل الوفد خلال أيام إلى العاصمة.", ("أيام", "DURATION", "PXD")),
        ("ينتظر أن تشهد الساعات المقبلة تطورات مهمة.", ("الساعات المقبلة", "DURATION", "PXH")),
        ("استمر الحصار عامين ونصف قبل أن ينتهي.", ("عامين ونصف", "DURATION", "P2.5Y")),
        ("منذ ربع قرن تغير وجه المدينة.", ("منذ ربع قرن", "DURATION", "P25Y")),
    ],
)
def test_vague_and_fractional_lengths(text: str, found: Found) -> None:
    assert one(text, "2017-01-02") == found


def test_seasons_alone_have_no_year() -> None:
    assert one("يزور السياح الواحة في الربيع.") == ("الربيع", "DATE", "XXXX-SP")
    assert one("تنخفض الحرارة كثيرا في فصل الشتاء.") == ("فصل الشتاء", "DATE", "XXXX-WI")
    assert times("انطلقت احتجاجات الربيع العربي من تونس.") == []
    assert times("يسكن العامل في حي الربيع.") == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("وصل الوفد في السابعة مساء إلى المطار.", ("السابعة مساء", "TIME", "2017-01-02T19:00")),
        ("وقع الانفجار عند منتصف الليل في السوق.", ("منتصف الليل", "TIME", "2017-01-02T24:00")),
        ("أقلعت الطائرة عند 1:30 ت غ من المطار.", ("1:30 ت غ", "TIME", "2017-01-02T01:30")),
        ("خرج المتظاهرون بعد ظهر الأحد إلى الشوارع.", ("بعد ظهر الأحد", "TIME", "2017-01-01TAF")),
        ("وقعت المشاجرة ليل السبت الأحد قرب المطعم.", ("ليل السبت الأحد", "TIME", "2016-12-31TNI")),
    ],
)
def test_clock_times_and_parts_of_day(text: str, found: Found) -> None:
    assert one(text, "2017-01-02") == found


def test_the_day_after_a_known_day() -> None:
    assert times("وقع الحادث يوم السبت. وفي غداة الحادث خرج المتظاهرون.", "2017-01-02") == [
        ("يوم السبت", "DATE", "2016-12-31"),
        ("غداة", "DATE", "2017-01-01"),
    ]
    assert times("وقع الحادث يوم السبت. وبعد يوم واحد خرج المتظاهرون.", "2017-01-02")[-1] == (
        "بعد يوم واحد",
        "DATE",
        "2017-01-01",
    )
    assert times("تواجه الحكومة عزلة عشية تصريحات الرئيس.", "2017-01-02") == []  # no day to count from


def test_new_year_ahead_in_late_december_and_its_eve() -> None:
    assert one("يستعد السكان للاحتفال برأس السنة في الساحة.", "2016-12-28") == ("رأس السنة", "DATE", "2017-01-01")
    assert one("قتل شاب ليلة رأس السنة في شجار.", "2017-01-02") == ("ليلة رأس السنة", "TIME", "2016-12-31TNI")


def test_counted_from_now_and_half_a_century_ago() -> None:
    assert one("سيعلن القرار بعد شهر من الآن.", "2015-08-09") == ("بعد شهر من الآن", "DATE", "2015-09")
    assert one("قبل نصف قرن كانت المدينة قرية صغيرة.", "2017-01-02") == ("قبل نصف قرن", "DATE", "1967")


def test_parts_of_a_hijri_month_fall_in_gregorian_months() -> None:
    assert one("أعيد إدراج الحالات قبل نهاية رمضان.", "2015-07-22") == ("نهاية رمضان", "DATE", "2015-07")
    assert one("أسقطت الحالات مطلع رمضان.", "2015-07-22") == ("مطلع رمضان", "DATE", "2015-06")


def test_later_takes_the_tense() -> None:
    assert one("وقدم أحدهما فيما بعد عريضة مصالحة.") == ("فيما بعد", "DATE", "PAST_REF")
    assert one("وسيعلن القرار فيما بعد.") == ("فيما بعد", "DATE", "FUTURE_REF")
    assert one("سيتم إصلاح الطريق في أقرب وقت ممكن.") == ("أقرب وقت ممكن", "DATE", "FUTURE_REF")
