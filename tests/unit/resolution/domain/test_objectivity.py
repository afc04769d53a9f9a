"""Objectivity: a complaint is never handed to the team or the person it is about."""

import pytest
from resolution.domain.complaint import About
from resolution.domain.errors import ObjectivityConflict
from resolution.domain.objectivity import check_objectivity

ABOUT = About(team="courier-desk", employee="emp-0099", store="minsk-3", supplier="FastParcel")


def test_the_team_the_complaint_is_about_is_refused_naming_the_rule():
    with pytest.raises(ObjectivityConflict) as refused:
        check_objectivity(about=ABOUT, team="courier-desk", assignee=None)

    assert refused.value.rule == "objectivity" and refused.value.field == "team"
    assert "courier-desk" in str(refused.value) and str(refused.value).startswith("objectivity rule")


def test_the_employee_the_complaint_is_about_is_refused_without_naming_them():
    with pytest.raises(ObjectivityConflict) as refused:
        check_objectivity(about=ABOUT, team="support-en-1", assignee="emp-0099")

    assert refused.value.field == "assignee" and "emp-0099" not in str(refused.value)


def test_anyone_else_may_take_it():
    check_objectivity(about=ABOUT, team="support-en-1", assignee="emp-0042")
    check_objectivity(about=About(), team="courier-desk", assignee="emp-0099")


def test_without_the_complaint_s_details_the_rule_cannot_be_checked_and_refuses():
    with pytest.raises(ObjectivityConflict, match="not known yet"):
        check_objectivity(about=None, team="support-en-1", assignee=None)
