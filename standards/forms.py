from django import forms
from django.forms import BoundField, modelformset_factory
from django.utils.translation import gettext_lazy as _

from tipguide.core.forms import (
    ChecksPersonalData,
    ScopedModelFormSet,
    VersionedEditForm,
    VersionField,
)
from tipguide.organisations.models import NationalSociety

from .models import ACTION_FIELDS, ANSWER_FIELDS, Answer, ItemComment, Result, due_date_check

# The id of the section page's one notice against personal data, which describes every free-text
# field instead of a copy of it under each.
PERSONAL_DATA_NOTE = "privacy-note"


class AnswerForm(ChecksPersonalData, VersionedEditForm, forms.ModelForm):
    """One item's answer."""

    personal_data_fields = ("reason", "notes", "evidence", "next_step", "owner_role")
    # Folded under the result until needed.
    more_fields = ("notes", "evidence", "next_step", "owner_role", "due_date")

    class Meta:
        model = Answer
        fields = ANSWER_FIELDS
        widgets = {
            "result": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 2}),
            "evidence": forms.Textarea(attrs={"rows": 2}),
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["result"].choices = Result.choices
        self.fields["result"].required = False
        for name in self.personal_data_fields:
            self.fields[name].help_text = ""
            self.fields[name].widget.attrs["aria-describedby"] = PERSONAL_DATA_NOTE
        self.fields[self.CONFIRM].widget.attrs["class"] = "form-check-input"

    def shows_more(self) -> bool:
        """Tell whether the folded fields open at once: one holds something, has an error or
        asks which value to keep."""
        return any(
            self[name].value() or name in self.errors or name in self.conflicts
            for name in self.more_fields
        )

    def clean_due_date(self):
        return _new_due_date(self)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("result") == Result.NOT_APPLICABLE and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Say why this item does not apply."))
        return cleaned


class BaseAnswerFormSet(ScopedModelFormSet):
    def saveable_forms(self) -> list:
        """Return the forms the user changed that are valid, to save even when others are not."""
        return [form for form in self.forms if form.is_valid() and form.has_changed()]

    def data_after_saving(self, saved: list):
        """Return the posted data as the page should show it once the `saved` forms are saved:
        those as saved now, every other form with what the user typed."""
        data = self.data.copy()
        for form in saved:
            prefixes = (f"{form.prefix}-", f"initial-{form.prefix}-")
            for key in [key for key in data if key.startswith(prefixes)]:
                del data[key]
            data[form.add_prefix("id")] = str(form.instance.pk)
            for name in ANSWER_FIELDS:
                value = getattr(form.instance, name)
                data[form.add_prefix(name)] = data[form.add_initial_prefix(name)] = (
                    "" if value is None else str(value)
                )
        return data


AnswerFormSet = modelformset_factory(
    Answer,
    form=AnswerForm,
    formset=BaseAnswerFormSet,
    extra=0,
    edit_only=True,
    max_num=0,
    validate_max=False,
    # A section holds a few dozen items: a tampered form count must not build a thousand forms.
    absolute_max=100,
)


def _new_due_date(form):
    """The form's due date, refused if it is new and in the past (the one stored stays valid)."""
    due_date = form.cleaned_data["due_date"]
    due_date_check(due_date, stored=form.instance.due_date)
    return due_date


class _ActionBoundField(BoundField):
    """Leave the hidden "initial" copy of a field without the field's error description: a
    hidden input may carry no aria attribute."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if (widget or self.field.widget).is_hidden:
            attrs.pop("aria-describedby", None)
        return attrs


class ActionForm(VersionedEditForm, forms.ModelForm):
    """One action of the plan: its status, priority and due date, under the action's version."""

    bound_field_class = _ActionBoundField
    version = VersionField()

    class Meta:
        model = Answer
        fields = ACTION_FIELDS
        labels = {"action_status": _("Status")}
        widgets = {
            "action_status": forms.Select(attrs={"class": "form-select form-select-sm"}),
            "priority": forms.Select(attrs={"class": "form-select form-select-sm"}),
            "due_date": forms.DateInput(
                attrs={"type": "date", "class": "form-control form-control-sm"}, format="%Y-%m-%d"
            ),
        }

    def __init__(self, *args, instance, **kwargs):
        super().__init__(
            *args,
            instance=instance,
            prefix=f"action-{instance.item_code}",
            initial={"version": instance.action_version},
            **kwargs,
        )

    def clean_due_date(self):
        return _new_due_date(self)


class VersionForm(forms.Form):
    version = VersionField()


class StartAssessmentForm(forms.Form):
    national_society = forms.ModelChoiceField(
        queryset=NationalSociety.objects.none(), label=_("National Society")
    )
    from_previous = forms.BooleanField(
        required=False,
        label=_("Start from the answers of the last reviewed assessment"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        societies = NationalSociety.objects.editable_by(user)
        self.fields["national_society"].queryset = societies
        if len(societies) == 1:
            self.fields["national_society"].initial = societies[0]


class ItemCommentForm(ChecksPersonalData, forms.ModelForm):
    """A reviewer's comment on one item; `item` names it by its code."""

    personal_data_fields = ("text",)
    item = forms.CharField(widget=forms.HiddenInput, max_length=10)

    class Meta:
        model = ItemComment
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
        labels = {"text": _("Comment on this item")}


class ReviewForm(ChecksPersonalData, forms.Form):
    personal_data_fields = ("comment",)

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("reviewed", _("Mark as reviewed")), ("returned", _("Return with comments"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comments for the focal points"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Do not include personal data about survivors or anyone at risk."),
    )
