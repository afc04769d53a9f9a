"""The final-response templates shipped with the service (response_templates/<language>.yaml), read once at start."""

from pathlib import Path

import yaml
from complaint_contracts.types import Language

from ..domain.response_templates import TemplateSet

TEMPLATES_DIR = Path(__file__).parent / "response_templates"


def load_template_sets(folder: Path = TEMPLATES_DIR) -> dict[Language, TemplateSet]:
    """Every language's templates; a file that does not parse stops start-up naming it."""
    sets = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            template_set = TemplateSet.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        except (yaml.YAMLError, ValueError) as exc:
            raise ValueError(f"response template file {path.name} is not valid: {exc}") from exc
        sets[template_set.language] = template_set
    if Language.EN not in sets:
        raise ValueError(f"no English response templates in {folder} (the fallback language)")
    return sets
