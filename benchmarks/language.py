"""What language detection and rendering add to a chat turn.

Detection runs only when someone types at the welcome step and in the
background translation job; rendering runs on every turn. Prints medians and,
as a reference measured in the same run, a plain str.format of the same text.

    .venv/bin/python benchmarks/language.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml  # noqa: E402

from bot.conversation import i18n, language  # noqa: E402
from bot.conversation.flow import Flow, new_state  # noqa: E402


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def answers() -> list[str]:
    texts = []
    for path in sorted(Path("data/nlu").glob("*.yml")):
        for block in yaml.safe_load(path.read_text())["nlu"]:
            if block["intent"] == "answer":
                texts += [line.strip()[2:] for line in block["examples"].splitlines() if line.strip()]
    return texts


def main() -> None:
    texts = answers()
    language.detect(texts[0])  # load langdetect's profiles once
    i18n.languages()
    detect_ms = statistics.median(median_ms(lambda t=t: language.detect(t), 5) for t in texts)
    template = i18n.languages()["en"].texts["q.health.barriers"]
    reference_ms = median_ms(lambda: template.format(), 2000)

    class NoStore:  # prompt() reads nothing from the store
        pass

    flow = Flow(NoStore())  # type: ignore[arg-type]
    rows = []
    for code in ("en", "sq", "ar", "ti", "zh"):
        state = new_state(code) | {"step": "q:health.barriers", "themes": ["health"], "history": ["themes"]}
        rows.append((code, median_ms(lambda s=state: flow.prompt(s), 500)))
    print(f"language.detect, median over {len(texts)} answers in 20 languages: {detect_ms:.2f} ms per call")
    print(f"reference (str.format of one template):                   {reference_ms * 1000:.1f} µs")
    for code, ms in rows:
        print(f"render a question step ({code}): {ms * 1000:.0f} µs  ({ms / reference_ms:.0f}x the reference)")
    print("goal: detection and rendering add under 10 ms to a turn's median")


if __name__ == "__main__":
    main()
