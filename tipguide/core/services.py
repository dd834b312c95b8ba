"""Writes that span models: seeding the guidance, and the version guard every edit shares."""

import json
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist
from django.core.serializers.base import DeserializedObject
from django.db import transaction
from django.db.models import F
from django.utils import translation

from tipguide.core.languages import (
    ORIGINAL_LANGUAGE,
    TRANSLATION_LANGUAGES,
    column,
    translated_fields,
)

GUIDANCE_FIXTURES = ["guidance", "societies", "risks", "standards", "casemgmt", "advocacy"]


class SeedStatus(StrEnum):
    MISSING = "missing"
    UNCHANGED = "unchanged"
    EDITED = "edited"
    # Deleted by an editor, or part of a record an editor deleted (a checklist item's topic).
    DELETED = "deleted"


@dataclass
class SeedReport:
    created: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    recreated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0


class GuidanceChanged(Exception):
    """Guidance records changed between listing what a reset replaces and replacing it."""

    def __init__(self, labels: list[str]):
        self.labels = labels
        super().__init__(f"Changed since they were listed: {', '.join(labels)}.")


def _fixture_path(name: str) -> Path:
    return Path(settings.BASE_DIR) / "fixtures" / f"{name}.json"


def _fixture_key(model, fields: dict) -> tuple:
    """Return the record's natural key as its fixture writes it: a related record's as a list."""
    return tuple(fields[path.split("__")[0]] for path in model.NATURAL_KEY)


def _label(model, key) -> str:
    def flat(parts):
        for part in parts:
            yield from flat(part) if isinstance(part, list) else [part]

    return f"{model._meta.verbose_name} {' '.join(str(part) for part in flat(key))}"


def _history(model, key):
    """Return the change history of every record that had this natural key, deleted ones too."""
    lookups = {}
    for path, value in zip(model.NATURAL_KEY, key, strict=True):
        key_field = model._meta.get_field(path.split("__")[0])
        if key_field.is_relation:
            # By every id the related record had: it may have been deleted, or created again.
            related = _history(key_field.related_model, value)
            lookups[f"{key_field.attname}__in"] = related.values("id")
        else:
            lookups[key_field.name] = value
    return model.history.filter(**lookups)


def _deleted(model, key) -> bool:
    latest = _history(model, key).order_by("-history_date", "-history_id").first()
    return latest is not None and latest.history_type == "-"


def _deserialized(record: dict) -> DeserializedObject | None:
    """Build the fixture's record; None when its natural key goes through a missing record.

    A reference to a missing record is left in `deferred_fields`.
    """
    try:
        return next(serializers.deserialize("python", [record], handle_forward_references=True))
    except ObjectDoesNotExist:
        return None


def _translations_kept(model, fields: dict) -> list[str]:
    """The columns of translations that the fixture's record does not give: an editor's
    translations, which seeding neither counts as edits nor overwrites."""
    return [
        column(name, language)
        for name in translated_fields(model)
        for language in TRANSLATION_LANGUAGES
        if column(name, language) not in fields
    ]


def _status(
    model, key, deserialized: DeserializedObject | None, *, deleting, kept=()
) -> SeedStatus:
    """Tell how the database differs from the fixture's record, leaving out the `kept` columns.

    `deleting` holds the models whose history records a deletion.
    """
    if deserialized is None or deserialized.object.pk is None:
        if deserialized is None or deserialized.deferred_fields:  # a record it needs is missing
            return SeedStatus.DELETED
        if model in deleting and _deleted(model, key):
            return SeedStatus.DELETED
        return SeedStatus.MISSING
    if deserialized.deferred_fields:  # it links to a record an editor deleted
        return SeedStatus.EDITED
    obj = deserialized.object
    # Locked until the seeding commits, so that what it found is still true when it writes.
    current = model._default_manager.select_for_update().get(pk=obj.pk)
    for model_field in obj._meta.concrete_fields:
        if model_field.attname in kept:
            continue
        if getattr(current, model_field.attname) != getattr(obj, model_field.attname):
            return SeedStatus.EDITED
    for name, pks in (deserialized.m2m_data or {}).items():
        if set(getattr(current, name).values_list("pk", flat=True)) != set(pks):
            return SeedStatus.EDITED
    return SeedStatus.UNCHANGED


def _write(deserialized: DeserializedObject, *, kept=()) -> None:
    obj = deserialized.object
    if obj.pk is not None and kept:
        stored = type(obj)._default_manager.filter(pk=obj.pk).values(*kept).first() or {}
        for attname, value in stored.items():
            setattr(obj, attname, value)
    obj._change_reason = "Seeded from the guidance"
    obj.save()
    for name, pks in (deserialized.m2m_data or {}).items():
        getattr(obj, name).set(pks)


def guidance_seed(
    *,
    reset: bool = False,
    dry_run: bool = False,
    fixtures: list[str] = GUIDANCE_FIXTURES,
    listed: SeedReport | None = None,
) -> SeedReport:
    """Insert the guidance records that are missing, but not those an editor deleted; with
    `reset`, also restore the edited and the deleted ones.

    With `dry_run`, report what would happen and write nothing. `listed` is the report of the dry
    run whose list of records to restore someone agreed to: if that list is no longer true, raise
    GuidanceChanged and write nothing.
    """
    report = SeedReport()
    # The fixtures give the guidance's English words: they go into the English columns,
    # whichever language is active.
    with transaction.atomic(), translation.override(ORIGINAL_LANGUAGE):
        for name in fixtures:
            with open(_fixture_path(name), encoding="utf-8") as stream:
                records = json.load(stream)
            models = {apps.get_model(record["model"]) for record in records}
            # Most often nothing was deleted: ask once a model rather than once a record.
            deleting = {
                model for model in models if model.history.filter(history_type="-").exists()
            }
            for record in records:
                model = apps.get_model(record["model"])
                key = _fixture_key(model, record["fields"])
                label = _label(model, key)
                deserialized = _deserialized(record)
                kept = _translations_kept(model, record["fields"])
                status = _status(model, key, deserialized, deleting=deleting, kept=kept)
                if status is SeedStatus.MISSING:
                    _write(deserialized)
                    report.created.append(label)
                elif status is SeedStatus.EDITED and reset:
                    _write(deserialized, kept=kept)
                    report.restored.append(label)
                elif status is SeedStatus.EDITED:
                    report.skipped.append(label)
                elif status is SeedStatus.DELETED and reset:
                    _write(deserialized)
                    report.recreated.append(label)
                elif status is SeedStatus.DELETED:
                    report.deleted.append(label)
                else:
                    report.unchanged += 1
        if listed is not None:
            changed = (set(report.restored) ^ set(listed.restored)) | (
                set(report.recreated) ^ set(listed.recreated)
            )
            if changed:
                raise GuidanceChanged(sorted(changed))
        transaction.set_rollback(dry_run)
    return report


class Stale(Exception):
    """Someone saved the record after the user opened the page, so nothing was saved.

    `current` is the record as saved now; `changed` lists the rows they changed, for the page to
    show as "Saved by someone else".
    """

    def __init__(self, current, changed=()):
        super().__init__("The record changed since the page was opened.")
        self.current = current
        self.changed = list(changed)


def version_claim(rows, *, version: int, **changes) -> bool:
    """Move the row of `rows` that is at `version` to the next version, with `changes`.

    A conditional UPDATE: it takes the row's lock, so of two saves made from one version exactly
    one claims it. False means someone saved since `version`, and nothing was changed.
    """
    return bool(rows.filter(version=version).update(version=F("version") + 1, **changes))
