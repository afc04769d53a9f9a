from pathlib import Path

from complaint_contracts import TOPIC_CLASSES
from complaints_cli.specs.catalogue import topic_catalogue


def test_every_topic_is_listed_with_its_events_linked_to_their_schemas() -> None:
    text = topic_catalogue(schemas=Path("contracts/schemas"))
    for topic, by_type in TOPIC_CLASSES.items():
        assert f"## `{topic}`" in text
        for event_type, cls in by_type.items():
            assert f"](../contracts/schemas/{event_type}.json) |" in text and f"| `{cls.__name__}` |" in text
