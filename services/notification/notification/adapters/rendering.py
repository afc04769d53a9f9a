"""Render a delivery from Jinja2 template files: subject, plain text and HTML per language."""

from pathlib import Path
from typing import Any

from complaint_contracts import Language
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..domain.catalogue import Template
from ..domain.delivery import Delivery, RenderedMessage
from .formatting import FILTERS

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
"""The templates shipped in the package; operators may point `templates_dir` at edited copies."""
PARTS = ("subject.txt", "text.txt", "html")
"""Files per message × language: `<template>/<language>.<part>`."""


class TemplateRenderer:
    """The MessageRenderer over editable Jinja2 files; a missing variable raises instead of printing blank.

    The files are read once: each template is compiled on first use and kept (no look at the file per message), and
    which languages each message has is listed at start-up. Edited templates take effect at the next start.
    """

    def __init__(self, directory: Path = TEMPLATES_DIR) -> None:
        self.directory = directory
        self.environment = Environment(
            loader=FileSystemLoader(directory),
            undefined=StrictUndefined,
            autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,
            cache_size=-1,
        )
        self.environment.filters.update(FILTERS)
        self._languages = {template: frozenset(
            lang for lang in Language if all((directory / template.value / f"{lang.value}.{part}").is_file()
                                             for part in PARTS)) for template in Template}

    def languages(self, template: Template) -> frozenset[Language]:
        """Languages with every part of the template present."""
        return self._languages[template]

    def render(self, *, template: Template, language: Language, locale: str, time_zone: str,
               context: dict[str, Any]) -> RenderedMessage:
        """Render the three parts of a message in one language."""
        variables = {**context, "language": language.value, "locale": locale, "time_zone": time_zone}

        def part(name: str) -> str:
            return self.environment.get_template(f"{template.value}/{language.value}.{name}").render(variables)

        return RenderedMessage(subject=" ".join(part("subject.txt").split()), text=part("text.txt"),
                               html=part("html"))

    def render_delivery(self, delivery: Delivery) -> RenderedMessage:
        """Render a delivery in its chosen language, locale and time zone."""
        return self.render(template=delivery.message.template, language=delivery.language, locale=delivery.locale,
                           time_zone=delivery.time_zone, context=delivery.message.context)
