"""Intake's key API as readers see it, served on 127.0.0.1 for tests: POST the ids, get the keys that still exist
(HTTP Basic: reader name + secret). `keys` is the store: a key removed from it is destroyed."""

import base64
import json
import secrets
import threading
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from complaints_chassis.personal_data import DataKey, new_data_key
from complaints_chassis.personal_data.http_keys import KEY_LOOKUP_PATH

READER_SECRET = "reader-secret-for-tests"


class KeyServer:
    def __init__(self, readers: Iterable[str] = ("routing", "resolution", "notification")) -> None:
        self.keys: dict[str, DataKey] = {}
        self.lookups = 0
        server = self
        allowed = {"Basic " + base64.b64encode(f"{name}:{READER_SECRET}".encode()).decode() for name in readers}

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["content-length"]))
                if self.path != KEY_LOOKUP_PATH:
                    self._answer(404, {})
                    return
                given = self.headers.get("authorization") or ""
                if not any(secrets.compare_digest(given, expected) for expected in allowed):
                    self._answer(401, {})
                    return
                server.lookups += 1
                found = {i: base64.b64encode(server.keys[i].material).decode()
                         for i in json.loads(body)["key_ids"] if i in server.keys}
                self._answer(200, {"keys": found})

            def _answer(self, status: int, payload: dict) -> None:
                reply = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, format: str, *args: object) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def add(self, key: DataKey) -> None:
        self.keys[key.id] = key

    def new_key(self) -> DataKey:
        """A key this server knows, as intake's store would have made it for a data subject."""
        key = new_data_key()
        self.add(key)
        return key

    def destroy(self, key_ids: Iterable[str]) -> None:
        for key_id in key_ids:
            self.keys.pop(key_id, None)

    def settings(self, reader: str) -> dict[str, Any]:
        """The reader settings that point a service here."""
        return {"keys_url": self.url, "keys_client": reader, "keys_secret": READER_SECRET}

    def start(self) -> "KeyServer":
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> "KeyServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


_empty: KeyServer | None = None


def empty_key_server() -> KeyServer:
    """One key server for the whole test run that holds no keys: readers pointed at it see sealed values as
    erased (tests that need keys start their own)."""
    global _empty
    if _empty is None:
        _empty = KeyServer().start()
    return _empty
