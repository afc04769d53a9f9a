"""HTTP response models of routing: the rules in force and the decision about a complaint."""

from datetime import datetime

from pydantic import BaseModel, Field

from ..domain.learning import KeptExample
from ..domain.records import DecisionRecord
from ..domain.rulebook import RulesInForce

SECTIONS = ("flag_rules", "kind_rules", "category_rules", "severity_rules", "impact_rules", "priority_rules",
            "regime_rules", "department_rules")


class TeamSummary(BaseModel):
    id: str
    department: str
    tier: int
    strategy: str
    members: int = Field(description="Members taking new complaints")


class RulesSummary(BaseModel):
    rules_version: str = Field(description="Version of the rules file in force, quoted in every decision")
    model_version: str | None = Field(default=None, description="Version of the triage model in force, if any")
    teams_version: str = Field(description="Version of the teams file in force")
    loaded_at: datetime = Field(description="When they were put in force")
    rules_file: str = Field(description="Name of the rules file")
    teams_file: str = Field(description="Name of the teams file")
    rules: dict[str, int] = Field(description="Number of rules per section")
    rule_ids: dict[str, list[str]] = Field(description="Rule ids per section, in the order they are tried")
    default_department: str
    departments: dict[str, str] = Field(description="Department id → what it handles")
    teams: list[TeamSummary]
    fallback_team: str

    @classmethod
    def of(cls, force: RulesInForce) -> "RulesSummary":
        rules, teams = force.book.rules, force.book.teams
        return cls(
            rules_version=rules.version, model_version=force.model_version, teams_version=teams.version,
            loaded_at=force.loaded_at,
            rules_file=force.rules_file, teams_file=force.teams_file,
            rules={name: len(getattr(rules, name)) for name in SECTIONS},
            rule_ids={name: [rule.id for rule in getattr(rules, name)] for name in SECTIONS},
            default_department=rules.default_department,
            departments={key: department.handles for key, department in teams.departments.items()},
            teams=[TeamSummary(id=team.id, department=team.department, tier=team.tier, strategy=team.strategy.value,
                               members=sum(member.active for member in team.members)) for team in teams.teams],
            fallback_team=teams.fallback_team)


class Decision(BaseModel):
    complaint_id: str
    status: str = Field(description="routed, or failed when no decision could be made")
    department: str | None = None
    team: str | None = None
    assignee: str | None = None
    tier: int | None = None
    kind: str | None = None
    category: str | None = None
    priority: str | None = None
    regime: str | None = None
    flags: list[str] = Field(default_factory=list)
    reason: str | None = Field(default=None, description="Why routing failed, in words")
    rules_version: str = Field(description="Rules version of the latest decision")
    rules_fired: list[str] = Field(default_factory=list, description="Rules of the first decision, in words")
    model_version: str | None = Field(default=None, description="Triage model beside the rules (None: rules alone)")
    needs_human_check: bool = Field(default=False, description="The model was unsure: a person should check")
    received_at: datetime | None = None
    decided_at: datetime

    @classmethod
    def of(cls, record: DecisionRecord) -> "Decision":
        # Enums become their values: each field here is a plain string.
        return cls(**{name: getattr(record, name) for name in cls.model_fields})


class TriageExample(BaseModel):
    """A text labelled by staff: routing's assessment with their corrections applied (personal data: admins only)."""

    complaint_id: str
    text: str = Field(description="Title and description as the customer wrote them", json_schema_extra={
        "x-personal-data": True})
    language: str
    jurisdiction: str
    product: str | None = None
    kind: str
    category: str
    priority: str
    department: str
    regime: str
    corrected: list[str] = Field(description="The fields staff corrected")
    corrected_at: datetime

    @classmethod
    def of(cls, example: KeptExample) -> "TriageExample":
        return cls(**{name: getattr(example, name) for name in cls.model_fields if name != "corrected"},
                   corrected=list(example.corrected))


class TriageExamples(BaseModel):
    examples: list[TriageExample] = Field(description="Oldest first; save to a file for `complaints triage retrain`")
