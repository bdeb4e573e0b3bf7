"""Plain English: every English text the bot shows reads at grade 6 or below.

Flesch-Kincaid needs running text: a one- or two-word button label ("Advocates")
has no meaningful grade alone. So every text of five words or more is graded
on its own, and every message is graded as the person sees it: its text with
its button labels. Every sentence of every text stays within 20 words.
"""

from __future__ import annotations

import re

import pytest
import textstat

from bot.conversation import i18n
from tests.walk import CODE, every_message

MAX_GRADE = 6.0
MAX_SENTENCE_WORDS = 20
textstat.set_lang("en")


def _plain(text: str) -> str:
    return i18n.PLACEHOLDER.sub("it", text)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?:])\s+", text.strip()) if s]


ENGLISH = i18n.languages()["en"].texts


@pytest.mark.parametrize("key", sorted(ENGLISH))
def test_each_text_is_short_sentences_and_at_most_grade_6(key):
    text = _plain(ENGLISH[key])
    for sentence in _sentences(text):
        assert len(sentence.split()) <= MAX_SENTENCE_WORDS, f"{key}: {sentence!r}"
    if len(text.split()) >= 5:
        grade = textstat.flesch_kincaid_grade(text)
        assert grade <= MAX_GRADE, f"{key}: grade {grade} for {text!r}"


def test_every_message_as_shown_with_its_buttons_is_at_most_grade_6(sqlite_store):
    messages = every_message(sqlite_store)
    seen_keys = {m.key for m in messages}
    assert len(seen_keys) > 60  # the walk really covers the conversation
    for m in messages:
        # a code (ABCD-2345) is random letters, not words: grade the sentence around it
        shown = CODE.sub("code", ". ".join([m.text] + [b["title"] for b in m.buttons]))
        grade = textstat.flesch_kincaid_grade(shown)
        assert grade <= MAX_GRADE, f"{m.key}: grade {grade} for {shown!r}"


def test_the_readability_check_can_fail():
    hard = ("Notwithstanding jurisdictional considerations, multidisciplinary safeguarding arrangements "
            "necessitate comprehensive interagency collaboration.")
    assert textstat.flesch_kincaid_grade(hard) > MAX_GRADE
