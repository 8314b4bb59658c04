from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "councilplan.history"
    label = "history"
    verbose_name = "Change history"

    def ready(self) -> None:
        from councilplan.history import receivers  # noqa: F401  (connects the signal handlers)
