"""A service's documents, generated from its code: AsyncAPI 3.0 from its consumers and outputs, OpenAPI from its
app, both built with placeholder settings (the documents do not depend on them)."""

import importlib
import json
from pathlib import Path

import yaml
from complaints_chassis.runtime import ServiceSpec
from complaints_chassis.settings import ServiceSettings

from .asyncapi import asyncapi_document


def settings_class(service: str) -> type[ServiceSettings]:
    """The service's one Settings class (the ServiceSettings subclass in its config module)."""
    config = importlib.import_module(f"{service}.config")
    return next(v for v in vars(config).values()
                if isinstance(v, type) and issubclass(v, ServiceSettings) and v is not ServiceSettings
                and v.__module__ == config.__name__)


def placeholder_settings(service: str) -> ServiceSettings:
    """The service's settings with placeholders for every required value beyond the connection URLs."""
    cls = settings_class(service)
    placeholders = {name: "generated-spec-placeholder-" + "0" * 40 for name, info in cls.model_fields.items()
                    if info.is_required() and name not in ("kafka_bootstrap", "mongo_url")}
    return cls(kafka_bootstrap="kafka:9092", mongo_url="mongodb://mongo:27017", **placeholders)


def asyncapi_yaml(spec: ServiceSpec, settings: ServiceSettings, *, samples: Path) -> str:
    document = asyncapi_document(spec, settings, samples=samples)
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=120)


def service_documents(service: str, *, samples: Path) -> tuple[str, str]:
    """The service's AsyncAPI (YAML; examples from the golden `samples`) and OpenAPI (JSON) documents."""
    main = importlib.import_module(f"{service}.main")
    settings = placeholder_settings(service)
    asyncapi = asyncapi_yaml(main.SPEC, settings, samples=samples)
    openapi = json.dumps(main.create_app(settings).openapi(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return asyncapi, openapi
