"""The public forms of the partner finder, and the filters of its listing.

Every public form has a honeypot (HONEYPOT_FIELD, hidden from people), a reCAPTCHA when
settings.RECAPTCHA_ENABLED, and is rate-limited by its view. Forms are built and validated
inside translation.override(<the page's language>), so labels and errors are in the visitor's
language.
"""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.forms import HONEYPOT_FIELD, SpamGuardedForm
from signatories.countries import country_choices
from signatories.models import SignatoryPage
from signatories.text import fold

from .choices import PopulationBand, Programme, working_language_choices
from .models import PartnershipRequest, PartnershipTheme, TwinningProgramme

#: What the requesting authority types, in the order of the form and of the moderation page.
REQUEST_FIELDS = [
    "signatory",
    "authority_name",
    "country",
    "population",
    "title",
    "description",
    "themes_sought",
    "themes_offered",
    "programme",
    "other_programme",
    "valid_from",
    "valid_until",
    "contact_name",
    "contact_position",
    "contact_email",
]
MAX_MESSAGE = 5000
MAX_VALIDITY = timedelta(days=2 * 365)


def local_names(model, language, ordering=()):
    """{slug: name} of a translatable snippet in `language`, falling back to the default language."""
    names = {}
    rows = (
        model.objects.filter(locale__language_code__in=[settings.LANGUAGE_CODE, language])
        .order_by(*ordering)
        .values_list("slug", "name", "locale__language_code")
    )
    for slug, name, code in rows:
        if code == language or slug not in names:
            names[slug] = name
    return names


def programme_choices(language, names=None):
    """[(slug, name)] of the twinning programmes, and "other", in `language`."""
    names = names if names is not None else local_names(TwinningProgramme, language)
    choices = sorted(names.items(), key=lambda item: fold(item[1]))
    return [*choices, (Programme.OTHER, _("Another programme, or not decided yet"))]


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    """Themes of the default language, chosen by slug, labelled in the visitor's language."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, names, **kwargs):
        self.names = names
        queryset = PartnershipTheme.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by(
            "sort_order", "name"
        )
        super().__init__(queryset=queryset, to_field_name="slug", **kwargs)

    def label_from_instance(self, obj):
        return self.names.get(obj.slug, obj.name)


class ProtectedFormMixin(SpamGuardedForm):
    """The honeypot and, where keys are configured, reCAPTCHA in the visitor's language."""

    def add_protection(self, *, captcha, language):
        self.add_spam_guards(captcha=captcha, language=language)

    @property
    def visible_fields_without_protection(self):
        return [field for field in self.visible_fields() if field.name not in {HONEYPOT_FIELD, "captcha", "consent"}]


class RequestForm(ProtectedFormMixin, forms.ModelForm):
    """A partnership request, as an authority publishes it (and, without protection, updates it)."""

    programme = forms.ChoiceField(label=_("Programme of interest"), widget=forms.RadioSelect)
    languages = forms.MultipleChoiceField(
        label=_("Languages your team works in"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one language.")},
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the network publishes this request (without the contact's address) and relays messages "
            "about it to the contact."
        ),
        error_messages={"required": _("We can only publish the request with your consent.")},
    )

    class Meta:
        model = PartnershipRequest
        fields = REQUEST_FIELDS
        labels = {
            "authority_name": _("Name of the local authority"),
            "country": _("Country"),
            "population": _("Population"),
            "title": _("What partnership do you seek? (one line)"),
            "description": _("Describe your authority and the partnership you seek"),
            "other_programme": _("Other programme"),
            "valid_from": _("Open from"),
            "valid_until": _("Open until"),
            "contact_name": _("Contact person"),
            "contact_position": _("Position"),
            "contact_email": _("Email of the contact person"),
        }
        help_texts = {
            "title": _("For example: Coastal town seeks a partner for sustainable tourism and youth exchanges."),
            "description": _(
                "What you want to learn and share, and what you have done so far (at most 5,000 characters)."
            ),
            "other_programme": _("If you chose another programme: which one?"),
            "valid_until": _("At most two years after the start. The request disappears from the listing afterwards."),
            "contact_email": _("Never shown on the site: messages reach it through the site's relay."),
            "population": _("The latest figure you have."),
        }
        widgets = {
            "signatory": forms.HiddenInput,
            "description": forms.Textarea(attrs={"rows": 7, "maxlength": MAX_MESSAGE}),
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_position": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "authority_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "population": forms.NumberInput(attrs={"min": 1, "max": 100_000_000}),
        }

    def __init__(self, *args, language, protected=True, captcha=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        theme_names = local_names(PartnershipTheme, language, ordering=("sort_order", "name"))
        self.fields["themes_sought"] = ThemeChoiceField(
            names=theme_names,
            label=_("Themes you seek a partner for"),
            error_messages={"required": _("Choose at least one theme.")},
        )
        self.fields["themes_offered"] = ThemeChoiceField(
            names=theme_names,
            label=_("Themes where you can share experience"),
            required=False,
        )
        self.fields["programme"].choices = programme_choices(language)
        self.fields["languages"].choices = working_language_choices()
        self.fields["signatory"].queryset = SignatoryPage.objects.live()
        self.fields["signatory"].required = False
        self.fields["country"].choices = [
            ("", _("Choose…")),
            *country_choices(code for code, _name in self.fields["country"].choices if code),
        ]
        self.fields["description"].validators.append(MaxLengthValidator(MAX_MESSAGE))
        if self.instance.pk:
            self.initial.setdefault("languages", self.instance.working_language_codes)
        else:
            self.initial.setdefault("valid_from", timezone.localdate())
            self.initial.setdefault("valid_until", timezone.localdate() + timedelta(days=365))
        for name in ("authority_name", "country", "population"):
            self.fields[name].required = not self._signatory_given()
        if protected:
            self.add_protection(captcha=captcha, language=language)
            order = [name for name in self.fields if name not in {"consent", "captcha", HONEYPOT_FIELD}]
            self.order_fields([*order, "consent", "captcha", HONEYPOT_FIELD])
        else:
            del self.fields["consent"]
            del self.fields["signatory"]

    def _signatory_given(self):
        if self.instance.signatory_id:
            return True
        if self.is_bound and "signatory" in self.fields:
            return bool((self.data.get(self.add_prefix("signatory")) or "").strip())
        return bool(self.initial.get("signatory"))

    @property
    def chosen_signatory(self):
        if self.is_bound and hasattr(self, "cleaned_data"):
            return self.cleaned_data.get("signatory")
        value = self.initial.get("signatory")
        return value if isinstance(value, SignatoryPage) else None

    def clean_authority_name(self):
        return " ".join((self.cleaned_data.get("authority_name") or "").split())

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_contact_email(self):
        return self.cleaned_data["contact_email"].strip()

    def clean(self):
        data = super().clean()
        signatory = data.get("signatory")
        if signatory is not None:
            data["authority_name"] = data.get("authority_name") or signatory.title
            data["country"] = signatory.country
            data["population"] = signatory.population or data.get("population")
        start, end = data.get("valid_from"), data.get("valid_until")
        today = timezone.localdate()
        if end and end < today:
            self.add_error("valid_until", _("The end date is in the past."))
        elif start and end and end <= start:
            self.add_error("valid_until", _("The end date must come after the start date."))
        elif start and end and end - start > MAX_VALIDITY:
            self.add_error("valid_until", _("A request stays open for two years at most."))
        if start and not self.instance.pk and start > today + timedelta(days=365):
            self.add_error("valid_from", _("The start date must be within a year from today."))
        if data.get("programme") != Programme.OTHER:
            data["other_programme"] = ""
        return data

    def save(self, commit=True):
        partnership_request = super().save(commit=False)
        partnership_request.working_language_codes = self.cleaned_data["languages"]
        signatory = self.cleaned_data.get("signatory") if "signatory" in self.fields else None
        if signatory is not None:
            partnership_request.signatory = signatory
            partnership_request.authority_name = self.cleaned_data["authority_name"]
        elif not partnership_request.signatory_id:
            partnership_request.signatory = find_signatory(
                partnership_request.authority_name, partnership_request.country
            )
        if commit:
            partnership_request.save()
            self.save_m2m()
        return partnership_request


def find_signatory(name, country):
    """The signatory with exactly this name (accents and case aside) in this country, if just one."""
    if not name or not country:
        return None
    matches = list(
        SignatoryPage.objects.live()
        .filter(name_sort=fold(name)[:255], country=country, locale__language_code=settings.LANGUAGE_CODE)
        .only("pk", "translation_key")[:2]
    )
    return matches[0] if len(matches) == 1 else None


class ContactForm(ProtectedFormMixin, forms.Form):
    """A visitor writing to a request's contact."""

    name = forms.CharField(label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    organisation = forms.CharField(
        label=_("Your local authority or organisation"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("We send the answer there. The contact does not see it unless you agree below."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 7, "maxlength": MAX_MESSAGE}),
    )
    share_address = forms.BooleanField(
        label=_("Show my email address to the contact so that they can answer me directly"),
        required=False,
    )
    consent = forms.BooleanField(
        label=_("I agree that the network stores this message and relays it by email."),
        error_messages={"required": _("We can only relay the message with your consent.")},
    )

    def __init__(self, *args, language, captcha=None, **kwargs):
        kwargs.setdefault("auto_id", "contact-%s")
        super().__init__(*args, **kwargs)
        self.add_protection(captcha=captcha, language=language)

    def clean_email(self):
        return self.cleaned_data["email"].strip()


class ReplyForm(forms.Form):
    """An answer through the relay, from either side of a conversation."""

    message = forms.CharField(
        label=_("Your answer"),
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": MAX_MESSAGE}),
    )
    share_address = forms.BooleanField(
        label=_("Show my email address so that the answer can come to me directly"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "reply-%s")
        super().__init__(*args, **kwargs)


class NewLinkForm(forms.Form):
    """The request's contact asks for a new management link."""

    email = forms.EmailField(label=_("Email of the contact person"), max_length=254)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "link-%s")
        super().__init__(*args, **kwargs)


class OutcomeForm(forms.Form):
    """The contact marks the request matched or closes it."""

    note = forms.CharField(
        label=_("A word about the outcome (optional, shown with the request if it is matched)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "outcome-%s")
        super().__init__(*args, **kwargs)


# The listing's filters ----------------------------------------------------------------------


class FilterForm(forms.Form):
    """The query string of the listing; a value that is not understood is ignored (and said so)."""

    theme = forms.ChoiceField(label=_("Theme"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    population = forms.ChoiceField(label=_("Population"), required=False)
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    language = forms.ChoiceField(label=_("Working language"), required=False)

    def __init__(self, data, *, themes, countries, programmes, languages, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["theme"].choices = [("", _("All themes")), *themes]
        self.fields["country"].choices = [("", _("All countries")), *country_choices(countries)]
        self.fields["population"].choices = [
            ("", pgettext_lazy("population band", "Any size")),
            *PopulationBand.choices,
        ]
        self.fields["programme"].choices = [("", _("All programmes")), *programmes]
        self.fields["language"].choices = [("", _("All languages")), *languages]

    def values(self):
        """{field: value} of the filters understood; the others are listed in self.ignored."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    @property
    def ignored(self):
        return [str(self.fields[name].label) for name in self.errors]
