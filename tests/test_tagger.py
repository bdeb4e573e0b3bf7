"""The learned name tagger (bot.anonymise.tagger): what it learns, what it may add, where its model lives.

Its effect on the corpora is measured by `python -m bot.anonymise.evaluate` (with and without
`--rules-only`) and kept in docs/REDACTION.md; the floors in test_names_redaction.py hold it."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from bot import settings
from bot.anonymise import redact, tagger
from bot.anonymise.evaluate import PARTS, load_part
from bot.anonymise.uncertain import POSSIBLE_NAME, doubts

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    """A cache of its own, and the process's tagger forgotten before and after."""
    settings.override(cache_dir=tmp_path / "cache")
    tagger.reset()
    yield tmp_path / "cache"
    settings.reset()
    tagger.reset()


# invented, rare, lower-case given names: no list knows them, so only where they stand can say "person"
INVENTED = ["zorvek", "talumi", "brenvo", "kasrit", "moluva", "pennak", "drosim", "vaskel", "imrota", "fendu",
            "quorla", "belsan", "orvita", "nuskel", "jarvom", "tepsil", "ludrak", "semvar", "hokuta", "ranzil"]
TEMPLATES = ["yesterday {} helped me with the forms", "the boss {} took all our money",
             "i was scared of {} every day", "{} from the church gave me food"]
EVERYDAY = ["yesterday nobody helped me with the forms", "the boss never took a day off",
            "i was scared of the dogs every day", "people from the church gave me food"]


def invented_parts(tmp_path, monkeypatch, invented, templates, everyday) -> list[str]:
    """Three invented parts of six names each (every name in every template) and the everyday sentences, as
    crossval's material (its load_part and cache patched), prepared; their names."""
    from bot.anonymise import crossval
    from bot.anonymise.evaluate import load_corpus

    names = []
    for k in range(3):
        chunk = invented[6 * k:6 * k + 6]
        lines = ["items:"] + [f'- {{text: "{t.format(n)}", lang: en, entities: [[NAME, "{n}"]]}}'
                              for n in chunk for t in templates] + \
                [f'- {{text: "{t}", lang: en, entities: []}}' for t in everyday]
        (tmp_path / f"p{k}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        names.append(f"p{k}")
    monkeypatch.setattr(crossval, "load_part", lambda name: load_corpus(tmp_path / f"{name}.yml", "dev"))
    monkeypatch.setattr(crossval, "_DATA", {})
    crossval._prepare(names)
    return names


def _corpus(folder: Path, names: list[str]) -> Path:
    lines = ["items:"]
    for name in names:
        for template in TEMPLATES:
            lines.append(f'- {{text: "{template.format(name)}", lang: en, entities: [[NAME, "{name}"]]}}')
    lines += [f'- {{text: "{text}", lang: en, entities: []}}' for text in EVERYDAY * 5]
    path = folder / "dev.yml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_it_learns_where_names_stand_not_which_names(own_cache, tmp_path, monkeypatch) -> None:
    corpus = _corpus(tmp_path, INVENTED[:16])
    monkeypatch.setattr(tagger, "corpus_files", lambda: [corpus])
    path = tagger.build()
    assert path is not None and path.exists() and path.parent == own_cache / "tagger"
    for name in INVENTED[16:]:        # names it never saw, where names stood
        text = TEMPLATES[0].format(name)
        _, scored = tagger.probabilities(text, "en")
        p = {w.text: prob for w, prob in scored}
        assert p[name] >= tagger.SURE, (name, p)
        assert max(v for k, v in p.items() if k != name) < tagger.DOUBT, p
    _, scored = tagger.probabilities(EVERYDAY[0], "en")
    assert all(prob < tagger.DOUBT for _, prob in scored)
    # a rare word is never a feature of its own: no name of the corpus is in the model
    import pycrfsuite

    model = pycrfsuite.Tagger()
    model.open(str(path))
    attributes = {attribute for (attribute, _label) in model.info().state_features}
    assert not any(name in attribute.split("=", 1)[-1].split("|") for name in INVENTED for attribute in attributes)
    assert "self=<unknown>" in attributes or "self=<word>" in attributes


def test_the_model_is_kept_by_content_and_old_ones_pruned(own_cache, tmp_path, monkeypatch) -> None:
    corpus = _corpus(tmp_path, INVENTED[:8])
    monkeypatch.setattr(tagger, "corpus_files", lambda: [corpus])
    first = tagger.build()
    assert tagger.build() == first                     # kept: not trained again
    mtime = first.stat().st_mtime_ns
    assert tagger.build() == first and first.stat().st_mtime_ns == mtime
    made = [first]
    for extra in INVENTED[8:11]:                       # the corpus changes: a new model, the newest three kept
        corpus.write_text(corpus.read_text(encoding="utf-8")
                          + f'- {{text: "{extra} came", lang: en, entities: [[NAME, "{extra}"]]}}\n', encoding="utf-8")
        tagger.fingerprint.cache_clear()
        made.append(tagger.build())
    assert len(set(made)) == 4
    assert sorted(p.name for p in (own_cache / "tagger").glob("names-*.crfsuite")) == sorted(p.name for p in made[1:])


def test_without_a_corpus_the_rules_work_alone(own_cache, monkeypatch) -> None:
    monkeypatch.setattr(tagger, "corpus_files", lambda: [])
    assert tagger.build() is None and tagger.get_tagger() is None
    assert redact("My name is Sarah Okafor, call 07700 900123").text == "My name is [NAME], call [PHONE]"
    assert not (own_cache / "tagger").exists()


class Sure:
    """A tagger that believes every word is a name (what may_add lets through is what is left)."""

    def __init__(self, p: float) -> None:
        self.p = p

    def probabilities(self, xseq):
        return [self.p] * len(xseq)


def test_it_never_adds_a_word_the_allow_list_knows(monkeypatch) -> None:
    monkeypatch.setattr(tagger, "get_tagger", lambda wait=True: Sure(0.99))
    tagger._last.entry = None
    text = "Salvation Army in London on Monday, the Home Office and 12 Tigrinya from Eritrea"
    # every word the lists call safe (organisation, place, language), every function word and the number; a
    # safe word a name list has too (Monday, May, Sunday) only when the tagger is very sure
    assert redact(text, "en").text == text.replace("Monday", "[NAME]")
    tagger._last.entry = None
    monkeypatch.setattr(tagger, "get_tagger", lambda wait=True: Sure(tagger.SAFE_NAME_SURE - 0.01))
    assert redact(text, "en").text == text
    tagger._last.entry = None
    # what is left to add is only the words no list vouches for
    assert redact(text + " and people", "en").text == text + " and [NAME]"
    tagger._last.entry = None


def test_words_it_half_believes_go_to_review_and_sure_ones_are_redacted(monkeypatch) -> None:
    text = "yesterday people helped me"     # the rules keep "people": what the tagger believes decides
    monkeypatch.setattr(tagger, "get_tagger", lambda wait=True: Sure((tagger.DOUBT + tagger.SURE) / 2))
    tagger._last.entry = None
    assert redact(text, "en").text == text                          # half-believed: kept, but ...
    assert any(d.kind == POSSIBLE_NAME and text[d.start:d.end] == "people" for d in doubts(text, "en"))
    monkeypatch.setattr(tagger, "get_tagger", lambda wait=True: Sure(0.7))
    tagger._last.entry = None
    assert "people" not in redact(text, "en").text                   # sure: redacted
    assert redact(text, "en", learned=False).text == text            # the rules alone keep it
    tagger._last.entry = None


def test_a_full_name_the_tagger_finds_is_one_placeholder(monkeypatch) -> None:
    monkeypatch.setattr(tagger, "get_tagger", lambda wait=True: Sure(0.9))
    tagger._last.entry = None
    words = tagger.words_of("zorvek talumi came", "en")
    assert tagger.name_spans("zorvek talumi came", words, [True, True, False]) == [(0, 13)]
    han = tagger.words_of("王小明来了", "zh")
    assert tagger.name_spans("王小明来了", han, [True, True, True, False, False]) == [(0, 3)]
    tagger._last.entry = None


# fresh sentences (in no corpus) in the shapes of the scripts without capitals where the rules had no
# rule: a verb first, then a name
@pytest.mark.parametrize("text,language,name", [
    ("هات کاروان و پارەکەی برد", "ckb", "کاروان"),
    ("ਆਇਆ ਸੀ ਗੁਰਪ੍ਰੀਤ ਤੇ ਪੈਸੇ ਲੈ ਗਿਆ", "pa", "ਗੁਰਪ੍ਰੀਤ"),
    ("መጺኡ ዳኒኤል ነቲ ወረቐት ሂቡኒ", "ti", "ዳኒኤል"),
])
def test_the_corpus_model_finds_names_where_they_stand(text: str, language: str, name: str) -> None:
    tagger._last.entry = None
    _, scored = tagger.probabilities(text, language)
    assert {w.text: p for w, p in scored}[name] >= tagger.SURE
    assert name not in redact(text, language).text


def test_it_learns_from_the_spent_parts_only() -> None:
    files = {p.resolve() for p in tagger.corpus_files()}
    assert files
    for part in PARTS:
        from bot.anonymise.evaluate import part_paths

        for path in part_paths(part.name):
            assert (path.resolve() in files) == (not part.held_out), path


def test_evaluate_reports_the_rules_alone_and_with_the_tagger() -> None:
    out = {}
    for flag in ([], ["--rules-only"]):
        out[bool(flag)] = subprocess.run(
            [sys.executable, "-m", "bot.anonymise.evaluate", "--split", "heldout3", *flag],
            cwd=ROOT, capture_output=True, text=True, timeout=300, check=True).stdout
    assert "[the rules alone]" in out[True] and "[the rules alone]" not in out[False]
    assert "names missed but highlighted in the review queue" in out[False]

    def name_recall(text: str) -> float:
        return float(next(line for line in text.splitlines() if line.startswith("NAME ")).split()[-1])

    assert name_recall(out[False]) > name_recall(out[True])   # trained on heldout3: it adds what the rules missed


def test_build_command_prints_the_model() -> None:
    out = subprocess.run([sys.executable, "-m", "bot.anonymise.tagger"], cwd=ROOT, capture_output=True,
                         text=True, timeout=600, check=True).stdout
    assert out.startswith(str(tagger.model_dir())) and ".crfsuite" in out


def test_names_in_many_threads_at_once() -> None:
    """One crfsuite tagger holds one sequence at a time: answers redacted in several threads at once get
    the same results as one by one."""
    from concurrent.futures import ThreadPoolExecutor

    items = load_part("heldout5")[:120]
    random.Random(1).shuffle(items)
    alone = [redact(i.text, i.language).text for i in items]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda i: redact(i.text, i.language).text, items))
    assert together == alone


def test_a_survivors_turn_never_waits_for_training(own_cache, tmp_path, monkeypatch) -> None:
    """Redaction on a machine whose cache has no model yet: the rules alone, at once, and the answer waits
    in the review queue; the model is trained in a thread meanwhile and used from then on."""
    import threading

    from bot.anonymise.uncertain import uncertain

    corpus = _corpus(tmp_path, INVENTED[:16])
    monkeypatch.setattr(tagger, "corpus_files", lambda: [corpus])
    release = threading.Event()
    real_build = tagger.build

    def slow_build(force: bool = False):
        assert release.wait(120)          # training holds until the answer below has been redacted
        return real_build(force)

    monkeypatch.setattr(tagger, "build", slow_build)
    text = "the river was cold"
    assert redact(text, "en").text == text                       # answered while training is held
    assert tagger._building is not None and tagger._building.is_alive()
    assert not tagger.ready() and uncertain(text, "en")          # redacted by the rules alone: to review
    release.set()
    tagger._building.join(timeout=120)
    assert tagger.model_path().exists()
    tagger._last.entry = None
    assert redact(text, "en").text == text
    assert tagger.ready() and not uncertain(text, "en")          # the model is used from then on


def test_a_failed_background_build_is_not_retried_on_every_answer(own_cache, tmp_path, monkeypatch) -> None:
    """A cache it cannot write (say): the answers stay with the rules alone and go to review, and training is
    not started again for each one (30 s of CPU per answer)."""
    from bot.anonymise.uncertain import uncertain

    corpus = _corpus(tmp_path, INVENTED[:4])
    monkeypatch.setattr(tagger, "corpus_files", lambda: [corpus])
    calls = []

    def failing_build(force: bool = False):
        calls.append(force)
        raise OSError("read-only cache")

    monkeypatch.setattr(tagger, "build", failing_build)
    for text in ("the river was cold", "the bus was late", "the food was cold"):
        tagger._last.entry = None
        assert redact(text, "en").text == text
        tagger._building.join(timeout=30)
        assert not tagger.ready() and uncertain(text, "en")
    assert calls == [False]


def test_a_word_that_is_a_place_as_well_as_a_name_needs_more_certainty(monkeypatch) -> None:
    """Zubair, Larisa, Sokol: in the gazetteer and the name list. The rules leave them to where they stand;
    the tagger may add one only from PLACE_SURE (it never could before round 11), and doubts it from PLACE_DOUBT."""
    text = "the police and Zubair"
    assert [w.kind for w in tagger.words_of(text, "en")][-1] == "name_place"
    assert redact(text, "en", learned=False).text == text
    for p, redacted, doubted in ((tagger.PLACE_SURE + 0.05, True, True),
                                 ((tagger.PLACE_DOUBT + tagger.PLACE_SURE) / 2, False, True),
                                 (tagger.PLACE_DOUBT - 0.05, False, False)):
        monkeypatch.setattr(tagger, "get_tagger", lambda wait=True, p=p: Sure(p))
        tagger._last.entry = None
        assert (redact(text, "en").text == "the police and [NAME]") is redacted, p
        tagger._last.entry = None
        assert ((15, 21) in tagger.doubtful_words(text, "en")) is doubted, p   # the tagger's own doubt
    tagger._last.entry = None


def test_the_corpus_model_adds_a_place_name_where_a_person_stands_and_keeps_it_where_a_place_does() -> None:
    tagger._last.entry = None
    assert redact("the police arrested Zubair last week", "en").text == "the police arrested [NAME] last week"
    assert redact("i was in Zubair for two years", "en").text == "i was in Zubair for two years"


def test_crossval_scores_each_part_with_a_model_that_never_saw_it(monkeypatch, tmp_path) -> None:
    """bot.anonymise.crossval: leave one part out, train on the others, score it at each threshold."""
    from bot.anonymise import crossval

    invented_parts(tmp_path, monkeypatch, INVENTED, TEMPLATES, EVERYDAY)
    thresholds = (tagger.SURE, tagger.PLACE_SURE, tagger.SAFE_NAME_SURE)
    settings_tried = ((0.2, 0.0), (0.5, 0.0), (0.99, 0.0), (0.5, 1.01))
    name, out, _ = crossval._fold("p0", settings_tried, tagger.C1, tagger.C2)
    assert name == "p0"
    assert (tagger.SURE, tagger.PLACE_SURE, tagger.SAFE_NAME_SURE) == thresholds   # tried, never changed
    assert {c["expected"] for c in out.values()} == {6 * len(TEMPLATES)}
    assert {c["negatives"] for c in out.values()} == {len(EVERYDAY)}
    recall = [out[(t, 0.0)]["found"] for t in (0.2, 0.5, 0.99)]
    assert recall == sorted(recall, reverse=True)       # a lower threshold never finds fewer names
    assert out[(0.5, 0.0)]["found"] > out[(0.99, 0.0)]["found"] or \
        out[(0.5, 0.0)]["found"] == out[(0.5, 0.0)]["expected"]
    # names it never saw, in the places names stood in the other parts: most are found
    assert out[(0.5, 0.0)]["found"] >= 0.75 * out[(0.5, 0.0)]["expected"]
    # a veto above every probability overrules every name of the rules: they are all kept, and all marked for
    # review (none of these invented names is the rules' own: what is found at 0.5 is the tagger's)
    vetoed, plain = out[(0.5, 1.01)], out[(0.5, 0.0)]
    assert vetoed["found"] <= plain["found"]
    assert vetoed["expected"] - vetoed["found"] == vetoed["flagged"] + (plain["expected"] - plain["found"]
                                                                        - plain["flagged"])


def test_a_name_of_the_rules_the_tagger_overrules_is_kept_and_marked_for_review(monkeypatch) -> None:
    """tagger.VETO: a name the rules found whose every word the tagger gives P below VETO is kept, and the
    review queue marks it."""
    text = "Arben came with me to the council"
    monkeypatch.setattr(tagger, "get_tagger", lambda wait=True: Sure(0.01))
    monkeypatch.setattr(tagger, "VETO", 0.0)                 # no veto: the rules' name goes
    tagger._last.entry = None
    assert redact(text, "en").text == "[NAME] came with me to the council"
    monkeypatch.setattr(tagger, "VETO", 0.02)                # overruled: kept, and marked for review
    tagger._last.entry = None
    assert redact(text, "en").text == text
    tagger._last.entry = None
    assert any(d.kind == POSSIBLE_NAME and text[d.start:d.end] == "Arben" for d in doubts(text, "en"))
    monkeypatch.setattr(tagger, "get_tagger", lambda wait=True: Sure(0.02))   # P not below VETO: redacted
    tagger._last.entry = None
    assert redact(text, "en").text == "[NAME] came with me to the council"
    tagger._last.entry = None
    assert redact(text, "en", learned=False).text == "[NAME] came with me to the council"   # the rules alone
    tagger._last.entry = None
