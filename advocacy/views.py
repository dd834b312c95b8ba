from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from tipguide.core.models import Page, Passage
from tipguide.organisations.models import NationalSociety

from .models import Approach, CoreAsk, Message, Objective, Principle


def index(request: HttpRequest) -> HttpResponse:
    objectives = list(Objective.objects.select_related("approach"))
    approaches = list(Approach.objects.all())
    selected_objective = next(
        (o for o in objectives if o.code == request.GET.get("objective")), None
    )
    selected_approach = next(
        (a for a in approaches if str(a.number) == request.GET.get("approach")), None
    )
    if selected_objective:
        selected_approach = selected_objective.approach
    shown = Objective.objects.all()
    if selected_objective:
        shown = shown.filter(pk=selected_objective.pk)
    library = Approach.objects.prefetch_related(
        Prefetch("objectives", queryset=shown.prefetch_related("messages"))
    )
    if selected_approach:
        library = library.filter(pk=selected_approach.pk)
    return render(
        request,
        "advocacy/message_list.html",
        {
            "asks": CoreAsk.objects.all(),
            "principles": Principle.objects.all(),
            "approaches": approaches,
            "objectives": objectives,
            "library": library,
            "selected_approach": selected_approach,
            "selected_objective": selected_objective,
            "passages": Passage.objects.by_slug(Page.ADVOCACY),
            "recommendations": [
                (society, Approach.objects.recommended_for(society))
                for society in NationalSociety.objects.editable_by(request.user).select_related(
                    "profile"
                )
            ],
        },
    )


def message(request: HttpRequest, code: str) -> HttpResponse:
    message = get_object_or_404(Message.objects.for_library(), code=code)
    return render(
        request,
        "advocacy/message_detail.html",
        {
            "message": message,
            "asks": CoreAsk.objects.all(),
            "principles": Principle.objects.all(),
            "passages": Passage.objects.by_slug(Page.ADVOCACY),
        },
    )
