from django.contrib import admin

from councilplan.accounts.models import Membership, SignInAttempt


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "role", "disabled_on")
    list_filter = ("organisation", "role")
    search_fields = ("user__username", "user__email")


@admin.register(SignInAttempt)
class SignInAttemptAdmin(admin.ModelAdmin):
    """The audit trail of sign-in attempts: read only."""

    list_display = ("at", "username", "ip_address", "outcome")
    list_filter = ("outcome",)
    search_fields = ("username", "ip_address")

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
