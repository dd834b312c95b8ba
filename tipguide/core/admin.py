import sys

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationInlineModelAdmin
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from tipguide.core.languages import (
    TRANSLATION_LANGUAGES,
    column,
    missing_translations,
    original,
    translated_fields,
)
from tipguide.core.models import DefinitionElement, Passage, Resource, Source


class HistoryAdmin(SimpleHistoryAdmin):
    """A record's change history shows each change's whole before and after, however long."""

    def get_historical_record_context_helper(self, request, historical_record):
        return HistoricalRecordContextHelper(
            self.model, historical_record, max_displayed_delta_change_chars=sys.maxsize
        )


class ChangeReasonForm(forms.ModelForm):
    """A guidance record's form asks why it is changed; the reason is kept in its history."""

    change_reason = forms.CharField(
        label=_("Reason for this change"),
        max_length=100,
        help_text=_(
            "Why the guidance's text is changed here, for example an official correction. "
            "It is shown in the record's change history."
        ),
    )


class PhraseListField(forms.CharField):
    """A list of phrases, typed one per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        return "\n".join(str(phrase) for phrase in value) if isinstance(value, list) else value

    def to_python(self, value):
        return [line.strip() for line in super().to_python(value).splitlines() if line.strip()]


class PhrasesOnePerLine:
    """Bold phrases are typed one per line, not as JSON."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "emphasis":
            return PhraseListField(
                label=capfirst(db_field.verbose_name),
                required=False,
                help_text=_(
                    "The phrases of the text the guidance sets in bold, one per line, each "
                    "exactly as it appears in the text."
                ),
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class SeededFields:
    """The fields of records seeded from the guidance and kept by their natural key.

    Once a record exists, its natural key and its `fixed_fields` (the fields that drive
    decisions, and any other key) are read-only: rules are code, and a renamed key would make
    the next seed_guidance create a duplicate.
    """

    fixed_fields: tuple[str, ...] = ()

    def fields_fixed_once_saved(self) -> list[str]:
        keys = [path.split("__")[0] for path in self.model.NATURAL_KEY]
        return [*keys, *self.fixed_fields]


def _language_name(code: str) -> str:
    return str(get_language_info(code)["name_translated"])


class MissingTranslationFilter(admin.SimpleListFilter):
    """The records that have English words without a translation in one language."""

    title = _("missing a translation")
    parameter_name = "untranslated"

    def lookups(self, request, model_admin):
        return [(code, capfirst(_language_name(code))) for code in TRANSLATION_LANGUAGES]

    def queryset(self, request, queryset):
        language = self.value()
        if language not in TRANSLATION_LANGUAGES:
            return queryset
        missing = Q()
        for name in translated_fields(queryset.model):
            translation = column(name, language)
            missing |= ~Q(**{original(name): ""}) & (
                Q(**{f"{translation}__isnull": True}) | Q(**{translation: ""})
            )
        return queryset.filter(missing)


class SeededAdmin(SeededFields, TranslationAdmin, HistoryAdmin):
    """A seeded record's page: its fixed fields are read-only once it exists, and stay as stored
    when an earlier version is reverted from the change history.

    Its words have a field per language, where editors enter official translations; the list
    shows, and filters, the records that lack one.
    """

    def get_list_display(self, request):
        return [*super().get_list_display(request), "translations_missing"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), MissingTranslationFilter]

    @admin.display(description=_("not yet translated into"))
    def translations_missing(self, obj) -> str:
        languages = [code for code in TRANSLATION_LANGUAGES if missing_translations(obj, code)]
        return ", ".join(_language_name(code) for code in languages) or "—"

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            readonly += [name for name in self.fields_fixed_once_saved() if name not in readonly]
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        readonly = self.get_readonly_fields(request, obj)
        fields = super().get_prepopulated_fields(request, obj)
        return {name: sources for name, sources in fields.items() if name not in readonly}

    def save_model(self, request, obj, form, change):
        if change:
            # Reverting to an earlier version from the change history brings back every field.
            stored = type(obj)._default_manager.get(pk=obj.pk)
            for name in self.fields_fixed_once_saved():
                attname = obj._meta.get_field(name).attname
                setattr(obj, attname, getattr(stored, attname))
        super().save_model(request, obj, form, change)


class GuidanceAdmin(PhrasesOnePerLine, SeededAdmin):
    """Guidance content: the Content editors group's permissions let its members change it.

    Where `fixed_records` is set, which records exist is itself a rule: none is added or
    deleted here, only seeded.
    """

    fixed_records = False
    form = ChangeReasonForm

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        return [*(name for name in fields if name != "change_reason"), "change_reason"]

    def save_model(self, request, obj, form, change):
        obj._change_reason = form.cleaned_data["change_reason"]
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        # The records changed on the parent's page are changed for the parent's reason.
        for inline_form in formset.forms:
            inline_form.instance._change_reason = form.cleaned_data["change_reason"]
        super().save_formset(request, form, formset, change)

    def has_add_permission(self, request):
        if self.fixed_records:
            return False
        return super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        if self.fixed_records:
            return False
        return super().has_delete_permission(request, obj)


class GuidanceInline(PhrasesOnePerLine, SeededFields, TranslationInlineModelAdmin):
    """Guidance records listed on their parent's page, where content editors change their words.

    A record is added on its own page, where its key is set once, and never deleted from here;
    so every row exists, and every row's key is read-only.
    """

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly + [name for name in self.fields_fixed_once_saved() if name not in readonly]

    def has_add_permission(self, request, obj):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(HistoryAdmin):
    """Records that focal points keep through the portal, behind its version guard: the admin
    shows them and their change history, and changes nothing."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # The change history would otherwise revert a record to an earlier version on POST.
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class ReadOnlyInline:
    """Rows shown on a read-only record's page."""

    def has_add_permission(self, request, obj):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Source)
class SourceAdmin(GuidanceAdmin):
    list_display = ["number", "text", "url"]
    list_display_links = ["number", "text"]
    search_fields = ["text", "url"]
    ordering = ["number"]


@admin.register(Passage)
class PassageAdmin(GuidanceAdmin):
    list_display = ["slug", "page", "position", "title"]
    list_filter = ["page"]
    search_fields = ["slug", "title", "text"]
    ordering = ["page", "position"]


@admin.register(DefinitionElement)
class DefinitionElementAdmin(GuidanceAdmin):
    list_display = ["key", "position", "text"]
    ordering = ["position"]


@admin.register(Resource)
class ResourceAdmin(GuidanceAdmin):
    list_display = ["title", "collection", "position", "url"]
    list_filter = ["collection"]
    search_fields = ["title", "description", "url"]
    ordering = ["collection", "position"]
