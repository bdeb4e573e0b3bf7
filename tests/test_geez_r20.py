"""Round 20, names in Ge'ez script (Tigrinya, Amharic). Recall: a name under "from/through/with/like/to" written onto
it or standing before it, decided by what follows (heard or borrowed from, ከ X ጋር, በ X በኩል, ብ X ኣቢለ, እንደ X ... ሰው,
ናብ X ... ሰዲደ); a name whose Latin spelling is also a town somewhere (saba, sara), decided by its slot; the Amharic
-ንና; a virtue name before "from" an organisation; a name after the priest's title. Precision: a town after a
preposition of place or before "who is in", UK towns under a place prefix, towns of two words, nationalities,
feasts, Allah, foods, churches named for their saint, "X means", plurals and roles with "my". Sentences written
for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from bot.anonymise.recognizers.people import find_names


def names(text: str, language: str) -> list[str]:
    return [text[a:b] for a, b, _, _ in find_names(text, language)[0]]


def found(text: str, language: str, name: str) -> bool:
    return any(name in span for span in names(text, language))


@pytest.mark.parametrize("text, language, name", [
    ("ካብ ሳራ እየ ብዛዕባ እዚ ሰሚዐ", "ti", "ሳራ"),                       # heard from Sara (also a town somewhere)
    ("ካብ ሃብቶም ሰሚዐ ቅድሚ ሰሙን", "ti", "ሃብቶም"),
    ("ከአስቴር ሰማሁ ትናንት", "am", "አስቴር"),                            # Amharic, from written onto the name
    ("ከአበበ ብር ተበደርኩ", "am", "አበበ"),                               # borrowed money from Abebe
    ("ከዮሐንስና ከማርታ ጋር ሄድኩ", "am", "ዮሐንስ"),                        # ከ X ጋር: with
    ("በአልማዝ በኩል ስራ አገኘሁ", "am", "አልማዝ"),                          # through Almaz
    ("ብሃብቶም ኣቢለ ጠበቓ ረኺበ", "ti", "ሃብቶም"),                         # through Habtom
    ("እንደማርታ ጥሩ ሰው የለም", "am", "ማርታ"),                             # like Martha ... person
    ("ናብ ዮናስ መልእኽቲ ሰዲደ", "ti", "ዮናስ"),                             # sent to Yonas
    ("ሳባ ምሳይ ናብ ሆስፒታል ከይዳ", "ti", "ሳባ"),                          # saba: a town somewhere, a person here
    ("ሓብተይ ሳራ ኣብ ሆላንድ ትነብር", "ti", "ሳራ"),                         # after "my sister" (ሓብቲ spelling)
    ("በላይንና ከበደን አመሰግናለሁ", "am", "ከበደ"),                          # -ንና: X and Y as objects
    ("ተስፋ ካብ Refugee Council ደዊሉ", "ti", "ተስፋ"),                      # a virtue name from an organisation
    ("ቀሺ ሙሴ ኣብ ገዛ መጺኡ", "ti", "ሙሴ"),                                  # the priest's title
])
def test_a_geez_name_where_grammar_puts_a_person_is_redacted(text: str, language: str, name: str) -> None:
    assert found(text, language, name), names(text, language)


def test_the_verb_and_postposition_stay_out_of_the_name() -> None:
    spans = names("ብሃብቶም ኣቢለ ጠበቓ ረኺበ", "ti")
    assert spans and not any("ኣቢለ" in s for s in spans), spans
    spans = names("ካብ ሃብቶም ሰሚዐ ቅድሚ ሰሙን", "ti")
    assert spans and not any("ሰሚዐ" in s for s in spans), spans


def test_the_priest_title_is_not_redacted() -> None:
    assert not any("ቀሺ" in s for s in names("ቀሺ ሙሴ ኣብ ገዛ መጺኡ", "ti"))


@pytest.mark.parametrize("text, language", [
    ("ኣብ ከረን ንነብር ኔርና", "ti"),                       # Keren: a town (and a name elsewhere), after "in"
    ("ባሬንቱ ያለችው አክስቴ ደወለች", "am"),                  # "who is in": a place
    ("ከሊቨርፑል ወደ ሊድስ ተዛወርኩ", "am"),                  # a UK town under "from", by its sound
    ("ብለንደን ኣቢለ ናብ ሊድስ መጺአ", "ti"),                 # through London: a town, not a person
    ("ኣዲስ ኣበባ ንሰለስተ ዓመት ነቢረ", "ti"),                # a town of two words
    ("ጎረቤተይ ሱዳናዊ እዩ", "ti"),                           # Sudanese
    ("ኤርትራዊት ዓርከይቲ ኣላትኒ", "ti"),                       # an Eritrean (woman) friend
    ("ጥምቀት ምስ ስድራ ኣኽቢርና", "ti"),                        # Epiphany
    ("ኣላህ ይመስገን ደሓን እየ", "ti"),                           # God be praised
    ("እንጀራን ሽሮን ይናፍቐኒ", "ti"),                           # injera and shiro
    ("ኣብ ማርያም ቤተ ክርስቲያን ንራኸብ", "ti"),                 # St Mary's church
    ("ኣብ ኪዳነ ምሕረት ቤተ ክርስቲያን ጸሎት ኔሩ", "ti"),          # Kidane Mihret church
    ("ሓጎስ ማለት ደስታ እዩ", "ti"),                              # "Hagos means joy": a word mentioned
    ("ኢድ ሙባረክ ንኹልኹም", "ti"),                               # Eid Mubarak
    ("ከጎረቤቶቼ ጋር ቡና ጠጣሁ", "am"),                             # with my neighbours (a plural)
    ("ሐኪሜ ኢትዮጵያዊ ነው", "am"),                                # my doctor is Ethiopian
])
def test_geez_places_feasts_and_words_are_kept(text: str, language: str) -> None:
    assert names(text, language) == [], names(text, language)
