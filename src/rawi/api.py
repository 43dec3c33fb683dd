"""The small public API: `extract` one text, `extract_article` one `Article`."""

from __future__ import annotations

from rawi.errors import RawiError
from rawi.langid import detect
from rawi.model import Analysis, Article
from rawi.pipeline import analyze, parse_published
from rawi.reading import DEFAULT_MAX_CHARS, check_text

SUPPORTED = ("ar",)


def extract_article(article: Article, input_name: str | None = None, lang: str = "auto",
                    max_chars: int = DEFAULT_MAX_CHARS) -> Analysis:
    """Validate and analyse one article; raises `RawiError` for input the user must fix."""
    name = input_name or article.id
    check_text(article.text, name, max_chars)
    parse_published(article.published, name)
    if lang == "auto":
        found = detect(article.text)
        if found not in SUPPORTED and found != "und":
            raise RawiError("E008", name, {"en": "English", "fr": "French", "fa": "Persian",
                                            "ur": "Urdu"}.get(found, found))
    try:
        return analyze(article, name)
    except RawiError:
        raise
    except Exception as exc:  # one article's bug must not stop a batch
        raise RawiError("E100", name, f"{type(exc).__name__}: {exc}") from exc


def extract(text: str, id: str = "doc", published: str | None = None) -> Analysis:
    """Analyse one Arabic text: `rawi.extract("وقال الوزير إن …", published="2025-10-24")`."""
    return extract_article(Article(id, text, published))
