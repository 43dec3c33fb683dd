"""English attributions through the public API: one case per pattern of the issue.

Every sentence here is written for the tests; none comes from gold data.
"""

from __future__ import annotations

from typing import Any

import pytest

from rawi.api import extract_article
from rawi.model import Article


def run(text: str) -> dict[str, Any]:
    return extract_article(Article("t", text, "2025-10-24"), lang="en").to_json()


def rows(text: str) -> list[tuple[str | None, str | None, str, list[str], str, str]]:
    """(source, cue, content, via, kind, stance) of every attribution."""
    doc = run(text)
    return [
        (
            a["source"]["text"],
            a["cue"]["text"] if a["cue"] else None,
            a["content"]["text"],
            [v["text"] for v in a["via"]],
            a["kind"],
            a["stance"],
        )
        for a in doc["attributions"]
    ]


def entity_of(doc: dict[str, Any], eid: str | None) -> dict[str, Any]:
    return next(e for e in doc["entities"] if e["id"] == eid)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # direct quotes: cue after, before, inside; several sentences
        (
            '"The talks were useful," the minister said.',
            ("the minister", "said", "The talks were useful", [], "direct", "assert"),
        ),
        (
            '"The talks were useful," said the minister.',
            ("the minister", "said", "The talks were useful", [], "direct", "assert"),
        ),
        (
            'The minister said: "The talks were useful."',
            ("The minister", "said", "The talks were useful", [], "direct", "assert"),
        ),
        (
            '"The roads are closed. The schools are closed," the mayor said.',
            ("the mayor", "said", "The roads are closed. The schools are closed", [], "direct", "assert"),
        ),
        (
            '"The roads are closed," the mayor said, "and the schools will stay shut."',
            (
                "the mayor",
                "said",
                'The roads are closed," the mayor said, "and the schools will stay shut',
                [],
                "direct",
                "assert",
            ),
        ),
        # indirect speech
        (
            "The minister said that the talks would resume in May.",
            ("The minister", "said", "the talks would resume in May", [], "indirect", "assert"),
        ),
        (
            "The minister said the talks would resume in May.",
            ("The minister", "said", "the talks would resume in May", [], "indirect", "assert"),
        ),
        (
            "The general told reporters that the offensive had stalled.",
            ("The general", "told", "the offensive had stalled", [], "indirect", "assert"),
        ),
        (
            "The ministry denied that troops had crossed the border.",
            ("The ministry", "denied", "troops had crossed the border", [], "indirect", "deny"),
        ),
        (
            "The agency warned that the river could flood the valley.",
            ("The agency", "warned", "the river could flood the valley", [], "indirect", "warn"),
        ),
        (
            "Police estimated that 5,000 people had gathered.",
            ("Police", "estimated", "5,000 people had gathered", [], "indirect", "estimate"),
        ),
        (
            "The army confirmed that two soldiers had died.",
            ("The army", "confirmed", "two soldiers had died", [], "indirect", "confirm"),
        ),
        (
            "The opposition claimed that the vote was rigged.",
            ("The opposition", "claimed", "the vote was rigged", [], "indirect", "claim"),
        ),
        (
            "The council called for an immediate ceasefire.",
            ("The council", "called", "for an immediate ceasefire", [], "indirect", "call"),
        ),
        (
            "The president praised the rescue workers for their courage.",
            ("The president", "praised", "the rescue workers for their courage", [], "indirect", "praise"),
        ),
        (
            "The ministry said in a statement on Thursday that the border would reopen.",
            ("The ministry", "said", "the border would reopen", [], "indirect", "assert"),
        ),
        # according to, before and after
        (
            "According to the ministry, 27 people were killed in the blast.",
            ("the ministry", "According to", "27 people were killed in the blast", [], "indirect", "assert"),
        ),
        (
            "Twenty-seven people were killed in the blast, according to local officials.",
            (
                "local officials",
                "according to",
                "Twenty-seven people were killed in the blast",
                [],
                "indirect",
                "assert",
            ),
        ),
        # postposed frames, participles and appositions
        (
            "The border will stay closed, said Ali Hassan, a spokesman for the interior ministry.",
            ("Ali Hassan", "said", "The border will stay closed", [], "indirect", "assert"),
        ),
        (
            "The border will stay closed, officials said.",
            ("officials", "said", "The border will stay closed", [], "indirect", "assert"),
        ),
        (
            "Rebels shelled the airport, the army said, adding that three planes were hit.",
            ("the army", "adding", "three planes were hit", [], "indirect", "assert"),
        ),
        (
            "Omar Khalid, a spokesman for the army, said the airport was safe.",
            ("Omar Khalid", "said", "the airport was safe", [], "indirect", "assert"),
        ),
        # relays
        (
            "The general told Reuters that the offensive had stalled.",
            ("The general", "told", "the offensive had stalled", ["Reuters"], "indirect", "assert"),
        ),
        (
            "The leader said the drills were a success, in remarks carried by KCNA.",
            ("The leader", "said", "the drills were a success", ["KCNA"], "indirect", "assert"),
        ),
        (
            "The commander was quoted by state media as saying the missiles were ready.",
            ("The commander", "saying", "the missiles were ready", ["state media"], "indirect", "assert"),
        ),
        (
            "Officials said the dam had burst, according to a statement published by the state news agency.",
            ("Officials", "said", "the dam had burst", ["a statement", "the state news agency"], "indirect", "assert"),
        ),
        (
            "According to Yonhap, quoting the Korean Central News Agency, the drills had ended.",
            (
                "the Korean Central News Agency",
                "According to",
                "the drills had ended",
                ["Yonhap"],
                "indirect",
                "assert",
            ),
        ),
        # evidence that opens with a share: "found only a quarter of … favoured"
        (
            "A recent poll found only a quarter of citizens favoured changing the flag.",
            (
                "A recent poll",
                "found",
                "only a quarter of citizens favoured changing the flag",
                [],
                "indirect",
                "assert",
            ),
        ),
        # "was quoted as saying", the relay after the verb or none, the quote before the frame
        (
            '"We will never forget them," Kim was quoted as saying by state media.',
            ("Kim", "saying", "We will never forget them", ["state media"], "direct", "assert"),
        ),
        (
            "The general was quoted as saying that the drills were over.",
            ("The general", "saying", "the drills were over", [], "indirect", "assert"),
        ),
        # two speakers' nouns coordinated, opening their clause
        (
            "A car bomb killed at least 27 people in a market, police and medical sources said.",
            (
                "police and medical sources",
                "said",
                "A car bomb killed at least 27 people in a market",
                [],
                "indirect",
                "assert",
            ),
        ),
        (
            "Witnesses and residents told Reuters the bridge had collapsed.",
            ("Witnesses and residents", "told", "the bridge had collapsed", ["Reuters"], "indirect", "assert"),
        ),
        # ... but not a verb's object before "and"
        (
            "The blast killed 27 officials and police said the toll could rise.",
            ("police", "said", "the toll could rise", [], "indirect", "assert"),
        ),
        # a long relative clause between the speaker and the verb, with an infinitive in it
        (
            "Two officials, who spoke on condition of anonymity because they were not authorised to brief"
            " the media, said the bomber was a teenager.",
            ("Two officials", "said", "the bomber was a teenager", [], "indirect", "assert"),
        ),
        # a bare weekday before "that" is the frame's time (news agency style)
        (
            "The Pentagon said Tuesday that 2,500 troops would be deployed.",
            ("The Pentagon", "said", "2,500 troops would be deployed", [], "indirect", "assert"),
        ),
        (
            "The United States will send 3,000 troops, the secretary announced Friday, as fears grew.",
            ("the secretary", "announced", "The United States will send 3,000 troops", [], "indirect", "assert"),
        ),
        (
            "He said Friday was the deadline.",
            ("He", "said", "Friday was the deadline", [], "indirect", "assert"),
        ),
        # an apposition closing the sentence after "according to X" is the source's
        (
            "At least 30 people were killed, according to the Observatory, a Britain-based monitoring group.",
            ("the Observatory", "according to", "At least 30 people were killed", [], "indirect", "assert"),
        ),
        # a day or a setting between the speaker and the verb (news agency style)
        (
            "The ministry on Monday said that the border was closed.",
            ("The ministry", "said", "the border was closed", [], "indirect", "assert"),
        ),
        (
            "Officials in a statement last week said the border was closed.",
            ("Officials", "said", "the border was closed", [], "indirect", "assert"),
        ),
        # a document's phrase runs over its participle: "published in March", "released by the UN"
        (
            "A report released by the UN on Monday said 2 million people had fled.",
            ("A report released by the UN", "said", "2 million people had fled", [], "indirect", "assert"),
        ),
        (
            "A statement from the ministry said 12 soldiers were wounded.",
            ("A statement from the ministry", "said", "12 soldiers were wounded", [], "indirect", "assert"),
        ),
        (
            "A study published in March found that rainfall had increased.",
            ("A study published in March", "found", "rainfall had increased", [], "indirect", "assert"),
        ),
        # "no" opens a clause when a verb follows ("said no to the plan" is a refusal, no report)
        (
            "The firm said no one was hurt.",
            ("The firm", "said", "no one was hurt", [], "indirect", "assert"),
        ),
        # a figure right after a present-tense verb opens the content ("police posts 542" stays a noun)
        (
            "Officials say 40 people died.",
            ("Officials", "say", "40 people died", [], "indirect", "assert"),
        ),
        (
            "Health authorities in Gaza say 9,000 people have been killed.",
            ("Health authorities in Gaza", "say", "9,000 people have been killed", [], "indirect", "assert"),
        ),
        # a report inside another's content ends where that content ends
        (
            "Officials warned the toll could rise, the news agency reported.",
            ("Officials", "warned", "the toll could rise", [], "indirect", "warn"),
        ),
        # one relay read twice is given once
        (
            "Kim visited a museum honouring the soldiers, state media reported on Friday, in remarks carried by KCNA.",
            ("state media", "reported", "Kim visited a museum honouring the soldiers", ["KCNA"], "indirect", "assert"),
        ),
        # a thought whose clause opens with a gerund subject
        (
            "The minister believes rebuilding the port now has broad support.",
            ("The minister", "believes", "rebuilding the port now has broad support", [], "indirect", "claim"),
        ),
    ],
)
def test_pattern(text: str, expected: tuple[str, str, str, list[str], str, str]) -> None:
    assert expected in rows(text)


def test_a_quote_over_two_paragraphs_is_one_content() -> None:
    text = (
        'The coach spoke after the match. "We played badly in the first half.\n'
        '"In the second half we found our rhythm," he said.'
    )
    found = rows(text)
    assert len(found) == 1
    source, cue, content, _, kind, _ = found[0]
    assert (source, cue, kind) == ("he", "said", "direct")
    assert content.startswith("We played badly") and content.endswith("found our rhythm")


def test_a_pronoun_source_keeps_the_pronoun_and_names_the_speaker() -> None:
    doc = run('Foreign Minister Maria Lopez said the embassy would reopen. "We are ready," she added.')
    first, second = doc["attributions"]
    assert second["source"]["text"] == "she"
    assert second["source"]["entity"] == first["source"]["entity"]
    assert entity_of(doc, first["source"]["entity"])["type"] == "PERSON"


def test_a_title_continues_the_named_speaker() -> None:
    doc = run("Defence Minister Tariq Aziz said the army was ready. The minister said more troops would come.")
    first, second = doc["attributions"]
    assert second["source"]["text"] == "The minister"
    assert second["source"]["entity"] == first["source"]["entity"]


def test_an_organisation_noun_continues_the_named_organisation_that_spoke() -> None:
    """ "The company said" after "Acme Motor Corp said": the company is Acme, though the word
    "company" is in none of its mentions; a relay in between ("told Reuters") is no candidate."""
    doc = run(
        "Acme Motor Corp said it would recall 1,000 cars, an official told Reuters. "
        "The company said no injuries had been reported."
    )
    by_text = {a["source"]["text"]: a["source"]["entity"] for a in doc["attributions"]}
    assert by_text["The company"] == by_text["Acme Motor Corp"]


def test_a_surname_continues_the_named_speaker() -> None:
    doc = run("Professor Ana Silva said the study was small. Silva said more work was needed.")
    first, second = doc["attributions"]
    assert second["source"]["entity"] == first["source"]["entity"]


def test_known_names_carry_their_wikidata_id() -> None:
    doc = run("North Korea said the drills were a provocation, KCNA reported.")
    links = {e["name"]: e["link"] for e in doc["entities"]}
    assert links.get("North Korea") == "Q423"


@pytest.mark.parametrize(
    "text",
    [
        "The minister was told that the talks had failed.",  # a passive: who told him is not said
        "Media reports of the crash were wrong.",  # a noun
        "The company announced new homes for the shuttles.",  # an act, not words
        "He refused to say whether the talks had failed.",  # an infinitive
        "Police questioned the student for hours.",  # not a reporting verb
        "A blog written by the activist went viral.",  # a participle as an adjective
        "Police found only a knife at the scene.",  # an object, no clause after it
        "The minister said no to the plan.",  # a refusal
    ],
)
def test_not_attributions(text: str) -> None:
    assert rows(text) == []


def test_headlines_hold_no_attributions() -> None:
    text = "Minister says talks will resume\nThe minister said the talks would resume in May."
    assert [r[2] for r in rows(text)] == ["the talks would resume in May"]


@pytest.mark.parametrize("dateline", ["KABUL, May 3 (Reuters) - ", "KABUL (AP) — ", "KABUL (Reuters) - "])
def test_a_wire_dateline_is_not_what_was_said(dateline: str) -> None:
    text = dateline + "Floods killed at least 40 people in the north, officials said."
    assert ("officials", "said", "Floods killed at least 40 people in the north", [], "indirect", "assert") in rows(
        text
    )


def test_a_participle_that_is_not_speech_keeps_its_clause_subject() -> None:
    text = "About 3,000 farmers marched in the capital, police estimated, demanding lower fuel prices."
    found = {r[1]: r for r in rows(text)}
    assert found["estimated"][:3] == ("police", "estimated", "About 3,000 farmers marched in the capital")
    assert found["demanding"][0] == "3,000 farmers"


def test_a_description_before_a_known_name_is_that_name() -> None:
    doc = run("The ministry said in a statement carried by the state news agency QNA that talks would resume.")
    via = doc["attributions"][0]["via"]
    assert [v["text"] for v in via] == ["the state news agency QNA"]
    assert entity_of(doc, via[0]["entity"])["name"] == "Qatar News Agency"
