"""What a refused or forbidden request must leave as it was."""

from django.apps import apps

# The packages of the project's own apps, as .importlinter names them.
PROJECT_PACKAGES = {"tipguide", "risks", "standards", "casemgmt", "advocacy"}


def database_state():
    """Every row of the project's own tables, their change history included."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.app_config.name.split(".")[0] in PROJECT_PACKAGES
    }
