"""Translation review through PO and XLIFF files: export, check, import, stale reviews.

Each test works on a copy of translations/ in a temporary folder; the CLI test points the real
`imsa-voices` command at a temporary project root with IMSA_ROOT.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
import yaml
from lxml import etree

from bot.conversation import i18n
from bot.paths import ROOT
from bot.translations.review import XLIFF_NS, ImportRefused, export, fill_fingerprints, import_file
from bot.translations.yaml_file import render_block, split_blocks

LANGS = [code for code in i18n.languages() if code != i18n.SOURCE]
X = "{%s}" % XLIFF_NS
TODAY = dt.date(2026, 12, 4)


@pytest.fixture
def folder(tmp_path) -> Path:
    shutil.copytree(ROOT / "translations", tmp_path / "translations")
    return tmp_path / "translations"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.yml"))}


def entry(folder: Path, lang: str, key: str) -> dict:
    return yaml.safe_load((folder / f"{lang}.yml").read_text(encoding="utf-8"))["texts"][key]


@pytest.mark.parametrize("fmt", ["po", "xliff"])
def test_export_then_import_changes_nothing_in_any_language(folder, tmp_path, fmt):
    before = snapshot(folder)
    for lang in LANGS:
        out = tmp_path / f"{lang}.{fmt}"
        assert export(lang, fmt, out, folder) == len(i18n.languages()[i18n.SOURCE].texts)
        summary = import_file(out, directory=folder, today=TODAY)
        assert (summary.changed, summary.newly_reviewed) == ([], []), lang
        assert summary.unchanged == len(i18n.languages()[i18n.SOURCE].texts)
    assert snapshot(folder) == before


def test_po_file_carries_key_english_draft_flag_advice_and_header(folder, tmp_path):
    export("pl", "po", tmp_path / "pl.po", folder)
    po = polib.pofile(str(tmp_path / "pl.po"))
    assert po.metadata["Language"] == "pl"
    assert po.metadata["Plural-Forms"].startswith("nplurals=3;")
    assert "Państwo" in po.header  # the per-language advice of docs/TRANSLATIONS.md
    code = next(e for e in po if e.msgctxt == "end.code")
    assert code.msgid == i18n.languages()["en"].texts["end.code"]
    assert code.msgstr == i18n.languages()["pl"].texts["end.code"]
    assert "fuzzy" in code.flags and "python-brace-format" in code.flags
    assert "{code}" in code.comment
    exit_prefix = next(e for e in po if e.msgctxt == "widget.exit.prefix")
    assert "screen reader" in exit_prefix.comment


def test_xliff_file_has_the_structure_cat_tools_read(folder, tmp_path):
    export("ar", "xliff", tmp_path / "ar.xlf", folder)
    root = etree.parse(str(tmp_path / "ar.xlf")).getroot()
    assert root.tag == X + "xliff" and root.get("version") == "1.2"
    file = root.find(X + "file")
    assert (file.get("source-language"), file.get("target-language")) == ("en", "ar")
    unit = file.find(f"{X}body/{X}trans-unit[@id='end.code']")
    assert unit.find(X + "source").text == i18n.languages()["en"].texts["end.code"]
    assert unit.find(X + "target").get("state") == "needs-review-translation"
    assert any("right-to-left" in n.text for n in unit.findall(X + "note"))


def test_an_edit_in_a_po_editor_updates_only_what_changed_and_records_the_reviewer(folder, tmp_path):
    path = tmp_path / "fr.po"
    export("fr", "po", path, folder)
    po = polib.pofile(str(path))
    by_key = {e.msgctxt: e for e in po}
    by_key["consent.no"].msgstr = "Non, merci"          # changed wording, still a draft
    by_key["consent.yes"].flags.remove("fuzzy")         # checked and agreed: reviewed
    by_key["age.yes"].flags.remove("fuzzy")
    po.metadata["Last-Translator"] = "Amélie Martin <amelie@example.org>"
    po.save(str(path))
    before = (folder / "fr.yml").read_text(encoding="utf-8").splitlines()

    summary = import_file(path, directory=folder, today=TODAY)

    assert sorted(summary.changed) == ["age.yes", "consent.no", "consent.yes"]
    assert sorted(summary.newly_reviewed) == ["age.yes", "consent.yes"]
    assert summary.unchanged == len(po) - 3
    assert "3 changed, 2 newly reviewed" in summary.report()
    no = entry(folder, "fr", "consent.no")
    assert no["text"] == "Non, merci" and no["status"] == "draft"
    assert no["reviewer"] == "Amélie Martin <amelie@example.org>" and no["date"] == TODAY
    assert no["source"] == i18n.fingerprint(i18n.languages()["en"].texts["consent.no"])
    assert entry(folder, "fr", "consent.yes")["status"] == "reviewed"
    after = (folder / "fr.yml").read_text(encoding="utf-8").splitlines()
    diff = list(difflib.unified_diff(before, after, lineterm="", n=0))
    removed = [line[1:] for line in diff if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in diff if line.startswith("+") and not line.startswith("+++")]
    assert len(removed) == 3 and all(line.startswith(("    text:", "    status:")) for line in removed)
    assert len(added) == 3 + 3 * 2  # the new lines, and reviewer and date on each changed entry
    fr = i18n.load_languages(folder)["fr"]
    assert fr.statuses["consent.yes"] == "reviewed" and fr.statuses["consent.no"] == "draft"
    assert i18n.coverage(i18n.load_languages(folder))["fr"]["reviewed"] == 2
    # the same file again: nothing more to change
    assert import_file(path, directory=folder, today=TODAY).changed == []


def test_reviewer_option_wins_and_a_change_without_any_reviewer_is_refused(folder, tmp_path):
    path = tmp_path / "es.po"
    export("es", "po", path, folder)
    po = polib.pofile(str(path))
    po[0].flags.remove("fuzzy")
    po.save(str(path))
    before = snapshot(folder)
    with pytest.raises(ImportRefused, match="--reviewer"):
        import_file(path, directory=folder)
    assert snapshot(folder) == before
    import_file(path, reviewer="Lucía", directory=folder, today=TODAY)
    assert entry(folder, "es", po[0].msgctxt)["reviewer"] == "Lucía"


def test_a_file_with_bad_entries_is_refused_naming_every_one_and_nothing_changes(folder, tmp_path):
    path = tmp_path / "ar.po"
    export("ar", "po", path, folder)
    po = polib.pofile(str(path))
    by_key = {e.msgctxt: e for e in po}
    by_key["end.code"].msgstr = by_key["end.code"].msgstr.replace("{code}", "{kod}")
    by_key["consent.no"].msgstr = "   "
    by_key["consent.yes"].msgstr = "<b>نعم</b>"
    by_key["age.yes"].msgstr = "\u202bنعم\u202c"                 # an embedding instead of an isolate
    by_key["age.no"].msgstr = "\u2068لا"                         # an isolate never closed
    by_key["help.helpline"].msgstr = by_key["help.helpline"].msgstr.replace("{helpline}", "08000 121 700")
    by_key["welcome.text"].msgctxt = "welcome.txet"
    po.save(str(path))
    before = snapshot(folder)

    with pytest.raises(ImportRefused) as refused:
        import_file(path, reviewer="Someone", directory=folder)

    report = refused.value.report()
    for key, words in [("end.code", "placeholders ['kod']"), ("consent.no", "empty"), ("consent.yes", "HTML"),
                       ("age.yes", "embedding"), ("age.no", "isolate"), ("help.helpline", "08000121700"),
                       ("welcome.txet", "not a key")]:
        assert any(line.strip().startswith(f"{key}:") and words in line for line in report.splitlines()), (key, report)
    assert "nothing changed" in report
    assert snapshot(folder) == before


def test_a_broken_xliff_file_is_refused(folder, tmp_path):
    path = tmp_path / "so.xlf"
    export("so", "xliff", path, folder)
    tree = etree.parse(str(path))
    target = tree.getroot().find(f"{X}file/{X}body/{X}trans-unit[@id='end.code']/{X}target")
    target.text = target.text.replace("{code}", "")
    target.set("state", "final")
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    before = snapshot(folder)
    with pytest.raises(ImportRefused, match=r"end\.code: placeholders \[\] but English has \['code'\]"):
        import_file(path, reviewer="R", directory=folder)
    target.text = target.text.replace("{code}", "") + "{code}"
    etree.SubElement(tree.getroot().find(f"{X}file/{X}body/{X}trans-unit[@id='consent.yes']/{X}target"), X + "g")
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    with pytest.raises(ImportRefused, match=r"consent\.yes: inline markup \(<g>\)"):
        import_file(path, reviewer="R", directory=folder)
    path.write_text(path.read_text(encoding="utf-8")[:-40], encoding="utf-8")  # cut short: not well-formed
    with pytest.raises(ImportRefused, match="not well-formed"):
        import_file(path, reviewer="R", directory=folder)
    path.write_text('<?xml version="1.0"?><xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"/>')
    with pytest.raises(ImportRefused, match="not XLIFF 1.2"):
        import_file(path, reviewer="R", directory=folder)
    assert snapshot(folder) == before


def test_a_po_file_for_english_or_an_unknown_language_is_refused(folder, tmp_path):
    path = tmp_path / "x.po"
    export("fr", "po", path, folder)
    po = polib.pofile(str(path))
    for language, words in [("en", "English is the source"), ("xx", "not one of the bot's"), ("", "no Language")]:
        po.metadata["Language"] = language
        po.save(str(path))
        with pytest.raises(ImportRefused, match=words):
            import_file(path, reviewer="R", directory=folder)
    path.write_text("hello world\n", encoding="utf-8")
    with pytest.raises(ImportRefused, match="not a readable PO file"):
        import_file(path, reviewer="R", directory=folder)


def test_xliff_final_state_marks_reviewed(folder, tmp_path):
    path = tmp_path / "vi.xlf"
    export("vi", "xliff", path, folder)
    tree = etree.parse(str(path))
    tree.getroot().find(f"{X}file/{X}body/{X}trans-unit[@id='consent.yes']/{X}target").set("state", "translated")
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    summary = import_file(path, reviewer="Minh", directory=folder, today=TODAY)
    assert summary.newly_reviewed == ["consent.yes"] and summary.changed == ["consent.yes"]
    assert entry(folder, "vi", "consent.yes")["status"] == "reviewed"


def test_when_the_english_changes_a_review_becomes_needs_review_until_checked_again(folder, tmp_path):
    path = tmp_path / "pt.po"
    export("pt", "po", path, folder)
    po = polib.pofile(str(path))
    next(e for e in po if e.msgctxt == "consent.no").flags.remove("fuzzy")
    po.save(str(path))
    import_file(path, reviewer="Ana", directory=folder, today=TODAY)
    assert i18n.load_languages(folder)["pt"].statuses["consent.no"] == "reviewed"

    en = folder / "en.yml"
    en.write_text(en.read_text(encoding="utf-8").replace('  consent.no: "No"\n', '  consent.no: "No, thank you"\n'),
                  encoding="utf-8")
    langs = i18n.load_languages(folder)
    assert langs["en"].texts["consent.no"] == "No, thank you"
    assert langs["pt"].statuses["consent.no"] == i18n.NEEDS_REVIEW
    assert langs["pt"].texts["consent.no"] == i18n.languages()["pt"].texts["consent.no"]  # still shown
    counts = i18n.coverage(langs)
    assert counts["pt"]["needs_review"] == 1 and counts["pt"]["reviewed"] == 0
    assert all(counts[code]["needs_review"] == 1 for code in LANGS)  # every language's draft is stale too
    assert "needs_review" in i18n.coverage_report(langs).splitlines()[0]

    # exported again it is fuzzy, with a note saying why; checked against the new English it is reviewed again
    export("pt", "po", path, folder)
    po = polib.pofile(str(path))
    stale = next(e for e in po if e.msgctxt == "consent.no")
    assert "fuzzy" in stale.flags and "English changed" in stale.comment
    assert import_file(path, directory=folder).changed == []  # a round trip leaves it stale
    stale.flags.remove("fuzzy")
    stale.msgstr = "Não, obrigado"
    po.save(str(path))
    summary = import_file(path, reviewer="Ana", directory=folder, today=TODAY)
    assert summary.newly_reviewed == ["consent.no"]
    assert i18n.load_languages(folder)["pt"].statuses["consent.no"] == "reviewed"


def test_a_file_made_from_older_english_stays_needs_review(folder, tmp_path):
    path = tmp_path / "ro.po"
    export("ro", "po", path, folder)
    en = folder / "en.yml"
    en.write_text(en.read_text(encoding="utf-8").replace('  consent.no: "No"\n', '  consent.no: "No, thanks"\n'),
                  encoding="utf-8")
    po = polib.pofile(str(path))
    next(e for e in po if e.msgctxt == "consent.no").flags.remove("fuzzy")
    po.save(str(path))
    summary = import_file(path, reviewer="Ioana", directory=folder, today=TODAY)
    assert summary.older_english == ["consent.no"] and summary.newly_reviewed == []
    assert i18n.load_languages(folder)["ro"].statuses["consent.no"] == i18n.NEEDS_REVIEW


def test_fingerprints_are_filled_once_and_kept(folder):
    path = folder / "sq.yml"
    path.write_text("".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
                            if not line.startswith("    source:")), encoding="utf-8")
    assert i18n.coverage(i18n.load_languages(folder))["sq"]["unmarked"] == len(i18n.languages()["en"].texts)
    assert fill_fingerprints(folder)["sq"] == len(i18n.languages()["en"].texts)
    assert (folder / "sq.yml").read_bytes() == (ROOT / "translations" / "sq.yml").read_bytes()
    assert set(fill_fingerprints(folder).values()) == {0}


def test_rewriting_a_block_unchanged_gives_the_same_lines_in_every_file():
    for path in sorted((ROOT / "translations").glob("*.yml")):
        if path.stem == i18n.SOURCE:
            continue
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        texts = yaml.safe_load("".join(lines))["texts"]
        _, blocks = split_blocks(lines)
        assert set(blocks) == set(texts), path
        for key, (first, end) in blocks.items():
            assert render_block(key, texts[key]) == lines[first:end], (path.name, key)


def test_the_command_exports_and_imports_in_a_project_root(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(ROOT / "translations", root / "translations")
    shutil.copytree(ROOT / "data", root / "data")
    (root / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "TRANSLATIONS.md", root / "docs")
    env = {**os.environ, "IMSA_ROOT": str(root)}
    cli = [sys.executable, "-m", "bot.cli.commands", "translations"]

    def run(*args):
        return subprocess.run(cli + list(args), env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)

    out = tmp_path / "ur.po"
    done = run("export", "--language", "ur", "--format", "po", "--out", str(out))
    assert done.returncode == 0, done.stderr
    po = polib.pofile(str(out))
    next(e for e in po if e.msgctxt == "consent.yes").flags.remove("fuzzy")
    broken = next(e for e in po if e.msgctxt == "end.code")
    good = broken.msgstr
    broken.msgstr = good.replace("{code}", "{رمز}")
    po.save(str(out))
    refused = run("import", str(out), "--reviewer", "Sana")
    assert refused.returncode == 1 and "end.code: placeholders" in refused.stderr
    broken.msgstr = good
    po.save(str(out))
    done = run("import", str(out), "--reviewer", "Sana")
    assert done.returncode == 0, done.stderr
    assert "ur: 1 changed, 1 newly reviewed" in done.stdout
    assert entry(root / "translations", "ur", "consent.yes")["reviewer"] == "Sana"
    table = run()
    ur_row = next(line for line in table.stdout.splitlines() if line.startswith("ur "))
    drafts = sum(1 for v in (yaml.safe_load((root / "translations" / "ur.yml").read_text(encoding="utf-8"))["texts"]
                             .values()) if isinstance(v, dict) and v.get("status") == "draft")
    assert drafts > 100 and ur_row.split()[4:6] == ["1", str(drafts)]  # reviewed, draft (the one just reviewed is not)


def test_a_reviewers_name_and_fingerprints_never_become_everyday_words_for_redaction():
    from bot.anonymise.lexicon import fold, own_words

    words = own_words("sq")
    assert fold("source") not in words and fold("reviewer") not in words
    sq = i18n.languages()["sq"]
    hex_words = {fold(w) for fp in sq.sources.values() for w in re.findall(r"[a-f]+", fp)}
    text_words = {fold(w) for t in sq.texts.values() for w in re.findall(r"\w+", t)}
    assert not (hex_words - text_words) & words


def test_gnu_gettext_accepts_every_export_and_its_reformatting_imports_unchanged(folder, tmp_path):
    """msgfmt checks the file and its python-brace-format placeholders as Weblate and Poedit do; msgcat
    rewraps it the way a PO editor saves it."""
    before = snapshot(folder)
    for lang in LANGS:
        path, edited = tmp_path / f"{lang}.po", tmp_path / f"{lang}.edited.po"
        export(lang, "po", path, folder)
        checked = subprocess.run(["msgfmt", "--check", "--use-fuzzy", "-o", os.devnull, str(path)],
                                 capture_output=True, text=True)
        assert checked.returncode == 0, (lang, checked.stderr)
        subprocess.run(["msgcat", "--width=79", str(path), "-o", str(edited)], check=True)
        assert edited.read_text(encoding="utf-8") != path.read_text(encoding="utf-8")
        assert import_file(edited, directory=folder).changed == [], lang
    assert snapshot(folder) == before
    # and msgfmt, like the importer, catches a broken placeholder
    po = polib.pofile(str(tmp_path / "ar.po"))
    broken = next(e for e in po if e.msgctxt == "end.code")
    broken.msgstr = broken.msgstr.replace("{code}", "{kod}")
    po.save(str(path))
    assert subprocess.run(["msgfmt", "--check", "--use-fuzzy", "-o", os.devnull, str(path)],
                          capture_output=True).returncode != 0


def test_a_key_the_language_lacks_exports_empty_and_is_added_in_place_once_translated(folder, tmp_path):
    path = folder / "sq.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    _, blocks = split_blocks(lines)
    first, end = blocks["consent.no"]
    path.write_text("".join(lines[:first] + lines[end:]), encoding="utf-8")
    for fmt in ("po", "xliff"):
        out = tmp_path / f"sq.{fmt}"
        export("sq", fmt, out, folder)
        summary = import_file(out, directory=folder)  # left empty: not refused, nothing written
        assert summary.untranslated == ["consent.no"] and summary.changed == []
    po = polib.pofile(str(tmp_path / "sq.po"))
    missing = next(e for e in po if e.msgctxt == "consent.no")
    assert missing.msgstr == "" and "fuzzy" not in missing.flags
    missing.msgstr = "Jo"
    po.save(str(tmp_path / "sq.po"))
    summary = import_file(tmp_path / "sq.po", reviewer="Arta", directory=folder, today=TODAY)
    assert summary.changed == ["consent.no"] and summary.newly_reviewed == ["consent.no"]
    _, blocks = split_blocks((folder / "sq.yml").read_text(encoding="utf-8").splitlines(keepends=True))
    order = list(blocks)
    assert order.index("consent.no") == order.index("consent.yes") + 1  # where English has it
    assert i18n.load_languages(folder)["sq"].texts["consent.no"] == "Jo"
