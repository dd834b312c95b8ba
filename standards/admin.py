from django.contrib import admin

from tipguide.admin import GuidanceAdmin

from .models import ChecklistItem, Section, Topic


class ChecklistItemInline(admin.StackedInline):
    model = ChecklistItem
    fields = ["code", "position", "lead_in", "text", "emphasis"]
    extra = 0
    show_change_link = True


class TopicInline(admin.TabularInline):
    model = Topic
    fields = ["position", "text", "emphasis"]
    extra = 0


@admin.register(Section)
class SectionAdmin(GuidanceAdmin):
    list_display = ["number", "title", "applies_to"]
    list_display_links = ["number", "title"]
    list_filter = ["applies_to"]
    search_fields = ["title", "text"]
    inlines = [ChecklistItemInline]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(GuidanceAdmin):
    list_display = ["code", "key_phrase", "section"]
    list_display_links = ["code", "key_phrase"]
    list_filter = ["section"]
    search_fields = ["code", "text", "lead_in"]
    list_select_related = ["section"]
    inlines = [TopicInline]
