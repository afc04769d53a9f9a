"""Final-response templates agents start from: per language and outcome, with what the case knows filled in (the
customer, the complaint, the agreed plan, how to take it further, the referral its regime or jurisdiction names).
The referral paragraph comes in once, through `$referral`; the agent replaces the [[prompts]] with the reasons."""

from datetime import datetime
from string import Template

from complaint_contracts.types import Language, Outcome, Regime, Remedy
from pydantic import BaseModel, ConfigDict, Field

from .case import Case
from .complaint import ComplaintDetails
from .response_minimum import PROMPT_OPEN, external_body


class TemplateText(BaseModel):
    model_config = ConfigDict(frozen=True)

    template_id: str
    outcome: Outcome
    title: str
    body: str


class Paragraphs(BaseModel):
    """The standard paragraphs of one language."""

    model_config = ConfigDict(frozen=True)

    escalation: str
    external_body: str = Field(description="Names an outside body where the regime names none ($body_name, $body_url)")
    referrals: dict[Regime, str] = Field(description="The paragraph each regulated regime requires")
    plan_step: str = Field(description="One step of the agreed plan ($step, $due_date)")
    no_plan: str = Field(description="Where no plan was agreed")
    remedy: str = Field(description="One remedy ($remedy)")
    unnamed_customer: str = Field(default="[[name]]",
                                  description="Said in place of the name of a customer who gave none")
    cfpb_relief: dict[str, str] = Field(description="The CFPB response category per kind of relief")


class TemplateSet(BaseModel):
    """The templates and standard paragraphs of one language."""

    model_config = ConfigDict(frozen=True)

    language: Language
    templates: list[TemplateText]
    paragraphs: Paragraphs


class ResponseTemplate(BaseModel):
    template_id: str
    language: Language
    outcome: Outcome
    title: str
    text: str
    prompts_left: int = Field(description="[[…]] passages the agent still has to write")


def render_templates(*, sets: dict[Language, TemplateSet], case: Case, complaint: ComplaintDetails | None,
                     language: Language | None = None, outcome: Outcome | None = None) -> list[ResponseTemplate]:
    """The templates of the language asked for (else the complaint's, else English), for one outcome or all, each
    filled in from the case."""
    wanted = language or (complaint.language if complaint else Language.EN)
    chosen = sets.get(wanted) or sets[Language.EN]
    rendered = []
    for template in chosen.templates:
        if outcome is not None and template.outcome is not outcome:
            continue
        text = Template(template.body).safe_substitute(
            _values(chosen.paragraphs, case=case, complaint=complaint, outcome=template.outcome))
        rendered.append(ResponseTemplate(template_id=template.template_id, language=chosen.language,
                                         outcome=template.outcome, title=template.title, text=text,
                                         prompts_left=text.count(PROMPT_OPEN)))
    return rendered


def _values(paragraphs: Paragraphs, *, case: Case, complaint: ComplaintDetails | None,
            outcome: Outcome) -> dict[str, str]:
    proposal = case.agreed_proposal
    steps = [Template(paragraphs.plan_step).safe_substitute(step=s.description, due_date=_day(s.due_at))
             for s in (proposal.plan if proposal else [])]
    remedies = [Template(paragraphs.remedy).safe_substitute(remedy=_remedy(r))
                for r in (proposal.remedies if proposal else [])]
    return {
        "customer_name": (complaint.customer.name or paragraphs.unnamed_customer) if complaint else "",
        "tracking_number": complaint.tracking_number if complaint else case.complaint_id,
        "title": complaint.title if complaint else "",
        "received_date": _day(complaint.received_at if complaint else case.received_at or case.opened_at),
        "plan": "\n".join(steps) or paragraphs.no_plan,
        "remedies": "\n".join(remedies),
        "escalation": paragraphs.escalation,
        "referral": referral_paragraph(paragraphs, case=case, complaint=complaint, outcome=outcome),
    }


def referral_paragraph(paragraphs: Paragraphs, *, case: Case, complaint: ComplaintDetails | None,
                       outcome: Outcome) -> str:
    """The paragraph naming the outside body: the regime's, or the one for the customer's jurisdiction, or none."""
    regime_text = paragraphs.referrals.get(case.regime)
    if regime_text is not None:
        monetary = any(r.amount for r in (case.agreed_proposal.remedies if case.agreed_proposal else []))
        relief = "explanation" if outcome is Outcome.NOT_UPHELD else ("monetary" if monetary else "non_monetary")
        return Template(regime_text).safe_substitute(cfpb_relief=paragraphs.cfpb_relief[relief])
    body = external_body(regime=case.regime, jurisdiction=complaint.jurisdiction if complaint else None)
    if body is None:
        return ""
    name = body.name.get(complaint.language if complaint else Language.EN, body.name[Language.EN])
    return Template(paragraphs.external_body).safe_substitute(body_name=name, body_url=body.url)


def _day(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d}"


def _remedy(remedy: Remedy) -> str:
    money = f" ({remedy.amount.amount} {remedy.amount.currency})" if remedy.amount is not None else ""
    return f"{remedy.description or remedy.kind}{money}"
