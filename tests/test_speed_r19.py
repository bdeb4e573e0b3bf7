"""Round 19, throughput: every fast path gives what the plain path gave (the same tokens' kinds, the same
attributes in the same order, the same matches), on sentences written for these tests and on random text."""

from __future__ import annotations

import random

import pytest
import regex
from presidio_analyzer import Pattern

from bot.anonymise import tagger
from bot.anonymise.lexicon import get_lexicon
from bot.anonymise.recognizers import people, phone, web
from bot.anonymise.recognizers.gate import PRESIDIO_FLAGS, GatedRegex, gated

# sentences written for these tests: names, services and places (safe phrases, towns of several words), the scripts
# without capitals, addresses, URLs, e-mail addresses spelled out and numbers read out in words
SENTENCES = [
    "My caseworker Tamsin Oakhurst from the Salvation Army met me at Newcastle upon Tyne station.",
    "Hope for Justice and the British Red Cross helped, and the Home Office'ten letter came late.",
    "I went to Citizens Advice in Kingston upon Thames with my friend Dariusz.",
    "the prophet Moses and Pastor said pray, then imam hassan came to the house",
    "ساعدني الصليب الأحمر البريطاني في لندن وأخذ سامي جوازي",
    "خاچی سووری بەریتانی یارمەتی دام، ڕێبوارم بینی",
    "আমার নাম রহিম, আমি লন্ডনে থাকি।  ਸੁਰਿੰਦਰ ਨੂੰ ਦੱਸੋ  सुरेश को बताओ",
    "write to me: sara dot k at gmail dot com, or ali [at] yahoo [dot] co [dot] uk",
    "huong99@gmail,com or fatima.k@example,com or amina @ example. com",
    "see www.modernslavery.gov.uk and shelter.org.uk/help, e.g. at 10 a.m. i.e. later",
    "my site is https://example.com/page and mysite.co.uk, \"quoted.example.org\"",
    "call zero seven seven zero zero nine zero zero five one two or o7700 900732",
    "صفر سبعة سبعة صفر صفر تسعة صفر صفر خمسة واحد اثنين and không bảy bảy không không chín",
    "ዜሮ ሸውዓተ ሸውዓተ ዜሮ ዜሮ ትሽዓተ ዜሮ ዜሮ, jeden dwa trzy cztery pięć sześć siedem osiem",
    "My name is Ngozi Adeyemi-Clarke. Ngozi's daughter lives in Dover'da with Gül'e.",
    "Tôi làm việc ở tiệm nail ở Birmingham với chị Lan.",
    "Мой адвокат Сергей Иванов живёт в Лондоне. 我在伦敦的一家餐馆工作，王强帮了我。",
    "We met at the K\u212aelvin.com office (Kelvin sign) and the \u017fite.org (long s).",
]

WORDS = ("the my name is at dot com org uk co www example gmail Sarah Tamsin Army Salvation Red Cross British "
         "Citizens Advice upon Tyne Newcastle Kingston Home Office Hope for Justice e.g i.e a.m zero one two three "
         "four five six seven eight nine oh double sept huit không một ሓደ ክልተ صفر واحد سبعة Pastor imam "
         "prophet Moses Dover'da Gül'e Bogdan's سامي رحمه ਸੁਰਿੰਦਰ ਨੂੰ सुरेश को রহিমের").split()
GLUE = [" ", " ", " ", ". ", ", ", ".", "@", " @ ", "-", "\n", " [at] ", " (dot) ", "/", "'"]


def random_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 30)):
            word = rng.choice(WORDS)
            if rng.random() < 0.2:
                word = word.capitalize() if rng.random() < 0.5 else word.upper()
            parts += [word, rng.choice(GLUE)]
        texts.append("".join(parts))
    return texts


TEXTS = SENTENCES + random_texts(150, seed=19)


# -- people._classify: the phrase lengths tried ----------------------------------------------------------------


class _EveryLength(dict):
    """What longest_phrase_from was before round 19, in effect: every word may begin a phrase of any length."""

    def __init__(self, longest: int) -> None:
        super().__init__()
        self.longest = longest

    def get(self, key, default=None):   # type: ignore[override]
        return self.longest


def _kinds(text: str, language: str) -> list[tuple]:
    people.forget_last()
    return [(t.start, t.end, t.kind, t.lookup) for t in people.classified_tokens(text, language)]


def test_phrase_lengths_cover_every_phrase():
    lex = get_lexicon()
    for phrase in lex.safe_phrases | lex.place_phrases:
        assert lex.longest_phrase_from[phrase[0]] >= len(phrase)
    assert max(lex.longest_phrase_from.values()) == lex.longest_phrase


@pytest.mark.parametrize("language", ["en", "ar", "ckb", "fa", "bn", "tr"])
def test_classify_same_as_every_length(monkeypatch, language):
    lex = get_lexicon()
    fast = [_kinds(text, language) for text in TEXTS]
    monkeypatch.setattr(lex, "longest_phrase_from", _EveryLength(lex.longest_phrase))
    plain = [_kinds(text, language) for text in TEXTS]
    people.forget_last()
    assert fast == plain
    assert any(kind == "safe" for kinds in fast for _s, _e, kind, _l in kinds)


# -- tagger.features: the same attributes, in the same order ---------------------------------------------------


def plain_features(text, language, words, rules, lex=None, reasons=None):
    """tagger.features as it was before round 19."""
    lex = lex or get_lexicon()
    n = len(words)
    own: list[str] = []
    lexical = []
    for w in words:
        everyday, attributes = tagger._lexical(w, language, lex)
        lexical.append(attributes)
        own.append(w.key if w.kind == "han" or (everyday and w.kind in ("word", "function", "safe"))
                   else "<" + w.kind + ">")
    size = "1" if n == 1 else "2" if n == 2 else "3" if n == 3 else "4-6" if n <= 6 else "7+"
    out = []
    for i, w in enumerate(words):
        f = [
            "bias", "lang=" + language, "kind=" + w.kind, "script=" + w.script, "size=" + size,
            "rule=" + rules[i], "self=" + own[i],
            "shape=" + ("A" if w.acronym else "Aa" if w.capital else "a" if w.cased else "-"),
            "len=" + str(min(len(w.key), 10)), *lexical[i],
        ]
        if reasons and reasons[i]:
            f.append("why=" + reasons[i])
        if w.kind != "han":
            key = w.key
            if len(key) > 3:
                f += ["suf2=" + key[-2:], "suf3=" + key[-3:], "pre2=" + key[:2]]
        if w.sentence_start:
            f.append("start")
        if i == 0:
            f.append("BOS")
        if i == n - 1:
            f.append("EOS")
        for d in (-2, -1, 1, 2):
            j = i + d
            if not 0 <= j < n:
                f.append(f"{d}:edge")
                continue
            v = words[j]
            f += [f"{d}:w={own[j]}", f"{d}:rule={rules[j]}", f"{d}:kind={v.kind}"]
            if v.capital:
                f.append(f"{d}:cap")
            if d == 1 and v.key in tagger.PERSON_VERBS:
                f.append("+1:person_verb")
        f += tagger._affixes(words, i, language, lex)
        if i > 0:
            f += ["gap-=" + tagger._gap(text, words[i - 1], w), "pair-=" + own[i - 1] + "|" + own[i]]
        if i < n - 1:
            f += ["gap+=" + tagger._gap(text, w, words[i + 1]), "pair+=" + own[i] + "|" + own[i + 1]]
        out.append(f)
    return out


@pytest.mark.parametrize("language", ["en", "ar", "bn", "pa", "hi", "ti", "zh"])
def test_features_same_as_plain(language):
    rng = random.Random(language)
    for text in TEXTS:
        words = tagger.words_of(text, language)
        rules = [rng.choice(["", "", "NAME", "unsure", "PHONE"]) for _ in words]
        reasons = [rng.choice(["", "", "known_given_name", "after_a_cue"]) for _ in words]
        for why in (reasons, None):
            assert tagger.features(text, language, words, rules, reasons=why) \
                == plain_features(text, language, words, rules, reasons=why)


def test_sequence_same_as_plain():
    from bot.anonymise.engine import get_redactor

    for text in SENTENCES:
        results = get_redactor().analyze(text, "en", learned=False)
        words, xseq = tagger.sequence(text, "en", results)
        found, unsure = people.find_names(text, "en")
        rules = tagger.rule_labels(words, [(r.entity_type, r.start, r.end) for r in results], unsure)
        assert xseq == plain_features(text, "en", words, rules, reasons=tagger.rule_reasons(words, found))


# -- the gated patterns: the same matches as the patterns alone ------------------------------------------------


def _plain_analyze(recognizer, text: str) -> list[tuple]:
    return [(r.entity_type, r.start, r.end, r.score) for r in recognizer.analyze(text, recognizer.supported_entities)]


def test_url_gate_same_as_plain():
    gated_url = web.CheckedUrlRecognizer()
    plain_url = web.CheckedUrlRecognizer()
    assert gated_url._gate is not None
    plain_url._gate = None
    hits = 0
    for text in TEXTS:
        found = _plain_analyze(gated_url, text)
        assert found == _plain_analyze(plain_url, text)
        hits += bool(found)
    assert hits > 10


def test_url_gate_is_in_every_pattern():
    # the gate is built from Presidio's patterns: its host class and its endings, which each pattern holds
    gate = web.CheckedUrlRecognizer()._gate.pattern
    for pattern in web.CheckedUrlRecognizer().patterns:
        assert gate[len(r"(?i)[a-z0-9.\-][.]"):] in pattern.regex
        assert web._URL_HOST + gate[len(r"(?i)[a-z0-9.\-][.]"):] in pattern.regex


def test_spelled_email_gate_same_as_plain():
    gated_mail = web.OfflineEmailRecognizer()
    plain_mail = web.OfflineEmailRecognizer()
    plain_mail.patterns = [Pattern(p.name, p.regex, p.score) for p in plain_mail.patterns]
    assert any(isinstance(p.compiled_regex, GatedRegex) for p in gated_mail.patterns)
    hits = 0
    for text in TEXTS:
        found = _plain_analyze(gated_mail, text)
        assert found == _plain_analyze(plain_mail, text)
        hits += bool(found)
    assert hits > 10


def test_gate_cannot_drop_a_match():
    # for each text the pattern matches, the gate matches too (the gate is a piece of every match)
    pattern = regex.compile(web.SPELLED_EMAIL, PRESIDIO_FLAGS)
    gate = regex.compile(web.SPELLED_EMAIL_GATE, PRESIDIO_FLAGS)
    for text in TEXTS:
        for m in pattern.finditer(text):
            assert gate.search(m.group())


def test_gated_pattern_with_other_flags_runs_plain():
    made = gated("x", r"\bab+c\b", 0.5, "b")
    assert [m.span() for m in made.compiled_regex.finditer("abbc xy")] == [(0, 4)]
    assert list(made.compiled_regex.finditer("xyz ac")) == []
    assert made.compiled_with_flags == PRESIDIO_FLAGS


# -- phone.ANY_DIGIT_WORD: the tree matches what the flat alternation matched -----------------------------------


def test_digit_words_distinct_under_case_folding():
    # equal lengths keep no order in the flat alternation (a set's): harmless only if no two match the same text
    words = set(phone.DIGIT_WORDS)
    assert len({w.casefold() for w in words}) == len(words)
    assert all(regex.escape(w) == w for w in words)


def _digit_texts(seed: int) -> list[str]:
    rng = random.Random(seed)
    words = list(set(phone.DIGIT_WORDS)) + ["double", "triple", "hundred", "thousand", "Sarah", "and", "07700"]
    texts = []
    for _ in range(300):
        parts = [rng.choice(words) for _ in range(rng.randint(1, 14))]
        parts = [p.upper() if rng.random() < 0.1 else p[:-1] if rng.random() < 0.05 else p for p in parts]
        texts.append("".join(p + rng.choice([" ", " ", ", ", "-", "", "، ", "\n"]) for p in parts))
    return texts


@pytest.mark.parametrize("name", ["SPELLED_NUMBER_ANY", "_MIXED_TOKEN", "_MIXED_WORD", "_MIXED_RUN"])
def test_digit_word_tree_same_as_flat(name):
    tree = getattr(phone, name)
    tree = tree if isinstance(tree, str) else tree.pattern
    flat = tree.replace(phone.ANY_DIGIT_WORD, phone.ANY_DIGIT_WORD_FLAT)
    assert flat != tree
    hits = 0
    for text in _digit_texts(19) + TEXTS:
        for flags in (PRESIDIO_FLAGS, regex.IGNORECASE, 0):
            a = [m.span() for m in regex.finditer(tree, text, flags)]
            assert a == [m.span() for m in regex.finditer(flat, text, flags)]
            hits += bool(a)
    assert hits > 100
