from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "councilplan.accounts"
    label = "accounts"
    verbose_name = "People and permissions"
