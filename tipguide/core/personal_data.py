"""Spot what looks like personal data in free text: the portal records readiness, never people."""

import re

from django.utils.translation import gettext_lazy as _

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A run of digits and the separators phone numbers are written with, optionally after a "+".
PHONE = re.compile(r"(?<![\w+])\+?\d[\d ()./-]{6,}\d(?!\w)")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A passport, national ID or case number: a few letters then six or more digits, or seven digits.
ID_NUMBER = re.compile(r"(?<!\w)(?:[A-Za-z]{1,3}-?\d{6,}|\d{7,})(?!\w)")

KINDS = {
    "email": _("an e-mail address"),
    "phone": _("a phone number"),
    "id": _("an ID-like number"),
}


def _phone_numbers(text: str) -> list[str]:
    found = []
    for match in PHONE.finditer(text):
        digits = sum(character.isdigit() for character in match[0])
        if 8 <= digits <= 15 and not ISO_DATE.fullmatch(match[0].strip()):
            found.append(match[0])
    return found


def personal_data_kinds(text: str) -> list[str]:
    """The kinds of personal data `text` seems to hold: "email", "phone", "id"."""
    text = text or ""
    kinds = []
    if EMAIL.search(text):
        kinds.append("email")
    phones = _phone_numbers(EMAIL.sub("", text))
    if phones:
        kinds.append("phone")
    rest = EMAIL.sub("", text)
    for phone in phones:
        rest = rest.replace(phone, "")
    if ID_NUMBER.search(rest):
        kinds.append("id")
    return kinds


def described(kinds: list[str]) -> str:
    """The kinds as words: "a phone number and an e-mail address"."""
    words = [str(KINDS[kind]) for kind in kinds]
    if len(words) < 2:
        return "".join(words)
    return str(_("%(some)s and %(last)s")) % {"some": ", ".join(words[:-1]), "last": words[-1]}
