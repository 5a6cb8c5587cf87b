"""Who may keep a supporter profile up to date, and how their changes reach the public site.

The owner of a profile belongs to a group of its own whose only rights are:

- editing (not publishing, deleting, moving or copying) that one page;
- adding images and documents to the profile's own collection, and choosing from it.

Every profile is assigned the "Supporter profile review" workflow: an owner's changes are
submitted to it and published once a moderator approves them.
"""

from django.contrib.auth.models import Group, Permission
from django.db import models, transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import SupporterOwnership, SupporterPage

PROFILE_WORKFLOW_NAME = "Supporter profile review"
PROFILE_TASK_NAME = "Moderators approve the supporter profile"
MODERATORS_GROUP_NAME = "Moderators"
OWNER_PAGE_PERMISSIONS = [("wagtailcore", "change_page")]
OWNER_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]
OWNER_GLOBAL_PERMISSIONS = [("wagtailadmin", "access_admin")]


def _permissions(pairs):
    wanted = models.Q()
    for app_label, codename in pairs:
        wanted |= models.Q(content_type__app_label=app_label, codename=codename)
    found = list(Permission.objects.filter(wanted).select_related("content_type"))
    if len(found) != len(pairs):
        raise LookupError(f"Missing permissions among {pairs}")
    return found


def _unique_name(model, base, field="name", limit=150):
    base = base[: limit - 8].strip()
    name, number = base, 2
    while model.objects.filter(**{field: name}).exists():
        name = f"{base} ({number})"
        number += 1
    return name


@transaction.atomic
def grant_owner_rights(page, user):
    """Make `user` the owner of the supporter profile `page`; returns the SupporterOwnership (idempotent)."""
    ownership = SupporterOwnership.objects.filter(page=page).select_related("group", "collection").first()
    if ownership is None:
        label = f"Supporter: {page.title}"
        root = Collection.get_first_root_node()
        collection = root.add_child(instance=Collection(name=_unique_name(Collection, label, limit=255)))
        group = Group.objects.create(name=_unique_name(Group, label))
        ownership = SupporterOwnership.objects.create(page=page, group=group, collection=collection)
    group, collection = ownership.group, ownership.collection
    group.permissions.add(*_permissions(OWNER_GLOBAL_PERMISSIONS))
    for permission in _permissions(OWNER_PAGE_PERMISSIONS):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
    if collection is not None:
        for permission in _permissions(OWNER_COLLECTION_PERMISSIONS):
            GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)
    user.groups.add(group)
    Page.objects.filter(pk=page.pk).update(owner=user)
    page.owner = user
    assign_profile_workflow(page)
    return ownership


def profile_review_workflow():
    """The "Supporter profile review" workflow: one group approval task for the moderators (created once)."""
    workflow = Workflow.objects.filter(name=PROFILE_WORKFLOW_NAME).first()
    if workflow is not None:
        return workflow
    moderators, _created = Group.objects.get_or_create(name=MODERATORS_GROUP_NAME)
    task = GroupApprovalTask.objects.create(name=PROFILE_TASK_NAME)
    task.groups.set([moderators])
    workflow = Workflow.objects.create(name=PROFILE_WORKFLOW_NAME, active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def assign_profile_workflow(page):
    """Send every change of this profile through the profile review (unless staff chose another workflow)."""
    workflow = profile_review_workflow()
    WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def owned_profiles(user):
    """The supporter pages `user` owns through an owner group."""
    return SupporterPage.objects.filter(ownerships__group__in=user.groups.all()).distinct()


def is_profile_owner_only(user):
    """True for a supporter's account: its only page rights come from owner groups (staff are never this)."""
    if not user.is_authenticated or user.is_superuser:
        return False
    cached = getattr(user, "_is_profile_owner_only", None)
    if cached is None:
        groups = user.groups.all()
        owns = SupporterOwnership.objects.filter(group__in=groups).exists()
        other_rights = GroupPagePermission.objects.filter(group__in=groups.filter(supporter_ownership__isnull=True))
        cached = owns and not other_rights.exists()
        user._is_profile_owner_only = cached
    return cached
