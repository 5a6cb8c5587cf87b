"""The "Supporter profile review": an owner's changes wait for a moderator, who publishes or sends them back."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from network.supporters.models import SupporterPage
from tests.forms import browser_form_data
from tests.supporter_factories import supporter_index_fixture, supporter_world_fixture  # noqa: F401

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("test_supporters_workflow"),
]

NEW_TEXT = "Eğitim, teknik destek ve finansman danışmanlığı."


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("moderator", "moderator@network.example", "a-long-test-password")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def submit_for_review(client, page, **changes):
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = browser_form_data(client.get(edit_url).content.decode(), "page-edit-form")
    data.update({name: [value] for name, value in changes.items()})
    data["action-submit"] = ["1"]
    return client.post(edit_url, data)


def live(page):
    return SupporterPage.objects.get(pk=page.pk)


def workflow_action(client, page, action, state, **data):
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.current_task_state.pk])
    return client.post(url, data)


def test_the_owners_changes_wait_for_review_then_a_moderator_publishes_them(client, supporter_world, moderator):
    world = supporter_world
    client.force_login(world.owner)
    response = submit_for_review(client, world.own, services_introduction=NEW_TEXT)
    assert response.status_code == 302

    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(world.own.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Supporter profile review"
    assert state.requested_by == world.owner
    assert live(world.own).services_introduction != NEW_TEXT  # the public profile is unchanged meanwhile
    assert client.get(world.own.url).content.decode().count(NEW_TEXT) == 0

    # The owner cannot approve their own submission.
    workflow_action(client, world.own, "approve", state)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    client.force_login(moderator)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Union of Provinces" in dashboard  # awaiting their review
    response = workflow_action(client, world.own, "approve", state)
    assert response.status_code in {200, 302}
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    page = live(world.own)
    assert page.services_introduction == NEW_TEXT
    assert page.live and not page.has_unpublished_changes
    assert NEW_TEXT in client.get(page.url).content.decode()


def test_a_moderator_sends_changes_back_and_nothing_is_published(client, supporter_world, moderator):
    world = supporter_world
    client.force_login(world.owner)
    submit_for_review(client, world.own, title="Union of Provinces of Türkiye")
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(world.own.pk))

    client.force_login(moderator)
    workflow_action(client, world.own, "reject", state, comment="Please keep the official name.")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert Page.objects.get(pk=world.own.pk).title == "Union of Provinces"

    # The owner sees the request and may submit again.
    client.force_login(world.owner)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[world.own.pk]))
    assert edit.status_code == 200
    html = edit.content.decode()
    assert "Changes requested" in html
    assert "Please keep the official name." in html


def test_the_owner_cannot_act_on_another_profiles_review(client, supporter_world, moderator):
    world = supporter_world
    client.force_login(world.someone_else)
    submit_for_review(client, world.other, services_introduction="Their new services.")
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(world.other.pk))

    client.force_login(world.owner)
    workflow_action(client, world.other, "approve", state)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert live(world.other).services_introduction != "Their new services."
