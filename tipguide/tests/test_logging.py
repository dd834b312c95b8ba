"""A server error leaves a trace: its traceback in gunicorn's log (stderr), and a mail to the
admins when ADMINS is set."""

import io
import logging
import runpy

import pytest
from django.core import mail
from django.urls import path

import tipguide.settings


def broken_view(request):
    raise RuntimeError("the view broke")


urlpatterns = [path("broken/", broken_view)]


@pytest.fixture
def broken_page(settings, client):
    """A page that raises, served with DEBUG off as in production."""
    settings.ROOT_URLCONF = __name__
    settings.DEBUG = False
    client.raise_request_exception = False
    return "/broken/"


@pytest.fixture
def stderr_log():
    """What the stderr handler writes."""
    (handler,) = [h for h in logging.getLogger("django").handlers if h.name == "stderr"]
    written = io.StringIO()
    stderr = handler.setStream(written)
    yield written
    handler.setStream(stderr)


def settings_from_environment(monkeypatch, **variables):
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(tipguide.settings.__file__)


def test_a_server_error_writes_its_traceback_to_stderr(client, broken_page, stderr_log):
    assert client.get(broken_page).status_code == 500
    log = stderr_log.getvalue()
    assert "ERROR django.request: Internal Server Error: /broken/" in log
    assert "Traceback (most recent call last)" in log
    assert "RuntimeError: the view broke" in log


def test_the_stderr_handler_writes_to_stderr():
    (handler,) = [h for h in logging.getLogger("django").handlers if h.name == "stderr"]
    assert isinstance(handler, logging.StreamHandler)
    assert "stream" not in tipguide.settings.LOGGING["handlers"]["stderr"]  # sys.stderr


def test_a_server_error_is_mailed_to_the_admins(client, settings, broken_page):
    settings.ADMINS = [("Ops", "ops@example.org")]
    client.get(broken_page)
    (message,) = mail.outbox
    assert message.to == ["ops@example.org"]
    assert "Internal Server Error: /broken/" in message.subject
    assert "RuntimeError at /broken/\nthe view broke" in message.body
    assert "Traceback" in message.body


def test_without_admins_no_mail_is_sent(client, settings, broken_page):
    settings.ADMINS = []
    client.get(broken_page)
    assert mail.outbox == []


def test_admins_are_read_from_the_environment(monkeypatch):
    read = settings_from_environment(
        monkeypatch, ADMINS="Ops <ops@example.org>, Ana Diaz <ana@example.org>"
    )
    assert read["ADMINS"] == [("Ops", "ops@example.org"), ("Ana Diaz", "ana@example.org")]


def test_no_admins_unless_the_environment_names_them(monkeypatch):
    monkeypatch.delenv("ADMINS", raising=False)
    assert settings_from_environment(monkeypatch)["ADMINS"] == []
