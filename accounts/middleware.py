"""Two-factor sign-in is enforced here, for every page, after Django's login check."""

import functools

from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse

from accounts import two_factor
from accounts.two_factor import FLOW_KEY

# Pages a signed-in but not yet verified user may still open.
_OPEN_URL_NAMES = ("two_factor_setup", "two_factor_verify", "logout", "healthz")


class TwoFactorMiddleware:
    """A user who must use two-factor sign-in and has no device reaches only the enrolment page.

    A session that is signed in but never gave a code although the account has a device (Django
    admin's login, a session from before enrolment was required) is ended: the password alone never
    opens the site for such an account.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and not self._is_open(request):
            if not request.session.get(FLOW_KEY) and two_factor.has_device(user):
                logout(request)
                return redirect_to_login(request.get_full_path())
            if user.two_factor_required():
                return redirect("two_factor_setup")
        return self.get_response(request)

    @staticmethod
    def _is_open(request):
        return request.path in _open_paths()


@functools.cache
def _open_paths():
    return frozenset(reverse(name) for name in _OPEN_URL_NAMES)
