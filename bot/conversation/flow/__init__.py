"""The conversation, step by step, as plain Python (no Rasa imports).

Rasa carries the conversation (NLU, one rule: every message is answered by ``action_turn``); this
package decides what each message means at the current step, saves answers the moment they are given,
and says what the bot shows next. ``Flow.handle(state, incoming)`` returns the messages that react to a
message; ``Flow.prompt(state)`` the question or choice for the step the person is now on. ``action_turn``
(actions/consultation.py) calls both in one action call a turn.

- ``state``: ``FlowState``, what is remembered between messages (the ``flow`` slot, a JSON dict), and
  ``Step``, the steps' names.
- ``steps``: one entry per step: its options, how it asks, what a message does there.
- ``messages``: ``Incoming`` (a message as Rasa understood it), ``Message`` (what the bot says), ``Option``.
- ``turn``: the moves every step shares (forward, back, overlays, end, pause, resume, control words).
- ``engine``: ``Flow``, what is the same at every step, then the step's entry.
"""

from bot.conversation.flow.engine import MAX_MESSAGE_CHARS, SET_LANGUAGE, Flow
from bot.conversation.flow.messages import Incoming, Message, Option, choice_button, clean_text
from bot.conversation.flow.state import FlowState, Step, new_state
from bot.conversation.flow.steps import STEPS, StepDef
from bot.conversation.flow.turn import COMMAND_MAX_WORDS, COMMAND_MIN_CONFIDENCE, CONTROLS

__all__ = [
    "COMMAND_MAX_WORDS", "COMMAND_MIN_CONFIDENCE", "CONTROLS", "MAX_MESSAGE_CHARS", "SET_LANGUAGE", "STEPS",
    "Flow", "FlowState", "Incoming", "Message", "Option", "Step", "StepDef", "choice_button", "clean_text",
    "new_state",
]
