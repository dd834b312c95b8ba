from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import DefinitionElement, Passage, Resource, Source


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["number", "text", "url"]
    list_display_links = ["number", "text"]
    search_fields = ["text", "url"]
    ordering = ["number"]


@admin.register(Passage)
class PassageAdmin(SimpleHistoryAdmin):
    list_display = ["slug", "page", "position", "title"]
    list_filter = ["page"]
    list_editable = ["position"]
    search_fields = ["slug", "title", "text"]
    ordering = ["page", "position"]


@admin.register(DefinitionElement)
class DefinitionElementAdmin(SimpleHistoryAdmin):
    list_display = ["key", "position", "text"]
    ordering = ["position"]


@admin.register(Resource)
class ResourceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "collection", "position", "url"]
    list_filter = ["collection"]
    list_editable = ["position", "url"]
    search_fields = ["title", "description", "url"]
    ordering = ["collection", "position"]
