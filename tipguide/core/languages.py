"""The reader's language: which one a request asks for, and keeping the one chosen."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language_from_request


def preferred_language(request: HttpRequest) -> str:
    """The language to show a page in when its address names none: the signed-in user's
    preference, else the one this browser chose here before, else the browser's own."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.language:
        return user.language
    return get_language_from_request(request)


def remember_language(response: HttpResponse, language: str) -> HttpResponse:
    """Keep `language` for this browser, signed in or not, as Django's own switcher does."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
