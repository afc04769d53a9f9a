"""Jurisdiction codes: which exist in ISO 3166, and the subdivisions a subdivision lies in."""

import pytest
from complaints_calendar import is_jurisdiction, lies_within, lineage, subdivisions_within


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


@pytest.mark.parametrize(("code", "region", "inside"), [
    ("GB-EDH", "GB-SCT", True), ("GB-EDH", "GB", True), ("GB-EDH", "GB-EDH", True), ("gb-edh", "gb-sct", True),
    ("GB-EDH", "GB-ENG", False), ("GB", "GB-SCT", False), ("FR-67", "FR-GES", True), ("US-ZZ", "US", True),
])
def test_a_code_lies_within_each_region_of_its_lineage(code: str, region: str, inside: bool) -> None:
    assert lies_within(code, region) is inside


def test_the_subdivisions_within_a_region_are_those_whose_lineage_names_it() -> None:
    scotland = subdivisions_within("GB-SCT")
    assert "GB-EDH" in scotland and "GB-GLG" in scotland and "GB-SCT" not in scotland
    assert not {"GB-LND", "GB-BFS", "GB-CRF"} & set(scotland)
    assert all(lies_within(code, "GB-SCT") for code in scotland)
    assert subdivisions_within("ES-CT") == ("ES-B", "ES-GI", "ES-L", "ES-T")
    assert subdivisions_within("DE-BY") == ()
    assert set(scotland) < set(subdivisions_within("GB"))
