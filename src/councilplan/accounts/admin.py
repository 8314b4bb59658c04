from django.contrib import admin

from councilplan.accounts.models import Membership, SignInAttempt
from councilplan.history.admin import ReadOnlyAdmin


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "role", "disabled_on")
    list_filter = ("organisation", "role")
    search_fields = ("user__username", "user__email")


@admin.register(SignInAttempt)
class SignInAttemptAdmin(ReadOnlyAdmin):
    """The audit trail of sign-in attempts: read only."""

    list_display = ("at", "username", "ip_address", "outcome")
    list_filter = ("outcome",)
    search_fields = ("username", "ip_address")
