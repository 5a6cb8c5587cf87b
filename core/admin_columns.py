"""Columns of the admin's listings (wagtail.admin.ui.tables)."""

from django.utils.functional import cached_property
from django.utils.text import capfirst
from wagtail.admin.ui.tables import ButtonsColumnMixin, TitleColumn


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
