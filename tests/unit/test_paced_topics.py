"""No service holds back a topic it reads a complaint's path to acknowledgement from (submission → received →
routed → case opened and acknowledgement sent); intake's timeline may follow the routing a second late."""

from complaint_contracts import EVENT_TOPIC, ComplaintReceived, ComplaintRouted, ComplaintSubmission
from intake.entrypoints.handlers import events as intake
from notification.entrypoints.handlers import events as notification
from resolution.entrypoints.handlers import events as resolution
from routing.entrypoints.handlers import events as routing

ON_THE_PATH = {intake: {ComplaintSubmission}, routing: {ComplaintReceived},
               resolution: {ComplaintReceived, ComplaintRouted}, notification: {ComplaintReceived, ComplaintRouted}}


def test_no_consumer_paces_a_topic_its_part_of_the_path_comes_on() -> None:
    for consumer, events in ON_THE_PATH.items():
        assert events <= set(consumer.handlers), consumer.group_id
        assert not {EVENT_TOPIC[cls] for cls in events} & consumer.paced_topics, consumer.group_id


def test_each_of_them_paces_what_only_follows_a_complaint() -> None:
    for consumer in ON_THE_PATH:
        assert consumer.paced_topics, consumer.group_id
