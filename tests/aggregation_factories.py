"""Factories of the news from the network: the listing page (sources and items are made with the ORM,
as the fetching code makes them)."""

import factory

from network.aggregation.models import NetworkNewsIndexPage
from tests.factories import PublishedPageFactory, english_home


class NetworkNewsIndexPageFactory(PublishedPageFactory):
    parent = factory.LazyFunction(english_home)
    title = "From the network"
    slug = "from-the-network"
    intro = "News from the sites of the network's members."

    class Meta:
        model = NetworkNewsIndexPage
