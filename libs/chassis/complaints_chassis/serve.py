"""Running a service: `python -m <service>` serves its app on the host and port its settings name."""

import signal
import sys
from collections.abc import Callable

import uvicorn
from fastapi import FastAPI

from .settings import ServiceSettings, load_settings


def _exit_cleanly(signum: int, frame: object) -> None:
    sys.exit(0)


def serve(create_app: Callable[[ServiceSettings], FastAPI], settings_class: type[ServiceSettings]) -> None:
    settings = load_settings(settings_class)
    # uvicorn drains, runs the lifespan shutdown (stop consuming, finish in-flight work, flush the outbox), then
    # re-raises SIGTERM/SIGINT to the handlers that were there before it. Installed here, those make a completed
    # graceful shutdown exit 0 instead of dying by the signal, so orchestrators see a clean stop.
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, _exit_cleanly)
    uvicorn.run(create_app(settings), host=settings.http_host, port=settings.http_port, access_log=False,
                log_config=None, timeout_graceful_shutdown=int(settings.graceful_timeout_seconds))
