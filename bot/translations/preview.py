"""The bot's messages as a survivor sees them: each prompt's text with its buttons, by text key.

Made by the conversation's own code (bot.conversation.flow.Flow.prompt) for every step and every question, in the
ordinary and the simpler wording, so the translations page shows a text with exactly the buttons that come with it. A
key that is never a prompt (a message said on the way, such as the helplines) has no buttons of its own.
"""

from __future__ import annotations

from functools import lru_cache

from bot.conversation import i18n
from bot.conversation.catalogue import catalogue
from bot.conversation.flow import Flow, Message, Step, new_state

Q_PREFIX = Step.QUESTION.value
# every step the flow has (a new one is previewed without a change here), but the questions (each one below),
# the language suggestion (it needs a suggested language) and the end
STEPS = tuple(step.value for step in Step if step not in (Step.QUESTION, Step.LANGUAGE_CONFIRM, Step.ENDED))
CHOICE_PAYLOADS = ("/choose", "/resume")  # the page shows these as the step's choices, the rest as controls


def _states(lang: str) -> list[dict]:
    cat = catalogue()
    every_theme = [th.id for th in cat.themes]
    states = []
    for mode in (None, "simpler"):
        for step in STEPS:
            state = new_state(lang)
            state.update(step=step, history=["welcome"], mode=mode, themes=every_theme)
            states.append(state)
        for question in cat.all_questions():
            state = new_state(lang)
            state.update(step=Q_PREFIX + question.id, history=["themes"], mode=mode, themes=every_theme)
            states.append(state)
    for step in ("stop_confirm", "pause_confirm"):  # after typed words that looked like "stop" or "pause"
        state = new_state(lang)
        state.update(step=step, history=["welcome"], pending_text="...", themes=every_theme)
        states.append(state)
    state = new_state(lang)
    state.update(step="language_confirm", suggested=[lang], history=["welcome"])
    states.append(state)
    return states


def prompts(lang: str, _langs: object = None) -> dict[str, Message]:
    """{text key: the first message the conversation sends with it, buttons included} in `lang`."""
    return dict(_prompts(lang, id(i18n.languages())))


@lru_cache(maxsize=64)
def _prompts(lang: str, _version: int) -> tuple[tuple[str, Message], ...]:
    flow = Flow(store=None)  # type: ignore[arg-type]  # prompt() reads the catalogue and the texts only
    out: dict[str, Message] = {}
    for state in _states(lang):
        try:
            _, messages = flow.prompt(state)
        except (KeyError, ValueError, StopIteration):  # a step that needs more than this state holds
            continue
        for message in messages:
            out.setdefault(message.key, message)
    return tuple(out.items())


def preview(lang: str, key: str) -> tuple[str, list[str], list[str]]:
    """(the message's text, its choice buttons, its control buttons) as the survivor sees them in `lang`."""
    message = prompts(lang).get(key)
    if message is None:
        return i18n.text(lang, key), [], []
    choices = [b["title"] for b in message.buttons if b["payload"].startswith(CHOICE_PAYLOADS)]
    controls = [b["title"] for b in message.buttons if not b["payload"].startswith(CHOICE_PAYLOADS)]
    return message.text, choices, controls


def preview_context(lang: str, key: str, text: str | None = None) -> dict:
    """What templates/macros/message_preview.html shows: the message and its button groups, labelled as the chat
    labels them, in the language's direction. `text`: a wording to show instead of the saved one."""
    language = i18n.languages().get(lang) or i18n.languages()[i18n.SOURCE]
    shown, choices, controls = preview(language.code, key)
    return {
        "lang": language.code,
        "dir": language.direction,
        "text": shown if text is None else text,
        "groups": [("choices", i18n.text(language.code, "widget.choices.label"), choices),
                   ("controls", i18n.text(language.code, "widget.controls.label"), controls)],
    }
