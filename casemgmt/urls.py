from django.urls import path

from . import views

app_name = "casemgmt"
urlpatterns = [
    path("", views.index, name="index"),
]
