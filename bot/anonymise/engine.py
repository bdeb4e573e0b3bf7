"""The redaction engine: a Presidio analyzer and anonymizer, built once per process."""

from __future__ import annotations

import copy
import logging
import threading

import regex
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine
from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig
from presidio_anonymizer.entities import RecognizerResult as AnonymizerResult

from .fold import fold
from .languages import SUPPORTED_LANGUAGES
from .nlp import BlankSpacyNlpEngine
from .recognizers import recognizers_for
from .recognizers.phone import PHONE_WORD

ENTITY_TYPES: tuple[str, ...] = (
    "NAME", "PHONE", "EMAIL", "POSTCODE", "NINO", "NHS_NUMBER", "PASSPORT", "REFERENCE",
    "BANK_ACCOUNT", "URL", "IP_ADDRESS", "DATE_OF_BIRTH", "ADDRESS",
)
IDENTIFIER_ENTITIES = [entity for entity in ENTITY_TYPES if entity != "NAME"]
SCORE_THRESHOLD = 0.5
CUE_NAME_GAP = 30    # how far before its identifier a cue taken for a name may stand
_SENTENCE_END = regex.compile(r"[.!?。؟።\n](?:\s|$)")
LEARNED_SCORE = 0.6   # a name the learned tagger added (bot.anonymise.tagger): below every rule's score

_LEMMA_ENHANCE = LemmaContextAwareEnhancer.enhance_using_context
_RECOGNIZER_ENHANCE = EntityRecognizer.enhance_using_context

# Presidio logs analysis decisions (with matched text) at DEBUG and INFO. Whatever level
# the application's root logger is set to, these loggers never emit below WARNING.
for _name in ("presidio-analyzer", "presidio-anonymizer"):
    logging.getLogger(_name).setLevel(logging.WARNING)


# On equal scores the more specific type wins (a checksum-valid NHS number also looks
# like a phone number once Presidio's context enhancer has seen the word "number").
# Cue-confirmed types (a number right after "account", "passport", "born") come first.
SPECIFICITY = {
    # an identity document's cue is the more specific when a bank's "card number" cue fires on the same
    # digits ("ID card number 1234 5678 9012")
    "PASSPORT": 5, "BANK_ACCOUNT": 4, "REFERENCE": 4, "DATE_OF_BIRTH": 4,
    "NHS_NUMBER": 3, "NINO": 3, "EMAIL": 3, "IP_ADDRESS": 2, "ADDRESS": 2, "POSTCODE": 2,
    "PHONE": 1, "URL": 1, "NAME": 0,
}


def resolve_overlaps(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Keep non-overlapping spans: higher score first, then the more specific type,
    then the longer span. Same-type overlaps ("Sarah", "Sarah Okafor") merge into their union, and so do two
    identifiers' (a name and an identifier never merge).
    """
    ordered = sorted(
        results,
        # the type's name last, so that a tie never depends on the recognizers' order
        key=lambda r: (-round(r.score, 6), -SPECIFICITY.get(r.entity_type, 0), -(r.end - r.start), r.start,
                       r.entity_type),
    )
    kept: list[RecognizerResult] = []
    for result in ordered:
        clash = False
        for other in kept:
            if result.start < other.end and other.start < result.end:
                # (round 14: two identifiers' spans over one value merge too, typed as the winner: a card's number
                # that one rule took as "ZZ 999 000" and another as "ZZ 999 000 1" leaves no digit behind)
                if other.entity_type == result.entity_type or "NAME" not in (other.entity_type, result.entity_type):
                    other.start = min(other.start, result.start)
                    other.end = max(other.end, result.end)
                clash = True
                break
        if not clash:
            kept.append(result)
    # A merge can make two kept spans overlap: fold them until stable.
    kept.sort(key=lambda r: r.start)
    merged: list[RecognizerResult] = []
    for result in kept:
        if merged and result.start < merged[-1].end:
            merged[-1].end = max(merged[-1].end, result.end)
            continue
        merged.append(result)
    return merged


class _CachedRegistry(RecognizerRegistry):
    """Presidio's registry, its answer kept for each (language, entities) asked: it filters every language's
    recognizers (26 of each of 20 languages) on every call otherwise, 7% of an answer's time. The recognizers are
    all added before the first call, never after (Redactor.__init__)."""

    def get_recognizers(self, language, entities=None, all_fields=False, ad_hoc_recognizers=None):
        if ad_hoc_recognizers:
            return super().get_recognizers(language, entities, all_fields, ad_hoc_recognizers)
        key = (language, tuple(entities) if entities is not None else None, all_fields, len(self.recognizers))
        cache: dict = self.__dict__.setdefault("_answers", {})
        if key not in cache:
            cache[key] = super().get_recognizers(language, entities, all_fields)
        return list(cache[key])


class _LaterArtifacts:
    """The blank tokeniser's NlpArtifacts (nlp.py), made when first read. None of our recognizers reads them:
    only Presidio's context enhancer does, for a result of a recognizer with context words (a phone, an e-mail,
    a postcode...), so an answer without one is never tokenised (8% of an answer's time)."""

    def __init__(self, engine: NlpEngine, text: str, language: str) -> None:
        self._args = (engine, text, language)
        self._made: NlpArtifacts | None = None

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        if self._made is None:
            engine, text, language = self._args
            self._made = engine.process_text(text, language)
        return getattr(self._made, name)


class _Analyzer(AnalyzerEngine):
    """Presidio's AnalyzerEngine, the same answers with less work: the tokens made only when the context enhancer
    needs them, and the enhancer (which deep-copies every result first) asked only when a result has context words
    to look for."""

    def analyze(self, text: str, language: str, entities=None, **kwargs):  # type: ignore[override]
        kwargs.setdefault("nlp_artifacts", _LaterArtifacts(self.nlp_engine, text, language))
        return super().analyze(text=text, language=language, entities=entities, **kwargs)

    def _enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):
        key = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
        enhancer = self.context_aware_enhancer
        if context or type(enhancer).enhance_using_context is not _LEMMA_ENHANCE \
                or any(type(r).enhance_using_context is not _RECOGNIZER_ENHANCE for r in recognizers):
            return super()._enhance_using_context(text, raw_results, nlp_artifacts, recognizers, context)
        # What Presidio does then: each recognizer's results in the recognizers' order (a recognizer's own
        # enhance_using_context is EntityRecognizer's, which changes nothing), then the lemma enhancer over a deep
        # copy of them all, which looks at each result alone and passes over a result whose recognizer has no
        # context words. Here it is given only the results it may change; the others are copied as they are.
        grouped = [r for recognizer in recognizers for r in raw_results if r.recognition_metadata[key] == recognizer.id]
        with_context = {r.id for r in recognizers if r.context}
        asked = [r for r in grouped if r.recognition_metadata[key] in with_context]
        enhanced = iter(enhancer.enhance_using_context(text=text, raw_results=asked, nlp_artifacts=nlp_artifacts,
                                                       recognizers=recognizers, context=context) if asked else ())
        return [next(enhanced) if r.recognition_metadata[key] in with_context else copy.copy(r) for r in grouped]


class Redactor:
    """Analyse with our recognizers for every supported language, replace with [TYPE]."""

    def __init__(self) -> None:
        nlp_engine = BlankSpacyNlpEngine(SUPPORTED_LANGUAGES)
        nlp_engine.load()
        registry = _CachedRegistry(supported_languages=list(SUPPORTED_LANGUAGES))
        for language in SUPPORTED_LANGUAGES:
            for recognizer in recognizers_for(language):
                registry.add_recognizer(recognizer)
        self.analyzer = _Analyzer(
            registry=registry,
            nlp_engine=nlp_engine,
            supported_languages=list(SUPPORTED_LANGUAGES),
            default_score_threshold=SCORE_THRESHOLD,
            log_decision_process=False,
        )
        # the cue phrases of every cue rule (shared by all languages) and the words for a phone or its number
        self._cue_patterns = [r._cue_re for r in registry.recognizers
                              if r.supported_language == "en" and hasattr(r, "_cue_re")] + [PHONE_WORD]
        self.anonymizer = AnonymizerEngine()
        self.operators = {
            entity: OperatorConfig("replace", {"new_value": f"[{entity}]"})
            for entity in ENTITY_TYPES
        }

    def analyze(self, text: str, language: str, learned: bool = True) -> list[RecognizerResult]:
        """What to redact: the recognizers' spans, and the names the learned tagger is sure of where the
        rules found nothing, less the rules' names it overrules (tagger.VETO, 0 from round 14: none; where a
        deployment sets it, they go to review)
        (``learned=False``: the rules alone, as the tagger is trained on)."""
        folded = fold(text)
        if folded == text:
            found = self.analyzer.analyze(text=text, language=language, entities=list(ENTITY_TYPES))
        else:
            # identifiers are read in the folded copy (bot.anonymise.fold: same offsets), names as written
            found = (self.analyzer.analyze(text=text, language=language, entities=["NAME"])
                     + self.analyzer.analyze(text=folded, language=language, entities=IDENTIFIER_ENTITIES))
        results = resolve_overlaps(found)
        results = self._without_cue_names(text, folded, results)
        if learned:
            from .tagger import learned_names, overruled

            added = [RecognizerResult("NAME", start, end, LEARNED_SCORE,
                                      recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: "tagger"})
                     for start, end, _p in learned_names(text, language, results)]
            dropped = overruled(text, language, results)
            if dropped:
                results = [r for r in results if r.entity_type != "NAME" or (r.start, r.end) not in dropped]
            if added:
                results = self._without_cue_names(text, folded, resolve_overlaps(results + added))
        return results

    def _without_cue_names(self, text: str, folded: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
        """Round 15: a "name" that is the cue of the identifier after it is no name ("my nin is TY 52 90 31 A",
        "mano telefonas +370 ...", "ਐਨ ਆਈ ਨੰਬਰ QQ123456B", "numero NHS 999 ..."): the words that introduce an identifier
        in any of the bot's languages, as the cue rules and the phone words list them, when the identifier follows
        within a few words and no sentence ends between, the word not capitalised. A name before an identifier
        stays ("Sara 07700 900123", "Nic 07700 900321")."""
        identifiers = [r for r in results if r.entity_type != "NAME"]
        names = [r for r in results if r.entity_type == "NAME"]
        if not identifiers or not names:
            return results
        dropped = []
        for name in names:
            # (a capitalised word stays a name: "Nic", "Pip", "Ni" are names too, and cues of other languages)
            if text[name.start].isupper():
                continue
            after = [i.start for i in identifiers if 0 <= i.start - name.end <= CUE_NAME_GAP]
            if not after or _SENTENCE_END.search(text, name.end, min(after)):
                continue
            start, end = max(0, name.start - CUE_NAME_GAP), min(after)
            window = folded[start:end]
            cues = [m.start() + start for pattern in self._cue_patterns for m in pattern.finditer(window)
                    if m.start() + start < name.end and name.start < m.end() + start]
            if not cues:
                continue
            # a name that runs on into the cue keeps its words before it ("mrs okafor telefon 020 ..." keeps okafor)
            kept_end = len(text[name.start:min(cues)].rstrip(" ,:;-"))
            if min(cues) > name.start and kept_end > 0:
                name.end = name.start + kept_end
            else:
                dropped.append(name)
        return [r for r in results if not any(r is d for d in dropped)] if dropped else results

    def anonymize(self, text: str, results: list[RecognizerResult]) -> str:
        if not results:
            return text
        return self.anonymizer.anonymize(
            text=text, operators=self.operators,
            analyzer_results=[AnonymizerResult(r.entity_type, r.start, r.end, r.score) for r in results],
        ).text


_redactor: Redactor | None = None
_lock = threading.Lock()


def get_redactor() -> Redactor:
    """The process-wide redactor, built on first use (about a second)."""
    global _redactor
    if _redactor is None:
        with _lock:
            if _redactor is None:
                _redactor = Redactor()
    return _redactor
