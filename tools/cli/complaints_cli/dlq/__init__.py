"""Dead letters: list, show, replay, and skip the record a consumer group is stuck on (`complaints dlq`)."""
