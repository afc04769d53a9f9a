"""A pydantic model's JSON schema with its `$defs` inlined, for request bodies the API parses itself."""

from typing import Any

from pydantic import BaseModel


def inline_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's validation schema, self-contained (no `$ref`), to embed in an OpenAPI operation."""
    schema = model.model_json_schema(mode="validation")
    definitions = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            own = {key: resolve(value) for key, value in node.items() if key != "$ref"}
            if "$ref" in node:  # keep what the field says beside the reference (its description, say)
                return resolve(definitions[node["$ref"].rsplit("/", 1)[-1]]) | own
            return own
        if isinstance(node, list):
            return [resolve(item) for item in node]
        return node

    return resolve(schema)
