from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "councilplan.plans"
    label = "plans"
    verbose_name = "Plans"
