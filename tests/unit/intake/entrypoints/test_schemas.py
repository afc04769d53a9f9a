import json

from intake.domain.filing import ComplaintFiling
from intake.entrypoints.schemas import inline_schema


def test_the_filing_body_schema_is_self_contained_and_documents_every_field():
    schema = inline_schema(ComplaintFiling)
    assert "$ref" not in json.dumps(schema) and "$defs" not in schema
    assert set(schema["properties"]) == set(ComplaintFiling.model_fields)
    customer = schema["properties"]["customer"]
    assert customer["properties"]["email"]["x-personal-data"] is True
    assert customer["description"] == ComplaintFiling.model_fields["customer"].description
    assert schema["required"] == ["customer", "title", "description"]
