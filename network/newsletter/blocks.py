"""The body of a newsletter issue: prose, pictures, and items pulled in from the news and the agenda."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.blocks import CallToActionBlock, HeadingBlock, ImageBlock, QuoteBlock


class NewsItemBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("News item"), page_type="news.NewsPage")
    summary = blocks.TextBlock(
        label=_("Summary"), required=False, help_text=_("Leave empty to use the news item's introduction.")
    )

    class Meta:
        icon = "doc-full"
        label = _("News item")
        template = "newsletter/blocks/page_item.html"
        description = _("A news item of the site: its title, date, summary and a link to read it.")


class EventItemBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Event"), page_type="agenda.EventPage")
    summary = blocks.TextBlock(
        label=_("Summary"), required=False, help_text=_("Leave empty to use the event's introduction.")
    )

    class Meta:
        icon = "date"
        label = _("Event")
        template = "newsletter/blocks/page_item.html"
        description = _("An event of the agenda: its title, date, place and a link to it.")


class NewsletterBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        icon="pilcrow",
        template="blocks/paragraph.html",
    )
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    news_item = NewsItemBlock()
    event = EventItemBlock()
