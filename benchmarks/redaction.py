"""Throughput of bot.anonymise.redact on chat-sized answers, on one core.

    .venv/bin/python benchmarks/redaction.py [--answers 500] [--rounds 5]

Answers are built from survivor-style sentences (about one in three carries PII) to a
median of 40 words. Prints the median throughput (answers/s) over rounds, the median
added milliseconds per call, and a reference measured in the same run: a plain
``re.sub`` of an e-mail regex over the same answers, with the ratio between the two.

The rules alone (``redact(..., learned=False)``) are timed in the same run, for what the learned
tagger (bot.anonymise.tagger) costs.

Also the store's path for a typed answer (bot.store: ``redact``, then ``uncertain`` on the result
when nothing was redacted), with the name rules' first pass reused by ``uncertain`` and without
(``people.forget_last`` before each ``uncertain``, as before the reuse), on the same answers and on
answers in the bot's other scripts.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.anonymise import redact  # noqa: E402

SENTENCES = [
    "I waited 45 days for the NRM decision and nobody told me anything.",
    "My caseworker Sarah helped me to find a GP who speaks my language.",
    "The Home Office letters were too hard to read without an interpreter.",
    "Section 95 support was not enough for food and travel to appointments.",
    "Please call me on 07700 900123 if you need more information.",
    "We lived in a hotel for eight months and could not cook for ourselves.",
    "The Salvation Army found me a safe house in the north of England.",
    "My solicitor Mr Adebayo explained the asylum process very slowly.",
    "I was afraid of the police because the traffickers told us lies about them.",
    "Housing should be near the support workers and the college.",
    "They kept my passport number 123456789 and all my documents.",
    "In Scotland the support felt different from what my friend had in London.",
    "An advocate who stays the same person for the whole time would help a lot.",
    "My email is fake.person@example.com if you want to send the results.",
    "I live at 14 High Street now and it is quiet.",
    "Survivors need to be asked what they want, not told what to do.",
]
PII_SENTENCES = [s for s in SENTENCES
                 if any(w in s for w in ("Sarah", "07700", "Adebayo", "123456789", "@", "14 High"))]
# Answers in scripts without capitals and other languages (fake names; a third carry one)
OTHER_SENTENCES = [
    "أخذ سامي جوازي ولم يرجعه أبداً.", "ساعدتني المنظمة في العثور على سكن في لندن.",
    "من در یک کارخانه در بیرمنگام کار می‌کردم.", "وکیل نے کہا کہ ہوم آفس جلد جواب دے گا۔",
    "আমি লন্ডনের একটি রেস্তোরাঁয় কাজ করতাম।", "ਮੈਂ ਇੱਕ ਫੈਕਟਰੀ ਵਿੱਚ ਕੰਮ ਕਰਦਾ ਸੀ।",
    "ኣብ ለንደን ናብ ሆም ኦፊስ ከይደ።", "我在伦敦的一家餐馆工作。", "Puna ishte shumë e rëndë në fermë.",
    "Pracowałem dwanaście godzin dziennie w fabryce.", "Tôi làm việc ở tiệm nail ở Birmingham.",
]
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")


def rss_mb() -> float:
    """This process's resident memory (Linux /proc), in MB."""
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def make_answers(count: int, seed: int = 1, sentences: list[str] = SENTENCES) -> list[str]:
    rng = random.Random(seed)
    answers = []
    for _ in range(count):
        target = max(8, int(rng.gauss(40, 12)))
        words: list[str] = []
        while len(words) < target:
            words += rng.choice(sentences).split()
        answers.append(" ".join(words[:target]))
    return answers


def timed(func, answers: list[str]) -> tuple[float, list[float]]:
    per_call = []
    start = time.perf_counter()
    for answer in answers:
        t0 = time.perf_counter()
        func(answer)
        per_call.append(time.perf_counter() - t0)
    return time.perf_counter() - start, per_call


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

    answers = make_answers(args.answers)
    words = sorted(len(a.split()) for a in answers)
    # Memory added by name redaction: its word lists, and wordfreq's list for every language the
    # bot speaks (loaded the first time an answer in that language arrives), before the engine.
    from bot.anonymise import SUPPORTED_LANGUAGES
    from bot.anonymise.lexicon import get_lexicon

    rss_start = rss_mb()
    lexicon = get_lexicon()
    rss_lists = rss_mb()
    for language in SUPPORTED_LANGUAGES:
        lexicon.known("arben", language)
        lexicon.function_word("arben", language)
    rss_words = rss_mb()
    t0 = time.perf_counter()
    redact("warm-up: my name is Sarah, 07700 900123", learned=False)
    build_s = time.perf_counter() - t0
    rss_engine = rss_mb()
    from bot.anonymise.tagger import get_tagger

    t0 = time.perf_counter()
    get_tagger()   # the learned tagger: loaded from the cache (trained there first if it is not)
    tagger_s = time.perf_counter() - t0
    rss_tagger = rss_mb()

    redact_rates, redact_ms, ref_rates, rules_rates = [], [], [], []
    for _ in range(args.rounds):
        total, per_call = timed(redact, answers)
        redact_rates.append(len(answers) / total)
        redact_ms.append(statistics.median(per_call) * 1000)
        rules_total, _ = timed(lambda a: redact(a, learned=False), answers)
        rules_rates.append(len(answers) / rules_total)
        ref_total, _ = timed(lambda a: EMAIL.sub("[EMAIL]", a), answers)
        ref_rates.append(len(answers) / ref_total)

    from bot.anonymise.recognizers.people import forget_last
    from bot.anonymise.uncertain import uncertain

    def store_path(answer: str, reuse: bool = True) -> None:
        result = redact(answer)
        if not result.entities:
            if not reuse:
                forget_last()
            uncertain(result.text)

    others = make_answers(args.answers, sentences=OTHER_SENTENCES)
    # uncertain runs only when nothing was redacted: answers without personal details
    clean = make_answers(args.answers, sentences=[s for s in SENTENCES if s not in PII_SENTENCES])
    paths: dict[str, list[float]] = {}
    for _ in range(args.rounds):
        for label, func, items in (
                ("store path (redact + uncertain) on answers without PII, first pass reused", store_path, clean),
                ("store path on the same answers, name rules run twice", lambda a: store_path(a, reuse=False), clean),
                ("redact, other scripts and languages", redact, others)):
            total, _ = timed(func, items)
            paths.setdefault(label, []).append(len(items) / total)

    redact_rate = statistics.median(redact_rates)
    ref_rate = statistics.median(ref_rates)
    print(f"answers: {len(answers)} x {args.rounds} rounds, median {statistics.median(words):.0f} words"
          f" (min {words[0]}, max {words[-1]}), one core")
    print(f"engine build (first call): {build_s * 1000:.0f} ms; learned tagger loaded in {tagger_s * 1000:.0f} ms")
    print(f"bot.anonymise.redact: {redact_rate:,.0f} answers/s, "
          f"median {statistics.median(redact_ms):.2f} ms added per call")
    rules_rate = statistics.median(rules_rates)
    print(f"the rules alone, without the learned tagger (redact(learned=False)): {rules_rate:,.0f} answers/s; "
          f"with the tagger {rules_rate / redact_rate:.2f}x the time")
    print(f"reference re.sub(email): {ref_rate:,.0f} answers/s")
    print(f"ratio reference/redact: {ref_rate / redact_rate:,.0f}x")
    print(f"goal >= 200 answers/s: {'met' if redact_rate >= 200 else 'NOT met'}")
    for label, rates in paths.items():
        print(f"{label}: {statistics.median(rates):,.0f} answers/s")
    added = rss_words - rss_start + rss_tagger - rss_engine
    print(f"memory (RSS): name lists {rss_lists - rss_start:.0f} MB, wordfreq and stop words of "
          f"{len(SUPPORTED_LANGUAGES)} languages {rss_words - rss_lists:.0f} MB, Presidio engine "
          f"{rss_engine - rss_words:.0f} MB, learned tagger {rss_tagger - rss_engine:.0f} MB")
    print(f"memory added by name redaction: {added:.0f} MB (goal <= 60 MB: {'met' if added <= 60 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
