"""The flow every page follows that edits a record under a version guard."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _

from tipguide.core.forms import edited, rebuilt_after_conflict
from tipguide.core.services import Stale


class Outcome(StrEnum):
    SAVED = "saved"
    UNCHANGED = "unchanged"
    INVALID = "invalid"
    CONFLICT = "conflict"


@dataclass
class Edit:
    """What came of an edit, and the forms to show if the page is shown again."""

    outcome: Outcome
    forms: Sequence
    conflicts: list = field(default_factory=list)

    @property
    def done(self) -> bool:
        """Tell whether the page redirects: the edit was saved, or there was nothing to save."""
        return self.outcome in (Outcome.SAVED, Outcome.UNCHANGED)

    @property
    def status(self) -> int:
        return 409 if self.outcome is Outcome.CONFLICT else 400


def versioned_edit(
    request: HttpRequest,
    forms: Sequence,
    *,
    save: Callable,
    forms_for: Callable,
    invalid: str,
    conflict: str,
    always_save: bool = False,
) -> Edit:
    """Validate the posted `forms` and, unless the user changed nothing, `save(*forms)`.

    `save` claims the record's version and saves, or raises Stale. On Stale, build the forms
    again with `forms_for(record, data=None)` from the record as saved now, with the user's edits
    laid over it. `invalid` and `conflict` tell the user why nothing was saved. With
    `always_save`, save even what the user did not change.
    """
    if not all(form.is_valid() for form in forms):
        messages.error(request, invalid)
        return Edit(Outcome.INVALID, forms)
    if not always_save and not any(edited(form) for form in forms):
        messages.info(request, _("Nothing had changed, so nothing was saved."))
        return Edit(Outcome.UNCHANGED, forms)
    try:
        save(*forms)
    except Stale as stale:
        rebuilt = rebuilt_after_conflict(
            forms, forms_for(stale.current), partial(forms_for, stale.current)
        )
        messages.warning(request, conflict)
        return Edit(Outcome.CONFLICT, rebuilt, stale.changed)
    return Edit(Outcome.SAVED, forms)
