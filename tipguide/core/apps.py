from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The guidance's content that every domain builds on: the base record, passages, sources and
    resources, and the helpers every write shares."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "tipguide.core"
    label = "core"
    verbose_name = _("Guidance")

    def ready(self):
        from tipguide.core import mail  # noqa: F401 (registers the deployment check on mail)
