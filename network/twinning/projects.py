"""What the twinning project pages show: the index with its filters, one project, a partner's projects.

Every list costs a fixed number of queries whatever the number of projects: the page of them,
its count, their partners, and the partners' profiles in the page's locale. Programmes and
theme names are snippets, read from the shared cache (core.cache starts a new generation of
it whenever one changes).
"""

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import F, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from core import cache as content_cache
from signatories.countries import country_choices, is_country_code
from signatories.models import SignatoryPage
from signatories.views import shared_query

from .models import PartnershipTheme, TwinningPage, TwinningPartner, TwinningProgramme

PROJECTS_PER_PAGE = 20


def with_partners(twinnings):
    return twinnings.select_related("programme").prefetch_related(
        Prefetch("partners", queryset=TwinningPartner.objects.select_related("signatory").order_by("sort_order"))
    )


def local_programmes(locale_id):
    """{translation key: programme} of a locale's programmes (a few snippets: from the shared cache)."""
    return content_cache.cached(
        None,
        "twinning-programmes",
        lambda: {
            programme.translation_key: programme for programme in TwinningProgramme.objects.filter(locale_id=locale_id)
        },
        locale_id,
    )


def theme_names(language):
    """{id of a default-language theme: (slug, name in `language`)} in the editors' order.

    Projects link the default language's themes; a theme not yet translated keeps that name.
    """

    def build():
        rows = (
            PartnershipTheme.objects.filter(locale__language_code__in=[settings.LANGUAGE_CODE, language])
            .order_by("sort_order", "name")
            .values_list("pk", "translation_key", "slug", "name", "locale__language_code")
        )
        sources, translations = {}, {}
        for pk, key, slug, name, code in rows:
            if code == settings.LANGUAGE_CODE:
                sources[pk] = (key, slug, name)
            if code == language:
                translations[key] = name
        return {pk: (slug, translations.get(key, name)) for pk, (key, slug, name) in sources.items()}

    return content_cache.cached(None, "twinning-theme-names", build, language)


def language_of(locale_id):
    return content_cache.locales().get(locale_id, settings.LANGUAGE_CODE)


def localize_twinnings(twinnings, locale_id):
    """Give each twinning its programme, theme and partners as this locale shows them (two queries in all)."""
    twinnings = list(twinnings)
    programmes = local_programmes(locale_id) if twinnings else {}
    themes = theme_names(language_of(locale_id)) if twinnings else {}
    signatory_keys = {
        partner.signatory.translation_key
        for twinning in twinnings
        for partner in twinning.partners.all()
        if partner.signatory_id
    }
    signatories = {}
    if signatory_keys:
        signatories = {
            page.translation_key: page
            for page in SignatoryPage.objects.live()
            .filter(translation_key__in=signatory_keys, locale_id=locale_id)
            .only("title", "url_path", "translation_key", "locale_id", "country")
        }
    for twinning in twinnings:
        twinning.local_programme = programmes.get(twinning.programme.translation_key, twinning.programme)
        _slug, twinning.theme_name = themes.get(twinning.theme_id) or ("", "")
        twinning.partner_list = []
        for partner in twinning.partners.all():
            local = signatories.get(partner.signatory.translation_key) if partner.signatory_id else None
            partner.profile = local
            partner.display_name = local.title if local else (partner.name or partner.signatory.title)
            partner.country_code = str(partner.country or (partner.signatory.country if partner.signatory_id else ""))
            twinning.partner_list.append(partner)
    return twinnings


def twinnings_of(signatory):
    """The live twinnings of the signatory's locale in which it is a partner."""
    partner_of = TwinningPartner.objects.filter(signatory__translation_key=signatory.translation_key).values("page_id")
    twinnings = (
        TwinningPage.objects.live()
        .public()
        .filter(locale_id=signatory.locale_id, pk__in=partner_of)
        .annotate(source_language=F("alias_of__locale__language_code"))
        .order_by("-start_year", "title")
    )
    return localize_twinnings(with_partners(twinnings), signatory.locale_id)


class TwinningFilterForm(forms.Form):
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    country = forms.CharField(label=_("Country"), required=False, widget=forms.Select)

    def __init__(self, data, *, programmes, themes, countries, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["programme"].choices = [("", _("All programmes")), *programmes]
        self.fields["theme"].choices = [("", _("All themes")), *themes]
        self.fields["country"].widget.choices = [("", _("All countries")), *country_choices(countries)]

    def clean_country(self):
        code = self.cleaned_data["country"].strip().upper()
        if code and not is_country_code(code):
            raise forms.ValidationError(_("Unknown country."))
        return code


def programme_choices(twinnings, locale_id):
    """[(slug, name in the locale)] of the programmes of `twinnings`, sorted by name."""
    source_programmes = TwinningProgramme.objects.filter(
        pk__in=twinnings.order_by().values_list("programme_id", flat=True).distinct()
    )
    local_names = dict(
        TwinningProgramme.objects.filter(
            translation_key__in=source_programmes.values("translation_key"), locale_id=locale_id
        ).values_list("translation_key", "name")
    )
    return sorted(
        {
            (programme.slug, local_names.get(programme.translation_key, programme.name))
            for programme in source_programmes
        },
        key=lambda choice: choice[1],
    )


def twinning_index_context(index, request):
    base = TwinningPage.objects.live().public().child_of(index)
    themes = theme_names(language_of(index.locale_id)).values()
    countries = TwinningPartner.objects.filter(page__in=base).order_by().values_list("country", flat=True).distinct()
    form = TwinningFilterForm(
        request.GET,
        programmes=programme_choices(base, index.locale_id),
        themes=list(themes),
        countries=list(countries),
    )
    form.is_valid()
    values = {name: value for name, value in form.cleaned_data.items() if value}

    twinnings = base
    if values.get("programme"):
        twinnings = twinnings.filter(programme__slug=values["programme"])
    if values.get("theme"):
        twinnings = twinnings.filter(theme__slug=values["theme"])
    if values.get("country"):
        twinnings = twinnings.filter(
            pk__in=TwinningPartner.objects.filter(
                Q(country=values["country"]) | Q(signatory__country=values["country"])
            ).values("page_id")
        )
    twinnings = twinnings.annotate(source_language=F("alias_of__locale__language_code")).order_by(
        "-start_year", "title"
    )
    paginator = Paginator(with_partners(twinnings), PROJECTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = localize_twinnings(page.object_list, index.locale_id)
    return {
        "filter_form": form,
        "filters_ignored": [str(form.fields[name].label) for name in form.errors],
        "is_filtered": bool(values),
        "results": page,
        "paginator": paginator,
        "query": shared_query(values),
    }


def twinning_context(page, request):
    # The page itself (not a fresh query), so that previews show the partners being edited.
    (twinning,) = localize_twinnings([page], page.locale_id)
    return {"twinning": twinning, "partners": twinning.partner_list, "programme": twinning.local_programme}
