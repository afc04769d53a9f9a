"""The labelled corpus the triage model learns from, and its deterministic train / held-out split.

Every example carries the labels a careful complaints officer gives it (docs/triage.md says how). The split is by
a hash of the text, so it never depends on file order, and a text is held out wherever it appears.
"""

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from complaint_contracts.types import Category, ComplaintKind, Language, Priority, Regime
from complaints_calendar import load_yaml_model
from pydantic import BaseModel, ConfigDict, Field

from ..domain.language import normalise_text

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
HELD_OUT_PERCENT = 25
"""Share of the corpus kept out of training to measure the model (and the rules) on."""


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Label(_Strict):
    kind: ComplaintKind
    category: Category
    priority: Priority = Field(description="The officer's floor: the lowest priority they would accept")
    department: str
    regime: Regime = Regime.NONE


class Group(_Strict):
    label: Label
    product: str | None = None
    jurisdiction: str | None = Field(default=None, description="Overrides the file's jurisdiction")
    texts: list[str] = Field(min_length=1)


class CorpusFile(_Strict):
    language: Language
    jurisdiction: str = Field(pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")
    groups: list[Group]


@dataclass(frozen=True)
class Example:
    """One labelled text, with what routing knows besides the text (language, jurisdiction, product)."""

    text: str
    language: Language
    jurisdiction: str
    product: str | None
    kind: ComplaintKind
    category: Category
    priority: Priority
    department: str
    regime: Regime
    source: str

    @property
    def held_out(self) -> bool:
        return is_held_out(self.text)

    def label(self, name: str) -> str:
        return str(getattr(self, name))


def is_held_out(text: str) -> bool:
    """Whether a text belongs to the held-out split (a hash of its words decides, not of how routing reads them, so
    a change to normalisation never moves an example between the splits)."""
    digest = hashlib.sha256(" ".join(text.split()).encode()).hexdigest()
    return int(digest[:8], 16) % 100 < HELD_OUT_PERCENT


def load_corpus(directory: Path = CORPUS_DIR) -> list[Example]:
    """Every example of every `*.yaml` file in the directory, in file order; a bad file names its line."""
    examples = []
    for path in sorted(directory.glob("*.yaml")):
        corpus = load_yaml_model(path=path, model=CorpusFile)
        for group in corpus.groups:
            examples.extend(
                Example(text=text, language=corpus.language, jurisdiction=group.jurisdiction or corpus.jurisdiction,
                        product=group.product, source=path.name, **group.label.model_dump())
                for text in group.texts)
    duplicates = _duplicates(examples)
    if duplicates:
        raise ValueError(f"the corpus lists a text twice: {duplicates[0]!r}")
    return examples


def _duplicates(examples: Sequence[Example]) -> list[str]:
    seen: set[str] = set()
    twice = []
    for example in examples:
        key = normalise_text(example.text)
        if key in seen:
            twice.append(example.text)
        seen.add(key)
    return twice


def examples_from_export(text: str, *, source: str) -> list[Example]:
    """Examples kept from staff corrections, from the body of `GET /v1/triage/examples` saved to a file."""
    examples = []
    for data in json.loads(text)["examples"]:
        label = Label.model_validate({name: data[name] for name in Label.model_fields if name in data})
        examples.append(Example(text=data["text"], language=Language(data["language"]),
                                jurisdiction=data["jurisdiction"], product=data.get("product"), source=source,
                                **label.model_dump()))
    return examples


def example_json(example: Example) -> str:
    """One example as a JSON line (the format `examples_from_json` reads)."""
    fields = asdict(example)
    fields.pop("source")
    return json.dumps({name: str(value) if value is not None else None for name, value in fields.items()},
                      ensure_ascii=False)


def corpus_digest(examples: Sequence[Example]) -> str:
    """A hash of the examples and their labels: the artefact says which corpus it was trained on."""
    digest = hashlib.sha256()
    for example in examples:
        digest.update(example_json(example).encode())
        digest.update(b"\n")
    return digest.hexdigest()
