"""The REFI-QDA interoperability check behind scripts/qda-interop (issue 18): does the .qdpx open whole in
QualCoder? Three steps, each its own command, because QualCoder runs in its own throwaway venv (PyQt6):

    export DIR               (project venv) a test dataset -> DIR/test.qdpx and what it holds, DIR/expected.json
    qualcoder SRC DIR        (QualCoder venv) QualCoder's own REFI-QDA importer, offscreen -> DIR/qualcoder.json
    compare DIR              (either) codes, codings with their code path, spans' text, cases with their
                             documents and attributes, users: counts on both sides and every difference
    back DIR                 (project venv) `import-coding` on the projects QualCoder exported after an
                             analyst coded four spans there (one with a new code): they come back, once

The test dataset: five written responses (English, Polish, Arabic, one with an emoji, one over lines) and
a chat respondent who came through a partner and was helped; staff codings by two staff members (spans
in Arabic, Polish and after an emoji, whole answers, a confirmed suggestion) and one rejected suggestion.
"""

from __future__ import annotations

import ast
import json
import re
import sqlite3
import sys
from pathlib import Path

NS = "urn:QDA-XML:project:1.0"


# --- 1. the export -------------------------------------------------------------------------------------
def export(work: Path) -> None:
    import io
    import os
    import zipfile

    os.environ.setdefault("TRANSLATION_PROVIDER", "none")
    from lxml import etree

    from bot.export import export as write_export
    from bot.store import Store
    from bot.store.store import WrittenAnswer, WrittenResponse

    store = Store(f"sqlite:///{work / 'imsa.db'}")
    responses = [
        WrittenResponse([WrittenAnswer("health.barriers", "Nobody at the surgery would register me with a GP "
                                       "because I had no proof of address."),
                         WrittenAnswer("housing.barriers", "The asylum support money was not enough for food.\n"
                                       "We waited weeks for a bank account.")], nation="england"),
        WrittenResponse([WrittenAnswer("health.barriers", "Nie mogłem zapisać się do lekarza, bo nie miałem "
                                       "tłumacza.")], language="pl", nation="scotland"),
        WrittenResponse([WrittenAnswer("health.barriers", "لم أستطع التسجيل عند الطبيب ولم يكن هناك مترجم")],
                        language="ar", nation="wales"),
        WrittenResponse([WrittenAnswer("criminal.barriers", "The police officer smiled 🙂 then the case was "
                                       "dropped and nobody told me why.")], nation="england"),
        WrittenResponse([WrittenAnswer("nrm.barriers", "The NRM decision took three years.\r\nMy support "
                                       "worker changed four times.")], nation="northern_ireland"),
    ]
    rids, _, _ = store.import_written(responses, actor="interop", detail="interop test dataset")
    chat = store.create_respondent("en")
    store.update_respondent(chat, nation="england", assisted="support_worker_beside", completed=True)
    store.save_answer(chat, "health.solutions", "en", text="An interpreter at every appointment would help.")

    def answer(rid: str, question: str):  # noqa: ANN202
        return next(a for a in store.answers(rid) if a.question_id == question)

    def span(rid: str, question: str, words: str, code: str, coder: str) -> None:
        row = answer(rid, question)
        start = row.text.index(words)
        store.add_staff_coding(row.id, code, coder, span=(start, start + len(words)))

    span(rids[2], "health.barriers", "الطبيب", "health.gp_registration", "analyst-1")
    span(rids[2], "health.barriers", "مترجم", "health.interpreters", "analyst-2")
    span(rids[1], "health.barriers", "nie miałem tłumacza", "health.interpreters", "analyst-1")
    span(rids[3], "criminal.barriers", "the case was dropped", "criminal.police", "analyst-2")
    span(rids[3], "criminal.barriers", "nobody told me why", "criminal.information", "analyst-1")
    span(rids[4], "nrm.barriers", "My support worker changed four times", "nrm.support_workers", "analyst-1")
    store.add_staff_coding(answer(rids[0], "housing.barriers").id, "housing.subsistence", "analyst-2")  # whole
    store.add_staff_coding(answer(rids[0], "health.barriers").id, "health.trust_and_respect", "analyst-1")
    store.add_staff_coding(answer(chat, "health.solutions").id, "health.interpreters", "analyst-2")
    out = io.BytesIO()
    write_export(store, "qdpx", out, actor="interop")
    (work / "test.qdpx").write_bytes(out.getvalue())

    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as archive:
        root = etree.fromstring(archive.read("project.qde"))
        texts = {n[len("Sources/"):]: archive.read(n).decode() for n in archive.namelist() if n.startswith("Sources/")}
    n = {"q": NS}
    users = {u.get("guid"): u.get("name") for u in root.iterfind("q:Users/q:User", n)}
    paths: dict[str, str] = {}
    categories: list[str] = []

    def walk(element, prefix: str) -> None:  # noqa: ANN001
        for code in element.iterfind("q:Code", n):
            path = f"{prefix}/{code.get('name')}" if prefix else code.get("name")
            if code.get("isCodable") == "false":
                categories.append(path)
            paths[code.get("guid")] = path
            walk(code, path)

    walk(root.find("q:CodeBook/q:Codes", n), "")
    cases = {c.get("guid"): c for c in root.iterfind("q:Cases/q:Case", n)}
    variables = {v.get("guid"): v.get("name") for v in root.iterfind("q:Variables/q:Variable", n)}
    doc_names = {s.get("guid"): s.get("name") for s in root.iterfind("q:Sources/q:TextSource", n)}
    case_docs = {c.get("name"): [doc_names[r.get("targetGUID")] for r in c.iterfind("q:SourceRef", n)]
                 for c in cases.values()}  # what the export means: each case's documents
    codings = []
    for source in root.iterfind("q:Sources/q:TextSource", n):
        body = texts[f"{source.get('guid')}.txt"]
        for selection in source.iterfind("q:PlainTextSelection", n):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            for coding in selection.iterfind("q:Coding", n):
                target = coding.find("q:CodeRef", n).get("targetGUID")
                if target in cases:  # the case code: how QualCoder learns the case's text, not a coding
                    continue
                codings.append([source.get("name"), paths[target], body[start:end],
                                users.get(selection.get("creatingUser"), "(no user)")])
    expected = {
        "codes": sorted(p for g, p in paths.items() if g not in cases and p not in categories),
        "categories": sorted(categories),
        "codings": sorted(codings),
        "documents": sorted(s.get("name") for s in root.iterfind("q:Sources/q:TextSource", n)),
        "cases": {c.get("name"): {
            "documents": sorted(case_docs.get(c.get("name"), [])),
            "attributes": {variables[v.find("q:VariableRef", n).get("targetGUID")]:
                           (v.findtext("q:TextValue", namespaces=n) or v.findtext("q:BooleanValue", namespaces=n))
                           for v in c.iterfind("q:VariableValue", n)},
        } for c in cases.values()},
        "document attributes": [],
        "document variables": [],  # a respondent variable QualCoder files under documents
        "users": sorted({c[3] for c in codings}),
    }
    (work / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1))
    store.engine.dispose()
    print(f"exported {work / 'test.qdpx'}: {len(expected['codings'])} codings, {len(expected['cases'])} cases")


# --- 2. QualCoder's importer ---------------------------------------------------------------------------
def qualcoder_tables(src: Path) -> list[str]:
    """The CREATE TABLE statements of a new QualCoder project, read from QualCoder's own source."""
    main = (src / "__main__.py").read_text(encoding="utf-8")
    start = main.index("def new_project")
    body = main[start:main.index("self.app.update_coder_names()", start)]
    statements = []
    for match in re.finditer(r'cur\.execute\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)\)', body):
        sql = "".join(ast.literal_eval(part) for part in re.findall(r'"(?:[^"\\]|\\.)*"', match.group(1)))
        if sql.upper().startswith("CREATE TABLE"):
            statements.append(sql)
    return statements


def qualcoder(src: Path, work: Path) -> None:
    package = src / "src" if (src / "src" / "qualcoder").is_dir() else src
    sys.path.insert(0, str(package))
    from PyQt6 import QtWidgets

    qt = QtWidgets.QApplication([])  # noqa: F841 - offscreen (QT_QPA_PLATFORM=offscreen)
    from qualcoder import refi

    project = work / "interop.qda"
    for folder in ("", "documents", "images", "audio", "video"):
        (project / folder).mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(project / "data.qda")
    for sql in qualcoder_tables(package / "qualcoder"):
        conn.execute(sql)
    conn.execute("insert into project values ('v17', '2026-12-01 00:00:00', '', 'interop', 0, 0, 'interop', '', "
                 "null, null, null)")  # as QualCoder's new_project does
    conn.commit()

    class App:  # what RefiImport reads of QualCoder's App
        def __init__(self) -> None:
            self.conn, self.project_path = conn, str(project)
            self.settings = {"codername": "interop", "directory": str(work), "ai_enable": "False"}
            self.ai_models, self.project_events = None, None

        def write_config_ini(self, *args: object) -> None:
            pass

    class Log:
        def __init__(self) -> None:
            self.lines: list[str] = []

        def append(self, text: object) -> None:
            self.lines.append(str(text))

    class Quiet:  # the importer's closing message box would wait for a click
        def __init__(self, *args: object, **kwargs: object) -> None:
            pass

        def exec(self) -> int:
            return 0

    refi.Message = Quiet
    qdpx = work / "test.qdpx"
    QtWidgets.QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (str(qdpx), "REFI-QDA"))
    log = Log()
    refi.RefiImport(App(), log, "qdpx")
    (work / "qualcoder.log").write_text("\n".join(log.lines), encoding="utf-8")

    cats = {r[0]: (r[1], r[2]) for r in conn.execute("select catid, name, supercatid from code_cat")}
    codes = {r[0]: (r[1], r[2], r[3]) for r in conn.execute("select cid, name, catid, supercid from code_name")}

    def cat_path(catid):  # noqa: ANN001, ANN202
        name, parent = cats[catid]
        return f"{cat_path(parent)}/{name}" if parent else name

    def code_path(cid):  # noqa: ANN001, ANN202
        name, catid, supercid = codes[cid]
        if supercid:
            return f"{code_path(supercid)}/{name}"
        return f"{cat_path(catid)}/{name}" if catid else name

    sources = {r[0]: r[1] for r in conn.execute("select id, name from source")}
    result = {
        "codes": sorted(code_path(c) for c in codes),
        "categories": sorted(cat_path(c) for c in cats),
        "codings": sorted([sources[fid], code_path(cid) if cid in codes else f"(no code {cid})", seltext, owner]
                          for cid, fid, seltext, owner in conn.execute(
                              "select cid, fid, seltext, owner from code_text")),
        "documents": sorted(sources.values()),
        "cases": {},
        "document attributes": sorted([sources.get(i, i), name, value] for name, value, i in conn.execute(
            "select name, value, id from attribute where attr_type='file'")),
        "document variables": sorted(r[0] for r in conn.execute(
            "select name from attribute_type where caseOrFile='file'")),
        "users": sorted({r[0] for r in conn.execute("select owner from code_text")}),
    }
    for caseid, name in conn.execute("select caseid, name from cases"):
        result["cases"][name] = {
            "documents": sorted(sources[r[0]] for r in conn.execute("select fid from case_text where caseid=?",
                                                                     (caseid,))),
            "attributes": {n: v for n, v in conn.execute(
                "select name, value from attribute where attr_type='case' and id=?", (caseid,)) if v is not None},
        }
    (work / "qualcoder.json").write_text(json.dumps(result, ensure_ascii=False, indent=1))
    print(f"QualCoder imported {qdpx}: {len(result['codings'])} codings, {len(result['cases'])} cases")
    code_and_export(refi, QtWidgets, App, Log, conn, work)


ANALYST = "analyst in QualCoder"
QUALCODER_CODINGS = (  # (words, code name): what an analyst codes in QualCoder before exporting the project
    ("We waited weeks for a bank account", "Waiting for a bank account"),  # a new code, after a line break
    ("zapisać się do lekarza", "Health and Social Care: GP registration"),  # Polish
    ("nobody told me why", "Criminal Justice: trust, belief and respect"),  # after an emoji
    ("يكن هناك", "Health and Social Care: interpreters and language"),  # Arabic
)


def code_and_export(refi, QtWidgets, App, Log, conn, work: Path) -> None:  # noqa: ANN001, N803
    """Code four spans in QualCoder (one with a new code), then export with QualCoder's own REFI-QDA export,
    once with its plain line endings and once with its MAXQDA ones -> DIR/qualcoder-coded*.qdpx."""
    import os

    for words, code in QUALCODER_CODINGS:
        row = conn.execute("select cid from code_name where name=?", (code,)).fetchone()
        if row is None:
            conn.execute("insert into code_name (name, memo, owner, date, color) values (?, '', ?, '2026-12-01', "
                         "'#F4FA58')", (code, ANALYST))
            row = conn.execute("select cid from code_name where name=?", (code,)).fetchone()
        fid, text = next((i, t) for i, t in conn.execute("select id, fulltext from source") if words in t)
        start = text.index(words)
        conn.execute("insert into code_text (cid, fid, seltext, pos0, pos1, owner, date, memo, important) "
                     "values (?, ?, ?, ?, ?, ?, '2026-12-01 10:00:00', '', null)",
                     (row[0], fid, words, start, start + len(words), ANALYST))
    conn.commit()
    os.environ["HOME"] = str(work)  # QualCoder prepares its export in ~/.qualcoder
    (work / ".qualcoder").mkdir(exist_ok=True)
    for maxqda in (False, True):
        class Endings:  # the line-endings question QualCoder asks before exporting
            def __init__(self, *args: object) -> None:
                self.ui = type("Ui", (), {"radioButton_maxqda": type("B", (), {"isChecked": lambda s: maxqda})()})()

            def exec(self) -> int:
                return 0

        refi.RefiLineEndings = Endings
        out = work / ("maxqda" if maxqda else "plain")
        out.mkdir(exist_ok=True)
        QtWidgets.QFileDialog.getExistingDirectory = staticmethod(lambda *a, **k: str(out))
        app = App()
        app.project_name, app.version = "qualcoder-coded.qda", "QualCoder (interop check)"
        app.get_annotations = lambda: []
        refi.RefiExport(app, Log(), "project")
        (out / "qualcoder-coded.qdpx").rename(work / f"qualcoder-coded{'-maxqda' if maxqda else ''}.qdpx")
    print(f"QualCoder coded {len(QUALCODER_CODINGS)} spans and exported {work}/qualcoder-coded.qdpx "
          "(and -maxqda.qdpx, with its MAXQDA line endings)")


# --- 4. the coding comes back --------------------------------------------------------------------------
def back(work: Path) -> int:
    """import-coding on QualCoder's own exports: the analyst's codings come back, once."""
    import os

    os.environ.setdefault("TRANSLATION_PROVIDER", "none")
    import shutil

    from bot.importers.coding import CodingFileError, import_coding
    from bot.store import Store

    ok = True
    shutil.copyfile(work / "imsa.db", work / "imsa-maxqda.db")  # each file into the dataset as exported
    for name in ("qualcoder-coded.qdpx", "qualcoder-coded-maxqda.qdpx"):
        store = Store(f"sqlite:///{work / ('imsa-maxqda.db' if 'maxqda' in name else 'imsa.db')}")
        try:
            first = import_coding(store, work / name, apply=True, actor="interop")
            again = import_coding(store, work / name, apply=True, actor="interop")
        except CodingFileError as exc:
            print(f"{name}: refused: {exc}")
            ok = False
            continue
        finally:
            store.engine.dispose()
        placed = sorted(p.words for p in [*first.add, *first.confirm])
        wanted = sorted(w for w, _ in QUALCODER_CODINGS)
        print(f"{name}: {first.selections} codings read; added {len(first.add)} (+{len(first.confirm)} "
              f"suggestions confirmed), {len(first.new_codes)} new code(s), {first.already} already here, "
              f"{len(first.unplaced)} not placed; imported again: added {len(again.add) + len(again.confirm)}")
        for p in [*first.add, *first.confirm]:
            print(f"    + {first.describe(p)}")
        for u in first.unplaced[:5]:
            print(f"    not placed: {u.document} {u.start}-{u.end} {u.code}: {u.reason}")
        ok &= placed == wanted and len(first.new_codes) == 1
        ok &= not first.unplaced and not (again.add or again.confirm or again.new_codes)
    print("The analyst's coding came back, once." if ok else "The coding did NOT come back whole.")
    return 0 if ok else 1


# --- 3. the comparison ---------------------------------------------------------------------------------
def compare(work: Path) -> int:
    expected = json.loads((work / "expected.json").read_text())
    got = json.loads((work / "qualcoder.json").read_text())

    def items(data: dict, key: str) -> list:
        if key == "cases":
            return sorted(json.dumps([n, c], ensure_ascii=False, sort_keys=True) for n, c in data["cases"].items())
        return [json.dumps(x, ensure_ascii=False) for x in data[key]]

    print(f"{'':34} {'export':>8} {'QualCoder':>10}")
    ok = True
    for key, label in (("codes", "codes"), ("categories", "code categories"), ("codings", "codings (code path, text)"),
                       ("documents", "documents"), ("cases", "cases (documents, attributes)"),
                       ("document attributes", "document attributes"), ("document variables", "document variables"),
                       ("users", "coders (users)")):
        mine, theirs = items(expected, key), items(got, key)
        same = sorted(mine) == sorted(theirs)
        ok &= same
        print(f"{label:34} {len(mine):>8} {len(theirs):>10}  {'equal' if same else 'DIFFERENT'}")
        if not same:
            for item in sorted(set(mine) - set(theirs))[:10]:
                print(f"    only in the export:  {item}")
            for item in sorted(set(theirs) - set(mine))[:10]:
                print(f"    only in QualCoder:   {item}")
    print("Nothing lost: QualCoder holds what the export holds." if ok else "QualCoder does not hold the same.")
    return 0 if ok else 1


def main(argv: list[str]) -> int:
    if argv[:1] == ["export"]:
        export(Path(argv[1]))
    elif argv[:1] == ["qualcoder"]:
        qualcoder(Path(argv[1]), Path(argv[2]))
    elif argv[:1] == ["compare"]:
        return compare(Path(argv[1]))
    elif argv[:1] == ["back"]:
        return back(Path(argv[1]))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
