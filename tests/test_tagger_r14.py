"""Round 14: the tagger's new features (bot.anonymise.tagger.features). Their effect is measured by
cross-validation (`python -m bot.anonymise.crossval`) and kept in docs/REDACTION.md; these check that each
feature function emits what it says, on invented words."""

from __future__ import annotations

from bot.anonymise import tagger


def _attributes(text: str, language: str, rules: dict[str, str] | None = None,
                reasons: dict[str, str] | None = None) -> dict[str, list[str]]:
    words = tagger.words_of(text, language)
    labels = [(rules or {}).get(w.text, "") for w in words]
    why = [(reasons or {}).get(w.text, "") for w in words]
    return {f"{i}:{w.text}": f for i, (w, f) in enumerate(zip(words, tagger.features(text, language, words, labels,
                                                                                       reasons=why)))}


def _of(attributes: dict[str, list[str]], word: str) -> list[list[str]]:
    return [f for key, f in attributes.items() if key.split(":", 1)[1] == word]


def test_a_grammatical_prefix_is_taken_off_and_its_stem_looked_up():
    # وسامي: "and Sami"; the stem is in a name list, the word with its clitic is not
    attributes = _attributes("ساعدني وسامي كثيرا", "ar")
    word = _of(attributes, "وسامي")[0]
    assert "apre=و" in word and "apre:stem=name" in word


def test_a_case_ending_of_a_script_without_capitals_is_a_feature_of_the_stem():
    word = _of(_attributes("রহিমের সাথে কাজ করতাম", "bn"), "রহিমের")[0]
    assert "asuf=ের" in word and "asuf:stem=name" in word


def test_a_postposition_after_a_word_is_a_feature_of_the_word():
    word = _of(_attributes("ਸੁਰਿੰਦਰ ਨੂੰ ਮਿਲਿਆ", "pa"), "ਸੁਰਿੰਦਰ")[0]
    assert "+1:post" in word


def test_latin_words_have_no_affix_attributes():
    word = _of(_attributes("Andrew helped me", "en"), "Andrew")[0]
    assert not any(a.startswith(("apre", "asuf", "tail=")) for a in word)

