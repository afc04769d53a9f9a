"""The generated files and their committed copies: render them all, list the ones that drifted, write them."""

import json
from pathlib import Path

from complaint_contracts import ALL_EVENTS

from ..suite import SERVICES
from .catalogue import topic_catalogue
from .documents import service_documents

ROOT = Path(__file__).resolve().parents[4]
SCHEMAS = Path("contracts/schemas")
ASYNCAPI = Path("docs/asyncapi")
OPENAPI = Path("docs/openapi")
CATALOGUE = Path("docs/topic-catalogue.md")
SAMPLES = Path("tests/contract/samples")
"""The golden records of every event: the AsyncAPI documents show them as examples."""


def render() -> dict[Path, str]:
    """Every generated file, by its path relative to the repository root."""
    files: dict[Path, str] = {CATALOGUE: topic_catalogue(schemas=SCHEMAS)}
    for event_type, cls in sorted(ALL_EVENTS.items()):
        files[SCHEMAS / f"{event_type}.json"] = json.dumps(cls.model_json_schema(), indent=2, sort_keys=True,
                                                           ensure_ascii=False) + "\n"
    for service in SERVICES:
        asyncapi, openapi = service_documents(service, samples=ROOT / SAMPLES)
        files[ASYNCAPI / f"{service}.yaml"], files[OPENAPI / f"{service}.json"] = asyncapi, openapi
    return files


def drifted(root: Path = ROOT) -> list[str]:
    """Generated files whose committed copy differs from the code (or is missing, or is no longer generated)."""
    files = render()
    stale = [str(p) for p, text in files.items() if not (root / p).exists() or (root / p).read_text() != text]
    for folder in (SCHEMAS, ASYNCAPI, OPENAPI):
        stale += [str(p.relative_to(root)) for p in (root / folder).glob("*") if p.relative_to(root) not in files]
    return sorted(stale)


def write(root: Path = ROOT) -> None:
    files = render()
    for folder in (SCHEMAS, ASYNCAPI, OPENAPI):
        for old in (root / folder).glob("*"):
            if old.relative_to(root) not in files:
                old.unlink()
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
