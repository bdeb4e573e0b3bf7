"""Exports hold back what redaction was unsure of until a person reviews the answer (bot/export/held.py).

On a real SQLite store: an answer that waits for review with a possible name, a long number and a handle
(sentences invented here) is exported in every format with [NAME?], [NUMBER?] and [HANDLE?] in their place,
in its English and in its transcript line too; coded spans still cover the same words; a capitalised word
mid-sentence is kept; after mark_reviewed the words are exported as stored. The audit entry and the command
say how many words were held. A name the learned tagger overruled is held too, and an export loads the tagger.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile

import openpyxl
import pytest
from lxml import etree
from sqlalchemy import update

from bot.anonymise import tagger
from bot.anonymise.uncertain import CAPITALISED, HANDLE, LONG_NUMBER, POSSIBLE_NAME, doubts
from bot.cli import commands as cli
from bot.export import FORMATS, ExportFilter, export
from bot.export.held import HELD, hold
from bot.staff import review
from bot.staff.review import move_offset, replace_spans
from bot.store import Store, get_store
from bot.store.models import Answer
from tests.export_helpers import every_export, export_bytes

# invented: "Biscuit" opening a sentence is a word the name rules decline but cannot call safe, and the tagger
# half-believes (a doubt, not a name: round 15's tagger no longer half-believes round 14's "Bliss"); "Quarrybank"
# in the middle of a sentence is only a capitalised word (mostly a place: kept); the numbers have six digits
# (from round 15 seven or more in a run are redacted, not held)
SAID = ("Biscuit came to the farm at night; the code was 553219. I told @velk_runner nothing. "
        "We worked in the Quarrybank depot.")
HELD_SAID = ("[NAME?] came to the farm at night; the code was [NUMBER?]. I told [HANDLE?] nothing. "
             "We worked in the Quarrybank depot.")
ARABIC = "الرقم كان 204511"
ARABIC_EN = "Biscuit came to the farm at night; we paid 204511 to the agent."
SECRETS = ("Biscuit", "553219", "204511", "@velk_runner", "velk_runner")
CODED = ("the farm at night", "nothing", "Biscuit came")  # staff codings on SAID: after and over held words
HELD_CODED = ("the farm at night", "nothing", "[NAME?] came")
NS = {"q": "urn:QDA-XML:project:1.0"}


class Planted:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.english = store.create_respondent("en")
        store.save_answer(self.english, "health.barriers", "en", text=SAID)
        self.arabic = store.create_respondent("ar")
        store.save_answer(self.arabic, "health.barriers", "ar", text=ARABIC)
        self.english_id = store.answers(self.english)[0].id
        self.arabic_id = store.answers(self.arabic)[0].id
        with store.session() as s:
            s.execute(update(Answer).where(Answer.id == self.english_id)
                      .values(text_en=SAID, translation_status="not_needed"))
            s.execute(update(Answer).where(Answer.id == self.arabic_id)
                      .values(text_en=ARABIC_EN, translation_status="done", translation_provider="machine"))
        for piece, code in zip(CODED, ("health.mental_health", "health.interpreters", "health.gp_registration")):
            start = SAID.index(piece)
            store.add_staff_coding(self.english_id, code, "analyst-1", span=(start, start + len(piece)))
        store.add_transcript_message("chat-e", "bot", text_key="q.health.barriers", language="en",
                                     respondent_id=self.english)
        store.add_transcript_message("chat-e", "person", text=SAID, language="en", respondent_id=self.english)
        store.add_transcript_message("chat-a", "person", text=ARABIC, language="ar", respondent_id=self.arabic)

    def mark_reviewed(self) -> None:
        for answer_id in (self.english_id, self.arabic_id):
            assert review.mark_reviewed(self.store, answer_id, actor="analyst-1")


@pytest.fixture
def planted(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'held.db'}")
    yield Planted(store)
    store.engine.dispose()


def test_the_planted_answers_wait_for_review_with_the_doubts_this_test_is_about(planted):
    found = [(d.kind, SAID[d.start:d.end]) for d in doubts(SAID, "en")]
    assert found == [(POSSIBLE_NAME, "Biscuit"), (LONG_NUMBER, "553219"), (HANDLE, "@velk_runner"),
                     (CAPITALISED, "Quarrybank")]
    with planted.store.session() as s:
        rows = {a.id: a for a in s.query(Answer)}
        assert rows[planted.english_id].text == SAID and rows[planted.arabic_id].text == ARABIC  # redaction kept them
        assert {rows[i].review_status for i in (planted.english_id, planted.arabic_id)} == {"needs_review"}


def test_hold_replaces_names_numbers_and_handles_and_keeps_capitalised_words():
    text, moves = hold(SAID, "en")
    assert text == HELD_SAID and len(moves) == 3
    for piece, held_piece in zip(CODED, HELD_CODED):  # offsets move with the text
        start = SAID.index(piece)
        a, b = move_offset(start, moves, is_end=False), move_offset(start + len(piece), moves, is_end=True)
        assert text[a:b] == held_piece
    assert hold("Nothing to hold here.", "en") == ("Nothing to hold here.", [])
    assert set(HELD.values()) == {"[NAME?]", "[NUMBER?]", "[HANDLE?]"}
    # review's own use is unchanged: one placeholder for every span
    assert replace_spans("ab cd ef", [(0, 2), (6, 8)])[0] == "[REDACTED] cd [REDACTED]"


def test_every_format_holds_the_doubtful_words_until_a_person_reviews(planted):
    exports = every_export(planted.store)
    for fmt, data in exports.items():
        for secret in SECRETS:
            assert secret.encode() not in data, (fmt, secret)
        assert b"Quarrybank" in data, fmt  # a capitalised word is kept
    for fmt in ("csv", "qdpx", "transcripts"):  # plain text in these (XLSX and JSON escape or share strings)
        assert HELD_SAID.encode() in exports[fmt], fmt
        assert b"[NAME?] came to the farm at night; we paid [NUMBER?] to the agent." in exports[fmt], fmt
    assert "الرقم كان [NUMBER?]".encode() in exports["csv"]

    planted.mark_reviewed()  # the person decided: the words as stored
    exports = every_export(planted.store)
    for fmt, data in exports.items():
        assert b"[NAME?]" not in data.replace(b"[NAME?], [NUMBER?] and [HANDLE?] stand for", b""), fmt
        for secret in ("Biscuit", "553219", "204511", "@velk_runner"):
            assert secret.encode() in data, (fmt, secret)


def read_csv(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_tabular_exports_hold_the_text_and_its_english_and_codings_cover_the_same_words(planted):
    rows = {r["answer_language"]: r for r in read_csv(export_bytes(planted.store, "csv"))}
    assert rows["en"]["text"] == HELD_SAID and rows["en"]["text_en"] == HELD_SAID
    assert "204511" not in rows["ar"]["text"] + rows["ar"]["text_en"]
    assert "[NUMBER?]" in rows["ar"]["text"] and rows["ar"]["text_en"].startswith("[NAME?] came to the farm")

    book = openpyxl.load_workbook(io.BytesIO(export_bytes(planted.store, "xlsx")), read_only=True)
    sheet = list(book["answers"].iter_rows(values_only=True))
    head = list(sheet[0])
    assert HELD_SAID in [r[head.index("text")] for r in sheet[1:]]

    doc = json.loads(export_bytes(planted.store, "json"))
    [english] = [a for a in doc["answers"] if a["answer_language"] == "en"]
    assert english["text"] == HELD_SAID and english["text_en"] == HELD_SAID
    covered = {english["text"][c["start"]:c["end"]] for c in english["codings"] if c["source"] == "staff"}
    assert covered == set(HELD_CODED)
    for c in english["codings"]:  # every span (suggested ones too) still fits the text it is on
        assert c["start"] is None or 0 <= c["start"] < c["end"] <= len(english["text"])
    assert "[NAME?]" in doc["export"]["held_back"]


def test_qdpx_selections_cover_the_same_words_in_the_held_text(planted):
    with zipfile.ZipFile(io.BytesIO(export_bytes(planted.store, "qdpx"))) as archive:
        root = etree.fromstring(archive.read("project.qde"))
        sources = {n[len("Sources/"):]: archive.read(n).decode() for n in archive.namelist()
                   if n.startswith("Sources/")}
    selected = set()
    for source in root.iterfind(".//q:Sources/q:TextSource", NS):
        body = sources[f"{source.get('guid')}.txt"]
        for selection in source.iterfind("q:PlainTextSelection", NS):
            selected.add(body[int(selection.get("startPosition")):int(selection.get("endPosition"))])
    assert set(HELD_CODED) <= selected and HELD_SAID in selected  # spans, and the whole answer
    assert not any("Biscuit" in s or "553219" in s for s in selected)
    assert "words held back in this project: 6" in root.findtext("q:Description", namespaces=NS)


def test_transcript_lines_that_are_the_answer_are_held_in_both_languages(planted):
    with zipfile.ZipFile(io.BytesIO(export_bytes(planted.store, "transcripts"))) as archive:
        documents = [archive.read(n).decode() for n in sorted(archive.namelist())]
    text = "\n".join(documents)
    assert f"Person: {HELD_SAID}" in text
    assert "Person: الرقم كان [NUMBER?]" in text
    assert "Person: [NAME?] came to the farm at night; we paid [NUMBER?] to the agent. (machine translation)" in text


def test_the_audit_entry_and_the_command_say_how_many_words_were_held(planted, tmp_path, monkeypatch, capsys):
    for fmt in FORMATS:
        written = export(planted.store, fmt, io.BytesIO(), actor="analyst-2")
        # the English answer: Biscuit, the number, the handle (its English is its text); the Arabic one: its
        # number, and Biscuit and the number of its English
        assert written.held == 6, fmt
        assert planted.store.audit_log()[-1].detail == f"format={fmt}; held=6; filters=none"
    assert export(planted.store, "csv", io.BytesIO(), ExportFilter(language="ar")).held == 3

    monkeypatch.setenv("DATABASE_URL", planted.store.url)
    get_store.cache_clear()
    try:
        assert cli.main(["export", "--format", "csv", "--out", str(tmp_path / "a.csv")]) == 0
        assert "Held back 6 words of answers still waiting for a redaction review" in capsys.readouterr().out
        planted.mark_reviewed()
        assert cli.main(["export", "--format", "csv", "--out", str(tmp_path / "b.csv")]) == 0
        assert "No words were held back" in capsys.readouterr().out
        assert planted.store.audit_log()[-1].detail == "format=csv; held=0; filters=none"
    finally:
        get_store.cache_clear()


class Sure:
    """A tagger that gives every word the same P(name)."""

    def __init__(self, p: float) -> None:
        self.p = p

    def probabilities(self, xseq):
        return [self.p] * len(xseq)


def overruling(monkeypatch) -> None:
    """A deployment that lets the tagger overrule the rules' names (tagger.VETO; 0, never, from round 14),
    with a tagger sure of nothing: every name of the rules is overruled, kept in the stored text for review."""
    monkeypatch.setattr(tagger, "get_tagger", lambda wait=True: Sure(0.01))
    monkeypatch.setattr(tagger, "VETO", 0.02)
    tagger._last.entry = None


def test_a_name_the_tagger_overruled_is_held(tmp_path, monkeypatch):
    """Redaction keeps a name of the rules the tagger overrules and sends the answer to review: the export
    holds it (the tagger's doubts are only found with the tagger loaded)."""
    text = "Arben came with me to the council"
    overruling(monkeypatch)
    store = Store(f"sqlite:///{tmp_path / 'veto.db'}")
    try:
        store.save_answer(store.create_respondent("en"), "health.barriers", "en", text=text)
        tagger._last.entry = None
        data = every_export(store)
        for fmt, body in data.items():
            assert b"Arben" not in body, fmt
        assert b"[NAME?] came with me to the council" in data["csv"]
    finally:
        tagger._last.entry = None
        store.engine.dispose()


def test_an_export_loads_the_tagger_before_it_holds(planted):
    tagger.reset()
    assert not tagger.ready()
    try:
        assert b"Biscuit" not in export_bytes(planted.store, "csv")
        assert tagger.ready()
    finally:
        tagger.get_tagger(wait=True)


def test_coding_done_elsewhere_on_held_words_comes_back_onto_the_stored_words(planted, tmp_path):
    """import-coding: the analysts coded the .qdpx with the words held; the coding lands on the stored words,
    also after the answer was reviewed, and in a document the tool re-keyed (QualCoder)."""
    from bot.export.qdpx import code_guid
    from bot.importers.coding import import_coding
    from tests.test_import_coding import coded_elsewhere

    exported = export_bytes(planted.store, "qdpx")
    first = "came to the farm at night; the code was"  # after [NAME?]: in the English answer's document only
    chosen = [("[NAME?] " + first, code_guid("health.trust_and_respect"), None),
              ("the code was [NUMBER?]. I told [HANDLE?] nothing", code_guid("health.dental_care"), None)]
    wanted = {(planted.english_id, "health.trust_and_respect", (0, len("Biscuit " + first))),
              (planted.english_id, "health.dental_care",
               (SAID.index("the code"), SAID.index("nothing") + len("nothing")))}
    for reviewed in (False, True):  # while the answers wait, and after a person has reviewed them
        if reviewed:
            planted.mark_reviewed()
        for rekey in (False, True):
            path = tmp_path / f"coded-{rekey}.qdpx"
            path.write_bytes(coded_elsewhere(exported, chosen, rekey=rekey))
            report = import_coding(planted.store, path)
            got = {(p.answer_id, p.code, p.span) for p in [*report.add, *report.confirm]}
            assert got == wanted, (reviewed, rekey)
            assert not report.unplaced
            assert {SAID[slice(*span)] for *_, span in got} == {"Biscuit " + first,
                                                                 "the code was 553219. I told @velk_runner nothing"}
            assert "Biscuit" not in "\n".join(report.lines())  # the report shows the words as exported
