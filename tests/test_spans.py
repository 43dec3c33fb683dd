"""The span invariant: every emitted span is exactly the text it claims to cover."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rawi.model import Analysis, Article
from rawi.pipeline import analyze

SEED = (
    'وقال كيم، بحسب ما نقلت عنه وكالة الأنباء المركزية الكورية الشمالية، إن "سنوات الأخوة المسلحة '
    'سوف تتقدم بلا توقف". وتقدر كييف وسيول أن كوريا الشمالية نشرت أكثر من 10000 جندي في أكتوبر 2024.'
)

_PIECES = [
    "وقال",
    "قالت",
    "أكد",
    "بحسب",
    "وفقاً لـ",
    "حسبما ذكرت",
    "مضيفا",
    "قائلا:",
    "إن",
    "أن",
    " ",
    " ",
    "\n",
    "الوزير",
    "كيم",
    "وكالة",
    "رويترز",
    "«",
    "»",
    '"',
    "“",
    "”",
    "''",
    "،",
    ".",
    "..",
    "؟",
    ":",
    "-",
    "أكثر من",
    "حوالي",
    "١٠٬٠٠٠",
    "2000",
    "ثلاثة آلاف",
    "مئات",
    "جثتين",
    "%",
    "بين 10 و20",
    "أمس",
    "اليوم",
    "يوم الخميس",
    "إبريل/نيسان",
    "15 شوال 1436هـ",
    "21/10/1436 هـ",
    "قبل ثلاثة أيام",
    "ً",
    "ٌ",
    "ّ",
    "ـ",
    "ﻻ",
    "ﷲ",
    "\u200f",
    "\u200d",
    "\ufeff",
    "ﬁ",
    "①",
    "𝟙",
    "e\u0301",
    "\r\n",
    "\t",
    "\x00",
    "\x85",
    "\u2028",
    "🙂",
    "\U0001ee00",
    "א",
    "Ω",
]
adversarial = st.lists(st.sampled_from(_PIECES), max_size=70).map("".join)
mutated_seed = st.tuples(st.integers(0, len(SEED)), st.integers(0, len(SEED)), st.text(max_size=8)).map(
    lambda t: SEED[: t[0]] + t[2] + SEED[t[1] :]
)


def spans_of(res: Analysis) -> list[dict[str, Any]]:
    doc = res.to_json()
    out: list[dict[str, Any]] = []
    for e in doc["entities"]:
        out += e["mentions"]
    for a in doc["attributions"]:
        out += [a["content"], *a["via"]]
        if a["cue"]:
            out.append(a["cue"])
        if a["source"]["start"] is not None:
            out.append(a["source"])
    out += doc["times"] + doc["quantities"]
    return out


def check(text: str) -> None:
    res = analyze(Article("t", text, "2025-10-24"))
    assert res.text == text
    for sp in spans_of(res):
        assert 0 <= sp["start"] <= sp["end"] <= len(text)
        assert text[sp["start"] : sp["end"]] == sp["text"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=200), adversarial, mutated_seed))
def test_every_span_is_the_text_it_claims(text: str) -> None:
    check(text)


def test_seed_like_text_yields_spans() -> None:
    res = analyze(Article("t", SEED, "2025-10-24"))
    assert res.attributions and res.quantities and res.times
    check(SEED)
