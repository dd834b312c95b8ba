"""Mail when production has not said where mail goes: commands that send none run, and a
deployment check names the setting that is missing."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.core.mail.backends.base import BaseEmailBackend

NOT_CONFIGURED = "tipguide.core.mail.NotConfiguredEmailBackend"


class NotConfiguredEmailBackend(BaseEmailBackend):
    """Refuses to send: a message that can't go anywhere is an error, not silently dropped."""

    def send_messages(self, email_messages):
        raise ImproperlyConfigured("Set EMAIL_URL, e.g. smtp+tls://user:password@host:587.")


@checks.register(checks.Tags.compatibility, deploy=True)
def check_mail_is_configured(app_configs, **kwargs):
    if settings.EMAIL_BACKEND == NOT_CONFIGURED:
        return [
            checks.Error(
                "EMAIL_URL is not set: password-reset mail and error reports cannot be sent.",
                hint="Set EMAIL_URL, e.g. smtp+tls://user:password@host:587.",
                id="tipguide.E001",
            )
        ]
    return []
