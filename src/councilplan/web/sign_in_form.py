"""The sign-in form: a user name and a password, each required."""

from django import forms

USERNAME_REQUIRED_ERROR = "Enter your user name"
PASSWORD_REQUIRED_ERROR = "Enter your password"  # noqa: S105 (a message, not a secret)


class SignInForm(forms.Form):
    username = forms.CharField(
        label="User name", max_length=150, error_messages={"required": USERNAME_REQUIRED_ERROR}
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput,
        error_messages={"required": PASSWORD_REQUIRED_ERROR},
    )
