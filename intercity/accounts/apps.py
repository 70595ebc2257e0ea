from django.apps import AppConfig

from intercity.accounts.manifest import manifest as accounts_manifest


class AccountsConfig(AppConfig):
    name = "intercity.accounts"
    label = "accounts"
    verbose_name = "Accounts and roles"
    manifest = accounts_manifest
