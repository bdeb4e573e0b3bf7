"""Street addresses: a house number with a street word, in UK and continental word order.

Town and country names alone are not redacted: "I was brought to Leeds" stays.
"""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern, PatternRecognizer

_STREET_EN = (
    "street|st|road|rd|avenue|ave|lane|ln|drive|dr|close|court|ct|crescent|cres|place|pl|"
    "square|sq|terrace|tce|gardens|gdns|way|grove|hill|park|row|walk|mews|view|parade|rise|"
    "green|vale|estate|towers|house|yard|wharf|quay|broadway"
)
# Words that may not sit between the house number and the street word ("45 days in the street").
_NOT_NAME = (
    r"(?!(?:the|a|an|in|on|at|of|to|for|and|or|my|our|his|her|their|days?|weeks?|months?|"
    r"years?|hours?|minutes?|people|men|women|times?|pounds?|euros?|miles?|km|bed|beds|bedroom|bedrooms|"
    r"rooms?|floors?|storey|storeys|star|bathroom|each|every|per|a\s+week|"
    # (round 16: nor "then", a time's abbreviations or a bus's number: "bus 47 then walk", "its 40 min walk",
    # "take the 86 bus then walk")
    r"then|mins?|hrs?|bus|buses|train)\b)"
)
_WORD = r"[^\W\d_][\w'’\-]*"
# round 11: an English street's name is in Latin letters; a word of another script before an English "court" is
# a sentence ("১২ তারিখে court এ যেতে হবে": on the 12th to court)
_LATIN_WORD = r"\p{Latin}[\w'’\-]*"
_UNIT = r"(?:(?:flat|apartment|apt|room|unit|house|block)\s*\d{1,4}[A-Za-z]?,?\s+)?"
# not a sum or a part of a date or a price ("£2 each way", "2.50 each way", "3/11")
_NUMBER = r"(?<![£$€.,/\d])\d{1,4}[A-Za-z]?(?:\s*-\s*\d{1,4})?"

_CONTINENTAL_TYPE = (
    r"(?:ul\.|ulica|ulicy|al\.|aleja|os\.|osiedle|pl\.|str\.|strada|stradă|bd\.|bulevardul|calea|"
    r"șoseaua|soseaua|rue|avenue|av\.|boulevard|bd|chemin|allée|impasse|calle|c/|avenida|avda\.|"
    r"plaza|paseo|carrera|rua|r\.|travessa|largo|praça|rruga|rr\.|lagjja|bulevardi)"
)
_PARTICLE = r"(?:de|del|la|las|los|da|das|do|dos|du|des|e|i|d'|l'|a)"
_CAP = r"\p{Lu}[\w'’\-]*"


# Round 20: an English street word as the other scripts write the loanword ("12 Норт Стрит", "27 ቪክቶሪያ ስትሪት",
# "18 स्टेशन रोड", "١٢ نورث ستريت"), after a house number and the street's name in the same script: the UK order,
# with the name transliterated. Persian "رود" only where it is no verb ("می‌رود", goes).
_STREET_OTHER = (
    r"(?i:стрит|стріт|стрийт|роуд|лейн|авеню|драйв|клоуз|кресент|террас|тераса|гарденс|сквер|плейс|уэй|вэй|хилл|гроув)"
    r"|ستريت|ستریت|استريت|استریت|سٹریٹ|سټریټ|سترێت|(?<!م[یي][\s\u200c]?)رود|روڈ|رۆد|لاين|لاین|أفنيو|افنيو|اڤنيو|"
    r"اونیو|ایونیو|درايف|درایو|كلوز|کلوز|گاردنز|جاردنز|"
    r"ስትሪት|ስትሬት|ሮድ|ሌን|አቨኑ|ኣቨኑ|አቬኑ|ኣቬኑ|ድራይቭ|ክሎዝ|ጋርደንስ|"
    r"स्ट्रीट|स्ट्रिट|रोड|लेन|एवेन्यू|ड्राइव|क्लोज़|क्लोज|गार्डन्स|मार्ग|"
    r"স্ট্রিট|স্ট্রীট|রোড|লেন|এভিনিউ|ড্রাইভ|ক্লোজ|ਸਟ੍ਰੀਟ|ਸਟਰੀਟ|ਰੋਡ|ਲੇਨ|ਐਵੇਨਿਊ|ਡਰਾਈਵ"
)
# a flat's word in those scripts, before its number ("ፍላት 3፣ 27 ...", "फ्लैट 5, 18 ...")
_UNIT_OTHER = r"(?:(?:ፍላት|ፍላት|फ्लैट|फ़्लैट|флэт|квартира|кв\.|شقة|شقه|فلیٹ|فلت|فلات|ফ্ল্যাট|ਫਲੈਟ)\s*\d{1,4}[\s,،፣]+)?"
# words of time, distance and count that a number names, in those scripts, never a street's name ("5 मिनट रोड पर",
# "10 دقیقه رود")
_NOT_STREET_NAME = (
    r"(?!(?:минут\w*|час\w*|дн\w*|день|лет|год\w*|км|километр\w*|метр\w*|раз\w*|человек|мил\w*|"
    r"دقيقة|دقائق|دقیقه|ساعة|ساعات|ساعت|يوم|أيام|ايام|روز|سنة|سنوات|سال|كيلو\w*|کیلو\w*|متر|مرة|بار|منٹ|گھنٹے|دن|"
    r"ደቂቃ|ሰዓት|ሰዓታት|መዓልቲ|ቀን|ዓመት|ዓመታት|ኪሎ\p{Ethiopic}*|ሜትር|"
    r"मिनट|घंटे|घंटा|दिन|साल|किलोमीटर|मील|बार|नंबर|মিনিট|ঘণ্টা|দিন|বছর|ਮਿੰਟ|ਘੰਟੇ|ਦਿਨ|ਸਾਲ)(?![\p{L}\p{M}]))"
)
_OTHER_WORD = r"(?!\p{Latin})\p{L}[\p{L}\p{M}'’\-]*"
# Round 20: a Cyrillic street as Russian, Ukrainian and Bulgarian put it, its word first ("ул. Ленина, 5", "вулиця
# Шевченка, буд. 12"), as the continental rule reads "ul. Długa 5"
_CYRILLIC_TYPE = (r"(?i:ул\.|улица|улицы|улице|вул\.|вулиця|вулиці|проспект|просп\.|пр-т|переулок|пер\.|бульвар|"
                  r"бул\.|булевард|шоссе|шосе)")


class StreetAddressRecognizer(PatternRecognizer):
    PATTERNS = [
        # 14 High Street / flat 3, 221b Baker St / 7 Acacia Avenue
        Pattern(
            "UK street address",
            rf"(?i)\b{_UNIT}{_NUMBER},?\s+(?:{_NOT_NAME}{_LATIN_WORD}\s+){{1,3}}(?:{_STREET_EN})\b\.?",
            0.8,
        ),
        # ul. Długa 5 / Strada Florilor 12 / Calle Mayor 5 / Rua das Flores 10 / Rruga e Kavajës 12
        Pattern(
            "Continental street address",
            rf"(?i:\b{_CONTINENTAL_TYPE})\s+(?:(?i:{_PARTICLE})\s+|{_CAP}\s+){{0,4}}{_CAP},?\s+(?:nr\.?\s*|no\.?\s*|n[º°]\s*)?\d{{1,4}}[A-Za-z]?(?:/\d{{1,4}})?\b",
            0.8,
        ),
        # 12 rue de la Paix / 5 avenue Victor Hugo
        Pattern(
            "French street address",
            rf"\b\d{{1,4}}(?:\s?(?:bis|ter))?,?\s+(?i:rue|avenue|boulevard|bd|chemin|allée|impasse|place)\s+(?:(?i:{_PARTICLE})\s+)*{_CAP}(?:\s+(?:(?i:{_PARTICLE})\s+)*{_CAP}){{0,3}}",
            0.8,
        ),
        # số 12 đường Lê Lợi / 34 phố Huế
        Pattern(
            "Vietnamese street address",
            r"\b(?:(?i:số)\s+)?\d{1,4}[A-Za-z]?(?:/\d{1,4})?\s+(?i:đường|phố|ngõ|ngách|hẻm)\s+\p{Lu}[\w\-]*(?:\s+\p{Lu}[\w\-]*){0,3}",
            0.8,
        ),
        # round 16: a house number, then the street word of Arabic, Persian and Pashto, then the street's name (one
        # word, in Arabic script or a capitalised Latin one): "٢٣ شارع ستراتفورد", "۱۲ خیابان الم"
        Pattern(
            "Arabic-script street address",
            r"(?<![\d£$€.,/])\d{1,4}\s+(?:شارع|خیابان|خيابان|کوچه|كوچه|جادة|سړک|سرک)\s+"
            r"(?:\p{Arabic}[\p{Arabic}\p{M}]*|\p{Lu}\p{Latin}*)",
            0.8,
        ),
        # round 20: a house number, the street's name and the English street word, all in another script
        Pattern(
            "Street address in another script",
            rf"(?<![\d£$€.,/])\b{_UNIT_OTHER}\d{{1,4}}(?:[\s,،፣]+)(?:{_NOT_STREET_NAME}{_OTHER_WORD}\s+){{1,3}}"
            rf"(?:{_STREET_OTHER})(?![\p{{L}}\p{{M}}])",
            0.8,
        ),
        Pattern(
            "Cyrillic street address",
            rf"(?<!\p{{L}}){_CYRILLIC_TYPE}\s*(?:\p{{Lu}}\p{{Cyrillic}}*\s+){{0,3}}\p{{Lu}}\p{{Cyrillic}}*,?\s+"
            r"(?:(?i:дом|д\.|буд\.|будинок|№)\s*)?\d{1,4}(?![\d\p{L}])(?!\s*(?i:лет|год|минут|час|км|раз|человек))",
            0.8,
        ),
    ]

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entity="ADDRESS",
            patterns=self.PATTERNS,
            context=["address", "live", "lived", "living", "stay", "house", "flat"],
            supported_language=supported_language,
            name="StreetAddressRecognizer",
            # Case matters: street names are capitalised in the continental patterns.
            global_regex_flags=regex.DOTALL | regex.MULTILINE,
        )
