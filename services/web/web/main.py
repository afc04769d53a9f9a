"""Wiring only: settings → API clients, catalogues and pages → middleware and routes."""

import logging
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path

import httpx
from asgi_csrf import asgi_csrf
from complaints_chassis.http import NotReady, create_http_app
from complaints_chassis.logs import configure_logging
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from prometheus_client import CollectorRegistry
from starlette.middleware.sessions import SessionMiddleware

from .adapters.pages import Pages
from .adapters.staff_directory import read_demo_staff
from .adapters.translations import load_catalogues
from .config import WebSettings
from .deps import WebDeps
from .entrypoints import middleware, sign_in, site
from .entrypoints.desk import router as desk_router
from .entrypoints.multipart_token import MultipartToken, is_multipart
from .entrypoints.portal import router as portal_router

STATIC_DIR = Path(__file__).resolve().parent / "static"
SERVICE = "web"


def create_app(settings: WebSettings) -> FastAPI:
    """The ASGI app (run with `python -m web`)."""
    clients: dict[str, httpx.AsyncClient] = {}

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging(service=SERVICE, level=settings.log_level)
        logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per API call would be a per-request log
        async with AsyncExitStack() as stack:
            for name in ("intake", "resolution", "analytics", "routing", "notification"):
                hooks = {"request": [middleware.name_the_visitor]} if name == "intake" else {}
                clients[name] = await stack.enter_async_context(httpx.AsyncClient(
                    base_url=str(getattr(settings, f"{name}_url")), timeout=settings.api_timeout_seconds,
                    event_hooks=hooks))
            app.state.deps = WebDeps(settings=settings, pages=app.state.pages, **clients)
            yield

    async def api_reachable(name: str) -> None:
        try:
            (await clients[name].get("/livez")).raise_for_status()
        except httpx.HTTPError as exc:
            raise NotReady(f"{name} API not reachable: {type(exc).__name__}") from exc

    async def intake_ready() -> None:
        await api_reachable("intake")

    async def resolution_ready() -> None:
        await api_reachable("resolution")

    app = create_http_app(title="Complaints web", version="0.1.0", description="Customer portal and staff desk",
                          registry=CollectorRegistry(), lifespan=lifespan, docs_enabled=settings.http_docs_enabled,
                          readiness={"intake": intake_ready, "resolution": resolution_ready},
                          routers=[site.router, sign_in.router, portal_router.router, desk_router.router])
    app.state.pages = Pages(load_catalogues(), time_zone=settings.time_zone)
    app.state.demo_staff = (read_demo_staff(settings.demo_staff_file)
                            if settings.dev_sign_in and settings.demo_staff_file else [])
    app.state.oauth = sign_in.provider(settings)
    for error, handler in site.HANDLERS.items():
        app.add_exception_handler(error, handler)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    middleware.install(app, secure=settings.secure_cookies)
    app.add_middleware(SessionMiddleware, secret_key=settings.session_secret.get_secret_value(),
                       session_cookie="session", max_age=settings.session_max_age_seconds, same_site="lax",
                       https_only=settings.secure_cookies)
    app.add_middleware(MultipartToken, refuse=site.refuse_forged_form)
    app.add_middleware(asgi_csrf, signing_secret=settings.session_secret.get_secret_value(),  # type: ignore[arg-type]
                       always_set_cookie=True, cookie_secure=settings.secure_cookies, cookie_samesite="Lax",
                       send_csrf_failed=site.csrf_failed, skip_if_scope=is_multipart)
    return app
