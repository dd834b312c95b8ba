from functools import reduce
from operator import and_, or_

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from advocacy.models import Approach, CoreAsk, Message, Objective, Principle
from casemgmt.models import ProtocolStep, Strategy
from risks.models import AtRiskGroup, Category, RiskFactor
from standards.models import ChecklistItem, Section, Topic

from .models import DefinitionElement, Page, Passage, Resource, Source

SEARCH_MAX_TERMS = 8
SEARCH_MAX_PER_KIND = 25

# What the search box looks through: a kind of content, its model, and the fields matched.
SEARCHABLE = [
    (_("Risk factors"), RiskFactor, ["code", "title", "text", "quote"]),
    (_("Risk categories"), Category, ["title", "intro", "note"]),
    (_("At-risk groups"), AtRiskGroup, ["name"]),
    (_("Checklist items"), ChecklistItem, ["code", "lead_in", "text"]),
    (_("Training topics"), Topic, ["text"]),
    (_("Checklist sections"), Section, ["title", "text"]),
    (_("Case-management strategies"), Strategy, ["name", "text"]),
    (_("Case-management steps"), ProtocolStep, ["text"]),
    (_("Advocacy messages"), Message, ["code", "text"]),
    (_("Advocacy objectives"), Objective, ["code", "title"]),
    (_("Advocacy approaches"), Approach, ["title", "summary", "recommended_for", "text"]),
    (_("Core asks"), CoreAsk, ["text"]),
    (_("Principles"), Principle, ["text"]),
    (_("Guidance text"), Passage, ["title", "text"]),
    (_("Definition of TiP"), DefinitionElement, ["text"]),
    (_("Sources"), Source, ["text"]),
    (_("Resources"), Resource, ["title", "description"]),
]

RELATED_SELECT = {Topic: ["item"], ProtocolStep: ["strategy"]}


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "tipguide/home.html",
        {
            "passages": Passage.objects.by_slug(Page.OVERVIEW),
            "elements": DefinitionElement.objects.all(),
        },
    )


def overview(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "tipguide/overview.html",
        {
            "passages": Passage.objects.by_slug(Page.OVERVIEW),
            "elements": DefinitionElement.objects.all(),
        },
    )


def sources(request: HttpRequest) -> HttpResponse:
    return render(request, "tipguide/source_list.html", {"sources": Source.objects.all()})


def resources(request: HttpRequest) -> HttpResponse:
    by_collection = {}
    for resource in Resource.objects.all():
        by_collection.setdefault(resource.collection, []).append(resource)
    collections = [
        (value, label, by_collection[value])
        for value, label in Resource.Collection.choices
        if value in by_collection
    ]
    return render(
        request,
        "tipguide/resource_list.html",
        {"collections": collections, "passages": Passage.objects.by_slug(Page.RESOURCES)},
    )


def _matches(fields: list[str], terms: list[str]) -> Q:
    return reduce(
        and_, (reduce(or_, (Q(**{f"{f}__icontains": term}) for f in fields)) for term in terms)
    )


def _matched_text(obj, fields: list[str], terms: list[str]) -> str:
    """Return the longest matching field, so the excerpt shows the hit in context."""
    texts = [str(getattr(obj, f)) for f in fields]
    hits = [t for t in texts if any(term.lower() in t.lower() for term in terms)]
    return max(hits or texts, key=len)


def search(request: HttpRequest) -> HttpResponse:
    query = " ".join(request.GET.get("q", "").split()[:SEARCH_MAX_TERMS])
    groups, total = [], 0
    if query:
        terms = query.split()
        for label, model, fields in SEARCHABLE:
            found = model.objects.filter(_matches(fields, terms)).select_related(
                *RELATED_SELECT.get(model, [])
            )[:SEARCH_MAX_PER_KIND]
            hits = [(obj, _matched_text(obj, fields, terms)) for obj in found]
            if hits:
                groups.append((label, hits))
                total += len(hits)
    return render(
        request, "tipguide/search.html", {"query": query, "groups": groups, "total": total}
    )
