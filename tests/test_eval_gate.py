"""The evaluation gate: dev gold scored by the reference scorer must not fall below pinned minimums.

The minimums sit a little under today's figures on the 21 dev articles
(attribution 0.931, via 0.875, time 0.991, quantity 0.970). They were pinned at
0.89 / 0.95 / 0.95 on the first 11; the dev set then grew by 10 articles the rules
had never seen, and the floors were re-pinned once, in a commit of their own, to
what rawi scored on all 21 (0.82 / 0.91 / 0.91). Issue 10 (generalising to unseen
articles) raised them and added the relay (via) F1. Raise them when the figures
rise; lowering one needs a reason written next to it. Skipped when ../shared is not
beside the checkout: the tests never depend on it, CI has it.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import file_module
from rawi.api import extract_article
from rawi.model import Article

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
MINIMUM = {"attribution": 0.925, "via": 0.86, "time": 0.985, "quantity": 0.96}

pytestmark = pytest.mark.skipif(not (SHARED / "score.py").is_file(), reason="../shared/eval is not here")


def _scorer() -> ModuleType:
    return file_module.load("rawi_reference_scorer", SHARED / "score.py")


def test_dev_gold_meets_the_pinned_minimums() -> None:
    scorer = _scorer()
    golds: dict[str, Any] = scorer.load(SHARED / "dev")
    preds = {}
    for doc_id, g in golds.items():
        # Only what a user would give us: the text, the id and the dateline.
        preds[doc_id] = json.loads(
            json.dumps(extract_article(Article(doc_id, g["text"], g.get("published"))).to_json())
        )
    result = scorer.score(golds, preds)
    for key, floor in MINIMUM.items():
        assert result[key]["f1"] >= floor, f"{key} F1 {result[key]['f1']} fell below {floor}"
