from django.contrib import admin

from tipguide.admin import GuidanceAdmin, PhrasesOnePerLine

from .models import Approach, CoreAsk, Message, Objective, Principle


@admin.register(CoreAsk)
class CoreAskAdmin(GuidanceAdmin):
    list_display = ["number", "text"]
    list_display_links = ["number", "text"]


@admin.register(Principle)
class PrincipleAdmin(GuidanceAdmin):
    list_display = ["number", "text"]
    list_display_links = ["number", "text"]


class ObjectiveInline(admin.TabularInline):
    model = Objective
    fields = ["code", "position", "title"]
    extra = 0
    show_change_link = True


@admin.register(Approach)
class ApproachAdmin(GuidanceAdmin):
    list_display = ["number", "title", "recommended_for"]
    list_display_links = ["number", "title"]
    search_fields = ["title", "summary", "text"]
    inlines = [ObjectiveInline]


class MessageInline(PhrasesOnePerLine, admin.StackedInline):
    model = Message
    fields = ["code", "position", "text", "emphasis"]
    extra = 0


@admin.register(Objective)
class ObjectiveAdmin(GuidanceAdmin):
    list_display = ["code", "title", "approach"]
    list_display_links = ["code", "title"]
    list_filter = ["approach"]
    search_fields = ["code", "title"]
    list_select_related = ["approach"]
    inlines = [MessageInline]


@admin.register(Message)
class MessageAdmin(GuidanceAdmin):
    list_display = ["code", "text", "objective"]
    list_display_links = ["code", "text"]
    list_filter = ["objective__approach", "objective"]
    search_fields = ["code", "text"]
    list_select_related = ["objective"]
