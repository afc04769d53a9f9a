import shutil
from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from complaint_contracts import Language, Money
from jinja2 import UndefinedError
from notification.adapters.formatting import format_day, format_money, format_when
from notification.adapters.rendering import PARTS, TEMPLATES_DIR, TemplateRenderer
from notification.domain.catalogue import CATALOGUE, Audience, Template
from notification.domain.facts import record_facts
from notification.domain.planning import plan_messages

from tests.unit.notification.builders import CALENDARS

LOCALES = {Language.EN: "en_GB", Language.RU: "ru_BY", Language.BE: "be"}


@pytest.fixture(scope="module")
def renderer() -> TemplateRenderer:
    return TemplateRenderer()


@pytest.fixture
def contexts(trigger_events, facts, links) -> dict[Template, dict]:
    """Context of every template as planning builds it from a realistic event (the proposal known, so its
    acceptance lists the plan)."""
    facts = record_facts(facts=facts, event=trigger_events["resolution_proposed"])
    planned = [m for e in trigger_events.values()
               for m in plan_messages(event=e, facts=facts, links=links, calendars=CALENDARS)]
    return {m.template: m.context for m in planned}


@pytest.mark.parametrize("language", list(Language))
@pytest.mark.parametrize("template", list(Template))
def test_every_message_renders_in_every_language_without_missing_variables(template, language, renderer, contexts):
    rendered = renderer.render(template=template, language=language, locale=LOCALES[language],
                               time_zone="Europe/Minsk", context=contexts[template])

    assert rendered.subject and "\n" not in rendered.subject
    assert rendered.html.startswith("<!DOCTYPE html>") and f'lang="{language.value}"' in rendered.html
    assert rendered.text.strip()
    assert "{{" not in rendered.text + rendered.html


@pytest.mark.parametrize("template", list(Template))
def test_every_message_has_every_part_in_every_language(template, renderer):
    assert renderer.languages(template) == frozenset(Language)


def test_template_directory_holds_no_message_the_catalogue_does_not_know():
    directories = {p.name for p in TEMPLATES_DIR.iterdir() if p.is_dir() and not p.name.startswith("_")}

    assert directories == {t.value for t in Template}


@pytest.mark.parametrize("part", ["subject.txt", "text.txt", "html"])
def test_a_missing_variable_fails_the_render(part, renderer, contexts):
    context = {k: v for k, v in contexts[Template.INFORMATION_REQUESTED].items() if k != "tracking_number"}

    with pytest.raises(UndefinedError):
        renderer.environment.get_template(f"information_requested/en.{part}").render(
            {**context, "language": "en", "locale": "en", "time_zone": "UTC"})


def test_html_escapes_what_customers_typed_and_text_keeps_it_verbatim(renderer, contexts):
    context = contexts[Template.CASE_NOTE] | {"customer_name": "Tom & <b>Jerry</b>"}

    rendered = renderer.render(template=Template.CASE_NOTE, language=Language.EN, locale="en", time_zone="UTC",
                               context=context)

    assert "Tom &amp; &lt;b&gt;Jerry&lt;/b&gt;" in rendered.html
    assert "Dear Tom & <b>Jerry</b>," in rendered.text


def test_acknowledgement_states_tracking_number_department_deadline_and_status_page(renderer, contexts):
    rendered = renderer.render(template=Template.ACKNOWLEDGEMENT, language=Language.EN, locale="en_GB",
                               time_zone="Europe/London", context=contexts[Template.ACKNOWLEDGEMENT])

    assert "We have received your complaint CMP-7K3Q-9XWA-F" == rendered.subject
    assert "Customer Support department" in rendered.text
    # Published before deadlines carried their terms: no span, and of the convention only the zone is known.
    assert ("apply to us:\n- Final response: by 27 April 2026, 10:30 (Europe/London)\n\nHow we count these deadlines:\n"
            "All dates and times are local time in London (Europe/London).\n\nHow this") in rendered.text
    assert "https://complaints.example.org/track/CMP-7K3Q-9XWA-F" in rendered.text
    assert '<a href="https://complaints.example.org/track/CMP-7K3Q-9XWA-F">' in rendered.html


def test_fca_final_response_names_the_ombudsman_and_the_six_month_limit_in_russian(renderer, contexts):
    rendered = renderer.render(template=Template.FINAL_RESPONSE, language=Language.RU, locale="ru",
                               time_zone="Europe/Minsk", context=contexts[Template.FINAL_RESPONSE])

    assert "Службу финансового омбудсмена" in rendered.text
    assert "https://www.financial-ombudsman.org.uk" in rendered.text
    assert "в течение 6 мес." in rendered.text


def test_proposed_amounts_are_written_for_the_locale(renderer, contexts):
    context = contexts[Template.RESOLUTION_PROPOSED]

    english = renderer.render(template=Template.RESOLUTION_PROPOSED, language=Language.EN, locale="en_GB",
                              time_zone="UTC", context=context)
    belarusian = renderer.render(template=Template.RESOLUTION_PROPOSED, language=Language.BE, locale="be",
                                 time_zone="UTC", context=context)

    assert "\n- Refund: £1,249.90 — Full price of the kettle\n- Apology\n\nWhat will be done" in english.text
    assert "Вяртанне грошай: 1\xa0249,90\xa0£" in belarusian.text


@pytest.mark.parametrize(("locale", "zone", "expected"), [
    ("en_GB", "Europe/London", "2 March 2026, 09:30 (Europe/London)"),
    ("ru", "Europe/Minsk", "2 марта 2026\u202fг., 12:30 (Europe/Minsk)"),
    ("be", "Europe/Minsk", "2 сакавіка 2026\u202fг., 12:30 (Europe/Minsk)"),
])
def test_dates_are_written_in_the_readers_language_and_time_zone(locale, zone, expected):
    assert format_when(datetime(2026, 3, 2, 9, 30, tzinfo=UTC), locale=locale, time_zone=zone) == expected


def test_a_moment_reads_the_same_whatever_its_seconds_and_zone_and_each_reader_gets_their_own():
    moment = datetime(2026, 3, 2, 9, 30, 59, 999999, tzinfo=UTC)
    same_moment_elsewhere = moment.astimezone(ZoneInfo("Asia/Tokyo"))

    assert format_when(moment, locale="en_GB", time_zone="UTC") == "2 March 2026, 09:30 (UTC)"
    assert format_when(same_moment_elsewhere, locale="en_GB", time_zone="UTC") == "2 March 2026, 09:30 (UTC)"
    assert format_when(moment, locale="ru", time_zone="Asia/Tokyo") == "2 марта 2026\u202fг., 18:30 (Asia/Tokyo)"
    assert format_day(moment.replace(hour=23), locale="en_GB", time_zone="Europe/Minsk") == "3 March 2026"


def test_amounts_use_the_locale_separators_and_currency_sign():
    assert format_money(Money(amount=Decimal("1249.90"), currency="BYN"), locale="ru_BY") == "1\xa0249,90\xa0Br"


def test_a_language_whose_files_are_incomplete_is_not_offered(tmp_path):
    shutil.copytree(TEMPLATES_DIR, tmp_path, dirs_exist_ok=True)
    (tmp_path / "case_note" / "be.html").unlink()

    assert TemplateRenderer(tmp_path).languages(Template.CASE_NOTE) == {Language.EN, Language.RU}
    assert len(PARTS) == 3


CUSTOMER_TEMPLATES = [t for t in Template if CATALOGUE[t].audience is Audience.CUSTOMER]
GENERAL_GREETING = {Language.EN: "Dear customer,", Language.RU: "Уважаемый клиент!", Language.BE: "Паважаны кліент!"}
GREETING_BY_NAME = {Language.EN: "Dear Alesia Kuzmich,", Language.RU: "Здравствуйте, Alesia Kuzmich!",
                    Language.BE: "Добры дзень, Alesia Kuzmich!"}


@pytest.mark.parametrize("name", [None, "", "   "])
@pytest.mark.parametrize("language", list(Language))
@pytest.mark.parametrize("template", CUSTOMER_TEMPLATES)
def test_a_customer_without_a_name_is_greeted_politely_in_every_language(template, language, name, renderer,
                                                                         contexts):
    rendered = renderer.render(template=template, language=language, locale=LOCALES[language], time_zone="UTC",
                               context=contexts[template] | {"customer_name": name})

    assert rendered.text.splitlines()[0] == GENERAL_GREETING[language]
    assert f"<p>{GENERAL_GREETING[language]}</p>" in rendered.html
    assert "None" not in rendered.text + rendered.html and ", ," not in rendered.text


@pytest.mark.parametrize("language", list(Language))
@pytest.mark.parametrize("template", CUSTOMER_TEMPLATES)
def test_a_named_customer_is_greeted_by_name_without_stray_spaces(template, language, renderer, contexts):
    rendered = renderer.render(template=template, language=language, locale=LOCALES[language], time_zone="UTC",
                               context=contexts[template] | {"customer_name": "  Alesia Kuzmich "})

    assert rendered.text.splitlines()[0] == GREETING_BY_NAME[language]
    assert f"<p>{GREETING_BY_NAME[language]}</p>" in rendered.html


@pytest.mark.parametrize("template", list(Template))
def test_customer_messages_greet_through_the_salutation_and_staff_messages_do_not(template):
    bodies = [(TEMPLATES_DIR / template.value / f"{lang.value}.{part}").read_text()
              for lang in Language for part in ("text.txt", "html")]

    greeted = ["{% call t.salutation(customer_name) %}" in body for body in bodies]

    assert greeted == [template in CUSTOMER_TEMPLATES] * len(bodies)


def _render(renderer, template, language, context):
    return renderer.render(template=template, language=language, locale=LOCALES[language], time_zone="UTC",
                           context=context)


@pytest.mark.parametrize("language", list(Language))
def test_the_access_code_is_written_in_the_message_with_the_status_link(language, renderer, contexts):
    rendered = _render(renderer, Template.ACCESS_CODE, language, contexts[Template.ACCESS_CODE])

    assert "7Q4K-2M9X-PL3D" in rendered.text and "7Q4K-2M9X-PL3D" in rendered.html
    assert "https://complaints.example.org/track/CMP-7K3Q-9XWA-F" in rendered.text
    assert '<a href="https://complaints.example.org/access-code">' in rendered.html


ASK_FOR_A_CODE = {Language.EN: "Ask for one with your tracking number", Language.RU: "Запросите его, указав номер",
                  Language.BE: "Запытайце яго, пазначыўшы нумар"}


@pytest.mark.parametrize("language", list(Language))
def test_a_customer_without_a_code_is_told_where_to_ask_for_one(language, renderer, contexts):
    without = contexts[Template.ACKNOWLEDGEMENT] | {"access_code": "none"}
    given = contexts[Template.ACKNOWLEDGEMENT] | {"access_code": "given"}

    told = _render(renderer, Template.ACKNOWLEDGEMENT, language, without)
    not_told = _render(renderer, Template.ACKNOWLEDGEMENT, language, given)

    assert ASK_FOR_A_CODE[language] in told.text and "https://complaints.example.org/access-code" in told.text
    assert '<a href="https://complaints.example.org/access-code">' in told.html
    assert "access-code" not in not_told.text and ASK_FOR_A_CODE[language] not in not_told.text


DEADLINE_WORDS = {
    Language.EN: {"acknowledge": "Acknowledgement", "resolve": "Resolution",
                  "summary_resolution_window": "Summary resolution",
                  "final_response_exceptional": "Final response in exceptional cases",
                  "some_new_deadline": "Some new deadline"},
    Language.RU: {"acknowledge": "Подтверждение получения", "resolve": "Решение по жалобе",
                  "summary_resolution_window": "Упрощённое урегулирование",
                  "final_response_exceptional": "Окончательный ответ в исключительных случаях"},
    Language.BE: {"acknowledge": "Пацверджанне атрымання", "resolve": "Рашэнне па скарзе",
                  "summary_resolution_window": "Спрошчанае ўрэгуляванне",
                  "final_response_exceptional": "Канчатковы адказ у выключных выпадках"},
}


@pytest.mark.parametrize("language", list(Language))
def test_deadlines_are_named_in_the_readers_language_and_start_with_a_capital(language, renderer, contexts):
    [due] = contexts[Template.ACKNOWLEDGEMENT]["deadlines"]
    deadlines = [due.model_copy(update={"name": name}) for name in DEADLINE_WORDS[language]]

    rendered = _render(renderer, Template.ACKNOWLEDGEMENT, language,
                       contexts[Template.ACKNOWLEDGEMENT] | {"deadlines": deadlines})

    listed = [line[2:].split(":")[0] for line in rendered.text.splitlines() if line.startswith("- ")]
    assert listed == list(DEADLINE_WORDS[language].values())


@pytest.mark.parametrize("language", list(Language))
def test_the_proposal_and_its_acceptance_list_the_steps_with_their_dates(language, renderer, contexts):
    proposal = _render(renderer, Template.RESOLUTION_PROPOSED, language, contexts[Template.RESOLUTION_PROPOSED])
    accepted = _render(renderer, Template.PROPOSAL_ACCEPTED, language, contexts[Template.PROPOSAL_ACCEPTED])

    for rendered in (proposal, accepted):
        refund = rendered.text.index("Refund the kettle to the card used")
        assert refund < rendered.text.index("Pay the goodwill gesture")
        assert {Language.EN: "14 March 2026", Language.RU: "14 марта 2026", Language.BE: "14 сакавіка 2026"}[
            language] in rendered.text[refund:]
        assert "<li>Refund the kettle to the card used" in rendered.html


def test_a_final_response_that_names_the_ombudsman_itself_gets_no_second_referral(renderer, contexts):
    context = contexts[Template.FINAL_RESPONSE] | {
        "final_response": "We refunded you. You may refer to the Financial Ombudsman Service: "
                          "https://www.financial-ombudsman.org.uk", "referral": None}

    rendered = _render(renderer, Template.FINAL_RESPONSE, Language.EN, context)

    assert rendered.text.count("https://www.financial-ombudsman.org.uk") == 1


def test_a_merge_names_the_tracking_number_the_complaint_continues_under(renderer, contexts):
    rendered = _render(renderer, Template.COMPLAINT_MERGED, Language.RU, contexts[Template.COMPLAINT_MERGED])

    assert "под номером CMP-2B7D-4HXR-K" in rendered.text
    assert '<a href="https://complaints.example.org/track/CMP-2B7D-4HXR-K">' in rendered.html


@pytest.mark.parametrize(("language", "said"), [
    (Language.EN, ["8 weeks from receipt (FCA DISP 1.6.2, calendar GB-ENG, Europe/London)",
                   "2 business days from receipt (priority “high”, calendar GB-ENG, Europe/London)"]),
    (Language.RU, ["8 недель с момента получения (FCA DISP 1.6.2, календарь GB-ENG, Europe/London)",
                   "2 рабочих дня с момента получения (приоритет «высокий»"]),
    (Language.BE, ["8 тыдняў з моманту атрымання (FCA DISP 1.6.2", "2 працоўныя дні з моманту атрымання"]),
])
def test_a_new_assignment_says_each_deadlines_rule_in_the_staff_members_language(language, said, renderer,
                                                                                contexts):
    from complaint_contracts import Clock, Deadline, DeadlineTerms, DeadlineUnit, Priority

    terms = {"calendar": "GB-ENG", "time_zone": "Europe/London"}
    deadlines = [
        Deadline(name="final_response", clock=Clock.REGULATORY, due_at=datetime(2026, 3, 1, tzinfo=UTC),
                 basis="English audit words", terms=DeadlineTerms(amount=8, unit=DeadlineUnit.CALENDAR_WEEKS,
                                                                  source="FCA DISP 1.6.2", **terms)),
        Deadline(name="first_response", clock=Clock.SERVICE, due_at=datetime(2026, 1, 8, tzinfo=UTC),
                 basis="English audit words", terms=DeadlineTerms(amount=2.0, unit=DeadlineUnit.BUSINESS_DAYS,
                                                                  priority=Priority.HIGH, **terms))]
    context = contexts[Template.NEW_ASSIGNMENT] | {"deadlines": deadlines}
    rendered = _render(renderer, Template.NEW_ASSIGNMENT, language, context)
    for part in (rendered.text, rendered.html.replace("&#34;", '"').replace("&ldquo;", "“")):
        assert all(words in part for words in said), part
        assert "English audit words" not in part
    earlier = _render(renderer, Template.NEW_ASSIGNMENT, language, contexts[Template.NEW_ASSIGNMENT])
    assert contexts[Template.NEW_ASSIGNMENT]["deadlines"][0].basis in earlier.text  # published before the terms


RULES = {Language.EN: ("Rule: 8 weeks from receipt (FCA DISP 1.6.2, calendar GB-ENG, Europe/London).",
                       "Rule: 8 weeks from the reopening (FCA DISP 1.6.2,"),
         Language.RU: ("Правило: 8 недель с момента получения (FCA DISP 1.6.2, календарь GB-ENG, Europe/London).",
                       "Правило: 8 недель после повторного открытия (FCA DISP 1.6.2,"),
         Language.BE: ("Правіла: 8 тыдняў з моманту атрымання (FCA DISP 1.6.2, каляндар GB-ENG, Europe/London).",
                       "Правіла: 8 тыдняў пасля паўторнага адкрыцця (FCA DISP 1.6.2,")}


@pytest.mark.parametrize("language", list(Language))
def test_a_deadline_warning_names_the_rule_it_counts_by_in_the_readers_language(language, renderer, contexts):
    context = contexts[Template.DEADLINE_WARNING]
    rule = context["rule"]
    reopened = rule.model_copy(update={"terms": rule.terms.model_copy(
        update={"counted_from": datetime(2026, 5, 4, 9, tzinfo=UTC)})})

    from_receipt = _render(renderer, Template.DEADLINE_WARNING, language, context)
    from_reopening = _render(renderer, Template.DEADLINE_WARNING, language, context | {"rule": reopened})

    assert RULES[language][0] in from_receipt.text and RULES[language][0] in from_receipt.html
    assert RULES[language][1] in from_reopening.text


@pytest.mark.parametrize("language", list(Language))
def test_a_breach_reported_without_its_rule_says_no_rule(language, renderer, contexts):
    rendered = _render(renderer, Template.DEADLINE_BREACHED, language, contexts[Template.DEADLINE_BREACHED])

    assert contexts[Template.DEADLINE_BREACHED]["rule"] is None  # an event of an older resolution
    assert not any(word in rendered.text for word in ("Rule:", "Правило:", "Правіла:"))
