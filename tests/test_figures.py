"""Figure frames, one part at a time, on sentences of their own: what is counted (predicate and
group, in coordinated lists too), running totals, when a figure was said, who gives it, and
which words are not predicates at all."""

from __future__ import annotations

import pytest

from rawi.api import extract_article
from rawi.figures.frames import FigureFrame, figure_frames
from rawi.model import Article


def frames(text: str, published: str | None = "2025-08-03", outlet: str | None = "وكالة أ") -> list[FigureFrame]:
    art = Article("t", text, published, source=outlet)
    return figure_frames(extract_article(art), outlet, "t")


def measures(text: str) -> list[tuple[str, str]]:
    return [(f.text, f.measure) for f in frames(text)]


# -- what is counted ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # A list of the killed and the wounded: each figure takes the predicate that governs it, and
        # the killed listed by group are parts of the toll, not the toll.
        (
            "أسفر الهجوم عن مقتل خمسة من رجال الشرطة إضافة إلى اثنين من المدنيين وإصابة سبعة آخرين.",
            [("خمسة", "killed/security/part"), ("اثنين", "killed/person/part"), ("سبعة", "wounded/person")],
        ),
        (
            "ومن المتهمين سبعة كويتيين وخمسة سعوديين و13 شخصا من البدون.",
            [("سبعة", "charged/nat:KW/part"), ("خمسة", "charged/nat:SA/part"), ("13", "charged/person/part")],
        ),
        ("لقي أربعة أشخاص مصرعهم وأصيب ثلاثة في الحادث.", [("أربعة", "killed/person"), ("ثلاثة", "wounded/person")]),
        # Subject before its verb, and a verb that opens the next figure.
        (
            "قال المسؤول إن نحو 260 مقاتلا كرديا قتلوا ومئات جرحوا في الغارات.",
            [("نحو 260", "killed/fighter"), ("مئات", "wounded/fighter")],
        ),
        # The noun is the predicate; the ranks after it say whose.
        ("خلف الهجوم أكثر من خمسين قتيلا في صفوف القوات التركية.", [("أكثر من خمسين", "killed/security")]),
        # Ranks named after two counts joined by a bare "و" are both counts' ranks; after a
        # count joined otherwise, only that count's.
        (
            "وقال المصدر إن الحصيلة باتت ثلاثة قتلى وأربعة جرحى في صفوف القوات المسلحة.",
            [("ثلاثة", "killed/security"), ("أربعة", "wounded/security")],
        ),
        (
            "أسفر الهجوم عن 12 قتيلا و30 جريحا من المدنيين.",
            [("12", "killed/person"), ("30", "wounded/person")],
        ),
        (
            "أسفر الهجوم عن جريحين بالإضافة إلى قتيلين في صفوف المسلحين.",
            [("جريحين", "wounded/person"), ("قتيلين", "killed/fighter")],
        ),
        # "آخرين" followed by a body counts that body, not the group of the figure before it.
        (
            "أعلن مقتل أربعة أشخاص، وإصابة ثمانية آخرين من رجال الأمن نتيجة القذائف.",
            [("أربعة", "killed/person"), ("ثمانية", "wounded/security")],
        ),
        # Fighters of a body named in the construct ("مسلحي المقاومة"), and those joined to them.
        (
            "وقال المصدر إنه قتل 9 من مسلحي المقاومة وأصيب 15 آخرون في المعارك.",
            [("9", "killed/fighter"), ("15", "wounded/fighter")],
        ),
        # Members tied to their body by "تنتمي ل" or "تابعة ل" ("للجيش" is ل + "الجيش").
        (
            "أسفر القصف عن مقتل ثلاثة عناصر تنتمي لتنظيم أنصار بيت المقدس.",
            [("ثلاثة", "killed/fighter")],
        ),
        ("قتل خمسة عناصر تابعة للجيش في الهجوم.", [("خمسة", "killed/security")]),
        # "من بين" before a noun: some of a larger set; before a figure, that figure is the whole.
        ("وقالت الهيئة إن 21 مصابا من بين ضحايا الهجوم في حالة حرجة.", [("21", "wounded/person/part")]),
        ("يمثل 33 شخصا من بين 51 متهما أمام المحكمة.", [("33", "tried/person/part"), ("51", "charged/person")]),
        # A part of the figure before it keeps its predicate and has its own group.
        ("قتل 38 سائحا بينهم ثلاثون بريطانيا في الهجوم.", [("38", "killed/person"), ("ثلاثون", "killed/nat:GB/part")]),
        # States after the figures: detained, at liberty, fugitive.
        (
            "تتعلق القضية بـ 51 متهما منهم 17 في حالة إيقاف و27 في حالة سراح و7 في حالة فرار.",
            [
                ("51", "charged/person"),
                ("17", "detained/person/part"),
                ("27", "released/person/part"),
                ("7", "fugitive/person/part"),
            ],
        ),
        # A strong predicate before the noun wins over the noun; a weak one does not.
        ("قررت المحكمة إخلاء سبيل 11 متهما.", [("11", "released/person")]),
        ("بدأت محاكمة 29 متهما في القضية.", [("29", "charged/person")]),
        # Verb, subject, object.
        ("اعتقلت الشرطة 12 شخصا في المدينة.", [("12", "arrested/person")]),
        # The number of the dead rose to...
        ("ارتفع عدد القتلى في صفوف قوات الأمن إلى 60 على الأقل.", [("60 على الأقل", "killed/security")]),
        # "منهم" takes the people counted before it, past the attacks between; what follows it is
        # how they died, not who they were.
        (
            "قتل 23 شخصا في هجومين، 17 منهم بسقوط مروحية عسكرية.",
            [("23", "killed/person"), ("هجومين", ""), ("17", "killed/person/part")],
        ),
        # A part takes its whole's predicate, not the verb of the next clause; "others" with a
        # predicate of their own, other than the whole's, are counted beside the toll, not as more
        # of the part; with the whole's predicate they go on breaking it down.
        (
            "استشهد 15 شخصا من بينهم 3 عاملين بالموقع فيما أصيب 7 آخرون.",
            [("15", "killed/person"), ("3", "killed/person/part"), ("7", "wounded/person")],
        ),
        (
            "والقبض على خمسة أشخاص؛ اثنان منهم جرى إيقافهما بعد مطاردتهما، فيما تم القبض على ثلاثة آخرين.",
            [("خمسة", "arrested/person"), ("اثنان", "arrested/person/part"), ("ثلاثة", "arrested/person/part")],
        ),
    ],
)
def test_predicate_and_group(text: str, want: list[tuple[str, str]]) -> None:
    assert measures(text) == want


def test_value_words_are_not_a_measure() -> None:
    """ "بقيمة" (worth) and "قيّم" (rated) say nothing happened to the money: never compared;
    "كلف" (cost) does."""
    for text in (
        "وقعت الشركة صفقة بقيمة 5 ملايين دولار.",
        "قيّم الخبراء الأضرار بنحو 5 ملايين دولار.",
        "وبلغت قيمتها 5 ملايين دولار.",
    ):
        (f,) = frames(text)
        assert f.measure == "" and not f.comparable, (text, f.measure)
    (cost,) = frames("وكلف المشروع 5 ملايين دولار.")
    assert cost.measure == "cost/money/دولار"


def test_things_and_shares_are_never_people() -> None:
    assert [f.measure for f in frames("ارتفعت الأسعار بنسبة 5 في المائة.")] == [""]
    assert measures("قال الناطق إن 20 منزلا دمرت في الفيضان.") == [("20", "destroyed/منزل")]


# -- running totals -------------------------------------------------------------------------------


def test_running_totals_and_their_start() -> None:
    (f,) = frames("وقتل 500 شخص منذ مارس في المدينة.", published="2025-08-03")
    assert f.running and f.as_of == ("2025-03-01", "2025-08-03") and f.as_of_basis == "running"
    (g,) = frames("أوقعت الغارات حتى الآن أكثر من 400 قتيل.")
    assert g.running and g.as_of == ("", "2025-08-03")
    (h,) = frames("أسفرت الغارات خلال أسبوع عن مقتل 260 عنصرا من حزب العمال.")
    assert h.running and h.as_of == ("2025-07-27", "2025-08-03") and h.measure == "killed/fighter"
    # A marker after the last of two joined figures covers both.
    two = frames("وقتل 17 جنديا وأصيب عشرات بجروح منذ أن بدأت الهجمات.")
    assert [x.running for x in two] == [True, True]
    (once,) = frames("وفي 26 يونيو قتل 38 سائحا في الهجوم.")
    assert not once.running and once.as_of == ("2025-06-26", "2025-06-26") and once.as_of_basis == "event"


def test_the_toll_of_the_event_a_span_started_from_is_recalled_not_running() -> None:
    """ "منذ الهجوم ... والذي خلف 22 قتيلا": the figure is that attack's toll, an earlier event's,
    not a total counted since; "منذ بدء الحرب التي اندلعت في مارس إلى 4000" is still a total."""
    (recalled,) = frames("تونس في حداد منذ الهجوم على متحف باردو والذي خلف 22 قتيلا.", published="2015-07-21")
    assert not recalled.running and recalled.as_of_basis == "earlier"
    (total,) = frames("ارتفع عدد القتلى منذ بدء الحرب التي اندلعت في مارس إلى 4000 قتيل.", published="2015-07-21")
    assert total.running and total.as_of_basis == "running"


def test_a_day_after_joined_figures_dates_them_all() -> None:
    """ "قتل 5 وأصيب 7 ... أمس": yesterday is both figures' day; a figure after a comma, in another
    clause, keeps its own ("قتل 3 في الموصل يوم الأحد، وأصيب 9 في بغداد أمس")."""
    killed, wounded = frames("قتل 5 أشخاص وأصيب 7 آخرون في انفجار عبوة ناسفة في بغداد أمس.")
    assert killed.as_of == wounded.as_of == ("2025-08-02", "2025-08-02")
    first, second = frames("قتل 3 أشخاص في الموصل، وأصيب 9 آخرون في بغداد أمس.")
    assert first.as_of is None and second.as_of == ("2025-08-02", "2025-08-02")


# -- when it was said -----------------------------------------------------------------------------


def test_said_on_is_the_reporting_clause_date_else_the_dateline() -> None:
    (f,) = frames("في سبتمبر/أيلول، قالت وكالة الاستخبارات إن حوالي 2000 جندي قتلوا.", published="2025-10-24")
    assert f.said_on == ("2025-09-01", "2025-09-30") and f.said_basis == "cue"
    (g,) = frames("أفاد شهود عيان أمس بمقتل ثمانية مدنيين.", published="2015-08-02")
    assert g.said_on == ("2015-08-01", "2015-08-01")
    (h,) = frames("وقالت الوزارة إن 40 شخصا أصيبوا.", published="2015-08-02T10:00:00")
    assert h.said_on == ("2015-08-02", "2015-08-02") and h.said_basis == "dateline"
    (n,) = frames("قالت الوزارة إن 40 شخصا أصيبوا.", published=None)
    assert n.said_on is None and not n.comparable


def test_a_date_of_another_clause_is_not_when_the_figure_was_said() -> None:
    """ "أعلنت السلطات أمس عن ستة قتلى، فيما تحدثت وسائل إعلام عن تسعة": yesterday is when the
    authorities spoke; the media's figure is said on the dateline."""
    six, nine = frames(
        "وأعلنت سلطات الإقليم أمس عن ستة قتلى، فيما تحدثت وسائل إعلام تركية عن مجزرة راح ضحيتها تسعة قتلى.",
        published="2015-08-03",
    )
    assert six.said_on == ("2015-08-02", "2015-08-02") and six.said_basis == "cue"
    assert nine.said_on == ("2015-08-03", "2015-08-03") and nine.said_basis == "dateline"


# -- who gives it ---------------------------------------------------------------------------------


def test_narration_named_and_anonymous_sources() -> None:
    (own,) = frames("قتل 15 شخصا في انفجار في بغداد.", outlet="صحيفة الرياض")
    assert (own.source_kind, own.source_name, own.source_key) == ("outlet", None, "outlet:صحيفه الرياض")
    (named,) = frames("وقالت وزارة الصحة العراقية إن 15 شخصا قتلوا.")
    assert named.source_kind == "named" and named.source_name == "وزارة الصحة العراقية"
    (anon,) = frames("وقالت مصادر أمنية إن 15 شخصا قتلوا.", outlet="وكالة أ")
    assert anon.source_kind == "anonymous" and anon.source_key.endswith("@وكاله ا")
    (relayed,) = frames("ونقلت وكالة رويترز عن مسؤول عراقي قوله إن 15 شخصا قتلوا.")
    assert relayed.relay == "وكالة رويترز"


def test_a_document_noun_is_not_the_source() -> None:
    (f,) = frames("قتل 27 شخصا حسب بيانات وزارة الصحة الكويتية.")
    assert f.source_key == "وزاره الصحه الكويتيه"


# -- the event -----------------------------------------------------------------------------------


def test_places_near_the_figure_not_its_noun() -> None:
    (f,) = frames("قتل 38 شخصا بينهم 30 بريطانيا في هجوم في مدينة سوسة.")[:1]
    assert "TN" in f.places and "GB" not in f.places


@pytest.mark.parametrize(
    ("text", "place", "not_place"),
    [
        # A city the text sets in another country's region is that region's namesake.
        ("قتل الجيش اثنين من المسلحين في رفح بشمال سيناء.", "north-sinai", "rafah"),
        ("قتل خمسة أشخاص في اشتباكات في طرابلس في شمال لبنان.", "LB", "capital-ly"),
        # Set in its own country, or only listed beside a region, it stays the gazetteer's city.
        ("قتل خمسة أشخاص في اشتباكات في طرابلس بليبيا.", "capital-ly", "LB"),
        ("قتل خمسة أشخاص في اشتباكات في رفح وسيناء.", "rafah", "north-sinai"),
    ],
)
def test_a_namesake_city_is_placed_where_the_text_sets_it(text: str, place: str, not_place: str) -> None:
    (f,) = frames(text)
    assert place in f.places and not_place not in f.places, f.places


def test_spans_point_at_the_figure() -> None:
    text = "قال المسؤول إن 15 شخصا قتلوا وأصيب 40 آخرون أمس في بغداد."
    for f in frames(text):
        assert text[f.start : f.end] == f.text
        assert text[f.context_start : f.context_end].count(f.text) >= 1


def test_a_subset_verb_further_back_and_where_it_stops() -> None:
    """A figure whose noun names what befell it takes a subset verb from further back, past
    commas ("evacuated ... 27 wounded": some of the wounded); not past "أن" (what follows is
    said, not done), and a subset verb that is the figure's own predicate picks nobody out."""
    (_, _, flown) = frames(
        "أجلت طائرتان عسكريتان مساء أمس (الجمعة)، عبر مطار الأحساء الإقليمي جثامين تسعة متوفين، و27 مصابا."
    )
    assert flown.text == "27" and flown.measure == "wounded/person/part"
    (said,) = frames("استقبل الرئيس الوفد وأكد أن 30 قتيلا سقطوا في الهجوم.")
    assert said.measure == "killed/person"
    (moved,) = frames("أجلت السلطات أكثر من 163 ألف شخص من المناطق الساحلية.")
    assert moved.measure == "evacuated/person"


def test_some_of_the_wounded_are_a_part_of_the_toll() -> None:
    """Those flown abroad are some of the wounded; a verb in another clause picks out nobody."""
    found = {f.text: f for f in frames("أسفر التفجير عن إصابة 30 شخصا، ونقلت طائرة الإخلاء 8 مصابين إلى الرياض.")}
    assert not found["30"].part and found["8"].part and found["8"].measure == "wounded/person/part"
    other = frames("نقل الجرحى إلى المستشفى، وقتل 5 أشخاص في الهجوم.")
    assert [(f.text, f.part) for f in other] == [("5", False)]
    # Those in intensive care are some of the wounded; "فيما" opens the clause of the dead.
    icu = frames("وأوضح أن 13 مصابا في العناية المركزة فيما توفي تسعة أشخاص.")
    assert [(f.text, f.part) for f in icu] == [("13", True), ("تسعة", False)]


def test_some_of_the_dead_named_by_their_noun_are_a_part() -> None:
    """ "تسعة من القتلى" are nine of the dead, not the toll; a verb that counts them ("اعتقلت 15 من
    المشتبه بهم") or a vague plural ("العشرات من الجرحى") gives the count itself."""
    assert [(f.text, f.part) for f in frames("وقال مدير المرصد إن تسعة من القتلى هم من المدنيين.")] == [("تسعة", True)]
    assert [(f.text, f.part) for f in frames("اعتقلت الشرطة 15 من المشتبه بهم.")] == [("15", False)]
    assert [(f.text, f.part) for f in frames("وأصيب العشرات من الجرحى في الهجوم.")] == [("العشرات", False)]


def test_more_beside_those_counted_before_are_a_part() -> None:
    """ "اعتقل ثلاثة أشخاص آخرين", first in its sentence, counts three more arrested beside some
    counted before, not the arrests; the sentenced "خمسة متهمين آخرين" are five beside the main
    accused. With the dead and the wounded, "آخرون" tells the wounded from the dead: the count."""
    arrested = frames("وتواصلت العمليات فجر الجمعة في مدينة منزل بورقيبة حيث اعتقل ثلاثة أشخاص آخرين.")
    assert [(f.text, f.measure) for f in arrested] == [("ثلاثة", "arrested/person/part")]
    charged = frames("وصدر حكم بالسجن عشر سنوات للمتهم الرئيسي، والحكم على خمسة متهمين آخرين بالسجن لمدد أخرى.")
    assert [(f.text, f.part) for f in charged] == [("خمسة", True)]
    assert [(f.text, f.part) for f in frames("اعتقلت الشرطة خمسة أشخاص وأفرجت عن ثلاثة آخرين.")] == [
        ("خمسة", False),
        ("ثلاثة", False),
    ]
    assert [(f.text, f.part) for f in frames("وأصيب 7 أشخاص آخرين في الحادث.")] == [("7", False)]


def test_a_verbal_noun_after_a_preposition_is_not_the_figures_verb() -> None:
    """ "ألف شخص اعتصموا احتجاجا على قتل العقيد": the killing is someone else's; "ستة أشخاص قتلوا" is theirs."""
    (sit_in,) = frames("نفذ أكثر من ألف شخص اعتصاما في المدينة احتجاجا على قتل العقيد.")
    assert not sit_in.comparable
    (killed,) = frames("وقالت الشرطة إن ستة أشخاص قتلوا في الغارات.")
    assert killed.measure == "killed/person" and killed.comparable


def test_the_dead_of_a_body_are_counted_by_that_body() -> None:
    """ "قتيلين من المهاجمين" are two attackers dead (fighters), "قتيلا من الجنود" soldiers; "قتيلا
    من المدنيين" and a dead count with no body after it stay persons."""
    assert [f.measure for f in frames("وأعلنت الحكومة مقتل مدني واحد و«قتيلين» من المهاجمين.")][-1:] == [
        "killed/fighter"
    ]
    assert [f.measure for f in frames("سقط 20 قتيلا من الجنود في الهجوم.")] == ["killed/security"]
    assert [f.measure for f in frames("سقط 20 قتيلا من المدنيين في الهجوم.")] == ["killed/person"]
    assert [f.measure for f in frames("سقط 20 قتيلا في الهجوم.")] == ["killed/person"]


def test_the_dead_and_the_wounded_counted_together_are_no_one_measure() -> None:
    """ "مقتل وإصابة 3440": one figure for two predicates is neither the toll nor the wounded."""
    for text in ("أعلنت البعثة مقتل وإصابة 3440 عراقيا خلال شهر يوليو.", "مصرع وإصابة 8 أشخاص في حادث انقلاب."):
        (frame,) = figure_frames(extract_article(Article("x", text, "2025-08-01"), lang="ar"))
        assert frame.measure == "", frame
