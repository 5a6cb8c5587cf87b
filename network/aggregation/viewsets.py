"""News from the network in the Wagtail admin: the sources, their fetches, and the moderation of items.

- Items: listed with their source and status, filtered by status, source, kind of owner and
  language; published or hidden one by one or in bulk; republished as a draft news page.
- Sources: the feeds followed, with the last fetch's outcome, and "Fetch now"; each source's page
  shows its last fetches.
- Fetches: every fetch of every source, read-only.

They are snippets (snippets have bulk actions) without choosers: nothing on the site chooses them,
and a chooser would list pending items and sources to everyone with access to the admin.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.admin_columns import LocalTimeInspectView
from core.bulk_actions import PermittedObjectsOnly
from core.permissions import ModeratedRecordsPolicy

from . import purging, republish
from .models import FeedItem, FeedSource, FetchRecord, ItemStatus


class ItemPolicy(ModeratedRecordsPolicy):
    """Items come from the feeds only: staff moderate and correct them, never add or copy them."""


class FetchRecordPolicy(ModelPermissionPolicy):
    """The fetch log is written by the fetches: staff read it."""

    def user_has_permission(self, user, action):
        if action != "view":
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


class NoChooserViewSet(SnippetViewSet):
    def register_chooser_viewset(self):
        """No chooser: nothing refers to these records (see the module docstring)."""


def set_status(items, status):
    """Give `items` the status; returns how many changed. What shows them is purged from the front cache."""
    changed = FeedItem.objects.filter(pk__in=[item.pk for item in items]).exclude(status=status)
    sources = set(changed.values_list("source_id", flat=True))
    count = changed.update(status=status)
    if count:
        purging.items_changed(sources)
    return count


class ItemStatusBulkAction(PermittedObjectsOnly, SnippetBulkAction):
    """Publish or hide the selected items."""

    models = [FeedItem]
    template_name = "aggregation/admin/confirm_bulk_status.html"
    status = None

    def check_perm(self, item):
        return ItemPolicy(FeedItem).user_has_permission(self.request.user, "moderate")

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return set_status(objects, cls.status), 0

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "status_label": ItemStatus(self.status).label}


class PublishItemsBulkAction(ItemStatusBulkAction):
    display_name = _("Publish")
    action_type = "publish_items"
    aria_label = _("Publish the selected items")
    action_priority = 10
    status = ItemStatus.PUBLISHED

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d item published.", "%(count)d items published.", num_parent_objects) % {
            "count": num_parent_objects
        }


class HideItemsBulkAction(ItemStatusBulkAction):
    display_name = _("Hide")
    action_type = "hide_items"
    aria_label = _("Hide the selected items")
    action_priority = 20
    status = ItemStatus.HIDDEN

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d item hidden.", "%(count)d items hidden.", num_parent_objects) % {
            "count": num_parent_objects
        }


class ItemInspectView(LocalTimeInspectView):
    template_name = "aggregation/admin/item_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            item=self.object,
            can_moderate=ItemPolicy(FeedItem).user_has_permission(self.request.user, "moderate"),
            can_republish=can_republish(self.request.user, self.object) and not self.object.republished_as_id,
            statuses=[(value, label) for value, label in ItemStatus.choices if value != self.object.status],
        )
        return context


def can_republish(user, item):
    """Moderators of items who may add a news page where the item would go."""
    if not ItemPolicy(FeedItem).user_has_permission(user, "moderate"):
        return False
    index = republish.news_index_for(item.language)
    return index is not None and index.permissions_for_user(user).can_add_subpage()


@require_POST
def set_item_status(request, pk, status):
    if not ItemPolicy(FeedItem).user_has_permission(request.user, "moderate"):
        raise PermissionDenied
    if status not in (ItemStatus.PUBLISHED, ItemStatus.HIDDEN, ItemStatus.PENDING):
        raise PermissionDenied
    item = get_object_or_404(FeedItem, pk=pk)
    set_status([item], status)
    messages.success(request, _("“%(item)s” is now: %(status)s.") % {"item": item, "status": ItemStatus(status).label})
    return redirect("aggregation_items:inspect", pk)


@require_POST
def republish_item(request, pk):
    if not ItemPolicy(FeedItem).user_has_permission(request.user, "moderate"):
        raise PermissionDenied
    item = get_object_or_404(FeedItem.objects.select_related("source"), pk=pk)
    if not can_republish(request.user, item):
        raise PermissionDenied
    try:
        page = republish.republish_as_news(item, request.user)
    except republish.CannotRepublish as error:
        messages.error(request, str(error))
        return redirect("aggregation_items:inspect", pk)
    messages.success(
        request, _("A draft news page was made from “%(item)s”: edit it, translate it and publish it.") % {"item": item}
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


class FeedItemViewSet(NoChooserViewSet):
    model = FeedItem
    url_namespace = "aggregation_items"
    url_prefix = "network-news/items"
    icon = "doc-full"
    menu_label = _("Items")
    inspect_view_enabled = True
    inspect_view_class = ItemInspectView
    copy_view_enabled = False
    list_display = [
        "title",
        Column("source", label=_("source"), accessor="source"),
        StatusTagColumn(
            "status",
            label=_("status"),
            accessor="get_status_display",
            primary=lambda item: item.status == ItemStatus.PENDING,
        ),
        Column("language", label=_("language")),
        DateColumn("published_at", label=_("published")),
    ]
    list_filter = ["status", "source", "source__owner_kind", "language"]
    search_fields = ["title", "summary"]
    search_backend_name = None
    ordering = ["-published_at"]
    list_per_page = 50
    form_fields = ["status", "title", "summary"]
    inspect_view_fields = [
        "status",
        "source",
        "title",
        "link",
        "author",
        "language",
        "published_at",
        "first_seen_at",
        "updated_at",
        "guid",
        "summary",
        "republished_as",
    ]

    def get_queryset(self, request):
        return FeedItem.objects.select_related("source")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/status/<str:status>/", set_item_status, name="status"),
            path("<int:pk>/republish/", republish_item, name="republish"),
        ]


class SourceInspectView(LocalTimeInspectView):
    template_name = "aggregation/admin/source_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            source=self.object,
            fetches=self.object.fetches.all()[:20],
            can_fetch=self.request.user.has_perm("aggregation.change_feedsource"),
        )
        return context


@require_POST
def fetch_now(request, pk):
    if not request.user.has_perm("aggregation.change_feedsource"):
        raise PermissionDenied
    from .fetching import fetch_source

    source = get_object_or_404(FeedSource, pk=pk)
    record = fetch_source(source)
    if record.error:
        messages.error(request, _("Fetched “%(source)s”: %(error)s") % {"source": source, "error": record.error})
    else:
        messages.success(
            request,
            _("Fetched “%(source)s”: %(new)d new, %(updated)d updated.")
            % {"source": source, "new": record.new_items, "updated": record.updated_items},
        )
    return redirect("aggregation_sources:inspect", pk)


class FeedSourceViewSet(NoChooserViewSet):
    model = FeedSource
    url_namespace = "aggregation_sources"
    url_prefix = "network-news/sources"
    icon = "link"
    menu_label = _("Sources")
    inspect_view_enabled = True
    inspect_view_class = SourceInspectView
    copy_view_enabled = False
    list_display = [
        "name",
        Column("owner_kind", label=_("belongs to"), accessor="get_owner_kind_display"),
        Column("language", label=_("language")),
        Column("is_active", label=_("active"), accessor=lambda source: _("yes") if source.is_active else _("paused")),
        DateColumn("last_fetched_at", label=_("last fetched")),
        Column("consecutive_failures", label=_("failures in a row")),
        Column("last_error", label=_("last error")),
    ]
    list_filter = ["owner_kind", "language", "is_active", "publish_immediately"]
    search_fields = ["name", "url"]
    search_backend_name = None
    list_per_page = 50
    inspect_view_fields = [
        "name",
        "url",
        "owner_kind",
        "signatory",
        "supporter",
        "programme",
        "country",
        "language",
        "publish_immediately",
        "is_active",
        "fetch_interval",
        "last_fetched_at",
        "last_success_at",
        "next_fetch_at",
        "consecutive_failures",
        "last_error",
    ]

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("<int:pk>/fetch/", fetch_now, name="fetch")]


class FetchRecordViewSet(NoChooserViewSet):
    model = FetchRecord
    url_namespace = "aggregation_fetches"
    url_prefix = "network-news/fetches"
    icon = "history"
    menu_label = _("Fetch log")
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = LocalTimeInspectView
    list_display = [
        Column("source", label=_("source"), accessor="source"),
        DateColumn("started_at", label=_("started")),
        StatusTagColumn(
            "outcome",
            label=_("outcome"),
            accessor="get_outcome_display",
            primary=lambda record: record.outcome != "error",
        ),
        Column("http_status", label=_("HTTP status")),
        Column("new_items", label=_("new items")),
        Column("updated_items", label=_("updated items")),
        Column("error", label=_("error")),
    ]
    list_filter = ["outcome", "source"]
    search_backend_name = None
    list_per_page = 100

    def get_queryset(self, request):
        return FetchRecord.objects.select_related("source")


class NetworkNewsViewSetGroup(SnippetViewSetGroup):
    items = (FeedItemViewSet, FeedSourceViewSet, FetchRecordViewSet)
    menu_icon = "site"
    menu_label = _("From the network")
    menu_name = "network-news"
    menu_order = 260
