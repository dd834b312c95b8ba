from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _


def _holds_nul(data: QueryDict) -> bool:
    return any(
        "\0" in key or any("\0" in value for value in values) for key, values in data.lists()
    )


class RejectNulMiddleware:
    """Answer 400 to a query string or form that holds a NUL character.

    No one types one, and PostgreSQL refuses it in any text, so without this check it would
    reach the database from any search box or filter and end in a server error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _holds_nul(request.GET) or (request.method == "POST" and _holds_nul(request.POST)):
            reason = _("The address or the form held a character that no text can contain.")
            return render(request, "400.html", {"reason": reason}, status=400)
        return self.get_response(request)
