"""The progress chart: emissions over the monitoring years against the target path.

Drawn on the server as SVG (no script, no outside service) with a title, a description and a
data table that say the same thing in words and numbers.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise

from django.utils.formats import number_format
from django.utils.translation import gettext as _

# The chart is drawn at most WIDTH pixels wide (static/css/signatories.css) and shrinks with the
# screen; its labels are 16 units high, so on a 390-pixel phone (a 358-pixel chart) they are still
# 12 pixels. The margins leave room for "1,200,000" on the left and a year under each tick.
WIDTH, HEIGHT = 480, 300
LEFT, RIGHT, TOP, BOTTOM = 84, 20, 16, 40
#: The least room between two year labels, in the chart's units: four digits of 16 are about 38.
MIN_TICK_GAP = 48


@dataclass
class Chart:
    reported: list  # [(year, emissions)] baseline and monitoring reports
    target: list  # [(year, emissions)] the committed path
    title: str
    description: str
    rows: list = field(default_factory=list)  # [(year, reported or None, target or None)]
    width: int = WIDTH
    height: int = HEIGHT
    reported_points: str = ""
    target_points: str = ""
    markers: list = field(default_factory=list)  # [(x, y, label)]
    x_ticks: list = field(default_factory=list)  # [(x, label)]
    y_ticks: list = field(default_factory=list)  # [(y, label)]
    plot: dict = field(default_factory=dict)


def tonnes(value):
    return number_format(Decimal(value).quantize(Decimal(1)), decimal_pos=0, force_grouping=True)


def nice_step(maximum, parts=4):
    """A round step (1, 2, 2.5 or 5 times a power of ten) so that `parts` steps reach `maximum`."""
    raw = Decimal(maximum) / parts
    if raw <= 0:
        return Decimal(1)
    power = Decimal(10) ** raw.adjusted()
    for multiple in (1, 2, Decimal("2.5"), 5, 10):
        if raw <= multiple * power:
            return multiple * power
    return 10 * power


def target_path(page):
    """[(year, emissions)] from the baseline to each committed milestone."""
    if page.baseline_emissions is None or not page.baseline_year:
        return []
    baseline = Decimal(page.baseline_emissions)
    path = [(page.baseline_year, baseline)]
    if page.commitment_2020 and page.baseline_year < 2020:
        path.append((2020, baseline * Decimal("0.8")))
    if page.commitment_2030 and page.target_2030_percent and page.baseline_year < 2030:
        path.append((2030, baseline * (100 - page.target_2030_percent) / 100))
    if page.commitment_2050 and page.baseline_year < 2050:
        path.append((2050, Decimal(0)))
    return path


def interpolate(path, year):
    for (year_a, value_a), (year_b, value_b) in pairwise(path):
        if year_a <= year <= year_b:
            return value_a + (value_b - value_a) * (year - year_a) / (year_b - year_a)
    return None


def progress_chart(page, reports):
    """A Chart for `page`, or None when there is no baseline to measure progress against."""
    if page.baseline_emissions is None or not page.baseline_year:
        return None
    reported = [(page.baseline_year, Decimal(page.baseline_emissions))]
    reported += sorted(
        (report.year, Decimal(report.emissions))
        for report in reports
        if report.emissions is not None and report.year > page.baseline_year
    )
    target = target_path(page)
    if len(reported) < 2 and len(target) < 2:
        return None  # a single point is no progress to show; the text says the baseline
    years = [year for year, _value in reported + target]
    first, last = min(years), max(years)
    if last == first:
        last = first + 1
    step = nice_step(max(value for _year, value in reported + target) * Decimal("1.05"))
    top = step * 4

    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(year):
        return round(LEFT + (year - first) * plot_width / (last - first), 1)

    def y(value):
        return round(float(TOP + plot_height - Decimal(value) * plot_height / top), 1)

    chart = Chart(reported=reported, target=target, title="", description="")
    chart.plot = {"left": LEFT, "top": TOP, "right": WIDTH - RIGHT, "bottom": HEIGHT - BOTTOM}
    chart.reported_points = " ".join(f"{x(year)},{y(value)}" for year, value in reported)
    if len(target) > 1:
        chart.target_points = " ".join(f"{x(year)},{y(value)}" for year, value in target)
    chart.markers = [(x(year), y(value), f"{year}: {tonnes(value)} t CO2e") for year, value in reported]
    year_step = max(1, round((last - first) / 6))
    while (x(first + year_step) - x(first)) < MIN_TICK_GAP and year_step < last - first:
        year_step += 1
    tick_years = list(range(first, last + 1, year_step))
    if tick_years[-1] != last:
        # The last year is always labelled; the regular tick before it goes if they would touch.
        if len(tick_years) > 1 and x(last) - x(tick_years[-1]) < MIN_TICK_GAP:
            tick_years.pop()
        tick_years.append(last)
    chart.x_ticks = [(x(year), str(year)) for year in tick_years]
    chart.y_ticks = [(y(step * part), tonnes(step * part)) for part in range(5)]

    reported_by_year = dict(reported)
    target_years = {year for year, _value in target}
    chart.rows = [
        (year, reported_by_year.get(year), interpolate(target, year) if target else None)
        for year in sorted(set(reported_by_year) | target_years)
    ]

    chart.title = _("Emissions of %(name)s compared with the target path") % {"name": page.title}
    baseline_year, baseline = reported[0]
    latest_year, latest = reported[-1]
    parts = [
        _("Baseline: %(tonnes)s t CO2e in %(year)s.") % {"tonnes": tonnes(baseline), "year": baseline_year},
    ]
    if latest_year != baseline_year and baseline:
        change = (latest - baseline) * 100 / baseline
        parts.append(
            _("Latest report: %(tonnes)s t CO2e in %(year)s (%(change)s%% compared with the baseline).")
            % {
                "tonnes": tonnes(latest),
                "year": latest_year,
                "change": f"{round(change):+d}",
            }
        )
    else:
        parts.append(_("No monitoring report with emissions yet."))
    for year, value in target[1:]:
        parts.append(_("Target for %(year)s: %(tonnes)s t CO2e.") % {"year": year, "tonnes": tonnes(value)})
    chart.description = " ".join(parts)
    return chart
