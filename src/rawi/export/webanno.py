"""`--format webanno`: W3C Web Annotation Data Model JSON-LD, one Annotation per extracted span.

Spans: each attribution's content, source, cue and relays, and every time and
quantity (only those inside the kept claims when filtering by speaker). Each
annotation targets the article (its URL, else `urn:rawi:<doc_key>`) with both a
TextQuoteSelector (exact text, 32 characters of context each side) and a
TextPositionSelector. Positions count Unicode code points, as the model
requires and as rawi's offsets do, into the text rawi stored; for an article
ingested from HTML that is the extracted main text, so a client anchoring on
the live page should prefer the quote selector.

Bodies: a TextualBody tagging the span's role (`rawi:attribution-content`,
`rawi:time`, …), a Dataset body with the normalised value under the `rawi:`
vocabulary (time type and value; quantity value, qualifier, high, unit; an
attribution's kind, stance, speaker and relays), and, for a source or relay
linked to Wikidata, an identifying SpecificResource.

The document is one AnnotationCollection whose first page lists the
annotations, written as they are produced.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from rawi import __version__
from rawi.export.common import (
    containing,
    doc_iri,
    entity_of,
    relay_names,
    speaker_name,
    stream_array,
    wikidata_url,
)
from rawi.ledger.queries_export import ExportedArticle
from rawi.model import Analysis, Attribution, Span

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
VOCAB = "urn:rawi:vocab#"
CONTEXT: list[Any] = [ANNO_CONTEXT, {"rawi": VOCAB}]
CONTEXT_CHARS = 32
GENERATOR = {"id": "urn:rawi:software", "type": "Software", "name": f"rawi {__version__}"}


def selectors(text: str, span: Span) -> list[dict[str, Any]]:
    return [
        {
            "type": "TextQuoteSelector",
            "exact": text[span.start : span.end],
            "prefix": text[max(0, span.start - CONTEXT_CHARS) : span.start],
            "suffix": text[span.end : span.end + CONTEXT_CHARS],
        },
        {"type": "TextPositionSelector", "start": span.start, "end": span.end},
    ]


class _Builder:
    """Annotations of one article: shared target source, ids and creation time."""

    def __init__(self, item: ExportedArticle) -> None:
        row = item.stored.row
        self.analysis: Analysis = item.stored.analysis
        self.base = doc_iri(row.doc_key)
        self.source = row.url or self.base
        self.doc_key = row.doc_key
        self.created = row.ingested_at

    def annotation(
        self, local: str, role: str, span: Span, data: dict[str, Any], link: str | None = None
    ) -> dict[str, Any]:
        body: list[dict[str, Any]] = [
            {"type": "TextualBody", "purpose": "tagging", "value": f"rawi:{role}"},
            {"type": "Dataset", "purpose": "describing", **{f"rawi:{k}": v for k, v in data.items()}},
        ]
        same_as = wikidata_url(link)
        if same_as is not None:
            body.append({"type": "SpecificResource", "purpose": "identifying", "source": same_as})
        return {
            "id": f"{self.base}:{local}",
            "type": "Annotation",
            "motivation": "tagging",
            "created": self.created,
            "generator": GENERATOR,
            "rawi:docKey": self.doc_key,
            "body": body,
            "target": {"source": self.source, "selector": selectors(self.analysis.text, span)},
        }

    def link_of(self, local_id: str | None) -> str | None:
        ent = entity_of(self.analysis, local_id)
        return ent.link if ent is not None else None

    def attribution(self, att: Attribution) -> Iterator[dict[str, Any]]:
        a = self.analysis
        yield self.annotation(
            f"{att.id}.content",
            "attribution-content",
            att.content,
            {
                "attribution": att.id,
                "kind": att.kind,
                "stance": att.stance,
                "speaker": speaker_name(a, att),
                "via": relay_names(a, att),
            },
        )
        if att.source.span is not None:
            yield self.annotation(
                f"{att.id}.source",
                "attribution-source",
                att.source.span,
                {"attribution": att.id, "name": speaker_name(a, att)},
                self.link_of(att.source.entity),
            )
        if att.cue is not None:
            yield self.annotation(
                f"{att.id}.cue", "attribution-cue", att.cue, {"attribution": att.id, "stance": att.stance}
            )
        for i, v in enumerate(att.via):
            ent = entity_of(a, v.entity)
            yield self.annotation(
                f"{att.id}.via{i}",
                "attribution-relay",
                v.span,
                {"attribution": att.id, "order": i, "name": ent.name if ent is not None else v.span.text},
                ent.link if ent is not None else None,
            )


def annotations_of(item: ExportedArticle) -> Iterator[dict[str, Any]]:
    b = _Builder(item)
    a = b.analysis
    kept = tuple(item.claims())
    for att in kept:
        yield from b.attribution(att)
    # With a speaker filter, times and figures come only from inside the kept claims.
    holders = kept if item.speakers is not None else a.attributions
    for i, t in enumerate(a.times):
        holder = containing(holders, t.span.start, t.span.end)
        if holder is None and item.speakers is not None:
            continue
        yield b.annotation(
            f"t{i}",
            "time",
            t.span,
            {"timeType": t.type, "value": t.value, "attribution": holder.id if holder else None},
        )
    for i, q in enumerate(a.quantities):
        holder = containing(holders, q.span.start, q.span.end)
        if holder is None and item.speakers is not None:
            continue
        yield b.annotation(
            f"q{i}",
            "quantity",
            q.span,
            {
                "value": q.value,
                "qualifier": q.qualifier,
                "high": q.high,
                "unit": q.unit,
                "attribution": holder.id if holder else None,
            },
        )


def write(items: Iterable[ExportedArticle], out: IO[str]) -> int:
    head = {"@context": CONTEXT, "id": "urn:rawi:export", "type": "AnnotationCollection", "label": "rawi extractions"}
    opening = json.dumps(head, ensure_ascii=False)[:-1] + ', "first": {"type": "AnnotationPage", "items": ['
    return stream_array((a for item in items for a in annotations_of(item)), opening, "]}}\n", out)
