"""Quotation pairing and sentence segmentation."""

from __future__ import annotations

from rawi.text.normalize import normalize
from rawi.text.segment import segment


def quotes_of(text: str) -> list[str]:
    norm = normalize(text).norm
    return [norm[q.start : q.end] for q in segment(norm).quotes]


def sentences_of(text: str) -> list[str]:
    norm = normalize(text).norm
    return [norm[s.start : s.end] for s in segment(norm).sentences]


def test_guillemets_pair() -> None:
    assert quotes_of("وقال إن بلاده «في حالة حرب» مع المتشددين.") == ["في حاله حرب"]


def test_curly_quotes_pair() -> None:
    assert quotes_of("وقال “الاتفاق نهائي” أمس.") == ["الاتفاق نهائي"]


def test_straight_quotes_pair_in_order() -> None:
    assert quotes_of('وصف "الحليف" بأنه "لا يقهر" أمس.') == ["الحليف", "لا يقهر"]


def test_closing_quote_glued_to_next_word() -> None:
    text = '"تسلية بعد عشاء" لضيوف الرئيس و"مار لاغو" هكذا.'
    assert quotes_of(text)[0] == "تسليه بعد عشاء"


def test_two_apostrophes_open_a_quote() -> None:
    assert quotes_of("وقال: ''لن نسمح بذلك\" أبدا.") == ["لن نسمح بذلك"]


def test_unbalanced_quote_runs_to_paragraph_end() -> None:
    q = quotes_of('وقال الوزير: "سنواصل العمل حتى النهاية.\nفقرة أخرى.')
    assert q == ["سنواصل العمل حتي النهايه."]


def test_quote_across_sentences_is_one_sentence() -> None:
    text = 'وقال الوزير: "الأول. والثاني". ثم غادر.'
    assert sentences_of(text) == ['وقال الوزير: "الاول. والثاني"', "ثم غادر"]


def test_decimal_point_does_not_end_sentence() -> None:
    got = sentences_of("بلغ النمو 2.5 في المئة. وتراجع التضخم.")
    assert got == ["بلغ النمو 2.5 في المئه", "وتراجع التضخم"]


def test_arabic_question_mark_and_double_dot_end_sentences() -> None:
    assert sentences_of("هل انتهى؟ قتل 20.. وجرح 30") == ["هل انتهي", "قتل 20", "وجرح 30"]


def test_short_unpunctuated_first_line_is_a_headline() -> None:
    norm = normalize("بوتين يشيد بالتحالف\nوقال بوتين إن التحالف قوي.").norm
    sents = segment(norm).sentences
    assert [s.headline for s in sents] == [True, False]


def test_single_line_is_not_a_headline() -> None:
    norm = normalize("وقال بوتين إن التحالف قوي").norm
    assert not segment(norm).sentences[0].headline
