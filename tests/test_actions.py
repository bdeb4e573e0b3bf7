"""The rasa-sdk actions: a failure says sorry in the person's language and logs no words of theirs."""

from __future__ import annotations

import asyncio
import logging

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import consultation
from bot.conversation import i18n

SECRET = "my name is Ann Example and my number is 07700 900123"


class Broken:
    def handle(self, state, incoming):
        raise ValueError(f"cannot handle {incoming.text!r}")

    prompt = handle


def _tracker(text: str) -> Tracker:
    return Tracker(
        "someone", {"flow": {"lang": "ar"}, "answer": text},
        {"text": text, "intent": {"name": "answer", "confidence": 0.9}, "entities": []},
        [], False, None, {"name": "consultation_form"}, "action_listen",
    )


def test_a_failure_says_sorry_and_never_logs_the_persons_words(monkeypatch, caplog):
    monkeypatch.setattr(consultation, "_flow", lambda tracker: Broken())
    caplog.set_level(logging.DEBUG)
    for action, run in [
        (consultation.ValidateConsultationForm(), lambda a, d, t: a.validate_answer(SECRET, d, t, {})),
        (consultation.ActionControl(), lambda a, d, t: a.run(d, t, {})),
    ]:
        dispatcher = CollectingDispatcher()
        asyncio.run(run(action, dispatcher, _tracker(SECRET)))
        assert [m["text"] for m in dispatcher.messages] == [i18n.text("ar", "error.general")]
    assert "ValueError" in caplog.text and "test_actions.py" in caplog.text  # where and what, not the words
    assert "Ann Example" not in caplog.text and "07700" not in caplog.text
