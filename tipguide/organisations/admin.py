from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError

from tipguide.core.admin import ReadOnlyAdmin, ReadOnlyInline, SeededAdmin
from tipguide.organisations.models import (
    ContactRole,
    Membership,
    NationalSociety,
    Region,
    SocietyProfile,
    User,
)


@admin.register(Region)
class RegionAdmin(SeededAdmin):
    list_display = ["name", "code"]
    search_fields = ["name"]


@admin.register(NationalSociety)
class NationalSocietyAdmin(SeededAdmin):
    """Reference data from IFRC GO, seeded like the guidance."""

    fixed_fields = ("iso3",)

    list_display = ["name", "country", "iso2", "region", "fdrs"]
    list_filter = ["region"]
    search_fields = ["name", "country", "iso2", "iso3", "fdrs"]
    list_select_related = ["region"]


class ContactRoleInline(ReadOnlyInline, admin.TabularInline):
    model = ContactRole
    extra = 0


@admin.register(SocietyProfile)
class SocietyProfileAdmin(ReadOnlyAdmin):
    list_display = [
        "national_society",
        "has_tip_skills_and_experience",
        "has_tip_programmes_or_services",
        "engages_with_trafficked_people",
        "updated_at",
    ]
    list_filter = [
        "has_tip_programmes_or_services",
        "engages_with_trafficked_people",
        "national_society__region",
    ]
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

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.autocomplete_fields:
            kwargs["widget"] = KnownIdsAutocomplete(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class KnownIdsAutocomplete(AutocompleteSelect):
    """Django's autocomplete looks the submitted id up again to show it beside the error, and
    fails on a value that is no id at all: leave such a value out, the error says why."""

    def optgroups(self, name, value, attr=None):
        pk = self.field.remote_field.model._meta.pk
        return super().optgroups(name, [v for v in value if _is_id(pk, v)], attr)


def _is_id(pk, value) -> bool:
    try:
        pk.to_python(value)
    except ValidationError:
        return False
    return True


admin.site.register(User, UserAdmin)
