"""The patterns of the time extractor, built once from the time lexicons.

Every rule is a regular expression over folded text that starts at a word
(after optional clitics و ف ب ك ل, group ``cl``, kept out of the span). The
rules are tried in order at each word start through one master alternation,
so a longer, more specific reading wins over its parts ("الأربعاء 7 ماي
2017" before "الأربعاء"). Word lists are tries, so the engine follows one
branch per letter instead of trying every word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rawi.lexicon import load_tsv


@dataclass(frozen=True, slots=True)
class Month:
    month: int
    hijri: bool
    need: str  # free | prep | strong


@dataclass(frozen=True, slots=True)
class Unit:
    unit: str
    count: int  # 1 singular, 2 dual, 0 plural


@dataclass(frozen=True, slots=True)
class Fixed:
    type: str
    value: str
    guard: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    months: dict[str, Month]
    weekdays: dict[str, int]
    units: dict[str, Unit]
    modifiers: dict[str, str]
    fixed: dict[str, Fixed]
    fixed_before: dict[str, str]
    context: dict[str, frozenset[str]]
    day_ordinals: dict[str, int]
    hour_ordinals: dict[str, int]
    part_nouns: dict[str, str]
    part_of_period: dict[str, str]  # "مطلع" -> "start"
    part_adverbs: dict[str, str]
    decades: dict[str, str]
    holidays: dict[str, tuple[int, int]]
    number_words: frozenset[str]
    count_words: frozenset[str]  # the number words a count of units can open with


@cache
def lexicon() -> Lexicon:
    months = {
        r["name"]: Month(int(r["month"]), r["calendar"] == "hijri", r["need"]) for r in load_tsv("months", ("name",))
    }
    context: dict[str, set[str]] = {}
    for r in load_tsv("time_context", ("word",)):
        context.setdefault(r["role"], set()).add(r["word"])
    ordinals = load_tsv("time_ordinals", ("word",))
    parts = load_tsv("time_day_parts", ("word",))
    vague = load_tsv("time_vague", ("phrase", "before"))
    numbers = load_tsv("number_words", ("word",))
    return Lexicon(
        months=months,
        weekdays={r["name"]: int(r["isoweekday"]) for r in load_tsv("weekdays", ("name",))},
        units={r["word"]: Unit(r["unit"], int(r["count"])) for r in load_tsv("time_words", ("word",))},
        modifiers={r["word"]: r["role"] for r in load_tsv("time_modifiers", ("word",))},
        fixed={r["phrase"]: Fixed(r["type"], r["value"], r["guard"]) for r in vague},
        fixed_before={r["phrase"]: r["before"] for r in vague if r["before"]},
        context={k: frozenset(v) for k, v in context.items()},
        day_ordinals={r["word"]: int(r["value"]) for r in ordinals if r["use"] == "day"},
        hour_ordinals={r["word"]: int(r["value"]) for r in ordinals if r["use"] == "hour"},
        part_nouns={r["word"]: r["part"] for r in parts if r["form"] == "noun"},
        part_of_period={r["word"]: r["part"] for r in load_tsv("time_period_parts", ("word",))},
        part_adverbs={r["word"]: r["part"] for r in parts if r["form"] == "adverb"},
        decades={r["word"]: r["value"] for r in load_tsv("time_decades", ("word",))},
        holidays={r["name"]: (int(r["month"]), int(r["day"])) for r in load_tsv("time_holidays", ("name",))},
        number_words=frozenset(r["word"] for r in numbers),
        # "أحد"/"إحدى" open "one of" far more often than "أحد عشر".
        count_words=frozenset(r["word"] for r in numbers if r["kind"] in _COUNT_KINDS and r["word"] not in _ONE_OF),
    )


_COUNT_KINDS = ("unit", "teenhead", "ten", "tens", "hundred")
_ONE_OF = frozenset({"احد", "احدي"})

_Trie = dict[str, "_Trie"]


def alt(words: object) -> str:
    """A non-capturing alternation of `words` factored into a trie, each ending at a word end."""
    trie: _Trie = {}
    for w in sorted(set(words)):  # type: ignore[call-overload]
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            branches.append("(?!\\w)")
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return emit(trie)


S = " +"  # folded text keeps newlines, so a time never spans paragraphs
CL = r"(?<!\w)(?P<cl>[وف]?(?:[بك]|ل(?!ل))?)"
ART = "(?:ال|لل)"


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    regex: re.Pattern[str]


def _rules() -> list[tuple[str, str]]:
    lx = lexicon()
    greg = alt(w for w, m in lx.months.items() if not m.hijri)
    hijri = alt(w for w, m in lx.months.items() if m.hijri)
    wd = alt(lx.weekdays)
    mod = alt(lx.modifiers)
    period = alt(lx.context["period"])
    qual = alt(lx.context["qual"])
    few = alt(lx.context["few"])
    longw = alt(lx.context["long"])
    pnoun = alt(lx.part_nouns)
    padv = alt(lx.part_adverbs)
    dayord = alt(lx.day_ordinals)
    hourord = alt(lx.hour_ordinals)
    sing = alt(w for w, u in lx.units.items() if u.count == 1)
    dual = alt(w for w, u in lx.units.items() if u.count == 2)
    plural = alt(w for w, u in lx.units.items() if u.count == 0)
    units = alt(lx.units)
    art_units = alt("ال" + w for w, u in lx.units.items() if u.count != 1)
    numw = alt(lx.number_words | {"ال" + w for w in lx.number_words})
    # A count of units; with the article only below a hundred ("بالمائة سنة 2015" is a percentage).
    count_w = alt(lx.number_words | {"ال" + w for w in lx.number_words if "مائ" not in w and "مئ" not in w})
    num = rf"(?P<num>[0-9]{{1,4}}(?:\.[0-9])?(?![0-9])|{count_w}(?: +(?:و ?)?{count_w}){{0,3}})"
    year = _year("year")
    year_conn = r"(?: *[،,]? +(?:من +)?(?:(?:ال|لل?)?(?:عام|سنه) +)?)"
    pair = rf"(?:(?: ?[/\-–] ?| +)(?P<month2>{greg})| ?\( ?(?P<month3>{greg}) ?\))?"
    day = r"(?P<day>[0-3]?[0-9])(?![0-9:.,/])"
    ordday = rf"(?P<ordday>{dayord}|ال ?[0-3]?[0-9](?![0-9]))"
    head = (
        rf"(?:(?:(?P<deic>اليوم|امس|غدا) +)?(?:(?P<hpart>{pnoun}) +)?(?:(?:يوم|يومي) +)?"
        rf"(?P<wd>{wd}) *[،,]? +(?:الموافق +)?|(?:يوم|يومي) +(?:الموافق +)?)?"
    )
    hsuf = r"(?: ?ه(?!\w)| ?هجري(?:ه)?(?!\w))"
    days = rf"{day}(?P<more>(?: *(?:و|-|–|الي|حتي|،) *[0-3]?[0-9](?![0-9:.,/]))*)"
    # "مارس من العام الماضي": the modifier belongs to the year.
    ymod = rf"| *[،,]? +(?:من +)?(?:ال|لل)(?:عام|سنه) +(?P<ymod>{mod})"
    gsuf = r"(?: ?م(?!\w)| ?ميلادي(?:ه)?(?!\w))"
    not_date = rf"(?! +(?:{greg}|{hijri}|{wd}|[0-9]))"
    this_unit = (
        rf"(?:(?:هذا|هذه) +(?P<tunit>{ART}(?:يوم|اسبوع|شهر|عام|سنه))(?!\w)"
        rf"|(?P<munit>{ART}(?:اسبوع|شهر|عام|سنه|يوم)) +(?P<mod>{mod}))"
    )
    seasons = alt(["صيف", "شتاء", "خريف", "ربيع"])
    frac = alt(["النصف", "الربع", "الثلث", "نصف", "ربع", "ثلث"])
    quarter_ord = alt(["الاول", "الثاني", "الثالث", "الرابع", "الاخير"])
    one = alt(["واحد", "واحده", "واحدا", "كامل", "كاملا", "كامله"])
    named_units = ["اليوم", "الاسبوع", "الشهر", "العام", "السنه", "الليله", "الوقت", "الفتره"]
    units_art = alt(named_units)
    what = alt(["الحين", *named_units])
    deic = alt(
        [
            "اليوم",
            "امس الاول",
            "اول امس",
            "اول من امس",
            "امس",
            "البارحه",
            "يوم امس",
            "غدا",
            "يوم غد",
            "بعد غد",
            "الغد",
            "غد",
            "الليله الماضيه",
            "الليله",
        ]
    )
    since = alt(["فتره", "مده", "زمن", "وقت"])
    return [
        ("numeric", rf"{head}(?P<date>{_NUMERIC_DATE})(?![0-9/])(?P<hsuf>{hsuf})?(?P<gsuf>{gsuf})?"),
        (
            "hijri",
            rf"{head}(?:{days}|{ordday} +من) +(?:من +)?(?:شهر +)?(?P<hmonth>{hijri})"
            rf"(?: +(?:(?:عام|سنه|لعام) +)?(?P<hyear>1[34][0-9]{{2}})(?![0-9])(?P<hsuf>{hsuf})?"
            rf"| +(?P<mod>{mod}))?",
        ),
        (
            "dmy",
            # ("17أفريل 2014": a day's digits may be written onto its month)
            rf"{head}(?:{days} *|{ordday} +من +)(?:من +)?(?:شهر +)?(?P<month>{greg}){pair}"
            rf"(?:{year_conn}{year}| +(?P<mod>{mod}){ymod})?",
        ),
        (
            "dayrel",
            rf"(?:{day}|{ordday}) +(?:(?P<min>من) +)?(?:(?P<this>هذا) +)?(?P<unit>الشهر)(?!\w)"
            rf"(?: +(?P<mod>{mod}))?",
        ),
        (
            "quarter",
            rf"(?P<qh>الربع|النصف) +(?P<ord>{quarter_ord}) +من +(?:(?:هذا +)?(?:ال)?(?:عام|سنه)"
            rf"(?!\w)(?: +(?P<mod>{mod}))?(?: +{year})?|{_year('year2')})",
        ),
        (
            "month",
            rf"(?:(?P<period>{period}) +(?:شهر +)?|(?P<shahr>شهر) +)?(?P<month>{greg}){pair}"
            rf"(?:{year_conn}{year}| +(?P<mod>{mod}){ymod})?",
        ),
        (
            "season",
            rf"(?:(?:فصل +)?(?P<season>{seasons})(?: +(?:عام|العام|سنه))? +{year}"
            rf"|(?:(?P<this>هذا) +)?(?P<fasl>فصل +)?ال(?P<aseason>{seasons})(?!\w)(?: +(?P<mod>{mod}))?)",
        ),
        (
            "year",
            rf"(?:(?P<period>{period}) +(?:من +)?)?(?:ال|لل?)?(?:عام|سنه|عامي) +{year}"
            rf"(?P<second> *(?:و|-|/) *(?:1[89]|20)[0-9]{{2}}(?![0-9]))?",
        ),
        (
            "anaphor",
            rf"(?:(?P<dem>ذلك|تلك) +(?P<what>{what})"
            r"|(?P<adv>انذاك|حينها|حينذاك|وقتها|وقتئذ|يومها)(?!\w)"
            rf"|(?:نفس|ذات) +(?P<what2>{units_art})"
            rf"|(?P<sunit>{units_art}) +(?P<same>{alt(['نفسه', 'ذاته', 'نفسها', 'ذاتها'])}))",
        ),
        ("earlier", rf"(?P<when>وقت +(?:سابق|لاحق)) +(?:من|في) +(?:{this_unit}|(?P<deic>اليوم|امس)(?!\w))"),
        ("relunit", rf"(?:(?P<period>{period}) +(?:من +)?)?{this_unit}"),
        (
            "deictic",
            rf"(?:(?P<part>{pnoun}) +(?:يوم +)?)?(?P<deic>{deic})"
            rf"(?: *\(? *(?P<wd>{wd})(?: *\))?)?(?: +(?P<padv>{padv}))?",
        ),
        (
            "weekday",
            rf"(?:(?P<part>{pnoun})\"? +)?(?:(?P<yawm>يوم|يومي) +)?(?P<wd>{wd})(?P<wd2> +{wd})?"
            rf"(?: +(?P<mod>{mod}))?"
            rf"(?: +(?P<padv>{padv}))?",
        ),
        ("midnight", r"(?P<mid>منتصف +(?:الليل|النهار))(?!\w)"),
        (
            "clock",
            rf"(?=الساعه +|[0-2]?[0-9](?::[0-5][0-9])?(?: +و ?{frac})? +{padv}|{hourord}(?: +و ?{frac})? +{padv}"
            rf"|[0-2]?[0-9]:[0-5][0-9] +(?:ت ?غ|بتوقيت|توقيت)(?!\w))"
            rf"(?:(?P<saa>الساعه) +)?(?:(?P<hour>[0-2]?[0-9])(?::(?P<minute>[0-5][0-9]))?(?![0-9.,])"
            rf"|(?P<hword>{hourord}))(?: +و ?(?P<frac>{frac}))?(?: +(?P<padv>{padv}))?"
            r"(?: +(?P<gmt>ت ?غ|(?:ب)?توقيت +(?:غرينتش|غرينيتش|جرينتش)))?",
        ),
        (
            "period",
            rf"(?P<period>{period}) +(?P<punit>{ART}(?:اسبوع|شهر|عام|سنه))(?!\w)"
            rf"(?! +(?:{mod}|ال|[0-9]))",
        ),
        (
            "pastlen",
            rf"(?:(?P<unitpl>{art_units})(?: +(?P<num>{numw})| +(?P<fewer>القليله))?"
            rf"|ال ?(?P<n>[0-9]{{1,3}}) +(?P<unit>{units})) +(?P<mod>{mod})",
        ),
        (
            "ago",
            rf"(?P<dir>قبل|بعد|منذ) +(?:(?P<qual>{qual}) +)?(?:{num} +(?P<unit>{units})|(?P<dual>{dual})"
            rf"|(?P<frac>نصف|ربع) +(?P<funit>{sing})"
            rf"|(?P<sing>{sing})(?: +(?P<one>{one}))?{not_date}|(?:(?P<few>{few}) +)?(?P<plural>{plural})"
            rf"|(?P<vague>{since})(?: +(?P<long>{longw}))?)(?P<now> +من +(?:الان|اليوم)(?!\w))?",
        ),
        ("every", rf"كل +(?:{num} +(?P<unit>{units})|(?P<dual>{dual})|(?P<sing>{sing})){not_date}"),
        (
            "length",
            rf"(?:(?P<qual>{qual}) +)?(?:{num} +(?P<unit>{units})(?! +(?:1[89]|20)[0-9]{{2}}(?![0-9]))"
            rf"|\( *(?P<pnum>[0-9]{{1,3}}) *\) *(?P<punit>{units})|(?P<dual>{dual})"
            rf"|(?:(?P<few>{few}) +)?(?P<plural>{plural}))(?: +و ?(?P<half>نصف|النصف)(?!\w))?",
        ),
        ("single", rf"(?:(?P<qual>{qual}) +)?(?P<sing>{sing})(?: +(?P<one>{one}))?{not_date}"),
        (
            "decade",
            rf"(?:(?P<period>{period}) +)?(?P<dec>{alt(lx.decades)})"
            rf"(?: +(?:من +)?القرن +(?:الماضي|العشرين|المنصرم|الفائت)(?!\w))?",
        ),
        ("century", rf"القرن +(?:(?P<mod>{mod})|(?P<ordday>{dayord})|ال ?(?P<n>[0-9]{{1,2}})(?![0-9]))"),
        ("holiday", rf"(?:(?P<part>{pnoun}) +)?(?P<holiday>{alt(lx.holidays)})"),
        ("eve", r"(?P<eve>غداه|عشيه)(?!\w)"),
        ("hperiod", rf"(?P<period>{period}) +(?:شهر +)?(?P<hmonth>{hijri})(?: +(?P<hyear>1[34][0-9]{{2}})(?![0-9]))?"),
        ("fixed", rf"(?P<fixed>{_fixed_alt(lx)})"),
        ("bareyear", year),
    ]


def _year(name: str) -> str:
    return rf"(?P<{name}>1[89][0-9]{{2}}|20[0-9]{{2}})(?![0-9])(?: ?م(?!\w)| ?ميلادي(?:ه)?(?!\w))?"


# Day first (21/10/2015, 21-10-2015, 21.10.2015) or year first (2015-10-21, 1436/10/21).
_NUMERIC_DATE = "|".join(
    [rf"[0-9]{{1,2}}{s}[0-9]{{1,2}}{s}[0-9]{{4}}" for s in (" ?/ ?", "-", r"\.")]
    + [rf"[0-9]{{4}}{s}[0-9]{{1,2}}{s}[0-9]{{1,2}}" for s in ("-", "/")]
)


def _fixed_alt(lx: Lexicon) -> str:
    plain = [p for p in lx.fixed if p not in lx.fixed_before]
    guarded = [f"(?<={re.escape(lx.fixed_before[p])} ){re.escape(p)}(?!\\w)" for p in lx.fixed_before]
    return "|".join([*guarded, alt(plain)])


_NAMED = re.compile(r"\(\?P<\w+>")


@cache
def rules() -> tuple[Rule, ...]:
    return tuple(Rule(name, re.compile(CL + "(?:" + body + ")")) for name, body in _rules())


@cache
def master() -> re.Pattern[str]:
    """One alternation of every rule body, each wrapped in a group named after its index."""
    bodies = []
    for i, (_, body) in enumerate(_rules()):
        plain = _NAMED.sub("(?:", body)
        bodies.append(f"(?P<r{i}>{plain})")
    return re.compile(r"(?<!\w)[وف]?(?:[بك]|ل(?!ل))?(?:" + "|".join(bodies) + ")")


# First words of the rules that do not come from a lexicon above.
_LEADS = [
    "اليوم",
    "امس",
    "غدا",
    "غد",
    "الغد",
    "البارحه",
    "الليله",
    "اول",
    "يوم",
    "يومي",
    "بعد",
    "قبل",
    "منذ",
    "كل",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "نفس",
    "ذات",
    "وقت",
    "الوقت",
    "الساعه",
    "القرن",
    "الربع",
    "النصف",
    "صيف",
    "شتاء",
    "خريف",
    "ربيع",
    "الصيف",
    "الشتاء",
    "الخريف",
    "الربيع",
    "عامي",
    "انذاك",
    "حينها",
    "حينذاك",
    "وقتها",
    "وقتئذ",
    "يومها",
    "فصل",
    "منتصف",
    "غداه",
    "عشيه",
]


@cache
def anchors() -> re.Pattern[str]:
    """The words one of the rules can start with: the master is tried only where one occurs.

    Trying every rule at every word start costs more than the rest of the
    extractor together; a time expression always opens with one of these.
    Very common openers that seldom start a time are left out: "ما" (of "ما
    يقرب من": the length is then found at its number) and magnitudes ("مليون").
    """
    lx = lexicon()
    words: set[str] = set(_LEADS)
    for group in (
        lx.weekdays,
        lx.months,
        lx.units,
        lx.part_nouns,
        lx.part_adverbs,
        lx.day_ordinals,
        lx.hour_ordinals,
        lx.decades,
        lx.holidays,
        lx.fixed,
        lx.count_words,
        lx.context["period"],
        lx.context["qual"],
        lx.context["few"],
    ):
        words.update(w.split()[0] for w in group)
    words.discard("ما")
    words.update("ال" + w for w in lx.units)
    words.update("ال" + w for w in lx.count_words)
    return re.compile(r"(?<!\w)[وف]?(?:[بك]|ل(?!ل))?(?:لل)?(?:" + alt(words) + r"|[0-9]|\((?= *[0-9])|ال(?= ?[0-9]))")
