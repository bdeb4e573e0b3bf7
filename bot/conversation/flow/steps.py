"""The steps of the conversation, one entry each: what it offers, how it asks, what a message does there.

A step's options are written once, in ``options``: they are the buttons it shows, what a typed number
(the n-th button) or typed label chooses, and what makes typed words "one of the choices" rather than a
control word (typed "Scotland" at the UK-nation step is a choice, whatever NLU guessed). Most steps then
need only ``chosen``: what picking a value does. Adding a step is one class here, its entry in ``STEPS``,
a ``Step`` name and its texts in translations/en.yml.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from bot.conversation import handover, i18n, language, partners
from bot.conversation import resume_codes as codes
from bot.conversation.catalogue import Question as CatalogueQuestion
from bot.conversation.flow.messages import Incoming, Message, Option, pick, typed_words
from bot.conversation.flow.state import Step

if TYPE_CHECKING:
    from bot.conversation.flow.turn import Turn

ASSISTED = ("none", "support_worker_beside", "support_worker_typing", "interpreter")


class StepDef:
    """One step. The class attributes say how it behaves; the methods have a sensible default."""

    step: ClassVar[Step]
    question: ClassVar[str] = ""  # the text key that asks, with the buttons under it
    simpler: ClassVar[str] = ""  # shown instead of `question` after "I don't understand" ("": the same)
    intro: ClassVar[tuple[str, ...]] = ()  # texts before the question, left out of the simpler wording
    choices: ClassVar[tuple[tuple[str, str], ...]] = ()  # (value, label's text key): fixed options
    intents: ClassVar[dict[str, str]] = {}  # typed words NLU read as this intent choose this value
    skip_to: ClassVar[Step | None] = None  # where "skip" goes; None: this step cannot be skipped
    controls: ClassVar[bool] = True  # the control buttons (skip, back, ...) follow the step's own
    overlay: ClassVar[bool] = False  # shown over another step (help, confirmations), then back to it
    takes_words: ClassVar[bool] = False  # the person's own words belong here: a typed control must be clear
    holds_codes: ClassVar[bool] = False  # typed words may be a resume code: the transcript never names them

    def options(self, turn: Turn) -> list[Option]:
        return [Option(value, turn.t(key)) for value, key in self.choices]

    def buttons(self, turn: Turn) -> list[dict[str, str]]:
        return [option.button() for option in self.options(turn)]

    def prompt(self, turn: Turn, simpler: bool) -> None:
        if not simpler:
            for key in self.intro:
                turn.say(key)
        turn.ask(self.simpler if simpler and self.simpler else self.question,
                 self.buttons(turn) + (turn.control_buttons() if self.controls else []))

    def handle(self, turn: Turn, incoming: Incoming) -> None:
        value = self.choose(turn, incoming)
        if value is None:
            turn.not_understood(incoming)
        else:
            self.chosen(turn, value)

    def choose(self, turn: Turn, incoming: Incoming) -> str | None:
        """An option (button, number or label), else what the typed words' intent means here."""
        value = pick(incoming, self.options(turn))
        if value is None and not incoming.is_button:
            value = self.intents.get(incoming.intent or "")
        return value

    def chosen(self, turn: Turn, value: str) -> None:
        raise NotImplementedError(f"{type(self).__name__} handles its messages itself")

    def skip(self, turn: Turn) -> None:
        if self.skip_to is None:
            turn.say("skip.not_here")
        else:
            turn.go(self.skip_to)


def language_label(code: str) -> str:
    lang = i18n.languages()[code]
    return lang.native_name if lang.native_name == lang.name else f"{lang.native_name} ({lang.name})"


def language_options() -> list[Option]:
    """Every language, chosen by its label, its own name or its English name."""
    return [Option(code, language_label(code), (lang.native_name, lang.name))
            for code, lang in i18n.languages().items()]


class Welcome(StepDef):
    step = Step.WELCOME
    question, simpler = "welcome.text", "welcome.simpler"
    controls = False
    takes_words = holds_codes = True

    def options(self, turn: Turn) -> list[Option]:
        return language_options()

    def buttons(self, turn: Turn) -> list[dict[str, str]]:
        resume = [] if turn.state.kiosk else [{"title": turn.t("resume.button"), "payload": "/resume"}]
        return super().buttons(turn) + resume + [turn.control_button("help_now")]

    def handle(self, turn: Turn, incoming: Incoming) -> None:
        """The page's first messages (kiosk, partner, hand-over link), a resume code, a language, or
        typed words that may show which language the person reads."""
        state, choice = turn.state, incoming.choice or ""
        if incoming.is_button and choice == "kiosk":  # the kiosk page's first message
            state.kiosk = True
        elif incoming.is_button and choice.startswith("partner:"):  # embed.js's data-partner
            state.partner = partners.known(choice[len("partner:"):])  # on the admin's list, or nothing
        elif incoming.intent == "resume" or choice == "resume":
            if not state.kiosk:  # a kiosk gets the welcome again, without the resume button
                turn.go(Step.RESUME_CODE)
        elif incoming.is_button and choice.startswith(handover.PREFIX):
            preset = handover.read(choice[len(handover.PREFIX):])
            if preset is None:
                turn.say("widget.handover.invalid")
                return
            state.lang, state.preset = preset.lang, preset.as_state()
            turn.go(Step.ABOUT)
        elif not incoming.is_button and not state.kiosk and (code := codes.normalise(incoming.text)):
            if not turn.resume(code):
                turn.say("resume.not_found")
        elif (value := pick(incoming, self.options(turn))) is not None:
            state.lang = value
            turn.go(Step.ABOUT)
        elif incoming.is_button:
            turn.not_understood(incoming)
        else:  # a greeting or other words: perhaps in a language we can offer; else the welcome again
            guess = language.detect(incoming.text)
            suggested = [c for c in (guess.code, *guess.also) if c in i18n.languages()]
            if suggested and suggested != [state.lang]:
                state.suggested = suggested
                turn.go(Step.LANGUAGE_CONFIRM)


class LanguageConfirm(StepDef):
    """The person typed in a language we think we recognise: asked in that language, they confirm or choose."""

    step = Step.LANGUAGE_CONFIRM
    controls = False

    def options(self, turn: Turn) -> list[Option]:
        first, *others = turn.state.suggested or [turn.state.lang]
        return [Option(first, i18n.text(first, "language.yes")), *(Option(c, language_label(c)) for c in others),
                Option("other", i18n.text(first, "language.other"))]

    def prompt(self, turn: Turn, simpler: bool) -> None:
        first = self.options(turn)[0].value
        native = i18n.languages()[first].native_name
        turn.out.append(Message("language.suggest", i18n.text(first, "language.suggest", language=native),
                                self.buttons(turn)))

    def choose(self, turn: Turn, incoming: Incoming) -> str | None:
        options = self.options(turn)
        value = pick(incoming, options)
        if value is None and not incoming.is_button:
            value = {"affirm": options[0].value, "deny": "other"}.get(incoming.intent or "")
        return value

    def chosen(self, turn: Turn, value: str) -> None:
        turn.state.suggested = []
        if value == "other":
            turn.restart()
        else:
            turn.state.lang = value
            turn.go(Step.ABOUT)


class LanguageMenu(StepDef):
    step = Step.LANGUAGE_MENU
    question = "welcome.simpler"
    controls = False
    overlay = True

    def options(self, turn: Turn) -> list[Option]:
        return language_options()

    def chosen(self, turn: Turn, value: str) -> None:
        turn.set_language(value)


class ResumeCode(StepDef):
    step = Step.RESUME_CODE
    question, simpler = "resume.ask", "resume.simpler"
    controls = False
    takes_words = holds_codes = True
    choices = (("restart", "resume.start_again"),)

    def handle(self, turn: Turn, incoming: Incoming) -> None:
        if pick(incoming, self.options(turn)) == "restart":
            turn.restart()
            return
        code = codes.normalise(incoming.text)
        if code is None or not turn.resume(code):
            turn.say("resume.not_found")


class About(StepDef):
    step = Step.ABOUT
    intro = ("about.what", "about.time", "about.controls", "about.not", "about.no_story")
    question, simpler = "about.question", "about.simpler"
    choices = (("continue", "about.continue"),)
    intents = {"affirm": "continue", "deny": "leave"}
    skip_to = Step.CONSENT

    def chosen(self, turn: Turn, value: str) -> None:
        if value == "leave":
            turn.end("stop.nothing_saved")
        else:
            turn.go(Step.CONSENT)


class Consent(StepDef):
    step = Step.CONSENT
    intro = ("consent.readers", "consent.anonymous", "consent.withdraw")
    question, simpler = "consent.question", "consent.simpler"
    choices = (("yes", "consent.yes"), ("no", "consent.no"))
    intents = {"affirm": "yes", "deny": "no"}

    def chosen(self, turn: Turn, value: str) -> None:
        if value == "yes":
            turn.go(Step.AGE)
        else:
            turn.forget_respondent()  # they went back to say no after all: nothing is kept
            turn.end("consent.declined")


class Age(StepDef):
    step = Step.AGE
    question, simpler = "age.question", "age.simpler"
    choices = (("yes", "age.yes"), ("no", "age.no"))
    intents = {"affirm": "yes", "deny": "no"}

    def chosen(self, turn: Turn, value: str) -> None:
        state, store = turn.state, turn.store
        if value == "no":
            turn.forget_respondent()
            turn.end("age.under")
            return
        if state.respondent is None:
            state.respondent = store.create_respondent(state.lang)
            if partners.known(state.partner):
                store.update_respondent(state.respondent, reached_through=state.partner)
        if state.preset:  # a support worker said how they help: record it, do not ask again
            store.update_respondent(state.respondent, assisted=state.preset["assisted"])
            turn.go(Step.NATION)
        else:
            turn.go(Step.ASSISTED)


class Assisted(StepDef):
    step = Step.ASSISTED
    question, simpler = "assisted.question", "assisted.simpler"
    choices = tuple((value, f"assisted.{value}") for value in ASSISTED)
    skip_to = Step.NATION

    def chosen(self, turn: Turn, value: str) -> None:
        turn.store.update_respondent(turn.state.respondent, assisted=value)
        turn.go(Step.NATION)


class Nation(StepDef):
    step = Step.NATION
    question, simpler = "nation.question", "nation.simpler"

    def options(self, turn: Turn) -> list[Option]:
        return [Option(v, turn.t(f"nation.{v}")) for v in turn.cat.nation_choices]

    def chosen(self, turn: Turn, value: str) -> None:
        turn.store.update_respondent(turn.state.respondent, nation=value)
        turn.store.save_answer(turn.state.respondent, turn.cat.profile.id, turn.state.lang, choice=value)
        preset = turn.state.preset
        if not preset:
            turn.go(Step.THEMES)
            return
        turn.state.themes = [tid for tid in turn.cat.theme_ids if tid in preset["themes"]]
        turn.first_question()  # the topics the support worker chose: no topic menu

    def skip(self, turn: Turn) -> None:
        self.chosen(turn, "prefer_not_to_say")


class Themes(StepDef):
    """The topic menu: tap topics one by one, then "Done"; or "All topics"; or type numbers or names."""

    step = Step.THEMES
    question, simpler = "themes.question", "themes.simpler"

    def options(self, turn: Turn) -> list[Option]:
        names = self.names(turn)
        return [Option("all", turn.t("themes.all")),
                *(Option(th.id, f"{th.number}. {names[th.id]}", (names[th.id],)) for th in turn.cat.themes),
                Option("done", turn.t("themes.done"))]

    def buttons(self, turn: Turn) -> list[dict[str, str]]:
        return [o.button() for o in self.options(turn) if o.value not in turn.state.picking]

    @staticmethod
    def names(turn: Turn) -> dict[str, str]:
        return {th.id: turn.t(f"theme.{th.id}.name") for th in turn.cat.themes}

    def handle(self, turn: Turn, incoming: Incoming) -> None:
        state, cat, names = turn.state, turn.cat, self.names(turn)
        if incoming.is_button:
            picked = [incoming.choice] if incoming.choice else []
        elif typed_words(incoming) in ("all", turn.t("themes.all").casefold()):
            picked = ["all"]
        elif typed_words(incoming) == turn.t("themes.done").casefold():
            picked = ["done"]
        else:  # typed numbers ("2 and 5") or topic names
            typed = incoming.text.casefold()
            picked = [cat.themes[n - 1].id for n in map(int, re.findall(r"\d+", typed)) if 1 <= n <= len(cat.themes)]
            picked += [tid for tid, name in names.items() if name.casefold() in typed and tid not in picked]
        if not picked or not set(picked) <= {"all", "done", *names}:
            turn.not_understood(incoming)
        elif "all" in picked:
            state.themes = list(cat.theme_ids)
            state.picking = []
            turn.first_question()
        elif "done" in picked:
            if not state.picking:
                turn.say("themes.none")
                return
            state.themes = [tid for tid in cat.theme_ids if tid in state.picking]
            state.picking = []
            turn.first_question()
        else:
            state.picking += [tid for tid in dict.fromkeys(picked) if tid not in state.picking]
            chosen = ", ".join(names[tid] for tid in cat.theme_ids if tid in state.picking)
            turn.say("themes.picked", themes=chosen)


class Question(StepDef):
    """Every question of the chosen topics: the person's own words are the answer."""

    step = Step.QUESTION
    takes_words = True

    def prompt(self, turn: Turn, simpler: bool) -> None:
        question = turn.cat.question(turn.question_id)
        topic, topics, number, count = self.progress(turn, question)
        turn.say("progress", topic=topic, topics=topics, question=number, questions=count)
        if number == 1 and not simpler:
            turn.say(f"theme.{question.theme}.intro")
        if simpler:
            turn.say(question.chat_key + ".simpler")
            turn.ask(question.chat_key + ".example", turn.control_buttons())
        else:
            turn.ask(question.chat_key, turn.control_buttons())

    @staticmethod
    def progress(turn: Turn, question: CatalogueQuestion) -> tuple[int, int, int, int]:
        """Topic n of m, question i of k: the person sees how far they are."""
        chosen = [th for th in turn.cat.themes if th.id in turn.state.themes]
        theme_index = next(i for i, th in enumerate(chosen) if th.id == question.theme)
        theme = chosen[theme_index]
        q_index = next(i for i, q in enumerate(theme.questions) if q.id == question.id)
        return theme_index + 1, len(chosen), q_index + 1, len(theme.questions)

    def handle(self, turn: Turn, incoming: Incoming) -> None:
        if incoming.is_button:
            turn.not_understood(incoming)
        else:
            turn.answer(incoming.text)

    def skip(self, turn: Turn) -> None:
        turn.say("skip.done")
        turn.next_question()


class Help(StepDef):
    step = Step.HELP
    question, simpler = "help.question", "help.simpler"
    choices = (("carry_on", "help.carry_on"),)
    intents = {"affirm": "carry_on", "deny": "stop"}
    controls = False
    overlay = True

    def buttons(self, turn: Turn) -> list[dict[str, str]]:
        pause = [] if turn.state.kiosk else [turn.control_button("pause")]
        return super().buttons(turn) + pause + [turn.control_button("stop")]

    def chosen(self, turn: Turn, value: str) -> None:
        if value == "carry_on":
            turn.back()
        else:
            turn.control(Incoming("/stop", "stop"))


class Confirm(StepDef):
    """Stop or pause, asked first when typed: the words may have been an answer ("stop working")."""

    controls = False
    overlay = True

    def options(self, turn: Turn) -> list[Option]:
        saving = [Option("save_as_answer", turn.t("typed.save_as_answer"))] if turn.state.pending_text else []
        return super().options(turn) + saving  # saving the words is offered only when typed words wait

    def chosen(self, turn: Turn, value: str) -> None:
        if value == "cancel":
            turn.back()
        elif value == "save_as_answer":
            text = turn.state.pending_text or ""
            turn.back()
            turn.answer(text)
        elif value == "pause":
            turn.pause()
        elif value == "stop_keep":
            if turn.state.respondent is not None:
                turn.give_withdrawal_code()
            turn.end("stop.kept")
        elif value == "stop_delete":
            turn.forget_respondent()
            turn.end("stop.deleted")


class StopConfirm(Confirm):
    step = Step.STOP_CONFIRM
    question, simpler = "stop.question", "stop.simpler"
    choices = (("stop_keep", "stop.keep"), ("stop_delete", "stop.delete"), ("cancel", "stop.cancel"))
    intents = {"deny": "cancel"}


class PauseConfirm(Confirm):
    step = Step.PAUSE_CONFIRM
    question, simpler = "pause.confirm", "pause.confirm.simpler"
    choices = (("pause", "pause.yes"), ("cancel", "stop.cancel"))
    intents = {"affirm": "pause", "deny": "cancel"}


class Ended(StepDef):
    """Nothing is asked; the next message starts a new conversation (Flow.handle)."""

    step = Step.ENDED

    def prompt(self, turn: Turn, simpler: bool) -> None:
        return


STEPS: dict[Step, StepDef] = {d.step: d for d in (
    Welcome(), LanguageConfirm(), LanguageMenu(), ResumeCode(), About(), Consent(), Age(), Assisted(), Nation(),
    Themes(), Question(), Help(), StopConfirm(), PauseConfirm(), Ended(),
)}
