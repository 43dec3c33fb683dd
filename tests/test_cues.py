"""Reporting-cue lexicon: data integrity, the class-aware expander, lookup and phrases."""

from __future__ import annotations

import re

import pytest

from rawi.lexicon import load_tsv
from rawi.lexicon.cues import (
    STANCES,
    CueForm,
    _tagged,
    _verb_forms,
    cue_forms,
    is_cue,
    lemmas,
    lookup,
    phrases,
    without_ambiguous,
)
from rawi.text.normalize import fold


def analyses(token: str) -> tuple[CueForm, ...]:
    return lookup(fold(token))


def has(token: str, lemma: str, **fields: object) -> bool:
    """Some analysis of `token` has this lemma and these field values."""
    return any(f.lemma == fold(lemma) and all(getattr(f, k) == v for k, v in fields.items()) for f in analyses(token))


# ---------------------------------------------------------------- data


def test_at_least_150_lexemes() -> None:
    rows = load_tsv("reporting_verbs")
    assert len(rows) >= 150
    assert len(lemmas()) >= 150
    assert len({r["past"] for r in rows}) == len(rows)  # one row per lexeme


def test_every_stance_is_populated() -> None:
    rows = load_tsv("reporting_verbs")
    counts = {s: sum(r["stance"] == s for r in rows) for s in STANCES}
    assert all(n >= 3 for n in counts.values()), counts


def test_surface_forms_are_folded_and_clean() -> None:
    forms = cue_forms()
    assert len(forms) > 2000
    for surface in forms:
        assert surface == fold(surface)
        assert re.fullmatch("[\u0621-\u064a]+", surface), surface
        assert len(surface) >= 2


@pytest.mark.parametrize(
    "cue",
    [
        "وقال",
        "وأضاف",
        "مبينا",
        "وقالت",
        "أعلن",
        "وأوضح",
        "أكدت",
        "وكشف",
        "اعترفوا",
        "وأشار",
        "وأفاد",
        "وأبان",
        "وحذر",
        "وبين",
        "ذكر",
        "نافيا",
        "ويشتبه",
        "مشددًا",
        "مشيرًا",
        "وعبر",
        "مشيدًا",
        "وشدد",
        "أشاد",
        "وتقدر",
        "زعمت",
        "ونفى",
        "يقول",
        "طلبت",
        "متهمة",
        "وتنفي",
        "أبلغنا",
        "وتابع",
        "لافتًا",
        "وصف",
        "قائلا",
        "متعهدا",
    ],
)
def test_common_news_cues_are_known(cue: str) -> None:
    assert analyses(cue), cue


# ---------------------------------------------------------------- expander: analyses


def test_waqalat_is_qala_3fs_past() -> None:
    f = analyses("وقالت")[0]
    assert (f.lemma, f.stance, f.pos, f.tense, f.person, f.gender, f.number) == (
        "قال",
        "assert",
        "verb",
        "past",
        3,
        "f",
        "s",
    )
    assert not f.passive and not f.ambiguous


def test_present_plural() -> None:
    assert has("يقولون", "قال", tense="present", person=3, gender="m", number="p")
    assert has("تقول", "قال", tense="present", person=3, gender="f", number="s")
    assert has("نقول", "قال", tense="present", person=1, number="p")
    assert has("أقول", "قال", tense="present", person=1, number="s")


def test_hollow_short_stem() -> None:
    assert has("قلت", "قال", tense="past", person=1)
    assert not has("قلت", "قال", person=3)
    assert has("قالوا", "قال", number="p")
    assert has("أشرنا", "أشار", person=1, number="p")
    assert has("يضفن", "أضاف", gender="f", number="p")


def test_participles_feminine_and_plural() -> None:
    assert has("مؤكدة", "أكد", pos="participle", gender="f", number="s")
    assert has("مؤكداً", "أكد", pos="participle", gender="m", number="s")
    assert has("مؤكدين", "أكد", pos="participle", number="p")
    assert has("قائلة", "قال", pos="participle", gender="f")
    assert has("داعين", "دعا", pos="participle", number="p")
    assert has("نافين", "نفى", pos="participle", number="p")


def test_defective_past_and_present() -> None:
    assert has("دعت", "دعا", tense="past", person=3, gender="f")
    assert has("دعوا", "دعا", number="p") and has("دعوا", "دعا", number="d")
    assert has("دعوت", "دعا", person=1)
    assert has("نفوا", "نفى", tense="past", number="p")
    assert has("نفت", "نفى", gender="f", tense="past")
    assert has("ينفون", "نفى", tense="present", number="p")
    assert has("تنفي", "نفى", tense="present", gender="f")
    assert has("يرون", "رأى", tense="present", number="p")
    assert has("رأت", "رأى", tense="past", gender="f")
    assert has("أثنت", "أثنى", gender="f")


def test_doubled_split_stem() -> None:
    assert has("ردت", "رد", tense="past", person=3, gender="f")
    assert has("رددت", "رد", tense="past", person=1)
    assert has("أقررنا", "أقر", person=1, number="p")
    assert has("أصروا", "أصر", number="p")
    assert has("حثت", "حث", gender="f")


def test_praise_and_preps() -> None:
    f = analyses("أشادت")[0]
    assert (f.lemma, f.stance, f.prep, f.gender) == ("اشاد", "praise", "ب", "f")
    assert analyses("دعا")[0].prep == "الي"
    assert analyses("شدد")[0].prep == "علي"
    assert analyses("حذر")[0].prep == "من"
    assert analyses("أعرب")[0].prep == "عن"
    assert analyses("قال")[0].prep == ""


@pytest.mark.parametrize(
    ("token", "stance"),
    [
        ("زعم", "claim"),
        ("اتهمت", "claim"),
        ("أكد", "confirm"),
        ("اعترف", "confirm"),
        ("نفى", "deny"),
        ("أنكر", "deny"),
        ("توقع", "estimate"),
        ("رجحت", "estimate"),
        ("حذرت", "warn"),
        ("هدد", "warn"),
        ("طالب", "call"),
        ("ناشد", "call"),
        ("رحب", "praise"),
        ("أثنى", "praise"),
        ("وصفت", "other"),
        ("أعرب", "other"),
    ],
)
def test_stances(token: str, stance: str) -> None:
    assert analyses(token)[0].stance == stance


def test_passive_cues() -> None:
    assert has("قيل", "قال", passive=True, tense="past")
    assert has("يقال", "قال", passive=True, tense="present")
    assert has("يعتقد", "اعتقد", passive=True) and has("يعتقد", "اعتقد", passive=False)
    assert analyses("يعتقد")[0].passive is False  # active readings first
    assert has("أفيد", "أفاد", passive=True)


def test_masdar_nouns() -> None:
    assert has("تصريح", "صرح", pos="noun", number="s")
    assert has("تصريحات", "صرح", pos="noun", number="p")
    assert has("بالقول", "قال", pos="noun")
    assert has("اتهامات", "اتهم", pos="noun", number="p")
    assert has("مخاوف", "مخاوف", pos="noun", number="p")  # a noun row of its own
    assert has("شائعات", "شائعة", pos="noun", stance="claim")


def test_irregular_rows_emit_only_their_forms() -> None:
    assert has("هنأت", "هنأ", tense="past", gender="f")
    assert has("يهنئون", "هنأ", tense="present", number="p")
    assert "هنا" not in cue_forms()  # هنأ folds to "here"
    assert has("خشيت", "خشي", gender="f")
    assert "خشت" not in cue_forms()
    assert has("يتنبؤون", "تنبأ", number="p")


# ---------------------------------------------------------------- expander: no wrong forms


@pytest.mark.parametrize(
    "wrong",
    [
        "قالن",
        "قالنا",
        "يقولن",  # hollow: 3fp/1p use the short stem (قلن، قلنا)
        "اضافن",
        "اشارنا",
        "افادنا",
        "دعات",
        "دعاوا",
        "دعان",
        "دعاتا",
        "يدعوون",
        "يدعوون",  # defective with و
        "نفيوا",
        "نفيتا",
        "ينفيون",
        "يريون",
        "رايوا",  # defective with ي
        "ردن",
        "ردنا",
        "اقرن",
        "اقرنا",
        "يردن",  # doubled: رددن، رددنا
        "خشت",
        "هنااا",
        "هناا",  # irregular
        "داعيين",
        "نافيين",  # defective participle plural drops the ي
        "اعلنن",
        "اعلننا",  # final ن merges under shadda
    ],
)
def test_no_wrong_derived_forms(wrong: str) -> None:
    assert wrong not in cue_forms()


def test_hollow_3fs_is_not_first_person() -> None:
    for f in analyses("قالت"):
        assert f.person == 3
    for f in analyses("دعت"):
        assert f.person == 3
    for f in analyses("ردت"):
        assert f.person == 3


def test_excluded_homographs_are_absent() -> None:
    forms = cue_forms()
    for w in ("دون", "عقب", "نادي", "نصف", "اثنين", "نصر", "علما", "ابين", "ذاكره", "مذكره", "المحن"):
        assert w not in forms, w


# ---------------------------------------------------------------- ambiguity


@pytest.mark.parametrize("token", ["بين", "وبين", "عبر", "طالب", "يعتبر", "أبان", "تبين", "راي", "رد", "يبلغ"])
def test_ambiguous_forms_are_flagged(token: str) -> None:
    found = analyses(token)
    assert found and all(f.ambiguous for f in found)
    assert without_ambiguous(found) == ()


@pytest.mark.parametrize("token", ["قال", "وأكد", "أوضحت", "مشيرا", "بينت", "أبانت", "عبرت", "طالبت"])
def test_clear_forms_are_not_flagged(token: str) -> None:
    found = analyses(token)
    assert found and not found[0].ambiguous


# ---------------------------------------------------------------- lookup


def test_lookup_strips_one_proclitic() -> None:
    assert has("فقال", "قال", person=3)
    assert has("وتنفي", "نفى", tense="present")
    assert analyses("وفقال") == ()  # only one proclitic
    assert has("وعد", "وعد", tense="past")  # و is a root letter here


def test_lookup_object_suffixes() -> None:
    # "أبلغنا" is both "we informed" and "he informed us"
    assert has("أبلغنا", "أبلغ", person=1, number="p")
    assert has("أبلغنا", "أبلغ", person=3, number="s")
    assert has("وأخبرهم", "أخبر", person=3, number="s")
    assert has("نفاه", "نفى", pos="verb", person=3)
    assert not has("نفاه", "نفى", pos="noun")
    assert has("قالوه", "قال", number="p")
    assert has("دعوته", "دعا", pos="noun")
    assert has("تصريحاته", "صرح", pos="noun", number="p")
    assert has("بينهم", "بين", ambiguous=True)


def test_lookup_negatives() -> None:
    for w in ("وزير", "الذي", "بينما", "في", "و", "القاهرة", "حكومة"):
        assert analyses(w) == (), w
    assert not is_cue(fold("الرئيس"))
    assert is_cue(fold("وأوضحت"))


def test_every_form_is_found_bare_and_with_waw() -> None:
    for surface, forms in cue_forms().items():
        assert lookup(surface)[: len(forms)] == forms
        assert set(forms) <= set(lookup("و" + surface))


# ---------------------------------------------------------------- phrases


def test_phrase_kinds_and_order() -> None:
    ph = phrases()
    for kind in ("according_to", "relay_verb", "nominal", "audience_prep", "complementiser"):
        assert ph[kind], kind
    for items in ph.values():
        lengths = [len(p.phrase) for p in items]
        assert lengths == sorted(lengths, reverse=True)
        assert len({p.phrase for p in items}) == len(items)


def test_according_to_phrases() -> None:
    texts = {p.phrase: p for p in phrases()["according_to"]}
    assert {"بحسب", "حسب", "حسبما", "نقلا عن", "استنادا الي", "علي حد قول", "بحسب ما"} <= set(texts)
    assert texts["وفقا ل"].attached  # "وفقاً لـ" and "وفقا ل" fold to one entry
    assert not texts["بحسب"].attached


def test_complementisers_and_nominal_settings() -> None:
    comp = {p.phrase for p in phrases()["complementiser"]}
    assert {"ان", "بان", "انه", "انها", "انهم", "بانه"} <= comp
    nominal = {p.phrase for p in phrases()["nominal"]}
    assert {"في بيان", "في تصريحات", "في مؤتمر صحفي", "عبر تويتر"} <= nominal
    relay = {p.phrase for p in phrases()["relay_verb"]}
    assert {"نقل", "ذكر", "افاد"} <= relay
    assert all(lemma in lemmas() for lemma in relay)


def _cue_tokens(sentence: str) -> list[str]:
    return [t for t in re.findall("[\u0621-\u064a]+", fold(sentence)) if without_ambiguous(lookup(t))]


def test_sentence_direct_statement() -> None:
    s = "وقالت وزارة الصحة في بيان إن عدد الإصابات ارتفع إلى 120 حالة."
    assert _cue_tokens(s) == ["وقالت"]
    assert any(p.phrase in fold(s) for p in phrases()["nominal"])


def test_sentence_continuation_participle() -> None:
    s = "وأشار المدير إلى تحسن الخدمات، مؤكداً أن العمل مستمر، ومضيفا أن الخطة جاهزة."
    assert _cue_tokens(s) == ["واشار", "مؤكدا", "ومضيفا"]


def test_sentence_between_is_not_a_cue_without_context() -> None:
    s = "وقعت الاشتباكات بين القوات والمسلحين عبر الحدود."
    assert _cue_tokens(s) == []


def test_sentence_relay() -> None:
    s = "وأكد الرئيس، بحسب ما نقلت عنه وكالة الأنباء الرسمية، أن المفاوضات مستمرة."
    assert _cue_tokens(s) == ["واكد", "نقلت"]
    assert "بحسب ما" in fold(s)


# ---------------------------------------------------------------- malformed data is rejected


def test_bad_tags_and_stems_raise() -> None:
    with pytest.raises(ValueError):
        list(_tagged("قالت", "x3fs", False))
    with pytest.raises(ValueError):
        list(_verb_forms("regular", "قال", "قال"))  # present must start with ي
    with pytest.raises(ValueError):
        list(_verb_forms("defective", "قال", "يقول"))
    with pytest.raises(ValueError):
        list(_verb_forms("bogus", "قال", "يقول"))
