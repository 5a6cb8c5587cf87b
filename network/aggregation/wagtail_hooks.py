"""Admin registrations of the news from the network: its menu group, policies and bulk actions."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .models import FeedItem, FetchRecord
from .viewsets import (
    FetchRecordPolicy,
    HideItemsBulkAction,
    ItemPolicy,
    NetworkNewsViewSetGroup,
    PublishItemsBulkAction,
)

register_permission_policy(FeedItem, ItemPolicy(FeedItem))
register_permission_policy(FetchRecord, FetchRecordPolicy(FetchRecord))
register_snippet(NetworkNewsViewSetGroup)

hooks.register("register_bulk_action", PublishItemsBulkAction)
hooks.register("register_bulk_action", HideItemsBulkAction)
