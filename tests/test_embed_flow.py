"""The conversation on a partner's site, through the real Flow and a real SQLite store: a shared screen
(kiosk) never offers or takes a resume code; a partner's id from the admin's list becomes the
respondent's "reached through", in the exports and on the dashboard. The page's own side is tested in
the browser (tests/test_embed.py)."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from bot.conversation import partners
from bot.conversation.flow import Flow
from bot.export import export
from bot.staff import stats
from bot.store.models import PausedSession, Respondent
from tests.walk import Person


def _payloads(person: Person) -> list[str]:
    return [b["payload"] for m in person.last for b in m.buttons]


def _kiosk(flow: Flow) -> Person:
    p = Person(flow)
    p.type("hello", "greet")  # the page opens the conversation, then says it is a kiosk
    p.tap("kiosk")
    assert p.state["kiosk"] is True and p.step == "welcome"
    return p


def test_a_kiosk_welcome_has_no_resume_button_and_ignores_a_typed_code(sqlite_store):
    flow = Flow(sqlite_store)
    ordinary = Person(flow)
    ordinary.type("hello", "greet")
    assert "/resume" in _payloads(ordinary)  # the same welcome off a kiosk offers it

    saved = Person(flow).start()
    saved.tap("/pause")
    code = saved.code()

    p = _kiosk(flow)
    assert p.keys() == ["welcome.text"] and "/resume" not in _payloads(p)
    p.tap("resume")
    assert p.step == "welcome" and "/resume" not in _payloads(p)
    p.type(code)
    assert p.step != "about" and "resume.found" not in p.keys()
    p.tap("en")
    assert p.step == "about"
    # the code was not used up by the kiosk: it still works off the kiosk
    again = Person(flow)
    again.type(code)
    assert "resume.found" in again.keys()


def test_a_kiosk_never_pauses_and_stays_a_kiosk_after_the_end(sqlite_store):
    flow = Flow(sqlite_store)
    p = _kiosk(flow)
    p.tap("en")
    p.tap("continue")
    p.tap("yes")
    p.tap("yes")
    p.tap("none")
    p.tap("england")
    p.tap("advocacy")
    p.tap("done")
    assert p.step.startswith("q:")
    assert "/pause" not in _payloads(p) and "/stop" in _payloads(p)
    p.tap("/pause")  # a forged or old button
    assert p.keys()[0] == "kiosk.no_pause" and p.step.startswith("q:")
    p.type("pause", "pause")  # typed, clearly a command
    assert p.keys()[0] == "kiosk.no_pause" and p.step.startswith("q:")
    p.tap("/help_now")
    assert "/pause" not in _payloads(p)
    with sqlite_store.session() as s:
        assert s.query(PausedSession).count() == 0
    p.tap("/stop")
    p.tap("stop_keep")
    assert p.step == "ended" and p.state["kiosk"] is True
    p.type("hello", "greet")
    assert p.keys() == ["welcome.text"] and "/resume" not in _payloads(p)


# ---------------------------------------------------------------- reached through a partner
def _through(flow: Flow, pid: str) -> Person:
    p = Person(flow)
    p.type("hello", "greet")
    p.tap(f"partner:{pid}")  # the page says which partner's site it is on (embed.js data-partner)
    assert p.keys() == ["welcome.text"]
    p.tap("en")
    p.tap("continue")
    p.tap("yes")
    p.tap("yes")  # 18 or over: the respondent is made here
    p.tap("none")
    p.tap("england")
    p.tap("advocacy")
    p.tap("done")
    p.type("They should listen to me and explain my rights.")
    return p


def test_the_admins_list_is_parsed_and_a_bad_entry_refused():
    assert partners.parse(" unseen=Unseen UK, hestia = Hestia ") == {"unseen": "Unseen UK", "hestia": "Hestia"}
    for bad in ("unseen", "Unseen=Unseen", "un seen=x", "x=", "=x"):
        with pytest.raises(ValueError):
            partners.parse(bad)


def test_answers_reached_through_a_listed_partner_carry_its_name_in_exports_and_the_dashboard(
        sqlite_store, monkeypatch):
    monkeypatch.setenv("IMSA_PARTNERS", "unseen=Unseen UK, hestia=Hestia")
    flow = Flow(sqlite_store)
    listed = _through(flow, "unseen")
    unlisted = _through(flow, "someone-else")  # not on the list: nothing recorded
    plain = Person(flow).start()
    with sqlite_store.session() as s:
        through = {r.id: r.reached_through for r in s.query(Respondent)}
    assert through == {listed.state["respondent"]: "unseen", unlisted.state["respondent"]: None,
                       plain.state["respondent"]: None}
    out = io.BytesIO()
    export(sqlite_store, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8-sig"))))
    assert {r["reached_through"] for r in rows} == {"", "Unseen UK"}
    assert len({r["respondent"] for r in rows if r["reached_through"] == "Unseen UK"}) == 1
    out = io.BytesIO()
    export(sqlite_store, "json", out)
    assert {a["reached_through"] for a in json.loads(out.getvalue())["answers"]} == {None, "Unseen UK"}
    out = io.BytesIO()
    export(sqlite_store, "qdpx", out)
    project = zipfile.ZipFile(out).read("project.qde").decode()
    assert 'name="Reached through"' in project and "Unseen UK" in project
    board = stats.dashboard(sqlite_store)
    assert [(r.label, r.respondents) for r in board.by_partner] == [("Unseen UK", 1), ("Not through a partner", 2)]
