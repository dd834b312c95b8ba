"""Writes to a National Society's profile."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from tipguide.core.services import version_claimed
from tipguide.organisations.models import SocietyProfile


class StaleProfile(Exception):
    """Someone saved the profile after the user opened the page."""


def society_profile_update(*, profile, user, version: int, form, roles) -> None:
    """Save the profile form and its contact-role formset, unless saved since `version`."""
    if not profile.national_society.can_edit(user):
        raise PermissionDenied
    try:
        with transaction.atomic():
            if profile.pk is None:
                exists = SocietyProfile.objects.filter(national_society=profile.national_society)
                if exists.exists():
                    raise StaleProfile
            elif not version_claimed(SocietyProfile.objects.filter(pk=profile.pk), version=version):
                raise StaleProfile
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
        raise StaleProfile from error
