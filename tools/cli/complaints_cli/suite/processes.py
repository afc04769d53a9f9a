"""The whole suite as processes: embedded broker and store, an SMTP sink, and the five services."""

import base64
import json
import os
import secrets
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from complaints_chassis.settings import ServiceSettings

from .embedded import EmbeddedStack, free_port, wait_for_port
from .mail_sink import RawMaildir
from .stopping import stop_within_grace

SERVICES = ("intake", "routing", "resolution", "notification", "analytics")
"""The back-end services: each owns a store and talks to the others through Kafka."""
FRONT_END = "web"
"""The customer portal and staff desk: calls the services' HTTP APIs, owns no store."""
PROCESSES = (FRONT_END, *SERVICES)
"""Every application process, in the order they stop (the front end first: it only calls the others)."""
DEMO_STAFF_MEMBERS = Path(__file__).resolve().parents[4] / "deploy/env/staff-members.demo.yaml"
DEMO_STAFF_DIRECTORY = Path(__file__).resolve().parents[4] / "deploy/env/staff-directory.demo.yaml"
GRACEFUL_TIMEOUT_SECONDS = float(ServiceSettings.model_fields["graceful_timeout_seconds"].default)
GRACE_MARGIN_SECONDS = 10.0
"""A service's grace period is its own graceful timeout plus this: uvicorn drains requests first, then the lifespan
stops the consumers, lets in-flight batches finish and flushes the outbox (as Kubernetes' 30 s exceed the 20 s the
manifests give the services)."""
INFRASTRUCTURE_GRACE_SECONDS = 15.0


KEY_READERS = ("routing", "resolution", "notification")
"""Services that open personal data with keys read from intake (analytics never does)."""
KEY_SEALERS = ("crm",)
"""The partner systems the embedded stack lets seal their submissions (a call centre's CRM, as in the examples)."""
SECRETS_FILE = "personal-data-secrets.json"
"""Where in the run directory the embedded stack keeps its personal-data secrets (owner-only)."""


def personal_data_secrets(run_dir: Path) -> dict:
    """The embedded stack's key-encryption key, subject pepper and key readers' secrets, made once per run directory.

    Kept beside the store's data so a persistent `make run` still opens what it sealed yesterday; production takes
    them from its secret store (or uses Vault) instead.
    """
    path = run_dir / SECRETS_FILE
    kept = json.loads(path.read_text()) if path.exists() else {}
    made = {"key_encryption_key": "embedded-1:" + base64.b64encode(secrets.token_bytes(32)).decode(),
            "subject_pepper": secrets.token_urlsafe(32),
            "readers": {name: secrets.token_urlsafe(24) for name in KEY_READERS},
            "sealers": {name: secrets.token_urlsafe(24) for name in KEY_SEALERS}} | kept
    if made != kept:  # first run, or a run directory older than a secret added since
        run_dir.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(json.dumps(made))
    return made


@dataclass
class SuiteConfig:
    run_dir: Path
    """Logs, the store's data (when persistent) and the mailbox live here."""
    persistent: bool = True
    kafka_port: int = 0
    mongo_port: int = 0
    smtp_port: int = 0
    service_ports: dict[str, int] = field(default_factory=dict)
    extra_env: dict[str, str] = field(default_factory=dict)
    """More environment for the services (e.g. RESOLUTION_CLOCK_OFFSET_SECONDS in tests)."""
    kafka_bootstrap: str | None = None
    mongo_url: str | None = None
    """Given both, the services use this Kafka and MongoDB instead of starting the embedded ones."""
    idempotent_producer: bool = False


@dataclass
class Suite:
    config: SuiteConfig
    stack: EmbeddedStack | None = None
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    resolution_jwt_secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    """Signs staff tokens for this run (tests, the desk's development sign-in and `complaints token` mint with it)."""
    session_secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    """Signs the web front end's session and anti-forgery cookies for this run."""
    _smtp_args: list[str] = field(default_factory=list)
    _lock: threading.RLock = field(default_factory=threading.RLock)
    """The supervisor's thread and the caller's both start and stop processes."""

    @property
    def mailbox(self) -> Path:
        return self.config.run_dir / "mail"

    @property
    def logs(self) -> Path:
        return self.config.run_dir / "logs"

    @property
    def personal_data_secrets(self) -> Path:
        """Where the embedded stack keeps its key-encryption key, pepper and clients' secrets (owner-only file)."""
        return self.config.run_dir / SECRETS_FILE

    def sealer_secret(self, partner: str) -> str:
        """The partner system's secret at intake's key API, to seal its submissions with the customer's key."""
        return personal_data_secrets(self.config.run_dir)["sealers"][partner]

    def url(self, service: str) -> str:
        return f"http://127.0.0.1:{self.config.service_ports[service]}"

    @property
    def kafka_bootstrap(self) -> str:
        return self.config.kafka_bootstrap or (self.stack.kafka_bootstrap if self.stack else "")

    @property
    def mongo_url(self) -> str:
        """The given MongoDB, or the first service's embedded store."""
        return self.config.mongo_url or (self.stack.mongo_url if self.stack else "")

    def mongo_url_of(self, service: str) -> str:
        """Where the service keeps its database: the given MongoDB, or its own embedded store."""
        return self.config.mongo_url or (self.stack.mongo_url_of(service) if self.stack else "")

    def service_env(self, service: str) -> dict[str, str]:
        if service == FRONT_END:
            return self._front_end_env()
        prefix = service.upper()
        # The embedded broker has no InitProducerId, so no idempotent producer there.
        idempotent = self.config.idempotent_producer and self.stack is None
        env = {
            f"{prefix}_KAFKA_BOOTSTRAP": self.kafka_bootstrap,
            f"{prefix}_MONGO_URL": self.mongo_url_of(service),
            f"{prefix}_KAFKA_IDEMPOTENT_PRODUCER": str(idempotent).lower(),
            f"{prefix}_HTTP_PORT": str(self.config.service_ports[service]),
            "NOTIFICATION_SMTP_HOST": "127.0.0.1",
            "NOTIFICATION_SMTP_PORT": str(self.config.smtp_port),
            # One identity provider signs every staff token.
            **{f"{name.upper()}_JWT_SECRET": self.resolution_jwt_secret for name in SERVICES},
            "NOTIFICATION_STAFF_DIRECTORY": str(DEMO_STAFF_DIRECTORY),
            # Fixed, not secret: only the embedded stack of one machine uses it, and duplicate detection must
            # still recognise yesterday's complaints after `make run` restarts.
            "ROUTING_FINGERPRINT_KEY": "embedded-development-fingerprint-key",
            # One developer (and the load generator) is one client address here: the production default of
            # 60 filings a minute per address would throttle them.
            "INTAKE_REQUESTS_PER_MINUTE": "1000000",
            # The portal calls intake for its visitors and names each in X-Forwarded-For: their budgets and
            # look-up lock-outs stay their own instead of one shared by every customer of the portal.
            "INTAKE_TRUSTED_PROXIES": '["127.0.0.1/32"]',
            # Each log line reaches its file when written: someone tailing a log (or a test reading it) sees it all.
            "PYTHONUNBUFFERED": "1",
        }
        env |= self._personal_data_env()
        if FRONT_END in self.config.service_ports:  # every link in a message leads to the portal or the desk
            env["NOTIFICATION_PUBLIC_BASE_URL"] = self.url(FRONT_END).replace("127.0.0.1", "localhost")
        return {**os.environ, **env, **self.config.extra_env}

    def _personal_data_env(self) -> dict[str, str]:
        """Intake's key store and who may read it; readers' credentials; where intake gathers access exports."""
        keys = personal_data_secrets(self.config.run_dir)
        env = {
            "INTAKE_KEY_ENCRYPTION_KEYS": json.dumps([keys["key_encryption_key"]]),
            "INTAKE_SUBJECT_PEPPER": keys["subject_pepper"],
            "INTAKE_KEY_READERS": json.dumps({name: keys["readers"][name] for name in KEY_READERS}),
            "INTAKE_KEY_SEALERS": json.dumps({name: keys["sealers"][name] for name in KEY_SEALERS}),
            "INTAKE_EXPORT_SOURCES": json.dumps({name: self.url(name) for name in SERVICES if name != "intake"}),
        }
        for name in KEY_READERS:
            env |= {f"{name.upper()}_KEYS_URL": self.url("intake"), f"{name.upper()}_KEYS_CLIENT": name,
                    f"{name.upper()}_KEYS_SECRET": keys["readers"][name]}
        return env

    def _front_end_env(self) -> dict[str, str]:
        env = {f"WEB_{name.upper()}_URL": self.url(name) for name in ("intake", "routing", "resolution", "analytics",
                                                                     "notification")}
        env |= {
            "WEB_HTTP_PORT": str(self.config.service_ports[FRONT_END]),
            "WEB_PUBLIC_BASE_URL": self.url(FRONT_END).replace("127.0.0.1", "localhost"),
            "WEB_ENVIRONMENT": "development",  # plain-HTTP cookies on localhost, and the development sign-in
            "WEB_DEV_SIGN_IN": "true",
            "WEB_DEMO_STAFF_FILE": str(DEMO_STAFF_MEMBERS),
            "WEB_JWT_SECRET": self.resolution_jwt_secret,
            "WEB_SESSION_SECRET": self.session_secret,
        }
        return {**os.environ, **env, **self.config.extra_env}

    def start(self) -> "Suite":
        cfg = self.config
        self.logs.mkdir(parents=True, exist_ok=True)
        for folder in ("tmp", "new", "cur"):  # a Maildir: the sink cannot store into a bare folder
            (self.mailbox / folder).mkdir(parents=True, exist_ok=True)
        if not (cfg.kafka_bootstrap and cfg.mongo_url):
            self.stack = EmbeddedStack(data_dir=cfg.run_dir / "data" / "mongodb" if cfg.persistent else None,
                                       log_dir=self.logs, kafka_port=cfg.kafka_port,
                                       mongo_port=cfg.mongo_port, stores=SERVICES).start()
        cfg.smtp_port = cfg.smtp_port or free_port()
        for service in PROCESSES:
            cfg.service_ports.setdefault(service, free_port())
        self._smtp_args = [sys.executable, "-m", "aiosmtpd", "-n", "-u", "-l", f"127.0.0.1:{cfg.smtp_port}",
                           "-c", f"{RawMaildir.__module__}.{RawMaildir.__name__}", str(self.mailbox)]
        self._spawn("smtp", self._smtp_args, os.environ.copy())
        wait_for_port(cfg.smtp_port, timeout=20, process=self.processes["smtp"], what="SMTP sink")
        for service in reversed(PROCESSES):  # the front end last: its readiness needs the services
            self.start_service(service)
        return self

    def watched(self) -> dict[str, subprocess.Popen]:
        """Every process of the suite by name: services, mail sink, and the embedded broker and stores."""
        with self._lock:
            return {**self.processes, **(self.stack.named if self.stack else {})}

    def pids(self) -> dict[str, int]:
        """The pid of every process of the suite that is running."""
        return {name: proc.pid for name, proc in self.watched().items() if proc.poll() is None}

    def exited(self) -> dict[str, int]:
        """Every process of the suite that is no longer running: name → exit code (negative: killed by a signal)."""
        return {name: proc.returncode for name, proc in self.watched().items() if proc.poll() is not None}

    def grace_seconds(self, name: str) -> float:
        """How long a process may take to stop after SIGTERM before it is killed."""
        if name not in PROCESSES:
            return INFRASTRUCTURE_GRACE_SECONDS
        graceful = self.service_env(name).get(f"{name.upper()}_GRACEFUL_TIMEOUT_SECONDS")
        return (float(graceful) if graceful else GRACEFUL_TIMEOUT_SECONDS) + GRACE_MARGIN_SECONDS

    def start_service(self, service: str) -> None:
        self._spawn(service, [sys.executable, "-m", service], self.service_env(service))

    def start_replica(self, service: str) -> str:
        """A second instance of a service (same consumer group, same store, its own HTTP port), as a scaled-out
        deployment runs it; returns the process name (`<service>-2`), also usable with `url`."""
        name = f"{service}-2"
        port = self.config.service_ports.setdefault(name, free_port())
        env = self.service_env(service) | {f"{service.upper()}_HTTP_PORT": str(port)}
        self._spawn(name, [sys.executable, "-m", service], env)
        return name

    def stop_service(self, service: str, *, kill: bool = False) -> bool:
        """Stop a service on purpose (it leaves the suite until `start_service`): gracefully, or kill it. Whether it
        was killed (asked to, or it overran its grace period)."""
        with self._lock:
            proc = self.processes.pop(service)
        if kill:
            proc.kill()
            proc.wait()
            return True
        return bool(stop_within_grace([(service, proc, self.grace_seconds(service))]))

    def terminate(self, name: str) -> int:
        """Stop one process gracefully, keeping its place in the suite (`respawn` starts it again); its exit code."""
        proc = self.watched()[name]
        stop_within_grace([(name, proc, self.grace_seconds(name))])
        return proc.returncode

    def respawn(self, name: str) -> int:
        """Start a process of the suite that has exited again, as it was started; returns its new pid."""
        with self._lock:
            current = self.watched().get(name)
            if current is not None and current.poll() is None:
                raise RuntimeError(f"{name} is still running (pid {current.pid})")
            if name in PROCESSES:
                self.start_service(name)
            elif name == "smtp":
                self._spawn("smtp", self._smtp_args, os.environ.copy())
            elif self.stack is not None and name in self.stack.named:
                self.stack.respawn(name)
            else:
                raise KeyError(f"{name} is not a process of this suite")
            return self.watched()[name].pid

    def _spawn(self, name: str, args: list[str], env: dict[str, str]) -> None:
        # The child keeps its own copy of the log file's descriptor; ours is closed (a respawn must not leak one).
        with open(self.logs / f"{name}.log", "ab") as log, self._lock:
            self.processes[name] = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=env,
                                                    start_new_session=True)

    def readiness(self) -> dict[str, str]:
        status = {}
        for service in PROCESSES:
            proc = self.processes.get(service)
            if proc is None:
                status[service] = "stopped"
            elif proc.poll() is not None:
                status[service] = f"exited ({proc.returncode})"
            else:
                try:
                    answer = httpx.get(self.url(service) + "/readyz", timeout=2)
                    status[service] = "ready" if answer.status_code == 200 else "starting"
                except httpx.HTTPError:
                    status[service] = "starting"
        return status

    def wait_ready(self, timeout: float = 120) -> dict[str, str]:
        deadline = time.monotonic() + timeout
        while True:
            status = self.readiness()
            if all(s == "ready" for s in status.values()):
                return status
            failed = {k: v for k, v in status.items() if v.startswith("exited")}
            if failed or time.monotonic() > deadline:
                raise RuntimeError(f"suite not ready: {status}; see the logs in {self.logs}")
            time.sleep(0.3)

    def stop(self) -> list[str]:
        """Services first (they finish in-flight work and flush their outboxes), then the infrastructure; each
        within its grace period (SIGTERM, then SIGKILL). Returns the names of those that had to be killed."""
        with self._lock:
            services = {s: self.processes.pop(s) for s in [*PROCESSES, *(f"{p}-2" for p in PROCESSES)]
                        if s in self.processes}
            rest = dict(self.processes)
            self.processes.clear()
        killed = stop_within_grace((name, proc, self.grace_seconds(name)) for name, proc in services.items())
        killed += stop_within_grace((name, proc, self.grace_seconds(name)) for name, proc in rest.items())
        if self.stack is not None:
            killed += self.stack.stop(INFRASTRUCTURE_GRACE_SECONDS)
        return killed
