"""Round 18, throughput: the cue and month alternations written as trees of their common beginnings
(cue.prefix_tree) match what the flat alternations matched, the same spans in the same order."""

from __future__ import annotations

import random

import pytest
import regex

from bot.anonymise import redact
from bot.anonymise.recognizers import cue, dates
from bot.anonymise.recognizers.cue import CueValueRecognizer, cue_alternation, prefix_tree, unaccented
from bot.anonymise.recognizers.names import ACTION_CUES, CAPITALISED_CUES, ROLE_CUES, SCRIPT_CUES, STRONG_CUES


def flat_alternation(cues, inflected: bool = False) -> str:
    """cue_alternation as it was before round 18: every cue an alternative of its own, longest first."""
    parts = []
    for c in sorted(set(cues) | unaccented(cues), key=len, reverse=True):
        part = r"\s+".join(regex.escape(word) for word in c.split())
        if inflected and len(c) >= 4 and cue._ETHIOPIC.match(c[-1]):
            part = r"\s+".join(regex.escape(word) for word in c[:-1].split()) + r"\p{Ethiopic}{1,3}"
        parts.append(part + (r"\w{0,6}" if inflected and len(c) >= 6 else ""))
    return r"(?<![^\W\p{Han}])(?:" + "|".join(parts) + r")(?:(?<=\p{Han})|(?![^\W\p{Han}]))"


def _spans(pattern: str, text: str, flags: int) -> list[tuple[int, int]]:
    return [m.span() for m in regex.finditer(pattern, text, flags)]


# sentences written for these tests: cues in several languages and cases, cues inside longer words, and cues that
# begin another cue ("passport" and "passport number", "date of birth" and "date")
SENTENCES = [
    "My PASSPORT NUMBER is 123456789 and my passport was kept by them.",
    "passportnumber 123456789, the passports were in a drawer",
    "Date of birth: 12/03/1990, the date of brith on the form was wrong",
    "mon numéro de référence est AB123456, numero de reference AB123456",
    "my case ref is 12345678 but the referral took weeks",
    "NI number QQ 12 34 56 C and my national insurance no. QQ123456C",
    "رقم جواز سفري A12345678 وتاريخ ميلادي 12/03/1990",
    "ፓስፖርተይ ቁጽሪ 123456789 እዩ",
    "护照号码E12345678在警察那里，生日1990-03-12",
    "sort code 20-00-00 then 12345678, bank account number 87654321",
    "I was born on 3rd march 1991 in Tirana and moved in Shtator 2015",
    "my support worker Joanna called, my brother Ahmed and Dr Smith came too",
]


def _cue_lists() -> list[tuple[str, tuple[str, ...], bool]]:
    found = [(klass.__name__, tuple(klass.CUES), True) for klass in _subclasses(CueValueRecognizer) if klass.CUES]
    found += [(name, tuple(cues), False) for name, cues in (
        ("STRONG_CUES", STRONG_CUES), ("CAPITALISED_CUES", CAPITALISED_CUES), ("ROLE_CUES", ROLE_CUES),
        ("ACTION_CUES", ACTION_CUES), ("SCRIPT_CUES", SCRIPT_CUES), ("AFTER_CUES", dates.AFTER_CUES))]
    return found


def _subclasses(klass: type) -> list[type]:
    out = []
    for sub in klass.__subclasses__():
        out += [sub, *_subclasses(sub)]
    return out


@pytest.mark.parametrize("label,cues,inflected", _cue_lists(), ids=lambda v: v if isinstance(v, str) else "")
def test_the_tree_of_cues_matches_what_the_flat_alternation_matched(label, cues, inflected) -> None:
    tree, flat = cue_alternation(cues, inflected), flat_alternation(cues, inflected)
    assert tree != flat    # (the lists have shared beginnings: else this test would compare a pattern with itself)
    for flags in (regex.IGNORECASE, 0):
        for text in SENTENCES:
            assert _spans(tree, text, flags) == _spans(flat, text, flags), (label, text)
            # followed by more pattern, so that the engine backtracks into the alternation
            assert _spans(tree + r"\W+\w", text, flags) == _spans(flat + r"\W+\w", text, flags), (label, text)


def test_a_longer_cue_still_wins_over_its_beginning() -> None:
    pattern = regex.compile(cue_alternation(["passport", "passport number", "pass"], inflected=True), regex.I)
    assert pattern.search("my Passport  Number 123").group() == "Passport  Number"
    assert pattern.search("my passports 123").group() == "passports"
    assert pattern.search("a pass 123").group() == "pass"
    assert pattern.search("a passage") is None


def _random_parts(rng: random.Random) -> list[list[str]]:
    parts = []
    for _ in range(rng.randint(1, 12)):
        tokens = [rng.choice("aAbBsSß-.") for _ in range(rng.randint(0, 4))]
        if tokens and rng.random() < 0.3:
            tokens.insert(rng.randrange(1, len(tokens) + 1), cue._SPACE)
        if rng.random() < 0.3:
            tokens.append(rng.choice([r"\w{0,2}", r"[ab]{1,2}"]))
        parts.append(tokens)
    return parts


def test_the_tree_of_random_sequences_matches_their_flat_alternation() -> None:
    # any order, any overlaps: letters in both cases, spaces, tails and empty sequences (simple case folding only, as
    # the package compiles its patterns: test_the_cue_patterns_fold_case_simply)
    rng = random.Random(18)
    for _ in range(150):
        parts = _random_parts(rng)
        flat = "|".join("".join(t if len(t) != 1 else regex.escape(t) for t in p) for p in parts)
        tree = prefix_tree(parts)
        texts = ["".join(rng.choice("aAbBsS ß-.x") for _ in range(rng.randint(0, 14))) for _ in range(12)]
        for flags in (regex.IGNORECASE, 0):
            for after in ("", "x", r"\s", "(?!a)"):
                for text in texts:
                    assert _spans(f"(?:{tree}){after}", text, flags) == _spans(f"(?:{flat}){after}", text, flags), \
                        (parts, text, after)


def test_the_cue_patterns_fold_case_simply() -> None:
    # the tree is the flat alternation's equal under simple case folding (VERSION0 without FULLCASE), not under
    # full case folding, where "ß" matches "ss" across two of the tree's branches
    from bot.anonymise.engine import get_redactor

    recognizers = [r for r in get_redactor().analyzer.registry.recognizers if isinstance(r, CueValueRecognizer)]
    assert recognizers
    for recognizer in recognizers:
        assert not recognizer._cue_re.flags & (regex.FULLCASE | regex.V1)
    assert not dates._FULL_DATE.flags & (regex.FULLCASE | regex.V1)


def test_the_month_names_tree_finds_the_dates_the_flat_one_found() -> None:
    flat_month = "(?:" + "|".join(sorted(set(dates.MONTHS), key=len, reverse=True)) + r")\.?"
    assert dates._MONTH != flat_month
    texts = SENTENCES + [f"born {day} {month} {year}" for day in (1, 31) for month in dates.MONTHS[::5]
                         for year in ("1990", "'92")] + [f"{month} 12, 1990 and 1990. {month} 3." for month in
                                                         dates.MONTHS[::3]]
    for value in (*dates.DATE_PATTERNS, *dates.DAY_MONTH, dates.MONTH_YEAR, dates.GEEZ_DATE):
        if dates._MONTH not in value:
            continue
        for text in texts:
            assert _spans(value, text, regex.I) == _spans(value.replace(dates._MONTH, flat_month), text, regex.I)


@pytest.mark.parametrize("text,redacted,kept", [
    ("My passport number is 123456789, the passports office kept it.", "123456789", "passports office"),
    ("I was born on 14 March 1992 and arrived in May 2019.", "14 March 1992", "May 2019"),
    ("urodziłam się 3 października 1994, przyjechałam w lipcu", "3 października 1994", "przyjechałam w lipcu"),
    ("my case ref is 55512345 and the referral was late", "55512345", "the referral was late"),
])
def test_redaction_through_the_trees(text: str, redacted: str, kept: str) -> None:
    out = redact(text, learned=False).text
    assert redacted not in out
    assert kept in out
