#!/usr/bin/env python3
"""Peer comparison for times: dateparser's `search.search_dates` over the gold texts.

    python benchmarks/peer_dateparser.py --gold ../shared/eval/dev --out /tmp/peer_dateparser
    python3 ../shared/eval/score.py ../shared/eval/dev /tmp/peer_dateparser

dateparser finds date phrases in running text (`search_dates`, with Arabic as
the language and the dateline as RELATIVE_BASE, preferring dates in the past as
news does). It returns the phrase and a datetime; it has no notion of TIMEX3
types, durations, sets or granularity, so each hit is reported as a DATE whose
value is the day (YYYY-MM-DD), or the month or year alone when the phrase
names no day / no month (a fair reading of what it found). Offsets come from
finding each phrase in the text in order.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from pathlib import Path

from dateparser.search import search_dates

_DIGIT = re.compile(r"\d")


def _value(phrase: str, when: dt.datetime) -> str:
    has_digits = [len(x) for x in re.findall(r"\d+", phrase)]
    if has_digits == [4]:
        return f"{when.year:04d}"  # a year alone
    if not _DIGIT.search(phrase) and any(w in phrase for w in ("شهر", "عام", "سنة")):
        return f"{when.year:04d}-{when.month:02d}"
    return when.date().isoformat()


def predict(gold: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for f in sorted(gold.glob("*.json")):
        g = json.loads(f.read_text(encoding="utf-8"))
        text = g["text"]
        settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
        if g.get("published"):
            settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(g["published"][:10])
        found = search_dates(text, languages=["ar"], settings=settings) or []
        times = []
        pos = 0
        for phrase, when in found:
            start = text.find(phrase, pos)
            if start < 0:
                continue
            pos = start + len(phrase)
            times.append({"start": start, "end": pos, "text": phrase, "type": "DATE", "value": _value(phrase, when)})
        doc = {"id": g["id"], "text": text, "published": g.get("published"), "times": times}
        (out / f.name).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev")
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args()
    predict(a.gold, a.out)
    print(f"python3 {a.gold.parent / 'score.py'} {a.gold} {a.out}")


if __name__ == "__main__":
    main()
