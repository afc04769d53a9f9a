"""Settings of the routing service (environment variables prefixed ROUTING_)."""

from pathlib import Path

from complaints_calendar import CALENDAR_DATA_DIR
from complaints_chassis.personal_data import KeyReaderSettings
from complaints_chassis.settings import ServiceSettings
from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from .adapters.rules_files import RULES_FILE, TEAMS_FILE
from .adapters.triage_model import MODEL_DIR


class RoutingSettings(ServiceSettings, KeyReaderSettings):
    """Routing reads the keys of personal data (ROUTING_KEYS_URL, _CLIENT, _SECRET, or Vault): triage reads the
    complaint's words."""

    model_config = SettingsConfigDict(env_prefix="ROUTING_", env_file=".env", extra="ignore")

    mongo_database: str = Field(default="complaints_routing", description="The service's own database")
    rules_file: Path = Field(default=RULES_FILE,
                             description="Assessment and routing rules (YAML); the packaged rules by default")
    teams_file: Path = Field(default=TEAMS_FILE,
                             description="Departments, teams and members (YAML); the packaged teams by default")
    calendar_dir: Path = Field(default=CALENDAR_DATA_DIR,
                               description="Directory of business calendars (YAML), the shared ones by default")
    triage_model_dir: Path = Field(
        default=MODEL_DIR, description="Directory of the trained triage model (artefact and manifest); the packaged "
                                       "model by default")
    triage_model_enabled: bool = Field(
        default=True, description="Ask the trained model beside the rules (false: the rules decide alone)")
    learning_window_days: int = Field(
        default=90, gt=0, description="How long a routed complaint's text is kept so that a staff correction can "
                                      "become a training example (then it is deleted)")
    kept_example_days: int = Field(
        default=730, gt=0, description="How long an example made from a staff correction is kept for retraining")
    rules_watch_seconds: float = Field(
        default=10.0, ge=0, description="How often the rules and teams files are checked for changes (0 = never)")
    fingerprint_key: SecretStr = Field(
        min_length=16,
        description="Secret key of the hashes that compare customers and texts for duplicates (a known key would "
                    "let anyone with the database test guesses of e-mail addresses against the hashes)")
