"""Addresses that take ids show nothing of the objects the user has no rights on.

The admin API (/admin/api/main/...) lists only the images and documents the user may choose and
the pages they see in the explorer; the bulk actions' confirmation pages (/admin/bulk/...?id=...)
list only the objects the user may act on, and say nothing of the others, not even how many
there are, whether they exist or what they are called. The site is built once for the module, and
each test runs in a savepoint of it.
"""

from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import Collection, Page, Site
from wagtail_factories import DocumentFactory, ImageFactory

from core.bulk_actions import PermittedObjectsOnly
from network.supporters.models import SupporterOwnership
from tests.application_factories import approve_application
from tests.factories import HomePageFactory, StandardPageFactory, locale
from tests.news_factories import NewsCategoryFactory
from tests.supporter_factories import SupporterIndexPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("test_admin_listings_by_id")]


def build_site(user_model):
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()  # Wagtail's welcome page
    home = HomePageFactory(parent=root, slug="home", locale=locale(settings.LANGUAGE_CODE))
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="Test")

    admin = user_model.objects.create_superuser("admin", "admin@example.org", "a-long-test-password")
    supporters = SupporterIndexPageFactory(parent=home)
    supporters.save_revision().publish()
    own, supporter = approve_application("Union of Provinces", "owner@vilayetler.example", admin)
    own.save_revision().publish()
    other, other_owner = approve_application("Union of Municipalities of Turkey", "owner@tbb.example", admin)
    other.save_revision().publish()
    hidden, _third_owner = approve_application("Secret draft supporter", "owner@draft.example", admin)
    plans = StandardPageFactory(parent=home, title="Secret plans for 2027", slug="plans", live=False)
    plans.save_revision()
    about = StandardPageFactory(parent=home, title="About the network", slug="about")
    about.save_revision().publish()

    users = {"supporter": supporter, "admin": admin}
    for role, groups in [("translator", ["Translators"]), ("moderator", ["Moderators"])]:
        users[role] = user_model.objects.create_user(role, f"{role}@example.org", "a-long-test-password")
        users[role].groups.add(*Group.objects.filter(name__in=groups))

    own_collection = SupporterOwnership.objects.get(page=own).collection
    other_collection = SupporterOwnership.objects.get(page=other).collection
    root_collection = Collection.get_first_root_node()
    return SimpleNamespace(
        home=home,
        supporters=supporters,
        own=own,
        other=other,
        hidden=hidden,
        plans=plans,
        about=about,
        users=users,
        other_owner=other_owner,
        own_image=ImageFactory(title="Our logo", collection=own_collection, uploaded_by_user=supporter),
        other_image=ImageFactory(title="Their logo", collection=other_collection),
        staff_image=ImageFactory(title="Network picture", collection=root_collection),
        own_document=DocumentFactory(title="Our report", collection=own_collection, uploaded_by_user=supporter),
        other_document=DocumentFactory(title="Their report", collection=other_collection),
        staff_document=DocumentFactory(title="Network statutes", collection=root_collection),
        category=NewsCategoryFactory(name="Energy poverty", slug="energy-poverty"),
    )


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """The whole site, built once; pytest-django's `db` wraps each test in a savepoint of this transaction."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_site(get_user_model())
        transaction.set_rollback(True)


@pytest.fixture
def as_role(client, site):
    def login(role):
        client.force_login(site.users[role])
        return client

    return login


# The admin API ------------------------------------------------------------------------------------------


def not_found(client, url, title):
    """A 404 that does not name the object (LocaleMiddleware sends a 404 to the address with a language first)."""
    response = client.get(url, follow=True)
    return response.status_code == 404 and title not in response.content.decode()


def api_titles(client, endpoint, **params):
    response = client.get(f"/admin/api/main/{endpoint}/", params)
    assert response.status_code == 200, response.content
    return {item["title"] for item in response.json()["items"]}


class TestAdminAPI:
    def test_a_supporter_lists_the_images_and_documents_of_their_own_collection_only(self, as_role, site):
        client = as_role("supporter")
        assert api_titles(client, "images") == {"Our logo"}
        assert api_titles(client, "documents") == {"Our report"}
        for endpoint, item in [("images", site.other_image), ("documents", site.staff_document)]:
            assert not_found(client, f"/admin/api/main/{endpoint}/{item.pk}/", item.title)
        assert api_titles(client, "images", search="logo") == {"Our logo"}

    def test_a_translator_who_may_choose_no_image_lists_none(self, as_role, site):
        client = as_role("translator")
        assert api_titles(client, "images") == set()
        assert api_titles(client, "documents") == set()

    def test_moderators_list_every_collection(self, as_role, site):
        client = as_role("moderator")
        assert api_titles(client, "images") == {"Our logo", "Their logo", "Network picture"}
        assert api_titles(client, "documents") == {"Our report", "Their report", "Network statutes"}

    def test_a_supporter_lists_the_pages_of_their_explorer_only(self, as_role, site):
        client = as_role("supporter")
        titles = api_titles(client, "pages")
        assert site.own.title in titles
        assert not {site.other.title, site.hidden.title, site.plans.title, site.about.title} & titles
        children = api_titles(client, "pages", child_of=site.supporters.pk, for_explorer="true")
        assert children == {site.own.title}
        for page in [site.hidden, site.plans, site.other]:
            assert not_found(client, f"/admin/api/main/pages/{page.pk}/", page.title)

    def test_staff_list_every_page(self, as_role, site):
        titles = api_titles(as_role("translator"), "pages")
        assert {site.own.title, site.other.title, site.hidden.title, site.plans.title} <= titles

    def test_anonymous_visitors_get_nothing(self, client, site):
        response = client.get("/admin/api/main/images/")
        assert response.status_code == 302 and response["Location"].startswith(reverse("wagtailadmin_login"))


# Bulk actions -------------------------------------------------------------------------------------------


def bulk_url(model, action, *objects):
    opts = model._meta
    ids = "&".join(f"id={obj.pk}" for obj in objects)
    return reverse("wagtail_bulk_action", args=[opts.app_label, opts.model_name, action]) + f"?{ids}"


def shown(client, url):
    """The confirmation page's HTML, or "" where the user is refused the action altogether."""
    response = client.get(url)
    assert response.status_code in {200, 302, 403}, (url, response.status_code)
    return response.content.decode() if response.status_code == 200 else ""


def others(site, role):
    """{(model, action): objects that `role` (the supporter or a translator) may not act on}."""
    user_model = get_user_model()
    pages = [site.other, site.hidden, site.plans, site.about]
    # Wagtail lets anyone who may edit an unpublished page delete or move it: a translator may not
    # delete or move the live pages only.
    fixed = [site.other, site.about] if role == "translator" else pages
    return {
        **{(Page, action): fixed for action in ["delete", "move"]},
        **{(Page, action): pages for action in ["publish", "unpublish"]},
        **{
            (type(site.other_image), action): [site.other_image, site.staff_image]
            for action in ["delete", "add_tags", "add_to_collection"]
        },
        **{
            (type(site.other_document), action): [site.other_document, site.staff_document]
            for action in ["delete", "add_tags", "add_to_collection"]
        },
        **{
            (user_model, action): [site.other_owner, site.users["moderator"]]
            for action in ["delete", "assign_role", "set_active_state"]
        },
        (type(site.category), "delete"): [site.category],
    }


def main_text(response):
    return BeautifulSoup(response.content.decode(), "html.parser").find("main").get_text(" ", strip=True)


def name_of(obj):
    return getattr(obj, "title", None) or getattr(obj, "name", None) or obj.get_username()


class TestBulkActions:
    @pytest.mark.parametrize("role", ["supporter", "translator"])
    def test_the_confirmation_pages_show_nothing_of_others_objects(self, as_role, site, role):
        client = as_role(role)
        for (model, action), objects in others(site, role).items():
            html = shown(client, bulk_url(model, action, *objects))
            for obj in objects:
                assert name_of(obj) not in html, (model, action, name_of(obj))
            assert "have permission to" not in html.replace("do not have permission to access", ""), (model, action)

    @pytest.mark.parametrize("role", ["supporter", "translator"])
    def test_ids_of_others_and_of_nothing_get_the_same_answer(self, as_role, site, role):
        client = as_role(role)
        missing = SimpleNamespace(pk=999_999)
        for model, action, obj in [
            (Page, "delete", site.hidden),
            (type(site.other_image), "delete", site.other_image),
            (type(site.other_document), "delete", site.other_document),
        ]:
            theirs, nothing = client.get(bulk_url(model, action, obj)), client.get(bulk_url(model, action, missing))
            assert theirs.status_code == nothing.status_code == 200
            assert main_text(theirs) == main_text(nothing), (model, action)

    def test_all_pages_of_a_parent_that_does_not_exist(self, as_role, site):
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]) + "?id=all&childOf=999999"
        assert as_role("moderator").get(url).status_code == 200

    def test_a_supporter_sees_their_own_images_and_documents(self, as_role, site):
        client = as_role("supporter")
        html = shown(client, bulk_url(type(site.own_image), "delete", site.own_image, site.other_image))
        assert site.own_image.title in html and site.other_image.title not in html
        html = shown(client, bulk_url(type(site.own_document), "add_tags", site.own_document, site.other_document))
        assert site.own_document.title in html and site.other_document.title not in html

    def test_moderators_see_the_pages_they_may_act_on(self, as_role, site):
        client = as_role("moderator")
        for action in ["delete", "move", "publish"]:
            html = shown(client, bulk_url(Page, action, site.hidden, site.plans, site.about))
            for page in [site.hidden, site.plans, site.about]:
                assert page.title in html, (action, page.title)
        html = shown(client, bulk_url(type(site.other_image), "delete", site.other_image, site.staff_image))
        assert site.other_image.title in html and site.staff_image.title in html

    def test_nothing_is_done_to_others_objects(self, as_role, site):
        client = as_role("supporter")
        response = client.post(bulk_url(type(site.other_image), "delete", site.other_image))
        assert response.status_code == 302
        assert type(site.other_image).objects.filter(pk=site.other_image.pk).exists()
        client.post(bulk_url(Page, "unpublish", site.other))
        assert Page.objects.get(pk=site.other.pk).live


def test_every_bulk_action_lists_permitted_objects_only(site):
    for model in [Page, get_user_model(), type(site.other_image), type(site.other_document), type(site.category)]:
        registered = bulk_action_registry.get_bulk_actions_for_model(model._meta.app_label, model._meta.model_name)
        assert registered, model
        for action in registered:
            assert issubclass(action, PermittedObjectsOnly), (model, action)
