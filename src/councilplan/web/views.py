from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from councilplan.plans.selectors import plan_list


def plan_index(request: HttpRequest) -> HttpResponse:
    return render(request, "web/plan_index.html", {"plans": plan_list()})
