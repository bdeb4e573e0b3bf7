"""The conversation, step by step, as plain Python (no Rasa imports).

Rasa carries the conversation (NLU, a form whose one slot takes each answer,
rules for the control words); this module decides what each message means at
the current step, saves answers the moment they are given, and says what the
bot shows next. The state is a small JSON-safe dict kept in the ``flow`` slot.

``handle(state, incoming)`` returns the messages that react to a message;
``prompt(state)`` returns the question or choice for the step the person is
now on. The Rasa form calls ``handle`` from its validation action (answers)
or from ``action_control`` (control words), then ``prompt`` from
``action_ask_answer``.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable

from bot import codes, handover, i18n, language, partners
from bot.catalogue import Catalogue, Question, catalogue
from bot.store import Store

MAX_MESSAGE_CHARS = 5000
# At a question, typed words are a control only when short and clearly one:
# anything else is the person's answer ("I had to stop working" is an answer).
COMMAND_MAX_WORDS = 4
COMMAND_MIN_CONFIDENCE = 0.8

CONTROLS = ("skip", "go_back", "repeat", "dont_understand", "pause", "stop", "help_now")
CONTROL_LABEL = {
    "skip": "control.skip",
    "go_back": "control.back",
    "repeat": "control.repeat",
    "dont_understand": "control.dont_understand",
    "pause": "control.pause",
    "stop": "control.stop",
    "help_now": "control.help",
}
ENDING = ("pause", "stop")  # typed, these are confirmed first
SET_LANGUAGE = "set_language"  # payload /set_language{"language":"ar"}, from the page's language menu

ASSISTED = ("none", "support_worker_beside", "support_worker_typing", "interpreter")
OVERLAYS = ("help", "stop_confirm", "pause_confirm", "language_menu")
HELP_KEYS = ("help.danger", "help.silent", "help.helpline", "help.salvation_army", "help.migrant_help",
             "help.samaritans", "help.call_history")
Q_PREFIX = "q:"
FREE_TEXT_STEPS = ("welcome", "resume_code")  # besides the questions: steps that take the person's own words


@dataclass
class Incoming:
    """One message from the person, as Rasa understood it."""

    text: str
    intent: str | None = None
    entities: dict[str, Any] = field(default_factory=dict)
    confidence: float = 1.0

    @property
    def is_button(self) -> bool:
        return self.text.startswith("/")

    @property
    def choice(self) -> str | None:
        value = self.entities.get("choice")
        return str(value) if value is not None else None


@dataclass
class Message:
    """One bot message: its text key (for tests and translation checks) and rendered text."""

    key: str
    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)

    def as_rasa(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text}
        if self.buttons:
            out["buttons"] = self.buttons
        return out


def new_state(lang: str = i18n.SOURCE) -> dict[str, Any]:
    return {
        "step": "welcome",
        "history": [],
        "lang": lang,
        "respondent": None,
        "themes": [],
        "picking": [],
        "return_to": None,
        "pending_text": None,
        "mode": None,
        "preset": None,  # a support worker's hand-over: {"themes": [...], "assisted": ...}
        "kiosk": False,  # a shared screen (the page's ?kiosk=1): no resume codes, the page clears itself
        "partner": None,  # the partner organisation's site the chat was opened on (bot/partners.py)
    }


def fresh_state(old: dict[str, Any]) -> dict[str, Any]:
    """A new conversation after the end of `old`: its language, and a kiosk stays a kiosk."""
    state = new_state(old.get("lang", i18n.SOURCE))
    state["kiosk"] = bool(old.get("kiosk"))
    state["partner"] = old.get("partner")
    return state


def clean_text(text: str) -> str:
    """Drop control and format characters (keeping newlines); trim."""
    kept = []
    for ch in text:
        if ch in "\n\t":
            kept.append(ch)
        elif unicodedata.category(ch) in ("Cc", "Cs"):
            continue
        else:
            kept.append(ch)
    return "".join(kept).strip()


_SAFE_WORD = re.compile(r"^[a-z][a-z0-9_]{0,31}$")


def _describe_input(before: dict[str, Any], incoming: Incoming) -> str:
    """A transcript stand-in for a message that was not an answer: never the words themselves."""
    intent = incoming.intent if incoming.intent and _SAFE_WORD.match(incoming.intent) else None
    if incoming.is_button:
        choice = incoming.choice if incoming.choice and _SAFE_WORD.match(incoming.choice) else None
        return f"[button: {choice or intent or 'unknown'}]"
    step = before.get("step", "")
    if intent in (*CONTROLS, SET_LANGUAGE) and step not in FREE_TEXT_STEPS:
        return f"[typed: {intent}]"
    return "[typed words, not kept]"


def choice_button(label: str, value: str) -> dict[str, str]:
    return {"title": label, "payload": '/choose{"choice":"%s"}' % value}


class Flow:
    def __init__(self, store: Store, cat: Catalogue | None = None, session_id: str | None = None) -> None:
        self.store = store
        self.cat = cat or catalogue()
        self.session_id = session_id  # the chat's id: answers then also go into its transcript
        self.answered = False  # this turn saved an answer

    # ------------------------------------------------------------------ API
    def handle(self, state: dict[str, Any] | None, incoming: Incoming) -> tuple[dict[str, Any], list[Message]]:
        state = copy.deepcopy(state) if state else new_state()
        out: list[Message] = []
        text = clean_text(incoming.text or "")
        incoming = Incoming(text, incoming.intent, dict(incoming.entities or {}), incoming.confidence)

        if state["step"] == "ended":  # a new message after the end starts afresh
            state = fresh_state(state)
            code = None if state["kiosk"] else codes.normalise(text)
            if code and self._resume(state, code, out):
                return state, out
            if incoming.intent != "help_now":
                return state, out
        if not text:
            self._say(state, out, "input.empty")
            return state, out
        if len(text) > MAX_MESSAGE_CHARS:
            self._say(state, out, "input.too_long")
            return state, out

        if incoming.intent == SET_LANGUAGE:
            if incoming.is_button:
                self._set_language(state, incoming, out)
                return state, out
            if state["step"] != "welcome" and (
                not state["step"].startswith(Q_PREFIX) or self._clearly_a_command(incoming)
            ):
                if state["step"] not in OVERLAYS:
                    state["return_to"] = state["step"]
                state["step"] = "language_menu"  # typed "change language": show the languages
                return state, out
        if incoming.intent in CONTROLS and not self._names_an_option(state, incoming) and self._is_command(
            state, incoming
        ):
            self._control(state, incoming, out)
            return state, out

        step = state["step"]
        if step.startswith(Q_PREFIX):
            self._answer(state, incoming, out)
        else:
            getattr(self, f"_step_{step}")(state, incoming, out)
        return state, out

    def prompt(self, state: dict[str, Any] | None) -> tuple[dict[str, Any], list[Message]]:
        """The messages that ask for the current step (nothing once ended)."""
        state = copy.deepcopy(state) if state else new_state()
        simpler = state.get("mode") == "simpler"
        state["mode"] = None
        step = state["step"]
        if step == "ended":
            return state, []
        lang = state["lang"]
        t: Callable[..., str] = lambda key, **kw: i18n.text(lang, key, **kw)  # noqa: E731
        msgs: list[Message] = []

        def ask(key: str, buttons: list[dict[str, str]], *, controls: bool = True) -> None:
            if simpler and i18n.has_text(key + ".simpler"):
                shown = key + ".simpler"
            elif simpler and i18n.has_text(step_key + ".simpler"):
                shown = step_key + ".simpler"
            else:
                shown = key
            all_buttons = buttons + (self._control_buttons(state) if controls else [])
            msgs.append(Message(shown, t(shown), all_buttons))

        step_key = step
        if step == "welcome":
            buttons = [choice_button(self._language_label(code), code) for code in i18n.languages()]
            if not state.get("kiosk"):  # a shared screen never offers resume codes
                buttons.append({"title": t("resume.button"), "payload": "/resume"})
            ask("welcome.text", buttons, controls=False)
            msgs[-1].buttons.append({"title": t("control.help"), "payload": "/help_now"})
        elif step == "language_menu":
            buttons = [choice_button(self._language_label(code), code) for code in i18n.languages()]
            ask("welcome.simpler", buttons, controls=False)
        elif step == "language_confirm":
            first = state["suggested"][0]
            t_first = lambda key, **kw: i18n.text(first, key, **kw)  # noqa: E731
            buttons = [choice_button(t_first("language.yes"), first)]
            buttons += [choice_button(self._language_label(c), c) for c in state["suggested"][1:]]
            buttons.append(choice_button(t_first("language.other"), "other"))
            native = i18n.languages()[first].native_name
            msgs.append(Message("language.suggest", t_first("language.suggest", language=native), buttons))
        elif step == "resume_code":
            ask("resume.ask", [choice_button(t("resume.start_again"), "restart")], controls=False)
        elif step == "about":
            if not simpler:
                for key in ("about.what", "about.time", "about.controls", "about.not", "about.no_story"):
                    msgs.append(Message(key, t(key)))
            ask("about.question", [choice_button(t("about.continue"), "continue")])
        elif step == "consent":
            if not simpler:
                for key in ("consent.readers", "consent.anonymous", "consent.withdraw"):
                    msgs.append(Message(key, t(key)))
            ask("consent.question", [choice_button(t("consent.yes"), "yes"), choice_button(t("consent.no"), "no")])
        elif step == "age":
            ask("age.question", [choice_button(t("age.yes"), "yes"), choice_button(t("age.no"), "no")])
        elif step == "assisted":
            ask("assisted.question", [choice_button(t(f"assisted.{v}"), v) for v in ASSISTED])
        elif step == "nation":
            ask("nation.question", [choice_button(t(f"nation.{v}"), v) for v in self.cat.nation_choices])
        elif step == "themes":
            buttons = [choice_button(t("themes.all"), "all")]
            buttons += [
                choice_button(f"{th.number}. {t(f'theme.{th.id}.name')}", th.id)
                for th in self.cat.themes
                if th.id not in state["picking"]
            ]
            buttons.append(choice_button(t("themes.done"), "done"))
            ask("themes.question", buttons)
        elif step.startswith(Q_PREFIX):
            question = self.cat.question(step[len(Q_PREFIX):])
            step_key = question.chat_key
            topic, topics, number, count = self._progress(state, question)
            msgs.append(
                Message("progress", t("progress", topic=topic, topics=topics, question=number, questions=count))
            )
            if number == 1 and not simpler:
                key = f"theme.{question.theme}.intro"
                msgs.append(Message(key, t(key)))
            if simpler:
                msgs.append(Message(question.chat_key + ".simpler", t(question.chat_key + ".simpler")))
                key = question.chat_key + ".example"
                msgs.append(Message(key, t(key), self._control_buttons(state)))
            else:
                ask(question.chat_key, [])
        elif step == "help":
            ask(
                "help.question",
                [
                    choice_button(t("help.carry_on"), "carry_on"),
                    *([] if state.get("kiosk") else [{"title": t("control.pause"), "payload": "/pause"}]),
                    {"title": t("control.stop"), "payload": "/stop"},
                ],
                controls=False,
            )
        elif step == "stop_confirm":
            buttons = [
                choice_button(t("stop.keep"), "stop_keep"),
                choice_button(t("stop.delete"), "stop_delete"),
                choice_button(t("stop.cancel"), "cancel"),
            ]
            if state.get("pending_text"):
                buttons.append(choice_button(t("typed.save_as_answer"), "save_as_answer"))
            ask("stop.question", buttons, controls=False)
        elif step == "pause_confirm":
            buttons = [choice_button(t("pause.yes"), "pause"), choice_button(t("stop.cancel"), "cancel")]
            if state.get("pending_text"):
                buttons.append(choice_button(t("typed.save_as_answer"), "save_as_answer"))
            step_key = "pause.confirm"
            ask("pause.confirm", buttons, controls=False)
        else:  # pragma: no cover - a step without a prompt is a programming error
            raise ValueError(f"no prompt for step {step!r}")
        return state, msgs

    def respond(self, state: dict[str, Any] | None, incoming: Incoming) -> tuple[dict[str, Any], list[Message]]:
        """handle() then prompt(): one whole turn, as the person sees it."""
        state, said = self.handle(state, incoming)
        state, asked = self.prompt(state)
        return state, said + asked

    # ------------------------------------------------------------- helpers
    def _say(self, state: dict[str, Any], out: list[Message], key: str, **params: object) -> None:
        out.append(Message(key, i18n.text(state["lang"], key, **params)))

    def _language_label(self, code: str) -> str:
        language = i18n.languages()[code]
        if language.native_name == language.name:
            return language.native_name
        return f"{language.native_name} ({language.name})"

    def _control_buttons(self, state: dict[str, Any]) -> list[dict[str, str]]:
        t = lambda key: i18n.text(state["lang"], key)  # noqa: E731
        names = list(CONTROLS)
        if not state["history"]:
            names.remove("go_back")
        if state.get("kiosk"):
            names.remove("pause")
        return [{"title": t(CONTROL_LABEL[name]), "payload": f"/{name}"} for name in names]

    def _questions(self, state: dict[str, Any]) -> list[Question]:
        return self.cat.questions_for(state["themes"])

    def _progress(self, state: dict[str, Any], question: Question) -> tuple[int, int, int, int]:
        chosen = [th for th in self.cat.themes if th.id in state["themes"]]
        theme_index = next(i for i, th in enumerate(chosen) if th.id == question.theme)
        theme = chosen[theme_index]
        q_index = next(i for i, q in enumerate(theme.questions) if q.id == question.id)
        return theme_index + 1, len(chosen), q_index + 1, len(theme.questions)

    def _go(self, state: dict[str, Any], step: str) -> None:
        """Move forward to `step`, remembering where we were for "go back"."""
        if state["step"] not in OVERLAYS:
            state["history"].append(state["step"])
        state["step"] = step

    def _typed_choice(self, state: dict[str, Any], incoming: Incoming, options: list[tuple[str, str]]) -> str | None:
        """The chosen value from a button, a typed number, or a typed label."""
        if incoming.is_button:
            value = incoming.choice
            return value if value in {v for v, _ in options} else None
        typed = incoming.text.casefold().strip(" .!")
        if typed.isdigit() and 1 <= int(typed) <= len(options):
            return options[int(typed) - 1][0]
        for value, label in options:
            if typed == label.casefold():
                return value
        return None

    def _yes_no(self, state: dict[str, Any], incoming: Incoming, yes_key: str, no_key: str) -> str | None:
        if not incoming.is_button and incoming.intent in ("affirm", "deny"):
            return "yes" if incoming.intent == "affirm" else "no"
        return self._typed_choice(
            state, incoming, [("yes", i18n.text(state["lang"], yes_key)), ("no", i18n.text(state["lang"], no_key))]
        )

    def _not_understood(self, state: dict[str, Any], incoming: Incoming, out: list[Message]) -> None:
        self._say(state, out, "input.unknown_button" if incoming.is_button else "input.choose")

    def _step_options(self, state: dict[str, Any]) -> list[tuple[str, str]]:
        """The (value, label) choices the current step offers."""
        t = lambda key: i18n.text(state["lang"], key)  # noqa: E731
        step = state["step"]
        if step in ("welcome", "language_menu"):
            return [(c, self._language_label(c)) for c in i18n.languages()] + [
                (c, lang.native_name) for c, lang in i18n.languages().items()
            ] + [(c, lang.name) for c, lang in i18n.languages().items()]
        if step == "language_confirm":
            first = (state.get("suggested") or [state["lang"]])[0]
            return [(first, i18n.text(first, "language.yes")), ("other", i18n.text(first, "language.other"))]
        if step == "about":
            return [("continue", t("about.continue"))]
        if step in ("consent", "age"):
            return [("yes", t(f"{step}.yes")), ("no", t(f"{step}.no"))]
        if step == "assisted":
            return [(v, t(f"assisted.{v}")) for v in ASSISTED]
        if step == "nation":
            return [(v, t(f"nation.{v}")) for v in self.cat.nation_choices]
        if step == "themes":
            return [("all", t("themes.all")), ("done", t("themes.done"))] + [
                (th.id, t(f"theme.{th.id}.name")) for th in self.cat.themes
            ]
        if step == "help":
            return [("carry_on", t("help.carry_on"))]
        if step == "stop_confirm":
            return [("stop_keep", t("stop.keep")), ("stop_delete", t("stop.delete")), ("cancel", t("stop.cancel")),
                    ("save_as_answer", t("typed.save_as_answer"))]
        if step == "pause_confirm":
            return [("pause", t("pause.yes")), ("cancel", t("stop.cancel")),
                    ("save_as_answer", t("typed.save_as_answer"))]
        return []

    def _names_an_option(self, state: dict[str, Any], incoming: Incoming) -> bool:
        """Typed words that are exactly one of this step's choices ("Scotland") are that choice."""
        if incoming.is_button:
            return False
        typed = incoming.text.casefold().strip(" .!")
        return any(typed == label.casefold() for _, label in self._step_options(state))

    def _is_command(self, state: dict[str, Any], incoming: Incoming) -> bool:
        """Buttons are always commands. Where a step takes the person's own words (a question,
        the welcome, the resume code), typed words are a command only when short and clear,
        and never when they are a code. "I need help now" is always honoured."""
        if incoming.is_button or incoming.intent == "help_now":
            return True
        step = state["step"]
        if step.startswith(Q_PREFIX) or step in FREE_TEXT_STEPS:
            return codes.normalise(incoming.text) is None and self._clearly_a_command(incoming)
        return True

    @staticmethod
    def _clearly_a_command(incoming: Incoming) -> bool:
        return (
            len(incoming.text.split()) <= COMMAND_MAX_WORDS and incoming.confidence >= COMMAND_MIN_CONFIDENCE
        )

    # ------------------------------------------------------------- controls
    def _control(self, state: dict[str, Any], incoming: Incoming, out: list[Message]) -> None:
        name = incoming.intent
        step = state["step"]
        at_question = step.startswith(Q_PREFIX)

        if name == "help_now":
            if at_question and not incoming.is_button and not self._clearly_a_command(incoming):
                self._save_answer(state, step[len(Q_PREFIX):], incoming.text)
            for key in HELP_KEYS:
                self._say(state, out, key)
            if step not in OVERLAYS:
                state["return_to"] = step
            state["step"] = "help"
            return
        if name == "pause" and state.get("kiosk"):  # no resume codes on a shared screen
            self._say(state, out, "kiosk.no_pause")
            return
        if name in ENDING and not incoming.is_button and step not in ("stop_confirm", "pause_confirm"):
            state["pending_text"] = incoming.text if at_question else None
            if step not in OVERLAYS:
                state["return_to"] = step
            state["step"] = "stop_confirm" if name == "stop" else "pause_confirm"
            return
        if name == "stop":
            if state["respondent"] is None and not self._has_saved(state):
                self._end(state, out, "stop.nothing_saved")
                return
            if step not in OVERLAYS:
                state["return_to"] = step
            state["pending_text"] = None
            state["step"] = "stop_confirm"
            return
        if name == "pause":
            self._pause(state, out)
            return
        if step in OVERLAYS:
            # skip / back / repeat inside help or a confirmation: return to where we were
            if name == "dont_understand":
                state["mode"] = "simpler"
                return
            self._return(state)
            return
        if name == "repeat":
            return
        if name == "dont_understand":
            state["mode"] = "simpler"
            return
        if name == "go_back":
            if not state["history"]:
                self._say(state, out, "back.first")
                return
            state["step"] = state["history"].pop()
            state["picking"] = []
            return
        if name == "skip":
            self._skip(state, out)

    def _skip(self, state: dict[str, Any], out: list[Message]) -> None:
        step = state["step"]
        if step.startswith(Q_PREFIX):
            self._say(state, out, "skip.done")
            self._next_question(state, out)
        elif step == "about":
            self._go(state, "consent")
        elif step == "assisted":
            self._go(state, "nation")
        elif step == "nation":
            self._record_nation(state, "prefer_not_to_say")
            self._to_themes(state)
        else:
            self._say(state, out, "skip.not_here")

    def _return(self, state: dict[str, Any]) -> None:
        state["step"] = state.get("return_to") or "welcome"
        state["return_to"] = None
        state["pending_text"] = None

    def _has_saved(self, state: dict[str, Any]) -> bool:
        return state["respondent"] is not None

    def _pause(self, state: dict[str, Any], out: list[Message]) -> None:
        saved = copy.deepcopy(state)
        if saved["step"] in OVERLAYS:
            saved["step"] = saved.get("return_to") or "welcome"
        saved.update(return_to=None, pending_text=None, mode=None)
        code = self.store.pause(saved)
        self._say(state, out, "pause.code", code=code)
        self._say(state, out, "pause.keep_code")
        state.update(fresh_state(state))
        state["step"] = "ended"

    def _resume(self, state: dict[str, Any], code: str, out: list[Message]) -> bool:
        saved = self.store.resume(code)
        if saved is None:
            return False
        if saved.get("respondent") and self.store.respondent(saved["respondent"]) is None:
            return False  # withdrawn or deleted since the pause
        state.clear()
        state.update(new_state(saved.get("lang", i18n.SOURCE)))
        state.update({k: v for k, v in saved.items() if k in state})
        self._say(state, out, "resume.found")
        return True

    def _end(self, state: dict[str, Any], out: list[Message], key: str) -> None:
        self._say(state, out, key)
        fresh = fresh_state(state)
        state.clear()
        state.update(fresh)
        state["step"] = "ended"

    # ---------------------------------------------------------------- steps
    def _step_welcome(self, state: dict[str, Any], incoming: Incoming, out: list[Message]) -> None:
        if incoming.is_button and incoming.choice == "kiosk":  # the kiosk page's first message
            state["kiosk"] = True
            return
        if incoming.is_button and (incoming.choice or "").startswith("partner:"):  # embed.js's data-partner
            state["partner"] = partners.known(incoming.choice[len("partner:"):])  # on the admin's list, or nothing
            return
        if state.get("kiosk") and (incoming.intent == "resume" or incoming.choice == "resume"):
            return  # the welcome again, without the resume button
        if incoming.intent == "resume" or incoming.choice == "resume":
            self._go(state, "resume_code")
            return
        if incoming.is_button and (incoming.choice or "").startswith(handover.PREFIX):
            preset = handover.read(incoming.choice[len(handover.PREFIX):])
            if preset is None:
                self._say(state, out, "widget.handover.invalid")
                return
            state["lang"] = preset.lang
            state["preset"] = preset.as_state()
            self._go(state, "about")
            return
        code = None if state.get("kiosk") else codes.normalise(incoming.text)
        if code and not incoming.is_button:
            if not self._resume(state, code, out):
                self._say(state, out, "resume.not_found")
            return
        value = self._typed_choice(state, incoming, self._step_options(state))
        if value is None:
            if incoming.is_button:
                self._not_understood(state, incoming, out)
                return
            guess = language.detect(incoming.text)
            options = [c for c in (guess.code, *guess.also) if c in i18n.languages()]
            if options and options != [state["lang"]]:
                state["suggested"] = options
                self._go(state, "language_confirm")
            return  # a greeting or other words: the welcome prompt follows
        state["lang"] = value
        self._go(state, "about")

    def _step_language_confirm(self, state: dict[str, Any], incoming: Incoming, out: list[Message]) -> None:
        """The person typed in a language we think we recognise; they confirm or choose."""
        suggested = state.get("suggested") or []
        value = incoming.choice if incoming.is_button else None
        if value is None and not incoming.is_button:
            if incoming.intent == "affirm" and suggested:
                value = suggested[0]
            elif incoming.intent == "deny":
                value = "other"
        if value in suggested:
            state["lang"] = value
            state["suggested"] = []
            self._go(state, "about")
        elif value == "other":
            state["suggested"] = []
            self._go(state, "welcome")
            state["history"] = []
        else:
            self._not_understood(state, incoming, out)

    def _set_language(self, state: dict[str, Any], incoming: Incoming, out: list[Message]) -> None:
        """Switch language from any step; answers and place are kept, the next message is in the new language."""
        code = str(incoming.entities.get("language") or "")
        if code not in i18n.languages():
            self._say(state, out, "input.unknown_button")
            return
        state["lang"] = code
        if state["respondent"] is not None:
            self.store.update_respondent(state["respondent"], language=code)
        if state["step"] == "welcome":
            self._go(state, "about")
        elif state["step"] == "language_menu":
            self._return(state)

    def _step_language_menu(self, state: dict[str, Any], incoming: Incoming, out: list[Message]) -> None:
        value = self._typed_choice(state, incoming, self._step_options(state))
        if value is None:
            self._not_understood(state, incoming, out)
            return
        self._set_language(state, Incoming(f"/{SET_LANGUAGE}", SET_LANGUAGE, {"language": value}), out)

    def _step_resume_code(self, state: dict[str, Any], incoming: Incoming, out: list[Message]) -> None:
        if incoming.choice == "restart":
            self._go(state, "welcome")
            state["history"] = []
            return
        code = codes.normalise(incoming.text)
        if code is None or not self._resume(state, code, out):
            self._say(state, out, "resume.not_found")

    def _step_about(self, state: dict[str, Any], incoming: Incoming, out: list[Message]) -> None:
        if incoming.intent == "deny":
            self._end(state, out, "stop.nothing_saved")
            return
        if incoming.intent == "affirm" or incoming.choice == "continue" or self._typed_choice(
            state, incoming, [("continue", i18n.text(state["lang"], "about.continue"))]
        ):
            self._go(state, "consent")
            return
        self._not_understood(state, incoming, out)

    def _step_consent(self, state: dict[str, Any], incoming: Incoming, out: list[Message]) -> None:
        answer = self._yes_no(state, incoming, "consent.yes", "consent.no")
        if answer == "yes":
            self._go(state, "age")
        elif answer == "no":
            self._forget_respondent(state)
            self._end(state, out, "consent.declined")
        else:
            self._not_understood(state, incoming, out)

    def _step_age(self, state: dict[str, Any], incoming: Incoming, out: list[Message]) -> None:
        answer = self._yes_no(state, incoming, "age.yes", "age.no")
        if answer == "yes":
            if state["respondent"] is None:
                state["respondent"] = self.store.create_respondent(state["lang"])
                if partners.known(state.get("partner")):
                    self.store.update_respondent(state["respondent"], reached_through=state["partner"])
            preset = state.get("preset")
            if preset:  # a support worker said how they help: record it, do not ask again
                self.store.update_respondent(state["respondent"], assisted=preset["assisted"])
                self._go(state, "nation")
                return
            self._go(state, "assisted")
        elif answer == "no":
            self._forget_respondent(state)
            self._end(state, out, "age.under")
        else:
            self._not_understood(state, incoming, out)

    def _step_assisted(self, state: dict[str, Any], incoming: Incoming, out: list[Message]) -> None:
        value = self._typed_choice(state, incoming, self._step_options(state))
        if value is None:
            self._not_understood(state, incoming, out)
            return
        self.store.update_respondent(state["respondent"], assisted=value)
        self._go(state, "nation")

    def _step_nation(self, state: dict[str, Any], incoming: Incoming, out: list[Message]) -> None:
        value = self._typed_choice(state, incoming, self._step_options(state))
        if value is None:
            self._not_understood(state, incoming, out)
            return
        self._record_nation(state, value)
        self._to_themes(state)

    def _to_themes(self, state: dict[str, Any]) -> None:
        """The topic menu, or straight to the first question of the topics a support worker chose."""
        preset = state.get("preset")
        if not preset:
            self._go(state, "themes")
            return
        state["themes"] = [tid for tid in self.cat.theme_ids if tid in preset["themes"]]
        self._go(state, Q_PREFIX + self._questions(state)[0].id)

    def _record_nation(self, state: dict[str, Any], value: str) -> None:
        self.store.update_respondent(state["respondent"], nation=value)
        self.store.save_answer(state["respondent"], self.cat.profile.id, state["lang"], choice=value)

    def _step_themes(self, state: dict[str, Any], incoming: Incoming, out: list[Message]) -> None:
        lang = state["lang"]
        names = {th.id: i18n.text(lang, f"theme.{th.id}.name") for th in self.cat.themes}
        picked: list[str] | None = None
        if incoming.is_button:
            picked = [incoming.choice] if incoming.choice else []
        else:
            typed = incoming.text.casefold()
            if typed.strip(" .!") in ("all", i18n.text(lang, "themes.all").casefold()):
                picked = ["all"]
            elif typed.strip(" .!") == i18n.text(lang, "themes.done").casefold():
                picked = ["done"]
            else:
                numbers = [int(n) for n in re.findall(r"\d+", typed)]
                picked = [self.cat.themes[n - 1].id for n in numbers if 1 <= n <= len(self.cat.themes)]
                picked += [tid for tid, name in names.items() if name.casefold() in typed and tid not in picked]
        if not picked:
            self._not_understood(state, incoming, out)
            return
        if "all" in picked:
            state["themes"] = list(self.cat.theme_ids)
        elif "done" in picked:
            if not state["picking"]:
                self._say(state, out, "themes.none")
                return
            state["themes"] = [tid for tid in self.cat.theme_ids if tid in state["picking"]]
        else:
            unknown = [p for p in picked if p not in names]
            if unknown:
                self._not_understood(state, incoming, out)
                return
            for tid in picked:
                if tid not in state["picking"]:
                    state["picking"].append(tid)
            chosen = ", ".join(names[tid] for tid in self.cat.theme_ids if tid in state["picking"])
            self._say(state, out, "themes.picked", themes=chosen)
            return
        state["picking"] = []
        first = self._questions(state)[0]
        self._go(state, Q_PREFIX + first.id)

    def _answer(self, state: dict[str, Any], incoming: Incoming, out: list[Message]) -> None:
        if incoming.is_button:
            self._not_understood(state, incoming, out)
            return
        self._save_answer(state, state["step"][len(Q_PREFIX):], incoming.text)
        self._say(state, out, "answer.saved")
        self._next_question(state, out)

    def _save_answer(self, state: dict[str, Any], question_id: str, text: str) -> None:
        # with a session id (the actions give one), the store also writes the transcript line, redacted once
        self.store.save_answer(state["respondent"], question_id, state["lang"], text=text,
                               transcript_session=self.session_id)
        self.answered = True

    # ------------------------------------------------------------ transcript
    def transcript_lines(
        self, before: dict[str, Any] | None, incoming: Incoming | None, messages: list[Message]
    ) -> list[tuple[str, str | None, str | None]]:
        """One turn of the anonymised transcript: (speaker, text, text_key) lines, in order.

        The person's own words are kept only when they were an answer, and then the store wrote the
        line with the answer (redacted once). Anything else they typed (a resume code, a name, a word
        at a button step) is never kept: a tap shows as [button: choice], a typed command as
        [typed: intent]. Bot lines are kept by text key, so a code or number in them is never written.
        """
        lines: list[tuple[str, str | None, str | None]] = []
        if incoming is not None and not self.answered:  # an answer's line was written with the answer
            lines.append(("person", _describe_input(before or new_state(), incoming), None))
        lines += [("bot", None, m.key) for m in messages]
        return lines

    def _next_question(self, state: dict[str, Any], out: list[Message]) -> None:
        questions = self._questions(state)
        current = state["step"][len(Q_PREFIX):]
        ids = [q.id for q in questions]
        index = ids.index(current) if current in ids else -1
        if index + 1 < len(ids):
            self._go(state, Q_PREFIX + ids[index + 1])
        else:
            self._finish(state, out)

    def _finish(self, state: dict[str, Any], out: list[Message]) -> None:
        rid = state["respondent"]
        answers = [a for a in self.store.answers(rid) if a.question_id != self.cat.profile.id and a.text]
        topics = len({a.theme for a in answers})
        self.store.update_respondent(rid, completed=True)
        code = self.store.issue_withdrawal_code(rid)
        self._say(state, out, "end.summary", answers=len(answers), topics=topics)
        self._say(state, out, "end.code", code=code)
        self._say(state, out, "end.code_explain")
        self._say(state, out, "end.thanks")
        self._end(state, out, "end.support")

    def _forget_respondent(self, state: dict[str, Any]) -> None:
        if state["respondent"] is not None:
            self.store.delete_respondent(state["respondent"])
            state["respondent"] = None

    # ------------------------------------------------------------- overlays
    def _step_help(self, state: dict[str, Any], incoming: Incoming, out: list[Message]) -> None:
        if incoming.choice == "carry_on" or incoming.intent == "affirm" or self._typed_choice(
            state, incoming, [("carry_on", i18n.text(state["lang"], "help.carry_on"))]
        ):
            self._return(state)
        elif incoming.intent == "deny":
            self._control(state, Incoming("/stop", "stop"), out)
        else:
            self._not_understood(state, incoming, out)

    def _step_stop_confirm(self, state: dict[str, Any], incoming: Incoming, out: list[Message]) -> None:
        t = lambda key: i18n.text(state["lang"], key)  # noqa: E731
        options = [("stop_keep", t("stop.keep")), ("stop_delete", t("stop.delete")), ("cancel", t("stop.cancel"))]
        if state.get("pending_text"):
            options.append(("save_as_answer", t("typed.save_as_answer")))
        value = self._typed_choice(state, incoming, options)
        if value is None and not incoming.is_button and incoming.intent == "deny":
            value = "cancel"
        self._confirmed(state, value, incoming, out)

    def _step_pause_confirm(self, state: dict[str, Any], incoming: Incoming, out: list[Message]) -> None:
        t = lambda key: i18n.text(state["lang"], key)  # noqa: E731
        options = [("pause", t("pause.yes")), ("cancel", t("stop.cancel"))]
        if state.get("pending_text"):
            options.append(("save_as_answer", t("typed.save_as_answer")))
        value = self._typed_choice(state, incoming, options)
        if value is None and not incoming.is_button:
            value = {"affirm": "pause", "deny": "cancel"}.get(incoming.intent or "")
        self._confirmed(state, value, incoming, out)

    def _confirmed(self, state: dict[str, Any], value: str | None, incoming: Incoming, out: list[Message]) -> None:
        if value == "cancel":
            self._return(state)
        elif value == "save_as_answer":
            text = state["pending_text"]
            self._return(state)
            self._answer(state, Incoming(text, "answer"), out)
        elif value == "pause":
            self._pause(state, out)
        elif value == "stop_keep":
            rid = state["respondent"]
            if rid is not None:
                code = self.store.issue_withdrawal_code(rid)
                self._say(state, out, "end.code", code=code)
                self._say(state, out, "end.code_explain")
            self._end(state, out, "stop.kept")
        elif value == "stop_delete":
            self._forget_respondent(state)
            self._end(state, out, "stop.deleted")
        else:
            self._not_understood(state, incoming, out)
