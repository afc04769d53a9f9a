"""Departments, their teams and members, as configured in the teams file."""

from enum import StrEnum

from complaint_contracts.types import Language
from pydantic import Field, field_validator, model_validator

from .rules import Identifier, StrictModel


class Strategy(StrEnum):
    ROUND_ROBIN = "round_robin"
    LEAST_LOADED = "least_loaded"
    SKILLS = "skills"


class Member(StrictModel):
    id: str = Field(min_length=1, max_length=64, description="Employee id")
    languages: list[Language] = Field(default_factory=list, description="Languages spoken; empty = any")
    products: list[str] = Field(default_factory=list, description="Product names or globs known; empty = any")
    capacity: int | None = Field(default=None, gt=0, description="Most open cases at once; None = no limit")
    active: bool = Field(default=True, description="Takes new complaints")


class Team(StrictModel):
    id: Identifier
    department: Identifier
    tier: int = Field(default=1, ge=1, description="Escalation tier (1 = first line)")
    strategy: Strategy = Strategy.LEAST_LOADED
    languages: list[Language] = Field(default_factory=list, description="Languages served; empty = any")
    jurisdictions: list[str] = Field(default_factory=list, description="Countries served; empty = any")
    supervisor: str | None = Field(default=None, description="Employee id of the supervisor")
    members: list[Member] = Field(default_factory=list)

    @field_validator("members")
    @classmethod
    def _unique_members(cls, members: list[Member]) -> list[Member]:
        ids = [member.id for member in members]
        if len(ids) != len(set(ids)):
            raise ValueError("a member is listed twice")
        return members


class Department(StrictModel):
    name: str = Field(min_length=1)
    handles: str = Field(min_length=1, description="What the department handles, in words")


class TeamDirectory(StrictModel):
    """Who can handle complaints: departments, teams by tier, and the objectivity policy."""

    version: str = Field(min_length=1)
    departments: dict[Identifier, Department]
    teams: list[Team] = Field(min_length=1)
    fallback_team: Identifier = Field(description="Takes complaints no eligible team can take impartially")
    exclude_employee_team: bool = Field(
        default=True, description="A complaint about an employee also avoids that employee's own team")

    @model_validator(mode="after")
    def _consistent(self) -> "TeamDirectory":
        ids = [team.id for team in self.teams]
        if len(ids) != len(set(ids)):
            raise ValueError("team ids must be unique")
        strays = sorted({team.department for team in self.teams} - set(self.departments))
        if strays:
            raise ValueError(f"teams name unknown departments: {', '.join(strays)}")
        if self.fallback_team not in ids:
            raise ValueError(f"fallback team {self.fallback_team!r} is not a configured team")
        unstaffed = sorted(name for name in self.departments
                           if not any(team.department == name and team.tier == 1 for team in self.teams))
        if unstaffed:
            raise ValueError(f"departments without a first-tier team: {', '.join(unstaffed)}")
        return self

    def team(self, team_id: str) -> Team:
        """The team with this id."""
        return next(team for team in self.teams if team.id == team_id)

    def teams_of(self, *, department: str, tier: int) -> list[Team]:
        """Teams of a department at a tier, in configured order."""
        return [team for team in self.teams if team.department == department and team.tier == tier]

    def teams_with_member(self, member_id: str) -> list[Team]:
        """Teams an employee belongs to or supervises."""
        return [team for team in self.teams
                if team.supervisor == member_id or any(member.id == member_id for member in team.members)]
