from django.urls import path

from councilplan.web import edit_views, token_views, views

app_name = "web"
urlpatterns = [
    path("", views.plan_index, name="plan-index"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("health/", views.health, name="health"),
    path("plans/<slug:slug>/", views.plan_dashboard, name="plan-dashboard"),
    path("plans/<slug:slug>/items/", views.plan_tree, name="plan-tree"),
    path("plans/<slug:slug>/indicators/", views.plan_indicators, name="plan-indicators"),
    path(
        "plans/<slug:slug>/indicators/<int:measure_id>/",
        views.indicator_detail,
        name="indicator-detail",
    ),
    path(
        "plans/<slug:slug>/indicators/<int:measure_id>/targets/",
        edit_views.measure_targets,
        name="measure-targets",
    ),
    path("plans/<slug:slug>/items/<int:item_id>/", views.item_detail, name="item-detail"),
    path("plans/<slug:slug>/reports/", views.report_list, name="report-list"),
    path("plans/<slug:slug>/risks/", views.risk_register, name="risk-register"),
    path("plans/<slug:slug>/risks/new/", edit_views.risk_create, name="risk-create"),
    path("plans/<slug:slug>/risks/<int:risk_id>/edit/", edit_views.risk_edit, name="risk-edit"),
    path(
        "plans/<slug:slug>/risks/<int:risk_id>/archive/",
        edit_views.risk_archive,
        name="risk-archive",
    ),
    path(
        "plans/<slug:slug>/risks/<int:risk_id>/restore/",
        edit_views.risk_restore,
        name="risk-restore",
    ),
    path(
        "plans/<slug:slug>/reports/<str:period_key>/make/",
        views.report_make,
        name="report-make",
    ),
    path(
        "plans/<slug:slug>/reports/<str:period_key>.<str:fmt>/prepare/",
        views.report_prepare,
        name="report-prepare",
    ),
    path(
        "plans/<slug:slug>/reports/prepared/<int:prepared_id>/",
        views.report_prepared,
        name="report-prepared",
    ),
    path(
        "plans/<slug:slug>/reports/<str:period_key>.<str:fmt>",
        views.report_download,
        name="report-download",
    ),
    # Keeping the plan up to date (performance officers and administrators)
    path("plans/<slug:slug>/settings/", edit_views.plan_settings, name="plan-settings"),
    path("plans/<slug:slug>/archived/", edit_views.plan_archived, name="plan-archived"),
    path("plans/<slug:slug>/archive/", edit_views.plan_archive, name="plan-archive"),
    path("plans/<slug:slug>/statuses/", edit_views.plan_statuses, name="plan-statuses"),
    path(
        "plans/<slug:slug>/next-year/",
        edit_views.plan_carry_forward,
        name="plan-carry-forward",
    ),
    path("plans/<slug:slug>/restore/", edit_views.plan_restore, name="plan-restore"),
    path("plans/<slug:slug>/items/new/", edit_views.item_create, name="item-create"),
    path("plans/<slug:slug>/items/<int:item_id>/edit/", edit_views.item_edit, name="item-edit"),
    path("plans/<slug:slug>/items/<int:item_id>/move/", edit_views.item_move, name="item-move"),
    path(
        "plans/<slug:slug>/items/<int:item_id>/reorder/",
        edit_views.item_reorder,
        name="item-reorder",
    ),
    path(
        "plans/<slug:slug>/items/<int:item_id>/archive/",
        edit_views.item_archive,
        name="item-archive",
    ),
    path(
        "plans/<slug:slug>/items/<int:item_id>/restore/",
        edit_views.item_restore,
        name="item-restore",
    ),
    path("plans/<slug:slug>/items/<int:item_id>/people/", edit_views.item_roles, name="item-roles"),
    path(
        "plans/<slug:slug>/roles/<int:role_id>/remove/",
        edit_views.item_role_remove,
        name="item-role-remove",
    ),
    path(
        "plans/<slug:slug>/items/<int:item_id>/measures/new/",
        edit_views.measure_create,
        name="measure-create",
    ),
    path(
        "plans/<slug:slug>/measures/<int:measure_id>/edit/",
        edit_views.measure_edit,
        name="measure-edit",
    ),
    path(
        "plans/<slug:slug>/measures/<int:measure_id>/archive/",
        edit_views.measure_archive,
        name="measure-archive",
    ),
    path(
        "plans/<slug:slug>/measures/<int:measure_id>/restore/",
        edit_views.measure_restore,
        name="measure-restore",
    ),
    path("import/", views.import_upload, name="import-upload"),
    path("import/<uuid:pending_id>/", views.import_review, name="import-review"),
    path("import/<uuid:pending_id>/columns/", views.import_columns, name="import-columns"),
    path("import/<uuid:pending_id>/confirm/", views.import_confirm, name="import-confirm"),
    path("import/<uuid:pending_id>/cancel/", views.import_cancel, name="import-cancel"),
    path("account/api-tokens/", token_views.api_tokens, name="api-tokens"),
    path(
        "account/api-tokens/<int:token_id>/revoke/",
        token_views.api_token_revoke,
        name="api-token-revoke",
    ),
    path("published/", views.public_plan_list, name="public-plan-list"),
    path("published/<slug:slug>/", views.public_plan, name="public-plan"),
    path("published/<slug:slug>/<str:period_key>/", views.public_plan, name="public-plan-period"),
    path(
        "published/<slug:slug>/<str:period_key>/data.<str:fmt>",
        views.public_plan_data,
        name="public-plan-data",
    ),
    path(
        "published/<slug:slug>/<str:period_key>/items/<path:key>/",
        views.public_item,
        name="public-item",
    ),
]
