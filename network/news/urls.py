"""News feeds of the active language (these URLs sit inside i18n_patterns: /en/..., /tr/...)."""

from django.urls import path

from .feeds import NewsAtomFeed, NewsRssFeed

urlpatterns = [
    path("feeds/news/rss/", NewsRssFeed.as_view(), name="news_rss"),
    path("feeds/news/atom/", NewsAtomFeed.as_view(), name="news_atom"),
    path("feeds/news/category/<str:category>/rss/", NewsRssFeed.as_view(), name="news_category_rss"),
    path("feeds/news/category/<str:category>/atom/", NewsAtomFeed.as_view(), name="news_category_atom"),
    path("feeds/news/type/<str:news_type>/rss/", NewsRssFeed.as_view(), name="news_type_rss"),
    path("feeds/news/type/<str:news_type>/atom/", NewsAtomFeed.as_view(), name="news_type_atom"),
]
