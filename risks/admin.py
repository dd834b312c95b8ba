from django.contrib import admin

from tipguide.core.admin import GuidanceAdmin, GuidanceInline

from .models import AtRiskGroup, Category, RiskFactor


class RiskFactorInline(GuidanceInline, admin.StackedInline):
    model = RiskFactor
    fields = ["code", "position", "title", "text", "emphasis", "quote", "quote_attribution"]
    extra = 0
    show_change_link = True


@admin.register(Category)
class CategoryAdmin(GuidanceAdmin):
    list_display = ["number", "title"]
    list_display_links = ["number", "title"]
    search_fields = ["title", "intro", "note"]
    inlines = [RiskFactorInline]


@admin.register(RiskFactor)
class RiskFactorAdmin(GuidanceAdmin):
    list_display = ["code", "title", "category"]
    list_display_links = ["code", "title"]
    list_filter = ["category", "groups"]
    search_fields = ["code", "title", "text", "quote"]
    filter_horizontal = ["groups"]
    list_select_related = ["category"]


@admin.register(AtRiskGroup)
class AtRiskGroupAdmin(GuidanceAdmin):
    list_display = ["name", "slug", "position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
