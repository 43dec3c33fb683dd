"""Generate src/rawi/lexicon/data/countries.tsv: one row per ISO 3166-1 country.

Names come from CLDR through Babel (Arabic and English territory names) and
codes from pycountry; scripts/countries_extra.tsv adds what CLDR lacks (news
aliases, nisba adjectives, capitals, Wikidata ids). Build-time only: the
runtime reads the generated TSV and needs neither library.

    .venv/bin/python scripts/build_countries.py          # writes the TSV
    .venv/bin/python scripts/build_countries.py --check  # fails if it is stale
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import babel
import pycountry

ROOT = Path(__file__).resolve().parent.parent
EXTRA = ROOT / "scripts" / "countries_extra.tsv"
OUT = ROOT / "src" / "rawi" / "lexicon" / "data" / "countries.tsv"

EXTRA_COLUMNS = (
    "iso2",
    "name_ar",
    "name_en",
    "aliases_ar",
    "aliases_en",
    "adjective_ar",
    "exclude_ar",
    "gender",
    "qid",
    "capital_ar",
    "capital_aliases_ar",
    "capital_en",
    "capital_qid",
)
OUT_COLUMNS = (
    "iso2",
    "iso3",
    "name_ar",
    "name_en",
    "aliases_ar",
    "aliases_en",
    "adjective_ar",
    "exclude_ar",
    "gender",
    "qid",
    "capital_ar",
    "capital_aliases_ar",
    "capital_en",
    "capital_qid",
)
# Codes outside ISO 3166-1 that news treats as countries (user-assigned XK).
NON_ISO = {"XK": ("XKX", "Kosovo")}

_PAREN = re.compile(r"\s*\(([^)]*)\)\s*")
_QID = re.compile(r"Q[1-9][0-9]*")


@dataclass(frozen=True, slots=True)
class Extra:
    iso2: str
    cells: dict[str, str]


def split(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("|") if v.strip()]


def join(values: list[str]) -> str:
    seen: list[str] = []
    for v in values:
        if v and v not in seen:
            seen.append(v)
    return "|".join(seen)


def clean_cldr(name: str) -> tuple[str, list[str]]:
    """CLDR name without parentheses, plus the parenthesised part as an alias ("ميانمار (بورما)")."""
    inner = [m.group(1).strip() for m in _PAREN.finditer(name)]
    base = _PAREN.sub(" ", name).strip()
    # "منطقة إدارية خاصة" and the like are descriptions, not names.
    aliases = [x for x in inner if "منطقة" not in x and "Region" not in x]
    return base, aliases


def read_extra() -> dict[str, Extra]:
    lines = [ln for ln in EXTRA.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    header = tuple(lines[0].split("\t"))
    if header != EXTRA_COLUMNS:
        sys.exit(f"{EXTRA}: header {header} != {EXTRA_COLUMNS}")
    out: dict[str, Extra] = {}
    for n, ln in enumerate(lines[1:], start=2):
        cells = ln.split("\t")
        if len(cells) != len(header):
            sys.exit(f"{EXTRA}:{n}: {len(cells)} cells, expected {len(header)}")
        row = dict(zip(header, (c.strip() for c in cells), strict=True))
        for col in ("qid", "capital_qid"):
            if row[col] and not _QID.fullmatch(row[col]):
                sys.exit(f"{EXTRA}:{n}: bad {col} {row[col]!r}")
        if row["gender"] not in ("m", "f"):
            sys.exit(f"{EXTRA}:{n}: gender must be m or f")
        if row["iso2"] in out:
            sys.exit(f"{EXTRA}:{n}: duplicate {row['iso2']}")
        out[row["iso2"]] = Extra(row["iso2"], row)
    return out


def build() -> list[dict[str, str]]:
    ar = babel.Locale("ar").territories
    en = babel.Locale("en").territories
    extra = read_extra()
    codes: dict[str, tuple[str, list[str]]] = {}
    for c in pycountry.countries:
        names_en = [c.name, getattr(c, "common_name", ""), getattr(c, "official_name", "")]
        codes[c.alpha_2] = (c.alpha_3, [n for n in names_en if n])
    for code, (a3, name) in NON_ISO.items():
        codes[code] = (a3, [name])
    unknown = sorted(set(extra) - set(codes))
    if unknown:
        sys.exit(f"{EXTRA}: codes not in ISO 3166-1: {unknown}")

    rows: list[dict[str, str]] = []
    for iso2 in sorted(codes):
        iso3, names_en = codes[iso2]
        x = extra[iso2].cells if iso2 in extra else dict.fromkeys(EXTRA_COLUMNS, "")
        cldr_ar, paren_ar = clean_cldr(ar.get(iso2, ""))
        name_ar = x["name_ar"] or cldr_ar
        cldr_en, _ = clean_cldr(en.get(iso2, ""))
        name_en = x["name_en"] or cldr_en or names_en[0]
        aliases_ar = [a for a in [cldr_ar, *paren_ar, *split(x["aliases_ar"])] if a != name_ar]
        aliases_en = [a for a in [cldr_en, *names_en, *split(x["aliases_en"])] if a != name_en]
        rows.append(
            {
                "iso2": iso2,
                "iso3": iso3,
                "name_ar": name_ar,
                "name_en": name_en,
                "aliases_ar": join(aliases_ar),
                "aliases_en": join(aliases_en),
                "adjective_ar": x["adjective_ar"],
                "exclude_ar": x["exclude_ar"],
                "gender": x["gender"] or "f",
                "qid": x["qid"],
                "capital_ar": x["capital_ar"],
                "capital_aliases_ar": x["capital_aliases_ar"],
                "capital_en": x["capital_en"],
                "capital_qid": x["capital_qid"],
            }
        )
    return rows


def render(rows: list[dict[str, str]]) -> str:
    head = [
        f"# GENERATED by scripts/build_countries.py from CLDR (Babel {babel.__version__}), pycountry and",
        "# scripts/countries_extra.tsv. Do not edit by hand: edit the extra file and rebuild.",
        "\t".join(OUT_COLUMNS),
    ]
    body = ["\t".join(r[c] for c in OUT_COLUMNS) for r in rows]
    return "\n".join(head + body) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="exit 1 if the TSV differs from a fresh build")
    args = ap.parse_args()
    text = render(build())
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            sys.exit(f"{OUT} is stale: run scripts/build_countries.py")
        return
    OUT.write_text(text, encoding="utf-8")
    n = text.count("\n") - 3
    print(f"wrote {OUT.relative_to(ROOT)}: {n} countries")


if __name__ == "__main__":
    main()
