"""The committed JSON Schemas, AsyncAPI and OpenAPI documents are what the code generates."""

from complaints_cli.specs import drifted


def test_committed_specs_match_the_code() -> None:
    assert drifted() == [], "specs drifted from the code: run `make contracts` and commit the result"
