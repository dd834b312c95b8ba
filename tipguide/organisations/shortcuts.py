from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from tipguide.organisations.models import NationalSociety


def get_society_for_user(request: HttpRequest, iso2: str, *, write: bool = False):
    """The National Society, if the user may see it (else 404) and, with `write`, keep it
    (else 403)."""
    society = get_object_or_404(
        NationalSociety.objects.visible_to(request.user).select_related("region"), iso2=iso2
    )
    if write and not society.can_edit(request.user):
        raise PermissionDenied
    return society
