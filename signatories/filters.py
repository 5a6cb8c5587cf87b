"""The directory's filters: a GET form whose query string can be shared.

Bad input never fails the page: a value that is not understood is dropped (and the visitor is
told), never passed to the database as anything but a bound parameter.
"""

from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .countries import country_choices, is_country_code
from .models import ActionPlanStatus, Commitment, SignatoryNetworkLink, SignatoryStatus
from .text import fold

POPULATION_BANDS = {
    # value: (label, minimum included, maximum excluded)
    "lt10k": (_("Under 10,000"), None, 10_000),
    "10k-50k": (_("10,000 to 50,000"), 10_000, 50_000),
    "50k-250k": (_("50,000 to 250,000"), 50_000, 250_000),
    "250k-1m": (_("250,000 to 1 million"), 250_000, 1_000_000),
    "gt1m": (_("Over 1 million"), 1_000_000, None),
}

SORTS = {
    "name": (_("Name (A–Z)"), [F("name_sort").asc(), F("pk").asc()]),
    "-name": (_("Name (Z–A)"), [F("name_sort").desc(), F("pk").desc()]),
    "-population": (_("Largest population"), [F("population").desc(nulls_last=True), F("name_sort").asc()]),
    "population": (_("Smallest population"), [F("population").asc(nulls_last=True), F("name_sort").asc()]),
    "-adhesion": (_("Most recent adhesion"), [F("adhesion_date").desc(nulls_last=True), F("name_sort").asc()]),
    "adhesion": (_("Oldest adhesion"), [F("adhesion_date").asc(nulls_last=True), F("name_sort").asc()]),
    "country": (_("Country"), [F("country").asc(), F("name_sort").asc()]),
}
DEFAULT_SORT = "name"

FILTER_NAMES = ("q", "country", "population", "commitment", "status", "plan", "supporter")


class LenientMultipleChoiceField(forms.MultipleChoiceField):
    """Keeps the values it knows and drops the others, instead of rejecting the whole field."""

    def clean(self, value):
        return [item for item in self.to_python(value) if self.valid_value(item)]

    def has_unknown(self, raw):
        return any(not self.valid_value(item) for item in self.to_python(raw))


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=100,
        strip=True,
        widget=forms.SearchInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    country = forms.CharField(label=_("Country"), required=False, widget=forms.Select)
    population = forms.ChoiceField(
        label=_("Population"),
        required=False,
        choices=[("", _("Any size")), *[(key, label) for key, (label, _low, _high) in POPULATION_BANDS.items()]],
    )
    commitment = LenientMultipleChoiceField(
        label=_("Commitments"), required=False, choices=Commitment.choices, widget=forms.CheckboxSelectMultiple
    )
    status = LenientMultipleChoiceField(
        label=_("Status"), required=False, choices=SignatoryStatus.choices, widget=forms.CheckboxSelectMultiple
    )
    plan = forms.ChoiceField(
        label=_("Action plan"),
        required=False,
        choices=[("", _("Any")), ("yes", _("Submitted")), ("no", _("Not submitted"))],
    )
    supporter = forms.ChoiceField(label=_("Supporter"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[(key, label) for key, (label, _order) in SORTS.items()],
    )

    def __init__(self, data, *, countries=(), supporters=(), **kwargs):
        """`supporters`: (slug, name) of each supporter or coordinator the directory's signatories name."""
        super().__init__(data, **kwargs)
        self.fields["country"].widget.choices = [("", _("All countries")), *country_choices(countries)]
        self.fields["supporter"].choices = [("", _("All supporters")), *supporters]

    def clean_country(self):
        code = self.cleaned_data["country"].strip().upper()
        if code and not is_country_code(code):
            raise forms.ValidationError(_("Unknown country."))
        return code

    @property
    def ignored(self):
        """Labels of the filters whose value was not understood (and was ignored)."""
        labels = [str(self.fields[name].label) for name in self.errors]
        for name in ("commitment", "status"):
            if name not in self.errors and self.fields[name].has_unknown(self.data.getlist(name)):
                labels.append(str(self.fields[name].label))
        return labels

    def values(self):
        """The understood filters, as {name: value}, empty values left out."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    @property
    def is_filtered(self):
        return any(name in FILTER_NAMES for name in self.values())


def filter_signatories(queryset, values, supporter_keys=None):
    """Apply the understood filter values to a queryset of SignatoryPage.

    `supporter_keys`: {slug: translation key} of the supporters the `supporter` value may name.
    """
    query = values.get("q")
    if query:
        folded = fold(query)
        queryset = queryset.filter(Q(name_sort__contains=folded) | Q(organisation_id__iexact=query))
    if values.get("country"):
        queryset = queryset.filter(country=values["country"])
    band = POPULATION_BANDS.get(values.get("population"))
    if band:
        _label, low, high = band
        if low is not None:
            queryset = queryset.filter(population__gte=low)
        if high is not None:
            queryset = queryset.filter(population__lt=high)
    for commitment in values.get("commitment", []):
        queryset = queryset.filter(**{commitment: True})
    if values.get("status"):
        queryset = queryset.filter(status__in=values["status"])
    if values.get("plan") == "yes":
        queryset = queryset.exclude(action_plan_status=ActionPlanStatus.NOT_SUBMITTED)
    elif values.get("plan") == "no":
        queryset = queryset.filter(action_plan_status=ActionPlanStatus.NOT_SUBMITTED)
    supporter_key = (supporter_keys or {}).get(values.get("supporter"))
    if supporter_key:
        # Links name the supporter's page in any language, from any language version of a signatory.
        linked = SignatoryNetworkLink.objects.filter(supporter_page__translation_key=supporter_key)
        queryset = queryset.filter(translation_key__in=linked.values("page__translation_key"))
    return queryset


def sort_signatories(queryset, values):
    _label, ordering = SORTS.get(values.get("sort") or DEFAULT_SORT, SORTS[DEFAULT_SORT])
    return queryset.order_by(*ordering)
