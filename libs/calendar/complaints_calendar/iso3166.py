"""Jurisdiction codes as ISO 3166 defines them, read from the `pycountry` package (pinned): which codes name a
country (ISO 3166-1) or a subdivision (ISO 3166-2), and which larger subdivisions a subdivision lies in
(GB-EDH, the City of Edinburgh, in GB-SCT, Scotland; ES-B, Barcelona province, in ES-CT, Catalonia).
"""

import functools

import pycountry


def is_jurisdiction(code: str) -> bool:
    """Whether the code names an ISO 3166-1 country (DE) or an ISO 3166-2 subdivision (GB-SCT, ES-B)."""
    wanted = code.upper()
    if "-" in wanted:
        return pycountry.subdivisions.get(code=wanted) is not None
    return len(wanted) == 2 and pycountry.countries.get(alpha_2=wanted) is not None


def lineage(code: str) -> tuple[str, ...]:
    """The code, the ISO 3166-2 subdivisions it lies in (nearest first), then its country:
    GB-EDH → (GB-EDH, GB-SCT, GB). A subdivision ISO does not list lies in its country alone (US-ZZ → US-ZZ, US)."""
    wanted = code.upper()
    country, dash, _ = wanted.partition("-")
    found = [wanted]
    subdivision = pycountry.subdivisions.get(code=wanted) if dash else None
    while subdivision is not None and subdivision.parent_code and subdivision.parent_code not in found:
        found.append(subdivision.parent_code)
        subdivision = pycountry.subdivisions.get(code=subdivision.parent_code)
    return (*found, country) if dash else tuple(found)


def lies_within(code: str, region: str) -> bool:
    """Whether the code is the region or lies in it: GB-EDH lies within GB-EDH, GB-SCT and GB, not GB-ENG."""
    return region.upper() in lineage(code)


@functools.cache
def subdivisions_within(region: str) -> tuple[str, ...]:
    """Every ISO 3166-2 subdivision that lies in the region (a country or a subdivision), sorted:
    GB-SCT → GB-ABD, GB-ABE, …, GB-EDH, …; a subdivision ISO lists nothing in → ()."""
    wanted = region.upper()
    country = wanted.partition("-")[0]
    found = pycountry.subdivisions.get(country_code=country) or ()
    return tuple(sorted(s.code for s in found if s.code != wanted and wanted in lineage(s.code)))
