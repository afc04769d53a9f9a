"""Jurisdiction codes as ISO 3166 defines them, read from the `pycountry` package (pinned): which codes name a
country (ISO 3166-1) or a subdivision (ISO 3166-2), and which larger subdivisions a subdivision lies in
(GB-EDH, the City of Edinburgh, in GB-SCT, Scotland; ES-B, Barcelona province, in ES-CT, Catalonia).
"""

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
