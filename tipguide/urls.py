from django.contrib import admin
from django.urls import include, path, register_converter

from . import views


class GuidanceCodeConverter:
    """A code the guidance numbers things with: 1.3, 2.10, 1.1.2."""

    regex = r"[0-9]{1,2}(?:\.[0-9]{1,2}){1,2}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(GuidanceCodeConverter, "code")

urlpatterns = [
    path("", views.home, name="home"),
    path("overview/", views.overview, name="overview"),
    path("sources/", views.sources, name="sources"),
    path("resources/", views.resources, name="resources"),
    path("search/", views.search, name="search"),
    path("risks/", include("risks.urls")),
    path("standards/", include("standards.urls")),
    path("casemgmt/", include("casemgmt.urls")),
    path("advocacy/", include("advocacy.urls")),
    path("admin/", admin.site.urls),
]
