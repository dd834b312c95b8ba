"""The POST data of one action's form on the action plan page."""

from standards.models import ACTION_FIELDS


def action_data(answer, version=None, **changes):
    """The action's form as the browser posts it, with `changes` by field name."""
    prefix = f"action-{answer.item_code}"
    data = {f"{prefix}-version": str(version or answer.action_version)}
    for name in ACTION_FIELDS:
        shown = getattr(answer, name)
        shown = "" if shown is None else str(shown)
        data[f"initial-{prefix}-{name}"] = shown
        data[f"{prefix}-{name}"] = str(changes.get(name, shown))
    return data
