"""App configurations the project sets for other packages' apps."""

from django.contrib.admin.apps import AdminConfig


class CouncilplanAdminConfig(AdminConfig):
    """Django's admin with councilplan's site: superusers only, signed in through /sign-in/."""

    default_site = "councilplan.accounts.admin_site.SuperuserAdminSite"
