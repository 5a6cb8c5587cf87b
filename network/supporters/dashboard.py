"""The admin dashboard of a supporter's account: their profile first, not the site's page count."""

from django.urls import reverse
from wagtail.admin.ui.components import Component

from .models import SupporterOwnership


class OwnProfilePanel(Component):
    """The profiles the user owns, with their state and the ways to edit them and their media."""

    name = "own_profile"
    template_name = "supporters/admin/own_profile_panel.html"
    order = 50

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        ownerships = SupporterOwnership.objects.filter(group__in=self.user.groups.all()).select_related(
            "page", "collection"
        )
        context["profiles"] = [
            {
                "page": ownership.page,
                "edit_url": reverse("wagtailadmin_pages:edit", args=[ownership.page_id]),
                "in_review": ownership.page.workflow_in_progress,
                "images_url": self._collection_url("wagtailimages:index", ownership.collection),
                "documents_url": self._collection_url("wagtaildocs:index", ownership.collection),
            }
            for ownership in ownerships
        ]
        return context

    @staticmethod
    def _collection_url(name, collection):
        if collection is None:
            return None
        return f"{reverse(name)}?collection_id={collection.pk}"
