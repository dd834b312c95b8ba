"""Writes to a National Society's profile, and to a user's own preferences."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F

from tipguide.core.services import Stale, version_claim
from tipguide.organisations.models import SocietyProfile, User


def society_profile_update(*, profile, user, version: int, form, roles) -> None:
    """Save the profile form and its contact-role formset, unless saved since `version`.

    Raise Stale with the profile as saved now.
    """
    if not profile.national_society.can_edit(user):
        raise PermissionDenied
    saved_now = SocietyProfile.objects.filter(national_society=profile.national_society)
    try:
        with transaction.atomic():
            if profile.pk is None:
                claimed = not saved_now.exists()
            else:
                claimed = version_claim(saved_now, version=version)
            if not claimed:
                raise Stale(saved_now.get())
            saved = form.save(commit=False)
            saved.version = version + 1
            saved.updated_by = user
            saved._history_user = user
            saved.save()
            for role in roles.save(commit=False):
                role._history_user = user
                role.save()
            for role in roles.deleted_objects:
                role._history_user = user
                role.delete()
    except IntegrityError as error:
        # Another first save of this profile won the race for its one row.
        raise Stale(saved_now.get()) from error


def user_preferences_update(*, user, version: int, receives_notices: bool, language: str) -> None:
    """Save the user's notices by e-mail (on or off) and language, unless saved since `version`.

    Raise Stale with the user as saved now.
    """
    rows = User.objects.filter(pk=user.pk)
    with transaction.atomic():
        if not version_claim(
            rows, version=version, receives_notices=receives_notices, language=language
        ):
            raise Stale(rows.get())


def user_language_choose(*, user, language: str) -> None:
    """Keep the language the user just chose from the switcher as their preference.

    The choice is the user's latest word on it, so it is saved whatever the version; the version
    still moves on, so the preferences page opened before it reports a conflict.
    """
    User.objects.filter(pk=user.pk).update(language=language, version=F("version") + 1)
