"""What happens when content changes: a new cache generation (core.cache) and a front-cache purge
(core.frontend_cache). Connected in CoreConfig.ready()."""

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from . import cache as content_cache
from . import frontend_cache

# Besides pages and snippets: what the chrome and the routing read.
WATCHED_MODELS = (Site, Locale, PageViewRestriction, BaseSiteSetting, BaseGenericSetting)


def changes_content(instance):
    return isinstance(instance, (Page, *WATCHED_MODELS)) or type(instance) in get_snippet_models()


def model_saved_or_deleted(sender, instance, created=False, **kwargs):
    if created and isinstance(instance, (BaseSiteSetting, BaseGenericSetting)):
        return  # made with its defaults when first read: nothing shown has changed
    if changes_content(instance):
        content_cache.content_changed()


def connect():
    for signal in (post_save, post_delete):
        signal.connect(model_saved_or_deleted, dispatch_uid=f"core.cache.{signal}")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(content_cache.content_changed, dispatch_uid=f"core.cache.{id(signal)}")
    page_published.connect(frontend_cache.page_changed, dispatch_uid="core.purge.published")
    page_unpublished.connect(frontend_cache.page_changed, dispatch_uid="core.purge.unpublished")
    post_page_move.connect(frontend_cache.page_moved, dispatch_uid="core.purge.moved")
    page_slug_changed.connect(frontend_cache.slug_changed, dispatch_uid="core.purge.slug")
    pre_delete.connect(frontend_cache.page_deleted, dispatch_uid="core.purge.deleted")
