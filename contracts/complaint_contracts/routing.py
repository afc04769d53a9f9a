"""Events routing publishes on `complaints.routing.v1`: the initial assessment and who handles it by when."""

from typing import Annotated, Literal

from pydantic import Field

from .base import ComplaintEvent
from .types import AwareDatetime, Category, ComplaintKind, Contract, Deadline, Language, Priority, Regime

SOURCE = "/complaints/routing"


class _RoutingEvent(ComplaintEvent):
    source: str = Field(default=SOURCE, description="CloudEvents source")


class Assignment(_RoutingEvent):
    """Fields shared by a routing and a re-routing decision."""

    type: str
    department: str = Field(description="Department that owns the complaint", examples=["customer_support"])
    team: str = Field(description="Team that handles it", examples=["support-en-1"])
    assignee: str | None = Field(default=None, description="Employee id, when assigned to a person",
                                 examples=["emp-0042"])
    rules_fired: list[str] = Field(default_factory=list,
                                   description="Every rule that shaped the decision, in words (accountability)")
    rules_version: str = Field(description="Version of the rules file that decided", examples=["2026.11.1"])


class ModelAnswer(Contract):
    """What the trained triage model answered for one field, and whether that answer decided it."""

    field: str = Field(description="kind, category, priority or department", examples=["category"])
    value: str = Field(description="The model's answer", examples=["delivery"])
    confidence: float = Field(ge=0, le=1, description="The model's probability for its answer")
    features: list[str] = Field(default_factory=list, description="Features that pushed the answer most",
                                examples=[["courier", "lex_delivery"]])
    used: bool = Field(default=False, description="The answer decided the field (else the rules did)")


class TriageExplanation(Contract):
    """How the trained model took part in the assessment beside the rules (the hard rules keep the last word)."""

    model_version: str = Field(description="Version of the triage model artefact", examples=["2026.06.1+3f9c2a1b"])
    text_language: Language | None = Field(default=None,
                                           description="Language the text is written in, when the check was sure")
    answers: list[ModelAnswer] = Field(default_factory=list, description="The model's answer per field")
    doubts: list[str] = Field(default_factory=list,
                              description="Why a person should check the assessment, in words (empty if sure)")


class ComplaintRouted(Assignment):
    """Initial assessment done: what it is, how urgent, who handles it, and by when."""

    type: Literal["complaints.routing.ComplaintRouted"] = "complaints.routing.ComplaintRouted"
    kind: ComplaintKind = Field(description="Complaint, or an enquiry handled outside the complaint clocks")
    category: Category = Field(description="What the complaint is about")
    priority: Priority = Field(description="From the severity × impact matrix")
    regime: Regime = Field(description="Regulatory regime whose clocks and content rules apply")
    deadlines: list[Deadline] = Field(default_factory=list,
                                      description="Service-SLA targets and regulatory deadlines")
    received_at: AwareDatetime | None = Field(
        default=None, description="Receipt time of the complaint: the clocks run from here (older events lack it)")
    flags: list[str] = Field(default_factory=list, description="Flags the assessment raised",
                             examples=[["vulnerable", "legal_threat"]])
    model_version: str | None = Field(
        default=None, description="Version of the triage model beside the rules (None: the rules decided alone)",
        examples=["2026.06.1+3f9c2a1b"])
    needs_human_check: bool = Field(
        default=False, description="The model was unsure of a field no hard rule settled: a person should check")
    triage: TriageExplanation | None = Field(
        default=None, description="The model's answers, confidences and top features (older events lack it)")


class ComplaintRerouted(Assignment):
    """The complaint moved to another team or person (escalation, objectivity, workload)."""

    type: Literal["complaints.routing.ComplaintRerouted"] = "complaints.routing.ComplaintRerouted"
    previous_team: str | None = Field(default=None, description="Team that had it before")
    reason: str = Field(description="Why it moved, in words")
    tier: int = Field(default=1, ge=1, description="Escalation tier after the move (1 = first line)")


class DeadlinesRevised(_RoutingEvent):
    """Staff corrected the priority: the deadlines, counted again from receipt under the corrected one.

    The corrected priority's service levels, and the regime's clocks that apply at it (a critical complaint may owe
    a regulator an urgent report)."""

    type: Literal["complaints.routing.DeadlinesRevised"] = "complaints.routing.DeadlinesRevised"
    priority: Priority = Field(description="The corrected priority the deadlines follow")
    previous_priority: Priority | None = Field(default=None, description="The priority they followed before")
    deadlines: list[Deadline] = Field(description="Every deadline the complaint has under the corrected priority, "
                                                  "as if routed with it (before any pause moved them)")
    reason: str = Field(description="Why, in words", examples=["priority corrected from medium to critical"])
    rules_version: str = Field(description="Version of the rules whose service levels set them",
                               examples=["2026.11.1"])


class PossibleDuplicateDetected(_RoutingEvent):
    """The complaint looks like an earlier one of the same customer; linked, never silently dropped."""

    type: Literal["complaints.routing.PossibleDuplicateDetected"] = "complaints.routing.PossibleDuplicateDetected"
    duplicate_of: str = Field(description="Complaint id of the earlier complaint")
    duplicate_of_tracking_number: str | None = Field(
        default=None, description="Tracking number of the earlier complaint, the number staff and customer know it "
                                  "by (absent from events published before it was added, and for complaints "
                                  "fingerprinted before)", examples=["CMP-7K3Q-9XWA-F"])
    similarity: float = Field(ge=0, le=1, description="Text similarity, 0..1")
    reason: str = Field(description="Why they look alike, in words")


class ComplaintRoutingFailed(_RoutingEvent):
    """No decision could be made (e.g. no impartial team): published so that people step in, never lost."""

    type: Literal["complaints.routing.ComplaintRoutingFailed"] = "complaints.routing.ComplaintRoutingFailed"
    reason: str = Field(description="Why no decision was made, in words",
                        examples=["every team that could take it, complaints-review included, is one it is about"])
    rules_version: str = Field(description="Version of the rules file that was applied", examples=["2026.11.1"])
    rules_fired: list[str] = Field(default_factory=list,
                                   description="The rules that fired before it failed, in words")
    received_at: AwareDatetime | None = Field(default=None, description="Receipt time of the complaint")


RoutingEvent = Annotated[ComplaintRouted | ComplaintRerouted | PossibleDuplicateDetected | ComplaintRoutingFailed
                         | DeadlinesRevised, Field(discriminator="type")]
