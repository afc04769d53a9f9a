"""Real servers on 127.0.0.1 for notification tests: an aiosmtpd mail sink, a plain HTTP webhook receiver and
intake's key API (the data subjects' keys notification opens personal data with)."""

import asyncio
import json
import socket
import threading
import time
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller

from tests.support.key_server import KeyServer as _SharedKeyServer

REJECTED = "nobody@northwind.example"
GREYLISTED = "later@northwind.example"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class MailSink:
    """aiosmtpd handler that keeps every mail and refuses or defers chosen recipients; it tells which session
    (the client's address and port) carried each mail, and counts the sessions ended with QUIT."""

    def __init__(self) -> None:
        self.mails: list[EmailMessage] = []
        self.sessions: list[object] = []
        """Per mail kept, the session that carried it."""
        self.quits = 0

    async def handle_QUIT(self, server, session, envelope):
        self.quits += 1
        return "221 Bye"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == REJECTED:
            return "550 5.1.1 Mailbox unavailable"
        if address == GREYLISTED:
            return "450 4.2.0 Greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.mails.append(message_from_bytes(envelope.original_content, policy=policy.default))
        self.sessions.append(session.peer)
        return "250 Message accepted for delivery"

    def with_id(self, message_id: str) -> list[EmailMessage]:
        return [m for m in list(self.mails) if m["Message-ID"] == message_id]


class ClosingSink(MailSink):
    """Closes a session when it comes back for a second mail, as servers close sessions left idle too long: in
    silence, or saying so (421) first."""

    def __init__(self, *, say: bool) -> None:
        super().__init__()
        self.say = say
        self.closed = 0

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if session.peer not in self.sessions:
            envelope.mail_from = address
            envelope.mail_options.extend(mail_options)
            return "250 OK"
        self.closed += 1
        if self.say:
            await server.push("421 4.4.2 Idle too long, closing")
        server.transport.close()
        return "421 4.4.2 Closing"


class SmtpServer:
    """A mail sink on a fixed port that can go down and come back (the same port throughout)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.sink = MailSink()
        self._controller: Controller | None = None

    def start(self) -> None:
        self._controller = Controller(self.sink, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


class BrokenSmtp:
    """Accepts connections on the port and drops them at once, counting them: an SMTP server that is down."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connections = 0
        self._server: asyncio.Server | None = None

    async def __aenter__(self) -> "BrokenSmtp":
        async def drop(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            self.connections += 1
            writer.close()

        self._server = await asyncio.start_server(drop, "127.0.0.1", self.port)
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()


class WebhookReceiver:
    """A real HTTP endpoint: answers each POST with the next scripted status, after an optional delay."""

    def __init__(self, *script: tuple[int, float]) -> None:
        self.script = list(script)
        self.received: list[tuple[dict[str, str], bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["content-length"]))
                receiver.received.append((dict(self.headers), body))
                status, delay = receiver.script.pop(0) if receiver.script else (200, 0.0)
                time.sleep(delay)
                reply = json.dumps({"id": f"gw-{len(receiver.received)}"}).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, format: str, *args: object) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"

    def __enter__(self) -> "WebhookReceiver":
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


class KeyServer(_SharedKeyServer):
    """Intake's key API, as notification reads it."""

    def settings(self, reader: str = "notification") -> dict[str, Any]:
        return super().settings(reader)
