"""With DEBUG off the portal is secure by default, each setting can be changed from the
environment for a deployment behind a TLS proxy, and operators can ask whether it is ready."""

import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

import tipguide.settings

ROOT = Path(tipguide.settings.__file__).resolve().parent.parent
PRODUCTION = {
    "PATH": os.environ["PATH"],
    "SECRET_KEY": "a-production-secret-key-of-fifty-characters-or-more-1234567890",
    "ALLOWED_HOSTS": "portal.example.org",
    "EMAIL_URL": "smtp+tls://portal:secret@mail.example.org:587",
}
SECURITY_VARIABLES = [
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "EMAIL_URL",
    "SECURE_PROXY_SSL_HEADER",
    "CSRF_TRUSTED_ORIGINS",
]


def manage(*args, environment):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def production_settings(monkeypatch):
    """The settings as production reads them: only what .env.example says production sets."""
    for name in SECURITY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in PRODUCTION.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(tipguide.settings.__file__)


def test_the_deployment_check_finds_nothing_in_production():
    checked = manage("check", "--deploy", "--fail-level", "WARNING", environment=PRODUCTION)
    assert checked.returncode == 0, checked.stderr
    assert "no issues" in checked.stdout


def test_without_a_mail_address_commands_run_and_the_deployment_check_says_what_is_missing():
    without_mail = {name: value for name, value in PRODUCTION.items() if name != "EMAIL_URL"}
    assert manage("check", environment=without_mail).returncode == 0
    checked = manage("check", "--deploy", environment=without_mail)
    assert checked.returncode != 0
    assert "EMAIL_URL is not set" in checked.stderr


def test_production_sends_everything_over_https_with_host_only_cookies(production_settings):
    assert production_settings["SECURE_SSL_REDIRECT"] is True
    assert production_settings["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert production_settings["SESSION_COOKIE_SECURE"] is True
    assert production_settings["CSRF_COOKIE_SECURE"] is True
    assert production_settings["SESSION_COOKIE_NAME"] == "__Host-sessionid"
    assert production_settings["CSRF_COOKIE_NAME"] == "__Host-csrftoken"
    assert production_settings["SESSION_EXPIRE_AT_BROWSER_CLOSE"] is True
    assert production_settings["SESSION_SAVE_EVERY_REQUEST"] is True
    assert production_settings["SESSION_COOKIE_AGE"] == 3600


def test_a_proxy_set_up_is_read_from_the_environment(monkeypatch, production_settings):
    monkeypatch.setenv("SECURE_PROXY_SSL_HEADER", "HTTP_X_FORWARDED_PROTO,https")
    monkeypatch.setenv("CSRF_TRUSTED_ORIGINS", "https://portal.example.org")
    monkeypatch.setenv("SESSION_IDLE_TIMEOUT", "900")
    read = runpy.run_path(tipguide.settings.__file__)
    assert read["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert read["CSRF_TRUSTED_ORIGINS"] == ["https://portal.example.org"]
    assert read["SESSION_COOKIE_AGE"] == 900


@pytest.fixture
def behind_a_tls_proxy(settings):
    settings.ALLOWED_HOSTS = ["portal.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def sign_in_through_the_proxy(focal_ke):
    browser = Client(enforce_csrf_checks=True)
    forwarded = {"HTTP_HOST": "portal.example.org", "HTTP_X_FORWARDED_PROTO": "https"}
    browser.get(reverse("login"), **forwarded)
    token = browser.cookies[tipguide.settings.CSRF_COOKIE_NAME].value
    return browser.post(
        reverse("login"),
        {"username": "focal-ke", "password": "a-long-test-password", "csrfmiddlewaretoken": token},
        HTTP_ORIGIN="https://portal.example.org",
        **forwarded,
    )


def test_a_form_posted_through_an_https_proxy_is_accepted(behind_a_tls_proxy, focal_ke):
    response = sign_in_through_the_proxy(focal_ke)
    assert response.status_code == 302
    assert response.url == reverse("society_list")


def test_without_the_proxy_header_setting_the_post_is_refused(
    behind_a_tls_proxy, settings, focal_ke
):
    settings.SECURE_SSL_REDIRECT = False
    settings.SECURE_PROXY_SSL_HEADER = None
    assert sign_in_through_the_proxy(focal_ke).status_code == 403


def test_signed_in_pages_and_exports_are_kept_by_no_cache(client, manager_africa, kenya):
    client.force_login(manager_africa)
    for url in [reverse("society_detail", args=["KE"]), reverse("dashboard_csv")]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
        assert "private" in response["Cache-Control"], url


def test_public_pages_may_be_cached(client, db):
    assert "no-store" not in client.get(reverse("overview")).get("Cache-Control", "")


def test_every_page_refuses_browser_features_the_portal_does_not_use(client, db):
    policy = client.get(reverse("home"))["Permissions-Policy"]
    assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy


def test_the_portal_is_ready_when_the_database_and_the_cache_answer(client, db):
    response = client.get(reverse("ready"))
    assert (response.status_code, response.text) == (200, "ready")


def test_it_is_not_ready_without_its_cache(client, db, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    }
    response = client.get(reverse("ready"))
    assert (response.status_code, response.text) == (503, "unavailable: cache")


def test_it_is_not_ready_without_its_database(client, db, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    with monkeypatch.context() as patched:
        patched.setattr(connection, "cursor", unreachable)
        response = client.get(reverse("ready"))
    assert (response.status_code, response.text) == (503, "unavailable: database")


def test_liveness_reads_no_data(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get(reverse("health")).status_code == 200
