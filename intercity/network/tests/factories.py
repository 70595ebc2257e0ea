"""Factories for registry objects; other apps' tests import them."""

from __future__ import annotations

import datetime as dt

import factory

from intercity.network import services
from intercity.network.models import MembershipCategory, Network, Organisation, Region


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"net{n}")
    name = factory.Sequence(lambda n: f"Test Network {n}")
    short_name = factory.Sequence(lambda n: f"TN{n}")

    @factory.post_generation
    def with_categories(self, create: bool, extracted: object, **kwargs: object) -> None:
        if not create:
            return
        for position, (slug, name, votes) in enumerate(
            [("full", "Full member", True), ("associate", "Associate member", False)]
        ):
            MembershipCategory.objects.create(
                network=self,
                slug=slug,
                name=name,
                may_vote=votes,
                may_hold_office=votes,
                position=position,
            )
        Region.objects.create(network=self, slug="asia", name="Asia", position=0)
        Region.objects.create(network=self, slug="europe", name="Europe", position=1)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    key = factory.Sequence(lambda n: f"city-{n}")
    name = factory.Sequence(lambda n: f"Testville {n}")
    kind = Organisation.Kind.CITY
    country = "KR"


def join(
    network: Network,
    organisation: Organisation,
    on: dt.date,
    category: str = "full",
    status: str = "active",
    region: str | None = "asia",
) -> None:
    """Give an organisation a membership period through the real service."""
    services.change_membership(
        None,
        network,
        organisation,
        services.MembershipChange(category=category, status=status, valid_from=on),
        region=network.regions.filter(slug=region).first() if region else None,
    )
