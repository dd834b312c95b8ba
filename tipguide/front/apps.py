from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class FrontConfig(AppConfig):
    """Pages that compose the domains: home, search, a National Society's page, the dashboard."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "tipguide.front"
    label = "front"
    verbose_name = _("Pages")

    def ready(self):
        from .services import content_editors_sync

        # After every migrate, and after a test database is flushed, as Django makes permissions.
        post_migrate.connect(content_editors_sync, sender=self)
