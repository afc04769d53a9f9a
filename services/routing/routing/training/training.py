"""Train the triage model from labelled examples, reproducibly, and write the artefact with its manifest."""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import sklearn
from scipy import sparse
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from ..adapters.triage_model import ARTEFACT_NAME, LinearTriageModel, Manifest, model_inputs, sha256_of
from ..domain.language import analyse
from ..domain.text_matching import Lexicon
from ..domain.triage import FIELDS
from .corpus import Example, corpus_digest


@dataclass(frozen=True)
class TrainingSettings:
    """The choices that shape the model; changing one changes the model, so they are few and written here."""

    char_ngrams: tuple[int, int] = (2, 5)
    max_char_features: int = 30000
    word_ngrams: tuple[int, int] = (1, 2)
    min_df: int = 2
    regularisation: float = 0.6
    """Inverse strength C of the linear SVMs (measured by cross-validation on the training split)."""
    calibration_folds: int = 5
    """Folds of the training examples whose held-back scores turn each SVM's margins into probabilities."""


def _vectorisers(settings: TrainingSettings) -> tuple[TfidfVectorizer, TfidfVectorizer]:
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=settings.char_ngrams, min_df=settings.min_df,
                            max_features=settings.max_char_features, sublinear_tf=True, lowercase=False,
                            dtype=np.float32)
    words = TfidfVectorizer(analyzer="word", ngram_range=settings.word_ngrams, min_df=settings.min_df,
                            token_pattern=r"\S+", sublinear_tf=True, lowercase=False, dtype=np.float32)
    return chars, words


def train_artefact(examples: Sequence[Example], *, lexicon: Lexicon,
                   settings: TrainingSettings = TrainingSettings()) -> dict[str, Any]:
    """Fit the vectorisers and one calibrated, class-balanced linear SVM per field on the examples (deterministic:
    the calibration folds are not shuffled and the SVM's solver is seeded).

    A linear SVM separates the classes better than a logistic regression on these short texts; its margins are
    turned into probabilities by a sigmoid fitted on folds it did not see, so the confidence bar and the safety bar
    in the rules keep their meaning."""
    inputs = [model_inputs(analyse(example.text, declared=example.language), lexicon) for example in examples]
    chars, words = _vectorisers(settings)
    matrix = sparse.hstack([chars.fit_transform([c for c, _ in inputs]), words.fit_transform([w for _, w in inputs])],
                           format="csr")
    heads = {}
    for name in FIELDS:
        svm = LinearSVC(C=settings.regularisation, class_weight="balanced", random_state=0)
        head = CalibratedClassifierCV(svm, cv=settings.calibration_folds, ensemble=False)
        head.fit(matrix, [example.label(name) for example in examples])
        heads[name] = head
    return {"chars": chars, "words": words, "heads": heads}


def model_of(artefact: dict[str, Any], *, version: str) -> LinearTriageModel:
    """The artefact as a model routing can ask."""
    return LinearTriageModel(artefact=artefact, version=version)


def write_artefact(artefact: dict[str, Any], *, directory: Path, release: str, trained_on: Sequence[Example],
                   rules_version: str, lexicon_sha256: str, metrics: dict[str, Any]) -> Manifest:
    """Write the artefact and a manifest vouching for it; return the manifest."""
    directory.mkdir(parents=True, exist_ok=True)
    for vectoriser in (artefact["chars"], artefact["words"]):
        # What fitting and transforming leave behind that transforming never needs and that differs from run to
        # run (the dropped terms, a set pickled in random order; a cached memory address): without them the
        # artefact is byte-for-byte reproducible from the corpus.
        for attribute in ("stop_words_", "_stop_words_id"):
            if hasattr(vectoriser, attribute):
                delattr(vectoriser, attribute)
    path = directory / ARTEFACT_NAME
    joblib.dump(artefact, path, compress=("zlib", 6))
    digest = corpus_digest(trained_on)
    manifest = Manifest(version=f"{release}+{digest[:8]}", sha256=sha256_of(path), corpus_sha256=digest,
                        rules_version=rules_version, lexicon_sha256=lexicon_sha256,
                        scikit_learn=sklearn.__version__, trained_on=len(trained_on), metrics=metrics)
    manifest.write(directory)
    return manifest
