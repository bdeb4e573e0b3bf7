"""Round 14: the text that the identifier recognizers read, folded one character for one character.

People type identifiers with whatever their keyboard gives: digits of their own script (٠٧٧٠٠, ۰۷۷۰۰,
০৭৭০০, ०७७००), the full-width forms of a Chinese or Japanese keyboard (ＱＱ１２３４５６Ｃ, ａｌｉ＠example.com),
an en dash or a non-breaking hyphen between groups (07700–900–218), a no-break or thin space, and the
invisible direction marks that right-to-left text carries round a number. Every rule would have to spell
each of these out; instead the rules for identifiers read a folded copy of the answer:

* every decimal digit of any script (Unicode category Nd, by ``unicodedata.decimal``) becomes its ASCII digit;
* the full-width ASCII forms (U+FF01-U+FF5E) become ASCII, the ideographic space a space;
* hyphens, the en dash, the figure dash and minus signs become "-" (the em dash, a sentence's punctuation, stays);
* no-break, thin and other typographic spaces become a space, and so do the zero-width space and the direction
  marks (LRM, RLM, ALM, the embeddings and isolates), which are invisible and never part of a value;
* (round 16) a Cyrillic or Greek letter that Unicode's confusables table (UTS #39, confusables.txt) gives as a
  Latin letter's look-alike becomes that Latin letter, where an identifier may be typed on a Cyrillic keyboard
  ("АВ 12 34 56 С", "SХ4567 89В"): in a word that mixes it with digits or Latin letters, or in a word of at most
  three such letters, every one of them a look-alike, with a digit at most one space or dash away. A word of
  Russian or Ukrainian ("номер", "мой", "с 12 по 15") keeps its letters, so the cues written in Cyrillic still
  match.

Each character maps to exactly one character, so every offset into the folded copy is an offset into the answer.
Names are found in the answer as written (the name rules and the tagger never see the copy): a Persian or
Devanagari word stays as it was, only digits and typography change.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

_DASHES = "\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d"
_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_INVISIBLE = "\u200b\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"


@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    if c < "\u0080":
        return c
    if c in _DASHES:
        return "-"
    if c in _SPACES or c in _INVISIBLE:
        return " "
    if "\uff01" <= c <= "\uff5e":
        return chr(ord(c) - 0xFEE0)
    value = unicodedata.decimal(c, None)
    if value is not None:
        return str(value)
    return c


# Round 16: the Cyrillic and Greek letters (U+0370-U+052F) that Unicode's confusables table (UTS #39's
# confusables.txt, as the confusable_homoglyphs package ships it, 3.3.1, MIT; the data under the Unicode licence)
# maps to one Latin letter, each beside its Latin letter. (The table's prototype for I-like letters is "l": a
# capital one is taken here as "I", as an identifier's letters are capitals.)
_LOOKALIKES = "ΑАΒВϹСΕЕϜԌΗНͿЈΚКΜϺМΝΟОΡРЅΤТѴԜΧХΥϒУҮΖαаЬϲсԁеҽһιͺіӏϳјΙІӀοσоρϱрԛгѕυνѵѡԝхγуү"
_LATIN = "AABBCCEEFGHHJJKKMMMNOOPPSTTVWXXYYYYZaabccdeehiiiijjIIIooopppqrsuvvwwxyyy"
_CONFUSABLE = dict(zip(_LOOKALIKES, _LATIN))
_LOOKALIKE_CLASS = "[" + _LOOKALIKES + "]"
# a word with a Cyrillic or Greek letter in it, as it stands in the folded text (digits already ASCII)
_SCRIPT_WORD = regex.compile(r"[\p{L}\p{M}\d]*[\p{Cyrillic}\p{Greek}][\p{L}\p{M}\d]*")
_SHORT_LOOKALIKE = regex.compile(rf"{_LOOKALIKE_CLASS}{{1,3}}")
_MIXED = regex.compile(r"[\dA-Za-z]")
# a Cyrillic or Greek letter that is no Latin letter's look-alike
_OTHER_LETTER = regex.compile(rf"(?!{_LOOKALIKE_CLASS})[\p{{Cyrillic}}\p{{Greek}}]")
_DIGIT_BEFORE = regex.compile(r"\d[ \-]?$")
_DIGIT_AFTER = regex.compile(r"[ \-]?\d")


def _fold_lookalikes(folded: str) -> str:
    """Round 16: Cyrillic and Greek look-alikes of Latin letters made Latin where they are part of an identifier
    (module docstring); one character for one."""
    chars = None
    for word in _SCRIPT_WORD.finditer(folded):
        text = word.group()
        if _MIXED.search(text):
            if _OTHER_LETTER.search(text):
                continue   # a Cyrillic word that merely touches a digit ("2023года") is no identifier
        elif not (_SHORT_LOOKALIKE.fullmatch(text) and (_DIGIT_BEFORE.search(folded, max(0, word.start() - 2),
                                                                              word.start())
                                                         or _DIGIT_AFTER.match(folded, word.end()))):
            continue
        if chars is None:
            chars = list(folded)
        for i in range(word.start(), word.end()):
            chars[i] = _CONFUSABLE.get(chars[i], chars[i])
    return folded if chars is None else "".join(chars)


def fold(text: str) -> str:
    """``text`` with digits, full-width forms, dashes and spaces made plain; always the same length."""
    if text.isascii():
        return text
    folded = "".join(_fold_char(c) for c in text)
    if _HAS_CYRILLIC_OR_GREEK.search(folded):
        folded = _fold_lookalikes(folded)
    return folded


_HAS_CYRILLIC_OR_GREEK = regex.compile(r"[\p{Cyrillic}\p{Greek}]")
