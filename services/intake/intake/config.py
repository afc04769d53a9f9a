"""Settings of the intake service (environment variables prefixed INTAKE_)."""

from datetime import timedelta

from complaints_chassis.personal_data import KeyOwnerSettings
from complaints_chassis.settings import ServiceSettings
from pydantic import Field, IPvAnyNetwork, model_validator
from pydantic_settings import SettingsConfigDict

from .domain.limits import DEFAULT_MEDIA_TYPES, IntakeLimits
from .domain.lookup_policy import LookupPolicy
from .domain.retention import RECORD_RETENTION_DAYS
from .domain.subjects import SubjectIndex


class IntakeSettings(ServiceSettings, KeyOwnerSettings):
    model_config = SettingsConfigDict(env_prefix="INTAKE_", env_file=".env", extra="ignore")

    mongo_database: str = Field(default="complaints_intake", description="The service's own database")
    max_title_chars: int = Field(default=200, ge=1, le=200, description="Longest complaint title (characters)")
    max_description_chars: int = Field(default=20_000, ge=1, le=20_000,
                                       description="Longest complaint description (characters)")
    max_attachments: int = Field(default=10, ge=0, le=10, description="Most attachments per complaint")
    max_attachment_bytes: int = Field(default=10 * 1024 * 1024, ge=1, description="Largest attachment (bytes)")
    allowed_media_types: frozenset[str] = Field(
        default=DEFAULT_MEDIA_TYPES, description="Media types accepted as attachments (JSON list); a file's content "
                                                 "must match its type: text/* or a type with a known signature")
    requests_per_minute: int = Field(default=60, ge=1,
                                     description="API requests one client address may make per minute")
    lookup_failures_per_minute: int = Field(
        default=10, ge=1, description="Failed look-ups (wrong number or code) one client may make per minute, "
                                      "across tracking numbers, before it loses its free failures on each")
    lookup_failures_per_number_per_hour: int = Field(
        default=100, ge=1, description="Failed look-ups of one tracking number per hour, from all clients, before "
                                       "every client that failed on it loses its free failures (OWASP ASVS 2.2.1)")
    lookup_free_failures: int = Field(
        default=3, ge=0, description="Failed look-ups one client may make on one tracking number before it waits")
    lookup_backoff_max_seconds: int = Field(
        default=900, ge=1, description="Longest wait after failed look-ups (the wait doubles with each failure)")
    access_code_requests_per_client_per_hour: int = Field(
        default=10, ge=1, description="Requests for a new access code one client address may make per hour")
    access_code_requests_per_number_per_hour: int = Field(
        default=3, ge=1, description="Requests for a new access code of one tracking number per hour, from all "
                                     "clients, matching or not (so that a refusal says nothing about what is on file)")
    reopen_window_days: int = Field(
        default=56, ge=0, description="Days after closure during which the customer may ask to reopen a complaint "
                                      "(keep equal to RESOLUTION_CUSTOMER_REOPEN_WINDOW_DAYS)")
    rate_limit_clients: int = Field(default=100_000, ge=100,
                                    description="Client addresses whose rate budgets are remembered (memory bound)")
    personal_data_retention_days: int = Field(
        default=1095, ge=1, description="Days after a customer's last complaint closed that their personal data is "
                                        "kept; then their keys are destroyed (the complaint records stay)")
    record_retention_days: int = Field(
        default=RECORD_RETENTION_DAYS, ge=1,
        description="Days after a complaint closed (not reopened since) that its record is kept; then every service "
                    "deletes what it keeps about it. At least INTAKE_PERSONAL_DATA_RETENTION_DAYS")
    retention_interval_seconds: float = Field(default=3600.0, gt=0,
                                              description="How often the retention period is applied")
    submissions_trim_seconds: float = Field(
        default=0.0, ge=0,
        description="How often what intake has consumed of complaints.submissions.v1 is deleted from it (Kafka's "
                    "DeleteRecords), so partners' plaintext does not outlive its processing; 0 = never (the embedded "
                    "broker cannot delete records). Only while intake's consumer group is the topic's one reader")
    retention_batch_size: int = Field(default=500, ge=1, le=10_000,
                                      description="Complaints read per page of the retention scan")
    export_sources: dict[str, str] = Field(
        default_factory=dict, description="The services asked for their part of an access export: name → base URL "
                                          "(JSON), e.g. {\"routing\": \"http://routing:8000\"}")
    export_timeout_seconds: float = Field(default=30.0, gt=0,
                                          description="How long a service may take to answer for its export part")
    trusted_proxies: list[IPvAnyNetwork] = Field(
        default_factory=list,
        description="Reverse proxies (addresses or CIDR networks, JSON list) whose X-Forwarded-For header names the "
                    "client; a request from any other address is the client itself. Empty: the header is ignored")

    @model_validator(mode="after")
    def _record_outlives_personal_data(self) -> "IntakeSettings":
        if self.record_retention_days < self.personal_data_retention_days:
            raise ValueError(
                f"INTAKE_RECORD_RETENTION_DAYS ({self.record_retention_days}) must be at least "
                f"INTAKE_PERSONAL_DATA_RETENTION_DAYS ({self.personal_data_retention_days}): personal data goes "
                "before the complaint record, never after it")
        return self

    def subject_index(self) -> SubjectIndex:
        """Data-subject ids and blind indexes under the pepper (required: intake seals everything it keeps)."""
        if self.subject_pepper is None:
            raise ValueError("INTAKE_SUBJECT_PEPPER is required (at least 32 random characters, never changed)")
        return SubjectIndex(self.subject_pepper.get_secret_value().encode())

    def personal_data_retention(self) -> timedelta:
        return timedelta(days=self.personal_data_retention_days)

    def record_retention(self) -> timedelta:
        return timedelta(days=self.record_retention_days)

    def lookup_policy(self) -> LookupPolicy:
        """How long a client waits after failed look-ups of one tracking number."""
        return LookupPolicy(free_failures=self.lookup_free_failures,
                            backoff_max_seconds=float(self.lookup_backoff_max_seconds))

    def reopen_window(self) -> timedelta:
        """How long after closure the customer may ask to reopen."""
        return timedelta(days=self.reopen_window_days)

    def limits(self) -> IntakeLimits:
        """The limits the domain checks filings and submissions against."""
        return IntakeLimits(max_title_chars=self.max_title_chars, max_description_chars=self.max_description_chars,
                            max_attachments=self.max_attachments, max_attachment_bytes=self.max_attachment_bytes,
                            allowed_media_types=frozenset(t.lower() for t in self.allowed_media_types))

    def max_request_bytes(self) -> int:
        """Largest filing body worth reading: every attachment at its limit in base64, plus the texts."""
        return (self.max_attachments * self.max_attachment_bytes * 4) // 3 + 1024 * 1024
