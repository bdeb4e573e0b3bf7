"""The one rasa-sdk action of a turn: it translates Rasa's tracker into a bot.conversation.flow call.

Every message gets one action call, ``action_turn``: the flow handles the message and asks for the step
the person is now on (``Flow.handle`` then ``Flow.prompt``), and the turn's transcript lines are written
once. Rasa carries no form: the flow slot is the whole state, so Rasa has no requested slot, no form
validation and no ask action to run, and a turn builds one Tracker instead of two to four.
"""

from __future__ import annotations

import logging
import traceback

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.conversation import i18n
from bot.conversation.flow import CONTROLS, SET_LANGUAGE, Flow, Incoming, Message
from bot.settings import get_settings
from bot.signals import LANGUAGE_CHANGED, TRY_AGAIN
from bot.store import get_store, turn_deadline

log = logging.getLogger(__name__)

# The first message of a conversation (no flow state yet) only opens it, with the welcome, unless it is a
# control word or a language choice, which is handled first ("I need help now" is honoured at once).
HANDLED_FIRST = frozenset((*CONTROLS, SET_LANGUAGE))


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


def _record(flow: Flow, tracker: Tracker, before: dict | None, incoming: Incoming | None, state: dict | None,
            messages: list[Message]) -> bool:
    """This turn's lines of the anonymised transcript, once the person has agreed and has a respondent row,
    written with the turn's answer (kept back by the flow until now) in one transaction. False when the
    answer could not be saved: the turn then fails, and the person sends it again. A failure of the
    transcript alone never spoils the turn: the answer is then saved on its own."""
    lines = None
    try:
        lines = flow.transcript_lines(before, incoming, messages)
    except Exception as exc:
        _log_failure("write the transcript", exc)
    if flow.pending is not None:
        try:
            flow.write_pending(lines)
            return True
        except Exception as exc:
            _log_failure("save an answer" if lines is None else "save an answer with the transcript", exc)
            if lines is None:
                return False
        try:  # the lines may have been at fault: the answer alone
            flow.write_pending()
            return True
        except Exception as exc:
            _log_failure("save an answer", exc)
            return False
    rid = (state or {}).get("respondent")
    try:
        if rid is None:  # the last turn (the end forgets the respondent) or a stop that deleted it
            rid = (before or {}).get("respondent")
            if rid is None or flow.store.respondent(rid) is None:
                return True
        if lines:
            flow.store.add_transcript_lines(tracker.sender_id, lines, language=(state or {}).get("lang", i18n.SOURCE),
                                            respondent_id=rid)
    except Exception as exc:
        _log_failure("write the transcript", exc)
    return True


def _sorry(dispatcher: CollectingDispatcher, state: dict | None) -> None:
    lang = (state or {}).get("lang", i18n.SOURCE)
    dispatcher.utter_message(text=i18n.text(lang, "error.general"), json_message=TRY_AGAIN)


class ActionTurn(Action):
    """One message in, the bot's whole answer out: the reaction to the message, then the next prompt."""

    def name(self) -> str:
        return "action_turn"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        # the database is not tried after Rasa stops waiting: a late retry would save an answer the person was
        # told was not saved (they send it again; saving replaces, so there is no duplicate, but they were misled)
        with turn_deadline(get_settings().turn_seconds):
            return self._turn(dispatcher, tracker)

    def _turn(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict]:
        before = tracker.get_slot("flow")
        try:
            flow, incoming = _flow(tracker), _incoming(tracker)
            flow.defer_answers = True  # an answer is written at the end, with the turn's transcript: one commit
            if before is None and incoming.intent not in HANDLED_FIRST:
                incoming, state, said = None, before, []  # the first message opens the conversation
            else:
                state, said = flow.handle(before, incoming)
        except Exception as exc:  # never show a stack trace; never log the text
            _log_failure("handle a message", exc)
            _sorry(dispatcher, before)
            return []
        try:
            state, asked = flow.prompt(state)
        except Exception as exc:  # what the message did (an answer saved) stands; only the next step is missing
            _log_failure("show the next step", exc)
            if not _record(flow, tracker, before, incoming, state, said):
                _sorry(dispatcher, before)  # the answer could not be saved: as if the message never came
                return []
            _send(dispatcher, said, before, state)
            _sorry(dispatcher, state)
            return [] if state is None else [SlotSet("flow", state)]
        if not _record(flow, tracker, before, incoming, state, said + asked):
            _sorry(dispatcher, before)
            return []
        _send(dispatcher, said + asked, before, state)
        return [] if state == before else [SlotSet("flow", state)]
