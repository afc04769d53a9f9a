"""The demo staff the development sign-in offers, read from a YAML list (deploy/env/staff-members.demo.yaml)."""

from pathlib import Path

import yaml
from pydantic import BaseModel, Field, TypeAdapter


class DemoStaffMember(BaseModel):
    sub: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1, max_length=120)
    roles: list[str] = Field(min_length=1)
    teams: list[str] = Field(default_factory=list)
    departments: list[str] = Field(default_factory=list)


def read_demo_staff(path: Path) -> list[DemoStaffMember]:
    return TypeAdapter(list[DemoStaffMember]).validate_python(yaml.safe_load(path.read_text(encoding="utf-8")))
