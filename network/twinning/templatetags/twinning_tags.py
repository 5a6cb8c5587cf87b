"""Template tags of the partner finder.

- `{% finder_url page "request" item.pk %}`: the address of a route of the PartnerFinderPage.
- `{% partner_finder_link signatory %}`: a link from a signatory's profile to its partner
  suggestions in the same language (nothing when the locale has no finder); one query.
- `{% signatory_twinnings signatory %}`: the section of a signatory's profile that lists the
  twinning projects it is a partner in (nothing when there are none); the queries of
  projects.twinnings_of.
"""

from django import template

register = template.Library()


@register.simple_tag
def finder_url(page, name, *args):
    """The address of one of the PartnerFinderPage's routes (the routable_page app is not installed)."""
    return page.route_url(name, *args)


@register.inclusion_tag("twinning/includes/finder_link.html")
def partner_finder_link(signatory):
    from network.twinning.models import PartnerFinderPage

    finder = (
        PartnerFinderPage.objects.live()
        .public()
        .filter(locale_id=signatory.locale_id)
        .only("url_path", "locale_id", "path", "depth")
        .first()
    )
    return {"url": finder.route_url("authority", signatory.pk) if finder else "", "signatory": signatory}


@register.inclusion_tag("twinning/includes/signatory_twinnings.html")
def signatory_twinnings(signatory):
    from network.twinning.projects import twinnings_of

    return {"twinnings": twinnings_of(signatory)}
