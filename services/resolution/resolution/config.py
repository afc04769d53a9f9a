"""Settings of the resolution service (environment variables prefixed RESOLUTION_)."""

from datetime import timedelta
from typing import Literal

from complaints_chassis.personal_data import CachedKeyRing, KeyReaderSettings, key_ring
from complaints_chassis.settings import ServiceSettings, SettingsError
from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from .domain.policy import CasePolicy


class ResolutionSettings(ServiceSettings, KeyReaderSettings):
    model_config = SettingsConfigDict(env_prefix="RESOLUTION_", env_file=".env", extra="ignore")

    mongo_database: str = Field(default="complaints_resolution", description="The service's own database")
    jwt_secret: SecretStr = Field(description="HS256 key that signs staff bearer tokens (at least 32 bytes)",
                                  min_length=32)
    calendar_jurisdiction: str = Field(
        default="GB", description="Jurisdiction whose business calendar counts pauses, warnings and reopenings of a "
                                  "case whose deadlines name no calendar (each case is counted in its own otherwise)")
    scan_interval_seconds: float = Field(default=30.0, gt=0, description="How often the deadline scan runs")
    scan_batch_size: int = Field(default=500, ge=1, description="Cases the deadline scan handles per round")
    allow_clock_control: bool = Field(default=False,
                                      description="Let admins shift the clock over HTTP (never in production)")
    reopen_window_days: int = Field(default=56, ge=0, description="Days after finishing that a case may reopen")
    customer_reopen_window_days: int = Field(
        default=56, ge=0, description="Days after finishing that the customer's request reopens the case (later "
                                      "requests become a task for staff)")
    restart_service_sla_on_reopening: bool = Field(
        default=True, description="A reopened case gets its service-SLA targets again, counted from the reopening")
    final_response_minimum: Literal["advise", "enforce"] = Field(
        default="advise", description="A final response lacking the ISO 10002 minimum (decision, reasons, what will "
                                      "be done by when, how to escalate) is refused (enforce) or issued with the gaps "
                                      "recorded (advise)")
    warn_fraction: float = Field(default=0.75, gt=0, lt=1,
                                 description="Share of a deadline's time used when a DeadlineWarning is raised")
    max_tier: int = Field(default=3, ge=1, description="Highest escalation tier")

    def policy(self) -> CasePolicy:
        """The case rules these settings tune."""
        return CasePolicy(reopen_window=timedelta(days=self.reopen_window_days), warn_fraction=self.warn_fraction,
                          max_tier=self.max_tier,
                          customer_reopen_window=timedelta(days=self.customer_reopen_window_days),
                          restart_service_sla_on_reopening=self.restart_service_sla_on_reopening,
                          minimum_content=self.final_response_minimum)

    def key_ring(self) -> CachedKeyRing:
        """The keys personal data is opened with. Start-up stops here, naming the variables, when the settings do
        not say where to read them: a service that cannot open personal data would show every case as erased."""
        needed = ("vault_url", "vault_token") if self.personal_data_keys == "vault" else (
            "keys_url", "keys_client", "keys_secret")
        missing = [name for name in needed if not getattr(self, name)]
        if missing:
            prefix = self.model_config.get("env_prefix", "")
            raise SettingsError(f"{type(self).__name__}: configuration problem\n" + "\n".join(
                f"  {prefix}{name.upper()} ({type(self).model_fields[name].description}) is required with "
                f"{prefix}PERSONAL_DATA_KEYS={self.personal_data_keys}" for name in missing))
        return key_ring(self)
