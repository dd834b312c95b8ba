from django.urls import path

from . import views

app_name = "risks"
urlpatterns = [
    path("", views.index, name="index"),
    path("<code:code>/", views.detail, name="detail"),
]
