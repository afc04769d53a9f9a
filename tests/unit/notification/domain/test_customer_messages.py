"""A customer who gave no name is addressed neutrally in their own language, never as "None"."""

import pytest
from complaint_contracts import Language
from notification.domain.customer_messages import customer_context
from notification.domain.links import SiteLinks

from tests.unit.notification.builders import make_facts


@pytest.mark.parametrize(("language", "salutation"), [(Language.EN, "customer"), (Language.RU, "клиент"),
                                                      (Language.BE, "кліент")])
def test_no_name_gives_a_neutral_salutation(language: Language, salutation: str, links: SiteLinks) -> None:
    context = customer_context(facts=make_facts(language=language, name=None), links=links)
    assert context["customer_name"] == salutation


def test_a_given_name_is_used(links: SiteLinks) -> None:
    assert customer_context(facts=make_facts(), links=links)["customer_name"] == "Alesia Kuzmich"
