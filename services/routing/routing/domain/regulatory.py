"""The regulators' clocks: they run from receipt and never pause (see the complaint-domain reference)."""

from dataclasses import dataclass
from enum import StrEnum

from complaint_contracts.types import Regime


class Unit(StrEnum):
    BUSINESS_DAYS = "business days"
    CALENDAR_DAYS = "calendar days"
    CALENDAR_WEEKS = "weeks"


@dataclass(frozen=True)
class RegulatoryClock:
    name: str
    amount: int
    unit: Unit
    source: str
    meaning: str
    only_when_critical: bool = False


_SUMMARY_WINDOW = RegulatoryClock(
    "summary_resolution_window", 3, Unit.BUSINESS_DAYS, "FCA DISP 1.5",
    "resolved by then, a summary resolution communication may replace the final response")
_PROMPT_ACKNOWLEDGEMENT = RegulatoryClock(
    "acknowledgement", 5, Unit.BUSINESS_DAYS, "FCA DISP 1.6.1",
    "prompt written acknowledgement stating the deadline (5 business days is common practice)")

REGULATORY_CLOCKS: dict[Regime, tuple[RegulatoryClock, ...]] = {
    Regime.NONE: (),
    Regime.UK_FCA_DISP: (
        _SUMMARY_WINDOW,
        _PROMPT_ACKNOWLEDGEMENT,
        RegulatoryClock("final_response", 8, Unit.CALENDAR_WEEKS, "FCA DISP 1.6.2",
                        "final response, or a delay response with the right to refer to the ombudsman"),
    ),
    Regime.UK_PSD: (
        _SUMMARY_WINDOW,
        _PROMPT_ACKNOWLEDGEMENT,
        RegulatoryClock("final_response", 15, Unit.BUSINESS_DAYS, "FCA DISP 1.6.2A",
                        "final response on payment services, or a holding reply in exceptional cases"),
        RegulatoryClock("final_response_exceptional", 35, Unit.BUSINESS_DAYS, "FCA DISP 1.6.2A",
                        "final response in exceptional cases, after a holding reply by business day 15"),
    ),
    Regime.EU_PSD2: (
        RegulatoryClock("final_response", 15, Unit.BUSINESS_DAYS, "PSD2 Art. 101(2)",
                        "reply on paper or a durable medium, or a holding reply in exceptional cases"),
        RegulatoryClock("final_response_exceptional", 35, Unit.BUSINESS_DAYS, "PSD2 Art. 101(2)",
                        "final reply in exceptional cases, after a holding reply by business day 15"),
    ),
    Regime.US_CFPB: (
        RegulatoryClock("company_response", 15, Unit.CALENDAR_DAYS, "CFPB company portal",
                        "respond to the consumer (a response may say the work is in progress)"),
        RegulatoryClock("final_response", 60, Unit.CALENDAR_DAYS, "CFPB company portal",
                        "final response to the consumer"),
    ),
    Regime.US_FDA_MDR: (
        RegulatoryClock("mdr_report", 30, Unit.CALENDAR_DAYS, "FDA 21 CFR 803.50",
                        "medical device report of a death, serious injury or malfunction"),
        RegulatoryClock("mdr_five_day_report", 5, Unit.BUSINESS_DAYS, "FDA 21 CFR 803.53",
                        "5-day report when remedial action is needed to prevent substantial harm",
                        only_when_critical=True),
    ),
}
