"""The context every app's demo loader receives from `manage.py load_demo`.

Each app that has demo content provides `demo.py` with a `load(demo)` function; the command
runs them in INSTALLED_APPS order with one DemoContext. Every helper here is idempotent: a page
is found by its parent and slug before it is created, a translation is made only once, so
running the command again changes nothing.
"""

import hashlib
import io
import logging
from dataclasses import dataclass, field

from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from .translation import translate

logger = logging.getLogger(__name__)

DEMO_NOTE = "Demo data"


@dataclass
class DemoContext:
    user: object
    locales: dict[str, Locale]
    homes: dict[str, Page] = field(default_factory=dict)
    created: list[str] = field(default_factory=list)

    @property
    def source_language(self):
        return next(iter(self.locales))

    def page(self, parent, model, slug, **fields):
        """The child of `parent` with this slug, created and published if missing."""
        existing = parent.get_children().filter(slug=slug).first()
        if existing:
            return existing.specific
        page = model(slug=slug, locale=parent.locale, **fields)
        parent.add_child(instance=page)
        page.save_revision(user=self.user).publish(user=self.user)
        self.created.append(f"{model.__name__} {page.title} ({parent.locale.language_code})")
        return page

    def translate(self, page, language_code, strings):
        """Translate `page` through wagtail-localize unless that language already has it."""
        locale = self.locales.get(language_code)
        if locale is None:
            return None  # language not configured on this site
        existing = page.get_translation_or_none(locale)
        if existing is not None and getattr(existing, "alias_of_id", None) is None:
            return existing.specific if isinstance(existing, Page) else existing
        translated = translate(page, locale, strings, user=self.user)
        self.created.append(f"translation {page} -> {language_code}")
        return translated

    def image(self, title, colour=(11, 79, 138), size=(1200, 675)):
        """A plain generated image (the seeds carry no pictures), reused by title."""
        from PIL import Image, ImageDraw

        model = get_image_model()
        existing = model.objects.filter(title=title).first()
        if existing:
            return existing
        picture = Image.new("RGB", size, colour)
        draw = ImageDraw.Draw(picture)
        for step in range(0, size[0], 40):
            shade = tuple(min(255, channel + step // 12) for channel in colour)
            draw.rectangle([step, 0, step + 40, size[1]], fill=shade)
        buffer = io.BytesIO()
        picture.save(buffer, format="PNG")
        image = model(title=title)
        image.file = ImageFile(
            io.BytesIO(buffer.getvalue()), name=f"demo-{hashlib.sha256(title.encode()).hexdigest()[:12]}.png"
        )
        image.save()
        return image

    def document(self, title, text):
        """A small text document, reused by title."""
        model = get_document_model()
        existing = model.objects.filter(title=title).first()
        if existing:
            return existing
        document = model(title=title)
        document.file = SimpleUploadedFile(f"{title[:40]}.txt".replace(" ", "-").lower(), text.encode())
        document.save()
        return document
