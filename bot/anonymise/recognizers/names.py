"""Person names, found without a trained NER model.

No spaCy NER model can be installed offline here, so names come from rules:

* cue phrases in several languages ("my name is ...", "je m'appelle ...", "emri im është ...",
  "tên tôi là ...", "اسمي ..."), where the name may even be typed in lower case;
* a person's role ("my caseworker Sarah", "my solicitor, Mr Jones") or an action done with
  them ("call Ahmed on ...", "spoke to Maria"), followed by capitalised words;
* titles (Mr, Mrs, Ms, Dr, Zoti, Pani, Doamna, Madame, Señora, Senhora, Ông, ...);
* a capitalised word that is a given name in the ``nicknames`` package's list (1,100+
  English given names), with any capitalised surname after it.

Words that are capitalised but not names (organisations such as the Home Office or the
Salvation Army, places, nationalities, months, days) are never taken as names.
"""

from __future__ import annotations

import csv
import functools
import importlib.resources

import regex
from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult

from .cue import cue_alternation

# --- vocabulary -----------------------------------------------------------------------

STRONG_CUES = (
    # en
    "my name is", "my name's", "my name was", "name is", "my full name is", "i am called",
    "i'm called", "im called", "i am named", "my first name is", "my surname is",
    "my last name is",
    # sq
    "emri im është", "emri im eshte", "emri im", "unë quhem", "une quhem", "quhem",
    "më quajnë", "me quajne", "mbiemri im është",
    # vi
    "tên tôi là", "tôi tên là", "tên của tôi là", "tên em là", "em tên là",
    # pl
    "nazywam się", "nazywam sie", "mam na imię", "mam na imie", "moje imię to",
    "moje nazwisko to",
    # ro
    "numele meu este", "numele meu e", "mă numesc", "ma numesc", "mă cheamă", "ma cheama",
    # fr
    "je m'appelle", "je m’appelle", "mon nom est", "mon prénom est", "appelez-moi",
    # es
    "me llamo", "mi nombre es", "mi apellido es", "llámame",
    # pt
    "meu nome é", "o meu nome é", "chamo-me", "me chamo", "eu me chamo",
    # so
    "magacaygu waa", "magacayga waa", "magacaygu", "waxaa la i yiraahdaa",
)
# Cues after which only a capitalised name counts ("I am Kidane", not "I am tired").
CAPITALISED_CUES = (
    "i am", "i'm", "im", "call me", "they call me", "they called me", "people call me",
    "known as", "name", "my name", "names", "named", "surname", "first name", "full name",
    "tôi là", "jestem", "soy", "sou", "eu sou", "sunt", "eu sunt", "jam", "unë jam",
    "je suis", "c'est", "it's", "this is", "here is", "signed",
)
# Short kinship words used before names in Vietnamese, but ordinary words elsewhere
# ("em" is "in" in Portuguese): only used when the answer's language is Vietnamese.
VIETNAMESE_KINSHIP_CUES = ("anh", "chị", "em", "cô", "chú", "bác", "ông", "bà")
# Titles that people also type in lower case ("el señor Ruiz").
ANY_CASE_TITLES = (
    "señor", "señora", "señorita", "senhor", "senhora", "domnul", "doamna", "monsieur",
    "madame", "zoti", "zonja", "pani", "mister", "madam",
)
# Non-Latin scripts: the name is the next word or two in that script.
SCRIPT_CUES = (
    "اسمي", "إسمي", "اسمى", "انا اسمي", "أنا اسمي",            # ar
    "اسم من", "نام من", "اسمم", "اسم من هست",                 # fa, prs
    "زما نوم", "زما نوم دی",                                   # ps
    "ناوم", "ناوی من",                                         # ckb
    "میرا نام", "میرا نام ہے",                                 # ur
    "আমার নাম",                                                # bn
    "ਮੇਰਾ ਨਾਮ", "ਮੇਰਾ ਨਾਂ",                                      # pa
    "ስመይ", "ሽመይ", "ስሜ",                                       # ti, am
)
HAN_CUES = ("我叫", "我的名字是", "我名叫", "我的名字叫")
ROLE_CUES = (
    # en: people in a survivor's story
    "caseworker", "case worker", "support worker", "key worker", "keyworker", "social worker",
    "solicitor", "lawyer", "barrister", "advocate", "IMSA", "interpreter", "translator",
    "doctor", "GP", "nurse", "counsellor", "therapist", "midwife", "officer", "detective",
    "friend", "boyfriend", "girlfriend", "husband", "wife", "partner", "son", "daughter",
    "brother", "sister", "mother", "father", "mum", "mom", "dad", "uncle", "aunt", "auntie",
    "cousin", "nephew", "niece", "boss", "manager", "employer", "landlord", "landlady",
    "trafficker", "traffickers", "agent", "pimp", "neighbour", "neighbor", "teacher",
    "mentor", "volunteer", "child", "baby",
    # sq
    "avokati im", "avokatja ime", "shoku im", "shoqja ime", "punonjësja sociale",
    "punonjësi social", "vëllai im", "motra ime", "burri im", "gruaja ime", "djali im",
    "vajza ime", "trafikanti",
    # pl
    "mój prawnik", "moja prawniczka", "mój kolega", "moja koleżanka", "mój mąż", "moja żona",
    "mój brat", "moja siostra", "pracownica socjalna", "pracownik socjalny", "mój syn",
    "moja córka", "tłumacz", "tłumaczka",
    # ro
    "avocatul meu", "avocata mea", "prietenul meu", "prietena mea", "soțul meu", "sotul meu",
    "soția mea", "sotia mea", "fratele meu", "sora mea", "asistenta socială", "asistentul social",
    # fr
    "mon avocat", "mon avocate", "mon ami", "mon amie", "mon mari", "ma femme", "mon frère",
    "ma sœur", "assistante sociale", "assistant social", "mon fils", "ma fille",
    # es
    "mi abogado", "mi abogada", "mi amigo", "mi amiga", "mi marido", "mi esposo", "mi esposa",
    "mi hermano", "mi hermana", "trabajadora social", "trabajador social", "mi hijo", "mi hija",
    # pt
    "meu advogado", "minha advogada", "meu amigo", "minha amiga", "meu marido", "minha esposa",
    "meu irmão", "minha irmã", "assistente social", "meu filho", "minha filha",
    # vi
    "bạn tôi", "luật sư",
)
ACTION_CUES = (
    "call", "called", "calling", "phone", "phoned", "ring", "rang", "text", "texted",
    "message", "messaged", "whatsapp", "contact", "contacted", "email", "emailed",
    "ask for", "asked for", "speak to", "spoke to", "speak with", "spoke with", "talk to",
    "talked to", "told", "tell", "asked", "met", "meet", "visited", "helped by",
    "thanks to", "thank", "with", "by", "and", "man called", "woman called", "man named",
    "woman named", "someone called", "person called", "guy called", "lady called",
    "sunan", "telefono", "appelle", "llama", "ligue", "zadzwoń do", "sună-l pe", "sună-o pe",
    "thelle", "merre në telefon", "gọi cho", "nhắn tin cho",
)
# Round 18: offices and ranks that English uses bare, with a capital and no article, for the one who holds them
# ("Pastor said pray", "the man we call Chairman", "the Detective Constable said", "Sheikh at the mosque"): the word
# is the office, and only a name after it is someone's ("Imam Hassan", "Constable Reid"). No surname among them
# that the corpora use alone (Begum, Sardar and Anh are titles too, and names alone: they are not here).
OFFICE_WORDS = frozenset("""
pastor reverend priest imam sheikh shaikh mullah rabbi bishop judge magistrate constable sergeant inspector
chairman superintendent madam
""".split())
# Round 18: the English epithets of figures of faith (the name after one is no one to protect)
FAITH_EPITHETS = frozenset("prophet saint virgin".split())
# Round 18: prepositions that say only where (not "to", "from", "with": a person follows those too). A candidate
# right after one whose every word is a place of the gazetteer (lexicon.is_place: GeoNames) is the place; the
# rules of recognizers/people.py already judge such a word ("name_place") so, and this recognizer overruled them.
WHERE_WORDS = frozenset("in near at inside outside around".split())


def _all_places(span: str) -> bool:
    from ..lexicon import fold, get_lexicon

    lex = get_lexicon()
    words = regex.findall(r"[\w'’]+", span)
    return bool(words) and all(lex.is_place(fold(w)) for w in words)


# round 17: the one-word roles and kinship words above: a candidate name that opens with one is a role, not a name
ROLE_WORDS = frozenset(cue.lower() for cue in ROLE_CUES if " " not in cue) | frozenset(OFFICE_WORDS)
# Case-sensitive honorifics; the name that follows is redacted, the title kept.
TITLES = (
    "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Sir", "Madam", "Mister", "Lady", "Lord",
    "Zoti", "Zonja", "Pan", "Pani", "Domnul", "Doamna", "Dl", "Dna", "Monsieur", "Madame",
    "Mme", "Mlle", "M", "Señor", "Señora", "Señorita", "Sr", "Sra", "Srta", "Don", "Doña",
    "Senhor", "Senhora", "Dona", "Ông", "Bà", "Sheikh", "Haji", "Hajji", "Imam", "Ustaz",
    "Pastor", "Father", "Sister", "Brother", "Aunty", "Auntie", "Uncle",
)
PARTICLES = ("bin", "ibn", "bint", "al", "el", "van", "von", "de", "da", "di", "du", "dos",
             "das", "del", "le", "la", "abu", "ould", "ben", "ter")

# Capitalised words that are not names (compared in lower case).
FUNCTION_WORDS = frozenset("""
i i'm im i've i'll i'd me my we us our you your he him his she her they them their it its
the a an and or but so if when then because yes no not ok okay please thanks thank hello hi
sorry dear also after before now today tomorrow yesterday there here this that these those
what who why how where which someone nobody everyone anyone people person man woman men women
""".split())
PROPER_NOT_NAMES = frozenset("""
god allah jesus christ lord
monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun
january february march april may june july august september october november december
home office salvation army red cross british nrm imsa nhs gp police council jobcentre
plus migrant help hope justice snowdrop unseen citizens advice court tribunal legal aid
universal credit crown prosecution service cps trust refugee care social services hospital
clinic charity helpline modern slavery human trafficking section support asylum visa brp
government ministry department city station street road avenue lane church mosque temple
school college university centre center house hotel accommodation hostel shelter safe
barnardo's barnardos medaille causeway hearts boaz kalayaan la strada bawso ashiana
mears serco clearsprings migrant help uk eu un unhcr iom ngo bank
england scotland wales northern ireland britain uk united kingdom london manchester
birmingham leeds glasgow edinburgh cardiff belfast liverpool bristol sheffield newcastle
nottingham leicester coventry bradford hull derby southampton portsmouth oxford cambridge
luton reading slough peterborough croydon kent essex
albania albanian vietnam vietnamese eritrea eritrean sudan sudanese somalia somali
ethiopia ethiopian romania romanian poland polish iran iranian afghanistan afghan iraq
iraqi kurdistan kurdish kurd pakistan pakistani bangladesh bangladeshi china chinese
india indian portugal portuguese france french spain spanish nigeria nigerian ghana
ghanaian syria syrian egypt egyptian libya libyan turkey turkish greece greek italy
italian germany german europe european africa african asia asian arab arabic english
tigrinya amharic farsi persian dari pashto sorani urdu bengali punjabi mandarin
cantonese muslim christian islam ramadan eid christmas easter covid whatsapp facebook
catholic orthodox roma black white jewish hindu sikh buddhist free safe fine tired happy
sad scared afraid here there ready sure lucky alive single married divorced pregnant
instagram tiktok google gmail hotmail yahoo voices
merci gracias obrigada obrigado
""".split())
NOT_NAMES = FUNCTION_WORDS | PROPER_NOT_NAMES
# Given names that are also ordinary words or places: only taken after a cue.
AMBIGUOUS_GIVEN_NAMES = frozenset("""
august bill chick con faith gum india june junior may relief rose will sandy pat ray kit
olive dick sue cliff rich lib lil mat mac mack kent sydney victoria florence chelsea
georgia lincoln austin paris jersey york china major grace hope joy mark frank art
patience prudence charity mercy honor honour christian guy young smith
bell cage chat duty fall fate ford kill king left life link mock moss pink tick vest wash
west wood dyer herb gene glen hank norm rube shel vert wint doll lady prince sonny buck
buddy honey baby sissy sunny penny candy dolly dean bart page love star angel
""".split())
# A "name" followed by one of these is a place or organisation ("Victoria Station").
# round 14: the words institutions named after someone end with, inside a capitalised run too
INSTITUTION_WORDS = frozenset("""
foundation trust charity project institute society network clinic centre center academy fund hospital hospice
surgery mosque gurdwara temple
""".split())
PLACE_WORDS = frozenset("""
street st road rd avenue ave lane drive close court crescent place square terrace gardens
way grove hill park row walk station hospital house centre center church school college
university hotel trust council road airport prison office army cross city town county
foundation charity project institute society network clinic academy fund hospice surgery mosque gurdwara temple
""".split())

_L = r"[\p{Ll}\p{M}]"
NAME_TOKEN = (
    rf"(?:\p{{Lu}}['’]\p{{Lu}}{_L}+|\p{{Lu}}{_L}+(?:['’\-]\p{{Lu}}?{_L}+)*)"
)
_PARTICLE = "(?:" + "|".join(PARTICLES) + r")"
FULL_NAME = rf"{NAME_TOKEN}(?:\s(?:{_PARTICLE}[\s\-])?{NAME_TOKEN}){{0,3}}"
LOWER_TOKEN = rf"\p{{Ll}}{_L}+"
_SCRIPT_WORD = r"[\p{Arabic}\p{Ethiopic}\p{Bengali}\p{Gurmukhi}\p{Devanagari}][\p{L}\p{M}]*"
_SCRIPT_STOP = frozenset(
    "است هست هستم ہے ہوں দি ነው እዩ ይባላል دی ده و او من انا أنا وانا وأنا اور هو هي في من از".split()
)


@functools.lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Given names from the ``nicknames`` package (canonical column), lower case, 3+ letters."""
    with importlib.resources.files("nicknames").joinpath("names.csv").open(encoding="utf-8") as f:
        rows = csv.reader(f)
        next(rows, None)
        names: set[str] = set()
        for row in rows:
            if not row:
                continue
            names.add(row[0].strip().lower())           # canonical names ("Margaret")
            if len(row) > 2 and len(row[2].strip()) >= 4:
                names.add(row[2].strip().lower())       # nicknames of 4+ letters ("Maggie")
    return frozenset(
        n for n in names if len(n) >= 3 and n not in NOT_NAMES and "." not in n
    )


# Round 14: a capitalised word after an indefinite article of the answer's language, with up to two adjectives of
# colour, age or size between, is a thing ("a white Ford Transit", "un Mercedes negro", "une Renault", "uma
# Toyota"): a brand or a model, no person (Spanish "a" goes before a person, Portuguese "a" is "the", Albanian "une"
# is "I": each language's own articles only)
INDEFINITE_ARTICLES = {"en": ("a", "an"), "es": ("un", "una"), "fr": ("un", "une"), "pt": ("um", "uma"), "ro": ("un",)}
THING_ADJECTIVES = frozenset("""
white black red blue silver grey gray green old new big small little used dark
blanco blanca negro negra rojo roja gris azul viejo vieja nuevo nueva grande pequeño pequeña
blanc blanche noir noire rouge bleu vieux vieille nouveau nouvelle nouvel gros grosse petit petite
branco branca preto preta vermelho vermelha cinza velho velha novo nova pequeno pequena
alb albă negru neagră roșu rosu vechi nou mare mic
""".split())


def after_indefinite_article(text: str, start: int, language: str) -> bool:
    """Round 14: the word at ``start`` follows an indefinite article (see INDEFINITE_ARTICLES)."""
    articles = INDEFINITE_ARTICLES.get(language, ())
    before = text[max(0, start - 40):start]
    if not articles or not before[-1:].isspace():
        return False
    words = before.split()[-3:]
    for n in range(min(3, len(words))):
        if words[-(n + 1)].lower() in articles:
            return all(w in THING_ADJECTIVES for w in words[len(words) - n:])
    return False


def _is_name_word(word: str, first: bool) -> bool:
    """The first word of a name must not be any non-name; later words ("Nguyễn Văn An")
    only not an organisation, place or calendar word."""
    key = word.lower().strip("'’.,")
    return key not in (NOT_NAMES if first else PROPER_NOT_NAMES)


class PersonNameRecognizer(LocalRecognizer):
    """Rule-based person names (see the module docstring)."""

    name: str   # set by presidio's EntityRecognizer.__init__ (untyped there)

    ENTITY = "NAME"

    def __init__(self, supported_language: str = "en") -> None:
        gap = r"[\s,:\-–]*"
        role_gap = r",?\s+(?:(?:is|was|called|named|,)\s+){0,2}"
        self._strong = regex.compile(
            "(?i:" + cue_alternation(STRONG_CUES) + ")" + gap
            + rf"(?P<name>{FULL_NAME}|{LOWER_TOKEN})"
        )
        self._capitalised_cue = regex.compile(
            "(?i:" + cue_alternation(CAPITALISED_CUES) + ")" + gap + rf"(?P<name>{FULL_NAME})"
        )
        self._kinship = (
            regex.compile(
                "(?i:" + cue_alternation(VIETNAMESE_KINSHIP_CUES) + r")\s+" + rf"(?P<name>{FULL_NAME})"
            )
            if supported_language == "vi"
            else None
        )
        self._role = regex.compile(
            r"(?i:" + cue_alternation(ROLE_CUES) + ")" + role_gap + rf"(?P<name>{FULL_NAME})"
        )
        self._action = regex.compile(
            r"(?i:" + cue_alternation(ACTION_CUES) + r")\s+" + rf"(?P<name>{FULL_NAME})"
        )
        self._title = regex.compile(
            r"(?<!\w)(?:" + "|".join(TITLES) + "|(?i:" + "|".join(ANY_CASE_TITLES) + r"))\.?\s+"
            + rf"(?P<name>{FULL_NAME})"
        )
        self._script = regex.compile(
            cue_alternation(SCRIPT_CUES) + r"[\s:،]*"
            + rf"(?P<name>{_SCRIPT_WORD})(?:\s+(?P<second>{_SCRIPT_WORD}))?"
        )
        self._han = regex.compile("(?:" + "|".join(HAN_CUES) + r")\s*(?P<name>\p{Han}{2,3})")
        self._capitalised = regex.compile(rf"(?<![\w'’])(?P<name>{FULL_NAME})")
        self._lower_stop = frozenset(
            "not is was a an the my on in at secret private important hidden same different "
            "written also very just only there here and but what".split()
        )
        super().__init__(
            supported_entities=[self.ENTITY],
            supported_language=supported_language,
            name="PersonNameRecognizer",
        )

    def load(self) -> None:
        given_names()

    # -- helpers ------------------------------------------------------------------------

    @staticmethod
    def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
        """Cut a candidate at its first non-name word and drop trailing particles."""
        kept: list[tuple[int, int, str]] = []
        for token in regex.finditer(r"\S+", text[start:end]):
            word = token.group()
            if not _is_name_word(word, first=not kept):
                break
            kept.append((start + token.start(), start + token.end(), word))
        while kept and kept[-1][2].lower() in PARTICLES:
            kept.pop()
        if not kept:
            return None
        return kept[0][0], kept[-1][1]

    @staticmethod
    def _followed_by_place(text: str, end: int) -> bool:
        nxt = regex.match(r"\s+([\w'’]+)", text[end:end + 30])
        # round 18: "Kingston upon Thames", "Newcastle upon Tyne", "Ashton under Lyne": "upon" or "under" and a
        # capitalised word is the river or hill an English town is named by, never part of a person's name
        return bool(nxt and (nxt.group(1).lower() in PLACE_WORDS or (
            nxt.group(1).lower() in ("upon", "under") and regex.match(r"\s+\p{Lu}", text[end + nxt.end():]))))

    def _add(self, results, text, start, end, score, why) -> None:
        span = self._trim(text, start, end)
        if not span:
            return
        s, e = span
        while (first := regex.match(r"\S+", text[s:e])) and first.group().strip("'’.,").lower() in ROLE_WORDS:
            # round 17: "Sister, Mother, all these titles": a role or kinship word names no one; the name after
            # it stays ("called Auntie Funmi": Funmi)
            rest = regex.search(r"\s+", text[s + first.end():e])
            if rest is None:
                return
            s = s + first.end() + rest.end()
        if after_indefinite_article(text, s, self.supported_language):
            return
        if (before := regex.search(r"([\w.]+)\s+$", text[max(0, s - 20):s])) \
                and before.group(1).lower() in FAITH_EPITHETS:
            return      # round 18: "the Virgin Mary", "Prophet Musa": a figure of faith (people.RELIGIOUS_TITLES)
        if before and before.group(1).lower() in WHERE_WORDS and _all_places(text[s:e]):
            return      # round 18: "we lived in Washington near Sunderland", "at Kingston": the gazetteer's town
        if self._followed_by_place(text, e) or any(
                w.lower() in INSTITUTION_WORDS for w in regex.findall(r"[\w'’]+", text[s:e])[1:]):
            return      # round 14: "Helen Bamber Foundation": an institution named after someone
        results.append(
            RecognizerResult(
                entity_type=self.ENTITY,
                start=s,
                end=e,
                score=score,
                analysis_explanation=AnalysisExplanation(
                    recognizer=self.name, original_score=score, textual_explanation=why
                ),
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                },
            )
        )

    # -- analysis -----------------------------------------------------------------------

    def analyze(self, text: str, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []
        names = given_names()
        for m in self._strong.finditer(text):
            word = m.group("name")
            if word[0].islower():
                if word in self._lower_stop or word in NOT_NAMES:
                    continue
            self._add(results, text, m.start("name"), m.end("name"), 0.85, "name after a naming cue")
        for m in self._capitalised_cue.finditer(text):
            self._add(results, text, m.start("name"), m.end("name"), 0.75, "name after a naming cue")
        if self._kinship is not None:
            for m in self._kinship.finditer(text):
                self._add(results, text, m.start("name"), m.end("name"), 0.7, "name after a kinship word")
        for m in self._role.finditer(text):
            self._add(results, text, m.start("name"), m.end("name"), 0.75, "name after a role")
        for m in self._action.finditer(text):
            first = m.group("name").split()[0].lower()
            # "with Maria" is a name; "with London" is not: the first word must be a
            # known given name unless the cue is specific (call/text/speak to ...).
            weak = m.group(0).split()[0].lower() in {"with", "by", "and", "told", "tell", "met", "meet", "thank"}
            if weak and first not in names:
                continue
            self._add(results, text, m.start("name"), m.end("name"), 0.7, "name after an action")
        for m in self._title.finditer(text):
            if self._after_saint(text, m.start("name")):
                continue                # round 13: "Nossa Senhora Aparecida": Our Lady, no one's title
            self._add(results, text, m.start("name"), m.end("name"), 0.85, "name after a title")
        for m in self._script.finditer(text):
            end = m.end("name")
            if m.group("name") in _SCRIPT_STOP:
                continue
            if m.group("second") and m.group("second") not in _SCRIPT_STOP:
                end = m.end("second")
            self._add(results, text, m.start("name"), end, 0.8, "name after a naming cue")
        for m in self._han.finditer(text):
            self._add(results, text, m.start("name"), m.end("name"), 0.8, "name after a naming cue")
        for m in self._capitalised.finditer(text, overlapped=True):
            first = m.group("name").split()[0]
            key = first.lower()
            if key in names and key not in AMBIGUOUS_GIVEN_NAMES and not self._after_saint(text, m.start()):
                self._add(results, text, m.start("name"), m.end("name"), 0.6, "known given name")
        return results

    @staticmethod
    def _after_saint(text: str, start: int) -> bool:
        # round 10: also "the prophet Moses", "I pray to Mary": figures of faith, no one to protect; round 13: the
        # saints of the Latin-script languages ("de Sfânta Maria", "São João", "Santa Rita", "Święty Mikołaj")
        return bool(regex.search(r"(?:\bSt\.?|\bSaint|\bSainte|\bSf\.?|\bSf[âa]nt(?:a|ul)|\bSant[ao]|\bS[ãa]o"
                                 r"|\b[ŚS]wi[ęe]t(?:a|y|ego|ej)|\b[Nn]ossa\s+[Ss]enhora|\b[Nn]uestra\s+[Ss]eñora"
                                 r"|\b[Pp]rophet|\b[Pp]ray(?:ed|ing)?\s+to)\s+$",
                                 text[max(0, start - 16):start]))
