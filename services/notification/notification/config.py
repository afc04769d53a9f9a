"""Settings of the notification service (environment variables prefixed NOTIFICATION_)."""

import json
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

import yaml
from complaints_calendar import CALENDAR_DATA_DIR
from complaints_chassis.personal_data import KeyReaderSettings
from complaints_chassis.settings import ServiceSettings
from pydantic import Field, SecretStr, ValidationInfo, field_validator
from pydantic_settings import NoDecode, SettingsConfigDict

from .adapters.rendering import TEMPLATES_DIR
from .domain.links import SiteLinks
from .domain.recipients import StaffDirectory


class NotificationSettings(ServiceSettings, KeyReaderSettings):
    """Besides its own values, where it reads the keys that open personal data (`KEYS_URL`, `KEYS_CLIENT`,
    `KEYS_SECRET` for intake's key API, or `PERSONAL_DATA_KEYS=vault` with `VAULT_*`)."""

    model_config = SettingsConfigDict(env_prefix="NOTIFICATION_", env_file=".env", extra="ignore")

    WEBHOOK_CHANNELS: ClassVar[tuple[str, ...]] = ("sms", "letter", "partner", "chat")
    """Delivery channels carried by webhooks; each has a `<name>_webhook_url` setting."""

    mongo_database: str = Field(default="complaints_notification", description="The service's own database")

    smtp_host: str = Field(description="SMTP server that sends the e-mail")
    smtp_port: int = Field(default=587, ge=1, le=65535, description="SMTP port (587 submission, 465 implicit TLS)")
    smtp_security: Literal["starttls", "opportunistic", "tls", "none"] = Field(
        default="opportunistic",
        description="starttls: refuse servers without STARTTLS (set it in production); opportunistic: upgrade "
                    "when offered (local sinks offer none); tls: implicit TLS; none: never encrypt")
    smtp_username: str | None = Field(default=None, description="SMTP login, if the server wants one")
    smtp_password: SecretStr | None = Field(default=None, description="SMTP password")
    smtp_sender: str = Field(default="complaints@localhost", description="From address of every mail")
    smtp_sender_name: str = Field(default="Complaints", description="From display name")
    smtp_timeout_seconds: float = Field(default=30.0, gt=0, description="Connect and reply timeout")
    smtp_validate_certs: bool = Field(default=True, description="Check the server's TLS certificate")
    smtp_sessions: int = Field(default=8, ge=1, description="SMTP sessions open at once, each kept for the next "
                                                           "mails instead of connecting and logging in per mail")
    smtp_idle_seconds: float = Field(default=30.0, gt=0, description="How long an unused SMTP session is kept open "
                                                                    "(keep it below the server's own idle timeout)")

    sms_webhook_url: str | None = Field(default=None, description="SMS gateway endpoint (customers by phone)")
    letter_webhook_url: str | None = Field(default=None, description="Print-and-post gateway endpoint (letters)")
    partner_webhook_url: str | None = Field(
        default=None, description="Relay to the partner systems complaints came from (payload names the system)")
    chat_webhook_url: str | None = Field(default=None, description="Staff chat endpoint (team channels)")
    webhook_secret: SecretStr | None = Field(
        default=None, validate_default=True,
        description="Standard Webhooks signing secret (whsec_…); required when any webhook URL is set")
    webhook_timeout_seconds: float = Field(default=10.0, gt=0, description="Timeout of one webhook POST")

    delivery_retries: int = Field(default=2, ge=0, description="In-channel retries of a transient delivery failure")
    delivery_backoff_seconds: float = Field(default=0.5, gt=0, description="First pause between those retries")
    delivery_backoff_max_seconds: float = Field(default=10.0, gt=0, description="Longest pause (Retry-After too)")
    delivery_jitter_seconds: float = Field(default=0.5, ge=0, description="Random extra pause per retry")

    organisation_name: str = Field(default="Complaints", description="Who the messages are from")
    public_base_url: str = Field(
        default="http://localhost:8000", pattern=r"^https?://[^\s/?#]+(/[^\s?#]*)?$",
        description="Public address of the web portal and desk: every link in every message is made from it "
                    "(status `/track/…`, survey `/survey/…`, new access code `/access-code`, desk "
                    "`/desk/cases/…`)")
    status_url: str | None = Field(
        default=None, description="Override of the status page link; `{tracking_number}` is filled in")
    survey_url: str | None = Field(
        default=None, description="Override of the satisfaction survey link; `{tracking_number}` is filled in")
    access_code_url: str | None = Field(
        default=None, description="Override of the page where a customer asks for a new access code")
    case_url: str | None = Field(
        default=None, description="Override of the staff case page link; `{complaint_id}` is filled in")

    staff_directory: Annotated[StaffDirectory, NoDecode] = Field(
        default_factory=StaffDirectory,
        description="Staff routes (`employee:…`, `team:…`, `role:…` → email, chat, language, time_zone): "
                    "inline JSON, or the path of a JSON or YAML file")
    templates_dir: Path = Field(default=TEMPLATES_DIR,
                                description="Message templates; defaults to the ones shipped with the service")
    calendar_dir: Path = Field(
        default=CALENDAR_DATA_DIR, description="Directory of business calendars (YAML), the shared ones by default: "
                                               "the same as routing's, whose deadlines the messages explain")

    @field_validator("staff_directory", mode="before")
    @classmethod
    def _read_directory(cls, value: Any) -> Any:
        """Inline JSON, or the path of a JSON/YAML file: `{key: route}` or `{"routes": {key: route}}`."""
        if not isinstance(value, str):
            return value
        text = value.strip()
        if not text.startswith("{"):
            path = Path(text)
            if not path.is_file():
                raise ValueError("is neither inline JSON nor the path of a readable file")
            text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text) if not text.lstrip().startswith("{") else json.loads(text)
        data = data or {}
        if not isinstance(data, dict):
            raise ValueError("must map directory keys to routes")
        return data if "routes" in data else {"routes": data}

    @field_validator("status_url", "survey_url", "access_code_url", "case_url")
    @classmethod
    def _placeholders_known(cls, value: str | None) -> str | None:
        if value is None:
            return value
        try:
            value.format(tracking_number="T", complaint_id="C")
        except (KeyError, IndexError, ValueError) as exc:
            raise ValueError("may use only {tracking_number} or {complaint_id} as placeholders") from exc
        return value

    @field_validator("templates_dir")
    @classmethod
    def _templates_exist(cls, value: Path) -> Path:
        if not value.is_dir():
            raise ValueError("is not a directory")
        return value

    @property
    def links(self) -> SiteLinks:
        """The links of every message: the pages under `public_base_url`, unless a page is overridden."""
        return SiteLinks.under(self.public_base_url, organisation=self.organisation_name, status_url=self.status_url,
                               survey_url=self.survey_url, access_code_url=self.access_code_url,
                               case_url=self.case_url)

    @field_validator("webhook_secret")
    @classmethod
    def _webhooks_are_signed(cls, value: SecretStr | None, info: ValidationInfo) -> SecretStr | None:
        if value is None and any(info.data.get(f"{name}_webhook_url") for name in cls.WEBHOOK_CHANNELS):
            raise ValueError("is required when a webhook URL is set (receivers refuse unsigned webhooks)")
        return value

    def webhook_urls(self) -> dict[str, str]:
        """Channel name → endpoint, for the webhook channels that are configured."""
        urls = {name: getattr(self, f"{name}_webhook_url") for name in self.WEBHOOK_CHANNELS}
        return {name: url for name, url in urls.items() if url}
