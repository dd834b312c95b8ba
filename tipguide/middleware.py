import re

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import translate_url
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext as _

from tipguide.core.languages import preferred_language

# gunicorn refuses a request line longer than 4,094 bytes: no address value can be longer.
LONGEST_ADDRESS_VALUE = 4_000
# A whole number no database column holds (over 2**63 - 1): SQLite cannot even compare one.
HUGE_NUMBER = re.compile(r"\s*[-+]?0*[0-9]{19,}\s*")


def _values(data: QueryDict):
    for key, values in data.lists():
        yield key
        yield from values


def _unreadable(request: HttpRequest) -> str:
    """Why the request's query string or form cannot be read, or ""."""
    sent = list(_values(request.GET))
    if request.method == "POST":
        sent += _values(request.POST)
    if any("\0" in value for value in sent):
        return _("The address or the form held a character that no text can contain.")
    if any(len(value) > LONGEST_ADDRESS_VALUE for value in _values(request.GET)):
        return _("The address was too long to read.")
    if any(HUGE_NUMBER.fullmatch(value) for value in sent):
        return _("The address or the form held a number too large to be a count or a record.")
    return ""


class RejectUnreadableInputMiddleware:
    """Answer 400, before any view, to a query string or form no view can read.

    Each of these would otherwise reach the database from any search box, filter or form and end
    in a server error: a NUL character (PostgreSQL refuses it in any text), a search term tens of
    thousands of characters long (SQLite's LIKE gives up), a number over 2**63 - 1 (SQLite cannot
    compare one with an id).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        reason = _unreadable(request)
        if reason:
            return render(request, "400.html", {"reason": reason}, status=400)
        return self.get_response(request)


class PrivatePagesMiddleware:
    """A signed-in user's pages and exports are kept by no cache: not a shared computer's
    browser, not a proxy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


class PreferredLanguageMiddleware:
    """Show an address without a language prefix in the reader's language.

    English lives at the root and the other languages under their prefix (/fr/…), so a shared
    link keeps its language. A page asked for at the root goes to the reader's own language
    when that isn't English: the signed-in user's preference, else the browser's earlier choice,
    else its Accept-Language. Only reading requests move; a form posted at the root stays there.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        at_root = not get_language_from_path(request.path_info)
        if at_root and request.method in ("GET", "HEAD"):
            language = preferred_language(request)
            if language != settings.LANGUAGE_CODE:
                path = request.get_full_path()
                moved = translate_url(path, language)
                if moved != path:
                    response = HttpResponseRedirect(moved)
                    patch_vary_headers(response, ("Accept-Language", "Cookie"))
                    return response
        response = self.get_response(request)
        if at_root:
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response
