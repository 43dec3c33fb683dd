"""Gazetteer data and matcher: counts, sample facts, clitics, adjectives, longest match, speed."""

from __future__ import annotations

import re

import pytest

from rawi.lexicon import load_tsv
from rawi.lexicon.gazetteer import (
    BLOCK_KIND,
    ENTITY_TYPES,
    GazMatch,
    adjective_forms,
    gazetteer,
    titles,
)
from rawi.text.normalize import fold, normalize


def _find(text: str) -> list[tuple[str, str, bool]]:
    """(matched folded text, entry key, via_adjective) for each match in `text`."""
    norm = normalize(text).norm
    return [(norm[m.start : m.end], m.entry.key, m.via_adjective) for m in gazetteer().find(norm)]


def _keys(text: str) -> list[str]:
    return [k for _, k, _ in _find(text)]


# --- counts and data integrity -------------------------------------------------------------


def test_every_iso_country_has_a_row_with_arabic_name() -> None:
    rows = load_tsv("countries")
    assert len(rows) >= 249
    assert all(r["name_ar"] for r in rows)
    assert len({r["iso2"] for r in rows}) == len(rows)


def test_at_least_200_countries_with_capitals_and_qids() -> None:
    rows = load_tsv("countries")
    assert sum(1 for r in rows if r["capital_ar"]) >= 170
    assert sum(1 for r in rows if r["qid"]) >= 200
    assert all(re.fullmatch(r"Q[1-9]\d*", r["qid"]) for r in rows if r["qid"])


def test_at_least_500_curated_entries() -> None:
    rows = [r for r in load_tsv("gazetteer") if r["kind"] != BLOCK_KIND]
    assert len(rows) >= 500
    assert len(gazetteer()) >= 500 + 249


def test_curated_rows_are_well_formed() -> None:
    keys = set()
    for r in load_tsv("gazetteer"):
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", r["key"]), r["key"]
        assert r["key"] not in keys
        keys.add(r["key"])
        assert r["type"] in ENTITY_TYPES, r["key"]
        assert r["gender"] in ("m", "f"), r["key"]
        assert r["name_ar"] and r["name_en"], r["key"]
        assert not r["qid"] or re.fullmatch(r"Q[1-9]\d*", r["qid"]), r["key"]
        kinds = r["kind"].split("|")
        if r["as_of"]:
            assert len(r["as_of"].split("|")) == len(kinds), r["key"]
            for cell in r["as_of"].split("|"):
                for span in cell.split(","):
                    m = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", span)
                    assert m and int(m.group(2) or m.group(1)) >= int(m.group(1)), (r["key"], span)


def test_affiliations_resolve() -> None:
    g = gazetteer()
    for e in g:
        for role in e.roles:
            a = role.affiliation
            if a is None:
                continue
            assert g.country(a) is not None if a.isupper() else g.by_key(a) is not None, (e.key, a)


def test_no_alias_names_two_entries() -> None:
    assert gazetteer().conflicts == []


def test_qids_are_not_shared() -> None:
    seen: dict[str, str] = {}
    for e in gazetteer():
        if e.link:
            assert e.link not in seen, (e.key, seen.get(e.link))
            seen[e.link] = e.key


# --- sample facts --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "qid"),
    [
        ("country-kp", "Q423"),
        ("country-kr", "Q884"),
        ("country-ru", "Q159"),
        ("country-ua", "Q212"),
        ("country-us", "Q30"),
        ("country-sa", "Q851"),
        ("country-qa", "Q846"),
        ("country-eg", "Q79"),
        ("country-mr", "Q1025"),
        ("kcna", "Q483444"),
        ("reuters", "Q130879"),
        ("kim-jong-un", "Q56226"),
        ("recep-tayyip-erdogan", "Q39259"),
        ("justin-trudeau", "Q3099714"),
        ("donald-trump", "Q22686"),
        ("isis", "Q2429253"),
        ("united-nations", "Q1065"),
        ("nato", "Q7184"),
        ("capital-kp", "Q18808"),
    ],
)
def test_wikidata_ids(key: str, qid: str) -> None:
    e = gazetteer().by_key(key)
    assert e is not None and e.link == qid


def test_north_korea_names_adjective_and_capital() -> None:
    g = gazetteer()
    kp = g.country("KP")
    assert kp is not None and kp.name_ar == "كوريا الشمالية" and kp.type == "GPE"
    assert kp.adjective == "كوري شمالي"
    cap = g.by_key("capital-kp")
    assert cap is not None and cap.affiliation == "KP" and fold("بيونغ يانغ") in cap.aliases


def test_office_holders_by_year() -> None:
    g = gazetteer()
    putin = g.by_key("vladimir-putin")
    assert putin is not None and putin.type == "PERSON" and putin.gender == "m"
    role = putin.role_in(2010)
    assert role is not None and role.kind == "head_of_government" and role.affiliation == "RU"
    role = putin.role_in(2016)
    assert role is not None and role.kind == "head_of_state"
    merkel = g.by_key("angela-merkel")
    assert merkel is not None and merkel.gender == "f" and merkel.role_in(2015) is not None
    assert merkel.role_in(2023) is None
    guterres = g.by_key("antonio-guterres")
    assert guterres is not None and guterres.affiliation == "united-nations"


def test_grammatical_gender_of_organisations() -> None:
    g = gazetteer()
    genders = {k: e.gender for k in ("mofa-us", "un-security-council", "country-iq") if (e := g.by_key(k)) is not None}
    # وزارة is feminine, مجلس and العراق masculine.
    assert genders == {"mofa-us": "f", "un-security-council": "m", "country-iq": "m"}


def test_lookup_by_any_spelling() -> None:
    g = gazetteer()
    assert g.lookup("أميركا") is g.country("US")
    assert g.lookup("ترمب") is g.by_key("donald-trump")
    assert g.lookup("حلف الناتو") is g.by_key("nato")
    assert g.lookup("صلاة المغرب") is None  # a blocking phrase is not an entity


# --- matcher -------------------------------------------------------------------------------


def test_offsets_index_the_folded_text() -> None:
    norm = normalize("أعلنت وزارة الخارجية الأمريكية أمس أن واشنطن سترد.").norm
    ms = gazetteer().find(norm)
    assert [norm[m.start : m.end] for m in ms] == [fold("وزارة الخارجية الأمريكية"), fold("واشنطن")]
    assert all(isinstance(m, GazMatch) for m in ms)


def test_person_name_and_surname() -> None:
    assert _keys("وقال الرئيس الروسي فلاديمير بوتين للصحفيين إن بوتين لن يتراجع") == [
        "country-ru",
        "vladimir-putin",
        "vladimir-putin",
    ]


def test_transliteration_variants() -> None:
    assert _keys("انتقد ترمب قرار أوباما") == ["donald-trump", "barack-obama"]


def test_clitic_waw_and_ba() -> None:
    hits = _find("وصل الوفد إلى بغداد وبالعراق ووزير خارجية روسيا")
    assert [(t, k) for t, k, _ in hits] == [("بغداد", "capital-iq"), ("العراق", "country-iq"), ("روسيا", "country-ru")]


def test_clitic_lil_stands_for_lam_plus_article() -> None:
    hits = _find("وجه رسالة للأمم المتحدة وللعراق")
    assert [k for _, k, _ in hits] == ["united-nations", "country-iq"]
    assert hits[0][0] == fold("لأمم المتحدة")  # the span starts after the clitic ل


def test_conjunction_and_preposition_together() -> None:
    assert _keys("وبالأمم المتحدة ولبريطانيا") == ["united-nations", "country-gb"]


def test_whole_word_preferred_over_clitic_reading() -> None:
    # "بنما" is Panama, not ب + "نما"; "لبنان" is Lebanon.
    assert _keys("بنما ولبنان") == ["country-pa", "country-lb"]


def test_adjective_masculine_feminine_definite_plural() -> None:
    hits = _find(
        "قال مسؤول أمريكي إن المسؤول الكوري الشمالي والبحرية الكورية الشمالية "
        "وقوات كورية شمالية ومئات الكوريين الشماليين"
    )
    assert [(k, adj) for _, k, adj in hits] == [
        ("country-us", True),
        ("country-kp", True),
        ("country-kp", True),
        ("country-kp", True),
        ("country-kp", True),
    ]


def test_adjective_variant_spellings() -> None:
    assert _keys("المسؤولون الأميركيون والدبلوماسيون الأمريكيون") == ["country-us", "country-us"]


def test_adjective_forms_generation() -> None:
    forms = adjective_forms("كوري شمالي")
    assert {
        "كوري شمالي",
        "الكوري الشمالي",
        "كوريه شماليه",
        "الكوريه الشماليه",
        "الكوريين الشماليين",
        "الكوريون الشماليون",
    } <= set(forms)
    assert adjective_forms("جنوب افريقي") == ["جنوب افريقي"]


def test_excluded_adjective_is_not_matched() -> None:
    # "تركي" is also a common first name; only its other forms point at Turkey.
    assert _keys("التقى الأمير تركي بن طلال") == []
    assert _keys("أعلن الجيش التركي") == ["army-tr"]
    assert _keys("وقالت الخارجية التركية") == ["mofa-tr"]
    assert _keys("مسؤولون أتراك ومصادر تركية") == ["country-tr"]


def test_longest_match_wins() -> None:
    assert _keys("أكدت الولايات المتحدة الأمريكية") == ["country-us"]
    assert _find("أكدت الولايات المتحدة الأمريكية")[0][0] == fold("الولايات المتحدة الأمريكية")
    assert _keys("أعلنت جمهورية الكونغو الديمقراطية") == ["country-cd"]
    assert _keys("وصل إلى جنوب السودان") == ["country-ss"]
    assert _keys("في بحر الصين الجنوبي") == ["south-china-sea"]
    assert _keys("أصدر مجلس الأمن الدولي قرارا") == ["un-security-council"]


def test_organisation_wins_over_the_nisba_inside_it() -> None:
    assert _keys("أعلن الجيش الكوري الشمالي") == ["kpa"]


def test_longer_phrase_blocks_the_alias_inside() -> None:
    assert _keys("بعد صلاة المغرب في المغرب") == ["country-ma"]
    assert _keys("اجتمع مجلس الأمن القومي") == []


def test_no_match_inside_a_longer_word() -> None:
    assert _keys("المصرية") == ["country-eg"]
    assert _keys("المصريةكذا وامريكاني وكنداوي") == []
    assert _keys("ليبياوي") == []


def test_words_separated_by_hyphen_or_dot() -> None:
    assert _keys("قال الأمين العام بان كي-مون") == ["ban-ki-moon"]
    assert _keys("ذكر موقع العربية.نت") == ["al-arabiya"]


def test_no_match_across_a_line_break() -> None:
    assert _keys("الأمم\nالمتحدة") == []


def test_weak_alias_is_reported_as_ambiguous() -> None:
    norm = normalize("قال الأسد إن الحرب مستمرة").norm
    (m,) = gazetteer().find(norm)
    assert m.entry.key == "bashar-al-assad" and m.ambiguous
    norm = normalize("قال بشار الأسد").norm
    (m,) = gazetteer().find(norm)
    assert not m.ambiguous


def test_common_words_are_not_entities() -> None:
    # Kyiv's short spelling, Mali and Benin's names are everyday words; none is matched.
    assert _keys("كيف حالك؟ قدم دعما ماليا ومالي لمدارس البنين") == []


def test_capital_does_not_steal_country_name() -> None:
    assert _keys("الجزائر") == ["country-dz"]
    assert _keys("الجزائر العاصمة") == ["capital-dz"]


def test_find_accepts_caller_tokens() -> None:
    norm = normalize("زار أردوغان قطر").norm
    assert gazetteer().find(norm, tokens=(), words=frozenset()) == gazetteer().find(norm)


# --- titles --------------------------------------------------------------------------------


def test_titles_are_folded_and_typed() -> None:
    t = titles()
    assert len(t) >= 300
    spokesman = t[fold("المتحدث باسم")]
    assert spokesman.type == "PERSON" and spokesman.role == "office" and not spokesman.plural
    sources = t[fold("مصادر")]
    assert sources.plural and sources.role == "source_noun" and sources.gender == "f"
    ministry = t[fold("وزارة")]
    assert ministry.type == "ORG" and ministry.gender == "f" and ministry.role == "org_head"
    assert t[fold("اللواء")].role == "title"
    assert t[fold("الشيخ")].role == "honorific"
    assert all(r.role in {"title", "honorific", "office", "org_head", "source_noun"} for r in t.values())
    assert all(r.type in {"PERSON", "ORG"} and r.gender in {"m", "f"} for r in t.values())
