"""Running a service: `python -m <service>` serves its app on the host and port its settings name."""

from collections.abc import Callable

import uvicorn
from fastapi import FastAPI

from .settings import ServiceSettings, load_settings


def serve(create_app: Callable[[ServiceSettings], FastAPI], settings_class: type[ServiceSettings]) -> None:
    settings = load_settings(settings_class)
    uvicorn.run(create_app(settings), host=settings.http_host, port=settings.http_port, access_log=False,
                log_config=None, timeout_graceful_shutdown=int(settings.graceful_timeout_seconds))
