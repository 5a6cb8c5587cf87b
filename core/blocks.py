"""StreamField blocks shared by every page type's body."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from . import cache as content_cache


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"), choices=[("h2", _("Heading 2")), ("h3", _("Heading 3")), ("h4", _("Heading 4"))], default="h2"
    )

    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        label = _("Heading")
        description = _("A section heading; keep levels in order for screen readers.")
        preview_value = {"text": "Kim goşulyp biler?", "level": "h2"}


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        required=False,
        help_text=_("Describe the image for people who cannot see it; leave empty if it is decorative."),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        label = _("Image")
        description = _("An image with alternative text and an optional caption.")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), max_length=200, required=False)

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"
        label = _("Quote")
        description = _("A quotation with who said it.")
        preview_value = {
            "text": "Türkiye-AB Diyaloğunda Yeni Aktörler",
            "attribution": "İktisadi Kalkınma Vakfı Dergisi",
        }


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site or to another address; the label defaults to the page title."""

    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Other address"), required=False)
    label = blocks.CharBlock(label=_("Label"), max_length=100, required=False)

    class Meta:
        icon = "link"
        label = _("Link")
        template = "blocks/link.html"

    def clean(self, value):
        value = super().clean(value)
        if not value["page"] and not value["url"]:
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or enter an address."))}
            )
        if value["url"] and not value["label"]:
            raise StructBlockValidationError(block_errors={"label": ValidationError(_("An address needs a label."))})
        return value


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = blocks.TextBlock(label=_("Text"), required=False)
    link = LinkBlock(label=_("Link"))

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action.html"
        label = _("Call to action")
        description = _("A highlighted box that sends the reader to a page or form.")


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Title"), max_length=200, required=False)

    class Meta:
        icon = "doc-full"
        template = "blocks/document.html"
        label = _("Document")
        description = _("A link to a document, with its format and size.")


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        icon="pilcrow",
        template="blocks/paragraph.html",
    )
    image = ImageBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(label=_("Embedded media"), icon="media", template="blocks/embed.html")
    call_to_action = CallToActionBlock()
    document = DocumentLinkBlock()


class PageListBlock(blocks.StructBlock):
    """A short list of pages of the locale of the page that shows it: the pinned ones first, then
    the first of `listing(locale, value)` to fill it up to `count`, each item once.

    Pins may name a page of any language: the list shows its version in the page's locale (its
    translation, or the alias that stands in for it), so a pin survives translation. Subclasses
    name their `page_model`, add a `pinned` ListBlock of its chooser, and order or narrow `listing`.
    """

    heading = blocks.CharBlock(
        label=_("Heading"), max_length=100, required=False, help_text=_("Leave empty for the usual heading.")
    )
    count = blocks.IntegerBlock(label=_("Number of items"), min_value=1, max_value=12, default=3)

    #: The page type the block lists, and that of the full listing it links to ("All news").
    page_model = None
    index_model = None

    def listing(self, locale, value):
        """The candidates in `locale` for the block's `value`, in the order they fill the list: the
        live, public pages of `page_model` there, without their StreamFields (a listing shows none)."""
        return (
            self.page_model.objects.live()
            .public()
            .filter(locale_id=locale.pk)
            .defer_streamfields()
            .select_related("alias_of__locale", "locale")
        )

    def items(self, value, locale):
        count = value["count"] or self.child_blocks["count"].get_default()
        pinned_keys = []
        for pin in value.get("pinned") or []:
            if pin is not None and pin.translation_key not in pinned_keys:
                pinned_keys.append(pin.translation_key)
        candidates = self.listing(locale, value)
        pinned = {page.translation_key: page for page in candidates.filter(translation_key__in=pinned_keys)}
        chosen = [pinned[key] for key in pinned_keys if key in pinned][:count]
        if len(chosen) < count:
            chosen += candidates.exclude(translation_key__in=pinned_keys)[: count - len(chosen)]
        return chosen

    def index_url(self, locale):
        """The address of the locale's full listing, or None; kept in the shared cache (core.cache)."""
        if self.index_model is None:
            return None

        def find():
            index = self.index_model.objects.live().public().filter(locale_id=locale.pk).first()
            return index.get_url() if index is not None else None

        return content_cache.cached(None, "page-list-index", find, self.index_model._meta.label, locale.pk)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = (parent_context or {}).get("page")
        if page is not None:
            context.update(items=self.items(value, page.locale), index_url=self.index_url(page.locale))
        return context
