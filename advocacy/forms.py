from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from tipguide.core.forms import ChecksPersonalData, VersionedEditForm, VersionField
from tipguide.organisations.models import NationalSociety

from .models import Approach, Audience, Briefing, BriefingMessage, Message, Objective

# A briefing quotes at most the guidance's 26 messages; a tampered form count must not build
# a thousand forms.
MAX_MESSAGES = 60


class ApproachChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, approach):
        return _("Approach %(number)s: %(title)s") % {
            "number": approach.number,
            "title": approach.title,
        }


class BriefingStartForm(ChecksPersonalData, forms.ModelForm):
    """What a briefing is for, and the objectives whose messages it starts with."""

    personal_data_fields = ("title",)

    objectives = forms.ModelMultipleChoiceField(
        queryset=Objective.objects.select_related("approach"),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Objectives"),
        help_text=_(
            "Every message of a chosen objective is added; remove the ones you don't need on the "
            "next page."
        ),
    )
    message = forms.ModelChoiceField(
        queryset=Message.objects.select_related("objective"),
        to_field_name="code",
        required=False,
        widget=forms.HiddenInput,
    )
    approach = ApproachChoiceField(
        queryset=Approach.objects.all(),
        widget=forms.RadioSelect,
        empty_label=None,
        label=_("Approach"),
    )

    class Meta:
        model = Briefing
        fields = ["national_society", "title", "audience", "approach"]
        widgets = {"audience": forms.RadioSelect}

    def __init__(self, *args, societies, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["national_society"]
        field.queryset = societies
        field.empty_label = None
        if len(societies) == 1:
            field.widget = forms.HiddenInput()
        self.fields["audience"].choices = Audience.choices

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("objectives") and not cleaned.get("message") and not self.errors:
            self.add_error("objectives", _("Choose at least one objective."))
        return cleaned


class BriefingForm(ChecksPersonalData, VersionedEditForm, forms.ModelForm):
    personal_data_fields = ("title", *Briefing.CONTEXT_FIELDS)

    version = VersionField()
    approach = ApproachChoiceField(
        queryset=Approach.objects.all(),
        widget=forms.RadioSelect,
        empty_label=None,
        label=_("Approach"),
    )

    class Meta:
        model = Briefing
        fields = list(Briefing.EDITED_FIELDS)
        widgets = {
            "audience": forms.RadioSelect,
            "situation": forms.Textarea(attrs={"rows": 4}),
            "figures": forms.Textarea(attrs={"rows": 3}),
            "request": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A briefing always has an audience: radio buttons need no empty choice.
        self.fields["audience"].choices = Audience.choices


class BriefingMessageForm(VersionedEditForm, forms.ModelForm):
    class Meta:
        model = BriefingMessage
        fields = ["position"]
        labels = {"position": _("Place")}
        widgets = {"position": forms.NumberInput(attrs={"min": 0, "max": 999})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].max_value = 999


BriefingMessageFormSet = inlineformset_factory(
    Briefing,
    BriefingMessage,
    form=BriefingMessageForm,
    extra=0,
    edit_only=True,
    can_delete=True,
    max_num=MAX_MESSAGES,
    absolute_max=MAX_MESSAGES,
)


class MessageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, message):
        return f"{message.code} {message.plain_text()[:90]}"


class BriefingAddForm(forms.Form):
    """Add every message of an objective, or one message, to a briefing."""

    version = VersionField()
    objective = forms.ModelChoiceField(
        queryset=Objective.objects.all(),
        to_field_name="code",
        required=False,
        label=_("All the messages of an objective"),
        empty_label=_("(none)"),
    )
    message = MessageChoiceField(
        queryset=Message.objects.all(),
        to_field_name="code",
        required=False,
        label=_("Or one message"),
        empty_label=_("(none)"),
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("objective") and not cleaned.get("message") and not self.errors:
            raise forms.ValidationError(_("Choose an objective or a message to add."))
        return cleaned

    def messages(self) -> list[Message]:
        """The messages to add, in the guidance's order."""
        if self.cleaned_data.get("objective"):
            return list(self.cleaned_data["objective"].messages.select_related("objective"))
        return [self.cleaned_data["message"]]


def societies_for_briefings(user):
    """The National Societies whose briefings `user` writes, with what decides their
    recommended approach."""
    return NationalSociety.objects.editable_by(user).select_related("profile")
