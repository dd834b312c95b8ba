from django.contrib import admin

from tipguide.core.admin import GuidanceAdmin, GuidanceInline, ReadOnlyAdmin, ReadOnlyInline

from .models import Answer, Assessment, ChecklistItem, Section, Topic


class ChecklistItemInline(GuidanceInline, admin.StackedInline):
    model = ChecklistItem
    fields = ["code", "position", "lead_in", "text", "emphasis"]
    extra = 0
    show_change_link = True


class TopicInline(GuidanceInline, admin.TabularInline):
    model = Topic
    fields = ["position", "text", "emphasis"]
    extra = 0


@admin.register(Section)
class SectionAdmin(GuidanceAdmin):
    list_display = ["number", "title", "applies_to"]
    list_display_links = ["number", "title"]
    list_filter = ["applies_to"]
    search_fields = ["title", "text"]
    fixed_fields = ("applies_to",)
    fixed_records = True
    inlines = [ChecklistItemInline]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(GuidanceAdmin):
    list_display = ["code", "key_phrase", "section"]
    list_display_links = ["code", "key_phrase"]
    list_filter = ["section"]
    search_fields = ["code", "text", "lead_in"]
    list_select_related = ["section"]
    # An item's section decides whom it is asked of.
    fixed_fields = ("section",)
    fixed_records = True
    inlines = [TopicInline]


class AnswerInline(ReadOnlyInline, admin.TabularInline):
    model = Answer
    fields = ["item_code", "result", "reason", "next_step", "owner_role", "due_date"]
    extra = 0


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = ["national_society", "status", "created_at", "updated_at", "version"]
    list_filter = ["status", "national_society__region"]
    search_fields = ["national_society__name", "national_society__iso2"]
    list_select_related = ["national_society"]
    readonly_fields = ["score", "version", "created_at", "updated_at", "created_by"]
    inlines = [AnswerInline]
