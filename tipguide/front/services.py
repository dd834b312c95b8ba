"""Set-up that spans the domains."""

from django.apps import apps
from django.contrib.auth.models import Group, Permission

from tipguide.core.models import GuidanceRecord
from tipguide.organisations.models import CONTENT_EDITORS, NationalSociety, Region

# Which guidance records exist, and their keys and rules, the admin itself keeps fixed.
EDITOR_ACTIONS = ("view", "add", "change", "delete")


def content_editors_sync(**kwargs) -> Group:
    """Make the Content editors group hold every permission on the guidance's content, and no
    other: its staff members change the guidance's words in the admin, nothing else."""
    group, _ = Group.objects.get_or_create(name=CONTENT_EDITORS)
    content = [
        model
        for model in apps.get_models()
        if issubclass(model, GuidanceRecord) and model not in (Region, NationalSociety)
    ]
    codenames = {
        f"{action}_{model._meta.model_name}" for model in content for action in EDITOR_ACTIONS
    }
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in={model._meta.app_label for model in content},
            codename__in=codenames,
        )
    )
    return group
