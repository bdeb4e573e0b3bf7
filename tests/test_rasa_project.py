"""The Rasa project itself: data validates, and the test stories pass."""

from __future__ import annotations

import os
import subprocess

import pytest

from bot.paths import ROOT
from bot.rasa import project as rasa_project


@pytest.fixture(scope="session")
def model():
    return rasa_project.train()


def _rasa(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        rasa_project.rasa_command(*args), cwd=ROOT, env=rasa_project.rasa_env(),
        capture_output=True, text=True, timeout=timeout,
    )


def test_rasa_data_validates_without_warnings():
    result = _rasa("data", "validate", "--domain", "domain", "--data", "data/nlu", "data/rules.yml",
                   "data/stories.yml", "--fail-on-warnings")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_rasa_test_stories_cover_every_branch_without_prediction_errors(model, tmp_path):
    result = _rasa(
        "test", "core", "--model", str(model), "--stories", "tests/stories",
        "--fail-on-prediction-errors", "--out", str(tmp_path / "results"),
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    stories = (ROOT / "tests" / "stories" / "test_stories.yml").read_text()
    for intent in ("skip", "go_back", "repeat", "dont_understand", "pause", "stop", "help_now"):
        assert f"intent: {intent}" in stories


def test_training_is_skipped_when_nothing_changed(model):
    before = model.stat().st_mtime_ns
    assert rasa_project.train() == model
    assert model.stat().st_mtime_ns == before


def test_a_second_checkout_gets_the_model_from_the_cache_without_training(model, tmp_path, monkeypatch, capsys):
    """Same content, another var/models (a second clone): the shared model is placed there, not trained again."""
    shared = rasa_project.shared_models_dir() / f"{rasa_project.training_fingerprint()}.tar.gz"
    assert shared.exists() and shared.read_bytes() == model.read_bytes()
    trained = shared.stat()
    monkeypatch.setenv("IMSA_MODELS_DIR", str(tmp_path / "second-clone" / "models"))
    capsys.readouterr()

    placed = rasa_project.train()

    assert placed == tmp_path / "second-clone" / "models" / "imsa.tar.gz"
    assert "reused from the cache" in capsys.readouterr().out
    assert placed.read_bytes() == shared.read_bytes()
    assert (shared.stat().st_ino, shared.stat().st_mtime_ns >= trained.st_mtime_ns) == (trained.st_ino, True)
    assert not list(shared.parent.glob(".training-*"))  # Rasa never ran: no training folder, the same file
    assert rasa_project.train() == placed  # and from then on it is up to date there


def test_the_fingerprint_covers_the_rasa_version(monkeypatch):
    from importlib import metadata

    before = rasa_project.training_fingerprint()
    real = metadata.version
    monkeypatch.setattr(metadata, "version", lambda name: "0.0.1" if name == "rasa" else real(name))
    assert rasa_project.training_fingerprint() != before


def test_typed_control_words_are_understood_in_every_language(model):
    """Held-out phrasings (tests/nlu/<lang>.yml, never in data/nlu/): at least 90% right in every language."""
    from bot.rasa import nlu_accuracy

    results = nlu_accuracy.score(model)
    assert set(results) >= {"en", "sq", "vi", "ti", "ar", "so", "am", "ro", "pl", "fa", "prs", "ps", "ckb", "ur",
                            "bn", "zh", "pa", "pt", "fr", "es"}
    table = nlu_accuracy.table(results)
    for code, score in results.items():
        assert score.total >= 50, code
        assert score.accuracy >= 0.90, f"{code}: {score.accuracy:.0%}\n{table}"


def test_held_out_phrases_are_not_in_the_training_data():
    from bot.rasa import nlu_accuracy

    trained = nlu_accuracy.training_phrases()
    for path in nlu_accuracy.TEST_DIR.glob("*.yml"):
        leaked = [t for _, t in nlu_accuracy.test_examples(path) if nlu_accuracy.normalise_phrase(t) in trained]
        assert leaked == [], (path.name, leaked)


def test_rasa_started_before_its_model_waits_for_the_model_of_its_fingerprint(model, tmp_path, monkeypatch):
    """`imsa-voices run` starts Rasa while the model is made ready: Rasa goes on only once the stamp beside
    --model names the run's fingerprint (an old model with another stamp is not served)."""
    import threading

    import rasa.core.agent  # noqa: F401  (imported here first, so the wait below is the stamp's alone)
    import rasa.core.run  # noqa: F401
    import rasa.server  # noqa: F401

    from bot.rasa import server as rasa_server

    target = tmp_path / "models" / "imsa.tar.gz"
    target.parent.mkdir()
    rasa_project._place(model, target)
    stamp = target.with_name("imsa.fingerprint")
    stamp.write_text("an older model")
    monkeypatch.setenv("IMSA_MODEL_FINGERPRINT", "the model of this run")
    monkeypatch.setattr("sys.argv", ["bot.rasa.server", "run", "--model", str(target), "--port", "1"])
    waiter = threading.Thread(target=rasa_server._wait_for_model, daemon=True)
    waiter.start()
    waiter.join(5)  # the stamp is looked at every 0.1 s
    assert waiter.is_alive()  # still waiting: the stamp names another model

    stamp.write_text("the model of this run")
    waiter.join(60)
    assert not waiter.is_alive()


def test_the_shared_cache_keeps_the_most_recently_used_models(tmp_path):
    import os

    for i in range(5):
        model = tmp_path / f"{i:064x}.tar.gz"
        model.write_bytes(b"model")
        os.utime(model, (1_000_000 + i, 1_000_000 + i))
    rasa_project._prune(tmp_path, keep=3)
    assert sorted(p.name[63] for p in tmp_path.glob("*.tar.gz")) == ["2", "3", "4"]


def test_the_launcher_keeps_no_copy_of_a_process_log_open(tmp_path):
    from tests.servers import free_port

    ports = rasa_project.Ports(rasa=free_port(), actions=free_port(), web=free_port())
    services = rasa_project.Services(ports)
    try:
        services.start(("web",), log_dir=tmp_path)
        assert services.processes["web"].poll() is None  # it runs, writing to its own copy of the file
        mine = {os.readlink(f"/proc/self/fd/{fd}") for fd in os.listdir("/proc/self/fd")
                if os.path.exists(f"/proc/self/fd/{fd}")}
        assert str(tmp_path / "web.log") not in mine
    finally:
        services.stop()
