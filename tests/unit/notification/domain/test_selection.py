import pytest
from complaint_contracts import Channel, Language
from hypothesis import given
from hypothesis import strategies as st
from notification.domain.catalogue import CATALOGUE, Template
from notification.domain.selection import (
    DURABLE_CHANNELS,
    DeliveryChannel,
    babel_locale,
    choose_customer_channel,
    choose_language,
    consent_allows,
    requires_durable_medium,
)

EMAIL, SMS, LETTER, PARTNER = (DeliveryChannel.EMAIL, DeliveryChannel.SMS, DeliveryChannel.LETTER,
                               DeliveryChannel.PARTNER)
ALL = {EMAIL, SMS, LETTER, PARTNER}
EVERY_ADDRESS = {EMAIL: "alesia@example.org", SMS: "+375291234567", LETTER: "Minsk, Nezavisimosti 4", PARTNER: "crm"}


@pytest.mark.parametrize(("preferred", "addresses", "available", "durable_only", "chosen"), [
    (Channel.EMAIL, EVERY_ADDRESS, ALL, False, EMAIL),
    (Channel.PHONE, EVERY_ADDRESS, ALL, False, SMS),
    (Channel.LETTER, EVERY_ADDRESS, ALL, False, LETTER),
    (Channel.PARTNER, EVERY_ADDRESS, ALL, False, PARTNER),
    (Channel.WEB, EVERY_ADDRESS, ALL, False, EMAIL),
    (Channel.PHONE, {SMS: "+375291234567"}, {EMAIL}, False, None),
    (Channel.PHONE, EVERY_ADDRESS, {EMAIL, LETTER}, False, EMAIL),
    (Channel.EMAIL, {SMS: "+375291234567", LETTER: "Minsk"}, ALL, False, LETTER),
    (Channel.PHONE, EVERY_ADDRESS, ALL, True, EMAIL),
    (Channel.PHONE, {SMS: "+375291234567"}, ALL, True, None),
    (Channel.PARTNER, {PARTNER: "crm", LETTER: "Minsk"}, ALL, True, LETTER),
])
def test_customer_channel_is_the_preferred_one_when_usable_else_a_fallback(preferred, addresses, available,
                                                                           durable_only, chosen):
    assert choose_customer_channel(preferred=preferred, addresses=addresses, available=available,
                                   durable_only=durable_only) == chosen


@given(preferred=st.sampled_from(Channel), addressed=st.sets(st.sampled_from(list(ALL))),
       available=st.sets(st.sampled_from(list(ALL))), durable_only=st.booleans())
def test_a_chosen_channel_is_configured_addressable_and_durable_when_required(preferred, addressed, available,
                                                                             durable_only):
    addresses = {c: EVERY_ADDRESS[c] for c in addressed}

    chosen = choose_customer_channel(preferred=preferred, addresses=addresses, available=available,
                                     durable_only=durable_only)

    usable = addressed & available & (DURABLE_CHANNELS if durable_only else ALL)
    assert (chosen is None) == (not usable)
    if chosen is not None:
        assert chosen in usable


@pytest.mark.parametrize(("wanted", "available", "chosen"), [
    (Language.BE, {Language.EN, Language.RU, Language.BE}, Language.BE),
    (Language.RU, {Language.EN, Language.RU, Language.BE}, Language.RU),
    (Language.BE, {Language.EN, Language.RU}, Language.EN),
    (Language.EN, {Language.EN}, Language.EN),
])
def test_language_falls_back_to_english_when_no_template_exists(wanted, available, chosen):
    assert choose_language(wanted=wanted, available=available) == chosen


@given(template=st.sampled_from(Template), consent=st.booleans())
def test_mandatory_messages_ignore_opt_outs_and_optional_ones_need_consent(template, consent):
    spec = CATALOGUE[template]

    assert consent_allows(spec=spec, consent_marketing=consent) is (spec.mandatory or consent)


@pytest.mark.parametrize(("template", "regulated", "durable"), [
    (Template.FINAL_RESPONSE, True, True),
    (Template.ACKNOWLEDGEMENT, True, True),
    (Template.FINAL_RESPONSE, False, False),
    (Template.CASE_NOTE, True, False),
    (Template.INFORMATION_REQUESTED, True, False),
])
def test_regulatory_letters_under_a_regime_need_a_durable_medium(template, regulated, durable):
    assert requires_durable_medium(spec=CATALOGUE[template], regulated=regulated) is durable


@pytest.mark.parametrize(("language", "jurisdiction", "locale"), [
    (Language.EN, "GB", "en_GB"), (Language.EN, "GB-ENG", "en_GB"), (Language.EN, "DE-BY", "en_DE"),
    (Language.EN, "US-CA", "en_US"), (Language.RU, "BY", "ru_BY"), (Language.BE, "BY", "be_BY"),
    (Language.RU, "US-CA", "ru"), (Language.EN, None, "en"),
])
def test_dates_are_written_as_in_the_country_of_the_jurisdiction_even_a_subdivision(language, jurisdiction, locale):
    assert babel_locale(language=language, jurisdiction=jurisdiction) == locale
