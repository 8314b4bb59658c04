from django.apps import AppConfig


class CycleConfig(AppConfig):
    name = "councilplan.cycle"
    label = "cycle"
    verbose_name = "The quarterly update cycle"
