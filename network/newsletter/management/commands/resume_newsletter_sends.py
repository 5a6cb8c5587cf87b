"""Resume the newsletter sends that stopped making progress (a worker died, a task was lost).

Safe to run from cron next to `send_pending_emails`: resuming never sends an issue twice to
anyone, and a send that is still progressing is left alone.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from network.newsletter import sending
from network.newsletter.models import NewsletterSend


class Command(BaseCommand):
    help = "Resume newsletter sends without progress for a while."

    def add_arguments(self, parser):
        parser.add_argument(
            "--stalled-after", type=int, default=900, help="Seconds without progress before a send is resumed."
        )

    def handle(self, *args, stalled_after=900, **options):
        cutoff = timezone.now() - timedelta(seconds=stalled_after)
        stalled = NewsletterSend.objects.filter(status=NewsletterSend.Status.SENDING).filter(
            Q(last_progress_at__lte=cutoff) | Q(last_progress_at__isnull=True, started_at__lte=cutoff)
        )
        count = 0
        for send in stalled:
            if sending.resume(send):
                count += 1
                self.stdout.write(f"Resumed: {send.title}")
        if not count:
            self.stdout.write("No stalled newsletter send.")
