import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tipguide.core.editing import Outcome, versioned_edit
from tipguide.core.forms import changed_records
from tipguide.core.models import Page, Passage, Source
from tipguide.core.services import Stale
from tipguide.organisations.models import NationalSociety, works_with_societies

from . import services
from .documents import DOCX_TYPE, briefing_document, docx_filename
from .forms import (
    MAX_MESSAGES,
    BriefingAddForm,
    BriefingForm,
    BriefingMessageFormSet,
    BriefingStartForm,
    societies_for_briefings,
)
from .models import Approach, Briefing, CoreAsk, Message, Objective, Principle


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
    recommendations = [
        (society, Approach.objects.recommended_for(society))
        for society in NationalSociety.objects.editable_by(request.user).select_related("profile")
    ]
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
            "recommendations": recommendations,
            "can_brief": bool(recommendations),
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
            "can_brief": NationalSociety.objects.editable_by(request.user).exists(),
        },
    )


def _get_briefing_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Briefing:
    briefing = get_object_or_404(
        Briefing.objects.visible_to(request.user).select_related(
            "national_society__profile", "approach", "updated_by"
        ),
        pk=pk,
    )
    if write and not briefing.can_edit(request.user):
        raise PermissionDenied
    return briefing


@login_required
def briefing_list(request: HttpRequest) -> HttpResponse:
    if not works_with_societies(request.user):
        raise PermissionDenied
    briefings = Briefing.objects.visible_to(request.user).select_related(
        "national_society", "approach", "updated_by"
    )
    return render(
        request,
        "advocacy/briefing_list.html",
        {
            "briefings": briefings.annotate(message_count=Count("quoted_messages")),
            "societies": societies_for_briefings(request.user),
        },
    )


@login_required
def briefing_start(request: HttpRequest) -> HttpResponse:
    societies = list(societies_for_briefings(request.user))
    if not societies:
        raise PermissionDenied
    society = next((s for s in societies if s.iso2 == request.GET.get("society")), societies[0])
    starting_with = (
        Message.objects.for_library().filter(code=request.GET.get("message", "")[:12]).first()
    )
    recommended = Approach.objects.recommended_for(society)
    form = BriefingStartForm(
        request.POST or None,
        societies=NationalSociety.objects.filter(pk__in=[s.pk for s in societies]),
        initial={
            "national_society": society,
            "approach": recommended,
            "message": starting_with.code if starting_with else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["objectives"]
        first = [form.cleaned_data["message"]] if form.cleaned_data["message"] else []
        briefing = services.briefing_start(
            national_society=form.cleaned_data["national_society"],
            user=request.user,
            title=form.cleaned_data["title"],
            audience=form.cleaned_data["audience"],
            approach=form.cleaned_data["approach"],
            messages=first + list(Message.objects.for_library().filter(objective__in=chosen)),
        )
        messages.success(
            request,
            _(
                "Briefing started. Remove the messages you don't need, put them in order, and add "
                "your local context."
            ),
        )
        return redirect("advocacy:briefing_edit", pk=briefing.pk)
    if form.is_bound:
        starting_with = form.cleaned_data.get("message") if hasattr(form, "cleaned_data") else None
    return render(
        request,
        "advocacy/briefing_start.html",
        {
            "form": form,
            "starting_with": starting_with,
            "recommendations": [(s, Approach.objects.recommended_for(s)) for s in societies],
            "approaches": Approach.objects.prefetch_related("objectives"),
            "chosen_objectives": [str(code) for code in form["objectives"].value() or []],
            "chosen_approach": str(form["approach"].value() or ""),
        },
        status=400 if form.errors else 200,
    )


def _briefing_forms(briefing: Briefing, data=None) -> list:
    return [
        BriefingForm(data, instance=briefing, initial={"version": briefing.version}),
        BriefingMessageFormSet(
            data,
            instance=briefing,
            prefix=QUOTES,
            queryset=briefing.quoted_messages.select_related("message"),
        ),
    ]


QUOTES = "quotes"
MOVE = re.compile(r"(\d{1,3})-(up|down)")
ROW_FIELD = re.compile(rf"(initial-)?{QUOTES}-(\d+)-(.+)")


def _without_vanished(data, existing: set[str]):
    """The posted data without the rows of quotes removed since the page was shown, so that
    someone else's removal is a conflict to resolve, not an error in the form."""
    rows = {}
    for key in data:
        match = ROW_FIELD.fullmatch(key)
        if match:
            rows.setdefault(int(match[2]), []).append((key, match[1] or "", match[3]))
    vanished = {
        index
        for index in rows
        if data.get(f"{QUOTES}-{index}-id", "").isdigit()
        and data[f"{QUOTES}-{index}-id"] not in existing
    }
    if not vanished:
        return data
    kept = data.copy()
    for fields in rows.values():
        for key, _initial, _name in fields:
            del kept[key]
    for new, index in enumerate(sorted(set(rows) - vanished)):
        for key, initial, name in rows[index]:
            kept.setlist(f"{initial}{QUOTES}-{new}-{name}", data.getlist(key))
    count = len(set(rows) - vanished)
    kept[f"{QUOTES}-TOTAL_FORMS"] = kept[f"{QUOTES}-INITIAL_FORMS"] = str(count)
    return kept


def _with_move(data, move: str):
    """The posted data with the quote at form index `n` of "n-up" or "n-down" swapped with the
    one shown above or below it, the places numbered 1, 2, 3; None if `move` is malformed."""
    match = MOVE.fullmatch(move)
    if not match:
        return None
    rows = []
    for index in range(MAX_MESSAGES):
        key = f"{QUOTES}-{index}-position"
        if key not in data:
            break
        try:
            rows.append((int(data[key]), index))
        except ValueError:
            return data  # the formset says what is wrong with it
    order = [index for _position, index in sorted(rows)]
    moving = int(match[1])
    if moving not in order:
        return None
    place = order.index(moving)
    other = place - 1 if match[2] == "up" else place + 1
    if 0 <= other < len(order):
        order[place], order[other] = order[other], order[place]
    data = data.copy()
    for number, index in enumerate(order, start=1):
        data[f"{QUOTES}-{index}-position"] = str(number)
    return data


@login_required
def briefing_edit(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = _get_briefing_for_user(request, pk, write=True)
    if request.method != "POST":
        return _render_builder(request, briefing, _briefing_forms(briefing))
    data, move = request.POST, request.POST.get("move")
    if move is not None:
        # On the rows as the page showed them, before any removed since are left out.
        data = _with_move(data, move)
        if data is None:
            messages.error(request, _("That move is not one this page offers; nothing was saved."))
            return _render_builder(request, briefing, _briefing_forms(briefing), status=400)
    existing = dict(briefing.quoted_messages.values_list("code", "pk"))
    requote = data.get("requote")
    if requote is not None and requote not in existing:
        messages.error(request, _("That message is not in this briefing; nothing was saved."))
        return _render_builder(request, briefing, _briefing_forms(briefing), status=400)
    data = _without_vanished(data, {str(quote) for quote in existing.values()})

    def save(form, formset):
        services.briefing_update(
            briefing=briefing,
            user=request.user,
            version=form.cleaned_data["version"],
            fields={name: form.cleaned_data[name] for name in form.changed_data},
            moved=changed_records(formset),
            removed=[quote.instance for quote in formset.deleted_forms],
            requoted=[row.instance for row in formset.forms if row.instance.code == requote],
        )

    edit = versioned_edit(
        request,
        _briefing_forms(briefing, data),
        save=save,
        forms_for=_briefing_forms,
        invalid=_("Some fields need correcting; nothing was saved."),
        conflict=_(
            "Someone saved this briefing after you opened the page, so nothing was saved. The "
            "form shows what is saved now with your edits laid over it. Check them and save "
            "again to apply them."
        ),
        always_save=requote is not None,
    )
    if edit.outcome is Outcome.SAVED:
        messages.success(request, _("Briefing saved."))
    if edit.done:
        url = reverse("advocacy:briefing_edit", args=[briefing.pk])
        if requote is not None:
            return redirect(f"{url}#quote-{requote}")
        return redirect(f"{url}#messages" if move is not None else url)
    if edit.outcome is Outcome.CONFLICT:
        briefing = _get_briefing_for_user(request, pk, write=True)
    return _render_builder(request, briefing, edit.forms, status=edit.status)


@login_required
@require_POST
def briefing_add(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = _get_briefing_for_user(request, pk, write=True)
    add_form = BriefingAddForm(request.POST)
    if not add_form.is_valid():
        messages.error(request, _("Nothing was added: choose an objective or a message."))
        return _render_builder(
            request, briefing, _briefing_forms(briefing), add_form=add_form, status=400
        )
    try:
        added = services.briefing_add_messages(
            briefing=briefing,
            user=request.user,
            version=add_form.cleaned_data["version"],
            messages=add_form.messages(),
        )
    except Stale as stale:
        messages.warning(
            request,
            _(
                "Someone saved this briefing after you opened the page, so nothing was added. "
                "Check the briefing as saved now and add again."
            ),
        )
        current = stale.current
        retry = BriefingAddForm(initial={**add_form.data.dict(), "version": current.version})
        return _render_builder(
            request,
            _get_briefing_for_user(request, pk, write=True),
            _briefing_forms(current),
            add_form=retry,
            status=409,
        )
    if added:
        messages.success(
            request,
            ngettext(
                "Added %(count)d message at the end.",
                "Added %(count)d messages at the end.",
                len(added),
            )
            % {"count": len(added)},
        )
    else:
        messages.info(request, _("The briefing already quotes those messages."))
    return redirect(f"{reverse('advocacy:briefing_edit', args=[briefing.pk])}#messages")


def _render_builder(request, briefing, forms, *, add_form=None, status=200) -> HttpResponse:
    form, formset = forms
    return render(
        request,
        "advocacy/briefing_form.html",
        {
            "briefing": briefing,
            "form": form,
            "formset": formset,
            "add_form": add_form or BriefingAddForm(initial={"version": briefing.version}),
            "recommended": Approach.objects.recommended_for(briefing.national_society),
        },
        status=status,
    )


def _briefing_contents(briefing: Briefing) -> dict:
    """What the briefing shows and the document holds: its quotes, the core asks and principles
    every message is framed by, and the sources the quotes cite."""
    quotes = list(briefing.quoted_messages.select_related("message"))
    asks, principles = list(CoreAsk.objects.all()), list(Principle.objects.all())
    cited = {n for record in [*quotes, *asks, *principles] for n in record.cited_source_numbers()}
    return {
        "quotes": quotes,
        "asks": asks,
        "principles": principles,
        "sources": list(Source.objects.filter(number__in=cited)),
    }


@login_required
def briefing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = _get_briefing_for_user(request, pk)
    return render(
        request,
        "advocacy/briefing_detail.html",
        {
            "briefing": briefing,
            "can_edit": briefing.can_edit(request.user),
            **_briefing_contents(briefing),
        },
    )


@login_required
def briefing_docx(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = _get_briefing_for_user(request, pk)
    response = HttpResponse(
        briefing_document(briefing, **_briefing_contents(briefing)), content_type=DOCX_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{docx_filename(briefing)}"'
    return response


@login_required
def briefing_history(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = _get_briefing_for_user(request, pk)
    return render(
        request,
        "advocacy/briefing_history.html",
        {"briefing": briefing, "changes": briefing.changes()},
    )
