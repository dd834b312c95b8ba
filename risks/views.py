from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from tipguide.core.models import Page, Passage, Source

from .models import AtRiskGroup, Category, RiskFactor


def index(request: HttpRequest) -> HttpResponse:
    groups = list(AtRiskGroup.objects.all())
    selected = next((g for g in groups if g.slug == request.GET.get("group")), None)
    factors = RiskFactor.objects.prefetch_related("groups")
    if selected:
        factors = factors.naming_group(selected.slug)
    categories = Category.objects.prefetch_related(Prefetch("factors", queryset=factors))
    return render(
        request,
        "risks/riskfactor_list.html",
        {
            "categories": categories,
            "groups": groups,
            "selected_group": selected,
            "passages": Passage.objects.by_slug(Page.RISKS),
        },
    )


def detail(request: HttpRequest, code: str) -> HttpResponse:
    factor = get_object_or_404(
        RiskFactor.objects.select_related("category").prefetch_related("groups"), code=code
    )
    siblings = list(RiskFactor.objects.values_list("code", "title"))
    index = [c for c, _ in siblings].index(factor.code)
    return render(
        request,
        "risks/riskfactor_detail.html",
        {
            "factor": factor,
            "sources": Source.objects.filter(number__in=factor.cited_source_numbers()),
            "previous": siblings[index - 1] if index > 0 else None,
            "next": siblings[index + 1] if index + 1 < len(siblings) else None,
        },
    )
