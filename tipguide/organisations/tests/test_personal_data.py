"""Do no harm: free text that looks like personal data is refused or must be confirmed."""

import pytest
from django.urls import reverse

from tipguide.core.personal_data import personal_data_kinds
from tipguide.core.tests.posting import form_as_shown
from tipguide.organisations.models import ContactRole, SocietyProfile


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Call +254 712 345 678 after six", ["phone"]),
        ("tel. 0712345678", ["phone"]),
        ("Write to jane.doe@example.org", ["email"]),
        ("Passport A1234567 seen", ["id"]),
        ("Reviewed on 2026-01-15 and again on 2026-03-01", []),
        ("Policy 2.1 adopted in 2020 by 35 staff; budget 100,000 CHF", []),
        ("Hotline 1195 staffed from 8 to 17", []),
    ],
)
def test_phone_numbers_e_mail_addresses_and_id_numbers_are_spotted_but_dates_are_not(text, kinds):
    assert personal_data_kinds(text) == kinds


def test_a_contact_role_holding_a_phone_number_is_refused_with_the_reason(client, kenya, focal_ke):
    client.force_login(focal_ke)
    url = reverse("society_profile", args=["KE"])
    data = form_as_shown(client.get(url).text)
    data["contact_roles-0-title"] = "PGI focal point"
    data["contact_roles-0-responsibility"] = "Referrals: call +254 712 345 678"
    response = client.post(url, data)
    assert response.status_code == 400
    assert "this holds a phone number, which reaches a person, not a role" in response.text
    assert not SocietyProfile.objects.exists()
    assert not ContactRole.objects.exists()
