from django import forms
from django.forms import BaseModelFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from .models import ContactRole, SocietyProfile


class SocietyProfileForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = SocietyProfile
        fields = ["runs_tip_services"]


ContactRoleFormSet = inlineformset_factory(
    SocietyProfile,
    ContactRole,
    fields=["title", "responsibility", "position"],
    extra=2,
    max_num=20,
    validate_max=True,
    can_delete=True,
    labels={"position": _("Order")},
)


class ShowsWhatWasSeen:
    """A form mixin: every field renders its initial value hidden, so `has_changed()` compares
    the user's input with what the user was shown, not with what is saved now."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.show_hidden_initial = True


class ScopedModelFormSet(BaseModelFormSet):
    """A model formset that accepts only the ids of the objects it shows.

    Django builds the hidden id field from the model's default manager, so a tampered id of
    another record would pass validation.
    """

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields[self.model._meta.pk.name].queryset = self.get_queryset()


def reapply_edits(formset_class, stale_formset, queryset, fields):
    """A bound formset showing what is saved now, with the user's own edits laid over it.

    Saved again, it changes only the rows the user edited.
    """
    current = formset_class(queryset=queryset)
    management = current.management_form
    data = {management.add_prefix(name): value for name, value in management.initial.items()}
    edited = {form.instance.pk: form for form in stale_formset.forms if form.has_changed()}
    for form in current.forms:
        mine = edited.get(form.instance.pk)
        data[form.add_prefix("id")] = str(form.instance.pk)
        for name in fields:
            saved = form[name].value()
            saved = "" if saved is None else str(saved)
            data[form.add_initial_prefix(name)] = saved
            data[form.add_prefix(name)] = (
                stale_formset.data.get(mine.add_prefix(name), "") if mine else saved
            )
    return formset_class(data, queryset=queryset)
