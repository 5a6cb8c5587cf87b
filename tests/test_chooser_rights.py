"""A form accepts only the images, documents, pages and snippets its user may choose (core/chosen.py).

The choosers list only those, but a form used to save whatever id was posted: a supporter re-posted
their profile with an image and a document of another supporter's collection, and the draft, its
preview and a rendition showed them. Each case is a real request; the site is built once for the
module, and each test runs in a savepoint of it.
"""

from types import SimpleNamespace

import polib
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from wagtail.admin.panels import get_edit_handler
from wagtail.blocks import (
    ListBlock,
    ListBlockValidationError,
    PageChooserBlock,
    RichTextBlock,
    StreamBlock,
    StreamBlockValidationError,
    StreamValue,
    StructBlock,
    StructBlockValidationError,
)
from wagtail.blocks.list_block import ListValue
from wagtail.blocks.struct_block import StructValue
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PageViewRestriction,
    Revision,
    Site,
    get_page_models,
)
from wagtail.rich_text import RichText
from wagtail.snippets.models import get_snippet_models
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_factories import DocumentFactory, ImageFactory

from core.chosen import (
    ChosenObjectsFormMixin,
    FieldReferences,
    block_error,
    block_without,
    choosable_among,
    reference,
    text_without,
)
from home.models import StandardPage
from network.supporters.models import SupporterOwnership
from tests.application_factories import approve_application
from tests.factories import HomePageFactory, StandardPageFactory, locale
from tests.forms import browser_form_data
from tests.supporter_factories import SupporterIndexPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("test_chooser_rights")]

IMAGE_REFUSED = "Choose an image from a collection you have access to."
DOCUMENT_REFUSED = "Choose a document from a collection you have access to."
PAGE_REFUSED = "Choose a published page, or a page you have access to."
TEXT_REFUSED = "This text links to or shows a page, document or image you have no access to."


# The site -----------------------------------------------------------------------------------------


def collection_of(page):
    return SupporterOwnership.objects.get(page=page).collection


def section_editors(page, collection):
    """A group that edits one page and chooses from one collection, as Wagtail's group settings make it."""
    group = Group.objects.create(name="Editors of About")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=page, permission=Permission.objects.get(codename="change_page")
    )
    for codename in ["add_image", "choose_image", "add_document", "choose_document"]:
        GroupCollectionPermission.objects.create(
            group=group, collection=collection, permission=Permission.objects.get(codename=codename)
        )
    return group


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
    other, _other_owner = approve_application("Union of Municipalities of Turkey", "owner@tbb.example", admin)
    other.save_revision().publish()
    unpublished, _third_owner = approve_application("Secret draft supporter", "owner@draft.example", admin)

    about = StandardPageFactory(parent=home, title="About the network", slug="about")
    about.save_revision().publish()
    plans = StandardPageFactory(parent=home, title="Secret plans for 2027", slug="plans", live=False)
    plans.save_revision()
    members = StandardPageFactory(parent=home, title="Members only corner", slug="members")
    members.save_revision().publish()
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)

    about_collection = Collection.get_first_root_node().add_child(name="About the network")
    editor = user_model.objects.create_user("section-editor", "section@example.org", "a-long-test-password")
    editor.groups.add(section_editors(about, about_collection))

    users = {"supporter": supporter, "admin": admin, "section editor": editor}
    for role, groups in [("translator", ["Translators"]), ("moderator", ["Moderators"])]:
        users[role] = user_model.objects.create_user(role, f"{role}@example.org", "a-long-test-password")
        users[role].groups.add(*Group.objects.filter(name__in=groups))

    own_collection, other_collection = collection_of(own), collection_of(other)
    return SimpleNamespace(
        home=home,
        own=own,
        other=other,
        unpublished=unpublished,
        about=about,
        plans=plans,
        members=members,
        users=users,
        own_image=ImageFactory(title="Our logo", collection=own_collection, uploaded_by_user=supporter),
        other_image=ImageFactory(title="Their logo", collection=other_collection),
        staff_image=ImageFactory(title="Network logo", collection=Collection.get_first_root_node()),
        about_image=ImageFactory(title="About picture", collection=about_collection),
        own_document=DocumentFactory(title="Our report", collection=own_collection, uploaded_by_user=supporter),
        other_document=DocumentFactory(title="Their report", collection=other_collection),
        about_document=DocumentFactory(title="About report", collection=about_collection),
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


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def edit_form(client, page, **changes):
    """What the edit form sends as the browser shows it to the client's user, with `changes`."""
    response = client.get(edit_url(page))
    assert response.status_code == 200
    data = browser_form_data(response.content.decode(), "page-edit-form")
    data.update(changes)
    return data


def revisions(page):
    return Revision.page_revisions.filter(object_id=str(page.pk)).count()


def draft(page):
    return page.specific_class.objects.get(pk=page.pk).get_latest_revision_as_object()


def field_errors(response, name, form=None):
    """The messages (in English) of the errors on field `name` of the form the response shows again."""
    form = form or response.context["form"]
    return [str(message) for message in form.errors.get(name, [])]


def refused_with(response, page, count, name, message):
    assert response.status_code == 200, "the form is shown again"
    assert message in field_errors(response, name)
    assert revisions(page) == count, "no draft saved"


# The supporter's profile ----------------------------------------------------------------------------


class TestSupporterProfile:
    def test_an_image_of_another_collection_as_logo_is_refused(self, as_role, site):
        client = as_role("supporter")
        count = revisions(site.own)
        response = client.post(edit_url(site.own), edit_form(client, site.own, logo=[str(site.other_image.pk)]))
        refused_with(response, site.own, count, "logo", IMAGE_REFUSED)
        html = response.content.decode()
        assert IMAGE_REFUSED in html
        assert site.other_image.title not in html, "the form shown again does not show the image"
        assert not site.other_image.renditions.exists()
        assert draft(site.own).logo_id is None

    def test_an_image_of_the_own_collection_is_accepted(self, as_role, site):
        client = as_role("supporter")
        response = client.post(edit_url(site.own), edit_form(client, site.own, logo=[str(site.own_image.pk)]))
        assert response.status_code == 302, field_errors(response, "logo")
        assert draft(site.own).logo_id == site.own_image.pk

    def test_a_document_of_another_collection_in_a_feedback_report_is_refused(self, as_role, site):
        client = as_role("supporter")
        count = revisions(site.own)
        for document, accepted in [(site.other_document, False), (site.own_document, True)]:
            report = {"date": "2025-06-30", "title": "First half of 2025", "summary": "", "document": document.pk}
            data = edit_form(client, site.own)
            data.update(nested_form_data({"feedback_reports": inline_formset([report])}))
            response = client.post(edit_url(site.own), data)
            if accepted:
                assert response.status_code == 302
                assert [r.document_id for r in draft(site.own).feedback_reports.all()] == [document.pk]
            else:
                assert response.status_code == 200
                child = response.context["form"].formsets["feedback_reports"].forms[0]
                assert DOCUMENT_REFUSED in field_errors(response, "document", form=child)
                assert revisions(site.own) == count

    @pytest.mark.parametrize(
        ("target", "accepted"),
        [("plans", False), ("unpublished", False), ("members", False), ("other", True), ("own", True)],
    )
    def test_a_link_in_the_description_goes_to_a_public_page_or_their_own(self, as_role, site, target, accepted):
        """An unpublished draft of another page and a private page are refused; published ones are fine."""
        client = as_role("supporter")
        page = getattr(site, target)
        count = revisions(site.own)
        html = f'<p>See <a linktype="page" id="{page.pk}">this page</a>.</p>'
        data = edit_form(client, site.own, description=[rich_text(html, features=["link"])])
        response = client.post(edit_url(site.own), data)
        if accepted:
            assert response.status_code == 302, field_errors(response, "description")
            assert f'id="{page.pk}"' in draft(site.own).description
        else:
            refused_with(response, site.own, count, "description", PAGE_REFUSED)
            assert page.title not in response.content.decode()

    def test_what_staff_chose_stays_when_the_supporter_edits(self, as_role, site):
        staff = as_role("moderator")
        response = staff.post(edit_url(site.own), edit_form(staff, site.own, logo=[str(site.staff_image.pk)]))
        assert response.status_code == 302
        client = as_role("supporter")
        data = edit_form(client, site.own, services_introduction=["Training on energy plans."])
        assert data["logo"] == [str(site.staff_image.pk)]
        response = client.post(edit_url(site.own), data)
        assert response.status_code == 302, response.context["form"].errors
        assert (draft(site.own).logo_id, draft(site.own).services_introduction) == (
            site.staff_image.pk,
            "Training on energy plans.",
        )

    def test_the_preview_renders_no_image_of_another_collection(self, as_role, site):
        client = as_role("supporter")
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[site.own.pk])
        response = client.post(url, edit_form(client, site.own, logo=[str(site.other_image.pk)]))
        assert response.json() == {"is_valid": False, "is_available": False}
        preview = client.get(url)
        assert preview.status_code == 200
        assert site.other_image.title not in preview.content.decode()
        assert not site.other_image.renditions.exists()

        response = client.post(url, edit_form(client, site.own, logo=[str(site.own_image.pk)]))
        assert response.json() == {"is_valid": True, "is_available": True}
        assert client.get(url).status_code == 200
        assert site.own_image.renditions.exists()

    def test_moderators_choose_from_any_collection(self, as_role, site):
        client = as_role("moderator")
        html = f'<p>See <a linktype="page" id="{site.plans.pk}">our plans</a>.</p>'
        data = edit_form(client, site.own, logo=[str(site.other_image.pk)])
        data.update(description=[rich_text(html, features=["link"])])
        report = {"date": "2025-06-30", "title": "Report", "summary": "", "document": site.other_document.pk}
        data.update(nested_form_data({"feedback_reports": inline_formset([report])}))
        response = client.post(edit_url(site.own), data)
        assert response.status_code == 302
        page = draft(site.own)
        assert page.logo_id == site.other_image.pk
        assert [report.document_id for report in page.feedback_reports.all()] == [site.other_document.pk]

    def test_the_error_speaks_the_supporters_language(self, as_role, site, tmp_path):
        """The message is translated (compiled here from the catalogue, which the build compiles too)."""
        for code in ["tr", "ru", "tk"]:
            target = tmp_path / code / "LC_MESSAGES"
            target.mkdir(parents=True)
            polib.pofile(str(settings.BASE_DIR / "locale" / code / "LC_MESSAGES" / "django.po")).save_as_mofile(
                str(target / "django.mo")
            )
        catalogue = polib.pofile(str(settings.BASE_DIR / "locale" / "tr" / "LC_MESSAGES" / "django.po"))
        turkish = catalogue.find(IMAGE_REFUSED).msgstr
        assert turkish and turkish != IMAGE_REFUSED

        profile = site.users["supporter"].wagtail_userprofile
        profile.preferred_language = "tr"
        profile.save()
        client = as_role("supporter")
        with override_settings(LOCALE_PATHS=[tmp_path]):
            response = client.post(edit_url(site.own), edit_form(client, site.own, logo=[str(site.other_image.pk)]))
        assert turkish in response.content.decode()  # the messages are lazy: read in the page


# StreamFields ---------------------------------------------------------------------------------------------


def body(*blocks):
    return nested_form_data({"body": streamfield(list(blocks))})


def image_block(image):
    return ("image", {"image": image.pk, "alt_text": "", "caption": ""})


def document_block(document):
    return ("document", {"document": document.pk, "title": ""})


def link_block(page):
    return ("call_to_action", {"title": "Read on", "text": "", "link": {"page": page.pk, "url": "", "label": ""}})


def paragraph(html):
    return ("paragraph", rich_text(html, features=["link", "document-link"]))


def post_body(client, page, *blocks):
    return client.post(edit_url(page), {**edit_form(client, page), **body(*blocks)})


def block_errors(response):
    """The StreamField error of the response's form, as {block index: error}."""
    [error] = response.context["form"].errors["body"].as_data()
    assert isinstance(error, StreamBlockValidationError)
    return error.block_errors


class TestStreamField:
    def test_chooser_blocks_refuse_what_the_section_editor_may_not_choose(self, as_role, site):
        client = as_role("section editor")
        count = revisions(site.about)
        response = post_body(
            client,
            site.about,
            image_block(site.about_image),
            image_block(site.other_image),
            document_block(site.other_document),
            link_block(site.plans),
            link_block(site.members),
            paragraph(
                f'<p><a linktype="page" id="{site.plans.pk}">Plans</a> and'
                f' <a linktype="document" id="{site.other_document.pk}">their report</a>.</p>'
            ),
        )
        assert response.status_code == 200
        errors = block_errors(response)
        assert set(errors) == {1, 2, 3, 4, 5}  # the first block is theirs
        assert errors[1].block_errors["image"].messages == [IMAGE_REFUSED]
        assert errors[2].block_errors["document"].messages == [DOCUMENT_REFUSED]
        for index in (3, 4):  # a draft, and a private page, both of the explorer they cannot open
            link = errors[index].block_errors["link"]
            assert isinstance(link, StructBlockValidationError)
            assert link.block_errors["page"].messages == [PAGE_REFUSED]
        assert errors[5].messages == [TEXT_REFUSED]
        html = response.content.decode()
        assert IMAGE_REFUSED in html
        for hidden in [site.plans, site.members, site.other_image, site.other_document]:
            assert hidden.title not in html, "the form shown again shows none of them"
        assert site.other_document.file.name not in html and f"/{site.plans.slug}/" not in html
        assert not site.other_image.renditions.exists()
        assert revisions(site.about) == count

    def test_what_the_section_editor_may_choose_is_saved(self, as_role, site):
        client = as_role("section editor")
        blocks = [image_block(site.about_image), document_block(site.about_document), link_block(site.other)]
        response = post_body(client, site.about, *blocks)
        assert response.status_code == 302
        saved = draft(site.about).body
        assert [block.block_type for block in saved] == ["image", "document", "call_to_action"]
        assert saved[0].value["image"].pk == site.about_image.pk
        assert saved[2].value["link"]["page"].pk == site.other.pk

    def test_a_translator_keeps_the_images_staff_chose_but_adds_none(self, as_role, site):
        staff = as_role("moderator")
        assert post_body(staff, site.about, image_block(site.staff_image), link_block(site.plans)).status_code == 302
        client = as_role("translator")
        response = post_body(client, site.about, link_block(site.plans), image_block(site.staff_image))
        assert response.status_code == 302  # moved around, but chosen by staff
        response = post_body(client, site.about, image_block(site.staff_image), image_block(site.about_image))
        assert set(block_errors(response)) == {1}
        response = post_body(client, site.about, document_block(site.about_document))
        assert block_errors(response)[0].block_errors["document"].messages == [DOCUMENT_REFUSED]

    def test_moderators_choose_anything(self, as_role, site):
        client = as_role("moderator")
        blocks = [image_block(site.other_image), document_block(site.other_document), link_block(site.plans)]
        assert post_body(client, site.about, *blocks).status_code == 302
        assert len(draft(site.about).body) == 3

    def test_the_preview_refuses_the_same(self, as_role, site):
        client = as_role("section editor")
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[site.about.pk])
        response = client.post(url, {**edit_form(client, site.about), **body(image_block(site.other_image))})
        assert response.json()["is_valid"] is False
        assert site.other_image.title not in client.get(url).content.decode()
        assert not site.other_image.renditions.exists()


def test_errors_follow_the_blocks_through_lists_structs_and_streams(site):
    """Each refused chooser gets its own error, however deep; the others get none."""
    from wagtail.images import get_image_model

    Image = get_image_model()
    item = StructBlock([("image", ImageChooserBlock()), ("page", PageChooserBlock(required=False))])
    stream = StreamBlock([("gallery", ListBlock(item)), ("section", StreamBlock([("image", ImageChooserBlock())]))])
    gallery, section = stream.child_blocks["gallery"], stream.child_blocks["section"]
    mine, theirs, page = Image(pk=1), Image(pk=2), Page(pk=3)
    value = StreamValue(
        stream,
        [
            ("gallery", ListValue(gallery, [StructValue(item, [("image", mine), ("page", page)])])),
            (
                "gallery",
                ListValue(
                    gallery,
                    [StructValue(item, [("image", mine), ("page", None)]), StructValue(item, [("image", theirs)])],
                ),
            ),
            ("section", StreamValue(section, [("image", mine), ("image", theirs)])),
        ],
    )
    refused = {reference(Image, 2), reference(StandardPage, 3)}
    error = block_error(stream, value, refused)
    assert isinstance(error, StreamBlockValidationError)
    assert set(error.block_errors) == {0, 1, 2}
    first = error.block_errors[0]
    assert isinstance(first, ListBlockValidationError)
    assert first.block_errors[0].block_errors["page"].messages == [PAGE_REFUSED]  # a page, whatever its type
    assert set(first.block_errors[0].block_errors) == {"page"}
    second = error.block_errors[1]
    assert set(second.block_errors) == {1}
    assert second.block_errors[1].block_errors["image"].messages == [IMAGE_REFUSED]
    third = error.block_errors[2]
    assert set(third.block_errors) == {1}
    assert third.block_errors[1].messages == [IMAGE_REFUSED]
    assert block_error(stream, value, {reference(Image, 99)}) is None


def test_a_refused_object_is_shown_as_not_chosen_through_lists_structs_and_streams(site):
    from wagtail.images import get_image_model

    Image = get_image_model()
    item = StructBlock([("image", ImageChooserBlock()), ("caption", RichTextBlock(required=False))])
    stream = StreamBlock([("gallery", ListBlock(item)), ("image", ImageChooserBlock())])
    mine, theirs = Image(pk=1), Image(pk=2)
    caption = RichText('<p>By <a linktype="page" id="3">us</a> and <a linktype="page" id="4">them</a>.</p>')
    gallery = ListValue(stream.child_blocks["gallery"], [StructValue(item, [("image", theirs), ("caption", caption)])])
    value = StreamValue(stream, [("gallery", gallery, "a"), ("image", theirs, "b"), ("image", mine, "c")])

    shown = block_without(stream, value, {reference(Image, 2), reference(Page, 4)})
    assert [child.id for child in shown] == ["a", "b", "c"]
    assert shown[0].value[0]["image"] is None
    assert shown[0].value[0]["caption"].source == '<p>By <a linktype="page" id="3">us</a> and them.</p>'
    assert (shown[1].value, shown[2].value) == (None, mine)
    assert gallery[0]["image"] is theirs, "the value itself is left as it was"


def test_a_refused_image_or_document_is_taken_out_of_a_rich_text():
    html = (
        '<p><a linktype="document" id="7">Report</a> <a href="https://example.org">Site</a></p>'
        '<embed embedtype="image" id="8" format="left" alt="A"/><embed embedtype="image" id="9" format="left" alt="B"/>'
    )
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    refused = {reference(get_document_model(), 7), reference(get_image_model(), 9)}
    assert text_without(html, refused) == (
        '<p>Report <a href="https://example.org">Site</a></p><embed embedtype="image" id="8" format="left" alt="A"/>'
    )


def test_snippets_without_a_draft_state_are_public(site):
    """Editors choose the programme of a twinning page, or a news category, without managing them."""
    from tests.news_factories import NewsCategoryFactory

    category = NewsCategoryFactory(name="Energy poverty", slug="energy-poverty")
    key = reference(type(category), category.pk)
    assert choosable_among(site.users["translator"], {key}) == {key}


# Every form that can refer to a chosen object checks it -------------------------------------------------


def admin_form_classes():
    for model in get_page_models():
        if model is not Page and not model._meta.abstract:
            yield model, model.get_edit_handler().get_form_class()
    for model in get_snippet_models():
        yield model, model.get_edit_handler().get_form_class()
    for model in settings_registry:
        yield model, get_edit_handler(model).get_form_class()


def refers_to_chosen_objects(form_class):
    form = form_class(for_user=None)
    forms = [form, *(formset.empty_form for formset in getattr(form, "formsets", {}).values())]
    return any(FieldReferences(each, name).checked for each in forms for name in each.fields)


def test_every_admin_form_that_refers_to_chosen_objects_checks_them(site):
    unchecked = {
        model._meta.label
        for model, form_class in admin_form_classes()
        if not issubclass(form_class, ChosenObjectsFormMixin) and refers_to_chosen_objects(form_class)
    }
    assert unchecked == set()


def test_a_form_built_without_a_user_checks_nothing(site):
    """A form built outside the admin's views (no `for_user`) checks nothing."""
    form_class = StandardPage.get_edit_handler().get_form_class()
    data = {**body(image_block(site.other_image)), "title": "About", "slug": "about"}
    form = form_class(data, instance=draft(site.about), parent_page=site.home, for_user=None)
    form.is_valid()
    assert "body" not in form.errors


# The page chooser names only pages its user may choose --------------------------------------------------


def browse(client, page):
    return client.get(reverse("wagtailadmin_choose_page_child", args=[page.pk]))


def not_found(response):
    """A 404, or LocaleMiddleware's redirect of an unknown address to its language-prefixed twin."""
    return response.status_code == 404 or (response.status_code == 302 and response["Location"].startswith("/en/"))


def test_the_page_chooser_does_not_open_a_draft_of_someone_else(as_role, site):
    supporter = as_role("supporter")
    assert not_found(browse(supporter, site.unpublished))
    assert not_found(browse(supporter, site.plans))
    assert browse(supporter, site.about).status_code == 200  # published and public
    assert browse(supporter, site.own).status_code == 200  # their own draft


def test_the_page_chooser_lists_no_draft_of_someone_else(as_role, site):
    listing = browse(as_role("supporter"), site.own.get_parent()).content.decode()
    assert site.other.title in listing  # published
    assert site.own.title in listing
    assert site.unpublished.title not in listing
    home = browse(as_role("supporter"), site.home).content.decode()
    assert site.about.title in home
    assert site.plans.title not in home
    assert site.members.title not in home  # private


def test_staff_browse_every_page(as_role, site):
    moderator = as_role("moderator")
    assert browse(moderator, site.unpublished).status_code == 200
    assert site.plans.title in browse(moderator, site.home).content.decode()


def test_the_page_chooser_needs_a_sign_in(client, site):
    response = browse(client, site.about)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
