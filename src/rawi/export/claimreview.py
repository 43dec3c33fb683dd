"""`--format claimreview`: schema.org ClaimReview JSON-LD, one ClaimReview per attribution.

rawi does not rate truth: it records who claimed what, where and when, so the
ClaimReviews carry no `reviewRating` (and no review `author`, since no one has
reviewed anything yet). They are ready for a fact-checker to complete: the
`itemReviewed` Claim says who made it (`author`, with the Wikidata page as
`sameAs` when the speaker is linked), in which article (`appearance`) and where
it appeared first (`firstAppearance`: the earliest-published copy of a
syndicated story, else the article itself).

The output is one JSON-LD document whose `@graph` lists the ClaimReviews; it
is written as it is produced, so a large ledger is never held in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from rawi.export.common import doc_iri, entity_of, relay_names, speaker_name, stream_array, wikidata_url
from rawi.ledger.queries_export import ArticleRef, ExportedArticle
from rawi.model import Analysis, Attribution

CONTEXT = "https://schema.org"


def creative_work(ref: ArticleRef) -> dict[str, Any]:
    """The article as a schema.org CreativeWork: its URL (else its rawi IRI), date, headline and outlet."""
    work: dict[str, Any] = {"@type": "CreativeWork", "@id": ref.url or doc_iri(ref.doc_key)}
    if ref.url is not None:
        work["url"] = ref.url
    if ref.published is not None:
        work["datePublished"] = ref.published
    if ref.title is not None:
        work["headline"] = ref.title
    if ref.outlet is not None:
        work["publisher"] = {"@type": "Organization", "name": ref.outlet}
    return work


def author(analysis: Analysis, att: Attribution) -> dict[str, Any] | None:
    """Who made the claim: a Person for a PERSON entity, else an Organization (governments, agencies
    and unresolved spans such as "مصدر عسكري" most often speak for a body). None when unnamed."""
    name = speaker_name(analysis, att)
    if name is None:
        return None
    ent = entity_of(analysis, att.source.entity)
    out: dict[str, Any] = {
        "@type": "Person" if ent is not None and ent.type == "PERSON" else "Organization",
        "name": name,
    }
    same_as = wikidata_url(ent.link if ent is not None else None)
    if same_as is not None:
        out["sameAs"] = same_as
    return out


def reviews(item: ExportedArticle) -> Iterator[dict[str, Any]]:
    analysis, ref = item.stored.analysis, item.ref
    appearance = creative_work(ref)
    first = creative_work(item.first)
    for att in item.claims():
        claim: dict[str, Any] = {
            "@type": "Claim",
            "text": att.content.text,
            "inLanguage": analysis.lang,
            "appearance": appearance,
            "firstAppearance": first,
        }
        who = author(analysis, att)
        if who is not None:
            claim["author"] = who
        if ref.published is not None:
            # The article's dateline: the earliest date rawi can vouch the claim was made.
            claim["datePublished"] = claim["dateCreated"] = ref.published
        relays = relay_names(analysis, att)
        if relays:
            claim["description"] = "via " + " < ".join(relays)
        yield {
            "@type": "ClaimReview",
            "@id": f"{doc_iri(ref.doc_key)}:{att.id}",
            "claimReviewed": att.content.text,
            "itemReviewed": claim,
        }


def write(items: Iterable[ExportedArticle], out: IO[str]) -> int:
    head = '{"@context": ' + json.dumps(CONTEXT) + ', "@graph": ['
    return stream_array((r for item in items for r in reviews(item)), head, "]}\n", out)
