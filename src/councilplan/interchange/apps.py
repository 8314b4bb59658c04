from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "councilplan.interchange"
    label = "interchange"
    verbose_name = "Open plan format"
