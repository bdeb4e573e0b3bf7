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

from . import lexicon as lex_module
from .recognizers.names import NOT_NAMES, PLACE_WORDS
from .recognizers.people import (
    HAN_DOUBLE_SURNAMES,
    HAN_FAMILIAR_KIN,
    HAN_FUNCTION,
    HAN_NOT_NAMES,
    HAN_PERSON_NOUNS,
    HAN_RUN,
    HAN_SURNAMES,
    HAN_TITLES,
    _han_simplified_map,
)

CAPITALISED = "capitalised word"
POSSIBLE_NAME = "possible name"
LONG_NUMBER = "long number"
HANDLE = "handle"
# round 19: the rules' classes (people.Token.kind) of an opening word, in a script without capitals, that is a doubt:
# a name that is also an everyday word. Not "unknown" (a word no list knows), which the cased rule doubts as well:
# in Ge'ez, Pashto, Sorani and Punjabi, with no frequency list, it is nearly every word, and crossval measured it
# sending more hard negatives to review than the missed names it showed (docs/REDACTION.md, round 19)
CASELESS_OPENING = frozenset(("word_name",))
# Round 20, Han: what a person does, said right after the person (the verbs of people, and the time and manner
# adverbs Chinese puts between a subject and its verb); Cantonese forms as the rules write them (佢 he/she, 成日
# always, 同 with). Not Cantonese 话 "say", which also ends the name of every language (福建话, 普通话)
HAN_SLOT_AFTER = ("说", "讲", "告诉", "帮", "叫我", "叫他", "叫她", "陪", "给我", "借给", "替我", "送我", "请我",
                  "教", "开车", "打电话", "打给", "会", "一直", "每次", "每周", "是我", "同我", "佢", "成日", "后来",
                  "都会", "来看", "带我", "骂", "问我", "救了")
# ... and the words a person follows: "with, to, ask, look for, thank, accompany, hand to, miss, tell"
HAN_SLOT_BEFORE = regex.compile("|".join(("谢谢你", "谢谢", "感谢", "多谢", "跟", "给", "和", "同", "问", "找", "陪",
                                          "交给", "想念", "见到", "告诉", "搵咗", "搵")))
# characters no name is written with: pronouns, demonstratives, question words, numerals, quantities
HAN_SLOT_NOT = frozenset("我你他她它您这那哪谁什啥每各某一二三两几个些有没")
HAN_SLOT_ZIPF = 4.8
# the class morphemes that end a compound naming a kind, not a person: people of a place (中国人), a language (话), an
# office or body (局, 部, 会, 院, 所), a festival (节)
HAN_CLASS_ENDS = ("人", "话", "局", "部", "会", "院", "所", "节")
# Round 20, Devanagari: the words that follow a person: honorifics and kin words said after a name, and ने
# (Hindi ने, Nepali ले: the one who acts; को, लाई: to whom), and "with, without, about" (के साथ, के बिना, के बारे में;
# Nepali सँग), said of a person more than of a thing
DEVANAGARI_PERSON_AFTER = frozenset("जी दीदी दिदी भैया भाई बहन दाइ didi ji bhaiya bhai ने को ले लाई सँग संग".split())
DEVANAGARI_WITH = regex.compile(r"के\s+(?:साथ|बिना|बारे)")
# "X is my sister, my roommate" (X मेरी बहन है, X मेरो रुममेट हो): my + a noun + the copula ending the clause
DEVANAGARI_IS_MY = regex.compile(r"(?:मेरी|मेरा|मेरे|मेरो)\s+\p{Devanagari}+\s+(?:है|हो|थी|था|हुन्)(?![\p{L}\p{M}])")

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
    # round 20: where a person stands, in Han (no tokens of the rules) and Devanagari (a word-name)
    found += [Doubt(POSSIBLE_NAME, s, e) for s, e in _han_person_slots(text) + _devanagari_person_slots(tokens, text)
              if (s, e) not in taken]
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


def _han_person_slots(text: str) -> list[tuple[int, int]]:
    """Round 20: a Han word of two or three characters standing where a person stands: opening a clause (a Han run)
    or after a word a person follows (跟, 给, 和, 问, 谢谢 ...), and before what a person does (说, 告诉, 帮, 陪),
    or
    ending the clause after such a word (去找玛丽，). Chinese writes no space between words, so the rules have no
    token of a name there to doubt; the slot is the grammar's (subject before its verb, object after its
    preposition or verb). Not a word with a pronoun, a particle or a function character in it (我们, 这个), a
    person noun or title (朋友, 老板), an everyday word that starts with a surname (马上), or a word as common as
    the everyday words (HAN_SLOT_ZIPF: 现在 6.1, 今天 5.6; transliterated names are rarer: 约翰 4.7, 玛丽 4.1)."""
    if not HAN_RUN.search(text):
        return []
    text = text.translate(_han_simplified_map())
    found = []
    for run in HAN_RUN.finditer(text):
        s = run.group()
        starts = {0} | {m.end() for m in HAN_SLOT_BEFORE.finditer(s)}
        for i in sorted(starts):
            for size in (2, 3):
                word, rest = s[i:i + size], s[i + size:]
                if len(word) < size or lex_module._zipf(word, "zh") >= HAN_SLOT_ZIPF:
                    break           # (明天再: no longer word is tried over an everyday one)
                if not (rest.startswith(HAN_SLOT_AFTER) or (i > 0 and rest == "")):
                    continue
                if any(c in HAN_FUNCTION or c in HAN_SLOT_NOT for c in word) or word.startswith(HAN_NOT_NAMES) \
                        or word in HAN_PERSON_NOUNS or word in HAN_TITLES \
                        or word.endswith(HAN_TITLES + HAN_CLASS_ENDS) \
                        or _han_kin(word) or word.startswith(HAN_SLOT_AFTER) or word[:2] in HAN_PERSON_NOUNS:
                    continue
                # three characters: a surname and a given name of two, or a foreign name written by its sound,
                # which wordfreq's list has as a word (玛丽亚); not a compound it lacks (救世军, the Salvation Army)
                if size == 3 and word[0] not in HAN_SURNAMES and not word.startswith(HAN_DOUBLE_SURNAMES) \
                        and lex_module._zipf(word, "zh") == 0:
                    continue
                # a piece of a longer word: the word goes on into what follows (红十字|会, 英镑电|话), or it holds an
                # everyday word of two characters (明天|再, 社工|说)
                if rest and (lex_module._zipf(word + rest[0], "zh") >= 3.0
                             or lex_module._zipf(word[-1] + rest[0], "zh") >= 4.0) or (
                        size == 3 and max(lex_module._zipf(word[:2], "zh"), lex_module._zipf(word[1:], "zh")) >= 4.5):
                    continue
                found.append((run.start() + i, run.start() + i + size))
                break
    return found


def _han_kin(word: str) -> bool:
    """A kin word: a kin character doubled (奶奶, 妈妈) or after 阿, 小, 老 (阿妈, 老爸), said to family, not a name."""
    return (word[0] == word[1] and word[0] in HAN_FAMILIAR_KIN) or (word[0] in "阿小老" and word[1] in HAN_FAMILIAR_KIN)


def _devanagari_person_slots(tokens: list, text: str) -> list[tuple[int, int]]:
    """Round 20: a Devanagari word Hindi's frequency list knows as a word (so the rules take it for that word: पूजा
    worship, विजय victory, विकास development) whose sound is a name of the list, right before a word that follows
    a person: an honorific or kin word said after a name (जी, दीदी, भैया; didi, ji typed in Latin letters) or the
    postposition of the one who acts (ने)."""
    from .lexicon import get_lexicon
    from .recognizers.people import SCRIPT_CUE_WORDS, SCRIPT_NOT_NAMES, _sounds_like_name

    lex = get_lexicon()
    found = []
    for tok, after in zip(tokens, tokens[1:]):
        if tok.cased or tok.kind not in ("word", "word_name", "unknown", "sound_name") \
                or lex_module.script_of(tok.key) != "DEVANAGARI" or tok.key in SCRIPT_NOT_NAMES \
                or tok.key in SCRIPT_CUE_WORDS:
            continue
        following = text[after.start:after.start + 40]
        if not (after.key in DEVANAGARI_PERSON_AFTER or DEVANAGARI_WITH.match(following)
                or DEVANAGARI_IS_MY.match(following)) or _sounds_like_name(tok.key, lex) is None:
            continue
        found.append((tok.start, tok.end))
    return found


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
