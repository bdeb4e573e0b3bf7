"""Storage on real SQLite and real PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import inspect

from bot.conversation.resume_codes import normalise
from bot.store.models import Respondent


def test_answers_are_saved_redacted_with_date_only(store):
    rid = store.create_respondent("en")
    store.save_answer(rid, "health.barriers", "en", text="Call me on 07700 900123 please.")
    [answer] = store.answers(rid)
    assert "07700 900123" not in answer.text and "[PHONE]" in answer.text
    assert answer.theme == "health" and answer.kind == "barriers"
    assert isinstance(answer.created_on, dt.date) and not isinstance(answer.created_on, dt.datetime)
    columns = {c["name"]: str(c["type"]) for c in inspect(store.engine).get_columns("answers")}
    assert not any("TIME" in t.upper() for t in columns.values())


def test_saving_the_same_question_again_replaces_it(store):
    rid = store.create_respondent("en")
    store.save_answer(rid, "health.barriers", "en", text="first")
    store.save_answer(rid, "health.barriers", "en", text="second")
    assert [a.text for a in store.answers(rid)] == ["second"]


def test_unknown_question_is_refused_and_nothing_is_written(store):
    rid = store.create_respondent("en")
    with pytest.raises(KeyError):
        store.save_answer(rid, "health.nonsense", "en", text="x")
    assert store.answers(rid) == []


def test_delete_respondent_removes_answers(store):
    rid = store.create_respondent("en")
    other = store.create_respondent("en")
    store.save_answer(rid, "health.barriers", "en", text="a")
    store.save_answer(rid, "profile.uk_nation", "en", choice="wales")
    store.save_answer(other, "health.barriers", "en", text="b")
    assert store.delete_respondent(rid) == 3
    assert store.respondent(rid) is None and store.answers(rid) == []
    assert [a.text for a in store.answers(other)] == ["b"]


def test_withdrawal_code_is_hashed_and_unknown_codes_delete_nothing(store):
    rid = store.create_respondent("en")
    store.save_answer(rid, "health.barriers", "en", text="a")
    code = store.issue_withdrawal_code(rid)
    with store.session() as s:
        stored = s.get(Respondent, rid).withdrawal_hash
    assert code not in stored and normalise(code) not in stored and len(stored) == 64
    assert store.withdraw("ABCD-2345") == 0
    assert store.withdraw("not a code") == 0
    assert store.respondent(rid) is not None
    assert store.withdraw(code.lower()) == 2
    assert store.respondent(rid) is None


def test_pause_state_is_returned_once(store):
    code = store.pause({"step": "themes", "lang": "en"})
    assert store.resume("WRON-GCDE") is None
    assert store.resume(code) == {"step": "themes", "lang": "en"}
    assert store.resume(code) is None


def test_update_respondent_accepts_only_known_fields(store):
    rid = store.create_respondent("en")
    store.update_respondent(rid, nation="wales", assisted="interpreter")
    r = store.respondent(rid)
    assert (r.nation, r.assisted) == ("wales", "interpreter")
    with pytest.raises(ValueError):
        store.update_respondent(rid, withdrawal_hash="x")


def test_codes_normalise_typed_forms():
    assert normalise("abcd 2345") == "ABCD-2345"
    assert normalise(" ABCD-2345 ") == "ABCD-2345"
    assert normalise("ABCD-1234") is None  # 1 is not in the alphabet
    assert normalise("hello") is None


def test_the_audit_log_is_read_a_page_at_a_time_newest_first(store):
    for n in range(5):
        store.audit(f"staff-{n}", "export", n)
    entries, number, pages, total = store.audit_page(2, 2)
    assert ([e.actor for e in entries], number, pages, total) == (["staff-2", "staff-1"], 2, 3, 5)
    entries, number, _, _ = store.audit_page(99, 2)  # past the end: the last page
    assert ([e.actor for e in entries], number) == (["staff-0"], 3)


def test_hand_over_links_are_kept_per_support_worker_and_audited(store):
    from bot.staff import users

    kim = users.add_user(store, "kim", "support_worker", "a long enough password 1")
    sam = users.add_user(store, "sam", "support_worker", "a long enough password 2")
    for token in ("t1", "t2", "t3"):
        store.add_handover_link(kim.id, kim.name, token)
    store.add_handover_link(sam.id, sam.name, "t4")
    assert [link.token for link in store.handover_links(kim.id, 2)] == ["t3", "t2"]
    assert [(e.actor, e.action) for e in store.audit_log()][-1] == ("sam", "handover_link")
