from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from intercity.accounts.manifest import manifest as accounts_manifest


class AccountsConfig(AppConfig):
    name = "intercity.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")
    manifest = accounts_manifest

    def ready(self) -> None:
        # Connects the login signal that remembers who must give a second factor.
        from intercity.accounts import two_factor  # noqa: F401
