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
    with pytest.raises(
        PermissionDenied, match=r"^Only Secretariat staff may publish an instrument version\.$"
    ):
        require_secretariat(UserFactory(), "publish an instrument version")


def test_a_caller_may_give_its_own_whole_sentence():
    with pytest.raises(PermissionDenied, match=r"^Only the Secretariat opens the ballot\.$"):
        require_secretariat(UserFactory(), refusal="Only the Secretariat opens the ballot.")


def test_an_action_without_a_sentence_gets_the_general_one():
    """An unknown action is never spliced into a sentence: the person gets the general
    refusal, whole, in their language."""
    with pytest.raises(PermissionDenied, match=r"^Only Secretariat staff may do this\.$"):
        require_secretariat(UserFactory(), "publish a thing")


def test_without_an_action_the_message_is_general():
    with pytest.raises(PermissionDenied, match=r"^Only Secretariat staff may do this\.$"):
        require_secretariat(AnonymousUser())
