from django.urls import path

from . import views

app_name = "standards"
urlpatterns = [
    path("", views.index, name="index"),
    path("<code:code>/", views.item, name="item"),
    path("assessments/", views.assessment_list, name="assessment_list"),
    path("assessments/start/", views.assessment_start, name="assessment_start"),
    path("reviews/", views.review_queue, name="review_queue"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment_detail"),
    path(
        "assessments/<int:pk>/section/<int:number>/",
        views.assessment_section,
        name="assessment_section",
    ),
    path(
        "assessments/<int:pk>/section/<int:number>/comment/",
        views.assessment_comment,
        name="assessment_comment",
    ),
    path("assessments/<int:pk>/submit/", views.assessment_submit, name="assessment_submit"),
    path("assessments/<int:pk>/review/", views.assessment_review, name="assessment_review"),
    path("assessments/<int:pk>/actions/", views.assessment_actions, name="assessment_actions"),
    path(
        "assessments/<int:pk>/actions/<code:code>/",
        views.assessment_action,
        name="assessment_action",
    ),
    path(
        "assessments/<int:pk>/actions.csv",
        views.assessment_actions_csv,
        name="assessment_actions_csv",
    ),
    path(
        "assessments/<int:pk>/actions.xlsx",
        views.assessment_actions_xlsx,
        name="assessment_actions_xlsx",
    ),
    path("assessments/<int:pk>/history/", views.assessment_history, name="assessment_history"),
]
