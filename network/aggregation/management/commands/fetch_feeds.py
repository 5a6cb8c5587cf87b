"""Fetch the network's feeds from cron or a systemd timer: the due ones, all active ones, or one.

A source that fails is recorded as failed (its fetch log, its error, a later retry) and the
command still exits 0; only a bad argument makes it fail. Several feeds are fetched at once
(AGGREGATION_CONCURRENCY).
"""

from django.core.management.base import BaseCommand, CommandError, no_translations

from network.aggregation.fetching import fetch_due_sources, fetch_source, fetch_sources
from network.aggregation.models import FeedSource, FetchOutcome


class Command(BaseCommand):
    help = "Fetch the news feeds that are due and store their new items."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--all", action="store_true", help="Fetch every active source, due or not.")
        which.add_argument(
            "--source", type=int, metavar="ID", help="Fetch this source only, even if it is paused or not due."
        )

    # The report is a log for operators, in the code's language whatever a request last activated.
    @no_translations
    def handle(self, *args, **options):
        if options["source"] is not None:
            source = FeedSource.objects.filter(pk=options["source"]).first()
            if source is None:
                raise CommandError(f"There is no news source with the id {options['source']}.")
            records = [fetch_source(source)]
        elif options["all"]:
            records = fetch_sources(FeedSource.objects.filter(is_active=True))
        else:
            records = fetch_due_sources()
        if not records:
            self.stdout.write("No news source is due.")
            return
        for record in records:
            self.stdout.write(self.describe(record))
        self.stdout.write(self.total(records))

    def describe(self, record):
        line = (
            f"{record.source.name}: {record.get_outcome_display()}, "
            f"{record.new_items} new, {record.updated_items} updated"
        )
        return f"{line} ({record.error})" if record.error else line

    def total(self, records):
        counts = {outcome: sum(record.outcome == outcome for record in records) for outcome in FetchOutcome.values}
        return (
            f"{len(records)} sources: {counts[FetchOutcome.OK]} fetched, "
            f"{counts[FetchOutcome.NOT_MODIFIED]} not modified, {counts[FetchOutcome.ERROR]} failed; "
            f"{sum(record.new_items for record in records)} new items, "
            f"{sum(record.updated_items for record in records)} updated."
        )
