"""Screenshots of the last step of each browser journey, for a person to look at.

They are written to test-results/screenshots/ (ignored by git), one PNG per journey and language,
named after the journey: `news-language-switch-tr.png`. Each run replaces the previous ones.
"""

from pathlib import Path

from django.conf import settings

SCREENSHOTS = Path(settings.BASE_DIR) / "test-results" / "screenshots"


def screenshot(page, name):
    """A full-page screenshot of `page` as test-results/screenshots/<name>.png; returns its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True, animations="disabled")
    assert path.stat().st_size > 0, path
    return path
