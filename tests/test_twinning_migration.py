"""Moving the twinning projects to the twinning app, and their themes to the taxonomy, keeps every row.

The old state (signatories 0001, twinning 0001) is built through the historical models: two
programmes, an index, three projects on three former theme codes (one theme already in the
taxonomy, one missing, one the taxonomy never had), their partners, a revision, and a request
with themes. Forwards, the same rows are there with the same ids, the pages' content types have
the twinning app's label (the same ids too), each project has the theme of its former code;
backwards, the codes come back.
"""

from datetime import date

import pytest
from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from wagtail.models import Page, Revision

from network.aggregation.models import FeedSource
from network.twinning.models import PartnershipRequest, PartnershipTheme, TwinningPage, TwinningProgramme

BEFORE = [("signatories", "0001_initial"), ("twinning", "0001_initial")]
MOVED = ["twinningprogramme", "twinningindexpage", "twinningpage", "twinningpartner"]


def migrate(targets=None):
    """Migrate to `targets` (every app's latest migration by default); the historical apps there."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    ContentType.objects.clear_cache()
    if targets == executor.loader.graph.leaf_nodes():
        # Warm again: the serialized rollback of the next transactional test saves objects whose
        # signals ask for content types; a cold cache would create rows it then restores again.
        ContentType.objects.get_for_models(*django_apps.get_models())
    return executor.loader.project_state(targets).apps


def add_page(apps, model, parent, slug, **fields):
    """A page under `parent`, as the historical models allow (no treebeard): path, depth and counts by hand."""
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    app_label, model_name = model.split(".")
    parent.numchild += 1
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild)
    alphabet_position = "ZZZ" if parent.depth == 1 else "000"  # clear of the pages already under the root
    return apps.get_model(app_label, model_name).objects.create(
        path=f"{parent.path}{alphabet_position}{parent.numchild}",
        depth=parent.depth + 1,
        numchild=0,
        slug=slug,
        url_path=f"{parent.url_path}{slug}/",
        draft_title=fields["title"],
        live=True,
        content_type=ContentType.objects.get(app_label=app_label, model=model_name.lower()),
        **fields,
    )


def build_old_state(apps):
    """The rows of the old state; returns what the assertions compare with."""
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    Programme = apps.get_model("signatories", "TwinningProgramme")
    Partner = apps.get_model("signatories", "TwinningPartner")
    Theme = apps.get_model("twinning", "PartnershipTheme")
    Request = apps.get_model("twinning", "PartnershipRequest")

    english, _created = Locale.objects.get_or_create(language_code="en")
    turkish, _created = Locale.objects.get_or_create(language_code="tr")
    waste = Theme.objects.create(slug="waste", name="Waste and recycling", locale=english, sort_order=4)
    Theme.objects.create(slug="waste", name="Atık", locale=turkish, translation_key=waste.translation_key)
    twin = Programme.objects.create(name="Turkey-EU Town Twinning project", acronym="TWIN", slug="twin", locale=english)
    Programme.objects.create(
        name="Türkiye-AB Şehir Eşleştirme", slug="twin", locale=turkish, translation_key=twin.translation_key
    )

    root = Page.objects.get(depth=1)
    index = add_page(apps, "signatories.TwinningIndexPage", root, "twinning", title="Twinning", locale=english)
    directory = add_page(
        apps, "signatories.SignatoryIndexPage", root, "signatories", title="Signatories", locale=english
    )
    espiye = add_page(
        apps, "signatories.SignatoryPage", directory, "espiye", title="Espiye", country="TR", locale=english
    )
    projects = {}
    for code, title in [("circular_economy", "Espiye – Gondomar"), ("tourism", "Kuşadası – Sinaia"),
                        ("climate_energy", "Menteşe – Elbasan")]:  # fmt: skip
        projects[code] = add_page(
            apps,
            "signatories.TwinningPage",
            index,
            code.replace("_", "-"),
            title=title,
            locale=english,
            programme=twin,
            project_title=f"The {title} project",
            theme=code,
            start_year=2019,
            end_year=2020,
            status="completed",
        )
    Partner.objects.create(
        page=projects["circular_economy"], signatory=espiye, name="Espiye", country="TR", sort_order=0
    )
    Partner.objects.create(page=projects["circular_economy"], name="Gondomar", country="PT", sort_order=1)
    Partner.objects.create(page=projects["tourism"], name="Sinaia", country="RO", sort_order=0)
    page_type = ContentType.objects.get(app_label="signatories", model="twinningpage")
    revision = Revision.objects.create(
        content_type=page_type,
        base_content_type=ContentType.objects.get(app_label="wagtailcore", model="page"),
        object_id=str(projects["tourism"].pk),
        created_at=timezone.now(),
        object_str="Kuşadası – Sinaia",
        content={"pk": projects["tourism"].pk, "title": "Kuşadası – Sinaia", "theme": "tourism", "partners": []},
    )
    request = Request.objects.create(
        language="tr",
        authority_name="Sinop",
        country="TR",
        title="Sinop seeks a partner",
        description="Waste sorting at school.",
        programme="twin",
        working_languages=",tr,",
        contact_name="Ayşe Yılmaz",
        contact_email="ayse@sinop.example",
        consented_at=timezone.now(),
        valid_from=date(2026, 1, 1),
        valid_until=date(2027, 1, 1),
    )
    request.themes_sought.add(waste)
    return {
        "programme": twin.pk,
        "index": index.pk,
        "espiye": espiye.pk,
        "projects": {code: page.pk for code, page in projects.items()},
        "page type": page_type.pk,
        "content types": dict(
            ContentType.objects.filter(app_label="signatories", model__in=MOVED).values_list("model", "pk")
        ),
        "revision": revision.pk,
        "request": request.pk,
        "waste": waste.pk,
        "pages": Page.objects.count(),
    }


def assert_new_state(old):
    programme = TwinningProgramme.objects.get(pk=old["programme"])
    assert programme.short_name == "TWIN"
    assert TwinningProgramme.objects.filter(translation_key=programme.translation_key).count() == 2
    assert Page.objects.count() == old["pages"]
    assert (
        dict(ContentType.objects.filter(app_label="twinning", model__in=MOVED).values_list("model", "pk"))
        == (old["content types"])
    )
    assert not ContentType.objects.filter(app_label="signatories", model__in=MOVED).exists()

    projects = {code: Page.objects.get(pk=pk) for code, pk in old["projects"].items()}
    assert {page.content_type_id for page in projects.values()} == {old["page type"]}
    specific = {code: page.specific for code, page in projects.items()}
    assert all(type(page) is TwinningPage for page in specific.values())
    assert specific["tourism"].title == "Kuşadası – Sinaia"
    assert Page.objects.get(pk=old["index"]).specific_class.__name__ == "TwinningIndexPage"
    assert {code: page.theme.slug for code, page in specific.items()} == {
        "circular_economy": "waste",
        "tourism": "tourism",
        "climate_energy": "climate-energy",
    }
    assert specific["circular_economy"].theme_id == old["waste"]  # the taxonomy's own theme
    created = specific["climate_energy"].theme
    assert (created.name, created.locale.language_code) == ("Climate and energy", "en")
    translations = PartnershipTheme.objects.filter(translation_key=created.translation_key)
    assert translations.get(locale__language_code="tr").name == "İklim ve enerji"  # from the catalogue

    partners = specific["circular_economy"].partners.order_by("sort_order")
    assert [(partner.name, str(partner.country), partner.signatory_id) for partner in partners] == [
        ("Espiye", "TR", old["espiye"]),
        ("Gondomar", "PT", None),
    ]
    revision = Revision.objects.get(pk=old["revision"])
    assert revision.content["theme"] == specific["tourism"].theme_id
    assert revision.as_object().theme.slug == "tourism"

    request = PartnershipRequest.objects.get(pk=old["request"])
    assert list(request.themes_sought.values_list("pk", flat=True)) == [old["waste"]]
    # The feed sources' foreign key followed the programmes' table.
    FeedSource.objects.create(
        name="TWIN news", url="https://twin.example/feed/", owner_kind="programme", language="en", programme=programme
    )
    assert FeedSource.objects.get(programme=programme).name == "TWIN news"
    FeedSource.objects.filter(programme=programme).delete()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_projects_move_to_the_twinning_app_with_their_themes_and_back():
    try:
        old = build_old_state(migrate(BEFORE))
        migrate()
        assert_new_state(old)

        apps = migrate(BEFORE)
        TwinningPage = apps.get_model("signatories", "TwinningPage")
        ContentType = apps.get_model("contenttypes", "ContentType")
        Revision = apps.get_model("wagtailcore", "Revision")
        codes = dict(TwinningPage.objects.values_list("pk", "theme"))
        assert codes == {pk: code for code, pk in old["projects"].items()}
        assert ContentType.objects.get(pk=old["page type"]).app_label == "signatories"
        assert Revision.objects.get(pk=old["revision"]).content["theme"] == "tourism"
        assert TwinningPage.objects.get(pk=old["projects"]["tourism"]).title == "Kuşadası – Sinaia"
    finally:
        migrate()
