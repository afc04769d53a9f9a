"""The staff desk's routes: every desk page module's router, under /desk (all need a signed-in member of staff)."""

from fastapi import APIRouter

from . import attachments, case, case_actions, filing, operations, privacy, queue, supervision

router = APIRouter(include_in_schema=False)
for page in (queue, case, case_actions, attachments, filing, supervision, operations, privacy):
    router.include_router(page.router, prefix="/desk")
