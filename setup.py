"""Build hook: compile the English pipeline with mypyc, or install it as plain Python.

The English stages (`src/rawi/en/*.py`) are compiled to C extension modules by mypyc when
mypy (a build requirement in pyproject.toml: it ships mypyc) and a C compiler are at hand.
The compiled modules give the same output as the source and read English about half again as
fast (README, English, "How fast").
Anything that goes wrong while compiling (no compiler, no Python headers, a mypyc error)
leaves a pure-Python install with a warning: nothing else needs the compiled modules.
RAWI_PURE_PYTHON=1 skips compiling. An editable install (`pip install -e .`) puts the
compiled modules beside the sources in src/; `rawi.en` loads the sources instead while
any of them is newer than the compiled modules (an edit since the last install).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from setuptools import setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
EN = SRC / "rawi" / "en"
# Compiled by mypyc, relative to this folder: every module of rawi.en but its __init__.
COMPILED = sorted(f"src/rawi/en/{p.name}" for p in EN.glob("*.py") if p.name != "__init__.py")
# Commands that only write metadata build nothing: they need no C.
_METADATA_ONLY = {"egg_info", "dist_info", "sdist", "--version", "--name", "clean"}


def _warn(msg: str) -> None:
    print(f"rawi: {msg}; installing the pure-Python modules instead", file=sys.stderr)


def _remove_inplace_builds() -> None:
    """Compiled modules an earlier editable install left in src/: a build either replaces them
    or, when it compiles nothing, must not leave them to shadow the sources."""
    for so in [*EN.glob("*.so"), *EN.glob("*.pyd"), *SRC.glob("*__mypyc.*")]:
        so.unlink()


def _mypyc_extensions() -> list[Any]:
    if _METADATA_ONLY.intersection(sys.argv[1:]):
        return []
    _remove_inplace_builds()
    if os.environ.get("RAWI_PURE_PYTHON", "").strip() not in ("", "0"):
        print("rawi: RAWI_PURE_PYTHON is set: the English pipeline is not compiled", file=sys.stderr)
        return []
    cwd = os.getcwd()
    try:
        from mypyc.build import mypycify

        os.chdir(HERE)
        # No config file: the project's mypy settings check tests and scripts too; here only the
        # types matter, and the build environment lacks the stubs of third-party packages.
        return list(mypycify(["--config-file=", "--ignore-missing-imports", *COMPILED], opt_level="3", multi_file=True))
    except (Exception, SystemExit) as exc:  # mypyc exits through SystemExit on a type error
        _warn(f"mypyc could not compile the English pipeline ({type(exc).__name__}: {exc})")
        return []
    finally:
        os.chdir(cwd)


class OptionalBuildExt(build_ext):
    """All compiled modules or none: a failed C build removes whatever it built and goes on."""

    def finalize_options(self) -> None:
        super().finalize_options()
        if self.parallel is None:
            self.parallel = os.cpu_count() or 1  # mypyc writes one C file a module: compile them side by side

    def run(self) -> None:
        try:
            super().run()
        except (Exception, SystemExit) as exc:
            _warn(f"compiling the English pipeline failed ({type(exc).__name__}: {exc})")
            self._remove_outputs()
            self.extensions = []
            self.distribution.ext_modules = []

    def _remove_outputs(self) -> None:
        for ext in self.extensions:
            built = os.path.join(self.build_lib, self.get_ext_filename(ext.name))
            for path in (self.get_ext_fullpath(ext.name), built):
                if os.path.exists(path):
                    os.remove(path)
        if self.inplace:
            _remove_inplace_builds()

    def get_outputs(self) -> list[str]:
        return [p for p in super().get_outputs() if os.path.exists(p)]


setup(ext_modules=_mypyc_extensions(), cmdclass={"build_ext": OptionalBuildExt})
