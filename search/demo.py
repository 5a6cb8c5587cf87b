"""Demo search promotions: what an editor would pin for the commonest queries, in each language.

Run by `manage.py load_demo` after every locale has its tree (finish), so each promotion points
at the page of its own locale. Idempotent: promotions are found by query and page.
"""

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

# source slug under the home page: {language: (query, description)}
PROMOTIONS = {
    "about": {
        "en": ("covenant", "What the Covenant of Mayors is, and who takes part."),
        "tr": ("sözleşme", "Başkanlar Sözleşmesi nedir, kimler katılıyor?"),
        "tk": ("ylalaşyk", "Häkimleriň ylalaşygy näme we oňa kimler gatnaşýar."),
        "ru": ("соглашение", "Что такое Соглашение мэров и кто в нём участвует."),
    },
    "becoming-a-supporter": {
        "en": ("supporter", "How an organisation becomes a supporter of the network."),
        "tr": ("destekçi", "Bir kurum ağın destekçisi nasıl olur?"),
    },
    "rss-help": {
        "en": ("rss", "Follow the news and the agenda in a feed reader or calendar."),
        "tr": ("rss", "Haberleri ve etkinlikleri bir akış okuyucusunda veya takvimde izleyin."),
    },
}


def load(demo):
    """Nothing before the trees are synchronised; see finish()."""


def finish(demo):
    home = demo.homes.get(demo.source_language)
    if home is None:
        return
    for slug, by_language in PROMOTIONS.items():
        source = home.get_children().filter(slug=slug).first()
        if source is None:
            continue  # that section is not part of this demo
        for language, (query_string, description) in by_language.items():
            locale = demo.locales.get(language)
            target = source.get_translation_or_none(locale) if locale else None
            if target is None:
                continue
            _promotion, created = SearchPromotion.objects.get_or_create(
                query=Query.get(query_string), page=target, defaults={"description": description, "sort_order": 0}
            )
            if created:
                demo.created.append(f"search promotion {query_string!r} ({language})")
