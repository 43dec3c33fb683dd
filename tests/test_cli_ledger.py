"""The ledger commands: ingest is idempotent and reports rejections; demo shows a conflict and a revision."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from rawi.cli import main

ARTICLES = [
    {
        "id": "a1",
        "published": "2025-09-10",
        "source": "وكالة أ",
        "text": "قالت وزارة الصحة إن 50 شخصا قتلوا في القصف على المدينة.",
    },
    {
        "id": "a2",
        "published": "2025-09-10",
        "source": "وكالة ب",
        "text": "قال الدفاع المدني إن أكثر من 90 شخصا قتلوا في القصف على المدينة.",
    },
]


def run(args: list[str]) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, args)
    return res.exit_code, res.stdout, res.stderr


def test_ingest_twice_changes_nothing_and_names_rejections(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "batch.jsonl").write_text(
        "\n".join(json.dumps(a, ensure_ascii=False) for a in ARTICLES) + "\n", encoding="utf-8"
    )
    (src / "broken.bin").write_bytes(b"\x00\x01\x02binary")
    db = str(tmp_path / "ledger.sqlite")
    code, out, err = run(["ingest", str(src), "--db", db])
    # A rejected input makes the exit status 1, so that scripts notice; the others are stored.
    assert code == 1 and "added 2, unchanged 0, replaced 0, rejected 1" in out
    assert "broken.bin" in err and "1 input(s) rejected" in err
    code, out, _ = run(["ingest", str(src), "--db", db])
    assert code == 1 and "added 0, unchanged 2, replaced 0, rejected 1" in out
    code, out, _ = run(["claims", "--db", db, "--format", "json"])
    rows = json.loads(out)
    assert {r["doc_key"] for r in rows} == {"a1", "a2"}


def test_conflicts_command_finds_incompatible_figures(tmp_path: Path) -> None:
    f = tmp_path / "batch.jsonl"
    f.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in ARTICLES) + "\n", encoding="utf-8")
    db = str(tmp_path / "ledger.sqlite")
    run(["ingest", str(f), "--db", db])
    code, out, _ = run(["conflicts", "--db", db, "--format", "json"])
    found = json.loads(out)
    assert code == 0 and [c["kind"] for c in found] == ["conflict"]
    assert {found[0]["a"]["text"], found[0]["b"]["text"]} == {"50", "أكثر من 90"}
    assert {(s["article_id"], s["start"], s["end"]) for s in (found[0]["a"], found[0]["b"])} == {
        ("a1", ARTICLES[0]["text"].index("50"), ARTICLES[0]["text"].index("50") + 2),
        ("a2", ARTICLES[1]["text"].index("أكثر"), ARTICLES[1]["text"].index("أكثر") + len("أكثر من 90")),
    }
    confidence = found[0]["confidence"]
    code, out, _ = run(["conflicts", "--db", db, "--format", "json", "--min-confidence", str(confidence)])
    assert code == 0 and json.loads(out) == found
    code, out, _ = run(["conflicts", "--db", db, "--format", "json", "--min-confidence", f"{confidence + 0.001:.3f}"])
    assert code == 0 and json.loads(out) == []


def test_figures_command_prints_the_scorer_contract(tmp_path: Path) -> None:
    """`rawi figures --format json`: every figure with article_id, start, end and key (what
    ../shared/eval/score_claims.py reads); the two death tolls share a key."""
    f = tmp_path / "batch.jsonl"
    f.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in ARTICLES) + "\n", encoding="utf-8")
    db = str(tmp_path / "ledger.sqlite")
    run(["ingest", str(f), "--db", db])
    code, out, _ = run(["figures", "--db", db, "--format", "json"])
    rows = json.loads(out)
    assert code == 0 and len(rows) == 2
    for r in rows:
        text = next(a["text"] for a in ARTICLES if a["id"] == r["article_id"])
        assert text[r["start"] : r["end"]] == r["text"]
        assert r["measure"] == "killed/person" and r["said_on"] == "2025-09-10" and r["source_kind"] == "named"
    assert rows[0]["key"] == rows[1]["key"] is not None
    code, out, err = run(["figures", "--db", db, "--entity", "وزاره الصحه"])  # folded spelling
    assert code == 0 and "50" in out and "1-1 of 1 figures" in err


def test_demo_shows_a_conflict_and_a_revision() -> None:
    code, out, _ = run(["demo"])
    assert code == 0
    conflicts = out.split("\nConflicts\n")[1].split("\nRevisions\n")[0]
    revisions = out.split("\nRevisions\n")[1].split("\nTimeline")[0]
    assert "أكثر من 4000" in conflicts and "cannot both hold" in conflicts
    # The NIS said about 2000 in September and about 2500 in October: a revision upwards, in that order.
    first = revisions.splitlines()[0]
    assert "جهاز الاستخبارات الوطني الكوري الجنوبي" in first
    assert first.index("حوالي 2000") < first.index("نحو 2500") and first.index("2025-09") < first.index("2025-10-15")
    top = out.split("\nTop sources\n")[1].split("\n\n")[0]
    assert "العدد" not in top and "كيم جونغ أون" in top


def test_two_texts_under_one_key_keep_the_first_and_reruns_settle(tmp_path: Path) -> None:
    f = tmp_path / "dup.jsonl"
    rows = [
        {"id": "same", "text": "قال الوزير إن الاجتماع انتهى."},
        {"id": "same", "text": "قال الوزير إن الاجتماع تأجل."},
    ]
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    db = str(tmp_path / "ledger.sqlite")
    code, out, err = run(["ingest", str(f), "--db", db])
    assert code == 1 and "added 1, unchanged 0, replaced 0, rejected 1" in out and "E012" in err
    for _ in range(2):
        code, out, _ = run(["ingest", str(f), "--db", db])
        assert code == 1 and "added 0, unchanged 1, replaced 0, rejected 1" in out


def test_contradiction_and_filters(tmp_path: Path) -> None:
    rows = [
        {
            "id": "c1",
            "published": "2025-09-10",
            "source": "وكالة أ",
            "text": "قالت وزارة الصحة إن 50 شخصا قتلوا في القصف على المدينة.",
        },
        {
            "id": "c2",
            "published": "2025-09-10",
            "source": "وكالة ب",
            "text": "ونفى الجيش أن 50 شخصا قتلوا في القصف على المدينة.",
        },
    ]
    f = tmp_path / "c.jsonl"
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    db = str(tmp_path / "ledger.sqlite")
    run(["ingest", str(f), "--db", db])
    code, out, _ = run(["conflicts", "--db", db, "--kind", "contradiction", "--format", "json"])
    found = json.loads(out)
    assert code == 0 and [c["kind"] for c in found] == ["contradiction"]
    code, out, _ = run(["conflicts", "--db", db, "--since", "2025-10-01", "--format", "json"])
    assert json.loads(out) == []


def test_reframe_command_and_the_note_when_frames_are_stale(tmp_path: Path) -> None:
    f = tmp_path / "batch.jsonl"
    f.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in ARTICLES) + "\n", encoding="utf-8")
    db = str(tmp_path / "ledger.sqlite")
    run(["ingest", str(f), "--db", db])
    code, _, err = run(["figures", "--db", db])
    assert code == 0 and "reframe" not in err
    con = sqlite3.connect(db)
    con.execute("UPDATE ledger_state SET value = 'older' WHERE key = 'frames_made_by'")
    con.commit()
    con.close()
    code, _, err = run(["figures", "--db", db])
    assert code == 0 and "`rawi reframe`" in err
    code, _, err = run(["reframe", "--db", db])
    assert code == 0 and "2 articles with figures framed again" in err
    code, out, err = run(["conflicts", "--db", db, "--format", "json"])
    assert code == 0 and "reframe" not in err and [c["kind"] for c in json.loads(out)] == ["conflict"]
