"""Columns of the admin's listings (wagtail.admin.ui.tables), the inspect view's times, and the
buttons of a record's next steps (core.transitions)."""

import datetime

from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from wagtail.admin.ui.tables import ButtonsColumnMixin, Column, TitleColumn
from wagtail.admin.views.generic import InspectView


class InspectTitleColumn(ButtonsColumnMixin, TitleColumn):
    """A listing's title column whose link leads to the record's inspect view (falling back to
    the edit form), with the row's buttons, labelled and sorted as the model field."""

    def __init__(self, view, field_name, **kwargs):
        field = view.model._meta.get_field(field_name)
        super().__init__(field_name, label=capfirst(field.verbose_name), sort_key=field_name, **kwargs)
        self.view = view

    def get_link_url(self, instance, parent_context):
        return self.view.get_inspect_url(instance) or self.view.get_edit_url(instance)

    def get_buttons(self, instance, parent_context):
        return self.view.get_list_buttons(instance)


class InspectFirstIndexView:
    """An IndexView mixin: the first column of `list_display` leads to the inspect view, where
    records that change only through their next steps are read, rather than to the edit form."""

    @cached_property
    def columns(self):
        title, *others = super().columns
        return [InspectTitleColumn(self, title.name), *others]


class CalendarDateColumn(Column):
    """A date as a date ("Oct. 4, 2027"), where Wagtail's DateColumn says how long ago it was, which
    a date to come does not fit ("Just now"). A datetime shows its day in the admin's time zone."""

    cell_template_name = "core/admin/tables/calendar_date_cell.html"


class LocalTimeInspectView(InspectView):
    """Wagtail's inspect view, with times in the admin's time zone like the rest of the admin.

    Wagtail's inspect template formats each value with the `localize` filter, which formats a
    datetime as it is stored, in UTC; the history beside it is in the site's time zone."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            return timezone.localtime(value)
        return value


def transition_buttons(available, url_of, button_class):
    """One admin button per transition in `available`, in its order: `Button` in a header,
    `MenuItem` in a listing row's menu; `url_of(name)` is the address of the step's form."""
    return [
        button_class(transition.label, url=url_of(transition.name), icon_name=transition.icon, priority=priority)
        for priority, transition in enumerate(available, start=1)
    ]
