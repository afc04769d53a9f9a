import pytest

from tests.support.backends import BackendError, backend_kind, external


@pytest.mark.parametrize(("env", "kind"), [
    ({}, "embedded"),
    ({"COMPLAINTS_TEST_BACKEND": "containers"}, "containers"),
    ({"COMPLAINTS_TEST_BACKEND": " External "}, "external"),
])
def test_backend_is_chosen_by_environment(env: dict[str, str], kind: str) -> None:
    assert backend_kind(env) == kind


def test_unknown_backend_is_refused() -> None:
    with pytest.raises(BackendError, match="choose one of embedded, containers, external"):
        backend_kind({"COMPLAINTS_TEST_BACKEND": "docker"})


def test_external_backend_needs_both_urls() -> None:
    with pytest.raises(BackendError, match="needs MONGODB_URL"), external({"KAFKA_BOOTSTRAP_SERVERS": "k:9092"}):
        pass


def test_external_backend_uses_the_given_urls() -> None:
    with external({"KAFKA_BOOTSTRAP_SERVERS": "k:9092", "MONGODB_URL": "mongodb://m"}) as backend:
        assert (backend.kafka_bootstrap, backend.mongo_url, backend.idempotent_producer) == (
            "k:9092", "mongodb://m", True)
