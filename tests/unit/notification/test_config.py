import asyncio
import json
from pathlib import Path

import pytest
from complaints_chassis.settings import SettingsError, load_settings
from notification.adapters.channels import build_notifiers
from notification.adapters.rendering import TEMPLATES_DIR
from notification.config import NotificationSettings
from notification.domain.selection import DeliveryChannel

REQUIRED = {"kafka_bootstrap": "127.0.0.1:9092", "mongo_url": "mongodb://127.0.0.1:27017", "smtp_host": "127.0.0.1"}


@pytest.fixture(autouse=True)
def no_environment(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no .env file of the developer's leaks in
    for name in ("NOTIFICATION_SMTP_HOST", "NOTIFICATION_SMTP_PORT", "NOTIFICATION_STAFF_DIRECTORY"):
        monkeypatch.delenv(name, raising=False)


def test_what_the_embedded_suite_passes_is_enough_and_only_email_runs(monkeypatch):
    monkeypatch.setenv("NOTIFICATION_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("NOTIFICATION_SMTP_PORT", "2525")

    settings = load_settings(NotificationSettings, kafka_bootstrap="k:1", mongo_url="mongodb://m")

    assert (settings.smtp_host, settings.smtp_port, settings.templates_dir) == ("127.0.0.1", 2525, TEMPLATES_DIR)
    assert set(build_notifiers(settings, sleep=asyncio.sleep)) == {DeliveryChannel.EMAIL}


def test_a_missing_smtp_host_stops_start_up_naming_the_variable():
    with pytest.raises(SettingsError, match="NOTIFICATION_SMTP_HOST .* is required"):
        load_settings(NotificationSettings, kafka_bootstrap="k:1", mongo_url="mongodb://m")


def test_a_webhook_without_a_signing_secret_stops_start_up():
    with pytest.raises(SettingsError, match="NOTIFICATION_WEBHOOK_SECRET .* is required when a webhook URL is set"):
        load_settings(NotificationSettings, sms_webhook_url="https://sms.example/hooks", **REQUIRED)


def test_configured_webhooks_become_channels():
    settings = NotificationSettings(sms_webhook_url="https://sms.example/hooks", chat_webhook_url="https://chat.example",
                                    webhook_secret="whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", **REQUIRED)

    assert set(build_notifiers(settings, sleep=asyncio.sleep)) == {DeliveryChannel.EMAIL, DeliveryChannel.SMS,
                                                                   DeliveryChannel.CHAT}


def test_the_staff_directory_comes_inline_or_from_a_yaml_file(tmp_path):
    inline = NotificationSettings(staff_directory=json.dumps({"team:a": {"email": "a@x.example"}}), **REQUIRED)
    path = tmp_path / "staff.yaml"
    path.write_text("routes:\n  role:quality:\n    email: q@x.example\n    language: be\n")
    from_file = NotificationSettings(staff_directory=str(path), **REQUIRED)

    assert inline.staff_directory.routes["team:a"].email == "a@x.example"
    assert from_file.staff_directory.routes["role:quality"].language == "be"


def test_a_staff_directory_that_is_neither_json_nor_a_file_is_refused():
    with pytest.raises(SettingsError, match="NOTIFICATION_STAFF_DIRECTORY .* neither inline JSON nor the path"):
        load_settings(NotificationSettings, staff_directory="staff.yaml", **REQUIRED)


def test_every_link_comes_from_the_public_base_url_by_default():
    links = NotificationSettings(**REQUIRED).links

    assert (links.status_for("CMP-1"), links.survey_for("CMP-1"), links.access_code_url, links.case_for("c-1")) == (
        "http://localhost:8000/track/CMP-1", "http://localhost:8000/survey/CMP-1", "http://localhost:8000/access-code",
        "http://localhost:8000/desk/cases/c-1")


def test_a_base_url_with_a_path_keeps_it_and_a_link_set_on_its_own_overrides_the_base():
    links = NotificationSettings(public_base_url="https://example.org/complaints/",
                                 case_url="https://staff.example.org/desk/cases/{complaint_id}", **REQUIRED).links

    assert links.status_for("CMP-1") == "https://example.org/complaints/track/CMP-1"
    assert links.case_for("c-1") == "https://staff.example.org/desk/cases/c-1"


def test_a_public_base_url_that_is_not_a_web_address_is_refused():
    with pytest.raises(SettingsError, match="NOTIFICATION_PUBLIC_BASE_URL"):
        load_settings(NotificationSettings, public_base_url="localhost:8000", **REQUIRED)


def test_links_with_unknown_placeholders_are_refused():
    with pytest.raises(SettingsError, match="NOTIFICATION_SURVEY_URL"):
        load_settings(NotificationSettings, survey_url="https://x.example/{ticket}", **REQUIRED)


def test_templates_can_live_outside_the_code(tmp_path):
    with pytest.raises(SettingsError, match="NOTIFICATION_TEMPLATES_DIR .* not a directory"):
        load_settings(NotificationSettings, templates_dir=tmp_path / "missing", **REQUIRED)
    assert NotificationSettings(templates_dir=tmp_path, **REQUIRED).templates_dir == tmp_path


def test_the_templates_ship_inside_the_package():
    import notification

    assert TEMPLATES_DIR == Path(notification.__file__).resolve().parent / "adapters" / "templates"
    assert (TEMPLATES_DIR / "acknowledgement" / "en.subject.txt").is_file()
