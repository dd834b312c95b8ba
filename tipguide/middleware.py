import re

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

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
