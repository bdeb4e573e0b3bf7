"""A person's English (bot.staff.coding_ops.set_english): typed by staff, redacted like anything typed, kept as
"translated by a person" through machine translation (bot.translate) and further redaction, and named in every
export (english_by: person / machine / original / none). Real SQLite and PostgreSQL; the translation service is
the LibreTranslate stub (the one external service tests may stand in for)."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import openpyxl
import pytest
from sqlalchemy import select

from bot.export import ExportFilter, export
from bot.staff import coding_ops, review
from bot.store.models import Answer
from bot.translate import LibreTranslate, translate_pending
from tests.libretranslate_stub import LibreTranslateStub

TIGRINYA = "ናብ ሓኪም ክኸይድ ኣይከኣልኩን ምኽንያቱ ቋንቋ"
POLISH = "Nie mogłem iść do lekarza, bo nie znałem języka"
PERSONS = "I could not go to the doctor because I did not know the language"


@pytest.fixture
def saved(store):
    rid = store.create_respondent("ti")
    store.save_answer(rid, "health.barriers", "ti", text=TIGRINYA)
    store.save_answer(rid, "health.solutions", "pl", text=POLISH)
    store.save_answer(rid, "housing.barriers", "en", text="The hostel was cold.")
    ids = {a.question_id: a.id for a in store.answers(rid)}
    return store, ids


def row(store, answer_id) -> Answer:
    with store.session() as s:
        return s.get(Answer, answer_id)


def test_a_persons_english_is_redacted_kept_and_audited(saved):
    store, ids = saved
    stored = coding_ops.set_english(store, ids["health.barriers"], PERSONS + " Call me on 07700 900123.",
                                    actor="the-staff")
    assert "07700 900123" not in stored and "[PHONE]" in stored
    answer = row(store, ids["health.barriers"])
    assert (answer.text_en, answer.translation_provider, answer.translation_status) == (stored, "person", "done")
    assert answer.text == TIGRINYA  # the original is untouched
    assert [(e.actor, e.action, e.row_count) for e in store.audit_log() if e.action.startswith("english")] == [
        ("the-staff", "english_person", 1)]
    assert coding_ops.answer(store, ids["health.barriers"]).english_by == "person"


def test_machine_translation_never_replaces_a_persons_english(saved):
    store, ids = saved
    coding_ops.set_english(store, ids["health.barriers"], PERSONS, actor="the-staff")
    with LibreTranslateStub() as stub:
        counts = translate_pending(store, LibreTranslate(stub.url))
    assert row(store, ids["health.barriers"]).text_en == PERSONS  # kept
    polish = row(store, ids["health.solutions"])
    assert polish.translation_provider == "libretranslate" and polish.text_en.startswith("EN(pl)")
    assert counts.translated == 1  # only the Polish answer went to the service
    assert all(TIGRINYA not in r["q"] for r in stub.received)


def test_a_persons_english_given_while_the_machine_works_is_kept(saved, monkeypatch):
    """The race: the job read the answer as pending; a person saves its English before the job writes its own."""
    store, ids = saved

    class Slow:
        name = "machine"

        def translate(self, text, source):
            coding_ops.set_english(store, ids["health.solutions"], PERSONS, actor="the-staff")
            return "a machine's English"

    translate_pending(store, Slow())
    assert row(store, ids["health.solutions"]).text_en == PERSONS


def test_a_person_corrects_a_machines_english_and_can_take_theirs_away(saved):
    store, ids = saved
    with LibreTranslateStub() as stub:
        translate_pending(store, LibreTranslate(stub.url))
    assert coding_ops.answer(store, ids["health.solutions"]).english_by == "machine"
    coding_ops.set_english(store, ids["health.solutions"], PERSONS, actor="the-staff")
    assert coding_ops.answer(store, ids["health.solutions"]).english_by == "person"
    assert coding_ops.set_english(store, ids["health.solutions"], "   ", actor="the-staff") == ""
    answer = row(store, ids["health.solutions"])
    assert (answer.text_en, answer.translation_status, answer.translation_provider) == (None, "pending", None)
    with pytest.raises(coding_ops.CodingError):  # nothing of a person's to take away now
        coding_ops.set_english(store, ids["health.solutions"], "", actor="the-staff")
    with pytest.raises(coding_ops.CodingError):
        coding_ops.set_english(store, ids["health.solutions"], "x" * (coding_ops.MAX_ENGLISH + 1), actor="a")
    assert row(store, ids["health.solutions"]).text_en is None  # a refused change changes nothing


def test_redacting_further_takes_the_same_words_out_of_a_persons_english(saved):
    store, ids = saved
    rid = store.create_respondent("pl")
    store.save_answer(rid, "nrm.barriers", "pl", text="Pracowałem dla Wardrobe w fabryce")
    (aid,) = [a.id for a in store.answers(rid)]
    coding_ops.set_english(store, aid, "I worked for Wardrobe in a factory", actor="the-staff")
    review.redact_words(store, aid, "Wardrobe", actor="the-staff", seen=review.version(row(store, aid).text))
    answer = row(store, aid)
    assert "Wardrobe" not in answer.text and "Wardrobe" not in answer.text_en
    assert answer.text_en == "I worked for [REDACTED] in a factory" and answer.translation_provider == "person"


def test_exports_say_whose_english_it_is(saved, tmp_path):
    store, ids = saved
    coding_ops.set_english(store, ids["health.barriers"], PERSONS, actor="the-staff")
    with LibreTranslateStub() as stub:
        translate_pending(store, LibreTranslate(stub.url))
    expected = {"health.barriers": "person", "health.solutions": "machine", "housing.barriers": "original"}

    out = io.BytesIO()
    export(store, "csv", out, ExportFilter(), actor="t")
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8-sig"))))
    assert {r["question_id"]: r["english_by"] for r in rows if r["text"]} == expected
    assert next(r for r in rows if r["question_id"] == "health.barriers")["text_en"] == PERSONS

    out = io.BytesIO()
    export(store, "json", out, ExportFilter(), actor="t")
    data = json.loads(out.getvalue())
    answers = [a for r in data["respondents"] for a in r["answers"]] if "respondents" in data else data["answers"]
    assert {a["question_id"]: a["english_by"] for a in answers if a.get("text")} == expected

    out = io.BytesIO()
    export(store, "xlsx", out, ExportFilter(), actor="t")
    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue()), read_only=True).worksheets[0]
    table = list(sheet.iter_rows(values_only=True))
    at, q = table[0].index("english_by"), table[0].index("question_id")
    assert {r[q]: r[at] for r in table[1:] if r[q] in expected} == expected

    out = io.BytesIO()
    export(store, "qdpx", out, ExportFilter(), actor="t")
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as archive:
        texts = "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist()
                          if n.endswith((".txt", ".qde")))
    assert f"English (translated by a person): {PERSONS}" in texts
    assert "English (machine translation): EN(pl)" in texts


def test_choice_answers_take_no_english(saved):
    store, _ = saved
    rid = store.create_respondent("ti")
    store.save_answer(rid, "profile.uk_nation", "ti", choice="wales")
    with store.session() as s:
        aid = s.execute(select(Answer.id).where(Answer.respondent_id == rid)).scalar_one()
    with pytest.raises(coding_ops.CodingError):
        coding_ops.set_english(store, aid, "Wales", actor="the-staff")
