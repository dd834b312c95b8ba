from django.urls import path

from . import views

app_name = "casemgmt"
urlpatterns = [
    path("", views.index, name="index"),
    path("<iso:iso2>/", views.continuity, name="continuity"),
    path("<iso:iso2>/start/", views.continuity_start, name="continuity_start"),
    path("<iso:iso2>/strategy/", views.strategy_change, name="strategy_change"),
]
