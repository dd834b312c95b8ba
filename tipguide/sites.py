from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class TipguideAdminSite(admin.AdminSite):
    site_header = _("TiP Guide administration")
    site_title = _("TiP Guide admin")
