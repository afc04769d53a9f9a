from intake.domain.actions import CustomerAction
from intake.entrypoints.api import ACTION_ROUTES, router


def test_every_customer_action_has_exactly_one_route():
    assert sorted(route.body.action for route in ACTION_ROUTES) == sorted(CustomerAction)
    assert len({route.path for route in ACTION_ROUTES}) == len(ACTION_ROUTES)


def test_each_action_route_takes_its_own_body():
    registered = {route.path: route for route in router.routes}
    for action in ACTION_ROUTES:
        route = registered[f"/v1/complaints/{{tracking_number}}/{action.path}"]
        assert route.body_field.field_info.annotation is action.body
        assert (route.name, route.summary, route.methods) == (action.name, action.summary, {"POST"})
