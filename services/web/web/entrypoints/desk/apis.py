"""The staff APIs on behalf of the member of staff signed in (their token on every call)."""

from ...adapters.analytics_api import AnalyticsApi
from ...adapters.intake_staff_api import IntakeStaffApi
from ...adapters.resolution_api import ResolutionApi
from ...adapters.routing_api import RoutingApi
from ...deps import WebDeps
from ...domain.staff import SignedInStaff


def resolution(deps: WebDeps, staff: SignedInStaff) -> ResolutionApi:
    return ResolutionApi(deps.resolution, staff.token)


def routing(deps: WebDeps, staff: SignedInStaff) -> RoutingApi:
    return RoutingApi(deps.routing, staff.token)


def intake(deps: WebDeps, staff: SignedInStaff) -> IntakeStaffApi:
    return IntakeStaffApi(deps.intake, staff.token)


def analytics(deps: WebDeps, staff: SignedInStaff) -> AnalyticsApi:
    return AnalyticsApi(deps.analytics, staff.token)
