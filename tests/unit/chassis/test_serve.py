from complaints_chassis.serve import proxy_options, uvicorn_options
from complaints_chassis.settings import ServiceSettings


def test_forwarded_headers_are_believed_from_no_one_by_default() -> None:
    assert proxy_options("") == {"proxy_headers": False, "forwarded_allow_ips": []}


def test_forwarded_headers_are_believed_from_the_proxies_named() -> None:
    assert proxy_options(" 10.0.0.7 , 10.1.0.0/16,") == {"proxy_headers": True,
                                                         "forwarded_allow_ips": ["10.0.0.7", "10.1.0.0/16"]}


def test_uvicorn_serves_on_the_settings_address_and_drains_on_shutdown() -> None:
    settings = ServiceSettings(kafka_bootstrap="k:9092", mongo_url="mongodb://m", mongo_database="d",
                               http_host="0.0.0.0", http_port=8123, graceful_timeout_seconds=9)
    options = uvicorn_options(settings, trusted_proxies="10.0.0.7")
    assert options["host"] == "0.0.0.0" and options["port"] == 8123
    assert options["timeout_graceful_shutdown"] == 9 and options["access_log"] is False
    assert options["forwarded_allow_ips"] == ["10.0.0.7"] and options["proxy_headers"] is True


def test_uvicorn_runs_on_uvloop_and_parses_http_with_httptools() -> None:
    options = uvicorn_options(ServiceSettings(kafka_bootstrap="k:9092", mongo_url="mongodb://m", mongo_database="d"))
    assert options["loop"] == "uvloop" and options["http"] == "httptools"
