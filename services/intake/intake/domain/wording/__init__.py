"""Plain-language texts of the status page and the published process, per language (data, not logic)."""

from complaint_contracts import Language

from . import be, en, ru
from .model import Wording

_BY_LANGUAGE = {Language.EN: en.WORDING, Language.RU: ru.WORDING, Language.BE: be.WORDING}


def wording_for(language: Language) -> Wording:
    """The texts in the given language."""
    return _BY_LANGUAGE[language]
