from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    """Regions, National Societies, their profiles, users and who may do what."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "tipguide.organisations"
    label = "organisations"
    verbose_name = _("National Societies and access")
