"""Who may do what in the admin: every role against every admin view and page action, each a real request.

Roles: an anonymous visitor; a supporter (the owner of one profile, made as the approval of an
application makes it); a translator, an editor and a moderator (the "Translators", "Editors"
and "Moderators" groups); communications staff (the "Communications" group, for the records,
with "Moderators", for the pages); an administrator (superuser). The tables below are the
specification: a cell says what the role gets.

- ok: the page is shown; own: the explorer opens on the supporter's own profile instead;
- login: sent to the login page; no: refused (a 403, a 404, or back to the dashboard with a message);
- done: the action took effect (checked in the database, not in the answer).

The site is built once for the module, in a transaction rolled back at its end; each test runs
in a savepoint of it, so what one test changes no other test sees.
"""

import re
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client, TestCase
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Site
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail_factories import DocumentFactory, ImageFactory

from core.translation import translate
from network.applications.models import Application, ApplicationStatus
from network.supporters.models import SupporterOwnership
from tests.application_factories import ApplicationFactory, approve_application
from tests.factories import HomePageFactory, locale
from tests.forms import browser_form_data
from tests.news_factories import NewsCategoryFactory, NewsIndexPageFactory, NewsPageFactory
from tests.newsletter_factories import NewsletterIndexPageFactory, NewsletterIssuePageFactory, SubscriberFactory
from tests.supporter_factories import SupporterIndexPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("permissions_matrix")]

ROLES = ["anonymous", "supporter", "translator", "editor", "moderator", "communications", "admin"]


def table(text):
    """[(row, role, cell)] of a table whose columns are separated by two spaces or more."""
    header, *rows = [re.split(r"\s{2,}", line.strip()) for line in text.strip().splitlines()]
    assert header == ROLES, header
    cases = []
    for label, *cells in rows:
        assert len(cells) == len(ROLES), label
        cases += [
            pytest.param(label, role, cell, id=f"{label}-{role}") for role, cell in zip(ROLES, cells, strict=True)
        ]
    return cases


# The site -----------------------------------------------------------------------------------------


def form_data(client, page, **stream_fields):
    """What the page's edit form sends as a browser shows it to an administrator.

    StreamFields are drawn by JavaScript, which the HTML does not carry: give their blocks.
    """
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    data = browser_form_data(html, "page-edit-form")
    data.update(nested_form_data({name: streamfield(blocks) for name, blocks in stream_fields.items()}))
    return data


def publishes(page):
    return PageLogEntry.objects.filter(page=page, action="wagtail.publish").count()


def committed(request, *args, **kwargs):
    """The request as if its transaction committed: wagtail-localize publishes in on_commit hooks."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return request(*args, **kwargs)


def unpublished(page):
    """`page` as a draft never published (the factories publish what they make)."""
    page.unpublish(log_action=False)
    page.refresh_from_db()
    assert not page.live
    return page


def build_site(user_model):
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()  # Wagtail's welcome page
    home = HomePageFactory(parent=root, slug="home", locale=locale(settings.LANGUAGE_CODE))
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="Test")
    translate(home, locale("tr"), {"Home": "Ana sayfa"})

    news_index = NewsIndexPageFactory(parent=home)
    news = NewsPageFactory(parent=news_index, title="Climate week in Ankara", slug="climate-week")
    NewsPageFactory(parent=news_index, title="Study visit to Leuven", slug="study-visit")
    translate(news_index, locale("tr"), {"News": "Haberler", "news": "haberler"})
    category = NewsCategoryFactory(name="Energy", slug="energy")

    admin = user_model.objects.create_superuser("admin", "admin@example.org", "a-long-test-password")
    supporters = SupporterIndexPageFactory(parent=home)
    supporters.save_revision().publish()
    own, supporter = approve_application("Union of Provinces", "owner@vilayetler.example", admin)
    other, _someone_else = approve_application("Union of Municipalities of Turkey", "owner@tbb.example", admin)
    other.save_revision().publish()
    other_collection = SupporterOwnership.objects.get(page=other).collection

    newsletter = NewsletterIndexPageFactory(parent=home)
    issue = NewsletterIssuePageFactory(parent=newsletter)
    issue.save_revision().publish()
    SubscriberFactory(email="reader@example.org")

    users = {"supporter": supporter, "admin": admin}
    for role, groups in [
        ("translator", ["Translators"]),
        ("editor", ["Editors"]),
        ("moderator", ["Moderators"]),
        ("communications", ["Communications", "Moderators"]),
    ]:
        users[role] = user_model.objects.create_user(role, f"{role}@example.org", "a-long-test-password")
        users[role].groups.add(*Group.objects.filter(name__in=groups))

    draft = unpublished(NewsPageFactory(parent=news_index, title="Plans not yet published", slug="plans", owner=admin))
    staff = Client()
    staff.force_login(admin)
    return SimpleNamespace(
        draft=draft,
        home=home,
        news=news,
        news_tr_index=news_index.get_translation(locale("tr")),
        tr_index_published=publishes(news_index.get_translation(locale("tr"))),
        category=category,
        own=own,
        other=other,
        other_image=ImageFactory(title="Their logo", collection=other_collection),
        other_document=DocumentFactory(title="Their report", collection=other_collection),
        issue=issue,
        application=ApplicationFactory(organisation="Marmara Municipalities Union"),
        users=users,
        forms={
            "news": form_data(staff, news, body=[("paragraph", rich_text("<p>Twenty-three projects.</p>"))]),
            "other": form_data(staff, other),
        },
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
        if role != "anonymous":
            client.force_login(site.users[role])
        return client

    return login


def outcome(response, site):
    """What the role got, as the tables name it."""
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(reverse("wagtailadmin_login")):
            return "login"
        if location == reverse("wagtailadmin_home"):
            return "no"
        if location == reverse("wagtailadmin_explore", args=[site.own.pk]):
            return "own"
        return f"redirect to {location}"
    if response.status_code in {403, 404}:
        return "no"
    if response.status_code == 200:
        return "ok"
    return str(response.status_code)


# Admin views ------------------------------------------------------------------------------------------

VIEWS = {
    "dashboard": lambda site: reverse("wagtailadmin_home"),
    "page explorer": lambda site: reverse("wagtailadmin_explore", args=[site.home.pk]),
    "edit a news page": lambda site: reverse("wagtailadmin_pages:edit", args=[site.news.pk]),
    "edit a Turkish translation": lambda site: reverse("wagtailadmin_pages:edit", args=[site.news_tr_index.pk]),
    "edit another supporter's page": lambda site: reverse("wagtailadmin_pages:edit", args=[site.other.pk]),
    "snippets": lambda site: reverse("wagtailsnippets:index"),
    "edit a news category": lambda site: reverse("wagtailsnippets_news_newscategory:edit", args=[site.category.pk]),
    "applications": lambda site: reverse("supporter_applications:index"),
    "an application": lambda site: reverse("supporter_applications:inspect", args=[site.application.pk]),
    "newsletter send page": lambda site: reverse("newsletter_issue_send", args=[site.issue.pk]),
    "subscriber export": lambda site: reverse("newsletter_subscribers:index") + "?export=csv",
    "outgoing email": lambda site: reverse("outgoing_email:index"),
    "partner-finder requests": lambda site: reverse("twinning_requests:index"),
    "network news items": lambda site: reverse("aggregation_items:list"),
    "network news sources": lambda site: reverse("aggregation_sources:list"),
    "network news fetch log": lambda site: reverse("aggregation_fetches:list"),
    "image of another collection": lambda site: reverse("wagtailimages:edit", args=[site.other_image.pk]),
    "document of another collection": lambda site: reverse("wagtaildocs:edit", args=[site.other_document.pk]),
    "users": lambda site: reverse("wagtailusers_users:index"),
    "groups": lambda site: reverse("wagtailusers_groups:index"),
    "site settings": lambda site: reverse(
        "wagtailsettings:edit", args=["home", "sitesettings", site.home.get_site().pk]
    ),
    "workflows": lambda site: reverse("wagtailadmin_workflows:index"),
    "report locked pages": lambda site: reverse("wagtailadmin_reports:locked_pages"),
    "report workflows": lambda site: reverse("wagtailadmin_reports:workflow"),
    "report workflow tasks": lambda site: reverse("wagtailadmin_reports:workflow_tasks"),
    "report site history": lambda site: reverse("wagtailadmin_reports:site_history"),
    "report site history CSV": lambda site: reverse("wagtailadmin_reports:site_history") + "?export=csv",
    "report aging pages": lambda site: reverse("wagtailadmin_reports:aging_pages"),
    "report page types usage": lambda site: reverse("wagtailadmin_reports:page_types_usage"),
    "report page types usage results": lambda site: reverse("wagtailadmin_reports:page_types_usage_results"),
    "report search terms": lambda site: reverse("wagtailsearchpromotions:search_terms"),
    "report translations": lambda site: reverse("wagtail_localize:translations_report"),
}

VIEW_TABLE = """
                                 anonymous  supporter  translator  editor  moderator  communications  admin
dashboard                        login      ok         ok          ok      ok         ok              ok
page explorer                    login      own        ok          ok      ok         ok              ok
edit a news page                 login      no         ok          ok      ok         ok              ok
edit a Turkish translation       login      no         ok          ok      ok         ok              ok
edit another supporter's page    login      no         ok          ok      ok         ok              ok
snippets                         login      no         no          no      no         ok              ok
edit a news category             login      no         no          no      no         ok              ok
applications                     login      no         no          no      no         ok              ok
an application                   login      no         no          no      no         ok              ok
newsletter send page             login      no         no          no      no         ok              ok
subscriber export                login      no         no          no      no         ok              ok
outgoing email                   login      no         no          no      no         ok              ok
partner-finder requests          login      no         no          no      no         ok              ok
network news items               login      no         no          no      no         ok              ok
network news sources             login      no         no          no      no         ok              ok
network news fetch log           login      no         no          no      no         ok              ok
image of another collection      login      no         no          ok      ok         ok              ok
document of another collection   login      no         no          ok      ok         ok              ok
users                            login      no         no          no      no         no              ok
groups                           login      no         no          no      no         no              ok
site settings                    login      no         no          no      no         no              ok
workflows                        login      no         no          no      no         no              ok
report locked pages              login      no         no          no      ok         ok              ok
report workflows                 login      no         ok          ok      ok         ok              ok
report workflow tasks            login      no         ok          ok      ok         ok              ok
report site history              login      no         ok          ok      ok         ok              ok
report site history CSV          login      no         ok          ok      ok         ok              ok
report aging pages               login      no         ok          ok      ok         ok              ok
report page types usage          login      no         ok          ok      ok         ok              ok
report page types usage results  login      no         ok          ok      ok         ok              ok
report search terms              login      no         no          no      no         no              ok
report translations              login      no         ok          ok      ok         ok              ok
"""


@pytest.mark.parametrize(("view", "role", "expected"), table(VIEW_TABLE))
def test_admin_views(as_role, site, view, role, expected):
    response = as_role(role).get(VIEWS[view](site))
    assert outcome(response, site) == expected


# Page actions ------------------------------------------------------------------------------------------


def fresh(page):
    return Page.objects.filter(pk=page.pk).first()


def edit(client, site, page, key, *, action=None):
    data = {**site.forms[key], "title": ["Changed by this role"]}
    if action:
        data[f"action-{action}"] = ["1"]
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def draft_saved(page):
    revision = fresh(page).get_latest_revision()
    return revision.as_object().title == "Changed by this role"


def published(page):
    return fresh(page).title == "Changed by this role"


def move(client, page):
    """Move the page within its own parent (to the end): rights are those of any move."""
    return client.post(reverse("wagtailadmin_pages:move_confirm", args=[page.pk, page.get_parent().pk]))


def moved(page):
    return PageLogEntry.objects.filter(page=page, action__in=["wagtail.move", "wagtail.reorder"]).exists()


def copy(client, page):
    data = {"new_title": "A copy", "new_slug": "a-copy", "new_parent_page": page.get_parent().pk}
    return client.post(reverse("wagtailadmin_pages:copy", args=[page.pk]), data)


def translate_into_turkish(client, page):
    return client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [locale("tr").pk]}
    )


def reject(client, site):
    url = reverse("supporter_applications:transition", args=[site.application.pk, "reject"])
    return client.post(url, {"reason": "Not a network of local authorities."})


def delete_image(client, site):
    return client.post(reverse("wagtailimages:delete", args=[site.other_image.pk]))


def page_actions(key, name):
    """{action: (attempt(client, site), happened(site))} on the page site.<key>, called `name`."""

    def page(site):
        return getattr(site, key)

    return {
        f"save a draft of {name}": (lambda c, s: edit(c, s, page(s), key), lambda s: draft_saved(page(s))),
        f"submit {name} for moderation": (
            lambda c, s: edit(c, s, page(s), key, action="submit"),
            lambda s: fresh(page(s)).workflow_in_progress,
        ),
        f"publish {name}": (
            lambda c, s: edit(c, s, page(s), key, action="publish"),
            lambda s: published(page(s)),
        ),
        f"unpublish {name}": (
            lambda c, s: c.post(reverse("wagtailadmin_pages:unpublish", args=[page(s).pk])),
            lambda s: not fresh(page(s)).live,
        ),
        f"move {name}": (lambda c, s: move(c, page(s)), lambda s: moved(page(s))),
        f"copy {name}": (lambda c, s: copy(c, page(s)), lambda s: Page.objects.filter(slug="a-copy").exists()),
        f"delete {name}": (
            lambda c, s: c.post(reverse("wagtailadmin_pages:delete", args=[page(s).pk])),
            lambda s: fresh(page(s)) is None,
        ),
    }


def machine_translated(site):
    from wagtail_localize.models import StringTranslation

    return StringTranslation.objects.filter(translation_type="machine").exists()


def translation_of(page):
    from wagtail_localize.models import Translation

    return Translation.objects.get(target_locale=page.locale, source__object_id=page.translation_key)


ACTIONS = {
    **page_actions("news", "a news page"),
    "translate a news page into Turkish": (
        lambda c, s: translate_into_turkish(c, s.news),
        lambda s: s.news.get_translations().filter(locale__language_code="tr", alias_of__isnull=True).exists(),
    ),
    **page_actions("other", "another supporter's page"),
    "reject an application": (
        reject,
        lambda s: Application.objects.get(pk=s.application.pk).status == ApplicationStatus.REJECTED,
    ),
    "delete an image of another collection": (
        delete_image,
        lambda s: not get_image_model().objects.filter(pk=s.other_image.pk).exists(),
    ),
    "delete someone else's draft news page": (
        lambda c, s: c.post(reverse("wagtailadmin_pages:delete", args=[s.draft.pk])),
        lambda s: fresh(s.draft) is None,
    ),
    "move someone else's draft news page": (lambda c, s: move(c, s.draft), lambda s: moved(s.draft)),
    "bulk-delete someone else's draft news page": (
        lambda c, s: c.post(
            reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]) + f"?id={s.draft.pk}"
        ),
        lambda s: fresh(s.draft) is None,
    ),
    "convert the live Turkish news index back to an alias": (
        lambda c, s: c.post(reverse("wagtail_localize:convert_to_alias", args=[s.news_tr_index.pk])),
        lambda s: fresh(s.news_tr_index).alias_of_id is not None,
    ),
    "sync the news index's translations, publishing them": (
        lambda c, s: committed(
            c.post,
            reverse("wagtail_localize:update_translations", args=[translation_of(s.news_tr_index).source_id]),
            {"publish_translations": "on"},
        ),
        lambda s: publishes(s.news_tr_index) > s.tr_index_published,
    ),
    "publish the Turkish news index in the translation editor": (
        lambda c, s: committed(
            c.post, reverse("wagtailadmin_pages:edit", args=[s.news_tr_index.pk]), {"action": "publish"}
        ),
        lambda s: publishes(s.news_tr_index) > s.tr_index_published,
    ),
    "translate a news category into Turkish": (
        lambda c, s: committed(
            c.post,
            reverse("wagtail_localize:submit_snippet_translation", args=["news", "newscategory", s.category.pk]),
            {"locales": [locale("tr").pk]},
        ),
        lambda s: s.category.get_translations().filter(locale__language_code="tr").exists(),
    ),
    "machine-translate the Turkish news index": (
        lambda c, s: c.post(reverse("wagtail_localize:machine_translate", args=[translation_of(s.news_tr_index).pk])),
        machine_translated,  # switched off on this site: for no one
    ),
}


ACTION_TABLE = """
                                                anonymous  supporter  translator  editor  moderator  communications  admin
save a draft of a news page                     login      no         done        done    done       done            done
submit a news page for moderation               login      no         done        done    done       done            done
publish a news page                             login      no         no          no      done       done            done
unpublish a news page                           login      no         no          no      done       done            done
move a news page                                login      no         no          no      done       done            done
copy a news page                                login      no         no          done    done       done            done
delete a news page                              login      no         no          no      done       done            done
translate a news page into Turkish              login      no         done        done    done       done            done
save a draft of another supporter's page        login      no         done        done    done       done            done
submit another supporter's page for moderation  login      no         done        done    done       done            done
publish another supporter's page                login      no         no          no      done       done            done
unpublish another supporter's page              login      no         no          no      done       done            done
move another supporter's page                   login      no         no          no      done       done            done
copy another supporter's page                   login      no         no          no      done       done            done
delete another supporter's page                 login      no         no          no      done       done            done
reject an application                           login      no         no          no      no         done            done
delete an image of another collection           login      no         no          done    done       done            done
delete someone else's draft news page           login      no         no          no      done       done            done
move someone else's draft news page             login      no         no          no      done       done            done
bulk-delete someone else's draft news page      login      no         no          no      done       done            done
convert the live Turkish news index back to an alias  login  no      no          no      done       done            done
sync the news index's translations, publishing them  login  no       no          no      done       done            done
publish the Turkish news index in the translation editor  login  no   no          no      done       done            done
translate a news category into Turkish          login      no         no          no      no         done            done
machine-translate the Turkish news index        login      no         no          no      no         no              no
"""


@pytest.mark.parametrize(("action", "role", "expected"), table(ACTION_TABLE))
def test_admin_actions(as_role, site, action, role, expected):
    attempt, happened = ACTIONS[action]
    response = attempt(as_role(role), site)
    assert response.status_code < 500
    # Refused, or the form shown again: either way nothing happened.
    refused = "login" if outcome(response, site) == "login" else "no"
    assert ("done" if happened(site) else refused) == expected


# Listings by id and choosers: whether another's object is named -----------------------------------------

LISTINGS = {
    "admin API: images": (lambda s: reverse("wagtailadmin_api:images:listing"), lambda s: s.other_image.title),
    "admin API: documents": (lambda s: reverse("wagtailadmin_api:documents:listing"), lambda s: s.other_document.title),
    "image chooser": (lambda s: reverse("wagtailimages_chooser:choose"), lambda s: s.other_image.title),
    "document chooser": (lambda s: reverse("wagtaildocs_chooser:choose"), lambda s: s.other_document.title),
    "bulk delete: another supporter's page": (
        lambda s: reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]) + f"?id={s.other.pk}",
        lambda s: s.other.title,
    ),
    "bulk delete: an image of another collection": (
        lambda s: reverse("wagtail_bulk_action", args=["wagtailimages", "image", "delete"]) + f"?id={s.other_image.pk}",
        lambda s: s.other_image.title,
    ),
    "bulk delete: a document of another collection": (
        lambda s: (
            reverse("wagtail_bulk_action", args=["wagtaildocs", "document", "delete"]) + f"?id={s.other_document.pk}"
        ),
        lambda s: s.other_document.title,
    ),
}

# shown: the object is named; hidden: the answer (200) names it nowhere; login: sent to sign in.
LISTING_TABLE = """
                                               anonymous  supporter  translator  editor  moderator  communications  admin
admin API: images                              login      hidden     hidden      shown   shown      shown           shown
admin API: documents                           login      hidden     hidden      shown   shown      shown           shown
image chooser                                  login      hidden     hidden      shown   shown      shown           shown
document chooser                               login      hidden     hidden      shown   shown      shown           shown
bulk delete: another supporter's page          login      hidden     hidden      hidden  shown      shown           shown
bulk delete: an image of another collection    login      hidden     hidden      shown   shown      shown           shown
bulk delete: a document of another collection  login      hidden     hidden      shown   shown      shown           shown
"""


@pytest.mark.parametrize(("listing", "role", "expected"), table(LISTING_TABLE))
def test_listings_name_only_what_the_role_may_use(as_role, site, listing, role, expected):
    url, title = LISTINGS[listing]
    response = as_role(role).get(url(site))
    if outcome(response, site) == "login":
        got = "login"
    else:
        assert response.status_code == 200
        got = "shown" if title(site) in response.content.decode() else "hidden"
    assert got == expected


# Every address of the admin, reviewed ---------------------------------------------------------------
#
# Each URL pattern of the admin (Wagtail's, wagtail-localize's and the project's) is matched by a rule
# below, with what a supporter and a translator may get from a GET of it: "ok" (reviewed: shown to
# them, for the reason given), "no" (refused). An address that no rule matches fails the review, so a
# new app, viewset or Wagtail upgrade cannot open an address to these roles unnoticed. The walk fills
# a page id with another supporter's page, an image or document id with one of another collection;
# addresses with other arguments are covered by the tables above and the modules named in the rules.

ADDRESS_RULES = """
pattern                                       supporter  translator  why
wagtailadmin_home                             ok         ok          the dashboard
wagtailadmin_login                            ok         ok          the sign-in form
wagtailadmin_logout                           ok         ok          sign out (POST)
wagtailadmin_password_reset*                  ok         ok          the password reset, rate-limited
wagtailadmin_account*                         ok         ok          one's own account
wagtailadmin_dismissibles                     ok         ok          one's own dismissed hints
wagtailadmin_sprite                           ok         ok          the admin's icons
wagtailadmin_javascript_catalog               ok         ok          the admin's translations
wagtail_localize:javascript_catalog           ok         ok          wagtail-localize's translations
wagtailadmin_error_test                       ok         ok          Wagtail's error page test (DEBUG views)
(unnamed)                                     ok         ok          Wagtail's 404 test page
wagtailadmin_block_preview                    ok         ok          preview of a StreamField block, no data
wagtailadmin_editing_sessions:*               ok         ok          who else edits the page one edits
wagtailadmin_tag_autocomplete                 ok         ok          tag names
wagtailadmin_tag_model_autocomplete           ok         ok          tag names of one model
wagtailadmin_api:*                            ok         ok          what the user may choose (core/admin_api.py, tests/test_admin_listings_by_id.py)
wagtailadmin_explore*                         ok         ok          a supporter is sent to their own page ("own")
wagtailadmin_choose_page*                     ok         ok          the page chooser; chosen ids are checked on save (tests/test_chooser_rights.py)
wagtailadmin_pages:search*                    ok         ok          pages the user may see
wagtailadmin_pages:confirm_workflow_cancellation  ok     ok          a confirmation dialog with the workflow's name, no page content
wagtailadmin_pages:*                          no         ok          tree rights: a translator edits every page, a supporter only their own
wagtailadmin_workflows:task_chooser*          ok         ok          names of the workflow tasks; creating one needs the add permission
wagtailadmin_workflows:*                      no         no          administrators
wagtailadmin_reports:*                        no         ok          tests/test_permissions_matrix.py VIEW_TABLE (no reports for supporters)
wagtailadmin_collections:*                    no         no          administrators
wagtailforms:*                                ok         ok          form pages with rights: none for these roles
wagtailembeds:*                               ok         ok          embed chooser, no stored data
wagtailsearchpromotions:chooser*              ok         ok          the popular search terms chooser
wagtailsearchpromotions:*                     no         no          administrators
wagtailimages_chooser:*                       ok         ok          images the user may choose: a supporter's own collection, none for a translator
wagtailimages:*                               ok         no          a supporter's own collection; translators have no images
wagtaildocs_chooser:*                         ok         ok          documents the user may choose: a supporter's own collection, none for a translator
wagtaildocs:*                                 ok         no          a supporter's own collection; translators have no documents
wagtailsnippetchoosers_*                      ok         ok          menus, footers, categories, programmes, themes: public on the site, no drafts (core/chosen.py)
wagtailsnippets*                              no         no          snippets are for staff
wagtail_localize:submit_page_translation      no         ok          translators start translations
wagtail_localize:translations_report*         no         ok          tests/test_permissions_matrix.py VIEW_TABLE
wagtail_localize:*                            no         ok          tests/test_localize_rights.py (publishing needs publish rights)
wagtail_localize_*                            no         ok          tests/test_localize_rights.py
wagtaillocales:*                              no         no          administrators
wagtailsites:*                                no         no          administrators
wagtailusers_*                                no         no          administrators
wagtailredirects:*                            no         no          administrators
wagtailsettings:*                             no         no          administrators
wagtail_bulk_action                           ok         ok          only objects the user may act on are listed (tests/test_admin_listings_by_id.py)
supporter_applications:*                      no         no          Communications
newsletter_*                                  no         no          Communications
newsletter:*                                  no         no          Communications
outgoing_email:*                              no         no          Communications
twinning_*                                    no         no          Communications
aggregation_*                                 no         no          Communications
contact_messages:*                            no         no          Communications
"""

REFUSED = {"no", "login", "400", "405"}


def address_rules():
    header, *rows = [re.split(r"\s{2,}", line.strip()) for line in ADDRESS_RULES.strip().splitlines()]
    assert header == ["pattern", "supporter", "translator", "why"]
    return [(pattern, {"supporter": supporter, "translator": translator}) for pattern, supporter, translator, _ in rows]


def admin_addresses():
    """(name, route) of every URL pattern under the admin, names with their namespaces."""
    from django.urls import URLResolver, get_resolver

    def walk(resolver, route="", namespace=""):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                inner = namespace + (f"{entry.namespace}:" if entry.namespace else "")
                yield from walk(entry, route + str(entry.pattern), inner)
            else:
                yield namespace + (entry.name or "(unnamed)"), route + str(entry.pattern)

    admin = reverse("wagtailadmin_home").lstrip("/")
    return [(name, route) for name, route in walk(get_resolver()) if route.startswith(admin)]


def rule_for(name):
    from fnmatch import fnmatchcase

    return next((rule for pattern, rule in address_rules() if fnmatchcase(name, pattern)), None)


def test_every_admin_address_is_reviewed():
    unreviewed = sorted({name for name, _route in admin_addresses() if rule_for(name) is None})
    assert not unreviewed, "\n".join(unreviewed)


ARGUMENT = re.compile(r"<(?:\w+:)?(\w+)>")


@pytest.mark.parametrize("role", ["supporter", "translator"])
def test_no_address_opens_to_a_role_against_its_rule(as_role, site, role):
    values = {
        "page_id": site.other.pk,
        "parent_page_id": site.other.pk,
        "image_id": site.other_image.pk,
        "document_id": site.other_document.pk,
    }
    client = as_role(role)
    walked, opened = 0, []
    for name, route in admin_addresses():
        if rule_for(name)[role] != "no" or any(arg not in values for arg in ARGUMENT.findall(route)):
            continue
        url = "/" + ARGUMENT.sub(lambda match: str(values[match.group(1)]), route).replace("^", "").replace("$", "")
        got = outcome(client.get(url), site)
        if got.startswith("redirect to /admin/"):  # an old address of another view: that view decides
            got = outcome(client.get(got.removeprefix("redirect to ")), site)
        walked += 1
        # Unknown to the router, a language-prefixed redirect (LocaleMiddleware's 404 fallback) is refused too.
        if got not in REFUSED and not got.startswith("redirect to /en/"):
            opened.append((name, url, got))
    assert walked > 40
    assert not opened, "\n".join(" ".join(row) for row in opened)


def test_an_author_removes_their_own_draft(as_role, site):
    own = unpublished(
        NewsPageFactory(parent=site.news.get_parent(), title="My idea", slug="my-idea", owner=site.users["editor"])
    )
    assert as_role("editor").post(reverse("wagtailadmin_pages:delete", args=[own.pk])).status_code == 302
    assert fresh(own) is None
