"""Writes that span models: seeding the guidance, and National Society profiles."""

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.exceptions import PermissionDenied
from django.core.serializers.base import DeserializedObject
from django.db import IntegrityError, transaction
from django.db.models import F

from .models import SocietyProfile

GUIDANCE_FIXTURES = ["tipguide", "societies", "risks", "standards", "casemgmt", "advocacy"]


class SeedStatus(StrEnum):
    MISSING = "missing"
    UNCHANGED = "unchanged"
    EDITED = "edited"


def _label(obj) -> str:
    key = " ".join(str(part) for part in obj.natural_key())
    return f"{obj._meta.verbose_name} {key}"


@dataclass
class SeedReport:
    created: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    unchanged: int = 0


def _fixture_path(name: str) -> Path:
    return Path(settings.BASE_DIR) / "fixtures" / f"{name}.json"


def _status(deserialized: DeserializedObject) -> SeedStatus:
    obj = deserialized.object
    if obj.pk is None:
        return SeedStatus.MISSING
    current = type(obj)._default_manager.get(pk=obj.pk)
    for model_field in obj._meta.concrete_fields:
        if getattr(current, model_field.attname) != getattr(obj, model_field.attname):
            return SeedStatus.EDITED
    for name, pks in (deserialized.m2m_data or {}).items():
        if set(getattr(current, name).values_list("pk", flat=True)) != set(pks):
            return SeedStatus.EDITED
    return SeedStatus.UNCHANGED


def _write(deserialized: DeserializedObject) -> None:
    obj = deserialized.object
    obj._change_reason = "Seeded from the guidance"
    obj.save()
    for name, pks in (deserialized.m2m_data or {}).items():
        getattr(obj, name).set(pks)


def guidance_seed(
    *, reset: bool = False, dry_run: bool = False, fixtures: list[str] = GUIDANCE_FIXTURES
) -> SeedReport:
    """Insert the guidance records that are missing; with `reset`, also restore edited ones.

    With `dry_run`, report what would happen and write nothing.
    """
    report = SeedReport()
    with transaction.atomic():
        for name in fixtures:
            with open(_fixture_path(name), encoding="utf-8") as stream:
                for deserialized in serializers.deserialize("json", stream):
                    status = _status(deserialized)
                    label = _label(deserialized.object)
                    if status is SeedStatus.MISSING:
                        _write(deserialized)
                        report.created.append(label)
                    elif status is SeedStatus.EDITED and reset:
                        _write(deserialized)
                        report.restored.append(label)
                    elif status is SeedStatus.EDITED:
                        report.skipped.append(label)
                    else:
                        report.unchanged += 1
        transaction.set_rollback(dry_run)
    return report


def version_claimed(rows, *, version: int, **changes) -> bool:
    """Move the row of `rows` that is at `version` to the next version, with `changes`.

    A conditional UPDATE: it takes the row's lock, so of two saves made from one version exactly
    one claims it. False means someone saved since `version`, and nothing was changed.
    """
    return bool(rows.filter(version=version).update(version=F("version") + 1, **changes))


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
