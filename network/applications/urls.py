"""POST endpoints of the expression-of-interest form, outside i18n_patterns (one address in every language)."""

from django.urls import path

from .views import submit_expression_of_interest

urlpatterns = [
    path(
        "applications/expression-of-interest/<int:page_id>/",
        submit_expression_of_interest,
        name="applications_submit",
    ),
]
