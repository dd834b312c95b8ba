from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import is_content_editor


class AdminLoginForm(AdminAuthenticationForm):
    """The admin's sign-in, open to content editors as well as staff."""

    def confirm_login_allowed(self, user):
        if is_content_editor(user):
            AuthenticationForm.confirm_login_allowed(self, user)
        else:
            super().confirm_login_allowed(user)


class TipguideAdminSite(admin.AdminSite):
    """The admin, open to staff and to content editors, who need no other flag."""

    site_header = _("TiP Guide administration")
    site_title = _("TiP Guide admin")
    login_form = AdminLoginForm

    def has_permission(self, request):
        user = request.user
        return user.is_active and (user.is_staff or is_content_editor(user))
