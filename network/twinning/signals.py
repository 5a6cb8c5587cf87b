"""Keep the ranking's candidate pool current: any change to what it is built from replaces it."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from signatories.models import SignatoryPage

from .models import PartnershipRequest, PartnershipTheme, TwinningPage
from .pool import invalidate

for model in (PartnershipRequest, PartnershipTheme):
    post_save.connect(invalidate, sender=model, dispatch_uid=f"twinning_pool_save_{model.__name__}")
    post_delete.connect(invalidate, sender=model, dispatch_uid=f"twinning_pool_delete_{model.__name__}")
for relation in (PartnershipRequest.themes_sought.through, PartnershipRequest.themes_offered.through):
    m2m_changed.connect(invalidate, sender=relation, dispatch_uid=f"twinning_pool_themes_{relation.__name__}")
for model in (SignatoryPage, TwinningPage):
    page_published.connect(invalidate, sender=model, dispatch_uid=f"twinning_pool_publish_{model.__name__}")
    page_unpublished.connect(invalidate, sender=model, dispatch_uid=f"twinning_pool_unpublish_{model.__name__}")
    post_delete.connect(invalidate, sender=model, dispatch_uid=f"twinning_pool_page_delete_{model.__name__}")
