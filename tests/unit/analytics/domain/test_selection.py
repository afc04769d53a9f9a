"""Which complaints a jurisdiction selects: a country with every subdivision of it, a subdivision only itself."""

import pytest
from analytics.domain.selection import in_jurisdiction

FACTS = ("GB", "GB-ENG", "GB-SCT", "GB-NIR", "DE", "DE-BY", None)


@pytest.mark.parametrize(("selected", "selects"), [
    ("GB", {"GB", "GB-ENG", "GB-SCT", "GB-NIR"}),
    ("GB-SCT", {"GB-SCT"}),
    ("GB-ENG", {"GB-ENG"}),
    ("DE", {"DE", "DE-BY"}),
    ("US", set()),
])
def test_a_country_selects_its_subdivisions_and_a_subdivision_itself(selected, selects):
    assert {fact for fact in FACTS if in_jurisdiction(fact, selected)} == selects
