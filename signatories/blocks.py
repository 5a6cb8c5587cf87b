"""The directory's map teaser, as a block of the home page's body: where the signatories are, drawn
without map tiles, and the countries with the most signatories, each a link into the directory."""

import math

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core import cache as content_cache

from .models import SignatoryIndexPage

MAP_WIDTH = 600
#: Signatories closer than this (in degrees) are drawn as one dot, larger for more of them.
GRID_DEGREES = 0.5


def directory_of(locale):
    """The live directory of `locale`, or None."""
    return SignatoryIndexPage.objects.live().public().filter(locale_id=locale.pk).first()


def dot_map(coordinates):
    """{"width", "height", "dots": [(x, y, radius, count)]} of (latitude, longitude) pairs, in an
    equirectangular projection of their own bounding box, scaled by the cosine of its mean latitude."""
    cells = {}
    for latitude, longitude in coordinates:
        cell = (round(float(latitude) / GRID_DEGREES), round(float(longitude) / GRID_DEGREES))
        cells[cell] = cells.get(cell, 0) + 1
    if not cells:
        return None
    latitudes = [row * GRID_DEGREES for row, _column in cells]
    longitudes = [column * GRID_DEGREES for _row, column in cells]
    # At least a few degrees either way, so that a single city is not a dot filling the picture.
    south, north = min(latitudes), max(latitudes)
    west, east = min(longitudes), max(longitudes)
    pad_latitude = max((north - south) * 0.1, 2)
    pad_longitude = max((east - west) * 0.1, 2)
    south, north, west, east = south - pad_latitude, north + pad_latitude, west - pad_longitude, east + pad_longitude
    stretch = math.cos(math.radians((north + south) / 2))
    scale = MAP_WIDTH / ((east - west) * stretch)
    height = round((north - south) * scale)
    dots = [
        (
            round((column * GRID_DEGREES - west) * stretch * scale, 1),
            round((north - row * GRID_DEGREES) * scale, 1),
            round(4 + 2 * math.log2(count), 1),
            count,
        )
        for (row, column), count in sorted(cells.items())
    ]
    return {"width": MAP_WIDTH, "height": height, "dots": dots}


def map_teaser(locale, countries_shown):
    """What the teaser shows for `locale`, from two queries, kept in the shared cache (core.cache)."""

    def build():
        directory = directory_of(locale)
        if directory is None:
            return None
        signatories = directory.signatories()
        coordinates = signatories.exclude(latitude=None).exclude(longitude=None).values_list("latitude", "longitude")
        by_country = list(
            signatories.order_by()
            .values("country")
            .annotate(count=Count("pk"))
            .order_by("-count", "country")
            .values_list("country", "count")
        )
        return {
            "directory_url": directory.get_url(),
            "map": dot_map(coordinates),
            "countries": by_country[:countries_shown],
            "country_count": len(by_country),
            "total": sum(count for _code, count in by_country),
        }

    return content_cache.cached(None, "home-map-teaser", build, locale.pk, countries_shown)


class MapTeaserBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), max_length=100, required=False, help_text=_("Leave empty for the usual heading.")
    )
    text = blocks.TextBlock(label=_("Text"), required=False)
    countries_shown = blocks.IntegerBlock(
        label=_("Countries listed"),
        min_value=0,
        max_value=20,
        default=5,
        help_text=_("The countries with the most signatories, each a link to the directory filtered by it."),
    )

    class Meta:
        icon = "site"
        label = _("Map of the signatories")
        template = "signatories/blocks/map_teaser.html"
        description = _("Where the signatories are, and a link to the directory's map.")
        preview_value = {"countries_shown": 5}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = (parent_context or {}).get("page")
        shown = value["countries_shown"] if value["countries_shown"] is not None else 5
        context["teaser"] = map_teaser(page.locale, shown) if page is not None else None
        return context
