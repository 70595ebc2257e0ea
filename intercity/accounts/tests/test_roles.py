import pytest
from django.db import IntegrityError, transaction

from intercity.accounts.models import Role, RoleGrant
from intercity.accounts.services import grant_role
from intercity.accounts.tests.factories import UserFactory
from intercity.core.errors import DomainError

pytestmark = pytest.mark.django_db


def test_granting_a_role_twice_keeps_one_grant():
    user = UserFactory()
    grant_role(None, user, Role.JUDGE)
    grant_role(None, user, Role.JUDGE)
    assert RoleGrant.objects.filter(user=user).count() == 1


def test_the_database_refuses_a_duplicate_grant_without_organisation():
    user = UserFactory()
    RoleGrant.objects.create(user=user, role=Role.JUDGE)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleGrant.objects.create(user=user, role=Role.JUDGE)


def test_a_city_officer_must_name_their_organisation():
    with pytest.raises(DomainError, match="must name the organisation"):
        grant_role(None, UserFactory(), Role.CITY_OFFICER)


def test_unknown_roles_are_refused():
    with pytest.raises(DomainError, match="Unknown role 'mayor'"):
        grant_role(None, UserFactory(), "mayor")
