#!/usr/bin/env python3
"""Peer comparison for quantities: pyarabic's number detection over the gold texts.

    python benchmarks/peer_pyarabic.py --gold ../shared/eval/dev --out /tmp/peer_pyarabic
    python3 ../shared/eval/score.py ../shared/eval/dev /tmp/peer_pyarabic

pyarabic (`pyarabic.number`) finds number phrases in a token list
(`detect_number_phrases_position`, the API behind its `extract_number_phrases`)
and converts number words to values (`text2number`). We give it its own
tokenizer (`araby.tokenize`), map each phrase back to character offsets, and
value it with `text2number`; digit tokens, which `text2number` does not read,
are read with `float`, and a digit token followed by magnitude words ("5 آلاف")
is multiplied by their value, so that the peer is not penalised for a case its
API leaves to the caller. pyarabic has no notion of qualifier, unit, range or
non-quantity numbers (years, dates, identifiers), so every phrase is reported
as an amount with qualifier "eq" and unit null.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from pyarabic import araby
from pyarabic import number as pynum


def _value(tokens: list[str]) -> int | float | None:
    digits = [t for t in tokens if t.replace(".", "", 1).isdigit()]
    words = [t for t in tokens if t not in digits]
    if not words:
        text = "".join(digits)
        try:
            value = float(text)
        except ValueError:
            return None
        return int(value) if value.is_integer() else value
    scale = pynum.text2number(" ".join(words))
    if digits:
        try:
            base = float(digits[0])
        except ValueError:
            return None
        value = base * scale if scale else base
    else:
        value = scale
    if not value:
        return None
    return int(value) if float(value).is_integer() else value


def quantities(text: str) -> list[dict[str, object]]:
    tokens = araby.tokenize(text)
    # Character offset of every token, found left to right in the original text.
    spans: list[tuple[int, int] | None] = []
    pos = 0
    for tok in tokens:
        i = text.find(tok, pos)
        if i < 0:
            spans.append(None)
            continue
        spans.append((i, i + len(tok)))
        pos = i + len(tok)
    out: list[dict[str, object]] = []
    for first, last in pynum.detect_number_phrases_position(tokens):
        a, b = spans[first], spans[last]
        if a is None or b is None:
            continue
        value = _value(tokens[first : last + 1])
        if value is None:
            continue
        start, end = a[0], b[1]
        out.append(
            {
                "start": start,
                "end": end,
                "text": text[start:end],
                "value": value,
                "qualifier": "eq",
                "high": None,
                "unit": None,
            }
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    default_gold = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"
    ap.add_argument("--gold", type=Path, default=default_gold)
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    n = 0
    for f in sorted(a.gold.glob("*.json")):
        doc = json.loads(f.read_text(encoding="utf-8"))
        pred = {"id": doc["id"], "text": doc["text"], "quantities": quantities(doc["text"])}
        (a.out / f.name).write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
        n += 1
    print(f"wrote {n} predictions to {a.out}")
    print(f"score with: python3 /work/shared/eval/score.py {a.gold} {a.out}")


if __name__ == "__main__":
    main()
