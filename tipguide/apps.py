from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class TipguideConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "tipguide"
    verbose_name = _("Guidance overview")


class TipguideAdminConfig(admin_apps.AdminConfig):
    default = False
    # Its own module: the admin module registers on the default site, which must exist first.
    default_site = "tipguide.sites.TipguideAdminSite"
