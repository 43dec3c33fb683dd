"""The service both faces call: queries read stored rows only, entity filters take any name,
links follow ingests, and names are shown as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from rawi import pipeline
from rawi.figures import frames
from rawi.ingest import Input
from rawi.ledger import read
from rawi.model import Article
from rawi.service import Service

ARTICLES = [
    Article(
        "k1", "وقال زعيم كوريا الشمالية كيم جونغ أون إن 12 ألف جندي أرسلوا إلى روسيا.", "2025-10-24", source="وكالة أ"
    ),
    Article("h1", "قالت وزارة الصحة في غزة إن 50 شخصا قتلوا في القصف على مخيم جباليا.", "2025-09-10", source="وكالة أ"),
    Article(
        "h2", "وقال الدفاع المدني إن أكثر من 90 شخصا قتلوا في القصف على مخيم جباليا.", "2025-09-10", source="وكالة ب"
    ),
]


@pytest.fixture
def service(tmp_path: Path) -> Service:
    svc = Service.open(str(tmp_path / "ledger.sqlite"))
    svc.ingest([Input(a.id, a, None) for a in ARTICLES])
    return svc


def test_queries_read_stored_rows_and_never_analyse_again(service: Service, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a query re-analysed an article")

    monkeypatch.setattr(pipeline, "analyze", boom)
    monkeypatch.setattr(frames, "figure_frames", boom)
    monkeypatch.setattr(read, "get_article", boom)
    assert [p.kind for p in service.conflicts().items] == ["conflict"]
    assert service.figures().total == 3
    assert {f.text for f in service.timeline(entity="غزة").items} == {"50"}  # the figure placed in Gaza
    assert {f.text for f in service.timeline(entity="وزاره الصحه").items} == {"50"}  # the figure from the ministry
    service.close()


def test_entity_filters_take_any_name_alias_or_id(service: Service) -> None:
    """The README's example: a linked speaker is found by its name, an alias, its Wikidata id, and
    spellings that differ only in hamza, alef or taa marbuta."""
    for name in ("كيم جونغ أون", "كيم جونغ اون", "Q56226", "كيم جونغ-أون"):
        claims = service.claims(entity=name).items
        assert [c.doc_key for c in claims] == ["k1"], name
        assert claims[0].speaker == "كيم جونغ أون"  # shown as written, never folded
    figures = service.figures(entity="كيم جونغ أون")
    assert [f.text for f in figures.items] == ["12 ألف"]
    assert figures.items[0].source == "كيم جونغ أون" and figures.items[0].measure == "deployed/security"
    service.close()


def test_links_follow_every_ingest(service: Service) -> None:
    key = next(f.key for f in service.figures().items if f.text == "50")
    late = Article("h3", "وقالت مصادر طبية إن 70 شخصا قتلوا في القصف على مخيم جباليا.", "2025-09-11", source="وكالة ج")
    service.ingest([Input("h3", late, None)])
    linked = {f.text for f in service.figures(key=key).items}
    assert linked == {"50", "أكثر من 90", "70"}
    # 50 against more than 90, 70 against 50, 70 against more than 90: three disagreements, one amount
    assert len(service.conflicts(kind="conflict").items) == 3
    service.close()
