"""The network news feeds of the active language (inside i18n_patterns: /en/..., /tr/...)."""

from django.urls import path

from .feeds import NetworkNewsAtomFeed, NetworkNewsRssFeed

urlpatterns = [
    path("feeds/network/rss/", NetworkNewsRssFeed.as_view(), name="network_news_rss"),
    path("feeds/network/atom/", NetworkNewsAtomFeed.as_view(), name="network_news_atom"),
]
