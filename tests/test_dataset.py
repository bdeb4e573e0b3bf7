"""The coded dataset on real SQLite and real PostgreSQL: migrations, codebook and coding, transcripts,
written imports, withdrawal and retention (bot.store, bot.coding, bot.importers, the CLI)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import threading

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, func, inspect, select, text, update

from bot import coding
from bot.cli import commands as cli
from bot.conversation.catalogue import catalogue
from bot.importers import import_file, write_template
from bot.store import Store, get_store, schema
from bot.store.models import (
    SEARCH_TABLES,
    Answer,
    AuditEntry,
    Base,
    Code,
    Coding,
    PausedSession,
    Question,
    Respondent,
    TranscriptMessage,
    not_search_index,
)

TABLES = {"respondents", "questions", "answers", "codes", "codings", "transcript_messages", "paused_sessions",
          "audit_log", "alembic_version", "users", "staff_sessions", "login_failures", "handover_links",
          "recovery_codes", "webauthn_credentials", "user_languages"}


def count(store: Store, model) -> int:
    with store.session() as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


# --- migrations --------------------------------------------------------------------
def test_store_upgrades_an_empty_database_to_head_and_it_matches_the_models(store):
    search = set(SEARCH_TABLES) if store.engine.dialect.name == "sqlite" else set()  # the search index (0007)
    assert set(inspect(store.engine).get_table_names()) == TABLES | search
    with store.engine.connect() as connection:
        assert schema.current_revision(connection) == schema.head_revision()
        diff = compare_metadata(MigrationContext.configure(connection, opts={
            "compare_type": True, "include_object": not_search_index}), Base.metadata)
    assert diff == []  # the migrations create exactly what models.py describes


def test_downgrade_to_base_then_upgrade_again(store):
    schema.downgrade(store.engine, "base")
    assert set(inspect(store.engine).get_table_names()) <= {"alembic_version"}
    before, after = schema.upgrade(store.engine)
    assert (before, after) == (None, schema.head_revision())
    store.sync_reference()
    assert count(store, Question) == len(catalogue().all_questions())


def test_processes_starting_at_once_migrate_once(request, tmp_path):
    url = f"sqlite:///{tmp_path / 'race.db'}"
    errors, stores = [], []

    def start() -> None:
        try:
            stores.append(Store(url))
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(stores) == 4
    assert count(stores[0], Question) == len(catalogue().all_questions())
    for s in stores:
        s.engine.dispose()


def test_a_database_made_before_migrations_is_refused_with_a_clear_message(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url, future=True)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE respondents (id VARCHAR(32) PRIMARY KEY)"))
    with pytest.raises(schema.SchemaError, match="no migration history"):
        Store(url)
    engine.dispose()


def test_db_upgrade_command(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    assert cli.main(["db", "upgrade"]) == 0
    assert f"empty -> {schema.head_revision()}" in capsys.readouterr().out
    assert cli.main(["db", "upgrade"]) == 0
    assert "already at" in capsys.readouterr().out
    assert cli.main(["db", "status"]) == 0


# --- reference data and the code tree ----------------------------------------------------
def test_questions_and_the_code_tree_are_seeded(store):
    with store.session() as s:
        questions = {q.id: q for q in s.execute(select(Question)).scalars()}
        codes = {c.id: c for c in s.execute(select(Code)).scalars()}
    assert set(questions) == {q.id for q in catalogue().all_questions()}
    assert questions["health.barriers"].written.startswith("What are the key barriers")
    assert codes["health"].level == "theme" and codes["health"].parent_id is None
    assert (codes["health.barriers"].level, codes["health.barriers"].parent_id) == ("kind", "health")
    assert (codes["health.gp_registration"].level, codes["health.gp_registration"].parent_id) == ("topic", "health")
    assert codes["criminal.cps"].label.startswith("Crown Prosecution")
    assert all(c.parent_id in codes for c in codes.values() if c.parent_id)
    assert store.sync_reference() is False  # nothing to do the second time


def test_codes_gone_from_the_codebook_are_retired_not_deleted(store):
    with store.session() as s:
        s.add(Code(id="health.old_topic", parent_id="health", level="topic", label="Old", retired=False))
    assert store.sync_reference() is True
    with store.session() as s:
        assert s.get(Code, "health.old_topic").retired is True
    assert store.sync_reference() is False


# --- coding ----------------------------------------------------------------------------------
def test_every_theme_has_topics_and_every_topic_is_used():
    book = coding.codebook()
    assert set(book.themes) == {"profile", *catalogue().theme_ids}
    used = {t for topics in book.themes.values() for t in topics}
    assert used == set(book.topics)
    for required in ("gp_registration", "interpreters", "mental_health", "asylum_support", "nrm_decision_delays",
                     "police", "cps", "compensation", "legal_aid", "immigration_advice", "debt", "bank_account",
                     "employment"):
        assert required in book.topics


@pytest.mark.parametrize("keyword,text,hit", [
    ("interpret*", "There were no Interpreters.", True),
    ("legal aid", "I got LEGAL\n aid in the end", True),
    ("legal aid", "a paralegal aided me", False),
    ("move on", "the move-on period was short", True),
    ("GP", "GPS on my phone", False),
    ("999", "I called 999", True),
    ("phone*", "call me on [PHONE]", False),
])
def test_keyword_rules(keyword, text, hit):
    book = coding.Codebook(1, {"t": coding.Topic("t", "T", (keyword,), coding.keyword_pattern([keyword]))},
                           {"health": ("t",)}, ())
    assert bool(coding.suggest("health", text, book)) is hit


def test_saving_an_answer_codes_it_structurally_and_suggests_topics(store):
    rid = store.create_respondent("en")
    store.save_answer(rid, "health.barriers", "en",
                      text="I could not register with a GP and had no interpreter. Call me on 07700 900123.")
    [answer] = store.answers(rid)
    assert answer.redacted_count == 1 and json.loads(answer.redacted_types) == {"PHONE": 1}
    codings = {c.code_id: c for c in store.codings(answer.id)}
    assert {k: c.source for k, c in codings.items()} == {
        "health": "structural", "health.barriers": "structural",
        "health.gp_registration": "suggested", "health.interpreters": "suggested",
    }
    gp = codings["health.gp_registration"]
    assert answer.text[gp.span_start:gp.span_end].lower().startswith("register")
    assert gp.coder == coding.codebook().coder and codings["health"].span_start is None
    store.save_answer(rid, "profile.uk_nation", "en", choice="wales")
    [profile] = [a for a in store.answers(rid) if a.question_id == "profile.uk_nation"]
    assert {c.code_id for c in store.codings(profile.id)} == {"profile", "profile.uk_variation"}


def test_staff_codings_survive_a_new_answer_and_confirm_suggestions(store):
    rid = store.create_respondent("en")
    store.save_answer(rid, "criminal.barriers", "en", text="The police did not believe me.")
    [answer] = store.answers(rid)
    store.add_staff_coding(answer.id, "criminal.police", "analyst-1")
    store.add_staff_coding(answer.id, "criminal.court", "analyst-1", span=(0, 3))
    with pytest.raises(KeyError):
        store.add_staff_coding(answer.id, "criminal.nonsense", "analyst-1")
    by_code = {c.code_id: c for c in store.codings(answer.id)}
    assert by_code["criminal.police"].source == "staff" and by_code["criminal.police"].coder == "analyst-1"
    assert (by_code["criminal.court"].span_start, by_code["criminal.court"].span_end) == (0, 3)
    store.save_answer(rid, "criminal.barriers", "en", text="The CPS dropped my case.")
    sources = {(c.code_id, c.source) for c in store.codings(answer.id)}
    assert ("criminal.police", "staff") in sources and ("criminal.court", "staff") in sources
    assert ("criminal.cps", "suggested") in sources


def test_code_answer_suggests_from_the_english_translation_without_a_span(store):
    rid = store.create_respondent("fr")
    store.save_answer(rid, "civil.barriers", "fr", text="Je n'avais pas d'avocat.")
    [answer] = store.answers(rid)
    with store.session() as s:
        s.execute(update(Answer).where(Answer.id == answer.id).values(text_en="I had no lawyer, no legal aid."))
    store.code_answer(answer.id)
    [legal] = [c for c in store.codings(answer.id) if c.code_id == "civil.legal_aid"]
    assert legal.source == "suggested" and legal.span_start is None


# --- transcripts -------------------------------------------------------------------------------
def test_transcript_lines_are_redacted_keyed_and_go_with_withdrawal(store):
    assert store.add_transcript_message("sender-1", "bot", text_key="welcome.text", language="en") == 1
    assert store.add_transcript_message("sender-1", "person", text="My name is Ann Example", language="en") == 2
    rid = store.create_respondent("en")
    assert store.attach_transcript("sender-1", rid) == 2
    store.add_transcript_message("sender-1", "person", text="email ann@example.org", respondent_id=rid)
    lines = store.transcript("sender-1")
    assert [(m.position, m.speaker) for m in lines] == [(1, "bot"), (2, "person"), (3, "person")]
    assert lines[1].text == "My name is [NAME]" and lines[2].text == "email [EMAIL]"
    assert "sender-1" not in {m.session_id for m in lines}  # kept as a keyed hash only
    with pytest.raises(ValueError):
        store.add_transcript_message("sender-1", "bot", text="x", text_key="y")
    code = store.issue_withdrawal_code(rid)
    deleted = store.withdraw_all(code)
    assert deleted.transcript_messages == 3 and store.transcript("sender-1") == []


def test_an_answer_and_its_transcript_line_are_written_together_redacted_once(store):
    rid = store.create_respondent("en")
    store.add_transcript_lines("chat-9", [("bot", None, "q.health.barriers")], language="en", respondent_id=rid)
    store.save_answer(rid, "health.barriers", "en", text="Call Ann Example on 07700 900123",
                      transcript_session="chat-9")
    store.add_transcript_lines("chat-9", [("bot", None, "answer.saved"), ("person", "[typed: skip]", None)],
                               language="en", respondent_id=rid)
    lines = store.transcript("chat-9")
    [answer] = [a for a in store.answers(rid) if a.question_id == "health.barriers"]
    assert [(m.position, m.speaker) for m in lines] == [(1, "bot"), (2, "person"), (3, "bot"), (4, "person")]
    assert lines[1].text == answer.text == "Call [NAME] on [PHONE]"
    assert all(m.respondent_id == rid for m in lines)
    store.save_answer(rid, "health.solutions", "en", text="More interpreters")  # no session: no line
    assert len(store.transcript("chat-9")) == 4


# --- written responses ---------------------------------------------------------------------------
GOOD = {
    "health.barriers": "Survivors cannot register with a GP without proof of address. Contact Jane on 07700 900456.",
    "criminal.barriers": "Police officers rarely use interpreters; the CPS rarely charges.",
    "profile.uk_nation": "In Scotland support lasts longer than in England.",
}


def _fill_csv(path, answers=GOOD, extra_rows=()):
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    for row in rows[1:]:
        row[3] = answers.get(row[0], row[3])
    rows += [list(r) for r in extra_rows]
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path


def _fill_xlsx(path, answers=GOOD):
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    sheet = workbook["Response"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in answers:
            row[3].value = answers[row[0].value]
    workbook.save(path)
    return path


def _fill_docx(path, answers=GOOD):
    import docx

    document = docx.Document(str(path))
    wording = {q.written: q.id for q in catalogue().all_questions()}
    paragraphs = list(document.paragraphs)
    for i, p in enumerate(paragraphs):
        qid = wording.get(p.text)
        if qid in answers:
            paragraphs[i + 1].text = answers[qid]
    document.save(str(path))
    return path


def _imported(store: Store) -> dict[str, str]:
    with store.session() as s:
        rows = s.execute(select(Answer).join(Respondent).where(Respondent.channel == "written")).scalars()
        return {a.question_id: a.text for a in rows}


@pytest.mark.parametrize("fmt,fill", [("csv", _fill_csv), ("xlsx", _fill_xlsx), ("docx", _fill_docx)])
def test_a_filled_template_imports_redacted_and_coded_and_only_once(store, tmp_path, fmt, fill):
    path = fill(write_template(fmt, tmp_path / f"response.{fmt}"))
    report = import_file(store, path, actor="test")
    assert report.ok, report.lines()
    assert (report.respondents, report.answers, report.unmapped) == (1, 3, [])
    saved = _imported(store)
    assert set(saved) == set(GOOD)
    assert "07700 900456" not in saved["health.barriers"] and "[PHONE]" in saved["health.barriers"]
    with store.session() as s:
        [respondent] = s.execute(select(Respondent).where(Respondent.channel == "written")).scalars()
        assert (respondent.respondent_type, respondent.language, respondent.completed) == ("organisation", "en", True)
        assert respondent.source_hash and len(respondent.source_hash) == 64
        codes = set(s.execute(select(Coding.code_id)).scalars())
    assert {"health", "health.barriers", "health.gp_registration", "criminal.police", "criminal.cps",
            "criminal.interpreters", "profile.uk_differences"} <= codes

    again = import_file(store, path, actor="test")
    assert again.ok and (again.respondents, again.duplicates) == (0, 1)
    assert count(store, Respondent) == 1 and count(store, Answer) == 3
    assert [e.action for e in store.audit_log()] == ["import_written", "import_written"]


def test_docx_with_numbered_headings_tables_and_an_unmapped_section(store, tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Our response", level=0)
    document.add_paragraph("We are a charity in the Midlands.")
    document.add_heading("1. Health and social care", level=1)
    document.add_heading("1.1  WHAT ARE THE KEY BARRIERS AND CHALLENGES that adult survivors of modern slavery face in "
                         "accessing health and social care", level=2)
    document.add_paragraph("Dentists refuse survivors.")
    document.add_paragraph("Mental health waiting lists are long.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Respondent type"
    table.cell(0, 1).text = "Professional"
    table.cell(1, 0).text = ("Q5) What possible solutions could address the barriers and challenges survivors face "
                             "in accessing housing and subsistence?")
    table.cell(1, 1).text = "More move-on support."
    document.add_heading("Any other comments", level=2)
    document.add_paragraph("Thank you for asking.")
    path = tmp_path / "organisation.docx"
    document.save(str(path))

    report = import_file(store, path, actor="test")
    assert report.ok, report.lines()
    assert report.unmapped == ["heading 'Any other comments' (1 paragraph(s))"]
    saved = _imported(store)
    assert saved == {"health.barriers": "Dentists refuse survivors.\n\nMental health waiting lists are long.",
                     "housing.solutions": "More move-on support."}
    with store.session() as s:
        assert s.execute(select(Respondent.respondent_type)).scalar_one() == "professional"


def test_a_survey_export_imports_one_response_per_row_and_never_other_columns(store, tmp_path):
    q = {x.id: x.written for x in catalogue().all_questions()}
    path = tmp_path / "export.csv"
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Timestamp", "Email address", q["nrm.barriers"], q["advocacy.role"].upper()])
        w.writerow(["2026-11-01 10:00", "someone@org.example", "Long NRM delays.", "Advocates help."])
        w.writerow(["2026-11-02 11:00", "other@org.example", "", "An IMSA on my side."])
    report = import_file(store, path, actor="test")
    assert report.ok and (report.respondents, report.answers) == (2, 3)
    assert report.unmapped == ["column 1: 'Timestamp'", "column 2: 'Email address'"]
    with store.session() as s:
        texts = " ".join(filter(None, s.execute(select(Answer.text)).scalars()))
    assert "org.example" not in texts


@pytest.mark.parametrize("name,content,message", [
    ("broken.docx", b"this is not a zip", "not a readable .docx"),
    ("broken.xlsx", b"PK\x03\x04 truncated", "not a readable .xlsx"),
    ("empty.csv", b"", "empty"),
    ("nothing.csv", b"name,colour\nAnn,blue\n", "names no questions"),
    ("binary.csv", b"\x00\x01\x02PK", "not a text file"),
    ("notes.txt", b"hello", "only .docx, .csv and .xlsx"),
])
def test_a_malformed_file_is_rejected_clearly_and_nothing_is_written(store, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    report = import_file(store, path, actor="test")
    assert not report.ok and message in report.error
    assert "NOT imported" in report.lines()[0]
    assert count(store, Respondent) == 0 and count(store, Answer) == 0


def test_an_empty_template_is_rejected(store, tmp_path):
    report = import_file(store, write_template("csv", tmp_path / "blank.csv"), actor="test")
    assert not report.ok and "no answers" in report.error


def test_a_failure_half_way_through_a_file_leaves_nothing(store, tmp_path, monkeypatch):
    import bot.store.store as store_module

    path = tmp_path / "export.csv"
    q = catalogue().all_questions()
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow([x.written for x in q[1:4]])
        w.writerow(["one", "two", "three"])
        w.writerow(["four", "five", "six"])
    real, calls = store_module.redact, []

    def failing(text, language="en"):
        calls.append(text)
        if len(calls) == 5:
            raise RuntimeError("disk full")
        return real(text, language)

    monkeypatch.setattr(store_module, "redact", failing)
    report = import_file(store, path, actor="test")
    assert not report.ok and "database is unchanged" in report.error
    assert count(store, Respondent) == 0 and count(store, Answer) == 0 and count(store, Coding) == 0


def test_import_written_and_written_template_commands(store, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", store.url)
    get_store.cache_clear()
    try:
        out = tmp_path / "t.csv"
        assert cli.main(["written-template", "--format", "csv", "--out", str(out)]) == 0
        _fill_csv(out, extra_rows=[["", "", "Any other comments?", "None."]])
        bad = tmp_path / "bad.docx"
        bad.write_bytes(b"nope")
        assert cli.main(["import-written", str(out), str(bad), "--by", "staff-a"]) == 1
        captured = capsys.readouterr()
        assert "1 response(s), 3 answer(s) imported" in captured.out
        assert "not mapped to a question (not imported): row" in captured.out and "Any other comments?" in captured.out
        assert "bad.docx: NOT imported" in captured.err
        assert cli.main(["import-written", str(out)]) == 0
        assert "already imported before, skipped" in capsys.readouterr().out
        assert count(store, Respondent) == 1
        assert store.audit_log()[0].actor == "staff-a"
    finally:
        get_store.cache_clear()


# --- withdrawal and retention ------------------------------------------------------------------------
def test_withdraw_command_says_how_many_rows_went(store, monkeypatch, capsys):
    rid = store.create_respondent("en")
    store.save_answer(rid, "health.barriers", "en", text="I had no GP.")
    store.add_transcript_message("s-1", "person", text="hello", respondent_id=rid)
    code = store.issue_withdrawal_code(rid)
    other = store.create_respondent("en")
    store.save_answer(other, "health.barriers", "en", text="Kept.")
    monkeypatch.setenv("DATABASE_URL", store.url)
    get_store.cache_clear()
    try:
        assert cli.main(["withdraw", "ZZZZ-2345"]) == 1
        assert "Nothing was deleted" in capsys.readouterr().err
        assert count(store, Respondent) == 2
        assert cli.main(["withdraw", code.lower(), "--by", "staff-b"]) == 0
        out = capsys.readouterr().out
        # 1 respondent, 1 answer, 3 codings (health, health.barriers, health.gp_registration), 1 transcript line
        assert "deleted 6 rows (1 respondents, 1 answers, 3 codings, 1 transcript messages)" in out
        assert store.respondent(rid) is None and [a.text for a in store.answers(other)] == ["Kept."]
        assert cli.main(["withdraw", code]) == 1  # used up
    finally:
        get_store.cache_clear()
    log = [(e.actor, e.action, e.row_count) for e in store.audit_log()]
    assert ("staff-b", "withdraw", 6) in log and log.count((log[0][0], "withdraw_unknown_code", 0)) == 2
    with store.session() as s:
        assert all(isinstance(e.done_on, dt.date) for e in s.execute(select(AuditEntry)).scalars())


def test_purge_deletes_what_is_older_than_the_retention_period(store, monkeypatch, capsys):
    old, new = store.create_respondent("en"), store.create_respondent("en")
    for rid in (old, new):
        store.save_answer(rid, "nrm.barriers", "en", text="I waited two years for a decision.")
    store.add_transcript_message("old-session", "bot", text_key="welcome.text")
    store.pause({"step": "themes"})
    long_ago = dt.date.today() - dt.timedelta(days=400)
    with store.session() as s:
        s.execute(update(Respondent).where(Respondent.id == old).values(created_on=long_ago))
        s.execute(update(TranscriptMessage).values(created_on=long_ago))
        s.execute(update(PausedSession).values(created_on=long_ago))
    monkeypatch.setenv("DATABASE_URL", store.url)
    get_store.cache_clear()
    try:
        monkeypatch.setenv("IMSA_RETENTION_DAYS", "500")
        assert cli.main(["purge"]) == 0
        assert "older than 500 days: deleted 0 rows" in capsys.readouterr().out
        monkeypatch.delenv("IMSA_RETENTION_DAYS")
        assert cli.main(["purge", "--older-than", "365d", "--by", "retention-job"]) == 0
        out = capsys.readouterr().out
        assert "older than 365 days" in out and "1 respondents, 1 answers" in out
        assert "1 transcript messages, 1 paused sessions" in out
    finally:
        get_store.cache_clear()
    assert store.respondent(old) is None and store.respondent(new) is not None
    assert [(e.actor, e.action, e.detail) for e in store.audit_log()][-1] == (
        "retention-job", "purge", "older than 365 days")


@pytest.mark.parametrize("raw,days", [("365d", 365), ("52w", 364), ("1y", 365), ("90", 90)])
def test_retention_periods_parse(raw, days):
    from bot.cli.dataset import parse_days

    assert parse_days(raw) == days


def test_audit_log_holds_no_ids_codes_or_text(store, tmp_path):
    rid = store.create_respondent("en")
    code = store.issue_withdrawal_code(rid)
    store.withdraw(code)
    store.purge(30)
    for entry in store.audit_log():
        values = " ".join(str(v) for v in (entry.actor, entry.action, entry.detail))
        assert rid not in values and code not in values
