"""Held spans are found off the hot path and stored (Answer.held_text, held_en; migration 0008).

On a real SQLite store: the translation job stores the held spans of the answers waiting for review (in their
text when it handles them, in their English when it writes it); an export then reads them and never looks for
doubts; a new text or English sets them back to NULL (a person's redaction, a new answer, a person's English,
redact_stored), and an export finds them itself again, as it does for spans that are not the text's.
Sentences invented here (tests/test_export_held.py).
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import inspect, select, update

from bot.anonymise import tagger
from bot.export import held
from bot.export.held import HELD, dump, find, load
from bot.staff import coding_ops, review
from bot.staff.review import replace_spans
from bot.store import Store, schema
from bot.store.models import Answer
from bot.translate import translate_pending
from tests.export_helpers import every_export, export_bytes
from tests.test_export_held import ARABIC, ARABIC_EN, HELD_SAID, SAID, SECRETS

WORDS = ["Biscuit", "553219", "@velk_runner"]  # what the doubts of SAID are about, held


class Fixed:
    """A translation provider that always gives the same English."""

    name = "machine-test"

    def __init__(self, english: str) -> None:
        self.english = english
        self.calls = 0

    def translate(self, text: str, source: str) -> str:
        self.calls += 1
        return self.english


def refuse(*_args, **_kwargs):
    raise AssertionError("an export looked for doubts although the answer's held spans were stored")


@pytest.fixture
def store(tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'stored.db'}")
    tagger.get_tagger(wait=True)
    yield s
    s.engine.dispose()


def save(store: Store) -> dict[str, int]:
    english, arabic = store.create_respondent("en"), store.create_respondent("ar")
    store.save_answer(english, "health.barriers", "en", text=SAID)
    store.save_answer(arabic, "health.barriers", "ar", text=ARABIC)
    store.add_transcript_message("chat-e", "person", text=SAID, language="en", respondent_id=english)
    store.add_transcript_message("chat-a", "person", text=ARABIC, language="ar", respondent_id=arabic)
    return {"en": store.answers(english)[0].id, "ar": store.answers(arabic)[0].id}


def rows(store: Store) -> dict[int, Answer]:
    with store.session() as s:
        return {a.id: a for a in s.execute(select(Answer)).scalars()}


def words(stored: str, text: str, language: str) -> list[str]:
    spans = load(stored, text, language)
    assert spans is not None
    return [text[start:end] for start, end, _ in spans]


def test_the_job_stores_the_held_spans_of_the_text_and_of_the_english_it_writes(store):
    ids = save(store)
    provider = Fixed(ARABIC_EN)
    counts = translate_pending(store, provider)
    assert provider.calls == 1 and counts.held == 4  # two texts and two Englishes
    got = rows(store)
    english, arabic = got[ids["en"]], got[ids["ar"]]
    assert english.text_en == SAID and english.translation_status == "not_needed"
    assert words(english.held_text, SAID, "en") == WORDS and english.held_en == english.held_text
    assert words(arabic.held_text, ARABIC, "ar") == ["204511"]
    assert words(arabic.held_en, ARABIC_EN, "en") == ["Biscuit", "204511"]
    assert [kind for *_, kind in load(english.held_text, SAID, "en")] == list(HELD)  # name, number, handle
    assert "Biscuit" not in english.held_text  # offsets and kinds only, never the words
    assert "held words found in 4 texts" in str(counts)
    assert translate_pending(store, provider).held == 0  # found once


def test_an_export_reads_the_stored_spans_and_never_looks_for_doubts(store, monkeypatch):
    save(store)
    translate_pending(store, Fixed(ARABIC_EN))
    found_here = export_bytes(store, "csv")  # with doubts looked for, as without stored spans
    with store.session() as s:
        s.execute(update(Answer).values(held_text=None, held_en=None))
    assert export_bytes(store, "csv") == found_here  # found by the export itself: the same
    translate_pending(store, None)  # the job finds them again
    monkeypatch.setattr(held, "doubts", refuse)
    monkeypatch.setattr(tagger, "get_tagger", refuse)  # nor loads the tagger
    assert export_bytes(store, "csv") == found_here
    exports = every_export(store)
    for fmt, data in exports.items():
        for secret in SECRETS:
            assert secret.encode() not in data, (fmt, secret)
    assert HELD_SAID.encode() in exports["transcripts"]
    assert b"[NAME?] came to the farm at night; we paid [NUMBER?] to the agent." in exports["transcripts"]


def test_without_the_job_an_export_finds_the_spans_itself(store, monkeypatch):
    save(store)
    monkeypatch.setattr(held, "doubts", refuse)
    with pytest.raises(AssertionError, match="looked for doubts"):
        export_bytes(store, "csv")


def test_a_new_text_or_english_sets_the_spans_back_and_the_export_finds_them_again(store, monkeypatch):
    ids = save(store)
    translate_pending(store, Fixed(ARABIC_EN))
    en, ar = ids["en"], ids["ar"]
    # a person redacts a word: the text changes (its English is its text: that too); the answer still waits
    review.redact_words(store, en, "Quarrybank", actor="analyst-1", seen=review.version(SAID))
    # a person types the Arabic answer's English: held_en goes, held_text stays
    coding_ops.set_english(store, ar, "Biscuit came to the farm at night; we paid 204511 to the driver.",
                           actor="analyst-1")
    got = rows(store)
    assert got[en].held_text is None and got[en].held_en is None and got[en].review_status == "needs_review"
    assert got[ar].held_text is not None and got[ar].held_en is None

    looked: list[str] = []
    real = held.doubts
    monkeypatch.setattr(held, "doubts", lambda text, language: looked.append(language) or real(text, language))
    csv = export_bytes(store, "csv").decode("utf-8-sig")
    assert sorted(looked) == ["en", "en"]  # the English answer's text, the Arabic one's new English: no more
    assert "[NAME?] came to the farm at night; the code was [NUMBER?]. I told [HANDLE?] nothing. We worked in " \
           "the [REDACTED] depot." in csv
    assert "[NAME?] came to the farm at night; we paid [NUMBER?] to the driver." in csv and "Biscuit" not in csv

    assert translate_pending(store, None).held == 3  # the job finds what was set back
    looked.clear()
    assert export_bytes(store, "csv").decode("utf-8-sig") == csv and looked == []

    # the survivor answers again: a new text, nothing stored for it until the job sees it
    rid = got[en].respondent_id
    # (a code, not "the number": from round 16 five or six digits right after a word for a phone are a phone, redacted)
    store.save_answer(rid, "health.barriers", "en", text="I told them the code 441209 again.")
    [answer] = [a for a in rows(store).values() if a.respondent_id == rid]
    assert answer.held_text is None and answer.held_en is None
    looked.clear()
    assert "I told them the code [NUMBER?] again." in export_bytes(store, "csv").decode("utf-8-sig")
    assert looked == ["en"]


def test_redact_stored_sets_the_spans_back(store):
    ids = save(store)
    translate_pending(store, Fixed(ARABIC_EN))
    with store.session() as s:  # saved before a rule found the number: redaction today finds it
        s.execute(update(Answer).where(Answer.id == ids["en"]).values(text=SAID + " Ring 07700 900123."))
    stale = rows(store)[ids["en"]].held_text
    assert stale is not None and load(stale, SAID + " Ring 07700 900123.", "en") is None  # not this text's
    review.redact_stored(store, actor="admin")
    answer = rows(store)[ids["en"]]
    assert answer.text.endswith("Ring [PHONE].") and answer.held_text is None
    # the rules changed: every answer's spans are found again by the job, those of unchanged texts too
    assert all(a.held_text is None and a.held_en is None for a in rows(store).values())
    assert translate_pending(store, None).held > 0


def test_spans_that_are_not_the_texts_are_not_used(store, monkeypatch):
    """A text changed where nothing set its spans back (a bulk SQL update): their digest is another text's."""
    ids = save(store)
    translate_pending(store, Fixed(ARABIC_EN))
    moved = "Yes. " + SAID  # the same words, five characters on: the stored offsets would cut words in two
    with store.session() as s:
        s.execute(update(Answer).where(Answer.id == ids["en"]).values(text=moved, text_en=moved))
    csv = export_bytes(store, "csv").decode("utf-8-sig")
    # what holding the moved text finds for itself (whether "Biscuit" after "Yes." is still a doubt is the tagger's
    # call, which each round's training material moves); the stored offsets, five characters off, would differ
    fresh, moves = held.hold(moved, "en")
    misplaced = replace_spans(moved, [(a, b) for a, b, _ in find(SAID, "en")],
                                   [HELD[kind] for *_, kind in find(SAID, "en")])[0]
    assert moves and fresh != misplaced
    assert fresh in csv and misplaced not in csv


def test_load_takes_only_spans_found_in_this_text_that_fit_it():
    spans = find(SAID, "en")
    stored = dump(SAID, "en", spans)
    assert load(stored, SAID, "en") == spans and [SAID[a:b] for a, b, _ in spans] == WORDS
    assert load(stored, SAID + " ", "en") is None  # another text
    assert load(stored, SAID, "de") is None  # doubts looked for in another language
    value = json.loads(stored)
    for bad in ([[0, len(SAID) + 1, spans[0][2]]], [[5, 2, spans[0][2]]], [[0, 5, "capitalised word"]],
                [list(spans[1]), list(spans[0])], [[0, 5]]):  # too long, backwards, kept kind, unordered, no kind
        assert load(json.dumps({**value, "held": bad}), SAID, "en") is None, bad
    for bad in (None, "", "not json", "[]", '{"held": []}'):
        assert load(bad, SAID, "en") is None
    assert load(dump("", "en", []), "", "en") == []


def test_spans_found_by_other_rules_or_another_tagger_are_found_again(monkeypatch):
    from bot.anonymise import tagger

    spans = find(SAID, "en")
    stored = dump(SAID, "en", spans)
    assert load(stored, SAID, "en") == spans
    # new rules, word lists or training data (the tagger's fingerprint) may doubt other words: not these spans
    monkeypatch.setattr(tagger, "fingerprint", lambda: "rules of another day")
    assert load(stored, SAID, "en") is None


def test_the_job_leaves_the_spans_while_the_tagger_is_not_loaded(store, monkeypatch):
    ids = save(store)
    monkeypatch.setattr(held, "tagger_ready", lambda: False)
    counts = translate_pending(store, Fixed(ARABIC_EN))
    assert counts.translated == 1 and counts.held == 0
    assert all(a.held_text is None and a.held_en is None for a in rows(store).values())
    monkeypatch.undo()
    assert translate_pending(store, None).held == 4  # a later pass, the tagger loaded
    assert words(rows(store)[ids["ar"]].held_en, ARABIC_EN, "en") == ["Biscuit", "204511"]


def test_migration_0008_adds_and_drops_the_columns(store):
    def columns() -> set[str]:
        return {c["name"] for c in inspect(store.engine).get_columns("answers")}

    assert {"held_text", "held_en"} <= columns()
    save(store)
    schema.downgrade(store.engine, "0007")
    assert not {"held_text", "held_en"} & columns()
    schema.upgrade(store.engine)
    assert {"held_text", "held_en"} <= columns()
    assert all(a.held_text is None for a in rows(store).values())  # answers kept: their spans not found yet
