"""Accounts: logins and the roles that every module shares (the Secretariat, a city's officer,
a country's representative). Roles that belong to one module are declared in its manifest;
`accounts.models.Role` lists them all, since a grant is stored with its code."""

from django.utils.translation import gettext_lazy as _

from intercity.core.modules import Manifest

manifest = Manifest(
    name="accounts",
    label=_("Accounts and roles"),  # type: ignore[arg-type]
    # "judge" is the awards module's (to come); it is declared here until that module exists.
    urls=("intercity.accounts.urls",),
    roles=("secretariat", "city_officer", "national_representative", "judge"),
)
