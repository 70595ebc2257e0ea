"""Create one demonstration login per role and print them. For local runs, never production.

It lives with the registry because the demo people belong to its organisations and networks;
`accounts` (beside `core`) knows no domain module."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from intercity.accounts import two_factor
from intercity.accounts.models import Role, User
from intercity.accounts.services import grant_role
from intercity.network.models import Network, Organisation

# (username, role, organisation key or None, network slug or None, description)
DEMO_USERS = [
    ("secretariat", Role.SECRETARIAT, None, None, "Secretariat staff: edits everything, admin"),
    ("seoul", Role.CITY_OFFICER, "seoul", None, "City officer of Seoul"),
    ("makati", Role.CITY_OFFICER, "makati", None, "City officer of Makati"),
    ("seoul-cps", Role.DEPARTMENT_STAFF, "seoul", None, "Department staff of Seoul (CPS)"),
    ("seoul-cps-admin", Role.CPS_ADMIN, "seoul", None, "Administrator of Seoul's CPS"),
    ("judge", Role.JUDGE, None, "wego", "Award judge (WeGO)"),
    ("head-judge", Role.JUDGE, None, "wego", "Head of an award's judging panel (WeGO)"),
    ("natrep", Role.NATIONAL_REPRESENTATIVE, None, "ascn", "National representative (ASCN)"),
    ("citizen", Role.CITIZEN, None, None, "Citizen"),
]


def demo_password(username: str) -> str:
    return f"{username}-demo-2026"


def demo_email(username: str) -> str:
    """Each demo login has an address, so the mail it would get (a reminder, a password reset)
    can be seen in `make run` (README: E-mail). `.example` is reserved: nothing is delivered."""
    return f"{username}@demo.intercity.example"


class Command(BaseCommand):
    help = "Create a demo login for each role (idempotent) and print the logins."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write("Demo logins (local use only):")
        for username, role, org_key, network_slug, description in DEMO_USERS:
            organisation = Organisation.objects.filter(key=org_key).first() if org_key else None
            network = Network.objects.filter(slug=network_slug).first() if network_slug else None
            if org_key and organisation is None:
                self.stdout.write(f"  skipped {username}: organisation '{org_key}' not loaded")
                continue
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User.objects.create_user(
                    username=username,
                    password=demo_password(username),
                    email=demo_email(username),
                    first_name=description.split(":")[0].split(" (")[0],
                    is_staff=role == Role.SECRETARIAT,
                    is_superuser=role == Role.SECRETARIAT,
                )
            elif not user.email:  # made before demo logins had addresses
                user.email = demo_email(username)
                user.save(update_fields=["email"])
            grant_role(
                None,
                user,
                role,
                organisation_id=organisation.pk if organisation else None,
                network_id=network.pk if network else None,
            )
            self.stdout.write(
                f"  {username:<12} password {demo_password(username):<24} "
                f"{demo_email(username):<36} {description}"
            )
            if role == Role.SECRETARIAT:
                self.second_factor(user)

    def second_factor(self, user: User) -> None:
        """Secretariat staff sign in with two factors (decision 0019): the demo login gets an
        authenticator key to add to an app, and ten fresh recovery codes on every run."""
        key, codes = two_factor.demo_second_factor(user)
        self.stdout.write(
            f"    {user.username}'s second factor: add the key {key} to an authenticator app "
            "(TOTP, 6 digits, 30 s), or give one of these recovery codes (each works once):"
        )
        self.stdout.write(f"    {' '.join(codes)}")
