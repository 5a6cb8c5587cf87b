"""Adding many pages under one parent at once: the bulk path of imports and benchmarks.

Wagtail's `add_child` saves one page at a time (a tree lock, a path, several queries, signals).
Thousands of new children are written here as bulk inserts instead: `PathAllocator` hands out
the treebeard paths that `add_child` would give, after the parent's existing children, and
`bulk_add_children` writes live pages with them. Neither makes revisions, runs signals or
indexes for search: the caller does what it needs of those.

Both rest on treebeard's materialised-path encoding (`Page._get_path`, `Page._str2int`) and on
the INSERT that Django's `bulk_create` makes for a child table (`Manager._insert`), which are not
public APIs: tests/test_tree.py pins them (the paths equal `add_child`'s, and `Page.find_problems()`
finds nothing after a bulk insert).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Max
from django.utils import timezone
from wagtail.models import Page

BATCH = 200


class PathAllocator:
    """Hands out treebeard paths for new children of `parent`, after its existing children."""

    def __init__(self, parent):
        self.parent = parent
        last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).aggregate(Max("path"))
        self.next_step = Page._str2int(last["path__max"][-Page.steplen :]) + 1 if last["path__max"] else 1

    def take(self):
        path = Page._get_path(self.parent.path, self.parent.depth + 1, self.next_step)
        self.next_step += 1
        return path


def bulk_add_children(parent, model, items, batch=BATCH):
    """Insert `items` (unsaved instances of the page type `model`) as live children of `parent`."""
    if not items:
        return
    paths = PathAllocator(parent)
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(model)
    page_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    for item in items:
        item.path = paths.take()
        item.depth = parent.depth + 1
        item.numchild = 0
        item.url_path = f"{parent.url_path}{item.slug}/"
        item.draft_title = item.title
        item.live = True
        item.has_unpublished_changes = False
        item.first_published_at = item.last_published_at = now
        item.content_type = content_type
        item.locale_id = parent.locale_id
    for start in range(0, len(items), batch):
        chunk = items[start : start + batch]
        bases = Page.objects.bulk_create(
            [Page(**{field.attname: getattr(item, field.attname) for field in page_fields}) for item in chunk]
        )
        for item, base in zip(chunk, bases, strict=True):
            item.pk = item.page_ptr_id = base.pk
        # Django's bulk_create refuses multi-table models; this is the INSERT it would make for
        # the child table (the parent rows exist already).
        model._base_manager._insert(chunk, fields=model._meta.local_concrete_fields)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(items))
