from django.urls import path

from . import views

app_name = "advocacy"
urlpatterns = [
    path("", views.index, name="index"),
    path("messages/<code:code>/", views.message, name="message"),
    path("briefings/", views.briefing_list, name="briefing_list"),
    path("briefings/new/", views.briefing_start, name="briefing_start"),
    path("briefings/<int:pk>/", views.briefing_detail, name="briefing_detail"),
    path("briefings/<int:pk>/edit/", views.briefing_edit, name="briefing_edit"),
    path("briefings/<int:pk>/add/", views.briefing_add, name="briefing_add"),
    path("briefings/<int:pk>/briefing.docx", views.briefing_docx, name="briefing_docx"),
    path("briefings/<int:pk>/history/", views.briefing_history, name="briefing_history"),
]
