"""Key figures of the network: signatories, countries, population covered, commitments."""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from .models import Commitment, SignatoryPage


@dataclass(frozen=True)
class KeyFigures:
    signatories: int
    countries: int
    population: int
    commitments: list  # [(value, label, count)]


def key_figures(queryset=None, *, locale=None):
    """Figures of `queryset` (default: every live signatory of `locale`), in one query."""
    if queryset is None:
        queryset = SignatoryPage.objects.live()
        if locale is not None:
            queryset = queryset.filter(locale=locale)
    aggregates = {
        "signatories": Count("pk"),
        "countries": Count("country", distinct=True),
        "population": Sum("population"),
        **{value: Count("pk", filter=Q(**{value: True})) for value, _label in Commitment.choices},
    }
    row = queryset.order_by().aggregate(**aggregates)
    return KeyFigures(
        signatories=row["signatories"],
        countries=row["countries"],
        population=row["population"] or 0,
        commitments=[(value, label, row[value]) for value, label in Commitment.choices],
    )
