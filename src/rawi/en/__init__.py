"""English: the same contract as the Arabic pipeline, from rules and TSV lexicons.

English news needs no folding (offsets index the text as given) and no model: the
stages scan the text with compiled regular expressions and look at tokens only
in the sentences around a candidate cue, time or number. Entry point:
`rawi.en.pipeline.analyze_en`.
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Sequence
from importlib.abc import MetaPathFinder
from importlib.machinery import EXTENSION_SUFFIXES, ModuleSpec
from importlib.util import spec_from_file_location
from types import ModuleType

# The modules of this package may be compiled by mypyc (setup.py). An editable install leaves the
# compiled modules beside the sources; once a source is edited they are out of date, and as the
# compiled modules call each other's compiled code, one stale module means all of them load from
# source until the next `pip install -e .`.
_HERE = os.path.dirname(os.path.abspath(__file__))


def _stale_sources() -> list[str]:
    if not os.path.isfile(os.path.join(_HERE, "..", "..", "..", "setup.py")):
        return []  # an installed wheel: sources and compiled modules come together
    names = set(os.listdir(_HERE))
    stale = []
    for name in sorted(names):
        if not name.endswith(".py") or name == "__init__.py":
            continue
        for suffix in EXTENSION_SUFFIXES:
            so = name[:-3] + suffix
            if so in names:
                if os.path.getmtime(os.path.join(_HERE, name)) > os.path.getmtime(os.path.join(_HERE, so)):
                    stale.append(name)
                break
    return stale


class _SourceFinder(MetaPathFinder):
    """Finds `rawi.en.*` in its .py files, ahead of the compiled modules."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        prefix, _, leaf = fullname.rpartition(".")
        source = os.path.join(_HERE, leaf + ".py")
        if prefix == __name__ and os.path.isfile(source):
            return spec_from_file_location(fullname, source)
        return None


_stale = _stale_sources()
if _stale:
    warnings.warn(
        f"rawi.en: {', '.join(_stale)} changed since the English pipeline was compiled: running it from"
        " source (slower) until `pip install -e .` compiles it again",
        RuntimeWarning,
        stacklevel=2,
    )
    sys.meta_path.insert(0, _SourceFinder())
