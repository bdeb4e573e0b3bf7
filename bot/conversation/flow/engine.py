"""Flow: one message in, the bot's messages out, for the step the person is at.

``handle`` first deals with what is the same at every step (a message after the end, empty or
over-long input, the language menu, control words), then hands the message to the step's entry in
``bot.conversation.flow.steps``. ``prompt`` asks for the step the person is now on.
"""

from __future__ import annotations

import re
from typing import Any, Dict

from bot.conversation import resume_codes as codes
from bot.conversation.catalogue import Catalogue, catalogue
from bot.conversation.flow.messages import Incoming, Message, clean_text, typed_words
from bot.conversation.flow.state import FlowState, Step
from bot.conversation.flow.steps import STEPS
from bot.conversation.flow.turn import CONTROLS, Turn, clearly_a_command
from bot.store import Store
from bot.store.store import StandIn

MAX_MESSAGE_CHARS = 5000
SET_LANGUAGE = "set_language"  # payload /set_language{"language":"ar"}, from the page's language menu
_SAFE_WORD = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
BOT_INTENTS = frozenset((*CONTROLS, SET_LANGUAGE, "choose", "resume"))  # the bot's own buttons' intents

Slot = Dict[str, Any]  # the JSON-safe dict Rasa keeps in the `flow` slot: FlowState.to_dict()


class Flow:
    def __init__(self, store: Store, cat: Catalogue | None = None, session_id: str | None = None) -> None:
        self.store = store
        self.cat = cat or catalogue()
        self.session_id = session_id  # the chat's id: answers then also go into its transcript
        self.answered = False  # this turn saved an answer
        # With defer_answers (action_turn sets it), an answer is kept until the end of the turn and then
        # written with the turn's transcript lines in one transaction (write_pending); a step that writes or
        # reads anything else first (the summary, a deletion, a pause) writes it then.
        self.defer_answers = False
        self.pending: tuple[str | None, str, str, str] | None = None  # (respondent, question, language, text)

    def save(self, answer: tuple[str | None, str, str, str], lines: list | None = None) -> None:
        rid, question_id, lang, text = answer
        self.store.save_answer(rid, question_id, lang, text=text, transcript_session=self.session_id,
                               transcript_lines=lines)

    def write_pending(self, lines: list[tuple[str, str | None, str | None]] | None = None) -> None:
        """Write the answer kept for the end of the turn, if any; with `lines` (the rest of the turn's
        transcript), in the same transaction. Raises when it could not be written (then it is still kept)."""
        if self.pending is not None:
            self.save(self.pending, lines)
            self.pending = None

    def handle(self, state: Slot | None, incoming: Incoming) -> tuple[Slot, list[Message]]:
        """The messages that react to a message, and the state after it."""
        turn = Turn(self, FlowState.from_dict(state))
        self._handle(turn, Incoming(clean_text(incoming.text or ""), incoming.intent,
                                    dict(incoming.entities or {}), incoming.confidence))
        return turn.state.to_dict(), turn.out

    def prompt(self, state: Slot | None) -> tuple[Slot, list[Message]]:
        """The messages that ask for the current step (nothing once ended)."""
        turn = Turn(self, FlowState.from_dict(state))
        simpler, turn.state.mode = turn.state.mode == "simpler", None
        turn.step.prompt(turn, simpler)
        return turn.state.to_dict(), turn.out

    def respond(self, state: Slot | None, incoming: Incoming) -> tuple[Slot, list[Message]]:
        """handle() then prompt(): one whole turn, as the person sees it."""
        state, said = self.handle(state, incoming)
        state, asked = self.prompt(state)
        return state, said + asked

    def _handle(self, turn: Turn, incoming: Incoming) -> None:
        if turn.state.step == Step.ENDED:  # a new message after the end starts afresh
            turn.state = turn.state.fresh()
            code = None if turn.state.kiosk else codes.normalise(incoming.text)
            if (code and turn.resume(code)) or incoming.intent != "help_now":
                return
        if not incoming.text:
            turn.say("input.empty")
        elif len(incoming.text) > MAX_MESSAGE_CHARS:
            turn.say("input.too_long")
        elif incoming.intent == SET_LANGUAGE and incoming.is_button:
            turn.set_language(str(incoming.entities.get("language") or ""))
        elif incoming.intent == SET_LANGUAGE and turn.step.step is not Step.WELCOME and (
                turn.step.step is not Step.QUESTION or clearly_a_command(incoming)):
            turn.show_over(Step.LANGUAGE_MENU)  # typed "change language": show the languages
        elif incoming.intent in CONTROLS and not self._names_an_option(turn, incoming) and self._is_command(
                turn, incoming):
            turn.control(incoming)
        else:
            turn.step.handle(turn, incoming)

    @staticmethod
    def _names_an_option(turn: Turn, incoming: Incoming) -> bool:
        """Typed words that are exactly one of this step's choices ("Scotland") are that choice."""
        if incoming.is_button:
            return False
        typed = typed_words(incoming)
        return any(option.named_by(typed) for option in turn.step.options(turn))

    @staticmethod
    def _is_command(turn: Turn, incoming: Incoming) -> bool:
        """Buttons are always commands. Where a step takes the person's own words (a question,
        the welcome, the resume code), typed words are a command only when short and clear,
        and never when they are a code. "I need help now" is always honoured."""
        if incoming.is_button or incoming.intent == "help_now" or not turn.step.takes_words:
            return True
        return codes.normalise(incoming.text) is None and clearly_a_command(incoming)

    # ------------------------------------------------------------ transcript
    def transcript_lines(
        self, before: Slot | None, incoming: Incoming | None, messages: list[Message]
    ) -> list[tuple[str, str | None, str | None]]:
        """One turn of the anonymised transcript: (speaker, text, text_key) lines, in order.

        The person's own words are kept only when they were an answer, and then the store wrote the
        line with the answer (redacted once). Anything else they typed (a resume code, a name, a word
        at a button step) is never kept: a tap shows as [button: choice], a typed command as
        [typed: intent]. Bot lines are kept by text key, so a code or number in them is never written.
        """
        lines: list[tuple[str, str | None, str | None]] = []
        if incoming is not None and not self.answered:  # an answer's line was written with the answer
            state = FlowState.from_dict(before)
            lines.append(("person", _describe_input(state, incoming, self._offered(state)), None))
        lines += [("bot", None, m.key) for m in messages]
        return lines


    def _offered(self, state: FlowState) -> frozenset[str]:
        """The values of the options the step offered (none when they cannot be told: then redacted)."""
        try:
            return frozenset(option.value for option in STEPS[Step.at(state.step)].options(Turn(self, state)))
        except Exception:  # noqa: BLE001  # a stand-in is then redacted like the person's words
            return frozenset()


def _describe_input(before: FlowState, incoming: Incoming, offered: frozenset[str] | set[str] = frozenset()) -> str:
    """A transcript stand-in for a message that was not an answer: never the words themselves.

    A StandIn (written without redaction) when it is made of the bot's own words only: a fixed text, a
    control's name, or a choice among the options the step offered. A value that came in the message and is
    none of these (a payload anyone can type: "/choose{"choice":"annexample"}") stays a plain text, which the
    store redacts like anything a person sent."""
    intent = incoming.intent if incoming.intent and _SAFE_WORD.match(incoming.intent) else None
    if incoming.is_button:
        choice = incoming.choice if incoming.choice and _SAFE_WORD.match(incoming.choice) else None
        if choice is not None:
            return f"[button: {choice}]" if choice not in offered else StandIn(f"[button: {choice}]")
        if intent is None:
            return StandIn("[button: unknown]")
        return StandIn(f"[button: {intent}]") if intent in BOT_INTENTS else f"[button: {intent}]"
    if intent in (*CONTROLS, SET_LANGUAGE) and not STEPS[Step.at(before.step)].holds_codes:
        return StandIn(f"[typed: {intent}]")
    return StandIn("[typed words, not kept]")
