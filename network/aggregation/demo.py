"""Demo news from the network: the TWIN grant projects' news, two supporters, a signatory and a magazine.

The items are the seed newsletter's "Hibe projelerinden haberler" (taken from the programme's TWIN MIS),
its "Medyada" section, and the supporters' part in the programme's visits and workshops. They are read
from feed files in `demo_feeds/` (RSS 0.91, RSS 1.0, RSS 2.0, Atom and JSON Feed) through the same
parser and the same storing code as a real fetch, so `make run` shows what the pipeline makes of them.
The demo sources are paused: their addresses are examples, not feeds to fetch.
"""

from pathlib import Path

from .ingest import store_entries
from .models import FeedSource, NetworkNewsIndexPage, OwnerKind
from .parsing import parse_feed

FEEDS = Path(__file__).resolve().parent / "demo_feeds"

INDEX = {
    "slug": "from-the-network",
    "title": "From the network",
    "intro": (
        "News published by the network's signatories, supporters and programmes on their own sites, and the "
        "network in the media. Each item links to where it was first published."
    ),
}
INDEX_TRANSLATIONS = {
    "tr": {
        "from-the-network": "agdan-haberler",
        "From the network": "Ağdan haberler",
        INDEX["intro"]: (
            "Ağın imzacılarının, destekçilerinin ve programlarının kendi sitelerinde yayımladığı haberler ve "
            "medyada ağ. Her haber ilk yayımlandığı yere bağlanır."
        ),
    },
    "tk": {
        "from-the-network": "torundan-habarlar",
        "From the network": "Toruň habarlary",
        INDEX["intro"]: (
            "Toruň gol çekijileriniň, goldawçylarynyň we maksatnamalarynyň öz saýtlarynda çap eden habarlary we "
            "metbugatda tor. Her habar ilkinji çap edilen ýerine salgylanýar."
        ),
    },
    "ru": {
        "from-the-network": "novosti-seti",
        "From the network": "Новости сети",
        INDEX["intro"]: (
            "Новости, которые подписанты, сторонники и программы сети публикуют на своих сайтах, и сеть в СМИ. "
            "Каждая новость ведёт туда, где она была опубликована."
        ),
    },
}

# (file, source fields, owner: ("signatory"|"supporter"|"programme", slug) or None)
SOURCES = [
    (
        "twin-grant-projects.rss.xml",
        {
            "name": "TWIN MIS: news of the grant projects",
            "url": "https://twin-mis.example.org/haberler/rss/",
            "owner_kind": OwnerKind.PROGRAMME,
            "language": "tr",
            "country": "TR",
            "publish_immediately": True,
        },
        ("programme", "twin"),
    ),
    (
        "union-of-provinces.rdf.xml",
        {
            "name": "Vilayetler Birliği",
            "url": "https://vilayetler.example.org/haberler/rss/",
            "owner_kind": OwnerKind.SUPPORTER,
            "language": "tr",
            "publish_immediately": True,
        },
        ("supporter", "union-of-provinces"),
    ),
    (
        "union-of-municipalities.feed.json",
        {
            "name": "Union of Municipalities of Turkey",
            "url": "https://tbb.example.org/en/news/feed.json",
            "owner_kind": OwnerKind.SUPPORTER,
            "language": "en",
            "publish_immediately": True,
        },
        ("supporter", "union-of-municipalities-of-turkey"),
    ),
    (
        "kusadasi.rss091.xml",
        {
            "name": "Kuşadası Belediyesi",
            "url": "https://kusadasi.example.org/duyurular/rss/",
            "owner_kind": OwnerKind.SIGNATORY,
            "language": "tr",
            "publish_immediately": False,  # its item waits for a moderator in the admin
        },
        ("signatory", "kusadasi"),
    ),
    (
        "ikv-dergisi.atom.xml",
        {
            "name": "İKV Dergisi",
            "url": "https://ikv.example.org/dergi/atom/",
            "owner_kind": OwnerKind.MEDIA,
            "language": "tr",
            "country": "TR",
            "publish_immediately": True,
        },
        None,
    ),
]


def owner(demo, kind, slug):
    from network.supporters.models import SupporterPage
    from network.twinning.models import TwinningProgramme
    from signatories.models import SignatoryPage

    source = demo.locales[demo.source_language]
    model = {"signatory": SignatoryPage, "supporter": SupporterPage, "programme": TwinningProgramme}[kind]
    return model.objects.filter(locale=source, slug=slug).first()


def load(demo):
    home = demo.homes[demo.source_language]
    index = demo.page(home, NetworkNewsIndexPage, INDEX["slug"], title=INDEX["title"], intro=INDEX["intro"])
    for language_code, strings in INDEX_TRANSLATIONS.items():
        demo.translate(index, language_code, strings)

    for filename, fields, owned_by in SOURCES:
        if FeedSource.objects.filter(url=fields["url"]).exists():
            continue
        source = FeedSource(is_active=False, **fields)
        if owned_by is not None:
            setattr(source, owned_by[0], owner(demo, *owned_by))
        source.save()
        feed = parse_feed((FEEDS / filename).read_bytes(), base_url=source.url)
        store_entries(source, feed.entries)
        demo.created.append(f"FeedSource {source.name}")
