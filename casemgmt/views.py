from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tipguide.models import Page, Passage, Resource

from .models import Strategy


def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "casemgmt/strategy_list.html",
        {
            "strategies": Strategy.objects.prefetch_related("steps"),
            "passages": Passage.objects.by_slug(Page.CASEMGMT),
            "remote_resources": Resource.objects.filter(
                collection=Resource.Collection.REMOTE_SERVICES
            ),
        },
    )
