"""What the flow remembers between two messages: a FlowState, kept in Rasa's ``flow`` slot as a JSON dict.

The same dict is saved in ``paused_sessions`` when someone pauses, and read back with the resume code,
perhaps by a newer version of the bot: ``FlowState.from_dict`` therefore reads any dict this bot ever
wrote (missing keys take their defaults, unknown keys are dropped), and ``to_dict`` writes plain JSON
values with the keys and step names the slot has always had.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Mapping

from bot.conversation import i18n


class Step(str, Enum):
    """Every step of the conversation. A str Enum, so the slot's JSON holds the names it always held."""

    WELCOME = "welcome"
    LANGUAGE_CONFIRM = "language_confirm"  # typed words looked like a language: is it this one?
    LANGUAGE_MENU = "language_menu"
    RESUME_CODE = "resume_code"
    ABOUT = "about"
    CONSENT = "consent"
    AGE = "age"
    ASSISTED = "assisted"
    NATION = "nation"
    THEMES = "themes"
    QUESTION = "q:"  # one step for all the questions: the place is "q:" + the question's id
    HELP = "help"
    STOP_CONFIRM = "stop_confirm"
    PAUSE_CONFIRM = "pause_confirm"
    ENDED = "ended"

    @classmethod
    def at(cls, place: str) -> Step:
        """The step of a place (``"consent"``, ``"q:health.barriers"``); ValueError for an unknown one."""
        if isinstance(place, Step):
            return place
        if place.startswith("q:"):
            return cls.QUESTION
        try:
            return _STEP_NAMED[place]  # a dict, not Step(place): this runs several times a message
        except KeyError:
            raise ValueError(f"no step {place!r}") from None


_STEP_NAMED = {step.value: step for step in Step}


@dataclass
class FlowState:
    """One conversation's state. A *place* is a Step's name, or "q:" + a question id."""

    step: str = Step.WELCOME  # the place the person is at
    history: list[str] = field(default_factory=list)  # places passed through, for "go back"
    lang: str = i18n.SOURCE
    respondent: str | None = None  # the dataset row, made once they agree and are 18 or over
    themes: list[str] = field(default_factory=list)  # the topics chosen, in catalogue order
    picking: list[str] = field(default_factory=list)  # topics tapped at the menu before "Done"
    return_to: str | None = None  # where help, a confirmation or the language menu goes back to
    pending_text: str | None = None  # typed "stop"/"pause" at a question, until confirmed (sealed in Redis)
    mode: str | None = None  # "simpler": the next prompt only, after "I don't understand"
    preset: dict[str, Any] | None = None  # a support worker's hand-over: {"themes": [...], "assisted": ...}
    kiosk: bool = False  # a shared screen (the page's ?kiosk=1): no resume codes, the page clears itself
    partner: str | None = None  # the partner organisation's site the chat was opened on (bot/conversation/partners.py)
    suggested: list[str] = field(default_factory=list)  # languages typed words look like, likeliest first

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> FlowState:
        data = data or {}
        return cls(**{name: _plain(data[name]) for name in _FIELDS if name in data})

    def to_dict(self) -> dict[str, Any]:
        return {name: _plain(getattr(self, name)) for name in _FIELDS}

    def fresh(self) -> FlowState:
        """A new conversation after this one ends: its language, and a kiosk stays a kiosk on the same site."""
        return FlowState(lang=self.lang, kiosk=bool(self.kiosk), partner=self.partner)


_FIELDS = tuple(f.name for f in dataclasses.fields(FlowState))


def _plain(value: Any) -> Any:
    """A copy of a JSON value (the caller's dict, Rasa's slot, is never changed), with Step members as plain
    strings. Written out because copy.deepcopy and dataclasses.asdict took most of the flow's time."""
    if isinstance(value, Step):
        return value.value
    if isinstance(value, list):
        return [v if type(v) is str else _plain(v) for v in value]
    if isinstance(value, dict):
        return {k: v if type(v) is str else _plain(v) for k, v in value.items()}
    return value


def new_state(lang: str = i18n.SOURCE) -> dict[str, Any]:
    """A new conversation's slot value."""
    return FlowState(lang=lang).to_dict()
