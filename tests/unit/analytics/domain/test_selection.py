"""Which complaints a jurisdiction selects: itself and what lies in it by ISO 3166-2 (GB-EDH lies in GB-SCT and GB)."""

import pytest
from analytics.domain.selection import in_jurisdiction

FACTS = ("GB", "GB-ENG", "GB-SCT", "GB-EDH", "GB-NIR", "GB-BFS", "DE", "DE-BY", "ES-B", None)


@pytest.mark.parametrize(("selected", "selects"), [
    ("GB", {"GB", "GB-ENG", "GB-SCT", "GB-EDH", "GB-NIR", "GB-BFS"}),
    ("GB-SCT", {"GB-SCT", "GB-EDH"}),
    ("GB-ENG", {"GB-ENG"}),
    ("GB-NIR", {"GB-NIR", "GB-BFS"}),
    ("GB-EDH", {"GB-EDH"}),
    ("ES-CT", {"ES-B"}),
    ("DE", {"DE", "DE-BY"}),
    ("US", set()),
])
def test_a_region_selects_itself_and_what_lies_in_it(selected, selects):
    assert {fact for fact in FACTS if in_jurisdiction(fact, selected)} == selects
