from collections.abc import Callable

import pytest
from complaint_contracts.types import Channel, Language
from routing.domain.assignment import NoImpartialTeam, assign
from routing.domain.facts import ComplaintFacts
from routing.domain.teams import TeamDirectory
from routing.domain.workload import AssignmentHistory, Staffing, WorkloadSnapshot

NO_LOAD = Staffing()


@pytest.mark.parametrize(("department", "about", "expected_team"), [
    ("customer_support", {}, "support-en"),
    ("customer_support", {"about_team": "support-en"}, "support-ru-be"),          # another first-tier team
    ("customer_support", {"about_employee": "emp-0002"}, "support-ru-be"),        # the employee's own team too
    ("customer_support", {"about_employee": "emp-0100"}, "support-ru-be"),        # a supervisor's team too
    ("legal", {"about_team": "legal-team"}, "complaints-review"),                 # no other legal team: fallback
    ("compliance", {"about_team": "compliance-uk"}, "compliance-intl"),
    ("compliance", {"about_team": "compliance-uk", "about_employee": "emp-0062"}, "complaints-review"),
    ("quality", {"about_employee": "emp-0031"}, "complaints-review"),
])
def test_never_assigned_to_the_team_it_is_about(facts_of: Callable[..., ComplaintFacts], directory: TeamDirectory,
                                                department: str, about: dict[str, str], expected_team: str) -> None:
    decision = assign(facts=facts_of(**about), department=department, directory=directory, staffing=NO_LOAD)
    assert decision.team == expected_team
    assert decision.team != about.get("about_team")
    if about:
        assert any(line.startswith("objectivity:") for line in decision.trace)


def test_never_assigned_to_the_employee_it_is_about_even_in_turn(facts_of: Callable[..., ComplaintFacts],
                                                                 directory: TeamDirectory) -> None:
    facts = facts_of(about_employee="emp-0052", jurisdiction="GB")
    trusting = directory.model_copy(update={"exclude_employee_team": False})
    decision = assign(facts=facts, department="compliance", directory=trusting,
                      staffing=Staffing(history=AssignmentHistory(last_assignee={"compliance-uk": "emp-0051"})))
    assert (decision.team, decision.assignee) == ("compliance-uk", "emp-0051")
    assert "objectivity: the complaint is about an employee, who may not handle it" in decision.trace


def test_objectivity_trace_names_no_employee(facts_of: Callable[..., ComplaintFacts],
                                             directory: TeamDirectory) -> None:
    decision = assign(facts=facts_of(about_employee="emp-0002"), department="customer_support", directory=directory,
                      staffing=NO_LOAD)
    assert decision.assignee is not None
    assert not any("emp-0002" in line for line in decision.trace)


def test_no_impartial_team_is_an_error_not_a_biased_choice(facts_of: Callable[..., ComplaintFacts],
                                                           directory: TeamDirectory) -> None:
    with pytest.raises(NoImpartialTeam):
        assign(facts=facts_of(about_team="legal-team", about_employee="emp-0800"), department="legal",
               directory=directory, staffing=NO_LOAD)


@pytest.mark.parametrize(("language", "jurisdiction", "expected_team"), [
    ("en", "GB", "support-en"),
    ("ru", "BY", "support-ru-be"),
    ("be", "BY", "support-ru-be"),
])
def test_first_line_team_follows_the_language(facts_of: Callable[..., ComplaintFacts], directory: TeamDirectory,
                                              language: str, jurisdiction: str, expected_team: str) -> None:
    decision = assign(facts=facts_of(language=language, jurisdiction=jurisdiction), department="customer_support",
                      directory=directory, staffing=NO_LOAD)
    assert decision.team == expected_team


def test_between_equally_suited_teams_the_less_loaded_wins(facts_of: Callable[..., ComplaintFacts],
                                                           directory: TeamDirectory) -> None:
    busy_uk = WorkloadSnapshot(open_cases={("compliance-uk", None): 40, ("compliance-intl", None): 3})
    decision = assign(facts=facts_of(jurisdiction="GB"), department="compliance", directory=directory,
                      staffing=Staffing(workload=busy_uk))
    assert decision.team == "compliance-intl"


@pytest.mark.parametrize(("jurisdiction", "team"), [("GB-SCT", "compliance-uk"), ("GB-EDH", "compliance-uk"),
                                                    ("GB", "compliance-uk"), ("DE-BY", "compliance-intl")])
def test_a_team_serving_a_country_serves_its_subdivisions(directory: TeamDirectory, jurisdiction: str,
                                                          team: str) -> None:
    facts = ComplaintFacts(text="", channel=Channel.WEB, language=Language.EN, jurisdiction=jurisdiction)
    assert assign(facts=facts, department="compliance", directory=directory, staffing=NO_LOAD).team == team
