"""Realistic complaint content from a seed: English, Russian and Belarusian, across categories and remedies."""

import random
from typing import Any

from faker import Faker

# (category hint, desired remedy, {language: (title, description)}) — the words routing's rules react to.
SCENARIOS: list[tuple[str, str | None, dict[str, tuple[str, str]]]] = [
    ("billing", "refund", {
        "en": ("Refund not received", "I returned the order three weeks ago and the refund has still not arrived."),
        "ru": ("Не вернули деньги", "Я вернула заказ три недели назад, но деньги так и не вернулись на карту."),
        "be": ("Не вярнулі грошы", "Я вярнула замову тры тыдні таму, але грошы дагэтуль не вярнуліся на картку."),
    }),
    ("delivery", "apology", {
        "en": ("Parcel lost", "The courier marked my parcel as delivered but nothing arrived. Tracking is useless."),
        "ru": ("Посылка потерялась", "Курьер отметил посылку как доставленную, но я ничего не получил."),
        "be": ("Пасылка згубілася", "Кур'ер адзначыў пасылку як дастаўленую, але я нічога не атрымаў."),
    }),
    ("product_quality", "replacement", {
        "en": ("Kettle broke after a week", "The kettle stopped working after one week; the switch is defective."),
        "ru": ("Чайник сломался через неделю", "Чайник перестал работать через неделю, неисправен выключатель."),
        "be": ("Чайнік зламаўся праз тыдзень", "Чайнік перастаў працаваць праз тыдзень, выключальнік няспраўны."),
    }),
    ("staff_conduct", "apology", {
        "en": ("Rude staff at the branch", "The employee at the desk was rude and refused to help me."),
        "ru": ("Грубый сотрудник", "Сотрудник в отделении был груб и отказался мне помочь."),
        "be": ("Грубы супрацоўнік", "Супрацоўнік у аддзяленні быў грубы і адмовіўся мне дапамагчы."),
    }),
    ("service_quality", "discount", {
        "en": ("Internet down for days", "My broadband has been down for four days and nobody called back."),
        "ru": ("Нет интернета несколько дней", "Интернет не работает четыре дня, и никто не перезвонил."),
        "be": ("Няма інтэрнэту некалькі дзён", "Інтэрнэт не працуе чатыры дні, і ніхто не перазваніў."),
    }),
    ("privacy", None, {
        "en": ("My data was shared", "I received a letter addressed to another customer with their account details."),
        "ru": ("Мои данные передали", "Мне пришло письмо с данными счёта другого клиента."),
        "be": ("Мае даныя перадалі", "Мне прыйшоў ліст з данымі рахунку іншага кліента."),
    }),
    ("safety", "refund", {
        "en": ("Charger overheated and burned me", "The charger overheated and caused a burn on my hand."),
        "ru": ("Зарядка перегрелась и обожгла", "Зарядное устройство перегрелось, у меня ожог руки."),
        "be": ("Зарадка перагрэлася і апякла", "Зарадная прылада перагрэлася, у мяне апёк рукі."),
    }),
]
PRODUCTS = ["online-shop", "current-account", "broadband-basic", "credit-card", "home-insurance"]
JURISDICTIONS = {"en": ["GB", "GB", "US", "IE"], "ru": ["BY", "RU"], "be": ["BY"]}
LANGUAGE_WEIGHTS = {"en": 5, "ru": 3, "be": 2}
CHANNELS = ["web", "email", "phone", "chat", "branch"]


class ContentGenerator:
    """Deterministic for a seed: the same seed files the same complaints."""

    def __init__(self, seed: int) -> None:
        self._random = random.Random(seed)
        self._faker = {"en": Faker("en_GB"), "ru": Faker("ru_RU"), "be": Faker("ru_RU")}
        for i, fake in enumerate(self._faker.values()):
            fake.seed_instance(seed + i)

    def details(self) -> dict[str, Any]:
        """One complaint's details, shaped like the contracts' ComplaintDetails (and intake's filing body)."""
        r = self._random
        language = r.choices(list(LANGUAGE_WEIGHTS), weights=list(LANGUAGE_WEIGHTS.values()))[0]
        category, remedy, texts = r.choice(SCENARIOS)
        title, description = texts[language]
        fake = self._faker[language]
        details: dict[str, Any] = {
            "channel": r.choice(CHANNELS),
            "language": language,
            "jurisdiction": r.choice(JURISDICTIONS[language]),
            "customer": {"name": fake.name(), "email": f"customer{r.randrange(10**9)}@example.org",
                         "preferred_channel": "email", "vulnerable": r.random() < 0.03},
            "title": title,
            "description": f"{description} (ref {r.randrange(10**6):06d})",
            "product": r.choice(PRODUCTS),
        }
        if remedy is not None:
            details["desired_remedy"] = remedy
        if remedy == "refund":
            details["amount_claimed"] = {"amount": f"{r.randrange(5, 500)}.{r.randrange(100):02d}",
                                         "currency": "BYN" if details["jurisdiction"] == "BY" else "GBP"}
        return details
