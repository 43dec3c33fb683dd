"""The ledger commands: ingest is idempotent and reports rejections; demo shows a conflict and a revision."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from rawi.cli import main

ARTICLES = [
    {"id": "a1", "published": "2025-09-10", "source": "وكالة أ",
     "text": "قالت وزارة الصحة إن 50 شخصا قتلوا في القصف على المدينة."},
    {"id": "a2", "published": "2025-09-10", "source": "وكالة ب",
     "text": "قال الدفاع المدني إن أكثر من 90 شخصا قتلوا في القصف على المدينة."},
]


def run(args: list[str]) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, args)
    return res.exit_code, res.stdout, res.stderr


def test_ingest_twice_changes_nothing_and_names_rejections(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "batch.jsonl").write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in ARTICLES) + "\n",
                                     encoding="utf-8")
    (src / "broken.bin").write_bytes(b"\x00\x01\x02binary")
    db = str(tmp_path / "ledger.sqlite")
    code, out, err = run(["ingest", str(src), "--db", db])
    assert code == 0 and "added 2, unchanged 0, replaced 0, rejected 1" in out
    assert "broken.bin" in err
    code, out, _ = run(["ingest", str(src), "--db", db])
    assert "added 0, unchanged 2, replaced 0, rejected 1" in out
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
    assert {found[0]["a"]["evidence"], found[0]["b"]["evidence"]} == {"50", "أكثر من 90"}


def test_demo_shows_a_conflict_and_a_revision() -> None:
    code, out, _ = run(["demo"])
    assert code == 0
    conflicts = out.split("\nConflicts\n")[1].split("\nRevisions\n")[0]
    revisions = out.split("\nRevisions\n")[1].split("\nTimeline")[0]
    assert "أكثر من 4000" in conflicts and "cannot both hold" in conflicts
    assert "revised" in revisions


def test_two_texts_under_one_key_keep_the_first_and_reruns_settle(tmp_path: Path) -> None:
    f = tmp_path / "dup.jsonl"
    rows = [{"id": "same", "text": "قال الوزير إن الاجتماع انتهى."},
            {"id": "same", "text": "قال الوزير إن الاجتماع تأجل."}]
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    db = str(tmp_path / "ledger.sqlite")
    code, out, err = run(["ingest", str(f), "--db", db])
    assert code == 0 and "added 1, unchanged 0, replaced 0, rejected 1" in out and "E012" in err
    for _ in range(2):
        code, out, _ = run(["ingest", str(f), "--db", db])
        assert code == 0 and "added 0, unchanged 1, replaced 0, rejected 1" in out


def test_contradiction_and_filters(tmp_path: Path) -> None:
    rows = [{"id": "c1", "published": "2025-09-10", "source": "وكالة أ",
             "text": "قالت وزارة الصحة إن 50 شخصا قتلوا في القصف على المدينة."},
            {"id": "c2", "published": "2025-09-10", "source": "وكالة ب",
             "text": "ونفى الجيش أن 50 شخصا قتلوا في القصف على المدينة."}]
    f = tmp_path / "c.jsonl"
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    db = str(tmp_path / "ledger.sqlite")
    run(["ingest", str(f), "--db", db])
    code, out, _ = run(["conflicts", "--db", db, "--kind", "contradiction", "--format", "json"])
    found = json.loads(out)
    assert code == 0 and [c["kind"] for c in found] == ["contradiction"]
    code, out, _ = run(["conflicts", "--db", db, "--since", "2025-10-01", "--format", "json"])
    assert json.loads(out) == []
