"""The figure lexicons, loaded once: predicates, counted nouns and their groups, linking words.

All three are TSV files under `rawi/lexicon/data/` (figure_predicates, figure_groups,
figure_words), folded on load like every lexicon. A word in the text is looked up
through `variants`: the folded word, and the word without one conjunction, the
future س, and one preposition or article.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from types import MappingProxyType

from rawi.lexicon import load_tsv
from rawi.lexicon.cues import clause_openers
from rawi.text.normalize import fold

# What each predicate may count. A predicate word next to a figure of another class is
# not its predicate: "يمثل 30 في المائة" is a share, not 30 people on trial.
PEOPLE, MONEY, ANY = "people", "money", "any"
PREDICATE_CLASS: Mapping[str, str] = MappingProxyType(
    {
        "killed": PEOPLE,
        "wounded": PEOPLE,
        "arrested": PEOPLE,
        "detained": PEOPLE,
        "charged": PEOPLE,
        "tried": PEOPLE,
        "released": PEOPLE,
        "fugitive": PEOPLE,
        "deployed": PEOPLE,
        "displaced": PEOPLE,
        "refugees": PEOPLE,
        "missing": PEOPLE,
        "kidnapped": PEOPLE,
        "captured": PEOPLE,
        "evacuated": PEOPLE,
        "executed": PEOPLE,
        "pledged": MONEY,
        "donated": MONEY,
        "allocated": MONEY,
        "cost": MONEY,
        "spent": MONEY,
        "losses": MONEY,
        "destroyed": ANY,
        "damaged": ANY,
    }
)
# Groups of people; anything else a figure counts is named by its noun's lemma.
PEOPLE_GROUPS = frozenset({"person", "security", "fighter", "child", "woman", "member"})

_PREFIXES = ("", "ال", "بال", "لل", "ب", "ل", "ك")


@lru_cache(maxsize=131072)
def variants(word: str) -> tuple[str, ...]:
    """A folded word and its forms without one conjunction (و ف), the future س, and one
    preposition or article (ب ل ال بال لل ك); every form keeps at least two letters."""
    stems = [word]
    if word[:1] in "وف" and len(word) > 3:
        stems.append(word[1:])
    for s in list(stems):
        if s[:1] == "س" and len(s) > 4:
            stems.append(s[1:])
    out: list[str] = []
    for s in stems:
        for p in _PREFIXES:
            if s.startswith(p) and len(s) - len(p) >= 2 and s[len(p) :] not in out:
                out.append(s[len(p) :])
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Predicates:
    words: Mapping[str, tuple[str, str]]  # folded word -> (predicate, pos)
    phrases: Mapping[tuple[str, ...], str]  # folded words -> predicate
    longest: int  # words in the longest phrase
    phrase_lasts: frozenset[str]  # the words a phrase ends with
    phrase_firsts: frozenset[str]  # the words a phrase starts with (before clitics are added)


@cache
def predicates() -> Predicates:
    words: dict[str, tuple[str, str]] = {}
    phrases: dict[tuple[str, ...], str] = {}
    for row in load_tsv("figure_predicates", ("form",)):
        form, pred, pos = row["form"], row["predicate"], row["pos"]
        if pred not in PREDICATE_CLASS:
            raise ValueError(f"figure_predicates.tsv: unknown predicate {pred!r}")
        if " " in form:
            phrases.setdefault(tuple(form.split()), pred)
        else:
            words.setdefault(form, (pred, pos))
    longest = max((len(p) for p in phrases), default=1)
    return Predicates(
        MappingProxyType(words),
        MappingProxyType(phrases),
        longest,
        frozenset(p[-1] for p in phrases),
        frozenset(p[0] for p in phrases),
    )


@cache
def groups() -> Mapping[str, str]:
    """Folded counted noun -> group."""
    return MappingProxyType({r["form"]: r["group"] for r in load_tsv("figure_groups", ("form",))})


@dataclass(frozen=True, slots=True)
class Words:
    by_role: Mapping[str, frozenset[tuple[str, ...]]]  # role -> folded phrases (as word tuples)
    longest: int
    firsts: Mapping[str, frozenset[str]]  # role -> the words a phrase of it may start with (and without و)
    lasts: Mapping[str, frozenset[str]]  # role -> the words a phrase of it may end with

    def has(self, role: str, words: tuple[str, ...]) -> bool:
        return words in self.by_role.get(role, frozenset())


ROLES = (
    "and",
    "part",
    "whole",
    "skip",
    "security",
    "fighter",
    "ranks",
    "running",
    "period",
    "place",
    "subset",
    "earlier",
    "means",
    "bearing",
    "several",
    "incidents",
    "provisional",
    "updated",
    "refusal",
    "areal",
    "two",
    "one_of_two",
)
EN_LINKING_ROLES = ("running", "earlier", "several", "provisional", "updated")  # roles en_figure_words.tsv may hold too


@cache
def linking_words() -> Words:
    by_role: dict[str, set[tuple[str, ...]]] = {r: set() for r in ROLES}
    for row in load_tsv("figure_words", ("form",)):
        if row["role"] not in by_role:
            raise ValueError(f"figure_words.tsv: unknown role {row['role']!r}")
        by_role[row["role"]].add(tuple(row["form"].split()))
    # English markers of the same roles ("since", "days after"): a frame's time is read from
    # words, whichever language they are in.
    for row in load_tsv("en_figure_words", ("form",)):
        if row["role"] in EN_LINKING_ROLES:
            by_role[row["role"]].add(tuple(row["form"].split()))
    longest = max(len(p) for phrases in by_role.values() for p in phrases)
    firsts = {k: frozenset({p[0] for p in v} | {"و" + p[0] for p in v}) for k, v in by_role.items()}
    lasts = {k: frozenset({p[-1] for p in v} | {"و" + p[0] for p in v if len(p) == 1}) for k, v in by_role.items()}
    return Words(
        MappingProxyType({k: frozenset(v) for k, v in by_role.items()}),
        longest,
        MappingProxyType(firsts),
        MappingProxyType(lasts),
    )


def folded(text: str) -> str:
    return " ".join(fold(text).split())


# Words that open a clause of its own (folded; role figure of clause_openers.tsv): what stands
# before them is about another figure, and a date before them is another statement's day.
NEW_CLAUSE = clause_openers("figure")


__all__ = [
    "ANY",
    "MONEY",
    "NEW_CLAUSE",
    "PEOPLE",
    "PEOPLE_GROUPS",
    "PREDICATE_CLASS",
    "Predicates",
    "Words",
    "folded",
    "groups",
    "linking_words",
    "predicates",
    "variants",
]
