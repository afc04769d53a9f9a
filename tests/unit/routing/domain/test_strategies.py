import pytest
from complaint_contracts.types import Language
from routing.domain.strategies import Need, choose_member
from routing.domain.teams import Member, Strategy, Team
from routing.domain.workload import AssignmentHistory, Staffing, WorkloadSnapshot

MEMBERS = [
    Member(id="emp-ann", languages=[Language.EN], products=["kettle*"]),
    Member(id="emp-bob", languages=[Language.EN, Language.RU], products=["current-account"]),
    Member(id="emp-cat", languages=[Language.RU, Language.BE]),
]
KETTLE_IN_EN = Need(language=Language.EN, product="kettle-2000")


def team(strategy: Strategy, members: list[Member] = MEMBERS) -> Team:
    return Team(id="desk", department="customer_support", strategy=strategy, members=members)


def load(**open_cases: int) -> WorkloadSnapshot:
    return WorkloadSnapshot(open_cases={("desk", f"emp-{name}"): count for name, count in open_cases.items()})


@pytest.mark.parametrize(("last", "excluded", "expected"), [
    (None, frozenset(), "emp-ann"),
    ("emp-ann", frozenset(), "emp-bob"),
    ("emp-bob", frozenset(), "emp-cat"),
    ("emp-cat", frozenset(), "emp-ann"),                 # wraps around
    ("emp-ann", frozenset({"emp-bob"}), "emp-cat"),      # skips the excluded member, keeps the turn order
    ("emp-gone", frozenset(), "emp-ann"),                # a departed member restarts the turn
])
def test_round_robin_takes_the_next_in_turn(last: str | None, excluded: frozenset[str], expected: str) -> None:
    history = AssignmentHistory(last_assignee={"desk": last} if last else {})
    choice = choose_member(team=team(Strategy.ROUND_ROBIN), need=KETTLE_IN_EN,
                           staffing=Staffing(workload=load(), history=history), excluded=excluded)
    assert choice.member == expected
    assert choice.reason.startswith(f"round robin: {expected} is next in turn")


@pytest.mark.parametrize(("workload", "expected"), [
    (load(ann=3, bob=1, cat=2), "emp-bob"),
    (load(ann=0, bob=0, cat=0), "emp-ann"),              # configured order breaks ties
    (load(ann=5, bob=5), "emp-cat"),                     # never reported means no open cases
])
def test_least_loaded_takes_the_fewest_open_cases(workload: WorkloadSnapshot, expected: str) -> None:
    choice = choose_member(team=team(Strategy.LEAST_LOADED), need=KETTLE_IN_EN, staffing=Staffing(workload=workload))
    assert choice.member == expected


@pytest.mark.parametrize(("need", "workload", "expected", "words"), [
    (KETTLE_IN_EN, load(ann=9), "emp-ann", "has language en and product kettle-2000"),
    (Need(language=Language.RU, product="current-account"), load(), "emp-bob",
     "has language ru and product current-account"),
    (Need(language=Language.BE, product="kettle-2000"), load(), "emp-cat", "has language be"),
    (Need(language=Language.RU, product="toaster"), load(bob=4, cat=2), "emp-cat", "has language ru"),
])
def test_skills_prefer_language_then_product_then_load(need: Need, workload: WorkloadSnapshot, expected: str,
                                                      words: str) -> None:
    choice = choose_member(team=team(Strategy.SKILLS), need=need, staffing=Staffing(workload=workload))
    assert choice.member == expected
    assert words in choice.reason


def test_skills_fall_back_to_load_when_no_one_has_them() -> None:
    members = [Member(id="emp-ann", languages=[Language.EN]), Member(id="emp-bob", languages=[Language.EN])]
    choice = choose_member(team=team(Strategy.SKILLS, members), need=Need(language=Language.BE, product=None),
                           staffing=Staffing(workload=load(ann=2, bob=1)))
    assert choice.member == "emp-bob"
    assert "no one has the language or product, so by load" in choice.reason


@pytest.mark.parametrize("strategy", list(Strategy))
def test_members_at_capacity_or_inactive_are_passed_over(strategy: Strategy) -> None:
    members = [Member(id="emp-ann", capacity=2), Member(id="emp-bob", active=False), Member(id="emp-cat")]
    choice = choose_member(team=team(strategy, members), need=KETTLE_IN_EN,
                           staffing=Staffing(workload=load(ann=2, cat=7)))
    assert choice.member == "emp-cat"


@pytest.mark.parametrize("strategy", list(Strategy))
def test_with_no_one_available_the_team_queue_holds_it(strategy: Strategy) -> None:
    members = [Member(id="emp-ann", capacity=1)]
    choice = choose_member(team=team(strategy, members), need=KETTLE_IN_EN, staffing=Staffing(workload=load(ann=1)))
    assert choice.member is None
    assert "team queue holds it" in choice.reason
