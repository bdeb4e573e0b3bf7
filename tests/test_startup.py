"""bot/rasa/startup.py: Rasa without TensorFlow when the model uses none, and the real TensorFlow otherwise."""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import textwrap
import urllib.error
import urllib.request

import pytest

from bot.paths import ROOT
from bot.rasa import project as rasa_project
from bot.rasa import startup
from bot.settings import reset as reset_settings


@pytest.fixture(scope="module")
def model():
    return rasa_project.train()


def _config(tmp_path, text: str):
    path = tmp_path / "config.yml"
    path.write_text(textwrap.dedent(text))
    return path


def test_this_projects_config_needs_no_tensorflow_and_one_with_diet_or_ted_does(tmp_path):
    assert startup.config_needs_tensorflow(ROOT / "config.yml") is False
    diet = _config(tmp_path, """
        pipeline:
          - name: WhitespaceTokenizer
          - name: DIETClassifier
        policies:
          - name: RulePolicy
    """)
    assert startup.config_needs_tensorflow(diet) is True
    ted = _config(tmp_path, """
        pipeline:
          - name: WhitespaceTokenizer
        policies:
          - name: TEDPolicy
    """)
    assert startup.config_needs_tensorflow(ted) is True


def test_rasas_defaults_a_custom_component_or_no_config_mean_tensorflow(tmp_path):
    no_policies = _config(tmp_path, """
        pipeline:
          - name: WhitespaceTokenizer
    """)  # Rasa fills in its default policies, TED among them
    assert startup.config_needs_tensorflow(no_policies) is True
    custom = _config(tmp_path, """
        pipeline:
          - name: my_package.MyClassifier
        policies:
          - name: RulePolicy
    """)
    assert startup.config_needs_tensorflow(custom) is True
    assert startup.config_needs_tensorflow(tmp_path / "missing.yml") is True


def test_the_trained_model_needs_no_tensorflow_and_anything_unreadable_does(model, tmp_path):
    assert startup.model_needs_tensorflow(model) is False
    assert startup.model_needs_tensorflow(tmp_path / "missing.tar.gz") is True
    (tmp_path / "broken.tar.gz").write_bytes(b"not a model")
    assert startup.model_needs_tensorflow(tmp_path / "broken.tar.gz") is True
    metadata = {"train_schema": {"nodes": {}}, "predict_schema": {"nodes": {
        "run_DIETClassifier0": {"uses": "rasa.nlu.classifiers.diet_classifier.DIETClassifier"}}}}
    (tmp_path / "metadata.json").write_text(json.dumps(metadata))
    with tarfile.open(tmp_path / "diet.tar.gz", "w:gz") as archive:
        archive.add(tmp_path / "metadata.json", arcname="metadata.json")
    assert startup.model_needs_tensorflow(tmp_path / "diet.tar.gz") is True


def test_which_command_decides_from_what(model, monkeypatch):
    monkeypatch.delenv("IMSA_MODEL_FINGERPRINT", raising=False)
    monkeypatch.delenv("IMSA_TENSORFLOW", raising=False)
    reset_settings()
    assert startup.needs_tensorflow(["train", "--config", str(ROOT / "config.yml")]) is False
    assert startup.needs_tensorflow(["run", "--model", str(model)]) is False
    assert startup.needs_tensorflow(["run"]) is True  # which model: Rasa decides, with TensorFlow
    assert startup.needs_tensorflow(["test", "core"]) is True
    monkeypatch.setenv("IMSA_TENSORFLOW", "always")
    reset_settings()
    try:
        assert startup.needs_tensorflow(["run", "--model", str(model)]) is True
    finally:
        monkeypatch.delenv("IMSA_TENSORFLOW")
        reset_settings()


SCRIPT = """
import sys
sys.path.insert(0, {root!r})
from bot.rasa import startup
startup.prepare(["train", "--config", {config!r}])
import rasa.core.agent, rasa.nlu.classifiers.logistic_regression_classifier  # Rasa's imports, as in the server
print("stand-in" if startup.tensorflow_stubbed() else "real", "jax" in sys.modules, flush=True)
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
print(DIETClassifier.get_default_config()["epochs"], flush=True)  # a real use: the process starts again
"""


def test_rasa_imports_without_tensorflow_and_a_real_use_restarts_the_process_with_it(tmp_path):
    script = tmp_path / "uses_tensorflow.py"
    script.write_text(SCRIPT.format(root=str(ROOT), config=str(ROOT / "config.yml")))
    env = {**rasa_project.rasa_env(), "PYTHONWARNINGS": "ignore"}
    env.pop("IMSA_TENSORFLOW", None)
    result = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split() == ["stand-in", "False", "real", "True", "300"], result.stdout
    assert ("is needed after all "
            "(rasa.nlu.classifiers.diet_classifier.DIETClassifier.get_default_config)") in result.stderr


CHANNEL_SCRIPT = """
import sys
sys.path.insert(0, {root!r})
from bot.rasa import startup
startup.prepare(["run", "--model", "x.tar.gz", "--credentials", {credentials!r}])
import rasa.core.run
from rasa.core.channels import BUILTIN_CHANNELS
print(",".join(sorted(BUILTIN_CHANNELS)), flush=True)
print(" ".join(name for name, c in sorted(BUILTIN_CHANNELS.items()) if getattr(c, "__imsa_stub__", False)), flush=True)
print("slack_sdk" in sys.modules, "aiogram" in sys.modules, flush=True)
BUILTIN_CHANNELS["slack"].from_credentials({{"slack_token": "x", "slack_signing_secret": "y"}})  # used after all
"""


def test_a_rasa_server_leaves_out_the_channel_modules_its_credentials_do_not_name(tmp_path):
    """rest and socketio (credentials.yml) are Rasa's own; every other channel is named by a stand-in, and its
    SDK is never imported; a channel made after all starts the process again as stock Rasa."""
    import rasa.core.channels as channels

    real = {c.__module__: (c.__name__, c.name()) for c in channels.input_channel_classes}
    assert {m: v for m, v in real.items() if v[1] not in ("rest", "socketio")} == startup.CHANNELS

    script = tmp_path / "channels.py"
    script.write_text(CHANNEL_SCRIPT.format(root=str(ROOT), credentials=str(ROOT / "credentials.yml")))
    env = {**rasa_project.rasa_env(), "PYTHONWARNINGS": "ignore"}
    env.pop("IMSA_TENSORFLOW", None)
    result = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    everything = ",".join(sorted(v[1] for v in real.values()))
    assert lines[0] == everything
    assert lines[1].split() == sorted(v[1] for v in startup.CHANNELS.values())
    assert lines[2] == "False False"
    # started again as stock Rasa: every channel real, their SDKs imported
    assert lines[3:] == [everything, "", "True True"], result.stdout
    assert "is needed after all (rasa.core.channels.slack.SlackInput.from_credentials)" in result.stderr

    named = tmp_path / "credentials.yml"
    named.write_text("rest:\ntelegram:\n  access_token: x\n")
    assert startup.channels_named(["run", "--credentials", str(named)]) == {"rest", "telegram"}
    assert startup.channels_named(["run", "--credentials", str(tmp_path / "missing.yml")]) is None
    assert startup.channels_named(["run"]) is None


def _loaded_libraries(pid: int) -> str:
    with open(f"/proc/{pid}/maps") as maps:
        return maps.read()


@pytest.mark.servers
def test_the_rasa_server_starts_without_tensorflow_and_answers(model, tmp_path):
    """The real `python -m bot.rasa.server run` of `imsa-voices run` (the model decides: it needs no TensorFlow)
    answers on its REST channel, and TensorFlow's library was never loaded into it."""
    from tests.servers import running_bot

    with running_bot(f"sqlite:///{tmp_path / 'answers.db'}", tmp_path / "logs", names=("rasa",)) as services:
        body = json.dumps({"sender": "startup-test", "message": "hello"}).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{services.ports.rasa}/webhooks/rest/webhook", body,
                                         {"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=120) as response:
            assert response.status == 200
            assert json.loads(response.read()), "no answer to hello"
        libraries = _loaded_libraries(services.processes["rasa"].pid)
    assert "sklearn" in libraries  # the classifier's libraries are there ...
    assert "pywrap_tensorflow" not in libraries and "libtensorflow" not in libraries  # ... TensorFlow's are not


def test_while_rasa_is_still_starting_the_real_page_is_served_and_says_so_kindly_in_the_persons_language(tmp_path):
    """`imsa-voices run` starts the page at once, beside Rasa: before Rasa first answers, the page loads and a
    message gets a 503 with the "starting" text in the person's language (and when to try again), not a refusal."""
    from bot.conversation import i18n
    from bot.web import app as web_app
    from tests.servers import web_process

    with web_process(f"sqlite:///{tmp_path / 'answers.db'}", tmp_path / "web.log") as base:
        with urllib.request.urlopen(f"{base}/", timeout=30) as page:
            assert page.status == 200 and "text/html" in page.headers["Content-Type"]
        body = json.dumps({"sender": "s" * 32, "message": "مرحبا", "lang": "ar"}).encode()
        request = urllib.request.Request(f"{base}/webhooks/rest/webhook", body, {"Content-Type": "application/json"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        reply = json.loads(refused.value.read())
    assert refused.value.code == 503 and refused.value.headers["Retry-After"] == "5"
    assert reply == {"error": web_app.STARTING, "text": i18n.text("ar", "widget.error.starting")}
    assert reply["text"] != i18n.text("en", "widget.error.starting")


def test_the_classifiers_training_matrix_is_the_same_matrix_as_rasas():
    """startup._create_X (one stacking call) gives exactly Rasa's matrix: same rows, columns, order and values."""
    import numpy as np
    import scipy.sparse
    from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
    from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, TEXT
    from rasa.shared.nlu.training_data.features import Features
    from rasa.shared.nlu.training_data.message import Message

    rng = np.random.default_rng(7)
    messages = []
    for i in range(200):
        message = Message({TEXT: f"message {i}", "intent": "x"})
        for origin, width in (("words", 30), ("chars", 120)):
            row = scipy.sparse.random(1, width, density=0.1, format="coo", random_state=rng)
            message.add_features(Features(row, FEATURE_TYPE_SENTENCE, TEXT, origin))
            message.add_features(Features(scipy.sparse.coo_matrix((2, width)), FEATURE_TYPE_SEQUENCE, TEXT, origin))
        messages.append(message)
    startup.speed_up_rasa()
    assert LogisticRegressionClassifier._create_X is startup._create_X
    ours = startup._create_X(None, messages)
    rasas = startup._rasas_create_X(None, messages)
    assert ours.format == rasas.format == "csr" and ours.shape == rasas.shape == (200, 150)
    for part in ("indptr", "indices", "data"):
        assert np.array_equal(getattr(ours, part), getattr(rasas, part)), part


def test_run_and_train_parse_their_options_without_importing_the_store_or_spacy():
    """`imsa-voices run` starts Rasa and the page after parsing its options: the data commands' modules (the
    store, the redaction engine, spaCy) are not imported first. Every command is still there for the others."""
    code = ("import sys; from bot.cli import commands; args = commands.build_parser(full=False).parse_args(['run']); "
            "heavy = ('bot.store', 'spacy', 'presidio_analyzer'); "
            "print(args.func.__name__, sorted(m for m in heavy if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=rasa_project.rasa_env(),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["cmd_run", "[]"]
    from bot.cli import commands

    everything = commands.build_parser().format_help()
    assert all(name in everything for name in ("run", "train", "db", "user", "findings", "withdraw"))


def test_run_with_a_bad_translation_setting_stops_with_the_reason_and_leaves_nothing_running(tmp_path):
    """The translation provider is checked once the processes are starting: a mistake still ends the run at
    once, with the reason, and stops what it started (the ports are free again)."""
    from tests.servers import free_port

    ports = {"RASA_PORT": str(free_port()), "ACTION_PORT": str(free_port()), "WEB_PORT": str(free_port())}
    env = {**rasa_project.rasa_env(), **ports, "TRANSLATION_PROVIDER": "libretranslate",
           "IMSA_MODELS_DIR": str(tmp_path / "models"), "DATABASE_URL": f"sqlite:///{tmp_path / 'answers.db'}"}
    env.pop("TRANSLATION_URL", None)
    result = subprocess.run([sys.executable, "-m", "bot.cli", "run"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 2
    assert "TRANSLATION_URL" in result.stderr
    assert rasa_project.ports_in_use(rasa_project.Ports(rasa=int(ports["RASA_PORT"]),
                                                        actions=int(ports["ACTION_PORT"]),
                                                        web=int(ports["WEB_PORT"]))) == []


def _real_examples(limit: int | None = None):
    """Training examples as Rasa reads them from data/nlu (every language), before any merge."""
    from rasa.shared.nlu.training_data import loading

    examples = []
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        examples += loading.load_data(str(path)).training_examples
    return examples[:limit] if limit else examples


def test_merging_training_data_copies_exactly_as_rasas_merge_does():
    """startup._merge (the training examples copied by _copy_examples) gives what Rasa's deep-copying merge
    gives: the same examples in the same order, each a copy of its own (changing one changes no original)."""
    from rasa.shared.nlu.training_data.training_data import TrainingData

    startup.speed_up_rasa()
    examples = _real_examples()
    assert len(examples) > 5000
    a, b = TrainingData(examples[:3000]), TrainingData(examples[3000:])
    ours = startup._merge(TrainingData(), a, b)
    original = examples[0].data.copy()
    rasas = _rasas_merge(TrainingData(), a, b)
    assert [m.data for m in ours.training_examples] == [m.data for m in rasas.training_examples]
    properties = [m.output_properties for m in rasas.training_examples]
    assert [m.output_properties for m in ours.training_examples] == properties
    assert ours.fingerprint() == rasas.fingerprint()
    first = ours.training_examples[0]
    assert first is not examples[0] and first.data is not examples[0].data
    first.data["text"] = "changed"
    assert examples[0].data == original
    # shared parts stay shared within one copy, as with copy.deepcopy
    shared = {"k": ["v"]}
    x = TrainingData([rasa_message("one", shared), rasa_message("two", shared)])
    copied = startup._merge(TrainingData(), x).training_examples
    assert copied[0].data["metadata"] is copied[1].data["metadata"] is not shared


def rasa_message(text: str, metadata: dict):
    from rasa.shared.nlu.training_data.message import Message

    return Message({"text": text, "intent": "x", "metadata": metadata})


def _rasas_merge(self, *others):
    """Rasa's own TrainingData.merge (the module's source), whatever speed_up_rasa put in its place."""
    import copy

    from rasa.shared.nlu.training_data.training_data import TrainingData

    examples = copy.deepcopy(self.training_examples)
    for other in others:
        examples.extend(copy.deepcopy(other.training_examples))
    return TrainingData(examples, self.entity_synonyms.copy())


def test_count_vectors_for_many_messages_at_once_are_rasas_features_message_by_message():
    """startup._process (both transforms for all messages at once) adds to every message exactly the features
    Rasa's process adds one message at a time: same order, types, origins, shapes, rows, columns and values."""
    import numpy as np
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
    from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
    from rasa.shared.nlu.training_data.training_data import TrainingData

    startup.speed_up_rasa()
    examples = _real_examples()[::7]
    examples.append(rasa_message("", {}))  # no tokens at all
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    data = TrainingData(examples)
    tokenizer.process_training_data(data)
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        storage = LocalModelStorage(Path(tmp))
        for i, options in enumerate(({}, {"analyzer": "char_wb", "min_ngram": 2, "max_ngram": 5})):
            config = {**CountVectorsFeaturizer.get_default_config(), **options}
            context = ExecutionContext(GraphSchema({}), node_name=f"cvf{i}")
            featurizer = CountVectorsFeaturizer(config, storage, Resource(f"cvf{i}"), context)
            featurizer.train(data)
            copies = [startup._copy_examples([m])[0] for m in data.training_examples]
            startup._process(featurizer, data.training_examples)
            startup._rasas_process(featurizer, copies)
            for ours, rasas in zip(data.training_examples, copies):
                assert len(ours.features) == len(rasas.features)
                for f, g in zip(ours.features, rasas.features):
                    assert (f.type, f.attribute, f.origin, f.features.shape) == (g.type, g.attribute, g.origin,
                                                                                 g.features.shape)
                    assert f.features.format == g.features.format == "coo"
                    for part in ("row", "col", "data"):
                        assert np.array_equal(getattr(f.features, part), getattr(g.features, part)), part
    assert any(m.features for m in data.training_examples)
