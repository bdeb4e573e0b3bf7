"""One respondent through the real chat (Rasa, the action server and the page, over REST) beside one written
response through the importer: both reach the findings, their passages and the briefing, counted as the
tables say. The rest of the findings are tested on a dataset built through the store (tests/test_findings.py),
which is much cheaper."""

from __future__ import annotations

import csv
import io

import lxml.html
import pytest
import requests

from bot.importers import import_file
from bot.staff import briefing, coding_ops, findings, users
from bot.store import Store
from tests.servers import RestClient, opening, running_bot
from tests.staff_helpers import sign_in_requests
from tests.test_findings import expected, suggestions

pytestmark = pytest.mark.servers
PASSWORD = "correct horse battery"
CHAT_ANSWER = "There was no interpreter at the GP surgery, so I could not explain my pain."


def test_a_chat_answer_and_a_written_answer_reach_the_findings(tmp_path):
    url = f"sqlite:///{tmp_path / 'chat.db'}"
    store = Store(url)
    users.add_user(store, "the-staff", "staff", PASSWORD)
    path = tmp_path / "written.csv"
    path.write_text("UK nation,health.barriers\nscotland,Interpreters are rarely booked for GP visits.\n",
                    encoding="utf-8")
    assert import_file(store, path, actor="test").answers == 1
    with running_bot(url, tmp_path / "logs") as services:
        person = RestClient(services.ports.rasa, "findings-chat-1")
        opening(person, assisted="interpreter", nation=("tap", "scotland"))
        person.tap("health")
        person.tap("done")
        person.say(CHAT_ANSWER)
        answers = [a for r in store_respondents(store) for a in store.answers(r)]
        chat = next(a for a in answers if a.text == CHAT_ANSWER)
        for answer in answers:  # staff confirm the suggested codes of both
            for coding_id in suggestions(store, answer.id).values():
                coding_ops.confirm(store, coding_id, actor="the-staff")

        exact = expected(store, ("staff",))[("health", "barriers", "health.interpreters")]
        assert exact == {("scotland", "chatbot"): (1, 1), ("scotland", "written"): (1, 1)}
        found = findings.findings(store, theme="health").theme("health").kind("barriers")
        interp = next(c for c in found.codes if c.code == "health.interpreters")
        assert interp.table.cells == exact
        listed, total = findings.passages(store, theme="health", kind="barriers", code="health.interpreters",
                                          channel="chatbot")
        assert total == 1 and listed[0].answer_id == chat.id and listed[0].nation == "scotland"

        # the same figures on the page the running bot serves, and protected in the briefing
        base = f"http://127.0.0.1:{services.ports.web}"
        http = requests.Session()
        sign_in_requests(http, base, "the-staff", PASSWORD)  # the password, then a real TOTP code
        page = lxml.html.fromstring(http.get(base + "/staff/findings?theme=health&view=channel").text)
        row = page.xpath("//table[@id='health-barriers']/tbody/tr[@data-code='health.interpreters']")[0]
        cells = {td.get("data-channel"): td.text_content().split()[0] for td in row.xpath("./td[@data-nation]")}
        assert cells == {"chatbot": "1", "written": "1", "all": "2"}
    out = io.BytesIO()
    briefing.make(store, "csv", out, theme="health", actor="test")
    rows = [r for r in csv.DictReader(io.StringIO(out.getvalue().decode("utf-8-sig")))
            if r["code"] == "health.interpreters" and r["nation"] == "scotland"]
    assert {r["channel"]: r["respondents"] for r in rows} == {"chatbot": "fewer than 5", "written": "fewer than 5",
                                                              "all": "fewer than 5"}
    store.engine.dispose()


def store_respondents(store: Store) -> list[str]:
    from sqlalchemy import text

    with store.engine.connect() as c:
        return list(c.execute(text("SELECT id FROM respondents")).scalars())
