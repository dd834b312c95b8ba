from django.contrib import admin

from tipguide.admin import GuidanceAdmin, PhrasesOnePerLine

from .models import ProtocolStep, Strategy


class ProtocolStepInline(PhrasesOnePerLine, admin.TabularInline):
    model = ProtocolStep
    fields = ["code", "position", "text", "emphasis", "is_prerequisite"]
    extra = 0


@admin.register(Strategy)
class StrategyAdmin(GuidanceAdmin):
    list_display = ["name", "code", "modality"]
    search_fields = ["name", "text"]
    inlines = [ProtocolStepInline]


@admin.register(ProtocolStep)
class ProtocolStepAdmin(GuidanceAdmin):
    list_display = ["code", "strategy", "is_prerequisite", "text"]
    list_filter = ["strategy", "is_prerequisite"]
    search_fields = ["code", "text"]
    list_select_related = ["strategy"]
