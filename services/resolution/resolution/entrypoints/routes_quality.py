"""Corrective and preventive actions: raise them on cases, list them, assign them, move them along their lifecycle
and check whether they worked."""

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ..deps import Deps
from ..domain.corrective import CapaScope, CapaStatus, CorrectiveAction
from ..domain.effectiveness import Effectiveness
from .auth import Staff
from .problems import ERRORS, answering_problems
from .schemas import CorrectiveActionAssignment, CorrectiveActionBody, CorrectiveActionStatusBody
from .views import CorrectiveActionsPage

router = APIRouter(tags=["quality"])


@router.post("/corrective-actions", status_code=201, responses=ERRORS,
             summary="Attach a root cause and a corrective or preventive action to cases")
async def corrective_action(body: CorrectiveActionBody, deps: Deps, staff: Staff) -> dict[str, Any]:
    with answering_problems():
        event = await deps.service.raise_corrective_action(
            principal=staff, complaint_ids=body.complaint_ids, reason=body.reason, action_id=body.action_id,
            root_cause=body.root_cause, action=body.action, owner=body.owner, preventive=body.preventive,
            due_at=body.due_at, scope=CapaScope(category=body.category, product=body.product))
    return {"action_id": event.action_id, "complaint_ids": event.complaint_ids}


@router.get("/corrective-actions", response_model=CorrectiveActionsPage, responses=ERRORS,
            summary="Corrective actions, by id, filtered")
async def list_corrective_actions(
        deps: Deps, staff: Staff,
        status: Annotated[CapaStatus | None, Query(description="Only actions in this status")] = None,
        owner: Annotated[str | None, Query(max_length=200, description="Only actions of this owner")] = None,
        complaint_id: Annotated[str | None, Query(max_length=64, description="Only actions on this complaint")] = None,
        after: Annotated[str | None, Query(max_length=200, description="`next_after` of the previous page")] = None,
        limit: Annotated[int, Query(ge=1, le=200)] = 50) -> CorrectiveActionsPage:
    with answering_problems():
        items = await deps.service.corrective_actions(principal=staff, status=status, owner=owner,
                                                      complaint_id=complaint_id, limit=limit, after=after)
    return CorrectiveActionsPage(items=items, next_after=items[-1].action_id if len(items) == limit else None)


@router.get("/corrective-actions/{action_id}", response_model=CorrectiveAction, responses=ERRORS,
            summary="One corrective action, with its history")
async def get_corrective_action(action_id: str, deps: Deps, staff: Staff) -> CorrectiveAction:
    with answering_problems():
        return await deps.service.corrective_action(principal=staff, action_id=action_id)


@router.post("/corrective-actions/{action_id}/assignment", response_model=CorrectiveAction, responses=ERRORS,
             summary="Give a corrective action an owner and a due date (quality)")
async def assign_corrective_action(action_id: str, body: CorrectiveActionAssignment, deps: Deps,
                                   staff: Staff) -> CorrectiveAction:
    with answering_problems():
        return await deps.service.assign_corrective_action(principal=staff, action_id=action_id,
                                                           version=body.version, owner=body.owner,
                                                           due_at=body.due_at, note=body.note)


@router.post("/corrective-actions/{action_id}/status", response_model=CorrectiveAction, responses=ERRORS,
             summary="Move a corrective action on: its owner works it, quality verifies it")
async def move_corrective_action(action_id: str, body: CorrectiveActionStatusBody, deps: Deps,
                                 staff: Staff) -> CorrectiveAction:
    with answering_problems():
        return await deps.service.move_corrective_action(principal=staff, action_id=action_id,
                                                         version=body.version, status=body.status, note=body.note)


@router.get("/corrective-actions/{action_id}/effectiveness", response_model=Effectiveness, responses=ERRORS,
            summary="Recurrences in the action's category/product since it was implemented, against before")
async def corrective_action_effectiveness(action_id: str, deps: Deps, staff: Staff) -> Effectiveness:
    with answering_problems():
        return await deps.service.corrective_action_effectiveness(principal=staff, action_id=action_id)
