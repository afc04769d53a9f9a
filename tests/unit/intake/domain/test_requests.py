import pytest
from intake.domain.problems import problems_from_validation_error
from intake.domain.requests import DecisionRequest, EscalationRequest, FeedbackRequest, MessageRequest
from pydantic import ValidationError


@pytest.mark.parametrize(("model", "body"), [
    (MessageRequest, {"text": "<i>Дзякуй</i> 🙏\nЧэк у дадатку"}),
    (DecisionRequest, {"proposal_id": "prop-1", "decision": "rejected", "reason": "Мала"}),
    (FeedbackRequest, {"satisfaction": 5, "comment": ""}),
    (EscalationRequest, {"reason": "Не согласна с ответом"}),
])
def test_customer_words_pass_unchanged(model, body):
    accepted = model.model_validate(body)
    for field, value in body.items():
        if value:
            assert getattr(accepted, field) == value


@pytest.mark.parametrize(("model", "body", "expected"), [
    (MessageRequest, {"text": "   "}, ("text", "missing")),
    (MessageRequest, {"text": "a\x00"}, ("text", "bad_characters")),
    (DecisionRequest, {"proposal_id": "prop-1", "decision": "maybe"}, ("decision", "unknown_value")),
    (FeedbackRequest, {"satisfaction": 6}, ("satisfaction", "less_than_equal")),
    (EscalationRequest, {}, ("reason", "missing")),
])
def test_bad_action_body_names_the_field(model, body, expected):
    with pytest.raises(ValidationError) as caught:
        model.model_validate(body)
    assert [(p.field, p.code) for p in problems_from_validation_error(caught.value)] == [expected]
