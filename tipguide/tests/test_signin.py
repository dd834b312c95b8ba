"""Signing in is throttled to help an account's owner, not someone guessing its password: five
wrong passwords lock the account at that address for an hour, more during the hour don't make
it longer, and resetting the password lifts the lock."""

import re
import runpy
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse

import tipguide.settings

PASSWORD = "a-long-test-password"


def sign_in(client, password, address="127.0.0.1", **headers):
    return client.post(
        reverse("login"),
        {"username": "focal-ke", "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def fail_five_times(client, **kwargs):
    """Five wrong passwords: the fifth answers with the lock page."""
    statuses = [sign_in(client, "wrong", **kwargs).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]


def let_time_pass(minutes):
    """Move every recorded failure `minutes` into the past."""
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= timedelta(minutes=minutes)
        attempt.save()


def test_five_wrong_passwords_lock_the_account_at_that_address_only(client, focal_ke):
    fail_five_times(client, address="198.51.100.1")
    locked = sign_in(client, PASSWORD, address="198.51.100.1")
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.text
    assert sign_in(client, PASSWORD, address="198.51.100.2").status_code == 302


def test_the_lock_ends_after_an_hour(client, focal_ke):
    fail_five_times(client)
    let_time_pass(minutes=61)
    assert sign_in(client, PASSWORD).status_code == 302


def test_a_wrong_password_during_the_lock_does_not_make_it_longer(client, focal_ke):
    fail_five_times(client)
    let_time_pass(minutes=59)
    assert sign_in(client, "wrong again").status_code == 429
    let_time_pass(minutes=2)
    assert sign_in(client, PASSWORD).status_code == 302


def test_resetting_the_password_lifts_the_lock(client, focal_ke):
    fail_five_times(client)
    client.post(reverse("password_reset"), {"email": focal_ke.email})
    link = re.search(r"/accounts/reset/\S+/", mail.outbox[0].body)[0]
    form = client.get(link, follow=True)
    new = {"new_password1": "another-long-password", "new_password2": "another-long-password"}
    assert client.post(form.redirect_chain[-1][0], new).status_code == 302
    assert sign_in(client, "another-long-password").status_code == 302


@pytest.mark.parametrize("length", [256, 100_000])
def test_a_very_long_username_is_a_wrong_password(client, db, length):
    response = client.post(reverse("login"), {"username": "x" * length, "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.text
    assert AccessAttempt.objects.get().username == "x" * 255


@pytest.fixture
def behind_a_proxy(settings):
    """A reverse proxy that puts the client's address in X-Forwarded-For."""
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    settings.AXES_IPWARE_PROXY_COUNT = 0


def test_behind_a_proxy_the_forwarded_address_is_the_one_locked(client, focal_ke, behind_a_proxy):
    fail_five_times(client, address="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1")
    locked = sign_in(client, PASSWORD, address="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert locked.status_code == 429
    other = sign_in(client, PASSWORD, address="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert other.status_code == 302


def test_without_a_proxy_the_forwarded_address_is_ignored(client, focal_ke):
    fail_five_times(client, HTTP_X_FORWARDED_FOR="198.51.100.1")
    forged = sign_in(client, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert forged.status_code == 429


def test_the_proxy_header_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("AXES_IPWARE_META_PRECEDENCE_ORDER", "HTTP_X_FORWARDED_FOR,REMOTE_ADDR")
    monkeypatch.setenv("AXES_IPWARE_PROXY_COUNT", "0")
    read = runpy.run_path(tipguide.settings.__file__)
    assert read["AXES_IPWARE_META_PRECEDENCE_ORDER"] == ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    assert read["AXES_IPWARE_PROXY_COUNT"] == 0


def test_no_proxy_header_is_trusted_unless_the_environment_names_one(monkeypatch):
    monkeypatch.delenv("AXES_IPWARE_META_PRECEDENCE_ORDER", raising=False)
    monkeypatch.delenv("AXES_IPWARE_PROXY_COUNT", raising=False)
    read = runpy.run_path(tipguide.settings.__file__)
    assert read["AXES_IPWARE_META_PRECEDENCE_ORDER"] == ["REMOTE_ADDR"]
    assert read["AXES_IPWARE_PROXY_COUNT"] is None
