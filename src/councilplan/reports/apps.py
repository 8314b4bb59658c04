from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "councilplan.reports"
    label = "reports"
    verbose_name = "Reports"

    def ready(self) -> None:
        from councilplan.cycle.signals import period_published
        from councilplan.reports.services import report_freeze

        period_published.connect(report_freeze, dispatch_uid="reports.report_freeze")
