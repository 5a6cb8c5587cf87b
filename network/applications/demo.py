"""Demo of the supporters' journey: the expression-of-interest form, a pending application, and a supporter account.

- The form page sits under the supporters index, in every language, linking to the privacy
  notice, and a small agreement form document.
- Marmara Belediyeler Birliği has just applied (status received), in Turkish.
- The Union of Provinces went the whole way: its application is approved and its profile is owned
  by the demo supporter account below, which may only edit that profile (changes go to review).
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Page

from network.supporters.choices import ServiceCategory, SupporterKind
from network.supporters.models import SupporterIndexPage, SupporterPage
from network.supporters.owners import grant_owner_rights

from .models import Application, ApplicationEvent, ApplicationStatus, ExpressionOfInterestPage

#: The documented demo login of a supporter (printed in the README).
SUPPORTER_USERNAME = "supporter@vilayetler.example"
SUPPORTER_PASSWORD = "supporter-demo-1985"  # noqa: S105 - a demo login, documented

FORM = {
    "slug": "expression-of-interest",
    "title": "Become a supporter: expression of interest",
    "introduction": (
        "Networks and associations of local authorities, regions, provinces and energy agencies can become "
        "supporters. Tell us about your organisation: we check its eligibility, send you the agreement form and, "
        "once it is signed, create your online profile."
    ),
    "thank_you_title": "Thank you",
    "thank_you_text": (
        "We have received your expression of interest and sent you an acknowledgement by email. The network's "
        "office will check your eligibility and write to you."
    ),
}
FORM_TRANSLATIONS = {
    "tr": {
        "expression-of-interest": "ilgi-beyani",
        "Become a supporter: expression of interest": "Destekçi olun: ilgi beyanı",
        FORM["introduction"]: (
            "Yerel yönetim ağları ve birlikleri, bölgeler, iller ve enerji ajansları destekçi olabilir. Bize "
            "kuruluşunuzu anlatın: uygunluğunu kontrol eder, size sözleşme formunu gönderir ve imzalandıktan sonra "
            "çevrimiçi profilinizi oluştururuz."
        ),
        "Thank you": "Teşekkürler",
        FORM["thank_you_text"]: (
            "İlgi beyanınızı aldık ve size e-posta ile bir alındı bildirimi gönderdik. Ağın ofisi uygunluğunuzu "
            "kontrol edip size yazacaktır."
        ),
    },
    "tk": {
        "expression-of-interest": "gyzyklanma-maglumatnamasy",
        "Become a supporter: expression of interest": "Goldaýjy boluň: gyzyklanma maglumatnamasy",
        FORM["introduction"]: (
            "Ýerli häkimiýetleriň arabaglanyşyklary we birleşmeleri, sebitler, welaýatlar we energiýa agentlikleri "
            "goldaýjy bolup bilerler. Guramaňyz barada gürrüň beriň: goşulyp biljekdigini barlarys, size ylalaşyk "
            "maglumatnamasyny ibereris we gol çekilenden soň onlaýn profiliňizi dörederis."
        ),
        "Thank you": "Sag boluň",
        FORM["thank_you_text"]: (
            "Gyzyklanma maglumatnamaňyzy aldyk we size e-poçta arkaly tassyklama iberdik. Arabaglanyşygyň merkezi "
            "goşulyp biljekdigiňizi barlap, size ýazar."
        ),
    },
    "ru": {
        "expression-of-interest": "zayavka",
        "Become a supporter: expression of interest": "Стать сторонником: заявка о заинтересованности",
        FORM["introduction"]: (
            "Сторонниками могут стать сети и ассоциации местных властей, регионы, провинции и энергетические "
            "агентства. Расскажите о своей организации: мы проверим её соответствие, пришлём форму соглашения и "
            "после его подписания создадим ваш онлайн-профиль."
        ),
        "Thank you": "Спасибо",
        FORM["thank_you_text"]: (
            "Мы получили вашу заявку и отправили подтверждение по электронной почте. Офис сети проверит "
            "соответствие и напишет вам."
        ),
    },
}

AGREEMENT_TEXT = """Covenant supporter agreement form

Organisation:
Represented by:

The organisation commits to:
- promote the Covenant and support the members that sign it;
- make public that it has adopted the Covenant as an important part of its policy;
- facilitate the sharing of experience between signatories and candidate cities;
- act as intermediary between its members, the Covenant office and the national or regional press;
- identify synergies with relevant activities and initiatives at national or regional level;
- give periodic feedback on its members that joined the Covenant and on the services it offers.

Date, name and signature:
"""

PENDING = {
    "email": "dis.iliskiler@marmara.example",
    "organisation": "Marmara Belediyeler Birliği",
    "kind": SupporterKind.REGIONAL_NETWORK,
    "country": "TR",
    "website": "https://www.marmara.gov.tr",
    "contact_name": "Elif Demir",
    "position": "Dış ilişkiler uzmanı",
    "phone": "+90 212 000 00 00",
    "member_authorities": 190,
    "motivation": (
        "Birliğimiz Marmara Bölgesi’ndeki belediyeleri bir araya getiriyor. Üyelerimizin iklim ve enerji "
        "hedeflerine ulaşmalarına, eylem planlarını hazırlamalarına ve Avrupalı ortaklarla deneyim paylaşmalarına "
        "destek olmak istiyoruz."
    ),
    "planned_services": [
        ServiceCategory.TRAINING,
        ServiceCategory.TECHNICAL_SUPPORT,
        ServiceCategory.EXPERIENCE_SHARING,
    ],
    "planned_services_details": "Sürdürülebilir enerji eylem planları üzerine eğitimler ve teknik destek.",
    "language": "tr",
}

APPROVED = {
    "email": SUPPORTER_USERNAME,
    "organisation": "Vilayetler Birliği",
    "kind": SupporterKind.NATIONAL_ASSOCIATION,
    "country": "TR",
    "website": "https://www.vilayetlerbirligi.gov.tr",
    "contact_name": "Demo Supporter",
    "position": "Dış ilişkiler",
    "member_authorities": 51,
    "motivation": "Üyelerimizin şehir eşleştirme ve iklim çalışmalarını desteklemek.",
    "planned_services": [ServiceCategory.TRAINING, ServiceCategory.EXPERIENCE_SHARING, ServiceCategory.ADVOCACY],
    "language": "en",
}


def load(demo):
    index = SupporterIndexPage.objects.filter(locale=demo.locales[demo.source_language]).first()
    privacy = demo.homes[demo.source_language].get_children().filter(slug="privacy").first()
    form = demo.page(
        index,
        ExpressionOfInterestPage,
        FORM["slug"],
        privacy_page=privacy,
        agreement_form=demo.document("Supporter agreement form", AGREEMENT_TEXT),
        **{key: value for key, value in FORM.items() if key != "slug"},
    )
    for language_code, strings in FORM_TRANSLATIONS.items():
        demo.translate(form, language_code, strings)

    pending = _application(demo, form, PENDING, [ApplicationStatus.RECEIVED])
    if pending.events.count() == 0:
        ApplicationEvent.objects.create(application=pending, from_status="", to_status=ApplicationStatus.RECEIVED)

    _supporter_account(demo, form)


def _application(demo, form, data, statuses):
    existing = Application.objects.filter(email=data["email"]).first()
    if existing is not None:
        return existing
    application = Application.objects.create(
        form_page=form, consented_at=timezone.now() - datetime.timedelta(days=2), status=statuses[-1], **data
    )
    demo.created.append(f"Application {application}")
    return application


def _supporter_account(demo, form):
    """The Union of Provinces, approved step by step by the admin, and its owner's account."""
    profile = SupporterPage.objects.filter(slug="union-of-provinces", locale=demo.locales[demo.source_language]).first()
    if profile is None:
        return
    User = get_user_model()
    user = User.objects.filter(username=SUPPORTER_USERNAME).first()
    if user is None:
        user = User(username=SUPPORTER_USERNAME, email=SUPPORTER_USERNAME, first_name="Demo", last_name="Supporter")
        user.set_password(SUPPORTER_PASSWORD)
        user.save()
        demo.created.append(f"User {SUPPORTER_USERNAME}")
    grant_owner_rights(Page.objects.get(pk=profile.pk).specific, user)

    application = Application.objects.filter(email=SUPPORTER_USERNAME).first()
    if application is None:
        application = _application(demo, form, APPROVED, [ApplicationStatus.APPROVED])
        application.supporter_page = profile
        application.user = user
        application.save(update_fields=["supporter_page", "user"])
        steps = [
            ("", ApplicationStatus.RECEIVED, None, ""),
            (ApplicationStatus.RECEIVED, ApplicationStatus.ELIGIBLE, demo.user, "National association of provinces."),
            (ApplicationStatus.ELIGIBLE, ApplicationStatus.AGREEMENT_SIGNED, demo.user, "Signed agreement received."),
            (ApplicationStatus.AGREEMENT_SIGNED, ApplicationStatus.APPROVED, demo.user, ""),
        ]
        for from_status, to_status, user_who, note in steps:
            ApplicationEvent.objects.create(
                application=application, from_status=from_status, to_status=to_status, user=user_who, note=note
            )
