"""Writes to a National Society's briefings."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max

from tipguide.core.services import Stale, version_claim
from tipguide.organisations.models import NationalSociety

from .models import Approach, Briefing, BriefingMessage, Message


def briefing_start(
    *,
    national_society: NationalSociety,
    user,
    title: str,
    audience: str,
    approach: Approach,
    messages: list[Message],
) -> Briefing:
    """Start a briefing quoting `messages`, in that order, each once."""
    if not national_society.can_edit(user):
        raise PermissionDenied
    with transaction.atomic():
        briefing = Briefing(
            national_society=national_society,
            title=title.strip(),
            audience=audience,
            approach=approach,
            created_by=user,
            updated_by=user,
        )
        briefing.full_clean()
        briefing._history_user = user
        briefing.save()
        _quote(briefing, user, messages, after=0)
    return briefing


def briefing_update(
    *,
    briefing: Briefing,
    user,
    version: int,
    fields: dict,
    moved: list,
    removed: list,
    requoted: list = (),
) -> None:
    """Save the changed `fields`, the `moved` quotes' new places, remove the `removed` quotes and
    quote the guidance's current words for the `requoted` ones, unless the briefing was saved
    since `version`; then number the places 1, 2, 3.

    Raise Stale with the briefing as saved now.
    """
    if not briefing.can_edit(user):
        raise PermissionDenied
    if any(quote.briefing_id != briefing.pk for quote in [*moved, *removed, *requoted]):
        raise PermissionDenied
    with transaction.atomic():
        _claim(briefing, version, user)
        for name, value in fields.items():
            setattr(briefing, name, value)
        briefing.updated_by = user
        briefing._history_user = user
        briefing.full_clean()
        briefing.save()
        removing = {quote.pk for quote in removed}
        kept = {quote.pk: quote for quote in [*moved, *requoted] if quote.pk not in removing}
        for quote in removed:
            quote._history_user = user
            quote.delete()
        for quote in requoted:
            if quote.pk in kept and quote.message is not None:
                quote.requote()
        for quote in kept.values():
            quote._history_user = user
            quote.full_clean(exclude=["briefing", "message"])
            quote.save()
        _renumber(briefing)


def briefing_add_messages(
    *, briefing: Briefing, user, version: int, messages: list[Message]
) -> list[Message]:
    """Quote the `messages` the briefing does not quote yet at its end, unless it was saved since
    `version`. Return those added. Raise Stale with the briefing as saved now."""
    if not briefing.can_edit(user):
        raise PermissionDenied
    with transaction.atomic():
        _claim(briefing, version, user)
        briefing.updated_by = user
        briefing._history_user = user
        briefing.save()
        last = briefing.quoted_messages.aggregate(last=Max("position"))["last"] or 0
        return _quote(briefing, user, messages, after=last)


def _claim(briefing: Briefing, version: int, user) -> None:
    if not version_claim(Briefing.objects.filter(pk=briefing.pk), version=version):
        raise Stale(Briefing.objects.select_related("national_society").get(pk=briefing.pk))
    briefing.version = version + 1


def _quote(briefing: Briefing, user, messages: list[Message], *, after: int) -> list[Message]:
    quoted = set(briefing.quoted_messages.values_list("code", flat=True))
    added = []
    for message in messages:
        if message.code in quoted:
            continue
        quoted.add(message.code)
        added.append(message)
        quote = BriefingMessage.quoting(message, briefing=briefing, position=after + len(added))
        quote._history_user = user
        quote.save()
    return added


def _renumber(briefing: Briefing) -> None:
    """Number the places 1, 2, 3 in the order the user set, keeping the order of equal ones.

    Left out of the history, which records the moves the user made, not this tidying.
    """
    quotes = briefing.quoted_messages.order_by("position", "pk")
    for place, pk in enumerate(quotes.values_list("pk", flat=True), start=1):
        BriefingMessage.objects.filter(pk=pk).exclude(position=place).update(position=place)
