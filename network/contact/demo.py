"""Demo of the contact page: under each home page, with four topics relayed to the office's addresses."""

from .models import ContactPage, ContactTopic

PAGE = {
    "title": "Contact",
    "introduction": (
        "Write to the network's office about joining, your action plan, twinning or the press. Choose a topic: your "
        "message goes straight to the colleagues in charge, and we answer within a week."
    ),
    "thank_you_title": "Thank you for your message",
    "thank_you_text": (
        "We have received your message and sent you an acknowledgement by email. The colleagues in charge of the "
        "topic will answer you within a week."
    ),
}
TOPICS = [
    ("Joining the Covenant", "membership@network.example"),
    ("Action plans and monitoring", "plans@network.example"),
    ("Twinning and the partner finder", "twin@network.example"),
    ("Press and communication", "press@network.example"),
]
TRANSLATIONS = {
    "tr": {
        "contact": "iletisim",
        "Contact": "İletişim",
        PAGE["introduction"]: (
            "Katılım, eylem planınız, eşleştirme veya basınla ilgili olarak ağ ofisine yazın. Bir konu seçin: "
            "mesajınız doğrudan ilgili çalışanlara ulaşır ve bir hafta içinde yanıt veririz."
        ),
        "Thank you for your message": "Mesajınız için teşekkürler",
        PAGE["thank_you_text"]: (
            "Mesajınızı aldık ve size e-posta ile bir alındı bildirimi gönderdik. Konudan sorumlu çalışanlar bir "
            "hafta içinde size yanıt verecektir."
        ),
        "Joining the Covenant": "Sözleşmeye katılım",
        "Action plans and monitoring": "Eylem planları ve izleme",
        "Twinning and the partner finder": "Eşleştirme ve ortak bulucu",
        "Press and communication": "Basın ve iletişim",
    },
    "tk": {
        "contact": "habarlasmak",
        "Contact": "Habarlaşmak",
        PAGE["introduction"]: (
            "Goşulmak, hereket meýilnamaňyz, doganlaşmak ýa-da metbugat barada arabaglanyşygyň merkezine ýazyň. "
            "Mowzuk saýlaň: hatyňyz gönüden-göni jogapkär işgärlere barar, biz bir hepdäniň dowamynda jogap bereris."
        ),
        "Thank you for your message": "Hatyňyz üçin sag boluň",
        PAGE["thank_you_text"]: (
            "Hatyňyzy aldyk we size e-poçta arkaly tassyklama iberdik. Mowzuk üçin jogapkär işgärler size bir "
            "hepdäniň dowamynda jogap bererler."
        ),
        "Joining the Covenant": "Ylalaşyga goşulmak",
        "Action plans and monitoring": "Hereket meýilnamalary we gözegçilik",
        "Twinning and the partner finder": "Doganlaşmak we hyzmatdaş gözleýji",
        "Press and communication": "Metbugat we aragatnaşyk",
    },
    "ru": {
        "contact": "kontakty",
        "Contact": "Контакты",
        PAGE["introduction"]: (
            "Напишите в офис сети о присоединении, вашем плане действий, побратимстве или для прессы. Выберите тему: "
            "сообщение попадёт прямо к ответственным сотрудникам, и мы ответим в течение недели."
        ),
        "Thank you for your message": "Спасибо за сообщение",
        PAGE["thank_you_text"]: (
            "Мы получили ваше сообщение и отправили вам подтверждение по электронной почте. Сотрудники, отвечающие "
            "за эту тему, ответят вам в течение недели."
        ),
        "Joining the Covenant": "Присоединение к Соглашению",
        "Action plans and monitoring": "Планы действий и мониторинг",
        "Twinning and the partner finder": "Побратимство и поиск партнёров",
        "Press and communication": "Пресса и коммуникации",
    },
}


def load(demo):
    home = demo.homes[demo.source_language]
    topics = [ContactTopic(name=name, email=email, locale=home.locale) for name, email in TOPICS]
    page = demo.page(home, ContactPage, "contact", topics=topics, **PAGE)
    for language_code, strings in TRANSLATIONS.items():
        demo.translate(page, language_code, strings)
