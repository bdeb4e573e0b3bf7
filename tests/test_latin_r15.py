"""Round 15: answers typed in a Latin-script language the bot does not speak (Lithuanian, Slovak, Czech,
Croatian, Turkish; Russian and Ukrainian in Latin letters), which arrive marked with the session's language
("en"). Their everyday words that a name list also holds are kept; names, also those that are words there
(Deniz, Barış, Umut, Nadezhda, Lyubov, Ramunė), are still redacted where a person stands. Sentences invented for
these tests."""

from __future__ import annotations

import pytest

from bot.anonymise import redact
from bot.anonymise.lexicon import get_lexicon


def _rules(text: str, language: str = "en") -> str:
    return redact(text, language, learned=False).text


@pytest.mark.parametrize(("text", "words"), [
    ("aš noriu grįžti namo, bet čia dabar mano darbas", ("noriu", "čia", "mano")),          # Lithuanian
    ("jis man labai padėjo su dokumentais", ("jis", "padėjo")),
    ("moja sestra je doma, ale ja som tu sama", ("moja sestra", "ale", "som")),             # Slovak
    ("moje máma mi dala peníze na jídlo", ("moje", "dala")),                                 # Czech
    ("moja mama živi u Zagrebu, ali ja sam ovdje", ("moja", "živi", "Zagrebu")),            # Croatian
    ("burada huzur yok, belki yarın daha iyi olur", ("huzur", "belki")),                     # Turkish
    ("sadece biraz huzur ve umut istiyorum", ("huzur", "umut")),
    ("moy nomer telefona poteryal, pishite mne v whatsapp", ("moy", "nomer")),              # Russian, romanised
    ("dyakuyu, u mene vse dobre", ("mene", "dobre")),                                        # Ukrainian, romanised
])
def test_everyday_words_of_an_unspoken_latin_language_are_kept(text: str, words: tuple[str, ...]) -> None:
    out = _rules(text)
    for word in words:
        assert word in out, out


@pytest.mark.parametrize(("text", "name"), [
    ("Deniz bana avukat buldu", "Deniz"),
    ("dün Barış ile hastaneye gittim", "Barış"),
    ("teşekkür ederim Umut", "Umut"),
    ("Nadezhda pomogla mne s dokumentami", "Nadezhda"),
    ("moya podruga Lyubov zhivet v Londone", "Lyubov"),
    ("mano draugė Ramunė man padėjo", "Ramunė"),
    ("Rūta man padėjo rasti darbą", "Rūta"),
    ("Jana mi pomohla s bytom", "Jana"),
    ("jonas mane atvežė į Angliją", "jonas"),           # a common given name, in lower case, opening the answer
])
def test_names_are_still_redacted_in_those_answers(text: str, name: str) -> None:
    out = _rules(text)
    assert name not in out, out
    assert "[NAME]" in out


@pytest.mark.parametrize(("text", "names"), [
    ("dan and tom helped me move", ("dan", "tom")),     # English: "dan", "tom" are words elsewhere, names here
    ("Hope helped me with the forms", ("Hope",)),
])
def test_english_answers_are_unchanged(text: str, names: tuple[str, ...]) -> None:
    out = _rules(text)
    for name in names:
        assert name not in out.split(), out


def test_the_list_holds_everyday_words_and_leaves_out_given_names() -> None:
    lex = get_lexicon()
    for word in ("toli", "noriu", "moje", "huzur", "belki", "moy", "nomer"):
        assert lex.other_latin_zipf(word) >= 3.5, word
    for name in ("deniz", "barış", "umut", "jonas", "audrius", "lyubov", "nadezhda"):
        assert lex.other_latin_zipf(name) == 0.0, name
    assert lex.other_latin_zipf("надежда") == 0.0          # Latin script only


def test_only_answers_marked_english_are_read_as_another_language() -> None:
    # a Polish session keeps Polish rules: its own frequency list decides
    assert "[NAME]" in _rules("Bartek pomógł mi z dokumentami", "pl")
