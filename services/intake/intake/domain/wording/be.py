"""Беларускія тэксты."""

from complaint_contracts import Outcome

from ..actions import CustomerAction
from ..progress import Stage, Status
from ..timeline import Milestone
from .model import Wording

WORDING = Wording(
    statuses={
        Status.NOT_FOUND: "Мы пакуль не можам знайсці гэтую скаргу.",
        Status.RECEIVED: "Мы атрымалі вашу скаргу.",
        Status.ACKNOWLEDGED: "Мы атрымалі вашу скаргу і пацвердзілі гэта вам.",
        Status.IN_PROGRESS: "Вашу скаргу разглядаюць.",
        Status.WAITING_FOR_CUSTOMER: "Мы чакаем ад вас звестак.",
        Status.DECISION_NEEDED: "Мы прапанавалі рашэнне і чакаем вашага адказу.",
        Status.RESOLUTION_ACCEPTED: "Вы прынялі нашу прапанову; мы яе выконваем.",
        Status.RESOLVED: "Мы даслалі вам канчатковы адказ.",
        Status.CLOSED: "Ваша скарга закрытая.",
        Status.WITHDRAWN: "Вы адклікалі скаргу.",
    },
    next_steps={
        Status.NOT_FOUND: "Праверце нумар скаргі і паспрабуйце зноў праз некалькі хвілін.",
        Status.RECEIVED: "Мы пацвердзім атрыманне і паведамім тэрміны, якія дзейнічаюць для вашай скаргі.",
        Status.ACKNOWLEDGED: "Мы ацэньваем, наколькі тэрміновая ваша скарга і хто мусіць ёю заняцца.",
        Status.IN_PROGRESS: "Адказная каманда высвятляе, што адбылося. Калі нам нешта спатрэбіцца, мы звяжамся "
                            "з вамі; вы можаце напісаць нам у любы час.",
        Status.WAITING_FOR_CUSTOMER: "Калі ласка, адкажыце на наша пытанне ніжэй. Без адказу мы можам не рушыць далей.",
        Status.DECISION_NEEDED: "Калі ласка, прыміце або адхіліце прапанаванае рашэнне ніжэй. Калі адхіляеце, "
                                "напішыце чаму; вы таксама можаце папрасіць перадаць скаргу на ўзровень вышэй.",
        Status.RESOLUTION_ACCEPTED: "Мы паведамім вам, калі рашэнне будзе выканана.",
        Status.RESOLVED: "Калі канчатковы адказ вас не задавальняе, вы можаце папрасіць перадаць скаргу на "
                         "ўзровень вышэй або звярнуцца да амбудсмена. Раскажыце, як мы разгледзелі вашу скаргу.",
        Status.CLOSED: "Ад вас больш нічога не патрабуецца. Раскажыце, як мы разгледзелі вашу скаргу.",
        Status.WITHDRAWN: "Больш нічога не адбудзецца. Вы можаце падаць новую скаргу ў любы час.",
    },
    stages={
        Stage.RECEIPT: ("Прыём", "Мы рэгіструем скаргу пад унікальным нумарам."),
        Stage.ACKNOWLEDGEMENT: ("Пацвярджэнне", "Мы адразу пацвярджаем атрыманне і паведамляем тэрміны."),
        Stage.ASSESSMENT: ("Першасная ацэнка", "Мы ацэньваем сур'ёзнасць і тэрміновасць і вырашаем, хто зоймецца "
                                               "скаргай."),
        Stage.INVESTIGATION: ("Разгляд", "Адказная каманда высвятляе, што адбылося; "
                                         "мы можам папрасіць у вас дадатковыя звесткі."),
        Stage.RESPONSE: ("Адказ", "Мы прапануем рашэнне, вы вырашаеце, і мы даём канчатковы адказ."),
        Stage.CLOSING: ("Закрыццё", "Мы закрываем скаргу. Калі вы не задаволеныя, можна папрасіць перадаць яе на "
                                    "ўзровень вышэй або звярнуцца ў незалежны орган, напрыклад да амбудсмена."),
    },
    milestones={
        Milestone.RECEIVED: "Скарга атрыманая",
        Milestone.ACKNOWLEDGED: "Атрыманне пацверджана",
        Milestone.ASSIGNED: "Перададзена камандзе",
        Milestone.REASSIGNED: "Перададзена іншай камандзе",
        Milestone.CASE_OPENED: "Справа адкрыта: скарга ацэньваецца",
        Milestone.INVESTIGATION_STARTED: "Разгляд пачаты",
        Milestone.INFORMATION_REQUESTED: "Мы папрасілі ў вас звесткі",
        Milestone.CUSTOMER_REPLIED: "Вы даслалі нам паведамленне",
        Milestone.RESOLUTION_PROPOSED: "Прапанавана рашэнне",
        Milestone.RESOLUTION_ACCEPTED: "Вы прынялі прапанову",
        Milestone.RESOLUTION_REJECTED: "Вы адхілілі прапанову",
        Milestone.RESOLUTION_CARRIED_OUT: "Рашэнне выканана",
        Milestone.REDRESS_PAID: "Вам пералічана выплата",
        Milestone.RESOLVED: "Дасланы канчатковы адказ",
        Milestone.CLOSED: "Скарга закрытая",
        Milestone.REOPENED: "Скарга адкрытая зноў",
        Milestone.ESCALATION_REQUESTED: "Вы папрасілі перадаць скаргу на ўзровень вышэй",
        Milestone.ESCALATED: "Перададзена старэйшай камандзе",
        Milestone.WITHDRAWN: "Вы адклікалі скаргу",
        Milestone.FEEDBACK_GIVEN: "Вы пакінулі водгук — дзякуй",
        Milestone.NOTE_ADDED: "Паведамленне ад нас",
        Milestone.NOTIFICATION_SENT: "Мы даслалі вам паведамленне",
        Milestone.REOPENING_REQUESTED: "Вы папрасілі адкрыць скаргу зноў",
        Milestone.MERGED: "Аб'яднана з іншай вашай скаргай",
        Milestone.PLAN_STEP_COMPLETED: "Абяцаны крок выкананы",
        Milestone.INVESTIGATION_RESUMED: "Мы працягнулі працу над скаргай; нашы тэрміны зрушыліся на час чакання",
        Milestone.DEADLINES_CHANGED: "Нашы тэрміны па вашай скарзе змяніліся",
    },
    actions={
        CustomerAction.REPLY: "Напісаць нам або адказаць на пытанне",
        CustomerAction.DECIDE: "Прыняць або адхіліць прапанаванае рашэнне",
        CustomerAction.GIVE_FEEDBACK: "Ацаніць, як мы разгледзелі скаргу",
        CustomerAction.WITHDRAW: "Адклікаць скаргу",
        CustomerAction.ASK_ESCALATION: "Папрасіць перадаць скаргу на ўзровень вышэй",
        CustomerAction.ASK_REOPENING: "Папрасіць адкрыць скаргу зноў",
    },
    outcomes={
        Outcome.UPHELD: "Мы прызнаём вашу скаргу абгрунтаванай.",
        Outcome.PARTIALLY_UPHELD: "Мы прызнаём вашу скаргу абгрунтаванай часткова.",
        Outcome.NOT_UPHELD: "Мы не прызнаём вашу скаргу абгрунтаванай.",
    },
    deadlines={
        "acknowledge": "Пацвярджэнне атрымання",
        "resolve": "Рашэнне",
        "summary_resolution_window": "Хуткае рашэнне (за 3 працоўныя дні)",
        "final_response_exceptional": "Канчатковы адказ (у выключных выпадках)",
        "company_response": "Наш адказ",
        "mdr_five_day_report": "Тэрміновае паведамленне рэгулятару",
        "mdr_report": "Паведамленне рэгулятару",
        "acknowledgement": "Пацвярджэнне атрымання",
        "first_response": "Першы адказ",
        "final_response": "Канчатковы адказ",
        "holding_response": "Паведамленне, калі нам спатрэбіцца больш часу",
        "your_reply": "Чакаем вашага адказу да",
        "your_decision": "Чакаем вашага рашэння да",
    },
    departments={
        "customer_support": "Служба падтрымкі кліентаў",
        "quality": "Аддзел якасці",
        "legal": "Юрыдычны аддзел",
        "marketing": "Аддзел працы з водгукамі",
    },
    erasure={
        "request": "Па вашай просьбе мы выдалілі вашы персанальныя даныя ў гэтай скарзе: вашы кантактныя даныя, ваша "
                   "апісанне і паведамленні, а таксама дасланыя вамі файлы. Звесткі пра тое, як мы разглядаем "
                   "скаргу, захоўваюцца.",
        "retention": "Тэрмін захоўвання персанальных даных мінуў, таму мы выдалілі вашы даныя ў гэтай скарзе: вашы "
                     "кантактныя даныя, ваша апісанне і паведамленні, а таксама дасланыя вамі файлы. Звесткі пра "
                     "тое, як мы разгледзелі скаргу, захоўваюцца.",
    },
    after_erasure="Мы больш не можам прымаць паведамленні, файлы і просьбы па гэтай скарзе і пісаць вам пра яе. Каб "
                  "зноў звярнуцца па гэтым пытанні, падайце новую скаргу.",
)
