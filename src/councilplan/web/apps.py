from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "councilplan.web"
    label = "web"
    verbose_name = "Website"

    def ready(self) -> None:
        from councilplan.web.shared_positions import shared_puts_connect

        shared_puts_connect()
