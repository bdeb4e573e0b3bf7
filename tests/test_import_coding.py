"""`imsa-voices import-coding`: coding done in another tool comes back (issue 18).

The coded file is written here as another tool writes it: the documents with Windows line endings,
offsets counted in UTF-16 units with \\r\\n as two (so every offset after a line break or an emoji has
moved), the export's own codings kept, a new code made in the tool, and codings on answers in English
(after an emoji and a line break), Arabic and Polish. Real SQLite and PostgreSQL (the `store` fixture).
"""

from __future__ import annotations

import io
import uuid
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import select

from bot.cli import commands as cli
from bot.export.qdpx import code_guid
from bot.importers.coding import CodingFileError, import_coding
from bot.store import get_store
from bot.store.models import AuditEntry, Code, Coding
from tests.export_helpers import export_bytes

NS = "urn:QDA-XML:project:1.0"
N = {"q": NS}
XSD = Path(__file__).parent / "data" / "refi-qda" / "Project-mrt2019.xsd"

ENGLISH = "I could not register with a GP.\r\nThe receptionist laughed 😀 and sent me away."
ARABIC = "لم أستطع التسجيل عند الطبيب ولم يكن هناك مترجم"
POLISH = "Nie miałem pieniędzy na jedzenie ani na bilet autobusowy."


def q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def fill(store) -> dict[str, int]:  # noqa: ANN001
    a = store.create_respondent("en")
    store.save_answer(a, "health.barriers", "en", text=ENGLISH)
    b = store.create_respondent("ar")
    store.save_answer(b, "health.barriers", "ar", text=ARABIC)
    c = store.create_respondent("pl")
    store.save_answer(c, "housing.barriers", "pl", text=POLISH)
    ids = {"english": store.answers(a)[0].id, "arabic": store.answers(b)[0].id, "polish": store.answers(c)[0].id}
    assert store.answers(a)[0].text == ENGLISH  # nothing here for redaction to change
    english = store.answers(a)[0].text
    start = english.index("register")
    store.add_staff_coding(ids["english"], "health.gp_registration", "analyst-1",
                           span=(start, start + len("register with a GP")))
    return ids


def windows_offset(text: str, offset: int) -> int:
    """Where `offset` (code points, \\n line breaks) lands when a tool counts UTF-16 units over \\r\\n text."""
    return len(text[:offset].replace("\n", "\r\n").encode("utf-16-le")) // 2


def coded_elsewhere(exported: bytes, codings: list[tuple[str, str, str | None]], *, rekey: bool = False) -> bytes:
    """The export, as NVivo-on-Windows would write it after the analysts coded it.

    `codings`: (words to select, code GUID or a new code's name, parent code GUID for a new code).
    Each words are selected in the document that holds them. `rekey`: as QualCoder writes it instead:
    new document GUIDs, a lower-case `sources/` folder, texts with a byte-order mark.
    """
    with zipfile.ZipFile(io.BytesIO(exported)) as archive:
        root = etree.fromstring(archive.read("project.qde"))
        texts = {n: archive.read(n).decode() for n in archive.namelist() if n.startswith("Sources/")}
    root.set("origin", "NVivo 14 (as written by the test)")
    book = root.find("q:CodeBook/q:Codes", N)
    new_codes: dict[str, str] = {}
    for _, code, parent in codings:  # a name, not a GUID: a code the analysts made
        if code in new_codes or len(code) == 36 and code.count("-") == 4:
            continue
        guid = str(uuid.uuid4())
        host = book if parent is None else next(c for c in book.iter(q("Code")) if c.get("guid") == parent)
        etree.SubElement(host, q("Code"), guid=guid, name=code, isCodable="true")
        new_codes[code] = guid
    sources = {s.get("guid"): s for s in root.iterfind(".//q:Sources/q:TextSource", N)}
    for source in sources.values():  # the tool's own offsets for what the export coded
        text = texts[f"Sources/{source.get('guid')}.txt"]
        for selection in source.iterfind("q:PlainTextSelection", N):
            for attribute in ("startPosition", "endPosition"):
                selection.set(attribute, str(windows_offset(text, int(selection.get(attribute)))))
    for words, code, _ in codings:
        guid, text = next((g, t) for g, t in ((s, texts[f"Sources/{s}.txt"]) for s in sources) if words in t)
        start = text.index(words)
        selection = etree.SubElement(sources[guid], q("PlainTextSelection"), guid=str(uuid.uuid4()),
                                     startPosition=str(windows_offset(text, start)),
                                     endPosition=str(windows_offset(text, start + len(words))))
        coding = etree.SubElement(selection, q("Coding"), guid=str(uuid.uuid4()))
        etree.SubElement(coding, q("CodeRef"), targetGUID=new_codes.get(code, code))
    etree.XMLSchema(etree.parse(str(XSD))).assertValid(root)  # what the tool writes is still REFI-QDA
    files = {name: text.replace("\n", "\r\n").encode("utf-8") for name, text in texts.items()}
    if rekey:
        files = {}
        for case in root.iterfind(".//q:Cases/q:Case", N):  # QualCoder writes its own cases
            case.getparent().remove(case)
        for guid, source in sources.items():
            new = str(uuid.uuid4())
            source.set("guid", new)
            source.set("plainTextPath", f"internal://{new}.txt")
            files[f"sources/{new}.txt"] = texts[f"Sources/{guid}.txt"].replace("\n", "\r\n").encode("utf-8-sig")
        cases = root.find("q:Cases", N)
        cases.getparent().remove(cases)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", etree.tostring(root, xml_declaration=True, encoding="utf-8"))
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def staff_codings(store) -> set[tuple]:  # noqa: ANN001
    with store.session() as s:
        return {(c.answer_id, c.code_id, c.span_start, c.span_end, c.coder, c.source, c.status)
                for c in s.execute(select(Coding)).scalars()}


def codebook(store) -> set[tuple]:  # noqa: ANN001
    with store.session() as s:
        return {(c.id, c.label, c.created_by) for c in s.execute(select(Code)).scalars()}


def test_coding_done_elsewhere_comes_back_once(store, tmp_path):
    ids = fill(store)
    path = tmp_path / "coded.qdpx"
    path.write_bytes(coded_elsewhere(export_bytes(store, "qdpx"), [
        ("sent me away", code_guid("health.trust_and_respect"), None),  # after a line break and an emoji
        ("The receptionist laughed", "Health and Social Care: receptionists", code_guid("health")),  # a new code,
        # at the start of a line
        ("الطبيب", code_guid("health.interpreters"), None),  # Arabic
        (POLISH, "Money worries", None),  # a new code at the top: it goes under the answer's theme
        ("Respondent 1 (chat", code_guid("health.dental_care"), None),  # the header: no answer
    ]))
    before, book_before = staff_codings(store), codebook(store)

    report = import_coding(store, path)  # the report only
    assert staff_codings(store) == before and codebook(store) == book_before
    assert {(c.theme, c.label) for c in report.new_codes} == {("health", "Receptionists"), ("housing", "Money worries")}
    english = ENGLISH
    span = lambda words: (english.index(words), english.index(words) + len(words))  # noqa: E731
    wanted = {
        (ids["english"], "health.trust_and_respect", span("sent me away")),
        (ids["english"], "Receptionists", span("The receptionist laughed")),
        (ids["arabic"], "health.interpreters", (ARABIC.index("الطبيب"), ARABIC.index("الطبيب") + len("الطبيب"))),
        (ids["polish"], "Money worries", None),
    }
    got = {(p.answer_id, p.code if isinstance(p.code, str) else p.code.label, p.span)
           for p in [*report.add, *report.confirm]}
    assert got == wanted
    assert [u.code for u in report.unplaced] == ["Health and Social Care: dental care"]
    assert report.already >= 5  # the export's own codings (structural, suggested, the staff span) came back too
    text = "\n".join(report.lines())
    assert "Nothing was changed" in text and "Could not place 1 coding" in text and "Respondent 1 (chat" in text

    applied = import_coding(store, path, apply=True, actor="staff-a")
    assert applied.applied
    by = "imported from coded.qdpx"
    new = staff_codings(store) - before
    codes = {label: cid for cid, label, created in codebook(store) - book_before if created == by}
    assert set(codes) == {"Receptionists", "Money worries"} and codes["Receptionists"].startswith("health.")
    assert codes["Money worries"].startswith("housing.")
    # exactly those codings, as staff codings by the file (a suggestion of the same code becomes one)
    assert new == {(a, codes.get(c, c), *(s or (None, None)), by, "staff", "active") for a, c, s in wanted}
    bodies = {a.id: a.text for r in _respondents(store) for a in store.answers(r)}
    assert sorted(bodies[a][s:e] for a, _, s, e, *_ in new if s is not None) == \
        sorted(["sent me away", "The receptionist laughed", "الطبيب"])  # the spans hold exactly the coded words
    with store.session() as s:
        audit = s.execute(select(AuditEntry).where(AuditEntry.action == "import_coding")).scalars().all()
    assert [(a.actor, a.row_count) for a in audit] == [("staff-a", 4)]

    after = staff_codings(store), codebook(store)
    again = import_coding(store, path, apply=True, actor="staff-a")  # the same file twice: nothing changes
    assert (again.add, again.confirm, again.new_codes) == ([], [], [])
    assert (staff_codings(store), codebook(store)) == after
    assert "Added 0 coding(s)" in "\n".join(again.lines())


def test_documents_the_tool_re_keyed_are_found_by_their_answers_and_english_codes_the_whole_answer(store, tmp_path):
    ids = fill(store)
    with store.session() as s:  # the Arabic answer's English, as the export shows it under the answer
        from bot.store.models import Answer
        s.get(Answer, ids["arabic"]).text_en = "I could not register with the doctor."
    path = tmp_path / "qualcoder.qdpx"
    path.write_bytes(coded_elsewhere(export_bytes(store, "qdpx"), [
        ("sent me away", code_guid("health.trust_and_respect"), None),
        ("register with the doctor", code_guid("health.gp_registration"), None),  # in the English
    ], rekey=True))
    report = import_coding(store, path)
    got = {(p.answer_id, p.code, p.span) for p in [*report.add, *report.confirm]}
    start = ENGLISH.index("sent me away")
    assert got == {(ids["english"], "health.trust_and_respect", (start, start + len("sent me away"))),
                   (ids["arabic"], "health.gp_registration", None)}
    assert report.unplaced == [] and report.already >= 5


def _respondents(store) -> list[str]:  # noqa: ANN001
    from bot.store.models import Respondent
    with store.session() as s:
        return list(s.execute(select(Respondent.id)).scalars())


def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def test_bad_files_get_a_kind_error_and_change_nothing(store, tmp_path, monkeypatch):
    fill(store)
    before, book_before = staff_codings(store), codebook(store)
    not_zip = tmp_path / "notes.qdpx"
    not_zip.write_text("my coding notes")
    invalid = etree.fromstring(b'<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources><TextSource/></Sources>'
                               b'</Project>')
    cases = {
        not_zip: "not a .qdpx project",
        _zip(tmp_path / "empty.qdpx", {"Sources/a.txt": b"text"}): "no project.qde",
        _zip(tmp_path / "invalid.qdpx", {"project.qde": etree.tostring(invalid)}): "does not follow the REFI-QDA",
        _zip(tmp_path / "broken.qdpx", {"project.qde": b"<Project"}): "not well-formed XML",
        _zip(tmp_path / "bomb.qdpx", {"project.qde": b"<a/>", "Sources/x.txt": b"\0" * (20 * 2**20)}): "zip bomb",
        tmp_path / "missing.qdpx": "There is no file",
    }
    for path, message in cases.items():
        with pytest.raises(CodingFileError, match=message):
            import_coding(store, path, apply=True)
    monkeypatch.setattr("bot.importers.coding.MAX_BYTES", 100)
    with pytest.raises(CodingFileError, match="larger than"):
        import_coding(store, _zip(tmp_path / "big.qdpx", {"project.qde": b"<a/>" * 100}), apply=True)
    assert (staff_codings(store), codebook(store)) == (before, book_before)


def test_import_coding_command(store, tmp_path, monkeypatch, capsys):
    ids = fill(store)
    path = tmp_path / "coded.qdpx"
    path.write_bytes(coded_elsewhere(export_bytes(store, "qdpx"),
                                     [("الطبيب", code_guid("health.interpreters"), None)]))
    monkeypatch.setenv("DATABASE_URL", store.url)
    get_store.cache_clear()
    try:
        assert cli.main(["import-coding", str(path)]) == 0
        out = capsys.readouterr().out
        assert "Would add 1 coding(s)" in out and "Nothing was changed" in out
        assert cli.main(["import-coding", str(path), "--apply", "--by", "staff-b"]) == 0
        assert "Added 1 coding(s)" in capsys.readouterr().out
        assert any(c.code_id == "health.interpreters" and c.source == "staff" for c in store.codings(ids["arabic"]))
        assert store.audit_log()[-1].actor == "staff-b"
        bad = tmp_path / "bad.qdpx"
        bad.write_text("nope")
        assert cli.main(["import-coding", str(bad), "--apply"]) == 1
        assert "NOT imported" in capsys.readouterr().err
    finally:
        get_store.cache_clear()
