from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tipguide.core.editing import Outcome, versioned_edit
from tipguide.core.forms import changed_records
from tipguide.core.models import Page, Passage, Resource
from tipguide.organisations.shortcuts import get_society_for_user

from . import services
from .forms import PlanForm, StepStatusFormSet, StrategyRecordForm
from .models import Continuity, ContinuityPlan, Strategy


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


def _continuity_forms(plan: ContinuityPlan, data=None) -> list:
    return [
        StepStatusFormSet(data, queryset=plan.steps.select_related("step__strategy")),
        PlanForm(data, instance=plan, initial={"version": plan.version}),
    ]


@login_required
def continuity(request: HttpRequest, iso2: str) -> HttpResponse:
    society = get_society_for_user(request, iso2)
    current = Continuity.of(society)
    can_edit = society.can_edit(request.user)
    if current.plan is None:
        return _render_continuity(request, society, current, None, None, can_edit)
    if request.method != "POST":
        forms = _continuity_forms(current.plan)
        return _render_continuity(request, society, current, *forms, can_edit)
    if not can_edit:
        raise PermissionDenied

    def save(formset, plan_form):
        reviewed_changed = "referral_pathways_reviewed_on" in plan_form.changed_data
        services.continuity_plan_save(
            plan=current.plan,
            user=request.user,
            version=plan_form.cleaned_data["version"],
            statuses=changed_records(formset),
            reviewed_on=(
                plan_form.cleaned_data["referral_pathways_reviewed_on"]
                if reviewed_changed
                else services.KEEP
            ),
        )

    edit = versioned_edit(
        request,
        _continuity_forms(current.plan, request.POST),
        save=save,
        forms_for=_continuity_forms,
        invalid=_("Some entries need correcting; nothing was saved."),
        conflict=_(
            "Someone saved this plan after you opened the page, so nothing was saved. Their "
            "changes are listed below; your edits are still in the form. Check them and save "
            "again to apply them."
        ),
    )
    if edit.outcome is Outcome.SAVED:
        messages.success(request, _("Continuity plan saved."))
    if edit.done:
        return redirect("casemgmt:continuity", iso2=society.iso2)
    if edit.outcome is Outcome.CONFLICT:
        current = Continuity.of(society)
    return _render_continuity(request, society, current, *edit.forms, can_edit, edit=edit)


def _render_continuity(request, society, current, formset, plan_form, can_edit, edit=None):
    forms_by_step = {form.instance.step_id: form for form in formset.forms} if formset else {}
    strategies = Strategy.objects.prefetch_related("steps")
    columns = [
        (strategy, [(step, forms_by_step.get(step.pk)) for step in strategy.steps.all()])
        for strategy in strategies
    ]
    return render(
        request,
        "casemgmt/continuity.html",
        {
            "society": society,
            "continuity": current,
            "states": {status.step_id: status for status in current.statuses},
            "columns": columns,
            "formset": formset,
            "plan_form": plan_form,
            "can_edit": can_edit,
            "conflicts": edit.conflicts if edit else (),
            "history": society.strategy_records.select_related("strategy", "recorded_by")[:20],
            "shutdown_rule": Passage.objects.filter(slug="shutdown-and-refer").first(),
        },
        status=edit.status if edit else 200,
    )


@login_required
@require_POST
def continuity_start(request: HttpRequest, iso2: str) -> HttpResponse:
    society = get_society_for_user(request, iso2, write=True)
    services.continuity_plan_start(national_society=society, user=request.user)
    messages.success(request, _("Continuity plan ready: record where each step stands."))
    return redirect("casemgmt:continuity", iso2=society.iso2)


@login_required
def strategy_change(request: HttpRequest, iso2: str) -> HttpResponse:
    society = get_society_for_user(request, iso2, write=True)
    form = StrategyRecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.strategy_record_create(
            national_society=society,
            user=request.user,
            strategy=form.cleaned_data["strategy"],
            since=form.cleaned_data["since"],
            note=form.cleaned_data["note"],
            face_to_face_can_continue=form.cleaned_data["face_to_face_can_continue"],
        )
        messages.success(request, _("Strategy in force recorded."))
        return redirect("casemgmt:continuity", iso2=society.iso2)
    return render(
        request,
        "casemgmt/strategy_change.html",
        {"society": society, "form": form},
        status=400 if form.errors else 200,
    )
