from django import forms
from django.contrib import admin
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    ContactRole,
    DefinitionElement,
    Membership,
    NationalSociety,
    Passage,
    Region,
    Resource,
    SocietyProfile,
    Source,
    is_content_editor,
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


class GuidanceAdmin(PhrasesOnePerLine, SimpleHistoryAdmin):
    """Guidance content: content editors may change it, as superusers may."""

    def has_module_permission(self, request):
        return is_content_editor(request.user) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_content_editor(request.user) or super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return is_content_editor(request.user) or super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return is_content_editor(request.user) or super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return is_content_editor(request.user) or super().has_delete_permission(request, obj)


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
    list_editable = ["position"]
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
    list_editable = ["position", "url"]
    search_fields = ["title", "description", "url"]
    ordering = ["collection", "position"]


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code"]
    search_fields = ["name"]


@admin.register(NationalSociety)
class NationalSocietyAdmin(SimpleHistoryAdmin):
    """Reference data from IFRC GO, seeded like the guidance."""

    list_display = ["name", "country", "iso2", "region", "fdrs"]
    list_filter = ["region"]
    search_fields = ["name", "country", "iso2", "iso3", "fdrs"]
    list_select_related = ["region"]


class ContactRoleInline(admin.TabularInline):
    model = ContactRole
    extra = 0


@admin.register(SocietyProfile)
class SocietyProfileAdmin(SimpleHistoryAdmin):
    list_display = ["national_society", "runs_tip_services", "updated_at"]
    list_filter = ["runs_tip_services", "national_society__region"]
    search_fields = ["national_society__name"]
    list_select_related = ["national_society"]
    readonly_fields = ["version", "updated_at", "updated_by"]
    inlines = [ContactRoleInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "national_society", "region"]
    list_filter = ["role", "region"]
    search_fields = ["user__username", "user__email", "national_society__name"]
    list_select_related = ["user", "national_society", "region"]
    autocomplete_fields = ["user", "national_society"]
