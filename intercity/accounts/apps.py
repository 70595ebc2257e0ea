from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "intercity.accounts"
    label = "accounts"
    verbose_name = "Accounts and roles"
