"""The command line: shapes other tools depend on, and bad input that must not stop a batch."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from click.testing import CliRunner

from rawi.cli import main

ARTICLE = "وقال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل."


def run(args: list[str], stdin: bytes | None = None) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, args, input=stdin)
    return res.exit_code, res.stdout, res.stderr


def test_extract_file_prints_the_contract(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    code, out, _ = run(["extract", str(f), "--id", "x1", "--published", "2025-10-24", "--format", "json"])
    assert code == 0
    doc = json.loads(out)
    assert doc["id"] == "x1" and doc["published"] == "2025-10-24" and doc["text"] == ARTICLE
    assert {"entities", "attributions", "times", "quantities"} <= doc.keys()


def test_extract_reads_stdin() -> None:
    code, out, _ = run(["extract", "-", "--id", "s"], ARTICLE.encode())
    assert code == 0 and json.loads(out)["text"] == ARTICLE


def test_jsonl_bad_line_reported_and_others_come_out(tmp_path: Path) -> None:
    f = tmp_path / "c.jsonl"
    lines = [
        json.dumps({"id": "1", "text": ARTICLE, "published": "2025-10-24"}, ensure_ascii=False),
        "{this is not json",
        json.dumps({"id": "3", "text": ""}),
        json.dumps({"id": "4", "text": ARTICLE, "published": "not a date"}, ensure_ascii=False),
        json.dumps({"id": "5", "text": ARTICLE}, ensure_ascii=False),
    ]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run(["extract", str(f), "--format", "jsonl"])
    assert [json.loads(x)["id"] for x in out.splitlines()] == ["1", "5"]
    assert code == 1
    assert f"{f}:2" in err and "E005" in err
    assert f"{f}:3" in err and "E001" in err
    assert f"{f}:4" in err and "E007" in err


def test_jsonl_gz_is_read(tmp_path: Path) -> None:
    f = tmp_path / "c.jsonl.gz"
    with gzip.open(f, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": 7, "text": ARTICLE}, ensure_ascii=False) + "\n")
    code, out, _ = run(["extract", str(f)])
    assert code == 0 and json.loads(out)["id"] == "7"


def test_empty_input_is_a_clear_error(tmp_path: Path) -> None:
    f = tmp_path / "empty.txt"
    f.write_bytes(b"  \n")
    code, out, err = run(["extract", str(f)])
    assert code == 2 and out == "" and "E001" in err and str(f) in err


def test_binary_input_is_a_clear_error(tmp_path: Path) -> None:
    f = tmp_path / "img.png"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    code, _, err = run(["extract", str(f)])
    assert code == 2 and "E002" in err and str(f) in err


def test_invalid_utf8_is_a_clear_error(tmp_path: Path) -> None:
    f = tmp_path / "cp1256.txt"
    f.write_bytes("قال الوزير".encode("cp1256"))
    code, _, err = run(["extract", str(f)])
    assert code == 2 and "E003" in err and "iconv" in err


def test_ten_megabytes_of_text_is_refused_with_the_limit(tmp_path: Path) -> None:
    f = tmp_path / "huge.txt"
    f.write_text("قال الوزير إن الوضع هادئ. " * 400_000, encoding="utf-8")
    assert f.stat().st_size > 10_000_000
    code, _, err = run(["extract", str(f)])
    assert code == 2 and "E004" in err and "--max-chars" in err


def test_missing_file_names_the_path() -> None:
    code, _, err = run(["extract", "/nonexistent/article.txt"])
    assert code == 2 and "E009" in err and "/nonexistent/article.txt" in err


def test_nonsense_published_date_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    code, _, err = run(["extract", str(f), "--published", "2025-13-45"])
    assert code == 2 and "E007" in err and "2025-13-45" in err


def test_english_is_read(tmp_path: Path) -> None:
    f = tmp_path / "en.txt"
    f.write_text("The minister said on Thursday that the talks would resume next week.", encoding="utf-8")
    for lang in ("auto", "en"):
        code, out, err = run(["extract", str(f), "--published", "2025-10-24", "--lang", lang])
        assert code == 0, err
        doc = json.loads(out)
        assert doc["lang"] == "en"
        assert [a["content"]["text"] for a in doc["attributions"]] == ["the talks would resume next week"]


def test_other_languages_are_declined(tmp_path: Path) -> None:
    f = tmp_path / "fr.txt"
    f.write_text(
        "Le ministre a déclaré jeudi que les négociations reprendraient la semaine prochaine.", encoding="utf-8"
    )
    code, _, err = run(["extract", str(f)])
    assert code == 2 and "E008" in err and "French" in err and "not supported yet" in err


def test_output_file_is_complete_or_absent(tmp_path: Path) -> None:
    src = tmp_path / "c.jsonl"
    src.write_text(json.dumps({"id": "1", "text": ARTICLE}, ensure_ascii=False) + "\n", encoding="utf-8")
    target = tmp_path / "out.jsonl"
    code, _, _ = run(["extract", str(src), "-o", str(target)])
    assert code == 0 and json.loads(target.read_text(encoding="utf-8"))["id"] == "1"
    assert not list(tmp_path.glob("*.part"))


def test_no_published_leaves_relative_months_underspecified(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("وقال الوزير في أبريل إن المحادثات انتهت.", encoding="utf-8")
    code, out, _ = run(["extract", str(f)])
    assert code == 0
    values = [t["value"] for t in json.loads(out)["times"]]
    assert values == ["XXXX-04"]


def test_every_command_a_module_registers_is_in_the_lazy_table() -> None:
    """`rawi NAME` loads NAME's module only when named: a command missing from the table would
    work in a process that loaded its module for another command, and nowhere else."""
    import importlib

    import click

    from rawi.cli import _LAZY

    for module in set(_LAZY.values()):
        group = click.Group()
        importlib.import_module(module).register(group)
        assert set(group.commands) == {n for n, m in _LAZY.items() if m == module}, module
