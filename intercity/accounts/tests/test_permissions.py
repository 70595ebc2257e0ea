import pytest
from django.contrib.auth.models import AnonymousUser

from intercity.accounts.models import Role
from intercity.accounts.permissions import require_secretariat
from intercity.accounts.services import grant_role
from intercity.accounts.tests.factories import UserFactory
from intercity.core.errors import PermissionDenied

pytestmark = pytest.mark.django_db


def test_secretariat_staff_pass_the_check():
    officer = UserFactory()
    grant_role(None, officer, Role.SECRETARIAT)
    require_secretariat(officer, "publish an instrument version")


def test_anyone_else_is_refused_with_the_action_named():
    with pytest.raises(PermissionDenied, match=r"^Only Secretariat staff may publish a thing\.$"):
        require_secretariat(UserFactory(), "publish a thing")


def test_without_an_action_the_message_is_general():
    with pytest.raises(PermissionDenied, match=r"^Only Secretariat staff may do this\.$"):
        require_secretariat(AnonymousUser())
