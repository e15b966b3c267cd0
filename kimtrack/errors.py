"""The site's own error pages that Django does not look up by template name."""

from django.shortcuts import render


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: an Indonesian 403 page that says what to do (Django's default is English).

    The reason is logged by Django's CSRF middleware; the page does not repeat it.
    """
    return render(request, "403_csrf.html", status=403)
