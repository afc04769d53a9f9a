"""Gettext catalogues of the pages, read from the `.po` files under `locale/` at start-up.

Every `.po` file of a language is merged into one catalogue, so the portal and the desk keep their own files
(`portal.po`, `desk.po`, `common.po`). Reading the sources avoids committing compiled `.mo` files.
"""

import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from ..domain.languages import SUPPORTED

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"


def load_catalogues(locale_dir: Path = LOCALE_DIR) -> dict[str, NullTranslations]:
    """One translations object per supported language (English is the source language: no catalogue)."""
    catalogues: dict[str, NullTranslations] = {"en": NullTranslations()}
    for language in SUPPORTED:
        files = sorted((locale_dir / language / "LC_MESSAGES").glob("*.po"))
        if not files:
            continue
        merged = Translations()
        for path in files:
            with path.open("rb") as source:
                catalogue = read_po(source, locale=language)
            buffer = io.BytesIO()
            write_mo(buffer, catalogue, use_fuzzy=False)
            buffer.seek(0)
            translations = Translations(buffer)
            merged.merge(translations)
            # merge() copies the messages, not the header's plural rule: without it every language would choose
            # plural forms by the English rule (one/other), never «5 минут».
            merged.plural = translations.plural
        catalogues[language] = merged
    return catalogues
