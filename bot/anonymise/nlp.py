"""A Presidio NlpEngine over a blank spaCy tokenizer (no trained model, no download).

No trained spaCy pipeline can be installed offline here, so NER comes from our own
recognizers. The engine only tokenises; lemmas are the lower-cased tokens, which is
what Presidio's context enhancer compares context words against.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator

import spacy
from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine
from spacy.language import Language

from .languages import SUPPORTED_LANGUAGES


class BlankSpacyNlpEngine(NlpEngine):
    """Tokenise with ``spacy.blank("xx")`` (rule-based, multilingual) for every language."""

    def __init__(self, languages: Iterable[str] = SUPPORTED_LANGUAGES) -> None:
        self._languages = list(languages)
        self._nlp: Language | None = None

    def load(self) -> None:
        self._nlp = spacy.blank("xx")

    def is_loaded(self) -> bool:
        return self._nlp is not None

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        if self._nlp is None:
            self.load()
        assert self._nlp is not None
        doc = self._nlp(text)
        lemmas = [token.lower_ for token in doc]
        return NlpArtifacts(
            entities=[],
            tokens=doc,
            tokens_indices=[token.idx for token in doc],
            lemmas=lemmas,
            nlp_engine=self,
            language=language,
            scores=[],
        )

    def process_batch(self, texts: Iterable[str], language: str, batch_size: int = 1, n_process: int = 1,
                      **kwargs: Any) -> Iterator[tuple[str, NlpArtifacts]]:
        for text in texts:
            yield text, self.process_text(text, language)

    def is_stopword(self, word: str, language: str) -> bool:
        return False

    def is_punct(self, word: str, language: str) -> bool:
        return len(word) == 1 and not word.isalnum()

    def get_supported_entities(self) -> list[str]:
        return []

    def get_supported_languages(self) -> list[str]:
        return list(self._languages)
