"""Jurisdiction codes: which exist in ISO 3166, and the subdivisions a subdivision lies in."""

import pytest
from complaints_calendar import is_jurisdiction, lineage


@pytest.mark.parametrize("code", ["GB", "DE", "JP", "GB-SCT", "GB-EDH", "GB-BFS", "ES-B", "ES-TF", "DE-BY", "US-CA",
                                  "PT-20", "FR-6AE"])
def test_countries_and_subdivisions_iso_lists_are_jurisdictions(code: str) -> None:
    assert is_jurisdiction(code)


@pytest.mark.parametrize("code", ["XX", "ZZ", "EU", "US-ZZ", "DE-XX", "GB-XYZ", "GB-", "G", ""])
def test_codes_iso_does_not_list_are_not(code: str) -> None:
    assert not is_jurisdiction(code)


@pytest.mark.parametrize(("code", "expected"), [
    ("GB-EDH", ("GB-EDH", "GB-SCT", "GB")),
    ("GB-BFS", ("GB-BFS", "GB-NIR", "GB")),
    ("ES-B", ("ES-B", "ES-CT", "ES")),
    ("FR-67", ("FR-67", "FR-6AE", "FR-GES", "FR")),
    ("GB-SCT", ("GB-SCT", "GB")),
    ("DE", ("DE",)),
    ("gb-edh", ("GB-EDH", "GB-SCT", "GB")),
    ("US-ZZ", ("US-ZZ", "US")),
])
def test_lineage_runs_from_the_code_through_its_parents_to_the_country(code: str, expected: tuple[str, ...]) -> None:
    assert lineage(code) == expected
