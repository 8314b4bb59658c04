from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "councilplan.api"
    label = "api"
    verbose_name = "API"
