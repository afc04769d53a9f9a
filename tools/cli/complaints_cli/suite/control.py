"""Asking the running `complaints up` to do something: request files in `.run/control/`, answered by reply files.

Plain files, because they need no port, survive either side restarting, and can be read by a person:
`complaints restart routing` writes `<id>.request.json` (written whole, then renamed, so it is never read half
written), `complaints up` takes it within half a second, acts, and writes `<id>.reply.json`, which the asking
command reads and removes. A request nobody takes (the suite stopped meanwhile) times out on the asking side.
"""

import json
import os
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REQUEST = ".request.json"
REPLY = ".reply.json"


@dataclass(frozen=True)
class Request:
    id: str
    action: str
    target: str


def _write_whole(path: Path, content: dict[str, Any]) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(content))
    os.replace(temporary, path)


class ControlInbox:
    """The `complaints up` side: take the requests that arrived, answer each one."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob(f"*{REQUEST}"):  # asked of a suite that is gone: its asker has given up
            stale.unlink(missing_ok=True)

    def take(self) -> Iterator[Request]:
        for path in sorted(self.folder.glob(f"*{REQUEST}")):
            request_id = path.name.removesuffix(REQUEST)
            try:
                content = json.loads(path.read_text())
            except (OSError, ValueError) as exc:
                self.reply(request_id, {"ok": False, "detail": f"unreadable request: {exc}"})
                path.unlink(missing_ok=True)
                continue
            path.unlink(missing_ok=True)
            yield Request(id=request_id, action=str(content.get("action")), target=str(content.get("target")))

    def reply(self, request_id: str, outcome: dict[str, Any]) -> None:
        _write_whole(self.folder / f"{request_id}{REPLY}", outcome)

    def serve(self, restart: Callable[[str, Callable[[dict[str, Any]], None]], None]) -> None:
        """Act on the requests that arrived: `restart(target, done)` answers through `done` when it is over."""
        for request in self.take():
            if request.action == "restart":
                restart(request.target, lambda outcome, request_id=request.id: self.reply(request_id, outcome))
            else:
                self.reply(request.id, {"ok": False, "detail": f"unknown action {request.action!r}"})


def ask(folder: Path, *, action: str, target: str, timeout: float) -> dict[str, Any]:
    """The asking side: place a request and wait for its reply; TimeoutError if none came in time."""
    folder.mkdir(parents=True, exist_ok=True)
    request_id = uuid.uuid4().hex
    _write_whole(folder / f"{request_id}{REQUEST}", {"action": action, "target": target})
    reply = folder / f"{request_id}{REPLY}"
    deadline = time.monotonic() + timeout
    while not reply.exists():
        if time.monotonic() > deadline:
            (folder / f"{request_id}{REQUEST}").unlink(missing_ok=True)
            raise TimeoutError(f"no answer from the running suite within {timeout:.0f} s")
        time.sleep(0.2)
    outcome = json.loads(reply.read_text())
    reply.unlink(missing_ok=True)
    return outcome
