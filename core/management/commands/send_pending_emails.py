"""Send the stored emails that are due: new ones whose task was lost, and failed ones to retry.

Run it from cron or a scheduler every few minutes (it is safe to run it on several machines at
once: each message is claimed before it is sent). Messages stuck "sending" for longer than
OUTGOING_EMAIL_SENDING_TIMEOUT are marked interrupted and left for staff to decide.
"""

from django.core.management.base import BaseCommand

from core.mail import send_due_emails


class Command(BaseCommand):
    help = "Send pending emails and retry failed ones whose next attempt is due."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=None, help="Send at most this many emails.")

    def handle(self, *args, limit=None, **options):
        outcome = send_due_emails(limit=limit)
        if not outcome:
            self.stdout.write("No email is due.")
            return
        summary = ", ".join(f"{count} {status}" for status, count in sorted(outcome.items(), key=str))
        self.stdout.write(f"Emails: {summary}.")
