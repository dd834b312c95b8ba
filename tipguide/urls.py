from axes.utils import reset as axes_reset
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter
from django.urls.converters import StringConverter

from tipguide.front import views
from tipguide.organisations import views as organisations_views


class IsoCodeConverter(StringConverter):
    """A National Society's two-letter ISO country code: KE, PH."""

    regex = r"[A-Z]{2}"


class GuidanceCodeConverter(StringConverter):
    """A code the guidance numbers things with: 1.3, 2.10, 1.1.2."""

    regex = r"[0-9]{1,2}(?:\.[0-9]{1,2}){1,2}"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's, and the new password lifts any lock on signing in, as the lock page promises."""

    def form_valid(self, form):
        response = super().form_valid(form)
        axes_reset(username=form.user.get_username())
        return response


register_converter(GuidanceCodeConverter, "code")
register_converter(IsoCodeConverter, "iso")

urlpatterns = [
    path("health/", views.health, name="health"),
    path("ready/", views.ready, name="ready"),
    path("language/", organisations_views.set_language, name="set_language"),
]

# English at the root, the other languages under their prefix (/fr/, /es/, /ar/), so a link
# keeps its language when shared.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("overview/", views.overview, name="overview"),
    path("sources/", views.sources, name="sources"),
    path("resources/", views.resources, name="resources"),
    path("search/", views.search, name="search"),
    path("societies/", views.society_list, name="society_list"),
    path("societies/<iso:iso2>/", views.society_detail, name="society_detail"),
    path(
        "societies/<iso:iso2>/profile/",
        organisations_views.society_profile,
        name="society_profile",
    ),
    path("societies/<iso:iso2>/report/", views.society_report, name="society_report"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/readiness.csv", views.dashboard_csv, name="dashboard_csv"),
    path("dashboard/readiness.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("accounts/notices/", organisations_views.account_notices, name="account_notices"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("risks/", include("risks.urls")),
    path("standards/", include("standards.urls")),
    path("casemgmt/", include("casemgmt.urls")),
    path("advocacy/", include("advocacy.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
