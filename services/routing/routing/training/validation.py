"""Cross-validation on the training split: how a change to the rules or the model does, without the held-out split.

The held-out split measures a change once, at the end; choosing between changes by it would tune routing to those
texts. Each training example is put in one of k folds by a hash of its words (other bits than the held-out split
uses, so the folds do not depend on file order); routing is trained on k - 1 folds and decides the remaining one.
"""

import hashlib
import time
from collections.abc import Sequence

from ..domain.rule_set import RuleSet
from .corpus import Example
from .evaluation import Decided, Report, decide_example, report_of
from .training import model_of, train_artefact

FOLDS = 5


def fold_of(text: str, *, folds: int = FOLDS) -> int:
    """The fold a training text falls in (bits 32–63 of the hash of its words; the held-out split reads 0–31)."""
    digest = hashlib.sha256(" ".join(text.split()).encode()).hexdigest()
    return int(digest[8:16], 16) % folds


def cross_validate(examples: Sequence[Example], *, rule_set: RuleSet,
                   folds: int = FOLDS) -> tuple[Report, list[Decided]]:
    """Train on all folds but one and route that one, for every fold; the report pools every fold's decisions (each
    training example decided once, by a model that did not see it). Held-out examples are refused."""
    if any(example.held_out for example in examples):
        raise ValueError("cross-validation runs on the training split only")
    decided: list[Decided] = []
    cpu = 0.0
    for fold in range(folds):
        inside = [example for example in examples if fold_of(example.text, folds=folds) == fold]
        outside = [example for example in examples if fold_of(example.text, folds=folds) != fold]
        model = model_of(train_artefact(outside, lexicon=rule_set.compiled_lexicon), version=f"fold-{fold}")
        started = time.process_time()
        decided += [decide_example(example, rule_set=rule_set, model=model) for example in inside]
        cpu += time.process_time() - started
    return report_of(decided, cpu_seconds=cpu, model_version=None, rules_version=rule_set.version), decided
