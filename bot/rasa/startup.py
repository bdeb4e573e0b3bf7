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

import json
import logging
import os
import sys
import tarfile
import types
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
    """Start this process again from the beginning, importing the real TensorFlow."""
    log.warning("TensorFlow is needed after all (%s): starting again with it", reason)
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


def prepare(argv: list[str]) -> bool:
    """Before Rasa is imported in this process: leave TensorFlow out if nothing will use it. True if left out."""
    if needs_tensorflow(argv):
        return False
    install_tensorflow_stub()
    return tensorflow_stubbed()


def _create_X(self, messages):  # noqa: ANN001, ANN202, N802
    """LogisticRegressionClassifier._create_X: the same matrix, stacked once instead of message by message.

    Rasa joins each message's sentence features to an empty dense part (hstack) and then stacks the
    thousands of one-row matrices (vstack): a scipy call per message, two thirds of the classifier's
    training time here (7968 examples). With sparse features only (this pipeline), stacking them in one
    call gives the identical CSR matrix (tests/test_startup.py); anything else goes Rasa's way."""
    from rasa.shared.nlu.constants import TEXT
    from scipy.sparse import vstack  # type: ignore[import-untyped]

    rows = []
    for message in messages:
        sparse = message.get_sparse_features(attribute=TEXT)[1]
        dense = message.get_dense_features(attribute=TEXT)[1]
        if sparse is None or dense is not None:
            return _rasas_create_X(self, messages)
        rows.append(sparse.features)
    if not rows:
        return _rasas_create_X(self, messages)
    return vstack(rows, format="csr")


_rasas_create_X = None


def speed_up_rasa() -> None:
    """Changes to Rasa that give the same results faster, in every Rasa process (training and serving)."""
    global _rasas_create_X
    from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier

    if _rasas_create_X is None:
        _rasas_create_X = LogisticRegressionClassifier._create_X
        LogisticRegressionClassifier._create_X = _create_X


def main() -> None:
    """`python -m bot.rasa.startup <rasa arguments>`: Rasa's own command line, with TensorFlow left out when the
    pipeline uses none (`imsa-voices train` trains with it)."""
    prepare(sys.argv[1:])
    speed_up_rasa()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
