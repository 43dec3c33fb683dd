"""Reporting cues: the verbs, participles and nouns that attribute content.

`reporting_verbs.tsv` lists one lexeme per row (3ms past and present); this
module expands each into its folded surface forms with an analysis per form.
Weak verbs are written differently from sound ones (قال/قلت, دعا/دعوت,
ردّ/رددت), so each row names its class and only the rules of that class run;
an `irregular` row emits nothing but the forms it lists. Surface forms that
are also common non-reporting words (بين "between", عبر "across") are kept
but flagged `ambiguous`, so the extractor can ask for stronger context.

`attribution_phrases.tsv` holds the non-verbal material: "according to"
phrases, nominal settings ("في بيان"), complementisers and the like.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from types import MappingProxyType

from rawi.lexicon import Row, load_tsv

STANCES = frozenset({"assert", "claim", "confirm", "deny", "estimate", "warn", "call", "praise", "other"})
CLASSES = frozenset({"regular", "hollow", "defective", "doubled", "irregular"})
PHRASE_KINDS = frozenset(
    {
        "according_to",
        "relay_verb",
        "nominal",
        "audience_prep",
        "complementiser",
        "continuation",
        "claim_marker",
    }
)
_SLOTS = frozenset({"@past", "@present", "@participle", "@noun", "@passive", "@all"})

# Object pronouns a reporting verb can carry ("أبلغنا", "أخبرهم", "نفاه").
OBJECT_SUFFIXES: tuple[str, ...] = ("هما", "كما", "هم", "هن", "ها", "نا", "كم", "كن", "ني", "ه", "ك")


@dataclass(frozen=True, slots=True)
class CueForm:
    """One analysis of a folded surface form."""

    lemma: str  # folded 3ms past of the lexeme (or the noun itself, for noun rows)
    stance: str  # assert claim confirm deny estimate warn call praise other
    pos: str  # "verb" | "participle" | "noun"
    tense: str  # "past" | "present" | "" (participles, nouns)
    person: int  # 1, 2 or 3 (3 for participles and nouns)
    gender: str  # "m" | "f" | "" (unknown / common)
    number: str  # "s" | "d" | "p"
    prep: str  # folded content preposition of the lexeme ("" if none)
    passive: bool
    ambiguous: bool = False  # the surface form is also a common non-reporting word


@dataclass(frozen=True, slots=True)
class Phrase:
    """A folded attribution phrase from `attribution_phrases.tsv`."""

    phrase: str  # folded, single-spaced; "لـ" folds to "ل"
    kind: str
    attached: bool  # ends in a one-letter clitic (ل/ب) written onto the next word
    note: str


@dataclass(frozen=True, slots=True)
class _Slot:
    """A generated surface form before it becomes a CueForm."""

    surface: str
    slot: str  # "@past" | "@present" | "@participle" | "@noun" | "@passive"
    pos: str
    tense: str
    person: int
    gender: str
    number: str
    passive: bool = False


def _verb(surface: str, tense: str, person: int, gender: str, number: str) -> _Slot:
    return _Slot(surface, "@past" if tense == "past" else "@present", "verb", tense, person, gender, number)


def _past_paradigm(p: str, short: str, glide_stem: str | None = None) -> Iterator[_Slot]:
    """Suffixed past forms: `p` takes the vowel-initial endings, `short` the consonant-initial ones.

    For defective verbs the 3fs/3fd/3mp endings attach to the stem without its
    final letter (`glide_stem`): دعا -> دعت، دعوا.
    """
    yield _verb(p, "past", 3, "m", "s")
    base = p if glide_stem is None else glide_stem
    yield _verb(base + "ت", "past", 3, "f", "s")
    yield _verb((short if glide_stem is not None else p) + "ا", "past", 3, "m", "d")
    yield _verb(base + "تا", "past", 3, "f", "d")
    yield _verb(base + "وا", "past", 3, "m", "p")
    # A stem ending in ن or ت merges with the ending under a shadda (أعلنّ، لفتُّ):
    # the folded form would repeat another slot or look like a different word.
    if not short.endswith("ن"):
        yield _verb(short + "ن", "past", 3, "f", "p")
        yield _verb(short + "نا", "past", 1, "", "p")
    if not short.endswith("ت"):
        yield _verb(short + "ت", "past", 1, "", "s")
        yield _verb(short + "ت", "past", 2, "m", "s")


def _present_paradigm(stem: str, short: str, final: str = "") -> Iterator[_Slot]:
    """Present forms from the stem after ي (`final`: the long vowel of defective verbs)."""
    full = stem + final
    yield _verb("ي" + full, "present", 3, "m", "s")
    yield _verb("ت" + full, "present", 3, "f", "s")
    yield _verb("ي" + full + "ان", "present", 3, "m", "d")
    yield _verb("ت" + full + "ان", "present", 3, "f", "d")
    yield _verb("ي" + stem + "ون", "present", 3, "m", "p")
    yield _verb("ي" + stem + "وا", "present", 3, "m", "p")  # subjunctive/jussive: لم يقولوا
    if not short.endswith("ن"):
        yield _verb("ي" + short + final + "ن", "present", 3, "f", "p")
    # 1s أ + stem; a stem that starts with hamza-alef merges with it (آمل -> امل).
    yield _verb(full if full.startswith("ا") else "ا" + full, "present", 1, "", "s")
    yield _verb("ن" + full, "present", 1, "", "p")
    yield _verb("ت" + full, "present", 2, "m", "s")


def _drop_last_long_vowel(stem: str, vowels: str) -> str:
    """قال -> قل، يقول stem قول -> قل: the long vowel of a hollow stem, never its last letter."""
    for i in range(len(stem) - 2, 0, -1):
        if stem[i] in vowels:
            return stem[:i] + stem[i + 1 :]
    if stem and stem[0] in vowels and len(stem) > 2:
        return stem[1:]
    raise ValueError(f"no long vowel in hollow stem {stem!r}")


def _verb_forms(cls: str, past: str, present: str) -> Iterator[_Slot]:
    if cls == "irregular":
        return
    if not present.startswith("ي") or len(present) < 3:
        raise ValueError(f"present {present!r} must be a 3ms form starting with ي")
    stem = present[1:]
    if cls == "regular":
        yield from _past_paradigm(past, past)
        yield from _present_paradigm(stem, stem)
    elif cls == "hollow":
        yield from _past_paradigm(past, _drop_last_long_vowel(past, "ا"))
        yield from _present_paradigm(stem, _drop_last_long_vowel(stem, "اوي"))
    elif cls == "doubled":
        yield from _past_paradigm(past, past + past[-1])
        yield from _present_paradigm(stem, stem + stem[-1])
    elif cls == "defective":
        if past[-1] not in "اي" or present[-1] not in "وي":
            raise ValueError(f"defective verb {past!r}/{present!r} must end in a long vowel")
        base = past[:-1]
        glide = "و" if past.endswith("ا") else "ي"
        yield from _past_paradigm(past, base + glide, glide_stem=base)
        yield from _present_paradigm(stem[:-1], stem[:-1], final=stem[-1])
    else:
        raise ValueError(f"unknown class {cls!r}")


def _participle_forms(masc: str, defective: bool) -> Iterator[_Slot]:
    """قائلا -> قائله، قائلين; داعيا -> داعيه، داعين (the ي of a defective root drops)."""
    if not masc.endswith("ا") or len(masc) < 4:
        raise ValueError(f"participle {masc!r} must be a masculine accusative ending in ا")
    stem = masc[:-1]
    plural = stem[:-1] if defective and stem.endswith("ي") else stem
    yield _Slot(masc, "@participle", "participle", "", 3, "m", "s")
    yield _Slot(stem + "ه", "@participle", "participle", "", 3, "f", "s")
    yield _Slot(plural + "ين", "@participle", "participle", "", 3, "m", "p")


_TAG_PERSON = {"1": 1, "2": 2, "3": 3}


def _tagged(surface: str, tag: str, defective: bool) -> Iterator[_Slot]:
    """A `forms` entry: p3fs, r1p ... (tense, person, gender, number), pt/ptf/ptp, n/np."""
    if tag == "pt":
        yield from _participle_forms(surface, defective)
    elif tag in ("ptf", "ptp"):
        yield _Slot(
            surface, "@participle", "participle", "", 3, "f" if tag == "ptf" else "m", "s" if tag == "ptf" else "p"
        )
    elif tag in ("n", "np"):
        yield _Slot(surface, "@noun", "noun", "", 3, "", "p" if tag == "np" else "s")
    elif len(tag) in (3, 4) and tag[0] in "pr" and tag[1] in _TAG_PERSON and tag[-1] in "sdp":
        gender = tag[2] if len(tag) == 4 else ""
        if gender not in ("", "m", "f"):
            raise ValueError(f"bad gender in tag {tag!r}")
        yield _verb(surface, "past" if tag[0] == "p" else "present", _TAG_PERSON[tag[1]], gender, tag[-1])
    else:
        raise ValueError(f"bad form tag {tag!r} on {surface!r}")


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


def _row_slots(row: Row) -> Iterator[_Slot]:
    cls, pos = row["class"], row["pos"]
    defective = cls == "defective"
    if pos == "noun":
        noun, _, tag = row["past"].partition("=")
        yield _Slot(noun, "@noun", "noun", "", 3, "", "p" if tag == "p" else "s")
    else:
        yield from _verb_forms(cls, row["past"], row["present"])
    if row["participle"]:
        yield from _participle_forms(row["participle"], defective)
    for entry in _split(row["masdar"]):
        surface, _, tag = entry.partition("=")
        yield _Slot(surface, "@noun", "noun", "", 3, "", "p" if tag == "p" else "s")
    if row["passive"]:
        past_p, _, present_p = row["passive"].partition("|")
        if past_p.strip():
            yield _Slot(past_p.strip(), "@passive", "verb", "past", 3, "m", "s", passive=True)
        if present_p.strip():
            yield _Slot(present_p.strip(), "@passive", "verb", "present", 3, "m", "s", passive=True)
    for entry in _split(row["forms"]):
        surface, sep, tag = entry.partition("=")
        if not sep:
            raise ValueError(f"form {entry!r} of {row['past']!r} needs a tag (form=p3fs)")
        yield from _tagged(surface, tag, defective)


_COLUMNS = ("past", "present", "participle", "masdar", "passive", "forms", "ambiguous", "exclude", "prep")


def _check_row(row: Row) -> None:
    where = f"reporting_verbs.tsv row {row['past']!r}"
    if row["stance"] not in STANCES:
        raise ValueError(f"{where}: bad stance {row['stance']!r}")
    if row["pos"] not in ("verb", "noun"):
        raise ValueError(f"{where}: bad pos {row['pos']!r}")
    if row["pos"] == "verb" and row["class"] not in CLASSES:
        raise ValueError(f"{where}: bad class {row['class']!r}")
    for sel in _split(row["ambiguous"]):
        if sel.startswith("@") and sel not in _SLOTS:
            raise ValueError(f"{where}: bad slot selector {sel!r}")


@cache
def cue_forms() -> Mapping[str, tuple[CueForm, ...]]:
    """Folded surface form (without a leading و/ف, without object suffixes) -> analyses.

    Within a form, third-person and active analyses come first, then file order.
    A surface form named in an `ambiguous` cell is flagged in every analysis, whichever
    row produced it (تبين from بيّن and أبان); a slot selector (@present) flags only
    the analyses of its own row.
    """
    table: dict[str, list[CueForm]] = {}
    named_ambiguous: set[str] = set()
    for row in load_tsv("reporting_verbs", _COLUMNS):
        _check_row(row)
        lemma = row["past"].partition("=")[0]
        ambiguous = set(_split(row["ambiguous"]))
        named_ambiguous.update(a for a in ambiguous if not a.startswith("@"))
        excluded = set(_split(row["exclude"]))
        produced: set[str] = set()
        for s in _row_slots(row):
            produced.add(s.surface)
            if s.surface in excluded or len(s.surface) < 2:
                continue
            flagged = "@all" in ambiguous or s.slot in ambiguous or s.surface in ambiguous
            form = CueForm(
                lemma, row["stance"], s.pos, s.tense, s.person, s.gender, s.number, row["prep"], s.passive, flagged
            )
            bucket = table.setdefault(s.surface, [])
            if form not in bucket:
                bucket.append(form)
        unknown = {a for a in ambiguous | excluded if not a.startswith("@")} - produced
        if unknown:
            raise ValueError(
                f"reporting_verbs.tsv row {lemma!r}: ambiguous/exclude name forms "
                f"it does not produce: {sorted(unknown)}"
            )
    out = {
        surface: tuple(
            sorted(
                (replace(f, ambiguous=True) if surface in named_ambiguous else f for f in forms),
                key=lambda f: (f.person != 3, f.passive),
            )
        )
        for surface, forms in table.items()
    }
    return MappingProxyType(out)


def _suffix_stems(token: str) -> Iterator[tuple[str, str]]:
    """(stem, pos allowed) pairs for `token` once an object or possessive pronoun is taken off.

    pos "" allows verbs and nouns; a stem rebuilt from a verb-only spelling
    (نفاه -> نفى، قالوه -> قالوا) allows verbs, one rebuilt from a ta marbuta
    (دعوته -> دعوة) nouns.
    """
    for suf in OBJECT_SUFFIXES:
        if not token.endswith(suf) or len(token) - len(suf) < 2:
            continue
        stem = token[: -len(suf)]
        yield stem, ""
        if stem.endswith("ت"):
            yield stem[:-1] + "ه", "noun"
        elif stem.endswith("ا"):
            yield stem[:-1] + "ي", "verb"
        elif stem.endswith("و"):
            yield stem + "ا", "verb"


@lru_cache(maxsize=65536)
def lookup(token: str) -> tuple[CueForm, ...]:
    """Analyses of a folded text token: the token itself, then without a leading و or ف,
    then (on either) without an object/possessive pronoun suffix. Empty tuple if none.

    Analyses from all readings are returned, nearest reading first: "أبلغنا" is both
    "we informed" and "he informed us". Participles never carry a pronoun here.
    """
    forms = cue_forms()
    out: list[CueForm] = []
    bare = [token]
    if len(token) > 2 and token[0] in "وف":
        bare.append(token[1:])
    for t in bare:
        for f in forms.get(t, ()):
            if f not in out:
                out.append(f)
    for t in bare:
        for stem, pos in _suffix_stems(t):
            for f in forms.get(stem, ()):
                if f.pos != "participle" and (not pos or f.pos == pos) and f not in out:
                    out.append(f)
    return tuple(out)


def is_cue(token: str) -> bool:
    """True when `lookup(token)` would find something (cheap pre-filter)."""
    return bool(lookup(token))


def without_ambiguous(forms: tuple[CueForm, ...]) -> tuple[CueForm, ...]:
    """The analyses of `forms` that need no extra context."""
    return tuple(f for f in forms if not f.ambiguous)


@cache
def phrases() -> Mapping[str, tuple[Phrase, ...]]:
    """Phrase kind -> folded phrases, longest first (duplicates after folding merged)."""
    by_kind: dict[str, dict[str, Phrase]] = {}
    for row in load_tsv("attribution_phrases", ("phrase",)):
        kind = row["kind"]
        if kind not in PHRASE_KINDS:
            raise ValueError(f"attribution_phrases.tsv: bad kind {kind!r} for {row['phrase']!r}")
        text = " ".join(row["phrase"].split())
        if not text:
            raise ValueError("attribution_phrases.tsv: empty phrase")
        last = text.rsplit(" ", 1)[-1]
        attached = len(last) == 1 and last in "لب"
        by_kind.setdefault(kind, {}).setdefault(text, Phrase(text, kind, attached, row.get("note", "")))
    return MappingProxyType(
        {k: tuple(sorted(v.values(), key=lambda p: (-len(p.phrase), p.phrase))) for k, v in by_kind.items()}
    )


@cache
def complementisers() -> frozenset[str]:
    """Folded complementisers ("أن", "بأن", "أنه", "فإن": kind complementiser of attribution_phrases.tsv)."""
    return frozenset(p.phrase for p in phrases().get("complementiser", ()))


_CLAUSE_ROLES = ("subject", "figure")


@cache
def clause_openers(role: str) -> frozenset[str]:
    """Folded particles that open a clause of their own (clause_openers.tsv): role "subject", after
    which the attribution stage lets a subject stand; role "figure", where the figure stage ends a
    clause."""
    if role not in _CLAUSE_ROLES:
        raise ValueError(f"clause_openers: unknown role {role!r}")
    out = set()
    for row in load_tsv("clause_openers", ("form",)):
        if row["role"] not in _CLAUSE_ROLES:
            raise ValueError(f"clause_openers.tsv: unknown role {row['role']!r} for {row['form']!r}")
        if row["role"] == role:
            out.add(row["form"])
    return frozenset(out)


def lemmas() -> frozenset[str]:
    """Folded lemmas of all lexemes (3ms past, or the noun)."""
    return frozenset(f.lemma for forms in cue_forms().values() for f in forms)


__all__ = [
    "CLASSES",
    "OBJECT_SUFFIXES",
    "PHRASE_KINDS",
    "STANCES",
    "CueForm",
    "Phrase",
    "cue_forms",
    "is_cue",
    "lemmas",
    "lookup",
    "phrases",
    "without_ambiguous",
]
