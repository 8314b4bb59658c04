from django.urls import path

from councilplan.web import views

app_name = "web"
urlpatterns = [
    path("", views.plan_index, name="plan-index"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("plans/<slug:slug>/", views.plan_dashboard, name="plan-dashboard"),
    path("plans/<slug:slug>/items/", views.plan_tree, name="plan-tree"),
    path("plans/<slug:slug>/items/<int:item_id>/", views.item_detail, name="item-detail"),
    path("plans/<slug:slug>/reports/", views.report_list, name="report-list"),
    path(
        "plans/<slug:slug>/reports/<str:period_key>.<str:fmt>",
        views.report_download,
        name="report-download",
    ),
    path("import/", views.import_upload, name="import-upload"),
    path("import/<uuid:pending_id>/", views.import_review, name="import-review"),
    path("import/<uuid:pending_id>/columns/", views.import_columns, name="import-columns"),
    path("import/<uuid:pending_id>/confirm/", views.import_confirm, name="import-confirm"),
    path("import/<uuid:pending_id>/cancel/", views.import_cancel, name="import-cancel"),
    path("published/", views.public_plan_list, name="public-plan-list"),
    path("published/<slug:slug>/", views.public_plan, name="public-plan"),
    path("published/<slug:slug>/<str:period_key>/", views.public_plan, name="public-plan-period"),
]
