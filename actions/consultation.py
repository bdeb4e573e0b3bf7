"""Thin rasa-sdk actions: they translate Rasa's tracker into bot.conversation.flow calls."""

from __future__ import annotations

import logging
import traceback
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.conversation import i18n
from bot.conversation.flow import Flow, Incoming, Message
from bot.signals import LANGUAGE_CHANGED, TRY_AGAIN
from bot.store import get_store

log = logging.getLogger(__name__)


def _log_failure(what: str, exc: BaseException) -> None:
    """Where it failed and the kind of error, never the error's message: it may quote the person's words."""
    frames = "".join(traceback.format_list(traceback.extract_tb(exc.__traceback__)))
    log.error("could not %s: %s\n%s", what, type(exc).__name__, frames)


def _flow(tracker: Tracker) -> Flow:
    return Flow(get_store(), session_id=tracker.sender_id)


def _incoming(tracker: Tracker) -> Incoming:
    latest = tracker.latest_message or {}
    intent = latest.get("intent") or {}
    entities = {e.get("entity"): e.get("value") for e in latest.get("entities") or [] if e.get("entity")}
    return Incoming(latest.get("text") or "", intent.get("name"), entities, float(intent.get("confidence") or 0.0))


def _send(dispatcher: CollectingDispatcher, messages: list[Message], before: dict | None = None,
          state: dict | None = None) -> None:
    if state is not None and state.get("lang") != (before or {}).get("lang", i18n.SOURCE):
        dispatcher.utter_message(json_message={"imsa": LANGUAGE_CHANGED, "lang": state.get("lang")})
    for message in messages:
        dispatcher.utter_message(**message.as_rasa())


def _record(flow: Flow, tracker: Tracker, before: dict | None, incoming: Incoming | None, state: dict,
            messages: list[Message]) -> None:
    """This turn's lines of the anonymised transcript, once the person has agreed and has a respondent row.
    A failure here never spoils the turn: the answer itself is already saved."""
    rid = state.get("respondent")
    try:
        if rid is None:  # the last turn (the end forgets the respondent) or a stop that deleted it
            rid = (before or {}).get("respondent")
            if rid is None or flow.store.respondent(rid) is None:
                return
        flow.store.add_transcript_lines(tracker.sender_id, flow.transcript_lines(before, incoming, messages),
                                        language=state.get("lang", i18n.SOURCE), respondent_id=rid)
    except Exception as exc:
        _log_failure("write the transcript", exc)


def _sorry(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    lang = (tracker.get_slot("flow") or {}).get("lang", i18n.SOURCE)
    dispatcher.utter_message(text=i18n.text(lang, "error.general"), json_message=TRY_AGAIN)


class ValidateConsultationForm(FormValidationAction):
    def name(self) -> str:
        return "validate_consultation_form"

    async def validate_answer(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> dict[str, Any]:
        if value is None:
            # Rasa also asks to validate on form activation, when nothing was typed into
            # the slot: the message was already handled (by action_control), never twice.
            return {}
        try:
            flow, before, incoming = _flow(tracker), tracker.get_slot("flow"), _incoming(tracker)
            state, messages = flow.handle(before, incoming)
        except Exception as exc:  # never show a stack trace; never log the text
            _log_failure("handle an answer", exc)
            _sorry(dispatcher, tracker)
            return {"answer": None}
        _send(dispatcher, messages, before, state)
        _record(flow, tracker, before, incoming, state, messages)
        return {"answer": None, "flow": state}


class ActionControl(Action):
    def name(self) -> str:
        return "action_control"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        try:
            flow, before, incoming = _flow(tracker), tracker.get_slot("flow"), _incoming(tracker)
            state, messages = flow.handle(before, incoming)
        except Exception as exc:
            _log_failure("handle a control word", exc)
            _sorry(dispatcher, tracker)
            return []
        _send(dispatcher, messages, before, state)
        _record(flow, tracker, before, incoming, state, messages)
        return [SlotSet("flow", state)]


class ActionAskAnswer(Action):
    def name(self) -> str:
        return "action_ask_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        try:
            flow, before = _flow(tracker), tracker.get_slot("flow")
            state, messages = flow.prompt(before)
        except Exception as exc:
            _log_failure("show the next step", exc)
            _sorry(dispatcher, tracker)
            return []
        _send(dispatcher, messages)
        _record(flow, tracker, before, None, state, messages)
        return [] if state == before else [SlotSet("flow", state)]
