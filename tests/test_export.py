"""Exports (jsonl, csv, ClaimReview, Web Annotation) and `rawi sources`, on a small SQLite ledger.

The commands run on a click group built with `cli_export.register`, so these
tests do not depend on how `rawi.cli` wires them. The JSON-LD outputs are
validated against JSON Schemas written here for the structure rawi promises.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import click
import jsonschema
import pytest
from click.testing import CliRunner

from ledger_support import backend_url
from rawi import export as export_pkg
from rawi.api import extract_article
from rawi.cli_export import register
from rawi.export import csvfile
from rawi.ledger import Ledger, queries_export
from rawi.model import Article

KIM = (
    "قال كيم جونغ أون، بحسب ما نقلت عنه وكالة الأنباء المركزية الكورية، "
    "إن كوريا الشمالية أرسلت نحو 12 ألف جندي إلى روسيا في أكتوبر 2024."
)
GAZA = (
    "ذكرت وزارة الصحة الفلسطينية أن ما بين 30 و40 شخصا قتلوا في غزة أمس. "
    "وقال الرئيس الأمريكي دونالد ترامب إن روسيا ستدفع 500 مليون دولار."
)
KREMLIN = "أعلن الكرملين أن روسيا لن تنسحب من كورسك. وأضاف أن المحادثات مع أوكرانيا ستستأنف الأسبوع المقبل."

ARTICLES = [
    Article("kim", KIM, "2025-10-24", "كيم يتحدث", "https://a.example/kim", "وكالة أ"),
    # The same wire story reprinted a day later by another outlet: a syndicated copy.
    Article("kim-copy", KIM, "2025-10-25", "كيم يتحدث", "https://b.example/kim-copy", "وكالة ب"),
    Article("gaza", GAZA, "2025-03-10", None, None, "وكالة ب"),
    Article("kremlin", KREMLIN, None, None, None, "وكالة أ"),  # undated: exported last
]


@click.group()
def cli() -> None:
    """Only the export commands."""


register(cli)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """One ledger per backend for the whole module; PostgreSQL only when RAWI_TEST_PG_URL names one."""
    url = backend_url(request.param, tmp_path_factory)
    with Ledger.open(url) as ledger:
        assert ledger.ingest_many([(a, extract_article(a)) for a in ARTICLES]) == ["added"] * 4
    return url


def run(*args: str) -> str:
    res = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return res.stdout


def texts(db: str) -> dict[str, str]:
    with Ledger.open(db) as ledger:
        out = {}
        for a in ARTICLES:
            stored = ledger.article(a.url or a.id)
            assert stored is not None
            out[stored.row.doc_key] = stored.analysis.text
        return out


# -- jsonl ------------------------------------------------------------------------


def test_jsonl_is_the_ingested_extraction_plus_ledger_fields(db: str) -> None:
    lines = [json.loads(x) for x in run("export", "--format", "jsonl", "--db", db).splitlines()]
    assert [r["doc_key"] for r in lines] == [
        "gaza",
        "https://a.example/kim",
        "https://b.example/kim-copy",
        "kremlin",
    ]  # dateline order, undated last
    with Ledger.open(db) as ledger:
        for r in lines:
            stored = ledger.article(r["doc_key"])
            assert stored is not None
            assert {k: r[k] for k in stored.analysis.to_json()} == stored.analysis.to_json()
    by_key = {r["doc_key"]: r for r in lines}
    assert by_key["https://b.example/kim-copy"]["syndicated_of"] == "https://a.example/kim"
    assert by_key["gaza"]["syndicated_of"] is None and by_key["gaza"]["source"] == "وكالة ب"
    for r in lines:  # the contract: every span indexes the text
        spans = [a[k] for a in r["attributions"] for k in ("content", "cue") if a[k]] + r["times"] + r["quantities"]
        assert spans and all(r["text"][s["start"] : s["end"]] == s["text"] for s in spans)


def test_filters_select_articles_and_claims(db: str) -> None:
    def keys(*args: str) -> list[str]:
        return [json.loads(x)["doc_key"] for x in run("export", "--format", "jsonl", "--db", db, *args).splitlines()]

    assert keys("--source", "وكالة أ") == ["https://a.example/kim", "kremlin"]
    assert keys("--since", "2025-10-01") == ["https://a.example/kim", "https://b.example/kim-copy"]
    assert keys("--until", "2025-10-24") == ["gaza", "https://a.example/kim"]
    # --entity is the speaker: by name, by Wikidata id, by folded name for an unlinked one.
    assert (
        keys("--entity", "كيم جونغ أون")
        == keys("--entity", "Q56226")
        == ["https://a.example/kim", "https://b.example/kim-copy"]
    )
    assert keys("--entity", "وزاره الصحه الفلسطينيه") == ["gaza"]
    assert keys("--entity", "nobody") == []


def test_keyset_paging_visits_every_article_once(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    full = run("export", "--format", "jsonl", "--db", db)
    monkeypatch.setattr(queries_export, "PAGE", 1)
    assert run("export", "--format", "jsonl", "--db", db) == full


# -- csv --------------------------------------------------------------------------


def test_csv_has_one_row_per_claim_with_relays(db: str) -> None:
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv", "--db", db))))
    assert tuple(rows[0]) == csvfile.COLUMNS
    with Ledger.open(db) as ledger:
        assert len(rows) == ledger.stats().attributions == 6
    text = texts(db)
    for r in rows:
        assert text[r["doc_key"]][int(r["content_start"]) : int(r["content_end"])] == r["content"]
    kim = [r for r in rows if r["doc_key"] == "https://a.example/kim"]
    assert len(kim) == 1 and kim[0]["speaker"] == "كيم جونغ أون" and kim[0]["speaker_key"] == "Q56226"
    assert kim[0]["relays"] == "وكالة الأنباء المركزية الكورية" and kim[0]["url"] == "https://a.example/kim"
    assert kim[0]["outlet"] == "وكالة أ" and kim[0]["published"] == "2025-10-24" and kim[0]["cue"] == "قال"
    # Pro-drop ("وأضاف"): the speaker comes from the entity the text dropped.
    assert [r["speaker"] for r in rows if r["doc_key"] == "kremlin"] == ["الكرملين", "الكرملين"]
    only = list(csv.DictReader(io.StringIO(run("export", "--format", "csv", "--db", db, "--entity", "دونالد ترامب"))))
    assert [r["content"] for r in only] == ["روسيا ستدفع 500 مليون دولار"]


# -- ClaimReview ------------------------------------------------------------------

_WORK = {
    "type": "object",
    "required": ["@type", "@id"],
    "properties": {
        "@type": {"const": "CreativeWork"},
        "url": {"type": "string", "format": "uri"},
        "datePublished": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}"},
        "publisher": {
            "type": "object",
            "required": ["@type", "name"],
            "properties": {"@type": {"const": "Organization"}},
        },
    },
}
CLAIMREVIEW_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["@context", "@graph"],
    "properties": {
        "@context": {"const": "https://schema.org"},
        "@graph": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["@type", "@id", "claimReviewed", "itemReviewed"],
                "not": {"required": ["reviewRating"]},  # rawi does not rate truth
                "properties": {
                    "@type": {"const": "ClaimReview"},
                    "claimReviewed": {"type": "string", "minLength": 1},
                    "itemReviewed": {
                        "type": "object",
                        "required": ["@type", "text", "appearance", "firstAppearance"],
                        "properties": {
                            "@type": {"const": "Claim"},
                            "author": {
                                "type": "object",
                                "required": ["@type", "name"],
                                "properties": {
                                    "@type": {"enum": ["Person", "Organization"]},
                                    "sameAs": {
                                        "type": "string",
                                        "pattern": r"^https://www\.wikidata\.org/wiki/Q[0-9]+$",
                                    },
                                },
                            },
                            "datePublished": {"type": "string"},
                            "dateCreated": {"type": "string"},
                            "appearance": _WORK,
                            "firstAppearance": _WORK,
                        },
                    },
                },
            },
        },
    },
}


def test_claimreview_is_valid_and_points_to_the_first_appearance(db: str) -> None:
    doc = json.loads(run("export", "--format", "claimreview", "--db", db))
    jsonschema.validate(doc, CLAIMREVIEW_SCHEMA)
    graph = doc["@graph"]
    assert len(graph) == 6 and len({r["@id"] for r in graph}) == 6
    by_work = {r["itemReviewed"]["appearance"]["@id"]: r["itemReviewed"] for r in graph}
    copy = by_work["https://b.example/kim-copy"]
    assert copy["firstAppearance"]["url"] == "https://a.example/kim"
    assert copy["firstAppearance"]["datePublished"] == "2025-10-24"
    assert copy["appearance"]["publisher"]["name"] == "وكالة ب"
    assert copy["author"] == {
        "@type": "Person",
        "name": "كيم جونغ أون",
        "sameAs": "https://www.wikidata.org/wiki/Q56226",
    }
    assert copy["datePublished"] == copy["dateCreated"] == "2025-10-25"
    original = by_work["https://a.example/kim"]
    assert original["firstAppearance"] == original["appearance"]
    # No URL: the article is named by its rawi IRI; undated: no date is made up.
    kremlin = [r["itemReviewed"] for r in graph if r["itemReviewed"]["appearance"]["@id"] == "urn:rawi:kremlin"]
    assert len(kremlin) == 2 and all("datePublished" not in c for c in kremlin)
    assert kremlin[0]["author"]["@type"] == "Organization"


# -- Web Annotation ---------------------------------------------------------------

_SELECTORS = {
    "type": "array",
    "minItems": 2,
    "maxItems": 2,
    "prefixItems": [
        {
            "type": "object",
            "required": ["type", "exact", "prefix", "suffix"],
            "properties": {
                "type": {"const": "TextQuoteSelector"},
                "exact": {"type": "string", "minLength": 1},
                "prefix": {"type": "string", "maxLength": 32},
                "suffix": {"type": "string", "maxLength": 32},
            },
        },
        {
            "type": "object",
            "required": ["type", "start", "end"],
            "properties": {
                "type": {"const": "TextPositionSelector"},
                "start": {"type": "integer", "minimum": 0},
                "end": {"type": "integer", "minimum": 0},
            },
        },
    ],
}
_BODY = {
    "type": "object",
    "required": ["type"],
    "oneOf": [
        {
            "properties": {
                "type": {"const": "TextualBody"},
                "value": {"type": "string"},
                "purpose": {"const": "tagging"},
            },
            "required": ["value", "purpose"],
        },
        {"properties": {"type": {"const": "Dataset"}, "purpose": {"const": "describing"}}, "required": ["purpose"]},
        {
            "properties": {
                "type": {"const": "SpecificResource"},
                "purpose": {"const": "identifying"},
                "source": {"type": "string", "pattern": r"^https://www\.wikidata\.org/wiki/Q[0-9]+$"},
            },
            "required": ["source"],
        },
    ],
}
ANNOTATION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id", "type", "body", "target"],
    "properties": {
        "id": {"type": "string", "pattern": "^[a-z][a-z0-9+.-]*:"},
        "type": {"const": "Annotation"},
        "motivation": {"type": "string"},
        "created": {"type": "string"},
        "body": {"type": "array", "minItems": 2, "items": _BODY},
        "target": {
            "type": "object",
            "required": ["source", "selector"],
            "properties": {"source": {"type": "string", "pattern": "^(https?|urn):"}, "selector": _SELECTORS},
        },
    },
}
COLLECTION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["@context", "type", "first"],
    "properties": {
        "@context": {
            "anyOf": [
                {"const": "http://www.w3.org/ns/anno.jsonld"},
                {"type": "array", "contains": {"const": "http://www.w3.org/ns/anno.jsonld"}},
            ]
        },
        "type": {"const": "AnnotationCollection"},
        "first": {
            "type": "object",
            "required": ["type", "items"],
            "properties": {"type": {"const": "AnnotationPage"}, "items": {"type": "array", "items": ANNOTATION_SCHEMA}},
        },
    },
}


def _tag(anno: dict[str, Any]) -> str:
    return str(next(b["value"] for b in anno["body"] if b["type"] == "TextualBody"))


def _data(anno: dict[str, Any]) -> dict[str, Any]:
    return next(b for b in anno["body"] if b["type"] == "Dataset")


def test_webanno_is_valid_and_its_selectors_agree(db: str) -> None:
    doc = json.loads(run("export", "--format", "webanno", "--db", db))
    jsonschema.Draft202012Validator(COLLECTION_SCHEMA).validate(doc)
    items = doc["first"]["items"]
    assert len({a["id"] for a in items}) == len(items)
    text = texts(db)
    for a in items:
        quote, pos = a["target"]["selector"]
        body = text[a["rawi:docKey"]]
        assert body[pos["start"] : pos["end"]] == quote["exact"]
        assert body[: pos["start"]].endswith(quote["prefix"]) and body[pos["end"] :].startswith(quote["suffix"])
    kim = [a for a in items if a["target"]["source"] == "https://a.example/kim"]
    assert sorted(_tag(a) for a in kim) == sorted(
        [
            "rawi:attribution-content",
            "rawi:attribution-source",
            "rawi:attribution-cue",
            "rawi:attribution-relay",
            "rawi:time",
            "rawi:quantity",
        ]
    )
    qty = next(a for a in kim if _tag(a) == "rawi:quantity")
    assert _data(qty) == {
        "type": "Dataset",
        "purpose": "describing",
        "rawi:value": 12000,
        "rawi:qualifier": "approx",
        "rawi:high": None,
        "rawi:unit": "جندي",
        "rawi:attribution": "a1",
    }
    time = next(a for a in kim if _tag(a) == "rawi:time")
    assert _data(time)["rawi:value"] == "2024-10" and _data(time)["rawi:timeType"] == "DATE"
    relay = next(a for a in kim if _tag(a) == "rawi:attribution-relay")
    assert {
        "type": "SpecificResource",
        "purpose": "identifying",
        "source": "https://www.wikidata.org/wiki/Q483444",
    } in relay["body"]
    assert {a["target"]["source"] for a in items} >= {"urn:rawi:gaza", "urn:rawi:kremlin"}


def test_webanno_speaker_filter_keeps_that_speakers_spans(db: str) -> None:
    doc = json.loads(run("export", "--format", "webanno", "--db", db, "--entity", "دونالد ترامب"))
    items = doc["first"]["items"]
    assert {a["rawi:docKey"] for a in items} == {"gaza"}
    assert {_data(a).get("rawi:attribution") for a in items} == {"a2"}  # not the ministry's "أمس" or "30"
    assert sorted(_tag(a) for a in items) == [
        "rawi:attribution-content",
        "rawi:attribution-cue",
        "rawi:attribution-source",
        "rawi:quantity",
    ]


# -- output file, empty results ---------------------------------------------------


def test_output_file_is_replaced_only_when_complete(db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "claims.csv"
    res = CliRunner().invoke(cli, ["export", "--format", "csv", "--db", db, "-o", str(out)])
    assert res.exit_code == 0 and "wrote 6 claims" in res.stderr
    good = out.read_bytes()
    assert good.count(b"\r\n") == 7 and b"\r\r\n" not in good  # RFC 4180 line ends, not doubled

    def broken(items: Any, stream: Any) -> int:
        csvfile.write(list(items)[:1], stream)
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(export_pkg.WRITERS, "csv", broken)
    res = CliRunner().invoke(cli, ["export", "--format", "csv", "--db", db, "-o", str(out)])
    assert res.exit_code != 0 and isinstance(res.exception, RuntimeError)
    assert out.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir()] == ["claims.csv"]  # no partial file left behind


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "claimreview", "webanno"])
def test_an_empty_selection_is_still_a_valid_document(db: str, fmt: str) -> None:
    out = run("export", "--format", fmt, "--db", db, "--since", "2030-01-01")
    if fmt == "jsonl":
        assert out == ""
    elif fmt == "csv":
        assert out.strip() == ",".join(csvfile.COLUMNS)
    elif fmt == "claimreview":
        jsonschema.validate(json.loads(out), CLAIMREVIEW_SCHEMA)
    else:
        jsonschema.Draft202012Validator(COLLECTION_SCHEMA).validate(json.loads(out))


# -- sources ----------------------------------------------------------------------


def test_sources_names_who_is_quoted_about_an_entity_and_through_whom(db: str) -> None:
    rows = json.loads(run("sources", "روسيا", "--db", db, "--format", "json"))
    got = {(r["speaker"], r["via"]): r for r in rows}
    assert set(got) == {("كيم جونغ أون", "وكالة الأنباء المركزية الكورية"), ("دونالد ترامب", ""), ("الكرملين", "")}
    kim = got[("كيم جونغ أون", "وكالة الأنباء المركزية الكورية")]
    assert kim["claims"] == 2 and kim["articles"] == 2 and kim["outlets"] == "وكالة أ; وكالة ب"
    assert (kim["first"], kim["last"]) == ("2025-10-24", "2025-10-25") and kim["link"] == "Q56226"
    assert rows[0] is not None and rows[0]["speaker"] == "كيم جونغ أون"  # most quoted first
    assert json.loads(run("sources", "Q159", "--db", db, "--format", "json")) == rows
    table = run("sources", "روسيا", "--db", db)
    assert "via" in table.splitlines()[0] and "\u2068وكالة الأنباء المركزية الكورية\u2069" in table
    assert run("sources", "أوكرانيا", "--db", db, "--format", "csv").splitlines()[1].startswith("الكرملين,")
    assert json.loads(run("sources", "nobody", "--db", db, "--format", "json")) == []
