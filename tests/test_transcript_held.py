"""The transcript export holds every person's line that is not the text of an answer a person has settled.

On a real SQLite store (and one migration check on PostgreSQL): a line typed at a step that asks no question (no
answer's text, so never in the review queue) with a word the rules are unsure of, a long number, a handle, or a
name the learned tagger overruled, is written held ([NAME?] ...: bot/export/held.py); the same words in the line
of an answer a person marked reviewed are written as stored, and so are they in the line of an answer with
nothing to review. The translation job stores such a line's spans (TranscriptMessage.held_text, migration 0009)
and the export uses them without looking for doubts; a new text for the line, and redact-stored, set them back.
Bot lines and stand-ins redaction finds nothing in are written as they are. Sentences invented here
(tests/test_export_held.py).
"""

from __future__ import annotations

import io
import zipfile

import pytest
from sqlalchemy import inspect, select, update

from bot.anonymise import tagger
from bot.anonymise.uncertain import POSSIBLE_NAME
from bot.export import export, held
from bot.export.held import dump, load
from bot.staff import review
from bot.store import Store, schema
from bot.store.models import Answer, TranscriptMessage
from bot.store.store import StandIn
from bot.translate import hold_lines, translate_pending
from tests.export_helpers import export_bytes
from tests.test_export_held import HELD_SAID, SAID, SECRETS, overruling

PLAIN = "We slept in the van behind the car wash."  # an answer with nothing doubtful in it
WORDS = ["Biscuit", "553219", "@velk_runner"]


def refuse(*_args, **_kwargs):
    raise AssertionError("the export looked for doubts although the line's held spans were stored")


@pytest.fixture
def store(tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'lines.db'}")
    tagger.get_tagger(wait=True)
    yield s
    s.engine.dispose()


def transcripts(store: Store) -> str:
    with zipfile.ZipFile(io.BytesIO(export_bytes(store, "transcripts"))) as archive:
        return "\n".join(archive.read(n).decode() for n in sorted(archive.namelist()))


def chat(store: Store, said: str = SAID) -> str:
    """A respondent who answered one question (nothing doubtful in it), then typed `said` at a step that asks
    none, and tapped a button."""
    rid = store.create_respondent("en")
    store.save_answer(rid, "health.barriers", "en", text=PLAIN, transcript_session="chat-1",
                      transcript_lines=[("bot", None, "q.health.barriers")])
    store.add_transcript_message("chat-1", "person", text=said, language="en", respondent_id=rid)
    tapped = [("person", StandIn("[button: yes]"), None), ("bot", None, "q.health.barriers")]
    store.add_transcript_lines("chat-1", tapped, language="en", respondent_id=rid)
    return rid


def lines(store: Store) -> dict[str, TranscriptMessage]:
    with store.session() as s:
        return {m.text: m for m in s.execute(select(TranscriptMessage).where(TranscriptMessage.speaker == "person"))
                .scalars()}


def test_the_planted_line_is_no_answer_and_keeps_the_doubtful_words(store):
    rid = chat(store)
    assert [a.text for a in store.answers(rid)] == [PLAIN] and store.answers(rid)[0].review_status is None
    assert set(lines(store)) == {PLAIN, SAID, "[button: yes]"}  # redaction kept the words it was unsure of


def test_a_line_that_is_no_answer_is_held_and_counted(store):
    chat(store)
    text = transcripts(store)
    assert f"Person: {HELD_SAID}" in text
    for secret in SECRETS:
        assert secret not in text, secret
    assert f"Person: {PLAIN}" in text and "Person: [button: yes]" in text  # nothing doubtful: as they are
    assert "Bot: " in text and "[bot text" not in text
    written = export(store, "transcripts", io.BytesIO(), actor="analyst-1")
    assert written.held == 3
    assert store.audit_log()[-1].detail == "format=transcripts; held=3; filters=none"


def test_a_chat_no_answer_came_from_is_held_too(store):
    store.add_transcript_message("chat-gone", "bot", text_key="q.health.barriers", language="en")
    store.add_transcript_message("chat-gone", "person", text=SAID, language="en")
    text = transcripts(store)
    assert "Respondent: none" in text and f"Person: {HELD_SAID}" in text and "Biscuit" not in text


def test_a_name_the_tagger_overruled_in_a_line_that_is_no_answer_is_held(tmp_path, monkeypatch):
    said = "Arben came with me to the council"
    overruling(monkeypatch)
    s = Store(f"sqlite:///{tmp_path / 'veto.db'}")
    try:
        chat(s, said)
        assert said in lines(s)  # the tagger overruled the rules' name: kept in the stored line
        tagger._last.entry = None
        text = transcripts(s)
        assert "Person: [NAME?] came with me to the council" in text and "Arben" not in text
    finally:
        tagger._last.entry = None
        s.engine.dispose()


def test_the_same_words_in_a_reviewed_answers_line_are_written_as_stored(store):
    rid = store.create_respondent("en")
    store.save_answer(rid, "health.barriers", "en", text=SAID, transcript_session="chat-2")
    [answer] = store.answers(rid)
    assert answer.review_status == "needs_review"
    assert f"Person: {HELD_SAID}" in transcripts(store)  # waiting: held, as before
    assert review.mark_reviewed(store, answer.id, actor="analyst-1")
    text = transcripts(store)
    assert f"Person: {SAID}" in text and "[NAME?] came" not in text
    assert export(store, "transcripts", io.BytesIO()).held == 0
    with store.session() as s:  # an answer with nothing to review (found so when it was saved): as stored too
        s.execute(update(Answer).where(Answer.id == answer.id).values(review_status=None))
    assert f"Person: {SAID}" in transcripts(store)

    chat(store)  # another respondent's line that is no answer, with the same words: held
    assert f"Person: {HELD_SAID}" in transcripts(store)


def test_the_job_stores_the_spans_of_lines_that_are_no_answer_only(store):
    chat(store)
    counts = translate_pending(store, None)
    assert counts.held_lines == 2 and "in 2 transcript lines" in str(counts)  # the typed line and the stand-in
    got = lines(store)
    assert got[PLAIN].held_text is None  # an answer's text: the export goes by the answer
    assert [SAID[a:b] for a, b, _ in load(got[SAID].held_text, SAID, "en")] == WORDS
    assert "Biscuit" not in got[SAID].held_text  # offsets and kinds only, never the words
    assert load(got["[button: yes]"].held_text, "[button: yes]", "en") == []
    assert hold_lines(store) == 0  # found once


def test_the_export_uses_the_stored_spans_and_never_looks_for_doubts(store, monkeypatch):
    chat(store)
    found_here = transcripts(store)  # without stored spans: found by the export itself
    translate_pending(store, None)
    monkeypatch.setattr(held, "doubts", refuse)
    monkeypatch.setattr(tagger, "get_tagger", refuse)  # nor loads the tagger
    assert transcripts(store) == found_here
    # stored spans that are this text's are what the export goes by: spans planted on "farm" hold it
    start = SAID.index("farm")
    with store.session() as s:
        s.execute(update(TranscriptMessage).where(TranscriptMessage.text == SAID)
                  .values(held_text=dump(SAID, "en", [(start, start + 4, POSSIBLE_NAME)])))
    text = transcripts(store)
    assert "Person: Biscuit came to the [NAME?] at night; the code was 553219." in text


def test_without_the_job_the_export_finds_the_spans_itself(store, monkeypatch):
    chat(store)
    monkeypatch.setattr(held, "doubts", refuse)
    with pytest.raises(AssertionError, match="looked for doubts"):
        transcripts(store)


def test_a_new_text_for_the_line_sets_its_spans_back(store, monkeypatch):
    chat(store)
    translate_pending(store, None)
    changed = "Biscuit came to the farm again; the code was 553219."
    with store.session() as s:
        line = s.execute(select(TranscriptMessage).where(TranscriptMessage.text == SAID)).scalar_one()
        assert line.held_text is not None
        line.text = changed
    got = lines(store)
    assert got[changed].held_text is None and got["[button: yes]"].held_text is not None
    looked: list[str] = []
    real = held.doubts
    monkeypatch.setattr(held, "doubts", lambda text, language: looked.append(text) or real(text, language))
    assert "Person: [NAME?] came to the farm again; the code was [NUMBER?]." in transcripts(store)
    assert looked == [changed]  # the changed line only: the stand-in's spans are still its own
    assert hold_lines(store) == 1


def test_redact_stored_sets_the_spans_of_every_line_back(store):
    chat(store)
    translate_pending(store, None)
    assert all(m.held_text is not None for t, m in lines(store).items() if t != PLAIN)
    review.redact_stored(store, actor="admin")
    assert all(m.held_text is None for m in lines(store).values())  # the rules changed: found again by the job
    assert hold_lines(store) == 2


def test_the_job_leaves_the_spans_while_the_tagger_is_not_loaded(store, monkeypatch):
    chat(store)
    monkeypatch.setattr(held, "tagger_ready", lambda: False)
    assert translate_pending(store, None).held_lines == 0
    assert all(m.held_text is None for m in lines(store).values())


def test_migration_0009_and_the_jobs_query_on_sqlite_and_postgresql(postgres_url, tmp_path):
    for url in (f"sqlite:///{tmp_path / 'migrate.db'}", postgres_url):
        s = Store(url)
        try:
            def columns() -> set[str]:
                return {c["name"] for c in inspect(s.engine).get_columns("transcript_messages")}

            assert "held_text" in columns()
            s.add_transcript_message("chat-m", "person", text=SAID, language="en")
            schema.downgrade(s.engine, "0008")
            assert "held_text" not in columns()
            schema.upgrade(s.engine)
            assert "held_text" in columns()
            with s.session() as session:  # the line kept: its spans not found yet
                assert [m.held_text for m in session.execute(select(TranscriptMessage)).scalars()] == [None]
            chat(s)  # the job's query (lines that are no answer's text) on this database too
            assert hold_lines(s) == 3 and hold_lines(s) == 0
            assert f"Person: {HELD_SAID}" in transcripts(s) and "Biscuit" not in transcripts(s)
        finally:
            schema.drop_all(s.engine)
            s.engine.dispose()
