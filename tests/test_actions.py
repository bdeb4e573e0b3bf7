"""The rasa-sdk action: one call a turn answers the message and asks for the next step; a failure says
sorry in the person's language, logs no words of theirs and loses nothing already done."""

from __future__ import annotations

import asyncio
import logging

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import consultation
from bot.conversation import i18n
from bot.conversation.flow import Flow
from bot.signals import TRY_AGAIN
from bot.store import store as store_module

SECRET = "my name is Ann Example and my number is 07700 900123"


class Broken:
    def handle(self, state, incoming):
        raise ValueError(f"cannot handle {incoming.text!r}")

    def prompt(self, state):
        raise ValueError("cannot ask")


def _tracker(text: str, intent: str = "answer", flow: dict | None = None, entities: list | None = None) -> Tracker:
    return Tracker(
        "someone", {"flow": flow},
        {"text": text, "intent": {"name": intent, "confidence": 0.95}, "entities": entities or []},
        [], False, None, {}, "action_listen",
    )


def _tap(choice: str, flow: dict | None) -> Tracker:
    text = '/choose{"choice":"%s"}' % choice
    return _tracker(text, "choose", flow, [{"entity": "choice", "value": choice}])


def _turn(tracker: Tracker) -> tuple[CollectingDispatcher, list[dict]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(consultation.ActionTurn().run(dispatcher, tracker, {}))
    return dispatcher, events


def _keys(dispatcher: CollectingDispatcher) -> list[str]:
    return [m["text"] for m in dispatcher.messages if m.get("text")]


@pytest.fixture
def real_flow(monkeypatch, sqlite_store):
    monkeypatch.setattr(consultation, "_flow", lambda tracker: Flow(sqlite_store, session_id=tracker.sender_id))
    return sqlite_store


def test_a_failure_says_sorry_and_never_logs_the_persons_words(monkeypatch, caplog):
    monkeypatch.setattr(consultation, "_flow", lambda tracker: Broken())
    caplog.set_level(logging.DEBUG)
    dispatcher, events = _turn(_tracker(SECRET, flow={"lang": "ar", "step": "about"}))
    assert [m["text"] for m in dispatcher.messages] == [i18n.text("ar", "error.general")]
    assert dispatcher.messages[0]["custom"] == TRY_AGAIN
    assert events == []  # the state is left as it was: the same words can be sent again
    assert "ValueError" in caplog.text and "test_actions.py" in caplog.text  # where and what, not the words
    assert "Ann Example" not in caplog.text and "07700" not in caplog.text


def test_one_call_reacts_to_the_message_and_asks_for_the_next_step(real_flow):
    dispatcher, events = _turn(_tracker("hello", "greet"))  # the first message opens the conversation
    assert _keys(dispatcher) == [i18n.text("en", "welcome.text")]
    state = events[0]["value"]
    dispatcher, events = _turn(_tap("fr", state))
    state = events[0]["value"]
    assert state["lang"] == "fr" and state["step"] == "about"
    assert dispatcher.messages[0]["custom"]["lang"] == "fr"  # the page learns the language first
    assert _keys(dispatcher)[-1] == i18n.text("fr", "about.question")  # then the next step is asked, same call


def test_a_control_word_as_the_first_message_is_handled_at_once(real_flow):
    dispatcher, events = _turn(_tracker("/help_now", "help_now"))
    assert i18n.text("en", "help.danger") in _keys(dispatcher)
    assert events[0]["value"]["step"] == "help"


def test_when_asking_fails_what_the_message_did_is_kept_and_the_person_told(real_flow, monkeypatch):
    _, events = _turn(_tracker("hello", "greet"))
    monkeypatch.setattr(Flow, "prompt", Broken.prompt)
    dispatcher, events = _turn(_tap("es", events[0]["value"]))
    assert events and events[0]["value"]["lang"] == "es" and events[0]["value"]["step"] == "about"  # kept
    assert _keys(dispatcher)[-1] == i18n.text("es", "error.general")
    assert dispatcher.messages[-1]["custom"] == TRY_AGAIN
    assert dispatcher.messages[0]["custom"]["lang"] == "es"  # what the tap did reaches the page


def test_a_persons_words_are_always_redacted_in_the_transcript_and_only_the_bots_stand_ins_skip_it(real_flow,
                                                                                                monkeypatch):
    """Anonymity first: a name typed as an answer reaches the transcript redacted; the bot's own stand-ins
    ("[button: en]", "[typed: repeat]") are written as they are, and a value that only came in the message
    (a payload anyone can type) goes through redaction like the person's words."""
    redacted = []
    real_redact = store_module.redact
    monkeypatch.setattr(store_module, "redact",
                        lambda text, lang="en": redacted.append(text) or real_redact(text, lang))
    rid = real_flow.create_respondent("en")
    at_question = {"lang": "en", "step": "q:health.barriers", "respondent": rid, "themes": ["health"]}
    _, events = _turn(_tracker("My name is Ann Example and I could not see a doctor", "answer", at_question))
    assert events[0]["value"]["step"] != "q:health.barriers"  # saved and moved on
    _turn(_tracker("/repeat", "repeat", events[0]["value"]))
    _turn(_tap("annexample", at_question))  # not a choice this step offers: it came in the message
    lines = real_flow.transcript("someone")
    person = [line.text for line in lines if line.speaker == "person"]
    assert person[0] == "My name is [NAME] and I could not see a doctor"
    assert "Ann Example" not in " ".join(filter(None, (line.text for line in lines)))
    assert person[1:] == ["[button: repeat]", "[button: annexample]"]
    assert any("Ann Example" in text for text in redacted)  # the typed words went through redaction ...
    assert "[button: annexample]" in redacted  # ... and so did what only the message carried
    assert "[button: repeat]" not in redacted  # the bot's own stand-in did not need to
    redacted.clear()
    _turn(_tap("all", {"lang": "en", "step": "themes", "respondent": rid}))  # a choice the step offers
    lines = real_flow.transcript("someone")
    assert [line.text for line in lines if line.speaker == "person"][-1] == "[button: all]" and redacted == []


def _at_question(store) -> dict:
    return {"lang": "fr", "step": "q:health.barriers", "respondent": store.create_respondent("fr"),
            "themes": ["health"]}


def test_an_answer_and_the_turns_transcript_are_one_commit(real_flow):
    from sqlalchemy import event

    state = _at_question(real_flow)
    commits = []
    event.listen(real_flow.engine, "commit", lambda conn: commits.append(1))
    _, events = _turn(_tracker("I could not register with a doctor", "answer", state))
    assert len(commits) == 1 and events[0]["value"]["step"] != state["step"]
    lines = real_flow.transcript("someone")
    assert [(line.speaker, line.text, line.text_key) for line in lines][:2] == [
        ("person", "I could not register with a doctor", None), ("bot", None, "answer.saved")]
    assert len(lines) >= 3  # then the next question
    assert [a.text for a in real_flow.answers(state["respondent"])] == ["I could not register with a doctor"]


def test_when_the_answer_cannot_be_saved_the_turn_fails_and_can_be_sent_again(real_flow, monkeypatch):
    state = _at_question(real_flow)
    real_save = type(real_flow).save_answer

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(type(real_flow), "save_answer", broken)
    dispatcher, events = _turn(_tracker("I could not register with a doctor", "answer", state))
    assert events == [] and _keys(dispatcher) == [i18n.text("fr", "error.general")]  # not "saved"
    assert dispatcher.messages[-1]["custom"] == TRY_AGAIN
    monkeypatch.setattr(type(real_flow), "save_answer", real_save)
    dispatcher, events = _turn(_tracker("I could not register with a doctor", "answer", state))  # again
    assert events and [a.text for a in real_flow.answers(state["respondent"])] == [
        "I could not register with a doctor"]


def test_when_only_the_transcript_fails_the_answer_is_saved(real_flow, monkeypatch):
    state = _at_question(real_flow)
    monkeypatch.setattr(Flow, "transcript_lines", Broken.prompt)
    dispatcher, events = _turn(_tracker("I could not register with a doctor", "answer", state))
    assert events and i18n.text("fr", "answer.saved") in _keys(dispatcher)
    assert [a.text for a in real_flow.answers(state["respondent"])] == ["I could not register with a doctor"]
