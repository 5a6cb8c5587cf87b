"""Tasks that fetch the network's feeds (django-tasks).

`fetch_due_feeds` is what a scheduler runs every few minutes. With a queue backend it enqueues
one `fetch_feed` per due source, so the workers share them out; with the immediate backend of
the embedded run (settings.IMMEDIATE_TASK_BACKEND) tasks run in-process anyway, and it fetches
the due sources itself, several at once (`fetching.fetch_due_sources`). The management command
`fetch_feeds` does the same from cron or a systemd timer without a worker.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from .fetching import fetch_due_sources, fetch_source
from .models import FeedSource

logger = logging.getLogger(__name__)

# A source handed to the queue is not handed to it again for this long, unless its fetch has
# set its next time by then: a busy queue then never holds two fetches of one source.
QUEUED_FETCH_HOLD = timedelta(minutes=15)


@task()
def fetch_feed(source_id):
    """Fetch one active source; the outcome of the fetch, or "skipped" when it is gone or paused."""
    source = FeedSource.objects.filter(pk=source_id, is_active=True).first()
    if source is None:
        return "skipped"
    return str(fetch_source(source).outcome)


def runs_in_process(task_to_run):
    """Whether the backend of `task_to_run` is the immediate one, which runs tasks where they are enqueued."""
    return isinstance(task_to_run.get_backend(), import_string(settings.IMMEDIATE_TASK_BACKEND))


@task()
def fetch_due_feeds():
    """Fetch the due sources: through the queue, one task each, or here when tasks run in-process."""
    if runs_in_process(fetch_feed):
        records = fetch_due_sources()
        return {"fetched": len(records), "enqueued": 0}
    now = timezone.now()
    enqueued = 0
    for source_id in list(FeedSource.objects.due(now).values_list("pk", flat=True)):
        FeedSource.objects.filter(pk=source_id).update(next_fetch_at=now + QUEUED_FETCH_HOLD)
        try:
            fetch_feed.enqueue(source_id)
        except Exception:
            logger.exception("Could not enqueue the fetch of news source %s; it is tried again later.", source_id)
            continue
        enqueued += 1
    return {"fetched": 0, "enqueued": enqueued}
