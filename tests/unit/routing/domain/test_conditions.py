"""A region named in a rule covers what lies in it by ISO 3166-2, and nothing beside it."""

import pytest
from complaint_contracts.types import Channel, Language
from routing.domain.conditions import explain_match
from routing.domain.facts import ComplaintFacts
from routing.domain.language import analyse
from routing.domain.rules import Condition
from routing.domain.text_matching import Lexicon


@pytest.mark.parametrize(("named", "jurisdiction", "holds"), [
    ("GB", "GB-EDH", True),        # Edinburgh lies in Scotland, which lies in the UK
    ("GB-SCT", "GB-EDH", True),
    ("GB-SCT", "GB-SCT", True),
    ("GB-SCT", "GB-ENG", False),
    ("GB-SCT", "GB", False),       # a complaint from somewhere in the UK is not known to be Scottish
    ("ES-CT", "ES-B", True),       # Barcelona province lies in Catalonia
    ("ES-CT", "ES-M", False),
    ("US", "US-CA", True),
])
def test_a_jurisdiction_condition_holds_for_what_lies_in_the_region(named: str, jurisdiction: str,
                                                                    holds: bool) -> None:
    facts = ComplaintFacts(text="", channel=Channel.WEB, language=Language.EN, jurisdiction=jurisdiction)
    reasons = explain_match(condition=Condition(jurisdictions=[named]), facts=facts, lexicon=Lexicon.compile({}))
    assert (reasons == [f"jurisdiction is {jurisdiction}"]) if holds else reasons is None


@pytest.mark.parametrize(("text", "holds"), [
    ("We have a newborn and no heating.", True),
    ("We have a newborn.", False),
    ("We have no heating.", False),
])
def test_mentions_all_needs_a_phrase_from_every_list_and_names_each(text: str, holds: bool) -> None:
    lexicon = Lexicon.compile({"young_child": {Language.EN: ["newborn*"]},
                               "without_essentials": {Language.EN: ["no heating"]}})
    facts = ComplaintFacts(text=text, channel=Channel.WEB, language=Language.EN, jurisdiction="GB",
                           analysis=analyse(text, declared=Language.EN))
    reasons = explain_match(condition=Condition(mentions_all=["young_child", "without_essentials"]), facts=facts,
                            lexicon=lexicon)
    expected = ["text mentions young_child ('newborn*') and without_essentials ('no heating')"]
    assert reasons == expected if holds else reasons is None


@pytest.mark.parametrize(("condition", "reads"), [
    (Condition(mentions_any=["billing"]), True),
    (Condition(mentions_all=["young_child", "without_essentials"]), True),
    (Condition(mentions_none=["sarcasm"]), False),   # only an absence: nothing in the text to stress
    (Condition(channels=[Channel.EMAIL]), False),
])
def test_a_condition_reads_the_text_when_it_asks_for_phrases_found(condition: Condition, reads: bool) -> None:
    assert condition.reads_text() is reads
