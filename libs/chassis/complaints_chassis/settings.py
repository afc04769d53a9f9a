"""Settings base: one class per service, env-prefixed; required values fail fast with a clear message."""

from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

from pydantic import Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

if TYPE_CHECKING:
    from .staff_auth import StaffTokenVerifier

H = TypeVar("H", bound="HttpSettings")


class HttpSettings(BaseSettings):
    """What every HTTP process needs, the web front end included. Subclasses set `env_prefix` (e.g. WEB_)."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    http_host: str = Field(default="127.0.0.1", description="Interface the HTTP server binds")
    http_port: int = Field(default=8000, ge=1, le=65535, description="HTTP port (API, /healthz, /readyz, /metrics)")
    http_docs_enabled: bool = Field(default=True,
                                    description="Serve /docs, /redoc and /openapi.json (switch off in production)")
    http_forwarded_allow_ips: str = Field(
        default="", description="Comma-separated IPs/CIDRs of proxies whose X-Forwarded-For/-Proto are believed; "
                                "empty believes none")
    otlp_traces_endpoint: str | None = Field(
        default=None, description="OTLP/HTTP traces endpoint, e.g. http://otel-collector:4318/v1/traces; unset "
                                  "exports nothing")
    jwt_max_lifetime_hours: float = Field(
        default=12.0, gt=0, description="Longest lifetime a staff token may have (exp - iat); longer ones are refused")
    graceful_timeout_seconds: float = Field(default=15.0, gt=0, description="Wait for in-flight work on shutdown")
    log_level: str = Field(default="INFO", description="Log level (per-message logs are DEBUG)")
    jwt_secret: SecretStr | None = Field(default=None, min_length=32,
                                         description="HS256 key of staff bearer tokens (at least 32 bytes)")
    jwt_public_key: str | None = Field(default=None,
                                       description="PEM public key for RS256 staff tokens (from the identity provider)")
    jwt_audience: str | None = Field(default=None, description="Required `aud` claim of staff tokens, if any")
    jwt_issuer: str | None = Field(default=None, description="Required `iss` claim of staff tokens, if any")

    def staff_verifier(self) -> "StaffTokenVerifier":
        """The verifier of staff tokens these settings describe (not configured when neither key is set)."""
        from .staff_auth import StaffTokenVerifier

        return StaffTokenVerifier(secret=self.jwt_secret.get_secret_value() if self.jwt_secret else None,
                                  public_key=self.jwt_public_key, audience=self.jwt_audience, issuer=self.jwt_issuer,
                                  max_lifetime_hours=self.jwt_max_lifetime_hours)


class ServiceSettings(HttpSettings):
    """What every service needs besides HTTP: its broker and its own store. Subclasses set `env_prefix` (e.g.
    ROUTING_) and add their own values."""

    kafka_bootstrap: str = Field(description="Kafka bootstrap servers, comma-separated")
    mongo_url: str = Field(description="MongoDB connection URL")
    mongo_database: str = Field(description="The service's own database")
    mongo_write_concern: str = Field(default="majority",
                                     description="Write concern `w` of every write (`majority`, or a number)")
    mongo_journal: bool = Field(default=True, description="Writes wait for the journal (`j: true`)")
    kafka_tls: bool = Field(default=False, description="Connect to Kafka over TLS")
    kafka_tls_ca_file: Path | None = Field(default=None, description="CA bundle that signed the brokers' certificates")
    kafka_tls_cert_file: Path | None = Field(default=None, description="Client certificate (mutual TLS)")
    kafka_tls_key_file: Path | None = Field(default=None, description="Client certificate's private key (mutual TLS)")
    kafka_sasl_mechanism: Literal["SCRAM-SHA-256", "SCRAM-SHA-512"] | None = Field(
        default=None, description="SASL mechanism of the service's Kafka principal; unset: no SASL")
    kafka_sasl_username: str | None = Field(default=None, description="The service's Kafka principal")
    kafka_sasl_password: SecretStr | None = Field(default=None, description="Password of the Kafka principal")
    kafka_idempotent_producer: bool = Field(
        default=True, description="Idempotent producer: on for Apache Kafka; the embedded broker rejects it")
    kafka_create_topics: bool = Field(default=True, description="Create the topics the service uses at startup")
    kafka_partitions: int = Field(default=12, ge=1, description="Partitions of topics created at startup")
    kafka_replication_factor: int = Field(default=1, ge=1, description="Replication of topics created at startup")
    consumer_max_record_bytes: int = Field(
        default=1024 * 1024, ge=1024, description="Largest record value decoded; a larger one is dead-lettered")
    consumer_batch_size: int = Field(default=500, ge=1, description="Records handled per batch")
    consumer_batch_timeout_ms: int = Field(default=50, ge=1, description="How long a batch may wait to fill")
    consumer_fetch_max_wait_ms: int = Field(
        default=100, ge=1, le=5_000,
        description="Longest a fetch waits at the broker for new records. Apache Kafka answers as soon as records "
                    "arrive; a broker that holds the fetch longer (the embedded one) delays each hop by up to this "
                    "much (aiokafka's default, 500 ms, made a hop ~130 ms at p50 there; 100 ms: ~20 ms). Idle "
                    "consumers fetch about this often")
    consumer_batch_interval_ms: int = Field(
        default=0, ge=0, le=60_000,
        description="Least time from the start of one batch to the next (0: none). Records gather meanwhile, so "
                    "where a little delay does not matter (a read model) one batch's writes serve more events")
    consumer_paced_interval_ms: int = Field(
        default=1000, ge=0, le=60_000,
        description="How long a consumer holds back the topics it names paced (events that only follow a "
                    "complaint) after a batch that was not full, so what gathers meanwhile comes as one batch; "
                    "0: never")
    retry_attempts: int = Field(default=4, ge=1, description="Tries for a transient failure before dead-lettering")
    retry_backoff_seconds: float = Field(default=0.2, gt=0, description="First retry delay; doubles each try")
    retry_backoff_max_seconds: float = Field(default=5.0, gt=0, description="Longest retry delay")
    consumer_stuck_after: int = Field(
        default=5, ge=1, description="Failed deliveries of the same batch after which readiness reports the "
                                     "partition stuck")
    outbox_batch_size: int = Field(default=500, ge=1, description="Documents the relay reads per round")
    outbox_idle_seconds: float = Field(default=0.5, gt=0, description="Relay poll interval when nothing woke it")
    outbox_keep_published_seconds: float = Field(
        default=0.0, ge=0, description="Keep what the outbox published this long, to give it again to a broker "
                                       "that lost it (the in-memory embedded broker); 0 = off (Apache Kafka)")
    broker_watch_seconds: float = Field(
        default=5.0, ge=0, description="How often the service checks its topics exist and re-creates missing "
                                       "ones (only when it creates topics); 0 = off")
    lease_seconds: float = Field(
        default=15.0, gt=0, description="Lifetime of the lease that lets one instance at a time run each "
                                        "time-driven job (scans, parking retries); renewed every third of it")
    parked_retry_seconds: float = Field(default=1.0, gt=0,
                                        description="How often events waiting for a prerequisite are tried again")
    parked_max_age_seconds: float = Field(default=3600.0, gt=0,
                                          description="How long an event may wait for its prerequisite before "
                                                      "it is dead-lettered")
    consumer_group: str | None = Field(
        default=None, description="Kafka consumer group of the service's consumer, if not the service's own name "
                                  "(tests isolate themselves with their own)")
    clock_offset_seconds: float = Field(default=0.0, description="Shift of the service clock (tests and demos)")

    @model_validator(mode="after")
    def _sasl_needs_credentials(self) -> "ServiceSettings":
        if self.kafka_sasl_mechanism and not (self.kafka_sasl_username and self.kafka_sasl_password):
            raise ValueError("kafka_sasl_mechanism needs kafka_sasl_username and kafka_sasl_password")
        return self


class SettingsError(SystemExit):
    """Raised at startup when settings are missing or wrong; the message names each variable."""


def load_settings(cls: type[H], **overrides: object) -> H:
    """Build settings from the environment, or stop with one line per missing or bad variable."""
    try:
        return cls(**overrides)
    except ValidationError as exc:
        prefix = cls.model_config.get("env_prefix", "")
        lines = []
        for error in exc.errors():
            field = str(error["loc"][0]) if error["loc"] else "?"
            info = cls.model_fields.get(field)
            what = f" ({info.description})" if info and info.description else ""
            reason = "is required" if error["type"] == "missing" else f"is invalid: {error['msg']}"
            lines.append(f"  {prefix}{field.upper()}{what} {reason}")
        raise SettingsError(f"{cls.__name__}: configuration problem\n" + "\n".join(lines)) from None
