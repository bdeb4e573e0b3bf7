"""How well typed control words are understood, per language, on phrases the model never saw.

tests/nlu/<lang>.yml hold held-out phrasings (never in data/nlu/); this loads
the trained model and reports the share whose intent it gets right.
`imsa-voices nlu-accuracy` prints the table that the README quotes.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.paths import ROOT

CONTROL_INTENTS = (
    "greet", "affirm", "deny", "resume", "skip", "go_back", "repeat", "dont_understand", "pause", "stop", "help_now",
)
TEST_DIR = ROOT / "tests" / "nlu"


@dataclass
class Score:
    language: str
    right: int = 0
    total: int = 0
    answers_right: int = 0
    answers_total: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # text, expected, predicted

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0

    @property
    def answer_accuracy(self) -> float:
        return self.answers_right / self.answers_total if self.answers_total else 0.0


def normalise_phrase(text: str) -> str:
    """Case, accents, punctuation and spacing folded: two phrases equal here are the same phrase."""
    import unicodedata

    folded = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(ch for ch in folded if not unicodedata.category(ch).startswith(("M", "P")))
    return " ".join(kept.split())


def training_phrases(nlu_dir: Path = ROOT / "data" / "nlu") -> set[str]:
    phrases = set()
    for path in nlu_dir.glob("*.yml"):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            phrases |= {normalise_phrase(line.strip()[2:]) for line in block["examples"].splitlines() if line.strip()}
    return phrases


def test_examples(path: Path) -> list[tuple[str, str]]:
    items = []
    for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
        for line in block["examples"].splitlines():
            text = line.strip()[2:].strip() if line.strip().startswith("- ") else ""
            if text:
                items.append((block["intent"], text))
    return items


def score(model_path: Path, languages: list[str] | None = None) -> dict[str, Score]:
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    import logging

    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # Rasa's structlog would print every parsed text at DEBUG

    agent = Agent.load(str(model_path))
    results: dict[str, Score] = {}

    async def run() -> None:
        for path in sorted(TEST_DIR.glob("*.yml")):
            code = path.stem
            if languages and code not in languages:
                continue
            s = results.setdefault(code, Score(code))
            for intent, text in test_examples(path):
                predicted = (await agent.parse_message(text))["intent"]["name"]
                if intent in CONTROL_INTENTS:
                    s.total += 1
                    s.right += predicted == intent
                    if predicted != intent:
                        s.misses.append((text, intent, predicted))
                elif intent == "answer":
                    s.answers_total += 1
                    # a free answer must not be taken for a control word
                    s.answers_right += predicted not in CONTROL_INTENTS or predicted in ("greet", "affirm", "deny")
    asyncio.run(run())
    return results


def table(results: dict[str, Score]) -> str:
    lines = ["| language | control phrases right | accuracy | free answers kept as answers |", "|---|---|---|---|"]
    for code, s in sorted(results.items()):
        lines.append(
            f"| {code} | {s.right}/{s.total} | {s.accuracy:.0%} | {s.answers_right}/{s.answers_total} |"
        )
    right = sum(s.right for s in results.values())
    total = sum(s.total for s in results.values())
    lines.append(f"| all | {right}/{total} | {right / max(total, 1):.0%} | |")
    return "\n".join(lines)
