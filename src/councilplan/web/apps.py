from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "councilplan.web"
    label = "web"
    verbose_name = "Website"
