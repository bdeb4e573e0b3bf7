"""Doubts about a text redaction has already been through: what it may have missed.

Redaction keeps a word unless a recognizer is sure (docs/REDACTION.md). Its scores are nearly all
high (cue phrases, checksums, libphonenumber), so "a candidate scored below the threshold" almost
never happens and says little. What it misses is known instead: a name with no cue that is not an
English given name ("Arben came with me"), and numbers with no cue. So this module looks at the
REDACTED text for what is left that could be personal:

* a word the name rules were unsure of (a capitalised word no list knows, or a name that is also a
  word, starting a sentence with nothing around it that says "person"; a capitalised word after
  "from", "near", "in": most likely a place, perhaps a person);
* round 19: in a script without capitals (Arabic, Ge'ez, Devanagari, Bengali ...), a word that opens a sentence
  and that the name rules class as a name that is also an everyday word (سلام, هالة, ሰላም): where a script has
  capitals the rules call that word unsure when it opens a sentence with a capital and nothing around it says
  "person"; with no capitals to see, every opening word stands as a capitalised one would;
* a capitalised word that does not start a sentence and is not a word redaction knows is not a name
  (organisations, places, nationalities, months, days, function words; from round 19 also any word the name
  rules class as safe, a place, organisation, nationality or holiday of their lists, that no name list has:
  Hounslow, Lidl, Oromo, Sikhs);
* a long number: 6 or more digits in a run (spaces, dots and dashes between them allowed);
* a social media handle (``@someone``).

Each doubt has only a kind and offsets, never the value. An answer with a doubt waits in the staff
review queue (bot.store), where a person can redact further; redaction itself is unchanged.

>>> [d.kind for d in doubts("I met Arben at the station, ring 5566 7788 99.")]
['capitalised word', 'long number']
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .recognizers.names import NOT_NAMES, PLACE_WORDS

CAPITALISED = "capitalised word"
POSSIBLE_NAME = "possible name"
LONG_NUMBER = "long number"
HANDLE = "handle"
# round 19: the rules' classes (people.Token.kind) of an opening word, in a script without capitals, that is a doubt:
# a name that is also an everyday word. Not "unknown" (a word no list knows), which the cased rule doubts as well:
# in Ge'ez, Pashto, Sorani and Punjabi, with no frequency list, it is nearly every word, and crossval measured it
# sending more hard negatives to review than the missed names it showed (docs/REDACTION.md, round 19)
CASELESS_OPENING = frozenset(("word_name",))

# A word of letters that starts upper case and goes on in lower case ("Arben", "O'Neill", "Nguyễn").
_WORD = regex.compile(r"(?<![\p{L}\p{M}\d_@\[])\p{Lu}[\p{Ll}\p{M}]+(?:['’\-]\p{L}[\p{Ll}\p{M}]*)*(?![\p{L}\p{M}\d_\]])")
_NUMBER = regex.compile(r"(?<![\d\[])\d(?:[ .\-]?\d){5,}(?!\d)")
_HANDLE = regex.compile(r"(?<![\w.])@[\p{L}\d_]{2,}(?:\.[\p{L}\d_]+)*")
# What may come between the end of a sentence and the next word: spaces, quotes, brackets, a dash bullet.
_BETWEEN = " \t\"'“”‘’«»([-–"
_ENDS = ".!?…:;\n•*"
_KNOWN = NOT_NAMES | PLACE_WORDS | frozenset(
    # words people capitalise in the middle of an answer that are not names
    """
    mr mrs ms miss dr sir madam please thank thanks okay ok yes no not i'm i've i'd i'll
    act acts authority authorities agency team unit service services officer officers mechanism referral
    national local regional county borough district tribunal judge magistrates crown court courts
    victim victims care contract survivor survivors advocate advocates advocacy independent
    safeguarding adult adults children child first tier upper appeal appeals immigration asylum
    benefit benefits housing health mental trafficking exploitation slavery modern ltd limited plc cic
    north south east west northern southern eastern western central great greater new old royal saint st
    """.split()
)


@dataclass(frozen=True)
class Doubt:
    """Something left in a redacted text that may be personal: its kind and offsets, never the value."""

    kind: str
    start: int
    end: int


def doubts(text: str | None, language: str = "en", learned: bool = True) -> list[Doubt]:
    """What in this (already redacted) text may be a personal detail redaction missed. ``learned=False``: without
    the learned tagger's doubts (evaluate --rules-only: the same figures whether or not a model is in the cache)."""
    if not text:
        return []
    from .lexicon import get_lexicon
    from .recognizers.people import classified_tokens, unsure_spans

    # words the name rules declined but could not call safe ("Shpresa ..." starting a sentence,
    # "near Hanley"): bot.anonymise.recognizers.people
    found: list[Doubt] = [Doubt(POSSIBLE_NAME, s, e) for s, e in unsure_spans(text, language)]
    taken = {(d.start, d.end) for d in found}
    # the rules' classes of the words (kept from the unsure_spans pass just made: no second analysis)
    tokens = classified_tokens(text, language)
    # round 19: an opening word of a script without capitals that a name list has or no list knows
    found += [Doubt(POSSIBLE_NAME, t.start, t.end) for t in tokens
              if not t.cased and t.sentence_start and t.kind in CASELESS_OPENING and (t.start, t.end) not in taken]
    taken = {(d.start, d.end) for d in found}
    lex = get_lexicon()
    # round 19: a word of the rules' safe lists (a town, an organisation, a people) that no name list has
    safe = {t.start for t in tokens if t.kind == "safe" and not lex.is_name(t.key)}
    # words the learned tagger half-believes are names (bot.anonymise.tagger)
    if learned:
        from .tagger import doubtful_words

        found += [Doubt(POSSIBLE_NAME, s, e) for s, e in doubtful_words(text, language) if (s, e) not in taken]
    taken = {(d.start, d.end) for d in found}
    for match in _WORD.finditer(text):
        word = match.group().lower().strip("'’-")
        if word in _KNOWN or word.split("'")[0].split("’")[0] in _KNOWN:
            continue
        if _starts_sentence(text, match.start()) or (match.start(), match.end()) in taken or match.start() in safe:
            continue
        found.append(Doubt(CAPITALISED, match.start(), match.end()))
    found += [Doubt(LONG_NUMBER, m.start(), m.end()) for m in _NUMBER.finditer(text)]
    handles = [Doubt(HANDLE, m.start(), m.end()) for m in _HANDLE.finditer(text)]
    # a word inside a handle ("@amina_k") is no doubt of its own: the handle is held whole
    found = [d for d in found if not any(h.start <= d.start and d.end <= h.end for h in handles)] + handles
    return sorted(found, key=lambda d: d.start)


def _starts_sentence(text: str, start: int) -> bool:
    i = start
    while i > 0 and text[i - 1] in _BETWEEN:
        i -= 1
    if i == 0 or text[i - 1] in _ENDS:
        return True
    return text[i - 1] == ")" and i > 1 and text[i - 2].isdigit()  # a numbered list: "2) Then ..."


def uncertain(text: str | None, language: str = "en") -> bool:
    """True when a person should look at this redacted text again (see `doubts`), and for every answer
    redacted while the learned name tagger was still being trained (the rules alone redacted it)."""
    from . import tagger

    return bool(doubts(text, language)) or (bool(text) and not tagger.ready())
