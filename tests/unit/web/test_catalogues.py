"""Every message of the pages is translated into Russian and Belarusian, and no catalogue keeps a stale entry."""

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from web.adapters.translations import LOCALE_DIR, load_catalogues

WEB = Path(__file__).resolve().parents[3] / "services/web"
METHODS = [("web/**.py", "python"), ("web/templates/**.html", "jinja2")]
OPTIONS = {"web/templates/**.html": {"extensions": "jinja2.ext.i18n"}}


def _messages() -> set[str]:
    found = extract_from_dir(str(WEB), method_map=METHODS, options_map=OPTIONS)
    return {message if isinstance(message, str) else message[0] for _, _, message, _, _ in found}


MESSAGES = _messages()


def test_the_pages_have_messages() -> None:
    assert "Make a complaint" in MESSAGES


@pytest.mark.parametrize("language", ["ru", "be"])
def test_every_message_is_translated(language: str) -> None:
    catalogue = load_catalogues()[language]
    untranslated = sorted(m for m in MESSAGES if catalogue.gettext(m) == m)
    assert untranslated == []


@pytest.mark.parametrize("language", ["ru", "be"])
def test_no_catalogue_keeps_messages_the_pages_no_longer_use(language: str) -> None:
    from babel.messages.pofile import read_po

    kept: set[str] = set()
    for path in (LOCALE_DIR / language / "LC_MESSAGES").glob("*.po"):
        with path.open("rb") as source:
            kept |= {m.id for m in read_po(source) if m.id and isinstance(m.id, str)}
    assert sorted(kept - MESSAGES) == []
