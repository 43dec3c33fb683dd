"""The identities the ledger stores things under: article keys, hashes, entity keys."""

from __future__ import annotations

import hashlib
import re

from rawi.model import Article, Entity
from rawi.text.normalize import fold, normalize

_SPACE = re.compile(r"\s+")
# Quotation marks and punctuation around a name do not change who it names.
_EDGE_PUNCT = "«»“”„\"'‘’`()[]{}<>.,،؛;:!?-–—_/\\ "


def doc_key(article: Article) -> str:
    """The article's URL when given (stable across feeds and re-crawls), else its id."""
    return article.url or article.id


def content_hash(text: str) -> str:
    """sha256 of the text exactly as given: any change is a new version."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def folded_text(text: str) -> str:
    """The text folded for matching (alef/hamza, yaa, taa marbuta, harakat, tatweel, digits, case)
    with white space collapsed: what searches compare against."""
    return _SPACE.sub(" ", normalize(text).norm).strip()


def norm_hash(text: str, folded: str | None = None) -> str:
    """sha256 of the folded text with white space collapsed (`folded`, when the caller has it):
    equal for syndicated copies."""
    return hashlib.sha256((folded_text(text) if folded is None else folded).encode("utf-8")).hexdigest()


def search_text(title: str | None, folded: str) -> str:
    """What an article search looks in: its title and its folded text (`folded_text`)."""
    return f"{folded_text(title)}\n{folded}" if title else folded


def search_pattern(query: str) -> str:
    """A user's search words folded as `folded_text` folds the stored text."""
    return folded_text(query)


def fold_name(name: str) -> str:
    """A name folded for matching across articles (alef/yaa/taa marbuta, harakat, case, spaces)."""
    return _SPACE.sub(" ", fold(name)).strip(_EDGE_PUNCT)


def global_key(entity: Entity) -> str:
    """The link when the entity has one, else its folded name: one key per referent across articles."""
    return entity.link or fold_name(entity.name)
