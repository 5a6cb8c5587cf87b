"""core/tree.py: many pages under one parent in bulk, in a tree Wagtail finds sound.

It rests on treebeard's path encoding and Django's child-table INSERT, which are not public: these
tests pin them (the paths are those `add_child` gives, and `Page.find_problems()` finds nothing).
"""

import pytest
from wagtail.models import Page

from core.tree import PathAllocator, bulk_add_children
from home.models import StandardPage
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_the_allocator_gives_the_paths_add_child_gives(site_tree):
    home = site_tree["en"]
    StandardPageFactory(parent=home, slug="first")
    allocator = PathAllocator(Page.objects.get(pk=home.pk))
    expected = [allocator.take(), allocator.take()]
    made = [StandardPageFactory(parent=Page.objects.get(pk=home.pk), slug=slug).path for slug in ("second", "third")]
    assert expected == made


def test_bulk_children_make_a_sound_tree_that_add_child_continues(site_tree):
    home = Page.objects.get(pk=site_tree["en"].pk)
    StandardPageFactory(parent=home, slug="existing")
    items = [StandardPage(title=f"Bulk {number}", slug=f"bulk-{number}") for number in range(5)]
    bulk_add_children(Page.objects.get(pk=home.pk), StandardPage, items, batch=2)

    assert Page.find_problems() == ([], [], [], [], [])
    home.refresh_from_db()
    children = list(home.get_children().specific())
    assert [page.slug for page in children] == ["existing", *[f"bulk-{number}" for number in range(5)]]
    assert home.numchild == 6
    assert all(page.live and page.url_path == f"{home.url_path}{page.slug}/" for page in children[1:])
    assert all(page.locale_id == home.locale_id for page in children)

    after = StandardPageFactory(parent=Page.objects.get(pk=home.pk), slug="after")
    assert after.path > children[-1].path
    assert Page.find_problems() == ([], [], [], [], [])


def test_nothing_to_add_changes_nothing(site_tree):
    home = Page.objects.get(pk=site_tree["en"].pk)
    bulk_add_children(home, StandardPage, [])
    home.refresh_from_db()
    assert home.numchild == 0
