"""The embedded stores' connection strings."""

from urllib.parse import parse_qs, urlsplit

from complaints_cli.suite.embedded import EmbeddedStack


def test_store_urls_turn_retryable_writes_off() -> None:
    # PyMongo's retryable writes make every write against SecantusDB slower as a run goes on (~15x).
    stack = EmbeddedStack(stores=("intake", "routing"), mongo_ports={"intake": 37017, "routing": 37018})

    url = urlsplit(stack.mongo_url_of("routing"))

    assert url.netloc == "127.0.0.1:37018"
    assert parse_qs(url.query) == {"directConnection": ["true"], "retryWrites": ["false"]}
    assert stack.mongo_url == stack.mongo_url_of("intake")
