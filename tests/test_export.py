"""Exports of the coded dataset (bot.export) on real SQLite and real PostgreSQL: CSV, XLSX, JSON, REFI-QDA
.qdpx and chat transcripts; filters, formula-injection neutralising, the audit entry, the CLI, and that no
export holds a withdrawal hash, a source hash, a session id, a stored respondent id or a time of day.

One small dataset per database (module scope): chat respondents in English, Arabic and Tigrinya and one
written response, with staff codings on spans, a rejected suggestion, and transcripts.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import secrets
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest
from lxml import etree
from sqlalchemy import create_engine, select, text, update

from bot.cli import commands as cli
from bot.conversation import i18n
from bot.export import FORMATS, ExportError, ExportFilter, export, suggested_filename
from bot.export.qdpx import CASES_CATEGORY, unify_newlines
from bot.export.tabular import COLUMNS, neutralise
from bot.staff import review
from bot.store import Store, get_store
from bot.store.models import Answer, Code, Coding, Respondent, TranscriptMessage
from bot.store.schema import drop_all
from bot.store.store import WrittenAnswer, WrittenResponse
from tests.export_helpers import every_export, export_bytes

XSD = Path(__file__).parent / "data" / "refi-qda" / "Project-mrt2019.xsd"
NS = {"q": "urn:QDA-XML:project:1.0"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

GP = "I could not register with a GP and had no interpreter."
FORMULA = '=HYPERLINK("http://evil.example/x","click") the police did not believe me'
CRLF = "-5 pounds a week is not enough.\r\nI had no home and no food."
ARABIC = "لم أستطع التسجيل عند الطبيب ولم يكن هناك مترجم"
ARABIC_EN = "I could not register with the doctor and there was no interpreter."
TIGRINYA = "ሓኪም ክረክብ ኣይከኣልኩን። ተርጓሚ ኣየድልየኒ።"
WRITTEN = {
    "health.barriers": "+44 numbers are not free to call. Survivors cannot register with a GP.",
    "civil.barriers": "@Legal aid is hard to find for survivors.",
    "nrm.barriers": "\tDecisions take years and nobody explains the letters.",
}


@dataclass
class Dataset:
    store: Store
    answers: dict[str, dict] = field(default_factory=dict)  # label -> {id, text, question_id, ...}
    hidden: list[str] = field(default_factory=list)  # values no export may hold
    staff_spans: dict[str, tuple[str, str]] = field(default_factory=dict)  # label -> (code id, selected text)
    rejected: tuple[str, str] = ("", "")  # (answer label, code id)


def _answer(store: Store, rid: str, question_id: str) -> Answer:
    return next(a for a in store.answers(rid) if a.question_id == question_id)


def fill(store: Store) -> Dataset:
    data = Dataset(store)
    a = store.create_respondent("en")
    store.update_respondent(a, nation="scotland", assisted="support_worker_beside", completed=True)
    store.save_answer(a, "profile.uk_nation", "en", choice="scotland")
    for question_id, value in (("health.barriers", GP), ("criminal.barriers", FORMULA), ("housing.barriers", CRLF)):
        store.save_answer(a, question_id, "en", text=value)
    b = store.create_respondent("ar")
    store.update_respondent(b, nation="england", assisted="none", completed=True)
    store.save_answer(b, "health.barriers", "ar", text=ARABIC)
    c = store.create_respondent("ti")
    store.update_respondent(c, nation="wales")
    store.save_answer(c, "health.solutions", "ti", text=TIGRINYA)
    [w], _, _ = store.import_written(
        [WrittenResponse([WrittenAnswer(q, t) for q, t in WRITTEN.items()], nation="england")],
        actor="test", detail="test")
    code = store.issue_withdrawal_code(a)

    labels = {"gp": (a, "health.barriers"), "formula": (a, "criminal.barriers"), "crlf": (a, "housing.barriers"),
              "nation": (a, "profile.uk_nation"), "arabic": (b, "health.barriers"),
              "tigrinya": (c, "health.solutions"), **{f"written:{q}": (w, q) for q in WRITTEN}}
    for label, (rid, question_id) in labels.items():
        row = _answer(store, rid, question_id)
        data.answers[label] = {"id": row.id, "text": row.text, "choice": row.choice, "question_id": question_id,
                               "respondent": rid}
    # "@Legal" looks like a social media handle, so that answer waits for review and an export would hold it
    # ([HANDLE?]); a person has looked: it is not one (the formula tests need the "@" as it is stored)
    review.mark_reviewed(store, data.answers["written:civil.barriers"]["id"], actor="analyst-1")
    with store.session() as s:
        s.execute(update(Answer).where(Answer.id == data.answers["arabic"]["id"])
                  .values(text_en=ARABIC_EN, translation_status="done"))
        # staff rejected the suggestion "interpreters" on the GP answer: it must not be exported
        s.execute(update(Coding).where(Coding.answer_id == data.answers["gp"]["id"],
                                       Coding.code_id == "health.interpreters").values(status="rejected"))
    data.rejected = ("gp", "health.interpreters")

    def staff(label: str, code_id: str, piece: str) -> None:
        body = data.answers[label]["text"]
        start = body.index(piece)
        store.add_staff_coding(data.answers[label]["id"], code_id, "analyst-1", span=(start, start + len(piece)))
        data.staff_spans[label] = (code_id, piece)

    staff("formula", "criminal.police", "police did not believe me")
    staff("arabic", "health.mental_health", "الطبيب")
    staff("crlf", "housing.subsistence", "I had no home")  # after the \r\n: the offset shifts by one in the source

    store.add_transcript_message("chat-a", "bot", text_key="welcome.text", language="en")
    store.add_transcript_message("chat-a", "person", text="English", language="en")
    store.attach_transcript("chat-a", a)
    store.add_transcript_message("chat-a", "bot", text_key="q.health.barriers", language="en", respondent_id=a)
    store.add_transcript_message("chat-a", "person", text=GP, language="en", respondent_id=a)
    store.add_transcript_message("chat-b", "bot", text_key="welcome.text", language="ar", respondent_id=b)
    store.add_transcript_message("chat-b", "person", text=ARABIC, language="ar", respondent_id=b)
    store.add_transcript_message("chat-left", "bot", text_key="welcome.text", language="en")  # left before answering

    with store.session() as s:
        people = s.execute(select(Respondent.id, Respondent.withdrawal_hash, Respondent.source_hash)).all()
        sessions = set(s.execute(select(TranscriptMessage.session_id)).scalars())
    data.hidden = [v for row in people for v in row if v] + sorted(sessions) + [code, code.replace("-", "")]
    data.hidden += ["chat-a", "chat-b", "chat-left", "analyst-1"]
    return data


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def dataset(request, tmp_path_factory):
    if request.param == "sqlite":
        store = Store(f"sqlite:///{tmp_path_factory.mktemp('export') / 'export.db'}")
        yield fill(store)
        store.engine.dispose()
        return
    admin_url = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    name = "imsa_test_export_" + secrets.token_hex(4)
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", future=True)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    store = Store(admin_url.rsplit("/", 1)[0] + "/" + name)
    try:
        yield fill(store)
    finally:
        drop_all(store.engine)
        store.engine.dispose()
        with admin.connect() as connection:  # the CLI tests' own Store may still hold a connection
            connection.execute(text(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"))
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


def flat(value: object) -> str:
    """An XLSX cell as the CSV writes it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def read_csv(data: bytes) -> list[dict]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM, so Excel reads non-Latin scripts"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def by_text(rows: list[dict]) -> dict[str, dict]:
    return {r["text"] or r["choice"]: r for r in rows}


# --- CSV -------------------------------------------------------------------------------------------------
def test_csv_has_one_row_per_answer_with_attributes_codes_and_neutralised_cells(dataset):
    rows = read_csv(export_bytes(dataset.store, "csv"))
    assert list(rows[0]) == list(COLUMNS)
    assert len(rows) == len(dataset.answers)
    assert sorted({r["respondent"] for r in rows}) == ["1", "2", "3", "4"]
    texts = by_text(rows)
    gp = texts[dataset.answers["gp"]["text"]]
    assert (gp["channel"], gp["nation"], gp["assisted"], gp["completed"]) == (
        "chatbot", "scotland", "support_worker_beside", "true")
    assert re.fullmatch(r"\d{4}-\d{2}", gp["created_month"])
    assert gp["question"].startswith("What are the key barriers") and gp["kind"] == "barriers"
    codes = gp["codes"].split("; ")
    assert {"health", "health.barriers", "health.gp_registration"} <= set(codes)
    assert dataset.rejected[1] not in codes  # rejected by staff
    arabic = texts[dataset.answers["arabic"]["text"]]
    assert ARABIC in arabic["text"] and arabic["text_en"] == ARABIC_EN and arabic["translation_status"] == "done"
    assert arabic["chat_texts_draft"] == "true" and gp["chat_texts_draft"] == "false"
    assert "health.mental_health" in arabic["codes"].split("; ")  # the staff coding
    assert TIGRINYA in texts[dataset.answers["tigrinya"]["text"]]["text"]
    written = [r for r in rows if r["channel"] == "written"]
    assert len(written) == 3 and {r["respondent_type"] for r in written} == {"organisation"}
    assert written[0]["chat_texts_draft"] == ""
    # formula injection: every risky cell starts with a single quote now
    for r in rows:
        for value in r.values():
            assert not value.startswith(FORMULA_STARTS), value
    stored_formula = dataset.answers["formula"]["text"]
    assert "'" + stored_formula in {r["text"] for r in rows}
    for q, value in WRITTEN.items():
        assert any(r["text"] == "'" + dataset.answers[f"written:{q}"]["text"] for r in rows), value


def test_neutralise_follows_owasp():
    for risky in ("=1+2", "+44", "-5", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(risky) == "'" + risky
    for safe in ("hello", "", "1", " =x", "'=x"):
        assert neutralise(safe) == safe
    assert neutralise(5) == 5 and neutralise(None) is None


# --- XLSX ------------------------------------------------------------------------------------------------
def test_xlsx_reads_back_with_the_same_rows_as_the_csv_and_no_formulas(dataset):
    data = export_bytes(dataset.store, "xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["answers", "codebook", "about"]
    sheet = book["answers"]
    values = [[flat(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    assert tuple(values[0]) == COLUMNS
    csv_rows = [list(r.values()) for r in read_csv(export_bytes(dataset.store, "csv"))]
    assert [[v.replace("\r\n", "\n") for v in row] for row in values[1:]] == \
        [[v.replace("\r\n", "\n") for v in row] for row in csv_rows]
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
            assert not (isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS))
    codebook = [r[0] for r in book["codebook"].iter_rows(min_row=2, values_only=True)]
    assert "health.gp_registration" in codebook
    about = {r[0]: r[2] for r in book["about"].iter_rows(values_only=True) if r and r[0] in ("ar", "en")}
    assert about == {"ar": True, "en": False}


# --- JSON ------------------------------------------------------------------------------------------------
def test_json_holds_the_rows_the_codebook_and_the_draft_marker(dataset):
    doc = json.loads(export_bytes(dataset.store, "json"))
    assert set(doc) == {"export", "languages", "codebook", "answers"}
    assert len(doc["answers"]) == len(dataset.answers)
    assert {c["id"] for c in doc["codebook"]} >= {"health", "health.barriers", "criminal.police"}
    assert {lang["code"]: lang["chat_texts_draft"] for lang in doc["languages"]}["ti"] is True
    formula = next(a for a in doc["answers"] if a["question_id"] == "criminal.barriers")
    assert formula["text"] == dataset.answers["formula"]["text"]  # data, not a spreadsheet: kept exactly
    police = next(c for c in formula["codings"] if c["code"] == "criminal.police")
    assert formula["text"][police["start"]:police["end"]] == "police did not believe me"
    assert police["source"] == "staff"
    gp = next(a for a in doc["answers"] if a["question_id"] == "health.barriers" and a["answer_language"] == "en"
              and a["channel"] == "chatbot")
    assert dataset.rejected[1] not in gp["codes"] and isinstance(gp["completed"], bool)


# --- REFI-QDA --------------------------------------------------------------------------------------------
def read_qdpx(data: bytes) -> tuple[etree._Element, dict[str, str]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert "project.qde" in names
        sources = {}
        for name in names:
            if name.startswith("Sources/"):
                raw = archive.read(name)
                assert b"\r" not in raw
                sources[name[len("Sources/"):]] = raw.decode("utf-8")
        qde = archive.read("project.qde")
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    root = etree.fromstring(qde)
    schema.assertValid(root)
    return root, sources


def test_qdpx_validates_against_the_refi_qda_schema_and_every_coding_selects_its_text(dataset):
    root, sources = read_qdpx(export_bytes(dataset.store, "qdpx"))
    codes = {c.get("guid"): c for c in root.iterfind(".//q:CodeBook//q:Code", NS)
             if c.get("name") != CASES_CATEGORY and c.getparent().get("name") != CASES_CATEGORY}
    code_ids = {guid: c.findtext("q:Description", namespaces=NS).split(";")[0].removeprefix("id: ")
                for guid, c in codes.items()}
    health = next(c for c in codes.values() if code_ids[c.get("guid")] == "health")
    assert {code_ids[c.get("guid")] for c in health.iterfind("q:Code", NS)} >= {"health.barriers",
                                                                               "health.gp_registration"}
    text_sources = root.findall(".//q:Sources/q:TextSource", NS)
    assert len(text_sources) == 4
    cases = root.findall(".//q:Cases/q:Case", NS)
    assert len(cases) == 4
    source_guids = {s.get("guid") for s in text_sources}
    assert {c.find("q:SourceRef", NS).get("targetGUID") for c in cases} == source_guids
    variables = {v.get("guid"): v.get("name") for v in root.iterfind(".//q:Variables/q:Variable", NS)}
    for case in cases:
        values = {variables[v.find("q:VariableRef", NS).get("targetGUID")]
                  for v in case.iterfind("q:VariableValue", NS)}
        assert {"Channel", "Respondent type", "Language", "Month"} <= values
    assert b"DateTimeValue" not in etree.tostring(root)  # no variable holds a time

    selected: dict[str, set[str]] = {}  # code id -> every text it selects
    for source in text_sources:
        body = sources[f"{source.get('guid')}.txt"]
        assert source.get("plainTextPath") == f"internal://{source.get('guid')}.txt"
        for selection in source.iterfind("q:PlainTextSelection", NS):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            assert 0 <= start < end <= len(body)
            for coding in selection.iterfind("q:Coding", NS):
                if coding.find("q:CodeRef", NS).get("targetGUID") not in code_ids:
                    continue  # the respondent's case code
                code_id = code_ids[coding.find("q:CodeRef", NS).get("targetGUID")]
                selected.setdefault(code_id, set()).add(body[start:end])
    for label, answer in dataset.answers.items():  # structural codes select the whole answer
        whole = unify_newlines(answer["text"] or answer["choice"])[0]
        assert whole in selected[answer["question_id"].split(".")[0]], label
    for label, (code_id, piece) in dataset.staff_spans.items():  # staff spans select exactly their words
        assert piece in selected[code_id], label
    gp_text = dataset.answers["gp"]["text"]
    assert gp_text[gp_text.index("register"):].startswith(next(
        t for t in selected["health.gp_registration"] if t.lower().startswith("register")))
    assert gp_text not in selected.get(dataset.rejected[1], set())  # the rejected suggestion is not there
    assert any(ARABIC in body for body in sources.values()) and any(TIGRINYA in body for body in sources.values())
    assert any(ARABIC_EN in body for body in sources.values())


def test_an_empty_qdpx_still_validates(dataset):
    root, sources = read_qdpx(export_bytes(dataset.store, "qdpx", ExportFilter(nation="northern_ireland")))
    assert sources == {} and root.find("q:CodeBook", NS) is not None


def test_unify_newlines_maps_offsets():
    text, where = unify_newlines("ab\r\ncd\ref")
    assert text == "ab\ncd\nef"
    assert text[where[4]:where[6]] == "cd" and text[where[7]:where[9]] == "ef"
    assert unify_newlines("plain") == ("plain", None)


# --- transcripts -----------------------------------------------------------------------------------------
def transcripts(store: Store, filters: ExportFilter = ExportFilter()) -> list[str]:
    data = export_bytes(store, "transcripts", filters)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [archive.read(name).decode("utf-8") for name in sorted(archive.namelist())]


def test_transcripts_one_document_per_chat_in_order_with_english(dataset):
    documents = transcripts(dataset.store)
    assert len(documents) == 3
    english = next(d for d in documents if "Person: English" in d)
    lines = english.splitlines()
    order = [lines.index("Bot: " + i18n.text("en", "welcome.text")), lines.index("Person: English"),
             lines.index("Bot: " + i18n.text("en", "q.health.barriers")), lines.index("Person: " + GP)]
    assert order == sorted(order)
    assert "--- In English ---" not in english  # already English
    arabic = next(d for d in documents if ARABIC in d)
    assert "Bot: " + i18n.text("ar", "welcome.text") in arabic
    original, translated = arabic.split("--- In English ---")
    assert "Person: " + ARABIC in original and "Person: " + ARABIC_EN in translated
    assert "Bot: " + i18n.text("en", "welcome.text") in translated
    assert "draft translations" in arabic
    # the respondent number is the one the answer exports give the same person
    number = re.search(r"^Respondent: (\d+)", arabic, re.MULTILINE).group(1)
    rows = read_csv(export_bytes(dataset.store, "csv"))
    assert {r["respondent"] for r in rows if r["text"] == dataset.answers["arabic"]["text"]} == {number}
    assert sum("Respondent: none" in d for d in documents) == 1  # the chat that ended before any answer


def test_transcripts_follow_the_filters(dataset):
    [arabic] = transcripts(dataset.store, ExportFilter(language="ar"))
    assert ARABIC in arabic
    [english] = transcripts(dataset.store, ExportFilter(theme="criminal"))
    assert "Person: " + GP in english
    assert transcripts(dataset.store, ExportFilter(channel="written")) == []  # written responses have none


# --- anonymity -------------------------------------------------------------------------------------------
def test_no_export_holds_a_hash_an_id_a_session_or_a_time(dataset):
    exports = every_export(dataset.store)
    assert set(exports) == set(FORMATS)
    for fmt, data in exports.items():
        folded = data.lower()
        for value in dataset.hidden:
            assert value.lower().encode() not in folded, (fmt, value)
        times = re.findall(rb"\d{4}-\d{2}-\d{2}[T ](\d{2}:\d{2}(?::\d{2})?)", data)
        assert set(times) <= {b"00:00:00"}, fmt  # a date with a time of day (the xlsx says midnight of its day)
    with zipfile.ZipFile(io.BytesIO(export_bytes(dataset.store, "qdpx"))) as archive:
        assert {info.date_time[3:] for info in archive.infolist()} == {(0, 0, 0)}  # the day only


# --- filters ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("filters, expected", [
    (ExportFilter(theme="health"), {"gp", "arabic", "tigrinya", "written:health.barriers"}),
    (ExportFilter(question="health.barriers"), {"gp", "arabic", "written:health.barriers"}),
    (ExportFilter(channel="written"), {"written:health.barriers", "written:civil.barriers", "written:nrm.barriers"}),
    (ExportFilter(language="ar"), {"arabic"}),
    (ExportFilter(nation="wales"), {"tigrinya"}),
    (ExportFilter(assisted=True), {"gp", "formula", "crlf", "nation"}),
    (ExportFilter(assisted=False, channel="chatbot"), {"arabic", "tigrinya"}),
    (ExportFilter(code="criminal.police"), {"formula"}),
    (ExportFilter(code="housing"), {"crlf"}),  # a theme code: the answers coded with it or any code under it
    (ExportFilter(theme="health", channel="chatbot", language="en"), {"gp"}),
])
def test_filters_choose_the_answers(dataset, filters, expected):
    rows = json.loads(export_bytes(dataset.store, "json", filters))["answers"]
    assert {key(r) for r in rows} == {(dataset.answers[x]["question_id"], dataset.answers[x]["text"]
                                       or dataset.answers[x]["choice"]) for x in expected}


def test_a_code_filter_leaves_out_a_rejected_coding(dataset):
    rows = json.loads(export_bytes(dataset.store, "json", ExportFilter(code="health.interpreters")))["answers"]
    assert (dataset.answers["gp"]["question_id"], dataset.answers["gp"]["text"]) not in {key(r) for r in rows}


def key(row: dict) -> tuple[str, str]:
    """An exported answer (JSON) as (question id, stored text or choice)."""
    return row["question_id"], row["text"] or row["choice"]


def test_unknown_filters_and_formats_are_refused_before_anything_is_written(dataset):
    before = len(dataset.store.audit_log())
    for filters, words in ((ExportFilter(theme="helth"), "no theme 'helth'"),
                           (ExportFilter(question="health.nope"), "no question"),
                           (ExportFilter(channel="fax"), "no channel"), (ExportFilter(language="xx"), "no language"),
                           (ExportFilter(nation="mars"), "no nation"), (ExportFilter(code="nope"), "no code")):
        out = io.BytesIO()
        with pytest.raises(ExportError, match=words):
            export(dataset.store, "csv", out, filters)
        assert out.getvalue() == b""
    with pytest.raises(ExportError, match="no export format 'pdf'"):
        export(dataset.store, "pdf", io.BytesIO())
    assert len(dataset.store.audit_log()) == before


# --- audit and progress ----------------------------------------------------------------------------------
def test_every_export_is_audited_and_reports_progress(dataset):
    calls = []
    out = io.BytesIO()
    written = export(dataset.store, "qdpx", out, ExportFilter(theme="health"), actor="analyst-2",
                     progress=lambda done, total: calls.append((done, total)))
    entry = dataset.store.audit_log()[-1]
    assert (entry.actor, entry.action, entry.row_count) == ("analyst-2", "export", written) and written == 4
    assert entry.detail == "format=qdpx; held=0; filters=theme=health"
    assert calls[0] == (0, 4) and calls[-1] == (4, 4)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_suggested_filename_has_the_date_only():
    import datetime as dt

    day = dt.date(2026, 11, 26)
    assert suggested_filename("csv", ExportFilter(), day) == "imsa-answers-2026-11-26.csv"
    assert suggested_filename("qdpx", ExportFilter(theme="health", channel="chatbot"), day) == \
        "imsa-answers-health-chatbot-2026-11-26.qdpx"
    assert suggested_filename("transcripts", ExportFilter(assisted=False), day) == \
        "imsa-transcripts-not-assisted-2026-11-26.zip"
    assert suggested_filename("xlsx", ExportFilter(code="../../etc"), day) == "imsa-answers-etc-2026-11-26.xlsx"


# --- the command -----------------------------------------------------------------------------------------
def test_export_command_end_to_end(dataset, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", dataset.store.url)
    get_store.cache_clear()
    try:
        out = tmp_path / "answers.csv"
        assert cli.main(["export", "--format", "csv", "--theme", "health", "--out", str(out), "--by", "staff-b"]) == 0
        assert "Wrote 4 answers" in capsys.readouterr().out
        assert len(read_csv(out.read_bytes())) == 4
        assert dataset.store.audit_log()[-1].actor == "staff-b"

        qdpx = tmp_path / "project.qdpx"
        assert cli.main(["export", "--format", "qdpx", "--out", str(qdpx), "--progress"]) == 0
        captured = capsys.readouterr()
        assert "answers" in captured.err  # the progress bar, on stderr
        read_qdpx(qdpx.read_bytes())

        out.write_bytes(b"the previous export")
        assert cli.main(["export", "--format", "csv", "--theme", "helth", "--out", str(out)]) == 1
        assert "no theme 'helth'" in capsys.readouterr().err
        assert out.read_bytes() == b"the previous export"  # a failed export leaves the old file alone

        assert cli.main(["export", "--format", "csv", "--out", str(tmp_path / "missing" / "a.csv")]) == 1
        assert "cannot write" in capsys.readouterr().err
        assert cli.main(["export", "--format", "csv", "--out", str(out / "a.csv")]) == 1  # a file as a folder
        assert "cannot write" in capsys.readouterr().err
        assert cli.main(["export", "--format", "csv", "--out", str(tmp_path)]) == 1
        assert "is a folder" in capsys.readouterr().err
        with pytest.raises(SystemExit):
            cli.main(["export", "--format", "pdf", "--out", str(out)])
        assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.csv", "project.qdpx"]  # no half files
    finally:
        get_store.cache_clear()


def test_a_failing_export_leaves_no_file(dataset, tmp_path, monkeypatch, capsys):
    from bot.export import tabular

    def broken(snapshot, out, progress=None):
        out.write(b"half a file")
        raise RuntimeError("disk full")

    monkeypatch.setattr(tabular, "write_json", broken)
    monkeypatch.setenv("DATABASE_URL", dataset.store.url)
    get_store.cache_clear()
    try:
        with pytest.raises(RuntimeError):
            cli.main(["export", "--format", "json", "--out", str(tmp_path / "a.json")])
        assert list(tmp_path.iterdir()) == []
    finally:
        get_store.cache_clear()


# --- the .qdpx in other tools: names, users, cases (issue 18) -------------------------------------------
def qdpx_parts(data: bytes) -> tuple[etree._Element, dict[str, str], dict[str, str]]:
    """(root, sources, user guid -> name) of a schema-valid export."""
    root, sources = read_qdpx(data)
    users = {u.get("guid"): u.get("name") for u in root.iterfind("q:Users/q:User", NS)}
    return root, sources, users


def test_every_code_name_is_unique_and_reads_alone_even_with_repeated_labels(store):
    store.add_staff_coding(store.answers(_respondent_with(store, "health.barriers", "No GP would see me."))[0].id,
                           "health.gp_registration", "analyst-1")
    with store.session() as s:  # a retired code that repeats a living one's label, and a theme's label
        s.add(Code(id="health.gp_old", parent_id="health", level="topic", label="GP registration", retired=True))
        s.add(Code(id="housing.health", parent_id="housing", level="topic", label="Health and Social Care"))
    root, _, _ = qdpx_parts(export_bytes(store, "qdpx"))
    names = [c.get("name") for c in root.iterfind(".//q:CodeBook//q:Code", NS)]
    folded = [n.casefold() for n in names]
    assert len(folded) == len(set(folded)), sorted(n for n in names if folded.count(n.casefold()) > 1)
    assert "Health and Social Care: barriers and challenges" in names
    assert "Housing and Subsistence: barriers and challenges" in names
    assert "Health and Social Care: GP registration" in names
    assert "Health and Social Care: GP registration (health.gp_old)" in names
    themes = {c.get("name") for c in root.iterfind(".//q:CodeBook/q:Codes/q:Code", NS)}
    cases = {c.get("name") for c in root.iterfind(".//q:Cases/q:Case", NS)}
    for name in set(names) - themes - cases:  # a code under a theme says which theme, with a short prefix
        assert ": " in name and len(name.split(": ")[0]) <= 24, name


def _respondent_with(store, question_id: str, text: str, language: str = "en") -> str:  # noqa: ANN001
    rid = store.create_respondent(language)
    store.save_answer(rid, question_id, language, text=text)
    return rid


def test_every_coding_has_a_pseudonymous_user_and_a_month(dataset):
    root, _, users = qdpx_parts(export_bytes(dataset.store, "qdpx"))
    assert set(users.values()) >= {"Structural coding (from the questionnaire)",
                                   "Keyword suggestion (not confirmed by staff)", "Coder 1"}
    assert all(not name.startswith("Coder ") or re.fullmatch(r"Coder \d+", name) for name in users.values())
    codings = list(root.iterfind(".//q:Coding", NS))
    assert codings
    seen_users = set()
    for element in [*codings, *root.iterfind(".//q:PlainTextSelection", NS)]:
        assert element.get("creatingUser") in users, etree.tostring(element)
        assert re.fullmatch(r"\d{4}-\d{2}-01T00:00:00Z", element.get("creationDateTime") or ""), \
            etree.tostring(element)
        seen_users.add(users[element.get("creatingUser")])
    assert {"Coder 1", "Keyword suggestion (not confirmed by staff)"} <= seen_users
    # the provenance reads in the tool: each selection says how it was coded
    descriptions = {s.findtext("q:Description", namespaces=NS) for s in root.iterfind(".//q:PlainTextSelection", NS)}
    assert "staff coding (made or confirmed by Coder 1)" in descriptions
    assert "suggested by keywords; nobody has confirmed it" in descriptions


def test_cases_are_linked_to_their_documents_as_qualcoder_reads_them_and_guids_are_stable(dataset):
    first = export_bytes(dataset.store, "qdpx")
    root, sources, _ = qdpx_parts(first)
    code_guids = {c.get("guid"): c.get("name") for c in root.iterfind(".//q:CodeBook//q:Code", NS)}
    text_sources = {s.get("guid"): s for s in root.iterfind(".//q:Sources/q:TextSource", NS)}
    for case in root.iterfind(".//q:Cases/q:Case", NS):
        # QualCoder: a code with the Case's GUID, coding the whole document, makes the case's text
        assert code_guids[case.get("guid")] == case.get("name")
        assert case.find("q:CodeRef", NS).get("targetGUID") == case.get("guid")
        source = text_sources[case.find("q:SourceRef", NS).get("targetGUID")]
        assert source.get("name") in (f"{case.get('name')} (chat)", f"{case.get('name')} (written)")
        whole = [s for s in source.iterfind("q:PlainTextSelection", NS)
                 if s.find("q:Coding/q:CodeRef", NS).get("targetGUID") == case.get("guid")]
        assert [(w.get("startPosition"), w.get("endPosition")) for w in whole] == \
            [("0", str(len(sources[source.get("guid") + ".txt"])))]
    again, _, _ = qdpx_parts(export_bytes(dataset.store, "qdpx"))

    def stable(r: etree._Element) -> list:
        return sorted((e.tag, e.get("guid"), e.get("name")) for e in r.iter()
                      if e.tag in (f"{{{NS['q']}}}{t}" for t in ("Code", "Case", "TextSource", "User", "Variable")))
    assert stable(root) == stable(again)


def test_yes_no_variables_are_boolean_and_variables_nobody_has_are_left_out(dataset):
    root, _, _ = qdpx_parts(export_bytes(dataset.store, "qdpx"))
    variables = {v.get("name"): v for v in root.iterfind(".//q:Variables/q:Variable", NS)}
    assert variables["Assisted"].get("typeOfVariable") == "Boolean"
    assert variables["Completed"].get("typeOfVariable") == "Boolean"
    assert "Reached through" not in variables  # no respondent in this dataset came through a partner
    by_guid = {v.get("guid"): name for name, v in variables.items()}
    assisted = {}
    for case in root.iterfind(".//q:Cases/q:Case", NS):
        for value in case.iterfind("q:VariableValue", NS):
            name = by_guid[value.find("q:VariableRef", NS).get("targetGUID")]
            if name == "Assisted":
                assisted[case.get("name")] = value.findtext("q:BooleanValue", namespaces=NS)
    assert sorted(assisted.values()) == ["false", "true"]  # support_worker_beside and none; unknown: no value
