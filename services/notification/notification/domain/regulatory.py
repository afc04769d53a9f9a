"""What regulators require a customer to be told: the deadlines that apply and the right to refer."""

from complaint_contracts import Clock, Deadline, Regime
from pydantic import BaseModel, ConfigDict


class Referral(BaseModel):
    """An outside body the customer may take the complaint to if they are not satisfied."""

    model_config = ConfigDict(frozen=True)

    key: str
    """Names the body in templates, which word it per language."""
    body: str
    url: str
    time_limit_months: int | None = None
    free_of_charge: bool = True


_FINANCIAL_OMBUDSMAN = Referral(key="financial_ombudsman", body="Financial Ombudsman Service", url="https://www.financial-ombudsman.org.uk",
                                time_limit_months=6)

REFERRALS: dict[Regime, Referral] = {
    # DISP 1.6.2: the final response names the ombudsman, its website and the six-month limit.
    Regime.UK_FCA_DISP: _FINANCIAL_OMBUDSMAN,
    Regime.UK_PSD: _FINANCIAL_OMBUDSMAN,
    # PSD2 Art. 101-102: the payment service user is told of the out-of-court (ADR) body.
    Regime.EU_PSD2: Referral(
        key="payment_adr", body="the out-of-court redress body for payment services in your country",
        url="https://finance.ec.europa.eu/consumer-finance-and-payments/retail-financial-services/"
            "financial-dispute-resolution-network-fin-net_en"),
    Regime.US_CFPB: Referral(key="cfpb", body="Consumer Financial Protection Bureau",
                             url="https://www.consumerfinance.gov/complaint/"),
    # Medical devices: patients may report adverse events to the FDA themselves.
    Regime.US_FDA_MDR: Referral(
        key="fda_medwatch", body="FDA MedWatch",
        url="https://www.fda.gov/safety/medwatch-fda-safety-information-and-adverse-event-reporting-program"),
}


def referral_for(regime: Regime) -> Referral | None:
    """The outside body a final response must name under this regime, if any."""
    return REFERRALS.get(regime)


def customer_deadlines(deadlines: tuple[Deadline, ...] | list[Deadline]) -> list[Deadline]:
    """The deadlines to promise the customer: the regulatory ones, else the service targets; soonest first."""
    regulatory = [d for d in deadlines if d.clock is Clock.REGULATORY]
    return sorted(regulatory or deadlines, key=lambda d: d.due_at)
