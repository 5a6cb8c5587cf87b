"""Spreadsheet cells that cannot run: formula injection neutralised in exported CSV files.

A spreadsheet program reads a cell beginning with =, +, -, @ (or a tab or carriage return) as a
formula, and a formula can fetch a URL or start a program. Prefixed with an apostrophe, as
OWASP advises, the cell is shown as the text it is. Plain numbers ("-12", "3.5") are no formula
and stay numbers.

Every CSV the admin exports (Wagtail's listing exports and reports, and the project's own) goes
through `FormulaSafeCsvMiddleware`, so a new export cannot forget it; the open-data export
(signatories.exports) neutralises its text cells itself, by column type. Wagtail's XLSX exports
already store such values as text cells.
"""

import codecs
import csv
import io
import re

from django.urls import reverse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?\Z")


def neutralise(text):
    """`text`, with an apostrophe before it when a spreadsheet would read it as a formula."""
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


def neutralise_cell(text):
    """As `neutralise`, leaving plain numbers alone."""
    return text if PLAIN_NUMBER.match(text) else neutralise(text)


def _lines(chunks, encoding):
    """The text of `chunks` (bytes), one line at a time with its "\\n" (csv joins quoted lines)."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    pending = ""
    for chunk in chunks:
        *complete, pending = (pending + decoder.decode(chunk)).split("\n")
        for line in complete:
            yield line + "\n"
    pending += decoder.decode(b"", final=True)
    if pending:
        yield pending


def safe_csv(chunks, encoding="utf-8"):
    """The CSV file of `chunks`, record by record, with every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # "\r\n" and minimal quoting, as Python's and Wagtail's writers
    for record in csv.reader(_lines(chunks, encoding)):
        writer.writerow([neutralise_cell(cell) for cell in record])
        yield buffer.getvalue().encode(encoding)
        buffer.seek(0)
        buffer.truncate()


class FormulaSafeCsvMiddleware:
    """Neutralises the cells of every CSV file the admin sends, streamed or not."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        response = self.get_response(request)
        if not response.get("Content-Type", "").startswith("text/csv") or not self._in_admin(request):
            return response
        encoding = response.charset or "utf-8"
        if response.streaming:
            response.streaming_content = safe_csv(response.streaming_content, encoding)
        else:
            response.content = b"".join(safe_csv([response.content], encoding))
        return response

    def _in_admin(self, request):
        if self.admin_prefix is None:
            self.admin_prefix = reverse("wagtailadmin_home")
        return request.path.startswith(self.admin_prefix)
