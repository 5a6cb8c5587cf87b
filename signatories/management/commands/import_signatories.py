"""manage.py import_signatories FILE.csv [--dry-run] [--index PAGE_ID]

An idempotent upsert by organisation_id: a report of created, updated, unchanged and rejected
rows (with the line number and reason of each rejected row); all or nothing per file.
"""

import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from signatories.importer import ImportRejected, RowInvalid, import_rows, read_csv


class Command(BaseCommand):
    help = "Create or update signatory pages from a CSV file (columns as in the open-data export)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file, UTF-8, comma- or semicolon-separated, with a header row.")
        parser.add_argument("--dry-run", action="store_true", help="Check and report, write nothing.")
        parser.add_argument("--index", type=int, help="ID of the signatory directory page (if there are several).")
        parser.add_argument("--user", help="Username recorded as the owner of new pages.")
        parser.add_argument(
            "--no-search-index", action="store_true", help="Leave the search index to a later update_index run."
        )

    def handle(self, *args, **options):
        started = time.perf_counter()
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user {options['user']!r}.")
        try:
            with open(options["file"], "rb") as file:
                rows = read_csv(file)
            report = import_rows(
                rows,
                index=options["index"],
                dry_run=options["dry_run"],
                user=user,
                update_search_index=not options["no_search_index"],
            )
        except OSError as error:
            raise CommandError(f"Cannot read {options['file']}: {error.strerror}") from error
        except RowInvalid as error:
            raise CommandError(f"{options['file']}: {error}. Nothing was written.") from error
        except ImportRejected as rejected:
            report = rejected.report
            for line, organisation_id, reason in report.rejected:
                self.stderr.write(f"line {line}: rejected {organisation_id or '(no id)'}: {reason}")
            raise CommandError(
                f"{len(report.rejected)} of {len(rows)} rows rejected; nothing was written. Fix them and import again."
            ) from None

        verbose = options["verbosity"] > 1
        for line, organisation_id, name in report.created if verbose else []:
            self.stdout.write(f"line {line}: create {organisation_id} {name}")
        for line, organisation_id, name, fields in report.updated:
            self.stdout.write(f"line {line}: update {organisation_id} {name}: {', '.join(fields)}")
        prefix = "Dry run, nothing written: would create" if report.dry_run else "Created"
        self.stdout.write(
            f"{prefix} {len(report.created)}, "
            f"{'would update' if report.dry_run else 'updated'} {len(report.updated)}, "
            f"unchanged {len(report.unchanged)}, rejected 0"
            + (f" ({report.aliases} aliases in other languages)" if report.aliases else "")
            + "."
        )
        steps = ", ".join(f"{name} {seconds:.2f}s" for name, seconds in report.timings.items())
        self.stdout.write(f"Time: {time.perf_counter() - started:.2f}s ({steps}).")
