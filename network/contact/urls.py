"""The POST endpoint of the contact form, outside i18n_patterns (one address in every language)."""

from django.urls import path

from .views import submit_contact

urlpatterns = [path("contact/<int:page_id>/", submit_contact, name="contact_submit")]
