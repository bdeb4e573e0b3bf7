"""The staff area's data layer on real SQLite and PostgreSQL: dashboard figures, the redaction review
queue (further redaction, mark reviewed), coding (confirm, reject, add, new codes, spans), and the
"uncertain redaction" flag (bot.anonymise.uncertain)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from sqlalchemy import select, update

from bot.anonymise import redact
from bot.anonymise.uncertain import doubts, uncertain
from bot.export import ExportError, ExportFilter, export
from bot.staff import coding_ops, filtering, review, stats
from bot.staff.review import PLACEHOLDER, ReviewError
from bot.store import Store
from bot.store.models import Answer, Code, Coding, TranscriptMessage

# staff redact a word that redaction kept (it finds the names of people; here the word is an ordinary one). Where
# a person stands ("and Wardrobe said") the learned tagger takes it for a name since round 11, since round 16's
# tagger "and then Wardrobe said" too, and since round 17's "and then Wardrobe told me". Both stand where a capital
# opens a sentence, where the tagger asks most (P 0.6, round 16's OPENING_SURE) and the rules keep an everyday word
NAME_ANSWER = "I could not see a GP. Wardrobe took my papers. Wardrobe told me the GP was not for me."


def person(store, *, lang="en", channel="chatbot", nation=None, assisted=None, completed=False, answers=()):
    """A respondent with answers {question_id: text}; returns (respondent id, {question_id: answer id})."""
    rid = store.create_respondent(lang, channel=channel)
    fields = {k: v for k, v in (("nation", nation), ("assisted", assisted)) if v is not None}
    if fields:
        store.update_respondent(rid, **fields)
    for question_id, text in answers:
        store.save_answer(rid, question_id, lang, text=text)
    if completed:
        store.update_respondent(rid, completed=True)
    return rid, {a.question_id: a.id for a in store.answers(rid)}


def answer_row(store, answer_id: int) -> Answer:
    with store.session() as s:
        return s.get(Answer, answer_id)


def audit_actions(store) -> list[tuple[str, str, int]]:
    return [(e.actor, e.action, e.row_count) for e in store.audit_log()]


# --- uncertain redaction -----------------------------------------------------------------
def test_doubts_find_what_redaction_may_have_missed_and_only_kinds_and_offsets():
    text = "Without Amina I would not have left. Call 5566 778899 or @amina_k. The Home Office and the GP."
    found = doubts(text)
    assert [d.kind for d in found] == ["capitalised word", "long number", "handle"]
    assert [text[d.start:d.end] for d in found] == ["Amina", "5566 778899", "@amina_k"]
    assert set(vars(found[0])) == {"kind", "start", "end"}  # never the value itself
    # a sentence's first word, organisations, places, nationalities, months, placeholders, years: no doubt
    for clean in ("Arben came later.", "I went to the Home Office in London in May 2019.",
                  "My caseworker [NAME] helped. - Then the Salvation Army came.", "We were paid 300 pounds.",
                  "2) Housing was the worst part.", "", None):
        assert not uncertain(clean), clean


def test_an_answer_with_a_doubt_waits_for_review_and_a_plain_one_does_not(store):
    _, ids = person(store, answers=[("health.barriers", "I met Arben at the station."),
                                    ("health.solutions", "More interpreters at the GP would help.")])
    assert answer_row(store, ids["health.barriers"]).review_status == "needs_review"
    assert answer_row(store, ids["health.solutions"]).review_status is None
    # redaction finding something still counts, as before
    _, ids = person(store, answers=[("housing.barriers", "Call me on 07700 900123.")])
    assert answer_row(store, ids["housing.barriers"]).review_status == "needs_review"


# --- dashboard ---------------------------------------------------------------------------
def make_population(store):
    a, _ = person(store, lang="en", nation="england", assisted="none", completed=True,
                  answers=[("health.barriers", "long waits at the GP"), ("health.solutions", "more interpreters")])
    b, _ = person(store, lang="sq", nation="scotland", assisted="interpreter",
                  answers=[("health.barriers", "nuk kisha mjek"), ("housing.barriers", "shtëpia ishte e ftohtë")])
    c, _ = person(store, lang="en", channel="written", nation="wales",
                  answers=[("housing.barriers", "Our clients wait months for housing."),
                           ("housing.solutions", "Faster decisions.")])
    d, _ = person(store, lang="ar", answers=[])  # stopped before answering anything
    return a, b, c, d


def test_dashboard_counts_respondents_and_answers_per_group(store):
    make_population(store)
    board = stats.dashboard(store)
    assert (board.respondents, board.answers, board.completed) == (3, 6, 1)
    assert {r.key: (r.respondents, r.answers) for r in board.by_theme} == {"health": (2, 3), "housing": (2, 3)}
    assert {r.key: (r.respondents, r.answers) for r in board.by_language} == {"en": (2, 4), "sq": (1, 2)}
    assert {r.key: (r.respondents, r.answers) for r in board.by_channel} == {"chatbot": (2, 4), "written": (1, 2)}
    assert {r.key: r.respondents for r in board.by_nation} == {"england": 1, "scotland": 1, "wales": 1}
    assert [r.key for r in board.by_theme] == ["health", "housing"]  # catalogue order
    assert board.awaiting_translation == 6  # no provider has run
    with store.session() as s:
        s.execute(update(Answer).where(Answer.language == "en").values(translation_status="not_needed"))
    assert stats.dashboard(store).awaiting_translation == 2


def test_drop_off_is_the_last_answer_of_those_who_did_not_finish(store):
    make_population(store)
    board = stats.dashboard(store)
    by_question = {q.question_id: (q.answered, q.stopped) for q in board.by_question}
    # b stopped after housing.barriers (their last), c after housing.solutions; a completed
    assert by_question == {"health.barriers": (2, 0), "health.solutions": (1, 0), "housing.barriers": (2, 1),
                           "housing.solutions": (1, 1)}
    assert [q.question_id for q in board.by_question][:2] == ["health.barriers", "health.solutions"]


def test_dashboard_filters_are_the_exports_filters_and_count_the_same_rows(store):
    make_population(store)
    cases = [ExportFilter(theme="housing"), ExportFilter(channel="written"), ExportFilter(language="sq"),
             ExportFilter(nation="scotland"), ExportFilter(assisted=True), ExportFilter(assisted=False),
             ExportFilter(question="health.barriers"), ExportFilter(code="health.barriers"),
             ExportFilter(theme="health", assisted=False)]
    for f in cases:
        board = stats.dashboard(store, f)
        out = io.BytesIO()
        written = export(store, "csv", out, f, actor="test")
        rows = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8-sig"))))
        assert board.answers == written == len(rows), f
        assert sum(r.answers for r in board.by_theme) == board.answers
    assert stats.dashboard(store, ExportFilter(assisted=True)).respondents == 1
    assert stats.dashboard(store, ExportFilter(theme="housing", channel="written")).answers == 2
    with pytest.raises(ExportError):
        filtering.check(store, ExportFilter(theme="no-such-theme"))


def test_filters_round_trip_through_a_query_string():
    f = filtering.from_query({"theme": "health", "assisted": "no", "channel": "", "bogus": "x", "code": "x" * 500})
    assert f == ExportFilter(theme="health", assisted=False)
    assert filtering.from_query(dict(__import__("urllib.parse").parse.parse_qsl(filtering.to_query(f)))) == f
    assert filtering.to_query(f, format="csv") == "format=csv&theme=health&assisted=no"


# --- review queue --------------------------------------------------------------------------
def test_queue_is_oldest_first_paged_and_holds_only_redacted_text(store):
    ids = []
    for n in range(5):
        _, got = person(store, answers=[("health.barriers", f"Call me on 07700 90012{n} please.")])
        ids.append(got["health.barriers"])
    person(store, answers=[("health.barriers", "nothing personal here")])
    with store.session() as s:  # the last one saved is the oldest
        s.execute(update(Answer).where(Answer.id == ids[-1]).values(created_on=dt.date.today() - dt.timedelta(3)))
    first, total = review.queue(store, page=1, per_page=2)
    second, _ = review.queue(store, page=2, per_page=2)
    assert total == 5
    assert [i.id for i in first + second] == [ids[4], ids[0], ids[1], ids[2]]
    assert all("07700" not in i.text and "[PHONE]" in i.text for i in first)
    assert first[0].redacted_types == {"PHONE": 1}


def test_further_redaction_removes_the_words_everywhere_and_keeps_codings_in_place(store):
    assert redact(NAME_ANSWER).text == NAME_ANSWER     # what this test needs: a word redaction kept
    rid, ids = person(store, answers=[("health.barriers", NAME_ANSWER)])
    aid = ids["health.barriers"]
    store.add_transcript_message("conv-1", "bot", text_key="q.health.barriers", respondent_id=rid)
    store.add_transcript_message("conv-1", "person", text="Wardrobe again and wardrobe.", respondent_id=rid)
    store.add_transcript_message("conv-1", "person", text=NAME_ANSWER, respondent_id=rid)
    # a staff coding on "took my papers" (after the name), one on "Wardrobe took" (overlapping it)
    start = NAME_ANSWER.index("took my papers")
    after = coding_ops.add_code(store, aid, "health.documents_id", actor="alice", span=(start, start + 14),
                                seen=review.version(NAME_ANSWER))
    over = coding_ops.add_code(store, aid, "health.trust_and_respect", actor="alice",
                               span=(start - 6, start + 4), seen=review.version(NAME_ANSWER))
    with store.session() as s:
        s.execute(update(Answer).where(Answer.id == aid).values(text_en=NAME_ANSWER, translation_status="not_needed"))

    # "ard" selected inside the first "Wardrobe": grows to the whole word, and the second Wardrobe goes too
    first = NAME_ANSWER.index("Wardrobe")
    done = review.redact_span(store, aid, first + 1, first + 4, actor="alice", seen=review.version(NAME_ANSWER),
                              selected="ard")
    row = answer_row(store, aid)
    assert "Wardrobe" not in row.text and row.text.count(PLACEHOLDER) == 2 == done.placeholders
    assert row.text == NAME_ANSWER.replace("Wardrobe", PLACEHOLDER)
    assert row.text_en == row.text  # English answer: its English text is the text itself
    assert row.redacted_count == 2 and json.loads(row.redacted_types) == {"REDACTED": 2}
    lines = [m.text for m in store.transcript("conv-1") if m.speaker == "person"]
    assert lines == [f"{PLACEHOLDER} again and {PLACEHOLDER}.", row.text] and done.transcript_lines == 2
    spans = {c.id: row.text[c.span_start:c.span_end] for c in store.codings(aid) if c.span_start is not None
             and c.source == "staff"}
    assert spans[after] == "took my papers"
    assert spans[over] == f"{PLACEHOLDER} took"
    suggested = {c.code_id: row.text[c.span_start:c.span_end] for c in store.codings(aid) if c.source == "suggested"}
    assert suggested["health.gp_registration"] == "GP"  # recomputed against the new text
    assert ("alice", "redact", 1) in audit_actions(store)
    with store.session() as s:
        everything = " ".join(t or "" for t in s.execute(select(TranscriptMessage.text)).scalars())
        everything += " ".join(t or "" for t in s.execute(select(Answer.text_en)).scalars())
    assert "Wardrobe" not in everything


def test_a_translation_of_the_old_text_is_dropped_and_waits_again(store):
    _, ids = person(store, lang="sq", answers=[("health.barriers", "Pronari Blanket më mori pasaportën.")])
    aid = ids["health.barriers"]
    with store.session() as s:
        s.execute(update(Answer).where(Answer.id == aid).values(
            text_en="The owner Blanket took my passport.", translation_status="done", translation_provider="x",
            translation_attempts=1))
    text = answer_row(store, aid).text
    review.redact_words(store, aid, "blanket", actor="bob", seen=review.version(text))
    row = answer_row(store, aid)
    assert "Blanket" not in row.text and row.text_en is None
    assert (row.translation_status, row.translation_attempts, row.translation_provider) == ("pending", 0, None)


def test_bad_requests_are_refused_kindly_and_change_nothing(store):
    _, ids = person(store, answers=[("health.barriers", "My caseworker Sarah and Arben came.")])
    aid = ids["health.barriers"]
    before = answer_row(store, aid)
    seen = review.version(before.text)
    placeholder_at = before.text.index("[NAME]")
    attempts = [
        lambda: review.redact_span(store, aid, 0, 3, actor="a", seen="stale"),  # the text changed since
        lambda: review.redact_span(store, aid, 5, 5, actor="a", seen=seen),  # nothing selected
        lambda: review.redact_span(store, aid, 2, 3, actor="a", seen=seen, selected=" "),  # only a space
        lambda: review.redact_span(store, aid, 0, 10_000, actor="a", seen=seen),  # outside the text
        lambda: review.redact_span(store, aid, 0, 3, actor="a", seen=seen, selected="xyz"),  # not what is there
        lambda: review.redact_span(store, aid, placeholder_at + 1, placeholder_at + 3, actor="a", seen=seen),
        lambda: review.redact_words(store, aid, "Gjergj", actor="a", seen=seen),  # not in the answer
        lambda: review.redact_words(store, aid, "   ", actor="a", seen=seen),
    ]
    for attempt in attempts:
        with pytest.raises(ReviewError) as caught:
            attempt()
        assert str(caught.value)[0].isupper() and "Traceback" not in str(caught.value)
    after = answer_row(store, aid)
    assert (after.text, after.redacted_count) == (before.text, before.redacted_count)
    assert not [a for a in audit_actions(store) if a[1] == "redact"]
    with pytest.raises(review.AnswerGone):
        review.mark_reviewed(store, 999_999, actor="a")


def test_mark_reviewed_records_who_and_when_and_never_goes_back(store):
    _, ids = person(store, answers=[("health.barriers", "Call me on 07700 900123.")])
    aid = ids["health.barriers"]
    assert review.mark_reviewed(store, aid, actor="carol") is True
    row = answer_row(store, aid)
    assert (row.review_status, row.reviewed_by, row.reviewed_on) == ("reviewed", "carol", dt.date.today())
    assert review.mark_reviewed(store, aid, actor="dave") is False
    assert answer_row(store, aid).reviewed_by == "carol"
    assert review.queue(store)[1] == 0
    assert audit_actions(store).count(("carol", "review", 1)) == 1
    # a further redaction of a reviewed answer does not send it back nor un-redact anything
    text = answer_row(store, aid).text
    review.redact_words(store, aid, "call me", actor="carol", seen=review.version(text))
    assert answer_row(store, aid).review_status == "reviewed"
    assert not any(name.startswith(("unredact", "restore", "undo")) for name in dir(review))


def test_offsets_are_code_points_and_unspaced_scripts_are_not_grown(store):
    text = "我叫李明 😀 我住在北京 Arben"
    _, ids = person(store, lang="zh", answers=[("health.barriers", text)])
    row = answer_row(store, ids["health.barriers"])
    stored = row.text
    start = stored.index("北京")
    review.redact_span(store, row.id, start, start + 2, actor="a", seen=review.version(stored), selected="北京")
    new = answer_row(store, row.id).text
    assert "北京" not in new and "我住在" + PLACEHOLDER in new  # only the two characters, after the emoji


# --- coding ---------------------------------------------------------------------------------
def test_confirm_and_reject_suggestions_and_a_rejected_one_is_never_suggested_again(store):
    rid, ids = person(store, answers=[("health.barriers", "No interpreter at the GP surgery.")])
    aid = ids["health.barriers"]
    view = coding_ops.answer(store, aid)
    suggested = {c.code_id: c for c in view.codings if c.source == "suggested"}
    assert {"health.gp_registration", "health.interpreters"} <= set(suggested)
    coding_ops.confirm(store, suggested["health.gp_registration"].id, actor="erin", answer_id=aid)
    coding_ops.reject(store, suggested["health.interpreters"].id, actor="erin", answer_id=aid)
    store.code_answer(aid)  # what bot.translate does after a translation: suggestions are recomputed
    store.save_answer(rid, "health.barriers", "en", text="No interpreter at the GP surgery.")  # and a re-save
    rows = {(c.code_id, c.source, c.status) for c in store.codings(aid)}
    assert ("health.gp_registration", "staff", "active") in rows
    assert ("health.interpreters", "staff", "rejected") in rows
    assert not any(code == "health.interpreters" and source == "suggested" for code, source, _ in rows)
    staff = [c for c in coding_ops.answer(store, aid).codings if c.source == "staff"]
    assert {(c.coder, c.created_on) for c in staff} == {("erin", dt.date.today())}
    # rejected codings never reach an export
    out = io.BytesIO()
    export(store, "csv", out, ExportFilter(), actor="t")
    assert "health.interpreters" not in out.getvalue().decode("utf-8-sig")
    with pytest.raises(coding_ops.CodingError):
        coding_ops.confirm(store, suggested["health.interpreters"].id, actor="erin")
    structural = next(c for c in store.codings(aid) if c.source == "structural")
    with pytest.raises(coding_ops.CodingError):
        coding_ops.reject(store, structural.id, actor="erin")
    assert ("erin", "code_confirm", 1) in audit_actions(store) and ("erin", "code_reject", 1) in audit_actions(store)


def test_add_codes_spans_and_new_topic_codes_that_survive_a_restart(store):
    _, ids = person(store, answers=[("housing.barriers", "The hostel was cold and far from the school.")])
    aid = ids["housing.barriers"]
    text = answer_row(store, aid).text
    whole = coding_ops.add_code(store, aid, "housing.debt", actor="fay")
    with pytest.raises(coding_ops.CodingError, match="already has"):
        coding_ops.add_code(store, aid, "housing.debt", actor="fay")
    with pytest.raises(coding_ops.CodingError):
        coding_ops.add_code(store, aid, "housing.no_such_code", actor="fay")
    start = text.index("cold")
    span = coding_ops.add_code(store, aid, "housing.accommodation", actor="fay", span=(start - 1, start + 5),
                               seen=review.version(text))
    with pytest.raises(coding_ops.CodingError):  # offsets against an older text
        coding_ops.add_code(store, aid, "housing.debt", actor="fay", span=(0, 3), seen="old")
    new_id = coding_ops.new_code(store, "housing", "Damp and mould", actor="fay", description="cold, wet homes")
    assert new_id == "housing.damp_and_mould"
    with pytest.raises(coding_ops.CodingError, match="already has a code"):
        coding_ops.new_code(store, "housing", "damp AND mould", actor="fay")
    with pytest.raises(coding_ops.CodingError):
        coding_ops.new_code(store, "nowhere", "Something", actor="fay")
    with pytest.raises(coding_ops.CodingError):
        coding_ops.new_code(store, "housing", "   ", actor="fay")
    coding_ops.add_code(store, aid, new_id, actor="fay")
    codings = {c.id: c for c in coding_ops.answer(store, aid).codings}
    assert codings[whole].span is None and codings[span].quote == "cold"  # the span holds the words only
    assert ("fay", "code_new", 1) in audit_actions(store)
    again = Store(store.url)  # a restart syncs the codebook from the files: staff codes stay
    try:
        with again.session() as s:
            code = s.get(Code, new_id)
            assert (code.created_by, code.retired, code.parent_id, code.level) == ("fay", False, "housing", "topic")
    finally:
        again.engine.dispose()
    assert new_id in {o.id for o in coding_ops.code_options(store)}
    assert export(store, "csv", io.BytesIO(), ExportFilter(code=new_id), actor="t") == 1  # exports know it


def test_a_rejected_code_added_again_becomes_active(store):
    _, ids = person(store, answers=[("health.barriers", "I needed an interpreter.")])
    aid = ids["health.barriers"]
    sid = next(c.id for c in store.codings(aid) if c.code_id == "health.interpreters")
    coding_ops.reject(store, sid, actor="gil")
    assert coding_ops.add_code(store, aid, "health.interpreters", actor="gil") == sid
    with store.session() as s:
        assert s.get(Coding, sid).status == "active"


def test_browse_lists_filtered_answers_paged(store):
    make_population(store)
    rows, total = coding_ops.browse(store, ExportFilter(theme="housing"), page=1, per_page=2)
    assert total == 3 and len(rows) == 2 and {r.theme for r in rows} == {"housing"}
    rest, _ = coding_ops.browse(store, ExportFilter(theme="housing"), page=2, per_page=2)
    assert len(rest) == 1 and rest[0].id not in {r.id for r in rows}
    assert coding_ops.browse(store, ExportFilter(channel="written"))[1] == 2
