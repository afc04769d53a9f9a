from collections.abc import Callable
from typing import Any

import pytest
from complaint_contracts.types import Category, ComplaintKind, Priority, Regime
from routing.domain.assessment import assess, choose_department
from routing.domain.facts import ComplaintFacts
from routing.domain.rule_set import RuleSet

PARCEL = "My parcel was never delivered and the courier does not answer."


@pytest.mark.parametrize(("title", "description", "kind"), [
    ("Address change", "How can I change my postal address?", ComplaintKind.ENQUIRY),
    ("Refund", "How can I get a refund? This is unacceptable.", ComplaintKind.COMPLAINT),
    ("Idea", "Thank you for the quick service. An idea: add a dark mode.", ComplaintKind.ENQUIRY),
    ("Тариф", "Подскажите, как мне сменить тариф?", ComplaintKind.ENQUIRY),
    ("Тарыф", "Падкажыце, ці можна змяніць тарыф?", ComplaintKind.ENQUIRY),
    ("Чайник", "Подскажите, что делать: чайник сломался через неделю", ComplaintKind.COMPLAINT),
    ("Parcel", PARCEL, ComplaintKind.COMPLAINT),
    # A yes/no question needs no question word in Russian or Belarusian: its question mark tells it.
    ("Доставка", "Вы доставляете по субботам?", ComplaintKind.ENQUIRY),
    ("Яйкі", "Яйкі ў вас ад курэй вольнага выгулу?", ComplaintKind.ENQUIRY),
    ("Тостер", "Тостер сломался через неделю. Вы его замените?", ComplaintKind.COMPLAINT),
])
def test_kind_separates_enquiries_from_complaints(rule_set: RuleSet, facts_of: Callable[..., ComplaintFacts],
                                                  title: str, description: str, kind: ComplaintKind) -> None:
    assert assess(facts=facts_of(title=title, description=description), rule_set=rule_set).kind is kind


@pytest.mark.parametrize(("description", "category"), [
    ("The kettle caught fire in my kitchen.", Category.SAFETY),
    ("My child had an allergic reaction to the snack.", Category.SAFETY),
    ("Your shop leaked my personal data to strangers.", Category.PRIVACY),
    ("The cashier was rude and shouted at me.", Category.STAFF_CONDUCT),
    ("The toaster is broken after two days.", Category.PRODUCT_QUALITY),
    ("The supplier sent the wrong spare part again.", Category.PRODUCT_QUALITY),
    (PARCEL, Category.DELIVERY),
    ("I was charged twice for one order.", Category.BILLING),
    ("I waited on hold for an hour and gave up.", Category.SERVICE_QUALITY),
    ("Something about my visit last week.", Category.OTHER),
    ("Посылку так и не привезли, курьер молчит.", Category.DELIVERY),
    ("Пасылку так і не прывезлі.", Category.DELIVERY),
    ("С карты дважды списали деньги.", Category.BILLING),
    ("Сотрудник нахамил мне на кассе.", Category.STAFF_CONDUCT),
    ("Чайнік зламаўся праз тыдзень.", Category.PRODUCT_QUALITY),
])
def test_category_follows_the_words_in_any_language(rule_set: RuleSet, facts_of: Callable[..., ComplaintFacts],
                                                    description: str, category: Category) -> None:
    assert assess(facts=facts_of(description=description), rule_set=rule_set).category is category


@pytest.mark.parametrize(("description", "language", "category", "stressed"), [
    # Delivery comes before billing in the rules' order; the customer stresses the charge.
    pytest.param("The courier was a day late, fine, but you charged me twice for the order.", "en",
                 Category.BILLING, True, id="en"),
    pytest.param("Курьер опоздал на день, ладно, но с карты дважды списали деньги.", "ru", Category.BILLING,
                 True, id="ru"),
    pytest.param("Кур'ер спазніўся на дзень, няхай, але з карткі двойчы спісалі грошы.", "be", Category.BILLING,
                 True, id="be"),
    pytest.param("The cashier was rude, however what matters most is that the kettle leaks.", "en",
                 Category.PRODUCT_QUALITY, True, id="stress-phrase"),
    pytest.param("The driver was rude when he brought the fridge. But what matters is that it does not cool.", "en",
                 Category.PRODUCT_QUALITY, True, id="marker-opens-a-sentence"),
    # Nothing a category names in the stressed words: the whole text decides, in the rules' order.
    pytest.param("The courier left the parcel in the rain, but whatever.", "en", Category.DELIVERY,
                 False, id="nothing-stressed"),
    # "But" turning from words that name no topic sets no second topic against the first.
    pytest.param("I was charged twice for my order. I emailed about it but got no reply.", "en", Category.BILLING,
                 False, id="no-topic-turned-from"),
    # Safety always wins, stressed or not.
    pytest.param("The kettle sparked and burnt my hand, but what matters is that you charged me twice.", "en",
                 Category.SAFETY, False, id="safety-wins"),
])
def test_a_text_with_two_topics_is_filed_under_the_one_its_writer_stresses(
        rule_set: RuleSet, facts_of: Callable[..., ComplaintFacts], description: str, language: str,
        category: Category, stressed: bool) -> None:
    assessment = assess(facts=facts_of(description=description, language=language), rule_set=rule_set)
    assert assessment.category is category
    assert any("what the customer stresses after" in line for line in assessment.trace) is stressed


@pytest.mark.parametrize(("case", "overrides", "priority"), [
    # An ordinary complaint is medium (it used to be low, like an enquiry); each urgency cue is a floor of high on
    # its own (they used to add one step from low and so never reached high).
    ("ordinary late parcel is medium", {}, Priority.MEDIUM),
    ("an enquiry is low", {"description": "How can I change my postal address?"}, Priority.LOW),
    ("vulnerable customer makes it high", {"customer": {"vulnerable": True}}, Priority.HIGH),
    ("described vulnerability makes it high", {"description": PARCEL + " I am a pensioner."}, Priority.HIGH),
    ("age and living alone make it high", {"description": PARCEL + " I'm 84 and live alone."}, Priority.HIGH),
    ("bereavement makes it high", {"description": PARCEL + " My husband passed away in May."}, Priority.HIGH),
    ("legal threat makes it high", {"description": PARCEL + " I will take you to court."}, Priority.HIGH),
    ("legal rights in Russian make it high", {"description": "Посылку не привезли. Я знаю свои права.",
                                               "language": "ru"}, Priority.HIGH),
    ("public social post makes it high", {"channel": "social"}, Priority.HIGH),
    ("cues do not add up beyond high", {"customer": {"vulnerable": True}, "description": PARCEL + " My lawyer knows."},
     Priority.HIGH),
    ("a vulnerable customer's enquiry is one step up", {"customer": {"vulnerable": True},
                                                        "description": "How can I change my postal address?"},
     Priority.MEDIUM),
    ("billing is medium", {"description": "I was charged twice."}, Priority.MEDIUM),
    ("ombudsman mention makes billing high", {"description": "I was charged twice. I will go to the ombudsman."},
     Priority.HIGH),
    ("personal-data breach is high", {"description": "You sent me someone else's bank statement."}, Priority.HIGH),
    ("large amount is severe", {"description": "I was charged twice.",
                                "amount_claimed": {"amount": "1500.00", "currency": "GBP"}}, Priority.HIGH),
    ("amount below the threshold is not", {"description": "I was charged twice.",
                                           "amount_claimed": {"amount": "999.99", "currency": "GBP"}},
     Priority.MEDIUM),
    ("widespread billing problem", {"description": "I was charged twice, like many customers."}, Priority.HIGH),
    ("premium tier alone stays medium", {"description": "I was charged twice.", "customer_tier": "premium"},
     Priority.MEDIUM),
    ("safety is critical", {"description": "The heater caught fire."}, Priority.CRITICAL),
    ("health harm is critical", {"description": "Меня отравили: попал в больницу."}, Priority.CRITICAL),
    ("safety in Belarusian is critical", {"description": "Чайнік загарэўся, у мяне апёк.", "language": "be"},
     Priority.CRITICAL),
    ("inflected Russian hazard is critical", {"description": "Сын обжёгся о корпус, он раскалён.", "language": "ru"},
     Priority.CRITICAL),
    ("a faulty medical device is critical", {"description": "The glucose monitor shows the wrong reading."},
     Priority.CRITICAL),
    ("a medical device that misreads, told by comparison",
     {"description": "The glucose meter said 98 while my wife's meter said 41."}, Priority.CRITICAL),
    ("a car-seat buckle that comes undone, in Russian", {"description": "В автокресле язычок выскакивает из замка.",
                                                         "language": "ru"}, Priority.CRITICAL),
    ("an allergic reaction told by the swelling, in Belarusian",
     {"description": "Праз паўгадзіны ў мяне апухлі вусны і стала цяжка глытаць.", "language": "be"},
     Priority.CRITICAL),
    ("the same in Russian", {"description": "Через полчаса опухли губы, стало трудно глотать.", "language": "ru"},
     Priority.CRITICAL),
    ("a burning question is no fire", {"description": "Burning question: is the bench still in stock?"}, Priority.LOW),
    ("nor a head that explodes, in Russian", {"description": "Сорок минут музыки на линии, у меня уже голова "
                                                             "взрывается.", "language": "ru"}, Priority.MEDIUM),
    ("nor is something choking the broadband", {"description": "Something is choking my broadband every evening."},
     Priority.MEDIUM),
    # "пазоў" is a lawsuit, and also the grooves ("пазы") a cot side slips out of.
    ("a cot side out of its grooves is no lawsuit", {"description": "Бакавая сценка ложачка выскоквае з пазоў.",
                                                     "language": "be"}, Priority.MEDIUM),
    ("a lawsuit is", {"description": "Бакавая сценка зламалася. Падам пазоў у суд.", "language": "be"},
     Priority.HIGH),
    ("negated danger is not critical", {"description": "The kettle is not dangerous, just noisy and broken."},
     Priority.MEDIUM),
    ("negated danger in Russian", {"description": "Чайник не опасный, просто сломался.", "language": "ru"},
     Priority.MEDIUM),
    ("negated danger in Belarusian", {"description": "Чайнік не небяспечны, проста зламаўся.", "language": "be"},
     Priority.MEDIUM),
    ("'size' is not 'died' in Belarusian", {"description": "Памер курткі не адпавядае, прашу абмяняць.",
                                            "language": "be"}, Priority.MEDIUM),
    ("a bereaved customer", {"description": "My husband died in September and you still charge his contract."},
     Priority.HIGH),
    ("a television set is not the press", {"description": "My new TV arrived with a cracked screen."},
     Priority.MEDIUM),
    ("talking to the television is", {"description": "The screen is cracked and I will tell the story on TV."},
     Priority.HIGH),
    ("data left open to anyone is a breach", {"description": "Мае паспартныя даныя апынуліся ў адкрытым доступе.",
                                              "language": "be"}, Priority.HIGH),
    ("the same in Russian", {"description": "Мои паспортные данные оказались в открытом доступе.", "language": "ru"},
     Priority.HIGH),
    ("'quick delivery' is not an ambulance", {"description": "Дзякуй за хуткую дастаўку, але тэлефон зламаны.",
                                              "language": "be"}, Priority.MEDIUM),
    # A baby is a cue together with a home left without heating, hot water, power or water, not on its own.
    ("a baby without heating", {"description": "The engineer missed the visit again. The radiators have been cold "
                                               "since Sunday and we have a four month old baby."}, Priority.HIGH),
    ("a baby's broken bottle warmer is not", {"description": "The baby bottle warmer stopped working after a week."},
     Priority.MEDIUM),
    ("a flat without heating alone is not", {"description": "No heating for three days and nobody answers."},
     Priority.MEDIUM),
    ("an infant without heating in Russian", {"description": "Батареи ледяные десятый день, у нас грудной ребёнок.",
                                              "language": "ru"}, Priority.HIGH),
    ("an infant without hot water in Belarusian", {"description": "Тыдзень няма гарачай вады, а ў нас немаўля.",
                                                   "language": "be"}, Priority.HIGH),
    # Old age told of someone else, in digits: a number, not a word start, so a child of eight is no cue.
    ("a father of 82", {"description": PARCEL + " It was for my dad, he is 82."}, Priority.HIGH),
    ("a son of 8", {"description": PARCEL + " It was a present for my son, he is 8."}, Priority.MEDIUM),
    ("a mother of 84 in Russian", {"description": "Посылку не привезли. Заказывала маме 84 года, она ждала.",
                                   "language": "ru"}, Priority.HIGH),
    ("money owed is not an age", {"description": "Вы должны мне 80 рублей за отменённый заказ.", "language": "ru"},
     Priority.MEDIUM),
    # Poison left within reach is a hazard without a word of harm done (a pest controller's bait).
    ("rat poison left out is critical", {"description": "Your pest controller left rat poison lying loose under the "
                                                        "sofa where my toddler crawls."}, Priority.CRITICAL),
    ("poison bait in Belarusian", {"description": "Гранулы атруты раскідалі пад батарэямі, дзе поўзае малы.",
                                   "language": "be"}, Priority.CRITICAL),
    # Hazards that are two circumstances together: each alone is an ordinary fault.
    ("water through a light fitting", {"description": "Water is dripping through the light fitting in the "
                                                      "bathroom from the flat above."}, Priority.CRITICAL),
    ("the same in Belarusian", {"description": "З суседзяў зверху капае вада праз плафон лямпы.", "language": "be"},
     Priority.CRITICAL),
    ("a leak alone is not", {"description": "Water is dripping from the ceiling in the hall for a week now."},
     Priority.MEDIUM),
    ("a blocked fire exit", {"description": "The fire exit by the food court was blocked with pallets again."},
     Priority.CRITICAL),
    ("a locked emergency exit in Russian", {"description": "Запасной выход в зале был закрыт на замок.",
                                            "language": "ru"}, Priority.CRITICAL),
    ("a mislabelled allergen", {"description": "Your gluten free sticker is wrong, the ingredients list wheat "
                                               "flour. Please take them off the shelf."}, Priority.CRITICAL),
    ("a question about a free-from loaf is no mislabel", {"description": "Is your gluten-free bread baked in the "
                                                                         "same kitchen as the wheat loaves?"},
     Priority.LOW),
    ("a fire sale is a sale", {"description": "The window said FIRE SALE 70% off, the till took only 20% off."},
     Priority.MEDIUM),
    # Others affected, said so; not "in front of everyone", which is where a slight happened.
    ("not just me", {"description": "The app will not unlock a bike at any dock. It's not just me."}, Priority.HIGH),
    ("in front of everyone is not widespread", {"description": "The cashier mocked my accent in front of everyone."},
     Priority.MEDIUM),
    ("across the whole town is a journey", {"description": "Абутак не прывезлі, давялося ехаць праз увесь горад.",
                                            "language": "be"}, Priority.MEDIUM),
    ("a large sum named in the text", {"description": "The £14,000 I sent for our flat's deposit has vanished."},
     Priority.HIGH),
    ("a brake pedal that sinks, in Belarusian", {"description": "Пры тармажэнні машыну цягне ўправа, а педаль "
                                                               "праваліваецца амаль да падлогі.", "language": "be"},
     Priority.CRITICAL),
    ("a seasonal allergy is a condition, not a reaction", {"description": "Небулайзер от сезонной аллергии так и не "
                                                                           "привезли, курьер не приехал.",
                                                            "language": "ru"}, Priority.MEDIUM),
    ("a device that fails can harm its user", {"description": "The nebuliser stopped working after five days."},
     Priority.CRITICAL),
    ("an accessory broken beside a device that works", {"description": "The nebuliser itself works, but the mask "
                                                                         "strap broke after five days."},
     Priority.MEDIUM),
    ("a small sum named in the text", {"description": "The £140 I sent for the repair has vanished."},
     Priority.MEDIUM),
    ("'quick delivery' in Russian is not an ambulance", {"description": "Спасибо за скорую доставку, но телефон "
                                                                        "сломан.", "language": "ru"},
     Priority.MEDIUM),
    ("a patient who ran out of a medicine", {"description": "The chemist never sent Mum's inhaler and she ran out "
                                                            "last night."}, Priority.CRITICAL),
    ("missed doses in Belarusian", {"description": "Рэцэпт не прывезлі, дзед прапусціў прыём інсуліну.",
                                    "language": "be"}, Priority.CRITICAL),
    ("a late prescription alone", {"description": "My prescription came three days late."}, Priority.MEDIUM),
    ("a sum over the text threshold", {"description": "Still no sign of my £1,800 deposit."}, Priority.HIGH),
    ("a sum under it", {"description": "Still no sign of my £900 deposit."}, Priority.MEDIUM),
    ("'no complaints about the repair' is no legal claim", {
        "description": "Да рамонту прэтэнзій няма, але за дыягностыку ўзялі 20 рублёў.", "language": "be"},
     Priority.MEDIUM),
    ("a signature is not a lawsuit", {"description": "The engineer never came. Sue B."}, Priority.MEDIUM),
    ("a whole building without hot water", {"description": "Во всем доме нет горячей воды третий день.",
                                            "language": "ru"}, Priority.HIGH),
    ("a brake pedal gone soft", {"description": "После замены колодок педаль стала мягкой и уходит почти до пола.",
                                 "language": "ru"}, Priority.CRITICAL),
    ("a cartoon fireman is no fire", {"description": "У пазле «Пажарны Сэм» не хапае шасці кавалачкаў.",
                                      "language": "be"}, Priority.MEDIUM),
])
def test_priority_comes_from_the_matrix_and_raising_rules(rule_set: RuleSet, facts_of: Callable[..., ComplaintFacts],
                                                          case: str, overrides: dict[str, Any],
                                                          priority: Priority) -> None:
    assert assess(facts=facts_of(**overrides), rule_set=rule_set).priority is priority, case


@pytest.mark.parametrize(("jurisdiction", "product", "description", "regime"), [
    ("GB", "current-account", "I was charged twice.", Regime.UK_PSD),
    ("GB", "current-account", "The branch manager was rude.", Regime.UK_FCA_DISP),
    ("GB", "mortgage-fixed-5y", "I was charged twice.", Regime.UK_FCA_DISP),
    ("GB", "e-money-wallet", "The branch manager was rude.", Regime.UK_PSD),
    ("DE", "payment-card", "I was charged twice.", Regime.EU_PSD2),
    ("FR", "credit-card-gold", "I was charged twice.", Regime.EU_PSD2),
    ("US", "credit-card-gold", "I was charged twice.", Regime.US_CFPB),
    ("US", "student-loan", "I was charged twice.", Regime.US_CFPB),
    ("US", "insulin-pump-x2", "The pump stopped working overnight.", Regime.US_FDA_MDR),
    ("US", "kettle-2000", "The kettle is broken.", Regime.NONE),
    ("BY", "current-account", "I was charged twice.", Regime.NONE),
    ("GB", None, "I was charged twice.", Regime.NONE),
    ("GB", "current-account", "How can I open a second account?", Regime.NONE),
    # A product's name read as written, hyphens and plurals included.
    ("MT", "Multi-currency e-wallet", "The agent in the chat was rude to me.", Regime.EU_PSD2),
    ("US", "Phonak Audeo hearing aids", "Both of them whistle constantly.", Regime.US_FDA_MDR),
    ("GB", "Workplace pension", "The transfer has taken five months.", Regime.UK_FCA_DISP),
    ("FI", "Debit Mastercard", "The replacement never arrived.", Regime.EU_PSD2),
    # A card that fails at the till is a payment problem on the account.
    ("GB", "Everyday Current Account", "The debit card on my account is declined at every till.", Regime.UK_PSD),
    ("US", None, "My son's glucose sensor read 310 while he was really at 48.", Regime.US_FDA_MDR),
    # "займацца" (to exercise) is no loan ("займ", Russian).
    ("GB", None, "Я займаюся ў вашай зале тры гады, а душ зноў не працуе.", Regime.NONE),
    ("US", "Platinum Rewards Visa", "A collection agency says I owe $1,340 on a card I closed.", Regime.US_CFPB),
    ("US", "Everyday Checking", "You charged me an overdraft fee twice.", Regime.US_CFPB),
    # A brand and model names no sector: the text decides for medical devices, never for payments said in passing.
    ("US", "CardioCheck BP-200", "Ваш тонометр показывает 118/76, у кардиолога 176/102.", Regime.US_FDA_MDR),
    ("GB", "kettle-2000", "I paid with my credit card and you charged it twice for the same kettle.", Regime.NONE),
    ("US", "Vantrel BP7", "You charged me twice for the premium app plan.", Regime.NONE),
    # A firm that is not a bank taking its money: the complaint is against the gym, whatever the payment.
    ("GB", None, "You took my gym membership by direct debit twice after I cancelled.", Regime.NONE),
    ("GB", None, "My bank took the same direct debit twice and charged me a fee.", Regime.UK_PSD),
    ("GB", "Flex Saver", "The bonus interest was not paid.", Regime.UK_FCA_DISP),
    ("US-TX", None, "Your collector called me at work four times in one day.", Regime.US_CFPB),
    ("PL", None, "Ваша плацёжнае прыкладанне двойчы спісала 1 250 злотых.", Regime.EU_PSD2),
    ("ES", None, "You refused the chargeback for a cancelled flight.", Regime.EU_PSD2),
])
def test_regime_follows_jurisdiction_and_product(rule_set: RuleSet, facts_of: Callable[..., ComplaintFacts],
                                                 jurisdiction: str, product: str | None, description: str,
                                                 regime: Regime) -> None:
    facts = facts_of(jurisdiction=jurisdiction, product=product, description=description)
    assert assess(facts=facts, rule_set=rule_set).regime is regime


@pytest.mark.parametrize(("overrides", "department"), [
    ({"description": PARCEL + " My solicitor will hear of this."}, "legal"),
    ({"description": PARCEL + " A person who represents my interests will contact you."}, "legal"),
    ({"product": "current-account", "description": "I was charged twice."}, "compliance"),
    ({"description": "The toaster is broken."}, "quality"),
    ({"description": "The heater caught fire."}, "quality"),
    ({"description": "Thank you! A suggestion: open on Sundays."}, "marketing"),
    ({}, "customer_support"),
    ({"description": "How can I change my postal address?"}, "customer_support"),
])
def test_department_follows_the_assessment(rule_set: RuleSet, facts_of: Callable[..., ComplaintFacts],
                                           overrides: dict[str, Any], department: str) -> None:
    assessment = assess(facts=facts_of(**overrides), rule_set=rule_set)
    assert choose_department(assessment=assessment, rule_set=rule_set)[0] == department


def test_every_fired_rule_is_explained_in_words(rule_set: RuleSet, facts_of: Callable[..., ComplaintFacts]) -> None:
    facts = facts_of(description="I was charged twice. I will go to the ombudsman.", product="current-account")
    trace = assess(facts=facts, rule_set=rule_set).trace
    assert ("regulator-mention: The customer mentions a regulator or ombudsman "
            "(text mentions regulator ('ombudsman')) → flag regulator_mention") in trace
    assert "priority-matrix: severity medium × impact low → medium" in trace
    assert "sector current_accounts: product code current-account" in trace
    assert any(line.startswith("uk-payment-on-account: Payment problems on a UK account") and "sector is "
               "current_accounts" in line and line.endswith("→ regime uk_psd") for line in trace)


def test_an_enquiry_carries_no_regime_and_says_why(rule_set: RuleSet, facts_of: Callable[..., ComplaintFacts]) -> None:
    assessment = assess(facts=facts_of(description="How can I open a second account?", product="current-account"),
                        rule_set=rule_set)
    assert assessment.regime is Regime.NONE
    assert any(line.startswith("regime-enquiry:") for line in assessment.trace)


@pytest.mark.parametrize(("description", "department"), [
    ("Please send my statements by post from now on. Thank you.", "customer_support"),
    ("Прошу перезвонить мне после шести. Спасибо.", "customer_support"),
    ("Прашу перанесці запіс на пятніцу. Дзякуй.", "customer_support"),
    ("The new opening hours suit me much better. Thank you.", "marketing"),      # thanks alone: feedback
])
def test_a_thank_you_closing_a_request_is_courtesy_not_feedback(
        rule_set: RuleSet, facts_of: Callable[..., ComplaintFacts], description: str, department: str) -> None:
    assessment = assess(facts=facts_of(description=description), rule_set=rule_set)
    offered = any(line.startswith("thanks-offered:") for line in assessment.trace)
    assert offered is (department == "marketing")
    assert choose_department(assessment=assessment, rule_set=rule_set)[0] == department


def test_a_payment_to_a_firm_outside_the_sector_is_said_in_the_trace(rule_set: RuleSet,
                                                                     facts_of: Callable[..., ComplaintFacts]) -> None:
    facts = facts_of(description="You took my gym membership by direct debit twice after I cancelled.")
    trace = assess(facts=facts, rule_set=rule_set).trace
    assert ("sector-none: the text names a payments product ('direct ~debit'), but of a firm that is not in that "
            "sector ('gym')") in trace
