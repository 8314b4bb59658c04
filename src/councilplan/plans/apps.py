from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "councilplan.plans"
    label = "plans"
    verbose_name = "Plans"

    def ready(self) -> None:
        from councilplan.plans import receivers  # noqa: F401  (bumps revisions on every act)
