"""Channel, language, locale and consent rules: how a planned message reaches its recipient, if at all."""

from collections.abc import Collection, Mapping
from enum import StrEnum

from babel import Locale, UnknownLocaleError
from complaint_contracts import Channel, Language

from .catalogue import MessageSpec
from .facts import ComplaintFacts


class DeliveryChannel(StrEnum):
    """Ways notification can deliver; each maps onto one Notifier at wiring time."""

    EMAIL = "email"
    SMS = "sms"
    LETTER = "letter"
    PARTNER = "partner"
    """The partner system the complaint came from relays the message (its webhook)."""
    CHAT = "chat"
    """Staff chat webhook (team channels)."""


FALLBACK_LANGUAGE = Language.EN
DURABLE_CHANNELS = frozenset({DeliveryChannel.EMAIL, DeliveryChannel.LETTER})
"""Media regulators accept for written responses (PSD2 Art. 101: paper or another durable medium)."""

PREFERRED_DELIVERY: Mapping[Channel, DeliveryChannel] = {
    Channel.EMAIL: DeliveryChannel.EMAIL,
    Channel.PHONE: DeliveryChannel.SMS,
    Channel.LETTER: DeliveryChannel.LETTER,
    Channel.PARTNER: DeliveryChannel.PARTNER,
}
"""The customer's preferred channel → how we reply on it; web, chat, social and branch customers get e-mail."""

NAMED_ROUTES: Mapping[str, DeliveryChannel] = {"email": DeliveryChannel.EMAIL, "phone": DeliveryChannel.SMS}
"""A contact route an event names (`send_to`) → the channel that reaches it."""

CUSTOMER_FALLBACK_ORDER = (DeliveryChannel.EMAIL, DeliveryChannel.LETTER, DeliveryChannel.SMS,
                           DeliveryChannel.PARTNER)


def choose_language(*, wanted: Language, available: Collection[Language]) -> Language:
    """The wanted language when a template exists for it, else English."""
    return wanted if wanted in available else FALLBACK_LANGUAGE


def consent_allows(*, spec: MessageSpec, consent_marketing: bool) -> bool:
    """Mandatory messages always go; the others only to customers who accept non-mandatory messages."""
    return spec.mandatory or consent_marketing


def customer_addresses(*, facts: ComplaintFacts) -> dict[DeliveryChannel, str]:
    """Where the customer can be reached on each channel they gave details for."""
    contact = facts.customer
    candidates = {
        DeliveryChannel.EMAIL: contact.email,
        DeliveryChannel.SMS: contact.phone,
        DeliveryChannel.LETTER: contact.postal_address,
        DeliveryChannel.PARTNER: facts.source_system,
    }
    return {channel: address for channel, address in candidates.items() if address}


def choose_customer_channel(*, preferred: Channel, addresses: Mapping[DeliveryChannel, str],
                            available: Collection[DeliveryChannel], durable_only: bool) -> DeliveryChannel | None:
    """The preferred channel if usable, else the first usable fallback; None when nothing reaches the customer."""
    order = [PREFERRED_DELIVERY[preferred]] if preferred in PREFERRED_DELIVERY else []
    order += [c for c in CUSTOMER_FALLBACK_ORDER if c not in order]
    usable = [c for c in order if c in addresses and c in available and (not durable_only or c in DURABLE_CHANNELS)]
    return usable[0] if usable else None


def requires_durable_medium(*, spec: MessageSpec, regulated: bool) -> bool:
    """Regulatory letters under a regime go on paper or e-mail, never by SMS or a relay alone."""
    return spec.regulatory_letter and regulated


def babel_locale(*, language: Language, jurisdiction: str | None) -> str:
    """The language as written in the jurisdiction's country (en_GB dates for a customer in GB-ENG), or the bare
    language."""
    if jurisdiction:
        try:
            return str(Locale(language.value, jurisdiction.partition("-")[0].upper()))
        except UnknownLocaleError:
            pass
    return language.value
