"""Round 17: `python -m bot.anonymise.crossval --folds K` does what round 16's uncommitted driver did: the spent parts
in k folds of whole parts, the shapes' thresholds swept over the folds' kept probabilities, each setting scored by
the loss in the goals' error budgets, a table printed. Run here on a tiny invented corpus."""

from __future__ import annotations

from collections import Counter

import pytest

from bot import settings
from bot.anonymise import crossval, tagger
from tests.test_tagger import invented_parts

# invented lower-case given names that no list knows: only where they stand says "person"
INVENTED = ["zorvek", "talumi", "brenvo", "kasrit", "moluva", "pennak", "drosim", "vaskel", "imrota", "fendu",
            "quorla", "belsan", "orvita", "nuskel", "jarvom", "tepsil", "ludrak", "semvar"]
TEMPLATES = ["yesterday {} helped me fill in the forms", "the boss {} kept all our wages",
             "i was afraid of {} every night", "{} from the mosque brought us blankets"]
EVERYDAY = ["yesterday nobody helped me fill in the forms", "the boss never took a holiday",
            "i was afraid of the dogs every night", "people from the mosque brought us blankets"]


@pytest.fixture
def tiny(tmp_path, monkeypatch):
    """Four invented parts of six writers' names each, as crossval's material; a cache of its own."""
    settings.override(cache_dir=tmp_path / "cache")
    yield invented_parts(tmp_path, monkeypatch, INVENTED, TEMPLATES, EVERYDAY)
    settings.reset()


def test_the_folds_are_whole_parts_each_in_one_fold_and_of_about_as_many_answers() -> None:
    crossval._DATA.clear()
    try:
        for name, size in (("a", 10), ("b", 9), ("c", 4), ("d", 4), ("e", 2)):
            crossval._DATA[name] = ([None] * size, [], [])
        folds = crossval.fold_groups(list(crossval._DATA), 2)
        assert sorted(n for f in folds for n in f) == ["a", "b", "c", "d", "e"]
        assert [sum(len(crossval._DATA[n][0]) for n in f) for f in folds] in ([14, 15], [15, 14])
        assert crossval.fold_groups(list(crossval._DATA), 2) == folds            # the same folds every run
        assert len(crossval.fold_groups(list(crossval._DATA), 9)) == 5           # never more folds than parts
    finally:
        crossval._DATA.clear()


def test_the_loss_is_each_shortfall_in_its_goals_error_budget() -> None:
    perfect = Counter(found=10, expected=10, hit=10, predicted=10, kept=5, negatives=5)
    assert crossval.figures(perfect)[4] == 0
    # 2 names in 100 missed is one recall budget; precision 0.9 one precision budget; 19 of 20 negatives kept, one
    c = Counter(found=98, expected=100, hit=90, predicted=100, kept=19, negatives=20)
    recall, precision, kept, f2, loss = crossval.figures(c)
    assert (recall, precision, kept) == (0.98, 0.9, 0.95)
    assert loss == pytest.approx(3.0)
    assert f2 == pytest.approx(5 * 0.9 * 0.98 / (4 * 0.9 + 0.98))


def test_a_word_answers_to_its_shapes_threshold() -> None:
    words = {w.text: w for w in tagger.words_of("Patience came. then amani came with ሰላም and Juma", "en")}
    assert tagger.shape_of(words["Patience"]) == "opening"
    assert tagger.shape_of(words["amani"]) == "lower"
    assert tagger.shape_of(words["ሰላም"]) == "geez"
    assert tagger.shape_of(words["Juma"]) == ""        # a capital inside a sentence: the ordinary threshold
    assert tagger.shape_sure(words["Patience"]) == tagger.OPENING_SURE
    assert tagger.shape_sure(words["ሰላም"]) == tagger.GEEZ_SURE
    assert tagger.sure_for(words["Juma"]) == tagger.SURE


def test_crossval_in_folds_sweeps_the_thresholds_and_prints_a_table(tiny, capsys) -> None:
    grid = [(0.2, o, low, 0.4) for o in (0.2, 0.6) for low in (0.2, 0.5, 2.0)]
    before = (tagger.SURE, tagger.OPENING_SURE, tagger.LOWER_SURE, tagger.GEEZ_SURE)
    lines, best = crossval.run_folds(3, grid, tagger.C1, tagger.C2, jobs=1, top=3,
                                     cache=settings.get_settings().cache_dir / "crossval")
    assert (tagger.SURE, tagger.OPENING_SURE, tagger.LOWER_SURE, tagger.GEEZ_SURE) == before   # tried, never changed
    out = capsys.readouterr().out
    assert out.count(" answers: ") == 3 and "p0" in out and "a fold trained" in out
    table = [line for line in lines if line.startswith("|")]
    assert table[0].startswith("| setting | name recall")
    assert any("rules alone" in line for line in table) and any("**least loss**" in line for line in table)
    assert len(table) == 2 + 3 + 3          # header, rule, rules alone, one threshold, current, top 3
    assert best in grid

    # every answer scored once, by a model that never saw its part
    answers = crossval.scored_answers(_probabilities())
    by = {s: crossval.score(answers, s) for s in grid}
    assert {c["expected"] for c in by.values()} == {len(INVENTED) * len(TEMPLATES)}
    assert {c["negatives"] for c in by.values()} == {3 * len(EVERYDAY)}
    # these names are lower case: a higher threshold for lower-case words never finds more of them
    found = [by[(0.2, 0.2, low, 0.4)]["found"] for low in (0.2, 0.5, 2.0)]
    assert found == sorted(found, reverse=True)
    # at a threshold no word reaches, the tagger adds nothing: what is found is the rules' (none of these names)
    rules = crossval.score(answers, crossval.RULES_ALONE)
    assert by[(0.2, 0.2, 2.0, 0.4)]["found"] == rules["found"]
    # names it never saw, in the places names stood in the other parts: most are found
    assert by[(0.2, 0.2, 0.2, 0.4)]["found"] >= 0.75 * len(INVENTED) * len(TEMPLATES)
    # a name the tagger no longer redacts at a higher threshold is still marked for review (P >= DOUBT)
    low, high = by[(0.2, 0.2, 0.2, 0.4)], by[(0.2, 0.2, 0.5, 0.4)]
    assert high["flagged"] - low["flagged"] == low["found"] - high["found"]

    # the folds' probabilities are kept: a second sweep trains nothing
    crossval.run_folds(3, grid[:1], tagger.C1, tagger.C2, jobs=1, top=1,
                       cache=settings.get_settings().cache_dir / "crossval")
    assert "a fold trained" not in capsys.readouterr().out


def _probabilities() -> dict[str, list[list[float]]]:
    """The folds' kept probabilities (the cache the sweep just wrote)."""
    import pickle

    (file,) = (settings.get_settings().cache_dir / "crossval").glob("folds-*.pickle")
    return pickle.loads(file.read_bytes())


def test_a_language_with_no_frequency_list_shows_its_everyday_words_to_the_tagger() -> None:
    """Round 17's feature: Tigrinya has no wordfreq list, so its everyday words (the bot's own texts, the stop-word
    lists) were all "<word>" to the tagger and a Ge'ez name's neighbours said nothing; now they are shown by
    themselves like any language's everyday words. A rare word (a name) is still only its class."""
    text = "ትናንት ዳዊትኦም ሓጊዙኒ ኣብ ቤት"       # a sentence of our own: an invented name between everyday words
    words = tagger.words_of(text, "ti")
    rows = tagger.features(text, "ti", words, [""] * len(words))
    (i,) = [k for k, w in enumerate(words) if w.text == "ዳዊትኦም"]
    assert "self=<unknown>" in rows[i]                                  # never a rare word by itself
    assert f"-1:w={words[i - 1].key}" in rows[i] and f"1:w={words[i + 1].key}" in rows[i]   # yesterday, helped me
    assert "-1:w=<unknown>" in rows[i + 1]


def test_a_verb_people_do_after_a_word_is_one_feature_across_languages() -> None:
    for text, language, name in (("yesterday Zorvek helped me", "en", "Zorvek"),
                                 ("ayer Zorvek ayudó a mi madre", "es", "Zorvek"),
                                 ("вчера Зорвек помог мне", "ru", "Зорвек")):
        words = tagger.words_of(text, language)
        rows = tagger.features(text, language, words, [""] * len(words))
        (i,) = [k for k, w in enumerate(words) if w.text == name]
        assert "+1:person_verb" in rows[i]
        assert "+1:person_verb" not in rows[i + 1]     # the verb itself is followed by no verb people do
