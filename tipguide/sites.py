from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import is_content_editor


class TipguideAdminSite(admin.AdminSite):
    """The admin, open to staff and to content editors, who need no other flag."""

    site_header = _("TiP Guide administration")
    site_title = _("TiP Guide admin")

    def has_permission(self, request):
        user = request.user
        return user.is_active and (user.is_staff or is_content_editor(user))
