"""News: the index of a locale, news items, and their categories."""

import datetime

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model, get_image_model_string
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core import cache as content_cache
from core.blocks import BodyBlock
from core.chosen import ChosenObjectsPageForm
from core.feeds import ATOM, RSS, FeedLink
from core.models import BasePage
from core.translatable import synchronised, translated

LISTING_IMAGE = "fill-480x270|format-webp"


class NewsType(models.TextChoices):
    NEWS = "news", _("News article")
    COMMUNITY = "community", _("Community news")
    CITY_STORY = "city_story", _("City story")
    FUNDING_CALL = "funding_call", _("Funding call")


@register_snippet
class NewsCategory(TranslatableMixin, models.Model):
    """A theme of the news, named in every language; its slug is the same in all of them."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=True,
        help_text=_("Used in addresses of the news filters and feeds; the same in every language."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    translatable_fields = [TranslatableField("name"), SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["locale", "slug"], name="news_category_unique_slug_per_locale")]

    def __str__(self):
        return self.name

    @classmethod
    def for_locale(cls, locale):
        """{translation_key: category} of a locale; categories not translated yet appear in the source language.

        Kept in the shared cache until content changes (core.cache); callers must not modify it.
        """

        def build():
            by_key = {}
            wanted = models.Q(locale_id=locale.pk) | models.Q(locale__language_code=settings.LANGUAGE_CODE)
            for category in cls.objects.filter(wanted):
                if category.translation_key not in by_key or category.locale_id == locale.pk:
                    by_key[category.translation_key] = category
            return by_key

        return content_cache.cached(None, "news-categories", build, locale.pk)

    @classmethod
    def find(cls, locale, slug, categories=None):
        """The category with this slug as the locale sees it (its translation, else the source), or None."""
        if not slug:
            return None
        categories = cls.for_locale(locale) if categories is None else categories
        return next((c for c in categories.values() if c.slug == slug), None)


class NewsIndexPage(BasePage):
    """The news of one locale: newest first, filtered by type, category and year."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    translatable_fields = [*BasePage.translatable_fields, *translated("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    per_page = 10

    class Meta:
        verbose_name = _("news index page")

    def news_items(self):
        """The live, public news of this index, newest first, cheap to list."""
        return (
            NewsPage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .select_related("locale", "alias_of__locale")
            .prefetch_related(
                "categories",
                Prefetch("lead_image", queryset=get_image_model().objects.prefetch_renditions(LISTING_IMAGE)),
            )
            .order_by("-date", "-pk")
        )

    def feed_links(self, category=None, news_type=None):
        """The feeds a visitor of this index may want, for `<link rel="alternate">`."""
        with translation.override(self.locale.language_code):
            links = [
                FeedLink(_("News (RSS)"), reverse("news_rss"), RSS),
                FeedLink(_("News (Atom)"), reverse("news_atom"), ATOM),
            ]
            if category is not None:
                links += [
                    FeedLink(category.name + " (RSS)", reverse("news_category_rss", args=[category.slug]), RSS),
                    FeedLink(category.name + " (Atom)", reverse("news_category_atom", args=[category.slug]), ATOM),
                ]
            if news_type:
                label = str(NewsType(news_type).label)
                links += [
                    FeedLink(label + " (RSS)", reverse("news_type_rss", args=[news_type]), RSS),
                    FeedLink(label + " (Atom)", reverse("news_type_atom", args=[news_type]), ATOM),
                ]
        return links

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = self.news_items()
        categories = NewsCategory.for_locale(self.locale)

        news_type = request.GET.get("type", "")
        if news_type not in NewsType.values:
            news_type = ""
        if news_type:
            items = items.filter(news_type=news_type)

        category = NewsCategory.find(self.locale, request.GET.get("category", ""), categories)
        if category is not None:
            items = items.filter(pk__in=NewsPage.pages_in_category(category))

        # Facets and counts change only when content does: kept in the shared cache (core.cache).
        scope = (self.pk, news_type, category.pk if category else "")
        years = content_cache.cached(
            None, "news-years", lambda: [day.year for day in items.dates("date", "year", order="DESC")], *scope
        )
        # Matched as text: a query string is never parsed as a number (think "²" or a million digits).
        year = {str(known): known for known in years}.get(request.GET.get("year", ""))
        if year:
            items = items.filter(date__year=year)

        count = content_cache.cached_count(items, "news-count", *scope, year or "")
        paginator = content_cache.CountedPaginator(items, self.per_page, count=count)
        try:
            page = paginator.page(request.GET.get("page", 1))
        except (EmptyPage, PageNotAnInteger) as error:
            raise Http404(str(error)) from error

        for item in page.object_list:
            item.localized_categories = [categories.get(c.translation_key, c) for c in item.categories.all()]

        context.update(
            news=page,
            paginator=paginator,
            categories=sorted(categories.values(), key=lambda c: c.name.casefold()),
            news_types=NewsType.choices,
            years=years,
            selected={"type": news_type, "category": category.slug if category else "", "year": year},
            is_filtered=bool(news_type or category or year),
            feed_discovery=self.feed_links(category=category, news_type=news_type),
        )
        return context


class NewsPageForm(ChosenObjectsPageForm):
    """Offers the categories of the page's own language only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "categories" in self.fields:
            locale_id = self.instance.locale_id or (self.parent_page.locale_id if self.parent_page else None)
            if locale_id:
                self.fields["categories"].queryset = NewsCategory.objects.filter(locale_id=locale_id)


class NewsPage(BasePage):
    """A news item: article, community news, city story or funding call."""

    date = models.DateField(_("publication date"), default=timezone.localdate)
    news_type = models.CharField(_("type"), max_length=20, choices=NewsType.choices, default=NewsType.NEWS)
    categories = ParentalManyToManyField(
        NewsCategory, blank=True, related_name="news_pages", verbose_name=_("categories")
    )
    intro = models.TextField(_("introduction"), help_text=_("The lead paragraph, shown in listings and feeds."))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    lead_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_alt = models.CharField(
        _("lead image alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describe the image for people who cannot see it; leave empty if it is decorative."),
    )
    funding_entity = models.CharField(
        _("entity in charge"), max_length=200, blank=True, help_text=_("Funding calls: who runs the call.")
    )
    application_deadline = models.DateField(
        _("application deadline"), null=True, blank=True, help_text=_("Funding calls: last day to apply.")
    )

    base_form_class = NewsPageForm
    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("date"),
                FieldPanel("news_type"),
                FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Publication"),
        ),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("lead_image"), FieldPanel("lead_image_alt")], heading=_("Lead image")),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("funding_entity"), FieldPanel("application_deadline")], heading=_("Funding call")),
        MultiFieldPanel(
            [
                InlinePanel("related_events", label=_("Related events")),
                InlinePanel("related_signatories", label=_("Related signatories")),
                InlinePanel("related_supporters", label=_("Related supporters")),
            ],
            heading=_("Related events, signatories and supporters"),
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("news_type"),
    ]
    # Facts are synchronised from the source (dates, type, image, categories, links); text is translated.
    translatable_fields = [
        *BasePage.translatable_fields,
        *translated("intro", "body", "lead_image_alt", "funding_entity"),
        *synchronised(
            "date",
            "news_type",
            "lead_image",
            "application_deadline",
            "related_events",
            "related_signatories",
            "related_supporters",
            "categories",
        ),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news page")
        indexes = [models.Index(fields=["date"], name="news_page_date")]

    def clean(self):
        super().clean()
        if self.news_type == NewsType.FUNDING_CALL:
            errors = {}
            if not self.funding_entity:
                errors["funding_entity"] = _("A funding call needs the entity in charge.")
            if not self.application_deadline:
                errors["application_deadline"] = _("A funding call needs an application deadline.")
            if errors:
                raise ValidationError(errors)

    @staticmethod
    def pages_in_category(category):
        """Ids of news pages filed under `category` in any language (facts are synchronised)."""
        through = NewsPage.categories.through
        return through.objects.filter(newscategory__translation_key=category.translation_key).values("newspage_id")

    @property
    def is_funding_call(self):
        return self.news_type == NewsType.FUNDING_CALL

    @property
    def deadline_passed(self):
        return bool(self.application_deadline and self.application_deadline < timezone.localdate())

    @cached_property
    def published_at(self):
        """The publication date as an aware datetime (midnight in the site's time zone)."""
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time()))

    # What a news item links to: {relation: (field of the link, "app_label.Model" of the page)}.
    LINKS = {
        "related_events": ("event", "agenda.EventPage"),
        "related_signatories": ("signatory", "signatories.SignatoryPage"),
        "related_supporters": ("supporter", "supporters.SupporterPage"),
    }

    def link_keys(self):
        """{relation: [translation keys of the linked pages, in order]}.

        A page read from the database answers in one query for every relation; a preview has its
        links in memory (modelcluster), which answer without a query.
        """
        links = {relation: getattr(self, relation).all() for relation in self.LINKS}
        if not all(isinstance(queryset, models.QuerySet) for queryset in links.values()):
            return {
                relation: list(links[relation].values_list(f"{field}__translation_key", flat=True))
                for relation, (field, _model) in self.LINKS.items()
            }
        parts = [
            queryset.order_by()
            .annotate(relation=models.Value(relation, output_field=models.CharField()))
            .values_list("relation", "sort_order", "pk", f"{self.LINKS[relation][0]}__translation_key")
            for relation, queryset in links.items()
        ]
        rows = sorted(parts[0].union(*parts[1:], all=True), key=lambda row: (row[1] is None, row[1] or 0, row[2]))
        keys = {relation: [] for relation in self.LINKS}
        for relation, _order, _pk, key in rows:
            keys[relation].append(key)
        return keys

    def localized_links(self):
        """{relation: the linked pages as this locale shows them (translation or alias), live, in order}.

        Links point at the pages of the source language; each is shown in the visitor's language.
        """
        found = {}
        for relation, keys in self.link_keys().items():
            pages = {}
            if keys:
                model = apps.get_model(self.LINKS[relation][1])
                pages = {
                    page.translation_key: page
                    for page in model.objects.live()
                    .public()
                    .filter(translation_key__in=keys, locale_id=self.locale_id)
                    .defer_streamfields()
                    .select_related("alias_of__locale")
                }
            found[relation] = [pages[key] for key in keys if key in pages]
        return found

    def pages_showing_it(self):
        """The events, signatories and supporters it links to, in its language: each lists it "In the news"."""
        return [page for pages in self.localized_links().values() for page in pages]

    @staticmethod
    def mentioning(page, relation, limit=5):
        """The newest news of `page`'s locale that link to `page` (in any language) through `relation`."""
        return list(
            NewsPage.objects.live()
            .public()
            .filter(locale_id=page.locale_id, **{f"{relation}__translation_key": page.translation_key})
            .defer_streamfields()
            .select_related("alias_of__locale")
            .distinct()
            .order_by("-date", "-pk")[:limit]
        )

    def structured_data(self, request):
        """schema.org NewsArticle, for search engines."""
        url = self.get_full_url(request)
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title[:110],
            "description": self.intro,
            "datePublished": self.date.isoformat(),
            "inLanguage": self.content_locale.language_code,
            "url": url,
            "mainEntityOfPage": url,
            "publisher": {"@type": "Organization", "name": settings.WAGTAIL_SITE_NAME},
        }
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.isoformat()
        if self.lead_image:
            rendition = self.lead_image.get_rendition("fill-1200x675|format-jpeg")
            data["image"] = [request.build_absolute_uri(rendition.url)]
        return data

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        categories = NewsCategory.for_locale(self.locale)
        links = self.localized_links()
        # The parent's own fields are not shown: its title and address come with the route.
        index_page = self.get_parent().specific_deferred
        index_page.locale = self.locale  # the same tree, so the same locale
        context.update(
            news_index=index_page,
            categories=[categories.get(c.translation_key, c) for c in self.categories.all()],
            events=links["related_events"],
            signatories=links["related_signatories"],
            supporters=links["related_supporters"],
            structured_data=self.structured_data(request),
            feed_discovery=index_page.feed_links() if isinstance(index_page, NewsIndexPage) else [],
        )
        return context


class NewsPageRelatedEvent(Orderable):
    """An event of the agenda that a news item is about."""

    page = ParentalKey(NewsPage, related_name="related_events", on_delete=models.CASCADE)
    event = models.ForeignKey(
        "agenda.EventPage", verbose_name=_("event"), related_name="news_links", on_delete=models.CASCADE
    )

    panels = [FieldPanel("event")]

    class Meta(Orderable.Meta):
        verbose_name = _("related event")
        verbose_name_plural = _("related events")


class NewsPageRelatedSignatory(Orderable):
    """A signatory that a news item is about."""

    page = ParentalKey(NewsPage, related_name="related_signatories", on_delete=models.CASCADE)
    signatory = models.ForeignKey(
        "signatories.SignatoryPage", verbose_name=_("signatory"), related_name="news_links", on_delete=models.CASCADE
    )

    panels = [FieldPanel("signatory")]

    class Meta(Orderable.Meta):
        verbose_name = _("related signatory")
        verbose_name_plural = _("related signatories")


class NewsPageRelatedSupporter(Orderable):
    """A supporter that a news item is about."""

    page = ParentalKey(NewsPage, related_name="related_supporters", on_delete=models.CASCADE)
    supporter = models.ForeignKey(
        "supporters.SupporterPage", verbose_name=_("supporter"), related_name="news_links", on_delete=models.CASCADE
    )

    panels = [FieldPanel("supporter")]

    class Meta(Orderable.Meta):
        verbose_name = _("related supporter")
        verbose_name_plural = _("related supporters")
