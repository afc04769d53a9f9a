"""Every message of the pages is translated into Russian and Belarusian, and no catalogue keeps a stale entry."""

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from web.adapters.translations import LOCALE_DIR, load_catalogues

WEB = Path(__file__).resolve().parents[3] / "services/web"
METHODS = [("web/**.py", "python"), ("web/templates/**.html", "jinja2")]
OPTIONS = {"web/templates/**.html": {"extensions": "jinja2.ext.i18n"}}


def _found() -> list[str | tuple[str, ...]]:
    return [message for _, _, message, _, _ in extract_from_dir(str(WEB), method_map=METHODS, options_map=OPTIONS)]


FOUND = _found()
MESSAGES = {message if isinstance(message, str) else message[0] for message in FOUND}
PLURALS = {message[:2] for message in FOUND if not isinstance(message, str) and message[1]}


def test_the_pages_have_messages() -> None:
    assert "Make a complaint" in MESSAGES


@pytest.mark.parametrize("language", ["ru", "be"])
def test_every_message_is_translated(language: str) -> None:
    catalogue = load_catalogues()[language]
    untranslated = sorted(m for m in MESSAGES - {singular for singular, _ in PLURALS} if catalogue.gettext(m) == m)
    untranslated += sorted(s for s, p in PLURALS if any(catalogue.ngettext(s, p, n) in (s, p) for n in (1, 3, 5)))
    assert untranslated == []


@pytest.mark.parametrize(("language", "forms"), [("ru", ("1 минуту", "3 минуты", "5 минут", "21 минуту")),
                                                 ("be", ("1 хвіліну", "3 хвіліны", "5 хвілін", "21 хвіліну"))])
def test_plural_forms_follow_the_language_rule(language: str, forms: tuple[str, ...]) -> None:
    catalogue = load_catalogues()[language]
    singular, plural = "Too many attempts. Please wait %(num)d minute and try again.", \
        "Too many attempts. Please wait %(num)d minutes and try again."
    for n, form in zip((1, 3, 5, 21), forms, strict=True):
        assert form in catalogue.ngettext(singular, plural, n) % {"num": n}


@pytest.mark.parametrize("language", ["ru", "be"])
def test_no_catalogue_keeps_messages_the_pages_no_longer_use(language: str) -> None:
    from babel.messages.pofile import read_po

    kept: set[str] = set()
    for path in (LOCALE_DIR / language / "LC_MESSAGES").glob("*.po"):
        with path.open("rb") as source:
            kept |= {m.id for m in read_po(source) if m.id and isinstance(m.id, str)}
    assert sorted(kept - MESSAGES) == []
