"""Fixed vocabularies of the partner finder: statuses, population bands, working languages.

The themes themselves are a translatable snippet (models.PartnershipTheme) that staff may
extend, shared by requests and twinning projects; the tables here say how an authority without
a request still gets a profile: the themes of its past twinning projects (with the narrower
themes of the broad ones) and of its commitments, and the official languages of its country.
"""

from django.db import models
from django.utils.translation import get_language_info, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from signatories.text import fold


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    OPEN = "open", _("Open")
    MATCHED = "matched", _("Matched")
    CLOSED = "closed", _("Closed")
    REJECTED = "rejected", _("Rejected")


#: Statuses a request may be shown in publicly (a closed or rejected one is gone).
PUBLIC_STATUSES = (RequestStatus.OPEN, RequestStatus.MATCHED)


class Programme:
    """A request's programme of interest is a TwinningProgramme slug, or this value."""

    OTHER = "other"


class PopulationBand(models.TextChoices):
    TOWN = "lt10k", pgettext_lazy("population band", "Under 10,000")
    SMALL = "10k-50k", pgettext_lazy("population band", "10,000 to 50,000")
    MEDIUM = "50k-250k", pgettext_lazy("population band", "50,000 to 250,000")
    LARGE = "250k-1m", pgettext_lazy("population band", "250,000 to 1 million")
    METROPOLIS = "gt1m", pgettext_lazy("population band", "Over 1 million")


#: (lowest population included, lowest population excluded) of each band.
POPULATION_BOUNDS = {
    PopulationBand.TOWN: (0, 10_000),
    PopulationBand.SMALL: (10_000, 50_000),
    PopulationBand.MEDIUM: (50_000, 250_000),
    PopulationBand.LARGE: (250_000, 1_000_000),
    PopulationBand.METROPOLIS: (1_000_000, None),
}

#: The languages a team may say it works in: those of the network's area and its partners.
WORKING_LANGUAGES = [
    "en", "tr", "ru", "uk", "tk", "az", "kk", "ky", "uz", "tg", "ka", "hy", "ro", "bg", "el", "sq", "mk", "sr",
    "hr", "bs", "sl", "hu", "pl", "cs", "sk", "lt", "lv", "et", "fi", "sv", "da", "nb", "de", "nl", "fr", "it",
    "es", "pt", "ar", "fa",
]  # fmt: skip


def language_name(code):
    """The name of a language in the active language ("Turkish", "Türkçe" in a Turkish page...)."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def working_language_choices():
    """[(code, name)] sorted by the name in the active language."""
    return sorted(((code, language_name(code)) for code in WORKING_LANGUAGES), key=lambda item: fold(item[1]))


#: Official languages of the countries of the network's area, for authorities that have not
#: said which languages they work in (signatories without a request).
COUNTRY_LANGUAGES = {
    "AL": ["sq"], "AM": ["hy"], "AT": ["de"], "AZ": ["az"], "BA": ["bs", "hr", "sr"], "BE": ["nl", "fr", "de"],
    "BG": ["bg"], "BY": ["be", "ru"], "CH": ["de", "fr", "it"], "CY": ["el", "tr"], "CZ": ["cs"], "DE": ["de"],
    "DK": ["da"], "EE": ["et"], "ES": ["es"], "FI": ["fi", "sv"], "FR": ["fr"], "GB": ["en"], "GE": ["ka"],
    "GR": ["el"], "HR": ["hr"], "HU": ["hu"], "IE": ["en"], "IT": ["it"], "KG": ["ky", "ru"], "KZ": ["kk", "ru"],
    "LT": ["lt"], "LU": ["fr", "de"], "LV": ["lv"], "MD": ["ro"], "ME": ["sr"], "MK": ["mk"], "MT": ["en"],
    "NL": ["nl"], "NO": ["nb"], "PL": ["pl"], "PT": ["pt"], "RO": ["ro"], "RS": ["sr"], "RU": ["ru"], "SE": ["sv"],
    "SI": ["sl"], "SK": ["sk"], "TJ": ["tg"], "TM": ["tk"], "TR": ["tr"], "UA": ["uk"], "UZ": ["uz"], "XK": ["sq"],
}  # fmt: skip

#: Broad themes of twinning projects, and the narrower themes of the taxonomy an authority that
#: worked on one of them can also offer.
BROAD_THEMES = {
    "climate-energy": ["climate-mitigation", "energy"],
    "environment": ["nature", "waste"],
}

#: A signatory's commitments (boolean fields of SignatoryPage) as slugs of the taxonomy.
COMMITMENT_THEMES = {
    "commitment_2020": ["climate-mitigation"],
    "commitment_2030": ["climate-mitigation"],
    "commitment_2050": ["climate-mitigation"],
    "commitment_adaptation": ["adaptation"],
    "commitment_energy_poverty": ["energy"],
}

#: The taxonomy as the demo and a new site start with it: (slug, English name, Turkish name).
DEFAULT_THEMES = [
    ("climate-mitigation", "Climate mitigation", "İklim değişikliğinin azaltımı"),
    ("adaptation", "Adaptation and disaster resilience", "Uyum ve afet dayanıklılığı"),
    ("energy", "Sustainable energy", "Sürdürülebilir enerji"),
    ("mobility", "Green transport and mobility", "Yeşil ulaşım ve hareketlilik"),
    ("waste", "Waste and recycling", "Atık ve geri dönüşüm"),
    ("water", "Water management", "Su yönetimi"),
    ("nature", "Nature-based solutions", "Doğa temelli çözümler"),
    ("tourism", "Sustainable tourism", "Sürdürülebilir turizm"),
    ("culture", "Culture", "Kültür"),
    ("youth-employment", "Youth and employment", "Gençlik ve istihdam"),
    ("migration", "Migration", "Göç"),
    ("smart-city", "Smart city", "Akıllı şehir"),
    ("rural-development", "Rural development", "Kırsal kalkınma"),
    ("participation", "Democratic participation", "Demokratik katılım"),
    ("climate-energy", "Climate and energy", "İklim ve enerji"),
    ("environment", "Environment", "Çevre"),
]
