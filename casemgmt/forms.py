from django import forms
from django.forms import modelformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tipguide.core.forms import (
    ChecksPersonalData,
    ScopedModelFormSet,
    VersionedEditForm,
    VersionField,
)

from .models import ContinuityPlan, State, StepStatus, Strategy, StrategyRecord

STEP_FIELDS = ["state", "notes"]


class StrategyRecordForm(ChecksPersonalData, forms.ModelForm):
    personal_data_fields = ("note",)

    strategy = forms.ModelChoiceField(
        queryset=Strategy.objects.all(),
        widget=forms.RadioSelect,
        empty_label=None,
        label=_("Government strategy in force"),
    )

    face_to_face_can_continue = forms.TypedChoiceField(
        label=_("Can static face-to-face case management continue?"),
        choices=[
            (
                "",
                _(
                    "As the guidance expects: yes under containment, no under delay and "
                    "mitigation/suppression"
                ),
            ),
            ("yes", _("Yes, it can continue")),
            ("no", _("No, it cannot continue")),
        ],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = StrategyRecord
        fields = ["strategy", "since", "face_to_face_can_continue", "note"]
        widgets = {"since": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean(self):
        cleaned = super().clean()
        strategy = cleaned.get("strategy")
        if cleaned.get("face_to_face_can_continue") is None and strategy:
            cleaned["face_to_face_can_continue"] = strategy.face_to_face_by_default
        return cleaned

    def clean_since(self):
        since = self.cleaned_data["since"]
        if since > timezone.localdate():
            raise forms.ValidationError(_("Record a strategy once it is in force, not before."))
        return since


class StepStatusForm(ChecksPersonalData, VersionedEditForm, forms.ModelForm):
    personal_data_fields = ("notes",)

    class Meta:
        model = StepStatus
        fields = STEP_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("Not recorded")), *State.choices]


StepStatusFormSet = modelformset_factory(
    StepStatus,
    form=StepStatusForm,
    formset=ScopedModelFormSet,
    extra=0,
    edit_only=True,
    max_num=0,
    # A plan holds a dozen steps: a tampered form count must not build a thousand forms.
    absolute_max=100,
)


class PlanForm(VersionedEditForm, forms.ModelForm):
    version = VersionField()

    class Meta:
        model = ContinuityPlan
        fields = ["referral_pathways_reviewed_on"]
        widgets = {
            "referral_pathways_reviewed_on": forms.DateInput(
                attrs={"type": "date"}, format="%Y-%m-%d"
            )
        }

    def clean_referral_pathways_reviewed_on(self):
        reviewed = self.cleaned_data["referral_pathways_reviewed_on"]
        if reviewed and reviewed > timezone.localdate():
            raise forms.ValidationError(_("The date of a review cannot be in the future."))
        return reviewed
