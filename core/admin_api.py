"""The admin API's image and document endpoints, limited to what the requesting user may choose.

Wagtail's /admin/api/main/images/ and /documents/ list the objects of every collection without
view restrictions to anyone with access to the admin, a supporter included. These endpoints
list, and show one by one, only the images and documents the user may choose (what the choosers
list); the pages endpoint already keeps to the pages the user sees in the explorer.

They replace Wagtail's own through the `construct_admin_api` hook (core/wagtail_hooks.py), run
after the one of wagtail.images and wagtail.documents: the router keeps the last endpoint
registered under a name.
"""

from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

from .chosen import choosable_documents, choosable_images


class ChoosableImagesAPIViewSet(ImagesAdminAPIViewSet):
    def get_queryset(self):
        return super().get_queryset().filter(pk__in=choosable_images(self.request.user).values("pk"))


class ChoosableDocumentsAPIViewSet(DocumentsAdminAPIViewSet):
    def get_queryset(self):
        return super().get_queryset().filter(pk__in=choosable_documents(self.request.user).values("pk"))


def register_endpoints(router):
    """Replace the images and documents endpoints of the admin API's router."""
    router.register_endpoint("images", ChoosableImagesAPIViewSet)
    router.register_endpoint("documents", ChoosableDocumentsAPIViewSet)
