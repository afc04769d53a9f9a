import pytest
from complaints_calendar import DataFileError, parse_yaml_model
from routing.adapters.rules_files import TEAMS_FILE
from routing.domain.teams import TeamDirectory


@pytest.mark.parametrize(("original", "replacement", "problem"), [
    ("fallback_team: complaints-review", "fallback_team: nobody", "fallback team 'nobody' is not a configured team"),
    ("department: marketing", "department: sales", "teams name unknown departments: sales"),
    ("strategy: round_robin\n    jurisdictions: [GB]", "strategy: random\n    jurisdictions: [GB]",
     "Input should be 'round_robin', 'least_loaded' or 'skills'"),
])
def test_bad_teams_file_is_refused(original: str, replacement: str, problem: str) -> None:
    text = TEAMS_FILE.read_text(encoding="utf-8").replace(original, replacement)
    with pytest.raises(DataFileError, match=problem):
        parse_yaml_model(text=text, model=TeamDirectory, source="teams.yaml")
