"""Who ends up handling a complaint: legal threats go to legal, and no team judges a complaint about itself."""

import pytest
from complaints_cli.suite import Suite

from tests.e2e import journey
from tests.e2e.journey import Staff


@pytest.mark.parametrize(("language", "title", "description", "handled_by"), [
    ("en", "Refund refused", "You refused my refund twice. If this is not sorted by Friday I will take you to court.",
     "Legal department"),
    ("ru", "Не вернули деньги", "Деньги за возврат так и не пришли. Если до пятницы не вернёте, подам в суд.",
     "Юридический отдел"),
], ids=["en", "ru"])
def test_a_legal_threat_is_routed_to_the_legal_department(suite: Suite, language: str, title: str,
                                                          description: str, handled_by: str) -> None:
    customer = journey.file_complaint(suite, title=title, description=description, language=language)

    routed = journey.routed(suite, customer.complaint_id)
    assert (routed.department, routed.team) == ("legal", "legal-team")
    assert "legal_threat" in routed.flags
    assert routed.assignee in {"emp-0041", "emp-0042"}

    page = customer.wait_status(lambda p: p["handled_by"] is not None, what="handled by a department")
    assert page["handled_by"] == handled_by
    # The legal team works it; a first-line agent may not.
    case = Staff(suite, role="legal", team="legal-team").wait_case(customer.complaint_id)
    assert (case["department"], case["team"]) == ("legal", "legal-team")
    assert Staff(suite, team="support-en").refused_case(customer.complaint_id).status == 403


def test_a_complaint_about_a_team_or_its_member_is_never_assigned_to_that_team(suite: Suite) -> None:
    plain = journey.submission()
    about_team = journey.submission(about_team="support-en")
    about_member = journey.submission(about_employee="emp-0001",
                                      description="The agent emp-0001 hung up on me twice; my parcel is still late.")
    journey.submit(suite, plain, about_team, about_member)

    # Without a conflict, an English first-line complaint goes to the English support team ...
    control = journey.routed(suite, journey.received_submission(suite, plain).complaint_id)
    assert (control.department, control.team) == ("customer_support", "support-en")

    # ... but never when the complaint is about that team, or about one of its members.
    routed = journey.routed(suite, journey.received_submission(suite, about_team).complaint_id)
    assert routed.department == "customer_support" and routed.team != "support-en"
    assert any("about team support-en" in rule for rule in routed.rules_fired)

    routed = journey.routed(suite, journey.received_submission(suite, about_member).complaint_id)
    assert routed.team != "support-en" and routed.assignee != "emp-0001"
    assert any("employee's own team" in rule for rule in routed.rules_fired)
