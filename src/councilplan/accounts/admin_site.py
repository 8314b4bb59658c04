"""The Django admin, for superusers only, behind the site's one sign-in page.

The admin's own login form would check passwords without the lockout, so its login view
sends people to /sign-in/ instead and never checks a password itself.
"""

from typing import Any

from django.contrib.admin import AdminSite
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

ADMIN_SUPERUSERS_ONLY_ERROR = "The administration pages are for councilplan's superusers only."


class SuperuserAdminSite(AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_superuser)

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        destination = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        if not url_has_allowed_host_and_scheme(destination, allowed_hosts={request.get_host()}):
            destination = reverse("admin:index", current_app=self.name)
        if not request.user.is_authenticated:
            return redirect_to_login(destination)
        if not self.has_permission(request):
            raise PermissionDenied(ADMIN_SUPERUSERS_ONLY_ERROR)
        return HttpResponseRedirect(destination)
