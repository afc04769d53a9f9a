"""The trained triage model: reading its artefact (checked against its manifest) and asking it about a text.

The artefact holds only scikit-learn objects (two TF-IDF vectorisers and one calibrated linear SVM per field), so a
refactoring of routing never breaks it; the manifest beside it records the artefact's SHA-256, the corpus it was
trained on, the scikit-learn version and the metrics it reached. A file that does not match is refused, like a bad
rules file: loading a pickle is running code, so only the one the manifest vouches for is loaded.
"""

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import sklearn
import structlog
from scipy import sparse

from ..domain.emphasis import EMPHASIS, stressed_part
from ..domain.language import TextAnalysis
from ..domain.text_matching import Lexicon
from ..domain.triage import FIELDS, FieldOpinion, ModelOpinion, TriageModelRefused

MODEL_DIR = Path(__file__).resolve().parent.parent / "training" / "model"
ARTEFACT_NAME = "triage.joblib"
MANIFEST_NAME = "manifest.json"
TOP_FEATURES = 4

log = structlog.get_logger(__name__)


def model_inputs(analysis: TextAnalysis, lexicon: Lexicon) -> tuple[str, str]:
    """What the vectorisers read: the normalised text (character n-grams see through inflection), and its lemmas
    (marked `not_` when a negator covers them: "not dangerous" is not "dangerous") followed by the names of the
    rules' phrase lists found in it — the same names in every language, so what is learnt in one carries over."""
    words = [f"not_{token.lemma}" if token.negated else token.lemma for token in analysis.words]
    # One token per phrase found, so a text that names a topic three ways weighs it more than a passing mention.
    lists = [f"lex_not_{name}" if hit.negated else f"lex_{name}"
             for name, found in lexicon.scan(analysis).items() if name != EMPHASIS for hit in found]
    # What the customer stresses ("…, but the vase is chipped") tells the main issue of a text with two topics.
    stress = stressed_part(analysis, lexicon)
    if stress is not None:
        lists += [f"stress_lex_{name}" for name, found in lexicon.scan(stress.analysis).items()
                  if name != EMPHASIS and any(not hit.negated for hit in found)]
    if analysis.asks_question:
        lists.append("mark_question")
    return analysis.text, " ".join(words + sorted(lists))


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class Manifest:
    """What the artefact is: its version and hash, the corpus it learnt from, and what it scored."""

    version: str
    sha256: str
    corpus_sha256: str
    rules_version: str
    lexicon_sha256: str
    """The rules' phrase lists the model reads as features (RuleSet.lexicon_digest): retrain when they change."""
    scikit_learn: str
    trained_on: int
    metrics: dict[str, Any]

    @classmethod
    def read(cls, directory: Path) -> "Manifest":
        return cls(**json.loads((directory / MANIFEST_NAME).read_text(encoding="utf-8")))

    def write(self, directory: Path) -> None:
        text = json.dumps(self.__dict__, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        (directory / MANIFEST_NAME).write_text(text, encoding="utf-8")


class LinearTriageModel:
    """A `TriageModel` over the artefact's vectorisers and per-field calibrated linear SVMs."""

    def __init__(self, *, artefact: dict[str, Any], version: str) -> None:
        self._chars, self._words = artefact["chars"], artefact["words"]
        self._heads = artefact["heads"]
        self._names = np.concatenate([self._chars.get_feature_names_out(), self._words.get_feature_names_out()])
        self._version = version

    @property
    def version(self) -> str:
        return self._version

    def features(self, analyses: Sequence[TextAnalysis], lexicon: Lexicon) -> sparse.csr_matrix:
        """One row per text."""
        chars, words = zip(*(model_inputs(analysis, lexicon) for analysis in analyses), strict=True)
        return sparse.hstack([self._chars.transform(chars), self._words.transform(words)], format="csr")

    def opinion(self, analysis: TextAnalysis, lexicon: Lexicon) -> ModelOpinion:
        [opinion] = self.opinions([analysis], lexicon)
        return opinion

    def opinions(self, analyses: Sequence[TextAnalysis], lexicon: Lexicon) -> list[ModelOpinion]:
        if not analyses:
            return []
        rows = self.features(analyses, lexicon)
        answers = {name: self._answers(self._heads[name], rows) for name in FIELDS}
        return [ModelOpinion(model_version=self._version, fields={name: answers[name][i] for name in FIELDS})
                for i in range(len(analyses))]

    def _answers(self, head: Any, rows: sparse.csr_matrix) -> list[FieldOpinion]:
        classes = [str(value) for value in head.classes_]
        found = []
        for i, probabilities in enumerate(head.predict_proba(rows).tolist()):
            best = max(range(len(classes)), key=probabilities.__getitem__)
            # The row's features are read from the batch's arrays: `getrow` builds a matrix per call (~0.25 ms,
            # four fields per complaint), many times the rest of this loop.
            row = slice(rows.indptr[i], rows.indptr[i + 1])
            found.append(FieldOpinion(value=classes[best], confidence=probabilities[best],
                                      probabilities=dict(zip(classes, probabilities, strict=True)),
                                      features=self._pushing(head, rows.data[row], rows.indices[row], best)))
        return found

    def _pushing(self, head: Any, values: np.ndarray, columns: np.ndarray, best: int) -> tuple[str, ...]:
        # A linear model's evidence for a class is each feature's value times its weight: the largest explain it.
        # The calibrated head keeps the weights in the one SVM it fitted; calibration only rescales its margins.
        coef = head.calibrated_classifiers_[0].estimator.coef_
        weights = coef[0, columns] * (1 if best == 1 else -1) if coef.shape[0] == 1 else coef[best, columns]
        contributions = values * weights
        order = np.argsort(contributions)[::-1][:TOP_FEATURES]
        return tuple(self._names[columns[i]].strip() for i in order if contributions[i] > 0)


def load_triage_model(directory: Path = MODEL_DIR, *, lexicon_sha256: str | None = None) -> LinearTriageModel:
    """Read the artefact the manifest vouches for; raise TriageModelRefused naming what is wrong.

    A model trained with other phrase lists than the rules in force still works (the lists are only some of its
    features), so that is logged as a warning, not refused: retrain it with `complaints triage train`.
    """
    try:
        manifest = Manifest.read(directory)
    except (OSError, ValueError, TypeError) as exc:
        raise TriageModelRefused(f"{directory / MANIFEST_NAME}: unreadable manifest ({exc})") from exc
    path = directory / ARTEFACT_NAME
    if not path.exists():
        raise TriageModelRefused(f"{path}: the model artefact is missing")
    if sha256_of(path) != manifest.sha256:
        raise TriageModelRefused(f"{path}: SHA-256 differs from the manifest; retrain or restore the artefact")
    if manifest.scikit_learn != sklearn.__version__:
        raise TriageModelRefused(f"{path}: built with scikit-learn {manifest.scikit_learn}, this is "
                                 f"{sklearn.__version__}; retrain it (`complaints triage train`)")
    if lexicon_sha256 is not None and lexicon_sha256 != manifest.lexicon_sha256:
        log.warning("triage model trained with other phrase lists than the rules in force; retrain it",
                    model_version=manifest.version, rules_trained_with=manifest.rules_version)
    return LinearTriageModel(artefact=joblib.load(path), version=manifest.version)
