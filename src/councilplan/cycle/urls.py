"""Readable, stable addresses: the browser tests and people's bookmarks rely on them."""

from django.urls import path

from councilplan.cycle import views

app_name = "cycle"
urlpatterns = [
    path("my-updates/", views.my_updates, name="my-updates"),
    path("plans/<slug:plan>/periods/", views.period_index, name="period-index"),
    path("plans/<slug:plan>/periods/<str:period>/round/", views.round_page, name="round"),
    path(
        "plans/<slug:plan>/periods/<str:period>/round/open/", views.period_open, name="period-open"
    ),
    path(
        "plans/<slug:plan>/periods/<str:period>/round/close/",
        views.period_close,
        name="period-close",
    ),
    path(
        "plans/<slug:plan>/periods/<str:period>/round/publish/",
        views.period_publish,
        name="period-publish",
    ),
    path(
        "plans/<slug:plan>/periods/<str:period>/round/approve/",
        views.updates_approve,
        name="updates-approve",
    ),
    path(
        "plans/<slug:plan>/periods/<str:period>/round/reopen/",
        views.period_reopen,
        name="period-reopen",
    ),
    path(
        "plans/<slug:plan>/periods/<str:period>/round/remind/",
        views.reminders_send,
        name="reminders-send",
    ),
    path(
        "plans/<slug:plan>/items/<path:key>/update/<str:period>/review/",
        views.update_review,
        name="update-review",
    ),
    path(
        "plans/<slug:plan>/items/<path:key>/update/<str:period>/",
        views.update_edit,
        name="update-edit",
    ),
]
