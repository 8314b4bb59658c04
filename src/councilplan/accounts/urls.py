from django.urls import path

from councilplan.accounts import views
from councilplan.accounts.oidc import ProviderCallback, SignInWithProvider

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("sign-in/provider/", SignInWithProvider.as_view(), name="oidc-sign-in"),
    path("sign-in/provider/callback/", ProviderCallback.as_view(), name="oidc-callback"),
]
