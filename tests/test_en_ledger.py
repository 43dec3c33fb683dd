"""English articles in the ledger: stored, queried, framed, and sharing entities with Arabic ones.

Every sentence here is written for the tests; none comes from gold data.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rawi.api import extract_article
from rawi.en.gazetteer import find, lookup
from rawi.figures.frames import figure_frames
from rawi.ingest import Input
from rawi.ledger.keys import global_key
from rawi.lexicon import load_tsv
from rawi.lexicon.gazetteer import gazetteer
from rawi.model import Article
from rawi.service import Service

EN = Article(
    "en1",
    "North Korea fired two missiles on Thursday, South Korea's military said.\n"
    '"This is a grave provocation," Defence Minister Ahn Min-jae told reporters.\n'
    "According to KCNA, leader Kim Jong Un said more than 10,000 soldiers were ready.",
    "2025-10-24",
    source="test wire",
)
AR = Article(
    "ar1", "وقال زعيم كوريا الشمالية كيم جونغ أون إن 12 ألف جندي أرسلوا إلى روسيا.", "2025-10-24", source="وكالة أ"
)


@pytest.fixture
def service(tmp_path: Path) -> Service:
    svc = Service.open(str(tmp_path / "ledger.sqlite"))
    summary = svc.ingest([Input(a.id, a, None) for a in (EN, AR)])
    assert summary.counts["added"] == 2 and not summary.rejected
    return svc


def test_english_articles_are_stored_and_queried(service: Service) -> None:
    articles = {a.doc_key: a for a in service.articles().items}
    assert articles["en1"].lang == "en" and articles["ar1"].lang == "ar"
    claims = service.claims(entity="Kim Jong Un").items
    assert {c.doc_key for c in claims} == {"en1", "ar1"}  # one speaker across both languages
    assert {c.doc_key for c in service.claims(entity="كيم جونغ أون").items} == {"en1", "ar1"}
    assert {c.doc_key for c in service.claims(entity="Q56226").items} == {"en1", "ar1"}
    service.close()


def test_north_korea_is_one_entity_in_both_languages() -> None:
    en = extract_article(EN, lang="en")
    ar = extract_article(AR)
    en_keys = {global_key(e) for e in en.entities if e.name == "North Korea"}
    ar_keys = {global_key(e) for e in ar.entities if e.link == "Q423"}
    assert en_keys == ar_keys == {"Q423"}


def test_figure_frames_do_not_fail_on_english() -> None:
    analysis = extract_article(EN, lang="en")
    frames = figure_frames(analysis)
    assert len(frames) == len(analysis.quantities) > 0
    assert all(f.text == analysis.text[f.start : f.end] for f in frames)


def test_every_english_name_of_a_linked_entry_finds_its_entry() -> None:
    """English names in countries.tsv and gazetteer.tsv point at the entry that carries them, with its
    Wikidata id: the one key an English and an Arabic mention share."""
    gaz = gazetteer()
    checked = 0
    for row in load_tsv("gazetteer"):
        entry = gaz.by_key(row["key"])
        if entry is None or not entry.link or not row["name_en"] or "(" in row["name_en"]:
            continue
        found = lookup(row["name_en"])
        assert found is not None and found.link == entry.link, row["name_en"]
        checked += 1
    for row in load_tsv("countries"):
        if row["qid"]:
            found = lookup(row["name_en"])
            assert found is not None and found.link == row["qid"], row["name_en"]
            checked += 1
    assert checked > 300


def test_demonyms_are_not_names() -> None:
    hits = find("South Korean troops crossed into North Korea.")
    assert [(h.entry.key, h.demonym) for h in hits] == [("country-kr", True), ("country-kp", False)]


# One bombing told by an English wire and an Arabic paper the same day, with other tolls.
BOMB_EN = Article(
    "wire-kw",
    "At least 27 people were killed and 227 wounded in a suicide bombing at a Shiite mosque "
    "in Kuwait City on Friday, hospital officials told Reuters.",
    "2015-06-26",
    source="wire",
)
BOMB_AR = Article(
    "paper-kw",
    "وقالت وزارة الداخلية الكويتية إن 25 شخصا قتلوا في التفجير الانتحاري الذي استهدف مسجد "
    "الإمام الصادق في مدينة الكويت يوم الجمعة.",
    "2015-06-26",
    source="صحيفة",
)
# Another event in another country the same day: its toll is no part of the bombing's.
CRASH_EN = Article(
    "wire-eg",
    "Seven people were killed when a bus overturned near Cairo on Friday, police said.",
    "2015-06-26",
    source="wire",
)


def test_an_english_and_an_arabic_report_of_one_event_conflict_in_the_ledger(tmp_path: Path) -> None:
    with Service.open(str(tmp_path / "mixed.sqlite")) as svc:
        summary = svc.ingest([Input(a.id, a, None) for a in (BOMB_EN, BOMB_AR, CRASH_EN)])
        assert summary.counts["added"] == 3
        killed = {f.doc_key: f for f in svc.figures(measure="killed/person").items}
        assert {killed["wire-kw"].text, killed["paper-kw"].text} == {"At least 27", "25"}
        assert killed["wire-kw"].key == killed["paper-kw"].key is not None  # one amount, two languages
        assert killed["wire-eg"].key != killed["wire-kw"].key
        pairs = svc.conflicts("conflict").items
        assert len(pairs) == 1
        sides = {pairs[0].a.doc_key: pairs[0].a, pairs[0].b.doc_key: pairs[0].b}
        assert set(sides) == {"wire-kw", "paper-kw"}
        assert sides["wire-kw"].source == "hospital officials"
        assert sides["paper-kw"].source == "وزارة الداخلية الكويتية"
