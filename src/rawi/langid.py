"""Language of an article: Arabic and English are read, other languages are recognised and declined.

lingua does the identification; it is restricted to the languages a news
feed in Arabic script or Latin script is likely to carry, which keeps it small
and fast. Only the first characters are looked at: an article's language does
not change half way.
"""

from __future__ import annotations

import re
from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

_SAMPLE = 600
_LANGS = (Language.ARABIC, Language.ENGLISH, Language.FRENCH, Language.PERSIAN, Language.URDU)
_CODES = {
    Language.ARABIC: "ar",
    Language.ENGLISH: "en",
    Language.FRENCH: "fr",
    Language.PERSIAN: "fa",
    Language.URDU: "ur",
}


@cache
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*_LANGS).with_low_accuracy_mode().build()


# Letters of the Arabic script that Arabic itself does not use (Persian, Urdu, Pashto …).
_NOT_ARABIC = frozenset("پچژگکیےںٹڈڑہۃۓڭۆۇۈۋې")


_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
_OTHER_LETTER = re.compile("[^\\W\\d_\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_NOT_ARABIC_RE = re.compile("[" + "".join(sorted(_NOT_ARABIC)) + "]")


def _plainly_arabic(sample: str) -> bool:
    """Mostly Arabic letters (or a good share of Arabic prose), and none that only other languages use.

    This settles most news articles without asking the detector, which costs a
    millisecond; anything less clear-cut goes to lingua.
    """
    if _NOT_ARABIC_RE.search(sample):
        return False
    arabic = len(_ARABIC_LETTER.findall(sample))
    other = len(_OTHER_LETTER.findall(sample))
    # Arabic prose around lists of Latin titles or names is still an Arabic article.
    return (arabic >= 20 and other * 3 <= arabic) or (arabic >= 60 and arabic * 3 >= other)


def detect(text: str) -> str:
    """ISO 639-1 code of the text's language, or "und" when there are no letters to go on."""
    sample = text[:_SAMPLE]
    if _plainly_arabic(sample):
        return "ar"
    if not any(c.isalpha() for c in sample):
        return "und"
    lang = _detector().detect_language_of(sample)
    return _CODES.get(lang, "und") if lang is not None else "und"
