#!/usr/bin/env python3
"""The README's command-line session, run for real: each `$ rawi …` line of its ```console blocks
is run (in a scratch directory holding the bundled sample story, COLUMNS=WIDTH) and the output
under it is what that run printed, stdout and stderr as a terminal shows them.

    python scripts/readme_session.py          # rewrite the outputs in README.md
    python scripts/readme_session.py --check  # exit 1 if README.md differs from a real run

tests/test_readme.py runs the check, so the README cannot drift from the CLI.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SAMPLE = Path("src/rawi/samples/kursk-story.jsonl")
WIDTH = 120
BLOCK = re.compile(r"```console\n(.*?)```", re.S)


@contextmanager
def scratch() -> Iterator[Path]:
    """A directory holding the sample at the path the README names, as the working directory."""
    old = Path.cwd()
    with tempfile.TemporaryDirectory(prefix="rawi-readme-") as tmp:
        (Path(tmp) / SAMPLE).parent.mkdir(parents=True)
        shutil.copy(ROOT / SAMPLE, Path(tmp) / SAMPLE)
        os.chdir(tmp)
        try:
            yield Path(tmp)
        finally:
            os.chdir(old)


def run(command: str) -> str:
    """What `command` (a `rawi …` line) prints, stdout and stderr interleaved, with its exit status
    when that is not 0."""
    from click.testing import CliRunner

    from rawi.cli import main

    args = shlex.split(command)
    assert args[0] == "rawi", command
    res = CliRunner().invoke(main, args[1:], env={"COLUMNS": str(WIDTH)}, prog_name="rawi")
    if res.exception is not None and not isinstance(res.exception, SystemExit):
        raise RuntimeError(f"{command}: {res.exception!r}") from res.exception
    out = "\n".join(line.rstrip() for line in res.output.splitlines())
    return out + (f"\n[exit status {res.exit_code}]" if res.exit_code else "")


def commands(block: str) -> list[str]:
    return [line[2:] for line in block.splitlines() if line.startswith("$ ")]


def render(readme: str) -> str:
    """README with every console block's outputs replaced by a real run of its commands."""

    def block(m: re.Match[str]) -> str:
        parts = []
        for command in commands(m.group(1)):
            out = run(command)
            parts.append(f"$ {command}\n{out}\n" if out else f"$ {command}\n")
        return "```console\n" + "".join(parts) + "```"

    with scratch():
        return BLOCK.sub(block, readme)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="only compare; exit 1 on a difference")
    a = ap.parse_args()
    text = README.read_text(encoding="utf-8")
    fresh = render(text)
    if a.check:
        if fresh != text:
            sys.exit("README.md's console session differs from a real run: run scripts/readme_session.py")
        return
    README.write_text(fresh, encoding="utf-8")


if __name__ == "__main__":
    main()
