from collections import Counter
from functools import partial
from types import SimpleNamespace
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Count, F, Q, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from tipguide.core.editing import Outcome, versioned_edit
from tipguide.core.exports import Column, Sheet, csv_response, labels, xlsx_response
from tipguide.core.forms import changed_records, rebuilt_after_conflict
from tipguide.core.models import Page, Passage, Resource, Source
from tipguide.core.services import Stale
from tipguide.organisations.models import NationalSociety, is_manager, works_with_societies

from . import services
from .forms import (
    ActionForm,
    AnswerFormSet,
    ItemCommentForm,
    ReviewForm,
    StartAssessmentForm,
    VersionForm,
)
from .models import ActionStatus, Assessment, ChecklistItem, Section


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


def _get_assessment_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Assessment:
    assessment = get_object_or_404(
        Assessment.objects.visible_to(request.user).select_related("national_society__region"),
        pk=pk,
    )
    if write and not assessment.can_edit(request.user):
        raise PermissionDenied
    return assessment


@login_required
def assessment_list(request: HttpRequest) -> HttpResponse:
    if not works_with_societies(request.user):
        raise PermissionDenied
    assessments = (
        Assessment.objects.visible_to(request.user)
        .select_related("national_society__region")
        .annotate(
            total=Count("answers"),
            answered=Count("answers", filter=~Q(answers__result="")),
        )
        .order_by("national_society__name", "-created_at")
    )
    return render(
        request,
        "standards/assessment_list.html",
        {
            "assessments": assessments,
            "can_start": NationalSociety.objects.editable_by(request.user).exists(),
        },
    )


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """A manager's submitted assessments in scope, the longest waiting first."""
    if not is_manager(request.user):
        raise PermissionDenied
    waiting = Assessment.objects.awaiting_review_by(request.user).select_related(
        "national_society__region", "submitted_by"
    )
    return render(
        request,
        "standards/review_queue.html",
        {"waiting": waiting},
    )


@login_required
def assessment_start(request: HttpRequest) -> HttpResponse:
    if not NationalSociety.objects.editable_by(request.user).exists():
        raise PermissionDenied
    form = StartAssessmentForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_start(
                national_society=form.cleaned_data["national_society"],
                user=request.user,
                from_previous=form.cleaned_data["from_previous"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Assessment started."))
            return redirect(assessment)
    already_open = (
        Assessment.objects.open()
        .filter(national_society=form.cleaned_data["national_society"])
        .first()
        if form.errors and "national_society" in getattr(form, "cleaned_data", {})
        else None
    )
    return render(
        request,
        "standards/assessment_start.html",
        {"form": form, "already_open": already_open},
        status=400 if form.errors else 200,
    )


@login_required
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _get_assessment_for_user(request, pk)
    return _render_detail(request, assessment, ReviewForm())


def _no_longer_waiting(request, assessment, text: str, render_page) -> HttpResponse:
    """A review or a comment posted once the assessment was reviewed or returned, in another
    tab or by another manager: not a refusal of the reviewer's role, which allows it, but a
    conflict, with what they wrote given back to keep."""
    if not assessment.is_reviewer(request.user):
        raise PermissionDenied
    messages.error(
        request,
        _("This assessment is no longer waiting for review: it was reviewed or returned "
          "meanwhile. Nothing was saved; what you wrote is below, to keep."),
    )  # fmt: skip
    return render_page(status=409, unsaved=text)


def _render_detail(request, assessment, review_form, status=200, unsaved="") -> HttpResponse:
    sections = {s.number: s for s in Section.objects.all()}
    section_progress = [
        (sections.get(progress.number), progress) for progress in assessment.section_progress()
    ]
    return render(
        request,
        "standards/assessment_detail.html",
        {
            "assessment": assessment,
            "progress": assessment.progress(),
            "section_progress": section_progress,
            "comparison": assessment.comparison(),
            "item_comments": assessment.comments_since_submitted()
            .select_related("answer", "author")
            .order_by("answer__section_number", "answer__item_position", "created_at"),
            "can_edit": assessment.can_edit(request.user),
            "can_review": assessment.can_review(request.user),
            "review_form": review_form,
            "unsaved": unsaved,
        },
        status=status,
    )


def _section_or_404(assessment: Assessment, number: int) -> Section:
    section = get_object_or_404(Section, number=number)
    if not assessment.answers.filter(section_number=number).exists():
        raise Http404
    return section


def _answers(assessment: Assessment, number: int):
    return (
        assessment.answers.filter(section_number=number)
        .order_by("item_position")
        .prefetch_related("comments__author")
    )


def _section_forms(assessment: Assessment, number: int, data=None) -> list:
    return [
        AnswerFormSet(data, queryset=_answers(assessment, number)),
        VersionForm(data, initial={"version": assessment.version}),
    ]


SECTION_CONFLICT = gettext_lazy(
    "Someone saved this assessment after you opened the page, so nothing was saved. Their "
    "changes are listed below; your edits are still in the form. Check them and save again to "
    "apply them."
)


@login_required
def assessment_section(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    assessment = _get_assessment_for_user(request, pk)
    section = _section_or_404(assessment, number)
    can_edit = assessment.can_edit(request.user)
    if request.method != "POST":
        forms = _section_forms(assessment, number)
        return _render_section(request, assessment, section, *forms, can_edit)
    if not can_edit:
        raise PermissionDenied

    forms = _section_forms(assessment, number, request.POST)
    formset, version_form = forms
    if _partly_valid(formset, version_form):
        return _save_valid_answers(request, assessment, section, formset, version_form)

    def save(formset, version_form):
        services.assessment_answers_save(
            assessment=assessment,
            user=request.user,
            version=version_form.cleaned_data["version"],
            answers=changed_records(formset),
        )

    edit = versioned_edit(
        request,
        forms,
        save=save,
        forms_for=lambda saved, data=None: _section_forms(saved, number, data),
        invalid=_("Some answers need correcting; nothing was saved."),
        conflict=SECTION_CONFLICT,
    )
    if edit.outcome is Outcome.UNCHANGED and "next" not in request.POST:
        return redirect(assessment)
    if edit.outcome is Outcome.SAVED:
        messages.success(
            request,
            _("Saved %(count)d answer(s) in section %(number)d.")
            % {"count": len(changed_records(formset)), "number": number},
        )
    if edit.done:
        return _redirect_after_save(request, assessment, number, formset)
    return _render_section(
        request, assessment, section, *edit.forms, can_edit, edit.conflicts, edit.status
    )


def _partly_valid(formset, version_form) -> bool:
    """Tell whether some answers are invalid and others, changed, can be saved without them."""
    return (
        version_form.is_valid()
        and not formset.non_form_errors()
        and not formset.is_valid()
        and bool(formset.saveable_forms())
    )


def _save_valid_answers(request, assessment, section, formset, version_form) -> HttpResponse:
    """Save the valid answers the user changed, and show the others again with their errors and
    what the user typed, under the version just saved."""
    saved = formset.saveable_forms()
    number = section.number
    try:
        version = services.assessment_answers_save(
            assessment=assessment,
            user=request.user,
            version=version_form.cleaned_data["version"],
            answers=[form.instance for form in saved],
        )
    except Stale as stale:
        rebuilt = rebuilt_after_conflict(
            [formset, version_form],
            _section_forms(stale.current, number),
            partial(_section_forms, stale.current, number),
        )
        messages.warning(request, SECTION_CONFLICT)
        return _render_section(
            request, assessment, section, *rebuilt, True, stale.changed, status=409
        )
    invalid = len(formset.forms) - sum(form.is_valid() for form in formset.forms)
    messages.success(
        request,
        _("Saved %(count)d answer(s) in section %(number)d.")
        % {"count": len(saved), "number": number},
    )
    messages.error(
        request,
        ngettext(
            "%(count)d answer needs correcting; it was not saved.",
            "%(count)d answers need correcting; they were not saved.",
            invalid,
        )
        % {"count": invalid},
    )
    data = formset.data_after_saving(saved)
    data[version_form.add_prefix("version")] = str(version)
    forms = _section_forms(assessment, number, data)
    return _render_section(request, assessment, section, *forms, True, status=400)


def _following(section_progress, number: int) -> int | None:
    """Return the number of the assessment's section after section `number`, if any."""
    return next((p.number for p in section_progress if p.number > number), None)


def _redirect_after_save(request, assessment, number, formset) -> HttpResponse:
    """Go on to the next section when asked; otherwise back to the item the user was on: the
    one the page says (its script notes the last one focused), or else the last one changed."""
    following = (
        _following(assessment.section_progress(), number) if "next" in request.POST else None
    )
    if following:
        return redirect("standards:assessment_section", pk=assessment.pk, number=following)
    codes = [form.instance.item_code for form in formset.forms]
    changed = [form.instance.item_code for form in formset.forms if form.has_changed()]
    at = request.POST.get("at")
    if at not in codes:
        at = changed[-1] if changed else None
    url = reverse("standards:assessment_section", args=[assessment.pk, number])
    return redirect(f"{url}#answer-{at}" if at else url)


@login_required
@require_POST
def assessment_comment(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """A reviewer comments on one item of the section."""
    assessment = _get_assessment_for_user(request, pk)
    section = _section_or_404(assessment, number)

    def no_longer_waiting():
        return _no_longer_waiting(
            request,
            assessment,
            request.POST.get("text", ""),
            lambda **page: _render_section(
                request, assessment, section, *_section_forms(assessment, number),
                can_edit=False, **page,
            ),
        )  # fmt: skip

    if not assessment.can_review(request.user):
        return no_longer_waiting()
    form = ItemCommentForm(request.POST)
    answer = (
        _answers(assessment, number).filter(item_code=request.POST.get("item", "")).first()
        if isinstance(request.POST.get("item"), str)
        else None
    )
    if answer is None:
        messages.error(request, _("That item is not in this section; nothing was saved."))
        return redirect("standards:assessment_section", assessment.pk, number)
    if not form.is_valid():
        return _render_section(
            request,
            assessment,
            section,
            *_section_forms(assessment, number),
            can_edit=False,
            comment_form=form,
            status=400,
        )
    try:
        services.item_comment_add(
            assessment=assessment, answer=answer, user=request.user, text=form.cleaned_data["text"]
        )
    except ValidationError:
        assessment.refresh_from_db()
        if assessment.status == Assessment.Status.SUBMITTED:
            raise  # not the race with a review, which is all the form leaves to refuse here
        return no_longer_waiting()  # reviewed between the check above and the save
    messages.success(request, _("Comment added to %(code)s.") % {"code": answer.item_code})
    url = reverse("standards:assessment_section", args=[assessment.pk, number])
    return redirect(f"{url}#answer-{answer.item_code}")


def _render_section(
    request,
    assessment,
    section,
    formset,
    version_form,
    can_edit,
    conflicts=(),
    status=200,
    comment_form=None,
    unsaved="",
):
    section_progress = assessment.section_progress()
    return render(
        request,
        "standards/assessment_section.html",
        {
            "assessment": assessment,
            "section": section,
            "formset": formset,
            "version_form": version_form,
            "can_edit": can_edit,
            "conflicts": conflicts,
            "section_progress": section_progress,
            "next_section": _following(section_progress, section.number),
            "progress": assessment.progress(),
            "can_comment": assessment.can_review(request.user),
            "comment_form": comment_form,
            "unsaved": unsaved,
        },
        status=status,
    )


@login_required
@require_POST
def assessment_submit(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _get_assessment_for_user(request, pk, write=True)
    version_form = VersionForm(request.POST)
    if "version" in request.POST and not version_form.is_valid():
        messages.error(request, _("The page was out of date; nothing was submitted."))
        return _render_detail(request, assessment, ReviewForm(), status=400)
    try:
        services.assessment_submit(
            assessment=assessment,
            user=request.user,
            version=version_form.cleaned_data["version"] if "version" in request.POST else None,
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(assessment)
    messages.success(request, _("Assessment submitted for review."))
    return redirect(assessment)


@login_required
@require_POST
def assessment_review(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _get_assessment_for_user(request, pk)
    if not assessment.can_review(request.user):
        return _no_longer_waiting(
            request,
            assessment,
            request.POST.get("comment", ""),
            lambda **page: _render_detail(request, assessment, ReviewForm(), **page),
        )
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, assessment, form, status=400)
    try:
        services.assessment_review(
            assessment=assessment,
            user=request.user,
            accept=form.cleaned_data["decision"] == "reviewed",
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _render_detail(request, assessment, form, status=400)
    messages.success(request, _("Review recorded."))
    return redirect(assessment)


def _action_items(assessment: Assessment):
    """The plan: open actions first, then by due date (undated last) and item."""
    return assessment.answers.needing_action().order_by(
        Case(When(action_status=ActionStatus.DONE, then=1), default=0),
        F("due_date").asc(nulls_last=True),
        "section_number",
        "item_position",
    )


@login_required
def assessment_actions(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _get_assessment_for_user(request, pk)
    return _render_actions(request, assessment)


def _render_actions(request, assessment, bound=None, conflicts=(), status=200) -> HttpResponse:
    """The plan page; `bound` is the one action's form the user posted, shown again."""
    today = timezone.localdate()
    actions = list(_action_items(assessment))
    shown_status = request.GET.get("status", "")
    if shown_status not in ActionStatus.values:
        shown_status = ""
    keeps_records = assessment.national_society.can_edit(request.user)
    can_update = keeps_records and assessment.is_latest()
    bound_pk = bound.instance.pk if bound is not None else None

    def form_for(answer):
        if answer.pk == bound_pk:
            return bound
        return ActionForm(instance=answer) if can_update else None

    rows = [
        SimpleNamespace(answer=answer, overdue=answer.is_overdue(today), form=form_for(answer))
        for answer in actions
        if shown_status in ("", answer.action_status) or answer.pk == bound_pk
    ]
    counts = Counter(answer.action_status for answer in actions)
    return render(
        request,
        "standards/assessment_actions.html",
        {
            "assessment": assessment,
            "rows": rows,
            "total": len(actions),
            "overdue_count": sum(answer.is_overdue(today) for answer in actions),
            "status_filters": [
                (value, label, counts[value]) for value, label in ActionStatus.choices
            ],
            "shown_status": shown_status,
            "can_update": can_update,
            "superseded": keeps_records and not can_update,
            "conflicts": conflicts,
            "saved_code": _saved_action(request),
            "today": today,
        },
        status=status,
    )


@login_required
@require_POST
def assessment_action(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """Update one action of the plan from the plan page, whatever the assessment's status."""
    assessment = _get_assessment_for_user(request, pk)
    if not assessment.can_update_actions(request.user):
        raise PermissionDenied
    answer = get_object_or_404(assessment.answers.needing_action(), item_code=code)

    def save(form):
        services.action_update(
            answer=answer,
            user=request.user,
            version=form.cleaned_data["version"],
            action_status=form.cleaned_data["action_status"],
            priority=form.cleaned_data["priority"],
            due_date=form.cleaned_data["due_date"],
        )

    form = ActionForm(request.POST, instance=answer)
    try:
        edit = versioned_edit(
            request,
            [form],
            save=save,
            forms_for=lambda saved, data=None: [ActionForm(data, instance=saved)],
            invalid=_("Action %(code)s needs correcting; nothing was saved.") % {"code": code},
            conflict=_(
                "Someone changed action %(code)s after you opened the page, so nothing was "
                "saved. It shows what is saved now, with your change laid over it: check it and "
                "save again."
            )
            % {"code": code},
        )
    except ValidationError as error:  # what changed between the form's checks and the save
        form.add_error(None, error)
        messages.error(request, _("Action %(code)s was not saved.") % {"code": code})
        return _render_actions(request, assessment, form, status=400)
    if edit.outcome is Outcome.SAVED:
        answer.refresh_from_db()
        messages.success(
            request,
            _("Action %(code)s saved: %(status)s, %(priority)s priority.")
            % {
                "code": code,
                "status": answer.get_action_status_display().lower(),
                "priority": answer.get_priority_display().lower(),
            },
            extra_tags=SAVED_ACTION + code,
        )
    if edit.done:
        return redirect(_actions_url(assessment, request.GET.get("status"), code))
    (form,) = edit.forms
    return _render_actions(request, assessment, form, edit.conflicts, edit.status)


# Tags the message of a saved action, so that its card says so too: on a phone, the page opens
# at the card, far from the messages at the top.
SAVED_ACTION = "saved-action-"


def _saved_action(request: HttpRequest) -> str | None:
    for message in messages.get_messages(request):
        if message.extra_tags.startswith(SAVED_ACTION):
            return message.extra_tags.removeprefix(SAVED_ACTION)
    return None


def _actions_url(assessment: Assessment, status: str | None, code: str) -> str:
    url = reverse("standards:assessment_actions", args=[assessment.pk])
    if status in ActionStatus.values:
        url += "?" + urlencode({"status": status})
    return f"{url}#action-{code}"


ACTION_COLUMNS = [
    Column("item", gettext_lazy("Item")),
    Column("standard", gettext_lazy("Standard")),
    Column("result", gettext_lazy("Result")),
    Column("status", gettext_lazy("Status")),
    Column("priority", gettext_lazy("Priority")),
    Column("next_step", gettext_lazy("Next step")),
    Column("owner_role", gettext_lazy("Owner (role)")),
    Column("due_date", gettext_lazy("Due date")),
    Column("overdue", gettext_lazy("Overdue")),
    Column("completed_on", gettext_lazy("Completed on")),
    Column("notes", gettext_lazy("Notes")),
    Column("evidence", gettext_lazy("Evidence")),
]


def _action_rows(assessment: Assessment) -> list[list]:
    today = timezone.localdate()
    return [
        [
            answer.item_code,
            answer.item_key_phrase or answer.item_text,
            answer.get_result_display(),
            answer.get_action_status_display(),
            answer.get_priority_display(),
            answer.next_step,
            answer.owner_role,
            answer.due_date,
            _("yes") if answer.is_overdue(today) else "",
            answer.completed_on,
            answer.notes,
            answer.evidence,
        ]
        for answer in _action_items(assessment)
    ]


def _actions_filename(assessment: Assessment, extension: str) -> str:
    return f"action-plan-{assessment.national_society.iso2}-{assessment.pk}.{extension}"


@login_required
def assessment_actions_csv(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _get_assessment_for_user(request, pk)
    return csv_response(
        _actions_filename(assessment, "csv"), ACTION_COLUMNS, _action_rows(assessment)
    )


@login_required
def assessment_actions_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _get_assessment_for_user(request, pk)
    caption = _(
        "Action plan of %(society)s, assessment started %(started)s; exported %(when)s."
    ) % {
        "society": assessment.national_society.name,
        "started": timezone.localtime(assessment.created_at).strftime("%Y-%m-%d"),
        "when": timezone.localtime().strftime("%Y-%m-%d %H:%M %Z"),
    }
    return xlsx_response(
        _actions_filename(assessment, "xlsx"),
        [Sheet(_("Action plan"), labels(ACTION_COLUMNS), _action_rows(assessment))],
        caption=caption,
    )


@login_required
def assessment_history(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _get_assessment_for_user(request, pk)
    workflow = assessment.history.select_related("history_user").exclude(history_change_reason=None)
    return render(
        request,
        "standards/assessment_history.html",
        {
            "assessment": assessment,
            "changes": assessment.answer_changes(),
            "workflow": workflow,
        },
    )
