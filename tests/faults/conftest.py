"""The suite as processes under its supervisor (as `complaints up` runs it), and a modest load of complaints filed
over HTTP and Kafka while processes are killed.

The poison-record and stuck-partition tests of this folder use the session `backend` fixture instead.
"""

import asyncio
import logging
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from aiokafka import AIOKafkaProducer
from complaint_contracts import to_kafka, topics
from complaints_cli.suite import Suite, SuiteConfig
from complaints_cli.suite.supervision import Supervisor

from tests.e2e import journey

ACKNOWLEDGEMENT = "We have received your"
"""Subject of the acknowledgement mail (complaint or enquiry), followed by the tracking number."""


class Lines(logging.Handler):
    """Keeps the supervisor's log lines."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@dataclass
class Supervised:
    suite: Suite
    supervisor: Supervisor
    run_dir: Path
    log: Lines

    def wait_all_ready(self, timeout: float = 120) -> None:
        """Every service ready again (a crashed one is `exited` until its backoff has passed: that is waited out)."""
        journey.wait_for(self.suite.readiness, lambda status: set(status.values()) == {"ready"},
                         what="every service ready", timeout=timeout)


class SupervisedSuite:
    """All five services, their stores, the broker and the mail sink, each restarted by the supervisor when it
    dies: started by the first test that asks, stopped after the last test of this folder (not at the end of the
    session: eleven idle processes would slow every test after these), each process within its grace period."""

    running: Supervised | None = None
    _folder: tempfile.TemporaryDirectory | None = None

    @classmethod
    def get(cls) -> Supervised:
        if cls.running is None:
            cls._folder = tempfile.TemporaryDirectory(prefix="complaints-faults-")
            run_dir = Path(cls._folder.name)
            suite = Suite(SuiteConfig(run_dir=run_dir, persistent=False))
            try:
                suite.start()
                suite.wait_ready(timeout=180)
            except BaseException:
                suite.stop()
                cls._folder.cleanup()
                raise
            lines = Lines()
            logging.getLogger("complaints_cli.suite").addHandler(lines)
            logging.getLogger("complaints_cli.suite").setLevel(logging.INFO)
            (run_dir / ".run").mkdir()
            supervisor = Supervisor(suite, names=list(suite.watched()), state_file=run_dir / ".run/supervisor.json")
            supervisor.start()
            cls.running = Supervised(suite, supervisor, run_dir, lines)
        return cls.running

    @classmethod
    def stop(cls) -> list[str]:
        """Stop it if it runs; the names of the processes that had to be killed."""
        if cls.running is None:
            return []
        running, cls.running = cls.running, None
        running.supervisor.stop()  # first: the exits that follow are ours, not crashes
        try:
            return running.suite.stop()
        finally:
            logging.getLogger("complaints_cli.suite").removeHandler(running.log)
            if cls._folder is not None:
                cls._folder.cleanup()


@pytest.fixture
def supervised() -> Supervised:
    return SupervisedSuite.get()


def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    """After the last test of this folder, stop the supervised suite (a process killed there fails that test)."""
    here = Path(__file__).parent
    if nextitem is None or here not in nextitem.path.parents:
        killed = SupervisedSuite.stop()
        assert killed == [], f"killed after their grace period: {killed}"


def pytest_sessionfinish(session: pytest.Session) -> None:
    """An interrupted run stops the suite too (its processes lead their own sessions: Ctrl-C does not reach them)."""
    SupervisedSuite.stop()


@dataclass
class Load:
    """Files complaints until stopped: over HTTP (each retried with its Idempotency-Key until intake answers, as a
    careful client does) and over Kafka; every complaint has a customer address of its own."""

    suite: Suite
    http_every: float = 0.8
    kafka_every: float = 1.0
    over_http: list[str] = field(default_factory=list)
    over_kafka: list[str] = field(default_factory=list)
    retries: int = 0
    errors: list[str] = field(default_factory=list)
    _halt: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)

    @property
    def filed(self) -> list[str]:
        return self.over_http + self.over_kafka

    def start(self) -> "Load":
        self._threads = [threading.Thread(target=self._file_over_http, daemon=True),
                         threading.Thread(target=lambda: asyncio.run(self._submit_over_kafka()), daemon=True)]
        for thread in self._threads:
            thread.start()
        return self

    def stop(self) -> None:
        """Stop filing (a filing under way is finished); `errors` says what went wrong meanwhile."""
        self._halt.set()
        for thread in self._threads:
            thread.join(timeout=130)

    def _file_over_http(self) -> None:
        n = 0
        while not self._halt.wait(self.http_every):
            n += 1
            address = journey.unique_email("filer")
            body = journey.filing(title=f"Order {n} arrived damaged", email_address=address,
                                  description=f"Order number {n} arrived with the box crushed and a cracked lid.")
            if self._post_until_answered(body):
                self.over_http.append(address)

    def _post_until_answered(self, body: dict) -> bool:
        key, deadline = uuid.uuid4().hex, time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                answer = httpx.post(f"{self.suite.url('intake')}/v1/complaints", json=body, timeout=15,
                                    headers={"Idempotency-Key": key})
                if answer.status_code == 201:
                    return True
                if answer.status_code < 500:
                    self.errors.append(f"intake answered {answer.status_code}: {answer.text[:300]}")
                    return False
            except httpx.HTTPError:
                pass  # intake is down or went down mid-request: the same key again, once it is back
            self.retries += 1
            time.sleep(0.5)
        self.errors.append("intake did not answer a filing within 120 s")
        return False

    async def _submit_over_kafka(self) -> None:
        producer = AIOKafkaProducer(bootstrap_servers=self.suite.kafka_bootstrap, acks="all")
        await producer.start()
        try:
            while not self._halt.is_set():
                submitted = journey.submission()
                record = to_kafka(submitted)
                await producer.send_and_wait(topics.SUBMISSIONS, record.value, key=record.key,
                                             headers=record.headers)
                self.over_kafka.append(submitted.customer.email)
                await asyncio.sleep(self.kafka_every)
        except Exception as exc:  # kept, and the test fails on it in stop()
            self.errors.append(repr(exc))
        finally:
            await producer.stop()


def acknowledgements(suite: Suite, addresses: set[str]) -> Counter[str]:
    """Acknowledgement mails per customer address, among those addresses."""
    return Counter(m.to for m in journey.mails(suite) if m.to in addresses and m.subject.startswith(ACKNOWLEDGEMENT))

