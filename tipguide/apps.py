from django.contrib.admin import apps as admin_apps


class TipguideAdminConfig(admin_apps.AdminConfig):
    default = False
    # Its own module: the admin module registers on the default site, which must exist first.
    default_site = "tipguide.sites.TipguideAdminSite"
