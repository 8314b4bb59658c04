from django.urls import path

from councilplan.web import views

app_name = "web"
urlpatterns = [
    path("", views.plan_index, name="plan-index"),
]
