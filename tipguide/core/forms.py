from collections.abc import Callable, Sequence

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseFormSet, BaseModelFormSet, BoundField
from django.utils.translation import gettext_lazy as _

from tipguide.core.personal_data import described, personal_data_kinds


class VersionField(forms.IntegerField):
    """The version of a record a page was built from, sent back hidden with the form."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        # Bounded as the database's column is, so a tampered value is a form error, not a 500.
        super().__init__(min_value=1, max_value=2**31 - 1, **kwargs)


class ChecksPersonalData:
    """A form mixin: free text that looks like personal data (a phone number, an e-mail address,
    an ID-like number) is refused until the user confirms it is not personal data."""

    personal_data_fields: tuple[str, ...] = ()
    CONFIRM = "no_personal_data"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.CONFIRM] = forms.BooleanField(
            label=_(
                "I have checked: what I entered is not personal data (an organisation's hotline, "
                "say, or a document's reference)."
            ),
            required=False,
            widget=forms.CheckboxInput if self._confirmed() else forms.HiddenInput,
        )

    def _confirmed(self) -> bool:
        if not self.is_bound:
            return False
        value = self.data.get(self.add_prefix(self.CONFIRM))
        return forms.BooleanField().to_python(value)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(self.CONFIRM):
            return cleaned
        for name in self.personal_data_fields:
            kinds = personal_data_kinds(cleaned.get(name) or "")
            if kinds:
                self.fields[self.CONFIRM].widget = forms.CheckboxInput()
                self.add_error(
                    name,
                    _(
                        "This looks like it holds %(kinds)s. Record no personal data about "
                        "survivors, people at risk or anyone else: remove it, or tick the box "
                        "to confirm it is not personal data."
                    )
                    % {"kinds": described(kinds)},
                )
        return cleaned


class ShownValueBoundField(BoundField):
    """A bound field whose hidden copy of the value shown carries no `aria-*` attribute: it is
    no control anyone reads, and HTML allows none on a hidden input."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if (widget or self.field.widget).is_hidden:
            attrs.pop("aria-describedby", None)
        return attrs


class VersionedEditForm:
    """A form mixin for records edited under a version guard.

    Every edited field renders the value the user was shown in a hidden input, so
    `changed_data` is what the user changed, not what differs from the database now. After a
    conflict (`merged_after_conflict`), a field that both the user and someone else changed
    asks the user to keep their value or the saved one, and refuses to save until they choose.
    """

    KEEP_MINE, KEEP_SAVED = "mine", "saved"
    bound_field_class = ShownValueBoundField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.edited_fields = [name for name in self.fields if name in self._meta.fields]
        for name in self.edited_fields:
            self.fields[name].show_hidden_initial = True
        listed = _values(self.data, self.add_prefix("conflict")) if self.is_bound else []
        self.conflicts = [name for name in self.edited_fields if name in listed]
        self.choice_pending = False
        for name in self.conflicts:
            field = self.fields[name]
            mine = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            self.fields[keep_name(name)] = forms.ChoiceField(
                label=_("You and someone else both changed this. Which value should be kept?"),
                choices=[
                    (self.KEEP_MINE, _("Keep yours: %s") % _shown(field, mine)),
                    (
                        self.KEEP_SAVED,
                        _("Keep the saved one: %s") % _shown(field, self._saved(name)),
                    ),
                ],
                widget=forms.RadioSelect,
                required=False,
            )

    def _saved(self, name):
        """Return the value saved when the conflict was found: the page shows it as the initial
        one."""
        field = self.fields[name]
        return field.hidden_widget().value_from_datadict(
            self.data, self.files, self.add_initial_prefix(name)
        )

    def clean(self):
        cleaned = super().clean()
        for name in self.conflicts:
            choice = cleaned.get(keep_name(name))
            if choice == self.KEEP_SAVED:
                try:
                    cleaned[name] = self.fields[name].clean(self._saved(name))
                except ValidationError:
                    self.add_error(name, _("The saved value is no longer valid; enter another."))
            elif choice != self.KEEP_MINE and not self.choice_pending:
                self.add_error(keep_name(name), _("Choose which value to keep."))
        return cleaned

    @property
    def changed_data(self):
        kept = (
            {
                name
                for name in self.conflicts
                if self.cleaned_data.get(keep_name(name)) == self.KEEP_SAVED
            }
            if hasattr(self, "cleaned_data")
            else set()
        )
        return [
            name for name in super().changed_data if name in self.edited_fields and name not in kept
        ]


def keep_name(name: str) -> str:
    return f"keep-{name}"


def _values(data, key) -> list:
    if hasattr(data, "getlist"):
        return data.getlist(key)
    value = data.get(key, [])
    return value if isinstance(value, list) else [value]


def _shown(field, value) -> str:
    """Show a value as the user reads it: a choice by its label, nothing as "(empty)"."""
    if value in (None, "", False) and not isinstance(field, forms.BooleanField):
        return str(_("(empty)"))
    if isinstance(field, forms.BooleanField):
        return str(_("yes") if field.to_python(value) else _("no"))
    labels = {str(key): label for key, label in getattr(field, "choices", [])}
    return str(labels.get(str(value), value))


def merged_after_conflict(stale, current) -> dict:
    """Return the data to bind a fresh copy of `current` with after a conflict.

    `stale` is the user's bound form or formset, refused because someone saved meanwhile;
    `current` is the same form or formset, unbound, showing what is saved now. Per field, the
    result carries the user's value where the user changed it, and the saved value otherwise;
    where both changed a field to different values it carries the user's and lists the field as
    a conflict, for the user to choose. Every field's shown value is the saved one, so that
    saving the result changes only what the user changed. A form that edits no field of the
    record, such as one that carries the version alone, takes the saved values.
    """
    if not isinstance(current, BaseFormSet):
        if not isinstance(current, VersionedEditForm):
            return _not_edited(current)
        return _merged_form(stale, current)
    management = current.management_form
    data = {management.add_prefix(name): value for name, value in management.initial.items()}
    mine = {form.instance.pk: form for form in stale.initial_forms}
    for form in current.initial_forms:
        data[form.add_prefix(form._meta.model._meta.pk.name)] = str(form.instance.pk)
        edited = mine.get(form.instance.pk)
        data.update(_merged_form(edited, form) if edited else _saved_form(form))
        if edited and stale.can_delete and stale._should_delete_form(edited):
            data[form.add_prefix("DELETE")] = "on"
    added = [form for form in stale.extra_forms if form.has_changed()]
    total = len(current.initial_forms)
    for index, form in enumerate(added, start=total):
        new = current.empty_form
        new.prefix = current.add_prefix(index)
        for name in form.fields:
            data[new.add_prefix(name)] = form.data.get(form.add_prefix(name), "")
            data[new.add_initial_prefix(name)] = ""
    data[management.add_prefix("TOTAL_FORMS")] = str(total + len(added))
    return data


def rebuilt_after_conflict(stale: Sequence, current: Sequence, bind: Callable) -> Sequence:
    """Merge each of the `stale` forms and formsets with its `current` one, bind them all again
    with `bind(data)`, and show them without asking for choices yet."""
    data = {}
    for mine, saved in zip(stale, current, strict=True):
        data.update(merged_after_conflict(mine, saved))
    rebuilt = bind(data)
    for form_or_formset in rebuilt:
        for form in _forms(form_or_formset):
            form.choice_pending = True
    return rebuilt


def edited(form_or_formset) -> bool:
    """Tell whether the user changed, added or deleted a record; the version alone is no edit."""
    if isinstance(form_or_formset, BaseFormSet):
        formset = form_or_formset
        return any(
            edited(form) or (formset.can_delete and formset._should_delete_form(form))
            for form in formset.forms
        )
    return isinstance(form_or_formset, VersionedEditForm) and form_or_formset.has_changed()


def changed_records(formset) -> list:
    """Return the records of the formset's rows that the user changed."""
    return [form.instance for form in formset.forms if form.has_changed()]


def _forms(form_or_formset) -> list:
    if isinstance(form_or_formset, BaseFormSet):
        return form_or_formset.forms
    return [form_or_formset]


def _not_edited(current) -> dict:
    """Return the current values of the form's other fields, such as the version it was built
    from."""
    edited_fields = getattr(current, "edited_fields", ())
    return {
        current.add_prefix(name): current[name].value()
        for name in current.fields
        if name not in edited_fields
    }


def _saved_form(current) -> dict:
    data = _not_edited(current)
    for name in current.edited_fields:
        saved = current[name].value()
        data[current.add_prefix(name)] = saved
        data[current.add_initial_prefix(name)] = saved
    return data


def _merged_form(stale, current) -> dict:
    data, conflicts = _not_edited(current), []
    for name in current.edited_fields:
        field = current.fields[name]
        mine = field.widget.value_from_datadict(stale.data, stale.files, stale.add_prefix(name))
        shown = field.hidden_widget().value_from_datadict(
            stale.data, stale.files, stale.add_initial_prefix(name)
        )
        saved = current[name].value()
        value = saved
        if _differs(field, shown, mine):
            value = mine
            if _differs(field, shown, saved) and _differs(field, saved, mine):
                conflicts.append(name)
        data[current.add_prefix(name)] = value
        data[current.add_initial_prefix(name)] = saved
    data[current.add_prefix("conflict")] = conflicts
    return data


def _differs(field, first, second) -> bool:
    """Tell whether two raw or prepared values of `field` mean different things."""
    try:
        first = field.to_python(first)
    except ValidationError:
        return True
    return field.has_changed(first, second)


class ScopedModelFormSet(BaseModelFormSet):
    """A model formset that accepts only the ids of the objects it shows.

    Django builds the hidden id field from the model's default manager, so a tampered id of
    another record would pass validation.
    """

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields[self.model._meta.pk.name].queryset = self.get_queryset()
