"""Rasa without TensorFlow when the pipeline uses none: about 7 of the 13 s Rasa takes to import itself.

Rasa 3.6 imports TensorFlow (and with it Keras and JAX) whatever the pipeline: its featurizer and
policy modules import ``rasa.utils.train_utils``, which imports two modules that subclass Keras
classes (``rasa.utils.tensorflow.callback`` and ``.data_generator``). Those classes are used only
by the TensorFlow components (DIET, TED, ResponseSelector ...), which this project's pipeline
(config.yml: count vectors and a logistic regression, and the rule policy) does not have.

``prepare(argv)`` runs in a Rasa process (`python -m bot.rasa.server run`, `python -m
bot.rasa.startup train ...`) before Rasa is imported. When every component the process will use
is known to need no TensorFlow (the --config file for training; for serving, the model's own list
of components, or config.yml when `imsa-voices run` trains it meanwhile), it puts a small stand-in
``tensorflow`` package in ``sys.modules`` with just the two Keras base classes Rasa's modules
subclass. Otherwise (a TensorFlow component, a custom component, an unreadable model, or
IMSA_TENSORFLOW=always) nothing changes and Rasa imports the real TensorFlow.

If anything still reaches for TensorFlow (imports a part of it, or of Keras, that the stand-ins do not
have; creates, loads or asks anything of a stand-in class such as DIETClassifier), the process starts
again from the beginning with the real TensorFlow (IMSA_TENSORFLOW=always): slower, never wrong.
"""

from __future__ import annotations

import copy
import json
import logging
import os
import sys
import tarfile
import types
import typing
from importlib.machinery import ModuleSpec
from pathlib import Path

log = logging.getLogger(__name__)

# Rasa 3.6 components (config.yml names) that use no TensorFlow, and the parts Rasa adds to every model
# graph itself (besides rasa.graph_components.*).
TENSORFLOW_FREE = frozenset({
    "WhitespaceTokenizer", "JiebaTokenizer", "MitieTokenizer", "SpacyTokenizer",
    "CountVectorsFeaturizer", "LexicalSyntacticFeaturizer", "RegexFeaturizer", "MitieFeaturizer", "SpacyFeaturizer",
    "LogisticRegressionClassifier", "SklearnIntentClassifier", "KeywordIntentClassifier", "MitieIntentClassifier",
    "FallbackClassifier", "CRFEntityExtractor", "DucklingEntityExtractor", "EntitySynonymMapper",
    "MitieEntityExtractor", "RegexEntityExtractor", "SpacyEntityExtractor", "MitieNLP", "SpacyNLP",
    "RulePolicy", "MemoizationPolicy", "AugmentedMemoizationPolicy",
    # added by Rasa to every graph
    "DefaultPolicyPredictionEnsemble", "RegexMessageHandler", "NLUMessageConverter",
})

STUB_MARK = "__imsa_stub__"
FALLBACK_VALUE = "always"  # IMSA_TENSORFLOW for the restarted process


def config_needs_tensorflow(config: Path) -> bool:
    """Whether a Rasa config.yml names any component or policy not known to be free of TensorFlow.
    A config without a pipeline or policies gets Rasa's defaults (DIET, TED): True."""
    from ruamel.yaml import YAML

    try:
        data = YAML(typ="safe").load(config.read_text(encoding="utf-8")) or {}
        parts = list(data["pipeline"]) + list(data["policies"])
        names = [str(part["name"]) for part in parts]
    except Exception:  # no such file, not YAML, no pipeline: let Rasa decide, with TensorFlow
        return True
    return not names or any(name not in TENSORFLOW_FREE for name in names)


def model_needs_tensorflow(model: Path) -> bool:
    """Whether a trained Rasa model (.tar.gz) uses any component not known to be free of TensorFlow."""
    try:
        with tarfile.open(model) as archive:
            for member in archive:
                if member.name.lstrip("/").removeprefix("./") == "metadata.json":
                    file = archive.extractfile(member)
                    metadata = json.load(file) if file is not None else {}
                    break
            else:
                return True
        uses = [node["uses"] for key in ("train_schema", "predict_schema")
                for node in metadata[key]["nodes"].values()]
    except Exception:  # missing, being written, or not a model: the real TensorFlow
        return True
    return not uses or any(
        not (use.startswith("rasa.graph_components.")
             or (use.startswith("rasa.") and use.rsplit(".", 1)[-1] in TENSORFLOW_FREE))
        for use in uses
    )


def _option(argv: list[str], name: str) -> str | None:
    for i, arg in enumerate(argv):
        if arg == name and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return None


def needs_tensorflow(argv: list[str]) -> bool:
    """For Rasa's command line argv (without the program): whether this process may need TensorFlow."""
    from bot.paths import ROOT
    from bot.settings import get_settings

    settings = get_settings()
    if settings.tensorflow == FALLBACK_VALUE:
        return True
    command = argv[0] if argv else ""
    if command == "train":
        return config_needs_tensorflow(Path(_option(argv, "--config") or "config.yml"))
    if command == "run":
        if settings.model_fingerprint:  # `imsa-voices run`: the model is (being) trained from config.yml
            return config_needs_tensorflow(ROOT / "config.yml")
        model = _option(argv, "--model") or _option(argv, "-m")
        return model is None or model_needs_tensorflow(Path(model))
    return True  # any other Rasa command: as Rasa does it


def _restart_with_tensorflow(reason: str) -> None:
    """Start this process again from the beginning, as stock Rasa: importing the real TensorFlow and every
    channel module (IMSA_TENSORFLOW=always)."""
    log.warning("something left out of this process is needed after all (%s): starting again with it", reason)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    os.environ["IMSA_TENSORFLOW"] = FALLBACK_VALUE
    argv = list(getattr(sys, "orig_argv", [])) or [sys.executable, *sys.argv]
    os.execv(sys.executable, [sys.executable, *argv[1:]])


class _StubModule(types.ModuleType):
    """A stand-in module. A name it lacks is just missing (AttributeError), never a restart: libraries look
    for names in every module of sys.modules (pickle's and skops' whichmodule, when a model is loaded)."""

    def __getattr__(self, name: str):  # noqa: ANN204
        raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}: TensorFlow is left out of this "
                             "process because its model uses none (IMSA_TENSORFLOW=always imports it)")


class _StubClass(type):
    """The type of a stand-in class: Rasa may name it (in a set of classes, a subclass, an isinstance check);
    using it (creating or loading the component, any attribute it lacks) means TensorFlow is needed after all."""

    def __getattr__(cls, name: str):  # noqa: ANN204, N805
        if name.startswith("__"):
            raise AttributeError(name)
        _restart_with_tensorflow(f"{cls.__module__}.{cls.__qualname__}.{name}")
        raise AttributeError(name)

    def __call__(cls, *args, **kwargs):  # noqa: ANN002, ANN003, ANN204, N805
        _restart_with_tensorflow(f"{cls.__module__}.{cls.__qualname__}()")
        raise RuntimeError(f"{cls.__qualname__} needs TensorFlow")


# What stands in for TensorFlow, and for Rasa's modules that use it but are imported whatever the pipeline
# (rasa.engine.recipes.default_components and the recipe validator name every default component), with the
# classes other modules import from each.
STAND_INS: dict[str, tuple[str, ...]] = {
    "tensorflow": (),
    "tensorflow.keras": (),
    "tensorflow.keras.callbacks": ("Callback",),
    "tensorflow.keras.utils": ("Sequence",),
    "rasa.nlu.classifiers.diet_classifier": ("DIETClassifier",),
    "rasa.nlu.selectors.response_selector": ("ResponseSelector",),
    "rasa.core.policies.ted_policy": ("TEDPolicy",),
    "rasa.core.policies.unexpected_intent_policy": ("UnexpecTEDIntentPolicy",),
    "rasa.nlu.featurizers.dense_featurizer.convert_featurizer": ("ConveRTFeaturizer",),
    "rasa.nlu.featurizers.dense_featurizer.lm_featurizer": ("LanguageModelFeaturizer",),
}
GUARDED = ("tensorflow", "keras", "tensorflow_hub", "tensorflow_text", "tensorflow_addons", "jax")


class _Guard:
    """On sys.meta_path: importing anything of TensorFlow's the stand-ins do not cover means it is needed."""

    @staticmethod
    def find_spec(name: str, path=None, target=None):  # noqa: ANN001, ANN205
        if name.split(".", 1)[0] in GUARDED and name not in sys.modules:
            _restart_with_tensorflow(f"import {name}")
            raise ImportError(f"{name} is left out of this process (bot/rasa/startup.py)")
        return None


def _module(name: str, classes: tuple[str, ...]) -> _StubModule:
    module = _StubModule(name, "IMSA Voices' stand-in: this process uses no TensorFlow (bot/rasa/startup.py)")
    module.__spec__ = ModuleSpec(name, None, is_package=True)
    module.__path__ = []
    setattr(module, STUB_MARK, True)
    for class_name in classes:
        setattr(module, class_name, _StubClass(class_name, (), {"__module__": name, STUB_MARK: True}))
    return module


def install_tensorflow_stub() -> None:
    """Put the stand-ins into sys.modules (and the guard on sys.meta_path). Must run before anything imports
    TensorFlow or Rasa."""
    if any(name in sys.modules for name in STAND_INS):
        return  # imported already (for real, or stubbed): nothing to gain
    for name, classes in STAND_INS.items():
        sys.modules[name] = _module(name, classes)
        parent, _, child = name.rpartition(".")
        if parent in STAND_INS:
            setattr(sys.modules[parent], child, sys.modules[name])
    sys.meta_path.insert(0, _Guard())


def tensorflow_stubbed() -> bool:
    return getattr(sys.modules.get("tensorflow"), STUB_MARK, False)


# Rasa's input channel modules (rasa.core.channels imports every one of them to name its channels), the class
# each defines and the channel name it answers to. Those credentials.yml does not name are left out of a Rasa
# server (`run`): Slack's, Telegram's, Webex's SDKs and the console's prompt toolkit, 0.3 s of CPU.
CHANNELS: dict[str, tuple[str, str]] = {
    "rasa.core.channels.console": ("CmdlineInput", "cmdline"),
    "rasa.core.channels.facebook": ("FacebookInput", "facebook"),
    "rasa.core.channels.slack": ("SlackInput", "slack"),
    "rasa.core.channels.telegram": ("TelegramInput", "telegram"),
    "rasa.core.channels.mattermost": ("MattermostInput", "mattermost"),
    "rasa.core.channels.twilio": ("TwilioInput", "twilio"),
    "rasa.core.channels.twilio_voice": ("TwilioVoiceInput", "twilio_voice"),
    "rasa.core.channels.rasa_chat": ("RasaChatInput", "rasa"),
    "rasa.core.channels.botframework": ("BotFrameworkInput", "botframework"),
    "rasa.core.channels.rocketchat": ("RocketChatInput", "rocketchat"),
    "rasa.core.channels.callback": ("CallbackInput", "callback"),
    "rasa.core.channels.webexteams": ("WebexTeamsInput", "webexteams"),
    "rasa.core.channels.hangouts": ("HangoutsInput", "hangouts"),
}


def channels_named(argv: list[str]) -> set[str] | None:
    """The channels a Rasa server's --credentials file names (None when there is no such file or it cannot
    be read: then every channel module is imported, as Rasa does)."""
    from ruamel.yaml import YAML

    path = _option(argv, "--credentials")
    if not path:
        return None
    try:
        data = YAML(typ="safe").load(Path(path).read_text(encoding="utf-8")) or {}
        return {str(name) for name in data}
    except Exception:
        return None


def install_channel_stand_ins(argv: list[str]) -> list[str]:
    """For a Rasa server (`run`): stand-ins for the channel modules its credentials do not name, each with its
    class answering to the channel's name (rasa.core.channels lists them by name). Anything more asked of one
    (a channel made from credentials after all) starts the process again as stock Rasa. The names left out."""
    from bot.settings import get_settings

    if not argv or argv[0] != "run" or get_settings().tensorflow == FALLBACK_VALUE:
        return []
    named = channels_named(argv)
    if named is None or "rasa.core.channels" in sys.modules:
        return []
    left_out = []
    for module_name, (class_name, channel) in CHANNELS.items():
        if channel in named or module_name in sys.modules:
            continue
        module = _module(module_name, ())
        setattr(module, class_name, _StubClass(class_name, (), {
            "__module__": module_name, STUB_MARK: True, "name": classmethod(lambda cls, _c=channel: _c),
        }))
        sys.modules[module_name] = module
        left_out.append(channel)
    return left_out


def keep_bytecode() -> Path | None:
    """Let this process keep the bytecode it compiles, in the shared cache, when PYTHONDONTWRITEBYTECODE is set.

    uv (unlike pip) installs no .pyc files, and with PYTHONDONTWRITEBYTECODE (common in containers and CI
    images) Python keeps none either: every Rasa process then compiled its 3,000-4,000 modules from source
    again, 6 s of CPU in every training and every start. Here the bytecode goes to IMSA_CACHE/pycache (never
    into the project's tree or beside the sources, which the setting is usually meant to keep clean) and is
    read from there on the next start. Without PYTHONDONTWRITEBYTECODE Python's own __pycache__ does this and
    nothing changes. Returns the folder used, or None."""
    if not sys.dont_write_bytecode or sys.pycache_prefix:
        return None
    from bot.settings import get_settings

    folder = get_settings().cache_dir / "pycache"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only cache: compile as before
        return None
    sys.pycache_prefix = str(folder)
    sys.dont_write_bytecode = False
    return folder


def prepare(argv: list[str]) -> bool:
    """Before Rasa is imported in this process: keep its bytecode, and leave TensorFlow out if nothing will use
    it. True if left out."""
    keep_bytecode()
    install_channel_stand_ins(argv)
    if needs_tensorflow(argv):
        return False
    install_tensorflow_stub()
    if argv[0] == "run":
        _import_skops_first()
    return tensorflow_stubbed()


def _import_skops_first() -> None:
    """skops (which loads the classifier's model) names every public type of scikit-learn when imported, looking
    each up in every module imported so far (pickle's whichmodule): 1.6 s of CPU after Rasa's 3,400 modules,
    1.2 s before them. A model without it just does not need it."""
    try:
        import skops.io  # type: ignore[import-untyped]  # noqa: F401
    except ImportError:
        pass


def _create_X(self, messages):  # noqa: ANN001, ANN202, N802
    """LogisticRegressionClassifier._create_X: the same matrix, stacked once instead of message by message.

    Rasa joins each message's sentence features (one sparse row per featurizer) into one row (hstack), joins
    that to an empty dense part (hstack again) and then stacks the thousands of rows (vstack): three scipy calls
    per message, two thirds of the classifier's training time here (7968 examples). With sparse features only
    (this pipeline), each featurizer's rows are stacked in one call and the blocks joined side by side in one
    more: the identical CSR matrix (tests/test_startup.py). Anything else (dense features, messages with
    different featurizers) goes Rasa's way."""
    from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
    from scipy.sparse import hstack, vstack  # type: ignore[import-untyped]

    columns: list[list] | None = None
    for message in messages:
        parts = []
        for f in message.features:
            if f.attribute != TEXT or f.type != FEATURE_TYPE_SENTENCE:
                continue
            if not f.is_sparse():
                return _rasas_create_X(self, messages)
            parts.append(f.features)
        if columns is None:
            columns = [[] for _ in parts]
        if not parts or len(parts) != len(columns):
            return _rasas_create_X(self, messages)
        for column, part in zip(columns, parts):
            column.append(part)
    if not columns:
        return _rasas_create_X(self, messages)
    blocks = [vstack(column, format="csr") for column in columns]
    return blocks[0] if len(blocks) == 1 else hstack(blocks, format="csr")


_rasas_create_X = None

_rasas_process = None


def _features_at_once(self, attribute: str, all_tokens: list) -> tuple[list, list]:  # noqa: ANN001
    """CountVectorsFeaturizer._create_features for many messages with two transforms in all (every message's
    tokens, then every message's sentence) instead of two per message, split back into each message's rows: the
    same matrices (a count vectorizer's rows do not depend on each other; tests/test_startup.py)."""
    from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import DENSE_FEATURIZABLE_ATTRIBUTES

    vectorizer = self.vectorizers.get(attribute)
    count = len(all_tokens)
    sequence: list = [None] * count
    sentence: list = [None] * count
    if not vectorizer:
        return sequence, sentence
    present = [i for i, tokens in enumerate(all_tokens) if tokens]
    if not present:
        return sequence, sentence
    rows = vectorizer.transform([token for i in present for token in all_tokens[i]])
    start = 0
    for i in present:
        part = rows[start:start + len(all_tokens[i])]
        start += len(all_tokens[i])
        part.sort_indices()
        sequence[i] = part.tocoo()
    if attribute in DENSE_FEATURIZABLE_ATTRIBUTES:
        sentences = vectorizer.transform([" ".join(all_tokens[i]) for i in present])
        for row, i in enumerate(present):
            part = sentences[row:row + 1]
            part.sort_indices()
            sentence[i] = part.tocoo()
    return sequence, sentence


def _process(self, messages):  # noqa: ANN001, ANN202
    """CountVectorsFeaturizer.process: every message's features computed together (_features_at_once), then
    added to each message in Rasa's order (per message, attribute by attribute). Rasa called scikit-learn twice
    per message and attribute: a third of a training here (two featurizers, 7968 examples)."""
    if self.vectorizers is None:
        return _rasas_process(self, messages)
    for attribute in self._attributes:
        all_tokens = [self._get_processed_message_tokens_by_attribute(m, attribute) for m in messages]
        sequence, sentence = _features_at_once(self, attribute, all_tokens)
        for message, seq, sent in zip(messages, sequence, sentence):
            self.add_features_to_message(seq, sent, attribute, message)
    return messages


_PLAIN = (str, int, float, bool, type(None))


def _copy_plain(value, memo: dict):  # noqa: ANN001, ANN202
    """copy.deepcopy(value, memo) for what training data holds (dicts, lists, strings, numbers), several times
    faster; anything else goes to copy.deepcopy with the same memo, so shared parts stay shared as there."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is dict or kind is list:
        done = memo.get(id(value))
        if done is not None:
            return done
        if kind is dict:
            new: dict | list = {}
            memo[id(value)] = new
            for key, item in value.items():
                new[_copy_plain(key, memo)] = _copy_plain(item, memo)
        else:
            new = []
            memo[id(value)] = new
            new.extend(_copy_plain(item, memo) for item in value)
        memo.setdefault(id(memo), []).append(value)  # kept alive while the memo is used, as deepcopy does
        return new
    if kind is set and all(type(item) in _PLAIN for item in value):
        return set(value)  # what deepcopy makes of a set of strings (Message.output_properties)
    return copy.deepcopy(value, memo)


def _copy_examples(examples: list) -> list:
    """copy.deepcopy(examples): the same copies (every Message, its data, features and properties), made
    with _copy_plain for messages as the readers make them (a Message whose attributes are plain values)."""
    from rasa.shared.nlu.training_data.message import Message

    memo: dict = {}
    out = []
    for message in examples:
        if type(message) is not Message or id(message) in memo:
            out.append(copy.deepcopy(message, memo))
            continue
        new = object.__new__(Message)
        memo[id(message)] = new
        memo.setdefault(id(memo), []).append(message)
        new.__dict__.update({key: _copy_plain(value, memo) for key, value in message.__dict__.items()})
        out.append(new)
    return out


def _merge(self, *others):  # noqa: ANN001, ANN002, ANN202
    """TrainingData.merge: Rasa's, with the training examples copied by _copy_examples. Reading the data
    merges the 20 languages' examples five times over (files, importers, responses, stories), each time a
    deep copy of all of them: 5 s of a 24 s training with copy.deepcopy."""
    from rasa.shared.nlu.training_data import util
    from rasa.shared.nlu.training_data.training_data import TrainingData

    training_examples = _copy_examples(self.training_examples)
    entity_synonyms = self.entity_synonyms.copy()
    regex_features = copy.deepcopy(self.regex_features)
    lookup_tables = copy.deepcopy(self.lookup_tables)
    responses = copy.deepcopy(self.responses)
    for other in others:
        if not other:
            continue
        training_examples.extend(_copy_examples(other.training_examples))
        regex_features.extend(copy.deepcopy(other.regex_features))
        lookup_tables.extend(copy.deepcopy(other.lookup_tables))
        for text, synonym in other.entity_synonyms.items():
            util.check_duplicate_synonym(entity_synonyms, text, synonym, "merging training data")
        entity_synonyms.update(other.entity_synonyms)
        responses.update(other.responses)
    return TrainingData(training_examples, entity_synonyms, regex_features, lookup_tables, responses)


def speed_up_rasa() -> None:
    """Changes to Rasa that give the same results faster, in every Rasa process (training and serving)."""
    global _rasas_create_X, _rasas_process
    from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
    from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
    from rasa.shared.nlu.training_data.training_data import TrainingData

    if _rasas_create_X is None:
        _rasas_create_X = LogisticRegressionClassifier._create_X
        LogisticRegressionClassifier._create_X = _create_X
        TrainingData.merge = _merge
        _rasas_process = CountVectorsFeaturizer.process
        _process.__annotations__ = typing.get_type_hints(_rasas_process)  # Rasa's graph validation reads them
        CountVectorsFeaturizer.process = _process


def _no_cache_fingerprint(self, node_name, execution_context, config, received_inputs):  # noqa: ANN001, ANN202
    return {}


def _no_cache_write(self, node_name, execution_context, config, output, input_hook_data) -> None:  # noqa: ANN001
    return None


def skip_training_cache(argv: list[str]) -> bool:
    """`rasa train --force`: do not fill Rasa's training cache (~/.rasa/cache). A forced training never reads it
    (Rasa skips its fingerprint run), and `imsa-voices train` always forces, keeping whole models by content
    itself (bot/rasa/project.py); writing it meant fingerprinting every component's output (every training
    example's data, JSON-encoded and hashed) and pickling it to disk: 4 s of a 24 s training. True if skipped."""
    if not argv or argv[0] != "train" or "--force" not in argv:
        return False
    from rasa.engine.training.hooks import TrainingHook

    TrainingHook.on_before_node = _no_cache_fingerprint
    TrainingHook.on_after_node = _no_cache_write
    return True


def main() -> None:
    """`python -m bot.rasa.startup <rasa arguments>`: Rasa's own command line, with TensorFlow left out when the
    pipeline uses none (`imsa-voices train` trains with it)."""
    prepare(sys.argv[1:])
    speed_up_rasa()
    skip_training_cache(sys.argv[1:])
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
