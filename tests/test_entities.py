"""Entity clusters: gazetteer links, short names, definite heads, sources as mentions."""

from __future__ import annotations

from rawi.api import extract
from rawi.model import Analysis, Entity


def entity_of(res: Analysis, text: str) -> Entity:
    for e in res.entities:
        if any(m.text == text for m in e.mentions):
            return e
    raise AssertionError(f"no entity has the mention {text!r}: {[e.name for e in res.entities]}")


def test_gazetteer_person_is_linked_and_short_name_joins_it() -> None:
    res = extract("أشاد زعيم كوريا الشمالية كيم جونغ أون بالتحالف. وقال كيم إن الأخوة ستتقدم.")
    kim = entity_of(res, "كيم")
    assert kim.link == "Q56226" and kim.type == "PERSON"
    assert any("كيم جونغ أون" in m.text for m in kim.mentions)


def test_country_and_nisba_are_found() -> None:
    res = extract("قال وزير الدفاع الكوري الجنوبي إن كوريا الشمالية تلقت مساعدة.")
    korea = entity_of(res, "كوريا الشمالية")
    assert korea.type == "GPE" and korea.link == "Q423"


def test_definite_head_joins_the_latest_cluster_with_that_head() -> None:
    res = extract("وقالت وزارة الداخلية الكويتية إن الخلية فككت. وذكرت الوزارة أن أفرادها اعتقلوا.")
    ministry = entity_of(res, "الوزارة")
    assert any(m.text == "وزارة الداخلية الكويتية" for m in ministry.mentions)


def test_surname_joins_the_full_name() -> None:
    res = extract("وقال رئيس وزراء كندا جاستن ترودو إنه مستعد. وأضاف ترودو أن الرحلة قانونية.")
    assert len({e.id for e in res.entities if any(m.text == "ترودو" for m in e.mentions)}) == 1
    trudeau = entity_of(res, "ترودو")
    assert trudeau.link == "Q3099714"


def test_unknown_source_becomes_an_entity_and_pro_drop_points_to_it() -> None:
    res = extract("وقال مصدر أمني عراقي إن التنظيم أعدم 11 شابا. وأضاف أن الجثث سلمت.")
    src = entity_of(res, "مصدر أمني عراقي")
    assert [a.source.entity for a in res.attributions] == [src.id, src.id]
    assert res.attributions[1].source.span is None


def test_relay_is_an_entity_too() -> None:
    res = extract("وقال كيم، بحسب وكالة الأنباء المركزية الكورية، إن التحالف قوي.")
    kcna = entity_of(res, "وكالة الأنباء المركزية الكورية")
    assert kcna.link == "Q483444" and res.attributions[0].via[0].entity == kcna.id
