"""Which language a request is served in: the account's choice, else the site's (KIMTRACK_LANGUAGE)."""

from django.conf import settings
from django.utils import translation


def is_offered(code):
    """True for a language the site offers (settings.LANGUAGES)."""
    return code in dict(settings.LANGUAGES)


def request_language(request):
    """Signed in: the account's language, else KIMTRACK_LANGUAGE. Signed out: the switch's cookie, else the same.

    The cookie only speaks for signed-out pages (the sign-in page after signing out): on a shared
    office computer the next colleague signs in to their own account's language, not the last one's.
    """
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user.preferred_language if is_offered(user.preferred_language) else settings.LANGUAGE_CODE
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return cookie if is_offered(cookie) else settings.LANGUAGE_CODE


class UserLanguageMiddleware:
    """Serves each request in `request_language`; after AuthenticationMiddleware, which sets request.user.

    Not Django's LocaleMiddleware: that one follows the browser's Accept-Language, and an office
    computer set to English would then override the regency's choice of KIMTRACK_LANGUAGE.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request_language(request)
        # override(), not activate(): the previous language comes back once the response is
        # rendered, so a request never leaks its language into whatever the thread does next.
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
