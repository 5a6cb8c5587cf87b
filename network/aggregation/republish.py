"""An item from the network, republished as a draft community news page to translate and publish like any news.

The draft carries the item's text, date and attribution, with the original link, and links to the
owner's profile, so the news page shows "In the news" on it. It is created under the news index
of the item's language (the site's default language when that locale has none) and stays a draft:
an editor reads, edits and publishes it through the usual workflow.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override
from wagtail.models import Locale
from wagtail.rich_text import RichText

from network.news.models import NewsIndexPage, NewsPage, NewsPageRelatedSignatory, NewsPageRelatedSupporter, NewsType

from .models import OwnerKind


class CannotRepublish(Exception):
    pass


def news_index_for(language_code):
    """The news index of the language's locale, else of the default locale, else None."""
    indexes = NewsIndexPage.objects.filter(alias_of__isnull=True).select_related("locale")
    for candidate in (language_code, Locale.get_default().language_code):
        index = indexes.filter(locale__language_code=candidate).first()
        if index is not None:
            return index
    return None


def unique_slug(parent, title):
    base = slugify(title, allow_unicode=True)[:70] or "news"
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def attribution(item):
    """The paragraph that says where the text comes from, in the item's language."""
    with override(item.language):
        if not item.link:
            return format_html("<p>{}</p>", _("First published by %(source)s.") % {"source": item.source.name})
        return format_html(
            '<p>{} <a href="{}">{}</a></p>',
            _("First published by %(source)s on its own site:") % {"source": item.source.name},
            item.link,
            item.link,
        )


@transaction.atomic
def republish_as_news(item, user):
    """A new draft NewsPage made from `item`; the item remembers it. Raises CannotRepublish."""
    if item.republished_as_id:
        raise CannotRepublish(_("This item was republished already."))
    index = news_index_for(item.language)
    if index is None:
        raise CannotRepublish(_("There is no news section to republish it in."))
    text = item.content or format_html("<p>{}</p>", item.summary)
    body = [("paragraph", RichText(text + attribution(item)))]
    page = NewsPage(
        title=item.title[:255],
        slug=unique_slug(index, item.title),
        date=timezone.localdate(item.published_at),
        news_type=NewsType.COMMUNITY,
        intro=item.summary or item.title,
        body=body,
        live=False,
        owner=user,
    )
    source = item.source
    if source.owner_kind == OwnerKind.SIGNATORY and source.signatory_id:
        page.related_signatories.add(NewsPageRelatedSignatory(signatory_id=source.signatory_id))
    elif source.owner_kind == OwnerKind.SUPPORTER and source.supporter_id:
        page.related_supporters.add(NewsPageRelatedSupporter(supporter_id=source.supporter_id))
    index.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    item.republished_as = page
    item.save(update_fields=["republished_as"])
    return page
