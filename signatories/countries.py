"""Country names in the visitor's language.

django-countries translates names into Turkish, Russian and most European languages, but ships
no Turkmen catalogue; the names below fill that gap for the countries of the network's area.
Any other country, or any other language, uses django-countries.
"""

import functools

from django.utils import translation
from django.utils.translation import get_language
from django_countries import countries

from .text import fold

EXTRA_NAMES = {
    "tk": {
        "AF": "Owganystan",
        "AL": "Albaniýa",
        "AM": "Ermenistan",
        "AT": "Awstriýa",
        "AZ": "Azerbaýjan",
        "BA": "Bosniýa we Gersegowina",
        "BE": "Belgiýa",
        "BG": "Bolgariýa",
        "BY": "Belarus",
        "CH": "Şweýsariýa",
        "CN": "Hytaý",
        "CY": "Kipr",
        "CZ": "Çehiýa",
        "DE": "Germaniýa",
        "DK": "Daniýa",
        "EE": "Estoniýa",
        "ES": "Ispaniýa",
        "FI": "Finlýandiýa",
        "FR": "Fransiýa",
        "GB": "Beýik Britaniýa",
        "GE": "Gruziýa",
        "GR": "Gresiýa",
        "HR": "Horwatiýa",
        "HU": "Wengriýa",
        "IE": "Irlandiýa",
        "IR": "Eýran",
        "IS": "Islandiýa",
        "IT": "Italiýa",
        "KG": "Gyrgyzystan",
        "KZ": "Gazagystan",
        "LT": "Litwa",
        "LU": "Lýuksemburg",
        "LV": "Latwiýa",
        "MD": "Moldowa",
        "ME": "Çernogoriýa",
        "MK": "Demirgazyk Makedoniýa",
        "MN": "Mongoliýa",
        "MT": "Malta",
        "NL": "Niderlandlar",
        "NO": "Norwegiýa",
        "PL": "Polşa",
        "PT": "Portugaliýa",
        "RO": "Rumyniýa",
        "RS": "Serbiýa",
        "RU": "Russiýa",
        "SE": "Şwesiýa",
        "SI": "Sloweniýa",
        "SK": "Slowakiýa",
        "TJ": "Täjigistan",
        "TM": "Türkmenistan",
        "TR": "Türkiýe",
        "UA": "Ukraina",
        "UZ": "Özbegistan",
        "XK": "Kosowo",
    },
}


def country_name(code):
    """The name of the country `code` (ISO 3166-1 alpha-2) in the active language."""
    code = str(code or "").upper()
    if not code:
        return ""
    return _country_name(get_language(), code)


@functools.lru_cache(maxsize=4096)
def _country_name(language, code):
    # Remembered: a directory page names a country on each of its cards, and django-countries
    # translates its list of names to find one.
    extra = EXTRA_NAMES.get((language or "").split("-")[0], {})
    with translation.override(language):
        return extra.get(code) or str(countries.name(code)) or code


def country_choices(codes):
    """[(code, name)] for `codes`, sorted by the name in the active language."""
    choices = [(str(code), country_name(code)) for code in set(codes) if code]
    return sorted(choices, key=lambda choice: fold(choice[1]))


def is_country_code(code):
    """True for an ISO 3166-1 alpha-2 code that django-countries knows (e.g. "TR", not "TUR")."""
    code = str(code or "")
    return len(code) == 2 and countries.alpha2(code) == code
