from django.contrib import admin

from tipguide.core.admin import GuidanceAdmin, GuidanceInline

from .models import ProtocolStep, Strategy


class ProtocolStepInline(GuidanceInline, admin.TabularInline):
    model = ProtocolStep
    fields = ["code", "position", "text", "emphasis", "is_prerequisite"]
    fixed_fields = ("is_prerequisite",)
    extra = 0


@admin.register(Strategy)
class StrategyAdmin(GuidanceAdmin):
    list_display = ["name", "code", "modality"]
    fixed_fields = ("modality",)
    fixed_records = True
    search_fields = ["name", "text"]
    inlines = [ProtocolStepInline]


@admin.register(ProtocolStep)
class ProtocolStepAdmin(GuidanceAdmin):
    list_display = ["code", "strategy", "is_prerequisite", "text"]
    fixed_fields = ("strategy", "is_prerequisite")
    fixed_records = True
    list_filter = ["strategy", "is_prerequisite"]
    search_fields = ["code", "text"]
    list_select_related = ["strategy"]
