"""Русские тексты."""

from complaint_contracts import Outcome

from ..actions import CustomerAction
from ..progress import Stage, Status
from ..timeline import Milestone
from .model import Wording

WORDING = Wording(
    statuses={
        Status.NOT_FOUND: "Мы пока не можем найти эту жалобу.",
        Status.RECEIVED: "Мы получили вашу жалобу.",
        Status.ACKNOWLEDGED: "Мы получили вашу жалобу и подтвердили это вам.",
        Status.IN_PROGRESS: "Ваша жалоба рассматривается.",
        Status.WAITING_FOR_CUSTOMER: "Мы ждём от вас информацию.",
        Status.DECISION_NEEDED: "Мы предложили решение и ждём вашего ответа.",
        Status.RESOLUTION_ACCEPTED: "Вы приняли наше предложение; мы его выполняем.",
        Status.RESOLVED: "Мы отправили вам окончательный ответ.",
        Status.CLOSED: "Ваша жалоба закрыта.",
        Status.WITHDRAWN: "Вы отозвали жалобу.",
    },
    next_steps={
        Status.NOT_FOUND: "Проверьте номер жалобы и попробуйте ещё раз через несколько минут.",
        Status.RECEIVED: "Мы подтвердим получение и сообщим сроки, которые действуют для вашей жалобы.",
        Status.ACKNOWLEDGED: "Мы оцениваем, насколько срочна ваша жалоба и кто должен ею заняться.",
        Status.IN_PROGRESS: "Ответственная команда разбирается в ситуации. Если нам что-то понадобится, "
                            "мы свяжемся с вами; вы можете написать нам в любое время.",
        Status.WAITING_FOR_CUSTOMER: "Пожалуйста, ответьте на наш вопрос ниже. Без ответа мы можем не продвинуться.",
        Status.DECISION_NEEDED: "Пожалуйста, примите или отклоните предложенное решение ниже. Если отклоняете, "
                                "напишите почему; вы также можете попросить передать жалобу на уровень выше.",
        Status.RESOLUTION_ACCEPTED: "Мы сообщим вам, когда решение будет выполнено.",
        Status.RESOLVED: "Если окончательный ответ вас не устраивает, вы можете попросить передать жалобу на "
                         "уровень выше или обратиться к омбудсмену. Расскажите, как мы рассмотрели вашу жалобу.",
        Status.CLOSED: "От вас больше ничего не требуется. Расскажите, как мы рассмотрели вашу жалобу.",
        Status.WITHDRAWN: "Больше ничего не произойдёт. Вы можете подать новую жалобу в любое время.",
    },
    stages={
        Stage.RECEIPT: ("Приём", "Мы регистрируем жалобу под уникальным номером."),
        Stage.ACKNOWLEDGEMENT: ("Подтверждение", "Мы сразу подтверждаем получение и сообщаем сроки."),
        Stage.ASSESSMENT: ("Первичная оценка", "Мы оцениваем серьёзность и срочность и решаем, кто займётся жалобой."),
        Stage.INVESTIGATION: ("Рассмотрение", "Ответственная команда выясняет, что произошло; "
                                              "мы можем попросить у вас дополнительные сведения."),
        Stage.RESPONSE: ("Ответ", "Мы предлагаем решение, вы решаете, и мы даём окончательный ответ."),
        Stage.CLOSING: ("Закрытие", "Мы закрываем жалобу. Если вы не удовлетворены, можно попросить передать её "
                                    "на уровень выше или обратиться в независимый орган, например к омбудсмену."),
    },
    milestones={
        Milestone.RECEIVED: "Жалоба получена",
        Milestone.ACKNOWLEDGED: "Получение подтверждено",
        Milestone.ASSIGNED: "Передана команде",
        Milestone.REASSIGNED: "Передана другой команде",
        Milestone.CASE_OPENED: "Дело открыто: жалоба оценивается",
        Milestone.INVESTIGATION_STARTED: "Рассмотрение начато",
        Milestone.INFORMATION_REQUESTED: "Мы запросили у вас информацию",
        Milestone.CUSTOMER_REPLIED: "Вы отправили нам сообщение",
        Milestone.RESOLUTION_PROPOSED: "Предложено решение",
        Milestone.RESOLUTION_ACCEPTED: "Вы приняли предложение",
        Milestone.RESOLUTION_REJECTED: "Вы отклонили предложение",
        Milestone.RESOLUTION_CARRIED_OUT: "Решение выполнено",
        Milestone.REDRESS_PAID: "Вам перечислена выплата",
        Milestone.RESOLVED: "Отправлен окончательный ответ",
        Milestone.CLOSED: "Жалоба закрыта",
        Milestone.REOPENED: "Жалоба открыта повторно",
        Milestone.ESCALATION_REQUESTED: "Вы попросили передать жалобу на уровень выше",
        Milestone.ESCALATED: "Передана старшей команде",
        Milestone.WITHDRAWN: "Вы отозвали жалобу",
        Milestone.FEEDBACK_GIVEN: "Вы оставили отзыв — спасибо",
        Milestone.NOTE_ADDED: "Сообщение от нас",
        Milestone.NOTIFICATION_SENT: "Мы отправили вам сообщение",
        Milestone.REOPENING_REQUESTED: "Вы попросили открыть жалобу повторно",
        Milestone.MERGED: "Объединена с другой вашей жалобой",
        Milestone.PLAN_STEP_COMPLETED: "Обещанный шаг выполнен",
        Milestone.INVESTIGATION_RESUMED: "Мы продолжили работу над жалобой; наши сроки сдвинулись на время ожидания",
        Milestone.DEADLINES_CHANGED: "Наши сроки по вашей жалобе изменились",
    },
    actions={
        CustomerAction.REPLY: "Написать нам или ответить на вопрос",
        CustomerAction.DECIDE: "Принять или отклонить предложенное решение",
        CustomerAction.GIVE_FEEDBACK: "Оценить, как мы рассмотрели жалобу",
        CustomerAction.WITHDRAW: "Отозвать жалобу",
        CustomerAction.ASK_ESCALATION: "Попросить передать жалобу на уровень выше",
        CustomerAction.ASK_REOPENING: "Попросить открыть жалобу повторно",
    },
    outcomes={
        Outcome.UPHELD: "Мы признаём вашу жалобу обоснованной.",
        Outcome.PARTIALLY_UPHELD: "Мы признаём вашу жалобу обоснованной частично.",
        Outcome.NOT_UPHELD: "Мы не признаём вашу жалобу обоснованной.",
    },
    deadlines={
        "acknowledge": "Подтверждение получения",
        "resolve": "Решение",
        "summary_resolution_window": "Быстрое решение (за 3 рабочих дня)",
        "final_response_exceptional": "Окончательный ответ (в исключительных случаях)",
        "company_response": "Наш ответ",
        "mdr_five_day_report": "Срочное сообщение регулятору",
        "mdr_report": "Сообщение регулятору",
        "acknowledgement": "Подтверждение получения",
        "first_response": "Первый ответ",
        "final_response": "Окончательный ответ",
        "holding_response": "Сообщение, если нам понадобится больше времени",
        "your_reply": "Ждём вашего ответа до",
        "your_decision": "Ждём вашего решения до",
    },
    departments={
        "customer_support": "Служба поддержки клиентов",
        "quality": "Отдел качества",
        "legal": "Юридический отдел",
        "marketing": "Отдел работы с отзывами",
    },
    erasure={
        "request": "По вашей просьбе мы удалили ваши персональные данные в этой жалобе: ваши контактные данные, ваше "
                   "описание и сообщения, а также присланные вами файлы. Сведения о том, как мы рассматриваем "
                   "жалобу, сохраняются.",
        "retention": "Срок хранения персональных данных истёк, поэтому мы удалили ваши данные в этой жалобе: ваши "
                     "контактные данные, ваше описание и сообщения, а также присланные вами файлы. Сведения о том, "
                     "как мы рассмотрели жалобу, сохраняются.",
    },
    after_erasure="Мы больше не можем принимать сообщения, файлы и просьбы по этой жалобе и писать вам о ней. Чтобы "
                  "снова обратиться по этому вопросу, подайте новую жалобу.",
)
