from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "councilplan.imports"
    label = "imports"
    verbose_name = "Importing council documents"
