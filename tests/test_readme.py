"""The README's commands are real: its console session is what a run prints today, and every
`rawi` command it names answers --help."""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType

from click.testing import CliRunner

import file_module
from rawi.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _session() -> ModuleType:
    return file_module.load("readme_session", ROOT / "scripts" / "readme_session.py")


def test_the_console_session_is_a_real_run() -> None:
    session = _session()
    blocks = session.BLOCK.findall(README)
    assert blocks and len(session.commands(blocks[0])) >= 8
    fresh = session.render(README)
    assert fresh == README, "README.md's console session differs from a real run: run scripts/readme_session.py"


def test_every_command_the_readme_names_has_help() -> None:
    code = "\n".join(re.findall(r"```(?:sh|console)\n(.*?)```", README, re.S))
    named = set(re.findall(r"(?:^\$ |^|/bin/)rawi ([a-z]+)", code, re.M))
    assert {
        "extract",
        "ingest",
        "articles",
        "claims",
        "figures",
        "conflicts",
        "timeline",
        "sources",
        "export",
        "serve",
        "demo",
    } <= named
    assert named <= set(main.list_commands(None))  # type: ignore[arg-type]
    for name in sorted(named):
        res = CliRunner().invoke(main, [name, "--help"], prog_name="rawi")
        assert res.exit_code == 0 and f"Usage: rawi {name}" in res.output, name
