"""People for tests: users, and `person`, a user who holds one role (in one organisation).
Other apps' tests import them."""

from __future__ import annotations

from typing import cast

import factory

from intercity.accounts.models import User
from intercity.accounts.services import grant_role
from intercity.network.models import Organisation

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password(PASSWORD)


def person(username: str, role: str, organisation_key: str | None = None) -> User:
    """A user who holds `role`, in the organisation whose key is given (the seeded `seoul`,
    `makati` ...), granted through the real service; the password is `PASSWORD`."""
    user = cast(User, UserFactory(username=username))
    organisation = Organisation.objects.get(key=organisation_key) if organisation_key else None
    grant_role(None, user, role, organisation_id=organisation.pk if organisation else None)
    return user
