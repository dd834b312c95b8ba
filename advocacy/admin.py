from django.contrib import admin

from tipguide.core.admin import GuidanceAdmin, GuidanceInline

from .models import Approach, CoreAsk, Message, Objective, Principle


@admin.register(CoreAsk)
class CoreAskAdmin(GuidanceAdmin):
    list_display = ["number", "text"]
    list_display_links = ["number", "text"]


@admin.register(Principle)
class PrincipleAdmin(GuidanceAdmin):
    list_display = ["number", "text"]
    list_display_links = ["number", "text"]


class ObjectiveInline(GuidanceInline, admin.TabularInline):
    model = Objective
    fields = ["code", "position", "title"]
    extra = 0
    show_change_link = True


@admin.register(Approach)
class ApproachAdmin(GuidanceAdmin):
    list_display = ["number", "title", "recommended_for"]
    list_display_links = ["number", "title"]
    search_fields = ["title", "summary", "text"]
    # Which approach the portal recommends to a National Society.
    fixed_fields = ("for_societies_engaging_with_trafficked_people",)
    inlines = [ObjectiveInline]


class MessageInline(GuidanceInline, admin.StackedInline):
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
