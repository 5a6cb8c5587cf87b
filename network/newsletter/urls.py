"""Newsletter endpoints, outside the language prefix: forms post here from any language, and
links in emails keep working whatever the subscriber's language becomes."""

from django.urls import path

from . import views

urlpatterns = [
    path("newsletter/subscribe/", views.subscribe, name="newsletter_subscribe"),
    path("newsletter/confirm/<str:token>/", views.confirm, name="newsletter_confirm"),
    path("newsletter/preferences/<str:token>/", views.preferences, name="newsletter_preferences"),
    path("newsletter/unsubscribe/<str:token>/", views.unsubscribe, name="newsletter_unsubscribe"),
    path("newsletter/privacy/", views.privacy, name="newsletter_privacy"),
]
