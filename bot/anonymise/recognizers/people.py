"""People's names found the way Philter finds them: by word lists and by where a word stands.

Philter (Norgeot et al., npj Digital Medicine 2020) removes identifiers from clinical notes without a
trained model: a word that is not known to be safe is treated as identifying. Our answers are short,
informal and multilingual, so each word is put in one of four classes (lexicon.py has the lists):

* **safe**: an organisation, service, place, nationality, language, religion, holiday, day or month
  (Salvation Army, Birmingham, Tigrinya, Ramadan);
* **name**: a given name or surname of one of 105 countries that is not an everyday word
  (Arben, Tesfaye, Krzysztof, Chinedu, Nguyen, أحمد, ተስፋይ);
* **word name**: a name that is also an everyday word (Hope, Grace, Will, Mark, Joy);
* **unknown**: a word no frequency list knows (a rare name, or a misspelling);
* everything else is an everyday word.

A name is redacted wherever it stands, also in lower case ("arben took my phone"). A word name or an
unknown word is redacted where a person stands: after a title or role ("DC Mark Evans", "my support
worker Hope"), before a verb people do ("Grace came", "Hope, my support worker, never gave up"), in a
list with another name, when spoken to ("thank you Mercy"), next to another name, or (unknown words,
and word names) with a capital in the middle of a sentence. Neighbouring names join into one span
with the particles between them (Nguyen Van Minh, Ahmad Shah Rahimi, Abu Ali, Mohammed bin Salem).

What the rules are unsure of (a capitalised unknown word or word name starting a sentence with no
person context) is not redacted but reported by `unsure_spans`, so the answer waits for a person in
the staff review queue with those words highlighted.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from dataclasses import dataclass

import regex
from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult

from .. import lexicon as lex_module
from .. import romanise, translit
from ..languages import normalise_language
from ..lexicon import Lexicon, fold, get_lexicon
from ..romanise import SORANI_LETTERS, spellings
from .names import OFFICE_WORDS, after_indefinite_article

TOKEN = regex.compile(r"[\p{L}\p{M}]+(?:['’\-][\p{L}\p{M}]+)*")
HAN_RUN = regex.compile(r"\p{Han}+")
HAN_START = regex.compile(r"\p{Han}")
SENTENCE_END = ".!?…:;\n•*。！？"

# Round 12: the letters these languages' keyboards type for one another (Arabic ي ك ى ة and Persian ی ک; Urdu ہ ھ
# and Sorani ە for ه): a closed word class is looked up in one spelling, so "بهت" (Urdu بہت typed on a Persian
# keyboard), "كتير" and "کتير" are the same word
ARABIC_VARIANTS = str.maketrans("يكىةہھەۂۀ", "یکیهههههه")


def arabic_norm(key: str) -> str:
    """Round 12: the word in one spelling of the letters the Arabic-script keyboards type for one another."""
    return key.translate(ARABIC_VARIANTS)


BETWEEN = " \t\"'“”‘’«»()[]-–—,"   # what may stand between the end of a sentence and its first word

# Titles and ranks: the capitalised words after them are a name ("DC Mark Evans", "Judge Patel").
TITLES = frozenset(fold(t) for t in """
Mr Mrs Ms Miss Mx Dr Doctor Prof Professor Sir Dame Madam Lady Lord Mister Missus
DC DS DI DCI DSI PC PCSO Sgt Sergeant Insp Inspector Constable Detective Officer Chief Superintendent
Judge Justice Magistrate Nurse Sister Brother Father Pastor Reverend Rev Imam Sheikh Shaikh Haji Hajji
Mullah Ustaz Ustad Rabbi Bishop Captain Capt Aunty Auntie Aunt Uncle Mama Mamma Papa Baba Mummy
Zoti Zonja Pan Pani Domnul Doamna Dl Dna Monsieur Madame Mme Mlle Señor Señora Señorita Sr Sra Srta
Don Doña Senhor Senhora Dona Ông Bà Anh Chị Cô Chú Bác Ato Weizero Woizero W/ro Hajia Alhaji Chief
Mallam Malam Oga Madam Agha Aga Khanum Khanom Begum Bibi Sahib Saheb Ji Sardar Mian Kaka Mamá Papá
الأستاذة الاستاذ الاستاذة مسز مسٹر
خانم آقای آقا حاجی حاجي الحاج السيد السيدة سيد استاد أستاذ الأستاذ چوہدری چودھری بیگم ملا کاک کاکە خاتوو خاتو
ਸਰਦਾਰ ਸ੍ਰੀ ਸ਼੍ਰੀ ਸ਼੍ਰੀਮਤੀ श्री श्रीमती मिस्टर মিস্টার মিসেস জনাব ጋሽ እማማ
Tio Tia Tío Tía Tonton Tata Xhaxhi Teta Hala Ciocia Wujek Nenea Tanti Ayeeyo Abti Eedo Habaryar
""".split())
# People in a survivor's story: a name may follow ("my caseworker Sarah") or come before, after a
# comma ("Hope, my support worker,").
ROLES = frozenset(fold(r) for r in """
caseworker worker keyworker advocate imsa solicitor lawyer barrister interpreter translator doctor gp
nurse counsellor counselor therapist midwife officer detective policeman policewoman police friend
boyfriend girlfriend husband wife partner son daughter brother sister mother father mum mom dad
uncle aunt auntie aunty cousin nephew niece grandmother grandfather grandma granny grandpa boss
manager supervisor employer landlord landlady trafficker traffickers agent pimp neighbour neighbor
teacher mentor volunteer colleague coworker co-worker driver owner housemate flatmate roommate
child children baby kid kids boy girl man woman lady guy mate pastor priest imam judge chef cook
receptionist guard contact sponsor fiance fiancé fiancee fiancée ex cousin brother-in-law
sister-in-law mother-in-law father-in-law stepfather stepmother stepson stepdaughter twin
""".split())
# Round 15: the same roles in Ukrainian and Russian, nominative ("соціальна працівниця надія", "менеджер олег").
# Unlike the English ones they take a noun in the genitive after them as often ("хозяин квартиры", landlord of
# the flat; "працівник банку"), so a word after one is a person only if the name list has it. Not the kin words
# брат/сестра, nor друг (Russian "друг друга", each other)
CYRILLIC_ROLES = frozenset("""
менеджер керівник керівниця начальник начальниця бригадир бос юрист юристка адвокат адвокатка лікар лікарка
медсестра перекладач перекладачка працівник працівниця соцпрацівник соцпрацівниця волонтер волонтерка
сусід сусідка подруга водій руководитель врач доктор переводчик переводчица работник работница соцработник
соцработница волонтёр сосед соседка водитель
""".split())
# Words after which a name may come in any case ("called ahmed", "my name is hope").
NAMING_CUES = (
    ("called",), ("named",), ("name", "is"), ("name", "was"), ("name's",), ("call", "me"),
    ("known", "as"), ("quhet",), ("quhej",), ("quhem",), ("tên", "là"), ("nazywa", "się"),
    ("nazywał", "się"), ("cheamă",), ("numește",), ("appelle",), ("appelait",), ("llama",),
    ("llamaba",), ("chama",), ("chamava",), ("la", "yiraahdaa"), ("magaciisu", "waa"),
    ("magaceedu", "waa"), ("magacaygu", "waa"),
    # round 18: "call" with its object and the name after it, the double object of a verb of naming ("we call
    # him Hamo", "they called her Mama T"); "I call him every day" has no name after it, and the word after the
    # cue is still weighed as every cued word is
    ("call", "him"), ("call", "her"), ("calls", "him"), ("calls", "her"), ("called", "him"), ("called", "her"),
) + tuple(tuple(fold(w) for w in cue.split("_")) for cue in """
esmi ismi ismee esmy esmo ismo esmaha ismaha ismuhu smiti smitha smito esme_man esmam esmem nam_man nam-e_man
mera_naam mera_nam meri_naam mera_name mera_na amar_nam amar_naam amar_name
wo_jiao ta_jiao mingzi_shi mingzi_jiao wo_de_mingzi_shi
sime simē simey shimey shime nawm nawim nawi_min naw_m zma_num zma_noom zama_num
magacayga magacaygu ten_la toi_ten ma_cheama ma_cheamă numele_meu_e numele_meu_este emri_im_eshte emri_im_është
me_quajne me_quajnë mam_na_imie mam_na_imię nazywam_sie nazywam_się llamo chamo appelle
""".split()) + tuple(tuple(fold(w) for w in cue.split("_")) for cue in (
    # round 19: "my/his/her name is", "is called", "we call him" in the languages survivors type in Latin letters
    # that the bot does not speak (their answers arrive marked English): Swahili, Hausa, Igbo, Yoruba, Oromo, Twi,
    # Kurmanji and Nigerian Pidgin, from their grammars (the possessive after "name", the verb of calling)
    """
jina_langu_ni jina_lake_ni jina_lako_ni anaitwa aliitwa naitwa tunamwita wanamwita walimwita tulimwita
sunana sunanta sunansa ana_kiransa ana_kiranta muna_kiransa muna_kiranta
aha_m_bụ aha_ya_bụ aha_m_bu aha_ya_bu
orúkọ_mi_ni orúkọ_rẹ̀_ni oruko_mi_ni oruko_re_ni pè_ní pe_ni
maqaan_koo maqaan_isaa maqaan_ishee
me_din_de ne_din_de yɛfrɛ_no wɔfrɛ_no yefre_no wofre_no
navê_min navê_wî navê_wê nave_min nave_wi nave_we
call_am my_name_na im_name_na in_name_na mi_nem_na in_nem_na im_nem_na
""").split())
# the words of those cues typed in Latin letters by speakers of languages in other scripts ("ana esmi ...",
# "mera naam ...", "wo jiao ..."): never names themselves
ROMANISED_CUES = frozenset(cue for cue in NAMING_CUES if cue[0] in """esmi ismi ismee esmy esmo ismo esmaha ismaha
ismuhu smiti smitha smito esme esmam esmem nam mera meri amar wo ta mingzi sime simē simey shimey shime nawm nawim
nawi naw zma zama magacayga magacaygu ten toi ma numele emri me mam nazywam llamo chamo""".split())
ROMANISED_CUE_WORDS = frozenset(w for cue in ROMANISED_CUES for w in cue)
ROMANISED_CUES_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _cue in ROMANISED_CUES:
    ROMANISED_CUES_BY_FIRST.setdefault(_cue[0], []).append(_cue)
# "thank you" as people type it, in the bot's languages written in Latin letters (with or without accents)
THANKS_IN_LANGUAGES = tuple(tuple(fold(w) for w in t.split("_")) for t in """
thank_u thanks_u thank_u_so_much thanks_so_much thx gracias muchas_gracias obrigado obrigada muito_obrigado
muito_obrigada merci merci_beaucoup mulțumesc multumesc mersi dziękuję dziekuje dzięki dzieki faleminderit
cảm_ơn cam_on mahadsanid shukran shukriya dhanyavad dhonnobad
asante asante_sana na_gode nagode daalụ daalu imela ẹ_ṣé e_se o_ṣeun oseun galatoomi galatooma medaase spas
""".split())
# Words after which a capitalised word stands where a person stands ("thank you Mercy").
NAMING_BEFORE = (
    ("thank", "you"), ("thanks",), ("thankyou",), ("dear",), ("hi",), ("hello",),
    ("bye",), ("cheers",), ("love",), ("told",), ("asked",), ("met",), ("with",), ("to",),
    ("by",), ("ask", "for"), ("speak", "to"), ("spoke", "to"), ("talk", "to"),
    ("talked", "to"), ("me", "and"), ("text",), ("texted",), ("phoned",), ("rang",), ("tell",),
    # people spoken to: "Sorry Nadia, ...", "Please Tomasz, call me", "God bless you Efua"
    ("sorry",), ("please",), ("listen",), ("goodbye",), ("bless", "you"), ("thank", "you", "so", "much"),
) + THANKS_IN_LANGUAGES
# Of those, the words that speak to someone: a capitalised word right after them that ends the clause
# ("Sorry Nadia, I ...", "Thanks Bashir.") is the person spoken to, even if a place has its name
VOCATIVE_BEFORE = (
    ("thank", "you"), ("thanks",), ("thankyou",), ("dear",), ("hi",), ("hello",), ("bye",), ("cheers",),
    ("sorry",), ("please",), ("listen",), ("goodbye",), ("bless", "you"), ("thank", "you", "so", "much"),
    ("thanks", "to"), ("out", "to"), ("grateful", "to"), ("thankful", "to"), ("thank", "you", "to"),
) + THANKS_IN_LANGUAGES
SPOKEN_TO = "spoken to"
# Words that say the one before is a person: the verbs people do in these answers, in the bot's
# Latin-script languages, and what follows a name in a list or a description.
PERSON_AFTER = frozenset(fold(v) for v in """
came come comes coming took takes take taking said says say told tells tell helped helps help
gave gives give shouted shouts screamed brought brings drove drives found finds asked asks kept keeps
made makes paid pays hit hits beat promised promises knew knows know spoke speaks talked talks called
calls phoned rang texted wanted wants works worked lives lived stayed stays cooked cried listened
believed arrived picked met meets looked visited visits sent sends showed shows explained explains
sorted got gets saved changed left leaves went goes put puts sold sells bought buys took threatened
threatens forced forces locked controlled controls owned owns watched watches checked checks
introduced introduces offered offers moved moves used uses collected collects organised organized
booked booked fought supported supports understood understands never always also still really
just did does didn't doesn't wasn't isn't won't can't couldn't would could will should has had have
and or who whose nor but is was were are be been will
zabrał zabrała pomógł pomogła powiedział powiedziała przyszedł przyszła dał dała wziął wzięła
m-a a-ajutat ajutat a zis spus venit luat dat adus ne-a i-a l-a le-a mi-a ți-a v-a ne-au m-au i-au
më mori mori tha erdhi ndihmoi dha solli më ndihmoi
nous m'a a dit est venu venue aidé pris donné
me dijo dijo vino ayudó llevó dio trajo
disse veio ajudou levou deu trouxe
đã nói đến giúp lấy cho đưa bảo
wuxuu waxay yiri yimid i caawiyay qaaday siiyay keenay
tried tries refused refuses fixed fixes wrote writes translated translates answered answers rescued
trafficked recruited started stopped waited waits lied lies laughed smiled hugged sat slept ran
wey
""".split())
PERSON_AFTER = PERSON_AFTER - {"a", "me", "i", "e", "o", "nous"}
# Weak: places and things come before these too ("Leeds has", "Hope is").
AUXILIARIES = frozenset("""
never always also still really just did does didn't doesn't wasn't isn't won't can't couldn't would
could will should has had have and or who whose nor but is was were are be been
wey
""".split())     # (round 16: wey, Nigerian Pidgin's "who": "Blessing wey dey the same hostel")
AUXILIARY = "before an auxiliary verb"
# After "is"/"was": words that make it a description of a person ("Rose is my caseworker").
DESCRIBED_AS = frozenset("my the a an very so really kind nice good bad from our your his her their always".split())
# A word right before these is being spoken to or described ("Hope, my support worker").
DETERMINERS = frozenset(fold(d) for d in """
the a an this that these those some any no every each his her its my your our their whose which what
of in on at into onto from about without more most much many such
""".split())
PREDICATE_VERBS = frozenset("is was am are were be been being become became i'm im he's she's".split())
PLACE_PREPOSITIONS = frozenset(fold(w) for w in """
in to from at near via through into outside inside around across towards toward
en a à au aux de desde para em no na nas do da dos w we z ze do pod koło în la din spre lângă
në nga ne tek te prej ở đến từ tại sang ku ee ka
в у из з із до на від по під біля возле около
""".split())
# Round 14: the prepositions of those that only say where (not "a", "z", "de": a person may follow them too)
LOCATIVE_PREPOSITIONS = frozenset(fold(w) for w in """
in at near from into inside outside through en em în lângă ở tại từ w we в из із від біля возле около
""".split())
# Joining words inside one name ("Nguyen Van Minh", "Mohammed bin Salem", "Abu Ali", "van der Berg").
PARTICLES = frozenset(fold(p) for p in """
bin ibn bint binti al el ul ud abu abou umm um om ould ag wad van von der den de da di du dos das del
della le la ter ten thi văn thị mac mc ap ab ben bat abdul abdel আব্দুল আবদুল अब्दुल ਅਬਦੁਲ عبد
""".split())
# Words starting a kunya or patronymic: the word after them is a name, whatever it is.
NAME_STARTERS = frozenset(fold(p) for p in """
abu abou umm um om bin ibn bint ould wad abdul abdel abdal আব্দুল আবদুল अब्दुल ਅਬਦੁਲ عبد عبدل""".split())
# Case-less scripts: the ergative marker after a subject (Urdu, Punjabi, Hindi) or a verb of speech
# or of coming says the word before is a person; the cue words before say the one after is.
SCRIPT_PERSON_AFTER = frozenset("""
نے ਨੇ ने ਜੀ जी جی صاحب صاحبہ
قال قالت جاء جاءت أخذ اخذ ساعد ساعدت أعطى اعطى أخبر اخبر كان كانت يعمل
گفت آمد اومد برد کمک داد گرفت بود کرد آورد
ووې راغی ویل وویل
گوتی هات برد
বলল বলেছে বলেছিল এসেছিল এসেছে দিয়েছে দিয়েছিল নিয়েছে নিয়ে সাহায্য আমাকে
ਨੇ ਆਇਆ ਆਈ ਕਿਹਾ ਦਿੱਤਾ ਲੈ
ने आया आई कहा दिया ले मदद
ኢሉ ኢላ ሂቡኒ መጺኡ መጽአ ወሲዱ ሓጊዙኒ ረዲኡኒ ነገረኝ መጣ ወሰደ ረዳኝ አለ ሰጠኝ ሓወይ ሓፍተይ ሓብተይ ዓርከይ ኣደይ ኣቦይ
مرا منو ساعدني اعطاني أعطاني اخذني أخذني اخذ
मुझे मेरा मेरी हमें हमारा
আমাকে আমার আমাদের
ਮੈਨੂੰ ਮੇਰਾ ਮੇਰੀ ਸਾਨੂੰ ਸਾਡਾ ਨਾਲ ਦੇ
সাথে সঙ্গে সাথেই
साथ
ساتھ
مجھے میرا میری ہمیں آیا کہا
هاتە هات گوتی بردی منی
""".split())
ERGATIVE_MARKERS = frozenset("نے ਨੇ ने".split())
ERGATIVE = "before the mark of a subject who acts"
SCRIPT_PRONOUNS = frozenset("ਮੈਂ ਅਸੀਂ मैं हम আমি আমরা من ما انا أنا نحن میں ہم مه ኣነ እኔ ንሕና እኛ".split())
# round 19: Nepali and Marathi "I/we" (म, मैले with the mark of the one who acts; मी, आम्ही): a clause opens after them
SCRIPT_PRONOUNS = SCRIPT_PRONOUNS | frozenset("म मैले हामी हामीले मी आम्ही".split())
# Cyrillic: verbs people do (the capital rules do the rest)
PERSON_AFTER_CYRILLIC = frozenset("""
допоміг допомогла сказав сказала прийшов прийшла забрав забрала взяв взяла дав дала привіз
помог помогла сказал сказала пришёл пришел пришла забрал забрала взял взяла дал дала привёз
""".split())
SCRIPT_NAMING_TEXT = """
اسمي اسمه اسمها إسمي يدعى تدعى اسم_من نام_من نامش اسمش اسمم ناوی_من ناوم زما_نوم میرا_نام
আমার_নাম ওর_নাম ਮੇਰਾ_ਨਾਮ ਮੇਰਾ_ਨਾਂ मेरा_नाम उसका_नाम ስመይ ስሙ ስማ ሽመይ ስሜ ስሟ
"""
# (round 17: not Ge'ez ዝበሃል, ይባላል "(who is) called": the name comes before them, and the word after is the noun the
# relative clause qualifies, "ዓወት ዝበሃል ወዲ", a boy called Awet; they are SCRIPT_HONORIFICS below)
# People in a survivor's story, in the scripts without capitals (a name may follow)
SCRIPT_POLICE = frozenset("پولیس افسر پلیس الشرطة الشرطي ਪੁਲਿਸ पुलिस পুলিশ ፖሊስ ፖሊሱ پولیسو".split())
SCRIPT_CUES_BEFORE_TEXT = """
پولیس افسر پلیس الشرطة الشرطي ਪੁਲਿਸ पुलिस পুলিশ ፖሊስ ፖሊሱ ወናኒ ወናኒ_ስራሕ ወናኒ_ገዛ ባለቤቱ ባለ_ቤቱ
ایجنٹ এজেন্ট ਏਜੰਟ एजेंट دلال দালাল ਦਲਾਲ दलाल قاچاقچی قاچاقبر قاچاخچی المهرب مهرب ደላላይ ኣሕላፊና
صاحب_کارم صاحب_کار بوسم
مالک صاحب مالكة المالك مديرنا رئيسنا
মালিক ਮਾਲਕ मालिक
صديقي صديقتي زوجي زوجتي أخي اخي أختي اختي مديري المدير محامي محاميتي المحامي المترجم
دوستم شوهرم همسرم برادرم خواهرم رئیسم وکیلم مترجم
دوست شوہر بیوی بھائی بہن وکیل
আমার_বন্ধু বন্ধু স্বামী ভাই বোন উকিল
ਦੋਸਤ ਪਤੀ ਭਰਾ ਭੈਣ ਵਕੀਲ
दोस्त पति भाई बहन वकील
ዓርከይ ሰብኣየይ ሓወይ ሓፍተይ ሓብተይ ሰበይተይ ጠበቓ ጓደኛዬ ባለቤቴ ወንድሜ እህቴ ጓደኛ
عاملة_الدعم عامل_الدعم المترجمة المحامية الطبيب الطبيبة الممرضة مديرتي صاحب_العمل مشرفي
مترجم مترجمه مددکار وکیلم داکتر دکتر پرستار کارفرما کارفرمایم صاحبکار
سپورٹ_ورکر مترجم وکیل ڈاکٹر باس میرے_باس مالک
ژباړونکې ژباړونکی زما_مشر مشر ډاکټر وکیل
خاوەنکارەکەم خاوەنکار وەرگێڕەکە وەرگێڕ پارێزەر دکتۆر هاوڕێکەم کارمەند
ሓላፊ_ስራሐይ ሓላፊ ኣሕላፊ ሓለፊ ሰራሕተኛ_ደገፍ ተርጓሚ ሓኪም ነርስ ጠበቃ አስተርጓሚው አስተርጓሚ የድጋፍ_ሰራተኛዬ ሰራተኛዬ አሠሪዬ ሐኪም አለቃዬ
দোভাষী সাপোর্ট_ওয়ার্কার ডাক্তার নার্স মালিক উকিল বস কেসওয়ার্কার কেস_ওয়ার্কার সমাজকর্মী সোশ্যাল_ওয়ার্কার সলিসিটর লইয়ার
মেয়ে ছেলে স্ত্রী বউ
ਦੁਭਾਸ਼ੀਆ ਸਪੋਰਟ_ਵਰਕਰ ਡਾਕਟਰ ਨਰਸ ਵਕੀਲ ਬੌਸ ਠੇਕੇਦਾਰ ਮਾਲਕ ਮੈਨੇਜਰ
ደላላ ደላላው ደላሎች ደላላዎቹ ደላሊ ደላላይ
दुभाषिया सपोर्ट_वर्कर डॉक्टर नर्स वकील बॉस मालिक मैनेजर ठेकेदार सुपरवाइज़र ম্যানেজার ঠিকাদার সুপারভাইজার
کیس_ورکر کیس_ورکرم کیس_ورکرمه الكيس_وركر كيس_وركر الكيس_وركر_تبعي الكيس_وركر_تبعتي كيس_وركر_تبعي
سپورٹ_ورکر ዶክተር ዶክተሩ ዶክተራ بەڕێوەبەر بەڕێوەبەری بەڕێوەبەرەکە سوشل_ورکر منیجر مینیجر
کەیس_وۆرکەرەکەم کەیس_وەرکەرەکەم کەیس_وۆرکەر کەیس_وەرکەر
مسؤولة_الحالة_تبعي مسؤول_الحالة_تبعي مسؤولة_الحالة مسؤول_الحالة ډاکټره ډاکټرې ኬዝ_ወርከረይ ኬዝ_ወርከሬ የኬዝ_ወርከሬ
المدير_تبعي المحامي_تبعي المحامية_تبعتي রুমমেট কেসওয়ার্কার_আপা ਕੇਸ_ਵਰਕਰ কেস_ওয়ার্কার_আপা
বান্ধবী ਸਹੇਲੀ ਘਰਵਾਲੀ ਘਰਵਾਲਾ ਕੇਸਵਰਕਰ ਕੇਸ_ਵਰਕਰ
केसवर्कर केस_वर्कर सोशल_वर्कर पड़ोसन पड़ोसी पड़ोसिन सहेली मैनेजर_साहब दुभाषिए सुपरवाइजर इंचार्ज
साथी श्रीमान श्रीमती मित्र मैत्रीण नवरा बायको मिस्टर मिसेज इंस्पेक्टर
ጎረቤቴ ጎረቤተይ ሠራተኛዬ የድጋፍ_ሠራተኛዬ ሰራሕተኛ_ደገፍ መምህረይ መምህሬ
"""
# (round 19: Amharic and Tigrinya "my neighbour", "my teacher", the support worker as Amharic also spells it
# (ጎረቤቴ, መምህረይ, የድጋፍ ሠራተኛዬ); the Nepali friend, husband, wife (साथी, श्रीमान, श्रीमती), the Marathi
# friend, husband, wife (मित्र, मैत्रीण, नवरा, बायको), and the English titles Mr, Mrs, Inspector as Hindi writes them)
# (round 15: the Hindi caseworker, social worker, neighbour and girlfriend that Punjabi and Urdu had: केसवर्कर,
# पड़ोसन, सहेली; ਕੇਸਵਰਕਰ and پڑوسن were there already)
# one cue a line above would be easier to read, but several are phrases: split on double spaces
SCRIPT_CUES_BEFORE = frozenset(
    tuple(fold(w) for w in cue.split("_")) for cue in SCRIPT_CUES_BEFORE_TEXT.split()
)
SCRIPT_NAMING = frozenset(tuple(fold(w) for w in cue.split("_")) for cue in SCRIPT_NAMING_TEXT.split())
SCRIPT_CUE_WORDS = frozenset(w for cue in SCRIPT_CUES_BEFORE | SCRIPT_NAMING for w in cue)
# Words of these scripts that are never names though a name list has them (copulas, "my").
SCRIPT_NOT_NAMES = frozenset("""
ነኝ ነህ ነሽ ነን ናችሁ እየ ኢየ ኢኻ ኢኺ ኢና ኢኹም እዮም ኢዮም
እዩ ኢዩ እያ ኢያ ነው ናቸው ናት ነች ኣሎ አለ ኔሩ ነበር ሓወይ ሓፍተይ ሓብተይ ሰበይተይ ዓርከይ ኣደይ ኣቦይ ኣነ ንሱ ንሳ ንሕና ኣብ ካብ ናብ እና ግን
ሰብ ሰው ስም ሚስተር ሚሲዝ ሚስስ ሚስ እትዬ ጋሼ ቀሺ ቄስ አንተ አንቺ ኣንታ ኣንቲ ባንተ ባንቺ ላንተ ላንቺ የእኔ ከእኔ ከኔ ምሳይ کاک کاکە خاتوو خاتو
والله واللہ بالله لله الحمدلله الحمدللہ
እኔ እሱ እሷ እኛ እነሱ እና ግን ወደ ከ በ
زه ته هغه هغې موږ تاسو دوی زما ستا د په له ته او خو چې
ਤੁਹਾਡਾ ਤੁਹਾਡੀ ਤੁਹਾਡੇ ਤੁਹਾਨੂੰ ਤੇਰਾ ਤੇਰੀ ਤੈਨੂੰ
ਮੈਂ ਤੂੰ ਉਹ ਅਸੀਂ ਤੁਸੀਂ ਅਤੇ ਤੇ ਪਰ ਕਿ ਇਹ ਮੇਰਾ ਮੇਰੀ ਮੇਰੇ ਸਾਡਾ ਸਾਡੇ ਵਿੱਚ ਦਾ ਦੀ ਦੇ ਨੂੰ ਨੇ ਹੈ ਸੀ ਉਸ ਉਸਨੇ ਉਹਨਾਂ
እቲ ኢቲ እታ ኢታ እዚ እዚኣ እቶም እተን ናይ
آپ وہ یہ تم انہوں اس انہیں اسے ہم میں
आप वह यह तुम उन्होंने उसने उस उसे हम मैं
তুমি আপনি সে ওরা ও তিনি আমি আমরা
من تۆ ئەو ئێمە ئێوە ئەوان و بەڵام لە بۆ کە
ژمارە ژمارەی ژمارەکەم ژمارەکەی بیمە بیمەی نیشتمانی مۆبایل مۆبایلەکەم تەلەفۆن
شکریہ شكراً شكرا جزيلاً جزيلا ممنون تشکر مننه سوپاس ধন্যবাদ ਧੰਨਵਾਦ የቐንየለይ አመሰግናለሁ ሓገዝ እርዳታ
علیکم عليكم عليکم
تبعي تبعو تبعه تبعها تبعنا تبعك تبعهم
የኔ ያንተ ያንቺ የሱ የሷ የኛ የነሱ የእሱ የእሷ የእኛ የእነሱ ናተይ ናትካ ናትኪ ናቱ ናታ ናትና ናቶም
সাহেব ਸਾਬ੍ਹ ਸਾਹਿਬ ਸਾਬ साहब
ፖስታ የፖስታ ፖስት ኮድ ኮዴ ኮደይ کدپستی کد پستی کدپستیم پوسټ کوډ پۆستکۆد پۆستکۆدەکەم
برا براکەم براکەی برادەر برادەرەکەم برادەرەکەی خوشک خوشکەکەم خوشکەکەی هاوڕێ هاوڕێکەم هاوڕێکەی باوکم دایکم
""".split())
# Round 10: kinship words and forms of address (my uncle, my mother, big sister) that open a sentence the way
# a name does ("عمي ساعدني", "মামা আমাকে ...", "ਚਾਚਾ ਜੀ ਨੇ", "hooyaday iyo walaashay"): the person they stand
# for has no name there, and the words are never names themselves
KIN_WORDS = frozenset("""
ኣቦ ኣደ کاکا کاکایم ਬੀਬੀ ਭਾਜੀ
دخترم پسرم برادرم خواهرم بیٹی بیٹا بیٹے لور ورور خور
عمي عمتي خالي خالتي ابوي أبوي امي أمي ابي أبي جدي جدتي بنتي ابني إبني ولادي اولادي أولادي ولدي بناتي
چچا چچی ماموں ممانی خالہ پھوپھو امی اماں باجی آپا ساس سسر نند دیور جیٹھ بھابھی سالا سالی
सास ससुर ननद देवर जेठ भाभी
बुबा बाबु आमा दाइ दाजु दिदी बहिनी भाइ छोरा छोरी काका काकी आई बाबा भाऊ बहीण ताई
عمو عمه خاله دایی پدرم مادرم بابام مامانم
মামা মামী চাচা চাচী খালা খালু ফুফু ফুপু আব্বা আম্মা বাবা মা নানা নানী দাদী
ਚਾਚਾ ਚਾਚੀ ਮਾਮਾ ਮਾਮੀ ਤਾਇਆ ਤਾਈ ਭੂਆ ਮਾਸੀ ਮਾਸੜ ਬਾਪੂ ਬੇਬੇ ਮਾਂ ਫੁੱਫੜ ਪਿਤਾ ਮਾਤਾ ਦਾਦਾ ਦਾਦੀ ਨਾਨਾ ਨਾਨੀ ਸਰਦਾਰ ਬਾਈ ਵੀਰ
ভাইয়া আপু আপা ভাবী দুলাভাই
चाचा चाची मामा मामी बुआ मौसी पापा माँ
አባቴ እናቴ አጎቴ አክስቴ አያቴ ኣቦይ ኣደይ ኣኮይ ሓትነይ ኣባሓጎይ ዓባየይ ጓለይ ወደይ ውላደይ ልጄ
ሓወቦይ ኣሞይ ሚስቴ ባሌ ወዲ
""".split())
# (round 20: Tigrinya "my paternal uncle", "my aunt", "son/boy" (ሓወቦይ, ኣሞይ, ወዲ); Amharic "my wife", "my husband"
# (ሚስቴ, ባሌ): the rest of the kin paradigm; "my sister" as ሓብቲ is also spelled, ሓብተይ, and "my wife", ሰበይተይ,
# stand where ሓፍተይ and ሰብኣየይ do)
LATIN_KIN_WORDS = {
    "sq": frozenset("vella vellai vëllai vellau vëllau motra motrës babai nëna nena xhaxhai daja halla tezja".split()),
    "so": frozenset("hooyo hooyaday aabo aabahay aabbahay walaal walaashay walaalkay adeerkay eeddo habaryar abtigay"
                    # round 11: the same as typed with -ey for -ay, the plural, and man/woman/boy/girl with the
                    " hooyadey aabahey walaashey walaalkey walaalahay walaalahey ninka naagta wiilka gabadha"
                    .split()),
}
SCRIPT_NOT_NAMES = SCRIPT_NOT_NAMES | KIN_WORDS
# Round 19: the Nepali and Marathi personal pronouns in their cases (I, my, to me, I (acting), we, you, he/she,
# they: म मेरो मलाई मैले ...; मी माझं माझा ...): closed classes, which name no one, though the name list holds some by
# their sound (मेरो "Mero", मलाई "Malai", मैले "Maile")
NEPALI_MARATHI_PRONOUNS = frozenset("""
म मेरो मेरा मेरी मलाई मैले मसँग मबाट हामी हाम्रो हाम्रा हाम्री हामीलाई हामीले हामीसँग
तिमी तिम्रो तिम्रा तिमीलाई तिमीले तपाईं तपाई तपाईंको तपाईको तपाईंलाई तपाईलाई तपाईंले तपाईले
ऊ उ उसको उसलाई उसले उनी उनको उनलाई उनले उहाँ उहाँको उहाँलाई उहाँले उनीहरू उनीहरूले उनीहरूलाई उनीहरूको
यो त्यो यसको त्यसको यसलाई त्यसलाई यसले त्यसले उसैले उनैले उही उहीँ
वकिल दोभाषे मा
आहे आहेत आहेस आहोत होता होती होते हुन् छन् थिए थिइन्
मी माझं माझा माझी माझे मला मी आम्ही आमचा आमची आमचे आम्हाला तू तुझा तुझी तुमचा तुमची तुम्हाला
तो ती त्याने तिने त्याला तिला त्यांनी त्यांना त्याचा तिचा
""".split())
SCRIPT_NOT_NAMES = SCRIPT_NOT_NAMES | NEPALI_MARATHI_PRONOUNS
# ... and a name may follow them, as after a role ("خاله گلثوم", "চাচা কামাল")
# (not the shortest, মা ਮਾਂ, nor Tigrinya's ኣቦይ ኣደይ, which stand before places and verbs far more often)
KIN_CUES = frozenset(w for w in KIN_WORDS if len(w) > 2) - frozenset("ኣቦይ ኣደይ".split())
ROLE_CUES = SCRIPT_CUES_BEFORE
SCRIPT_CUES_BEFORE = SCRIPT_CUES_BEFORE | frozenset((w,) for w in KIN_CUES)
SCRIPT_CUE_WORDS = SCRIPT_CUE_WORDS | KIN_WORDS
# Round 10: the titles of prophets, saints and gurus: the name after one is a figure of faith (round 18: "the Virgin
# Mary", an epithet of Mary alone)
RELIGIOUS_TITLES = frozenset(fold(w) for w in """
prophet prophets saint st. virgin profeta profet profeti prorok prophète النبي نبي سيدنا پیامبر پیغمبر حضرت_عیسی
ਗੁਰੂ गुरु গুরু ነቢይ ነብዩ ቅዱስ ቅድስት
""".split())
# A person comes right after these (with, about, to: "با شهرام", "ምስ ኣማኑኤል", "ስለ ብርሃኑ") ...
SCRIPT_WITH_BEFORE = frozenset("با مع عن لەگەڵ دەربارەی ምስ ስለ ብዛዕባ ንምስ ከም ለ ብዘይ درباره دربارهٔ همراه همرای".split())
# the same, written in two parts around a zero-width non-joiner ("درباره‌ی کامران")
SCRIPT_WITH_BEFORE_2 = frozenset({("درباره", "ی"), ("دەربارە", "ی")})
# A name stands right before these: honorifics and "is called" (نازیہ باجی, শাহানা আপা, प्रिया दीदी,
# ሃብቶም ይበሃል "is called Habtom")
SCRIPT_HONORIFICS = frozenset("""
باجی بھائی صاحب صاحبہ جی بی خان جان آپا آغا
আপা ভাই দিদি দাদা ভাবি সাহেব বেগম দি দা
दीदी भैया भाई जी साहब बहन
दाइ दाजु दिदी बहिनी भाइ ताई सर
ਜੀ ਭਾਜੀ ਭੈਣਜੀ ਵੀਰ ਵੀਰਜੀ ਸਾਬ੍ਹ ਸਾਹਿਬ ਸਾਬ ਬਾਈ
ይበሃል ትበሃል ይባላል ትባላለች ዝበሃል ዝበሃሉ
نومېږي نومیږي نومیږی نومېږی
""".split())
# (round 17: Pashto's passive "is called", نومېږي, after the name as Tigrinya's ይበሃል is)
# Round 17: the Tigrinya and Amharic "(who is / was) called" in both genders (Tigrinya ዝበሃላ, ዝተባህለት, ተባሂላ "she
# who is/was called"; Amharic የምትባል, የተባለች; and the masculine ዝተባህለ, ተባሂሉ, የሚባል, የተባለ): the word before is
# a name. A word before the masculine form with "thing" after it (ደስታ ዝበሃል ነገር, "such a thing as joy") is none:
# a woman's name takes the feminine form, and a person is no "thing".
GEEZ_CALLED_SHE = frozenset("ዝበሃላ ዝተባህለት ትበሃል ተባሂላ የምትባል ትባላለች የተባለች".split())
GEEZ_CALLED_HE = frozenset("ዝበሃል ዝበሃሉ ዝተባህለ ተባሂሉ ይበሃል የሚባል ይባላል የተባለ".split())
GEEZ_THING = frozenset("ነገር ነገሮች ነገራት".split())
SCRIPT_HONORIFICS = SCRIPT_HONORIFICS | GEEZ_CALLED_SHE | GEEZ_CALLED_HE
SCRIPT_NOT_NAMES = SCRIPT_NOT_NAMES | GEEZ_CALLED_SHE | GEEZ_CALLED_HE
# Thanks and calls: the word after is spoken to ("ধন্যবাদ মিতু", "شکریہ نازیہ", "يا نور")
SCRIPT_THANKS = frozenset("""
شكرا شكراً شکریہ شکریه ممنون مرسی ধন্যবাদ ਧੰਨਵਾਦ धन्यवाद शुक्रिया የቐንየለይ አመሰግናለሁ يا ای اے سپاس مننه
سوپاس تشکر متشکرم ممنونم شکرېه مهرباني হ্যালো ਹੈਲੋ हैलो
""".split())
# Arabic-script verbs that open a clause, the subject coming after them (verb-first: "أعطتني هالة",
# "سرقت مني وداد", "مرا بیژن"): common verbs of these answers, and any verb with "me"/"us" attached
ARABIC_OPENING_VERBS = frozenset("""
قال قالت جاء جاءت أخذ أخذت اخذ اخذت ساعد ساعدت أعطى أعطت اعطى اعطت أخبر أخبرت اخبر كان كانت
سرق سرقت حمل حملت اتصل اتصلت ضرب ضربت باع باعت أرسل أرسلت ارسل ارسلت وعد وعدت هدد هددت حبس حبست
نقل نقلت شغل شغلت استقبل استقبلت قابل قابلت أحضر أحضرت احضر احضرت طلب طلبت ترك تركت دفع دفعت وجد وجدت
جلب جلبت أخرج أخرجت أدخل أدخلت أغلق أغلقت منع منعت هرب هربت عمل عملت سكن سكنت يعمل تعمل ينتظر تنتظر
مرا ما_را منو
""".split())
# Round 16: verbs of arriving, visiting, calling and telling, whose subject (وصل جميل, Jamil arrived) or, read
# with "I" (كلمت نجاح, I spoke to Najah), object is a person; "I arrived" is as often followed by a place or a
# time (وصلت هون, وصلت لبريطانيا), so after these only a word of the name lists counts
ARABIC_OPENING_VERBS_OF_NAMES = frozenset("""
وصل وصلت رجع رجعت زار زارت كلم كلمت خبر خبرت حكى حكت دق دقت
""".split())
ARABIC_OBJECT_PRONOUNS = ("ني", "نا", "نی")
# a preposition with a pronoun that may stand between the verb and its subject ("اتصل بي منصور")
ARABIC_PREP_PRONOUNS = frozenset("لي بي مني لنا علي عني معي إلي الي منا علينا بنا ليا".split())
# "and" in the scripts without capitals, as a word of its own
SCRIPT_AND = frozenset("و اور और আর ও ਅਤੇ ਤੇ እና ና iyo".split())
# A word of a script without capitals that a frequency list knows, but no more often than this, may
# still be a name where a person stands (নাসরিন, আশা, هالة are in the frequency lists as often as words)
WORD_AS_NAME_ZIPF = 4.5
# "my", "our" before a role, and the endings that make a role someone's (Tigrinya -ይ my, Amharic -ዬ my
# and -ው the, Persian/Sorani -م my)
SCRIPT_POSSESSIVE = frozenset("""
ਮੇਰੀ ਮੇਰਾ ਮੇਰੇ ਸਾਡਾ ਸਾਡੀ ਸਾਡੇ मेरी मेरा मेरे हमारा हमारी हमारे আমার আমাদের میرا میری میرے ہمارا ہماری زما زموږ
তার ওর ওনার उसकी उसका उसके ਉਸਦੀ ਉਸਦਾ ਉਸਦੇ የእኔ የኔ ናተይ
""".split())
OWNED_ENDINGS = ("ይ", "ዬ", "ው", "م", "ەکەم", "ي")
# The word "name": the word after it is one ("... का नाम सुरेश", "মালিকের নাম জসিম")
SCRIPT_NAME_WORDS = frozenset("نام اسم اسمه اسمها নাম ਨਾਮ ਨਾਂ नाम ስም ስሙ ስማ ስሟ ناو ناوی نوم".split())
INDIC_SCRIPTS = ("DEVANAGARI", "BENGALI", "GURMUKHI")
INDIC_WORD_AS_NAME_ZIPF = 5.05
# Albanian and Somali have no frequency list: their everyday words are known only from the bot's own
# texts, so a capitalised word opening a sentence, or a name-list word in lower case, is weaker evidence
NO_FREQUENCY_LATIN = ("sq", "so")
# Albanian: a noun takes its article or possessive after it ("Shpresa ime" my hope, "Drita e dhomës")
ALBANIAN_NOUN_AFTER = frozenset("e i të së ime im jonë tonë yt jote tij saj tyre".split())
# round 12: Albanian verbs that follow a person and the object pronoun "e"/"i" (it, him, her): "X e mori" (X took it)
ALBANIAN_VERBS = frozenset(fold(w) for w in """
mori merr kishte ka kanë di dinte dije pa sheh shihte dha jep jepte tha thotë thote bëri beri bën ben solli sjell
ktheu kthen mbante mban mbajti thirri thërret therret çoi coi dërgoi dergoi shiti shet gjeti gjen lëshoi leshoi
rrahu kërcënoi kercenoi ndihmoi pyeti njihte njeh ruante detyroi shtyu futi mashtroi vodhi fshehu hodhi la lë le
""".split())
ALBANIAN_DEFINITE = ("i", "u")       # a man's name with its article: Fatmir-i, Agron-i, Besnik-u
# Function words of Albanian and Somali that junk entries of a name list also have (no stop-word
# list knows them): never names
LATIN_NEVER_NAMES = {
    "sq": frozenset("më të së ma na ju nga dha tha ka kam kemi ishte është jam janë ishin edhe por si isha ishim"
                    " unë une vetëm vetem"                    # round 11: I, only (with and without ë)
                    " ai ajo ata ato mirë mire shumë shume".split()),   # round 12: he, she, they; well, much
    "so": frozenset("waxay wuxuu waxaan ayaa iyo waa ku ka u la i igu ila ah aan oo"
                    # round 12: now, still, when; I, you, he, she; much
                    " hadda weli markii aniga adiga isaga iyada badan".split()),
}
# Round 14: Hindustani (Urdu, Hindi) and Punjabi as survivors type them in Latin letters, with no frequency list
# to know them by: their pronouns, copulas and auxiliaries, postpositions, negation and conjunctions (written
# from the languages' grammars, in the usual romanised spellings; the name lists hold many: mera, woh, rahi)
ROMANISED_HINDUSTANI = frozenset("""
main maine mein mujhe mujhse mujh mera meri mere hum humne hamara hamari hamare tum tumhara tumhari
aap aapka aapki apna apni apne
woh wo vo voh yeh ye un unka unki unke iska iski uska uski inka usne unhone usko unko isko
hai hain hoon hun tha thi thay raha rahi rahe rehta rehti karta karti karte kiya kia ka ke ko se pe
nahi nahin nhi mat bhi aur lekin magar kyun kyunke kya kaise kab kahan jab tab sab kuch koi bahut bohat bohot
gaya gayi gaye diya diye liya liye hota hoti hote hua hui sakta sakti sakte
""".split())
ROMANISED_PUNJABI = frozenset("""
naal vich da di de nu nun haan karda kardi karde hega hegi ohna ehna tusi tussi assi asi sanu saanu menu mainu
tuhanu oh eh ne hor par vi si san
""".split()) | ROMANISED_HINDUSTANI - frozenset(("hun",))     # Punjabi hun: now, and a name
LATIN_NEVER_NAMES |= {"ur": ROMANISED_HINDUSTANI, "hi": ROMANISED_HINDUSTANI, "pa": ROMANISED_PUNJABI}
LATIN_NEVER_NAMES = {code: words | LATIN_KIN_WORDS.get(code, frozenset()) for code, words in LATIN_NEVER_NAMES.items()}
# Round 19: the function words of Nigerian Pidgin and Sierra Leone Krio (English-lexified creoles; their answers arrive
# marked English and read as English to every frequency test): pronouns (dem they, una you all), the relative "wey",
# the copula and aspect "dey", "wetin" (what), "sabi" (know), "abeg" (please), "abi", "sef", "oya", "comot" (leave),
# "pikin" (child), and Krio's respellings (kol call, gud, pasin person, sapot, woka, nem name), from the creoles'
# grammars: in lower case or opening a sentence, never a name ("everything wey happen", "dem transfer me")
# ... and Amharic and Tigrinya as survivors type them in Latin letters (their answers marked "am" or "ti"): adverbs,
# conjunctions, pronouns, copulas and prepositions, in the usual romanised spellings, from the languages' grammars
# (ahun now, gin but, ezih here, bizu much; Tigrinya hji now, kulu all, iyu is, yelen there is not, nab to, kab from)
ROMANISED_GEEZ_FUNCTION_WORDS = frozenset("""
ahun gin ena nach neber yelem ezih eza bizu tinish wede sile yene ene egna esu esua enesu ante anchi
hji hiji kulu nab kab nay iyu eya neyru alo yelen yelon nihna nisu entay kemey bizuh
""".split())
PIDGIN_FUNCTION_WORDS = frozenset("""
dem una wey dey wetin sabi abeg abi sef oya comot wahala pikin dis dat
kol gud pasin sapot woka nem
""".split())
# Tigrinya and Amharic have no frequency list either: their commonest adverbs and function words,
# which stand where a name could ("ሰራሕተኛ ደገፍ ብዙሕ ሓጊዙኒ", the support worker helped me a lot), are never names
ETHIOPIC_NEVER_NAMES = frozenset(
    "ብዙሕ ኣዝዩ ብጣዕሚ ጽቡቕ ሕጂ ድማ ግን እውን ኩሉ ኩሎም ወትሩ ገለ ጥራይ ገና ብዙ በጣም ጥሩ አሁን ደግሞ ሁሉ ሁልጊዜ ብቻ እና ሁሉም ሁሉንም"
    # round 18: more adverbs of Amharic and Tigrinya (always, then, together, alone, all of us, for all): closed
    # classes, which name no one
    " ቶሎ ቀስ ሁሌ ሁሌም ከዛ ከዚያ ከዚያም አብረን አብረው አብሬ አብራኝ ብቻዬን ብቻችንን ኩላትና ኩልና ንኹሉ ንዅሉ ንዅላትና"
    .split()
)
# Round 18: Ge'ez writes its prepositions onto the word (ከ from/with, በ in/by/per, ለ to/for, የ of, ብ by/in, ን to,
# ካብ from, ምስ with, ናብ to, ወደ to, ስለ about, እንደ like). Written onto a kin word (ከእናቴ with my mother, የአጎቴ
# of my uncle), a pronoun (ከነሱ with them, ከማንም with anyone, ለሱ for him), a unit of time (በቀን per day, በወር a
# month) or a language (ብትግርኛ in Tigrinya), the word is a phrase of those, never a name; a name that begins with
# those letters (በቀለ, ለማ, የማነ, ብርሃን) is no kin word, pronoun, time or language once they are taken off
GEEZ_NAME_NOUNS = frozenset("ስም ስሜ ስሙ ስሟ ስማ ስምሽ ስምህ ሽም ሽመይ ሽሙ ሽማ ሽምካ ሽምኪ".split())   # name, my/his/her/your name
GEEZ_PREFIXES = ("ካብ", "ምስ", "ናብ", "ወደ", "ስለ", "እንደ", "ከ", "በ", "ለ", "የ", "ብ", "ን")
GEEZ_MORE_KIN = frozenset("እናቱ እናቷ አባቱ አባቷ አጎቱ አክስቱ አያቱ አያቷ ልጆቼ ልጁ ልጇ ልጆቹ ወንድሜ እህቴ ባለቤቴ ኣቦኡ ኣዲኡ ደቀይ ደቃ ደቁ".split())
GEEZ_PRONOUN_STEMS = frozenset("እሱ ሱ እሷ ሷ እነሱ ነሱ እኔ ኔ እኛ ኛ አንተ አንቺ ማንም ማን ንሱ ንሳ ንሶም ኣነ ንዓይ ዓይ".split())
GEEZ_TIME_UNITS = frozenset("ቀን ቀኑ ወር ወሩ ሳምንት ዓመት አመት ሰዓት ደቂቃ ወርሒ ሰሙን መዓልቲ ሌሊት ለሊት ምሽት ጠዋት".split())


# Round 18: Amharic's plural ending -ዎች/-ዎቹ (ሀበሻዎች, Habesha people) and the plural of nationality -ውያን/-ዊያን
# (ኤርትራውያን, Eritreans): names take no plural
GEEZ_PLURAL_ENDINGS = ("ዎች", "ዎቹ", "ዎችን", "ውያን", "ዊያን")


def _geez_prefixed_phrase(key: str) -> bool:
    if key.endswith(GEEZ_PLURAL_ENDINGS) and len(key) > 3:
        return True
    bare = key[:-1] if key.endswith("ን") else key
    if len(bare) >= 4 and bare[-1] in "ችቹቼ" and 0x1200 <= ord(bare[-2]) < 0x1358 and (ord(bare[-2]) - 0x1200) % 8 == 6:
        return True     # round 20: Amharic -ኦች after a consonant (ጎረቤቶች neighbours, ጎረቤቶቼ my neighbours): a plural
    if len(key) >= 3 and 0x1200 <= ord(key[-1]) < 0x1358 and (ord(key[-1]) - 0x1200) % 8 == 4:
        stem = key[:-1] + chr(ord(key[-1]) + 1)
        if stem in KIN_WORDS or (stem,) in ROLE_CUES:
            return True # round 20: Amharic "my" turns a role's last letter to its e-order (ሐኪም doctor, ሐኪሜ my doctor)
    for prefix in GEEZ_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            rest = key[len(prefix):]
            if rest in KIN_WORDS or rest in GEEZ_MORE_KIN or rest in GEEZ_PRONOUN_STEMS or rest in GEEZ_TIME_UNITS \
                    or rest in LANGUAGE_WORDS or rest in ETHIOPIC_NEVER_NAMES:
                return True
    return False
# ... or right before these (the object and "with/about/to" marks after a noun: "بهروز را", "अंजलि को")
SCRIPT_MARK_AFTER = frozenset("را رو ره को से ਨੂੰ ਨਾਲ ਬਾਰੇ ਦੇ के की کو سے کے کی ጋር ጋራ سره".split())
# Titles written with a slash in Ethiopic (ወ/ሮ Mrs, ዶ/ር Dr, ወ/ሪት Miss) and Ato (Mr).
# Light verbs: a frequent word that is also a name, before one of these, is the word ("امید دارم")
SCRIPT_LIGHT_VERBS = frozenset("دارم داریم دارد دارند ہے ہیں ہوں است هست ਹੈ है আছে አለኝ አለ ਕਰਨਾ करना করা করতে".split())
# Pashto "په ... کې" (in ...): a place
SCRIPT_PLACE_BEFORE = frozenset("په له".split())
ETHIOPIC_TITLE = regex.compile(
    r"(?:ወ/ሮ|ወ/ሪት|ዶ/ር|አቶ|ኣቶ|ወይዘሮ|ወይዘሪት|ወይዘሪ|ሓው|ሓፍቲ|ቀሺ|ቄስ|(?<!\p{Ethiopic})(?:ሚስተር|ሚሲዝ|ሚስስ|ሚስ|ሲስተር|ዶክተር|እትዬ|ጋሼ))\s*$")
# (round 11: also Sister, the nurse, and Doctor, ሲስተር ዶክተር)
# round 9: Mister, Mrs, Miss as Ge'ez spells them, and Amharic "auntie"/"sir" (እትዬ, ጋሼ): titles, never names
ETHIOPIC_TITLE_WORDS = frozenset("ሚስተር ሚሲዝ ሚስስ ሚስ ሲስተር እትዬ ጋሼ ቀሺ ቄስ".split())
# (round 20: and the priest, Tigrinya ቀሺ and Amharic ቄስ: "ቀሺ ሙሴ", Father Musie)
# Words that glue others together: never a name, however rare
SCRIPT_GLUE = SCRIPT_AND | SCRIPT_WITH_BEFORE | SCRIPT_MARK_AFTER | ARABIC_PREP_PRONOUNS | SCRIPT_HONORIFICS \
    | SCRIPT_THANKS
# Round 11: word classes of the scripts without capitals that name lists hold but that stand in answers as
# words (written for these answers from the languages' grammars, not from the corpus's names):
# the family as a whole (my family, my relatives: "با خانوادم", "له کورنۍ سره", "ከቤተሰቤ ጋር"), looked for as
# the start of a word under at most two letters of prefix, since possessive endings follow it
FAMILY_STEMS = ("خانواد", "فامیل", "فاميل", "کورنۍ", "کورنی", "خێزان", "اهل", "أهل", "عائل", "عيلت", "عیلت", "گھروال",
                "ਘਰਦਿਆਂ", "ਘਰਦੇ", "ਪਰਿਵਾਰ", "परिवार", "পরিবার", "ቤተሰብ", "ቤተሰቤ", "ቤተሰቦ", "ስድራ")
# languages and nationalities (an interpreter of Dari, "he is Afghan"): after a role they look like its name
LANGUAGE_WORDS = frozenset("""
دری پشتو پښتو فارسی فارسي اردو عربی عربي کوردی کردی سۆرانی بادینی کرمانجی انگلیسی انگلیزی انجليزي
افغان افغانی ایرانی پاکستانی عراقي سوري
ਪੰਜਾਬੀ ਭਾਰਤੀ ਹਿੰਦੀ ਅੰਗਰੇਜ਼ੀ ਪਾਕਿਸਤਾਨੀ বাংলা বাঙালি আফগান ইংরেজি সিলেটি हिंदी पंजाबी ትግርኛ ኣምሓርኛ አማርኛ እንግሊዝኛ ዓረብ
""".split())
# Dari "me" (کاکایم مره فروخت, my uncle sold me): never a name, though it follows kin words
DARI_ME = frozenset(("مره",))
# the judge (القاضي ما سمحلي, جج صاحب نے, ዳኛው): a role whose person is unnamed
JUDGE_WORDS = frozenset("قاضی قاضي القاضي جج دادوەر دادوەرەکە ਜੱਜ জজ ዳኛ ዳኛው ዳኛዋ".split())
# the days of the week and the word "day" before them (كل يوم خميس, every Thursday; هەینی, Friday)
DAY_WORDS = frozenset("يوم روز ڕۆژ ڕۆژی ڕۆژێک ورځ دن দিন ਦਿਨ दिन ቀን መዓልቲ".split())
WEEKDAYS = frozenset("""
شەممە یەکشەممە دووشەممە سێشەممە چوارشەممە پێنجشەممە هەینی شنبه یکشنبه دوشنبه سه‌شنبه چهارشنبه پنجشنبه
الاثنين الثلاثاء الاربعاء الأربعاء السبت الاحد الأحد
""".split())
# adverbs and words of quantity that a name list holds (very, a little, none: ਬਹੁਤ, ትንሽ), and the word before
# which a noun comes, not a person: "هیچ امید ندارم" (I have no hope), "کوئی امید نہیں", "ትንሽ ተስፋ አለኝ"
QUANTIFIERS = frozenset("ሓደ ሓንቲ ክልተ ሰለስተ ኣርባዕተ ሓሙሽተ አንድ ሁለት ሶስት ሦስት አራት "
                        "هیچ هیڅ کوئی کوئي کچھ ځینې بعض شوية شوي ትንሽ ምንም ብዙ ብዙሕ ቁሩብ কোনো কিছু অনেক ਕੋਈ ਕੁਝ ਬਹੁਤ"
                        # round 16: "both" (Urdu دونوں, Pashto دواړه, Persian هردو, Sorani هەردوو): "X and Y both did"
                        " دونوں دواړه هردو هەردوو".split())
# "the people of" (Citizens Advice والوں نے): the word is "-wala", never the name
WALA_WORDS = frozenset("والوں والے والی والا ਵਾਲਿਆਂ ਵਾਲੇ ਵਾਲੀ ਵਾਲਾ वाले वालों".split())
# the negated or Pashto "have" (ندارم "I have not", لرم "I have"): the word before is the thing had
SCRIPT_LIGHT_VERBS = SCRIPT_LIGHT_VERBS | frozenset("ندارم نداریم ندارد ندارن ندارند لرم لري لرو نلرم نہیں".split())
# round 12: the Ge'ez "I have / I have no / there is no / without" ("ሰላም የለኝም", no peace; "ጭንቀት ኣሎኒ", I have
# stress; "ሓጎስ ዘይብሉ ህይወት", a life without joy): the word before is a thing one has; never a name, nor a
# verb of something a person did to me (ኣሎኒ ends like ሓጊዙኒ, helped me)
GEEZ_HAVE = frozenset("""
ኣለኒ ኣሎኒ ኣለዉኒ የብለይን የብልናን የብሉን የብላን ዘይብሉ ዘይብላ ዘይብለይ ዘይብልና የለን የለኝም የለንም የለውም የላትም የለም
አለኝ አለብኝ አሉኝ የሉኝም ኣለና ኣሎና ዘለኒ ዘለና ዘሎኒ ዘሎና ያለኝ ያለን
""".split())
SCRIPT_LIGHT_VERBS = SCRIPT_LIGHT_VERBS | GEEZ_HAVE
# Round 19: Nepali "there is / there is not" (छ, छैन: शान्ति छ, there is peace) and "do" with a noun (दया गरेर,
# "doing mercy", please), "like" after a noun (किरण जस्तो आशा, a hope like a ray of light): the word before is a noun
# of the clause, as before Hindi है and Persian دارم (not "was got", मिली, also "met": मुझे पूजा मिली)
SCRIPT_LIGHT_VERBS = SCRIPT_LIGHT_VERBS | frozenset("छ छैन गरेर गर्नुहोस् गर्नुस् गरी जस्तो जस्तै जैसा जैसी जैसे "
                                                    "सारखा सारखी सारखे".split())
# Round 17: Persian and Dari "to have" in the past, with I/you/we as subject (داشتم, نداشتیم): the verb agrees with
# its subject, so a bare word before it is what was had ("امید داشتم", I had hope), not who had it
PERSIAN_HAD = frozenset(neg + "داشت" + end for neg in ("", "ن") for end in ("م", "ی", "یم", "ید", "ین"))
SCRIPT_LIGHT_VERBS = SCRIPT_LIGHT_VERBS | PERSIAN_HAD

# Round 13: Dari's "to be" (استم I am, استی you are, استن they are; Iranian Persian هستم) and its object mark ره
# (Persian را): a closed class no stop-word list has, never a name though a name list holds استم
DARI_COPULAS = frozenset("استم استی استیم استین استید استن".split())
DARI_OBJECT_MARK = frozenset(("ره", "مگم"))    # (and مگم, but)
PASHTO_MY = frozenset(("مې", "زما", "زموږ"))
# Pashto's clitic pronouns and commonest verbs (his, my, says, lives, I have), which no stop-word list has
PASHTO_FUNCTION = frozenset("یې مې دې وايي وایي اوسي اوسېږي لرم لري لرو درلود نومېږي نومیږي نومیږی نومېږی".split())
# Sorani verbs of what people do (said, came, took): they follow a person, and are never one
SORANI_PERSON_VERBS = frozenset("گوتی گوتیان هات هاتە برد بردی".split())
# people named by what they are (a boy, a woman, a man): the person has no name there
PERSON_NOUNS = frozenset("""
ماشوم ماشومه ماشومان ماشومانو
هلک نجلۍ سړی ښځه پسر دختر مرد زن لڑکا لڑکی آدمی عورت ਔਰਤ ਬੰਦਾ ਮੁੰਡਾ ਕੁੜੀ ছেলেটা মেয়েটা লোকটা মহিলা ሰብኣይ ሰበይቲ ሴትዮ
""".split())
# Round 12: Sorani's "to be" and "to come" as they follow a noun or adjective (was, I was, is not, I am not, comes,
# there is), and Pashto's (I am, we were, became): a closed class of verbs no stop-word list has
SORANI_COPULAS = frozenset("بوو بووم بوویت بووین بوون بووە بێت دێت دێن نییە نیم نیت نین هەیە هەبوو نەبوو".split())
PASHTO_COPULAS = frozenset("یم یو یې وو وم وې شو شوو شوم شوې شول کیږي کېږي".split())
# Round 16: "there is / there is not" of spoken Arabic (Iraqi اكو/ماكو, Levantine مافي, Egyptian مفيش/فيش), a closed
# class of words that names-dataset holds as rare names (ماكو) and no stop-word list has
ARABIC_THERE_IS = frozenset("ماكو اكو أكو مافي مفيش فيش".split())
# ... and the spoken words for "person, man, girl" (Sudanese زول, Levantine زلمة, Sudanese/Gulf بت "girl, daughter
# of"), nouns as PERSON_NOUNS are, which name lists hold because people typed them in name fields
ARABIC_DIALECT_PERSON_NOUNS = frozenset("زول زولي بت".split())
ARABIC_CHILD_OF = frozenset("بنت ابن".split())
# Round 17: "in it, in them" as spoken Arabic writes them between "there is" and the thing (ماكو بيها نور)
ARABIC_IN_IT = frozenset("بيها بيه بيهم فيها فيه فيهم بها به".split())
# Round 17: the possessive particles of spoken Arabic (Iraqi/Gulf/Sudanese حق, حقت; Egyptian بتاع, بتاعت; Levantine
# تبع, تبعت) with a pronoun written on them (حقي mine, حقتي, بتاعها hers): "of", never a name, whatever a name
# list holds (حقي, Haqqi); (not مال, whose مالك is Malik)
ARABIC_POSSESSIVE_PARTICLES = frozenset(
    stem + pronoun for stem in ("حق", "حقت", "بتاع", "بتاعت", "تبع", "تبعت",
                                # round 18: Libyan and Tunisian متاع, Iraqi مالت (the feminine of مال, which
                                # stays out: مالك is Malik)
                                "متاع", "متاعت", "مالت")
    for pronoun in ("ي", "ك", "كي", "ه", "ها", "نا", "كم", "هم", "و", "ته", "تي"))
# Round 18: adverbs, interrogatives and demonstratives of spoken Arabic (Iraqi كلش "very" and هواية "a lot", شكو
# "what is there", شنو "what", هسه "now"; Levantine هلق/هلأ "now", هيك "so", هدول/هيدا "these/this", وين "where",
# ليش "why", شلون "how", لحد "until"; Egyptian and Sudanese لسه/لسع "still", هسي "now"): closed classes, which name no
# one, though a name list holds some (كلش)
SPOKEN_ARABIC_SMALL_WORDS = frozenset("""
كلش كلّش هواية شكو شنو هسه هسع هسي هلق هلأ هيك هدول هيدا هيدي وين ليش شلون لسه لسع لحد لحدي هلبا توا
""".split())   # (and Libyan هلبا "a lot", توا "now")
# and more pronouns: Pashto's directional ones (راته to me, درته to you, ورته to him/her, راسره with me, درسره,
# ورسره), spoken Persian's object pronouns with را worn down to و (تورو you, اونو him/her, مارو us; not منو "me",
# which Iraqi and Sudanese Arabic ask "who?" with, before the name the answer gives: "منو؟ منى؟"), and
# Sorani's "native of" and "my age" (خەڵکی، تەمەنم), said of the speaker after their name ("ناوم ئاراسە و خەڵکی
# هەولێرم": my name is Arasa and I am from Erbil)
SPOKEN_ARABIC_SMALL_WORDS = SPOKEN_ARABIC_SMALL_WORDS | frozenset("""
راته درته ورته راسره درسره ورسره تورو اونو مارو شمارو خەڵکی تەمەنم تەمەنی
""".split())
NEVER_NAME_WORDS = SPOKEN_ARABIC_SMALL_WORDS | PASHTO_FUNCTION | SORANI_PERSON_VERBS | PERSON_NOUNS \
    | SCRIPT_POSSESSIVE | LANGUAGE_WORDS \
    | SORANI_COPULAS | PASHTO_COPULAS \
    | DARI_ME | JUDGE_WORDS | WEEKDAYS | DAY_WORDS | QUANTIFIERS | WALA_WORDS | GEEZ_HAVE | DARI_COPULAS \
    | DARI_OBJECT_MARK | ARABIC_THERE_IS | ARABIC_DIALECT_PERSON_NOUNS | ARABIC_POSSESSIVE_PARTICLES


# Round 12: the Arabic tatweel, with which the article is written apart before a Latin word (الـ Home Office)
TATWEEL = "ـ"
# the languages whose everyday words no frequency list holds (Pashto, Sorani): there a name of the list that the
# bot's own texts use as a word (ستړی tired, نور more) is no rarer for being unknown to Persian or Arabic. (The
# list's own "also a word" mark is no help there: it has it on اجمل, جمیله, حلیمه as on ګل, flower.)
NO_FREQUENCY_SCRIPT_LANGUAGES = frozenset(("ps", "ckb"))


def _unlisted_language_word(key: str, lex: Lexicon, language: str) -> bool:
    """Round 12: a name-list word that is an everyday word of the answer's language although no frequency list
    says so, in a language without one: a word of the bot's own texts (Pashto نور "more", ستړی "tired"): a name
    only where a person stands. (Not in Persian, Dari or Urdu, whose own texts use
    عمر "age", a name as common as any.)"""
    return language in NO_FREQUENCY_SCRIPT_LANGUAGES and key in own_words_of(language)


ARABIC_SCRIPT_LANGUAGES = frozenset("ar fa prs ps ur ckb".split())
# Round 12: a Persian or Dari verb in the present, written with its prefix joined (میگه says, میام I come,
# نمیدونم I do not know): a word of no name list so written is never a person (names in می- are in the list: مینا)
PERSIAN_PRESENT_VERB = regex.compile(r"ن?می\p{Arabic}{2,8}")
# Round 12: the pronouns and marks written onto a noun in Persian, Dari, Pashto and Sorani (my, your, his, our,
# the object mark -o of spoken Persian, "is" -e/-ە, the Sorani definite -ەکە), longest first
WORD_CLITICS = ("ەکەم", "ەکەت", "ەکەی", "ەکان", "ەکە", "مان", "تان", "شان", "یان", "مون", "تون", "شون", "مه",
                "ام", "ات", "اش", "یم", "م", "ت", "ش", "و", "ە")
# how common (zipf) the word without its clitic must be in the answer's language or script
CLITIC_STEM_ZIPF = 4.8      # (not پیمان "pact", 4.6, as in پیمانو دیدم: I saw Peyman)
# Sorani verbs: the negated present (نایەت, ناداتەوە: not -م/-ین, as نازنین ends; a name of the list is
# none) and any verb with the particle -ەوە "again, back" (گێڕایەوە, نەهاتەوە), which no name takes
SORANI_MORE_VERBS = regex.compile(r"(?:نا|نە)\p{Arabic}{1,6}(?:ات|ێت|ەت|ەوە)|\p{Arabic}{2,8}ەوە")


def _word_with_clitic(key: str, lex: Lexicon, language: str) -> bool:
    """Round 12: a word no name list has that is an everyday word with a clitic (کمکم "my help", کیسم "my case",
    پلیسو "the police" as an object, مددکارمه "is my caseworker", وەڵامم "my answer"), or a Sorani verb: a noun
    someone has, never a person's name."""
    if lex.is_name(key):
        return False
    if language == "ckb" and SORANI_MORE_VERBS.fullmatch(key):
        return True
    own = own_words_of(language)
    for clitic in WORD_CLITICS:
        if key.endswith(clitic) and len(key) - len(clitic) >= 3:
            stem = key[:-len(clitic)]
            if lex.is_name(stem) or lex.is_place(stem):
                continue
            if stem in own or lex.best_zipf(stem, language) >= CLITIC_STEM_ZIPF:
                return True
    return False


# Round 12: Urdu's mum and dad (ابو is "father" in Urdu, and a kunya, Abu, in Arabic); Sorani "a native of"
URDU_PARENTS = frozenset("ابو ابّو ابا امی امّی اماں".split())
NATIVE_OF = frozenset(("خەڵکی",))
# Round 12: Sorani past verbs whose "I" is written onto their object (ڕێبوارم بینی, I saw Rebwar)
SORANI_SAW_TOLD = frozenset("بینی دیت دی ناسی پرسی برد هێنا بانگکرد".split())


def _word_class_not_name(key: str) -> bool:
    """Round 11: a word of a script without capitals that is a family word, a language or nationality, a day,
    a word of quantity or "-wala": never a name, whatever a name list says."""
    if key in NEVER_NAME_WORDS or key in GEEZ_MORE_KIN or (_ETHIOPIC_WORD.match(key) and _geez_prefixed_phrase(key)):
        return True
    if SORANI_KIN_FORM.fullmatch(key) or _role_with_ending(key):
        return True
    for stem in FAMILY_STEMS:
        at = key.find(stem)
        if at >= 0 and key[:at] in FAMILY_PREFIXES and len(key) - len(stem) - at <= 4:
            return True
    return False


# Sorani kin and companions with their endings (برامە "is my brother", پورمە "is my aunt", کچی "daughter of",
# هاوژوورەکەم "my roommate"): never names; a name opening the sentence before one is the person's
SORANI_KIN_STEMS = ("برا", "خوشک", "کچ", "کوڕ", "ئامۆزا", "پور", "خاڵ", "مام", "هاوڕێ", "دۆست", "هاوژوور", "دراوسێ",
                    "هاوسێ")
ROLE_ENDINGS = ("ی", "م", "یم", "مە", "یمە", "ەکە", "ەکەم", "ەکەی", "ەکەمە", "کەم")
SORANI_KIN_FORM = regex.compile("(?:" + "|".join(SORANI_KIN_STEMS) + ")(?:" + "|".join(ROLE_ENDINGS) + ")?")
# (Persian too: کارمند, the worker; هم‌اتاقی, roommate; Pashto ملګری, friend; Urdu پڑوسن, neighbour)
MORE_SCRIPT_ROLES = frozenset("کارمند هم_اتاقی هم‌اتاقی اتاقی ملګری ملګرې ملگری پڑوسن پڑوسی همسایه ترجمان".split())


def _role_with_ending(key: str) -> bool:
    """Round 11: an Arabic-script role word with an ending of Sorani or Persian (وەرگێڕی the interpreter of,
    دکتۆرەکە the doctor, کارمەندی the worker of, اتاقیم my roommate): a role, no name."""
    if not ARABIC_LETTER.match(key):
        return False
    if key in MORE_SCRIPT_ROLES:
        return True
    return any(key.endswith(e) and len(key) - len(e) >= 3
               and (key[:-len(e)] in SINGLE_SCRIPT_ROLES or key[:-len(e)] in MORE_SCRIPT_ROLES) for e in ROLE_ENDINGS)


# the prepositions written onto a family word (with, to, of, from: ከቤተሰቤ, باخانوادم, لعائلتي)
FAMILY_PREFIXES = frozenset(("", "و", "ب", "ل", "ک", "با", "به", "لە", "ከ", "ለ", "የ", "በ", "ካብ", "ምስ", "ን"))
# a Sorani verb in the present: دە, a stem, a person ending (دەچم, دەڕۆین; not نا/نە/ئە, which start
# names as well: نەسرین, نازدار, ئەمین)
SORANI_VERB = regex.compile(r"دە\p{Arabic}{1,6}(?:م|ین|یت|ێت|ن|ات|ەوە)")
# "to", before a place one goes to
TO_WORDS = frozenset("ወደ ናብ به الى إلى عند لای ته بۆ".split())
# Round 11: a count before the word ("٤٩ باوند", "49 ਪੌਂਡ", "3 ਮਾਰਚ"): a unit, a currency or a month
# (not the last group of a number written in groups, "07700 900 411", after which a name may come)
COUNT_BEFORE = regex.compile(r"(?:^|[^\d\s])\s*\d{1,3}\s*$")


def _not_a_person_slot(tokens: list[Token], i: int, text: str) -> bool:
    """Round 11: token i stands where a noun, not a person, stands: after a count, after a word of quantity
    (هیچ امید, no hope) or after the word "day" (يوم خميس)."""
    if COUNT_BEFORE.search(text[max(0, tokens[i].start - 12):tokens[i].start]):
        return True
    prev = tokens[i - 1] if i > 0 else None
    return prev is not None and not prev.cased and (prev.key in QUANTIFIERS or prev.key in DAY_WORDS) \
        and _adjacent(text, prev, tokens[i])


# The most common Chinese surnames (the hundred most common by population, Ministry of Public
# Security 2019 census of registered names; names-dataset has no single-character entries).
HAN_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    # round 18: 阮 (Nguyen, the commonest Vietnamese surname, as Chinese writes it; a Chinese surname too, Ruan),
    # which begins no everyday word
    "阮"
)
HAN_BEFORE = ("叫", "名叫", "名字是", "名字叫", "老板", "朋友", "丈夫", "老公", "妻子", "老婆", "哥哥", "姐姐",
              "弟弟", "妹妹", "律师", "翻译", "经理", "社工", "护士", "医生", "警察", "房东", "老师", "同事",
              "和", "跟", "同", "给", "让", "告诉", "告诉了", "问", "问了", "找", "见", "见到", "看到", "认识", "在",
              "是", "关于", "谢谢", "感谢", "谢谢你", "谢了", "多谢", "老乡", "室友", "邻居", "女儿", "儿子", "听",
              # round 12: gave to, looked for, ask ... a moment, trust, only, later, and also, accompany, contact
              "给了", "找了", "问一下", "相信", "只有", "后来", "还有", "陪", "陪着", "联系", "联系了",
              # round 18: caseworker (我的个案工作者吴淑芬)
              "个案工作者",
              # round 13: asked, met, looked for, told ... before (the experiential 过)
              "问过", "见过", "找过", "告诉过", "跟着",
              # round 16: -员, the suffix of the person who holds a post (翻译员, 工作人员, 警员, 服务员)
              "员",
              # round 19: thanks with the particle that follows "you" in speech (多谢你呀嘉欣, 谢谢你啊家豪), and the
              # time words that open a clause before its subject (那天晚上吴海把门锁上了: that night Wu Hai ...)
              "谢谢你呀", "谢谢你啊", "多谢你呀", "多谢你啊", "多谢晒", "晚上", "那天", "当时", "那时候",
              # round 20: the volunteer and the church sister (志愿者张丽华, 姐妹王芳), roles as 社工 and 朋友 are
              "志愿者", "姐妹")
# Round 16: the double surnames of the Hundred Family Surnames that are still common (欧阳娜娜, 司马光)
HAN_DOUBLE_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "慕容", "皇甫", "令狐", "夏侯", "尉迟", "长孙",
                       "宇文", "公孙", "司徒", "端木", "独孤", "南宫", "西门", "轩辕", "申屠")
# Round 16: "is surnamed" (老板姓王, 我姓欧阳): the surname after it is a person's
HAN_SURNAMED = "姓"
# Round 16: the kin and title characters after 阿/小 that make a form of address, no one's name (阿姨, 阿婆)
HAN_FAMILIAR_KIN = frozenset("姨婆公叔伯妈爸哥姐弟妹爷奶嫂舅")
# Everyday words that start with one of the common surnames (马上 "at once", 高兴 "glad", 周末 "weekend")
HAN_NOT_NAMES = ("谢谢", "马上", "高兴", "周末", "周围", "方便", "方法", "于是", "白天", "黄金", "万一", "毛病",
                 "钱包", "江边", "孙子", "林子", "石头", "金钱", "田地", "程序", "许多", "许可", "曾经", "任何",
                 "任务", "沈阳", "常常", "杨树", "高速", "高中", "马路", "黄色", "白色", "余下", "何时", "何况",
                 "于是", "向前", "向后", "龙头", "罗马", "夏天", "秦朝", "陆地", "范围", "方面", "付钱", "贺卡",
                 # round 13: 周 and a numeral is a day of the week (周五 Friday)
                 "周一", "周二", "周三", "周四", "周五", "周六", "周日", "周天")
HAN_AFTER = ("说", "来", "帮", "给", "带", "打", "告诉", "让", "把", "和", "跟", "是", "拿", "叫", "要", "对",
             "骂", "在", "也", "就", "先生", "女士", "小姐", "老板", "师傅", "从来", "没有", "每天", "还", "都",
             "的", "住", "一起", "问", "对我", "不", "去", "开车", "那里", "那儿", "姐", "哥", "阿姨", "老师",
             # round 12: accompanied, yesterday, today, every day, each week, often, already, reported, very,
             # interpreted, knows, helped, and the enumeration comma of a list of people
             "陪", "昨天", "今天", "天天", "每周", "每个", "经常", "已经", "报", "很", "人很", "翻译", "知道", "帮忙",
             "、", "管", "吧",
             # round 16: Cantonese "is" (係, 系 in Simplified characters) before a pronoun: 陳偉文係我哋老闆
             "系我", "系佢",
             # round 18: more time words, which Chinese puts between the subject and its verb as it does 昨天 and
             # 今天 (林德明以前是, 德明现在住, 黄志明明天会): now, before, tomorrow, recently, all along, just now
             "现在", "以前", "明天", "最近", "一直", "刚才", "今年", "每次",
             # Cantonese "with me" (阿珍同我一齐去)
             "同我",
             # and "taught me", "introduced" (老王介绍我去, 秀英教我坐公交车)
             "教我", "介绍",
             # round 19: Cantonese "always", "now", "yesterday", "today" between the subject and its verb (美玲成日帮我,
             # 琴日, 寻日, 而家, 今日), and "alone", said of a person (我只相信杨帆一个人)
             "成日", "而家", "琴日", "寻日", "今日", "一个人",
             # round 20: "later" (建华后来去了), and the modal "will, can", which stands between the subject and its
             # verb (大伟会修手机)
             "后来", "会")
# (round 13: 管 "is in charge of": 钱伟管账; 问一下秀英吧, ask Xiuying)
# Titles and kin words after a surname: the surname is a person's (王老板, 林老师, 陈姐, 张阿姨)
HAN_TITLES = ("老板", "老师", "师傅", "先生", "女士", "小姐", "阿姨", "医生", "律师", "经理", "大姐", "大哥", "姐",
              "哥", "叔", "总", "警官", "大夫",       # (round 12: officer, doctor)
              "太太", "夫人", "护士")                  # (round 20: Mrs, Madam, nurse: 吴太太教我)
# Round 19: the kin words said after a given name to address its bearer (建国叔叔, 秀英阿姨, 平安姐)
HAN_KIN_TITLES = ("叔叔", "阿姨", "姐姐", "哥哥", "伯伯", "大姐", "大哥", "姐", "哥", "叔")
# Characters that are words of their own (all, also, at, is, of ...) and no part of a given name: a
# surname character before one is the everyday word it starts (钱都在 "the money is all at")
HAN_FUNCTION = frozenset("都也就在是的了不还很和跟把被又才只们着过吗呢吧啊")
# A Han word of the name list (names-dataset's Chinese given names: 晓燕, 建华, 春梅) is a given name where
# a person stands when wordfreq's Chinese list has it below this (everyday words: 明天 5.1, 平安 4.4)
HAN_GIVEN_ZIPF = 4.0
# ... and after a naming word (叫, 名叫: "我女儿叫平安"), below this
HAN_NAMED_ZIPF = 4.5
HAN_NAMING = ("叫", "名叫", "名字是", "名字叫")
# Round 13: one-character given names, the commonest (伟, 芳, 明, 丽, 强 ...), are everyday characters too (明天
# tomorrow, 伟大 great): one is a name only where a person stands: named (我叫明), or after a word people
# stand after and before a verb people do (告诉芳不要, 见到伟了), or opening a clause before such a verb (伟帮我)
HAN_ONE_GIVEN = frozenset("伟芳明丽强军杰娟敏静磊勇艳涛鹏辉霞刚玲燕红斌婷琳莉萍峰华春美兰梅英"
                          # round 20: more of the commonest characters of given names (海, 玉, 秀, 珍, 福: 海是我室友)
                          "海玉秀珍福")
# what a person does, said right after the one-character name opening a clause (伟帮我, 明说, 芳是我表妹)
HAN_ONE_VERBS = ("说", "讲", "帮", "告诉", "让我", "让他", "让她", "带我", "带他", "带她", "打我", "打他", "骂", "问我",
                 "陪", "管", "给我", "跟我", "和我", "对我", "叫我", "昨天", "今天", "打电话", "一直",
                 # round 20: "every time, every day" (丽每次都给我打电话)
                 "每次", "每天")
# ... and after a word people stand after (见到伟了, 告诉芳不要, 跟明讲): also these
HAN_ONE_AFTER_CUE = ("了", "不", "也", "还", "都", "就", "要", "没", "一起", "很", "讲", "说",
                     "吧")    # round 20: the particle of a suggestion after the one asked (去问明吧, go and ask Ming)
# cues too broad for one character (在华 "in China", 是红 ...): only longer names follow them
HAN_ONE_NOT_CUES = ("在", "是", "和", "后来", "只有", "还有", "晚上", "那天", "当时", "那时候")
# a person noun after "X is my ..." (平安是我儿子, 文明是我丈夫): X is a person, whatever word X also is
HAN_PERSON_NOUNS = tuple("""儿子 女儿 丈夫 老公 老婆 妻子 表妹 表姐 表哥 表弟 堂妹 堂姐 堂哥 堂弟 朋友 老板
    哥哥 姐姐 弟弟 妹妹 妈妈 爸爸 同事 老乡 室友 邻居 孩子 男朋友 女朋友 未婚夫 未婚妻 侄子 侄女 外甥 外甥女
    亲戚 男的 女的 男人 女人 司机 中介 蛇头 工头 人
    个案工作者 个案经理 社工 支援工作者""".split())   # (round 18: caseworkers)
HAN_IS_PERSON = regex.compile(r"是(?:我|他|她|我们|我的|他的|她的|那个)?(?:" + "|".join(HAN_PERSON_NOUNS + HAN_TITLES)
                              + r"|社工|翻译)|是(?:我|他|她)的$")    # (的 ending the run: 美是我的 support worker)
# a word of the name list commoner than HAN_GIVEN_ZIPF (建国 4.6, 平安 4.4, 文明 5.0) is still a name before these
HAN_WORD_NAME_ZIPF = 5.1
HAN_WORD_NAME_AFTER = ("说", "帮", "告诉", "让我", "打我", "骂", "带我", "管", "给我", "昨天", "每周", "每天",
                       "一起", "陪", "打电话",
                       # round 18: "with me" (建国跟我一起来的), "this year" (我儿子平安今年五岁), "taught me"
                       "跟我", "和我", "今年", "教我",
                       # round 20: "today", as "yesterday" (平安今天陪我去看医生)
                       "今天")
# Round 18: "X 是 ... 的人" (X is the one who ...): a clause that ends in "the person" after 是 says X is one
HAN_IS_THE_ONE = regex.compile(r"是[^，。！？,.!?；;：:]{2,20}的人(?:[，。！？,.!?；;]|$)")
# Round 18: after "tell, ask" the person comes before what is told, which opens with a pronoun or "this, that"
# (我告诉志强我不想再回去: I told Zhiqiang I ...)
HAN_TELL = ("告诉", "告诉了", "问", "问了")


@dataclass
class Token:
    text: str
    start: int
    end: int
    key: str             # folded
    cased: bool          # the script has capital letters (Latin, Cyrillic, Greek ...)
    capital: bool        # starts with a capital letter
    acronym: bool        # all capitals, 2+ letters ("NRM", "GP")
    sentence_start: bool
    kind: str = ""       # safe | name | name_place | word_name | unknown | word | placeholder
    lookup: str = ""     # the form looked up in the name list (a Bengali name without its case ending)
    respelled: bool = False   # round 15: a name of the list only with Arabic letters for Persian ones (ندیم)
    other_latin: bool = False   # round 15: the answer is in a Latin-script language the bot does not speak


def _cased(word: str) -> bool:
    return any(c.isupper() or c.islower() for c in word if c.isalpha())


def _sentence_start(text: str, start: int) -> bool:
    i = start
    while i > 0 and text[i - 1] in BETWEEN:
        i -= 1
    if i == 0 or text[i - 1] in SENTENCE_END:
        return True
    return i > 1 and text[i - 1] == ")" and text[i - 2].isdigit()


NOT_HAN_PART = regex.compile(r"[^\p{Han}]+")


def _tokens_without_han(text: str):
    """The word matches of ``text``, with Han characters left out (Han text has no spaces: see _han) and a word
    of another script glued to Han split from it (round 9: "社工Emma很好", the social worker Emma)."""
    if not HAN_RUN.search(text):
        yield from TOKEN.finditer(text)
        return
    for m in TOKEN.finditer(text):
        if not HAN_RUN.search(m.group()):
            yield m
            continue
        for part in NOT_HAN_PART.finditer(m.group()):
            sub = TOKEN.fullmatch(text, m.start() + part.start(), m.start() + part.end())
            if sub is not None:
                yield sub


def tokenize(text: str) -> list[Token]:
    tokens = []
    for m in _tokens_without_han(text):
        word = m.group()
        key, cased, capital, acronym = _word_shape(word)
        tokens.append(Token(
            text=word, start=m.start(), end=m.end(), key=key, cased=cased,
            capital=capital,
            acronym=acronym,
            sentence_start=_sentence_start(text, m.start()),
        ))
    return tokens


@functools.lru_cache(maxsize=16384)
def _word_shape(word: str) -> tuple[str, bool, bool, bool]:
    """A word's folded key, and whether its script is cased, it is capitalised, it is an acronym: the same for
    every answer, so worked out once per word (round 17: 8% of the rules' time went here)."""
    cased = _cased(word)
    letters = [c for c in word if c.isalpha()]
    return (fold(word), cased, cased and word[0].isupper(),
            cased and len(letters) >= 2 and all(c.isupper() for c in letters))


class PeopleRecognizer(LocalRecognizer):
    """Names by word lists and position (see the module docstring)."""

    name: str   # set by presidio's EntityRecognizer.__init__ (untyped there)

    ENTITY = "NAME"

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entities=[self.ENTITY], supported_language=supported_language,
            name="PeopleRecognizer",
        )

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        spans, _ = find_names(text, self.supported_language)
        return [self._result(start, end, score, why) for start, end, score, why in spans]

    def _result(self, start: int, end: int, score: float, why: str) -> RecognizerResult:
        return RecognizerResult(
            entity_type=self.ENTITY, start=start, end=end, score=score,
            analysis_explanation=AnalysisExplanation(
                recognizer=self.name, original_score=score, textual_explanation=why
            ),
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )


# -- the analysis ------------------------------------------------------------------------------


_last = threading.local()
# Round 14: a name right before the word an institution is named with ("the Sophie Hayes Foundation", "Helen
# Bamber foundation", "the Ruth Winston Centre"): the institution, named after someone, is no person of the story
# ("Trust" only with its capital: "Amina trust me" is a person)
INSTITUTION_AFTER = regex.compile(r"[ \t]+(?:Trust|(?i:foundation|charity|project|institute|society|network|clinic"
                                  r"|centre|center|academy|fund|hospital|hospice|surgery|mosque|gurdwara|temple))\b")


def find_names(text: str, language: str = "en") -> tuple[list[tuple[int, int, float, str]], list[tuple[int, int]]]:
    """(name spans with score and reason, spans the rules were unsure about).

    The last answer's result is kept per thread, under a digest of its text (never the text): the
    store asks `redact` and then, when nothing was redacted, `uncertain` about the same text, and the
    second question reuses the first pass instead of running the rules again."""
    language = normalise_language(language)
    key = (hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest(), language)
    last = getattr(_last, "entry", None)
    if last is not None and last[0] == key:
        return list(last[1]), list(last[2])
    tokens: list[Token] = []
    spans, unsure = _find_names(text, language, tokens)
    _last.entry = (key, tuple(spans), tuple(unsure), tokens)
    return spans, unsure


def forget_last() -> None:
    """Drop this thread's kept result (benchmarks/redaction.py measures the path without reuse)."""
    _last.entry = None


def _find_names(text: str, language: str, tokens: list[Token] | None = None) \
        -> tuple[list[tuple[int, int, float, str]], list[tuple[int, int]]]:
    lex = get_lexicon()
    if tokens is None:
        tokens = []
    tokens.extend(tokenize(text))
    _classify(tokens, text, lex, language)
    decided: list[tuple[int, float, str]] = []    # token index, score, why
    unsure: list[int] = []
    for i, tok in enumerate(tokens):
        verdict = _decide(tokens, i, text, lex, language)
        if verdict is None:
            continue
        if verdict[0] == "unsure":
            unsure.append(i)
        else:
            decided.append((i, verdict[0], verdict[1]))
    spans = _join(tokens, decided, text, lex, language)
    spans = [span for span in spans if not INSTITUTION_AFTER.match(text, span[1])
             and not (text[span[0]].isupper() and after_indefinite_article(text, span[0], language))
             and not _street_name(tokens, span, text)]
    spans = _ethiopic_father_names(tokens, spans)
    spans += _han(text)
    unsure_spans = [(tokens[i].start, tokens[i].end) for i in unsure
                    if not any(s <= tokens[i].start < e for s, e, _, _ in spans)]
    return spans, unsure_spans


# Round 16: a street's name. A capitalised word right before a capitalised street word (Grace Road, Moss Lane,
# Manningham Lane, Victoria Park: the thoroughfare words of UK addresses, as recognizers/address.py has them,
# less those that are as often surnames: Hill, Green, Court, House, Row, Walk, View, Rise) names the street, and so
# does the street word after such a word (Brick Lane, Oak Lane), where a street stands (after a house number, a
# preposition of place, "the", or another street). Not a name said to be one by the words before it (Mr Park, my
# friend Lane) nor a name of the list that is no place (Ahmed Road), nor a sentence's first words (Mary Lane said).
STREET_WORDS = frozenset("""
street road avenue lane lanes drive close crescent place square terrace gardens way grove park mews parade vale
estate towers yard wharf quay broadway
""".split())
STRONG_BEFORE = ("after a title", "after a role", "after a naming cue", "after a kunya or patronymic")


def _street_name(tokens: list[Token], span: tuple[int, int, float, str], text: str) -> bool:
    start, end, _, why = span
    if why in STRONG_BEFORE:
        return False
    inside = [t for t in tokens if start <= t.start < end]
    if not inside:
        return False
    after = next((t for t in tokens if t.start >= end), None)
    last = inside[-1]
    if after is not None and after.capital and not after.acronym and after.key in STREET_WORDS \
            and text[end:after.start].strip() == "" and last.kind != "name":
        first = inside[0]                   # "Grace Road", "Moss Lane", "Victoria Park": the street's first word
    elif last.capital and last.key in STREET_WORDS and len(inside) > 1:
        first = inside[-2]                  # "Manningham Lane" as one span
    elif last.capital and last.key in STREET_WORDS and tokens.index(last) > 0:
        first = tokens[tokens.index(last) - 1]      # "Brick Lane": the street word after its name
        if first.acronym or not first.capital or text[first.end:last.start].strip():
            return False
    else:
        return False
    if first.kind == "name":
        return False
    return _where_a_street_stands(tokens, tokens.index(first), text)


def _where_a_street_stands(tokens: list[Token], k: int, text: str) -> bool:
    """A street stands where places stand: after a house number, a preposition of place, "the", or another street
    of a list ("Leeds Road, Manningham Lane"); not opening a sentence ("Mary Lane from the council phoned")."""
    if k == 0 or tokens[k].sentence_start:
        return False
    prev = tokens[k - 1]
    gap = text[prev.end:tokens[k].start].strip()
    if gap == "" and (prev.key in PLACE_PREPOSITIONS or prev.key in ("on", "off", "along", "down", "up", "the")
                      or regex.fullmatch(r"\d+[a-z]?", prev.key)):
        return True
    return gap == "," and prev.key in STREET_WORDS


# The first halves of Ge'ez compound names, "servant / gift / power / plant of" a saint or of God (ወልደ
# ማርያም, ገብረ ሚካኤል, ሃይለ ስላሴ, ተክለ ሃይማኖት): a word that starts with one (or is one, before its second half)
# is a name, mostly a father's name after the given name; the word before it, if of Ge'ez, is the given name
# (Ethiopian and Eritrean given names are often everyday words: ፋሲካ Easter, ሳባ, መሰረት foundation)
ETHIOPIC_COMPOUND_STARTS = ("ወልደ", "ገብረ", "ሃይለ", "ኃይለ", "ሀይለ", "ተክለ", "ሃብተ", "ሀብተ", "ኪዳነ", "ወለተ", "ዘርአ",
                            "ፍቅረ", "ብርሃነ", "ገብረእግዚ", "ተወልደ", "ወልዳ")


def _ethiopic_father_names(tokens: list[Token], spans: list[tuple[int, int, float, str]]) \
        -> list[tuple[int, int, float, str]]:
    found = []
    for i, tok in enumerate(tokens):
        if tok.cased or not tok.key.startswith(ETHIOPIC_COMPOUND_STARTS) or tok.kind == "function" \
                or (i > 0 and tokens[i - 1].key in GEEZ_AT_PLACE
                    and (_geez_church_at(tokens, i + 1) or _geez_church_at(tokens, i + 2))):
            continue                          # (round 20: ኪዳነ ምሕረት ቤተ ክርስቲያን: a church, named for its feast)
        lo = hi = i
        bare = any(tok.key == start for start in ETHIOPIC_COMPOUND_STARTS)
        if bare:                              # ገብረ ሚካኤል: the second half is the next word
            if i + 1 >= len(tokens) or not _ETHIOPIC_WORD.match(tokens[i + 1].key):
                continue
            hi = i + 1
        elif len(tok.key) < 5:
            continue
        if i > 0 and _ETHIOPIC_WORD.match(tokens[i - 1].key) and tokens[i - 1].kind != "function" \
                and tokens[i - 1].key not in SCRIPT_GLUE:
            lo = i - 1
        found.append((tokens[lo].start, tokens[hi].end, 0.65, "a Ge'ez compound name"))
    if not found:
        return spans
    kept = [sp for sp in spans if not any(sp[0] < e and s < sp[1] for s, e, _, _ in found)]
    merged = []
    for s, e, score, why in found:
        for sp in spans:
            if sp[0] < e and s < sp[1]:
                s, e = min(s, sp[0]), max(e, sp[1])
        merged.append((s, e, score, why))
    return kept + merged


_ETHIOPIC_WORD = regex.compile(r"\p{Ethiopic}")
# Round 20: a church or mosque is named by the saint or feast before it (ኪዳነ ምሕረት ቤተ ክርስቲያን, Kidane Mihret
# church; ማርያም ቤተ ክርስቲያን, St Mary's): the words right before "church" name it, not a person
GEEZ_AT_PLACE = frozenset("ኣብ ኣብቲ ናብ ካብ ወደ ከ በ ብ".split())
GEEZ_CHURCH_WORDS = frozenset("ቤተክርስቲያን ቤተክርስትያን ቤ/ክ መስጊድ ገዳም ካቴድራል".split())


# Round 20: Ge'ez makes the adjective of a country with -ኣዊ (m), -ኣዊት (f), -ኣውያን (pl) on its last consonant
# (ሱዳን Sudan: ሱዳናዊ, ሱዳናዊት; ኤርትራ: ኤርትራዊ), and a woman of a people with -ት (ሶማሊ: ሶማሊት): a nationality, no name
GEEZ_NATIONALITY_ENDINGS = ("ዊያን", "ውያን", "ዊት", "ዊ", "ት")


def _geez_nationality(key: str, lex: Lexicon) -> bool:
    for end in GEEZ_NATIONALITY_ENDINGS:
        if not key.endswith(end) or len(key) - len(end) < 3:
            continue                # (a country's name has three letters or more: not ከዳ + ዊት of ከዳዊት)
        stem = key[:-len(end)]
        stems = [stem]
        if end != "ት" and 0x1200 <= ord(stem[-1]) < 0x1358 and (ord(stem[-1]) - 0x1200) % 8 == 3:
            stems.append(stem[:-1] + chr(ord(stem[-1]) - 3 + 5))     # ሱዳና -> ሱዳን
        # (a woman's -ት only on a people's name, never on a town's: ሰናይት, ገነት are names)
        if any(s2 in lex.safe_words or (end != "ት" and lex.is_place(s2))
               for st in stems for s2 in (st,) + spellings(st)[:3]) and not lex.is_name(key) \
                and not any(lex.is_name(s2) for s2 in spellings(key)[:6]):     # (ሰላማዊት, Selamawit)
            return True
    return False


@functools.lru_cache(maxsize=1)
def _virtue_stems() -> frozenset[str]:
    return frozenset(_geez_vowelless(w) for w in ETHIOPIC_WORD_NAMES)


def _geez_church_at(tokens: list[Token], j: int) -> bool:
    return 0 <= j < len(tokens) and (tokens[j].key in GEEZ_CHURCH_WORDS or (
        tokens[j].key == "ቤተ" and j + 1 < len(tokens) and tokens[j + 1].key.startswith(("ክርስቲያን", "ክርስትያን"))))


EZAFE = ("ی", "ي")


def _with_ezafe(phrase: tuple[str, ...]) -> tuple[str, ...] | None:
    """Round 17: a service's name in Persian, Dari or Sorani with the linking -ی (ezafe) written on its last word
    before the word it is of (خاچی سووری بەریتانی, the British Red Cross; صلیب سرخی): the name without it."""
    last = phrase[-1]
    if len(last) > 3 and last.endswith(EZAFE) and ARABIC_LETTER.match(last):
        return phrase[:-1] + (last[:-1],)
    return None


PLACE_CONNECTIVES = frozenset(("upon", "under"))


def _bare_office(tokens: list[Token], i: int, text: str, lex: Lexicon) -> bool:
    """Round 18: an office word (names.OFFICE_WORDS: Pastor, Imam, Sheikh, Mullah, Judge, Constable ...) with no
    name after it: the next word is a lower-case Latin word no name list holds, or the sentence ends. English uses
    these bare with a capital for the one who holds the office; names-dataset holds some of them (Sheikh, Mullah,
    Pastor), so they were taken for names. A capitalised word, a name-list word or a word of another script after
    it is the name the title goes with, and is judged as before ("Pastor Emmanuel", "imam hassan", "Mr 王强")."""
    if i + 1 >= len(tokens):
        return True
    nxt = tokens[i + 1]
    if regex.search(r"[.!?;:]", _gap(text, tokens[i], nxt)):
        return True
    return nxt.cased and not nxt.capital and lex_module.script_of(nxt.key) == "LATIN" and not lex.is_name(nxt.key)


def _classify(tokens: list[Token], text: str, lex: Lexicon, language: str) -> None:
    # phrases first: every word of "Hope for Justice" or "Salvation Army" is safe (round 16: also with a case
    # ending after an apostrophe on its last word, "Home Office'ten", "Refugee Council'deki")
    keys = [(_proper_noun_suffix(t.key) or t.key) if t.capital else t.key for t in tokens]
    n = len(tokens)
    cue_words: set[int] = set()
    for i in range(n):
        for cue in ROMANISED_CUES_BY_FIRST.get(keys[i], ()):
            if tuple(keys[i:i + len(cue)]) == cue:
                cue_words.update(range(i, i + len(cue)))
    longest_from = lex.longest_phrase_from
    for i in range(n):
        # (round 19: only the lengths of the phrases that begin with this word; the ezafe form changes the last word)
        for size in range(min(longest_from.get(keys[i], 0), n - i), 1, -1):
            phrase = tuple(keys[i:i + size])
            if phrase in lex.safe_phrases or _with_ezafe(phrase) in lex.safe_phrases:
                for t in tokens[i:i + size]:
                    t.kind = "safe"
                break
            if phrase in lex.place_phrases:
                # "Liu Yang" is a city too: its words are places that may be names; round 18: not in an English town
                # named "X upon Y" or "X under Y" (Kingston upon Thames, Newcastle upon Tyne, Ashton-under-Lyne),
                # a form of place names only (the river or hill it stands by), never of a person's
                town = any(k in PLACE_CONNECTIVES for k in phrase[1:-1])
                for t in tokens[i:i + size]:
                    t.kind = "name_place" if lex.is_name(t.key) and not town else "safe"
                break
    # round 15: a UK service written by its sound in another script (Ситизенс Эдвайс, سالویشن آرمی, जीपी)
    # (round 19: also a service of two words or more with a Nepali case mark on its last: साल्भेसन आर्मीले, by the
    # Salvation Army; one short word under a mark may be anything, पिंकी is no पिं + की)
    bare = [(_devanagari_stem(k) or k) if lex_module.script_of(k) == "DEVANAGARI" else k for k in keys]
    for lo, hi in translit.matches(keys) + [(lo, hi) for lo, hi in (translit.matches(bare) if bare != keys else [])
                                            if hi - lo >= 2]:
        for t in tokens[lo:hi]:
            if not t.kind and not (t.cased and t.capital and lex_module.script_of(t.key) == "LATIN"):
                t.kind = "safe"
    for i in cue_words:
        tokens[i].kind = "function"                  # "mera naam", "esmi": the cue, not a name
    for i in range(1, n):
        if keys[i - 1] in RELIGIOUS_TITLES and not tokens[i].kind:
            # round 10: "the prophet Moses", "ਗੁਰੂ ਨਾਨਕ", "النبي موسى": a figure of faith, no one to protect
            tokens[i - 1].kind = tokens[i].kind = "safe"
    for i, tok in enumerate(tokens):
        if not tok.kind and tok.capital and tok.key in OFFICE_WORDS and _bare_office(tokens, i, text, lex):
            tok.kind = "safe"            # round 18: "Pastor said pray", "Sheikh at the mosque": the office itself
    placed = _placed(tokens, text, lex, language) | _cyrillic_places(tokens, lex) | _sound_script_towns(tokens, lex)
    other_latin = _other_latin_answer(tokens, lex, language)
    for tok in tokens:
        tok.other_latin = other_latin
        if tok.kind:
            continue
        key = tok.key
        if not tok.cased or CYRILLIC_START.match(key):
            key = tok.lookup = _stem(key, tok.cased and tok.capital)
            if tok.cased and tok.capital and key == tok.key and not lex.is_name(key) and id(tok) not in placed:
                key = tok.lookup = _cyrillic_romanised_name(key, lex) or key
            if language == "ar" and key == tok.key and _arabic_to_name(key, lex, language):
                key = tok.lookup = key[1:]          # round 11: لسعاد (to Suad)
        elif key.endswith(("'s", "'")) and len(key) > 4 and key not in lex.safe_words:
            key = tok.lookup = key[:-2] if key.endswith("'s") else key[:-1]     # Bogdan's: Bogdan
        elif tok.capital and (stem := _proper_noun_suffix(key)):
            key = tok.lookup = stem          # round 16: Dover'da, Gül'e: a proper noun with its case ending
        name = lex.is_name(key)
        name_key: str | None = key
        persian_letters = language in PERSIAN_LETTER_LANGUAGES and any(a in key for a, _ in PERSIAN_LETTERS) \
            and not (tok.start > 0 and text[tok.start - 1] == ZWNJ)     # (بچه‌هایم: a suffix, not a word)
        if not name and not tok.cased and (key.endswith(ARABIC_SPELLING_ENDS) or persian_letters) \
                and lex.best_zipf(key, language) < ARABIC_SPELLING_ZIPF:
            variant = _arabic_spelling(key, lex, persian_letters)
            # (a word no frequency list knows is taken as the list's name, as any such word is)
            tok.respelled = variant is not None and _arabic_spelling(key, lex) is None \
                and lex.best_zipf(key, language) >= lex_module.KNOWN_ZIPF
            if variant is not None:
                # round 9: رحمة as the list spells it, رحمه: a name only where a person stands
                name, name_key = True, None
        if tok.start > 0 and text[tok.start - 1] == "[" and tok.acronym:
            tok.kind = "placeholder"                       # [NAME], [PHONE]: already redacted
        elif CLITIC.fullmatch(key) or key in LATIN_NEVER_NAMES.get(language, ()) or key.endswith(TATWEEL) \
                or (key in PIDGIN_FUNCTION_WORDS and (not tok.capital or tok.sentence_start)) \
                or (key in ROMANISED_GEEZ_FUNCTION_WORDS and language in ("am", "ti")
                    and (not tok.capital or tok.sentence_start or tok.acronym)):
            tok.kind = "function"    # round 12: الـ, والـ, للـ: the article written apart, before a Latin word
        elif key in lex.safe_words or (tok.acronym and (len(key) <= 4 or not name)) or (
                not tok.cased and any(key.endswith(x) and key[:-len(x)] in lex.safe_words for x in SUFFIXES)) or (
                not tok.cased and len(key) > 4 and ARABIC_LETTER.match(key)
                and any(key.endswith(x) and (key[:-len(x)] in lex.safe_words or key[:-len(x)] in LANGUAGE_WORDS)
                        for x in SAFE_WORD_CLITICS)):
            tok.kind = "safe"
        elif (lex.function_word(key, language) and not (tok.capital and lex.is_word_name(key))) \
                or (not tok.cased and (key in SCRIPT_NOT_NAMES or key in SCRIPT_CUE_WORDS or _owned_word(key)
                                       or (key.startswith(PREFIXES) and key[1:] in KIN_WORDS)
                                       or key in SCRIPT_PRONOUNS
                                       or _word_class_not_name(key)
                                       or (key.endswith("ን") and key[:-1] in SCRIPT_NOT_NAMES))):
            tok.kind = "function"                          # the, في, را, मेरी: never a name
        elif id(tok) in placed:
            tok.kind = "safe"            # round 15: a province or town where a place stands (_placed below)
        elif name and name_key is not None and not lex.is_word_name(name_key) \
                and not (not tok.cased and (key in VIRTUE_WORD_NAMES or _unlisted_language_word(key, lex, language))) \
                and not (
                ((not tok.capital or tok.sentence_start) and lex.foreign_everyday(key, language))
                or (other_latin and not tok.capital and _other_latin_everyday(key, lex))
                or (other_latin and tok.capital and tok.sentence_start
                    and _other_latin_everyday(key, lex, OTHER_LATIN_FUNCTION_ZIPF))):
            if lex.is_place(key):
                tok.kind = "name_place"
            elif tok.cased and not tok.capital and lex.best_zipf(key, language) >= 4.5:
                tok.kind = "word_name"                   # in lower case, as common as an everyday word
            else:
                tok.kind = "name"
        elif name and not tok.cased and key in VIRTUE_WORD_NAMES:
            tok.kind = "word_name"     # round 9: ژیان life, ئازاد free: a name only where a person stands
        elif name and not tok.cased and lex.has_script_frequencies(key) and lex.best_zipf(key, language) < 3.5 \
                and not (_unlisted_language_word(key, lex, language)) and not tok.respelled:
            tok.kind = "name"          # a name of the list that is no everyday word there (شهرام, রহিম)
        elif name:
            tok.kind = "word_name"
        elif lex.is_place(key):
            tok.kind = "safe"
        elif len(key) >= 3 and not lex.known(key, language) and not regex.search(r"\d", key) \
                and not (other_latin and not tok.capital and lex.other_latin_zipf(key) >= OTHER_LATIN_ZIPF):
            tok.kind = "unknown"
        else:
            tok.kind = "word"
        if tok.capital and not tok.acronym and tok.kind in ("unknown", "word") and language in LATIN_CASE_ENDINGS:
            _latin_case_ending(tok, lex, language)
        if tok.capital and not tok.acronym and tok.kind == "unknown" and _place_in_its_case(key, lex) \
                and tokens.index(tok) > 0 and tokens[tokens.index(tok) - 1].key in CASE_PLACE_PREPOSITIONS:
            tok.kind = "safe"            # round 16: v Sheffielde, li Manchesterê, v Manchesteri: a town in its case
        if tok.capital and not tok.acronym and other_latin and tok.kind != "safe" \
                and _lithuanian_place_case(key, lex):
            tok.kind = "safe"            # round 18: Kaune, Vilniuje, iš Lietuvos: a place in its Lithuanian case
        if language == "so" and tok.capital and tok.kind == "unknown" and key.endswith(SOMALI_DEFINITE) \
                and not key.endswith(SOMALI_NAME_LIKE_ENDINGS):
            tok.kind = "safe"        # round 12: Booliska, Isniinta, Guriga: a noun with its article joined on
        if not tok.cased and tok.kind == "unknown" and SORANI_VERB.fullmatch(key) and (
                language == "ckb" or SORANI_LETTERS & set(key)):
            tok.kind = "function"        # round 11: دەچم, دەکەین (I go, we do): a Sorani verb in the present
            continue
        if not tok.cased and tok.kind == "unknown" and language == "ar" and _b_present_verb(key, lex):
            tok.kind = "function"        # round 16: بيدفع, بتتصل, بشتغل (he pays, she calls, I work)
            continue
        if not tok.cased and tok.kind == "unknown" and (
                _inflected_own_word(key, lex) or (AMHARIC_RELATIVE.fullmatch(key) and not lex.is_name(key))):
            tok.kind = "function"        # round 12: ክፍሉ, ጉዳየይ (the room, my case); የምንኖረው (where we live)
            continue
        if not tok.cased and tok.kind in ("unknown", "word") and (_loanword(key, lex, language) or (
                lex_module.script_of(key) == "DEVANAGARI" and (stem := _devanagari_stem(key)) is not None
                and len(stem) >= 4 and _loanword(stem, lex, language)
                and _sounds_like_name(key, lex, clitics=False) is None)):
            # (round 19: a loanword with a Nepali case mark, आर्मीले; not पिंकी, a name as typed)
            tok.kind = "safe"            # round 11: ሆቴል, ਹੋਟਲ, لۆری: hotel, lorry, written in the answer's script
            continue
        if not tok.cased and tok.kind in ("unknown", "word", "word_name") and key not in own_words_of(language) \
                and (lex_module.script_of(key) in SOUND_SCRIPTS
                     or (language == "ckb" and lex_module.script_of(key) == "ARABIC")
                     or SORANI_LETTERS & set(key)) \
                and key not in VIRTUE_WORD_NAMES and lex.best_zipf(key, language) < INDIC_WORD_AS_NAME_ZIPF:
            form = _sounds_like_name(key, lex, sorani=language == "ckb")
            if form is not None:
                tok.kind = "sound_name"
                if key.endswith("কে") and form == key[:-2]:
                    tok.lookup = form         # শিরিনকে (to Shirin): the object ending of a person
                elif key.endswith(PERSON_ENDINGS) and form != key and lex.best_zipf(key, language) < 3.0:
                    tok.lookup = form         # round 11: রহিমদা (brother Rahim), ਅਮਨਦੀਪਨੂੰ (to Amandeep)
                elif any(key.endswith(x) and form == key[:-len(x)] for x in DEVANAGARI_PERSON_CLITICS) \
                        and lex.best_zipf(key, language) < 3.0 and form not in SCRIPT_NOT_NAMES:
                    tok.lookup = form         # round 19: सरितालाई (to Sarita), बिमलाले (Bimala, acting)
            elif language == "ckb" and key.endswith("م") and len(key) >= 5 and tok.kind == "unknown" \
                    and tok is not tokens[-1] and tokens[tokens.index(tok) + 1].key in SORANI_SAW_TOLD \
                    and key[:-1] not in own_words_of(language) and _sounds_like_name(key[:-1], lex, sorani=True):
                # round 12: a Sorani name with the clitic "I" of a past verb (ڕێبوارم بینی, I saw Rebwar)
                tok.kind, tok.lookup = "sound_name", key[:-1]
    for i in range(len(tokens) - 1):
        pair = tokens[i:i + 2]
        if all(not t.cased and _ETHIOPIC_WORD.match(t.key) and t.kind not in ("safe", "function") for t in pair) \
                and _adjacent(text, pair[0], pair[1]) and any(
                (a, b) in lex.place_phrases for a in spellings(pair[0].key)[:3] for b in spellings(pair[1].key)[:3]):
            for t in pair:
                t.kind = "safe"      # round 20: ኣዲስ ኣበባ (adis abeba): a town of two words, by its sound
    for tok in tokens:
        if tok.cased or not _ETHIOPIC_WORD.match(tok.key) or tok.kind in ("safe", "function", "placeholder"):
            continue
        if any(tok.key.endswith(x) and tok.key[:-len(x)] in lex.safe_words for x in ("ውን", "ን")):
            tok.kind = "safe"        # round 20: እንጀራን ሽሮን (injera and shiro): a safe word with "and"/the object mark
            continue
        if _geez_nationality(tok.key, lex):
            tok.kind = "safe"        # round 20: ሱዳናዊ, ሶማሊት (Sudanese, a Somali woman): a nationality
            continue
        if tok.key in GEEZ_WITH_AFTER or tok.key in GEEZ_THROUGH_AFTER \
                or tok.key.startswith(GEEZ_HEARD_FROM + GEEZ_SENT):
            tok.kind = "function"    # round 20: ጋር, በኩል, ኣቢለ (with, through), ሰሚዐ, ሰዲደ (I heard, I sent)
        elif any(tok.key.startswith(a) and len(tok.key) - len(a) >= 3 and translit.is_uk_town(tok.key[len(a):], 3)
                 and not lex.is_name(tok.key[len(a):]) and _sounds_like_name(tok.key[len(a):], lex) is None
                 for a in ETHIOPIC_PLACE_PREFIXES + GEEZ_TO_WORDS):
            tok.kind = "safe"        # round 20: ከሊቨርፑል, ናብማንቸስተር (from Liverpool, to Manchester), by sound
    if language == "vi":
        _vietnamese_bare_function_words(tokens, text)
    _words_not_names_by_class(tokens, text, language)
    _case_contrast(tokens)
    if language == "en":
        _determined_lower_case(tokens, text)


# Round 16: English puts no article, possessive or "no/not" before a given name, nor is a person what one has,
# needs or feels: a name-list word in lower case right after one of these is a noun or adjective of the
# sentence, most often a word of the writer's own language typed in Latin letters ("i have no amal left",
# "we need sabr", "my iman is strong", "the room was not roshan", "i will feel azad"). It becomes a word name,
# a name only where a person stands. (Not "much", "his"/"her", "this"/"that": "thank you so much rachel", "told her
# ahmed ...", "if you read this kemal", "he said that karim ...".)
# Over the spent English answers, none of the lower-case names after these words was labelled a name.
LOWER_DETERMINERS = frozenset("the a an no not some any my your our their have need feel".split())
# round 17: and the quantifiers of a mass noun ("i need more sabr", "less amal every day", "enough iman"): no person
# is had in a quantity (not "much": "thank you so much rachel")
LOWER_DETERMINERS = LOWER_DETERMINERS | frozenset("more less enough".split())
# "not" only after "to be" or "feel" ("i am not khushal", "was not roshan") or a comma ("not sweet, not shirin"),
# not in a correction ("it is فاطمه not fatma")
NOT_AFTER = frozenset("am is was are were be been feel felt".split())


def _determined_lower_case(tokens: list[Token], text: str) -> None:
    for i in range(1, len(tokens)):
        tok, prev = tokens[i], tokens[i - 1]
        if tok.kind == "name" and tok.cased and not tok.capital and prev.key in LOWER_DETERMINERS \
                and _gap(text, prev, tok) == " " and (prev.key != "not" or (
                    i >= 2 and (tokens[i - 2].key in NOT_AFTER or "," in _gap(text, tokens[i - 2], prev)))):
            tok.kind = "word_name"
            # and what it is joined to by "and"/"or" is the same kind of thing ("we need sabr and iman")
            if i + 2 < len(tokens) and tokens[i + 1].key in ("and", "or") and tokens[i + 2].kind == "name" \
                    and tokens[i + 2].cased and not tokens[i + 2].capital:
                tokens[i + 2].kind = "word_name"


def _case_contrast(tokens: list[Token]) -> None:
    """Round 16: a writer who types a word with its capital in one place and in lower case in another marks the
    name by its capital ("Amal from the Salvation Army ... gave me amal again", "Najah said wait ... najah is
    success", "Khushi my daughter ..., first khushi in long time"): the lower-case one is a name only where a
    person stands (a word name). Over the spent corpora, 110 answers wrote a name-list word both ways, and not
    one of their writers labelled the lower-case one a name."""
    capitals = {t.key for t in tokens if t.cased and t.capital and not t.acronym}
    if not capitals:
        return
    for tok in tokens:
        if tok.kind == "name" and tok.cased and not tok.capital and tok.key in capitals:
            tok.kind = "word_name"


# -- round 15: provinces and towns in a script without capitals -------------------------------------------------
# names-dataset holds words that people wrote in its name field, among them their home provinces and towns
# (بامیان, کندز, نيالا): as rare names of the list they were redacted wherever they stood. A word that is a place
# (data/places: GeoNames towns, iso-codes regions) or spells a province of the survivors' countries by its sound
# (translit.is_region: کندز Kunduz, ننګرهار Nangarhar) is a place where a place stands: after "in" or "from", or in
# a list of two or more such words (بامیان و غزنی و پنجشیر). Elsewhere it stays a possible name: many given names
# are also towns or sound like a province (بهار Bahar and Bihar, پروین Parvin and Parwan). A name of the list that
# counts anywhere (طاهر Tahir, not Takhar) and a word name as common as an everyday word (عمران Imran) are names.
ARABIC_SCRIPT_IN_FROM = frozenset("در ده في فی په".split())
ARABIC_SCRIPT_IN_FROM_BY_LANGUAGE = {"ar": frozenset(["من"]), "fa": frozenset(["از"]), "prs": frozenset(["از"])}
PLACE_ZIPF = 4.5
ARABIC_AND = frozenset(["و"])


def _placed(tokens: list[Token], text: str, lex: Lexicon, language: str) -> set[int]:
    def place_like(tok: Token) -> bool:
        if tok.cased or tok.kind or lex_module.script_of(tok.key) != "ARABIC":
            return False
        keys = {tok.key, _stem(tok.key)}
        if tok.key.startswith("و") and len(tok.key) > 3:
            keys.add(tok.key[1:])                        # وبورتسودان: and Port Sudan
        if any(k in lex.names for k in keys):
            return False
        return any((lex.is_place(k) and lex.best_zipf(k, language) < PLACE_ZIPF) or translit.is_region(k)
                   for k in keys)

    like = [place_like(t) for t in tokens]
    if not any(like):
        return set()
    before = ARABIC_SCRIPT_IN_FROM | ARABIC_SCRIPT_IN_FROM_BY_LANGUAGE.get(language, frozenset())
    out: set[int] = set()
    for i, tok in enumerate(tokens):
        if not like[i]:
            continue
        if i > 0 and tokens[i - 1].key in before:
            out.add(id(tok))
            continue
        # a list: the next or previous place-like word, past a comma or "and"
        for j in (i - 1, i + 1, i - 2, i + 2):
            if not 0 <= j < len(tokens) or not like[j]:
                continue
            lo, hi = (j, i) if j < i else (i, j)
            between = text[tokens[lo].end:tokens[hi].start]
            if abs(i - j) == 2 and tokens[lo + 1].key not in ARABIC_AND:
                continue
            if abs(i - j) == 1 and not (between.strip() in (",", "،") or tokens[hi].key.startswith("و")):
                continue
            out.add(id(tok))
            break
    return out


# -- round 14 (precision): classes of words that name lists hold but that stand in answers as words ----------
# Kinship words and forms of address of Urdu, Hindi, Punjabi, Bengali, Arabic and Persian as survivors type
# them in Latin letters ("ammi ko phone kiya", "baji and ammi are still in pakistan", "akhi el kbir"): the
# romanised twins of KIN_WORDS (from the languages' kinship vocabularies, not from the corpus's names). The
# names-dataset list holds most of them (ammi, baji, bhai, chacha); they stand for a relative, never a name
# (a name may still come before or after them: "mizan chacha", "bhai imran").
ROMANISED_KIN_WORDS = frozenset("""
ammi ammy ammijan ammijaan abbu abbuji abbaji ammaji baji bajee bhai bhaijan bhaijaan bhaiya bhaiyya bhaisahab
chacha chachi chachu mamu mamoo mamun mami khala khalu phupho phuppo phuphi phupi dadi dadu nani nanu
bhabi bhabhi bhabhiji didi apu appi aapa aapi dulabhai behen bahen behan
akhi akhoya ukhti khalti 3ammi 3ammo 3amti khalo
""".split())
ROMANISED_KIN_LANGUAGES = frozenset("en ur hi pa bn ar fa prs ps ckb".split())
# the words of endearment and respect after a kinship word ("امی جان", "بھائی جان", "دایی جان", "chacha ji"):
# dear, sir; after a relative they name no one (after a name, "ناصر جان", they still follow a name)
ENDEARMENTS = frozenset("جان جی جانم صاحب ji jee jaan jan jani sahib saab sahab".split())
# A word spoken of as a word ("noor means light", "the word drita", "amal in arabic is hope", "Mercy is what I
# asked for"): the survivor explains a word of their language or names a feeling; it is no one. Not after a
# role or a naming cue ("my daughter Amal, it means hope") and not when "is what" is followed by a calling of
# someone ("Ronaldinho is what they call him").
MEANS_WORDS = frozenset("means mean meaning meant".split())
WORD_WORDS = frozenset("word words".split())
CALLING = frozenset("call calls called calling".split())
CALLED_ONES = frozenset("him her me us them my his".split())


# Round 16: the Slavic, Baltic, Kurmanji and Albanian case endings that answers put on an English town's name (v
# Sheffielde, v Rotherhame, v Manchesteri, li Manchesterê, Londonê, Efrînê; u Leedsu, Bostone): a capitalised
# word no list knows whose stem, less one or two letters of an ending, is a town of the gazetteer (GeoNames,
# data/places), is that town, not a person (the whole word is no name of the list: Parisa, Mariana stay names).
PLACE_CASE_ENDINGS = ("ê", "e", "u", "i", "a", "y", "ë", "ě", "ą", "ę", "é", "om", "ov", "em", "ie", "ui", "ul",
                      "ta", "da", "de", "te", "as", "je", "ji", "ju")


# where a town stands: after a preposition of place of those languages (Slovak/Czech v, vo, z, do; Lithuanian į, iš;
# Kurmanji li, ji; Serbo-Croatian, Ukrainian and Russian in Latin letters u, v, iz, na, do; Polish w, we; Turkish
# and Azerbaijani write theirs as endings): "îi ziceau Piticu", "Ya viddav Tarasu" (to Taras) stay unknown words
CASE_PLACE_PREPOSITIONS = PLACE_PREPOSITIONS | frozenset("v vo z zo do į iš li ji u iz na pri ve".split())


def _place_in_its_case(key: str, lex: Lexicon) -> bool:
    for ending in PLACE_CASE_ENDINGS:
        if key.endswith(ending) and len(key) - len(ending) >= 4:
            stem = key[:-len(ending)]
            if lex.is_place(stem):
                return True
    return False


# Round 18: Lithuanian declines a place by changing its nominative ending, not by adding one (Kaunas: Kaune in
# Kaunas, Kauno of it; Lietuva: Lietuvos of Lithuania; Vilnius: Vilniuje; Panevėžys: Panevėžyje), so round 16's
# stem-plus-ending test never finds the town. The endings below are the locative and genitive (and the accusative
# and dative) of the Lithuanian noun classes (-as, -is/-ys, -us, -a, -ė, plural -iai), each with the nominative it
# replaces. A capitalised word of an answer in the Latin-script languages the bot does not speak (round 15's
# other_latin answer) whose nominative so rebuilt is a place of the gazetteer or of the safe list, and which is itself
# an everyday word of those languages (data/frequencies/latin: wordfreq counts the city in its cases, "kaune" 5.4,
# "lietuvos" 6.5) as its nominative is too ("kaunas" 5.2, "lietuva" 5.4), is that place: names-dataset holds these
# forms (people typed their town in its name fields), which is why they were redacted. Given names in their cases
# (Jono, Dariaus) rebuild to no place; Rasos rebuilds to Rasa, a place of the gazetteer but no everyday word there.
LITHUANIAN_PLACE_CASES = (("iuose", "iai"), ("oje", "a"), ("ėje", "ė"), ("yje", "is"), ("yje", "ys"),
                          ("uje", "us"), ("os", "a"), ("ės", "ė"), ("ą", "a"), ("ą", "as"), ("e", "as"),
                          ("o", "as"), ("ui", "as"))


def _lithuanian_place_case(key: str, lex: Lexicon) -> bool:
    zipf = lex.other_latin_zipf(key)
    if zipf < OTHER_LATIN_ZIPF or zipf - lex.zipf(key, "en") < OTHER_LATIN_MARGIN:
        return False                     # and much rarer in English (Rose is no case of Rosas)
    for ending, nominative in LITHUANIAN_PLACE_CASES:
        if key.endswith(ending) and len(key) - len(ending) >= 3:
            base = key[:-len(ending)] + nominative
            if (lex.is_place(base) or base in lex.safe_words) and lex.other_latin_zipf(base) >= OTHER_LATIN_ZIPF:
                return True
    return False


# Round 16: Turkish (and Azerbaijani) write a proper noun's case ending after an apostrophe (Dover'da in Dover,
# Gül'e to Gül, Home Office'ten from the Home Office, Refugee Council'deki at the Refugee Council): the word is
# judged by its stem, so a place, service or brand stays one and a name stays a name. The ending is a Turkish
# suffix chain: its letters only, starting with one of the case endings' first letters, two to seven letters (or
# the dative's single vowel). English contractions and the possessive ('s, 't, 'll, 're, 've, 'd, 'm) are none.
TURKISH_SUFFIX = regex.compile(r"(?:[aeıiouüy]|[dtnylsk][aeıiouü][a-zçğışöü]{0,5})")
ENGLISH_APOSTROPHE_TAILS = frozenset("s t ll re ve d m".split())


def _proper_noun_suffix(key: str) -> str | None:
    if "'" not in key:
        return None
    stem, _, tail = key.rpartition("'")
    if len(stem) < 3 or "'" in stem and not stem.startswith(("o'", "d'", "l'")) or tail in ENGLISH_APOSTROPHE_TAILS \
            or not TURKISH_SUFFIX.fullmatch(tail):
        return None
    return stem


def _words_not_names_by_class(tokens: list[Token], text: str, language: str) -> None:
    for i, tok in enumerate(tokens):
        if tok.kind in ("function", "placeholder", "safe") or not tok.cased:
            if not (tok.key in ENDEARMENTS and i > 0):
                continue
        prev = tokens[i - 1] if i > 0 else None
        if tok.key in ENDEARMENTS and prev is not None and _adjacent(text, prev, tok) \
                and (prev.key in KIN_WORDS or prev.key in ROMANISED_KIN_WORDS or prev.key in SCRIPT_HONORIFICS):
            tok.kind = "function"                      # امی جان, بھائی جان, chacha ji: dear mother, brother
            continue
        if not tok.cased or tok.kind in ("function", "placeholder", "safe"):
            continue
        if tok.key in ROMANISED_KIN_WORDS and language in ROMANISED_KIN_LANGUAGES \
                and (not tok.capital or tok.sentence_start):
            tok.kind = "function"
            continue
        if language == "en" and tok.kind in ("name", "word_name", "unknown", "name_place") \
                and _mentioned_as_word(tokens, i, text):
            tok.kind = "function"


def _before_romanised_kin(tokens: list[Token], i: int, text: str, language: str) -> bool:
    """A word of the name list right before a romanised kinship word ("nadia baji", "Lucky bhai"): the kinship
    word is said after a person's name, as an honorific (ROMANISED_KIN_WORDS are no names themselves)."""
    if language not in ROMANISED_KIN_LANGUAGES or i + 1 >= len(tokens):
        return False
    tok, nxt = tokens[i], tokens[i + 1]
    return tok.cased and tok.kind in ("name", "word_name", "unknown", "name_place") \
        and nxt.key in ROMANISED_KIN_WORDS and nxt.kind == "function" and _adjacent(text, tok, nxt) \
        and not (i > 0 and tokens[i - 1].key in POSSESSIVES)


def _mentioned_as_word(tokens: list[Token], i: int, text: str) -> bool:
    n = len(tokens)
    after = [t.key for t in tokens[i + 1:i + 7]]
    if i > 0 and tokens[i - 1].key in WORD_WORDS and _adjacent(text, tokens[i - 1], tokens[i]):
        return True                                    # "the word drita"
    j = i + 1
    while j < n and tokens[j].kind in ("name", "word_name", "unknown") and not tokens[j].capital \
            and _adjacent(text, tokens[j - 1], tokens[j]) and j - i < 2:
        j += 1                                         # "hanh phuc means": a word of two
    follow = [t.key for t in tokens[j:j + 6]]
    if not follow:
        return False
    said = False
    if follow[0] in MEANS_WORDS and _adjacent(text, tokens[j - 1], tokens[j]):
        said = True
    elif follow[0] == "in" and ("means" in follow[1:5] or "mean" in follow[1:5]
                                or (len(follow) > 2 and follow[2] == "is") or (len(follow) > 3 and follow[3] == "is")):
        said = True                                    # "amal in arabic is hope", "shanti in my language is peace"
    elif follow[:2] in (["is", "what"], ["was", "what"]) and not any(
            a in CALLING and b in CALLED_ONES for a, b in zip(after, after[1:])):
        said = True                                    # "Mercy is what I asked for"
    if not said:
        return False
    if i > 0 and tokens[i - 1].kind in ("name", "word_name", "name_place") \
            and _adjacent(text, tokens[i - 1], tokens[i]):
        return False                                   # "anh Minh means ...": a full name, explained
    return _person_before(tokens, i, text) is None


# Round 13: Vietnamese typed without its accents ("toi khong biet", "Ho noi") spells its function words as the
# name list's junk entries (khong, cua, nen, moi, hon): the stop words of Vietnamese (stopwords-iso) without
# their accents are function words too, save the spellings that are also given names, surnames, nicknames or
# the kinship words that come before a name (Minh, Thanh, Lan, Lâm, Võ; Bảy, Sáu; anh, chị, em, cô).
VIETNAMESE_BARE_NAMES = frozenset("""
anh em chi co chu bac di ong ba con thang cau me bo ma cha minh thanh lan nam duy tam tan thuan phong quyen quyet
nhan tung tu van thi vi bi bong cao dao phat nhat thuong dieu trong tai tham thom lai lam luc nhu su chinh khac
vang hai ngoc sau bay vo ti tin nga ha
""".split())


VIETNAMESE_BARE_WORD = 5.0      # zipf of the commonest accented spelling of a bare word no name list has


@functools.lru_cache(maxsize=1)
def _vietnamese_bare_stop_words() -> frozenset[str]:
    return frozenset(b for b in (lex_module.strip_accents(w) for w in lex_module.stop_words("vi") if " " not in w)
                     if b not in VIETNAMESE_BARE_NAMES)


def _vietnamese_bare_function_words(tokens: list[Token], text: str) -> None:
    bare = _vietnamese_bare_stop_words()
    for i, tok in enumerate(tokens):
        if tok.kind == "unknown" and tok.cased and lex_module.strip_accents(tok.key) == tok.key \
                and lex_module.unaccented_frequencies("vi").value(tok.key) >= VIETNAMESE_BARE_WORD * 10:
            tok.kind = "word"           # Phap, Duc (Pháp, Đức: France, Germany), bare: no name list has them
            continue
        if tok.kind not in ("name", "word_name", "name_place", "unknown") or tok.key not in bare \
                or lex_module.strip_accents(tok.key) != tok.key:
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok.capital and nxt is not None and nxt.capital and _adjacent(text, tok, nxt):
            continue                    # Ho Van Nam: a surname before the rest of the name
        if i > 0 and tok.capital and tokens[i - 1].capital and _adjacent(text, tokens[i - 1], tok) \
                and not tokens[i - 1].sentence_start:
            continue                    # within a name
        tok.kind = "function"


# Round 11: the case endings of names in the Latin-script languages that decline them, with the ending of
# the name as the list has it: Polish Agnieszce/Moniki -> -ka, Tomkowi/Marka -> Tomek/Marek, Piotrowi ->
# Piotr, Kubie -> Kuba; Romanian Mariei -> Maria; Albanian Arbenit/Arbenin/Gëzimi -> Arben, Gëzim, Dritës ->
# Drita; Somali's article joined with a hyphen (Cabdiraxmaan-ka, Faadumo-da). Longest ending first.
LATIN_CASE_ENDINGS = {
    # round 13: the diminutives in -ś decline on -si- (Piotruś: Piotrusia, Piotrusiowi, Piotrusiem, Piotrusiu)
    "pl": (("siowi", "ś"), ("kowi", "ek"), ("kiem", "ek"), ("siem", "ś"), ("owi", ""), ("sia", "ś"), ("siu", "sia"),
           ("siu", "ś"), ("ce", "ka"), ("ki", "ka"), ("ka", "ek"), ("si", "sia"), ("ni", "nia"), ("em", ""),
           ("ie", "a"), ("ę", "a"), ("ą", "a"), ("y", "a"), ("i", "a"), ("a", ""), ("u", "")),
    "ro": (("ului", ""), ("ei", "a"), ("ii", "ia")),
    "sq": (("it", ""), ("in", ""), ("ës", "a"), ("ën", "a"), ("es", "a"), ("en", "a"), ("ut", ""), ("un", ""),
           ("i", ""), ("u", "")),
    "so": (("-ka", ""), ("-da", ""), ("-ta", ""), ("-ga", ""), ("-ha", ""), ("-kii", ""), ("-dii", ""),
           ("-tii", "")),
}
# a declined form at least this common opening a sentence is a word of the language; mid-sentence its capital
# says more, and names in their cases are as common as words (Jacka 4.4, Mariei 4.0; Armii, the army's, 4.9)
LATIN_CASE_ZIPF = 3.5
LATIN_CASE_ZIPF_MID = 4.5


# Round 12: Somali joins the definite article to its noun (boolis-ka the police, Isniin-ta Monday, guri-ga the
# house, qol-ka, shaqo-da, lacag-ta; -kii/-tii past; -kayga/-tayda my); a name takes it only with a hyphen
# (Cabdiraxmaan-ka, above). A capitalised word with it joined that no name list has is a noun, not a name.
SOMALI_DEFINITE = ("ka", "ga", "ta", "da", "ha", "sha", "kii", "gii", "tii", "dii", "hii", "kayga", "tayda",
                   "kaaga", "taada", "kiisa", "keeda", "ku", "gu", "tu", "du", "hu")   # -ku, -tu: as a subject
SOMALI_NAME_LIKE_ENDINGS = ("-ka", "-ga", "-ta", "-da", "-ha", "-kii", "-tii", "-dii")


def _latin_case_ending(tok: Token, lex: Lexicon, language: str) -> None:
    """A capitalised word no name list has whose stem, with the list's ending, is a given name of the list
    and no place: a name in one of its cases (tok.kind and tok.lookup are set)."""
    key = tok.key
    bar = LATIN_CASE_ZIPF if tok.sentence_start else LATIN_CASE_ZIPF_MID
    if lex.zipf(key, language) >= bar or key in LATIN_ROLES:
        return                                           # Avokati (the lawyer) is no Avokat
    place_stem: str | None = None
    for ending, base in LATIN_CASE_ENDINGS[language]:
        # round 13: a stem of two letters when the ending gives the name back its vowel (Anei -> Ana, Oli -> Ola)
        if key.endswith(ending) and len(key) - len(ending) >= (2 if base else 3):
            stem = key[:-len(ending)] + base
            if stem in lex.safe_words:
                tok.kind = "safe"     # round 13: a brand or service in its case (w Biedronce: Biedronka)
                return
            if lex.is_name(stem) and stem not in lex.safe_words and not lex.function_word(stem, language):
                if not lex.is_place(stem):
                    tok.kind = "word_name" if lex.is_word_name(stem) else "name"
                    tok.lookup = stem
                    return
                if place_stem is None:
                    place_stem = stem
    if place_stem is not None and tok.kind == "word":
        # round 13: a known word of the language whose stem is a name and a place (Anei: Ana's, and Ana is a
        # town): a name only where a person stands ("sora Anei"); an unknown word stays unknown (Gentin)
        tok.kind, tok.lookup = "name_place", place_stem


# Round 9: the name list writes Arabic-script names ending in a vowel one way (رحمه, عائشه, شازیه) and people
# type them another: with the round t of Arabic (ة) or Urdu's heh (ہ, ۂ) for ه. A word is looked up in that
# spelling too, and is then a name only where a person stands. (Not the yeh and kaf of Persian and Arabic:
# they tell the languages apart, زیاد "much" against زياد Ziad.)
ARABIC_SPELLINGS = (("ة", "ه"), ("ہ", "ه"), ("ۂ", "ه"))
# ... unless the word as typed is as common as the everyday words (مساعدة help 5.1, جميلة beautiful 5.1)
ARABIC_SPELLING_ZIPF = 5.0
ARABIC_SPELLING_ENDS = tuple(a for a, _ in ARABIC_SPELLINGS)    # the letters end a word (رحمة, عائشہ)
# Round 15: the yeh and kaf that Persian, Dari, Urdu, Pashto and Sorani write (ی, ک) where Arabic writes ي and ك.
# The name list (names-dataset) holds many South Asian and Afghan names only as Arab countries spell them
# (نديم, شيرين, كاشف, رشيد), so ندیم, شیرین, کاشف typed on a Persian or Urdu keyboard were no name at all.
# In an answer of those languages (never Arabic: there the letters tell words apart, زیاد "much" against زياد
# Ziad) a word is looked up with the Arabic letters too, under the same rule as above: a name only where a
# person stands, and never a word as common as the everyday words.
PERSIAN_LETTERS = (("ی", "ي"), ("ک", "ك"))
ZWNJ = "\u200c"
PERSIAN_LETTER_LANGUAGES = frozenset("fa prs ur".split())     # (not Pashto and Sorani: no frequency list
# tells their everyday words, کور house, زوی son, دایک mother, from names)


ALLAH = frozenset("الله اللہ".split())
# Round 12: "our Lord", "my Lord", "God" in the other words these languages call Him (ربنا كريم, God is generous)
OUR_LORD = frozenset(arabic_norm(w) for w in "ربنا ربي خدا خدای خداوند خدایا".split())
PLACE_AROUND = frozenset((a, b) for a in ("په", "له", "لە", "د", "در", "از") for b in ("کې", "کی", "څخه", "یم"))
PLURAL_AFTER = frozenset("ها های هایی".split())
# Round 9: Arabic "علي" is Ali and "on me" (ردوا علي "they answered me", إن علي أن "that I must"); after a
# word that is no name, cue or verb with "me", and before the end of the clause or a little word, "on me"
ON_ME = frozenset(("علي", "عليا", "عليّ"))
# "I have", "we have": the word after is the thing had (عندي امل "I have hope"); round 16: "have" with every
# person's pronoun (عندك امل, you have hope) and the words of "there is / there is no" of the spoken Arabic of
# the survivors' countries (في نور, ما في فرح; Iraqi ماكو/اكو, Egyptian مفيش/فيه): what is had or what there is
# is a thing, not a person (a person is "with" someone, مع/ويا, or "at" them, عند)
HAVE = frozenset("""عندي عندنا لدي لدينا لديّ عندى عندك عندكم عنده عندها عندهم عندو لديك لديه لديها لديهم
ماكو اكو أكو مافي مفيش فيه فيش في""".split())


# Round 16: the present of spoken Arabic (Levantine, Egyptian, Sudanese, Gulf) puts b- before the imperfect:
# بيدفع "he pays", بتتصل "she calls", بيقولو "they say", بشتغل "I work" (b- + اشتغل), with object pronouns
# after it (بيذكرني) and the relative ال- of Sudanese before it (البتتصل, "who calls"). wordfreq's Arabic knows
# the imperfect (يدفع, تتصل, يقولوا) far better than the dialect's b- forms, which it mostly lacks, so a word no
# list knows whose b- (or الب-) is followed by an imperfect wordfreq knows is a verb, never a name.
B_PRESENT_PERSONS = ("ي", "ت", "ن", "ا")
B_PRESENT_OBJECTS = ("هم", "ها", "ني", "نا", "كم", "ك", "ه", "و")
B_PRESENT_ZIPF = 3.0
# Round 16: a safe word (a nationality, language, service or place) with the enclitics of spoken Persian, Dari and
# Sorani written on it (انگلیسیه "is English", سرکو "Serco" as object, ستاره‌ها, بەریتانیاکە): still the safe word
SAFE_WORD_CLITICS = ("یه", "ه", "ست", "و", "رو", "ها", "های", "ەکە", "ە")
CUE_COMMON_WORD_ZIPF = 5.5
# "to" with a pronoun as spoken Arabic writes it (لينا to us, ليهم to them, الك to you): after a verb (a b- present
# or an imperfect wordfreq knows: يكتب لينا) or after thanks (شكرا ليهم), never the name Lina
ARABIC_TO_PRONOUNS = frozenset("لينا ليهم ليها ليكم ليكي لهم لها لكم الك الكم الكي الها الهم النا للكل".split())


def _b_present_verb(key: str, lex: Lexicon) -> bool:
    if key.startswith("الب"):
        key = key[2:]
    if len(key) < 4 or not key.startswith("ب"):
        return False
    rest = key[1:]
    stems = [rest] + [rest[:-len(o)] for o in B_PRESENT_OBJECTS if rest.endswith(o) and len(rest) - len(o) >= 3]
    forms = []
    for stem in stems:
        forms += [stem, "ا" + stem] if not stem.startswith(B_PRESENT_PERSONS) else [stem]
        if stem.endswith("و"):
            forms += [stem + "ا", stem[:-1] + "ون"]
    return any(f.startswith(B_PRESENT_PERSONS) and lex.zipf(f, "ar") >= B_PRESENT_ZIPF for f in forms)


def _on_me(tokens: list[Token], i: int, text: str) -> bool:
    prev = tokens[i - 1] if i > 0 else None
    if prev is None or tokens[i].sentence_start or prev.kind in ("name", "word_name", "sound_name", "unknown") \
            or prev.key in SCRIPT_WITH_BEFORE or prev.key in SCRIPT_THANKS or prev.key in ARABIC_PREP_PRONOUNS \
            or _arabic_me(prev.key) or _after_opening_verb(tokens, i, text) or _gap(text, prev, tokens[i]).strip() \
            or prev.key in ARABIC_KUNYA:                 # round 11: ام علي (Umm Ali)
        return False
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    gap = _gap(text, tokens[i], nxt) if nxt is not None else ""
    return nxt is None or bool(SENTENCE_END_RE.search(gap)) or "،" in gap \
        or nxt.kind == "function" or nxt.key in ("ان", "أن", "إن", "بعد", "من")


# "from" in the Arabic-script languages, and the words organisations are named with
FROM_WORDS = frozenset("من از له لە د ካብ".split())
# (round 20: and Tigrinya ካብ: "ተስፋ ካብ Migrant Help ደዊሉለይ", Tesfa from Migrant Help phoned me)
ORGANISATION_WORDS = frozenset("""
منظمة منظمه مؤسسة مؤسسه جمعية جمعيه المجلس مجلس البلدية بلدية الصليب الهلال سازمان شورا شورای موسسه انجمن
دفتر ادارہ تنظیم کونسل کانسل ڕێکخراوی ڕێکخراو
""".split())
SINGLE_SCRIPT_ROLES = frozenset(cue[0] for cue in SCRIPT_CUES_BEFORE if len(cue) == 1) | frozenset(
    "الموظفة الموظف موظفة موظف".split())


def _script_role(tok: Token) -> bool:
    """A role of the scripts without capitals, bare or someone's (صديقتي, دکتر, مددکارم, "مددکارمه" my caseworker
    she is), not a police word (after which a verb comes as often)."""
    key = tok.key
    if key in SCRIPT_POLICE:
        return False
    if key in SINGLE_SCRIPT_ROLES or _owned_word(key):
        return True
    # "مددکارمه" (my caseworker she is), Sorani/Persian ezafe "کارمەندی ..." (the worker of ...)
    return key.endswith(("ه", "ە", "ی")) and len(key) > 4 and (key[:-1] in SINGLE_SCRIPT_ROLES or _owned_word(key[:-1]))


def _role_phrase_at(tokens: list[Token], j: int) -> bool:
    """Round 19: a role of two words starts at token j and is said of the word before it with "is" after it
    (ሄለን ሰራሕተኛ ደገፍ እያ, Helen is a support worker)."""
    for cue in SCRIPT_CUES_BEFORE:
        n = len(cue)
        if n > 1 and tuple(t.key for t in tokens[j:j + n]) == cue and j + n < len(tokens) \
                and tokens[j + n].key in ETHIOPIC_COPULAS:
            return True
    return False


# Round 19: Tigrinya and Amharic "to phone" (ደዊለ, ደዊሉ, ደውዬ, ደወልኩ): the one phoned after "to" (ናብ, ወደ) is a
# person (ናብ ዮናስ ደዊለ, I phoned Yonas); and Tigrinya "house" before its owner (ኣብ ገዛ ኣልማዝ, at Almaz's house)
GEEZ_PHONED = regex.compile(r"(?:ደወ|ደዊ|ደው|ይደው|ክድው)\p{Ethiopic}*")
GEEZ_HOUSE = frozenset(("ገዛ",))


# "with me" after a name that opens the sentence (Amharic ከእኔ ጋር, Tigrinya ምሳይ)
WITH_ME = frozenset({("ከእኔ", "ጋር"), ("ምሳይ",), ("ከኔ", "ጋር")})


# Round 9: के/की/کے/ਦੇ are "of" or "did" on their own (AMBIGUOUS_MARKS), but with these after them they are a
# postposition of people: X के बारे में (about X), X के साथ (with X), X के घर (at X's house)
COMPOUND_POSTPOSITIONS = frozenset("बारे साथ घर پاس ساتھ بارے گھر ਬਾਰੇ ਨਾਲ ਘਰ ਕੋਲ पास".split())


def _compound_postposition(tokens: list[Token], j: int) -> bool:
    """Token j is an ambiguous mark (के) and the word after it makes it a postposition of people."""
    return j + 1 < len(tokens) and tokens[j].key in AMBIGUOUS_MARKS and tokens[j + 1].key in COMPOUND_POSTPOSITIONS


def _possessed_role_after(tokens: list[Token], j: int) -> bool:
    """Round 9: "my <role>" starts at token j (আমার সাপোর্ট ওয়ার্কার, میری دوست, मेरी बहन)."""
    if j + 1 >= len(tokens) or tokens[j].key not in SCRIPT_POSSESSIVE:
        return False
    for size in (1, 2, 3):
        if tuple(t.key for t in tokens[j + 1:j + 1 + size]) in SCRIPT_CUES_BEFORE:
            return True
    # round 12: a role in English after the possessive ("ፀሐይ የኔ support worker ናት", Tsehay is my support worker)
    return any(t.cased and t.key in ROLES for t in tokens[j + 1:j + 3])


def _allah_alone(tokens: list[Token], i: int, text: str) -> bool:
    """Token i (الله) is God, not the second half of a name: no name-like word right before it."""
    prev = tokens[i - 1] if i > 0 else None
    return not (prev is not None and tokens[i].key in ALLAH
                and prev.kind in ("name", "word_name", "unknown", "sound_name")
                and ARABIC_LETTER.match(prev.key) and _gap(text, prev, tokens[i]) in (" ", "\u200c"))


def _arabic_spelling(key: str, lex: Lexicon, persian_letters: bool = False) -> str | None:
    """Another spelling of an Arabic-script word that the name list holds, or None (with the Arabic yeh and
    kaf for the Persian ones when ``persian_letters``)."""
    if not ARABIC_LETTER.match(key) or len(key) < 3 or key.startswith("ال"):
        return None
    variant = key
    for a, b in ARABIC_SPELLINGS + (PERSIAN_LETTERS if persian_letters else ()):
        if a in variant:
            changed = variant.replace(a, b)
            if lex.is_name(changed):
                return changed
            variant = changed
    return variant if variant != key and lex.is_name(variant) else None


# Case endings written onto a name in scripts without spaces before them (Bengali জাহিদের "Zahid's",
# রহিমকে "to Rahim"), and the Arabic "and" (وأحمد): looked up without them.
SUFFIXES = ("দের", "ের", "এর", "কে", "র", "কে")
# round 11: the endings written onto a person only: Bengali -দা/-দি (brother/sister Rahim: রহিমদা), Gurmukhi
# ਨੂੰ (to) and ਜੀ (respect) written without a space (ਅਮਨਦੀਪਨੂੰ); a word the frequency list knows is a word
# (আলাদা, separate)
PERSON_ENDINGS = ("দা", "দি", "ਨੂੰ", "ਜੀ")
PREFIXES = ("و",)
# Round 19: the case marks Nepali (and Marathi) write onto a noun: to (-लाई), the one who acts (-ले), with
# (-सँग/-संग, Marathi -शी), of (-को/-का/-की, Marathi -चा/-ची/-चे), from (-बाट). A word is looked up without them by
# its sound (सरितालाई, बिमलाले, कमलासँग, अनिताबाट). "To", "with" and the mark of the one who acts stand on a person
# far more than on a thing: a name under one is a person, as under Ge'ez ን/ምስ/ናብ (a word the frequency list knows
# as typed, 3.0 or more, is none). Marathi -ला and -ने are left out: its past verbs end so (केला, उचलला)
DEVANAGARI_CLITICS = ("लाई", "सँग", "संग", "बाट", "ले", "को", "का", "की", "शी", "चा", "ची", "चे")
DEVANAGARI_PERSON_CLITICS = ("लाई", "सँग", "संग", "ले", "शी")
# a word Hindi's frequency list knows as typed this often is that word, no stem under a mark (खिड़की "window" 4.3 is
# no खिड़ + की; सरितालाई, बिमलाले are unknown to it)
DEVANAGARI_TYPED_WORD_ZIPF = 3.0
# Round 17: ... unless the word as typed is itself as common as the everyday words (وجود "existence" 6.0 is no
# "and Jud"; وأحمد, وعلي "and Ahmed, and Ali" are rarer as typed)
AND_PREFIX_WORD_ZIPF = 5.0
# Ukrainian and Russian case endings, and the nominative to look up (Наталією -> Наталія,
# Андрія -> Андрій, Светлане -> Светлана, Дмитром -> Дмитро)
CYRILLIC_START = regex.compile(r"\p{Cyrillic}")
CYRILLIC_ENDINGS = (("ією", "ія"), ("єю", "я"), ("ою", "а"), ("ею", "я"), ("ом", "о"), ("ом", ""), ("ем", ""),
                    ("ія", "ій"), ("я", "й"), ("і", "а"), ("е", "а"), ("у", "а"), ("ю", "я"), ("ы", "а"),
                    ("и", "а"), ("а", ""), ("у", ""), ("ові", ""), ("еві", "ь"))
# Round 16: the declension of -ія/-ия and -ій/-ий names (Наталії, Марии, Дмитрию, Андрієм), Russian
# instrumentals (Ольгой, Натальей), and the Ukrainian vocative (Миколо, Ірино, Вадиме, Петре, Маріє, Сергію):
# from the grammars' declension tables, longest ending first where two overlap; tried for a capitalised word or
# one Russian and Ukrainian use rarely (CYRILLIC_ROMANISED_ZIPF), and the vocatives for a rare word only, as
# "Поле" is no vocative of a name "Пол"
CYRILLIC_MORE_ENDINGS = (("ией", "ия"), ("ієм", "ій"), ("ием", "ий"), ("ой", "а"), ("ей", "я"), ("ем", "й"),
                         ("ем", "ь"), ("ії", "ія"), ("ии", "ия"), ("іє", "ія"), ("ію", "ія"), ("ію", "ій"),
                         ("ию", "ия"), ("ию", "ий"), ("ия", "ий"), ("я", "ь"), ("ю", "й"))
CYRILLIC_VOCATIVE_ENDINGS = (("о", "а"), ("е", ""), ("е", "о"))
# Round 16: a place in its cases (в Лестері, з Лутона, до Манчестеру, під Херсоном) and the Ukrainian region
# named from its town by -щина/-ччина (Херсонщина, the Kherson region: за Херсонщиною)
CYRILLIC_PLACE_ENDINGS = (("ою", "а"), ("ом", ""), ("ою", ""), ("ей", ""), ("ой", ""), ("і", ""), ("е", ""),
                          ("а", ""), ("у", ""), ("і", "а"), ("е", "а"), ("у", "а"), ("и", "а"), ("ы", "а"),
                          ("ї", "я"), ("и", ""), ("ю", "ь"), ("я", "ь"))
CYRILLIC_REGION_SUFFIXES = ("щина", "ччина")
# a Cyrillic word whose Latin spelling is a name of the list is one only when Russian and Ukrainian use it
# less often than this (Орест 3.8, Соломія 3.5; Сестра 4.7, Офицер 4.5, Богу 4.6)
CYRILLIC_ROMANISED_ZIPF = 4.0


# scripts whose names the name list holds mostly in Latin letters: looked up by their sound (romanise.py)
SOUND_SCRIPTS = ("ETHIOPIC", "BENGALI", "DEVANAGARI", "GURMUKHI")
# Ge'ez words carry "and"/the object mark -ን at their end and "to"/"of" ለ/የ/ን at their start (ዮናስን, ለአልማዝ)
# (round 11: also Amharic "and", -ና: ጌታቸውና ሙሉጌታ, Getachew and Mulugeta)
ETHIOPIC_AFFIXES = (("", "ን"), ("ን", ""), ("ለ", ""), ("የ", ""), ("ን", "ን"), ("", "ና"), ("", "ንና"))
# (round 20: and both at once, Amharic -ንና: ግርማንና ታደሰን, "Girma and Tadesse" as objects)
# round 9: the prepositions written onto a word (with, from, to, by, in, about: ምስዮናስ, ካብሃና, ናብ, ብ, ከ, በ, ስለ)
# with the endings "also"/"and" and the question mark after them (-ውን, -ስ, -ዶ); a name under a prefix may be of two
# syllables (ለሃና "to Hana": the spellings still need four letters); a place under them is no name (በለንደን)
ETHIOPIC_PREFIXES = ("ምስ", "ናብ", "ስለ", "ን", "ለ", "የ")
# "from", "in", "by" come before places and times far more often than before people (ከባህር ዳር, ብሰሙን weekly):
# a word under one of them is only looked through to see that it is a place (በለንደን), never taken as a name
ETHIOPIC_PLACE_PREFIXES = ("ካብ", "ብ", "ከ", "በ", "ኣብ")
# the Bengali locative ending (in): a place under it is no name
BENGALI_LOCATIVE = ("তে", "ে")
ETHIOPIC_ENDINGS = ("ውን", "ን", "ስ", "ዶ")
# of those, the marks of the one a thing is done to or for (to, for, with): a name under one is a person
ETHIOPIC_PERSON_PREFIXES = ("ምስ", "ናብ", "ን", "ለ")
GEEZ_PERSON_PREFIXES = ("ምስ", "ናብ", "ለ")
# Persian, Dari, Urdu, Pashto and Sorani put the subject first (Arabic mostly puts the verb first)
SUBJECT_FIRST_ARABIC_SCRIPT = ("fa", "prs", "ur", "ps", "ckb")
# "that": a subordinate clause opens after it, its subject first ("داکتر گفت که سهیلا باید ...")
SUBORDINATORS = frozenset("که کہ چې چی کە".split())
# Ge'ez virtue names that are everyday nouns (hope, peace, light, patience, love, faith, joy, life, grace,
# mercy, paradise, honour, freedom, pride, blessed, covenant, justice): no frequency list tells them
# apart, so only a cue makes them a name, as Hope and Grace in English
ETHIOPIC_WORD_NAMES = frozenset("""
ተስፋ ሰላም ብርሃን ትዕግስት መሰረት ፍቅሪ ፍቅር እምነት ደስታ ሕይወት ህይወት ጸጋ ፀጋ ምሕረት ምህረት ገነት ክብሪ ክብር
ነጻነት ነፃነት ሓበን ብሩክ ኪዳን ፍትሒ ፍትህ ጽናት ጥዑም
ፀሐይ ፀሃይ ጸሓይ ጸሐይ ብርቱካን ወርቅ
ሓዳስ ፍቕሪ
ኣማን አማን ልደት በረከት ምስጋና
""".split())
# (round 20: peace, birth/Christmas, blessing, thanks: Aman, Lidet, Bereket, Misgana)
# (round 9: also sun, orange and gold, ፀሐይ ብርቱካን ወርቅ, names as often as things)
# (round 13: and Tigrinya new and love, ሓዳስ ፍቕሪ: Hadas, Fikri)
# the same in Sorani (life, peace, hope, freedom, joy, light, spring, star) and Bengali/Hindi (hope, light)
VIRTUE_WORD_NAMES = ETHIOPIC_WORD_NAMES | frozenset("""
ژیان ئاشتی هیوا ئازادی خۆشی ڕووناکی بەهار ئەستێرە ئاوات ئومێد ئازاد
আশা আলো आशा ज्योति ਖੁਸ਼ੀ ਸਿਮਰਨ
""".split())
# time words that may open a clause before its subject ("ሎሚ ሰናይት ደዊላትለይ", today Senait called me)
SCRIPT_TIME_WORDS = frozenset("""
ሎሚ ትማሊ ትናንት ትናንትና ዛሬ ነገ ሕጂ አሁን ድሕሪኡ ከዚያ ከዚያም ሽዑ ለይቲ ምሸት ንግሆ ጠዋት ማታ
গতকাল আজ রাতে সকালে তারপর পরে প্রতিদিন একদিন কাল
कल आज रात सुबह फिर बाद रोज़ रोज एकदिन
हिजो भोलि अहिले आजभोलि त्यसपछि पछि बिहान बेलुका काल उद्या आता नंतर
ਕੱਲ੍ਹ ਅੱਜ ਰਾਤ ਸਵੇਰੇ ਫਿਰ ਬਾਅਦ ਰੋਜ਼
دیروز امروز بعدا بعداً شب صبح هرروز کل آج پھر رات صبح پرون نن بیا دوێنێ ئەمڕۆ پاشان شەو بەیانی
اوس اوسمهال حالا اکنون الان ابھی اب ئێستا ئیستا
امبارح إمبارح مبارح البارحة امس أمس اليوم بكرة بكره هلق هلأ هسه هسا هلا پرسږ سبا
جمعہ جمعے
""".split())
SCRIPT_TIME_WORDS_NORM = frozenset(arabic_norm(w) for w in SCRIPT_TIME_WORDS)
# Round 14: the word "month" after the name of a month of the Islamic, Bengali, Punjabi or Ethiopian calendar
# (شوال کے مہینے میں, শ্রাবণ মাসে, ਸਾਵਣ ਦੇ ਮਹੀਨੇ, ሚያዝያ ወር), with the genitive mark between or none; in Arabic and
# Persian the word "month" comes first (شهر رمضان, ماه مهر). Months are named like people (Srabon, Sawan, Mehr)
MONTH_AFTER = frozenset("""
مہینے مہینہ مہینا مہینوں ماہ মাস মাসে মাসের মাসটা ਮਹੀਨੇ ਮਹੀਨਾ ਮਹੀਨਿਆਂ महीने महीना मास ወር ወሩ ወርሒ میاشت میاشتې میاشتی مانگی مانگ
""".split())
MONTH_GENITIVES = frozenset("کے کی کا ਦੇ ਦੀ ਦਾ के की का د".split())
MONTH_BEFORE = {"ar": frozenset(("شهر",)), "fa": frozenset(("ماه", "ماهِ")), "prs": frozenset(("ماه", "ماهِ"))}


def _month_name(tokens: list[Token], i: int, text: str, language: str) -> bool:
    """Round 14: token i names a month: the word "month" follows (after a genitive mark or none) or, in Arabic
    and Persian, stands right before it; nothing else between (not "সোনিয়া ৩ মাস ধরে": Sonia, for 3 months)."""
    j = i + 1
    if j < len(tokens) and tokens[j].key in MONTH_GENITIVES and _gap(text, tokens[j - 1], tokens[j]).strip() == "":
        j += 1
    if j < len(tokens) and tokens[j].key in MONTH_AFTER and _gap(text, tokens[j - 1], tokens[j]).strip() == "":
        return True
    return i > 0 and tokens[i - 1].key in MONTH_BEFORE.get(language, ()) \
        and _gap(text, tokens[i - 1], tokens[i]).strip() == ""
# after a word, these say it is a place or a time, not a person (in, inside)
SCRIPT_PLACE_AFTER = frozenset("ਵਿੱਚ ਵਿਚ में মধ্যে ውስጥ ውሽጢ".split())
# marks after a noun that are as often a light verb or "of" (जाँच की, did an examination)
# Round 12: the marks after which a noun is as likely as a person ("with", "of"): a word name as common as an
# everyday word (zipf 5+) opening the answer before one is sent to review, not redacted
NOUN_MARKS_AFTER = frozenset("سے کی کے کا".split())
# Round 12: words of degree ("very", "much", "a lot of"): the word after one is an adjective or a noun
# ("بہت عزت سے" with much respect, "ډېر ستړی" very tired, "كتير سعيد" very happy), never a person
DEGREE_WORDS = frozenset("""
ብዙሕ ኣዝዩ ብጣዕሚ በጣም ብዙ
बहुत धेरै एकदम खूप अति
بہت بہوت زیادہ کافی بالکل خیلی زیاد بسیار ډېر ډیر ډېره ډیره زيات زۆر کەمێک كتير كثير كتيير جدا جداً اكثر أكثر
""".split())
DEGREE_WORDS = frozenset(arabic_norm(w) for w in DEGREE_WORDS | {"كلش", "هواية", "هلبا"})   # round 18: "very", "a lot"
AMBIGUOUS_MARKS = frozenset("की के का کی کے کا ਦੇ ਦੀ ਦਾ".split())


def _devanagari_stem(key: str) -> str | None:
    """Round 19: a Devanagari word without the case mark written onto it (बहिनीसँग: बहिनी), or None."""
    for x in DEVANAGARI_CLITICS:
        if key.endswith(x) and len(key) > len(x) + 1:
            return key[:-len(x)]
    return None


def _geez_person_prefix(key: str, lex: Lexicon) -> bool:
    """Round 19: a Ge'ez word that sounds like a name only under "to/for" or "with" written onto it (ለሰላማዊት to
    Selamawit, ምስዮናስ with Yonas): those mark the one a thing is said, given or done to, a person far more than a
    thing; a place, a safe word or a loanword under them is none (_sounds_like_name). Not Tigrinya ን, which is also
    the "we" of a verb (ንነብር, we live)."""
    form = _sounds_like_name(key, lex)
    # (a stem of four syllables or more: ለ is as often "for" before a short noun or an infinitive, ለሌላ, ለራሱ, ለማደስ)
    return form is not None and form != key and len(form) >= 4 and any(
        key.startswith(p) and key[len(p):].startswith(form) for p in GEEZ_PERSON_PREFIXES) \
        and not lex.is_name(key)


def _honorific(key: str) -> bool:
    """An honorific or kin word said after a name, also with a Nepali case mark on it (आशा दिदीले, by sister Asha;
    अधिकारी सरलाई, to Mr Adhikari)."""
    stem = _devanagari_stem(key)
    return key in SCRIPT_HONORIFICS or (stem is not None and stem in SCRIPT_HONORIFICS and stem != "जी")


def _sounds_like_name(key: str, lex: Lexicon, sorani: bool = False, clitics: bool = True) -> str | None:
    """The form of the word (itself, or without a case ending) that sounds like a name of the (Latin-letter)
    name list, or None. A word whose usual spellings are a place or a safe word is none (লন্ডনের, London's),
    and so is a Sorani verb (دەکرد, was doing: the prefixes دە, نە, ئە)."""
    if clitics and lex_module.script_of(key) == "DEVANAGARI":
        # round 19: the word as typed first (रेणुका, not रेणु + का), then without a case mark, never a word of a
        # closed class, a role or a kin word under it (बुबाको, वकिलले, दिदीले)
        form = _sounds_like_name(key, lex, sorani, clitics=False)
        stem = _devanagari_stem(key)
        if form is not None or stem is None or stem in SCRIPT_NOT_NAMES or stem in SCRIPT_CUE_WORDS \
                or stem in SCRIPT_HONORIFICS or lex.best_zipf(key, "hi") >= DEVANAGARI_TYPED_WORD_ZIPF:
            return form
        return _sounds_like_name(stem, lex, sorani, clitics=False)
    if lex_module.script_of(key) == "ARABIC" and key.startswith(("دە", "نە", "ئە")) and len(key) >= 4:
        return None
    forms = [key]
    if lex_module.script_of(key) == "ETHIOPIC":
        forms += [key[len(a):len(key) - len(b)] for a, b in ETHIOPIC_AFFIXES
                  if key.startswith(a) and key.endswith(b) and len(key) - len(a) - len(b) >= 3]
        forms += [key[len(a):len(key) - len(b)] for a in ETHIOPIC_PREFIXES for b in ("",) + ETHIOPIC_ENDINGS
                  if key.startswith(a) and key.endswith(b) and len(key) - len(a) - len(b) >= 2
                  and key[len(a):len(key) - len(b)] not in forms]
    else:
        forms += [key[:-len(x)] for x in SUFFIXES + PERSON_ENDINGS if key.endswith(x) and len(key) > len(x) + 1]
    if lex_module.script_of(key) == "ETHIOPIC":
        if any(_geez_reading(form, lex) == "place" for form in forms):
            return None
    elif any(lex.is_place(s) or s in lex.safe_words for form in forms for s in spellings(form, sorani)[:3]):
        return None
    if lex_module.script_of(key) == "BENGALI" and key.endswith(BENGALI_LOCATIVE) and any(
            lex.is_place(s) for end in BENGALI_LOCATIVE if key.endswith(end)
            for s in spellings(key[:-len(end)], sorani)[:3]):
        return None                    # round 9: সিলেটে, লন্ডনে (in Sylhet, in London)
    if key.endswith(BENGALI_LOCATIVE) and any(translit.is_uk_town(key[:-len(end)], 3)
                                               for end in BENGALI_LOCATIVE if key.endswith(end)):
        return None                    # round 16: লিডসে, ওল্ডহ্যামে (in Leeds, in Oldham): a UK town by its sound
    if lex_module.script_of(key) == "ETHIOPIC" and any(
            key.startswith(a) and (lex.is_place(key[len(a):]) or key[len(a):] in lex.safe_words)
            for a in ETHIOPIC_PLACE_PREFIXES):
        return None                    # round 9: a place in its own script under a prefix (በለንደን, in London)
    if any(lex.is_place(form) or form in lex.safe_words for form in forms[1:]):
        return None
    for form in forms:
        if any(len(s) >= 4 and lex.is_name(s) and not lex.is_word_name(s) for s in spellings(form, sorani)):
            return form
    return None


# Round 20: a Ge'ez word is read in Latin letters in a few spellings (ሄለን: helen, helan), and GeoNames' 160,000
# towns of 15,000 people or more share many of them with given names (saba, sara, miki, mina are towns somewhere).
# The usual spelling comes first (romanise.spellings): the word reads as what its first spelling that is a name
# or a place is. A reading that is only a place (or a safe word) is a place; one that is both a listed name and a
# town (ሳባ saba, ሳራ sara) is decided where the word stands (_geez_place_slot): after a preposition of place it is
# the town, where a person stands the person.
@functools.lru_cache(maxsize=8192)
def _geez_reading(form: str, lex: Lexicon) -> str:
    """"place", "both" (a listed name that is also a town) or "" (a name, or neither) for a Ge'ez form."""
    for s in spellings(form)[:3]:
        if s in lex.safe_words:
            return "place"
        place = lex.is_place(s)
        named = len(s) >= 4 and lex.is_name(s) and not lex.is_word_name(s)
        if place:
            return "both" if named else "place"
        if named:
            return ""
    return ""


def _geez_also_place(tok: Token, lex: Lexicon) -> bool:
    """Round 20: a Ge'ez word that sounds like a name whose spelling is also a town of the gazetteer."""
    return _ETHIOPIC_WORD.match(tok.key) is not None and (
        _geez_reading(tok.key, lex) == "both" or _geez_reading(tok.lookup or tok.key, lex) == "both")


@functools.lru_cache(maxsize=64)   # the union of three sets was rebuilt for every word (7% of a Ge'ez answer)
def own_words_of(language: str) -> frozenset[str]:
    """The bot's own words in the answer's language and, for Ge'ez, in both its languages."""
    words = lex_module.own_words(language)
    return words | lex_module.own_words("ti") | lex_module.own_words("am") if language in ("ti", "am", "en") else words


def _stem(key: str, capital: bool = False) -> str:
    lex = get_lexicon()
    if lex.is_name(key):
        return key
    for suffix in SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix) + 1 and lex.is_name(key[:-len(suffix)]):
            return key[:-len(suffix)]
    for prefix in PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix) + 2 and lex.is_name(key[len(prefix):]) \
                and (lex.best_zipf(key, "ar") < AND_PREFIX_WORD_ZIPF or key[len(prefix):] in ALLAH):
            return key[len(prefix):]
    if CYRILLIC_START.match(key):
        endings: tuple[tuple[str, str], ...] = CYRILLIC_ENDINGS
        rare = _cyrillic_rare(key, lex)
        if capital or rare:
            endings = CYRILLIC_ENDINGS + CYRILLIC_MORE_ENDINGS
        if rare:
            endings = endings + CYRILLIC_VOCATIVE_ENDINGS
        for ending, nominative in endings:
            if key.endswith(ending) and len(key) - len(ending) >= 3:
                candidate = key[: -len(ending)] + nominative
                if lex.is_name(candidate) and not lex.function_word(key, "ru"):
                    return candidate
    return key


def _cyrillic_rare(key: str, lex: Lexicon) -> bool:
    return max(lex.zipf(key, "ru"), lex.zipf(key, "uk")) < CYRILLIC_ROMANISED_ZIPF


def _cyrillic_forms(key: str, endings: tuple[tuple[str, str], ...]) -> list[str]:
    """``key`` and the nominatives it may be a case of."""
    return [key] + [key[:-len(e)] + n for e, n in endings if key.endswith(e) and len(key) - len(e) >= 3]


def _cyrillic_romanised_name(key: str, lex: Lexicon) -> str | None:
    """Round 16: a capitalised Cyrillic word the Cyrillic name list lacks, or one of its cases, whose Latin
    spelling (romanise.cyrillic_spellings) is a name of the list and no place (Орест: Orest, Соломія:
    Solomiia, Іринка: Irynka, Эванс: Evans); never a word Russian or Ukrainian use often."""
    if len(key) < 4 or not _cyrillic_rare(key, lex) or lex.function_word(key, "ru") or lex.function_word(key, "uk"):
        return None
    for form in _cyrillic_forms(key, CYRILLIC_ENDINGS + CYRILLIC_MORE_ENDINGS + CYRILLIC_VOCATIVE_ENDINGS):
        if not _cyrillic_rare(form, lex):
            continue                       # на Волге: Волга is a word of the language, not a name
        for latin in romanise.cyrillic_spellings(form):
            if lex.is_name(latin) and not lex.is_place(latin) and latin not in lex.safe_words:
                return latin
    return None


def _sound_script_towns(tokens: list[Token], lex: Lexicon) -> set[int]:
    """Round 16: a UK town said in Bengali under its locative ending (লিডসে in Leeds, ওল্ডহ্যামে in Oldham), by its
    consonant skeleton (translit.is_uk_town, three sounds or more), when the word is no name of the list in a
    case (the dative -কে marks a person: সাথীকে, to Sathi). Not a word alone, nor in the other scripts: a short
    skeleton there is a name's or a word's as often (করিমের, ከምኡውን)."""
    out: set[int] = set()
    for tok in tokens:
        key = tok.key
        if tok.cased or tok.kind or lex_module.script_of(key) != "BENGALI" or key.endswith("কে"):
            continue
        stems = [key[:-len(e)] for e in BENGALI_LOCATIVE if key.endswith(e) and len(key) - len(e) >= 2]
        if any(translit.is_uk_town(stem, 3) and not lex.is_name(stem) and _sounds_like_name(stem, lex) is None
               for stem in stems):
            out.add(id(tok))
    return out


def _cyrillic_places(tokens: list[Token], lex: Lexicon) -> set[int]:
    """Round 16: capitalised Cyrillic words that are a place in one of its cases (в Лестері, з Лутона), a
    region named from its town (Херсонщиною), or a place or service of the lists in Latin letters (Спалдинг,
    Алди). A word that is also a name of the list in that case (Ростова, Софії) is a place only after a
    preposition of place (из Ростова)."""
    out: set[int] = set()
    for i, tok in enumerate(tokens):
        if tok.kind or not tok.cased or not tok.capital or not CYRILLIC_START.match(tok.key) or len(tok.key) < 4:
            continue
        key = tok.key
        forms = _cyrillic_forms(key, CYRILLIC_PLACE_ENDINGS)
        for form in list(forms):
            if form.endswith(CYRILLIC_REGION_SUFFIXES):
                base = form[:-len("щина")].rstrip("ч")
                forms += [base, base + "а", base + "ь"]
        derived = forms[1:]
        place = any(lex.is_place(f) for f in derived) or any(
            lex.is_place(latin) or latin in lex.safe_words
            for f in forms for latin in romanise.cyrillic_spellings(f)) or any(translit.is_uk_town(f) for f in forms)
        if not place:
            continue
        named = lex.is_name(key) or _stem(key) != key
        if named and not (i > 0 and tokens[i - 1].key in LOCATIVE_PREPOSITIONS | PLACE_PREPOSITIONS):
            continue
        out.add(id(tok))
    return out


def _words_after(tokens: list[Token], i: int, count: int) -> tuple[str, ...]:
    return tuple(t.key for t in tokens[i + 1:i + 1 + count])


def _words_before(tokens: list[Token], i: int, count: int) -> tuple[str, ...]:
    return tuple(t.key for t in tokens[max(0, i - count):i])


def _by_last(cues) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Cue phrases indexed by their last word, so that a token looks only at the cues its previous word ends."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for cue in cues:
        index.setdefault(cue[-1], []).append(cue)
    return {last: tuple(found) for last, found in index.items()}


def _cue_before(tokens: list[Token], i: int, index: dict[str, tuple[tuple[str, ...], ...]]) -> bool:
    return i > 0 and any(_words_before(tokens, i, len(cue)) == cue for cue in index.get(tokens[i - 1].key, ()))


NAMING_CUES_BY_LAST = _by_last(NAMING_CUES)
SCRIPT_NAMING_BY_LAST = _by_last(SCRIPT_NAMING)
SCRIPT_CUES_BEFORE_BY_LAST = _by_last(SCRIPT_CUES_BEFORE)
ROLE_CUES_BY_LAST = _by_last(ROLE_CUES)
VOCATIVE_BEFORE_BY_LAST = _by_last(VOCATIVE_BEFORE)
VOCATIVE_NOT_TO_BY_LAST = _by_last(v for v in VOCATIVE_BEFORE if v[-1] != "to")
# round 18: the words that thank or bless someone, after which "X for ..." is what X is thanked for
THANKED_BY_LAST = _by_last(v for v in VOCATIVE_BEFORE if v[-1] != "to" and v[0] not in
                           ("dear", "hi", "hello", "bye", "sorry", "please", "listen", "goodbye"))
NAMING_BEFORE_BY_LAST = _by_last(NAMING_BEFORE)


def _gap(text: str, a: Token, b: Token) -> str:
    return text[a.end:b.start]


def _adjacent(text: str, a: Token, b: Token) -> bool:
    """b follows a with only spaces (or a hyphen) between them: one name ("Mark Evans")."""
    gap = _gap(text, a, b)
    return gap != "" and len(gap) <= 2 and gap.strip() in ("", "-")


# titles that are titles in lower case too (not "sister", "father", "judge", "officer": everyday words)
LOWER_CASE_TITLES = frozenset("mr mrs ms mx dr sgt insp dc ds pc pcso auntie aunty uncle madam".split())
# Round 19: kinship words and roles of the languages survivors type in Latin letters that the bot does not speak
# (their answers arrive marked English), from their grammars and dictionaries, not from the corpora: Swahili, Hausa
# (its possessive is a suffix: abokina, my friend), Igbo, Yoruba, Oromo, Twi, Kurmanji (with its ezafe: hevalê,
# bavê) and Nigerian Pidgin. A name-list word right after one, or after one and its possessive ("rafiki yangu
# Zawadi", "nwanne m Emeka", "hevalê min Azad", "ore mi Bisi"), is the person, as after an English role.
OTHER_LATIN_KIN = frozenset(fold(w) for w in """
rafiki kaka dada shangazi mjomba binamu mume mke jirani wakili daktari mkalimani mfanyakazi
abokina abokiyata yayana yayata kanina kanwata mijina matata lauyana lauyata
nwanne enyi nne nna nwunye
ìyá iya ẹ̀gbọ́n egbon àbúrò aburo ọ̀rẹ́ ore ìyàwó iyawo agbẹjọ́rò agbejoro
obboleessa obboleessi obboleettii obboleettiin haadha abbaa hiriyaa michuu abukaatoo abukaatoon
nua nuabarima nuabaa barima maame agya adamfo kunu
heval hevalê hevala bira birayê xwişk xwişka dayik dayika bavê xalê mamê meta cîran cîranê parêzer parêzerê
padi broda sista
""".split())
# ... and the possessives these languages put after the noun (my, our; Igbo "m", Yoruba "mi", Kurmanji "min"): a
# name-list word before one of the unmistakable ones (Swahili, Oromo: "Imani yangu", my faith), or a kinship word
# before any ("Nwanne m", "Bavê min"), is a noun, as a name takes no possessive
OTHER_LATIN_POSSESSIVES = frozenset(
    fold(w) for w in "yangu wangu changu langu zangu wetu yetu m anyị mi koo keenya min".split())
OTHER_LATIN_NOUN_POSSESSIVES = frozenset(
    fold(w) for w in "yangu wangu changu langu zangu wetu yetu koo keenya".split())
# a name-list word in lower case after a role is a name unless it is this common a word ("my friend will")
LOWER_AFTER_ROLE_ZIPF = 5.0
RESUMED = "taken up again by he or she"
# "me" / "us" before the verb in the Romance languages, Polish, Albanian: "X me ayudó" (X helped me)
OBJECT_CLITICS = frozenset(fold(w) for w in "me mi ma mă më ne nos nous mnie nam".split())
WEAK = "after a word people are named after"   # to, with, told ... (places follow "to" too)


def _person_before(tokens: list[Token], i: int, text: str) -> str | None:
    """Why the word before token i says a person comes next, or None."""
    if i == 0:
        return None
    if tokens[i].key in OFFICE_WORDS and tokens[i].kind == "safe":
        return None                      # round 18: "the Detective Constable said": the rank's second word
    prev = tokens[i - 1]
    tight = _adjacent(text, prev, tokens[i]) or _gap(text, prev, tokens[i]).strip() in (".", ",", ":")
    if prev.key.rstrip(".") in TITLES and tight and (prev.capital or prev.acronym or not prev.cased):
        return "after a title"
    if prev.key.rstrip(".") in LOWER_CASE_TITLES and tight and tokens[i].kind in ("name", "word_name", "unknown"):
        return "after a title"                           # "mrs patel", "dr jones", "auntie precious"
    if prev.key in ROLES and tight:
        return "after a role"
    key = tokens[i].key
    if tight and tokens[i].kind in ("name", "word_name", "name_place") and len(key) > 2 \
            and key not in OTHER_LATIN_POSSESSIVES and key not in OTHER_LATIN_KIN and key not in LATIN_ROLES and (
            prev.key in OTHER_LATIN_KIN or (prev.key in OTHER_LATIN_POSSESSIVES and i >= 2
                                           and tokens[i - 2].key in OTHER_LATIN_KIN
                                           and _adjacent(text, tokens[i - 2], prev))):
        return "after a role"                            # round 19: "rafiki yangu zawadi", "hevalê min azad"
    if prev.key in CYRILLIC_ROLES and tight and tokens[i].kind in ("name", "word_name"):
        return "after a role"
    if prev.key in ("is", "was") and i >= 3 and tokens[i - 2].key in ROLES and tokens[i - 3].key in POSSESSIVES \
            and tokens[i].kind in ("name", "word_name", "unknown", "name_place") and (
                _ends_clause(tokens, i, text) or (i + 1 < len(tokens) and tokens[i + 1].key in ("he", "she"))):
        return "after a role"                            # round 8: "my solicitor is raja"
    if prev.key in NAME_STARTERS and tight:
        return "after a kunya or patronymic"
    if tokens[i].capital and tight and _words_before(tokens, i, 2) in KIN_OF:
        return "after a role"                            # "Ahmed son of Ali"
    if tight and _cue_before(tokens, i, NAMING_CUES_BY_LAST):
        return "after a naming cue"
    if not prev.cased:
        if _cue_before(tokens, i, SCRIPT_NAMING_BY_LAST):
            return "after a naming cue"
        if _cue_before(tokens, i, SCRIPT_CUES_BEFORE_BY_LAST) and not (
                prev.key in KIN_CUES and not _cue_before(tokens, i, ROLE_CUES_BY_LAST)
                and tokens[i].kind not in ("name", "word_name", "sound_name")):
            return "after a role"                        # a kinship word: only before a word a name list has
        if _owned_word(prev.key) and not prev.key.startswith(DOCUMENT_WORDS):
            return "after a role"                        # مددکارم نسرین (my caseworker Nasrin)
        if tokens[i].kind in ("name", "word_name", "sound_name", "unknown") and _adjacent(text, prev, tokens[i]) \
                and translit.is_english_role(prev.key):
            return "after a role"        # round 16: ইন্টারপ্রেটার তানিয়া, the interpreter Tania, by its sound
    if tokens[i].capital and prev.key == "you" and _gap(text, prev, tokens[i]).strip() == "," \
            and _ends_clause(tokens, i, text):
        return SPOKEN_TO                                 # "I will never forget you, Hope."
    if tokens[i].capital and _adjacent(text, prev, tokens[i]) and _ends_clause(tokens, i, text):
        if _cue_before(tokens, i, VOCATIVE_BEFORE_BY_LAST):
            return SPOKEN_TO
    if tokens[i].capital and _adjacent(text, prev, tokens[i]) and i + 1 < len(tokens) and tokens[i + 1].key == "for" \
            and _adjacent(text, tokens[i], tokens[i + 1]) and _cue_before(tokens, i, THANKED_BY_LAST):
        return SPOKEN_TO        # round 18: "God bless you Ngozi for coming", "thank you Rania for": thanked for it
    if tight and _cue_before(tokens, i, NAMING_BEFORE_BY_LAST):
        return WEAK
    return None


# "son of Ali": the one a person is named by
KIN_OF = frozenset((k, "of") for k in "son daughter wife husband brother sister mother father cousin".split())
# what a person has, after a name's "'s" ("Comfort's phone", "Blessing's house")
OWNED_BY_PEOPLE = frozenset("phone number house flat room car children kids family baby passport bag money".split())


POSSESSIVES = frozenset("my our his her their your".split())


def _past_third_person(key: str) -> bool:
    """A Spanish or Portuguese verb in the past, third person, by its ending ("acompañó", "levou", "pidió")."""
    return len(key) >= 4 and key.endswith(("ó", "ou", "iu"))


WHOLE_ANSWER = "the whole answer is a name"
LATIN_SCRIPT_LANGUAGES = frozenset("en sq vi so ro pl pt fr es".split())


def _whole_answer_is_a_name(tokens: list[Token], text: str) -> bool:
    """Round 8: the answer is one to three capitalised words and nothing else ("Destiny", "Lamin",
    "Trần Thị Mai"): the answer to "what is your name?" or "who was it?", not a sentence. Each word must be
    of a name list or of no word list; a safe word (Yes, Thanks, London) or a function word is never one."""
    if not 1 <= len(tokens) <= 3 or regex.search(r"[\d@/]", text) or SENTENCE_END_RE.search(text.strip()[:-1]) \
            or HAN_RUN.search(text):
        return False
    return all(t.capital and not t.acronym and t.kind in ("name", "word_name", "name_place", "unknown")
               for t in tokens)


PLAIN_WITH = frozenset(fold(w) for w in "con com avec cu với".split())


def _after_with(tokens: list[Token], i: int, text: str) -> bool:
    """"with" right before token i, or "with" and an article ("com o rodrigo", "con la maría"); only the
    "with" words that are nothing else (Somali "la" is "the" in Spanish, Albanian "me" is "me")."""
    if i > 0 and tokens[i - 1].key in PLAIN_WITH and _adjacent(text, tokens[i - 1], tokens[i]):
        return True
    return i > 1 and tokens[i - 2].key in PLAIN_WITH and tokens[i - 1].key in ("o", "a", "el", "la", "le") \
        and _adjacent(text, tokens[i - 2], tokens[i - 1]) and _adjacent(text, tokens[i - 1], tokens[i])


def _ends_clause(tokens: list[Token], i: int, text: str) -> bool:
    """Token i ends its clause: a comma, a full stop or the end of the answer comes next."""
    rest = text[tokens[i].end:tokens[i + 1].start] if i + 1 < len(tokens) else text[tokens[i].end:]
    return rest.strip() == "" and i + 1 >= len(tokens) or rest.strip()[:1] in (",", ".", "!", "?", ";", ":")


def _person_after(tokens: list[Token], i: int, text: str) -> str | None:
    """Why the words after token i say it is a person, or None."""
    if i + 1 >= len(tokens):
        return None
    nxt = tokens[i + 1]
    gap = _gap(text, tokens[i], nxt)
    if gap.strip() == "," and nxt.key in ("my", "our", "the", "his", "her", "their", "a") and i + 2 < len(tokens):
        if any(t.key in ROLES for t in tokens[i + 2:i + 5]):
            return "before a role"
    if gap.strip() == "" and nxt.key == "the" and i + 2 < len(tokens) and (
            tokens[i + 2].key in ROLES or (i + 3 < len(tokens) and tokens[i + 3].key in ROLES
                                           and _adjacent(text, tokens[i + 2], tokens[i + 3]))):
        return "before a role"                           # round 8: a role of two words ("Sunny the security man")
    # a role in apposition with no comma, as people type ("Jordan my boyfriend he ...", "raj the agent",
    # "blessing my friend she ..."); a name taken up again by he / she opening the answer ("florin he is ...")
    if gap.strip() == "" and nxt.key in ("my", "our") and any(t.key in ROLES for t in tokens[i + 2:i + 4]) \
            and (i == 0 or tokens[i].sentence_start or tokens[i - 1].key in ("and", ",")):
        return "before a role"
    if gap.strip() == "" and nxt.key in ("he", "she") and tokens[i].sentence_start and i + 2 < len(tokens):
        return RESUMED
    if gap.strip() not in ("", ","):
        return None
    if gap.strip() == "," and tokens[i].capital and tokens[i].sentence_start \
            and nxt.key in ("you", "thank", "thanks", "please"):
        return SPOKEN_TO                                 # "Hope, you were my only friend there."
    if tokens[i].capital and tokens[i].sentence_start and i + 2 < len(tokens) and (
            (gap.strip() == "" and nxt.key == "if" and tokens[i + 2].key == "you")
            or (gap.strip() == "," and nxt.key in ("i", "we") and "you" in [t.key for t in tokens[i + 2:i + 4]]
                and not any(c in text[nxt.start:tokens[min(i + 3, len(tokens) - 1)].start] for c in ".!?;,"))):
        return SPOKEN_TO    # round 18: "Faith if you see this", "Saba, I know you read this": the one addressed
    if tokens[i].key in ("goodness", "heaven", "heavens") and nxt.key == "knows":
        return None                                      # "Goodness knows what they did"
    if nxt.key in ("is", "was", "were", "are"):
        if i + 3 < len(tokens) and tokens[i + 2].key in POSSESSIVES and any(
                t.key in ROLES for t in tokens[i + 3:i + 5]):
            return "before a role"                       # round 8: "hope is my caseworker", "sultan is my cousin"
        if i + 2 < len(tokens) and tokens[i + 2].key in DESCRIBED_AS and (
                tokens[i + 2].key not in ("the", "a", "an", "my", "our", "your", "his", "her", "their")
                or any(t.key in ROLES for t in tokens[i + 3:i + 6])):
            return "described as a person"
        return None
    if tokens[i].key.endswith(("'s", "’s")) and gap.strip() == "" and tokens[i].capital \
            and (nxt.key in ROLES or nxt.key in OWNED_BY_PEOPLE):
        return "someone's"                               # "Mercy's daughter", "Comfort's phone"
    if nxt.key == "and" and gap.strip() == "" and i + 3 < len(tokens) and tokens[i + 2].key in ("his", "her", "their") \
            and tokens[i + 3].key in ROLES:
        return "with family"                             # "Grace and her husband took me in"
    if nxt.key == "and" and gap.strip() == "" and i + 2 < len(tokens) and tokens[i + 2].key in ("i", "me") \
            and _adjacent(text, nxt, tokens[i + 2]):
        return "with me"    # "Blessing and I shared a room", "Hodan and me got out"
    if nxt.key in ("and", "or", "nor"):
        return None     # decided by the list rule
    if nxt.key == "ơi" and gap.strip() == "":
        return SPOKEN_TO                                 # Vietnamese calls someone with ơi: "Thanh ơi"
    if nxt.key in OBJECT_CLITICS and gap.strip() == "" and i + 2 < len(tokens) \
            and (tokens[i + 2].key in PERSON_AFTER or _past_third_person(tokens[i + 2].key)) \
            and _adjacent(text, nxt, tokens[i + 2]):
        return "before a verb people do"                 # "Consuelo me ayudó", "Glória me levou"
    if (nxt.key in PERSON_AFTER or nxt.key in PERSON_AFTER_CYRILLIC) and gap.strip() == "":
        return AUXILIARY if nxt.key in AUXILIARIES else "before a verb people do"
    if not nxt.cased and nxt.key in ERGATIVE_MARKERS and not _clause_final(tokens, i + 1, text):
        return ERGATIVE
    if not nxt.cased and (nxt.key in SCRIPT_PERSON_AFTER or _ethiopic_me(nxt.key)):
        return "before a verb people do"
    if nxt.key in ("from", "at") and i + 2 < len(tokens) and tokens[i + 2].key in ("the", "my", "our"):
        return "someone from somewhere"
    if nxt.key in ("from", "at") and i + 2 < len(tokens) and tokens[i + 2].kind == "safe":
        return "someone from somewhere"
    return None


# the documents of these answers, written in the scripts without capitals: never a name, whatever ending
DOCUMENT_WORDS = ("پاسپورت", "پاسپورٹ", "پاسپورټ", "پاسپۆرت", "جواز", "ፓስፖርት", "ፓስፖር", "পাসপোর্ট", "ਪਾਸਪੋਰਟ",
                  "पासपोर्ट", "شماره", "ژمارە", "نمبر", "ቁጽሪ", "ቁጥር", "নম্বর", "ਨੰਬਰ", "नंबर",
                  # round 9: Ge'ez "phone" with "my"/"of" (ስልኬ my phone, የስልክ of the phone) before its number
                  "ስልክ", "ስልኬ", "ስልከይ", "ስልኪ", "የስልክ", "ተሌፎን", "ቴሌፎን")
# Persian, Sorani and Pashto "my"/"his" endings on a role (صاحبکارم my employer, کارفرمایم)
# round 13: Ge'ez "my" (ጠበቓይ my lawyer); round 17: and Amharic "her, the (woman)" and "his, the" (አስተርጓሚዋ "her/the
# interpreter", ጠበቃው): a role so marked is someone's, as "my" makes it
POSSESSIVE_ENDINGS: tuple[str, ...] = ("م", "یم", "ەکەم", "ەکەی", "ش", "ይ", "ዬ", "ዋ", "ው")


def _owned_word(key: str) -> bool:
    """A role of the cue lists with a possessive ending, or a document word with any ending."""
    if key.startswith(DOCUMENT_WORDS):
        return True
    return any(key.endswith(e) and len(key) > len(e) + 2 and (key[:-len(e)],) in SCRIPT_CUES_BEFORE
               for e in POSSESSIVE_ENDINGS)


def _arabic_me(word: str) -> bool:
    """An Arabic-script verb with "me" as its object (ساعدتني "helped me", أعطاني "gave me")."""
    return len(word) >= 5 and ARABIC_LETTER.match(word) is not None and word.endswith(("ني", "نی")) \
        and not word.startswith("ال")


# round 12: Ge'ez nouns and verbs of the bot's own translations with an ending written on (ክፍሉ "the room",
# እግሬ "my leg", ጉዳየይ "my case", ገንዘብና "our money", ቤቶች "houses"): each Ge'ez letter is a consonant with
# one of seven vowels, and the ending changes the last letter's vowel, so a word and its stem are compared with
# the last letter in its vowelless (sixth) form. A name of the name list, or a word that is also a name (ተስፋ,
# ሰላም), is never taken for such a word (ተስፋዬ, ሰላምና, Tesfaye, "Selam and").
# (ending, the vowels the letter before it may carry: 0 ä, 1 u, 2 i, 3 a, 4 e, 5 none, 6 o; None: any)
ETHIOPIC_NOUN_ENDINGS = (
    ("ኩም", (5,)), ("ኹም", (5,)), ("ክን", (5,)), ("ኽን", (5,)), ("ችን", (3,)), ("ቸው", (3,)), ("ችሁ", (3,)),
    ("ታት", None), ("ዎች", (3, 1, 4)), ("ች", (6,)),
    ("ይ", (0,)), ("ካ", (5,)), ("ኪ", (5,)), ("ና", (5,)), ("ም", (6,)), ("ህ", (5,)), ("ሽ", (5,)),
    ("ዬ", (0, 1, 2, 3, 4, 6)), ("ው", (0, 1, 2, 3, 4, 6)),
)
ETHIOPIC_FUSED_VOWELS = (1,)   # -u "his, the" changes the last letter itself (ክፍሉ); not Amharic -e "my" (ደረጄ, Dereje)


def _geez_vowel(letter: str) -> int:
    o = ord(letter)
    return (o - 0x1200) % 8 if 0x1200 <= o <= 0x1357 else -1


def _geez_vowelless(word: str) -> str:
    o = ord(word[-1])
    return word[:-1] + chr((o - 0x1200) // 8 * 8 + 0x1205) if 0x1200 <= o <= 0x1357 else word


@functools.lru_cache(maxsize=1)
def _geez_own_stems() -> frozenset[str]:
    return frozenset(_geez_vowelless(w) for w in own_words_of("ti")
                     if len(w) >= 2 and _ETHIOPIC_WORD.match(w) and w not in VIRTUE_WORD_NAMES)


def _inflected_own_word(key: str, lex: Lexicon) -> bool:
    """A Ge'ez word of the bot's translations with a possessive, definite or plural ending (see above)."""
    if len(key) < 3 or not _ETHIOPIC_WORD.match(key) or lex.is_name(key):
        return False
    stems = _geez_own_stems()
    for ending, vowels in ETHIOPIC_NOUN_ENDINGS:
        stem = key[:-len(ending)]
        if key.endswith(ending) and len(stem) >= 2 and (vowels is None or _geez_vowel(stem[-1]) in vowels) \
                and _geez_vowelless(stem) in stems and stem not in VIRTUE_WORD_NAMES and not lex.is_name(stem):
            return True
    return _geez_vowel(key[-1]) in ETHIOPIC_FUSED_VOWELS and _geez_vowelless(key) in stems


def _ethiopic_me(word: str, perfect: bool = False) -> bool:
    """A Tigrinya or Amharic verb with "me" as its object (ወሲዱኒ "took me", ረዳኝ "helped me"); with ``perfect``
    also the Amharic present perfect (ረድቶኛል "has helped me"), which as often says "it is ... to me"
    (ከብዶኛል, it is hard for me): only where its subject comes after it."""
    endings = ("ኒ", "ኒ።", "ኝ", "ኝ።", "ኛል") if perfect else ("ኒ", "ኒ።", "ኝ", "ኝ።")
    return word not in GEEZ_HAVE and len(word) >= 3 and "\u1200" <= word[0] <= "\u137f" and word.endswith(endings)


# round 9: Ge'ez copulas ("is"), and the Tigrinya relative verbs before them: "ዝሸጠና ኣርኣያ እዩ" (the one who
# sold us is Araya): the word between is the person who did it. (Amharic የወሰደው ... ነው is not taken: its
# ordinals and adjectives look the same, የመጀመሪያው ደረጃ ነው "it is the first step")
ETHIOPIC_COPULAS = frozenset("እዩ ኢዩ እያ ኢያ ነው ናት ነች".split())


def _ethiopic_owner(key: str, lex: Lexicon) -> bool:
    """Round 12: an Amharic word under "of" (የ-) that sounds like a name only without it: opening a clause it is
    the owner of the next word, a thing as often as a person (የቤቱ ባለቤት "the house's owner", የፍርድ ቤት "of the
    court", የቤቲ ስልክ "Betty's phone"): a person decides (review queue)."""
    return key.startswith("የ") and _sounds_like_name(key, lex) != key


AMHARIC_RELATIVE = regex.compile(r"(?:የም|የሚ|የማ|የተ|የሌ)\p{Ethiopic}+(?:ው|ውን|ኝ|ት|ቸው|ቸውን|ሽ|ህ)")


def _ethiopic_relative(word: str) -> bool:
    """A Tigrinya relative verb (ዝ-: ዝሸጠና "who sold us", ዝወሰደ "who took")."""
    return len(word) >= 3 and word.startswith("ዝ")


def _ethiopic_clause_verb(word: str) -> bool:
    """Round 11: a Ge'ez relative verb, the start of a clause after ከም/ስለ (how, because: ከም ዝገብሮ "how to do
    it", ከም ዘሎ "where he is", ስለ ዝኾነ "because it is"), not a person after "with"/"about"."""
    return _ethiopic_relative(word) or word.startswith("ዘለ") or word in ("ዘሎ", "ዘላ") or (
        len(word) >= 3 and word.endswith(("ኩ", "ኹ")))    # round 13: "ምስ ረኸብኩ" (when I got): a verb of "I", Tigrinya


def _ethiopic_object(tokens: list[Token], i: int, language: str) -> bool:
    """In an Amharic answer, a word no list knows with the object ending -ን (ገንዘቡን, ገንዘባችንን: "the money",
    "our money"): the thing taken, not the taker; unless a neighbour has it too, as in a list (ዮናስን ሰላምን).
    (In Tigrinya -ን is "and", and names end in it: ሚሊዮን.)"""
    tok = tokens[i]
    if language != "am" or tok.kind != "unknown" or not tok.key.endswith("ን") or not _ETHIOPIC_WORD.match(tok.key):
        return False
    return not any(0 <= j < len(tokens) and tokens[j].key.endswith("ን") and _ETHIOPIC_WORD.match(tokens[j].key)
                   for j in (i - 1, i + 1))


def _determined(tokens: list[Token], i: int, text: str) -> bool:
    """A determiner or preposition stands right before: "the will", "a rose", "in hope"."""
    if i == 0:
        return False
    prev = tokens[i - 1]
    if prev.key == "much" and i >= 2 and tokens[i - 2].key in ("so", "very"):
        return False                     # round 8: "thank u so much rachel": an adverb, not "much money"
    return prev.key in DETERMINERS and _adjacent(text, prev, tokens[i])


# Round 18: "about" and "without" take a person as their object as readily as a thing ("asked about gjergj",
# "without rukhsana i would ..."); what a determiner before a lower-case word rules out is a noun ("the will", "my
# hope"). So before a word the name list has and no word list counts as an everyday word (kind "name"), these two do
# not make it a noun. Not "of", "from", "for" ... (the whole dev part: "the month of hamal", "compensation from
# cica": a month, an office), nor a word typed as spoken with its g dropped ("about walkin": walking).
PREPOSITIONS_OF_PEOPLE = frozenset("about without".split())
DROPPED_G_ZIPF = 4.0


def _after_preposition_of_people(tokens: list[Token], i: int) -> bool:
    key = tokens[i].key
    if key.endswith("in") and get_lexicon().best_zipf(key + "g", "en") >= DROPPED_G_ZIPF:
        return False
    return i > 0 and tokens[i - 1].key in PREPOSITIONS_OF_PEOPLE


# instrumentals after "z" that are no person (with God, Poland, England, Europe ...)
POLISH_INSTRUMENTAL_NOT_PEOPLE = frozenset(
    "bogiem panem jezusem polską anglią rosją ukrainą francją europą afryką szkocją irlandią litwą".split())


def _lower_case_person(tokens: list[Token], i: int, text: str, lex: Lexicon, language: str) -> bool:
    """In an answer written all in lower case ("thank you maria", "sorry nadia i could not come",
    "my friend grace helped me"), a given name of the list right after a word that speaks to someone
    or after a role is a person, even when it is also a word or a place."""
    tok = tokens[i]
    if not tok.cased or tok.capital or i == 0 or any(c.isupper() for c in text):
        return False
    if tok.kind not in ("word_name", "name_place", "word", "unknown") or tok.key in ROLES or tok.key in TITLES \
            or len(tok.key) < 3 or not lex.is_name(tok.key) or lex.function_word(tok.key, language):
        return False
    if tok.kind == "word" and lex.best_zipf(tok.key, language) >= 5.0:
        return False
    prev = tokens[i - 1]
    if not _adjacent(text, prev, tok):
        return False
    if prev.key in ROLES and i >= 2 and tokens[i - 2].key in ("my", "our", "the", "his", "her", "their"):
        return True
    if language == "en" and prev.key in TOLD_MET_VERBS and tok.kind != "word" \
            and not (i + 1 < len(tokens) and _adjacent(text, tok, tokens[i + 1])
                     and tokens[i + 1].key in ("of", "for")):
        return True     # round 18: "i told grace the truth", "ask mercy she knows": the one told or asked
    return _cue_before(tokens, i, VOCATIVE_NOT_TO_BY_LAST)


# Round 20: names in the hardest positions of English and the Latin-script languages: in lower case, with no cue,
# as objects. Grammar reserves these slots for people, so a word a given-name list holds that stands in one is the
# person even when it is also a word or a town (names-dataset's lists; an everyday word as common as
# LOWER_AFTER_ROLE_ZIPF in the answer's language stays a word):
#  * a subject pronoun coordinated with it: "me and dritan", "grace and I", "sam and me", "yo y brayan", "une dhe
#    dritani", and a list of people opened or closed by "me" ("me, faith, goodness and sam sleep ...");
#  * the object of a verb done to people (rang, called, texted, met, told, asked, visited: "I rang marius"), or after
#    "with" that follows a verb of going or staying ("i went with ola", "stayed with mercy"); Romanian marks a
#    person object with "pe" ("l-am sunat pe marius"), Portuguese "ligar para" takes the person with the article
#    ("liguei para a joana"), Vietnamese "gọi cho" (call to), Polish "zadzwonić do" (call to; places take "do" too,
#    but not after this verb);
#  * a one-word sentence taken up by "he"/"she" at the start of the next ("Kwame. he is the one", "Consuelo. ella
#    me ayudo", "Cawo. iyada ...");
#  * a list of name-list words opening the sentence before a verb only people do ("usha, asha and pooja cooked");
#  * the subject of "gave me his/her ..." (a thing gives, but has no "his": "sunny gave me his old phone").
PERSON_SLOT_KINDS = ("name", "word_name", "name_place")
SUBJECT_PRONOUNS = frozenset(fold(w) for w in "me i yo eu moi je ja une unë unë tôi toi em mimi aniga".split())
OBJECT_PERSON_VERBS = frozenset(fold(w) for w in """
told tell tells asked ask asks met meet meets rang ring rings called call calls texted text texts phoned phone
phones messaged message visited visit visits hugged thanked
""".split())
WITH_VERBS = frozenset("""
went go goes going came come comes coming stayed stay stays staying lived live lives living moved travelled
traveled ran escaped left slept share shared sharing
""".split())
CALL_TO = {"ro": (frozenset(fold(w) for w in "sunat suna sun sunam chemat chema intrebat întrebat vazut văzut "
                            "cautat căutat".split()), frozenset(("pe",))),
           "pt": (frozenset(fold(w) for w in "liguei ligou ligamos ligar ligo liga".split()), frozenset(("para",))),
           "vi": (frozenset(fold(w) for w in "goi gọi".split()), frozenset(("cho",))),
           "pl": (frozenset(fold(w) for w in "zadzwonilam zadzwoniłam zadzwonilem zadzwoniłem zadzwonil zadzwonił "
                            "zadzwonila zadzwoniła dzwonilam dzwoniłam dzwonilem dzwoniłem dzwonie dzwonię".split()),
                  frozenset(("do",)))}
THIRD_PERSON_SUBJECTS = frozenset(fold(w) for w in """
he she él el ella ele ela il elle ea ai ajo ji jis ona on iyada isaga
""".split())
ENGLISH_LIKE = ("en", "pcm")
# Indian and West African English put aunty and uncle after the name, as an honorific ("usha aunty", "john uncle")
HONORIFICS_AFTER = frozenset("aunty auntie uncle".split())
ENGLISH_ONLY_PRONOUNS = frozenset(("me", "i"))    # (Spanish and French "me" is "me, to me"; Polish "i" is "and")
GAVE_ME = frozenset("gave gives give".split())
GAVE_TO = frozenset("me us".split())
GAVE_HIS = frozenset("his her".split())


def _slot_word(tok: Token, lex: Lexicon, language: str) -> bool:
    """A word a given-name list holds that may be a person in a reserved slot: not an everyday word of the
    answer's language as common as LOWER_AFTER_ROLE_ZIPF, nor a function word, role or title."""
    key = tok.lookup or tok.key
    return tok.cased and tok.kind in PERSON_SLOT_KINDS and len(tok.key) >= 3 \
        and lex_module.script_of(tok.key) == "LATIN" \
        and tok.key not in ROLES and tok.key not in TITLES and tok.key not in SUBJECT_PRONOUNS \
        and lex.is_name(key) and not lex.function_word(tok.key, language) \
        and lex.best_zipf(key, language) < LOWER_AFTER_ROLE_ZIPF


def _list_around(tokens: list[Token], i: int, text: str) -> tuple[int, int]:
    """The first and last token of the list (commas, "and") that token i is a member of."""
    def joined(a: int, b: int) -> bool:      # tokens a and b are members next to each other, or b after "and"
        gap = _gap(text, tokens[a], tokens[b]).strip()
        return gap in LIST_COMMAS or gap == "&"
    first = i
    while first > 0:
        if joined(first - 1, first):
            first -= 1
        elif first > 1 and tokens[first - 1].key in LIST_AND and _adjacent(text, tokens[first - 2], tokens[first - 1]) \
                and _adjacent(text, tokens[first - 1], tokens[first]):
            first -= 2
        else:
            break
    last = i
    while last + 1 < len(tokens):
        if joined(last, last + 1):
            last += 1
        elif last + 2 < len(tokens) and tokens[last + 1].key in LIST_AND \
                and _adjacent(text, tokens[last], tokens[last + 1]) \
                and _adjacent(text, tokens[last + 1], tokens[last + 2]):
            last += 2
        else:
            break
    return first, last


def _person_slot(tokens: list[Token], i: int, text: str, lex: Lexicon, language: str) -> str | None:
    """Why token i, a name-list word in Latin script, stands where grammar puts a person (see above), or None."""
    tok = tokens[i]
    if not _slot_word(tok, lex, language):
        return None
    prev = tokens[i - 1] if i > 0 else None
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    # a one-word sentence taken up by a pronoun
    if tok.sentence_start and nxt is not None and nxt.sentence_start and nxt.key in THIRD_PERSON_SUBJECTS \
            and _gap(text, tok, nxt).strip() in (".", "!", "...", "…"):
        return "a name alone, taken up by he or she"
    if tok.sentence_start and nxt is not None and nxt.key in ("is", "was") and _adjacent(text, tok, nxt):
        rest = [t.key for t in tokens[i + 2:i + 5]]
        if rest[:3] in (["the", "one", "who"], ["the", "one", "that"]) \
                or (rest[:1] and rest[0] in ("the", "my", "our") and rest[1:2] and rest[1] in ROLES):
            return "the one who"                          # "Bright is the one who", "Asha is the caseworker who"
    if nxt is not None and nxt.key in HONORIFICS_AFTER and not nxt.capital and _adjacent(text, tok, nxt) \
            and not (prev is not None and prev.key in POSSESSIVES):
        return "before an honorific"                      # "usha aunty gave me food", "john uncle"
    if tok.capital:
        return None
    if nxt is not None and _adjacent(text, tok, nxt) and nxt.key in PERSON_AFTER and nxt.key not in AUXILIARIES \
            and lex.best_zipf(tok.lookup or tok.key, language) < EVERYDAY_ENGLISH_ZIPF \
            and any(t.key == tok.key and t.capital and j != i for j, t in enumerate(tokens)):
        return "written elsewhere in the answer with its capital"    # "Vijay ... never paid us, vijay kept"
    # coordinated with a subject pronoun, or in a list with one
    first, last = _list_around(tokens, i, text)
    if first < last:
        members = [t for t in tokens[first:last + 1] if t.key not in LIST_AND]
        pronouns = SUBJECT_PRONOUNS if language in ENGLISH_LIKE else SUBJECT_PRONOUNS - ENGLISH_ONLY_PRONOUNS
        if any(t.key in pronouns for t in members) and any(t.key in LIST_AND for t in tokens[first:last + 1]) \
                and all(t.key in pronouns or _slot_word(t, lex, language) or t.capital for t in members):
            return "beside I or me"
        if tok.sentence_start and first == i and last + 1 < len(tokens) \
                and _adjacent(text, tokens[last], tokens[last + 1]) and tokens[last + 1].key in HUMAN_VERBS \
                and all(_slot_word(t, lex, language) for t in members):
            return "opens a sentence before a verb only people do"
    if prev is not None and _adjacent(text, prev, tok):
        if language in ENGLISH_LIKE:
            if prev.key in OBJECT_PERSON_VERBS and not (i >= 2 and tokens[i - 2].key in PREDICATE_VERBS) \
                    and not (prev.key.startswith("visit") and tok.kind == "name_place") \
                    and not (nxt is not None and nxt.key in ("of", "for")):
                return "after a verb done to people"
            if prev.key == "with" and i >= 2 and tokens[i - 2].key in WITH_VERBS \
                    and _adjacent(text, tokens[i - 2], prev):
                return "with someone"
        call = CALL_TO.get(language)
        if call:
            verbs, marks = call
            j = i - 1
            if language == "pt" and prev.key in ("a", "o") and i >= 2:
                j = i - 2
            if tokens[j].key in marks and j >= 1 and any(part in verbs for part in tokens[j - 1].key.split("-")):
                return "after a verb done to people"
    # "X gave me his ..."
    if tok.sentence_start and i + 3 < len(tokens) and tokens[i + 1].key in GAVE_ME and tokens[i + 2].key in GAVE_TO \
            and tokens[i + 3].key in GAVE_HIS and _adjacent(text, tok, tokens[i + 1]):
        return "before a verb people do"
    return None


# Round 13: kinship words, lower-case titles and thanks of the Latin-script languages, after which a capitalised
# word of the name list is the person even where it is also a place or a word: Polish and Romanian decline the
# name after them ("sora Anei", Ana's sister; "brat Kasi", Kasia's brother), Polish "u" is at someone's home
# ("mieszkam u Kasi"; places take w/na/do); "dona Socorro", "minha mãe Aparecida", "doña Amparo", "gracias Amparo"
# (Socorro, Aparecida, Amparo, Dolores, Vitória: given names that are towns too)
LATIN_KIN_BEFORE = {code: frozenset(fold(w) for w in words.split()) for code, words in {
    "pl": """siostra siostry siostrze siostrą brat brata bratu bratem mama mamy mamie mamą tata taty tacie ciocia
             cioci wujek wujka babcia babci dziadek dziadka córka córki syn syna mąż męża żona żony chłopak
             chłopaka dziewczyna dziewczyny u pani pan panem panią""",
    "ro": """sora surorii fratele fratelui mama mamei tata tatăl tatal tatălui tatalui bunica bunicii bunicul
             bunicului mătușa matusa unchiul unchiului fiica fiul soțul sotul soția sotia iubitul iubita doamna
             domnul tanti nenea""",
    "pt": """mãe mae pai irmã irma irmão irmao tia tio avó avô avo filha filho prima primo madrinha padrinho dona
             dom seu senhor senhora sr sra""",
    "es": """madre padre mamá papá hermana hermano tía tia tío tio abuela abuelo hija hijo prima primo madrina
             padrino doña dona don señor señora senor senora sr sra""",
    "fr": """mère mere père pere sœur soeur frère frere tante oncle fille fils cousine madame monsieur mme""",
}.items()}
SINGLE_THANKS = frozenset(t[0] for t in THANKS_IN_LANGUAGES if len(t) == 1)


ROMANIAN_DATIVE_CLITICS = ("i-", "î-")


def _romanian_dative_opening(tokens: list[Token], i: int, text: str, lex: Lexicon, language: str) -> bool:
    """Romanian doubles a dative object with the clitic "i"/"îi": a capitalised word opening the sentence in the
    dative of a given name (Mariei, Ionului; the name list has Maria, Ion) before "i-am", "i-a", "îi" is that
    person, however common the form is in the frequency list."""
    tok = tokens[i]
    if language != "ro" or not tok.capital or tok.acronym or i + 1 >= len(tokens) \
            or tok.kind not in ("word", "unknown", "name_place", "word_name", "name"):
        return False
    nxt = tokens[i + 1]
    if not (nxt.key.startswith(ROMANIAN_DATIVE_CLITICS) or nxt.key in ("îi", "ii")) or not _adjacent(text, tok, nxt):
        return False
    key = tok.key
    for ending, base in (("ului", ""), ("ei", "a")):
        if key.endswith(ending) and len(key) - len(ending) >= 2:
            stem = key[:-len(ending)] + base
            return lex.is_name(stem) and stem not in lex.safe_words
    return False


# Round 13: Portuguese puts the definite article before a person's given name ("o Zé", "a Vitória"), and spoken
# Spanish does too ("la Dolores"); a town takes none ("em Vitória", "de Dolores"). "a" is also Portuguese "to":
# not after a verb of going or sending.
IBERIAN_NAME_ARTICLES = {"pt": frozenset(("o", "a")), "es": frozenset(("la", "el"))}
PORTUGUESE_GOING = frozenset(fold(w) for w in """
vou vai vamos vão fui foi fomos foram ir indo chegou cheguei chegamos chegaram voltei voltou voltamos voltaram
viajei viajou viajamos mandaram mandou levaram levou trouxeram mudei mudou mudaram enviaram pertence perto
""".split())


def _iberian_article_before(tokens: list[Token], i: int, text: str, language: str) -> bool:
    articles = IBERIAN_NAME_ARTICLES.get(language)
    tok = tokens[i]
    if articles is None or i == 0 or tok.acronym or tok.sentence_start or not tok.cased:
        return False
    if not (tok.capital and tok.kind in ("name_place", "word_name")) \
            and not (not tok.capital and tok.kind == "name" and len(tok.key) >= 3 and tok.key not in LATIN_ROLES
                     and not get_lexicon().unaccented_everyday(tok.key, language)):
        return False       # lower case: "o paulinho e a bia"; not "el medico", "o patrao" typed without accents
    art = tokens[i - 1]
    if art.key not in articles or not _adjacent(text, art, tok) or art.capital and not art.sentence_start:
        return False
    if i + 1 < len(tokens) and tokens[i + 1].capital and _adjacent(text, tok, tokens[i + 1]):
        return False                    # "o Espírito Santo", "la Cruz Roja": a name of many words
    if i >= 2 and not art.sentence_start:
        before = tokens[i - 2].key
        if before in PLACE_PREPOSITIONS or before in LATIN_FROM or (art.key == "a" and before in PORTUGUESE_GOING):
            return False                # "de la Paz", "vou a Vitória"
    return True


# Round 17: Romanian puts the possessive after its noun ("șeful nostru", "sora mea", "avocatul meu"): a kinship word
# or role with its possessive before a capitalised name-list word is the same cue as the bare word.
POSTPOSED_POSSESSIVES = {"ro": frozenset(fold(w) for w in """
meu mea mei mele tău tau ta tăi tai tale său sau sa săi sai sale nostru noastră noastra noștri nostri noastre vostru
voastră voastra voștri vostri voastre
""".split())}


def _declined_after_kin(tokens: list[Token], i: int, text: str, language: str) -> bool:
    """A capitalised name-list word (or a name in one of its cases) right after a kinship word, a lower-case title,
    a role or a thanks of Polish, Romanian, Portuguese, Spanish or French, or after Polish "u": a person, even
    where the word is also a place or a word."""
    words = LATIN_KIN_BEFORE.get(language)
    tok = tokens[i]
    if words is None or i == 0 or not tok.capital or tok.acronym or tok.sentence_start \
            or tok.kind not in ("name", "name_place", "word_name"):
        return False
    prev = tokens[i - 1]
    if not _adjacent(text, prev, tok) or (i + 1 < len(tokens) and tokens[i + 1].capital
                                          and _adjacent(text, tok, tokens[i + 1])):
        return False          # "tia Maria Helena" is found whole elsewhere; "mãe Rio Grande": not one word
    if prev.key in POSTPOSED_POSSESSIVES.get(language, ()) and i >= 2 and _adjacent(text, tokens[i - 2], prev):
        prev = tokens[i - 2]  # round 17: "șeful nostru Florin", "sora mea Lili": the kin word or role before "our"
    return prev.key in words or (prev.key in LATIN_ROLES and prev.key not in ROLES) or prev.key in SINGLE_THANKS


def _polish_with(tokens: list[Token], i: int, lex: Lexicon, language: str) -> bool:
    """Polish "z Jackiem", "ze Zbyszkiem", "z Anią": "with" and a capitalised word in the instrumental
    of a man's name (-iem) or of a known woman's name (-ą), inside the sentence, is a person."""
    tok = tokens[i]
    if language != "pl" or i == 0 or not tok.capital or tok.sentence_start or tok.kind in ("safe", "name_place"):
        return False
    j = i - 1
    while j > 0 and tokens[j].key in ("i", "oraz") or (j > 0 and tokens[j].capital and tokens[j].key.endswith("iem")):
        j -= 1                                           # "z Jankiem, Zbyszkiem i Grażyną"
    if tokens[j].key not in ("z", "ze") or lex.is_safe(tok.key) or tok.key in POLISH_INSTRUMENTAL_NOT_PEOPLE:
        return False
    if i + 1 < len(tokens) and not tokens[i + 1].capital and tokens[i + 1].key.endswith("ą"):
        return False                                     # "z Polską firmą": an adjective with its noun
    key = tok.key
    return (key.endswith("iem") and len(key) >= 6) or (key.endswith("ą") and lex.is_name(key[:-1] + "a"))


# Languages written in another script whose speakers often type them in Latin letters ("mera naam imran hai aur
# ...", "ana b3raf", "ta hen mang"): no frequency list knows those spellings, and the name lists hold many of
# their everyday words (aur, bola, mang, asi, korte), so a lower-case name-list word in such an answer is a
# name only where a person stands: first in its clause, after a naming cue, title, honorific, "thanks" or
# "with", or beside another name. Elsewhere it waits for review (unsure), never redacted and never passed.
ROMANISED_LANGUAGES = frozenset("ar fa prs ur ps ckb bn pa hi am ti zh".split())
ROMANISED_PERSON_BEFORE = TITLES | frozenset(w for cue in ROMANISED_CUES for w in cue[-1:]) | frozenset(
    t[0] for t in THANKS_IN_LANGUAGES) | frozenset(fold(w) for w in """
with la ila ba ma3 m3a ma3a
gash ato weyzero woyzero emama etye haw hawey hafti kak kaka kake mam mama xanim xanm baji apa bhai bhaiya
paji veerji bhaji didi dada chacha khanoom khanom khanum agha aga ustaz ustad sheikh shaikh haji hajji bibi
sahib saab ji man me sipas supas tashakor tashakur tashakkur mamnoon shukran shukriya dhonnobad
dhanyavad laoshi xiansheng
""".split())


def _romanised(tok: Token, language: str) -> bool:
    """A lower-case Latin-letter word in an answer in a language written in another script."""
    return language in ROMANISED_LANGUAGES and tok.cased and not tok.capital \
        and lex_module.script_of(tok.key) == "LATIN"


def _romanised_person_slot(tokens: list[Token], i: int, text: str, before: str | None) -> bool:
    if tokens[i].sentence_start or (before and before != WEAK):
        return True
    if i == 0 or _gap(text, tokens[i - 1], tokens[i]).strip() in LIST_COMMAS:
        return True                     # first in its clause ("kidane tewelde, abzi ...": the first)
    tok, prev = tokens[i], tokens[i - 1]
    start = tok.start
    while start > prev.end and text[start - 1].isdigit():
        start -= 1                      # Arabic typed with digits for letters: "7amza" is one word
    if start == prev.end or text[prev.end:start].strip() not in ("", "-"):
        return False                    # "b3raf": a piece of a word written with a digit
    if prev.key in ROMANISED_PERSON_BEFORE or prev.key in ROMANISED_CUE_WORDS:
        return True
    if prev.kind in ("name", "sound_name", "name_place"):
        return True                     # beside another name ("sana baji")
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return nxt is not None and _adjacent(text, tok, nxt) and (nxt.kind == "name" or (
        tok.key in ROMANISED_PERSON_BEFORE and nxt.kind in ("name_place", "word_name", "unknown")))


# a number, then the word (in lower case) that it counts or names
AFTER_A_NUMBER = regex.compile(r"(?<![\p{L}\d])\d[\d.,]*[ \t]+$")


def _in_safe_phrase(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """Round 13: token i ends a listed phrase with the word before it ("Nossa Senhora Aparecida"): the title in it
    is part of the phrase, not someone's title."""
    return any(tuple(t.key for t in tokens[i - size + 1:i + 1]) in lex.safe_phrases
               for size in range(2, min(lex.longest_phrase, i + 1) + 1))


# Round 17: a Russian or Ukrainian noun that is also a woman's or man's name (Вера faith, Надежда/Надія hope, Любовь
# love, Слава glory, Мир peace, Роза rose) opening a sentence is the noun when the words after it are what the noun
# governs, never what a person's name takes: a bare dative ("Слава Богу", "Слава Україні": glory to), a preposition
# of its object ("Вера в Бога", "Надежда на", "Любов до дітей": faith in, hope for, love of; not "из/з/от/від/с"
# "from/with", after which a person comes from an organisation), a lower-case noun joined by "and" ("Любовь и
# поддержка", "Мир і спокій": a name is joined to another name), or "there is" (Надія є, Надежда есть). A person's
# name is followed by a verb, a patronymic, a surname or "from". The noun must be an everyday word of wordfreq's
# Russian or Ukrainian list (CYRILLIC_NOUN_NAME_ZIPF); such a sentence goes to review, not redaction.
CYRILLIC_NOUN_NAME_ZIPF = 4.0
CYRILLIC_OBJECT_PREPOSITIONS = frozenset("в во у на до к ко".split())
CYRILLIC_AND = frozenset("и і та й".split())
CYRILLIC_THERE_IS = frozenset("есть є".split())
# the dative endings of nouns (Богу, Україні, людям, Родине): the word under them is a noun of wordfreq, or a place
CYRILLIC_DATIVE_ENDINGS = (("у", ""), ("ю", "ь"), ("ю", "я"), ("і", "а"), ("і", "я"), ("е", "а"), ("ам", "и"),
                           ("ям", "и"))
# a locative after в/у/на (в Лондоне, у Києві, на фермі) is where a person is as often: not a noun's object
CYRILLIC_LOCATIVE_ENDINGS = ("е", "і", "и", "ї")
CYRILLIC_LOCATIVE_PREPOSITIONS = frozenset("в во у на".split())     # (до, к take the genitive and dative only)


def _cyrillic_noun_with_object(tokens: list[Token], i: int, text: str, lex: Lexicon) -> bool:
    tok = tokens[i]
    if not (tok.capital and tok.sentence_start and not tok.acronym and CYRILLIC_START.match(tok.key)) \
            or max(lex.zipf(tok.key, "ru"), lex.zipf(tok.key, "uk")) < CYRILLIC_NOUN_NAME_ZIPF \
            or i + 1 >= len(tokens):
        return False
    nxt = tokens[i + 1]
    if not CYRILLIC_START.match(nxt.key) or not _adjacent(text, tok, nxt):
        return False
    after = tokens[i + 2] if i + 2 < len(tokens) and _adjacent(text, nxt, tokens[i + 2]) else None
    if nxt.key in CYRILLIC_THERE_IS:
        return True
    if nxt.key in CYRILLIC_AND:
        return after is not None and not after.capital and CYRILLIC_START.match(after.key) is not None \
            and not lex.function_word(after.key, "ru") and not lex.function_word(after.key, "uk") \
            and max(lex.zipf(after.key, "ru"), lex.zipf(after.key, "uk")) >= CYRILLIC_NOUN_NAME_ZIPF
    if nxt.key in CYRILLIC_OBJECT_PREPOSITIONS and not nxt.capital:
        return after is not None and CYRILLIC_START.match(after.key) is not None \
            and not (nxt.key in CYRILLIC_LOCATIVE_PREPOSITIONS and after.key.endswith(CYRILLIC_LOCATIVE_ENDINGS)) \
            and not lex.function_word(after.key, "ru") \
            and not lex.function_word(after.key, "uk") and not lex.is_place(after.key)
    # a bare dative: the word without its ending is an everyday noun or a place, and not itself a name
    if len(nxt.key) < 4 or lex.is_name(nxt.key):
        return False
    return any(nxt.key.endswith(end) and (
        max(lex.zipf(nxt.key[:-len(end)] + base, "ru"), lex.zipf(nxt.key[:-len(end)] + base, "uk"))
        >= CYRILLIC_NOUN_NAME_ZIPF or lex.is_place(nxt.key[:-len(end)] + base))
        for end, base in CYRILLIC_DATIVE_ENDINGS)


# Round 17: Russian and Ukrainian write names with their capital; a writer who capitalises a Cyrillic word in the
# middle of a sentence (Лилия, Петровна, Манчестері) does so for names, so a name-list word they type in lower case
# in the middle of a sentence, with nothing around it that says "person", is a word (неделю, переводчиком: names
# the name list holds from its social-media sources) and goes to review, not redaction, as round 16 did for Latin.
def _cyrillic_writer_capitalises(tokens: list[Token]) -> bool:
    return any(t.capital and not t.acronym and not t.sentence_start and CYRILLIC_START.match(t.key) for t in tokens)


def _decide(tokens: list[Token], i: int, text: str, lex: Lexicon, language: str):
    tok = tokens[i]
    kind = tok.kind
    if _polish_with(tokens, i, lex, language):
        return (0.65, "with someone")
    if _romanian_dative_opening(tokens, i, text, lex, language):
        return (0.65, "told or given to someone")   # round 13: "Mariei i-am spus tot" (I told Maria everything)
    if _declined_after_kin(tokens, i, text, language):
        return (0.65, "after a role")   # round 13: "sora Anei", "u Kasi", "dona Socorro", "gracias Amparo"
    if _iberian_article_before(tokens, i, text, language):
        return (0.65, "after the article of a name")    # round 13: "foi o Zé", "a Vitória dividia", "la Dolores"
    if _before_romanised_kin(tokens, i, text, language):
        return (0.65, "before an honorific")     # round 14: "Farah baji", "mizan chacha", "Lucky bhai"
    if _lower_case_person(tokens, i, text, lex, language):
        return (0.65, "spoken to or after a role, in an answer written in lower case")
    slot = _person_slot(tokens, i, text, lex, language)
    if slot:
        return (0.65, slot)         # round 20: "me and dritan", "I rang marius", "Kwame. he is the one"
    if kind == "function" and not tok.cased and (indic := _indic_slot(tokens, i, text, lex)):
        return indic                    # round 13: তারা আপা (sister Tara; তারা is "they" too)
    if kind in ("placeholder", "function") or (kind == "word" and tok.cased) or (kind == "safe" and not tok.capital):
        return None
    if tok.cased and not tok.capital and AFTER_A_NUMBER.search(text, max(0, tok.start - 16), tok.start):
        return None                     # round 13: "8000 euro", "2.5 lakh", "zone 2 travelcard": a unit or a noun
    before = _person_before(tokens, i, text)
    if tok.cased and before in (None, WEAK) and i + 1 < len(tokens) and _adjacent(text, tok, tokens[i + 1]) and (
            tokens[i + 1].key in OTHER_LATIN_NOUN_POSSESSIVES
            or (tok.key in OTHER_LATIN_KIN and tokens[i + 1].key in OTHER_LATIN_POSSESSIVES)):
        return None                     # round 19: "Imani yangu" (my faith), "Wakili wangu", "Nwanne m": a noun
    if language == "so" and tok.cased and kind not in ("safe", "function", "placeholder"):
        somali = _somali_focus(tokens, i, text)
        if somali == "object" and not before:
            return ("unsure", "") if kind == "name" else None
        if somali == "subject":
            return (0.65, "the subject before ayaa")
    if not tok.cased and before == "after a role" and language in LATIN_SCRIPT_LANGUAGES \
            and tokens[i - 1].cased and kind not in ("safe", "function"):
        # round 8: a word of another script right after a role, in an answer written in Latin letters ("my
        # friend राहुल helped me", "my sister பிரியா is still in chennai"): the person's name as it is spelt
        return (0.65, "after a role, in its own script")
    if not tok.cased:
        return _decide_caseless(tokens, i, text, before, lex, language)
    if i > 0 and tokens[i - 1].key in ("st", "saint", "ste", "sainte", "sf", "sfântul") and tok.capital:
        return None                     # St Mary's Hospital, Saint George: a church, a hospital, a place
    if _vietnamese_class_noun_before(tokens, i, language):
        return None                     # round 11: "người Việt", "tiếng Anh", "thứ Hai", "tháng Ba"
    if _latin_role_word(tok, language):
        return None                     # round 11: "shefi ishte ...", "Szef zabrał ...", "zonja e council"
    if _vietnamese_with_me(tokens, i, text, lex, language):
        return (0.65, "with someone")            # round 13: "hoa với em ...", "tui với linh ...", "Quân và em"
    if _vietnamese_kin_before(tokens, i, text, lex, language):
        return (0.65, "after a kinship word")     # round 11: "chị hoa", "em ở với chị mai" in lower case
    vietnamese = _vietnamese_capital_person(tokens, i, text, language)
    if vietnamese:
        return (0.65, vietnamese)
    if kind == "safe":
        # a capitalised safe word after a title is a name ("Judge Sunday"), otherwise it is safe
        return (0.7, before) if before == "after a title" and tok.capital and not tok.acronym \
            and len(tok.key) > 1 and not lex.function_word(tok.key, language) \
            and "," not in _gap(text, tokens[i - 1], tok) \
            and not _in_safe_phrase(tokens, i, lex) else None
    if tok.capital and not tok.acronym and _whole_answer_is_a_name(tokens, text):
        return (0.65, WHOLE_ANSWER)
    if _said_to_be_a_place(tokens, i, text) and before in (None, WEAK):
        return None                     # round 12: "Addis is my home", "Luanda was our city"
    after = _person_after(tokens, i, text) or _latin_person_after(tokens, i, text, lex, language)
    determined = _determined(tokens, i, text)
    if _shouted(tokens, i, language) and not before and after in (None, AUXILIARY):
        return ("unsure", "")           # round 11: "HAVE MERCY ON US", "EU PRECISO DE AJUDA": no capital tells
    if tok.capital and not tok.acronym and before in (None, WEAK) and after in (None, AUXILIARY) \
            and kind in ("name", "word_name", "unknown", "name_place") \
            and (_used_as_word_elsewhere(tokens, i, lex, text) or _compound_with_word(tokens, i, text)):
        return ("unsure", "")           # round 16: "Patience is all ... I have no patience", "Royal Mail", "Food Bank"
    if before in (None, WEAK) and kind in ("name", "word_name", "unknown") \
            and _cyrillic_noun_with_object(tokens, i, text, lex):
        return ("unsure", "")           # round 17: "Вера в Бога", "Слава Богу", "Надія є": the noun, not the name
    no_frequencies = language in NO_FREQUENCY_LATIN
    if no_frequencies and tok.capital and not before and i + 1 < len(tokens) and language == "sq" \
            and tokens[i + 1].key in ALBANIAN_NOUN_AFTER and _adjacent(text, tok, tokens[i + 1]) \
            and kind in ("name", "word_name", "unknown"):
        if kind == "name" and tokens[i + 1].key in ("e", "i") and i + 2 < len(tokens) \
                and (tokens[i + 2].key in ALBANIAN_VERBS or tokens[i + 2].key in PERSON_AFTER) \
                and _adjacent(text, tokens[i + 1], tokens[i + 2]):
            return (0.65, "before a verb people do")   # round 12: "Gentiani e mori" (Gentian took it)
        return ("unsure", "")           # "Shpresa ime" (my hope), "Drita e dhomës" (the room's light)
    if kind == "name":
        if not tok.capital and (determined and not _after_preposition_of_people(tokens, i) or len(tok.key) < 3):
            return None
        if no_frequencies and not tok.capital and not tok.sentence_start and not before and after in (None, AUXILIARY):
            return ("unsure", "")       # "jetoj", "solli": Albanian words that a name list also has
        if _romanised(tok, language) and not _romanised_person_slot(tokens, i, text, before):
            return ("unsure", "")       # "hai aur mera", "ne bola ke", "ta hen mang": a word of the language
        if _latin_lower_word(tokens, i, text, lex, language, before, after):
            return ("unsure", "")       # round 11: "chambre au numero", "nas bili", "em dien form": a word
        if language == "en" and not tok.capital and not before and after in (None, AUXILIARY) \
                and _not_english(tokens, lex):
            return ("unsure", "")       # round 14: "pracovala som u pani ...", "vienas kambaryje": a word
        if not tok.capital and not tok.sentence_start and before in (None, WEAK) and after in (None, AUXILIARY) \
                and lex_module.script_of(tok.key) == "LATIN" and _writer_capitalises(tokens):
            return ("unsure", "")       # round 16: "umut kalmadı", "everybody wey still dey wait": a word
        if not tok.capital and not tok.sentence_start and before in (None, WEAK) and after in (None, AUXILIARY) \
                and CYRILLIC_START.match(tok.key) and _cyrillic_writer_capitalises(tokens):
            return ("unsure", "")       # round 17: "звонит каждую неделю" beside "Лилия": a word
        return (0.7, "a known name")
    after_place_word = i > 0 and tokens[i - 1].key in PLACE_PREPOSITIONS and before in (None, WEAK)
    if before in (None, WEAK) and tok.capital and not tok.acronym and kind in ("name_place", "word_name", "unknown") \
            and _romance_dative(tokens, i, text, language):
        return (0.65, "told or given to someone")
    if language == "ro" and i > 0 and tokens[i - 1].key == "lui" and tok.capital and not tok.acronym \
            and kind in ("name_place", "word_name", "unknown") and _adjacent(text, tokens[i - 1], tok):
        # round 12: Romanian puts "lui" before a man's name in the dative and genitive ("lui Florin i-am spus",
        # "fratele lui Mihai"); after a noun alone it is "his"
        return (0.65, "after the article of a name")
    if kind == "name_place":
        strong = before if before != WEAK else None
        if not strong and tok.capital and not tok.acronym and lex_module.script_of(tok.key) == "LATIN":
            strong = _person_not_town(tokens, i, text, before)
        if after_place_word and not strong:
            return None
        after = after if after not in (AUXILIARY, "described as a person") else None
        if not (strong or after) and tok.capital and not tok.sentence_start and not after_place_word \
                and not determined and not (i > 0 and tokens[i - 1].kind == "safe" and tokens[i - 1].capital):
            # round 8: a capitalised word of the name list and of the place list, mid-sentence where no place
            # word puts a place ("bless you Ngozi for", "as Larissa but"): a person decides (review queue),
            # since places stand bare after verbs and in lists too ("through Florence and Milan")
            return ("unsure", "")
        return (0.65, strong or after) if (strong or after) else None
    if after_place_word and kind in ("unknown", "word_name") and tok.capital:
        return ("unsure", "")       # "from Helmand", "near Hanley": most likely a place
    if kind == "unknown" and tok.capital and i > 0 and tokens[i - 1].key in PREDICATE_VERBS and not before:
        return ("unsure", "")       # "she was Moldovan": a nationality or a description
    if determined and before not in ("after a title",):
        return None
    if language == "sq" and tok.capital and tok.sentence_start and not before and kind in ("unknown", "word_name"):
        # "Gjyqtari tha" (the judge said), "Mjeku më tha" (the doctor told me) or "Fatmiri më mori"
        # (Fatmir took me): Albanian has no frequency list; a man's name with its article is a name
        stem = next((tok.key[:-len(e)] for e in ALBANIAN_DEFINITE
                     if tok.key.endswith(e) and lex.is_name(tok.key[:-len(e)])
                     and not lex.is_word_name(tok.key[:-len(e)])), None)
        return (0.65, "a name with its article") if stem and after else ("unsure", "")
    if kind == "word_name":
        if not tok.capital and tok.cased:
            if before == "after a role" and lex.best_zipf(tok.lookup or tok.key, language) < LOWER_AFTER_ROLE_ZIPF:
                return (0.65, before)           # "the police officer james said"
            after = _person_after(tokens, i, text)
            if after in ("before a role", RESUMED, "with family") \
                    and lex.best_zipf(tok.lookup or tok.key, language) < LOWER_AFTER_ROLE_ZIPF:
                return (0.65, after)            # "blessing my friend she also ...", "ama and her baby"
            if language == "en" and tok.sentence_start and not _writer_capitalises(tokens) \
                    and lex.best_zipf(tok.lookup or tok.key, language) < LOWER_AFTER_ROLE_ZIPF:
                # round 18: opening a sentence typed in lower case, where grammar puts a person: "emma from
                # migrant help said", "kelly from the council" (someone from an office: a noun there would
                # take "the"), "patel never called me back", "ming sorted my GP" (see _person_not_town);
                # not an everyday word as common as LOWER_AFTER_ROLE_ZIPF ("hope from the church")
                lower = _person_not_town(tokens, i, text, before)
                if after == "someone from somewhere" or lower:
                    return (0.65, lower or after)
            if _after_with(tokens, i, text) and language not in ("en", *NO_FREQUENCY_LATIN) \
                    and lex.best_zipf(tok.lookup or tok.key, language) < LOWER_AFTER_ROLE_ZIPF:
                # round 8: "vivía con andrés", "morava com o rodrigo": names are as frequent as words in the
                # frequency lists (andrés 4.5), so below the bar used after a role; not in English, where
                # "with grace", "with hope" are idioms, nor where no frequency list tells words from names
                return (0.65, "with someone")
            rare = lex.best_zipf(tok.lookup or tok.key, language) < LOWER_AFTER_ROLE_ZIPF
            if _human_verb_after(tokens, i, text, rare):
                return (0.65, "opens a sentence before a verb only people do")
            return (0.7, before) if before in ("after a title", "after a naming cue") else None
        if before or after:
            return (0.7, before or after)
        if tok.capital and not tok.sentence_start and _capitalises_common_nouns(tokens, i, text, lex):
            return ("unsure", "")       # round 16: "the Hotel ... was like a Prison, no Kitchen, Rice every day"
        if tok.capital and not tok.sentence_start:
            return (0.65, "a name-word with a capital")
        if tok.capital and tok.sentence_start and _next_is_name(tokens, i, text):
            return (0.65, "a first name before a surname")
        return ("unsure", "") if tok.capital else None
    if kind == "unknown" or (kind == "word" and not tok.cased and after == ERGATIVE):
        if not tok.cased:
            if before and before != WEAK:
                return (0.7, before)
            opening = tok.sentence_start or (i > 0 and tokens[i - 1].key in SCRIPT_PRONOUNS)
            return (0.7, after) if after and opening else None
        if tok.capital and not tok.sentence_start and tok.other_latin and _other_latin_everyday(tok.key, lex):
            return ("unsure", "")       # round 15: "u Zagrebu", "Kürtçe": a place in its case, a language's name
        if tok.capital and not tok.sentence_start:
            return (0.6, "a capitalised word no word list knows")
        if before or after:
            return (0.65, before or after)
        return ("unsure", "") if tok.capital else None
    return None


# Round 18: a word that is a given name and a town of the world's list (Ngozi, Zubair, Karolina, Selam, Rashid,
# Bethany: GeoNames has a town of 15,000 of each name) stands where a town cannot in these positions, which
# grammar reserves for people: the object of a verb of speaking, meeting or arresting ("I told Karolina", "the
# police arrested Zubair", "tell Hamid"; a town is not told, met or arrested), the one something is given or
# explained to ("gave my number to Selam", "explain everything to Karolina"), the one "who" refers back to ("Rashid
# was the one who", "Florin, who"), the one said to be a name ("Ali was not his real name"), and the subject of an
# auxiliary and then a verb people do or a thing of mine ("Ngozi has my papers", "Hamid doesnt speak english",
# "Ngozi still not call me"). "to", "by", "with" and "love" alone stay weak: towns follow them ("went to Leeds",
# "I love Paris"). Only a word with a capital in Latin script: a lower-case word keeps the lower-case rules.
TOLD_MET_VERBS = frozenset(fold(w) for w in """
told tell tells telling asked ask asks met meet meets phoned phone rang ring texted text arrested arrest
thanked thank hugged married trust trusted trusts visited
""".split()) - {"visited"}      # (a town is visited)
GIVEN_TO_VERBS = frozenset("""
gave give gives given giving explained explain explains handed hand hands lent lend lends said say says
talked talk spoke speak speaks mentioned complained wrote write
""".split())
PERSON_AUXILIARIES = (AUXILIARIES | frozenset("""
doesnt dont didnt cant couldnt wont isnt wasnt not never no
""".split())) - {"and", "or", "nor", "but", "who", "whose"}
PEOPLE_ONLY_VERBS = frozenset("""
speak read write cook drive call ring phone text tell say ask help pick collect sort pay lie cry laugh sleep
""".split())
MINE = frozenset("me my us our".split())
NAME_WORDS = frozenset("name nickname".split())


def _person_not_town(tokens: list[Token], i: int, text: str, before: str | None) -> str | None:
    """Why token i, a given name that is also a town, stands where only a person stands (see above), or None."""
    tok = tokens[i]
    prev = tokens[i - 1] if i > 0 else None
    if prev is not None and _adjacent(text, prev, tok):
        if prev.key in TOLD_MET_VERBS:
            return "after a verb done to people"
        if before == WEAK and prev.key not in ("to", "by", "with", "love"):
            return "after a verb done to people"     # "speak to", "ask for", "me and"
        if prev.key == "to" and any(t.key in GIVEN_TO_VERBS for t in tokens[max(0, i - 6):i - 1]) \
                and not any(c in _gap(text, tokens[max(0, i - 6)], prev) for c in ".!?;"):
            return "given or explained to someone"
    if prev is not None and prev.key in PLACE_PREPOSITIONS:
        return None                                   # "from Albania and", "in Glasgow but": where a town stands
    rest = [t.key for t in tokens[i + 1:i + 7]]
    if not rest or not (_adjacent(text, tok, tokens[i + 1]) or _gap(text, tok, tokens[i + 1]).strip() == ","):
        return None
    if rest[0] == "who" or rest[:4] in (["was", "the", "one", "who"], ["is", "the", "one", "who"]):
        return "the one who"
    if rest[0] in ("is", "was") and (rest[1:2] == ["not"] and rest[2:3] or rest[1:2]) \
            and any(w in NAME_WORDS for w in rest[1:5]) and any(w in POSSESSIVES for w in rest[1:4]):
        return "said to be a name"                    # "Ali was not his real name", "Wang is my boss's name"
    if tok.sentence_start and _gap(text, tok, tokens[i + 1]).strip() == "" and rest[0] in PERSON_AUXILIARIES:
        j = 0
        while j < len(rest) and rest[j] in PERSON_AUXILIARIES:
            j += 1
        if j < len(rest) and (rest[j] in PEOPLE_ONLY_VERBS or rest[j] in HUMAN_VERBS or rest[j] in MINE):
            return "before a verb people do"
    return None


# Round 16: a writer who opens every sentence with a capital, writes "I" as "I" and capitalises a word in the middle
# of a sentence (a place, a service) writes names with their capitals too: a name-list word they type in lower case
# in the middle of a sentence, with nothing around it that says "person", is a word of their language ("umut
# kalmadı", "everybody wey still dey wait", "li vir", "nuk e jap") and goes to review, not redaction. Answers typed
# all in lower case ("my solicitor ms begum", "will from the council") keep the lower-case rules.
def _writer_capitalises(tokens: list[Token]) -> bool:
    opening = mid = False
    for t in tokens:
        if not t.cased or lex_module.script_of(t.key) != "LATIN":
            continue
        if t.key == "i" and not t.capital:
            return False
        if t.sentence_start:
            if not t.capital:
                return False
            opening = True
        elif t.capital and not t.acronym:
            mid = True
    return opening and mid


# Round 16: a writer who capitalises everyday nouns in the middle of a sentence ("the Heater in the room", "Security
# everywhere", "every Curry on the Menu": a word no name list has, with a capital mid-sentence) capitalises for
# emphasis, so a word that is a name and an everyday English word (Winter, Rice, Kitchen) capitalised the same way,
# with nothing around it that says "person", goes to review rather than redaction. Two such nouns at least, each
# standing alone (not a word of a name of several words, Home Office, Salvation Army, nor a place).
COMMON_NOUN_CAPITALS = 2


def _capitalises_common_nouns(tokens: list[Token], i: int, text: str, lex: Lexicon) -> bool:
    def capital_word(j: int) -> bool:
        t = tokens[j]
        return t.capital and not t.acronym and not t.sentence_start
    seen = 0
    for j, t in enumerate(tokens):
        if j == i or not capital_word(j) or t.kind not in ("word", "safe") or len(t.key) < 3 \
                or (t.kind == "safe" and t.key not in lex.safe_words) \
                or lex_module.script_of(t.key) != "LATIN" or lex.is_place(t.key) \
                or lex.zipf(t.key, "en") < EVERYDAY_ENGLISH_ZIPF:
            continue
        # a word of a proper name of several words (Home Office, Salvation Army) is capitalised by everyone
        if (j > 0 and capital_word(j - 1) and text[tokens[j - 1].end:t.start] == " ") \
                or (j + 1 < len(tokens) and capital_word(j + 1) and text[t.end:tokens[j + 1].start] == " "):
            continue
        seen += 1
    return seen >= COMMON_NOUN_CAPITALS


# Round 16: a capitalised word the same answer also writes in lower case, as a word (exactly, or in an inflected
# form no English word has: "Umut ... umut kalmadı", "Hodan waa hodan", "Güneş yok ... güneşi özledim", "Hope for
# Justice gave me hope. Literally, Hope"): its writer uses it as a word and its capital is for emphasis or opens the
# sentence; with nothing around it that says "person" it goes to review, not redaction. (A person said so by the
# words around it stays a name: "Grace said ... by the grace of God".)
INFLECTED_MAX = 4


def _used_as_word_elsewhere(tokens: list[Token], i: int, lex: Lexicon, text: str) -> bool:
    key = tokens[i].key
    if len(key) < 3 or lex_module.script_of(key) != "LATIN":
        return False
    if any(j != i and t.key == key and t.capital and _person_before(tokens, j, text) in STRONG_BEFORE
           for j, t in enumerate(tokens)):
        return False                    # "We named our baby Amal because amal means hope. Amal was born ..."
    for j, t in enumerate(tokens):
        if j == i or not t.cased or t.capital or t.sentence_start or _in_address(text, t):
            continue                    # (kasia.w@example.com: an address, not a word)
        if t.key == key or (len(key) >= 4 and t.key.startswith(key) and len(t.key) <= len(key) + INFLECTED_MAX
                            and lex.zipf(t.key, "en") < KNOWN_ENGLISH_ZIPF):
            return True
    return False


KNOWN_ENGLISH_ZIPF = 3.0
ADDRESS_MARKS = frozenset(".@_/")


def _in_address(text: str, t: Token) -> bool:
    """A word of an e-mail or web address: joined to a letter or digit by . @ _ or /."""
    after, before = text[t.end:t.end + 2], text[max(0, t.start - 2):t.start]
    return (len(after) == 2 and after[0] in ADDRESS_MARKS and after[1].isalnum()) \
        or (len(before) == 2 and before[1] in ADDRESS_MARKS and before[0].isalnum())


# Round 16: a word of the name list capitalised mid-sentence that makes one proper noun with a capitalised everyday
# word right beside it that no list has (Royal Mail, Food Bank, Kebab Shop, Tax Reduction; not a language or
# nationality, which the safe list has: "in English Ruth"): the name of a
# thing, service or business, not of a person (a person's name beside a word is said so by the words around it:
# "Mama Grace", "my friend Joy Baker").
def _compound_with_word(tokens: list[Token], i: int, text: str) -> bool:
    tok = tokens[i]
    if tok.sentence_start or tok.kind not in ("word_name", "name_place"):
        return False
    for j in (i - 1, i + 1):
        if not 0 <= j < len(tokens):
            continue
        other = tokens[j]
        lo, hi = (other, tok) if j < i else (tok, other)
        if other.capital and not other.acronym and other.kind == "word" \
                and text[lo.end:hi.start] == " " and other.key not in TITLES and other.key not in ROLES \
                and not other.sentence_start:
            return True
    return False


# Round 11: in a Latin-script answer not in English, a lower-case word of the name list mid-clause is most
# often a word of the language typed on a phone: without its accents (numero, medico, dien, maly) or as
# common as an everyday word. It is a name where people stand: opening a sentence or a clause, after a
# cue, title or role, after "with", before a verb people do, in a list beside another person.
LATIN_LOWER_NAME_ZIPF = 3.0
# naming words (the one-word naming cues, and "we call her ..."), and "is/was" before a name ending its clause
LATIN_CALLING_WORDS = frozenset(cue[0] for cue in NAMING_CUES if len(cue) == 1) | frozenset(fold(w) for w in
    "decimos dicen llamamos llaman chamamos chamam appelons appellent spunem zicem mówimy mowimy".split())
LATIN_COPULAS = frozenset(fold(w) for w in
                          "es era fue é foi est était etait este era jest był była ishte është waa".split())
# "with" in the languages where the word is nothing else there (Albanian "me" is "me" in Spanish)
LATIN_WITH = {"sq": frozenset(("me",)), "pl": frozenset(("z", "ze")), "so": frozenset(("la",)),
              "vi": frozenset(("voi", "với"))}
LATIN_PEOPLE_PRONOUNS = frozenset(fold(w) for w in "i me yo eu moi je ja une unë toi tôi em anh chị aniga".split())


# Round 12: Spanish, Portuguese and French mark the person something is given or told to with "a" (à, pra,
# para), which is also "to" a place: after a verb of giving, telling, asking, sending or writing, or with the
# person's clitic pronoun after it ("a X le quitaron", "a X me levou": the article before a name in
# Portuguese), the word is a person ("le di mi pasaporte a Esperanza", "j'ai parlé à Rose", "falei com a
# Conceição"). Not after a verb of going or living ("fui a Lisboa", "moro em Vitória").
ROMANCE_TO = frozenset(fold(w) for w in "a à al pra pro para".split())
ROMANCE_WITH = frozenset(fold(w) for w in "con com avec".split())
ROMANCE_TELLING = frozenset(fold(w) for w in """
di dio dimos dieron dije dijo dijeron conte conté conto contó pregunte pregunté pedi pedí entregue entregué
mande mandé envie envié escribi escribí explique expliqué hable hablé deje dejé preste presté
dei deu demos disse dissemos contei contou perguntei perguntou entreguei mandei mandou enviei escrevi expliquei
falei falou emprestei deixei
donne donné donner dit dis dire raconte raconté envoye envoyé envoyer demande demandé parle parlé parler
ecrit écrit explique expliqué prete prêté laisse laissé telephone téléphoné
""".split())
ROMANCE_CLITICS = frozenset(fold(w) for w in "me te le les lhe lhes nos m' l' lui se".split())
ROMANCE_LANGUAGES = ("es", "pt", "fr")


def _romance_dative(tokens: list[Token], i: int, text: str, language: str) -> bool:
    """Token i, capitalised mid-sentence after "a"/"à"/"pra" (or "com a"), is the person something was given or told
    to (see ROMANCE_TELLING)."""
    if language not in ROMANCE_LANGUAGES or i == 0 or tokens[i].sentence_start:
        return False
    j = i - 1
    if tokens[j].key not in ROMANCE_TO:
        return False
    if j > 0 and tokens[j - 1].key in ROMANCE_WITH:
        return True                                      # "com a Conceição": with someone
    if i + 2 < len(tokens) and tokens[i + 1].key in ROMANCE_CLITICS and _adjacent(text, tokens[i], tokens[i + 1]) \
            and (tokens[j].sentence_start or j == 0):
        return True                                      # "a Pilar le quitaron", "a Luz me levou"
    for k in range(j - 1, max(-1, j - 5), -1):
        if SENTENCE_END_RE.search(_gap(text, tokens[k], tokens[k + 1])):
            break
        if tokens[k].key.split("'")[-1] in ROMANCE_TELLING:
            return True
    return False


# Round 12: verbs whose subject is a person, never a feeling, a virtue or a thing: a word name in lower case
# opening a sentence right before one of them is the person ("joy rang me", "patience told us"; not "hope
# helped me", "faith kept me going", which a virtue does too)
HUMAN_VERBS = frozenset("""
told tells said says rang rings phoned phones texted texts called shouted shouts screamed drove drives asked asks
promised spoke speaks talked talks cooked cried lied laughed smiled hugged slept paid pays bought sold wrote
translated answered introduced booked threatened trafficked recruited lent borrowed emailed messaged whatsapped
""".split())


def _human_verb_after(tokens: list[Token], i: int, text: str, loose: bool = False) -> bool:
    """A lower-case word name opening its sentence, right before a verb only people do (see HUMAN_VERBS)."""
    tok = tokens[i]
    if not tok.sentence_start or i + 1 >= len(tokens) or not _adjacent(text, tok, tokens[i + 1]):
        return False
    j = i + 1
    while j + 1 < len(tokens) and tokens[j].key in HUMAN_ADVERBS and _adjacent(text, tokens[j], tokens[j + 1]):
        j += 1      # round 18: an adverb between ("patel never called me")
    return tokens[j].key in HUMAN_VERBS or (loose and tokens[j].key in CALL_VERBS and j + 1 < len(tokens)
                                            and tokens[j + 1].key in MINE)


HUMAN_ADVERBS = frozenset("never always also still just then really".split())
# round 18: verbs that things do too ("hope helped me", "the letter showed my"), so only after a word that is
# rarer than LOWER_AFTER_ROLE_ZIPF as an everyday word ("blessing helped me", "ming sorted my GP")
CALL_VERBS = frozenset("called calls helped helps sorted showed picked collected".split())  # ... me, my


# Round 12: Somali marks the word in focus with "ayaa" after it; "ayaan" / "ayaannu" / "ayaynu" are "ayaa" with
# "I" / "we", the subject, so the word before them is what I or we did something to: "Rajo ayaan qabaa" (hope I
# have), "Sanad ayaan sugayay" (a year I waited), "Isniinta ayaan aadaa" (on Monday I go). Before a bare "ayaa"
# the subject stands, in lower case too: "cali maxamed xasan ayaa baasaboorkayga qaatay" (Cali ... took my passport).
SOMALI_FOCUS_WITH_SUBJECT = frozenset("ayaan ayaannu ayaynu".split())
SOMALI_NAME_CHAIN = 3
SOMALI_CALLING = ("yeer", "dhahn", "odhan", "oran")     # call, say (what we called him)


def _somali_focus(tokens: list[Token], i: int, text: str) -> str | None:
    """"object": token i stands right before ayaan (see SOMALI_FOCUS_WITH_SUBJECT); "subject": token i is in a
    lower-case chain of up to three words that opens its sentence right before "ayaa", one of them a name of the
    list (no word of the chain a noun with its article or an everyday word)."""
    if i + 1 < len(tokens) and tokens[i + 1].key in SOMALI_FOCUS_WITH_SUBJECT \
            and _adjacent(text, tokens[i], tokens[i + 1]):
        if any(t.key.startswith(SOMALI_CALLING) for t in tokens[i + 2:i + 5]):
            return None                                  # "X ayaan u yeeri jirnay": X is what we called him
        return "object"
    if tokens[i].capital:
        return None
    lo = i
    while lo > 0 and not tokens[lo].sentence_start and _adjacent(text, tokens[lo - 1], tokens[lo]):
        lo -= 1
    hi = i
    while hi + 1 < len(tokens) and tokens[hi + 1].key != "ayaa" and _adjacent(text, tokens[hi], tokens[hi + 1]):
        hi += 1
    if not tokens[lo].sentence_start or hi + 1 >= len(tokens) or tokens[hi + 1].key != "ayaa" \
            or hi - lo + 1 > SOMALI_NAME_CHAIN or not _adjacent(text, tokens[hi], tokens[hi + 1]):
        return None
    chain = tokens[lo:hi + 1]
    if any(t.capital or t.kind not in ("name", "name_place", "word_name") for t in chain) \
            or not any(t.kind in ("name", "name_place") for t in chain):
        return None
    return "subject"


# Round 12: a word said to be someone's home, city or country is a place, whatever lists have it as a name
PLACE_NOUNS = frozenset("home hometown city country town village capital homeland birthplace".split())


def _said_to_be_a_place(tokens: list[Token], i: int, text: str) -> bool:
    """Token i before "is/was my/our/a/the home, city, country ..." (see PLACE_NOUNS)."""
    words = [t.key for t in tokens[i + 1:i + 4]]
    if len(words) < 2 or words[0] not in ("is", "was", "'s") \
            or SENTENCE_END_RE.search(_gap(text, tokens[i], tokens[i + 1])):
        return False
    noun = words[2] if words[1] in ("my", "our", "a", "the", "his", "her", "their") and len(words) > 2 else words[1]
    return noun in PLACE_NOUNS


NOT_ENGLISH_SHARE = 0.25     # at most this share of an answer's Latin words are English: written in another language


def _not_english(tokens: list[Token], lex: Lexicon) -> bool:
    """Round 14: an answer marked English (the bot's language for those it does not speak: Slovak, Lithuanian,
    Ukrainian typed in Latin letters) with hardly an English word in it, five Latin words at least: its words that
    a name list also has ("som", "vienas", "dobre") are words of that language, not names in lower case."""
    latin = [t for t in tokens if t.cased and lex_module.script_of(t.key) == "LATIN" and len(t.key) > 1]
    if len(latin) < 5:
        return False
    if sum(1 for t in latin if lex.zipf(t.key, "en") >= EVERYDAY_ENGLISH_ZIPF) <= NOT_ENGLISH_SHARE * len(latin):
        return True
    # round 19: or hardly an English word once two-letter strings are weighed as English weighs them
    # (_english_word), in a language no frequency list holds: fewer than half its longer words are everyday words
    # of the Latin-script languages wordfreq has (data/frequencies/latin), whose answers keep round 14's count
    # ("zuzana mi povedala ze to ...": there a lower-case name-list word that is no word of theirs is a name)
    if sum(1 for t in latin if _english_word(t.key, lex)) > NOT_ENGLISH_SHARE * len(latin):
        return False
    longer = [t for t in latin if len(t.key) > 2]
    listed = sum(1 for t in longer if lex.other_latin_zipf(t.key) >= OTHER_LATIN_ZIPF)
    return listed < OTHER_LATIN_SHARE * len(longer)


# Round 19: English's words of two letters are its function words (of, to, my, we, am, ok), all among its commonest;
# the other two-letter strings wordfreq's English list counts (na 4.4, da 4.5, ya 4.7, ni 3.9, ka 3.8) are
# interjections, abbreviations and other languages' words, and they are the small words of Hausa, Swahili, Yoruba,
# Igbo, Twi and Kurmanji ("jiya na yi magana da ...", "mo ti ba ..."): an everyday English word needs three letters
# or the function words' frequency.
def _english_word(key: str, lex: Lexicon) -> bool:
    return lex.zipf(key, "en") >= (EVERYDAY_ENGLISH_ZIPF if len(key) > 2 else CLEARLY_ENGLISH_ZIPF)


EVERYDAY_ENGLISH_ZIPF = 3.5


# Round 15: an answer marked English (the session's language) typed in a Latin-script language the bot does not
# speak: Lithuanian, Slovak, Czech, Turkish ..., or Russian and Ukrainian in Latin letters. Hardly an English word
# in it, and at least half its Latin words everyday words of those languages (wordfreq, data/frequencies/latin)
# that are much rarer in English. There a name-list word that is such an everyday word ("toli", "moje", "huzur",
# "moy nomer"; names-dataset holds them because people typed them in its name fields) counts as a name only where
# a person stands, as the foreign everyday words of the bot's own languages do (Lexicon.foreign_everyday); a name
# that is also a word there (Deniz sea, Barış peace, Nadezhda hope) is still a name with a capital (wordfreq's
# lists hold names too: Gintaras, Rūta, Yıldız opening a sentence), and in lower case after a role or cue, before
# a verb people do, beside a person in a list; two such words joined by "and" are no list of people.
OTHER_LATIN_ZIPF = 3.5           # an everyday word of one of those languages (the list holds no rarer word)
OTHER_LATIN_NAME_ZIPF = 4.0      # a name-list word this common there (and OTHER_LATIN_MARGIN rarer in English)
OTHER_LATIN_MARGIN = 1.0
# Round 16: opening a sentence with its capital, a name-list word as common there as the function words (Esu "I
# am", Som, Mám "I have", Čia "here", Mano "my", Mene, Moy: zipf 5.5 and more) is that word, and a name only where
# the words around it say so; a rarer one (Nadiya hope 4.7, Vira faith 4.5, Jono Jonas's 5.0, Güneş sun 5.3) is still
# a name there.
OTHER_LATIN_FUNCTION_ZIPF = 5.5
OTHER_LATIN_SHARE = 0.5          # at least this share of the answer's Latin words are everyday words there
CLEARLY_ENGLISH_ZIPF = 5.0
OTHER_LATIN_ENGLISH_SHARE = 0.4  # and at most this share everyday English words ("man", "per", "to" are theirs too)


def _other_latin_answer(tokens: list[Token], lex: Lexicon, language: str) -> bool:
    if language != "en":
        return False
    latin = [t for t in tokens if t.cased and len(t.key) > 1 and lex_module.script_of(t.key) == "LATIN"]
    if len(latin) < 2:
        return False
    # most answers are in English: more than half their words are among its commonest (the, my, and, to, is) and
    # none of those is far commoner in another language, so the list of the others is not even looked at
    if sum(1 for t in latin if lex.zipf(t.key, "en") >= CLEARLY_ENGLISH_ZIPF) > (1 - OTHER_LATIN_SHARE) * len(latin):
        return False
    other = english = 0
    for t in latin:
        en, elsewhere = lex.zipf(t.key, "en"), lex.other_latin_zipf(t.key)
        if elsewhere >= OTHER_LATIN_ZIPF and elsewhere - en >= OTHER_LATIN_MARGIN:
            other += 1                   # "je", "ale", "ja", "tu": known to English, far commoner there
        elif en >= EVERYDAY_ENGLISH_ZIPF:
            english += 1
    return other >= OTHER_LATIN_SHARE * len(latin) and english <= OTHER_LATIN_ENGLISH_SHARE * len(latin)


def _other_latin_everyday(key: str, lex: Lexicon, bar: float = 0.0) -> bool:
    zipf = lex.other_latin_zipf(key)
    return zipf >= max(bar, OTHER_LATIN_NAME_ZIPF) and zipf - lex.zipf(key, "en") >= OTHER_LATIN_MARGIN


def _latin_lower_word(tokens: list[Token], i: int, text: str, lex: Lexicon, language: str,
                      before: str | None, after: str | None) -> bool:
    """A lower-case name-list word of a Latin-script answer (not English) standing where no person stands
    and most likely a word of the language (see LATIN_LOWER_NAME_ZIPF)."""
    tok = tokens[i]
    if language == "en" or language not in LATIN_SCRIPT_LANGUAGES or tok.capital or not tok.cased \
            or lex_module.script_of(tok.key) != "LATIN":
        return False
    key = tok.lookup or tok.key
    if not (lex.unaccented_everyday(key, language) or lex.zipf(key, language) >= LATIN_LOWER_NAME_ZIPF):
        return False
    if tok.sentence_start or i == 0 or before or (after and after != AUXILIARY):
        return False
    prev = tokens[i - 1]
    if (_gap(text, prev, tok).strip() in LIST_COMMAS and (_latin_list_partner(prev, lex, language)
                                                          or not lex.unaccented_everyday(key, language))) \
            or prev.key in PLAIN_WITH or prev.key in LATIN_WITH.get(language, ()) or _after_with(tokens, i, text):
        # round 12: after a comma a list of people goes on, or a new clause opens with a word typed without its
        # accents ("das chaves, ninguem saia": ninguém, nobody): only beside another name is that one a name
        return False
    if prev.key.split("'")[-1] in LATIN_CALLING_WORDS or (language == "pl" and prev.key == "u"):
        return False                                     # "s'appelait moussa", "le decimos lupita", "u jarka"
    if prev.key in LATIN_COPULAS and _ends_clause(tokens, i, text):
        return False                                     # "patronul era nelu, ..."
    if prev.key in LIST_AND and i >= 2 and (_latin_list_partner(tokens[i - 2], lex, language)
                                            or tokens[i - 2].key in LATIN_PEOPLE_PRONOUNS):
        return False                                     # "yo y brayan", "fatou et mariam"
    if i + 2 < len(tokens) and tokens[i + 1].key in LIST_AND and _latin_list_partner(tokens[i + 2], lex, language):
        return False
    return True


def _latin_word_pair(pair: tuple[Token, Token], lex: Lexicon, language: str) -> bool:
    """Two lower-case name-list words of a Latin-script answer (not English) joined by "and" that are both words
    of the language (see _latin_lower_word): one typed without its accents, the other at least as common as
    everyday words ("maly i zimny", small and cold; not "tiago e bruno")."""
    if language == "en" or language not in LATIN_SCRIPT_LANGUAGES \
            or not all(t.cased and not t.capital for t in pair):
        return False
    keys = [t.lookup or t.key for t in pair]
    return any(lex.unaccented_everyday(k, language) for k in keys) \
        and all(lex.unaccented_everyday(k, language) or lex.zipf(k, language) >= LATIN_LOWER_NAME_ZIPF for k in keys)


def _latin_list_partner(tok: Token, lex: Lexicon, language: str) -> bool:
    """A name-list word beside "and" that is no word of the language itself ("maly i zimny": two adjectives)."""
    if tok.kind not in LIST_NAME_KINDS:
        return False
    key = tok.lookup or tok.key
    return tok.capital or not (lex.unaccented_everyday(key, language)
                               or lex.zipf(key, language) >= LATIN_LOWER_NAME_ZIPF)


# Round 11: Vietnamese nouns of a class before a capitalised word that names one of it: a people (người
# Việt), a language (tiếng Anh), a country (nước Nga), a weekday (thứ Hai, Monday) or a month (tháng Ba,
# March); with and without their accents where the bare spelling is no other word
VIETNAMESE_CLASS_NOUNS = frozenset("người nguoi tiếng tieng nước nuoc thứ tháng".split())   # not "thang": thằng (guy)


# Round 11: the Vietnamese kinship words people put before a name (with their accents: bare "chi", "co", "em"
# are other words too: chi tiền, có thể, and em is "I")
VIETNAMESE_KIN_BEFORE = frozenset("chị cô chú bác dì".split())
# the words that make a kinship word a relation, not a name's cue: chị gái (older sister), dì út (youngest aunt),
# anh trai, chị dâu (sister-in-law), cô ruột, bác cả, chị ấy (she), cô giáo (teacher), bác sĩ (doctor)
VIETNAMESE_KIN_MODIFIERS = frozenset("gái trai út cả hai ba tư năm ruột họ dâu rể ấy ta kia này nọ giáo sĩ ý".split())


# Round 13: "X với em", "X và tôi" opening a clause, or "tui với X", "em voi X" (X and I, me and X): the one beside
# the speaker is a person. The pronouns of the speaker, "with" and "and", with and without accents.
VIETNAMESE_ME = frozenset("em tôi toi tui tao mình minh".split())
VIETNAMESE_WITH_AND = frozenset("với voi và va".split())
VIETNAMESE_NOT_WITH = frozenset("""
mẹ me má ma bố bo ba cha con chồng chong vợ vo bạn ban anh chị chi em cô co chú chu bác bac dì di ông ong bà ai
""".split())


def _vietnamese_with_me(tokens: list[Token], i: int, text: str, lex: Lexicon, language: str) -> bool:
    tok = tokens[i]
    if language != "vi" or not tok.cased or tok.kind not in ("name", "word_name", "name_place") \
            or tok.key in VIETNAMESE_NOT_WITH or tok.key in VIETNAMESE_ME or lex.function_word(tok.key, language) \
            or tok.key in LATIN_ROLES or tok.key in VIETNAMESE_KIN_MODIFIERS or len(tok.key) < 2:
        return False
    starts = i == 0 or tok.sentence_start or _gap(text, tokens[i - 1], tok).strip() in LIST_COMMAS
    if starts and i + 2 < len(tokens) and tokens[i + 1].key in VIETNAMESE_WITH_AND \
            and tokens[i + 2].key in VIETNAMESE_ME and _adjacent(text, tok, tokens[i + 1]) \
            and _adjacent(text, tokens[i + 1], tokens[i + 2]):
        return True
    if i >= 2 and tokens[i - 1].key in VIETNAMESE_WITH_AND and tokens[i - 2].key in VIETNAMESE_ME \
            and _adjacent(text, tokens[i - 2], tokens[i - 1]) and _adjacent(text, tokens[i - 1], tok) \
            and (i == 2 or tokens[i - 2].sentence_start or tokens[i - 2].key in ("tui", "tao")):
        return True
    return False


def _vietnamese_kin_before(tokens: list[Token], i: int, text: str, lex: Lexicon, language: str) -> bool:
    """A lower-case word of the name list right after a Vietnamese kinship word ("chị hoa", "cô lan"), that is no
    function word: the person's given name, which in Vietnamese is an everyday word too."""
    tok = tokens[i]
    if language != "vi" or i == 0 or tok.capital or not tok.cased or tok.kind not in ("name", "word_name"):
        return False
    prev = tokens[i - 1]
    return prev.key in VIETNAMESE_KIN_BEFORE and _adjacent(text, prev, tok) \
        and not lex.function_word(tok.key, language) and tok.key not in LATIN_ROLES \
        and tok.key not in VIETNAMESE_KIN_MODIFIERS


# Round 12: a capitalised Vietnamese given name is an everyday word too (Mai, Hùng, Dũng, Thảo); it is a person
# spoken to before "ơi" ("Thảo ơi"), after a kinship word mid-sentence, with or without accents ("cảm ơn cô Mai",
# "co Mai"), or opening the sentence before a verb people do ("Hùng nói", "Dung lay tien": took the money)
VIETNAMESE_VOCATIVE = frozenset("ơi oi".split())
# "Trời ơi" (heavens), "Chúa ơi" (Lord), "Phật ơi", "Giời ơi", "Mẹ ơi" (mum): cries, no one to protect
VIETNAMESE_CRIED_TO = frozenset("trời troi giời gioi chúa chua phật phat mẹ me má ma cha bố bo".split())
VIETNAMESE_KIN_ANY = frozenset("chị chi cô co chú chu bác bac dì di anh em ông ong bà ba".split())
VIETNAMESE_PRONOUNS = frozenset("tôi toi mình tao mày nó họ chúng bọn ai".split())   # not bare minh, ho: names too
VIETNAMESE_PERSON_VERBS = frozenset("""
nói noi bảo bao lấy lay đưa dua giúp giup gọi goi đánh danh dẫn dan bắt bat giữ giu dọa doa hứa hua ép ep
bán ban mang kêu keu chửi chui đuổi duoi
""".split())


def _vietnamese_capital_person(tokens: list[Token], i: int, text: str, language: str) -> str | None:
    tok = tokens[i]
    if language != "vi" or not tok.capital or tok.acronym \
            or tok.kind not in ("name", "word_name", "name_place", "unknown") \
            or tok.key in VIETNAMESE_KIN_ANY or tok.key in VIETNAMESE_PRONOUNS:
        return None                     # "Em gọi anh ấy là ...": I (a kinship word as a pronoun) called him
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is not None and nxt.key in VIETNAMESE_VOCATIVE and _adjacent(text, tok, nxt) \
            and tok.key not in VIETNAMESE_CRIED_TO:
        return SPOKEN_TO
    if i > 0 and not tok.sentence_start and tokens[i - 1].key in VIETNAMESE_KIN_ANY and not tokens[i - 1].capital \
            and _adjacent(text, tokens[i - 1], tok):
        return "after a kinship word"
    if tok.sentence_start and nxt is not None and nxt.key in VIETNAMESE_PERSON_VERBS and _adjacent(text, tok, nxt):
        return "before a verb people do"
    return None


def _latin_role_word(tok: Token, language: str) -> bool:
    """Round 11: in a Latin-script answer not in English, a role of the language (shefi, szef, doktori) in
    lower case or opening a sentence, or a title in lower case (zonja, zoti), is the role, not a name:
    the name lists have many roles among their entries (Szef, Shefi, Medico)."""
    if language == "en" or language not in LATIN_SCRIPT_LANGUAGES or (tok.capital and not tok.sentence_start):
        return False
    key = tok.lookup or tok.key
    return (key in LATIN_ROLES and key not in ROLES) or (not tok.capital and key in TITLES)


def _vietnamese_class_noun_before(tokens: list[Token], i: int, language: str) -> bool:
    if language != "vi" or i == 0 or not tokens[i].capital:
        return False
    prev = tokens[i - 1]
    return prev.key in VIETNAMESE_CLASS_NOUNS and (not prev.capital or prev.sentence_start)


# Round 11: the roles of the Latin-script languages (with and without accents), for a name with its role after
# it ("Cristina, asistenta sociala, ...", "Serge, mon avocat, ...", "Quang, người phiên dịch, ...")
LATIN_ROLES = frozenset(fold(w) for w in """
avokat avokati avokatja avokate shok shoku shoqe shoqja punonjës punonjes punonjësja punonjesja punonjësi punonjesi
mjek mjeku mjekja doktori doktoresha infermierja përkthyes perkthyes përkthyesi perkthyesi përkthyesja perkthyesja
shefi pronari fqinji fqinja kushëriri kusheriri kushërira kushrira
kierownik kierowniczka brygadzista
prawnik prawniczka adwokat adwokatka opiekun opiekunka tłumacz tlumacz tłumaczka tlumaczka kolega koleżanka kolezanka
lekarz lekarka pielęgniarka pielegniarka pracownik pracownica sąsiad sasiad sąsiadka sasiadka szef szefowa kuzyn
kuzynka przyjaciel przyjaciółka przyjaciolka współlokatorka wspollokatorka
avocat avocatul avocata avocatа asistent asistenta asistentul prieten prietenul prietena vecin vecina vecinul
doctorul doctorita doctorița medic medicul traducător traducator traducătoare traducatoare interpret interpreta
interpretul translatorul șef sef șeful seful șefa sefa verișor verisor verișoara verisoara colega colegul
abogado abogada trabajador trabajadora amigo amiga vecino vecina médico médica medica doctora enfermera intérprete
interprete traductor traductora jefe jefa compañero compañera companero companera patrón patron patrona
avocate ami amie voisin voisine médecin medecin docteur infirmière infirmiere interprète traducteur traductrice
assistante assistant patronne collègue collegue conseillère conseillere conseiller éducatrice educatrice
advogado advogada vizinho vizinha médico medico enfermeira tradutor tradutora assistente chefe patrão patrao colega
phiên phien luật luat bác bac
qareen qareenkayga qareenada saaxiib saaxiibkay saaxiibtay dhakhtar dhakhtarka dhakhtarad turjumaan turjubaan
""".split()) | ROLES
# my / our / the before such a role ("mi trabajador social", "mon avocat", "người phiên dịch")
LATIN_ROLE_DETERMINERS = frozenset(fold(w) for w in """
im ime jonë jone mój moj moja mój nasz nasza meu mea nostru noastră noastra mi mis nuestro nuestra mon ma notre
meu minha nosso nossa o a el la le l' una un une uma um người nguoi của cua
""".split())
# "from" in the Latin-script languages, and the places of people that are no organisation's name
LATIN_FROM = frozenset(fold(w) for w in "de da do du des din nga z ze".split())
LATIN_PEOPLE_PLACES = frozenset(fold(w) for w in """
iglesia igreja église eglise biserica biserică kościoła kosciola xhamia kisha kishës kishes mezquita mosquée mosquee
moschee organizacji organização organizacao organización organizacion association asociación asociacion asociația
asociatia fundacji fundației fundatiei consiliului rady council hotelu hotelului hotel hôtel hotelit
""".split())


# Round 11: a verb in the past, third person, by its ending (Spanish, Portuguese), or Romanian's perfect with
# an object pronoun joined by a hyphen (m-a ajutat, ne-a dus, i-a dat)
LATIN_PAST_ENDINGS = {"es": ("ó", "aba", "aban", "aron", "ieron"), "pt": ("ou", "iu", "ava", "avam", "aram")}
ROMANIAN_CLITIC_PERFECT = regex.compile(r"(?:m|n|l|i|v|mi|ne|ni|ți|ti|le|v)-a[u]?")


def _latin_past_verb(key: str, language: str) -> bool:
    if language == "ro":
        return ROMANIAN_CLITIC_PERFECT.fullmatch(key) is not None
    endings = LATIN_PAST_ENDINGS.get(language)
    return endings is not None and len(key) >= 5 and key.endswith(endings)


def _latin_person_after(tokens: list[Token], i: int, text: str, lex: Lexicon, language: str) -> str | None:
    """Round 11: a capitalised word of a Latin-script answer (not English) opening its clause, with its role
    after a comma ("Grzegorz, moj opiekun z ...", "Andrés, mi trabajador social, ...") or the organisation
    or place it comes from ("Esperanza de Migrant Help ...", "Speranța de la biserica ...")."""
    tok = tokens[i]
    if language == "en" or language not in LATIN_SCRIPT_LANGUAGES or not tok.capital or tok.acronym \
            or i + 2 >= len(tokens) or tok.kind not in ("name", "word_name", "unknown", "name_place"):
        return None
    if not (tok.sentence_start or _gap(text, tokens[i - 1], tok).strip() in LIST_COMMAS
            or tokens[i - 1].key in LIST_AND):
        return None
    gap = _gap(text, tok, tokens[i + 1]).strip()
    if gap == "" and _latin_past_verb(tokens[i + 1].key, language) and not lex.is_place(tok.lookup or tok.key):
        return "before a verb people do"             # "Adriano sumiu", "Costel m-a ajutat" (not Madrid, Lisboa)
    if gap == "" and tokens[i + 1].key in LIST_AND and i + 3 < len(tokens) and tokens[i + 2].capital \
            and _latin_past_verb(tokens[i + 3].key, language):
        return "before a verb people do"             # "Consuelo y Amparo trabajaban ..."
    if gap == ",":
        j = i + 1
        while j < min(i + 3, len(tokens)) and tokens[j].key in LATIN_ROLE_DETERMINERS:
            j += 1
        if j < len(tokens) and tokens[j].key in LATIN_ROLES and j - i <= 3:
            return "before a role"
        return None
    if gap == "" and tokens[i + 1].key in LATIN_FROM:
        j = i + 2
        if j + 1 < len(tokens) and tokens[j].key in ("la", "l'") and _adjacent(text, tokens[j], tokens[j + 1]):
            j += 1                                          # Romanian "de la", Spanish "de la iglesia"
        nxt = tokens[j]
        if (nxt.kind == "safe" and nxt.capital) or nxt.key in LATIN_PEOPLE_PLACES:
            return "someone from somewhere"
    return None


SHOUTED_WORDS = 3     # an answer of at least this many Latin words, every one in capitals


def _shouted(tokens: list[Token], i: int, language: str) -> bool:
    """Round 11: token i is in an answer written all in capitals ("EM KHONG MUON O DAY NUA", "GOD BLESS
    THE PEOPLE WHO HELP ME"), where a capital says nothing: a word of the name list is a name only after
    a cue, title or role or before a verb people do, like a lower-case word."""
    if language not in LATIN_SCRIPT_LANGUAGES or not tokens[i].acronym:
        return False
    cased = [t for t in tokens if t.cased]
    return len(cased) >= SHOUTED_WORDS and all(t.acronym or len(t.key) == 1 for t in cased)


LATIN_PERSON_BEFORE = PREDICATE_VERBS | frozenset("with called named and by".split())
# Round 10: the negations of spoken Arabic, before a verb or an adjective, never before a person
ARABIC_NEGATIONS = frozenset("مش مو ما مب موب مانو مانا".split())


# Round 14: where a person stands around a word of another script amid Latin text: after a role or kin word
# ("my brother in law شاہد", "interpreter was ... name عنبرین"), a verb of asking or telling, or "thanks to"; before
# a verb people do ("تسنیم call me", "کامران told me"), typed plain or in the broken English of the answers
LATIN_SCRIPT_PERSON_BEFORE = LATIN_PERSON_BEFORE | ROLES | frozenset(
    "ask asked tell told name law met meet".split())
LATIN_SCRIPT_PERSON_AFTER = (PERSON_AFTER - AUXILIARIES) | frozenset(
    "call keep bring send drive beat shout cook teach teaches taught tell know stay live".split())
THANKS_TO_BEFORE = frozenset("thanks you grateful thankful".split())


def _alone_amid_latin(tokens: list[Token], i: int) -> bool:
    """Round 10: one word of a script without capitals standing alone in an answer written in Latin letters
    ("i live with ሰናይት", "the boss was সেলিম"): the writer switched scripts for it, as people do for a name,
    not for a word they could write in Latin letters. Round 14: also the answer's first word, before a Latin
    one ("علیرضا and me work ...")."""
    if len(tokens[i].key) < 2 or len(tokens) < 2:
        return False
    if any(i + d < len(tokens) and not tokens[i + d].cased for d in (-1, 1) if 0 <= i + d):
        return False
    latin = sum(1 for t in tokens if t.cased and lex_module.script_of(t.key) == "LATIN")
    return latin >= 3 and latin >= len(tokens) - 1


def _person_amid_latin(tokens: list[Token], i: int) -> bool:
    """Round 14: a word of another script alone amid Latin text where a person stands: after a role, kin or
    naming word, a verb of asking or telling or "thanks to"; or before a verb people do (not "said आराम is
    needed": rest, before "is")."""
    if tokens[i].kind not in ("sound_name", "unknown", "word"):
        return False
    before = tokens[i - 1].key if i > 0 else None
    if before in LATIN_SCRIPT_PERSON_BEFORE:
        return True
    if before == "to" and i >= 2 and tokens[i - 2].key in THANKS_TO_BEFORE:
        return True
    return i + 1 < len(tokens) and tokens[i + 1].key in LATIN_SCRIPT_PERSON_AFTER


# Round 13, Bengali and Gurmukhi. The naming word after the name (বাবু নামের একজন দালাল "a broker by the name of
# Babu", ਭੋਲਾ ਨਾਂ ਦਾ ਬੰਦਾ "a man called Bhola"): the word before it is a name, whatever else it means
INDIC_NAMED_AFTER = frozenset("নামে নামের নামক নামের_একজন ਨਾਂ_ਦਾ ਨਾਂ_ਦੀ ਨਾਂ_ਦੇ ਨਾਮ_ਦਾ ਨਾਮ_ਦੀ ਨਾਮ_ਦੇ".split())
# "(they) call him X": the pronoun with its object ending before, the verb of calling after (ਸਾਰੇ ਉਹਨੂੰ ਬਿੱਲਾ ਕਹਿੰਦੇ
# ਸੀ, সবাই ওরে কালু ডাকে)
INDIC_CALLED_BEFORE = frozenset("ਉਹਨੂੰ ਉਸਨੂੰ ਉਹਨਾਂ_ਨੂੰ ਇਹਨੂੰ ওরে ওকে তাকে ওনাকে উনাকে".split())
INDIC_CALLED_AFTER = ("ਕਹਿੰਦੇ", "ਕਹਿੰਦਾ", "ਕਹਿੰਦੀ", "ਆਖਦੇ", "ডাকে", "ডাকত", "ডাকতো", "ডাকতাম", "বলে_ডাকে")
# honorifics that stand only after a person's name (তারা আপা "sister Tara", মনি আপার "sister Moni's", শাপলা খালা):
# the word before is a name however common a word it also is (তারা "they")
INDIC_STRONG_HONORIFICS = frozenset("আপা আপার আপাকে আপু আপুর খালা খালার দিদি দিদির".split())
# "X is my son/sister...": a kin word after "my" says the word opening the sentence is the person (জয় আমার ছেলে)
INDIC_MY_KIN = frozenset("""
ছেলে মেয়ে বোন ভাই ভাতিজি ভাতিজা ভাগ্নে ভাগ্নি বান্ধবী বন্ধু স্বামী স্ত্রী বউ ছোট_বোন বড়_বোন ছোট_ভাই বড়_ভাই খালাতো_বোন
খালাতো_ভাই চাচাতো_বোন চাচাতো_ভাই মামাতো_বোন মামাতো_ভাই ফুফাতো_বোন ফুফাতো_ভাই
ਪੁੱਤ ਪੁੱਤਰ ਧੀ ਭੈਣ ਭਰਾ ਸਹੇਲੀ ਦੋਸਤ ਘਰਵਾਲੀ ਘਰਵਾਲਾ ਪਤਨੀ ਪਤੀ
""".split())
INDIC_MY = frozenset("আমার ਮੇਰਾ ਮੇਰੀ ਮੇਰੇ".split())
# pronouns and "his/her", with the Bengali "also"/"only" (-ও, -ই) written on (সেও "she too", ওকেও "him too"): never
# a name, wherever they stand
INDIC_PRONOUNS = frozenset("""
সে ও ওকে তাকে আমি আমরা তুমি ওরা উনি তিনি আমাকে ওর তার ওদের তাদের ওনার উনার
ਉਹਦੀ ਉਹਦਾ ਉਹਦੇ ਉਸਦੀ ਉਸਦਾ ਉਸਦੇ ਇਹਦੀ ਇਹਦਾ ਇਹਦੇ ਉਹਨਾਂ ਦੀ
""".split())
# the manner of "with" (ਪਿਆਰ ਨਾਲ ਗੱਲ ਕਰੋ "speak with love", ਬਲ ਨਾਲ ਕੰਮ "work by force"): a word opening the sentence
# before ਨਾਲ and a verb of talking or working is a manner, not a companion
INDIC_MANNER = (("ਨਾਲ", frozenset("ਗੱਲ ਕੰਮ ਰਹਿਣਾ ਬੋਲੋ ਬੋਲਦੇ ਸਮਝਾਓ".split())),)
# a thing in the genitive before "like", "inside", "shop" (পাখির মত like a bird, বৃষ্টির মধ্যে in the rain, মিষ্টির
# দোকানে in the sweet shop): no person
# "X and I" opening the sentence (ਦੀਪ ਤੇ ਮੈਂ ਇੱਕੋ ਪਿੰਡ ਦੇ ਹਾਂ, রুমা আর আমি): X is a person
INDIC_AND_I = frozenset("ਮੈਂ ਅਸੀਂ আমি আমরা".split())
# "both", "all three" after two or three words joined by "and" (ਅੰਮ੍ਰਿਤ ਤੇ ਜੱਸੀ ਦੋਵੇਂ, তারা ও জোনাকি দুজনেই): people
INDIC_BOTH = frozenset("ਦੋਵੇਂ ਦੋਨੋਂ ਤਿੰਨੇ ਤਿੰਨੋਂ দুজনেই দুজন দুইজন দুইজনই দুজনই তিনজনই তিনজন".split())
# everyday Punjabi nouns in their oblique form (-ੇ), as they stand before ਦੇ/ਦੀ/ਦਾ/ਨੂੰ (ਹਫ਼ਤੇ ਦੇ 49 ਪੌਂਡ "49 pounds a
# week", ਬੱਚੇ ਦੇ ਚਿਹਰੇ "the child's face", ਮਾਮੇ ਦੇ ਮੁੰਡੇ "uncle's sons"): Punjabi has no frequency list to tell them
PUNJABI_OBLIQUE_NOUNS = frozenset("""
ਹਫ਼ਤੇ ਹਫਤੇ ਮਹੀਨੇ ਬੱਚੇ ਮਾਮੇ ਚਾਚੇ ਤਾਏ ਮੁੰਡੇ ਬੰਦੇ ਕਮਰੇ ਦੂਜੇ ਪੈਸੇ ਘੰਟੇ ਕੰਮੇ ਪਿੰਡੋਂ ਦਫ਼ਤਰੇ
""".split())
BENGALI_THING_AFTER = frozenset("মত মতো মতন মধ্যে ভিতরে ভেতরে দোকানে দোকান দোকানের".split())
# Round 17: Bengali হওয়া "to become, to happen" in its forms (বৃষ্টি হচ্ছিল "it was raining", মুক্তি হয়েছে "release
# came"): the noun before it and the verb make one verb of weather or events, as করা does (আশা করি, "I hope"); a
# person is no subject of "happen"
BENGALI_BECOME = frozenset("হচ্ছিল হচ্ছে হয় হয়েছে হয়েছিল হলো হল হইল হইতে হতে হবে হইছে হইছিল".split())
# Round 17: the first person's object pronoun right after a word name opening the sentence (আশা আমাকে হাসপাতালে নিয়ে
# গিয়েছিল, "Asha took me to the hospital"): the clause says what its subject did to the speaker, and the name word
# (hope, light) is that person. Only for the word names of VIRTUE_WORD_NAMES, whose frequency says nothing.
INDIC_ME = frozenset("আমাকে আমারে ਮੈਨੂੰ".split())


def _key_pair(tokens: list[Token], j: int) -> tuple[str, str]:
    """The key of token j, and the keys of j and j+1 joined by "_" (for two-word cues)."""
    one = tokens[j].key if 0 <= j < len(tokens) else ""
    two = one + "_" + tokens[j + 1].key if 0 <= j and j + 1 < len(tokens) else one
    return one, two


def _indic_slot(tokens: list[Token], i: int, text: str, lex: Lexicon):
    """Round 13: Bengali and Gurmukhi slots that decide a word whatever its kind: (score, why) for a name, ""
    for no name, None to decide as usual."""
    tok = tokens[i]
    if lex_module.script_of(tok.key) not in ("BENGALI", "GURMUKHI") or len(tok.key) < 2 \
            or tok.key in SCRIPT_NOT_NAMES - frozenset(["তারা"]) or tok.kind == "safe" \
            or tok.key in SCRIPT_POSSESSIVE:       # (আমার খালা: "my aunt", not Amar)
        return None
    if tok.key in INDIC_PRONOUNS or (tok.key.endswith(("ও", "ই")) and tok.key[:-1] in INDIC_PRONOUNS) \
            or tok.key in PUNJABI_OBLIQUE_NOUNS or tok.key in BENGALI_BECOME:
        return ""
    if any(tok.key.endswith(x) and tok.key[:-len(x)] in (SCRIPT_CUE_WORDS | KIN_WORDS) for x in SUFFIXES) \
            and tok.kind != "name":
        return ""                       # দালালকে, বাবাকে (to the broker, to father): a role or kin, no name
    nxt, nxt2 = _key_pair(tokens, i + 1)
    adjacent = i + 1 < len(tokens) and _adjacent(text, tok, tokens[i + 1])
    namey = tok.kind in ("name", "word_name", "sound_name", "unknown") or (
        tok.kind in ("word", "function") and any(len(s) >= 3 and lex.is_name(s) for s in spellings(tok.key)[:3]))
    if adjacent and (nxt in INDIC_NAMED_AFTER or nxt2 in INDIC_NAMED_AFTER) and tok.kind != "function":
        return (0.7, "before a naming word")
    prev, prev2 = _key_pair(tokens, i - 1)
    prev2 = _key_pair(tokens, i - 2)[1]
    if (prev in INDIC_CALLED_BEFORE or prev2 in INDIC_CALLED_BEFORE) and (
            nxt.startswith(INDIC_CALLED_AFTER) or nxt2 in INDIC_CALLED_AFTER) and tok.kind != "function":
        return (0.7, "after a naming cue")
    opening = tok.sentence_start or (i > 0 and tokens[i - 1].key in SCRIPT_AND) or (
        i > 0 and _gap(text, tokens[i - 1], tok).strip() in LIST_COMMAS)
    if adjacent and nxt in INDIC_STRONG_HONORIFICS and namey and opening:
        return (0.7, "before an honorific")
    kin = i + 2 < len(tokens) and (tokens[i + 2].key in INDIC_MY_KIN or _key_pair(tokens, i + 2)[1] in INDIC_MY_KIN)
    if tok.sentence_start and adjacent and nxt in INDIC_MY and kin and tok.kind != "function":
        return (0.7, "before a kin word: the person is someone's")
    # (the two words of a "X and Y both" must both be words people are named, not roles: ਵਕੀਲ ਤੇ ਦੁਭਾਸ਼ੀਆ ਦੋਵੇਂ)
    and_at = i + 1 if nxt in SCRIPT_AND else i - 1 if prev in SCRIPT_AND else -1
    other = i + 2 if and_at == i + 1 else i - 2
    if and_at >= 0 and 0 <= other < len(tokens) and tok.kind != "function" and namey:
        if and_at == i + 1 and tok.sentence_start and tokens[other].key in INDIC_AND_I:
            return (0.7, "with me")
        both = max(i, other) + 1
        if both < len(tokens) and tokens[both].key in INDIC_BOTH and tokens[other].kind in (
                "name", "word_name", "sound_name", "unknown") and tokens[other].key not in SCRIPT_CUE_WORDS \
                and tok.key not in SCRIPT_CUE_WORDS:
            return (0.65, "in a list of people")
    if (tok.sentence_start or prev in SCRIPT_TIME_WORDS or prev in ("ਪਹਿਲਾਂ", "ਫਿਰ")) and tok.kind != "name":
        for mark, verbs in INDIC_MANNER:
            if nxt == mark and i + 2 < len(tokens) and tokens[i + 2].key in verbs:
                return ""
    if tok.kind != "name" and tok.key.endswith("র") and nxt in BENGALI_THING_AFTER:
        return ""
    if tok.kind != "name" and adjacent and nxt in BENGALI_BECOME:
        return ""                       # round 17: বৃষ্টি হচ্ছিল (it was raining), মুক্তি হয়েছে
    if tok.sentence_start and adjacent and nxt in INDIC_ME and tok.key in VIRTUE_WORD_NAMES:
        return (0.65, "opens a clause about what a person did")     # round 17: আশা আমাকে ... নিয়ে গিয়েছিল
    if lex_module.script_of(tok.key) == "BENGALI" and tok.kind != "name" and any(
            tok.key.endswith(end) and len(tok.key) - len(end) >= 3
            and any(lex.is_place(s) for s in spellings(tok.key[:-len(end)])[:1]) for end in BENGALI_LOCATIVE):
        return ""                       # round 17: সিলেটে (in Sylhet): a place in the locative, by its first spelling
    return None

# Round 13: "there is (no)" before a word (Arabic "ما في فرح", "ما فيها نور": there is no joy, no light in it):
# a thing that is or is not somewhere, not a person
ARABIC_THERE_IS = frozenset("في فيه فيها فيش مافي مافيه مافيها".split())
ARABIC_NOT_THERE = frozenset(("ما", "مش", "مو"))
# Round 13: Sorani "my phone (call)" before بۆ X کرد (I phoned X); Pashto "saw" after ما X (I saw X)
SORANI_PHONED = frozenset("تەلەفۆنم تەلەفونم پەیوەندیم زەنگم".split())
PASHTO_SAW = frozenset("ولید ولیده ولیدل ولیدله ولیدلو".split())
# Round 13: "a, one" before a noun (Persian, Dari, Urdu, Pashto)
INDEFINITE_ARTICLES = frozenset("یه یک ایک یو یوه".split())
# Round 13: Urdu "his/her/their/your" written as a pronoun with the mark of "of" (اس کی, ان کا, آپ کے)
URDU_THIRD_PERSON = frozenset("اس ان آپ تم".split())
# the word before which a thing is likened (Urdu "صبا کی طرح", "نور جیسی"; Pashto "ګل غوندې"): "like" a breeze,
# a light, a flower; after the name of a person it is rare in these answers, and a name of the list waits
LIKE_AFTER = frozenset("جیسا جیسی جیسے جیسں غوندې غوندی غونده".split())
LIKE_AFTER_2 = frozenset((("کی", "طرح"), ("کے", "طرح")))
# Arabic verbs of calling whose object comes after على (Levantine/Gulf "اتصلت على X", "دقيت على X": I called X);
# the verbs of seeing and meeting whose object is the one met ("شفت X", "قابلت X": I saw, met X)
ARABIC_CALLED_ON = frozenset("اتصلت اتصل اتصلنا اتصلوا دقيت دق دقينا رنيت رن رنينا ضربت".split())
ARABIC_SAW = frozenset("شفت شفنا قابلت قابلنا التقيت التقينا لقيت لاقيت".split())
# "at someone's" (Arabic عند, after which a name that is also a word is the person: "ساكنة عند منى")
ARABIC_AT = frozenset(("عند",))
# Persian/Dari "I asked X" (از X پرسیدم) and "I called X" (زنگ زدم به X): the one asked or called
PERSIAN_ASKED = frozenset("پرسیدم پرسید پرسیدیم پرسیدن پرسیدند".split())
PERSIAN_CALLED = frozenset(("زدم", "زد", "زدیم", "زدن"))
# words that open a clause before its subject (then, after that): "بعد مهرداد اومد" (then Mehrdad came)
THEN_WORDS = frozenset("بعد بعدش بعدا بعداً بعدين وبعدين ثم وبعد سپس پھر ድሕሪኡ ሽዑ ከዚያ ከዚያም ከዛ".split())


# Round 15: the marks Hindi-Urdu puts on an object that is a person (or a definite thing): को, کو
# (differential object marking: "ندیم کو فون کیا", I phoned Nadeem; "पानी को" is rarer than "पानी"). A
# word a frequency list knows, but not commonly (soft, below), is a person under one; a plural in its oblique
# form (-وں, -ों, -ਆਂ: بچوں کو, to the children) is a group, never a name
OBJECT_PERSON_MARKS = frozenset("کو को".split())
OBJECT_PERSON_MIN_ZIPF = 3.0   # a word the list knows, if rarely; not one it does not (माइग्रेंट, a loanword),
# nor the second word after one (माइग्रेंट हेल्प को: an organisation's name)
OBLIQUE_PLURALS = ("وں", "ों", "ਆਂ", "ਿਆਂ")
ERGATIVE_OBJECT_ZIPF = 5.3


# Round 15: in speech, Persian, Dari, Pashto and Sorani put the subject after a verb that opens the sentence
# ("کمکم کرد فرشته", helped me did Fereshteh; "اومد رضا و گفت", came Reza and said; "هات ئازاد و ...", "راغی
# شېرین او ..."). These verbs are of the third person singular past (no person ending: کرد, not کردم), so their
# subject is someone other than the speaker, and the word right after the opening clause, before "and", "that",
# a comma or the end, is who did it. The Ge'ez verbs of helping with "me" (ረዳችኝ "she helped me", ሓገዘትኒ) have
# their object already: the word after them is their subject, a virtue name too (ረዳችኝ ትዕግስት).
POSTPOSED_SUBJECT_VERBS = frozenset("""
کرد زد آمد اومد اومده آمده رسید برد آورد اورد راغی راغله راغلو هات هاتە دام دامێ
""".split())
POSTPOSED_TO_ME = frozenset("بهم برایم برام همرایم همراهم بام واسم پیشم".split())    # (to me, with me)
POSTPOSED_SUBJECT_AFTER = frozenset("و او که کە بۆ به ته از خانم جان".split())
POSTPOSED_SUBJECT_ZIPF = 5.5
GEEZ_HELP_STEMS = ("ረዳ", "ረድ", "ሓገዘ", "ሓጊዛ", "ሓጊዙ", "ሓጊዞ")
POSTPOSED_LANGUAGES = frozenset("fa prs ps ckb".split())
# (after such a subject, "and" opens the next clause, not a list: "اومد کوروش و منو برد", came Kourosh and took me)
POSTPOSED = "the subject after a verb that opens the sentence"


def _postposed_subject(tokens: list[Token], i: int, text: str, zipf: float, language: str) -> bool:
    tok = tokens[i]
    if i == 0 or tok.kind in ("safe", "function") or tok.key in SCRIPT_GLUE or tok.key in SCRIPT_TIME_WORDS \
            or tok.key in SCRIPT_PERSON_AFTER or tok.key in POSTPOSED_SUBJECT_VERBS or len(tok.key) < 2:
        return False
    namey = tok.kind in ("name", "word_name", "sound_name", "unknown") or tok.key in VIRTUE_WORD_NAMES \
        or (tok.kind == "word" and zipf < POSTPOSED_SUBJECT_ZIPF)
    if not namey:
        return False
    prev = tokens[i - 1]
    if _ETHIOPIC_WORD.match(tok.key):
        return prev.sentence_start and prev.key.startswith(GEEZ_HELP_STEMS) and _ethiopic_me(prev.key) \
            and _adjacent(text, prev, tok)
    if language not in POSTPOSED_LANGUAGES or not ARABIC_LETTER.match(tok.key) or ARABIC_DEFINITE.match(tok.key):
        return False
    j = i - 2 if prev.key in POSTPOSED_TO_ME and i >= 2 else i - 1
    verb = tokens[j]
    if verb.key not in POSTPOSED_SUBJECT_VERBS or any(
            not _adjacent(text, tokens[k], tokens[k + 1]) for k in range(j, i)):
        return False
    # the clause opens at most three words before the verb, none of them a person (else that is the subject,
    # and the word after the verb its object: "بهار از خیریه کمکم کرد فرمو ...")
    start = j
    while start > 0 and not tokens[start].sentence_start and j - start < 3:
        start -= 1
    if not (tokens[start].sentence_start or (start > 0 and (
            tokens[start - 1].key in SCRIPT_TIME_WORDS or tokens[start - 1].key in THEN_WORDS))):
        return False
    if any(tokens[k].kind in ("name", "word_name", "sound_name", "unknown") and tokens[k].key not in SCRIPT_CUE_WORDS
           and not tokens[k].key.startswith(("کمک", "یارمەتی")) for k in range(start, j)) \
            or any(tokens[k].key in SCRIPT_PRONOUNS for k in range(start, j)):
        return False
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return nxt is None or _gap(text, tok, nxt).strip() in (",", "،", ".") or nxt.key in POSTPOSED_SUBJECT_AFTER


# Round 15: Amharic and Tigrinya verbs that say "she ... me" (ወሰደችኝ she took me, ደወለችልኝ she phoned me,
# ትረዳኛለች she helps me; ሓጊዛትኒ she helped me, ደዊላትለይ she phoned me): the subject is a woman, and the word
# that opens the clause is she, a person, even when it is an everyday word (ተስፋ hope, ሰላም peace, ደስታ joy:
# Ethiopian and Eritrean women's names). Not the plain "... me" (ተሰማኝ "I felt", literally "it was felt to me",
# ደስታ ተሰማኝ, I felt joy): its subject is a thing as often, and only the feminine marks tell a person.
GEEZ_SHE_ME = ("ችኝ", "ችልኝ", "ኛለች", "ችኛለች", "ትኒ", "ትለይ", "ትልኒ")
GEEZ_SHE_ME_REACH = 5


# Round 15: Tigrinya (and Amharic) join the words of a list by writing -ን "and" onto each of them (ኣነን ሄለንን
# ሩትን, "I and Helen and Ruth"; ሚኪኤልን ሰናይትን). In such a chain, a word no list knows, or one that sounds like
# a name, is a person when "I/he/she and" is one of the members or another member sounds like a name of the list
# (ገንዘብን ፓስፖርትን, money and passport, has neither).
# (not a plural, whose own ending is -ን: ኤርትራውያን Eritreans, ሰባትን; nor አብረን "we together")
GEEZ_PLURALS = ("ያን", "ኣን", "ቶችን", "ዎችን", "ብረን")
GEEZ_PRONOUNS_AND = frozenset("ኣነን ንሱን ንሳን ንሱ'ውን እኔን እሱን እሷን".split())


# Round 20: "from", "by/through", "with" and "like" are written onto a Ge'ez word (ካብ, ብ, ከ, በ, እንደ) or stand
# before it (ካብ ሳባ), and a town follows them as often as a person: ከአዲስ አበባ (from Addis Ababa), ብለንደን (through
# London). What comes after says which. A person is heard from, borrowed from, learned from (ካብ ሳባ ሰሚዐ, ከአልማዝ
# ሰማሁ, ከሰብለ ገንዘብ ተበድሬ); "with" is Amharic's circumposition ከ X ጋር (ከሳራና ከጆን ጋር); "through/by way of" is
# በ X በኩል, ብ X ኣቢለ (በሳራ በኩል, ብሓጎስ ኣቢለ); and "like" before a word for a person compares people (እንደአስቴር
# ደግ ሰው, a kind person like Aster). A word that sounds like a name of the list, or a virtue name, under one of
# these is a person, unless its reading is only a place (ብለንደን ኣቢለ stays: London).
GEEZ_SOURCE_PREFIXES = ("ካብ", "እንደ", "ናብ", "ወደ", "ብ", "ከ", "በ")
GEEZ_SOURCE_WORDS = frozenset("ካብ ከ ብ በ እንደ ናብ ወደ".split())
# ... and "to" (ናብ, ወደ) before a verb of sending or writing in the first person: a letter is sent to a person
# (ናብ ሄለን ደብዳበ ሰዲደ, I sent Helen a letter); a person sent to a town has "me/him" on the verb and a town
# whose reading is only a place (ናብ ለንደን ሰዲዶምኒ)
GEEZ_TO_WORDS = ("ናብ", "ወደ")
GEEZ_SENT = ("ሰዲደ", "ሰደድኩ", "ጽሒፈ", "ጻፍኩ", "ላክሁ", "ልኬ")
GEEZ_WITH_AFTER = frozenset("ጋር ጋራ".split())
GEEZ_THROUGH_AFTER = frozenset("በኩል ኣቢለ ኣቢሉ ኣቢላ ኣቢልና ኣቢሎም ኣቢልካ ኣቢልኪ ኣቢለን".split())
GEEZ_HEARD_FROM = ("ሰሚዐ", "ሰሚዕና", "ሰማሁ", "ሰማን", "ሰምቼ", "ሰምቻለሁ", "ተበደርኩ", "ተበድሬ", "ተለቂሐ", "ተማሂረ", "ተማርኩ")
# (the verbs in the first person: the speaker heard or borrowed from someone; "he heard me" is no source)
GEEZ_PERSON_NOUNS = frozenset("ሰው ሰብ ሴት ሰበይቲ ሰብኣይ".split())
GEEZ_STEM_ENDINGS = ("ና", "ን", "ውን", "ም")


def _geez_source_stem(key: str, lex: Lexicon, written_apart: bool, town_too: bool = True) -> str | None:
    """The word under the preposition (without "and"/"also" after it) when it sounds like a name of the list or
    is a virtue name, and its reading is not only a place; else None."""
    stems = [key] if written_apart else [key[len(a):] for a in GEEZ_SOURCE_PREFIXES if key.startswith(a)]
    stems += [st[:-len(e)] for st in list(stems) for e in GEEZ_STEM_ENDINGS if st.endswith(e) and len(st) - len(e) >= 2]
    for stem in stems:
        if len(stem) < 2 or stem in SCRIPT_NOT_NAMES or stem in GEEZ_PRONOUN_STEMS or stem in GEEZ_TIME_UNITS \
                or stem in LANGUAGE_WORDS or stem in ETHIOPIC_NEVER_NAMES or stem in KIN_WORDS or stem in GEEZ_MORE_KIN:
            continue
        reading = _geez_reading(stem, lex)
        if lex.is_place(stem) or stem in lex.safe_words or reading == "place" or (reading == "both" and not town_too):
            return None     # (the fuller form reads as a town: not ሱዳ + ን of በሱዳን)
        manner = not written_apart and key.startswith(("ብ", "በ"))     # ብትዕግስቲ, በሰላም: with patience, in peace
        if (stem in VIRTUE_WORD_NAMES and not manner) or lex.is_name(stem) or _sounds_like_name(stem, lex) is not None:
            return stem
    return None


def _geez_person_under_preposition(tokens: list[Token], i: int, text: str, lex: Lexicon) -> str | None:
    tok = tokens[i]
    prev = tokens[i - 1] if i > 0 else None
    apart = prev is not None and prev.key in GEEZ_SOURCE_WORDS and _adjacent(text, prev, tok)
    if not apart and not tok.key.startswith(GEEZ_SOURCE_PREFIXES):
        return None
    if tok.kind not in ("unknown", "word", "word_name", "sound_name", "name"):
        return None
    if _geez_source_stem(tok.key, lex, apart) is None:
        return None
    # (a route: "through" a word that is also a town is the town, በሱዳን በኩል; so is "with" anything but ከ ... ጋር)
    named_only = _geez_source_stem(tok.key, lex, apart, town_too=False) is not None
    circumfix = tok.key.startswith("ከ") or (apart and prev is not None and prev.key == "ከ")
    like = tok.key.startswith("እንደ") or (apart and prev is not None and prev.key == "እንደ")
    to = tok.key.startswith(GEEZ_TO_WORDS) or (apart and prev is not None and prev.key in GEEZ_TO_WORDS)
    for j in range(i + 1, min(i + 5, len(tokens))):
        ahead = tokens[j]
        if SENTENCE_END_RE.search(_gap(text, tokens[j - 1], ahead)):
            break
        if to:
            if ahead.key.startswith(GEEZ_SENT):
                return "the one sent or written to"
            continue
        if like:
            if ahead.key in GEEZ_PERSON_NOUNS:
                return "like a person"
            continue
        if ahead.key in GEEZ_WITH_AFTER:
            return "after with or about" if circumfix and all(
                t.key.startswith("ከ") for t in tokens[i + 1:j]) else None
        if ahead.key in GEEZ_THROUGH_AFTER:
            return "through a person" if named_only and j == i + 1 else None
        if ahead.key.startswith(GEEZ_HEARD_FROM):
            return "the one heard or borrowed from"
    return None


def _geez_place_slot(tokens: list[Token], i: int, text: str) -> bool:
    """Round 20: a Ge'ez word right after a preposition of place (in, from, to: ኣብ, ካብ, ናብ, ወደ, ከ, በ, ብ), or
    before "in/inside", "town" or "who is in": where a place stands."""
    prev = tokens[i - 1] if i > 0 else None
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return (prev is not None and prev.key in ETHIOPIC_PLACE_PREFIXES + ("ኣብቲ", "ናብ", "ወደ", "እስከ", "ክሳብ")) \
        or (nxt is not None and nxt.key in SCRIPT_PLACE_AFTER | GEEZ_TOWN_WORDS | GEEZ_WHO_IS_AT)


GEEZ_TOWN_WORDS = frozenset("ከተማ ዓዲ ዞባ ክልል አካባቢ ከባቢ ሰፈር".split())   # town, village, zone, region, area
# "who/that is (in)" right after a word: Amharic ያለ-, Tigrinya ዘሎ/ዘላ ("አዳማ ያለችው እናቴ", my mother who is in Adama)
GEEZ_WHO_IS_AT = frozenset("ያለው ያለችው ያሉት ያለች ያለ ዘሎ ዘላ ዘለዉ ዘለዋ ዘለኹ ዘለኹዋ".split())


def _geez_people_joined(tokens: list[Token], i: int, text: str) -> bool:
    def joined(k: int) -> bool:
        return 0 <= k < len(tokens) and _ETHIOPIC_WORD.match(tokens[k].key) is not None \
            and tokens[k].key.endswith("ን") and len(tokens[k].key) >= 3 and not tokens[k].key.endswith(GEEZ_PLURALS)
    if not joined(i):
        return False
    first = last = i
    while joined(first - 1) and _adjacent(text, tokens[first - 1], tokens[first]):
        first -= 1
    while joined(last + 1) and _adjacent(text, tokens[last], tokens[last + 1]):
        last += 1
    if last == first:
        return False
    others = [tokens[k] for k in range(first, last + 1) if k != i]
    return any(t.key in GEEZ_PRONOUNS_AND for t in others) or any(t.kind == "sound_name" for t in others) \
        or (tokens[i].kind == "sound_name" and any(t.kind in ("unknown", "word_name") for t in others))


def _geez_she_did_to_me(tokens: list[Token], i: int, text: str) -> bool:
    # (round 17: a service's name of several words, "ካብ ብሪቲሽ ሬድ ክሮስ", counts as one word of the reach)
    reach = GEEZ_SHE_ME_REACH
    for j in range(i + 1, len(tokens)):
        if tokens[j].kind != "safe" or tokens[j - 1].kind != "safe":
            reach -= 1
        if reach < 0:
            return False
        gap = _gap(text, tokens[j - 1], tokens[j])
        if SENTENCE_END_RE.search(gap) or gap.strip() in LIST_COMMAS:
            return False
        if _ETHIOPIC_WORD.match(tokens[j].key) and len(tokens[j].key) >= 4 and tokens[j].key.endswith(GEEZ_SHE_ME):
            return True
    return False


def _decide_caseless(tokens: list[Token], i: int, text: str, before: str | None,
                     lex: Lexicon, language: str):
    """Scripts without capitals (Arabic, Ethiopic, Bengali, Devanagari, Gurmukhi): a known name is a
    name. A name that is also a word, or a word no list knows, is one after a naming cue, title or
    role; after "with"/"about" or before an object mark; or when it opens a clause whose next words
    (up to three) hold a verb people do or the mark of a subject who acts. A known everyday word
    only before the mark of a subject who acts (the ergative of Urdu, Punjabi and Hindi)."""
    tok = tokens[i]
    indic = _indic_slot(tokens, i, text, lex)
    if indic is not None:
        return indic or None
    if tok.kind in ("safe", "function"):
        return None
    if _ETHIOPIC_WORD.match(tok.key) and before is None:
        source = _geez_person_under_preposition(tokens, i, text, lex)
        if source:
            return (0.65, source)
        if i + 1 < len(tokens) and tokens[i + 1].key == "ማለት" and _adjacent(text, tok, tokens[i + 1]):
            return None         # round 20: "ዓወት ማለት ..." (Awet means ...): the word is mentioned, not a person
        if len(tok.key) >= 3 and tok.key.startswith(("ብ", "በ")) and _geez_vowelless(tok.key[1:]) in _virtue_stems():
            return None         # round 20: ብትዕግስቲ, በሰላም (with patience, in peace): a manner, no one
        if i > 0 and tokens[i - 1].key in ("ኢድ", "ዒድ"):
            return None         # round 20: "ኢድ ሙባረክ" (blessed Eid): the greeting's adjective
        if i > 0 and tokens[i - 1].key in GEEZ_AT_PLACE and (_geez_church_at(tokens, i + 1) or (
                _geez_church_at(tokens, i + 2) and tokens[i + 1].kind not in ("safe", "function"))):
            return None         # round 20: "ኣብ ኪዳነ ምሕረት ቤተ ክርስቲያን" (at Kidane Mihret church): the church's name
        if tok.kind == "sound_name" and _geez_also_place(tok, lex) and _geez_place_slot(tokens, i, text):
            return None         # round 20: "ኣብ ከረን ኣላ" (she is in Keren): a town that is also a name, as a place
    if i > 0 and (tokens[i - 1].key in GEEZ_CALLED_SHE or tokens[i - 1].key in GEEZ_CALLED_HE) and before is None:
        return None             # round 17: "... የምትባል ልጅ" (a girl called ...): the noun the relative qualifies
    if _month_name(tokens, i, text, language):
        return None
    if _not_a_person_slot(tokens, i, text) and before is None:
        return None
    if before == "after a role" and _gap(text, tokens[i - 1], tok).strip() in LIST_COMMAS and any(
            _apposition(tokens, k, text, lex, language) for k in range(max(0, i - 4), i - 1)):
        before = None       # round 13: "اجمل، زموږ ژباړونکی، نیمې ..." (Ajmal, our interpreter, half ...): named before
    if before == "after a role" and i >= 2 and tokens[i - 1].key in SCRIPT_POLICE and tokens[i - 2].key in TO_WORDS:
        before = None       # round 11: "ወደ ፖሊስ ሄድን" (we went to the police): a place to go, not a role
    if before is None and _next_key(tokens, i) in DEVANAGARI_PEOPLE and _adjacent(text, tok, tokens[i + 1]):
        return None         # round 19: "बंगाली लोग मदद करते हैं" (Bengali people help): the word says which people
    if before == "after a role" and tok.kind != "name" and (
            (lex_module.script_of(tok.key) == "DEVANAGARI" and _last_of_clause(tokens, i, text)
             and not _devanagari_owned_role(tokens, i))
            or (_ETHIOPIC_WORD.match(tok.key) and tok.kind == "unknown" and _ethiopic_me(tok.key))
            or (_ETHIOPIC_WORD.match(tok.key) and tok.key in SCRIPT_TIME_WORDS)):
        before = None       # round 19: "उसने पुलिस बुलाई", "पुलिस आयो" (called the police, the police came): Hindi,
        # Nepali and Marathi end the clause with its verb, so the word that ends it after a bare role is the verb
        # (not after someone's: "आई थी मिलने मेरी दोस्त सुनीता", my friend Sunita came to see me); a Ge'ez verb with
        # "me" on it no name list knows (ሰራሕተኛ ደገፍ ሂቦምኒ, they gave me a support worker; not ፍረወይኒ, a name of the
        # list) and a time word (ሰራሕተኛ ደገፍ ሎሚ መጺኣ, came today) are none either
    if _alone_amid_latin(tokens, i) and (tok.kind in ("name", "word_name") or (
            tok.kind in ("sound_name", "unknown") and i > 0 and tokens[i - 1].key in LATIN_PERSON_BEFORE)
            or _person_amid_latin(tokens, i)):
        # a word of a name list anywhere; one that only sounds like a name where a person stands (not
        # "my doctor said आराम is needed", rest)
        return (0.7, "a name written in its own script amid Latin text")
    if language == "ar" and tok.key in ARABIC_TO_PRONOUNS and i > 0 and before in (None, "spoken to") and (
            tokens[i - 1].key in SCRIPT_THANKS or _b_present_verb(tokens[i - 1].key, lex)
            or (tokens[i - 1].key.startswith(B_PRESENT_PERSONS[:2]) and lex.zipf(tokens[i - 1].key, "ar") >= 3.0)):
        return None       # round 16: "بيدفع لينا" (he pays us), "شكرا ليهم" (thanks to them): "to" with a pronoun
    if language == "ar" and before is None and i > 0 and tokens[i - 1].key in ARABIC_NEGATIONS \
            and _adjacent(text, tokens[i - 1], tok):
        return None       # round 10: "مش سعيد" (not happy), "ما بيقدر" (he can't): a negated verb or adjective
    if i > 0 and (tokens[i - 1].lookup or tokens[i - 1].key) in ALLAH and _allah_alone(tokens, i - 1, text):
        return None                                      # "الله كريم", "والله كريم": God is generous
    if i > 0 and arabic_norm(tokens[i - 1].key) in OUR_LORD and before is None:
        return None                                      # round 12: "ربنا كريم", "خدا بزرگه": the Lord is generous
    if arabic_norm(tok.key) in OUR_LORD:
        return None                                      # round 12: ربنا, ربي (our/my Lord), خدا: God, no person
    if (tok.lookup or tok.key) in ALLAH and tok.key not in ALLAH:
        return None                                      # والله, بالله: an oath
    before_tok = tokens[i - 1] if i > 0 else None
    after_tok = tokens[i + 1] if i + 1 < len(tokens) else None
    if after_tok is not None and not after_tok.cased and (after_tok.key in PLURAL_AFTER or (
            before_tok is not None and (before_tok.key, after_tok.key) in PLACE_AROUND)):
        # round 9: Pashto "په ننګرهار کې" (in), "له کندهار څخه" (from), "د ننګرهار یم" (I am of): a place; and a
        # word before the Persian plural (افغان ها, Afghans): people's names take no plural
        return None
    if tok.key in ALLAH:
        # round 9: God is no person ("الله يحفظهم", "هبة من الله"); the second half of a name is (نعمت الله,
        # ذبیح‌الله: Nematullah, Zabihullah), after a name-like word with a space or a zero-width non-joiner
        return None if _allah_alone(tokens, i, text) else (0.65, "a name ending in Allah")
    if before is None and (_there_is(tokens, i, text, language) or _likened(tokens, i, text)
                           or _possessed(tokens, i, text) or _indefinite(tokens, i, text)):
        # round 13: "ما في فرح بحياتي" (there is no joy in my life), "نور جیسی کوئی چیز" (nothing like light),
        # "ګل غوندې ماشوم" (a child like a flower): a thing; a name of the list waits for a person
        return ("unsure", "") if tok.kind == "name" else None
    if before is None and (_placed_by_postposition(tokens, i, text, language) or _pashto_had(tokens, i, text, language)
                           or _pashto_mine(tokens, i, text, language)):
        # round 18: "ننګرهار کې" (in Nangarhar), "له کندهار نه" (from Kandahar), "ٹیسکو میں" (at Tesco): a place;
        # "هیله لرم" (I have hope): what is had; "زړه مې خفه دی" (my heart is sad): what is mine. A name of the
        # list waits for a person
        return ("unsure", "") if tok.kind == "name" else None
    if before is None and after_tok is not None and after_tok.key in GEEZ_NAME_NOUNS and _ETHIOPIC_WORD.match(tok.key) \
            and _adjacent(text, tok, after_tok):
        # round 18: Ge'ez puts an adjective before its noun: "ሙሉ ስሜ" (my full name), "ሓቀኛ ስሙ" (his real name); the
        # person named stands after "name" ("ስሙ ዮሐንስ ነው"), and no name of the dev part stands right before it
        return ("unsure", "") if tok.kind == "name" else None
    predicate = _predicate(tokens, i, text)
    if predicate and before is None and (tok.kind != "name" or predicate == "became"):
        # round 12: "ستړی یم" (I am tired), "ڕزگار بووم" (I was saved), "كنت سعيد" (I was happy): what the
        # speaker is or was, not who; a name of the list waits for a person (بریالی شوم: I succeeded, or Baryalai),
        # and after "I am" it is a name ("محمد نعیم پسر عبدالقادر هستم": I am Naeem, son of Abdulqadir)
        return ("unsure", "") if tok.kind == "name" else None
    if before is None and i > 0 and arabic_norm(tokens[i - 1].key) in DEGREE_WORDS \
            and _adjacent(text, tokens[i - 1], tok) and not (
                i > 1 and (tokens[i - 2].key in SCRIPT_THANKS or _arabic_me(tokens[i - 2].key))):
        # round 12: "بہت عزت سے" (with much respect), "ډېر ستړی" (very tired); not "a lot" after a verb or
        # thanks ("ساعدني كثير خالد", "تشکر زیاد سوفی": Khalid helped me a lot, thanks a lot Sofi); round 13: a
        # name of the list so placed waits for a person ("ډېره مینه", much love; "ብዙሕ ሓጎስ", much joy)
        return ("unsure", "") if tok.kind == "name" else None
    if language == "ur" and tok.key in URDU_PARENTS and before is None:
        return None                                      # round 12: "امی اور ابو" (mum and dad), not Abu
    if i > 0 and tokens[i - 1].key in NATIVE_OF:
        return None                                      # round 12: "خەڵکی سلێمانیم" (I am from Sulaymaniyah)
    if language == "ar" and ARABIC_DEFINITE.match(tok.key) and len(tok.key) > 4 \
            and before not in ("after a naming cue", "after a title", "after a kunya or patronymic") \
            and tok.kind in ("word", "word_name", "unknown", "name") \
            and not (i > 0 and tokens[i - 1].kind in ("name", "word_name", "sound_name", "unknown")
                     and _adjacent(text, tokens[i - 1], tok)) \
            and not (before == "after a role" and i + 1 < len(tokens) and _adjacent(text, tok, tokens[i + 1])
                     and tokens[i + 1].kind in ("name", "word_name", "sound_name")):
        # round 12: a word with the article (الشغل work, بالمقابلة at the interview, الشام Damascus) is a thing,
        # or a family name after a given name (أحمد الحسن, which it joins); alone, a name of the list waits
        # (an adjective between a role and a name stays in the chain: صديقتي الحبشية سلام)
        return ("unsure", "") if tok.kind == "name" else None
    if tok.kind == "name":
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is not None and nxt.key in ("علیکم", "عليكم", "عليکم"):
            return None                                  # سلام علیکم: a greeting, not Salam
        if nxt is not None and nxt.key in SCRIPT_LIGHT_VERBS and before is None \
                and lex.best_zipf(tok.lookup or tok.key, language) >= 4.5:
            return ("unsure", "")                        # "امید دارم": hope, most likely; a person checks
        if tok.key in ON_ME and before is None and _on_me(tokens, i, text):
            return None                                  # "ما ردوا علي من سنة": "on me", not Ali
        if before is None and i > 0 and tokens[i - 1].key in HAVE and _adjacent(text, tokens[i - 1], tok) \
                and lex.best_zipf(tok.lookup or tok.key, language) >= 4.0:
            return None                                  # "عندي امل كبير": I have hope
        if before is None and i > 0 and tokens[i - 1].key in SCRIPT_I and _adjacent(text, tokens[i - 1], tok) \
                and (tokens[i - 1].sentence_start or i == 1) and nxt is not None and nxt.key not in I_AM \
                and _gap(text, tok, nxt).strip() == "" and lex.best_zipf(tok.lookup or tok.key, language) >= 5.0:
            # round 13: "انا سعيد هون" (I am happy here): what the speaker is, as often as who ("انا سعيد،
            # عمري ...", "من امید هستم" stay names); a person checks
            return ("unsure", "")
        return (0.7, "a known name")
    if tok.kind == "word" and tok.key in SCRIPT_PERSON_AFTER:
        return None
    if tok.kind in ("word", "unknown") and language in ARABIC_SCRIPT_LANGUAGES \
            and before not in ("after a naming cue", "after a title") and _word_with_clitic(tok.key, lex, language):
        return None             # round 12: کمکم my help, پلیسو the police (object), کیسم my case, وەڵامم my answer
    if before is None and tok.kind in ("word", "unknown") and arabic_norm(tok.key) in SCRIPT_TIME_WORDS_NORM:
        return None                                      # round 12: "إمبارح كلمني", "پرون راغی": yesterday
    if tok.kind in ("word", "unknown") and language in ("fa", "prs") and PERSIAN_PRESENT_VERB.fullmatch(tok.key):
        return None                                      # round 12: میگه, میاد, نمیدونم: a verb, never a person
    if tok.kind in ("word", "unknown") and _arabic_me(tok.key):
        return None                                      # ساعدتني (helped me): a verb
    if ETHIOPIC_TITLE.search(text[max(0, tok.start - 8):tok.start]):
        if tok.kind == "unknown" and (_ethiopic_me(tok.key) or (
                len(tok.key) >= 3 and tok.key.endswith("ና") and _geez_vowel(tok.key[-2]) == 1)):
            # (round 20: and "us", ነጊሩና "he told us")
            return None             # round 19: "ናብ ዶክተር ወሲዳትኒ" (took me to the doctor): a verb with "me" on it
        return (0.7, "after a title")
    if before == "after a naming cue" and tok.kind == "word" \
            and lex.best_zipf(tok.key, language) >= CUE_COMMON_WORD_ZIPF:
        # round 16: a word no name list holds and as common as the commonest words is no name, even after a
        # naming cue: "میرا نام نہیں لکھنا" (do not write my name); a given name the lists lack is rarer (ستاره 5.1,
        # اکرم 5.0). (Not after a title: a surname after Mrs is as common as a word, مسز خان 6.0.)
        return None
    if before in ("after a naming cue", "after a title", "after a kunya or patronymic"):
        return (0.7, before)
    prev = tokens[i - 1] if i > 0 else None
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    zipf = lex.best_zipf(tok.lookup or tok.key, language)
    # a word a frequency list knows, but not often, may be a name where a person stands (নাসরিন, आशा)
    indic = lex_module.script_of(tok.key) in INDIC_SCRIPTS
    # Indic names are in the frequency lists as often as words (अमित 5.0, করিম 4.7): a higher bar
    soft = tok.kind == "word" and zipf < (INDIC_WORD_AS_NAME_ZIPF if indic else WORD_AS_NAME_ZIPF) \
        and tok.key not in SCRIPT_PERSON_AFTER \
        and not tok.key.startswith("ال") and not tok.key[1:].startswith("ال") and tok.key not in SCRIPT_GLUE
    accusative = _ethiopic_object(tokens, i, language)
    candidate = (tok.kind in ("word_name", "sound_name", "unknown") or soft) and not accusative
    # names are as common as words in these scripts' frequency lists (عائشہ 4.8, عمران 5.7): after thanks
    # or before an honorific, both of which stand only next to a person, a commoner word is still one
    spoken = tok.kind == "word" and zipf < 5.5 and tok.key not in SCRIPT_GLUE and tok.key not in SCRIPT_PERSON_AFTER \
        and not tok.key.startswith(("ال", "لل")) and not ARABIC_DEFINITE.match(tok.key) \
        and arabic_norm(tok.key) not in DEGREE_WORDS   # round 18: "شكرا كتير يا منى" (thanks a lot, Mona)
    if spoken and prev is not None and not prev.cased and prev.key in SCRIPT_THANKS and _adjacent(text, prev, tok):
        return (0.65, SPOKEN_TO)
    if nxt is not None and nxt.key in GEEZ_CALLED_HE and i + 2 < len(tokens) and tokens[i + 2].key in GEEZ_THING:
        return None             # round 17: "ደስታ ዝበሃል ነገር" (such a thing as joy): a thing so called, no person
    if spoken and nxt is not None and not nxt.cased and _honorific(nxt.key) and _adjacent(text, tok, nxt):
        return (0.65, "before an honorific")
    if tok.kind in ("word_name", "sound_name") and tok.key not in ETHIOPIC_NEVER_NAMES and tok.sentence_start \
            and nxt is not None and not nxt.cased \
            and nxt.key in SCRIPT_THANKS and nxt.key not in ("يا", "ای", "اے") \
            and _gap(text, tok, nxt).strip() in ("",) + LIST_COMMAS:
        return (0.65, SPOKEN_TO)                          # "ሄለን አመሰግናለሁ", "ሳባ የቐንየለይ" (Helen, thank you)
    if tok.kind in ("unknown", "word_name", "sound_name") and i >= 2 and tokens[i - 1].key in SCRIPT_AND \
            and tokens[i - 2].key in SCRIPT_PRONOUNS and (i == 2 or tokens[i - 2].sentence_start):
        return (0.65, "with me")                          # "من و شیلان" (Shilan and I)
    if prev is not None and not prev.cased and prev.key in SCRIPT_PLACE_BEFORE and nxt is not None \
            and nxt.key in ("کې", "کی", "ته"):
        return None                                      # Pashto "په ننګرهار کې": in a place
    if len(tok.key) < 2:
        return None                                      # a letter of ወ/ሮ, or an initial
    if tok.key in ETHIOPIC_NEVER_NAMES:
        return None
    if before == "after a role" and _had_after_role(tokens, i):
        return None
    owned = before == "after a role" and _owned_role(tokens, i)
    if prev is not None and i >= 2 and tokens[i - 2].key in SCRIPT_NAME_WORDS and language in ARABIC_SCRIPT_LANGUAGES \
            and prev.kind in ("word", "unknown") and _word_with_clitic(prev.key, lex, language) \
            and (tok.kind in ("name", "word_name", "sound_name", "unknown") or (
                tok.kind == "word" and tok.key not in SCRIPT_GLUE and lex.best_zipf(tok.key, language) < 5.0)):
        return (0.7, "after a naming cue")    # round 12: "ناوی تەواوم ئاراس", "اسم کاملم علیرضا" (my full name)
    if prev is not None and prev.key in SCRIPT_NAME_WORDS and (
            tok.kind in ("word_name", "sound_name", "unknown")
            or (tok.kind == "word" and zipf < 5.0 and tok.key not in SCRIPT_GLUE)):
        return (0.7, "after a naming cue")              # "मालिक का नाम सुरेश" (the owner's name is Suresh)
    if before == "after a role" and (
            (tok.kind in ("word_name", "sound_name") and zipf < 5.0)
            # round 9: after someone's role (আমার বন্ধু আলো, মালিক হাসান) a name that is also a word, however common
            or (owned and tok.kind == "word_name" and tok.key not in SCRIPT_TIME_WORDS)
            or (soft and zipf < 4.0 and lex.has_script_frequencies(tok.key))
            or (owned and ((tok.kind == "unknown" and not accusative) or (tok.kind == "word" and zipf < 5.0
                                                                        and tok.key not in SCRIPT_GLUE
                                                                        and tok.key not in SCRIPT_PERSON_AFTER)))
            or (tok.kind == "unknown" and lex.has_script_frequencies(tok.key))):
        # after a role, only a name of the list that is no everyday word, or a word no frequency list
        # of that script knows (where there is one): "ሓኪም ክረክብ" is "find a doctor" in Tigrinya,
        # which has no frequency list; "الطبيب العام" is "the general practitioner"
        return (0.7, before)
    if tok.kind in ("word_name", "sound_name") and tok.lookup and tok.lookup != tok.key \
            and not _arabic_and_word(tok, lex, language):
        return (0.65, "a name with a case ending")       # রহিমের "Rahim's", সাইফুলকে "Saiful (object)"
    if tok.kind in ("word", "unknown") and tok.sentence_start and nxt is not None and _adjacent(text, tok, nxt) \
            and _unlisted_given_name(tok, lex, language) and _kin_or_role_word(tokens, i + 1, kin_only=True):
        return (0.65, "before a role")                   # round 17: "خوشی میری بیٹی ہے", "پیمان برادرم"
    if (tok.kind in ("word_name", "sound_name") or tok.key in VIRTUE_WORD_NAMES) and tok.sentence_start \
            and nxt is not None and _adjacent(text, tok, nxt) and not ARABIC_DEFINITE.match(tok.key) \
            and (ARABIC_LETTER.match(tok.key) or lex_module.script_of(tok.key) in INDIC_SCRIPTS
                 or _ETHIOPIC_WORD.match(tok.key)):
        # round 9: a name that is also a word (أمل hope, بهار spring, فرشته angel) opening the sentence,
        # right before a role ("أمل صديقتي", "فرشته مددکارمه", "بهار دکتر من") or "from" an organisation
        # ("أمل من منظمة ...", "فرشته از مایگرنت هلپ"): the person, as "Hope, my support worker"
        if _script_role(nxt) or _possessed_role_after(tokens, i + 1) or _role_phrase_at(tokens, i + 1) or (
                nxt.kind in ("name", "sound_name") and _possessed_role_after(tokens, i + 2)) or (
                language in SUBJECT_FIRST_ARABIC_SCRIPT and _kin_or_role_word(tokens, i + 1)) or (
                nxt.key in ARABIC_CHILD_OF and i + 2 < len(tokens) and tokens[i + 2].key in KIN_WORDS):
            # (round 17: Arabic "daughter/son of my aunt", وجود بنت خالتي: a cousin, named before)
            return (0.65, "before a role")              # (round 12: with the father's name between)
        if tuple(t.key for t in tokens[i + 1:i + 3]) in WITH_ME or (nxt.key,) in WITH_ME:
            return (0.65, "with me")                     # "ብርቱካን ከእኔ ጋር ... ነበረች" (Birtukan was with me)
        after = tokens[i + 2] if i + 2 < len(tokens) else None
        if nxt.key in FROM_WORDS and after is not None and _adjacent(text, nxt, after) \
                and (after.kind in ("safe", "unknown") or after.key in ORGANISATION_WORDS):
            return (0.65, "from an organisation")
    if _ETHIOPIC_WORD.match(tok.key) and tok.kind == "sound_name" and nxt is not None \
            and tok.key not in ETHIOPIC_NEVER_NAMES and _adjacent(text, tok, nxt) \
            and (tuple(t.key for t in tokens[i + 1:i + 3]) in WITH_ME or (nxt.key,) in WITH_ME) \
            and not (prev is not None and prev.key in ETHIOPIC_PLACE_PREFIXES + ("ኣብቲ", "ናብ")):
        return (0.65, "with me")    # round 19: "ኣብ ቤት ፍርዲ ዊንታ ምሳይ ኮፍ ኢላ" (in court Winta sat with me)
    if _ETHIOPIC_WORD.match(tok.key) and tok.kind == "sound_name" and prev is not None and nxt is not None \
            and prev.key in TO_WORDS and GEEZ_PHONED.fullmatch(nxt.key) and _adjacent(text, tok, nxt):
        return (0.65, "the one phoned")              # round 19: ናብ ዮናስ ደዊለ, ወደ ቴድሮስ ደውዬ
    if _ETHIOPIC_WORD.match(tok.key) and tok.kind == "sound_name" and prev is not None and prev.key in GEEZ_HOUSE \
            and i >= 2 and tokens[i - 2].key in ("ኣብ", "ካብ", "ናብ") and _adjacent(text, prev, tok):
        return (0.65, "the owner of a house")        # round 19: ካብ ገዛ ግርማይ (from Girmay's house)
    if _ETHIOPIC_WORD.match(tok.key) and tok.kind == "sound_name" and not tok.sentence_start \
            and _geez_person_prefix(tok.key, lex):
        return (0.65, "a name with a case ending")   # round 19: ለሰላማዊት ነገርኳት (I told Selamawit)
    if _ETHIOPIC_WORD.match(tok.key) and tok.kind in ("word_name", "sound_name", "unknown") and nxt is not None:
        if tok.sentence_start and nxt.key in KIN_WORDS and i + 2 < len(tokens) \
                and tokens[i + 2].key in ETHIOPIC_COPULAS and _adjacent(text, tok, nxt):
            return (0.65, "before a role")                # round 13: "ገነት ጓለይ እያ", "በረከት ልጄ ነው" (is my child)
        if tok.sentence_start and nxt.key in ETHIOPIC_COPULAS and _adjacent(text, tok, nxt) and any(
                _ethiopic_relative(t.key) and _ethiopic_me(t.key) for t in tokens[i + 2:i + 5]):
            return (0.65, "the one who did it, before the copula")   # round 13: "ሓጎስ እዩ ዝወሰደኒ" (Hagos took me)
        if nxt.key in DAY_WORDS and _adjacent(text, tok, nxt):
            return None             # round 13: "ሙሉ መዓልቲ" (the whole day), "ናይ ዓወት መዓልቲ": a word said of the day
    if _ETHIOPIC_WORD.match(tok.key) and tok.kind in ("word_name", "unknown", "sound_name") \
            and tok.key not in ETHIOPIC_NEVER_NAMES and _geez_people_joined(tokens, i, text):
        return (0.65, "in a list of people")
    if _ETHIOPIC_WORD.match(tok.key) and tok.sentence_start and tok.kind in ("word_name", "unknown", "sound_name") \
            and tok.key not in ETHIOPIC_NEVER_NAMES and _geez_she_did_to_me(tokens, i, text):
        return (0.65, "opens a clause about what a person did")
    if _apposition(tokens, i, text, lex, language):
        return (0.65, APPOSITION)                        # round 13: "مددکارم، سارا،", "اجمل، زموږ ژباړونکی،"
    named = _named_by_shape(tokens, i, text, lex, language)
    if named:
        return (0.65, named)
    told = _told_or_called(tokens, i, text, zipf)
    if told:
        return (0.65, told)
    if _postposed_subject(tokens, i, text, zipf, language):
        return (0.65, POSTPOSED)
    if not candidate and prev is not None and i >= 2 and prev.key in ERGATIVE_MARKERS \
            and tokens[i - 2].key in SCRIPT_PRONOUNS and tok.kind == "word" and zipf < ERGATIVE_OBJECT_ZIPF \
            and nxt is not None and nxt.key in OBJECT_PERSON_MARKS and _adjacent(text, tok, nxt) \
            and tok.key not in SCRIPT_GLUE and tok.key not in SCRIPT_PERSON_AFTER \
            and not tok.key.endswith(OBLIQUE_PLURALS):
        # "میں نے ارشد کو فون کیا" (I phoned Arshad): after "I/we" with the mark of the one who acts, the word
        # under the object mark is the one the speaker acted on; a name as common as a word (ارشد 5.1) still is
        return (0.65, "before an object mark")
    if candidate:
        if prev is not None and not prev.cased and (
                prev.key in SCRIPT_WITH_BEFORE or _words_before(tokens, i, 2) in SCRIPT_WITH_BEFORE_2) \
                and not _ethiopic_clause_verb(tok.key):
            return (0.65, "after with or about")
        if nxt is not None and tok.kind == "word_name" and tok.sentence_start and nxt.key in NOUN_MARKS_AFTER \
                and zipf >= 5.0 and _adjacent(text, tok, nxt):
            return ("unsure", "")    # round 12: "عزت سے جینا" (to live with dignity), "ایمان کی بات": a person checks
        if nxt is not None and not nxt.cased and nxt.key in SCRIPT_MARK_AFTER and tok.kind != "word" \
                and not (tok.kind == "sound_name" and nxt.key in AMBIGUOUS_MARKS
                         and not _compound_postposition(tokens, i + 1)) and tok.key not in SCRIPT_TIME_WORDS:
            return (0.65, "before an object mark")
        if nxt is not None and not nxt.cased and nxt.key in OBJECT_PERSON_MARKS and tok.kind == "word" \
                and zipf >= OBJECT_PERSON_MIN_ZIPF and _adjacent(text, tok, nxt) \
                and not (prev is not None and prev.kind == "unknown" and _adjacent(text, prev, tok)) \
                and tok.key not in SCRIPT_TIME_WORDS and not tok.key.endswith(OBLIQUE_PLURALS):
            return (0.65, "before an object mark")
        if prev is not None and prev.key == "د" and _words_after(tokens, i, 2) == ("په", "اړه") \
                and tok.kind in ("word_name", "sound_name"):
            return (0.65, "after with or about")         # Pashto "د اجمل په اړه", about Ajmal
        if nxt is not None and not nxt.cased and _honorific(nxt.key) and _adjacent(text, tok, nxt):
            return (0.65, "before an honorific")
        if prev is not None and not prev.cased and prev.key in SCRIPT_THANKS \
                and arabic_norm(tok.key) not in DEGREE_WORDS:   # round 18: "شكرا كتير يا منى", thanks a lot
            return (0.65, "spoken to")
        if _after_opening_verb(tokens, i, text) and not ARABIC_DEFINITE.match(tok.key):
            return (0.65, "the subject after a verb that opens the clause")
        if _ETHIOPIC_WORD.match(tok.key) and tok.key not in VIRTUE_WORD_NAMES and tok.kind != "word":
            # round 9, Ge'ez: "ዝሸጠና ኣርኣያ እዩ" (the one who sold us is Araya); "ሓጊዛትኒ ሚሊዮን" (Million helped
            # me: a verb with "me" opening the answer, its subject after it); "... ዮሐንስ ወሰደ" (Yohannes took)
            if prev is not None and _ethiopic_relative(prev.key) and nxt is not None and nxt.key in ETHIOPIC_COPULAS:
                return (0.65, "the one who did it, before the copula")
            if prev is not None and prev.sentence_start and _ethiopic_me(prev.key, perfect=True) \
                    and _adjacent(text, prev, tok):
                return (0.65, "the subject after a verb that opens the clause")
            if tok.kind == "sound_name" and nxt is not None and _adjacent(text, tok, nxt) and (
                    nxt.key in SCRIPT_PERSON_AFTER or _ethiopic_me(nxt.key)) \
                    and not (prev is not None and prev.key in ETHIOPIC_PLACE_PREFIXES):
                return (0.65, "before a verb people do")
    then = prev is not None and prev.key in THEN_WORDS and prev.sentence_start and _adjacent(text, prev, tok)
    opening = tok.sentence_start or then or (prev is not None and prev.key in SCRIPT_PRONOUNS) or (
        prev is not None and prev.sentence_start and not prev.cased
        and prev.kind in ("unknown", "word_name", "sound_name", "name"))
    for j in range(i + 1, min(i + 4, len(tokens))):
        ahead = tokens[j]
        if ahead.cased or SENTENCE_END_RE.search(_gap(text, tokens[j - 1], ahead)):
            break
        if ahead.key in ERGATIVE_MARKERS and (j <= i + 2 or opening) and _ergative_chain(tokens, i, j) \
                and not _clause_final(tokens, j, text):
            return (0.65, ERGATIVE)
        if (tok.kind == "word" and not soft) or accusative:
            continue
        if opening and tok.kind == "word_name" and ARABIC_DEFINITE.match(tok.key):
            continue                     # round 12: "الشغل كان", "بالعيد ما كان": a noun with its article
        if opening and ((ahead.key in SCRIPT_PERSON_AFTER
                         and (ahead.key not in ERGATIVE_MARKERS or _ergative_chain(tokens, i, j)))
                        or _ethiopic_me(ahead.key)
                        or (j == i + 1 and _arabic_me(ahead.key) and _adjacent(text, tok, ahead))):
            return (0.65, "opens a clause about what a person did")
    clause_opening = tok.sentence_start or then or (prev is not None and (
        prev.key in SUBORDINATORS or _gap(text, prev, tok).strip() in (",", "،")))
    if (tok.kind == "word_name" or (tok.kind == "unknown" and language in ("fa", "prs", "ur"))) and not tok.respelled \
            and language in SUBJECT_FIRST_ARABIC_SCRIPT and clause_opening and tok.key not in VIRTUE_WORD_NAMES \
            and tok.key not in SCRIPT_TIME_WORDS and len(tok.key) >= 3 \
            and zipf < WORD_AS_NAME_ZIPF and not (nxt is not None and (
                nxt.key in SCRIPT_LIGHT_VERBS or nxt.key in SCRIPT_PLACE_AFTER or nxt.key in SCRIPT_MARK_AFTER)):
        return (0.65, "a name of the list opening a clause")     # "زینب هر روز برای ما غذا می‌آورد"
    if tok.kind == "sound_name":
        # a word that sounds like a name of the list: its subject when it opens a clause (these languages
        # put the subject first: "ግርማ ፓስፖርቴን አቃጠለው", "सुनीता मुझे ... फोन करती थी"), unless a light verb
        # makes it a noun ("ተስፋ አለኝ", I have hope); anywhere else a person decides (review queue)
        clause_start = tok.sentence_start or (prev is not None and (
            _gap(text, prev, tok).strip() in (",", "،", "፣")
            or (prev.key in SCRIPT_TIME_WORDS and (prev.sentence_start or i < 3))
            or (prev.key == "ናይ" and not (nxt is not None and (nxt.key in DAY_WORDS or nxt.key in SCRIPT_TIME_WORDS)))))
        # ናይ ሰናይት ሓው (Senait's brother), not ናይ ዓወት መዓልቲ (a day of victory, round 13)
        if clause_start and tok.key not in VIRTUE_WORD_NAMES and tok.key not in SCRIPT_TIME_WORDS and not (
                nxt is not None and (nxt.key in SCRIPT_LIGHT_VERBS or nxt.key in SCRIPT_PLACE_AFTER)) \
                and not _ethiopic_owner(tok.key, lex) and not _sorani_construct(tokens, i, text, language) \
                and not _gurmukhi_hindi_word(tok.key, lex):
            return (0.65, "sounds like a name, opening a clause")
        return ("unsure", "")
    return None


# round 11 (second part): the one a person told, called or wrote to. Persian/Dari "به X گفتم" (to X I
# said), Pashto "X ته مې ..." (to X I ...) and "X ته ووایه" (tell X), Bengali "Xকে" (the object ending
# written onto a word no list knows) and "Xের সাথে" (with X). Roles and kin words are function words here.
TOLD_VERBS = frozenset("""
گفتم گفت گفتیم گفتن زنگ پیام نوشتم نامه
""".split())
# Arabic "I told / said / sent (a message) / complained / wrote" before "to" (ل) written onto the one told
ARABIC_TOLD = frozenset("حكيت قلت بعتت بعت رسلت ارسلت أرسلت اشتكيت كتبت رسالة حكينا قلنا".split())
SORANI_SAID = frozenset("وت گوت وتبوو گوتبوو".split())
SORANI_SENT = frozenset("نارد ناردم ناردبوو".split())
# the endings of a thing or place, never a person's name: -ەوە (ماڵەوە, home), -(ە)کە/-(ە)کان (the), -ێک (a)
SORANI_THING_ENDINGS = ("ەوە", "کە", "کان", "ێک")
PASHTO_TO_CLITICS = frozenset("مې یې مو دې ووایه ووایئ وویل".split())
BENGALI_WITH = frozenset("সাথে সঙ্গে সাথেই".split())


def _kin_or_role_word(tokens: list[Token], j: int, kin_only: bool = False) -> bool:
    """Round 17: token j is a role or kin word of Persian, Dari, Urdu, Pashto or Sorani, bare, with "my" written on
    it or after Pashto's clitic "my" (کارمند the worker, برادرم my brother, مې لور my daughter): said of the word
    before it ("پیمان برادرم ...", Peyman my brother; "سپوږمۍ مې لور ده", Spozhmai is my daughter)."""
    if j >= len(tokens):
        return False
    key = tokens[j].key
    if (key in PASHTO_MY or key in SCRIPT_POSSESSIVE) and j + 1 < len(tokens):
        key = tokens[j + 1].key
    return key in KIN_WORDS if kin_only else (key,) in SCRIPT_CUES_BEFORE or _role_with_ending(key)


def _unlisted_given_name(tok: Token, lex: Lexicon, language: str) -> bool:
    """Round 17: a word of Persian, Dari or Urdu that no name list holds and that is no commoner than a given name
    of the lists (شادی joy, خوشی happiness, پیمان pact): the rules below take it for a person only where a kin word
    follows it at the opening of the sentence (not a role: "نوبت دکترم", my doctor's appointment, is a construct
    whose ezafe is not written; not in Pashto and Sorani, where no frequency list tells a word: تره زوی مې, my
    cousin)."""
    return language in SUBJECT_FIRST_ARABIC_SCRIPT and language not in NO_FREQUENCY_SCRIPT_LANGUAGES \
        and tok.kind in ("word", "unknown") and not tok.cased \
        and ARABIC_LETTER.match(tok.key) is not None and len(tok.key) >= 3 and tok.key not in SCRIPT_GLUE \
        and lex.best_zipf(tok.key, language) < CUE_COMMON_WORD_ZIPF


def _there_is(tokens: list[Token], i: int, text: str, language: str) -> bool:
    """Round 13: token i right after the Arabic "there is" negated or "in it" (ما في, ما فيها, مافي, فيها)."""
    if language != "ar" or i == 0 or not _adjacent(text, tokens[i - 1], tokens[i]):
        return False
    prev = tokens[i - 1].key
    if prev in ARABIC_IN_IT and i >= 2 and tokens[i - 2].key in (ARABIC_THERE_IS | HAVE) \
            and _adjacent(text, tokens[i - 2], tokens[i - 1]):
        return True                  # round 17: "ماكو بيها نور" (there is no light in it): "in it" between
    if prev not in ARABIC_THERE_IS:
        return False
    return prev != "في" or (i >= 2 and tokens[i - 2].key in ARABIC_NOT_THERE
                            and _adjacent(text, tokens[i - 2], tokens[i - 1]))


def _possessed(tokens: list[Token], i: int, text: str) -> bool:
    """Round 13: token i is the thing someone has, right after an Urdu or Pashto possessive ("اس کی مسکان" his
    smile, "میری امید" my hope, "زما مینه" my love); a person's name comes after the kin or role word there
    ("میری بہن سارہ"), not in its place."""
    if i == 0 or not ARABIC_LETTER.match(tokens[i].key) or not _adjacent(text, tokens[i - 1], tokens[i]):
        return False
    prev = tokens[i - 1].key
    if prev in SCRIPT_POSSESSIVE:
        return True
    return prev in AMBIGUOUS_MARKS and i >= 2 and tokens[i - 2].key in URDU_THIRD_PERSON \
        and _adjacent(text, tokens[i - 2], tokens[i - 1])


# Round 18: the postpositions of place. Pashto کې/کی (in) and Urdu میں (in) follow what is placed, right after it:
# "ننګرهار کې" (in Nangarhar, with په left out, as speech does), "پسرلی کې" (in spring), "ٹیسکو میں" (at Tesco); and
# Pashto "له/د ... نه" (from) stands around a place as "له ... څخه" does (PLACE_AROUND). A person is not "in"
# (no name of the 25,007 dev answers stands right before one of these), so the word is a place or a time.
PLACE_POSTPOSITIONS = {"ps": frozenset(("کې", "کی")), "ur": frozenset(("میں",))}
FROM_AROUND = frozenset((("له", "نه"), ("د", "نه")))
# Pashto "to have" (لرل: لرم I have, لرو we have, لري he has, لرې you have; نه لرم ...): the bare word right before
# it is what is had ("هیله لرم", I have hope; "زړه لرم", I have a heart), as Persian دارم; Pashto has no frequency
# list to tell hope from the name Hila, so it is the verb that tells
PASHTO_HAVE = frozenset("لرم لرو لري لرې لرئ نلرم نلرو نلري".split())
# Pashto's enclitic مې after the clause's first word is "my" on it ("زړه مې", my heart) or "I" of a past verb
# ("پلوشه مې ولیده", I saw Palwasha); where the clause ends in "is/was" (دی، ده، دي، و، وه، وو، نشته) it is
# "my X is ...": a thing or a feeling, for "my Palwasha is" takes a kin word ("سپوږمۍ مې لور ده", Spozhmai is my
# daughter), which keeps the name
PASHTO_ENCLITIC_MY = "مې"
PASHTO_IS = frozenset("دی ده دي و وه وو نشته".split())
CLAUSE_END = regex.compile(r"[.!?؟…:;\n،,]")


def _placed_by_postposition(tokens: list[Token], i: int, text: str, language: str) -> bool:
    if i + 1 >= len(tokens) or not ARABIC_LETTER.match(tokens[i].key):
        return False
    nxt = tokens[i + 1]
    if not _adjacent(text, tokens[i], nxt):
        return False
    if nxt.key in PLACE_POSTPOSITIONS.get(language, ()):
        return True
    return language == "ps" and i > 0 and (tokens[i - 1].key, nxt.key) in FROM_AROUND \
        and _adjacent(text, tokens[i - 1], tokens[i])


def _pashto_had(tokens: list[Token], i: int, text: str, language: str) -> bool:
    return language == "ps" and i + 1 < len(tokens) and tokens[i + 1].key in PASHTO_HAVE \
        and _adjacent(text, tokens[i], tokens[i + 1])


def _pashto_mine(tokens: list[Token], i: int, text: str, language: str) -> bool:
    if language != "ps" or not (i == 0 or tokens[i].sentence_start) or i + 2 >= len(tokens) \
            or tokens[i + 1].key != PASHTO_ENCLITIC_MY or not _adjacent(text, tokens[i], tokens[i + 1]):
        return False
    end = CLAUSE_END.search(text, tokens[i + 1].end)
    rest = [t for t in tokens[i + 2:] if end is None or t.start < end.start()]
    if not rest or rest[0].key in KIN_WORDS or _script_role(rest[0]):
        return False
    return rest[-1].key in PASHTO_IS


def _indefinite(tokens: list[Token], i: int, text: str) -> bool:
    """Round 13: token i right after "a, one" (Persian یه, یک; Urdu ایک; Pashto یو, یوه): "یه نسیم" (a breeze),
    "یک پروانه" (a butterfly); a person's name takes no article."""
    return i > 0 and tokens[i - 1].key in INDEFINITE_ARTICLES and ARABIC_LETTER.match(tokens[i].key) is not None \
        and _adjacent(text, tokens[i - 1], tokens[i])


def _likened(tokens: list[Token], i: int, text: str) -> bool:
    """Round 13: token i is what something is likened to: right before "like" (Urdu جیسی, کی طرح; Pashto غوندې)."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is None or not _adjacent(text, tokens[i], nxt):
        return False
    return nxt.key in LIKE_AFTER or _words_after(tokens, i, 2) in LIKE_AFTER_2


# the reason of a name between commas beside a role: the comma after it closes the apposition, no list follows
APPOSITION = "beside a role, between commas"


def _closes(text: str, a: Token, b: Token | None) -> bool:
    """The words end at a, with a comma or the end of a sentence (or of the answer) before b."""
    if b is None:
        return True
    gap = _gap(text, a, b).strip()
    return gap in LIST_COMMAS or SENTENCE_END_RE.search(gap) is not None


def _apposition(tokens: list[Token], i: int, text: str, lex: Lexicon, language: str, known: bool = False) -> bool:
    """Round 13: token i stands between commas beside a role, as a person's name does: "مددکارم، سارا، زنگ زد"
    (my caseworker, Sara, called), "اجمل، زموږ ژباړونکی، ..." (Ajmal, our interpreter, ...), "ብርኽቲ፣ ኬዝ ወርከረይ፣"."""
    tok = tokens[i]
    if tok.cased or not (tok.kind in ("word_name", "sound_name", "unknown") or (known and tok.kind == "name") or (
            tok.kind == "word" and tok.key not in SCRIPT_GLUE and tok.key not in SCRIPT_PERSON_AFTER
            and lex.best_zipf(tok.key, language) < 5.5)):
        return False
    prev = tokens[i - 1] if i > 0 else None
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if prev is not None and _gap(text, prev, tok).strip() in LIST_COMMAS and _closes(text, tok, nxt) \
            and (_cue_before(tokens, i, SCRIPT_CUES_BEFORE_BY_LAST) or _owned_word(prev.key)) \
            and not (i >= 2 and _gap(text, tokens[i - 2], prev).strip() in LIST_COMMAS):
        return True                                   # the role, then the name
    if nxt is None or _gap(text, tok, nxt).strip() not in LIST_COMMAS or not (
            tok.sentence_start or (prev is not None and _gap(text, prev, tok).strip() in LIST_COMMAS)):
        return False
    for end in range(i + 1, min(i + 4, len(tokens))):    # the name, then the role (tokens i+1 .. end)
        if tuple(t.key for t in tokens[i + 1:end + 1]) in SCRIPT_CUES_BEFORE \
                and _closes(text, tokens[end], tokens[end + 1] if end + 1 < len(tokens) else None):
            return True
    j = i + 2 if nxt.key in SCRIPT_POSSESSIVE else i + 1
    return j < len(tokens) and (_script_role(tokens[j]) or _role_with_ending(tokens[j].key)
                                or (j > i + 1 and _possessed_role_after(tokens, i + 1))) \
        and _role_phrase_closes(tokens, j, text)


def _role_phrase_closes(tokens: list[Token], j: int, text: str) -> bool:
    """The role at j ends its phrase with a comma or a sentence end: right after it or, round 14, after up to two
    more words of the phrase ("داریوش، مترجم بیمارستان، گفت ...": Dariush, the hospital's interpreter, said)."""
    if _closes(text, tokens[j], tokens[j + 1] if j + 1 < len(tokens) else None):
        return True
    for k in range(j + 1, min(j + 3, len(tokens) - 1)):     # (a comma, not the end: "..., وکیل بھی": a lawyer too)
        if _gap(text, tokens[k - 1], tokens[k]).strip():
            return False
        if _gap(text, tokens[k], tokens[k + 1]).strip() in LIST_COMMAS:
            return True
    return False


def _pashto_saw_after(tokens: list[Token], i: int, text: str) -> bool:
    """Round 13: Pashto "ما X ... ولید" (I saw X ...): the past "saw" ends the clause within a few words."""
    for j in range(i + 1, min(i + 6, len(tokens))):
        if SENTENCE_END_RE.search(_gap(text, tokens[j - 1], tokens[j])) or _gap(text, tokens[j - 1], tokens[j]).strip():
            return False
        if tokens[j].key in PASHTO_SAW:
            return True
    return False


def _told_or_called(tokens: list[Token], i: int, text: str, zipf: float) -> str | None:
    tok = tokens[i]
    prev = tokens[i - 1] if i > 0 else None
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    after = tokens[i + 2] if i + 2 < len(tokens) else None
    if tok.cased or tok.kind in ("safe", "function") or len(tok.key) < 2:
        return None
    arabic = bool(ARABIC_LETTER.match(tok.key))
    name_like = tok.kind in ("word_name", "sound_name", "unknown")
    if arabic and prev is not None and prev.key == "به" and _adjacent(text, prev, tok) \
            and nxt is not None and nxt.key in TOLD_VERBS and _adjacent(text, tok, nxt) \
            and (name_like or (tok.kind == "word" and zipf < 5.0 and tok.key not in SCRIPT_GLUE
                               and tok.key not in SCRIPT_PERSON_AFTER and not tok.key.endswith("م"))):
        return "the one told or called"
    if arabic and name_like and nxt is not None and nxt.key == "ته" and after is not None \
            and after.key in PASHTO_TO_CLITICS and _adjacent(text, tok, nxt):
        return "the one told or called"
    if arabic and prev is not None and prev.key in ARABIC_TOLD and tok.key.startswith("ل") \
            and not tok.key.startswith("لل") and len(tok.key) >= 3 and _adjacent(text, prev, tok) \
            and get_lexicon().is_name(tok.key[1:]) and tok.key[1:] not in ALLAH \
            and get_lexicon().best_zipf(tok.key[1:], "ar") < 5.5 \
            and not (tok.key.endswith("ي") and get_lexicon().best_zipf(tok.key[1:-1], "ar") >= 4.0):
        # (not "لنفسي", to myself: a word with "my" written on)
        return "the one told or called"           # "حكيت لسارة" (I told Sarah), "بعتت رسالة لمنى"
    if arabic and name_like and prev is not None and nxt is not None and _adjacent(text, prev, tok) and (
            (prev.key == "بە" and tok.key.endswith("م") and nxt.key in SORANI_SAID)
            or (prev.key == "بۆ" and nxt.key in SORANI_SENT)) and not tok.key.endswith(SORANI_THING_ENDINGS) \
            and not tok.key[:-1].endswith(SORANI_THING_ENDINGS):    # nor "the ... of mine" (کارمەندەکانم)
        return "the one told or called"           # Sorani "بە Xم وت" (I told X), "پەیامم بۆ X نارد" (sent to X)
    if arabic and name_like and prev is not None and _adjacent(text, prev, tok) and not ARABIC_DEFINITE.match(tok.key) \
            and tok.key not in SCRIPT_TIME_WORDS and (
                (prev.key == "على" and i >= 2 and tokens[i - 2].key in ARABIC_CALLED_ON)
                or (prev.key in ARABIC_SAW and tok.kind != "unknown")
                or (prev.key in ARABIC_AT and tok.kind == "word_name")):
        return "the one called, met or stayed with"  # round 13: "اتصلت على جميل", "شفت جميل", "ساكنة عند منى"
    if arabic and prev is not None and _adjacent(text, prev, tok) and (
            name_like or (tok.kind == "word" and zipf < 5.5 and tok.key not in SCRIPT_GLUE
                          and tok.key not in SCRIPT_PERSON_AFTER and not tok.key.endswith("م"))) and (
            (prev.key == "از" and nxt is not None and nxt.key in PERSIAN_ASKED and _adjacent(text, tok, nxt))
            or (prev.key == "به" and i >= 3 and tokens[i - 2].key in PERSIAN_CALLED and tokens[i - 3].key == "زنگ")):
        return "the one told or called"           # round 13: "از شادی پرسیدم" (I asked Shadi), "زنگ زدم به محبوب"
    if arabic and name_like and prev is not None and _adjacent(text, prev, tok) and (
            (prev.key == "بۆ" and i >= 2 and tokens[i - 2].key in SORANI_PHONED
             and nxt is not None and nxt.key in ("کرد", "دەکرد", "کردەوە"))
            or (prev.key == "ما" and (prev.sentence_start or i == 1) and _pashto_saw_after(tokens, i, text))):
        return "the one called or seen"           # round 13: Sorani "تەلەفۆنم بۆ X کرد", Pashto "ما X ... ولید"
    if prev is not None and prev.key == "ሰላም" and prev.sentence_start and _adjacent(text, prev, tok) \
            and tok.kind in ("word_name", "sound_name") and tok.key not in SCRIPT_TIME_WORDS \
            and tok.key not in ETHIOPIC_NEVER_NAMES and not tok.key.startswith(("ን", "ለ")):
        # (the one greeted takes no "to": "ሰላም ንኹሉ ይኹን", peace be to all)
        return SPOKEN_TO                             # Ge'ez "ሰላም ሳራ" (hello Sara): a greeting, then the one greeted
    if lex_module.script_of(tok.key) == "BENGALI" and tok.kind == "unknown":
        if tok.key.endswith("কে") and not tok.key.endswith("দিকে") and len(tok.key) >= 4:
            return "the one told or called"
        if tok.key.endswith(("ের", "এর")) and nxt is not None and nxt.key in BENGALI_WITH:
            return "with someone"
    return None


# round 11 (second part): "I have" right after the word: the thing a person has (ምስ ጠበቓ ቆጸራ ኣለኒ, I have an
# appointment with the lawyer; وکیل وقت دارم), not a name after the role
HAVE_AFTER = frozenset("ኣለኒ ኣለና አለኝ አለን دارم داریم".split())


def _had_after_role(tokens: list[Token], i: int) -> bool:
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return nxt is not None and nxt.key in HAVE_AFTER and tokens[i].kind != "name"


def _loanword(key: str, lex: Lexicon, language: str) -> bool:
    """Round 11: a word of a script that spells sounds (Ge'ez, Bengali, Gurmukhi, Devanagari, Sorani) whose
    likeliest spellings in Latin letters are a safe English word (ሆቴል hotel, ডাক্তার doctor, لۆری lorry)."""
    script = lex_module.script_of(key)
    sorani = language == "ckb" and script == "ARABIC"
    if script not in SOUND_SCRIPTS and not sorani and not SORANI_LETTERS & set(key):
        return False
    forms = [key] + [key[:-len(e)] for e in LOANWORD_ENDINGS if key.endswith(e) and len(key) - len(e) >= 3]
    # (Amharic writes "the" as -u on the last syllable: ሆቴሉ hotelu, the hotel)
    found = [s for form in forms for s in spellings(form, sorani)[:3]
             if s in lex.safe_words or (script == "ETHIOPIC" and s.endswith("u") and s[:-1] in lex.safe_words)]
    # (not a title or role spelt so, ሲስተር sister, ዶክተር doctor: a name follows those)
    return bool(found) and not any(s in TITLES or s in ROLES or s.rstrip("u") in TITLES or s.rstrip("u") in ROLES
                                   for s in found)


# the definite endings a loanword takes (هۆتێلەکە the hotel, ሆቴሉን)
LOANWORD_ENDINGS = ("ን", "ው", "ەکە", "ەکەم", "ەکان")


# Round 11: "I" (a single speaker) and the words after a name that say "I am"/"I am called" ("من کامران هستم",
# "ኣነ ሳባ እየ", "እኔ ሄኖክ እባላለሁ", "আমি রুবেল, ..."): the word between is the speaker's name
SCRIPT_I = frozenset("من انا أنا میں ਮੈਂ मैं আমি ኣነ እኔ زه ئەز".split())
I_AM = frozenset("هستم ہوں ام یم هم እየ ነኝ እባላለሁ ይብሉኒ ይበሃል ইয়ে হই ਹਾਂ हूं हूँ یم".split())
# Arabic "mother of", "father of" before a name (ام علي, Umm Ali)
ARABIC_KUNYA = frozenset("ام أم ابو أبو".split())
# the house of someone (Persian/Dari خونه ی ترانه, خانه رفیع; Sorani ماڵی): a person's name follows
HOUSE_OF = frozenset("خونه خونهٔ خانه خانهٔ خانهٔ ماڵی".split())
# Amharic "with" written around a person: ከ X ጋር, ከX ጋር (ከብርቱካን ጋር, with Birtukan)
AMHARIC_WITH = ("ከ", "ጋር")
# Arabic "to"/"for" written onto a name (لسعاد, to Suad)
ARABIC_TO = "ل"


# Round 12: "I am", "I was", "I became" after what the speaker is (Pashto, Sorani, Persian), and the Arabic
# "I was"/"I became" before it: the word between is an adjective or a noun said of the speaker
I_WAS_AFTER = frozenset("یم وم شوم شوې بووم نیم نیمە بوومە هستم نیستم بودم شدم باشم باشیم".split())
I_WAS_BEFORE = frozenset("كنت كنا صرت صرنا بقيت ظليت".split())
BECAUSE_WHEN = frozenset("لما لأن لانو".split())
# (round 17: and the subjunctive "that I be", باید صبور باشم: a name is never what the speaker ought to be)
I_BECAME = frozenset("وم شوم شوې بووم بوومە بودم شدم باشم باشیم".split())


def _predicate(tokens: list[Token], i: int, text: str) -> str | None:
    """Round 12: token i is said of the speaker ("ډېر ستړی یم", "دڵنیا نیم", "كنت سعيد"), with no "I" before it
    ("زه احمد یم", "من کامران هستم": the speaker's name): "am" after "I am", "became" after "I was, I became"."""
    tok = tokens[i]
    if tok.kind not in ("name", "word_name", "sound_name", "unknown", "word"):
        return None
    prev = tokens[i - 1] if i > 0 else None
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if prev is not None and prev.key in SCRIPT_I:
        return None
    if nxt is not None and nxt.key in I_WAS_AFTER and _adjacent(text, tok, nxt):
        return "became" if nxt.key in I_BECAME else "am"
    if prev is not None and prev.key in I_WAS_BEFORE and _adjacent(text, prev, tok) and (
            nxt is None or SENTENCE_END_RE.search(_gap(text, tok, nxt)) is not None or nxt.key in BECAUSE_WHEN):
        return "became"
    return None


def _sorani_construct(tokens: list[Token], i: int, text: str, language: str) -> bool:
    """Round 12: a Sorani noun with the linking -ی of a construct before the word it is of (ژووری ١٠٧ room 107,
    ئاسۆی داهاتووم the horizon of my future, شنەی با a breath of wind): the thing, not a person; a name so linked
    stands before a role or kin word (ئاسۆی برام, my brother Aso), or ends the clause."""
    tok = tokens[i]
    if language != "ckb" or not tok.key.endswith("ی") or len(tok.key) < 4:
        return False
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is None:
        return bool(regex.match(r"\s*\d", text[tok.end:]))
    if SENTENCE_END_RE.search(_gap(text, tok, nxt)) or _gap(text, tok, nxt).strip() in LIST_COMMAS \
            or nxt.kind in ("name", "sound_name"):
        return False                     # (باوکی کاروان, Karwan's father: a person named by his child)
    return not (_script_role(nxt) or SORANI_KIN_FORM.fullmatch(nxt.key) or _role_with_ending(nxt.key)
                or nxt.key in SCRIPT_PERSON_AFTER or nxt.key in SORANI_PERSON_VERBS)


def _named_by_shape(tokens: list[Token], i: int, text: str, lex: Lexicon, language: str) -> str | None:
    """Round 11: where a person stands by the shape of the words around token i, in the scripts without
    capitals: after "I" before "I am" (or a comma, or the end); inside Amharic ከ ... ጋር (with); a name of the
    list under the Arabic ل (to)."""
    tok = tokens[i]
    prev = tokens[i - 1] if i > 0 else None
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    namey = tok.kind in ("word_name", "sound_name") or (tok.kind == "unknown" and not _ETHIOPIC_WORD.match(tok.key))
    if namey and prev is not None and prev.key in SCRIPT_I and (prev.sentence_start or i == 1) \
            and _adjacent(text, prev, tok) and tok.key not in VIRTUE_WORD_NAMES:
        gap = _gap(text, tok, nxt) if nxt is not None else ""
        if nxt is None or (nxt.key in I_AM and _adjacent(text, tok, nxt)) or gap.strip() in (",", "،"):
            return "after I, before I am"
    if (tok.kind in ("word_name", "sound_name", "unknown") or tok.key in VIRTUE_WORD_NAMES) \
            and tok.sentence_start and nxt is not None and ARABIC_LETTER.match(tok.key) and _adjacent(text, tok, nxt) \
            and (_sorani_kin_is(nxt.key) or (SORANI_KIN_FORM.fullmatch(nxt.key) and nxt.key.endswith("م")
                                            and i + 2 < len(tokens) and tokens[i + 2].key in SORANI_COPULAS)
                 or (SORANI_KIN_FORM.fullmatch(nxt.key) and nxt.key.endswith("ی")
                                            and i + 2 < len(tokens) and (_sorani_kin_is(tokens[i + 2].key)
                                                                         or tokens[i + 2].key in SORANI_OF_ME))):
        return "before a role"                           # "هیوا برامە" (Hiwa is my brother), "ژیان کچی پورمە"
    if tok.kind in ("word_name", "sound_name") and prev is not None and i >= 2 \
            and (_conjunction(prev, language) or prev.key in SCRIPT_AND) and _known_name_before(tokens, i - 2):
        return "in a list of people"                     # "ګل خان او اجمل" (Gul Khan and Ajmal)
    if prev is not None and prev.key in PASHTO_FUNCTION and i >= 2 and tokens[i - 2].key in SCRIPT_NAME_WORDS \
            and tok.kind in ("word_name", "sound_name", "unknown", "name"):
        return "after a naming cue"                      # Pashto "نوم یې ډیوډ و" (his name was David)
    if prev is not None and namey and ARABIC_LETTER.match(tok.key) and _adjacent(text, prev, tok) and (
            prev.key in HOUSE_OF or (prev.key == "ی" and i >= 2 and tokens[i - 2].key in HOUSE_OF)):
        return "the house of someone"                     # "خونه ی ترانه", "خانه رفیع"
    if i >= 2 and prev is not None and (prev.key in SCRIPT_HONORIFICS or prev.key in KIN_WORDS) \
            and tokens[i - 2].key in SCRIPT_THANKS and tok.kind in ("word_name", "sound_name", "unknown", "word") \
            and tok.key not in SCRIPT_GLUE and lex.best_zipf(tok.lookup or tok.key, language) < 5.5:
        return SPOKEN_TO                                 # "شکریہ باجی رخسانہ" (thank you, sister Rukhsana)
    if _ETHIOPIC_WORD.match(tok.key) and nxt is not None and nxt.key == AMHARIC_WITH[1] and (
            (tok.key.startswith(AMHARIC_WITH[0]) and len(tok.key) >= 4 and _amharic_with_name(tok.key[1:], lex))
            or (prev is not None and prev.key == AMHARIC_WITH[0] and tok.kind in ("word_name", "sound_name"))):
        return "with someone"
    return None


def _arabic_to_name(key: str, lex: Lexicon, language: str) -> bool:
    """Round 11: an Arabic word that is ل (to) and a name of the list that is no everyday word (لسعاد); the
    word as written no list knows (not لبنان, Lebanon, nor لكن)."""
    return key.startswith(ARABIC_TO) and not key.startswith("لل") and len(key) >= 5 and not lex.is_name(key) \
        and not lex.is_place(key) and lex.best_zipf(key, language) < 2.0 and lex.is_name(key[1:]) \
        and not lex.is_word_name(key[1:]) and not lex.is_place(key[1:])


# Sorani "of me is", "of us is" after kin with its ezafe (هاوڕێی منە, my friend is)
SORANI_OF_ME = frozenset("منە ئێمەیە ئێمەن".split())


def _known_name_before(tokens: list[Token], j: int) -> bool:
    """Token j is a known name of the list, or an honorific after one (ګل خان, ناصر جان)."""
    if tokens[j].kind == "name" and not tokens[j].cased:
        return True
    return j >= 1 and tokens[j].key in SCRIPT_HONORIFICS and tokens[j - 1].kind == "name" and not tokens[j - 1].cased


def _sorani_kin_is(key: str) -> bool:
    """Sorani "is my <kin>" (برامە, پورمە, هاوڕێمە)."""
    return SORANI_KIN_FORM.fullmatch(key) is not None and key.endswith(("مە", "یمە", "ەکەمە"))


def _amharic_with_name(stem: str, lex: Lexicon) -> bool:
    """The word under ከ ... ጋር is a name: it sounds like one of the list, or is a Ge'ez virtue name (ብርቱካን)."""
    return stem in VIRTUE_WORD_NAMES or _sounds_like_name(stem, lex) is not None


# Round 11: the words between a subject and its ergative mark may only be more of its name ("طاہر محمود نے");
# a postposition, role or pronoun between says the subject is another ("ہوٹل میں عرفان نے", "لیکن ایجنٹ نے")
NAME_LIKE_KINDS = ("name", "word_name", "sound_name", "unknown")


# Round 16: Gurmukhi has no frequency list, and Punjabi shares much of its everyday vocabulary with Hindi
# (ਬਿੱਲੀ बिल्ली cat, ਦਾਲ दाल lentils, ਨੀਂਦ नींद sleep). The two scripts' Unicode blocks are laid out letter for
# letter (both follow ISCII: U+0A00 + n is U+0900 + n), so a Gurmukhi word reads in Devanagari by an offset, the
# tippi ੰ as the anusvara ं and the addak ੱ as the next consonant doubled (ਬਿੱਲੀ: बिल्ली). A word opening a
# clause with nothing else about a person is no name when Hindi uses its reading this often; the Sikh given
# names (ਜਸਵਿੰਦਰ, ਕੁਲਦੀਪ 3.9, ਗੁਰਮੀਤ 3.9, ਪ੍ਰੀਤ 3.8) stay below it.
GURMUKHI_HINDI_WORD_ZIPF = 4.5


def gurmukhi_as_devanagari(word: str) -> str:
    out: list[str] = []
    double = False
    for c in word:
        cp = ord(c)
        if c == "\u0a71":                   # addak: the consonant after it doubled
            double = True
            continue
        d = "\u0902" if c == "\u0a70" else "\u0907" if c == "\u0a72" else "\u0909" if c == "\u0a73" \
            else chr(cp - 0x100) if 0x0A00 <= cp <= 0x0A6F else c
        if c == "\u0a3c" and out and out[-1] == "\u0938":
            out[-1] = "\u0936"              # ਸ਼ (sa and a nukta) is Devanagari's own letter श
            continue
        if double:
            out.append(d + "\u094d")
            double = False
        out.append(d)
    return "".join(out)


def _gurmukhi_hindi_word(key: str, lex: Lexicon) -> bool:
    if lex_module.script_of(key) != "GURMUKHI":
        return False
    return lex.zipf(gurmukhi_as_devanagari(key), "hi") >= GURMUKHI_HINDI_WORD_ZIPF


# the endings of Punjabi's perfective participle (ਬਚਾਇਆ, ਕੀਤੀ, ਕੀਤਾ, ਦਿੱਤੀ, ਆਈ, ਗਏ): a subject right after one
# is the one who acted, put after the verb (ਮਦਦ ਕੀਤੀ ਹਰਜੀਤ ਨੇ, Harjit helped)
PUNJABI_PERFECTIVE_ENDINGS = ("ਿਆ", "ਇਆ", "ੀਤੀ", "ੀਤਾ", "ੀਤੇ", "ੱਤਾ", "ੱਤੀ", "ੱਤੇ", "ਈ", "ਏ")


# Round 19: Hindi and Nepali "people" after the word that says which (अंग्रेज लोग, बिहारी लोग, गुरुङ मान्छेहरू)
DEVANAGARI_PEOPLE = frozenset("लोग लोगों मान्छेहरू मान्छेहरूले मान्छेहरूलाई".split())


def _next_key(tokens: list[Token], i: int) -> str:
    return tokens[i + 1].key if i + 1 < len(tokens) else ""


DEVANAGARI_POSSESSIVES = frozenset("""
मेरी मेरा मेरे मेरो हमारा हमारी हमारे हाम्रो उसकी उसका उसके उनकी उनका उनके उसको उनको माझा माझी माझे माझं आमचा आमची
""".split())


def _devanagari_owned_role(tokens: list[Token], i: int) -> bool:
    """Round 19: the one-word role before token i is someone's (मेरी दोस्त, माझे वकील)."""
    return i >= 2 and tokens[i - 2].key in DEVANAGARI_POSSESSIVES


def _last_of_clause(tokens: list[Token], j: int, text: str) -> bool:
    """Round 19: token j is the last of its clause (the answer's end, a sentence's or a comma after it)."""
    if j + 1 >= len(tokens):
        return not text[tokens[j].end:].strip(" \t") or bool(SENTENCE_END_RE.search(text[tokens[j].end:]))
    gap = _gap(text, tokens[j], tokens[j + 1])
    return bool(SENTENCE_END_RE.search(gap)) or gap.strip() in LIST_COMMAS


def _clause_final(tokens: list[Token], j: int, text: str) -> bool:
    """Round 16: the Punjabi ਨੇ at token j ends its clause (the answer, a sentence or a comma after it) and no
    perfective verb stands right before its subject: then it is Punjabi's "are" (ਬਹੁਤ ਪੰਜਾਬੀ ਲੋਕ ਨੇ, there are
    many Punjabi people; ਮਦਦ ਕਰਦੇ ਨੇ, they help), not the mark of the one who acts, which has the rest of its
    clause after it or its verb before its subject (ਰਾਤ ਨੂੰ ਬਚਾਇਆ ਮਨਜੀਤ ਨੇ). Urdu and Hindi نے / ने are only
    that mark."""
    if tokens[j].key != "ਨੇ" or (j >= 2 and tokens[j - 2].key.endswith(PUNJABI_PERFECTIVE_ENDINGS)):
        return False
    if j + 1 >= len(tokens):
        return not text[tokens[j].end:].strip(" \t") or bool(SENTENCE_END_RE.search(text[tokens[j].end:]))
    gap = _gap(text, tokens[j], tokens[j + 1])
    return bool(SENTENCE_END_RE.search(gap)) or gap.strip() in LIST_COMMAS


def _ergative_chain(tokens: list[Token], i: int, j: int) -> bool:
    """Round 11: token i may be the subject marked by the ergative at token j: every word between is name-like
    and token i is no possessive ("ہماری پڑوسن نے", our neighbour)."""
    if tokens[i].key in SCRIPT_POSSESSIVE or tokens[i].key in ("ہماری", "ہمارا", "ہمارے", "میری", "میرا", "میرے"):
        return False
    if tokens[i].kind == "word" and tokens[i].key in own_words_of("ur"):
        return False                     # round 12: a word of the bot's own Urdu texts (سالویشن آرمی نے, the Army)
    if tokens[i].kind == "word" and i > 0 and (tokens[i - 1].key in AMBIGUOUS_MARKS or (
            tokens[i - 1].kind == "safe" and tokens[i - 1].key.endswith("ی"))):
        return False                     # round 12: "جمیل کے بیٹے نے" (Jamil's son), "پاکستانی کمیونٹی نے" (a
        #                                    nationality, -ی, before it): a noun, not a name
    if j >= i + 3 and tokens[i + 1].key in AMBIGUOUS_MARKS and tokens[i].kind != "word" and all(
            tokens[k].key in SCRIPT_CUE_WORDS or tokens[k].key in KIN_WORDS for k in range(i + 2, j)):
        return True                      # "ਜੋਤ ਦੀ ਭੈਣ ਨੇ" (Jot's sister): the one whose kin acted; not an
        #                                    everyday word (round 17: "ہمسائے کے بیٹے نے", the neighbour's son)
    return all(tokens[k].kind in NAME_LIKE_KINDS or tokens[k].key in SCRIPT_HONORIFICS for k in range(i + 1, j))


def _arabic_and_word(tok: Token, lex: Lexicon, language: str) -> bool:
    """Round 11: an Arabic-script word under "and" (و) that is a noun with its article (والولد, the boy) or a
    word of the name list about as common as the words (وخلص, and it ended): the prefix alone makes no name."""
    if not ARABIC_LETTER.match(tok.key) or not tok.key.startswith(PREFIXES) or tok.lookup != tok.key[1:]:
        return False
    return ARABIC_DEFINITE.match(tok.key) is not None or tok.lookup.startswith("ال") \
        or lex.best_zipf(tok.lookup, language) >= ARABIC_AND_WORD_ZIPF


ARABIC_AND_WORD_ZIPF = 3.8


CLITIC = regex.compile(r"\p{L}{1,3}-\p{L}{1,2}")
def _owned_role(tokens: list[Token], i: int) -> bool:
    """The role before token i is someone's ("my sister", "the interpreter", "ሓላፊ ስራሐይ" my boss):
    possessed, definite, of two words, or opening the sentence; not a bare noun ("ሓኪም ክረክብ", find a
    doctor), after which a verb or an object comes as often as a name."""
    for cue in SCRIPT_CUES_BEFORE_BY_LAST.get(tokens[i - 1].key, ()) if i > 0 else ():
        if _words_before(tokens, i, len(cue)) == cue:
            first = i - len(cue)
            role = tokens[i - 1].key
            # a one-word role opening a sentence counts, but not in Ethiopic, where a verb follows it as
            # often as a name ("ሓኪም ክረክብ ኣይከኣልኩን", I could not find a doctor) and no frequency list tells them apart
            opening = (first == 0 or tokens[first].sentence_start) and role not in SCRIPT_POLICE \
                and not (len(cue) == 1 and lex_module.script_of(role) == "ETHIOPIC")
            return len(cue) >= 2 or opening or tokens[first - 1].key in SCRIPT_POSSESSIVE \
                or role.endswith(OWNED_ENDINGS)
    return False


SENTENCE_END_RE = regex.compile(r"[.!?。！？؟।፡።\n]")
ARABIC_LETTER = regex.compile(r"\p{Arabic}")
ARABIC_DEFINITE = regex.compile(r"[وفبلك]?ال")     # الصليب, بالصليب: a noun with its article


def _after_opening_verb(tokens: list[Token], i: int, text: str) -> bool:
    """Arabic-script verb-first clauses: the word after a verb that opens the sentence (a common
    verb, or one with "me"/"us" attached: أعطتني, نقلنا), past a preposition with a pronoun
    ("اتصل بي منصور", "سرقت مني وداد"), is its subject, a person."""
    j = i - 1
    if j >= 0 and tokens[j].key in ARABIC_PREP_PRONOUNS:
        j -= 1
    if j < 0 or tokens[j].cased or not ARABIC_LETTER.match(tokens[j].key):
        return False
    verb = tokens[j]
    if _word_class_not_name(verb.key):
        return False                     # round 11: هەینی (Friday) ends like a verb with "me" (-نی)
    if not (verb.sentence_start or SENTENCE_END_RE.search(text[max(0, verb.start - 2):verb.start])):
        return False
    if j + 1 < i and not _adjacent(text, verb, tokens[j + 1]):
        return False
    key = verb.key[1:] if verb.key.startswith("و") and len(verb.key) > 3 else verb.key
    if key in ARABIC_OPENING_VERBS_OF_NAMES or verb.key in ARABIC_OPENING_VERBS_OF_NAMES:
        return tokens[i].kind in ("name", "word_name")
    return key in ARABIC_OPENING_VERBS or verb.key in ARABIC_OPENING_VERBS or (
        len(key) >= 4 and key.endswith(ARABIC_OBJECT_PRONOUNS) and not key.startswith("ال"))


def _next_is_name(tokens: list[Token], i: int, text: str) -> bool:
    if i + 1 >= len(tokens):
        return False
    nxt = tokens[i + 1]
    return _adjacent(text, tokens[i], nxt) and nxt.capital and nxt.kind in ("name", "unknown", "name_place")


# the commas of a list in the bot's scripts (Latin, Arabic, Ge'ez, Chinese; the Ge'ez word space ፡ too,
# which people type between the names of a list: "ሰምሃር፡ ሄለን፡ ኣወት")
LIST_COMMAS = (",", "،", "፣", "、", "，", ";", "؛", "፤", "፡")
# "and" in the 20 languages, written with or without its accents (și / si, và / va)
LIST_AND = frozenset(fold(w) for w in "and or & y e et i și si dhe và va iyo und ou oraz ve aur".split())
LIST_NAME_KINDS = ("name", "word_name", "sound_name")
LIST_PAIR_ZIPF = 4.0     # two list names are taken alone when neither is this common a word
LIST_PAIR_SLOT_ZIPF = 5.0   # or, standing where people stand, when neither is this common
LIST_PAIR_SLOT_ZIPF_CASELESS = 6.0
LIST_PAIR_WITH_ZIPF = 5.5
WITH_WORDS = frozenset(fold(w) for w in "with cu me con com z ze avec với voi la ila با مع همراه ምስ".split())


def _pair_of_people(tokens: list[Token], i: int, j: int, text: str, lex: Lexicon, language: str) -> bool:
    """Tokens i and j ("and" between) are two people: both names of the lists and neither common; or
    standing where people stand (after "with", opening a sentence, before a verb people do), both names
    of the lists and neither very common."""
    pair = (tokens[i], tokens[j])
    if not all(t.kind in LIST_NAME_KINDS for t in pair):
        return False
    if _latin_word_pair(pair, lex, language):
        return False                    # round 11: "maly i zimny" (small and cold): words of the language
    if not any(t.capital for t in pair) and any(_other_latin_everyday(t.lookup or t.key, lex) for t in pair) \
            and pair[0].other_latin:
        # round 15: "huzur ve umut" (peace and hope) in an answer marked English: one of the two is an everyday
        # word there and no one's given name (data/frequencies/latin), so "and" joins no two people
        return False
    zipf = max(lex.best_zipf(t.lookup or t.key, language) for t in pair)
    if zipf < LIST_PAIR_ZIPF:
        return True
    before = tokens[i - 1].key if i > 0 else ""
    with_before = before in WITH_WORDS or (                               # "com a lurdes"
        i > 1 and tokens[i - 2].key in WITH_WORDS and tokens[i - 1].kind == "function" and len(before) <= 3)
    # in the scripts without capitals names are as frequent as words (عمران, آصف, হাসান): a higher bar;
    # after "with", a name as common as Mihai in Romanian
    bar = LIST_PAIR_SLOT_ZIPF_CASELESS if not tokens[i].cased else \
        LIST_PAIR_WITH_ZIPF if with_before else LIST_PAIR_SLOT_ZIPF
    if zipf >= bar:
        return False
    return with_before or tokens[i].sentence_start or _person_after(tokens, j, text) is not None


# Pashto "and" is او, which is "he / she" in Persian and Dari: an "and" only in a Pashto answer
PASHTO_AND = frozenset(("او",))


def _conjunction(tok: Token, language: str = "") -> bool:
    return tok.key in LIST_AND or (not tok.cased and (tok.key in SCRIPT_AND
                                                      or (language == "ps" and tok.key in PASHTO_AND)))


def _list_members(tokens: list[Token], i: int, text: str, language: str) -> int:
    """How many single words token i's list has: words joined by a list comma or an "and" word."""
    count = 1
    for step in (1, -1):
        j = i
        while count < 8:
            k = j + step
            if not 0 <= k < len(tokens):
                break
            a, b = (j, k) if step == 1 else (k, j)
            if _gap(text, tokens[a], tokens[b]).strip() in LIST_COMMAS and not _conjunction(tokens[k], language):
                j = k
            elif _conjunction(tokens[k], language) and 0 <= k + step < len(tokens):
                j = k + step
            else:
                break
            count += 1
    return count


def _caseless_list_word(tok: Token, lex: Lexicon, language: str) -> bool:
    """Round 8: a word of a script without capitals that a frequency list knows, but not commonly, and that
    is no glue, verb or cue word: in a list of three or more beside a name it is a name too ("ندیم، فیصل اور
    شاہد", "ګلالۍ، زرغونه او نازو": Arabic-script names are in the frequency lists as often as words); a pair
    is not enough ("شهرام و زنش", Shahram and his wife)."""
    return tok.kind == "word" and not tok.cased and lex.best_zipf(tok.lookup or tok.key, language) < WORD_AS_NAME_ZIPF \
        and tok.key not in SCRIPT_PERSON_AFTER and tok.key not in SCRIPT_GLUE and tok.key not in SCRIPT_NOT_NAMES \
        and not tok.key.startswith("ال") and len(tok.key) >= 3


# Round 14: "I" opening a list in the scripts without capitals ("ኣነ፡ ተኽለ፡ ፊልሞን፡ ...", "انا، عثمان، ...", "زه، ...")
LIST_FIRST_PERSON = frozenset("ኣነ እኔ انا أنا وانا زه زە من ئەز ئەمن میں আমি ਮੈਂ मैं".split())
LIST_ME_KINDS = ("name", "word_name", "sound_name", "unknown")


def _list_member_ok(tok: Token, lex: Lexicon, language: str) -> bool:
    return not tok.cased and tok.key not in SCRIPT_NOT_NAMES and tok.key not in SCRIPT_CUE_WORDS \
        and tok.key not in NEVER_NAME_WORDS and (tok.kind in LIST_ME_KINDS or _caseless_list_word(tok, lex, language))


def _list_after_me(tokens: list[Token], chosen: dict[int, tuple[float, str]], text: str, lex: Lexicon,
                   language: str) -> None:
    """Round 14: the members of a list that "I" opens are the speaker's companions, people: "ኣነ፡ ተኽለ፡ ፊልሞን፡ ዮርዳኖስ
    ..." (I, Tekle, Filmon, Yordanos ...), "انا، عثمان، محجوب، الطيب و بشير". Members between list commas may be
    of several words; the one after the last comma or "and" is its first word; two members at least, each a
    name-like word (no everyday word, kin word or role)."""
    for p, tok in enumerate(tokens):
        if tok.key not in LIST_FIRST_PERSON or p + 1 >= len(tokens):
            continue
        comma = _gap(text, tok, tokens[p + 1]).strip()
        if not comma or comma not in LIST_COMMAS:
            continue
        members: list[list[int]] = []
        k = p + 1
        while k < len(tokens) and len(members) < 8:
            run = [k]
            while run[-1] + 1 < len(tokens) and _adjacent(text, tokens[run[-1]], tokens[run[-1] + 1]) \
                    and not _conjunction(tokens[run[-1] + 1], language) and len(run) < 3:
                run.append(run[-1] + 1)
            nxt = run[-1] + 1
            sep = _gap(text, tokens[run[-1]], tokens[nxt]).strip() if nxt < len(tokens) else ""
            if sep and sep in LIST_COMMAS:
                members.append(run)
                k = nxt
                continue
            if nxt < len(tokens) and _conjunction(tokens[nxt], language) and nxt + 1 < len(tokens):
                members.append(run)
                members.append([nxt + 1])
            else:
                members.append([k])     # the last member: its first word (the sentence goes on after it)
            break
        if len(members) < 2 or not all(_list_member_ok(tokens[m], lex, language) for run in members for m in run):
            continue
        for run in members:
            for m in run:
                chosen.setdefault(m, (0.65, "in a list of people"))


def _join(tokens: list[Token], decided: list[tuple[int, float, str]], text: str, lex: Lexicon,
          language: str = "en") -> list[tuple[int, int, float, str]]:
    """Grow each name over its neighbours: more names, capitalised words, particles, list partners."""
    chosen = {i: (score, why) for i, score, why in decided}
    # two name-list words joined by "and" are a list of people when neither is a common everyday word
    # ("tiago e bruno", "Graça e Conceição", "عمران اور آصف"): no anchor needed
    for i in range(len(tokens) - 2):
        first, conj = tokens[i], tokens[i + 1]
        if not _conjunction(conj) or _gap(text, first, conj).strip() != "":
            continue
        if language == "en" and first.cased and not first.capital and i > 0 \
                and tokens[i - 1].key in LOWER_DETERMINERS:
            continue                     # round 16: "we need sabr and iman": things, not people
        # the second right after "and", or after the preposition / article that stood before the first
        # again ("me ervisin dhe me aldon", "com a lurdes e a conceição")
        j = i + 2
        if j + 1 < len(tokens) and i > 0 and tokens[j].key == tokens[i - 1].key and tokens[j].kind == "function" \
                and _gap(text, conj, tokens[j]).strip() == "":
            j += 1
        second = tokens[j]
        if _gap(text, tokens[j - 1], second).strip() == "" and first.capital == second.capital \
                and _pair_of_people(tokens, i, j, text, lex, language):
            for k in (i, j):
                chosen.setdefault(k, (0.6, "two names joined as a list"))
    _list_after_me(tokens, chosen, text, lex, language)
    # a list of people: "Blessing and Joy", "Ali, Omar and me" - a word name or unknown word next to
    # a decided name through "and"/"," is a person too; in lower case ("ayesha, sana and nadia") too,
    # when the word is a name-list or unknown word (not an everyday word)
    changed = True
    while changed:
        changed = False
        for i, tok in enumerate(tokens):
            if i in chosen or tok.kind not in ("word_name", "sound_name", "unknown", "name_place", "word") \
                    or tok.key in INDIC_PRONOUNS:      # (round 13: ਪਰਮਿੰਦਰ ਤੇ ਉਹਦੀ ਘਰਵਾਲੀ, Parminder and his wife)
                continue
            indic_word = tok.kind == "word" and not (
                tok.cased or lex.best_zipf(tok.lookup or tok.key, language) >= WORD_AS_NAME_ZIPF
                or tok.key in SCRIPT_PERSON_AFTER or tok.key in SCRIPT_GLUE
                or lex_module.script_of(tok.key) not in INDIC_SCRIPTS)
            if tok.kind == "word" and not indic_word and not (
                    _caseless_list_word(tok, lex, language) and _list_members(tokens, i, text, language) >= 3):
                continue
            lower = tok.cased and not tok.capital and tok.kind != "word"
            if not (tok.capital or not tok.cased or lower):
                continue
            if lower and tok.other_latin and _other_latin_everyday(tok.key, lex):
                continue        # round 15: "lyubov i nadezhda, eto vse ..." (that is all): no one's name there
            if tok.kind == "name_place" and i > 0 and tokens[i - 1].key in LOCATIVE_PREPOSITIONS:
                continue        # round 14: "in the house in Luton, Sardar kept ...": a place before a name, no list
            for j in (i - 1, i + 1):
                # next to a known name, or to a word name when both have capitals ("Precious, Gift and Mercy")
                if 0 <= j < len(tokens) and j in chosen and chosen[j][1] not in (APPOSITION, POSTPOSED) \
                        and not (j < i and not tokens[j].cased
                                 and _apposition(tokens, j, text, lex, language, True)) and (
                        tokens[j].kind in ("name", "sound_name") or (
                        tokens[j].kind == "word_name" and tok.capital and tokens[j].capital)
                        or (not tok.cased and not tokens[j].cased)) \
                        and not (lower and tokens[j].capital):
                    a, b = sorted((i, j))
                    if _gap(text, tokens[a], tokens[b]).strip() in LIST_COMMAS or _ethiopic_and(tokens[a], tokens[b]):
                        chosen[i] = (0.65, "in a list of people")
                        changed = True
            if i in chosen:
                continue
            for j in (i - 2, i + 2, i - 3, i + 3):
                if 0 <= j < len(tokens) and j in chosen and not (j < i and chosen[j][1] == POSTPOSED):
                    a, b = sorted((i, j))
                    mid = tokens[a + 1]
                    # "X and Y"; "with X and with Y": a conjunction, then the preposition or article that stood
                    # before the first again ("cu mihai si cu costel", "me ervisin dhe me aldon")
                    if b - a == 3 and not (a > 0 and tokens[a - 1].key == tokens[a + 2].key
                                           and _gap(text, mid, tokens[a + 2]).strip() == ""):
                        continue
                    if lower and (tokens[j].capital or mid.text == "I"):
                        continue       # in lower case only beside a name in lower case, not "Ahmed, I hope"
                    if _conjunction(mid, language) and _gap(text, tokens[a], mid).strip() in ("",) + LIST_COMMAS and \
                            _gap(text, tokens[b - 1], tokens[b]).strip() == "":
                        chosen[i] = (0.65, "in a list of people")
                        changed = True
                        break
    # neighbours: capitalised words (any but safe), particles between names, the word after a kunya
    for i in sorted(chosen):
        pass
    spans: list[tuple[int, int, float, str]] = []
    order = sorted(chosen)
    used: set[int] = set()
    foreign = language == "en" and bool(order) and _not_english(tokens, lex)
    for i in order:
        if i in used:
            continue
        score, why = chosen[i]
        lo = hi = i
        # leftwards: capitalised name-ish words, and kunya words ("Abu Ali")
        # (a sound name joins only names; after "my name is" in Arabic script the words after it are the rest
        # of the name: ناوی تەواوم ئاراس بەرزنجییە)
        loose = tokens[i].kind != "sound_name" or (
            why == "after a naming cue" and bool(ARABIC_LETTER.match(tokens[i].key)))
        while lo > 0 and _joins(tokens, lo - 1, lo, text, chosen, left=True, loose=loose, foreign=foreign):
            lo -= 1
        while hi + 1 < len(tokens) and _joins(tokens, hi, hi + 1, text, chosen, left=False, loose=loose,
                                              foreign=foreign):
            hi += 1
        # never end on a particle ("... van")
        while hi > lo and tokens[hi].key in PARTICLES and hi not in chosen:
            hi -= 1
        while lo < hi and tokens[lo].key in PARTICLES and lo not in chosen and tokens[lo].key not in NAME_STARTERS:
            lo += 1
        used.update(range(lo, hi + 1))
        spans.append((tokens[lo].start, tokens[hi].end, score, why))
    return spans


def _ethiopic_and(a: Token, b: Token) -> bool:
    """Round 9: Tigrinya "X-ን Y-ን" (ዮናስን ሰላምን, Yonas and Selam): two Ge'ez words that both end in -ን."""
    return all(t.key.endswith("ን") and len(t.key) >= 3 and _ETHIOPIC_WORD.match(t.key) for t in (a, b))


def _joins(tokens: list[Token], a: int, b: int, text: str, chosen: dict, left: bool, loose: bool = True,
           foreign: bool = False) -> bool:
    """Token b (to the right of a) belongs to the same name as a (or a to b's, going left)."""
    ta, tb = tokens[a], tokens[b]
    if not _adjacent(text, ta, tb):
        return False
    if ta.lookup and ta.lookup != ta.key and ta.key.endswith(DEVANAGARI_CLITICS) and not ta.cased:
        return False          # round 19: the case mark closes the name (दिपकलाई सबै पैसा: to Dipak, all the money)
    other = ta if left else tb
    idx = a if left else b
    if idx in chosen:
        return True
    if other.kind in ("placeholder",):
        return False
    if other.key in PARTICLES:
        # a particle joins only when a name-ish word follows it (going right) / it is a kunya word
        if left:
            return other.key in NAME_STARTERS or (other.capital and other.kind != "safe")
        nxt = b + 1
        return nxt < len(tokens) and _adjacent(text, tb, tokens[nxt]) and \
            (tokens[nxt].capital or not tokens[nxt].cased) and \
            tokens[nxt].kind in ("name", "word_name", "sound_name", "unknown", "name_place")
    if not other.cased:
        kinds = ("name", "unknown", "word_name", "sound_name", "name_place") if loose else ("name", "sound_name")
        # (round 11: nor a Ge'ez adverb, ሳባ ብጣዕሚ ሓገዘትኒ: Saba helped me a lot)
        return other.kind in kinds and other.key not in SCRIPT_PERSON_AFTER and other.key not in ETHIOPIC_NEVER_NAMES
    if not other.capital and not other.acronym and other.kind in ("name", "name_place", "unknown") \
            and not any(c.isupper() for c in text) and other.key not in OTHER_LATIN_POSSESSIVES \
            and other.key not in OTHER_LATIN_KIN and not (foreign and other.kind == "unknown"):
        # an answer typed all in lower case: "wang fang", "luis fernando", "dinh thi hang"; (round 19) not a kinship
        # word or a possessive of OTHER_LATIN_KIN's languages, nor, in an answer with hardly an English word in it
        # (_not_english), a word no list knows: there it is a word of the answer's language ("zawadi alinipeleka")
        return True
    if not other.capital or other.acronym:
        return False
    if other.kind in ("safe", "placeholder"):
        return False
    if left and other.key.rstrip(".") in TITLES:
        return False
    return other.kind in ("name", "word_name", "unknown", "name_place") or \
        (other.kind == "word" and not other.sentence_start)


HAN_NICKNAME = regex.compile(r"叫(?:我|他|她)?(?P<name>[小老阿]\p{Han}|[" + "".join(sorted(HAN_SURNAMES)) + r"][哥姐])")
# 老陈, 老吴 (old + surname), 小丽, 阿强 (little / ah + one character) where a person stands
HAN_FAMILIAR = regex.compile(r"(?P<name>老[" + "".join(sorted(HAN_SURNAMES)) + r"]|[小阿]\p{Han})")


def _han_given_name(s: str, i: int) -> bool:
    """A given name of the name list at s[i:i+2] (a Han run, opening it or after a cue), before a verb
    people do, a title, or the run's end, and no everyday Chinese word (wordfreq's Chinese list)."""
    word = s[i:i + 2]
    if len(word) < 2 or any(c in HAN_FUNCTION for c in word) or word in HAN_NOT_NAMES \
            or not get_lexicon().is_name(word):
        return False
    rest = s[i + 2:]
    if not (rest == "" or rest.startswith(HAN_AFTER) or rest.startswith(HAN_TITLES)
            or (s[:i].endswith(HAN_TELL) and rest[:1] in tuple("我你他她这那"))):
        return False
    bar = HAN_NAMED_ZIPF if s[:i].endswith(HAN_NAMING) else HAN_GIVEN_ZIPF
    return lex_module._zipf(word, "zh") < bar


def _han_word_name(s: str, i: int, cue: bool) -> bool:
    """Round 13: a given name of the name list that is also an everyday word (建国 founding of the state, 平安
    safe), opening a clause or after a cue, before what a person does or is (建国是那个老板, 平安是我儿子,
    问建国要工资); a word commoner than HAN_WORD_NAME_ZIPF (明天, 和平) never."""
    word, rest = s[i:i + 2], s[i + 2:]
    if len(word) < 2 or any(c in HAN_FUNCTION for c in word) or word in HAN_NOT_NAMES \
            or not get_lexicon().is_name(word):
        return False
    if word[0] == word[1] and lex_module._zipf(word, "zh") >= HAN_GIVEN_ZIPF and not HAN_IS_PERSON.match(rest):
        return False     # round 20: a reduplicated everyday word is an adverb before a verb (明明说好, "clearly said";
        # but 明明是我的室友, "is my roommate", says a person)
    # (round 19: or before a kin title said after a name, 建国叔叔 uncle Jianguo, 平安姐)
    person = rest.startswith(HAN_WORD_NAME_AFTER) or bool(HAN_IS_PERSON.match(rest)) \
        or rest.startswith(HAN_KIN_TITLES) or (cue and rest.startswith("要")) or bool(HAN_IS_THE_ONE.match(rest))
    return person and lex_module._zipf(word, "zh") < HAN_WORD_NAME_ZIPF


def _han_one_name(s: str, i: int) -> bool:
    """Round 13: a one-character given name (HAN_ONE_GIVEN) where a person stands: named and ending the run
    (我叫明，), opening a run before what a person does (伟帮我找的活, 芳是我表妹), or after a word people stand
    after and before such a verb, a particle or the run's end (见到伟了, 我告诉芳不要, 我跟明讲过); never part of an
    everyday word with the character before or after it (和平, 明天, 伟大, 芳香)."""
    c = s[i]
    if c not in HAN_ONE_GIVEN:
        return False
    before, rest = s[:i], s[i + 1:]
    if rest and lex_module._zipf(c + rest[:1], "zh") >= 3.5 or (
            before and lex_module._zipf(before[-1] + c, "zh") >= 3.5):
        return False
    if before.endswith(("我叫", "他叫", "她叫", "名叫", "名字叫", "名字是", "就叫")) and rest == "":
        return True
    if before.endswith("的人是") and rest == "":
        return True             # round 20: "the one I trust most is X" (我最信任的人是春，她比我大)
    if i == 0:
        return rest.startswith(HAN_ONE_VERBS) or bool(HAN_IS_PERSON.match(rest))
    if before.endswith(("和", "跟")) and rest.startswith("一起"):
        return True             # 我和华一起去的 (Hua and I went together)
    cue = any(before.endswith(w) for w in HAN_BEFORE + HAN_OBJECT_VERBS) and not before.endswith(HAN_ONE_NOT_CUES)
    return cue and (rest == "" or rest.startswith(HAN_ONE_VERBS + HAN_ONE_AFTER_CUE) or bool(HAN_IS_PERSON.match(rest)))


HAN_LATIN_CUE = regex.compile(r"(?i)(?<![\p{L}])(?:" + "|".join(sorted(
    {regex.escape(w) for w in TITLES | ROLES if w.isascii() and len(w) > 1}, key=len, reverse=True))
    + r")\.?[ \t]*$")


@functools.lru_cache(maxsize=1)
def _han_simplified_map() -> dict[int, str]:
    """wordfreq's map of Traditional characters to Simplified ones (data/han_simplified.txt.gz)."""
    import gzip
    from pathlib import Path

    path = Path(lex_module.__file__).parent / "data" / "han_simplified.txt.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return {ord(line[0]): line[1] for line in f if len(line.rstrip("\n")) == 2 and not line.startswith("#")}


# Round 17: what follows the naming verb 叫 ("is called") up to the end of its clause is what one is called (我的社工叫
# 艾玛，; 她叫莎拉。): a name of two or three characters however it is spelt, also a foreign name written by its
# sound (艾玛 Emma, 莎拉 Sarah), which neither the surnames nor the name list hold. Not after a negation (不叫), not a
# pronoun or question word (叫我, 叫什么), not a verb 叫 makes (叫醒 wake), not an everyday word (HAN_NAMED_ZIPF).
HAN_CALLED_CLAUSE = regex.compile(
    r"(?<![不没別别])(?:名叫|名字叫|名字是|叫)(?P<name>\p{Han}{2,3})(?=[，,。.！!？?；;、\s]|$)")
HAN_NOT_CALLED_START = tuple("我你他她它您这那什啥谁做")


def _han_called(text: str, spans: list[tuple[int, int, float, str]]) -> list[tuple[int, int, float, str]]:
    found = []
    for m in HAN_CALLED_CLAUSE.finditer(text):
        name = m.group("name")
        if name.startswith(HAN_NOT_CALLED_START) or any(c in HAN_FUNCTION or c in "我你他她它您" for c in name) \
                or lex_module._zipf("叫" + name[0], "zh") >= 3.5 or lex_module._zipf(name, "zh") >= HAN_NAMED_ZIPF \
                or any(a < m.end("name") and m.start("name") < b for a, b, _, _ in spans):
            continue
        found.append((m.start("name"), m.end("name"), 0.7, "a name after 叫, ending its clause"))
    return found


def _han(text: str) -> list[tuple[int, int, float, str]]:
    """Chinese names: a common surname and one or two characters where a person stands (after a
    naming word or role, or opening a clause before a verb people do), and nicknames after 叫.
    Round 16: the rules read Traditional characters as their Simplified ones (陳偉文, 黃醫生, 幫; a character
    for a character, so every offset stays)."""
    if HAN_RUN.search(text):
        text = text.translate(_han_simplified_map())
    spans = []
    for run in HAN_RUN.finditer(text):
        s = run.group()
        latin = HAN_LATIN_CUE.search(text[max(0, run.start() - 20):run.start()])
        i = 0
        while i < len(s):
            found = 0
            reason = "a Chinese name"
            cue = any(s[:i].endswith(c) for c in HAN_BEFORE)
            if i == 0 and latin:
                # round 12: after a title or role in English ("Dr 吴", "advocate 安娜"): a surname, or a name
                if s[0] in HAN_SURNAMES and not s.startswith(HAN_NOT_NAMES):
                    size = 3 if len(s) >= 3 and get_lexicon().is_name(s[1:3]) else 2 if len(s) >= 2 and \
                        s[1] not in HAN_FUNCTION and not s.startswith(HAN_TITLES, 1) \
                        and not s.startswith(HAN_AFTER, 1) else 1
                    found, reason = size, "a Chinese name after a title or role"
                elif len(s) >= 2 and get_lexicon().is_name(s[:2]) and lex_module._zipf(s[:2], "zh") < HAN_NAMED_ZIPF:
                    found, reason = 2, "a Chinese name after a title or role"
                if found:
                    spans.append((run.start(), run.start() + found, 0.7, reason))
                    i += found
                    continue
            if s[:i].endswith(HAN_SURNAMED) and (s[i] in HAN_SURNAMES or s.startswith(HAN_DOUBLE_SURNAMES, i)):
                found = 2 if s.startswith(HAN_DOUBLE_SURNAMES, i) else 1
                spans.append((run.start() + i, run.start() + i + found, 0.7, "a Chinese surname after 姓"))
                i += found
                continue
            double = s.startswith(HAN_DOUBLE_SURNAMES, i)
            if double and (cue or i == 0):
                for size in (3, 4):
                    rest = s[i + size:]
                    if i + size > len(s) or any(c in HAN_FUNCTION for c in s[i + 2:i + size]):
                        break
                    if rest == "" or rest.startswith(HAN_AFTER) or rest.startswith(HAN_TITLES):
                        found, reason = size, "a Chinese double surname and a given name"
                        break
            if not found and s[i] in HAN_SURNAMES and not s.startswith(HAN_NOT_NAMES, i):
                for size in (2, 3):
                    if i + size > len(s) or any(c in HAN_FUNCTION for c in s[i + 1:i + size]) \
                            or s.startswith(HAN_TITLES, i + 1):
                        break                    # (round 12: 周警官, officer Zhou: the surname alone, below)
                    rest = s[i + size:]
                    # (round 13: or a title after the name, 赵敏律师说 "the lawyer Zhao Min said")
                    verb = rest == "" or any(rest.startswith(c) for c in HAN_AFTER) or rest.startswith(HAN_TITLES)
                    if s[i + size - 1] in HAN_PLACE_ENDS:
                        break                    # round 11: 唐人街 (Chinatown), a place
                    if size == 2 and s[i + 1] == "子":
                        break                    # round 16: -子 makes nouns (叶子 leaf, 李子 plum), not names
                    # an everyday word that starts with a surname (苏格兰 Scotland, 白天 daytime) is none
                    if verb and (cue or i == 0) and lex_module._zipf(s[i:i + size], "zh") < HAN_GIVEN_ZIPF:
                        found = size
                        break
                if not found and (cue or i == 0) and s.startswith(HAN_TITLES, i + 1):
                    found, reason = 1, "a Chinese surname before a title"
            if not found and (cue or i == 0) and _han_given_name(s, i):
                found, reason = 2, "a Chinese given name"
            if not found and (cue or i == 0) and _han_word_name(s, i, cue):
                found, reason = 2, "a Chinese given name that is also a word, where a person stands"
            if not found and _han_one_name(s, i):
                found, reason = 1, "a one-character Chinese given name where a person stands"
            if found:
                spans.append((run.start() + i, run.start() + i + found, 0.7, reason))
                i += found
            else:
                i += 1
    for m in HAN_NICKNAME.finditer(text):
        if m.group("name") in HAN_TITLES or m.group("name") in HAN_PERSON_NOUNS:
            continue            # round 20: a title or role, what one calls a person (叫他老板, call him boss)
        spans.append((m.start("name"), m.end("name"), 0.7, "a Chinese nickname"))
    for m in HAN_FAMILIAR.finditer(text):
        before, after = text[:m.start()], text[m.end():]
        opening = m.start() == 0 or not HAN_START.match(text[m.start() - 1])
        if m.start() == 0 and after[:1] in ("，", ",", "！", "!") and m.group("name")[1] not in HAN_FAMILIAR_KIN \
                and lex_module._zipf(m.group("name"), "zh") < 3.5:
            # round 16: 阿强，你还记得我吗 (Ah Qiang, do you remember me): opening the answer, spoken to
            spans.append((m.start("name"), m.end("name"), 0.7, "a Chinese nickname spoken to"))
            continue
        if any(before.endswith(c) for c in HAN_BEFORE) or (opening and any(after.startswith(c) for c in HAN_AFTER)) \
                or (any(before.endswith(c) for c in ("我和", "我跟", "跟", "和")) and after[:1] in "住一在"):
            # ("" is in every string: a nickname ending the answer, "谢谢小李", is one too)
            if not any(a <= m.start() < b for a, b, _, _ in spans) and (after == "" or after[0] not in "时心孩姨们") \
                    and m.group("name")[1] not in HAN_FAMILIAR_KIN \
                    and not _han_longer_word(m.group("name"), after):
                spans.append((m.start("name"), m.end("name"), 0.7, "a Chinese nickname"))
    spans += _han_sister_brother(text, spans)
    spans += _han_in_latin(text, spans)
    spans += _han_object(text, spans)
    spans += _han_called(text, spans)
    spans += _han_r20(text, spans)
    return spans


# Round 11 (second part): verbs whose object is a person (met, saw, ran into, told, gave to, phoned)
HAN_OBJECT_VERBS = ("认识了", "见到了", "遇到了", "遇见了", "碰到了", "告诉", "给了", "打电话给", "找到了", "联系了")


def _han_object(text: str, spans: list[tuple[int, int, float, str]]) -> list[tuple[int, int, float, str]]:
    """Round 11: a surname and one or two characters right after a verb whose object is a person (认识了X, 告诉X),
    ending the Han run or before a verb people do or a pronoun, and no everyday word (wordfreq's Chinese list)."""
    found = []
    for run in HAN_RUN.finditer(text):
        s = run.group()
        for verb in HAN_OBJECT_VERBS:
            at = s.find(verb)
            while at >= 0:
                p = at + len(verb)
                at = s.find(verb, p)
                if p >= len(s) or s[p] not in HAN_SURNAMES or s.startswith(HAN_NOT_NAMES, p) \
                        or s.startswith(HAN_TITLES, p + 1):
                    continue
                for size in (2, 3):
                    name, rest = s[p:p + size], s[p + size:]
                    if len(name) < size or any(c in HAN_FUNCTION or c in "她他我你" for c in name[1:]):
                        break
                    # (round 18: or the thing told or given, opened by "this, that": 告诉刘伟这件事, told Liu Wei this)
                    if (rest == "" or rest.startswith(HAN_AFTER) or rest[0] in "她他这那") \
                            and lex_module._zipf(name, "zh") < HAN_GIVEN_ZIPF \
                            and not any(a <= run.start() + p < b for a, b, _, _ in spans):
                        found.append((run.start() + p, run.start() + p + size, 0.7,
                                      "a Chinese name after a verb whose object is a person"))
                        break
    return found


LATIN_WORD = regex.compile(r"\p{Latin}{2,}")


def _han_in_latin(text: str, spans: list[tuple[int, int, float, str]]) -> list[tuple[int, int, float, str]]:
    """Round 13: in an answer written in Latin letters, a short Han run standing alone is the name a person is
    known by, copied in its own script ("my friend 阿芳 helped me", "we called him 老陈"): a familiar form (阿X,
    小X, 老 and a surname) or a surname and one or two characters, and no everyday word (wordfreq's Chinese list)."""
    if len(LATIN_WORD.findall(text)) < 3 or len(LATIN_WORD.findall(text)) < len(HAN_RUN.findall(text)) * 2:
        return []
    found = []
    for run in HAN_RUN.finditer(text):
        s = run.group()
        if any(a < run.end() and run.start() < b for a, b, _, _ in spans) or any(c in HAN_FUNCTION for c in s):
            continue
        if len(s) == 1 and (s in HAN_SURNAMES or s in HAN_ONE_GIVEN) \
                or 2 <= len(s) <= 3 and _han_translit(s, 0) == len(s) or len(s) == 2 and get_lexicon().is_name(s) \
                and not regex.search(r"(?i)\b(?:a|an|the|this|that|some|any|its)\s*$", text[:run.start()]):
            # round 20: a surname or one of the commonest given names alone ("陈 lawyer very busy", "明 helped me"),
            # a foreign name written by its sound ("thank you 玛丽 for everything"), or a given name of the name
            # list ("thanks to 高峰"): what an English answer copies in Han characters is the name a person has,
            # unless an article or determiner says it is a thing ("a 平安 bracelet": no name follows an article)
            found.append((run.start(), run.end(), 0.7, "a Chinese name standing alone in a Latin-script answer"))
            continue
        if not 2 <= len(s) <= 3:
            continue
        familiar = len(s) == 2 and HAN_FAMILIAR.fullmatch(s) is not None and not _han_longer_word(s, "")
        surname = s[0] in HAN_SURNAMES and not s.startswith(HAN_NOT_NAMES) and s[-1] not in HAN_PLACE_ENDS \
            and lex_module._zipf(s, "zh") < HAN_WORD_ZIPF
        if familiar or surname:
            found.append((run.start(), run.end(), 0.7, "a Chinese name standing alone in a Latin-script answer"))
    return found


# Round 11: words that [小阿] start (小孩 child, 阿姨 auntie, 小时 hour): their second character
HAN_FAMILIAR_WORDS = frozenset("孩姨时心们伙姐哥子区学组说费吃")    # (round 13: 小区 estate, 小学 school ...)
# brands that start like a familiar name (小红书 the app "RED", 小米 the phone maker)
HAN_BRANDS = ("小红书", "小米手机", "阿里巴巴", "阿里")
# characters that stand before 姐/哥 in kin words and titles, never a given name (大姐, 表哥, 我哥, 他姐, 空姐)
HAN_NOT_BEFORE_SISTER = frozenset("大小老表堂亲我你他她咱们二三四五六七八九十空师姐哥的个是和跟")
HAN_SISTER = regex.compile(r"(?P<name>\p{Han}{1,2})(?:姐|哥)(?![姐哥])")
# places end in these (唐人街 Chinatown, 人民路, 美甲店): a surname starting one starts no name (not 国, 城:
# given names end in them, 建国, 国栋)
HAN_PLACE_ENDS = frozenset("街路店市省县村镇馆楼厂")


def _han_longer_word(name: str, after: str) -> bool:
    """Round 11: a familiar form [小阿]X that is an everyday word (小孩, 阿姨) or the start of a longer one that
    wordfreq's Chinese list knows (阿尔巴尼亚, Albania)."""
    if name[1] in HAN_FAMILIAR_WORDS or (name + after).startswith(HAN_BRANDS):
        return True
    han = HAN_RUN.match(after)
    return han is not None and any(lex_module._zipf(name + han.group()[:k], "zh") >= HAN_WORD_ZIPF
                                   for k in range(1, min(4, len(han.group())) + 1))


# a Han word at least this common in wordfreq's Chinese list is a word, not a name (阿尔巴尼亚 4.0)
HAN_WORD_ZIPF = 3.0


def _han_sister_brother(text: str, spans: list[tuple[int, int, float, str]]) -> list[tuple[int, int, float, str]]:
    """Round 11: a given name before 姐/哥 (芳姐, 强哥, 美丽姐: "sister Fang", "brother Qiang"), opening a Han run
    or after a word people stand after (和, 跟, 谢谢), unless kin or a title (大姐, 表哥, 他姐)."""
    found = []
    for m in HAN_SISTER.finditer(text, overlapped=True):
        name = m.group("name")
        start = m.start("name")
        before = text[:start]
        opening = start == 0 or not HAN_START.match(text[start - 1])
        if not opening and not any(before.endswith(c) for c in HAN_BEFORE):
            continue
        if len(name) == 2 and not opening:
            name, start = name[1], start + 1
        if any(c in HAN_NOT_BEFORE_SISTER or c in HAN_FUNCTION for c in name) or any(
                a <= start < b for a, b, _, _ in spans):
            continue
        found.append((start, start + len(name), 0.7, "a Chinese given name before sister or brother"))
    return found


# Round 20: the characters of the standard table for writing foreign names by their sound (Xinhua's 英语姓名译名手册
# and 世界人名翻译大辞典: 玛丽 Mary, 约翰 John, 海伦 Helen, 凯文 Kevin), and, among them, those Chinese uses almost only
# there (玛, 娜, 莎, 妮, 翰, 姆 ...): a run of two or three of the first with one of the second is a foreign name
# written by its sound, where a person stands (opening a clause before what a person does, after a word people
# stand after, or alone between punctuation), unless the longer word it starts or ends is a word or a place
# (伦敦 London stands where places stand, 阿尔巴尼亚, 斯里兰卡)
HAN_TRANSLIT = frozenset(
    "阿埃艾爱安昂奥巴拜班邦保鲍贝本比彼宾波伯博布查达黛戴丹道德登迪蒂丁东杜敦顿多厄恩尔法菲芬丰弗福盖甘冈戈格"
    "根古哈海汉豪赫亨胡华霍基吉加贾杰金卡凯坎康柯科克肯库奎拉莱兰朗劳勒雷蕾里利莉丽连林琳露卢鲁伦罗洛玛马迈麦"
    "曼梅蒙米敏莫姆穆纳娜奈南内尼妮纽努诺欧帕派潘佩彭皮珀普齐奇乔切琼丘萨塞桑瑟森沙莎尚什施史斯松苏索塔泰坦汤"
    "唐特提汀图托瓦万威韦维温文沃乌西希夏肖谢辛休雅亚扬耶伊英尤约扎詹珍朱卓兹佐翰娅茜薇丝琪芙芭密")
HAN_TRANSLIT_MARKED = frozenset("玛娜莎妮姆翰蒂黛丝瑟琼凯伦莉琳娅茜薇露乔迪尔斯珍艾芙芭")
# what a person does or is, right after the name (玛丽说, 约翰帮我, 凯文陪我, 珍妮一直陪着我, 莉莉送我)
HAN_PERSON_AFTER = HAN_ONE_VERBS + HAN_WORD_NAME_AFTER + (
    "替", "送", "借", "会", "都", "也", "还", "每", "一直", "人很", "开车", "后来", "同", "加油", "请", "话",
    "佢", "教", "是我", "是他", "是她", "是这", "是那", "是警察", "是慈善", "是社工",
    # a person's own phone, e-mail and number (玛丽的邮箱, 约翰的电话)
    "的电话", "的邮箱", "的手机", "的号码", "的地址")
# words before which a person stands too (the round 19 time words' kin: "that time", "last year", "in winter", and
# the volunteer and the church sister, roles as 社工 and 朋友 are), and verbs that take a person (hand to, miss)
HAN_R20_BEFORE = HAN_BEFORE + ("时候", "去年", "今年", "冬天", "夏天", "有一次", "志愿者", "姐妹", "交给", "想念",
                               "等", "替", "搵", "搵咗", "揾", "揾咗", "请", "叫了", "问问", "每个星期", "有时候")
# the two-character titles after a surname (王律师, 周太太, 林先生): the surname is a person's wherever it stands,
# unless it and the character before it make a word (关于, 国王) or it is also a preposition (向 "towards")
HAN_LONG_TITLES = ("老板", "老师", "师傅", "先生", "女士", "小姐", "阿姨", "医生", "律师", "经理", "警官", "大夫",
                   "太太", "夫人", "护士")
# reduplicated everyday words are adverbs before a verb (明明说好 "clearly said"; 常常, 刚刚), no names
HAN_NOT_AFTER_FAMILIAR = "时心孩姨们"


def _han_bound(s: str, i: int) -> bool:
    """The character before s[i] and s[i] make an everyday word (关于, 上海, 国王): s[i] starts no name."""
    return i > 0 and lex_module._zipf(s[i - 1:i + 1], "zh") >= 3.5


def _han_person_before(s: str, i: int) -> bool:
    # (not after 在 "at, in": a place stands there far more often than a person, 也在伦敦)
    return i == 0 or (any(s[:i].endswith(c) for c in HAN_R20_BEFORE) and not s[:i].endswith("在"))


def _han_translit(s: str, i: int) -> int:
    """Round 20: the size of a foreign name written by its sound at s[i] (HAN_TRANSLIT), where a person stands."""
    cue = _han_person_before(s, i)
    for size in (3, 2):
        word, rest = s[i:i + size], s[i + size:]
        if len(word) < size or not all(c in HAN_TRANSLIT for c in word) \
                or not any(c in HAN_TRANSLIT_MARKED for c in word):
            continue
        lexicon = get_lexicon()
        if lexicon.is_place(word) or any(lex_module._zipf(word + rest[:k], "zh") >= HAN_WORD_ZIPF
                                         or lexicon.is_place(word + rest[:k]) for k in range(1, min(3, len(rest)) + 1)):
            return 0                 # the start of a longer word or place (阿尔巴尼亚, 斯里兰卡)
        # (a title after it says a person: 史密斯医生, 教会的玛丽姐)
        titled = rest.startswith(HAN_TITLES) and not _han_bound(s, i)
        if not cue and not titled and (_han_bound(s, i) or i > 0):
            continue
        if rest[:1] and lex_module._zipf(word[-1] + rest[:1], "zh") >= 3.5 and not rest.startswith(HAN_PERSON_AFTER):
            continue
        if titled or rest == "" or rest.startswith(HAN_PERSON_AFTER) or bool(HAN_IS_PERSON.match(rest)) \
                or rest.startswith(HAN_KIN_TITLES):
            return size
    return 0


def _han_r20(text: str, spans: list[tuple[int, int, float, str]]) -> list[tuple[int, int, float, str]]:
    """Round 20: foreign names written by their sound, the familiar forms 阿X and 老 + surname wherever they stand
    and 小 + surname before what a person does, a surname before a two-character title wherever it stands, and a
    surname before a given name of the name list wherever it stands."""
    found: list[tuple[int, int, float, str]] = []

    def free(a: int, b: int) -> bool:
        return not any(x < b and a < y for x, y, _, _ in spans + found)

    for run in HAN_RUN.finditer(text):
        s, at = run.group(), run.start()
        if at == 0 and s in HAN_ONE_GIVEN and text[run.end():].startswith(("，他", "，她", ",他", ",她")) \
                and free(0, 1):
            # the topic opening the answer, taken up by "he, she" (军，他教我坐地铁: Jun, he taught me ...)
            found.append((0, 1, 0.7, "a one-character Chinese given name, the topic a pronoun takes up"))
            continue
        i = 0
        while i < len(s):
            size, reason = 0, ""
            c, nxt, rest = s[i], s[i + 1:i + 2], s[i + 2:]
            if c == "阿" and nxt and nxt not in HAN_FAMILIAR_KIN and nxt not in HAN_FUNCTION \
                    and nxt not in "我你他她它您这那" and not _han_longer_word(s[i:i + 2], rest) \
                    and lex_module._zipf(s[i:i + 2], "zh") < 3.5 and not _han_bound(s, i) \
                    and not (nxt in HAN_TRANSLIT_MARKED and rest[:1] and rest[0] in HAN_TRANSLIT):
                # (not 阿 opening a foreign word written by its sound: 阿斯达 Asda)
                size, reason = 2, "a Chinese familiar name, 阿 and a given name"
            elif c == "老" and nxt in HAN_SURNAMES and not s.startswith(HAN_NOT_NAMES, i + 1) \
                    and not _han_longer_word(s[i:i + 2], rest) and lex_module._zipf(s[i:i + 2], "zh") < 3.5 \
                    and not (rest[:1] and rest[:1] != "老" and lex_module._zipf(nxt + rest[:1], "zh") >= 4.0) \
                    and not _han_bound(s, i):
                size, reason = 2, "a Chinese familiar name, 老 and a surname"
            elif c == "小" and nxt in HAN_SURNAMES and _han_person_before(s, i) and not _han_bound(s, i) \
                    and (rest.startswith(HAN_PERSON_AFTER) or rest == "") and not _han_longer_word(s[i:i + 2], rest) \
                    and lex_module._zipf(s[i:i + 2], "zh") < 4.0:
                size, reason = 2, "a Chinese familiar name, 小 and a surname, where a person stands"
            elif c in HAN_SURNAMES and c != "向" and s.startswith(HAN_LONG_TITLES, i + 1) and not _han_bound(s, i) \
                    and not s.startswith(HAN_NOT_NAMES, i):
                size, reason = 1, "a Chinese surname before a title"
            elif s.startswith(HAN_DOUBLE_SURNAMES, i) and get_lexicon().is_name(s[i + 2:i + 4]) \
                    and lex_module._zipf(s[i + 2:i + 4], "zh") < HAN_GIVEN_ZIPF:
                size, reason = 4, "a Chinese double surname and a given name of the name list"   # (欧阳晓东)
            elif c in HAN_SURNAMES and not s.startswith(HAN_NOT_NAMES, i) and not _han_bound(s, i) \
                    and len(s) >= i + 3 and get_lexicon().is_name(s[i + 1:i + 3]) \
                    and not any(ch in HAN_FUNCTION for ch in s[i + 1:i + 3]) \
                    and lex_module._zipf(s[i + 1:i + 3], "zh") < HAN_GIVEN_ZIPF \
                    and lex_module._zipf(s[i:i + 3], "zh") < HAN_WORD_ZIPF \
                    and lex_module._zipf(s[i:i + 2], "zh") < HAN_GIVEN_ZIPF and not get_lexicon().is_place(s[i:i + 3]):
                # (not a place, 黄大仙 Wong Tai Sin)
                size, reason = 3, "a Chinese surname and a given name of the name list"
            else:
                size = _han_translit(s, i)
                reason = "a foreign name written in Chinese by its sound"
            if size and free(at + i, at + i + size):
                found.append((at + i, at + i + size, 0.7, reason))
                i += size
            else:
                i += 1
    found += _han_latin_person(text, spans + found)
    for m in regex.finditer(r"阿(?P<latin>\p{Latin}{1,12})(?!\p{Latin})", text):
        # 阿May, 阿B: the familiar 阿 before a name in Latin letters
        if free(m.start(), m.end()) and (m.start() == 0 or not regex.match(r"\p{Latin}", text[m.start() - 1])):
            found.append((m.start(), m.end(), 0.7, "a Chinese familiar name, 阿 and a name in Latin letters"))
    return found


LATIN_IN_HAN = regex.compile(r"(?<![\p{Latin}\d@./_-])\p{Latin}{2,}(?![\p{Latin}\d@./_-])")


def _han_latin_person(text: str, spans: list[tuple[int, int, float, str]]) -> list[tuple[int, int, float, str]]:
    """Round 20: in a Chinese answer, a name of the name list written in Latin letters (kevin, Grace, David) where
    Chinese grammar puts a person: right after a word people stand after (跟amy去了, 律师是 john) or right before what a
    person does (kevin帮我, David替我说, Joy每个礼拜来看我). Not an acronym (GP), not in an answer with more Latin
    words than Han characters (the Latin rules read those), and in lower case not a word name commoner than an
    everyday word (bank, hope: English zipf 5 or more)."""
    han = sum(len(r.group()) for r in HAN_RUN.finditer(text))
    if not han:
        return []
    words = list(LATIN_IN_HAN.finditer(text))
    if len(words) > han:
        return []
    lexicon = get_lexicon()
    found = []
    for m in words:
        word = m.group()
        key = word.lower()
        if word.isupper() or not lexicon.is_name(key) or any(a < m.end() and m.start() < b for a, b, _, _ in spans):
            continue
        if key in ("ah", "a") and LATIN_IN_HAN.match(text, m.end() + 1):
            continue        # Cantonese 阿 in Latin letters (ah ming): the name is the word after it
        if word.islower() and lexicon.is_word_name(key) and lex_module._zipf(key, "en") >= 5.0:
            continue
        before = text[:m.start()].rstrip(" ")
        after = text[m.end():].lstrip(" ")
        cue = HAN_START.match(before[-1:] or " ") is not None and _han_person_before(before, len(before)) \
            and not before.endswith(("是", "在"))
        named = before.endswith(tuple(w + "是" for w in HAN_BEFORE if len(w) > 1) + ("叫", "名叫"))
        verb = HAN_START.match(after[:1] or " ") is not None and after.startswith(HAN_PERSON_AFTER)
        if cue or named or verb:
            found.append((m.start(), m.end(), 0.7, "a name in Latin letters where Chinese grammar puts a person"))
    return found


def unsure_spans(text: str, language: str = "en") -> list[tuple[int, int]]:
    """Words the rules declined to redact but could not call safe (see the module docstring)."""
    return find_names(text, language)[1]


# The rules' view of an answer's words, for the learned tagger (bot.anonymise.tagger)
starts_sentence = _sentence_start


def classified_tokens(text: str, language: str = "en") -> list[Token]:
    """The answer's words as the name rules classed them (kind: safe, name, word_name, unknown ...): those
    of the last pass when it was over this text (find_names keeps them with its result), else anew."""
    language = normalise_language(language)
    key = (hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest(), language)
    last = getattr(_last, "entry", None)
    if last is not None and last[0] == key:
        return last[3]
    tokens = tokenize(text)
    _classify(tokens, text, get_lexicon(), language)
    return tokens
