from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from tipguide.models import Page, Passage, Resource, Source

from .models import ChecklistItem, Section


def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "standards/section_list.html",
        {
            "sections": Section.objects.prefetch_related("items__topics"),
            "passages": Passage.objects.by_slug(Page.STANDARDS),
            "wellbeing": Resource.objects.filter(collection=Resource.Collection.STAFF_WELLBEING),
        },
    )


def item(request: HttpRequest, code: str) -> HttpResponse:
    item = get_object_or_404(
        ChecklistItem.objects.select_related("section").prefetch_related("topics"), code=code
    )
    numbers = item.cited_source_numbers()
    for topic in item.topics.all():
        numbers += topic.cited_source_numbers()
    siblings = list(ChecklistItem.objects.values_list("code", flat=True))
    index = siblings.index(item.code)
    return render(
        request,
        "standards/checklistitem_detail.html",
        {
            "item": item,
            "sources": Source.objects.filter(number__in=numbers),
            "previous": siblings[index - 1] if index > 0 else None,
            "next": siblings[index + 1] if index + 1 < len(siblings) else None,
        },
    )
